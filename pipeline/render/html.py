"""HTML pages from a localized document, through Jinja2 templates.

The document's own blocks are written in Python (`blocks_html`) and placed
in the page template as markup: as a template macro walking the tree they
took most of a page's rendering time."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from babel import Locale
from babel.dates import format_date
from jinja2 import Environment, FileSystemBytecodeCache, FileSystemLoader, select_autoescape
from markupsafe import Markup, escape

from .. import datacache
from ..fsio import write_file
from ..locales import bcp47, english_name, text_direction
from . import TEMPLATES
from .inline import inline_html, shown_address

if TYPE_CHECKING:
    from ..localize import LocalizedDocument
    from ..model import Block


# CLDR's numbering systems with their own decimal digits, by the Unicode name of
# the digit zero (CLDR numberingSystems.xml); babel formats dates with ASCII digits.
_DIGIT_ZERO = {"arab": "ARABIC-INDIC", "arabext": "EXTENDED ARABIC-INDIC", "beng": "BENGALI", "deva": "DEVANAGARI",
               "mymr": "MYANMAR", "tibt": "TIBETAN", "olck": "OL CHIKI", "cakm": "CHAKMA", "adlm": "ADLAM",
               "nkoo": "NKO", "mtei": "MEETEI MAYEK", "hmnp": "NYIAKENG PUACHUE HMONG"}


@lru_cache(maxsize=256)
def _locale_digits(language: str) -> dict[int, str]:
    """ASCII digit -> the digit of the language's default numbering system
    (Persian ۱۶, Bengali ১৬); empty where CLDR says Latin digits."""
    system = Locale.parse(language).default_numbering_system
    if system not in _DIGIT_ZERO:
        return {}
    zero = ord(unicodedata.lookup(_DIGIT_ZERO[system] + " DIGIT ZERO"))
    return {ord("0") + n: chr(zero + n) for n in range(10)}


def long_date(value, language: str) -> str:
    """A date as the language writes it in full, in its own digits."""
    if isinstance(value, str):
        value = dt.date.fromisoformat(value)
    if isinstance(value, dt.datetime):
        value = value.date()
    return format_date(value, format="long", locale=Locale.parse(language)).translate(_locale_digits(language))


def unit_html(doc: LocalizedDocument, unit: int) -> str:
    """A unit's text as HTML; English shown on a page in another language is
    marked as English, so screen readers pronounce it as English. In a
    right-to-left language, numbers, measures and addresses are
    left-to-right isolates."""
    text = doc.texts[unit]
    html = inline_html(text.text, isolate=not text.fallback and text_direction(doc.language) == "rtl",
                       addresses=doc.on_paper)
    return f'<span lang="en" dir="ltr">{html}</span>' if text.fallback else html


def blocks_html(doc: LocalizedDocument, blocks: list[Block], tight: bool = False) -> Markup:
    """The document tree as HTML, the body of a page's <article>. In a
    tight list, paragraphs go without <p>."""
    return Markup("".join(_block_html(doc, block, tight) for block in blocks))


def _block_html(doc: LocalizedDocument, block: Block, tight: bool) -> str:
    render = _BLOCK_HTML.get(block.kind)
    return render(doc, block, tight) if render is not None else ""


def _heading_html(doc: LocalizedDocument, block: Block, tight: bool) -> str:
    """A heading; an empty one (`##` alone) has no unit and no id, and is
    kept, as markdown-it keeps it."""
    if block.unit is None:
        return f"<h{block.level}></h{block.level}>\n"
    return f'<h{block.level} id="{escape(block.anchor)}">{unit_html(doc, block.unit)}</h{block.level}>\n'


# A paragraph or list item that dials 911 is the one a patient must not miss.
_DIALS_911 = 'href="tel:911"'


def _paragraph_html(doc: LocalizedDocument, block: Block, tight: bool) -> str:
    if block.unit is None:
        return ""
    html = unit_html(doc, block.unit)
    if tight:
        return f"{html}\n"
    return f'<p class="emergency">{html}</p>\n' if _DIALS_911 in html else f"<p>{html}</p>\n"


def _image_html(doc: LocalizedDocument, block: Block, tight: bool) -> str:
    """An image, its alt text plain (never Markdown). No newline follows
    it, so that pages already published stay byte for byte the same."""
    alt = doc.text(block.unit)
    title = f' title="{escape(block.title)}"' if block.title else ""
    image = f'<img src="{escape(block.src)}" alt="{escape(alt.text) if alt else ""}"{title}>'
    return image if tight else f"<p>{image}</p>"


def _bullet_list_html(doc: LocalizedDocument, block: Block, tight: bool) -> str:
    return f"<ul>\n{blocks_html(doc, block.children, block.tight)}</ul>\n"


def _ordered_list_html(doc: LocalizedDocument, block: Block, tight: bool) -> str:
    start = f' start="{escape(block.start)}"' if block.start is not None and block.start != 1 else ""
    return f"<ol{start}>\n{blocks_html(doc, block.children, block.tight)}</ol>\n"


def _list_item_html(doc: LocalizedDocument, block: Block, tight: bool) -> str:
    html = blocks_html(doc, block.children, tight)
    return f'<li class="emergency">{html}</li>\n' if tight and _DIALS_911 in html else f"<li>{html}</li>\n"


def _blockquote_html(doc: LocalizedDocument, block: Block, tight: bool) -> str:
    return f"<blockquote>\n{blocks_html(doc, block.children)}</blockquote>\n"


def _is_header_row(row: Block) -> bool:
    return bool(row.children) and row.children[0].header


def _table_html(doc: LocalizedDocument, block: Block, tight: bool) -> str:
    """A table: a header row in <thead>, every other row in one <tbody>."""
    rows = block.children
    out = ["<table>\n"]
    for number, row in enumerate(rows):
        in_head = number == 0 and _is_header_row(row)
        if in_head:
            out.append("<thead>\n")
        elif number == 0 or (number == 1 and _is_header_row(rows[0])):
            out.append("<tbody>\n")
        out.append(f"<tr>{''.join(_cell_html(doc, cell) for cell in row.children)}</tr>\n")
        if in_head:
            out.append("</thead>\n")
        if number == len(rows) - 1 and not in_head:
            out.append("</tbody>\n")
    out.append("</table>\n")
    return "".join(out)


def _cell_html(doc: LocalizedDocument, cell: Block) -> str:
    tag = "th" if cell.header else "td"
    style = f' style="text-align:{escape(cell.align)}"' if cell.align else ""
    text = unit_html(doc, cell.unit) if cell.unit is not None else ""
    return f"<{tag}{style}>{text}</{tag}>"


def _code_html(doc: LocalizedDocument, block: Block, tight: bool) -> str:
    """A code block, its language named by the first word of the fence's info string."""
    language = f' class="language-{escape(_first_word(block.info))}"' if block.info else ""
    return f"<pre><code{language}>{escape(block.literal)}</code></pre>\n"


def _first_word(text: str) -> str:
    words = text.split()
    return words[0] if words else ""


def _hr_html(doc: LocalizedDocument, block: Block, tight: bool) -> str:
    return "<hr>\n"


_BLOCK_HTML = {"heading": _heading_html, "paragraph": _paragraph_html, "image": _image_html,
               "bullet_list": _bullet_list_html, "ordered_list": _ordered_list_html,
               "list_item": _list_item_html, "blockquote": _blockquote_html, "table": _table_html,
               "code": _code_html, "hr": _hr_html}


# Punctuation that may stand around a word of a sentence.
_WORD_PUNCTUATION = ".,;:!?()“”\""


def marked_sentence(sentence: str, long_words: list[str]) -> Markup:
    """A sentence of a readability report with its long words in <mark>.
    Written in Python, not as a template loop, because it runs for every
    word of every hardest sentence."""
    return _marked_sentence(sentence, frozenset(long_words))


@lru_cache(maxsize=8192)
def _marked_sentence(sentence: str, long_words: frozenset[str]) -> Markup:
    """Memoised: the hardest sentences of a library's leaflets repeat."""
    return Markup(" ".join(f"<mark>{escape(word)}</mark>" if word.strip(_WORD_PUNCTUATION) in long_words
                           else escape(word) for word in sentence.split(" ")))


class _BytecodeCache(FileSystemBytecodeCache):
    """Jinja's compiled templates in the data cache; like the rest of it, an
    accelerator only: a folder that cannot be written is ignored."""

    def dump_bytecode(self, bucket) -> None:
        compiled = io.BytesIO()
        bucket.write_bytecode(compiled)
        with contextlib.suppress(OSError):
            write_file(Path(self._get_cache_filename(bucket)), compiled.getvalue(), durable=False)


@lru_cache(maxsize=1)
def environment() -> Environment:
    """Compiled once per process, from bytecode kept in the data cache
    (compiling the templates took a third of a second per process);
    autoescaping on for everything."""
    cache = datacache.cache_dir()
    env = Environment(loader=FileSystemLoader(str(TEMPLATES)),
                      bytecode_cache=_BytecodeCache(str(cache / "jinja")) if cache else None,
                      autoescape=select_autoescape(enabled_extensions=("html",), default=False),
                      extensions=["jinja2.ext.i18n"], trim_blocks=True, lstrip_blocks=True,
                      keep_trailing_newline=True)
    env.filters["inline"] = inline_html
    env.filters["bcp47"] = bcp47
    env.filters["address"] = lambda href: shown_address(href, "")
    env.globals["blocks_html"] = blocks_html
    env.globals["marked_sentence"] = marked_sentence
    return env


def render_template(name: str, gettext, **context) -> str:
    template = environment().get_template(name)
    return template.render(gettext=gettext, ngettext=lambda s, p, n: gettext(s if n == 1 else p),
                           _=gettext, **context)


def reports_index(summaries: list[dict]) -> bytes:
    """The index page of readability reports, from each report's summary.
    Here rather than with the analysis, so a build that reuses every report
    need not load the readability measures."""
    from ..ui import ui_gettext
    return render_template("reports/index.html", ui_gettext({}), summaries=summaries,
                           language_name=english_name
                           ).encode("utf-8")
