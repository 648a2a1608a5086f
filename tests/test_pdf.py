"""`locpipe build --pdf` on the bundled project, read back with poppler
(pdftotext, pdffonts, pdfinfo): every unit in order (Arabic: every word,
as pdftotext reads Arabic lines out of order), phone numbers in their
digit order, fonts embedded, the footer on every page, tagged with language
and title, reproducible, incremental. The PDFs are built once per module."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
import unicodedata
import zlib
from collections import Counter
from pathlib import Path

import polib
import pytest

from conftest import REPO, SOURCE_DATE_EPOCH, run
from pipeline import catalog as cat
from pipeline.localize import localize
from pipeline.render.inline import inline_plain
from pipeline.source import read_document
from pipeline.tokens import phone_numbers

SLUG = "cytokine-release-syndrome"
LANGUAGES = ["en", "es", "ar", "zh_Hans"]
BOTTOM_MARGIN_PT = 24 / 25.4 * 72  # print.css: the footer lives in the 24 mm bottom margin

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None or shutil.which("pdffonts") is None,
                                reason="poppler-utils (pdftotext, pdffonts) is not installed")


def _copy_project(root: Path) -> Path:
    root.mkdir()
    shutil.copytree(REPO / "source", root / "source")
    shutil.copytree(REPO / "locale", root / "locale", ignore=shutil.ignore_patterns("*.mo", ".locpipe.lock"))
    shutil.copy(REPO / "pyproject.toml", root / "pyproject.toml")
    return root


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The bundled project built once with --pdf."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", SOURCE_DATE_EPOCH)
        project = _copy_project(tmp_path_factory.mktemp("pdf") / "project")
        assert run(project, "build", "--pdf", "--quiet") == 0
        yield project


def _pdf(project: Path, language: str) -> Path:
    return project / "output" / language / f"{SLUG}.pdf"


def _pdfinfo(path: Path) -> dict[str, str]:
    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return dict(line.split(":", 1) for line in out.splitlines() if ":" in line)


def _pages(path: Path) -> int:
    return int(_pdfinfo(path)["Pages"])


def _text(path: Path, body_only: bool = False, page: int | None = None) -> str:
    """pdftotext's reading of the PDF; `body_only` leaves out the footer (the bottom margin)."""
    args = ["pdftotext", "-enc", "UTF-8"]
    if page is not None:
        args += ["-f", str(page), "-l", str(page)]
    if body_only:
        width, height = map(float, re.search(r"([\d.]+) x ([\d.]+)", _pdfinfo(path)["Page size"]).groups())
        args += ["-x", "0", "-y", "0", "-W", str(int(width)), "-H", str(int(height - BOTTOM_MARGIN_PT))]
    return subprocess.run(args + [str(path), "-"], capture_output=True, text=True, check=True).stdout


_INVISIBLE = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069\u00ad\\s]")


def _comparable(text: str) -> str:
    """Text as pdftotext gives it back, to compare: pdftotext joins a word
    broken at a hyphen, so hyphens and spaces go."""
    text = unicodedata.normalize("NFKC", text).replace("https://", "").replace("http://", "")
    return _INVISIBLE.sub("", text).replace("-", "")


_ARABIC_MARK = re.compile("[\u064b-\u065f\u0670]")
_SPACED_MARK = re.compile("(?<=\\w)\\s+(?=[\u064b-\u065f\u0670])")  # "فو ًرا": a mark pdftotext moved


def _arabic_words(text: str, marked: bool = True) -> Counter:
    """The words of Arabic text as pdftotext can give them back, counted.
    pdftotext reads lines whose vowel marks rise above them out of order,
    and splits a word at such a mark when it ends a line; it puts the lam
    of a lam-alef ligature after the alef, or past the next word's first
    letter (the PDF's ToUnicode is right: لى), and gives back ئ and ء as a
    bare hamza between two words; a mark may stand apart from its word, or
    at the start of the next. So words are compared without lam, ئ and
    ء, not in order, and (`marked` false) only the words written without
    vowel marks."""
    words = Counter()
    for word in re.findall("(?:[^\\W_\u0621\u0626]|[\u064b-\u065f\u0670])+", text):
        if not marked and _ARABIC_MARK.search(word):
            continue
        kept = "".join(c for c in unicodedata.normalize("NFKD", word) if unicodedata.category(c)[0] in "LN"
                       and c != "\u0644")
        words.update(kept.split() if kept else [])
    return words


def _letters(text: str) -> Counter:
    return Counter(c for c in unicodedata.normalize("NFKD", text) if unicodedata.category(c)[0] in "LN")


def _expected_units(project: Path, language: str) -> list[str]:
    """Each body unit's text as the page shows it, from the catalog and the source."""
    document = read_document(project / "source" / f"{SLUG}.md", f"source/{SLUG}.md", ["title", "description",
                                                                                      "category"])
    translations = {}
    if language != "en":
        po = polib.pofile(str(project / "locale" / language / "LC_MESSAGES" / f"{SLUG}.po"))
        translations = cat.translations(po)
    localized = localize(document, language, translations)
    return [inline_plain(localized.texts[unit.index].text) for unit in document.body_units()]


def _in_order(text: str, units: list[str]) -> list[int]:
    """The units not found, each searched after the one before."""
    missing, position = [], 0
    for number, unit in enumerate(units):
        found = text.find(unit, position)
        if found < 0:
            missing.append(number)
        else:
            position = found + len(unit)
    return missing


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_unit_in_order(built, language):
    text = _text(_pdf(built, language), body_only=True)
    units = _expected_units(built, language)
    assert len(units) > 50
    if language == "ar":
        in_pdf = _arabic_words(text) | _arabic_words(re.sub(_SPACED_MARK, "", text))
        assert _arabic_words(" ".join(units), marked=False) - in_pdf == Counter()
        assert _letters(" ".join(units)) - _letters(text) == Counter()
    else:
        assert _in_order(_comparable(text), [_comparable(unit) for unit in units]) == []


def test_in_order_check_sees_a_missing_and_a_moved_unit(built):
    """The check above can fail: a unit dropped, or two swapped."""
    pieces = _comparable(_text(_pdf(built, "es"), body_only=True))
    units = [_comparable(text) for text in _expected_units(built, "es")]
    assert _in_order(pieces, units + [_comparable("Llame al 212-639-20001 hoy.")]) == [len(units)]
    swapped = units[:5] + [units[6], units[5]] + units[7:]
    assert _in_order(pieces, swapped) != []
    arabic = _expected_units(built, "ar")
    text = _text(_pdf(built, "ar"), body_only=True)
    in_pdf = _arabic_words(text) | _arabic_words(re.sub(_SPACED_MARK, "", text))
    assert _arabic_words(" ".join(arabic), marked=False) - in_pdf == Counter()
    assert _arabic_words(" ".join(arabic + ["اتصل بالطبيب"]), marked=False) - in_pdf != Counter()


@pytest.mark.parametrize("language", LANGUAGES)
def test_phone_numbers_in_their_digit_order(built, language):
    text = _INVISIBLE.sub("", _text(_pdf(built, language)).replace("\n", " "))
    source = (REPO / "source" / f"{SLUG}.md").read_text(encoding="utf-8")
    numbers = {phone.text for phone in phone_numbers(source)}
    assert {"212-639-2000", "212-639-7900"} <= numbers
    for number in numbers:
        assert number in text, number
        assert "-".join(reversed(number.split("-"))) not in text
    assert re.search(r"(?<!\d)911(?!\d)", text)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_font_embedded(built, language):
    out = subprocess.run(["pdffonts", str(_pdf(built, language))], capture_output=True, text=True,
                         check=True).stdout
    rows = out.splitlines()[2:]
    assert rows and all(row.split()[-5] == "yes" for row in rows), out  # the "emb" column
    families = " ".join(row.split()[0] for row in rows)
    assert "Noto-Sans" in families
    assert {"ar": "Noto-Sans-Arabic", "zh_Hans": "Noto-Sans-CJK-SC"}.get(language, "Noto-Sans") in families


def _revision(project: Path, language: str) -> str:
    source = (project / "source" / f"{SLUG}.md").read_bytes()
    catalog = b"" if language == "en" else (project / "locale" / language / "LC_MESSAGES" / f"{SLUG}.po").read_bytes()
    return hashlib.sha256(hashlib.sha256(source).digest() + hashlib.sha256(catalog).digest()).hexdigest()[:8]


@pytest.mark.parametrize("language, page_of, language_name", [
    ("en", "Page {} of {}", "English"), ("es", "Página {} de {}", "Español")])
def test_footer_on_every_page(built, language, page_of, language_name):
    path = _pdf(built, language)
    pages = _pages(path)
    assert pages >= 3
    draft = polib.pofile(str(built / "locale" / "es" / "LC_MESSAGES" / "ui.po")).find(
        "Draft — not yet reviewed by a qualified medical translator").msgstr
    for page in range(1, pages + 1):
        text = " ".join(_text(path, page=page).split())
        assert page_of.format(page, pages) in text
        assert f"{SLUG} · 2025-06-16 · {_revision(built, language)}" in text
        assert language_name in text
        assert (draft in text) == (language == "es")
        assert "Draft — not yet reviewed" not in text


def test_print_has_no_navigation_form_or_repeated_address(built):
    text = " ".join(_text(_pdf(built, "en")).split())
    for chrome in ("Other languages", "Tell us what you think", "Submit", "Skip to content", "Español"):
        assert chrome not in text
    assert text.count("www.mskcc.org/pe/car-t-guide") == 1
    assert "https://www.mskcc.org/pe/car-t-guide" not in text
    assert "Learn about our Health Information Policy (www.mskcc.org/pe/health-information-policy)" in text


def _streams(path: Path) -> bytes:
    """Every stream of a PDF, inflated where it is compressed: object streams hold the catalog."""
    data = path.read_bytes()
    out = [data]
    for match in re.finditer(rb"stream\r?\n(.*?)endstream", data, re.S):
        try:
            out.append(zlib.decompress(match.group(1)))
        except zlib.error:
            pass
    return b"\n".join(out)


@pytest.mark.parametrize("language, tag", [("en", "en"), ("ar", "ar"), ("zh_Hans", "zh-Hans")])
def test_tagged_pdf_with_language_and_title(built, language, tag):
    path = _pdf(built, language)
    info = _pdfinfo(path)
    assert info["Tagged"].strip() == "yes"
    html = (built / "output" / language / f"{SLUG}.html").read_text(encoding="utf-8")
    title = re.search(r"<h1[^>]*>(.*?)</h1>", html).group(1)
    assert info["Title"].strip() == re.sub(r"<[^>]+>", "", title)
    streams = _streams(path)
    assert f"/Lang ({tag})".encode() in streams and b"/StructTreeRoot" in streams
    assert b"pdfuaid:part=\"1\"" in streams


def test_manifest_lists_pdfs_and_second_build_rewrites_nothing(built, capsys):
    manifest = json.loads((built / "output" / "manifest.json").read_text(encoding="utf-8"))["files"]
    pdfs = {entry["path"]: entry for entry in manifest if entry["path"].endswith(".pdf")}
    assert set(pdfs) == {f"{language}/{SLUG}.pdf" for language in ["en", "es", "zh_Hans", "ru", "ar", "ht"]}
    for name, entry in pdfs.items():
        data = (built / "output" / name).read_bytes()
        assert entry["sha256"] == hashlib.sha256(data).hexdigest() and data.startswith(b"%PDF-")
    capsys.readouterr()
    assert run(built, "build", "--pdf") == 0
    assert "0 files written, 1 document unchanged" in capsys.readouterr().out


def test_reproducible_bytes_and_stable_page_count(built, tmp_path, monkeypatch):
    """Another copy built from nothing, no data cache: the same bytes."""
    monkeypatch.setenv("LOCPIPE_CACHE_DIR", "off")
    other = _copy_project(tmp_path / "again")
    assert run(other, "build", "es", "--pdf", "--quiet") == 0
    for language in ("en", "es"):
        assert _pdf(other, language).read_bytes() == _pdf(built, language).read_bytes()
        assert _pages(_pdf(other, language)) == _pages(_pdf(built, language))


def test_a_changed_catalog_lays_out_only_its_own_pdf(built, tmp_path, monkeypatch):
    """One Spanish translation changes: the Spanish PDF is made again, the
    others come from the data cache (WeasyPrint is not called for them)."""
    project = tmp_path / "changed"
    shutil.copytree(built, project)
    path = project / "locale" / "es" / "LC_MESSAGES" / f"{SLUG}.po"
    po = polib.pofile(str(path))
    entry = next(e for e in po if e.msgid.startswith("CRS is a group of symptoms"))
    entry.msgstr = entry.msgstr.replace("síntomas", "signos")
    po.save(str(path))
    import pipeline.render.pdf as pdf
    laid_out = []
    real = pdf._weasyprint
    monkeypatch.setattr(pdf, "_weasyprint", lambda html: laid_out.append(html) or real(html))
    before = {language: _pdf(project, language).read_bytes() for language in ("en", "ar")}
    assert run(project, "build", "--pdf", "--jobs", "1", "--quiet") == 0  # one document: built in this process
    assert len(laid_out) == 1 and '<html lang="es"' in laid_out[0]
    assert "signos" in _text(_pdf(project, "es"))
    assert {language: _pdf(project, language).read_bytes() for language in ("en", "ar")} == before


def test_print_settings_qr_code_and_screenshots(built, tmp_path, monkeypatch):
    """formats = ["html", "pdf"] prints without --pdf and writes no text; A4
    and large print (14 pt) change the page size and count; with a base_url
    each PDF shows its address, and a QR code that zbarimg reads as it."""
    monkeypatch.setenv("LOCPIPE_CACHE_DIR", "off")
    project = _copy_project(tmp_path / "site")
    settings = project / "pyproject.toml"
    settings.write_text(settings.read_text(encoding="utf-8").replace(
        "[tool.locpipe]\n", '[tool.locpipe]\nformats = ["html", "pdf"]\n', 1)
        + '\n[tool.locpipe.site]\nbase_url = "https://example.org/patient-ed/"\n'
        + '\n[tool.locpipe.print]\npage_size = "A4"\nlarge_print = true\n', encoding="utf-8")
    assert run(project, "build", "es", "--quiet") == 0
    assert not (project / "output" / "es" / f"{SLUG}.txt").exists()

    letter, a4 = _pdfinfo(_pdf(built, "en")), _pdfinfo(_pdf(project, "en"))
    assert "(letter)" in letter["Page size"] and "(A4)" in a4["Page size"]
    assert _pages(_pdf(project, "en")) > _pages(_pdf(built, "en"))
    for path, size in ((_pdf(project, "en"), 14), (_pdf(built, "en"), 11)):
        words = subprocess.run(["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True,
                               check=True).stdout
        box = re.search(r'yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">immune</word>', words)
        # a body word's box is Noto Sans' ascent and descent: 1.362 times the font size
        assert (float(box.group(2)) - float(box.group(1))) / 1.362 == pytest.approx(size, abs=0.1)
    address = "example.org/patient-ed/es/cytokine-release-syndrome.html"
    text = "".join(_text(_pdf(project, "es")).split())  # the address breaks across lines anywhere
    assert f"Leaestapáginaenlínea:{address}" in text
    assert "Lea esta página en línea" not in " ".join(_text(_pdf(built, "es")).split())

    from pipeline.render.pdf import first_page_png
    png = first_page_png(_pdf(project, "es"), tmp_path / "es.png")
    assert png.read_bytes().startswith(b"\x89PNG")
    if shutil.which("zbarimg"):
        decoded = subprocess.run(["zbarimg", "--quiet", "--raw", str(png)], capture_output=True, text=True)
        assert decoded.stdout.split() == ["https://" + address]
    if shutil.which("chromium") and shutil.which("chromedriver"):
        assert run(project, "screenshots", "es") == 0
        assert (project / "output" / "screenshots" / f"es-{SLUG}-pdf.png").read_bytes().startswith(b"\x89PNG")


def test_bad_formats_and_page_size_are_refused(tmp_path, capsys):
    for setting in ('formats = ["pdf"]', 'formats = ["html", "docx"]'):
        project = _copy_project(tmp_path / f"bad{len(setting)}")
        settings = project / "pyproject.toml"
        settings.write_text(settings.read_text(encoding="utf-8").replace(
            "[tool.locpipe]\n", f"[tool.locpipe]\n{setting}\n", 1), encoding="utf-8")
        assert run(project, "build") == 2
        assert "setting 'formats' must list" in capsys.readouterr().err
        assert not (project / "output").exists()
    project = _copy_project(tmp_path / "legal")
    settings = project / "pyproject.toml"
    settings.write_text(settings.read_text(encoding="utf-8") + '\n[tool.locpipe.print]\npage_size = "legal"\n',
                        encoding="utf-8")
    assert run(project, "build") == 2
    assert "'page_size' of [print] must be \"letter\" or \"A4\"" in capsys.readouterr().err
