"""Unit text is inline Markdown; here it becomes safe HTML or plain text.

markdown-it-py renders with raw HTML disabled, so markup typed into a
translation is shown as text, never run; its link validation refuses
javascript:, vbscript: and data: (other than images) addresses.

Phone numbers stay left-to-right in every language. In Arabic text the
Unicode bidirectional algorithm turns European digits after Arabic letters
into Arabic numbers and leaves the hyphens between them neutral, so a
browser shows 212-639-2000 as 2000-639-212. Pages make each number a
tap-to-call link with dir="ltr" (an isolate) that never breaks across
lines, to its E.164 address in ASCII digits whatever digits the text uses.
Measures, temperatures, doses, times, ranges, addresses and email
addresses break the same way ("100.4 °F (38 °C)" shows as "F (38 °C)°
100.4"), so in right-to-left languages each is a left-to-right isolate too:
<bdi dir="ltr"> on pages, U+2066 ... U+2069 in plain text. Left-to-right
pages are rendered as markdown-it renders them.
"""

from __future__ import annotations

import dataclasses
import html
import re
from functools import lru_cache
from typing import Sequence

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token
from markupsafe import Markup

from ..datacache import LARGE_RESULTS
from ..tokens import EMERGENCY, LEFT_TO_RIGHT, Phone, inline_tokens, normalise_digits, phone_numbers

LEFT_TO_RIGHT_ISOLATE, POP_DIRECTIONAL_ISOLATE = "\u2066", "\u2069"


def tel_uri(phone: str) -> str:
    """tel: address of a written number: E.164 in ASCII digits (a number
    without country code is North American)."""
    found = phone_numbers(phone)
    if found:
        return found[0].tel
    digits = re.sub(r"\D", "", normalise_digits(phone))
    return f"tel:+{digits}" if phone.lstrip().startswith("+") else f"tel:{digits}"


@lru_cache(maxsize=8192)
def dialled_numbers(text: str) -> tuple[Phone, ...]:
    """Phone numbers and 911 in a text, in order: what a page links for a
    tap to call. Read as the phone and emergency checks read them, digits
    and dashes of any script as ASCII (٩١١, ９１１, 212‑639‑2000 with
    U+2011, 212–639–2000), so that every number the checks accept as the
    source's is linked; each as the text writes it."""
    digits = normalise_digits(text)  # the same length: its positions are the text's
    phones = [dataclasses.replace(p, text=text[p.start:p.end]) for p in phone_numbers(digits)]
    emergency = [Phone(text[m.start():m.end()], m.start(), m.end(), "911", "tel:911") for m in EMERGENCY.finditer(digits)
                 if m.group(0).replace("\u00a0", " ") in ("911", "9-1-1", "9 1 1")
                 and all(m.end() <= p.start or m.start() >= p.end for p in phones)]
    return tuple(sorted((*phones, *emergency), key=lambda phone: phone.start))


def _dials(text: str) -> bool:
    """Whether an inline Markdown text has a number to link, its character
    references read as markdown-it reads them ("212&hyphen;639&hyphen;2000")."""
    return bool(dialled_numbers(html.unescape(text) if "&" in text else text))


def _phone_links(state: StateCore) -> None:
    """Core rule: phone numbers and 911 in text outside links become tel: links."""
    for block in state.tokens:
        if block.type == "inline" and block.children and _dials(block.content):
            block.children = _phone_linked(block.children)


@lru_cache(maxsize=8192)
def _ltr_spans(text: str, link_phones: bool, isolate: bool) -> tuple[tuple[int, int, Phone | None], ...]:
    """(start, end, phone) of what a text token shows left to right: phone
    numbers to link (with `link_phones`), and with `isolate` every other
    token a right-to-left text would reorder (phone None)."""
    phones = dialled_numbers(text) if link_phones or isolate else ()
    spans = [(p.start, p.end, p if link_phones else None) for p in phones]
    if isolate:
        spans += [(m.start(), m.end(), None) for m in LEFT_TO_RIGHT.finditer(text) if not m.group(0).isdecimal()
                  and all(m.end() <= p.start or m.start() >= p.end for p in phones)]
    return tuple(sorted(spans, key=lambda span: span[0]))


def _phone_linked(tokens: Sequence[Token], isolate: bool = False) -> list[Token]:
    """The inline tokens with each phone number in text outside links as a
    tel: link and, with `isolate`, each token that must read left to right
    (a link's text included) in <bdi dir="ltr">; the tokens given are not
    changed."""
    children: list[Token] = []
    in_link = 0
    for token in tokens:
        in_link += token.type == "link_open"
        in_link -= token.type == "link_close"
        spans = _ltr_spans(token.content, not in_link, isolate) if token.type == "text" else ()
        if not spans:
            children.append(token)
            continue
        position = 0
        for start, end, phone in spans:
            if start > position:
                children.append(_text(token.content[position:start], token.level))
            if phone is not None:
                opening = Token("link_open", "a", 1, level=token.level)
                opening.attrs = {"href": phone.tel, "class": "tel", "dir": "ltr"}
                closing = Token("link_close", "a", -1, level=token.level)
            else:
                opening = Token("bdi_open", "bdi", 1, level=token.level)
                opening.attrs = {"dir": "ltr"}
                closing = Token("bdi_close", "bdi", -1, level=token.level)
            children += [opening, _text(token.content[start:end], token.level + 1), closing]
            position = end
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


@lru_cache(maxsize=LARGE_RESULTS)
def inline_html(text: str, isolate: bool = False, addresses: bool = False) -> Markup:
    """A unit's text as page HTML, rendered from the inline tokens that the
    checks, the plain text and readability share (parsed once), with phone
    numbers linked as page_parser() links them; with `isolate` (a
    right-to-left language), numbers, measures, addresses in <bdi dir="ltr">;
    with `addresses` (paper), each link's address written after it, once;
    without, each link whose text is not its address carries that address
    in `data-address`, for the page's print style to write it once."""
    tokens = list(inline_tokens(text))
    if isolate or _dials(text):
        tokens = _phone_linked(tokens, isolate)
    tokens = _addresses_written(tokens) if addresses else _addresses_marked(tokens)
    # the renderer writes an image's alt text into its token: a copy keeps the shared tokens as they are
    tokens = [dataclasses.replace(t, attrs=dict(t.attrs)) if t.type == "image" else t for t in tokens]
    parser = page_parser()
    return Markup(parser.renderer.renderInline(tokens, parser.options, {}))


def shown_address(href: str, label: str) -> str:
    """What paper shows of a link's address after its text: the address
    without its scheme, or nothing when the text already is the address."""
    bare = label.strip(LEFT_TO_RIGHT_ISOLATE + POP_DIRECTIONAL_ISOLATE).strip()
    if not href or href.startswith(("tel:", "#")) or href in (bare, "https://" + bare, "http://" + bare,
                                                               "mailto:" + bare):
        return ""
    return re.sub(r"^(?:https?://|mailto:)", "", href)


def _addresses_written(tokens: Sequence[Token]) -> list[Token]:
    """The inline tokens with " (address)" after each link whose text is not
    its own address, the address a left-to-right isolate."""
    out: list[Token] = []
    links: list[tuple[str, int]] = []
    for token in tokens:
        out.append(token)
        if token.type == "link_open":
            links.append((token.attrGet("href") or "", len(out)))
        elif token.type == "link_close" and links:
            href, start = links.pop()
            address = shown_address(href, "".join(t.content for t in out[start:] if t.type == "text"))
            if address:
                opening = Token("bdi_open", "bdi", 1, level=token.level)
                opening.attrs = {"dir": "ltr"}
                out += [_text(" (", token.level), opening, _text(address, token.level + 1),
                        Token("bdi_close", "bdi", -1, level=token.level), _text(")", token.level)]
    return out


def _addresses_marked(tokens: Sequence[Token]) -> list[Token]:
    """The inline tokens with `data-address` (the address as paper shows it)
    on each link whose text is not its own address; the tokens given are
    not changed."""
    out = list(tokens)
    opened: list[int] = []
    for position, token in enumerate(out):
        if token.type == "link_open":
            opened.append(position)
        elif token.type == "link_close" and opened:
            start = opened.pop()
            link = out[start]
            address = shown_address(link.attrGet("href") or "",
                                    "".join(t.content for t in out[start + 1:position] if t.type == "text"))
            if address:
                out[start] = dataclasses.replace(link, attrs={**link.attrs, "data-address": address})
    return out


def _isolated(text: str) -> str:
    """Text with each token that must read left to right between U+2066 and U+2069."""
    out, position = [], 0
    for start, end, _ in _ltr_spans(text, False, True):
        out += [text[position:start], LEFT_TO_RIGHT_ISOLATE, text[start:end], POP_DIRECTIONAL_ISOLATE]
        position = end
    return "".join(out) + text[position:]


@lru_cache(maxsize=8192)
def inline_plain(text: str, isolate: bool = False) -> str:
    """Inline Markdown as plain text; links written as `text (url)`; with
    `isolate` (right-to-left languages), phone numbers, measures, times,
    addresses kept left-to-right by isolate controls."""
    out: list[str] = []
    link_stack: list[tuple[str, int]] = []
    for child in inline_tokens(text):
        if child.type == "text":
            out.append(_isolated(child.content) if isolate else child.content)
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
            bare = label.strip(LEFT_TO_RIGHT_ISOLATE + POP_DIRECTIONAL_ISOLATE)
            if href and href != bare and "https://" + bare != href and "mailto:" + bare != href:
                out.append(f" ({LEFT_TO_RIGHT_ISOLATE}{href}{POP_DIRECTIONAL_ISOLATE})" if isolate else f" ({href})")
    return "".join(out)
