"""The pages of one language version of a document: HTML, plain text and PDF."""

from __future__ import annotations

from dataclasses import dataclass

import polib

from .. import catalog as cat
from ..jobs import project_context
from ..locales import native_name, text_direction
from ..localize import localize
from ..project import Project
from ..render.html import long_date, render_template
from ..render.pdf import page_pdf
from ..render.text import body_text, final_text
from ..ui import ui_gettext
from . import published as store
from . import site
from .publisher import document_publisher
from .settings import PublishSettings
from .state import PageRecord


@dataclass(frozen=True)
class PageInputs:
    """What one language version's pages are made from: the current source
    and catalogs, or for an outdated translation those it was last
    published from."""

    document: object  # model.Document
    source: bytes
    po: polib.POFile | None
    ui_po: polib.POFile | None
    catalog: bytes  # the catalog's bytes, for the PDF's revision
    kept: store.PublishedVersion | None = None


def language_pages(project: Project, slug: str, version: PageRecord, inputs: PageInputs, languages: list[str],
                   settings: PublishSettings) -> dict[str, bytes]:
    """The HTML, text and PDF of one language version."""
    language, document = version.language, inputs.document
    translations = cat.translations(inputs.po) if inputs.po is not None else {}
    ui_translations = cat.translations(inputs.ui_po) if inputs.ui_po is not None else {}
    gettext = ui_gettext(ui_translations, mark_english=language != "en")
    check_context = project_context(project, language) if language != "en" else None
    localized = localize(document, language, translations, settings.allowed_link_targets, check_context)
    publisher = document_publisher(settings.publisher, document, inputs.source)
    updated = document.metadata.get("updated")
    rights = localized.field("rights") if document.front_matter_unit("rights") else None
    page_publisher = {**publisher, "rights": rights.text if rights else publisher["rights"],
                      "rights_lang": "en" if language != "en" and (rights is None or rights.fallback) else ""}
    base_url = settings.output.base_url
    first = site.first_paragraph(document.blocks)
    description = localized.field("description") if document.front_matter_unit("description") else None
    kept = inputs.kept
    context = dict(
        doc=localized, lang=language, dir=text_direction(language),
        title=localized.field("title", document.slug),
        category=localized.field("category") if document.front_matter_unit("category") else None,
        updated=long_date(updated, language) if updated else "",
        publisher=page_publisher,
        alternates=[{"code": code, "name": native_name(code), "href": f"../{site.page_path(code, slug)}"}
                    for code in languages],
        links=site.alternates(base_url, slug, languages), canonical=site.page_url(base_url, language, slug),
        description=site.description(description.text if description else None,
                                     localized.texts[first].text if first is not None else None),
        incomplete=version.status == "preview" or localized.fallback_count > 0 and language != "en",
        draft=language != "en" and version.review != "reviewed",
        outdated={"date": long_date(kept.updated or kept.published, language),
                  "english": f"../{site.page_path('en', slug)}",
                  # paper and plain text cannot link: they give the address, when the site has one
                  "english_url": site.page_url(base_url, "en", slug)} if kept is not None else None)
    html = render_template("page.html", gettext, **context)
    text = render_template("page.txt", ui_gettext(ui_translations, html=False), body=body_text(localized),
                           **{**context, "category": context["category"].text if context["category"] else ""})
    files = {f"{language}/{slug}.html": html.encode("utf-8")}
    if "text" in settings.output.formats:
        files[f"{language}/{slug}.txt"] = final_text(text).encode("utf-8")
    if "pdf" in settings.output.formats:
        files[f"{language}/{slug}.pdf"] = page_pdf(context, gettext, settings.output, updated,
                                                   version.review, inputs.source, inputs.catalog)
    return files
