"""The corpus of dangerous translation mutations (tests/data/mutations/<lang>.po)
read and checked in process: which entries `locpipe check` reports as an error.

Each entry of a corpus catalog is a real translation changed in one dangerous way,
with translator comments `# mutation: CLASS`, `# what: ...`, `# original: <the
unmutated translation>` and `# source: ...`. A mutation counts as caught when the
mutated entry has an error finding that its original translation does not have, so
an error the original already gets (a false positive) cannot hide a miss."""

from __future__ import annotations

import copy
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import polib

from pipeline.po import read_catalog
from pipeline.checks import check_entries

CORPUS = Path(__file__).resolve().parent / "data" / "mutations"
KNOWN_GAPS = CORPUS / "KNOWN_GAPS.txt"
DOCUMENT = "mutations"
CLASSES = ("negation", "comparative", "opposite", "units", "time-of-day", "urgency", "added-content",
           "invisible-character", "phone-format", "classic")


@dataclass(frozen=True)
class Mutation:
    language: str
    line: int  # the entry's line, as `locpipe check` reports it
    mutation: str
    what: str
    original: str | None
    source: str
    msgctxt: str | None
    msgid: str
    msgstr: str

    @property
    def id(self) -> str:
        return f"{self.language}:{self.line}:{self.mutation}"


@dataclass(frozen=True)
class Result:
    mutation: Mutation
    errors: frozenset[tuple[str, str]]           # (check, message) of the mutated entry's errors
    original_errors: frozenset[tuple[str, str]]  # the same for the original translation

    @property
    def new_errors(self) -> frozenset[tuple[str, str]]:
        return self.errors - self.original_errors

    @property
    def caught(self) -> bool:
        return bool(self.new_errors)


def corpus_files() -> list[Path]:
    return sorted(CORPUS.glob("*.po"))


def _comments(entry: polib.POEntry) -> dict[str, str]:
    fields = {}
    for line in (entry.tcomment or "").splitlines():
        key, sep, value = line.partition(": ")
        if sep and key in ("mutation", "what", "original", "source"):
            fields[key] = value
    return fields


@lru_cache(maxsize=None)
def read(path: Path) -> tuple[polib.POFile, tuple[Mutation, ...]]:
    po = read_catalog(path)
    language = po.metadata["Language"]
    mutations = []
    for entry in po:
        if entry.obsolete or not entry.msgid:
            continue
        fields = _comments(entry)
        mutations.append(Mutation(language, entry.linenum, fields.get("mutation", ""), fields.get("what", ""),
                                  fields.get("original"), fields.get("source", ""), entry.msgctxt,
                                  entry.msgid, entry.msgstr))
    return po, tuple(mutations)


def _errors_by_line(po: polib.POFile, language: str, path: Path) -> dict[int, frozenset[tuple[str, str]]]:
    found: dict[int, set[tuple[str, str]]] = {}
    for finding in check_entries(po, language, str(path), DOCUMENT):
        if finding.severity == "error":
            found.setdefault(finding.line, set()).add((finding.check, finding.message))
    return {line: frozenset(items) for line, items in found.items()}


@lru_cache(maxsize=None)
def results(path: Path) -> tuple[Result, ...]:
    """Every mutation of one corpus file with its errors and its original's."""
    po, mutations = read(path)
    language = po.metadata["Language"]
    mutated = _errors_by_line(po, language, path)
    originals_po = copy.deepcopy(po)  # the same entries and lines, with the original translations
    for entry in originals_po:
        original = _comments(entry).get("original")
        if original is not None:
            entry.msgstr = original
    originals = _errors_by_line(originals_po, language, path)
    return tuple(Result(m, mutated.get(m.line, frozenset()),
                        originals.get(m.line, frozenset()) if m.original is not None else frozenset())
                 for m in mutations)


def all_results() -> list[Result]:
    return [result for path in corpus_files() for result in results(path)]


def read_known_gaps(path: Path = KNOWN_GAPS) -> list[str]:
    """The keys of KNOWN_GAPS.txt: `<lang>:<line>` or `<lang>:<msgid prefix>`, one a
    line; `#` starts a comment line, and ` #` a comment after a key."""
    keys = []
    for line in path.read_text(encoding="utf-8").splitlines() if path.exists() else []:
        key = line.split(" #", 1)[0].strip()
        if key and not key.startswith("#"):
            keys.append(key)
    return keys


def matches(key: str, mutation: Mutation) -> bool:
    language, _, rest = key.partition(":")
    if language != mutation.language or not rest:
        return False
    if rest.isdigit():
        return int(rest) == mutation.line
    return mutation.msgid.startswith(rest)


def summary(found: list[Result]) -> str:
    """caught/total per class and per language, and the mutations not caught."""
    languages = sorted({r.mutation.language for r in found})
    rows = [f"{'class':<20} {'caught/total':>12}  " + "  ".join(f"{lang:>7}" for lang in languages)]
    for cls in CLASSES + tuple(sorted({r.mutation.mutation for r in found} - set(CLASSES))):
        of_class = [r for r in found if r.mutation.mutation == cls]
        cells = []
        for lang in languages:
            here = [r for r in of_class if r.mutation.language == lang]
            cells.append(f"{sum(r.caught for r in here)}/{len(here)}".rjust(7))
        rows.append(f"{cls:<20} {f'{sum(r.caught for r in of_class)}/{len(of_class)}':>12}  " + "  ".join(cells))
    total = f"{sum(r.caught for r in found)}/{len(found)}"
    rows.append(f"{'total':<20} {total:>12}  " + "  ".join(
        f"{sum(r.caught for r in found if r.mutation.language == lang)}/"
        f"{sum(1 for r in found if r.mutation.language == lang)}".rjust(7) for lang in languages))
    missed = [r for r in found if not r.caught]
    if missed:
        rows += ["", f"not caught ({len(missed)}):"]
        rows += [f"  {r.mutation.id}: {r.mutation.what}" for r in missed]
    false_positives = [r for r in found if r.original_errors]
    if false_positives:
        rows += ["", f"original translation reported as an error ({len(false_positives)}):"]
        rows += [f"  {r.mutation.id}: " + "; ".join(f"{c}: {m}" for c, m in sorted(r.original_errors))
                 for r in false_positives]
    return "\n".join(rows)
