"""Plain text from a localized document: 72 columns by display width
(CJK characters count double), headings marked, nested bullets indented,
links written as `text (url)`."""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from ..datacache import LARGE_RESULTS
from ..localize import LocalizedDocument
from ..model import Block
from ..locales import text_direction
from ..stored_patterns import stored_compile
from .inline import inline_plain

WIDTH = 72
# A left-to-right isolate (U+2066 ... U+2069) is one word: a line break inside
# it would leave its controls unpaired on two lines.
_TOKEN = stored_compile("text-token", r"\s+|[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\u3000-\u303f]|(?:\u2066[^\u2069\n]*\u2069|[^\s\u2066\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\uff00-\uffef\u3000-\u303f])+")
_NO_LINE_START = set("，。、；：！？）」』》〉】,.;:!?)")


@lru_cache(maxsize=8192)
def display_width(text: str) -> int:
    if text.isascii():
        return len(text)
    return sum(2 if unicodedata.east_asian_width(c) in "WF"
               else 0 if unicodedata.combining(c) or unicodedata.category(c) == "Cf" else 1
               for c in text)


def wrap(text: str, width: int = WIDTH, first: str = "", rest: str = "") -> list[str]:
    """Greedy wrapping by display width; breaks between words and between
    CJK characters, and never puts closing punctuation at a line start
    (the character before it moves down with it)."""
    return list(_wrapped(text, width, first, rest))


@lru_cache(maxsize=LARGE_RESULTS)
def _wrapped(text: str, width: int, first: str, rest: str) -> tuple[str, ...]:
    """wrap(), memoised: a library repeats its units in every leaflet."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        prefix = first if not lines else rest
        tokens: list[str] = []
        used = display_width(prefix)
        for token in _TOKEN.findall(paragraph):
            if token.isspace():
                if tokens and tokens[-1] != " ":
                    tokens.append(" ")
                    used += 1
                continue
            size = display_width(token)
            if tokens and used + size > width:
                carried: list[str] = []
                if token[0] in _NO_LINE_START and len(tokens) > 1 and tokens[-1] != " ":
                    carried = [tokens.pop()]
                lines.append((prefix + "".join(tokens)).rstrip())
                prefix, tokens = rest, carried
                used = display_width(prefix) + sum(display_width(t) for t in carried)
            tokens.append(token)
            used += size
        lines.append((prefix + "".join(tokens)).rstrip())
    return tuple(lines)


def _plain(doc: LocalizedDocument, unit: int) -> str:
    return inline_plain(doc.texts[unit].text, isolate=text_direction(doc.language) == "rtl")


def _blocks(doc: LocalizedDocument, blocks: list[Block], indent: str = "") -> list[str]:
    out: list[str] = []
    number = 0
    for block in blocks:
        text = _plain(doc, block.unit) if block.unit is not None else ""
        if block.kind == "heading":
            if not text:
                continue  # an empty heading: nothing to read, no underline
            if block.level <= 2:
                out += [text, ("=" if block.level == 1 else "-") * min(display_width(text), WIDTH), ""]
            else:
                out += wrap(text, first="#" * block.level + " ", rest="") + [""]
        elif block.kind == "paragraph":
            out += wrap(text, first=indent, rest=indent) + [""]
        elif block.kind == "image":
            out += wrap(f"[{text}]", first=indent, rest=indent) + [""]
        elif block.kind in ("bullet_list", "ordered_list"):
            number = block.start if block.start is not None else 1
            for item in block.children:
                marker = "- " if block.kind == "bullet_list" else f"{number}. "
                number += 1
                out += _list_item(doc, item, indent, marker)
            if not indent:
                out.append("")
        elif block.kind == "blockquote":
            out += [("> " + line).rstrip() for line in _blocks(doc, block.children)]
        elif block.kind == "table":
            for row in block.children:
                cells = [_plain(doc, c.unit) if c.unit is not None else "" for c in row.children]
                out += wrap(" | ".join(cells), first=indent, rest=indent)
            out.append("")
        elif block.kind == "code":
            out += [indent + "    " + line for line in block.literal.rstrip("\n").split("\n")] + [""]
        elif block.kind == "hr":
            out += ["* * *", ""]
    return out


def _list_item(doc: LocalizedDocument, item: Block, indent: str, marker: str) -> list[str]:
    out: list[str] = []
    inner = indent + " " * len(marker)
    first = True
    for child in item.children:
        if child.kind == "paragraph" and child.unit is not None:
            text = _plain(doc, child.unit)
            out += wrap(text, first=(indent + marker) if first else inner, rest=inner)
            first = False
        else:
            out += [line for line in _blocks(doc, [child], inner) if line]
    if first:
        out.append((indent + marker).rstrip())
    return out


def body_text(doc: LocalizedDocument) -> str:
    lines = _blocks(doc, doc.document.blocks)
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(lines)


def final_text(text: str) -> str:
    """Text with every line longer than WIDTH wrapped (code blocks, indented, are left alone)."""
    lines = []
    for line in text.split("\n"):
        if display_width(line) > WIDTH and not line.startswith("    "):
            lines += wrap(line)
        else:
            lines.append(line)
    return "\n".join(lines).rstrip("\n") + "\n"
