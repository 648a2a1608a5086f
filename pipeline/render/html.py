"""HTML pages from a localized document, through Jinja2 templates.

The document's own blocks are written by the macros of `blocks.html`,
called from `blocks_html` as it walks the tree (as one recursive template
macro the walk took most of a page's rendering time), and placed in the
page template as markup."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, NamedTuple

from babel import Locale
from babel.dates import format_date
from jinja2 import BytecodeCache, Environment, FileSystemLoader, select_autoescape
from jinja2.bccache import Bucket
from markupsafe import Markup, escape

from .. import datacache
from ..fsio import read_regular, write_file
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


def unit_html(doc: LocalizedDocument, unit: int) -> Markup:
    """A unit's text as HTML; English shown on a page in another language is
    marked as English, so screen readers pronounce it as English. In a
    right-to-left language, numbers, measures and addresses are
    left-to-right isolates."""
    text = doc.texts[unit]
    html = inline_html(text.text, isolate=not text.fallback and text_direction(doc.language) == "rtl",
                       addresses=doc.on_paper)
    return _blocks().english(html) if text.fallback else html


@lru_cache(maxsize=1)
def _blocks():
    """The block macros of templates/blocks.html, called from Python."""
    return environment().get_template("blocks.html").module


def blocks_html(doc: LocalizedDocument, blocks: list[Block], tight: bool = False) -> Markup:
    """The document tree as HTML, the body of a page's <article>. In a
    tight list, paragraphs go without <p>."""
    return Markup("".join([_block_html(doc, block, tight) for block in blocks]))


def _block_html(doc: LocalizedDocument, block: Block, tight: bool) -> str:
    render = _BLOCK_HTML.get(block.kind)
    return render(doc, block, tight) if render is not None else ""


def _heading_html(doc: LocalizedDocument, block: Block, tight: bool) -> Markup:
    """A heading; an empty one (`##` alone) has no unit and no id, and is
    kept, as markdown-it keeps it."""
    if block.unit is None:
        return _blocks().heading(block.level, None, "")
    return _blocks().heading(block.level, block.anchor, unit_html(doc, block.unit))


# A paragraph or list item that dials 911 is the one a patient must not miss.
_DIALS_911 = 'href="tel:911"'


def _paragraph_html(doc: LocalizedDocument, block: Block, tight: bool) -> str:
    if block.unit is None:
        return ""
    html = unit_html(doc, block.unit)
    return _blocks().paragraph(html, tight, _DIALS_911 in html)


def _image_html(doc: LocalizedDocument, block: Block, tight: bool) -> Markup:
    """An image, its alt text plain (never Markdown)."""
    alt = doc.text(block.unit)
    return _blocks().image(block.src, alt.text if alt else "", block.title, tight)


def _bullet_list_html(doc: LocalizedDocument, block: Block, tight: bool) -> Markup:
    return _blocks().bullet_list(blocks_html(doc, block.children, block.tight))


def _ordered_list_html(doc: LocalizedDocument, block: Block, tight: bool) -> Markup:
    start = block.start if block.start is not None and block.start != 1 else None
    return _blocks().ordered_list(blocks_html(doc, block.children, block.tight), start)


def _list_item_html(doc: LocalizedDocument, block: Block, tight: bool) -> Markup:
    html = blocks_html(doc, block.children, tight)
    return _blocks().list_item(html, tight and _DIALS_911 in html)


def _blockquote_html(doc: LocalizedDocument, block: Block, tight: bool) -> Markup:
    return _blocks().blockquote(blocks_html(doc, block.children))


class _Cell(NamedTuple):
    tag: str  # th or td
    align: str | None
    text: Markup


def _table_html(doc: LocalizedDocument, block: Block, tight: bool) -> Markup:
    """A table: its first row is its head when that row's cells are header cells."""
    rows = [_blocks().row([_Cell("th" if cell.header else "td", cell.align,
                                 unit_html(doc, cell.unit) if cell.unit is not None else Markup(""))
                           for cell in row.children])
            for row in block.children]
    has_head = bool(block.children) and bool(block.children[0].children) and block.children[0].children[0].header
    head, body = (rows[0], rows[1:]) if has_head else (None, rows)
    return _blocks().table(head, Markup("".join(body)))


def _code_html(doc: LocalizedDocument, block: Block, tight: bool) -> Markup:
    """A code block, its language named by the first word of the fence's info string."""
    return _blocks().code(block.literal, _first_word(block.info) if block.info else None)


def _first_word(text: str) -> str:
    words = text.split()
    return words[0] if words else ""


def _hr_html(doc: LocalizedDocument, block: Block, tight: bool) -> Markup:
    return _blocks().rule()


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


class _BytecodeCache(BytecodeCache):
    """Jinja's compiled templates in the data cache, a file per template
    named by Jinja's key for it, as Jinja's FileSystemBytecodeCache names
    it; like the rest of the cache, an accelerator
    only: a file that cannot be read is compiled again, and a folder that
    cannot be written is ignored."""

    def __init__(self, folder: Path):
        self.folder = folder

    def load_bytecode(self, bucket: Bucket) -> None:
        try:
            compiled = datacache.verified(read_regular(self._file(bucket)))
        except OSError:
            return
        if compiled is None:
            return  # not signed by this user: code from someone else's cache is never run
        datacache.kept_fresh(self._file(bucket))
        try:
            bucket.load_bytecode(io.BytesIO(compiled))  # a stale one is reset by Jinja
        except (EOFError, ValueError, TypeError):
            bucket.reset()

    def dump_bytecode(self, bucket: Bucket) -> None:
        compiled = io.BytesIO()
        bucket.write_bytecode(compiled)
        with contextlib.suppress(OSError):
            write_file(self._file(bucket), datacache.sign(compiled.getvalue()) + compiled.getvalue(), durable=False)

    def _file(self, bucket: Bucket) -> Path:
        return self.folder / f"__jinja2_{bucket.key}.cache"


@lru_cache(maxsize=1)
def environment() -> Environment:
    """Compiled once per process, from bytecode kept in the data cache
    (compiling the templates took a third of a second per process);
    autoescaping on for everything."""
    cache = datacache.cache_dir()
    env = Environment(loader=FileSystemLoader(str(TEMPLATES)),
                      bytecode_cache=_BytecodeCache(cache / "jinja") if cache else None,
                      autoescape=select_autoescape(enabled_extensions=("html",), default=False),
                      extensions=["jinja2.ext.i18n"], trim_blocks=True, lstrip_blocks=True,
                      keep_trailing_newline=True)
    env.filters["inline"] = inline_html
    env.filters["bcp47"] = bcp47
    env.filters["address"] = lambda href: shown_address(href, "")
    env.globals["blocks_html"] = blocks_html
    env.globals["marked_sentence"] = marked_sentence
    return env


def _translated(gettext, context: dict) -> dict:
    """A template's context with the page strings' gettext under the names
    the templates use."""
    return {"gettext": gettext, "ngettext": lambda s, p, n: gettext(s if n == 1 else p), "_": gettext, **context}


def render_template(name: str, gettext, **context) -> str:
    return environment().get_template(name).render(_translated(gettext, context))


def render_bytes(name: str, gettext, **context) -> bytes:
    """A template rendered into UTF-8 a piece at a time: the indexes of a
    library list 20,000 pages, and `render` holds every piece, then their
    join, then its encoding."""
    out = io.BytesIO()
    for piece in environment().get_template(name).generate(_translated(gettext, context)):
        out.write(piece.encode("utf-8"))
    return out.getvalue()


def reports_index(summaries: Iterable[dict]) -> bytes:
    """The index page of readability reports, from each report's summary.
    Here rather than with the analysis, so a build that reuses every report
    need not load the readability measures."""
    from ..ui import ui_gettext
    return render_bytes("reports/index.html", ui_gettext({}), summaries=summaries, language_name=english_name)
