"""What makes the output a site a web team can deploy: absolute addresses
under `[tool.locpipe.site] base_url`, language alternates, the sitemap and
each page's description (pure functions)."""

from __future__ import annotations

import ipaddress
import re
import urllib.parse
from typing import TYPE_CHECKING, Iterable, Iterator

from markupsafe import Markup

from ..locales import bcp47

if TYPE_CHECKING:
    from .state import DocumentRecord

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML_NS = "http://www.w3.org/1999/xhtml"
DEFAULT_LANGUAGE = "en"  # the x-default alternate: the English source
DESCRIPTION_LENGTH = 200  # characters; search engines show about 155-160
# a sentence ends at full-width punctuation, or at . ! ? ؟ । followed by
# whitespace (or the end) and then not a digit: "a dose of 2.5 mg" and
# "100.4 °F" go on
_SENTENCE_END = re.compile(r"[。！？]|(?<=[.!?؟।])[\"'”’»)]*(?=\s+(?!\d)|$)")
# a period after these ends a word, not a sentence: "Dr. Lee", "8 a.m. daily"
_ABBREVIATION = re.compile(r"(?:\b\w|\b\w\.\w|\b\w\.\w\.\w|\b(?:dr|mr|mrs|ms|st|vs|etc|approx|no|fig|min|max|"
                           r"jr|sr|prof|dept|tel|ext|nr|sra?|dra?|av|ca|z\.b|usw|bzw))\.[\"'”’»)]*$", re.IGNORECASE)


# RFC 3986 characters a path may hold as they are; everything else is percent-encoded
_PATH_SAFE = "/%:@!$&'()*+,;=-._~"
_BAD_ESCAPE = re.compile(r"%(?![0-9A-Fa-f]{2})")
_HOST = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\.?")


def page_path(language: str, slug: str, extension: str = "html") -> str:
    """A page's address relative to the site's root, percent-encoded (RFC
    3986): a file name such as `Fever #1 & care?.md` must not start a
    fragment or a query in a link."""
    return f"{urllib.parse.quote(language, safe='')}/{urllib.parse.quote(slug, safe='')}.{extension}"


def page_url(base_url: str, language: str, slug: str) -> str:
    """A page's absolute address, or "" without a base_url."""
    return f"{base_url.rstrip('/')}/{page_path(language, slug)}" if base_url else ""


def site_address(value: str) -> tuple[str, str]:
    """(the base_url as it is written into pages and the sitemap, or "";
    why it cannot be the site's address, or ""). A page's address is the
    base_url followed by its path, so a query, a fragment, whitespace or a
    missing host would change every address, and credentials would be
    published with them. A non-ASCII host is written in IDNA, a non-ASCII
    path percent-encoded (sitemaps.org requires RFC 3986 addresses)."""
    if any(c.isspace() or ord(c) < 32 or ord(c) == 127 for c in value):
        return "", "must not contain whitespace or a control character"
    parts = urllib.parse.urlsplit(value)
    if parts.scheme.lower() not in ("http", "https") or not value.lower().startswith(parts.scheme.lower() + "://"):
        return "", "must be a web address (https://...)"
    if "?" in value or "#" in value:
        return "", "must not have a query (?) or fragment (#): every page's address would end in it"
    if "@" in parts.netloc:
        return "", "must not contain a user name or password: every page would publish it"
    if not parts.hostname:
        return "", "must name a host"
    if "\\" in value:
        return "", "must not contain a backslash (browsers read it as /, another address)"
    if _BAD_ESCAPE.search(parts.path):
        return "", "has a % not followed by two hexadecimal digits in its path"
    try:
        port = parts.port
        if parts.netloc.split("@")[-1].startswith("["):  # an IPv6 address, in brackets
            host = str(ipaddress.IPv6Address(parts.hostname))
        else:
            host = parts.hostname.encode("idna").decode("ascii")
            if not _HOST.fullmatch(host):
                raise ValueError("only letters, digits, hyphens and dots")
    except (ValueError, UnicodeError) as exc:
        return "", f"has an invalid host or port ({exc})"
    netloc = f"[{host}]" if ":" in host else host
    if port is not None:
        netloc += f":{port}"
    path = urllib.parse.quote(parts.path, safe=_PATH_SAFE)
    return urllib.parse.urlunsplit((parts.scheme.lower(), netloc, path, "", "")), ""


def alternates(base_url: str, slug: str, languages: list[str]) -> list[dict]:
    """The page's language versions for <link rel="alternate">: absolute with
    a base_url (search engines ignore relative ones), relative without;
    the English version once more as x-default."""
    links = [{"hreflang": bcp47(language),
              "href": page_url(base_url, language, slug) or f"../{page_path(language, slug)}"}
             for language in languages]
    if DEFAULT_LANGUAGE in languages:
        links.append({"hreflang": "x-default",
                      "href": page_url(base_url, DEFAULT_LANGUAGE, slug) or f"../{page_path(DEFAULT_LANGUAGE, slug)}"})
    return links


def sitemap(base_url: str, documents: list[tuple[str, dict[str, str]]]) -> bytes:
    """sitemap.xml (sitemaps.org 0.9) of every page of the site, each with its
    language alternates as xhtml:link elements; `documents` are (slug,
    language online -> ISO date of the English it matches, or "")."""
    import xml.etree.ElementTree as ET
    ET.register_namespace("", SITEMAP_NS)
    ET.register_namespace("xhtml", XHTML_NS)
    urlset = ET.Element(f"{{{SITEMAP_NS}}}urlset")
    for slug, languages in documents:
        links = alternates(base_url, slug, list(languages))
        for language, updated in languages.items():
            url = ET.SubElement(urlset, f"{{{SITEMAP_NS}}}url")
            ET.SubElement(url, f"{{{SITEMAP_NS}}}loc").text = page_url(base_url, language, slug)
            if updated:
                ET.SubElement(url, f"{{{SITEMAP_NS}}}lastmod").text = updated
            for link in links:
                ET.SubElement(url, f"{{{XHTML_NS}}}link", {"rel": "alternate", **link})
    ET.indent(urlset)
    return ET.tostring(urlset, encoding="utf-8", xml_declaration=True) + b"\n"


def description(front_matter: str | None, first_paragraph: str | None) -> str:
    """A page's meta description: the front matter's `description`, else its
    first paragraph, as plain text, cut after a sentence (or, failing that,
    at a word, with "…") when longer than DESCRIPTION_LENGTH: never inside
    a number ("2.5 mg") or after an abbreviation ("a.m.", "Dr.")."""
    from ..render.inline import inline_html  # markdown-it: settings read this module on every command
    markdown = front_matter or first_paragraph or ""
    text = Markup(inline_html(markdown)).striptags()
    if len(text) <= DESCRIPTION_LENGTH:
        return text
    head = text[:DESCRIPTION_LENGTH]
    ends = [m.end() for m in _SENTENCE_END.finditer(text, 0, DESCRIPTION_LENGTH + 1)
            if m.end() <= DESCRIPTION_LENGTH and not _ABBREVIATION.search(text[:m.end()])]
    if ends and ends[-1] > DESCRIPTION_LENGTH // 3:
        return head[:ends[-1]]
    cut = head.rsplit(" ", 1)[0] if " " in head[DESCRIPTION_LENGTH // 3:] else head
    return cut.rstrip(" ,;:") + "…"


def first_paragraph(blocks) -> int | None:
    """The unit of a document's first paragraph, in reading order."""
    for block in blocks:
        if block.kind == "paragraph" and block.unit is not None:
            return block.unit
        found = first_paragraph(block.children or [])
        if found is not None:
            return found
    return None


def index_documents(documents: Iterable[DocumentRecord]) -> Iterator[dict]:
    """What the public index shows of each language version: whether it is
    published, never why not. The reasons name the project's files and quote
    check messages; they are for translators, and `locpipe build` prints them.
    One document at a time, as the index is rendered."""
    return ({"slug": d.slug,
             "pages": [{"language": p.language, "status": p.status, "percent": p.percent,
                        "review": p.review, "linked": f"{p.language}/{d.slug}.html" in p.files,
                        "href": page_path(p.language, d.slug),
                        "text_href": page_path(p.language, d.slug, "txt"),
                        "pdf_href": page_path(p.language, d.slug, "pdf")
                        if f"{p.language}/{d.slug}.pdf" in p.files else ""}
                       for p in d.pages]}
            for d in documents)


def site_documents(documents: list[DocumentRecord]) -> list[tuple[str, dict[str, str]]]:
    """(slug, language -> date of the English it matches) of every page online."""
    return [(d.slug, {p.language: p.matches.updated if p.matches else d.updated
                      for p in d.pages if f"{p.language}/{d.slug}.html" in p.files})
            for d in documents]
