"""Headless Chromium from the system (Debian's chromium and chromedriver),
driven by selenium: what a reader's browser makes of the built pages."""

from __future__ import annotations

import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from .errors import LocpipeError

CHROMIUM_FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--disable-dev-shm-usage", "--window-size=420,900", "--force-device-scale-factor=1"]


def find_chromium() -> tuple[str, str] | None:
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    driver = shutil.which("chromedriver")
    return (browser, driver) if browser and driver else None


@contextmanager
def chromium() -> Iterator[object]:
    """A headless Chromium with a fresh profile; no downloads, no network use."""
    found = find_chromium()
    if found is None:
        raise LocpipeError("headless Chromium is not installed (Debian packages chromium and chromium-driver)")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    with tempfile.TemporaryDirectory(prefix="locpipe-chromium-") as profile:
        options = webdriver.ChromeOptions()
        options.binary_location = found[0]
        for flag in CHROMIUM_FLAGS + [f"--user-data-dir={profile}"]:
            options.add_argument(flag)
        options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
        driver = webdriver.Chrome(service=Service(found[1]), options=options)
        try:
            yield driver
        finally:
            driver.quit()


def screenshots(output: Path, pages: list[Path], target: Path) -> list[Path]:
    """Full-height PNGs of pages, named <lang>-<document>.png."""
    written = []
    target.mkdir(parents=True, exist_ok=True)
    with chromium() as driver:
        for page in pages:
            # back to phone height first: a window left tall by the previous page
            # would make this page's scrollHeight the window's, not the content's
            driver.set_window_size(420, 900)
            driver.get(page.resolve().as_uri())
            height = driver.execute_script("return document.documentElement.scrollHeight")
            driver.set_window_size(420, min(int(height) + 100, 12000))
            name = target / f"{page.parent.name}-{page.stem}.png"
            driver.save_screenshot(str(name))
            written.append(name)
    return written
