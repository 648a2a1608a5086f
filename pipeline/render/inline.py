"""Unit text is inline Markdown; here it becomes safe HTML or plain text.

markdown-it-py renders with raw HTML disabled, so markup typed into a
translation is shown as text, never run; its link validation refuses
javascript:, vbscript: and data: (other than images) addresses.

Phone numbers stay left-to-right in every language. In Arabic text the
Unicode bidirectional algorithm turns European digits after Arabic letters
into Arabic numbers and leaves the hyphens between them neutral, so a
browser shows 212-639-2000 as 2000-639-212. Pages make each number a
tap-to-call link with dir="ltr" (an isolate) that never breaks across
lines; plain text wraps it in the isolate controls U+2066 and U+2069 in
right-to-left languages.
"""

from __future__ import annotations

import dataclasses
import re
from functools import lru_cache
from typing import Sequence

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token
from markupsafe import Markup

from ..tokens import PHONE, inline_tokens

LEFT_TO_RIGHT_ISOLATE, POP_DIRECTIONAL_ISOLATE = "\u2066", "\u2069"


def tel_uri(phone: str) -> str:
    """tel: address of a written number; ten digits, or eleven after a 1, are
    a North American number."""
    digits = re.sub(r"\D", "", phone)
    if phone.lstrip().startswith("+") or (len(digits) == 11 and digits.startswith("1")):
        return f"tel:+{digits}"
    return f"tel:+1{digits}" if len(digits) == 10 else f"tel:{digits}"


def _phone_links(state: StateCore) -> None:
    """Core rule: phone numbers in text outside links become tel: links."""
    for block in state.tokens:
        if block.type == "inline" and block.children and PHONE.search(block.content):
            block.children = _phone_linked(block.children)


def _phone_linked(tokens: Sequence[Token]) -> list[Token]:
    """The inline tokens with each phone number in text outside links as a
    tel: link; the tokens given are not changed."""
    children: list[Token] = []
    in_link = 0
    for token in tokens:
        in_link += token.type == "link_open"
        in_link -= token.type == "link_close"
        if token.type != "text" or in_link or not PHONE.search(token.content):
            children.append(token)
            continue
        position = 0
        for match in PHONE.finditer(token.content):
            if match.start() > position:
                children.append(_text(token.content[position:match.start()], token.level))
            link = Token("link_open", "a", 1, level=token.level)
            link.attrs = {"href": tel_uri(match.group(0)), "class": "tel", "dir": "ltr"}
            children += [link, _text(match.group(0), token.level + 1),
                         Token("link_close", "a", -1, level=token.level)]
            position = match.end()
        if position < len(token.content):
            children.append(_text(token.content[position:], token.level))
    return children


def _text(content: str, level: int) -> Token:
    return Token("text", "", 0, content=content, level=level)


@lru_cache(maxsize=1)
def page_parser() -> MarkdownIt:
    """The parser for pages: CommonMark, raw HTML off, phone numbers linked."""
    parser = MarkdownIt("commonmark", {"html": False})
    parser.core.ruler.push("phone_links", _phone_links)
    return parser


@lru_cache(maxsize=65536)
def inline_html(text: str) -> Markup:
    """A unit's text as page HTML, rendered from the inline tokens that the
    checks, the plain text and readability share (parsed once), with phone
    numbers linked as page_parser() links them."""
    tokens = list(inline_tokens(text))
    if PHONE.search(text):
        tokens = _phone_linked(tokens)
    # the renderer writes an image's alt text into its token: a copy keeps the shared tokens as they are
    tokens = [dataclasses.replace(t, attrs=dict(t.attrs)) if t.type == "image" else t for t in tokens]
    parser = page_parser()
    return Markup(parser.renderer.renderInline(tokens, parser.options, {}))


@lru_cache(maxsize=65536)
def inline_plain(text: str, isolate_phones: bool = False) -> str:
    """Inline Markdown as plain text; links written as `text (url)`; with
    isolate_phones (right-to-left languages), phone numbers kept left-to-right."""
    out: list[str] = []
    link_stack: list[tuple[str, int]] = []
    for child in inline_tokens(text):
        if child.type == "text":
            content = child.content
            if isolate_phones and not link_stack:
                content = PHONE.sub(lambda m: LEFT_TO_RIGHT_ISOLATE + m.group(0) + POP_DIRECTIONAL_ISOLATE,
                                    content)
            out.append(content)
        elif child.type == "code_inline":
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
