"""The document model at the centre of the pipeline.

A `Document` is a tree of `Block`s (the structure a reader sees) plus the flat,
ordered list of `Unit`s (the texts a translator sees). Blocks point at units by
index, so translations are applied unit by unit and every renderer walks the
same tree. Nothing here reads or writes files.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# Unit kinds, in the words used in translator comments.
HEADING = "heading"
PARAGRAPH = "paragraph"
LIST_ITEM = "list item"
BLOCKQUOTE = "block quote"
TABLE_CELL = "table cell"
IMAGE_ALT = "image alt text"
FRONT_MATTER = "front matter"


@dataclass(frozen=True)
class Unit:
    """One translatable text: its msgid is `text`, inline Markdown kept as written."""

    index: int
    kind: str
    text: str
    line: int  # 1-based line in the source file
    section: tuple[str, ...] = ()  # texts of the headings above (and including) it
    level: int = 0  # heading level (1-6)
    depth: int = 0  # list nesting depth (1 = top-level item)
    anchor: str = ""  # stable id for headings, the same in every language
    notes: tuple[str, ...] = ()  # author notes for translators
    field: str = ""  # front-matter key, for FRONT_MATTER units
    column: str = ""  # table cells: the text of the column's header cell
    row: str = ""  # table cells after the first: the text of the row's first cell


@dataclass
class Block:
    """A node of the document tree.

    kind is one of: heading, paragraph, bullet_list, ordered_list, list_item,
    blockquote, table, table_row, table_cell, image, code, hr.
    """

    kind: str
    unit: int | None = None  # index of the unit holding this block's text
    children: list["Block"] = field(default_factory=list)
    level: int = 0  # heading level
    tight: bool = False  # lists: items without <p>
    start: int | None = None  # ordered lists: first number when not 1
    header: bool = False  # table cells: <th>
    align: str = ""  # table cells: left/center/right
    info: str = ""  # code: fence info string
    literal: str = ""  # code: the code text, never translated
    src: str = ""  # image source
    title: str = ""  # image title
    anchor: str = ""  # heading id


@dataclass
class Document:
    """A parsed source document."""

    slug: str
    path: str  # as written in references, e.g. source/x.md
    metadata: dict[str, Any]
    units: list[Unit]
    blocks: list[Block]

    @property
    def title(self) -> str:
        return str(self.metadata.get("title", self.slug))

    def body_units(self) -> list[Unit]:
        return [u for u in self.units if u.kind != FRONT_MATTER]

    def front_matter_unit(self, key: str) -> Unit | None:
        for unit in self.units:
            if unit.kind == FRONT_MATTER and unit.field == key:
                return unit
        return None
