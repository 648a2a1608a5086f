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
from pathlib import Path

from markupsafe import Markup

from ..errors import LocpipeError


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
    from importlib.metadata import version  # tens of milliseconds to import: only for PDF
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


def page_pdf(context: dict, gettext, output, updated, review: str, source: bytes, catalog: bytes) -> bytes:
    """A page's PDF from the context of its HTML page (the same localized
    document and page strings), with the footer's identifier, revision,
    language and review status, and a QR code of its web address (the
    page's canonical address; `output`: the publish settings' OutputSettings)."""
    from ..locales import native_name
    from .html import render_template
    from .inline import shown_address
    language = context["lang"]
    url = context["canonical"]
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
