"""The review workspace in headless Chromium: `locpipe serve` on a free
port, the Spanish and Arabic review pages side by side, filtered to errors
by keyboard, a sign-off from the page that lands in the catalog header and
in `review status`, and an English edit that voids it."""

from __future__ import annotations

import json
import time

import polib
import pytest

from conftest import SOURCE_DATE_EPOCH, copy_bundled_project, run, serving
from pipeline.browser import chromium, find_chromium
from pipeline.jobs import read_document_by_slug
from pipeline.po import write_catalog
from pipeline.project import Project
from pipeline.publish.state import last_build
from test_browser import axe_violations

pytestmark = [pytest.mark.browser,
              pytest.mark.skipif(find_chromium() is None,
                                 reason="Debian's chromium and chromium-driver are not installed")]
SLUG = "cytokine-release-syndrome"


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """Spanish and Arabic; the Arabic catalog with a wrong phone number."""
    root = copy_bundled_project(tmp_path_factory.mktemp("review") / "project", '["es", "ar"]')
    arabic = root / "locale" / "ar" / "LC_MESSAGES" / f"{SLUG}.po"
    po = polib.pofile(str(arabic))
    entry = next(e for e in po if "212-639-2000" in e.msgid and e.msgstr)
    entry.msgstr = entry.msgstr.replace("212-639-2000", "212-639-2001")
    write_catalog(arabic, po)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", SOURCE_DATE_EPOCH)
        with serving(root) as (port, workspace):
            yield root, port, workspace


@pytest.fixture(scope="module")
def browser():
    with chromium() as driver:
        driver.set_window_size(412, 900)
        yield driver


def tab_to(browser, text: str):
    """Press Tab until the link or button named `text` has the focus."""
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys
    for _ in range(40):
        ActionChains(browser).send_keys(Keys.TAB).perform()
        if browser.execute_script("return document.activeElement.textContent.trim()") == text:
            return browser.switch_to.active_element
    pytest.fail(f"{text!r} cannot be reached with the keyboard")


@pytest.mark.parametrize("language, direction", [("es", "ltr"), ("ar", "rtl")])
def test_review_page_side_by_side_on_a_phone(served, browser, language, direction):
    root, port, _ = served
    browser.get(f"http://127.0.0.1:{port}/review/{language}/{SLUG}")
    units = len(read_document_by_slug(Project(root), SLUG).units)
    pairs = browser.execute_script(
        "return [...document.querySelectorAll('.pair')].map(p => [...p.children].map("
        "c => [c.lang, getComputedStyle(c).direction]))")
    assert len(pairs) == units > 70 and all(pair[0] == ["en", "ltr"] for pair in pairs)
    assert all(pair[1] == [language, direction] for pair in pairs)
    assert browser.execute_script("return document.documentElement.scrollWidth <= window.innerWidth")
    assert [e for e in browser.get_log("browser") if e["level"] == "SEVERE"] == []
    assert axe_violations(browser) == []


def test_filtered_to_errors_by_keyboard(served, browser):
    from selenium.webdriver.common.keys import Keys
    _, port, _ = served
    browser.get(f"http://127.0.0.1:{port}/review/ar/{SLUG}")
    tab_to(browser, "Only errors").send_keys(Keys.ENTER)
    assert browser.current_url.endswith("?show=errors")
    units = browser.execute_script("return [...document.querySelectorAll('.unit')].map(u => "
                                   "[u.className, u.querySelector('.findings li').textContent])")
    assert len(units) == 1 and units[0][0] == "unit has-error"
    assert units[0][1].startswith("error phone-number:")
    assert "This catalog cannot be signed off yet" in browser.page_source
    assert axe_violations(browser) == []


def test_a_saved_translation_shows_without_a_manual_reload(served, browser):
    from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException
    from selenium.webdriver.support.ui import WebDriverWait
    root, port, workspace = served
    browser.get(f"http://127.0.0.1:{port}/es/{SLUG}.html")
    browser.execute_script("window.loadedBefore = true")
    catalog = root / "locale" / "es" / "LC_MESSAGES" / f"{SLUG}.po"
    saved = catalog.read_text(encoding="utf-8")
    catalog.write_text(saved.replace('msgstr "Escalofríos"', 'msgstr "Escalofríos fuertes"'), encoding="utf-8")
    try:
        # the page is replaced while it is read: an element of the old one is stale
        WebDriverWait(browser, 120, poll_frequency=0.1,
                      ignored_exceptions=(NoSuchElementException, StaleElementReferenceException)).until(
            lambda driver: "Escalofríos fuertes" in driver.find_element("tag name", "article").text)
        assert browser.execute_script("return window.loadedBefore === undefined")  # the page reloaded itself
    finally:
        generation = workspace.state.generation
        catalog.write_text(saved, encoding="utf-8")
        deadline = time.monotonic() + 60
        while workspace.state.generation == generation and time.monotonic() < deadline:
            time.sleep(0.05)


def test_sign_off_from_the_page_then_an_english_edit_voids_it(served, browser, capsys):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select, WebDriverWait
    root, port, _ = served
    browser.get(f"http://127.0.0.1:{port}/review/es/{SLUG}")
    browser.find_element(By.ID, "by").send_keys("Ana Ruiz")
    Select(browser.find_element(By.ID, "role")).select_by_value("health-literacy")
    browser.find_element(By.ID, "comment").send_keys("plain language checked")
    browser.find_element(By.CSS_SELECTOR, "#signoff button").click()
    # click() returns once the form is sent, not once the server has signed and answered: on a loaded
    # machine the catalog was read before the sign-off was written
    WebDriverWait(browser, 60).until(lambda driver: "signed=" in driver.current_url)
    header = polib.pofile(str(root / "locale" / "es" / "LC_MESSAGES" / f"{SLUG}.po")).metadata
    assert browser.current_url.endswith(f"/review/es/{SLUG}?signed={header['X-Reviewed-Translations']}")
    assert "Signed off." in browser.page_source
    assert (header["X-Review-Status"], header["X-Reviewed-By"], header["X-Reviewed-Role"]) == \
        ("reviewed", "Ana Ruiz", "health-literacy review")
    capsys.readouterr()
    assert run(root, "review", "status", "--json") == 0
    rows = {(r["language"], r["document"]): r for r in json.loads(capsys.readouterr().out)}
    assert rows[("es", SLUG)]["review"] == "reviewed"
    assert rows[("es", SLUG)]["reviewed_comment"] == "plain language checked"

    def es_page():
        return next(p for p in last_build(Project(root)) if (p.language, p.document) == ("es", SLUG))

    source = root / "source" / f"{SLUG}.md"
    source.write_text(source.read_text(encoding="utf-8").replace("  - Chills", "  - Shaking chills"),
                      encoding="utf-8")
    # the sign-off's own rebuild may end before the edit's begins: wait for the edit's outcome
    why = "reviewed 2025-06-16 by Ana Ruiz (health-literacy review), English changed since"
    deadline = time.monotonic() + 180  # a loaded machine (the whole suite at once) rebuilds slowly
    while (es_page().status, es_page().review_note) != ("outdated", why) and time.monotonic() < deadline:
        time.sleep(0.05)
    # on a loaded machine (the whole suite at once) the page was once seen counting every unit changed,
    # its sign-off record "unknown" for a moment after the edit: the page is read again until it settles
    deadline = time.monotonic() + 60
    while True:
        browser.get(f"http://127.0.0.1:{port}/review/es/{SLUG}?show=changed")
        changed = browser.execute_script("return [...document.querySelectorAll('.unit .pair div:first-child')]"
                                         ".map(d => d.lastChild.textContent)")
        if changed == ["Shaking chills"] or time.monotonic() > deadline:
            break
        time.sleep(0.2)
    assert f"draft ({why})" in browser.find_element(By.TAG_NAME, "header").text
    assert changed == ["Shaking chills"]
    page = es_page()
    # the reviewed version stays online as outdated (published/), and the build says why its sign-off is void
    assert (page.status, page.review_note) == ("outdated", why)


def test_screenshots_of_the_review_pages(served):
    root, _, _ = served
    assert run(root, "screenshots", "--review") == 0  # es is outdated by now: kept online
    shots = root / "output" / "screenshots"
    assert (shots / f"review-ar-{SLUG}.png").is_file() and (shots / f"es-{SLUG}.png").is_file()
    data = (shots / f"review-es-{SLUG}.png").read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and int.from_bytes(data[16:20], "big") == 420
    assert int.from_bytes(data[20:24], "big") > 5000  # the whole page: every unit of the leaflet
