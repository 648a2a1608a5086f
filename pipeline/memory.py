"""Translation memory: finished translations of one document offered, as
fuzzy suggestions, to the units of another that say the same or nearly the
same English; TMX 1.4b in and out. Pure functions: catalogs and pairs in,
catalogs and bytes out.

A suggestion's origin is a translator comment (`# Suggested by translation
memory from ...`), not an extracted comment (`#.`): msgmerge, and `update`,
rewrite extracted comments from the template on every merge, so an origin
there would vanish at the next merge while the suggestion stays fuzzy;
translator comments are kept by both."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass

import polib

from .catalog import similarity
from .errors import LocpipeError

DEFAULT_MIN_SIMILARITY = 0.75
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


@dataclass(frozen=True, order=True)
class MemoryPair:
    """An English unit and its finished translation, and where it is from
    (a catalog's file name, or `memory.tmx`)."""

    source: str
    target: str
    origin: str


def catalog_pairs(po: polib.POFile, origin: str) -> list[MemoryPair]:
    """The translated, non-fuzzy, live, singular units of a catalog."""
    return [MemoryPair(e.msgid, e.msgstr, origin) for e in po
            if e.msgid and e.msgstr and not e.obsolete and not e.msgid_plural and "fuzzy" not in e.flags]


def needs_translation(entry: polib.POEntry) -> bool:
    return (not entry.obsolete and bool(entry.msgid) and not entry.msgid_plural
            and not entry.msgstr and "fuzzy" not in entry.flags)


def _best(msgid: str, pairs: list[MemoryPair], min_similarity: float) -> tuple[MemoryPair, float] | None:
    best = None
    for pair in pairs:
        score = similarity(msgid, pair.source)
        if score >= min_similarity and (best is None or score > best[1]):
            best = (pair, score)
    return best


def fill_from_memory(po: polib.POFile, pairs: list[MemoryPair],
                     min_similarity: float = DEFAULT_MIN_SIMILARITY) -> tuple[polib.POFile, int]:
    """The catalog with each untranslated unit filled from memory, fuzzy,
    with its origin: a unit with the same English takes that translation;
    a close one (word-sequence similarity at least `min_similarity`) takes
    it with the English it was made for as previous msgid. Nothing is ever
    marked translated. Returns the catalog (changed in place) and how many
    units were filled."""
    pairs = sorted(set(pairs))
    exact: dict[str, MemoryPair] = {}
    for pair in pairs:
        exact.setdefault(pair.source, pair)
    filled = 0
    for entry in po:
        if not needs_translation(entry):
            continue
        pair = exact.get(entry.msgid)
        if pair is not None:
            note = f"Suggested by translation memory from {pair.origin} (same English); review it"
        else:
            found = _best(entry.msgid, pairs, min_similarity)
            if found is None:
                continue
            pair, score = found
            note = (f"Suggested by translation memory from {pair.origin} ({score:.0%} similar English, "
                    "shown as the previous msgid); review it")
            entry.previous_msgid = pair.source
        entry.msgstr = pair.target
        entry.flags.append("fuzzy")
        entry.tcomment = "\n".join(filter(None, [entry.tcomment, note]))
        filled += 1
    return po, filled


# -- TMX 1.4b ----------------------------------------------------------------

def _tmx_language(code: str) -> str:
    return code.replace("_", "-")


def _project_language(code: str) -> str:
    return code.replace("-", "_")


def read_tmx(data: bytes, path: str) -> list[tuple[str, str, str, str | None]]:
    """(language, English, translation, origin) of every translation unit
    with an English variant; the language as gettext folders write it
    (pt_BR); the origin locpipe noted (`<prop type="x-origin">`), if any."""
    from .xliff import _parse, _line  # one expat reader that knows lines
    root = _parse(data, path)
    if root.tag != "tmx":
        raise LocpipeError(f"not a TMX file (root element {root.tag!r})", path, _line(root))
    header = root.find("header")
    default_source = header.get("srclang", "en") if header is not None else "en"
    body = root.find("body")
    if body is None:
        raise LocpipeError("a TMX file without <body>", path, _line(root))
    found = []
    for unit in body.iter("tu"):
        source_language = unit.get("srclang", default_source)
        variants = {}
        for variant in unit.findall("tuv"):
            language = variant.get(XML_LANG) or variant.get("lang")
            segment = variant.find("seg")
            if not language or segment is None:
                raise LocpipeError("a <tuv> needs xml:lang and <seg>", path, _line(variant))
            variants[language] = "".join(segment.itertext())
        english = next((text for code, text in variants.items()
                        if code.lower().split("-")[0] == "en" or code == source_language), None)
        if english is None:
            continue
        origin = next((p.text for p in unit.findall("prop") if p.get("type") == "x-origin"), None)
        for code, text in variants.items():
            if code.lower().split("-")[0] != "en" and text:
                found.append((_project_language(code), english, text, origin))
    return found


def tmx_bytes(pairs: list[MemoryPair], language: str) -> bytes:
    """TMX 1.4b of English and `language` pairs, sorted, deterministic."""
    root = ET.Element("tmx", {"version": "1.4"})
    ET.SubElement(root, "header", {"creationtool": "locpipe", "creationtoolversion": "1",
                                   "segtype": "block", "o-tmf": "gettext", "adminlang": "en",
                                   "srclang": "en", "datatype": "plaintext"})
    body = ET.SubElement(root, "body")
    for pair in sorted(set(pairs)):
        unit = ET.SubElement(body, "tu")
        ET.SubElement(unit, "prop", {"type": "x-origin"}).text = pair.origin
        for code, text in (("en", pair.source), (_tmx_language(language), pair.target)):
            variant = ET.SubElement(unit, "tuv", {XML_LANG: code})
            ET.SubElement(variant, "seg").text = text
    ET.indent(root, space=" ")
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def memory_from_tmx(data: bytes, path: str, language: str, origin: str) -> list[MemoryPair]:
    return [MemoryPair(source, target, noted or origin) for code, source, target, noted in read_tmx(data, path)
            if code == language]
