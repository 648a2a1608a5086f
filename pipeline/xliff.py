"""XLIFF 1.2 and 2.1 for CAT tools: catalogs out as XLIFF, translations back.

A unit's Markdown becomes text and inline codes, so a CAT tool protects the
markup: bold and italic and links are paired codes (`<g>` in 1.2, `<pc>` in
2.1), code spans and protected tokens (phone numbers, 911, numbers with
units, addresses written out) are placeholders (`<x/>`, `<ph/>`). Every code
carries the exact Markdown it stands for (1.2: `equiv-text`, the closing
delimiter of a `<g>`, whose opening is implied by its `ctype`; 2.1:
`equivStart`/`equivEnd`/`equiv`), so a link's target lives in an attribute
a translator cannot edit, and an unchanged file imports to the same bytes.
Pure functions: catalogs and bytes in, bytes and translations out."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from typing import Callable
from pathlib import Path

import polib

from .errors import LocpipeError
from .inline_codes import Code, number_codes, parse_inline

NS12 = "urn:oasis:names:tc:xliff:document:1.2"
NS21 = "urn:oasis:names:tc:xliff:document:2.0"
XML_NS = "http://www.w3.org/XML/1998/namespace"
VERSIONS = ("1.2", "2.1")
LINE = "{urn:x-locpipe}line"  # where an element starts, for messages

# -- writing -----------------------------------------------------------------

def _append_text(element: ET.Element, text: str) -> None:
    if len(element):
        element[-1].tail = (element[-1].tail or "") + text
    else:
        element.text = (element.text or "") + text


def _fill(element: ET.Element, parts: list, version: str) -> None:
    ns = NS12 if version == "1.2" else NS21
    for part in parts:
        if isinstance(part, str):
            _append_text(element, part)
            continue
        if version == "1.2":
            if part.paired:
                child = ET.SubElement(element, f"{{{ns}}}g", {"id": part.id, "ctype": part.kind,
                                                              "equiv-text": part.close})
                _fill(child, part.children, version)
            else:
                ET.SubElement(element, f"{{{ns}}}x", {"id": part.id, "ctype": f"x-{part.kind}",
                                                      "equiv-text": part.open})
        elif part.paired:
            attributes = {"id": part.id, "canDelete": "no", "equivStart": part.open, "equivEnd": part.close}
            if part.kind == "link":
                attributes.update(type="link", dispEnd=part.close[2:-1])
            else:
                attributes.update(type="fmt", subType="xlf:b" if part.kind == "bold" else "xlf:i")
            child = ET.SubElement(element, f"{{{ns}}}pc", attributes)
            _fill(child, part.children, version)
        else:
            ET.SubElement(element, f"{{{ns}}}ph", {"id": part.id, "canDelete": "no", "type": "other",
                                                   "subType": f"locpipe:{part.kind}", "equiv": part.open,
                                                   "disp": part.open})


def _notes(entry: polib.POEntry) -> list[tuple[str, str]]:
    """(category, text) of each note: extracted comments, the translator's
    comment, and the English a fuzzy translation was made for."""
    notes = []
    if entry.comment:
        notes.append(("developer", entry.comment))
    if entry.tcomment:
        notes.append(("translator", entry.tcomment))
    if "fuzzy" in entry.flags and entry.previous_msgid:
        notes.append(("previous-source", f"Previous source: {entry.previous_msgid}"))
    return notes


def _placeholders(entry: polib.POEntry) -> tuple[str, ...]:
    """A python-format entry's directives as the source writes them
    (`%(date)s`): a CAT tool must keep them, or the page cannot be filled in."""
    if "python-format" not in entry.flags:
        return ()
    from .pyformat import directives
    return tuple(written for _, written in directives(entry.msgid)[0])


def document_units(po: polib.POFile) -> list[polib.POEntry]:
    """The entries a CAT tool translates: live, singular, not the header."""
    return [e for e in po if not e.obsolete and e.msgid and not e.msgid_plural]


# What XML 1.0 cannot hold at all, even as a character reference: C0
# controls but tab, LF and CR; U+FFFE, U+FFFF; lone surrogates.
_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def _refuse_non_xml(entry: polib.POEntry, path: str) -> None:
    """A catalog string with a character XML 1.0 cannot carry (a form feed
    pasted from a word processor) is refused: no CAT tool could read the file."""
    for text in (entry.msgctxt, entry.msgid, entry.msgstr, entry.comment, entry.tcomment, entry.previous_msgid):
        found = _NOT_XML.search(text or "")
        if found:
            raise LocpipeError(f"U+{ord(found.group()):04X} (a control character) cannot be written in XML; "
                               "remove it from the entry before export", path, entry.linenum)


def export_bytes(po: polib.POFile, document: str, language: str, version: str, path: str = "") -> bytes:
    """One catalog as an XLIFF file, deterministic. A carriage return is
    written `&#13;`, as XML parsers would read a raw one as a line feed."""
    if version not in VERSIONS:
        raise LocpipeError(f"XLIFF version must be one of {', '.join(VERSIONS)}, not {version!r}")
    for entry in document_units(po):
        _refuse_non_xml(entry, path or f"{document}.po")
    original = f"{document}.po"
    if version == "1.2":
        ET.register_namespace("", NS12)
        root = ET.Element(f"{{{NS12}}}xliff", {"version": "1.2"})
        file = ET.SubElement(root, f"{{{NS12}}}file", {"original": original, "source-language": "en",
                                                      "target-language": language.replace("_", "-"),
                                                      "datatype": "po"})
        body = ET.SubElement(file, f"{{{NS12}}}body")
    else:
        ET.register_namespace("", NS21)
        root = ET.Element(f"{{{NS21}}}xliff", {"version": "2.1", "srcLang": "en",
                                               "trgLang": language.replace("_", "-")})
        body = ET.SubElement(root, f"{{{NS21}}}file", {"id": "f1", "original": original})
    for number, entry in enumerate(document_units(po), 1):
        placeholders = _placeholders(entry)
        source, target = parse_inline(entry.msgid, placeholders), parse_inline(entry.msgstr, placeholders)
        number_codes(source, target)
        fuzzy = "fuzzy" in entry.flags
        if version == "1.2":
            unit = ET.SubElement(body, f"{{{NS12}}}trans-unit", {"id": f"u{number}",
                                                                 f"{{{XML_NS}}}space": "preserve"})
            if entry.msgctxt is not None:
                unit.set("resname", entry.msgctxt)
            _fill(ET.SubElement(unit, f"{{{NS12}}}source"), source, version)
            if entry.msgstr:
                state = "needs-review-translation" if fuzzy else "translated"
                _fill(ET.SubElement(unit, f"{{{NS12}}}target", {"state": state}), target, version)
            for category, text in _notes(entry):
                ET.SubElement(unit, f"{{{NS12}}}note", {"from": category}).text = text
        else:
            unit = ET.SubElement(body, f"{{{NS21}}}unit", {"id": f"u{number}"})
            if entry.msgctxt is not None:
                unit.set("name", entry.msgctxt)
            notes = _notes(entry)
            if notes:
                holder = ET.SubElement(unit, f"{{{NS21}}}notes")
                for category, text in notes:
                    ET.SubElement(holder, f"{{{NS21}}}note", {"category": category}).text = text
            segment = ET.SubElement(unit, f"{{{NS21}}}segment",
                                    {"state": "initial" if fuzzy or not entry.msgstr else "translated"})
            _fill(ET.SubElement(segment, f"{{{NS21}}}source", {f"{{{XML_NS}}}space": "preserve"}),
                  source, version)
            if entry.msgstr:
                _fill(ET.SubElement(segment, f"{{{NS21}}}target", {f"{{{XML_NS}}}space": "preserve"}),
                      target, version)
    # ElementTree escapes CR in attributes, not in text
    return ET.tostring(root, encoding="utf-8", xml_declaration=True).replace(b"\r", b"&#13;") + b"\n"


# -- reading -----------------------------------------------------------------

@dataclass
class ImportedUnit:
    source: str              # the English the translation was made for (Markdown)
    target: str | None       # None: no translation in the file
    fuzzy: bool
    context: str | None
    line: int
    problems: list[str] = field(default_factory=list)  # reasons to refuse this unit


@dataclass
class XliffFile:
    document: str
    language: str
    units: list[ImportedUnit]


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


# Codes a CAT tool may write for the exported ones: 1.2's native codes
# (`<bpt>`/`<ept>`/`<it>`/`<ph>`) and 2.1's `<sc>`/`<ec>`. Their own content
# (the tool's idea of the markup) never becomes text: a code is always the
# Markdown of the source code with the same id.
_OPENING_CODES = ("g", "pc", "x", "ph", "bpt", "sc", "it")


def _markdown(element: ET.Element, sources: dict[str, Code], problems: list[str] | None = None) -> str:
    """An element's text with each code replaced by the Markdown of the
    source code with the same id; a code whose id the source lacks, or of
    another kind, is a problem (never text from its attributes)."""
    problems = [] if problems is None else problems
    out = [element.text or ""]
    for child in element:
        name = _local(child.tag)
        code_id = child.get("startRef", "") if name == "ec" else child.get("id", "")
        code = sources.get(code_id)
        if name in ("mrk", "m"):  # annotations: their text
            out.append(_markdown(child, sources, problems))
        elif name == "cp":  # 2.1: a character XML cannot carry
            out.append(chr(int(child.get("hex", "0"), 16)))
        elif code is None or (code.paired != (name in ("g", "pc", "bpt", "ept", "sc", "ec", "it"))):
            problems.append(f"<{name} id={code_id!r}> is not a code of the source (line {_line(child)})")
        elif name in ("g", "pc"):
            out.append(code.open + _markdown(child, sources, problems) + code.close)
        elif name in ("bpt", "sc") or (name == "it" and child.get("pos") == "open"):
            out.append(code.open)
        elif name in ("ept", "ec", "it"):
            out.append(code.close)
        else:  # x, ph: a placeholder
            out.append(code.open)
        out.append(child.tail or "")
    return "".join(out)


def _duplicates(target: ET.Element) -> list[str]:
    """A code written twice: the source has each once."""
    ids = [c.get("id", "") for c in target.iter() if _local(c.tag) in _OPENING_CODES]
    return [f"the code id {code_id!r} is in the translation {ids.count(code_id)} times"
            for code_id in sorted(set(ids), key=ids.index) if ids.count(code_id) > 1]


def _source_codes(element: ET.Element) -> dict[str, Code]:
    codes: dict[str, Code] = {}
    for child in element.iter():
        name = _local(child.tag)
        if name == "g":
            closing = child.get("equiv-text", "")
            codes[child.get("id", "")] = Code(child.get("ctype", "bold"),
                                              "[" if child.get("ctype") == "link" else closing, closing)
        elif name == "pc":
            codes[child.get("id", "")] = Code("link" if child.get("type") == "link" else "bold",
                                              child.get("equivStart", ""), child.get("equivEnd", ""))
        elif name == "x":
            codes[child.get("id", "")] = Code(child.get("ctype", "x-code")[2:], child.get("equiv-text", ""))
        elif name == "ph":
            codes[child.get("id", "")] = Code(child.get("subType", "locpipe:code").split(":")[-1],
                                              child.get("equiv", ""))
    return codes


def _ids(element: ET.Element) -> list[str]:
    return [c.get("id", "") for c in element.iter() if _local(c.tag) in _OPENING_CODES]


def _problems(source_codes: dict[str, Code], target: ET.Element, target_text: str) -> list[str]:
    """Codes a translation must keep: protected tokens and link targets."""
    present = set(_ids(target))
    problems = []
    for code_id, code in source_codes.items():
        if code_id in present:
            continue
        if code.kind in ("protected", "code") and code.open not in target_text:
            problems.append(f"the protected text {code.open!r} is missing")
        elif code.kind == "link" and code.close not in target_text:
            problems.append(f"the link {code.close[1:]!r} is missing")
    return problems


def _parse(data: bytes, path: str) -> ET.Element:
    """The document's root, each element with its line (expat directly:
    ElementTree's parser does not say where an element starts)."""
    from xml.parsers import expat
    builder = ET.TreeBuilder()
    parser = expat.ParserCreate(namespace_separator="}")

    def name(tag: str) -> str:
        return "{" + tag if "}" in tag else tag

    def start(tag, attributes):
        attributes = {name(key): value for key, value in attributes.items()}
        attributes[LINE] = str(parser.CurrentLineNumber)
        builder.start(name(tag), attributes)

    parser.StartElementHandler = start
    parser.EndElementHandler = lambda tag: builder.end(name(tag))
    parser.CharacterDataHandler = builder.data
    try:
        parser.Parse(data, True)
    except expat.ExpatError as exc:
        raise LocpipeError(f"not well-formed XML: {expat.errors.messages[exc.code]}", path, exc.lineno) from None
    return builder.close()


def _line(element: ET.Element) -> int:
    return int(element.get(LINE, "0"))


def read_xliff(data: bytes, path: str) -> XliffFile:
    """An XLIFF 1.2 or 2.x file's document, language and units; malformed
    or unexpected files are refused with their line."""
    root = _parse(data, path)
    if root.tag == f"{{{NS12}}}xliff":
        ns, unit_tag, read_unit = NS12, "trans-unit", _unit12
    elif root.tag == f"{{{NS21}}}xliff":
        ns, unit_tag, read_unit = NS21, "unit", _unit21
    else:
        raise LocpipeError(f"not an XLIFF 1.2 or 2.x file (root element {_local(root.tag)!r})", path, _line(root))
    files = root.findall(f"{{{ns}}}file")
    if len(files) != 1:
        raise LocpipeError("an XLIFF file must hold one <file> (one document and language)", path, _line(root))
    file = files[0]
    # 1.2 names the target language on <file>, 2.x on the root
    language = file.get("target-language") if ns == NS12 else root.get("trgLang")
    units = [read_unit(u, path) for u in file.iter(f"{{{ns}}}{unit_tag}")]
    original = file.get("original") or ""
    if not language or not original.endswith(".po"):
        raise LocpipeError("the <file> must name its target language and its original (<document>.po)",
                           path, _line(file))
    return XliffFile(Path(original).stem, language.replace("-", "_"), units)


def _unit12(unit: ET.Element, path: str) -> ImportedUnit:
    source = unit.find(f"{{{NS12}}}source")
    if source is None:
        raise LocpipeError("a <trans-unit> without <source>", path, _line(unit))
    codes = _source_codes(source)
    target = unit.find(f"{{{NS12}}}target")
    imported = ImportedUnit(_markdown(source, codes), None, False, unit.get("resname"), _line(unit))
    if target is not None and (target.text or len(target)):
        problems: list[str] = []
        imported.target = _markdown(target, codes, problems)
        imported.fuzzy = target.get("state", "translated") not in ("translated", "signed-off", "final")
        imported.problems = problems + _duplicates(target) + _problems(codes, target, imported.target)
    return imported


def _unit21(unit: ET.Element, path: str) -> ImportedUnit:
    """A unit's source and target: its segments and ignorables joined in
    order (a CAT tool splits a unit into sentence segments, the whitespace
    between them in `<ignorable>`s, whose source stands for a missing
    target)."""
    parts = [child for child in unit if _local(child.tag) in ("segment", "ignorable")]
    if not any(_local(part.tag) == "segment" for part in parts):
        raise LocpipeError("a <unit> without <segment>", path, _line(unit))
    sources, targets, states = [], [], []
    codes: dict[str, Code] = {}
    for part in parts:
        source = part.find(f"{{{NS21}}}source")
        if source is None:
            raise LocpipeError(f"a <{_local(part.tag)}> without <source>", path, _line(part))
        codes.update(_source_codes(source))
        target = part.find(f"{{{NS21}}}target")
        sources.append(source)
        if _local(part.tag) == "segment":
            targets.append(target)
            states.append(part.get("state", "initial"))
        else:
            targets.append(source if target is None else target)
    imported = ImportedUnit("".join(_markdown(s, codes) for s in sources), None, False,
                            unit.get("name"), _line(unit))
    segment_targets = [t for part, t in zip(parts, targets) if _local(part.tag) == "segment"]
    if all(t is not None and (t.text or len(t)) for t in segment_targets):
        problems: list[str] = []
        imported.target = "".join(_markdown(t, codes, problems) for t in targets)
        imported.fuzzy = any(state == "initial" for state in states)
        holder = ET.Element("target")
        for target in targets:
            holder.extend(list(target))
        imported.problems = problems + _duplicates(holder) + _problems(codes, holder, imported.target)
    return imported


# -- applying ----------------------------------------------------------------

@dataclass
class ImportReport:
    changed: int = 0
    changed_source: int = 0   # made fuzzy: the English changed since export
    kept: list[str] = field(default_factory=list)      # translations not overwritten
    skipped: list[str] = field(default_factory=list)   # the vendor's translations of English no longer there
    refused: list[str] = field(default_factory=list)   # units whose translation lost a protected code


def apply_units(po: polib.POFile, units: list[ImportedUnit], path: str,
                errors: Callable[[str, str], list[str]] = lambda source, target: []
                ) -> tuple[polib.POFile, ImportReport]:
    """The catalog with the file's translations: only msgstr and the fuzzy
    state change; a unit whose English changed since export goes, fuzzy and
    with the English it was made for as previous msgid, to the unit it
    became, never over a finished translation; obsolete entries stay.
    A finished translation that changes the catalog and in which
    `errors(source, target)` finds errors is refused."""
    from .catalog import FUZZY_CUTOFF, similarity
    report = ImportReport()
    live = {(e.msgctxt, e.msgid): e for e in document_units(po)}
    claimed = {(u.context, u.source) for u in units}
    for unit in units:
        if unit.target is None:
            continue
        if not unit.target.strip() and unit.source.strip():
            report.refused.append(f"{path}:{unit.line}: refused: the translation is blank (only spaces)")
            continue
        if unit.problems:
            report.refused.append(f"{path}:{unit.line}: refused: {'; '.join(dict.fromkeys(unit.problems))}")
            continue
        entry = live.get((unit.context, unit.source))
        if entry is not None:
            fuzzy = "fuzzy" in entry.flags
            if entry.msgstr != unit.target or fuzzy != unit.fuzzy:
                found = [] if unit.fuzzy else errors(entry.msgid, unit.target)
                if found:
                    report.refused.append(f"{path}:{unit.line}: refused: {'; '.join(found)}")
                    continue
                entry.msgstr = unit.target
                if unit.fuzzy and not fuzzy:
                    entry.flags.append("fuzzy")
                elif fuzzy and not unit.fuzzy:
                    entry.flags.remove("fuzzy")
                    entry.previous_msgid = entry.previous_msgctxt = None
                report.changed += 1
            continue
        candidates = [e for key, e in live.items() if key not in claimed and e.msgctxt == unit.context]
        scored = [(similarity(unit.source, e.msgid), e) for e in candidates]
        scored = [(score, e) for score, e in scored if score >= FUZZY_CUTOFF]
        if not scored:
            report.skipped.append(f"{path}:{unit.line}: skipped: its English is no longer in the document")
            continue
        score, entry = max(scored, key=lambda pair: pair[0])
        if entry.msgstr and "fuzzy" not in entry.flags:
            report.kept.append(f"{path}:{unit.line}: kept the catalog's translation: "
                               "the English changed since export and the unit is translated")
            continue
        if entry.msgstr == unit.target and entry.previous_msgid == unit.source:
            continue
        entry.msgstr = unit.target
        if "fuzzy" not in entry.flags:
            entry.flags.append("fuzzy")
        entry.previous_msgid = unit.source
        report.changed_source += 1
    return po, report
