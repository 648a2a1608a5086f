"""Source documents: CommonMark with YAML front matter, parsed into the model.

Parsing walks markdown-it-py's token stream; no Markdown is parsed with regular
expressions. Inline markup stays in each unit's text as Markdown so translators
can move it with the words it marks.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import Iterable

import yaml
from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.front_matter import front_matter_plugin

from . import model
from .errors import SourceError
from .model import Block, Document, Unit
from .tokens import NOT_ON_PAGES, link_targets

DEFAULT_TRANSLATABLE_FIELDS = ("title", "description", "category")
TRANSLATOR_NOTE = re.compile(r"^\s*<!--\s*translators?\s*:\s*(.*?)\s*-->\s*$", re.S | re.I)
HTML_COMMENT = re.compile(r"^\s*<!--.*?-->\s*$", re.S)
# markdown-it drops, without a word, what lies deeper than this many levels of
# blocks (a list item takes two: the list and the item); sources that reach it
# are refused rather than published with text missing.
MAX_NESTING = 44
# What a gettext catalog cannot hold: NUL ends a C string, U+0004 separates
# a message's context from its text, and a lone surrogate (which YAML's
# "\uD800" makes) is not UTF-8.
NOT_IN_CATALOGS = re.compile("[\x00\x04\ud800-\udfff]")
# A reference-style link or image: [text][label], [label][] or [label].
REFERENCE_LINK = re.compile(r"(!?)\[((?:[^\[\]\\]|\\.)*)\](?:\[((?:[^\[\]\\]|\\.)*)\])?(?!\()")


@lru_cache(maxsize=None)
def markdown_parser() -> MarkdownIt:
    """The block parser for sources.

    HTML is switched on only so that author comments arrive as html_block
    tokens; raw HTML never reaches a rendered page (see `render`).
    """
    md = MarkdownIt("commonmark", {"html": True, "maxNesting": MAX_NESTING}).use(front_matter_plugin)
    return md.enable("table")


def decode_source(data: bytes, path: str) -> str:
    """UTF-8 text of a source file, with a byte-order mark removed."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise SourceError(f"not valid UTF-8 (byte 0x{data[exc.start]:02x})", path, line) from None
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        raise SourceError("contains a NUL character", path, line)
    forbidden = NOT_ON_PAGES.search(text)
    if forbidden:
        line = text[: forbidden.start()].count("\n") + 1
        raise SourceError(f"contains the control character U+{ord(forbidden.group()):04X}, which a page "
                          "cannot show", path, line)
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_document(path: Path, ref_path: str | None = None,
                  translatable_fields: Iterable[str] = DEFAULT_TRANSLATABLE_FIELDS) -> Document:
    """Read and parse one source file; errors name the file and line."""
    ref = ref_path or str(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SourceError(f"cannot read source: {exc.strerror or exc}", ref) from None
    return parse_document(decode_source(data, ref), slug=path.stem, path=ref,
                          translatable_fields=translatable_fields)


def parse_document(text: str, slug: str, path: str,
                   translatable_fields: Iterable[str] = DEFAULT_TRANSLATABLE_FIELDS) -> Document:
    """Parse Markdown source text into a `Document`."""
    env: dict = {}
    try:
        tokens = markdown_parser().parse(text, env)
    except RecursionError:
        raise SourceError("document is nested too deeply to parse", path) from None
    deepest = next((t for t in tokens if t.level >= MAX_NESTING - 1), None)
    if deepest is not None:
        line = next((t.map[0] + 1 for t in reversed(tokens[:tokens.index(deepest) + 1]) if t.map), None)
        raise SourceError(f"lists nested more than {(MAX_NESTING - 3) // 2} levels deep (block quotes: "
                          f"{MAX_NESTING - 3}); the deeper text could not be kept", path, line)
    builder = _TreeBuilder(path, env.get("references", {}))
    metadata: dict = {}
    start = 0
    if tokens and tokens[0].type == "front_matter":
        metadata = _parse_front_matter(tokens[0], path)
        builder.add_front_matter(metadata, tokens[0], tuple(translatable_fields))
        start = 1
    elif text.lstrip("\ufeff").startswith("---\n") and _unclosed_front_matter(text):
        raise SourceError("front matter opened with '---' is never closed", path, 1)
    builder.walk(tokens[start:])
    return Document(slug=slug, path=path, metadata=metadata, units=builder.units, blocks=builder.blocks)


def _unclosed_front_matter(text: str) -> bool:
    return not re.search(r"^---\s*$", text[4:], re.M)


def _parse_front_matter(token: Token, path: str) -> dict:
    try:
        data = yaml.safe_load(token.content)
    except yaml.YAMLError as exc:
        # the line where the broken construct starts, when YAML knows it
        mark = getattr(exc, "context_mark", None) or getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 1  # +1 for the opening '---'
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise SourceError(f"front matter is not valid YAML: {problem}", path, line) from None
    except RecursionError:
        raise SourceError("front matter is nested too deeply to read", path, 2) from None
    except (ValueError, LookupError, AttributeError, TypeError):
        # PyYAML's constructors of dates, numbers and booleans fail with these,
        # not with a YAMLError: `updated: 2025-13-45`, `!!bool maybe`
        line, problem = _unreadable_value(token.content)
        raise SourceError(f"front matter has {problem}", path, line) from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise SourceError("front matter must be a mapping of keys to values", path, 2)
    if data.get("updated") not in (None, ""):
        data["updated"] = _date(data["updated"], path, _key_line(token, "updated"))
    return data


# What a value tagged (or taken by YAML) as one of these must be.
_YAML_KINDS = {"tag:yaml.org,2002:timestamp": "a date", "tag:yaml.org,2002:int": "a whole number",
               "tag:yaml.org,2002:float": "a number", "tag:yaml.org,2002:bool": "true or false"}


def _unreadable_value(content: str) -> tuple[int, str]:
    """The line of the first value that YAML takes for a date, a number or a
    boolean but cannot make one of, and what is wrong with it."""
    loader = yaml.SafeLoader(content)
    try:
        nodes = [loader.get_single_node()]
        while nodes:
            node = nodes.pop(0)
            if isinstance(node, yaml.ScalarNode):
                try:
                    loader.construct_object(node)
                except (ValueError, LookupError, AttributeError, TypeError) as exc:
                    detail = f" ({exc})" if node.tag.endswith("timestamp") and isinstance(exc, ValueError) else ""
                    value = node.value if len(node.value) <= 40 else node.value[:37] + "..."
                    what = f"not {_YAML_KINDS[node.tag]}" if node.tag in _YAML_KINDS else "YAML cannot read"
                    return node.start_mark.line + 2, f"a value that is {what}: {value!r}{detail}"
            elif isinstance(node, yaml.SequenceNode):
                nodes += node.value
            elif isinstance(node, yaml.MappingNode):
                nodes += [part for pair in node.value for part in pair]
    finally:
        loader.dispose()
    return 2, "a value YAML cannot read"


def _date(value, path: str, line: int) -> dt.date:
    """The `updated` field as a date: pages print it in each language's
    long format, which needs a real date."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        with contextlib.suppress(ValueError):
            return dt.datetime.fromisoformat(value.strip()).date()
    raise SourceError(f"front matter 'updated' must be a date such as 2025-06-16, not {value!r}", path, line)


def _key_line(token: Token, key: str) -> int:
    """The source line of a top-level front-matter key (1 when not found)."""
    for i, text in enumerate(token.content.split("\n")):
        if re.match(rf"^{re.escape(key)}\s*:", text):
            return i + 2  # +1 for the opening '---'
    return 1


def inline_text(content: str) -> str:
    """A unit's text from an inline token: soft line breaks become spaces,
    hard breaks are kept as a backslash break."""
    lines = content.split("\n")
    out = []
    for i, raw in enumerate(lines):
        last = i == len(lines) - 1
        stripped = raw.strip()
        if last:
            out.append(stripped)
        elif raw.rstrip(" ").endswith("\\") or raw.endswith("  "):
            out.append(stripped.rstrip("\\").rstrip() + "\\\n")
        else:
            out.append(stripped + " ")
    return "".join(out).strip()


def plain_text(token: Token) -> str:
    """The words of an inline token without markup (for anchors)."""
    parts = []
    for child in token.children or []:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type == "image":
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
    return "".join(parts)


def slugify(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).lower()
    text = re.sub(r"[^\w\s-]", "", text)
    return re.sub(r"[\s_]+", "-", text).strip("-") or "section"


class _TreeBuilder:
    """Turns the flat token stream into blocks and units."""

    def __init__(self, path: str, references: dict | None = None):
        self.path = path
        self.references = references or {}
        self.units: list[Unit] = []
        self.blocks: list[Block] = []
        self.stack: list[Block] = []
        self.headings: list[tuple[int, str]] = []
        self.anchors: dict[str, int] = {}
        self.pending_notes: list[str] = []
        self.block_notes: tuple[str, ...] = ()
        self.noted_unit: Unit | None = None  # the first unit of the block its notes belong to

    # -- front matter -------------------------------------------------------
    def add_front_matter(self, metadata: dict, token: Token, fields: tuple[str, ...]) -> None:
        for key in fields:
            value = metadata.get(key)
            if not isinstance(value, str) or not value.strip():
                continue
            self._add_unit(model.FRONT_MATTER, value.strip(), _key_line(token, key), field=key)

    # -- body ---------------------------------------------------------------
    def walk(self, tokens: list[Token]) -> None:
        for token in tokens:
            if token.level == 0 and token.nesting >= 0 and token.type != "html_block":
                # a new top-level block takes the notes written just before it
                if token.nesting == 1 or token.type in ("fence", "code_block", "hr"):
                    self.block_notes = tuple(self.pending_notes)
                    self.pending_notes = []
                    self.noted_unit = None
            handler = getattr(self, "_on_" + token.type, None)
            if handler is not None:
                handler(token)
            elif token.nesting == -1:
                self._close()

    def _push(self, block: Block) -> None:
        (self.stack[-1].children if self.stack else self.blocks).append(block)
        self.stack.append(block)

    def _close(self) -> None:
        if self.stack:
            self.stack.pop()

    def _append(self, block: Block) -> None:
        (self.stack[-1].children if self.stack else self.blocks).append(block)

    def _add_unit(self, kind: str, text: str, line: int, **extra) -> int:
        unwritable = NOT_IN_CATALOGS.search(text)
        if unwritable:
            raise SourceError(f"contains the character U+{ord(unwritable.group()):04X}, which a "
                              "gettext catalog cannot hold", self.path, line)
        index = len(self.units)
        unit = Unit(index=index, kind=kind, text=text, line=line, section=tuple(t for _, t in self.headings),
                    notes=self._notes_for(kind), **extra)
        self.units.append(unit)
        if self.block_notes and self.noted_unit is None and kind != model.FRONT_MATTER:
            self.noted_unit = unit
        return index

    def _notes_for(self, kind: str) -> tuple[str, ...]:
        """A note written before a block, for the block's first unit; the
        block's other units (the rest of a list) point to it, so that a
        translator reads it once and an editor's list is not the same
        paragraph twenty times."""
        if kind == model.FRONT_MATTER or not self.block_notes:
            return ()
        first = self.noted_unit
        if first is None:
            return self.block_notes
        quoted = first.text if len(first.text) <= 40 else first.text[:37].rstrip() + "..."
        return (f"see the note on \"{quoted}\" (source line {first.line}); it applies here too",)

    def _line(self, token: Token) -> int:
        return token.map[0] + 1 if token.map else 0

    def _on_html_block(self, token: Token) -> None:
        note = TRANSLATOR_NOTE.match(token.content)
        if note:
            self.pending_notes.append(" ".join(note.group(1).split()))
        elif not HTML_COMMENT.match(token.content):
            raise SourceError("raw HTML blocks are not supported in sources; write Markdown",
                              self.path, self._line(token))

    def _on_heading_open(self, token: Token) -> None:
        self._push(Block("heading", level=int(token.tag[1])))
        self._heading_line = self._line(token)

    def _on_paragraph_open(self, token: Token) -> None:
        if token.hidden:  # markdown-it hides the paragraphs of tight lists
            for container in reversed(self.stack):
                if container.kind in ("bullet_list", "ordered_list"):
                    container.tight = True
                    break
        self._push(Block("paragraph"))
        self._para_line = self._line(token)

    def _on_bullet_list_open(self, token: Token) -> None:
        self._push(Block("bullet_list"))

    def _on_ordered_list_open(self, token: Token) -> None:
        start = token.attrGet("start")
        self._push(Block("ordered_list", start=int(start) if start is not None else None))

    def _on_list_item_open(self, token: Token) -> None:
        self._push(Block("list_item"))

    def _on_blockquote_open(self, token: Token) -> None:
        self._push(Block("blockquote"))

    def _on_table_open(self, token: Token) -> None:
        self._push(Block("table"))
        self._in_head = False

    def _on_thead_open(self, token: Token) -> None:
        self._in_head = True

    def _on_thead_close(self, token: Token) -> None:
        self._in_head = False

    def _on_tbody_open(self, token: Token) -> None:
        pass

    def _on_tbody_close(self, token: Token) -> None:
        pass

    def _on_tr_open(self, token: Token) -> None:
        self._push(Block("table_row"))
        self._row_line = self._line(token)

    def _cell(self, token: Token, header: bool) -> None:
        style = token.attrGet("style") or ""
        align = style.split(":", 1)[1] if style.startswith("text-align:") else ""
        self._push(Block("table_cell", header=header, align=align))

    def _on_th_open(self, token: Token) -> None:
        self._cell(token, True)

    def _on_td_open(self, token: Token) -> None:
        self._cell(token, False)

    def _cell_context(self, cell: Block) -> dict[str, str]:
        """What a translator needs to know where a cell stands: its column's
        header and its row's first cell ("Dose" and "Children under 12" for "5 mL")."""
        row, table = self.stack[-2], self.stack[-3]
        column = row.children.index(cell)
        context = {}
        head = table.children[0]
        if head is not row and head.children and head.children[0].header and column < len(head.children):
            context["column"] = self._unit_text(head.children[column])
        if column > 0 and not cell.header:
            context["row"] = self._unit_text(row.children[0])
        return {key: value for key, value in context.items() if value}

    def _unit_text(self, block: Block) -> str:
        return self.units[block.unit].text if block.unit is not None else ""

    def _on_fence(self, token: Token) -> None:
        self._append(Block("code", info=token.info.strip(), literal=token.content))

    def _on_code_block(self, token: Token) -> None:
        self._append(Block("code", literal=token.content))

    def _on_hr(self, token: Token) -> None:
        self._append(Block("hr"))

    def _on_inline(self, token: Token) -> None:
        block = self.stack[-1] if self.stack else None
        if block is None:
            return
        text = inline_text(token.content)
        if not text:
            if block.kind == "heading":
                self._end_sections(block.level)  # an empty heading still ends the sections it closes
            return
        line = self._line(token)
        if any(child.type == "html_inline" for child in token.children or []):
            raise SourceError("inline HTML (a tag or a comment inside a paragraph) is not supported in "
                              "sources; write Markdown, and notes for translators on a line of their own",
                              self.path, line)
        if self.references:
            text = inline_references(text, token, self.references)
        if block.kind == "heading":
            title = plain_text(token).strip() or text
            self._end_sections(block.level)
            self.headings.append((block.level, title))
            anchor = self._anchor(title)
            block.anchor = anchor
            block.unit = self._add_unit(model.HEADING, text, line, level=block.level, anchor=anchor)
        elif block.kind == "table_cell":
            block.unit = self._add_unit(model.TABLE_CELL, text, line, **self._cell_context(block))
        elif block.kind == "paragraph":
            image = _sole_image(token)
            if image is not None:
                block.kind = "image"
                block.src = image.attrGet("src") or ""
                block.title = image.attrGet("title") or ""
                alt = inline_text(plain_text(image))  # alt text has no markup
                if alt:
                    block.unit = self._add_unit(model.IMAGE_ALT, alt, line)
                return
            kind, depth = self._paragraph_kind()
            block.unit = self._add_unit(kind, text, line, depth=depth)

    def _end_sections(self, level: int) -> None:
        while self.headings and self.headings[-1][0] >= level:
            self.headings.pop()

    def _paragraph_kind(self) -> tuple[str, int]:
        depth = sum(1 for b in self.stack if b.kind == "list_item")
        for container in reversed(self.stack[:-1]):
            if container.kind == "list_item":
                return model.LIST_ITEM, depth
            if container.kind == "blockquote":
                return model.BLOCKQUOTE, depth
        return model.PARAGRAPH, depth

    def _anchor(self, title: str) -> str:
        base = slugify(title)
        count = self.anchors.get(base, 0)
        self.anchors[base] = count + 1
        return base if count == 0 else f"{base}-{count}"


def _sole_image(token: Token) -> Token | None:
    children = [c for c in token.children or [] if not (c.type == "text" and not c.content.strip())]
    if len(children) == 1 and children[0].type == "image":
        return children[0]
    return None


def inline_references(text: str, token: Token, references: dict) -> str:
    """A unit's text with reference-style links written as inline links, so
    the unit carries its link targets into the catalog (the definitions
    stay behind in the source). Kept as written unless markdown-it finds
    the same links in the rewritten text."""
    def inline(match: re.Match) -> str:
        bang, label_text, label = match.group(1), match.group(2), match.group(3)
        found = references.get(_reference_key(label or label_text))
        if found is None:
            return match.group(0)
        href = found["href"]
        href = f"<{href}>" if re.search(r"[\s()<>]", href) else href
        title = ' "' + found["title"].replace('"', '\\"') + '"' if found.get("title") else ""
        return f"{bang}[{label_text}]({href}{title})"

    rewritten = REFERENCE_LINK.sub(inline, text)
    if rewritten == text or list(link_targets(rewritten)) != _targets_of(token):
        return text
    return rewritten


def _reference_key(label: str) -> str:
    return " ".join(label.split()).lower().upper()


def _targets_of(token: Token) -> list[str]:
    return [c.attrGet("href") or c.attrGet("src") or "" for c in token.children or []
            if c.type in ("link_open", "image")]
