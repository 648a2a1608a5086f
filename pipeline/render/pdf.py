"""Print-ready PDF from a localized document: the print template
(`templates/print.html` and `print.css`) through WeasyPrint.

The PDF is tagged (PDF/UA-1), with the page's language and title, its fonts
embedded; WeasyPrint writes no dates of its own, so the same HTML gives the
same bytes. A PDF takes about as long to make as every other output of its
page together, so it is kept in the data cache by the print HTML it was made
from: a page whose print HTML did not change is not laid out again.
"""

from __future__ import annotations

import dataclasses
import hashlib
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

from markupsafe import Markup

from ..publish import site as web_site
from ..errors import LocpipeError, SettingsError
from ..project import settings_line

FORMATS = ("html", "text", "pdf")
PAGE_SIZES = {"letter": "letter", "a4": "A4"}


@dataclass(frozen=True)
class OutputSettings:
    """Which files a page is published as, and how it is printed."""

    formats: tuple[str, ...] = ("html", "text")
    page_size: str = "letter"  # a CSS page size: letter or A4
    large_print: bool = False  # 14 pt body text instead of 11 pt
    base_url: str = ""  # where the site is served; a printed page's QR code leads there

    @classmethod
    def from_settings(cls, raw: dict, pdf: bool = False, origin: str = "") -> "OutputSettings":
        """From `formats`, `[print]` and `[site]` of the settings; `pdf`
        (the command line's --pdf) adds PDF to the formats."""
        formats = raw.get("formats", ["html", "text"])
        if not isinstance(formats, list) or "html" not in formats or any(f not in FORMATS for f in formats):
            raise SettingsError("setting 'formats' must list \"html\" and may add \"text\" and \"pdf\"", origin)
        printing, site = raw.get("print", {}), raw.get("site", {})
        if not isinstance(printing, dict) or not isinstance(site, dict):
            raise SettingsError("[print] and [site] must be tables", origin)
        size = printing.get("page_size", "letter")
        if not isinstance(size, str) or size.lower() not in PAGE_SIZES:
            raise SettingsError("setting 'page_size' of [print] must be \"letter\" or \"A4\"", origin)
        large = printing.get("large_print", False)
        base_url = site.get("base_url", "")
        if not isinstance(large, bool) or not isinstance(base_url, str):
            raise SettingsError("setting 'large_print' of [print] must be true or false, "
                                "'base_url' of [site] a string", origin)
        if base_url:
            base_url, problem = web_site.site_address(base_url)
            if problem:
                raise SettingsError(f"setting 'base_url' of [site] {problem}", origin,
                                    settings_line(origin, ("site", "base_url")))
        chosen = [f for f in FORMATS if f in formats or (pdf and f == "pdf")]
        return cls(tuple(chosen), PAGE_SIZES[size.lower()], large, base_url)

    def page_url(self, language: str, slug: str) -> str:
        """The page's web address, or "" without a base_url."""
        return web_site.page_url(self.base_url, language, slug)


def revision(source: bytes, catalog: bytes) -> str:
    """A short hash of what a page's words come from: the English source and
    the language's catalog (none for English)."""
    return hashlib.sha256(hashlib.sha256(source).digest() + hashlib.sha256(catalog).digest()).hexdigest()[:8]


def qr_svg(url: str, title: str) -> Markup:
    """A QR code of `url` as inline SVG (segno), titled for screen readers."""
    import segno  # only pages printed with a base_url need it
    return Markup(segno.make(url, error="m").svg_inline(scale=2, title=title, omitsize=False))


def pdf_bytes(html: str) -> bytes:
    """The PDF of a print page. The page's language and title come from its
    <html lang> and <title>; everything it shows is in the HTML, so the HTML
    and WeasyPrint's version name the PDF in the data cache."""
    from .. import datacache
    key = f"{version('weasyprint')}\0{html}"
    return datacache.cached("pdf", hashlib.sha256(key.encode()).hexdigest(), lambda: _weasyprint(html))


def _weasyprint(html: str) -> bytes:
    """Offline: nothing but data: addresses is fetched (a page's links stay
    links; a remote image is left out, as a build never uses the network)."""
    import weasyprint  # loads pango and the fonts: only builds that print
    from weasyprint.urls import URLFetcher
    document = weasyprint.HTML(string=html, url_fetcher=URLFetcher(allowed_protocols=("data",)))
    return document.write_pdf(pdf_variant="pdf/ua-1")


def page_pdf(context: dict, gettext, output: OutputSettings, slug: str, updated, review: str,
             source: bytes, catalog: bytes) -> bytes:
    """A page's PDF from the context of its HTML page (the same localized
    document and page strings), with the footer's identifier, revision,
    language and review status, and a QR code of its web address."""
    from ..locales import native_name
    from .html import render_template
    from .inline import shown_address
    language = context["lang"]
    url = output.page_url(language, slug)
    updated_iso = str(updated)[:10] if updated else ""
    html = render_template(
        "print.html", gettext, **{**context, "doc": dataclasses.replace(context["doc"], on_paper=True)},
        on_paper=True, print=output, updated_iso=updated_iso, review=review, language=native_name(language),
        revision=" · ".join(filter(None, (updated_iso, revision(source, catalog)))),
        qr_code=qr_svg(url, Markup(gettext("Read this page online:")).striptags()) if url else None,
        page_address=shown_address(url, ""),
        page_number=Markup('<span class="page-number"></span>'), page_count=Markup('<span class="page-count"></span>'))
    return pdf_bytes(html)


def first_page_png(pdf: Path, target: Path) -> Path:
    """A PNG of a PDF's first page, as a reviewer sees it on paper (poppler's pdftoppm, 96 dpi)."""
    import shutil
    import subprocess
    if shutil.which("pdftoppm") is None:
        raise LocpipeError("poppler's pdftoppm is not installed (Debian package poppler-utils)")
    subprocess.run(["pdftoppm", "-png", "-singlefile", "-f", "1", "-l", "1", "-r", "96", str(pdf),
                    str(target.with_suffix(""))], check=True, capture_output=True)
    return target
