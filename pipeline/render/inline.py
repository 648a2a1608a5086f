"""Unit text is inline Markdown; here it becomes safe HTML or plain text.

markdown-it-py renders with raw HTML disabled, so markup typed into a
translation is shown as text, never run; its link validation refuses
javascript:, vbscript: and data: (other than images) addresses."""

from __future__ import annotations

from functools import lru_cache

from markdown_it import MarkdownIt
from markupsafe import Markup


@lru_cache(maxsize=1)
def inline_parser() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": False})


@lru_cache(maxsize=65536)
def inline_html(text: str) -> Markup:
    return Markup(inline_parser().renderInline(text))


@lru_cache(maxsize=65536)
def inline_plain(text: str) -> str:
    """Inline Markdown as plain text; links written as `text (url)`."""
    out: list[str] = []
    link_stack: list[tuple[str, int]] = []
    for token in inline_parser().parseInline(text):
        for child in token.children or []:
            if child.type in ("text", "code_inline"):
                out.append(child.content)
            elif child.type == "softbreak":
                out.append(" ")
            elif child.type == "hardbreak":
                out.append("\n")
            elif child.type == "image":
                out.append(child.content)
            elif child.type == "link_open":
                link_stack.append((child.attrGet("href") or "", len(out)))
            elif child.type == "link_close" and link_stack:
                href, start = link_stack.pop()
                label = "".join(out[start:])
                if href and href != label and "https://" + label != href and "mailto:" + label != href:
                    out.append(f" ({href})")
    return "".join(out)
