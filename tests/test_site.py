"""The output as a deployable site: canonical links, hreflang alternates,
sitemap.xml and descriptions under base_url; the manifest's kinds, build
identifier and removed files; translations kept online, outdated, while
their catalogs catch up with a changed English source. Read back from the
built files."""

from __future__ import annotations

import datetime as dt
import hashlib
import html.parser
import json
import os
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import polib
import pytest

from conftest import SOURCE_DATE_EPOCH, run, tree_checksums
from pipeline.po import write_catalog

SLUG = "cytokine-release-syndrome"
BASE = "https://www.example.org/patient-ed/"
LANGUAGES = ["en", "es", "zh_Hans", "ru", "ar", "ht"]
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"
DAY = 86400


class _Head(html.parser.HTMLParser):
    """The <link> and <meta> elements of a page, and every element's attributes."""

    def __init__(self):
        super().__init__()
        self.links: list[dict] = []
        self.meta: dict[str, str] = {}
        self.elements: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.elements.append((tag, attributes))
        if tag == "link":
            self.links.append(attributes)
        elif tag == "meta" and "name" in attributes:
            self.meta[attributes["name"]] = attributes["content"]


def head(path: Path) -> _Head:
    parser = _Head()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def with_base_url(project: Path, **publish) -> None:
    text = (project / "pyproject.toml").read_text(encoding="utf-8")
    text += f'\n[tool.locpipe.site]\nbase_url = "{BASE}"\n'
    text = text.replace("[tool.locpipe.publish]\n", "[tool.locpipe.publish]\n" + "".join(
        f"{key} = {json.dumps(value)}\n" for key, value in publish.items()))
    (project / "pyproject.toml").write_text(text, encoding="utf-8")


def manifest(project: Path) -> dict:
    return json.loads((project / "output" / "manifest.json").read_text(encoding="utf-8"))


def change_english(project: Path, monkeypatch, days_later: int = 10) -> str:
    """One word of the English changed and the catalogs updated (the edited
    unit comes back fuzzy), as an author and `locpipe update` leave them; the
    build that follows runs `days_later`. Returns the old source's sha256."""
    source = project / "source" / f"{SLUG}.md"
    old = source.read_bytes()
    source.write_bytes(old.replace(b"how to reach your healthcare provider, call", b"how to reach your "
                                                                                    b"healthcare provider, phone"))
    assert source.read_bytes() != old
    assert run(project, "update") == 0
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(SOURCE_DATE_EPOCH) + days_later * DAY))
    return hashlib.sha256(old).hexdigest()


@pytest.fixture
def site(bundled_project):
    with_base_url(bundled_project)
    assert run(bundled_project, "build", "--quiet") == 0
    return bundled_project


def test_pages_name_their_canonical_address_alternates_and_description(site):
    for language in LANGUAGES:
        page = head(site / "output" / language / f"{SLUG}.html")
        canonical = [link["href"] for link in page.links if link.get("rel") == "canonical"]
        assert canonical == [f"{BASE}{language}/{SLUG}.html"]
        alternates = {link["hreflang"]: link["href"] for link in page.links if link.get("rel") == "alternate"}
        assert alternates == {**{code.replace("_", "-"): f"{BASE}{code}/{SLUG}.html" for code in LANGUAGES},
                              "x-default": f"{BASE}en/{SLUG}.html"}
    english = head(site / "output" / "en" / f"{SLUG}.html").meta["description"]
    # the first paragraph, longer than 200 characters, cut after its first sentence
    assert english == ("This information explains what cytokine (SY-toh-kine) release syndrome and neurotoxicity "
                       "(NOOR-oh-tok-SIH-sih-tee) syndrome are.")
    spanish = head(site / "output" / "es" / f"{SLUG}.html").meta["description"]
    assert spanish.startswith("Esta información explica") and "<" not in spanish and len(spanish) <= 200


def test_sitemap_lists_every_page_with_reciprocal_alternates(site):
    root = ET.parse(site / "output" / "sitemap.xml").getroot()
    assert root.tag == f"{SITEMAP}urlset"
    urls = root.findall(f"{SITEMAP}url")
    locations = [url.findtext(f"{SITEMAP}loc") for url in urls]
    assert locations == [f"{BASE}{code}/{SLUG}.html" for code in LANGUAGES]
    for url in urls:
        # sitemaps.org 0.9: loc, then lastmod (a W3C date), then elements of other namespaces
        assert [child.tag for child in url][:2] == [f"{SITEMAP}loc", f"{SITEMAP}lastmod"]
        assert url.findtext(f"{SITEMAP}lastmod") == "2025-06-16"
        links = url.findall(f"{XHTML}link")
        assert {link.get("rel") for link in links} == {"alternate"}
        alternates = {link.get("hreflang"): link.get("href") for link in links}
        assert set(alternates.values()) == set(locations) and alternates["x-default"] == f"{BASE}en/{SLUG}.html"
        assert alternates[url.findtext(f"{SITEMAP}loc").split("/")[-2].replace("_", "-")] == \
            url.findtext(f"{SITEMAP}loc")
    for location in locations:
        assert (site / "output" / location.removeprefix(BASE)).is_file()
    entry = next(f for f in manifest(site)["files"] if f["path"] == "sitemap.xml")
    assert entry["kind"] == "sitemap"


def test_the_sitemap_is_valid_against_the_sitemaps_org_schema(site):
    """sitemaps.org's own sitemap.xsd (tests/data/sitemap/), which checks
    elements of other namespaces strictly: with the declaration of the
    xhtml:link alternates, each is checked too."""
    etree = pytest.importorskip("lxml.etree")
    schema = etree.XMLSchema(etree.parse(str(Path(__file__).parent / "data" / "sitemap" /
                                             "sitemap-with-alternates.xsd")))
    built = etree.parse(str(site / "output" / "sitemap.xml"))
    assert schema.validate(built), schema.error_log
    assert len(built.getroot()) == len(LANGUAGES)
    # the schema can fail: a date that is not a W3C date, or an alternate without its language
    wrong = etree.fromstring(etree.tostring(built))
    wrong.find(f"{SITEMAP}url/{SITEMAP}lastmod").text = "June 16, 2025"
    assert not schema.validate(wrong)
    wrong = etree.fromstring(etree.tostring(built))
    del wrong.find(f"{SITEMAP}url/{XHTML}link").attrib["hreflang"]
    assert not schema.validate(wrong)


def test_without_base_url_no_canonical_and_no_sitemap(bundled_project):
    assert run(bundled_project, "build", "--quiet") == 0
    page = head(bundled_project / "output" / "es" / f"{SLUG}.html")
    assert not [link for link in page.links if link.get("rel") == "canonical"]
    alternates = {link["hreflang"]: link["href"] for link in page.links if link.get("rel") == "alternate"}
    assert alternates["x-default"] == f"../en/{SLUG}.html" and alternates["es"] == f"../es/{SLUG}.html"
    assert not (bundled_project / "output" / "sitemap.xml").exists()
    assert page.meta["description"].startswith("Esta información explica")


def test_front_matter_description_is_the_meta_description(bundled_project):
    source = bundled_project / "source" / f"{SLUG}.md"
    source.write_text(source.read_text(encoding="utf-8").replace(
        "updated:", 'description: "What CRS is, and when to call your care team."\nupdated:', 1), encoding="utf-8")
    assert run(bundled_project, "build", "--quiet") == 1  # the translations lack the new unit
    assert head(bundled_project / "output" / "en" / f"{SLUG}.html").meta["description"] == \
        "What CRS is, and when to call your care team."


def test_a_base_url_that_is_not_a_web_address_is_refused(bundled_project, capsys):
    (bundled_project / "pyproject.toml").write_text(
        (bundled_project / "pyproject.toml").read_text(encoding="utf-8")
        + '\n[tool.locpipe.site]\nbase_url = "www.example.org"\n', encoding="utf-8")
    before = tree_checksums(bundled_project)
    assert run(bundled_project, "build") == 2
    assert "setting 'base_url' of [site] must be a web address" in capsys.readouterr().err
    assert tree_checksums(bundled_project) == before


def test_manifest_kinds_build_identity_and_removed_files(site, monkeypatch):
    first = manifest(site)
    assert first["build"]["time"] == "2025-06-16T00:00:00Z" and len(first["build"]["id"]) == 16
    assert first["removed"] == []
    kinds = {entry["path"]: entry["kind"] for entry in first["files"]}
    assert kinds[f"es/{SLUG}.html"] == "page" and kinds[f"es/{SLUG}.txt"] == "text"
    assert kinds["index.html"] == "index" and kinds["sitemap.xml"] == "sitemap"
    assert {kind for path, kind in kinds.items() if path.startswith("reports/")} == {"report"}
    assert {path.split("/")[0] for path, kind in kinds.items() if kind == "report"} == {"reports"}
    on_disk = {str(p.relative_to(site / "output")) for p in (site / "output").rglob("*") if p.is_file()}
    assert on_disk - set(kinds) == {"manifest.json", ".locpipe-build.json"}

    before = (site / "output" / "manifest.json").read_bytes()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(SOURCE_DATE_EPOCH) + DAY))
    assert run(site, "build", "--quiet") == 0  # the same site: the same build, its manifest unchanged
    assert (site / "output" / "manifest.json").read_bytes() == before

    assert run(site, "build", "es", "--quiet") == 0  # a site of English and Spanish only
    second = manifest(site)
    assert second["build"]["id"] != first["build"]["id"] and second["build"]["time"] == "2025-06-17T00:00:00Z"
    gone = {f"{language}/{SLUG}.{kind}" for language in ["zh_Hans", "ru", "ar", "ht"] for kind in ["html", "txt"]}
    assert gone <= set(second["removed"])
    assert not set(second["removed"]) & {entry["path"] for entry in second["files"]}
    assert not any((site / "output" / name).exists() for name in second["removed"])


def test_the_previous_manifest_is_read_a_line_at_a_time_as_json_reads_it(site, monkeypatch):
    """A build reads of the output's manifest its build, the paths it lists
    and its removed list, line by line where the manifest has locpipe's
    layout; an older layout, a bare list or a broken file read as json
    reads them (or as nothing)."""
    from pipeline.publish import manifest as manifests
    from pipeline.publish.manifest import read_previous
    assert run(site, "build", "es", "--quiet") == 0
    data = (site / "output" / "manifest.json").read_bytes()
    parsed = json.loads(data)
    assert parsed["removed"] and parsed["files"]

    def expected(value):
        files = value["files"] if isinstance(value, dict) else value
        return ({e["path"] for e in files}, value.get("removed", []) if isinstance(value, dict) else [],
                value.get("build", {}) if isinstance(value, dict) else {})

    for layout in [data, json.dumps(parsed, indent=2).encode(), json.dumps(parsed).encode(),
                   json.dumps(parsed["files"]).encode()]:
        value = json.loads(layout)
        previous = read_previous(layout)
        assert (previous.paths, previous.removed, previous.build) == expected(value) and previous.data == layout
    with monkeypatch.context() as patched:  # locpipe's own layout is never parsed whole
        patched.setattr(manifests, "_read_whole", lambda data: pytest.fail("parsed whole"))
        assert read_previous(data).paths == {e["path"] for e in parsed["files"]}
    for broken in [b"", b"{", data[:len(data) // 2], b'{\n  "build": {"id": 1},\n  "files": [\n    {"x": 1}\n  ]\n}\n']:
        assert read_previous(broken).paths == set()

    # over a manifest of an older layout, a build keeps what it lists as removed
    (site / "output" / "manifest.json").write_bytes(json.dumps(parsed, indent=2).encode())
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(SOURCE_DATE_EPOCH) + DAY))
    assert run(site, "build", "--quiet") == 0
    again = manifest(site)
    assert set(parsed["removed"]) - {e["path"] for e in again["files"]} <= set(again["removed"])
    assert f"es/{SLUG}.html" in {e["path"] for e in again["files"]}


def test_outdated_translation_stays_online_with_a_notice(site, monkeypatch, capsys):
    spanish = site / "output" / "es" / f"{SLUG}.html"
    published = spanish.read_text(encoding="utf-8")
    old_sha = change_english(site, monkeypatch)
    capsys.readouterr()
    assert run(site, "build") == 0
    err = capsys.readouterr().err
    assert (f"outdated es/{SLUG}: its version for the English of 2025-06-16 stays online (outdated since "
            "2025-06-26); the catalog: 98.7% translated, 100% required") in err
    assert (f"source/{SLUG}.md: the English changed but its `updated` date (2025-06-16) did not, so the notice "
            "cannot tell which is newer") in err
    page = spanish.read_text(encoding="utf-8")
    notice = ('<p class="notice notice-outdated" role="note"><strong>Hay una versión actualizada en inglés de este '
              'folleto; esta traducción corresponde a la versión en inglés del 16 de junio de 2025.</strong> '
              f'<a href="../en/{SLUG}.html" hreflang="en">Leer la versión actualizada en inglés</a></p>')
    assert notice in page
    # the translation as it was published: the changed English sentence is not shown in English
    assert page.replace(notice + "\n", "") == published and "phone 212" not in page
    text = (site / "output" / "es" / f"{SLUG}.txt").read_text(encoding="utf-8")
    assert ("esta traducción corresponde a la versión en inglés del 16 de junio de 2025. "
            f"{BASE}en/{SLUG}.html") in " ".join(text.split())
    english = (site / "output" / "en" / f"{SLUG}.html").read_text(encoding="utf-8")
    assert "healthcare provider, phone <a" in " ".join(english.split())
    entries = {entry["path"]: entry for entry in manifest(site)["files"]}
    entry = entries[f"es/{SLUG}.html"]
    assert entry["status"] == "outdated" and entry["matches_source_sha256"] == old_sha
    assert entry["matches_updated"] == "2025-06-16" and entry["outdated_since"] == "2025-06-26"
    assert entry["source_sha256"] != old_sha
    index = (site / "output" / "index.html").read_text(encoding="utf-8")
    assert "Outdated: matches an earlier English version" in index
    assert f"{BASE}es/{SLUG}.html" in (site / "output" / "sitemap.xml").read_text(encoding="utf-8")

    # the kept version comes from published/, not from the output: a fresh output gives the same bytes
    assert (site / "published" / "es" / f"{SLUG}.json").is_file()
    shutil.rmtree(site / "output")
    assert run(site, "build", "--quiet") == 0
    assert spanish.read_text(encoding="utf-8") == page


def test_an_outdated_translation_goes_when_it_is_translated_again(site, monkeypatch):
    change_english(site, monkeypatch)
    po_path = site / "locale" / "es" / "LC_MESSAGES" / f"{SLUG}.po"
    po = polib.pofile(str(po_path))
    for entry in po.fuzzy_entries():
        entry.msgstr = entry.msgstr.replace("llame al", "telefonee al")
        entry.flags.remove("fuzzy")
        entry.previous_msgid = None
    write_catalog(po_path, po)
    assert run(site, "build", "--quiet") == 0
    page = (site / "output" / "es" / f"{SLUG}.html").read_text(encoding="utf-8")
    assert "notice-outdated" not in page and "telefonee al" in page
    assert {e["status"] for e in manifest(site)["files"] if e["path"] == f"es/{SLUG}.html"} == {"published"}


@pytest.mark.parametrize("days, kept", [(90, True), (91, False)])
def test_an_outdated_translation_is_kept_at_most_outdated_max_days(site, monkeypatch, days, kept):
    change_english(site, monkeypatch, days_later=1)
    assert run(site, "build", "--quiet") == 0
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(SOURCE_DATE_EPOCH) + (1 + days) * DAY))
    status = run(site, "build", "--quiet")
    assert (site / "output" / "es" / f"{SLUG}.html").exists() == kept
    assert status == (0 if kept else 1)
    if not kept:
        assert f"es/{SLUG}.html" in manifest(site)["removed"]


def test_outdated_remove_policy_takes_the_translation_offline(bundled_project, monkeypatch):
    with_base_url(bundled_project, outdated="remove")
    assert run(bundled_project, "build", "--quiet") == 0
    change_english(bundled_project, monkeypatch)
    assert run(bundled_project, "build", "--quiet") == 1
    assert not (bundled_project / "output" / "es").exists()
    assert f"es/{SLUG}.html" in manifest(bundled_project)["removed"]
    assert f"{BASE}es/" not in (bundled_project / "output" / "sitemap.xml").read_text(encoding="utf-8")


def test_a_catalog_with_a_check_error_is_never_kept(site, monkeypatch, capsys):
    change_english(site, monkeypatch)
    po_path = site / "locale" / "es" / "LC_MESSAGES" / f"{SLUG}.po"
    po = polib.pofile(str(po_path))
    for entry in po.translated_entries():
        entry.msgstr = entry.msgstr.replace("911", "912")
    write_catalog(po_path, po)
    capsys.readouterr()
    assert run(site, "build") == 1
    assert f"refused es/{SLUG}: 2 errors — emergency-number ×1, number ×1; 98.7% translated" in capsys.readouterr().err
    assert not (site / "output" / "es").exists()


def test_an_unchanged_english_does_not_keep_a_catalog_that_lost_translations(site, capsys):
    """Units untranslated without a source change are a broken catalog, not an outdated one."""
    po_path = site / "locale" / "es" / "LC_MESSAGES" / f"{SLUG}.po"
    po = polib.pofile(str(po_path))
    po.translated_entries()[3].msgstr = ""
    write_catalog(po_path, po)
    capsys.readouterr()
    assert run(site, "build") == 1
    assert f"refused es/{SLUG}: 98.7% translated" in capsys.readouterr().err
    assert not (site / "output" / "es").exists()


@pytest.mark.parametrize("setting, message", [
    ({"outdated": "archive"}, "setting 'outdated' of [publish] must be \"keep\" or \"remove\""),
    ({"outdated_clock": "build"}, "setting 'outdated_clock' of [publish] must be \"now\" or \"source_date_epoch\""),
])
def test_bad_outdated_settings_are_refused(bundled_project, capsys, setting, message):
    settings = bundled_project / "pyproject.toml"
    settings.write_text(settings.read_text(encoding="utf-8").replace('outdated_clock = "source_date_epoch"\n', ""),
                        encoding="utf-8")
    with_base_url(bundled_project, **setting)
    before = tree_checksums(bundled_project)
    assert run(bundled_project, "build") == 2
    assert message in capsys.readouterr().err
    assert tree_checksums(bundled_project) == before


def test_links_carry_the_address_print_writes_once(site):
    page = head(site / "output" / "en" / f"{SLUG}.html")
    links = [attributes for tag, attributes in page.elements if tag == "a" and attributes.get("href", "").startswith("http")]
    assert links
    for link in links:
        address = link.get("data-address")
        bare = link["href"].removeprefix("https://").removeprefix("http://")
        assert address in (None, bare)
    policy = next(link for link in links if "health-information-policy" in link["href"])
    assert policy["data-address"] == "www.mskcc.org/pe/health-information-policy"
    css = (site / "output" / "en" / f"{SLUG}.html").read_text(encoding="utf-8")
    assert 'attr(href)' not in css and 'a[data-address]::after { content: " (" attr(data-address) ")"' in css


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is not installed")
def test_the_outdated_pdf_carries_the_notice(bundled_project, monkeypatch):
    import subprocess
    with_base_url(bundled_project)
    assert run(bundled_project, "build", "es", "--pdf", "--quiet") == 0
    change_english(bundled_project, monkeypatch)
    assert run(bundled_project, "build", "es", "--pdf", "--quiet") == 0
    text = subprocess.run(["pdftotext", str(bundled_project / "output" / "es" / f"{SLUG}.pdf"), "-"],
                          capture_output=True, text=True, check=True).stdout
    assert ("Hay una versión actualizada en inglés de este folleto; esta traducción corresponde a la versión en "
            f"inglés del 16 de junio de 2025. {BASE.removeprefix('https://')}en/{SLUG}.html") in " ".join(text.split())
    assert "Leer la versión actualizada" not in text  # a link only on the web page; paper gives the address
    entry = next(e for e in manifest(bundled_project)["files"] if e["path"] == f"es/{SLUG}.pdf")
    assert (entry["kind"], entry["status"]) == ("pdf", "outdated")
    index = [attributes["href"] for tag, attributes in head(bundled_project / "output" / "index.html").elements
             if tag == "a"]
    assert {f"en/{SLUG}.pdf", f"es/{SLUG}.pdf"} <= set(index)


@pytest.mark.parametrize("base_url, problem", [
    ("https://www.example.org/patient-ed#main", "must not have a query (?) or fragment (#)"),
    ("https://x.org/pe/?utm=1", "must not have a query (?) or fragment (#)"),
    ("https://", "must name a host"),
    ("https://x.org/pe/ ", "must not contain whitespace"),
    ("https://x.org/a b/", "must not contain whitespace"),
    ("https://user:pw@www.example.org/pe/", "must not contain a user name or password"),
    ("https://x.org:99999/pe/", "has an invalid host or port"),
])
def test_a_base_url_that_would_change_every_address_is_refused(bundled_project, capsys, base_url, problem):
    settings = bundled_project / "pyproject.toml"
    settings.write_text(settings.read_text(encoding="utf-8") + f'\n[tool.locpipe.site]\nbase_url = "{base_url}"\n',
                        encoding="utf-8")
    line = settings.read_text(encoding="utf-8").splitlines().index(f'base_url = "{base_url}"') + 1
    before = tree_checksums(bundled_project)
    capsys.readouterr()
    assert run(bundled_project, "build") == 2
    err = capsys.readouterr().err
    assert f"{settings}:{line}: error: setting 'base_url' of [site] {problem}" in err
    assert tree_checksums(bundled_project) == before


def test_addresses_are_percent_encoded_and_the_host_in_idna(bundled_project):
    """sitemaps.org requires RFC 3986 addresses: a non-ASCII base_url and a
    file name with a space, #, & and ? are escaped in every link."""
    settings = bundled_project / "pyproject.toml"
    settings.write_text(settings.read_text(encoding="utf-8").replace(
        'languages = ["es", "zh_Hans", "ru", "ar", "ht"]', 'languages = ["es"]')
        + '\n[tool.locpipe.site]\nbase_url = "HTTPS://bücher.example/santé"\n', encoding="utf-8")
    (bundled_project / "source" / "Fever #1 & care?.md").write_text(
        "---\ntitle: Fever care\nupdated: 2025-06-01\n---\n\n# Fever care\n\nCall us if you have a fever.\n",
        encoding="utf-8")
    run(bundled_project, "update", "--quiet")
    run(bundled_project, "build", "--quiet")
    base = "https://xn--bcher-kva.example/sant%C3%A9/"
    fever = "Fever%20%231%20%26%20care%3F"
    page = head(bundled_project / "output" / "en" / "Fever #1 & care?.html")
    assert [link["href"] for link in page.links if link.get("rel") == "canonical"] == [f"{base}en/{fever}.html"]
    assert {link["href"] for link in page.links if link.get("rel") == "alternate"} == {f"{base}en/{fever}.html"}
    root = ET.parse(bundled_project / "output" / "sitemap.xml").getroot()
    locations = [url.findtext(f"{SITEMAP}loc") for url in root.findall(f"{SITEMAP}url")]
    assert f"{base}en/{fever}.html" in locations and f"{base}es/{SLUG}.html" in locations
    hrefs = [a.get("href") for url in root.findall(f"{SITEMAP}url") for a in url.findall(f"{XHTML}link")]
    assert all(href.isascii() and " " not in href for href in locations + hrefs)
    index = [attributes["href"] for tag, attributes in head(bundled_project / "output" / "index.html").elements
             if tag == "a"]
    assert f"en/{fever}.html" in index and f"en/{fever}.txt" in index
    assert not [href for href in index if "Fever " in href]


@pytest.mark.parametrize("paragraph, description", [
    ("For the first 5 days after your infusion, take your dexamethasone tablets by mouth every morning at a dose "
     "of 2.5 mg with food, unless your care team tells you to stop, and call us if you feel dizzy, weak, or confused.",
     "For the first 5 days after your infusion, take your dexamethasone tablets by mouth every morning at a dose "
     "of 2.5 mg with food, unless your care team tells you to stop, and call us if you feel dizzy…"),
    ("While you are at home after your infusion, call your doctor or nurse right away if your temperature is "
     "100.4 °F (38 °C) or higher, or if you have chills, shaking, a new cough, or redness around your catheter.",
     "While you are at home after your infusion, call your doctor or nurse right away if your temperature is "
     "100.4 °F (38 °C) or higher, or if you have chills, shaking, a new cough, or redness around your…"),
    ("Take one tablet at 8 a.m. and one at 8 p.m. with food, and call Dr. Lee at the clinic if you have a fever, "
     "chills, a rash, a cough, or swelling of the legs that does not go away after two or three days at home.",
     "Take one tablet at 8 a.m. and one at 8 p.m. with food, and call Dr. Lee at the clinic if you have a fever, "
     "chills, a rash, a cough, or swelling of the legs that does not go away after two or three…"),
])
def test_the_description_is_never_cut_inside_a_number_or_after_an_abbreviation(bundled_project, paragraph,
                                                                               description):
    (bundled_project / "source" / "dose.md").write_text(
        f"---\ntitle: Dexamethasone\nupdated: 2025-06-01\n---\n\n# Dexamethasone\n\n{paragraph}\n", encoding="utf-8")
    run(bundled_project, "build", "--quiet")
    assert head(bundled_project / "output" / "en" / "dose.html").meta["description"] == description


def spanish_only(project: Path, base_url: bool = True) -> None:
    settings = project / "pyproject.toml"
    text = settings.read_text(encoding="utf-8").replace('languages = ["es", "zh_Hans", "ru", "ar", "ht"]',
                                                         'languages = ["es"]')
    settings.write_text(text + (f'\n[tool.locpipe.site]\nbase_url = "{BASE}"\n' if base_url else ""),
                        encoding="utf-8")


def test_a_stale_published_record_never_puts_back_an_older_translation(bundled_project, monkeypatch, capsys):
    """published/ checked out from an older commit, or left behind by a build
    interrupted after its pages went online, holds an older translation than
    the one online: a reused build brings it up to date, and a build that
    would keep it refuses to."""
    spanish_only(bundled_project, base_url=False)
    assert run(bundled_project, "build", "--quiet") == 0
    record = bundled_project / "published" / "es" / f"{SLUG}.json"
    stale = record.read_bytes()
    po_path = bundled_project / "locale" / "es" / "LC_MESSAGES" / f"{SLUG}.po"
    po_path.write_bytes(po_path.read_bytes().replace(b"hablar con un proveedor", b"hablar con un profesional"))
    assert run(bundled_project, "build", "--quiet") == 0
    page = bundled_project / "output" / "es" / f"{SLUG}.html"
    assert "hablar con un profesional" in page.read_text(encoding="utf-8")

    record.write_bytes(stale)  # the record from before the correction
    assert run(bundled_project, "build", "--quiet") == 0  # nothing to build, but the record is brought up to date
    assert "hablar con un profesional" in json.loads(record.read_bytes())["catalog"]

    record.write_bytes(stale)
    change_english(bundled_project, monkeypatch)
    capsys.readouterr()
    assert run(bundled_project, "build") == 1
    err = capsys.readouterr().err
    assert (f"published/es/{SLUG}.json: it is not the version the last build had online; the outdated version "
            "is not kept") in err
    assert not page.exists() and f"es/{SLUG}.html" in manifest(bundled_project)["removed"]



def test_a_record_changed_in_place_is_brought_back_by_a_build_that_changes_nothing(bundled_project):
    """The build state keeps the sha256 of each published/ record it made,
    so that a build with nothing to build reads no record it made; a record
    changed since (same size, same modification time) does not match it and
    is made again from the source and catalog of the pages online."""
    import os
    spanish_only(bundled_project, base_url=False)
    assert run(bundled_project, "build", "--quiet") == 0
    record = bundled_project / "published" / "es" / f"{SLUG}.json"
    made = record.read_bytes()
    state = json.loads((bundled_project / "output" / ".locpipe-build.json").read_bytes())
    page = next(p for p in state["documents"][SLUG]["pages"] if p["language"] == "es")
    assert page["record_sha256"] == hashlib.sha256(made).hexdigest()

    translation = json.loads(made)["catalog"]
    word = "proveedor"
    assert word in translation
    stat = record.stat()
    record.write_bytes(made.replace(word.encode(), word[::-1].encode(), 1))  # same size
    os.utime(record, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert run(bundled_project, "build", "--quiet") == 0
    assert record.read_bytes() == made

def test_outdated_days_count_from_the_english_date_and_a_bad_record_date_expires(bundled_project, monkeypatch,
                                                                                capsys):
    spanish_only(bundled_project, base_url=False)
    assert run(bundled_project, "build", "--quiet") == 0
    source = bundled_project / "source" / f"{SLUG}.md"
    source.write_text(source.read_text(encoding="utf-8").replace("updated: 2025-06-16", "updated: 2025-06-20"),
                      encoding="utf-8")
    change_english(bundled_project, monkeypatch, days_later=10)
    record = bundled_project / "published" / "es" / f"{SLUG}.json"
    page = bundled_project / "output" / "es" / f"{SLUG}.html"

    stored = json.loads(record.read_bytes())
    # a fresh clone's record has no date: the English's own `updated` date counts
    capsys.readouterr()
    assert run(bundled_project, "build") == 0
    assert {e["outdated_since"] for e in manifest(bundled_project)["files"] if e["path"] == f"es/{SLUG}.html"} \
        == {"2025-06-20"}
    err = capsys.readouterr().err
    assert f"outdated es/{SLUG}: its version for the English of 2025-06-16 stays online" in err
    assert "did not, so the notice cannot tell" not in err
    record.write_text(json.dumps({**stored, "outdated_since": ""}), encoding="utf-8")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(SOURCE_DATE_EPOCH) + 120 * DAY))
    capsys.readouterr()
    assert run(bundled_project, "build") == 1
    assert "outdated since 2025-06-20, more than 90 days" in capsys.readouterr().err
    assert not page.exists()

    record.write_text(json.dumps({**stored, "outdated_since": "2099-01-01"}), encoding="utf-8")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(SOURCE_DATE_EPOCH) + 10 * DAY))
    capsys.readouterr()
    assert run(bundled_project, "build") == 1
    assert (f"published/es/{SLUG}.json: its outdated_since 2099-01-01 is after the build's date 2025-06-26: taken "
            "as expired; the outdated version is not kept") in capsys.readouterr().err
    assert not page.exists()

    record.write_bytes(record.read_bytes()[:100])  # a record cut short: the build says so
    capsys.readouterr()
    assert run(bundled_project, "build") == 1
    assert f"published/es/{SLUG}.json: cannot be read; the outdated version is not kept" in capsys.readouterr().err


def test_removed_names_every_file_earlier_builds_published_and_the_sitemap_goes(bundled_project):
    spanish_only(bundled_project)
    assert run(bundled_project, "build", "--quiet") == 0
    assert (bundled_project / "output" / "sitemap.xml").is_file()
    settings = bundled_project / "pyproject.toml"
    settings.write_text(settings.read_text(encoding="utf-8").replace(f'base_url = "{BASE}"', ""), encoding="utf-8")
    assert run(bundled_project, "build", "--quiet") == 0
    assert not (bundled_project / "output" / "sitemap.xml").exists()
    assert "sitemap.xml" in manifest(bundled_project)["removed"]
    settings.write_text(settings.read_text(encoding="utf-8").replace('languages = ["es"]', "languages = []"),
                        encoding="utf-8")
    assert run(bundled_project, "build", "--quiet") == 0
    (bundled_project / "source" / "keep.md").write_text(
        "---\ntitle: Keep\nupdated: 2025-06-01\n---\n\n# Keep\n\nCall us if you have a fever.\n", encoding="utf-8")
    assert run(bundled_project, "build", "--quiet") == 0  # a later build still names every file taken down
    last = manifest(bundled_project)
    assert {"sitemap.xml", f"es/{SLUG}.html", f"es/{SLUG}.txt"} <= set(last["removed"])
    listed = {entry["path"] for entry in last["files"]}
    assert not set(last["removed"]) & listed
    on_disk = {str(p.relative_to(bundled_project / "output")) for p in (bundled_project / "output").rglob("*")
               if p.is_file()}
    assert on_disk == listed | {"manifest.json", ".locpipe-build.json"}


@pytest.mark.parametrize("another_leaflet", [True, False], ids=["under-a-new-one", "the-last-leaflet"])
def test_a_withdrawn_leaflets_translation_does_not_come_back(bundled_project, monkeypatch, capsys, another_leaflet):
    """Withdrawn beside another leaflet, or as the last one (a build state
    of no documents still says that nothing was online: only a fresh
    clone, with no state at all, trusts the records)."""
    spanish_only(bundled_project, base_url=False)
    assert run(bundled_project, "build", "--quiet") == 0
    source = bundled_project / "source" / f"{SLUG}.md"
    withdrawn = source.read_bytes()
    source.unlink()
    if another_leaflet:
        (bundled_project / "source" / "keep.md").write_text(
            "---\ntitle: Keep\nupdated: 2025-06-01\n---\n\n# Keep\n\nCall us if you have a fever.\n", encoding="utf-8")
        assert run(bundled_project, "build", "--quiet") == 1  # keep.md has no Spanish yet
        assert (bundled_project / "published" / "es" / f"{SLUG}.json").is_file()
    else:
        run(bundled_project, "build", "--quiet")
        assert not (bundled_project / "output" / "es" / f"{SLUG}.html").exists()
    source.write_bytes(withdrawn)  # a new leaflet under the same name
    change_english(bundled_project, monkeypatch)
    capsys.readouterr()
    assert run(bundled_project, "build") == 1
    assert (f"published/es/{SLUG}.json: it was not online after the last build (withdrawn, refused or expired); "
            "the outdated version is not kept") in capsys.readouterr().err
    assert not (bundled_project / "output" / "es" / f"{SLUG}.html").exists()


def fresh_clone(project: Path) -> None:
    """What a fresh clone has: no output/, so no build state."""
    shutil.rmtree(project / "output")


def correct_spanish(project: Path, english: str, old: str, new: str) -> None:
    """A reviewer's wording fix, no check flags, in the unit of `english`."""
    po_path = project / "locale" / "es" / "LC_MESSAGES" / f"{SLUG}.po"
    po = polib.pofile(str(po_path))
    entry = next(e for e in po if english in e.msgid)
    assert old in entry.msgstr
    entry.msgstr = entry.msgstr.replace(old, new)
    write_catalog(po_path, po)


@pytest.mark.parametrize("english, old, new", [
    ("The AHTT lets you talk with", "hablar con un proveedor", "hablar con un profesional"),  # a unit that stays
    ("how to reach your healthcare provider, call", "otro proveedor de MSK", "otro profesional de MSK"),  # changes
])
def test_a_fresh_clone_never_puts_back_a_record_older_than_its_catalog(bundled_project, monkeypatch, capsys,
                                                                      english, old, new):
    """published/ not committed after the build that published a correction:
    on a fresh clone, the record is older than the translation last online,
    and the catalog, which holds the correction, says so."""
    spanish_only(bundled_project, base_url=False)
    assert run(bundled_project, "build", "--quiet") == 0
    record = bundled_project / "published" / "es" / f"{SLUG}.json"
    stale = record.read_bytes()
    correct_spanish(bundled_project, english, old, new)
    assert run(bundled_project, "build", "--quiet") == 0
    page = bundled_project / "output" / "es" / f"{SLUG}.html"
    assert new in " ".join(page.read_text(encoding="utf-8").split())  # online

    record.write_bytes(stale)  # the committed record, from before the correction
    fresh_clone(bundled_project)
    change_english(bundled_project, monkeypatch)
    capsys.readouterr()
    assert run(bundled_project, "build") == 1
    err = capsys.readouterr().err
    po = polib.pofile(str(bundled_project / "locale" / "es" / "LC_MESSAGES" / f"{SLUG}.po"))
    line = next(e.linenum for e in po if new in e.msgstr)
    assert (f"published/es/{SLUG}.json: older than the catalog, which translates its English otherwise "
            f"(locale/es/LC_MESSAGES/{SLUG}.po:{line}); the outdated version is not kept") in err
    assert not page.exists() and record.read_bytes() == stale
    assert not any(e["path"].startswith("es/") for e in manifest(bundled_project)["files"])


def test_a_fresh_clone_keeps_the_record_its_catalog_agrees_with(bundled_project, monkeypatch, capsys):
    """The record of the catalog's own translations: only the changed unit
    is fuzzy, so the translation stays online, as in the working copy; a
    translator's later edit of a unit that did not change cannot be told from
    a correction published without its record on a fresh clone (not kept),
    while the build state of the working copy says what is online (kept)."""
    spanish_only(bundled_project, base_url=False)
    assert run(bundled_project, "build", "--quiet") == 0
    change_english(bundled_project, monkeypatch)
    assert run(bundled_project, "build", "--quiet") == 0
    page = bundled_project / "output" / "es" / f"{SLUG}.html"
    working_copy = page.read_bytes()
    assert b"notice-outdated" in working_copy

    fresh_clone(bundled_project)
    capsys.readouterr()
    assert run(bundled_project, "build") == 0
    assert f"outdated es/{SLUG}: its version for the English of 2025-06-16 stays online" in capsys.readouterr().err
    assert page.read_bytes() == working_copy

    correct_spanish(bundled_project, "The AHTT lets you talk with", "hablar con un proveedor",
                    "hablar con un profesional")
    capsys.readouterr()
    assert run(bundled_project, "build") == 0  # the build state: the record is the version online
    assert page.read_bytes() == working_copy
    fresh_clone(bundled_project)
    assert run(bundled_project, "build") == 1
    assert f"published/es/{SLUG}.json: older than the catalog" in capsys.readouterr().err
    assert not page.exists()


def outdated_clock(project: Path, clock: str | None) -> None:
    """Set `outdated_clock`, or leave it out (None: the default)."""
    settings = project / "pyproject.toml"
    text = settings.read_text(encoding="utf-8").replace('outdated_clock = "source_date_epoch"\n', "")
    if clock is not None:
        text = text.replace("[tool.locpipe.publish]\n", f'[tool.locpipe.publish]\noutdated_clock = "{clock}"\n')
    settings.write_text(text, encoding="utf-8")


def days_ago(days: int) -> str:
    """SOURCE_DATE_EPOCH for midnight UTC `days` before the machine's date."""
    today = dt.datetime.now(dt.timezone.utc).date()
    return str(int(dt.datetime.combine(today - dt.timedelta(days=days), dt.time(),
                                       tzinfo=dt.timezone.utc).timestamp()))


def output_checksums(project: Path) -> dict[str, str]:
    """Every file of the site (the build state aside: it records its inputs)."""
    return {name: digest for name, digest in tree_checksums(project / "output").items()
            if name != ".locpipe-build.json"}


def test_a_frozen_source_date_epoch_does_not_keep_an_outdated_page_past_its_limit(bundled_project, monkeypatch,
                                                                                 capsys):
    """SOURCE_DATE_EPOCH frozen at a past date (the last commit's, a CI
    constant): outdated days count to the machine's date, so the page goes
    after outdated_max_days; outdated_clock = "source_date_epoch" counts to
    SOURCE_DATE_EPOCH's date, and either way the same inputs give the same
    bytes."""
    spanish_only(bundled_project, base_url=False)
    outdated_clock(bundled_project, "source_date_epoch")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", days_ago(200))
    assert run(bundled_project, "build", "--quiet") == 0
    change_english(bundled_project, monkeypatch)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", days_ago(190))  # ten days later
    since = dt.datetime.fromtimestamp(int(days_ago(190)), dt.timezone.utc).date().isoformat()
    capsys.readouterr()
    assert run(bundled_project, "build") == 0
    assert f"(outdated since {since})" in capsys.readouterr().err
    built = output_checksums(bundled_project)
    fresh_clone(bundled_project)
    assert run(bundled_project, "build", "--quiet") == 0
    assert output_checksums(bundled_project) == built

    outdated_clock(bundled_project, None)  # the default: the machine's date, 190 days later
    capsys.readouterr()
    assert run(bundled_project, "build") == 1
    today = dt.datetime.now(dt.timezone.utc).date().isoformat()
    assert (f"published/es/{SLUG}.json: outdated since {since}, more than 90 days by {today}; the outdated "
            "version is not kept") in capsys.readouterr().err
    assert not (bundled_project / "output" / "es").exists()


def test_with_the_default_clock_a_recent_outdated_page_stays_and_builds_are_reproducible(bundled_project,
                                                                                        monkeypatch):
    spanish_only(bundled_project, base_url=False)
    outdated_clock(bundled_project, None)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", days_ago(15))
    assert run(bundled_project, "build", "--quiet") == 0
    change_english(bundled_project, monkeypatch)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", days_ago(5))
    assert run(bundled_project, "build", "--quiet") == 0
    assert b"notice-outdated" in (bundled_project / "output" / "es" / f"{SLUG}.html").read_bytes()
    built = output_checksums(bundled_project)
    fresh_clone(bundled_project)
    assert run(bundled_project, "build", "--quiet") == 0
    assert output_checksums(bundled_project) == built


CRS_UNIT = "CRS is a group of symptoms that can happen when T cells attack cancer cells."


def edit_english(project: Path, old: str, new: str, updated: str | None = None) -> None:
    """An author's edit of the English (and of its `updated` date), then `locpipe update`."""
    source = project / "source" / f"{SLUG}.md"
    text = source.read_text(encoding="utf-8")
    assert old in text
    text = text.replace(old, new)
    if updated is not None:
        text = text.replace("updated: 2025-06-16", f"updated: {updated}")
    source.write_text(text, encoding="utf-8")
    assert run(project, "update") == 0


def test_a_fresh_clone_counts_a_correction_the_catalog_keeps_only_as_obsolete(bundled_project, monkeypatch,
                                                                            capsys):
    """The English rewrites the corrected unit beyond a fuzzy match: the
    correction survives only in a #~ entry, which still proves the record older."""
    spanish_only(bundled_project, base_url=False)
    assert run(bundled_project, "build", "--quiet") == 0
    record = bundled_project / "published" / "es" / f"{SLUG}.json"
    stale = record.read_bytes()
    correct_spanish(bundled_project, "CRS is a group of symptoms", "El CRS es un grupo", "El CRS (CORREGIDO) es un grupo")
    assert run(bundled_project, "build", "--quiet") == 0
    record.write_bytes(stale)
    fresh_clone(bundled_project)
    edit_english(bundled_project, CRS_UNIT, "Your body may react strongly to this treatment; doctors call such a "
                 "reaction CRS, and it often needs hospital care.", updated="2025-06-20")
    po_path = bundled_project / "locale" / "es" / "LC_MESSAGES" / f"{SLUG}.po"
    obsolete = next(e for e in polib.pofile(str(po_path)) if "CORREGIDO" in e.msgstr)
    assert obsolete.obsolete
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(SOURCE_DATE_EPOCH) + 10 * DAY))
    capsys.readouterr()
    assert run(bundled_project, "build") == 1
    assert (f"published/es/{SLUG}.json: older than the catalog, which translates its English otherwise "
            f"(locale/es/LC_MESSAGES/{SLUG}.po:{obsolete.linenum}); the outdated version is not kept") \
        in capsys.readouterr().err
    assert not (bundled_project / "output" / "es").exists() and record.read_bytes() == stale


def break_spanish_phone(project: Path) -> None:
    po_path = project / "locale" / "es" / "LC_MESSAGES" / f"{SLUG}.po"
    po = polib.pofile(str(po_path))
    for entry in po.translated_entries():
        entry.msgstr = entry.msgstr.replace("911", "912")
    write_catalog(po_path, po)


@pytest.mark.parametrize("state", ["missing", "unreadable", "not a build state"])
def test_without_a_build_state_a_refused_translations_pages_still_go(site, state):
    spanish = site / "output" / "es" / f"{SLUG}.html"
    assert spanish.is_file()
    break_spanish_phone(site)
    state_path = site / "output" / ".locpipe-build.json"
    if state == "missing":
        state_path.unlink()
    elif state == "unreadable":
        state_path.write_text("{", encoding="utf-8")
    else:  # JSON, but not what a build writes: read as no state, not as pages to keep
        state_path.write_text('{"documents": {"%s": {"pages": 1}}}' % SLUG, encoding="utf-8")
    assert run(site, "build", "--quiet") == 1
    assert not (site / "output" / "es").exists()
    assert {f"es/{SLUG}.html", f"es/{SLUG}.txt"} <= set(manifest(site)["removed"])
    listed = {entry["path"] for entry in manifest(site)["files"]}
    on_disk = {str(p.relative_to(site / "output")) for p in (site / "output").rglob("*") if p.is_file()}
    assert on_disk == listed | {"manifest.json", ".locpipe-build.json"}


def test_a_reverted_or_edited_record_cannot_restart_the_outdated_clock(bundled_project, monkeypatch, capsys):
    spanish_only(bundled_project, base_url=False)
    assert run(bundled_project, "build", "--quiet") == 0
    record = bundled_project / "published" / "es" / f"{SLUG}.json"
    committed = json.loads(record.read_bytes())
    change_english(bundled_project, monkeypatch, days_later=10)
    assert run(bundled_project, "build", "--quiet") == 0
    assert json.loads(record.read_bytes())["outdated_since"] == "2025-06-26"
    page = bundled_project / "output" / "es" / f"{SLUG}.html"
    record.write_text(json.dumps({**committed, "outdated_since": ""}), encoding="utf-8")  # checked out again
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(SOURCE_DATE_EPOCH) + 60 * DAY))
    capsys.readouterr()
    assert run(bundled_project, "build") == 0
    assert "(outdated since 2025-06-26)" in capsys.readouterr().err
    assert json.loads(record.read_bytes())["outdated_since"] == "2025-06-26"
    record.write_text(json.dumps({**committed, "outdated_since": "2025-11-01"}), encoding="utf-8")  # hand-edited
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(SOURCE_DATE_EPOCH) + 150 * DAY))
    assert run(bundled_project, "build") == 1
    assert (f"published/es/{SLUG}.json: outdated since 2025-06-26, more than 90 days by 2025-11-13"
            in capsys.readouterr().err)
    assert not page.exists()


def test_a_source_date_epoch_older_than_the_english_change_does_not_expire_it(bundled_project, monkeypatch,
                                                                            capsys):
    spanish_only(bundled_project, base_url=False)
    outdated_clock(bundled_project, None)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", days_ago(300))  # frozen, a CI constant
    assert run(bundled_project, "build", "--quiet") == 0
    changed = (dt.datetime.now(dt.timezone.utc).date() - dt.timedelta(days=5)).isoformat()
    edit_english(bundled_project, "how to reach your healthcare provider, call",
                 "how to reach your healthcare provider, phone", updated=changed)
    capsys.readouterr()
    assert run(bundled_project, "build") == 0
    assert f"stays online (outdated since {changed})" in capsys.readouterr().err
    assert b"notice-outdated" in (bundled_project / "output" / "es" / f"{SLUG}.html").read_bytes()


def test_a_build_of_some_languages_or_a_preview_withdraws_no_outdated_translation(site, monkeypatch, capsys):
    change_english(site, monkeypatch)
    assert run(site, "build", "--quiet") == 0
    site_pages = output_checksums(site)
    assert run(site, "build", "es", "--quiet") == 0
    assert not (site / "output" / "ru").exists()
    capsys.readouterr()
    assert run(site, "build") == 0
    assert "not kept" not in capsys.readouterr().err
    assert output_checksums(site) == site_pages
    assert run(site, "build", "es", "--allow-incomplete", "--quiet") == 0  # a translator's preview
    assert b"notice-outdated" not in (site / "output" / "es" / f"{SLUG}.html").read_bytes()
    assert run(site, "build", "--quiet") == 0
    assert output_checksums(site) == site_pages


def test_without_a_build_state_the_manifest_says_which_version_was_online(bundled_project, monkeypatch, capsys):
    """The correction is in a unit the English then changes, translated anew:
    only the manifest's catalog_sha256 tells the record is older."""
    spanish_only(bundled_project, base_url=False)
    assert run(bundled_project, "build", "--quiet") == 0
    record = bundled_project / "published" / "es" / f"{SLUG}.json"
    stale = record.read_bytes()
    correct_spanish(bundled_project, "how to reach your healthcare provider, call", "otro proveedor de MSK",
                    "otro profesional de MSK")
    assert run(bundled_project, "build", "--quiet") == 0
    record.write_bytes(stale)
    (bundled_project / "output" / ".locpipe-build.json").unlink()
    edit_english(bundled_project, "to search our virtual library.",
                 "to search our virtual library.\n\nAsk your care team for a printed copy.")
    change_english(bundled_project, monkeypatch)
    po_path = bundled_project / "locale" / "es" / "LC_MESSAGES" / f"{SLUG}.po"
    po = polib.pofile(str(po_path))
    for entry in po.fuzzy_entries():  # translated anew for the new English
        entry.flags.remove("fuzzy")
        entry.previous_msgid = None
        entry.msgstr = entry.msgstr.replace("llame al", "telefonee al")
    write_catalog(po_path, po)
    capsys.readouterr()
    assert run(bundled_project, "build") == 1
    assert (f"published/es/{SLUG}.json: it is not the version the last build had online; the outdated version "
            "is not kept") in capsys.readouterr().err
    assert not (bundled_project / "output" / "es").exists()


def test_reverting_an_english_edit_brings_the_published_translation_back(bundled_project, monkeypatch, capsys):
    spanish_only(bundled_project, base_url=False)
    assert run(bundled_project, "build", "--quiet") == 0
    published = output_checksums(bundled_project)
    source = bundled_project / "source" / f"{SLUG}.md"
    original = source.read_bytes()
    change_english(bundled_project, monkeypatch)
    assert run(bundled_project, "build", "--quiet") == 0
    source.write_bytes(original)
    assert run(bundled_project, "update") == 0
    po_path = bundled_project / "locale" / "es" / "LC_MESSAGES" / f"{SLUG}.po"
    [fuzzy] = polib.pofile(str(po_path)).fuzzy_entries()
    assert fuzzy.previous_msgid == fuzzy.msgid  # the translation it keeps is of this very English
    monkeypatch.setenv("SOURCE_DATE_EPOCH", SOURCE_DATE_EPOCH)
    assert run(bundled_project, "build", "--quiet") == 0
    def site_pages(checksums: dict[str, str]) -> dict[str, str]:  # the reports are the current catalog's
        return {name: digest for name, digest in checksums.items() if name.startswith(("en/", "es/"))}
    assert site_pages(output_checksums(bundled_project)) == site_pages(published)
    assert {e["status"] for e in manifest(bundled_project)["files"] if e["path"] == f"es/{SLUG}.html"} \
        == {"published"}

    po = polib.pofile(str(po_path))  # a translator starts on the changed English, the entry still fuzzy
    next(e for e in po.fuzzy_entries()).msgstr += " (borrador)"
    write_catalog(po_path, po)
    assert run(bundled_project, "build", "--quiet") == 1
    assert not (bundled_project / "output" / "es").exists()


def test_a_record_with_a_field_of_another_type_is_refused_with_its_line(bundled_project, monkeypatch, capsys):
    spanish_only(bundled_project, base_url=False)
    assert run(bundled_project, "build", "--quiet") == 0
    record = bundled_project / "published" / "es" / f"{SLUG}.json"
    record.write_text(json.dumps({**json.loads(record.read_bytes()), "outdated_since": 20250620}, indent=1,
                                 sort_keys=True), encoding="utf-8")
    change_english(bundled_project, monkeypatch)
    line = next(n for n, text in enumerate(record.read_text(encoding="utf-8").splitlines(), 1)
                if '"outdated_since"' in text)
    before = tree_checksums(bundled_project)
    capsys.readouterr()
    assert run(bundled_project, "build") == 2
    assert (f"published/es/{SLUG}.json:{line}: error: field 'outdated_since' must be a string"
            in capsys.readouterr().err)
    assert tree_checksums(bundled_project) == before


@pytest.mark.parametrize("epoch", ["253402300800", "99999999999999", "²", "١٢٣"])
def test_an_odd_source_date_epoch_is_refused(site, monkeypatch, capsys, epoch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    before = tree_checksums(site)
    assert run(site, "build") == 2
    assert "SOURCE_DATE_EPOCH must be a whole number of seconds since 1970" in capsys.readouterr().err
    assert tree_checksums(site) == before


@pytest.mark.parametrize("base_url", ["https://host\\\\evil.com/x/", "https://ho<st>.org/", 'https://exa\\"mple.org/',
                                      "https://exa%20mple.org/", "https://example.org;x/", "https://example.org/a%zz/",
                                      "https://[v1.x]/"])
def test_a_base_url_with_an_invalid_host_or_escape_is_refused(bundled_project, capsys, base_url):
    settings = bundled_project / "pyproject.toml"
    text = settings.read_text(encoding="utf-8") + f'\n[tool.locpipe.site]\nbase_url = "{base_url}"\n'
    settings.write_text(text, encoding="utf-8")
    line = len(text.splitlines())
    before = tree_checksums(bundled_project)
    assert run(bundled_project, "build") == 2
    assert f"pyproject.toml:{line}: error: setting 'base_url' of [site]" in capsys.readouterr().err
    assert tree_checksums(bundled_project) == before


def test_published_leading_into_the_output_is_refused(site, capsys):
    shutil.rmtree(site / "published")
    (site / "published").symlink_to("output")
    before = tree_checksums(site)
    assert run(site, "build") == 2
    assert "output: error: the output folder (output) overlaps the records of what was published (published)" \
        in capsys.readouterr().err
    assert tree_checksums(site) == before


@pytest.mark.parametrize("settings, shared", [
    ({"locale": "site", "output": "site"}, "locale (site)"),  # a build would remove the catalogs as old pages
    ({"locale": "site", "output": "site/out"}, "locale (site)"),
    ({"output": "locale/pages"}, "locale (locale)"),
    ({"output": "source"}, "source (source)"),
    ({"output": ".git/pages"}, ".git (.git)"),
    ({"output": ".locpipe-cache"}, "the data cache (.locpipe-cache)"),
])
def test_an_output_folder_that_overlaps_the_projects_own_is_refused(bundled_project, capsys, settings, shared):
    if settings.get("locale"):
        (bundled_project / "locale").rename(bundled_project / settings["locale"])
    path = bundled_project / "pyproject.toml"
    lines = path.read_text(encoding="utf-8").splitlines()
    at = lines.index("[tool.locpipe]") + 1
    lines[at:at] = [f'{key} = "{value}"' for key, value in settings.items()]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    catalogs = sorted(bundled_project.rglob("*.po"))
    before = tree_checksums(bundled_project)
    assert catalogs and run(bundled_project, "build") == 2
    line = at + len(settings)  # output's line
    assert f"pyproject.toml:{line}: error: the output folder ({settings['output']}) overlaps {shared}" \
        in capsys.readouterr().err
    assert tree_checksums(bundled_project) == before and sorted(bundled_project.rglob("*.po")) == catalogs


def test_an_output_folder_that_is_a_link_to_locale_is_refused(bundled_project, capsys):
    shutil.rmtree(bundled_project / "output", ignore_errors=True)
    (bundled_project / "output").symlink_to("locale")
    before = tree_checksums(bundled_project)
    assert run(bundled_project, "build") == 2
    assert "output: error: the output folder (output) overlaps locale (locale)" in capsys.readouterr().err
    assert tree_checksums(bundled_project) == before


def test_an_output_folder_reached_through_a_link_out_of_the_project_is_refused(bundled_project, tmp_path, capsys):
    outside = tmp_path / "outside"
    (outside / "out" / "es").mkdir(parents=True)
    (outside / "out" / "es" / "notes.html").write_text("kept", encoding="utf-8")
    (bundled_project / "site").symlink_to(outside)
    path = bundled_project / "pyproject.toml"
    settings = path.read_text(encoding="utf-8")
    path.write_text(settings.replace("[tool.locpipe]\n", '[tool.locpipe]\noutput = "site/out"\n'), encoding="utf-8")
    assert run(bundled_project, "build") == 2
    assert f"site/out: error: a symlink to {outside / 'out'}, outside the project" in capsys.readouterr().err
    assert sorted(p.name for p in outside.rglob("*")) == ["es", "notes.html", "out"]


@pytest.mark.parametrize("command", ["build", "readability"])
def test_an_output_folder_no_build_made_is_refused_not_replaced(bundled_project, capsys, command):
    """`output = "docs"`, a folder of the user's: a first build would write
    its index.html over theirs, so a folder that holds files without the
    build's state or manifest is refused, where the settings chose it."""
    docs = bundled_project / "docs"
    (docs / "guide").mkdir(parents=True)
    (docs / "guide" / "setup.md").write_text("# How we publish\n", encoding="utf-8")
    (docs / ".gitkeep").write_text("", encoding="utf-8")
    (docs / "index.html").write_text("<p>our documentation</p>", encoding="utf-8")
    path = bundled_project / "pyproject.toml"
    lines = path.read_text(encoding="utf-8").splitlines()
    at = lines.index("[tool.locpipe]") + 1
    lines.insert(at, 'output = "docs"')
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    before = tree_checksums(bundled_project)
    assert run(bundled_project, command) == 2
    assert (f"pyproject.toml:{at + 1}: error: the output folder (docs) holds files no build made (such as "
            "'guide'), which a build would write its pages over") in capsys.readouterr().err
    assert tree_checksums(bundled_project) == before


def test_the_default_output_folder_holding_someone_elses_files_is_refused(bundled_project, capsys):
    (bundled_project / "output").mkdir()
    (bundled_project / "output" / "notes.txt").write_text("mine", encoding="utf-8")
    assert run(bundled_project, "build") == 2
    assert "output: error: the output folder (output) holds files no build made (such as 'notes.txt')" \
        in capsys.readouterr().err
    assert [p.name for p in (bundled_project / "output").iterdir()] == ["notes.txt"]


@pytest.mark.parametrize("kept", [[], [".gitkeep"], [".gitignore", ".keep"]])
def test_an_empty_output_folder_or_one_with_a_placeholder_is_built_into(bundled_project, kept):
    (bundled_project / "output").mkdir()
    for name in kept:
        (bundled_project / "output" / name).write_text("*\n", encoding="utf-8")
    assert run(bundled_project, "build", "--quiet") == 0
    assert (bundled_project / "output" / "manifest.json").is_file()


def test_an_output_folder_a_build_made_is_built_again_without_its_state(site):
    """An older locpipe wrote the manifest and no build state: its output
    is a build's, and a file put in it since (a CNAME) is kept."""
    (site / "output" / ".locpipe-build.json").unlink()
    (site / "output" / "CNAME").write_text("leaflets.example.org\n", encoding="utf-8")
    assert run(site, "build", "--quiet") == 0
    assert (site / "output" / ".locpipe-build.json").is_file()
    assert (site / "output" / "CNAME").read_text(encoding="utf-8") == "leaflets.example.org\n"


def _output_setting(root: Path, value: str) -> int:
    """`output = VALUE` in the project's settings; its line."""
    path = root / "pyproject.toml"
    lines = path.read_text(encoding="utf-8").splitlines()
    at = lines.index("[tool.locpipe]") + 1
    lines.insert(at, f'output = "{value}"')
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return at + 1


def _docs_with(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        (root / "docs" / name).parent.mkdir(parents=True, exist_ok=True)
        (root / "docs" / name).write_text(text, encoding="utf-8")


@pytest.mark.parametrize("files, command", [
    # a web app's own manifest.json is no build's
    ({"manifest.json": '{"name": "Docs", "icons": []}', "index.html": "home", "en/guide.html": "g"}, "build"),
    ({"reports/index.html": "<h1>Annual</h1>", "reports/q3.html": "q"}, "readability"),  # reports of their own
    ({"reports/index.html": "<title>Readability reports</title>", "reports/q3.pdf": "q"}, "build"),
    ({"index.html": "home", "sub/.notes.locpipe-staged-4000000.1-beef": "a staged-looking file"}, "readability"),
    ({"guide/index.html": "x", "es/page.html": "<p>a page</p>"}, "screenshots"),
])
def test_a_folder_of_the_users_is_refused_whatever_it_holds(bundled_project, capsys, files, command):
    line = _output_setting(bundled_project, "docs")
    _docs_with(bundled_project, files)
    before = tree_checksums(bundled_project)
    assert run(bundled_project, command) == 2
    assert f"pyproject.toml:{line}: error: the output folder (docs) holds files no build made" \
        in capsys.readouterr().err
    assert tree_checksums(bundled_project) == before


@pytest.mark.parametrize("marker, kind", [("folder", "a folder"), ("dangling link", "a link"),
                                          ("fifo", "a named pipe")])
def test_a_build_state_that_is_no_file_makes_no_folder_a_builds(bundled_project, capsys, marker, kind):
    line = _output_setting(bundled_project, "docs")
    _docs_with(bundled_project, {"index.html": "home"})
    state = bundled_project / "docs" / ".locpipe-build.json"
    {"folder": state.mkdir, "dangling link": lambda: state.symlink_to("nowhere.json"),
     "fifo": lambda: os.mkfifo(state)}[marker]()
    assert run(bundled_project, "build") == 2
    assert f"pyproject.toml:{line}: error: the output folder (docs) holds files no build made " \
           f"('.locpipe-build.json' is {kind})" in capsys.readouterr().err
    assert (bundled_project / "docs" / "index.html").read_text(encoding="utf-8") == "home"


@pytest.mark.parametrize("value, command", [("pyproject.toml", "readability"), ("pyproject.toml", "check"),
                                            ("notes.md", "readability"), ("notes.md", "build")])
def test_an_output_that_is_a_file_is_refused_not_replaced(bundled_project, capsys, value, command):
    """`readability` put its reports folder in place of the settings file."""
    (bundled_project / "notes.md").write_text("precious", encoding="utf-8")
    line = _output_setting(bundled_project, value)
    before = tree_checksums(bundled_project)
    assert run(bundled_project, command) == 2
    assert f"pyproject.toml:{line}: error: the output folder ({value}) is a file, not a folder" \
        in capsys.readouterr().err
    assert tree_checksums(bundled_project) == before


def test_an_output_in_published_is_refused_before_published_is_made(bundled_project, capsys):
    """The records (whole catalogs, translators' names) would be deployed with the site."""
    line = _output_setting(bundled_project, "published/site")
    shutil.rmtree(bundled_project / "published", ignore_errors=True)
    assert run(bundled_project, "build") == 2
    assert (f"pyproject.toml:{line}: error: the output folder (published/site) overlaps the records of what was "
            "published (published)") in capsys.readouterr().err
    assert not (bundled_project / "published").exists()


def test_a_data_cache_set_to_the_output_folder_is_refused(bundled_project, capsys, monkeypatch):
    monkeypatch.setenv("LOCPIPE_CACHE_DIR", str(bundled_project / "output"))
    assert run(bundled_project, "build") == 2
    assert "output: error: the output folder (output) overlaps the data cache" in capsys.readouterr().err
    assert not (bundled_project / "output").exists()


def test_files_put_in_the_output_stay_when_the_build_makes_none_of_their_names(bundled_project):
    """A sitemap.xml of the user's where the settings make none, and a page
    in a language's folder, with or without the build state: the build
    removes only what a build made."""
    assert run(bundled_project, "build", "--quiet") == 0
    output = bundled_project / "output"
    assert not (output / "sitemap.xml").exists()  # no base_url: no sitemap
    (output / "sitemap.xml").write_text("<urlset/>", encoding="utf-8")
    (output / "es" / "contact.html").write_text("<p>Llámenos</p>", encoding="utf-8")
    source = bundled_project / "source" / f"{SLUG}.md"
    source.write_text(source.read_text(encoding="utf-8").replace("  - Chills", "  - Shaking chills"), encoding="utf-8")
    assert run(bundled_project, "build", "--quiet", "--allow-incomplete") in (0, 1)
    (output / ".locpipe-build.json").unlink()  # a deploy tool that skipped the dotfiles
    assert run(bundled_project, "build", "--quiet", "--allow-incomplete") in (0, 1)
    assert (output / "sitemap.xml").read_text(encoding="utf-8") == "<urlset/>"
    assert (output / "es" / "contact.html").read_text(encoding="utf-8") == "<p>Llámenos</p>"


def test_a_fifo_where_the_reports_index_would_be_is_refused_without_waiting(bundled_project, capsys):
    (bundled_project / "output" / "reports").mkdir(parents=True)
    os.mkfifo(bundled_project / "output" / "reports" / "index.html")
    assert run(bundled_project, "readability") == 2  # read without blocking: no wait for a writer
    assert "output: error: the output folder (output) holds files no build made" in capsys.readouterr().err


def test_readability_reports_that_finder_has_opened_are_still_the_reports(bundled_project):
    assert run(bundled_project, "readability", "--lang", "es") == 0
    (bundled_project / "output" / "reports" / ".DS_Store").write_bytes(b"Bud1")
    (bundled_project / "output" / "reports" / "es" / ".DS_Store").write_bytes(b"Bud1")
    assert run(bundled_project, "build", "--quiet") == 0


def test_an_output_checked_out_with_crlf_line_ends_is_still_a_builds(bundled_project):
    """git's autocrlf rewrites the manifest's line ends; .nojekyll (GitHub
    Pages) is a placeholder."""
    assert run(bundled_project, "build", "--quiet") == 0
    output = bundled_project / "output"
    (output / ".locpipe-build.json").unlink()
    (output / "manifest.json").write_bytes((output / "manifest.json").read_bytes().replace(b"\n", b"\r\n"))
    assert run(bundled_project, "build", "--quiet") == 0
    shutil.rmtree(output)
    output.mkdir()
    (output / ".nojekyll").touch()
    assert run(bundled_project, "build", "--quiet") == 0


@pytest.mark.parametrize("folder", ["locale/cache", "source", "published/es"])
def test_a_data_cache_in_the_projects_own_folders_is_refused(bundled_project, capsys, monkeypatch, folder):
    monkeypatch.setenv("LOCPIPE_CACHE_DIR", str(bundled_project / folder))
    before = tree_checksums(bundled_project)
    assert run(bundled_project, "stats") == 2
    assert f"error: the data cache (LOCPIPE_CACHE_DIR={bundled_project / folder}) lies in" in capsys.readouterr().err
    assert tree_checksums(bundled_project) == before


def test_a_data_cache_folder_that_holds_the_project_is_no_overlap(bundled_project, monkeypatch):
    """$LOCPIPE_CACHE_DIR as a CI workspace above the project: its entries
    are its own files and jinja/, none of them the output."""
    monkeypatch.setenv("LOCPIPE_CACHE_DIR", str(bundled_project.parent))
    assert run(bundled_project, "stats") == 0
    assert run(bundled_project, "build", "--quiet") == 0


def test_paths_out_of_the_output_in_an_old_manifest_are_never_listed_as_removed(bundled_project):
    """A deployment deletes what the manifest lists as removed: a path
    edited into the last manifest ("../pyproject.toml") is dropped."""
    assert run(bundled_project, "build", "--quiet") == 0
    output = bundled_project / "output"
    (output / ".locpipe-build.json").unlink()
    manifest = json.loads((output / "manifest.json").read_text(encoding="utf-8"))
    manifest["files"] += [{"path": "../pyproject.toml", "sha256": "0" * 64, "size": 1},
                          {"path": "/etc/hostname", "sha256": "0" * 64, "size": 1}]
    manifest["removed"] = ["../locale/es/LC_MESSAGES/x.po", "es/gone.html"]
    (output / "manifest.json").write_text(json.dumps(manifest, indent=2), encoding="utf-8")
    assert run(bundled_project, "build", "--quiet") == 0
    removed = json.loads((output / "manifest.json").read_text(encoding="utf-8"))["removed"]
    assert "es/gone.html" in removed and not [name for name in removed if ".." in name or name.startswith("/")]
    assert (bundled_project / "pyproject.toml").is_file()


def test_a_folder_holding_only_a_desktop_file_is_built_into(bundled_project):
    (bundled_project / "output").mkdir()
    (bundled_project / "output" / ".DS_Store").write_bytes(b"\0\0\0\1Bud1")
    assert run(bundled_project, "build", "--quiet") == 0


@pytest.mark.parametrize("setting, message", [
    ('min_percent = "100%"', "setting 'min_percent' of [publish] must be a number from 0 to 100"),
    ("min_percent = nan", "setting 'min_percent' of [publish] must be a number from 0 to 100"),
    ('require_review = "false"', "setting 'require_review' of [publish] must be true or false"),
    ('allowed_link_targets = "https://x.example/es"',
     "setting 'allowed_link_targets' of [publish] must be a list of strings"),
    ('outdated_max_days = "90"', "setting 'outdated_max_days' of [publish] must be a whole number of days"),
])
def test_wrong_typed_publish_settings_are_refused_with_their_line(bundled_project, capsys, setting, message):
    settings = bundled_project / "pyproject.toml"
    key = setting.split(" = ")[0]
    lines = [line for line in settings.read_text(encoding="utf-8").splitlines() if not line.startswith(f"{key} =")]
    line = lines.index("[tool.locpipe.publish]") + 2
    lines.insert(line - 1, setting)
    settings.write_text("\n".join(lines) + "\n", encoding="utf-8")
    before = tree_checksums(bundled_project)
    assert run(bundled_project, "build") == 2
    assert f"pyproject.toml:{line}: error: {message}" in capsys.readouterr().err
    assert tree_checksums(bundled_project) == before


def test_an_error_writing_a_staged_output_names_the_output(bundled_project, capsys):
    """The build stages its output beside it under a longer name; an error
    there (too long a name for the file system, a read-only mount) names
    the output, not the staged copy."""
    name = "o" * 230
    _output_setting(bundled_project, name)
    before = tree_checksums(bundled_project)
    assert run(bundled_project, "build") == 2
    said = capsys.readouterr().err
    assert f"{bundled_project / name}: error: File name too long" in said and "locpipe-staged" not in said

    def outside_the_cache(files: dict[str, str]) -> dict[str, str]:  # the data cache only accelerates
        return {name: digest for name, digest in files.items() if not name.startswith(".locpipe-cache/")}
    assert outside_the_cache(tree_checksums(bundled_project)) == outside_the_cache(before)
