"""The built pages as a reader's browser shows them: headless Chromium
(Debian's chromium and chromedriver), axe-core for accessibility."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

from conftest import REPO, SOURCE_DATE_EPOCH, run
from pipeline.browser import chromium, find_chromium
from pipeline.po import write_catalog

pytestmark = [pytest.mark.browser,
              pytest.mark.skipif(find_chromium() is None,
                                 reason="Debian's chromium and chromium-driver are not installed")]
SLUG = "cytokine-release-syndrome"
AXE = Path(os.environ.get("AXE_CORE_JS", REPO / ".ci" / "node" / "node_modules" / "axe-core" / "axe.min.js"))


def build_site(root: Path, *languages: str) -> None:
    """Build the pages the tests open, or fail with what the build said: a
    refused language would otherwise show up later as a browser error on a
    page that is not there."""
    done = subprocess.run([sys.executable, "-m", "pipeline", "--project", str(root), "build", *languages],
                          capture_output=True, text=True,
                          env={**os.environ, "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH})
    if done.returncode != 0:
        pytest.fail(f"`locpipe build` exited {done.returncode}:\n{done.stdout}{done.stderr}", pytrace=False)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("site") / "project"
    root.mkdir()
    shutil.copytree(REPO / "source", root / "source")
    shutil.copytree(REPO / "locale", root / "locale", ignore=shutil.ignore_patterns("*.mo", ".locpipe.lock"))
    shutil.copy(REPO / "pyproject.toml", root / "pyproject.toml")
    build_site(root)
    return root


def test_a_failed_build_fails_the_site_with_its_own_message(bundled_project):
    po_path = bundled_project / "locale" / "ar" / "LC_MESSAGES" / f"{SLUG}.po"
    po = polib.pofile(str(po_path))
    for entry in po:
        entry.msgstr = entry.msgstr.replace("911", "912")
    write_catalog(po_path, po)
    with pytest.raises(pytest.fail.Exception) as failed:
        build_site(bundled_project, "ar")
    message = str(failed.value)
    assert message.startswith("`locpipe build` exited 1:\n")
    assert f"refused ar/{SLUG}: 2 errors — emergency-number ×1, number ×1" in message and "published" in message


@pytest.fixture(scope="module")
def browser():
    with chromium() as driver:
        yield driver


@pytest.mark.parametrize("language, direction", [("en", "ltr"), ("es", "ltr"),
                                                 ("zh_Hans", "ltr"), ("ar", "rtl")])
def test_direction_console_and_accessibility(site, browser, language, direction):
    page = site / "output" / language / f"{SLUG}.html"
    browser.get(page.as_uri())
    computed = browser.execute_script(
        "return getComputedStyle(document.querySelector('article')).direction")
    assert computed == direction
    assert browser.execute_script("return document.documentElement.lang") == language.replace("_", "-")
    errors = [entry for entry in browser.get_log("browser") if entry["level"] == "SEVERE"]
    assert errors == []
    assert axe_violations(browser) == []


def axe_violations(browser) -> list[str]:
    """The serious and critical accessibility violations axe-core finds on the page."""
    if not AXE.is_file():
        pytest.skip(f"axe-core is not installed at {AXE} (.ci/run installs it from npm)")
    browser.execute_script(AXE.read_text(encoding="utf-8"))
    result = browser.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document).then(r => done(JSON.stringify(r.violations)))"
        ".catch(e => done(JSON.stringify([{impact: 'critical', id: String(e)}])));")
    return [v["id"] for v in json.loads(result) if v.get("impact") in ("serious", "critical")]


def test_screenshots_command(site):
    assert run(site, "screenshots", "en", "ar") == 0
    shots = sorted(p.name for p in (site / "output" / "screenshots").glob("*.png"))
    assert shots == [f"ar-{SLUG}.png", f"en-{SLUG}.png"]
    assert all((site / "output" / "screenshots" / name).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
               for name in shots)


def _png_height(path: Path) -> int:
    return int.from_bytes(path.read_bytes()[20:24], "big")


def test_screenshot_height_is_the_page_height_whatever_came_before(site, tmp_path):
    """A short page shot after a tall one is as tall as itself, not as the last window."""
    from pipeline.browser import screenshots
    output = site / "output"
    tall, short = output / "es" / f"{SLUG}.html", output / "zh_Hans" / f"{SLUG}.html"
    alone = screenshots(output, [short], tmp_path / "alone")[0]
    after_tall = screenshots(output, [tall, short], tmp_path / "after")[1]
    assert _png_height(after_tall) == _png_height(alone)
    assert _png_height(screenshots(output, [tall], tmp_path / "tall")[0]) > _png_height(alone)


def test_no_page_scrolls_sideways_on_a_phone(site, browser):
    """At 420 px every page and report fits the screen: nothing hidden off the
    left edge of a right-to-left page, no chart or table wider than a phone."""
    output = site / "output"
    pages = sorted(output.glob("*/*.html")) + sorted((output / "reports").glob("*/*.html"))
    pages += [output / "index.html", output / "reports" / "index.html"]
    assert len(pages) >= 14
    browser.set_window_size(420, 900)
    too_wide = {}
    for page in pages:
        browser.get(page.as_uri())
        scroll, client = browser.execute_script(
            "return [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        if scroll > client:
            too_wide[str(page.relative_to(output))] = scroll
    assert too_wide == {}


@pytest.fixture(scope="module")
def dashed_site(tmp_path_factory):
    """The Arabic page with its numbers written as typographers write them: a
    non-breaking hyphen (U+2011), en dashes, 9‑1‑1."""
    root = tmp_path_factory.mktemp("dashed") / "project"
    root.mkdir()
    shutil.copytree(REPO / "source", root / "source")
    shutil.copytree(REPO / "locale", root / "locale", ignore=shutil.ignore_patterns("*.mo", ".locpipe.lock"))
    shutil.copy(REPO / "pyproject.toml", root / "pyproject.toml")
    po_path = root / "locale" / "ar" / "LC_MESSAGES" / f"{SLUG}.po"
    po = polib.pofile(str(po_path))
    for entry in po:
        entry.msgstr = entry.msgstr.replace("212-639-7900", "212\u2011639\u20117900").replace(
            "212-639-2000", "212\u2013639\u20132000").replace("911", "9\u20111\u20111")
    write_catalog(po_path, po)
    build_site(root, "ar")
    return root


@pytest.mark.parametrize("project, written", [
    ("site", ["212-639-2000", "212-639-7900", "911"]),
    ("dashed_site", ["212\u2011639\u20117900", "212\u2013639\u20132000", "9\u20111\u20111"])])
def test_arabic_page_shows_phone_numbers_left_to_right(request, browser, project, written):
    """The first digit of each number is drawn left of the last, so a patient
    reads 212-639-2000, not the bidi algorithm's 2000-639-212 (or 9-1-1 as
    1-1-9), whatever dashes the translation writes; 911 keeps its
    emergency styling."""
    site = request.getfixturevalue(project)
    browser.set_window_size(420, 900)
    browser.get((site / "output" / "ar" / f"{SLUG}.html").as_uri())
    assert browser.execute_script("return document.querySelectorAll('.emergency a[href=\"tel:911\"]').length") == 1
    numbers = browser.execute_script("""
        return Array.from(document.querySelectorAll('article a[href^="tel:"]')).map(a => {
          const text = a.firstChild, range = document.createRange(), x = i => {
            range.setStart(text, i); range.setEnd(text, i + 1);
            return range.getBoundingClientRect().left; };
          const lines = a.getClientRects().length, last = text.data.length - 1;
          return [text.data, x(0) < x(last >> 1) && x(last >> 1) < x(last), lines];
        });""")
    assert sorted(n[0] for n in numbers) == sorted(written)
    assert all(left_to_right and lines == 1 for _, left_to_right, lines in numbers), numbers


def test_arabic_page_shows_measures_left_to_right(site, browser):
    """A temperature keeps its glyph order in Arabic text: "100.4 °F" is drawn
    1, 0, 0, ., 4, °, F from left to right, not as the bidi algorithm's
    "F (38 °C)° 100.4"; so is the "38 °C" beside it."""
    found = _measure_glyphs(browser, site / "output" / "ar" / f"{SLUG}.html", ["100.4 °F", "38 °C"])
    assert set(found) == {"100.4 °F", "38 °C"}, found
    for measure, lefts in found.items():
        assert lefts == sorted(lefts), (measure, lefts)


@pytest.mark.parametrize("fever, celsius", [("١٠٠٫٤ °F", "٣٨ °C"), ("100٫4 °F", "38 °C"),
                                            ("۱۰۰٫۴ °F", "۳۸ °C"), ("100.4 ˚F", "38 ˚C"),
                                            ("100.4 ºF", "38 ºC"), ("100.4 ℉", "38 ℃")])
def test_arabic_page_shows_measures_written_arabic_ways_left_to_right(bundled_project, browser, fever, celsius):
    """With the Arabic decimal separator (U+066B, in any digits) or a degree
    sign the checks read as "°", the whole measure is one isolate: not
    "4 °F100٫" nor "F (38 ˚C)˚ 100.4"."""
    po_path = bundled_project / "locale" / "ar" / "LC_MESSAGES" / f"{SLUG}.po"
    po = polib.pofile(str(po_path))
    po.find("A fever of 100.4 °F (38 °C) or higher").msgstr = f"حمى بدرجة {fever} ({celsius}) أو أعلى"
    write_catalog(po_path, po)
    build_site(bundled_project, "ar")
    found = _measure_glyphs(browser, bundled_project / "output" / "ar" / f"{SLUG}.html", [fever, celsius])
    assert set(found) == {fever, celsius}, found
    for measure, lefts in found.items():
        assert lefts == sorted(lefts), (measure, lefts)


def _measure_glyphs(browser, page: Path, measures: list[str]) -> dict[str, list[float]]:
    """The left edge of each glyph of the first occurrence of each measure
    in the article, in the measure's order."""
    browser.set_window_size(420, 900)
    browser.get(page.as_uri())
    return browser.execute_script("""
        const walker = document.createTreeWalker(document.querySelector('article'), NodeFilter.SHOW_TEXT);
        const range = document.createRange(), out = {};
        const x = (node, i) => { range.setStart(node, i); range.setEnd(node, i + 1);
                                 return range.getBoundingClientRect().left; };
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          for (const measure of arguments[0]) {
            const at = node.data.indexOf(measure);
            if (at >= 0 && !(measure in out)) {
              const glyphs = [...measure].map((c, i) => [c, x(node, at + i)]).filter(([c]) => c !== ' ');
              out[measure] = glyphs.map(([, left]) => left);
            }
          }
        }
        return out;""", measures)


@pytest.mark.parametrize("language", ["en", "ar"])
def test_highlighted_text_fits_a_phone_without_errors(site, browser, tmp_path, language):
    """The whole text, highlighted, at 412 px: no sideways scrolling, no
    console errors; a medical term shows its plain words when tapped
    (focused). The screenshot is kept in the test's folder to look at."""
    page = site / "output" / "reports" / language / f"{SLUG}.text.html"
    browser.set_window_size(412, 900)
    browser.get_log("browser")  # drop what earlier pages logged
    browser.get(page.as_uri())
    scroll, client = browser.execute_script(
        "return [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert scroll <= client
    assert [e for e in browser.get_log("browser") if e["level"] == "SEVERE"] == []
    assert browser.execute_script("return document.querySelectorAll('article .s.long').length") > 0
    if language == "en":
        widths = browser.execute_script("""
            const term = document.querySelector('article .term'), plain = term.nextElementSibling;
            const before = plain.getBoundingClientRect().width;
            term.focus();
            return [before, plain.getBoundingClientRect().width, document.documentElement.scrollWidth];""")
        assert widths[0] <= 1 < widths[1] and widths[2] <= client
    shot = tmp_path / f"{language}-{SLUG}.text.png"
    assert browser.save_screenshot(str(shot))
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_the_draft_and_incomplete_notices_take_at_most_a_quarter_of_a_phone_screen(bundled_project, browser):
    assert run(bundled_project, "init", "fr") == 0
    assert run(bundled_project, "build", "fr", "ar", "--allow-incomplete", "--quiet") == 0
    browser.set_window_size(412, 915)
    for language, count in (("fr", 2), ("ar", 1)):
        browser.get((bundled_project / "output" / language / f"{SLUG}.html").as_uri())
        screen, heights, span = browser.execute_script("""
            const n = [...document.querySelectorAll('.notice')].map(e => e.getBoundingClientRect());
            return [window.innerHeight, n.map(r => r.height), n[n.length - 1].bottom - n[0].top];""")
        assert len(heights) == count and min(heights) > 30, (language, heights)  # shown, not hidden
        assert span <= screen / 4, (language, span, screen)


def test_a_tap_on_a_medical_term_shows_its_plain_words_without_focus(site, browser):
    """Safari does not focus a button on a tap: a click alone (element.click()
    moves no focus) opens the plain words and says so (aria-expanded); a
    second closes them. The legend's sample term is not a button."""
    browser.set_window_size(412, 900)
    browser.get((site / "output" / "reports" / "en" / f"{SLUG}.text.html").as_uri())
    states = browser.execute_script("""
        const term = document.querySelector('article button.term'), plain = term.nextElementSibling;
        const seen = () => [term.getAttribute('aria-expanded'), plain.getBoundingClientRect().width > 1,
                            document.activeElement === term];
        const out = [seen()];
        term.click(); out.push(seen());
        term.click(); out.push(seen());
        return [out, document.querySelectorAll('.legend button').length];""")
    assert states == [[["false", False, False], ["true", True, False], ["false", False, False]], 0]


def test_reports_index_shows_each_verdict_and_language_name_on_a_phone(site, browser):
    browser.set_window_size(412, 900)
    browser.get((site / "output" / "reports" / "index.html").as_uri())
    found = browser.execute_script("""
        const width = document.documentElement.clientWidth;
        return [document.documentElement.scrollWidth <= width,
                Array.from(document.querySelectorAll('tbody tr')).map(row => {
                  const cells = Array.from(row.cells), box = cells[2].getBoundingClientRect();
                  return [cells[1].innerText, getComputedStyle(cells[2], '::before').content + cells[2].innerText,
                          box.left >= 0 && box.right <= width && box.width > 0];
                })];""")
    fits, rows = found
    assert fits and len(rows) == 6
    assert all(visible for _, _, visible in rows)
    languages = [language for language, _, _ in rows]
    assert "Arabic (ar)" in languages and "Chinese (Simplified) (zh_Hans)" in languages
    assert all(verdict.startswith('"Verdict: "') and len(verdict) > 20 for _, verdict, _ in rows), rows


def test_a_kept_outdated_translation_shows_its_notice_and_reaches_the_english(bundled_project, browser, monkeypatch):
    """The English changed and Arabic was not updated yet: the Arabic page
    stays, with the notice in Arabic at the top of a phone's first screen,
    and its link opens the current English."""
    assert run(bundled_project, "build", "ar", "--quiet") == 0
    source = bundled_project / "source" / f"{SLUG}.md"
    source.write_text(source.read_text(encoding="utf-8").replace("healthcare provider, call 212",
                                                                 "healthcare provider, phone 212"), encoding="utf-8")
    assert run(bundled_project, "update", "ar") == 0
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(SOURCE_DATE_EPOCH) + 30 * 86400))
    assert run(bundled_project, "build", "ar", "--quiet") == 0
    browser.set_window_size(412, 915)
    browser.get((bundled_project / "output" / "ar" / f"{SLUG}.html").as_uri())
    notice = browser.execute_script("""
        const n = document.querySelector('.notice-outdated'), r = n.getBoundingClientRect();
        return [n.innerText, n.closest('[lang]').lang, getComputedStyle(n).direction, r.top, r.height,
                window.innerHeight, getComputedStyle(n).display];""")
    text, language, direction, top, height, screen, display = notice
    assert text.startswith("تتوفر نسخة إنجليزية محدّثة من هذه النشرة") and language == "ar" and direction == "rtl"
    assert display != "none" and height > 30 and top + height <= screen / 2, notice
    browser.find_element("css selector", ".notice-outdated a").click()
    assert browser.current_url.endswith(f"/en/{SLUG}.html")
    assert "phone 212-639-2000" in " ".join(browser.find_element("css selector", "article").text.split())


def test_print_writes_a_links_address_once(site, browser):
    """In print, a link whose text is its address is printed once; another
    link is followed by its address without the scheme."""
    browser.get((site / "output" / "en" / f"{SLUG}.html").as_uri())
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        after = browser.execute_script("""
            return Array.from(document.querySelectorAll('a[href^="http"]')).map(
              a => [a.innerText, getComputedStyle(a, '::after').content]);""")
    finally:
        browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    policy = [content for text, content in after if text == "Learn about our Health Information Policy"]
    assert policy == ['" (" "www.mskcc.org/pe/health-information-policy" ")"'] or \
        policy == ['" (www.mskcc.org/pe/health-information-policy)"'], after
    for text, content in after:
        if text.startswith("www."):
            assert content in ("none", "normal"), (text, content)
