"""Per-language glossaries: `locale/<lang>/glossary.csv` with the columns
source, translation, note. Used by the checks and by `update`, which adds
the terms a unit contains to its translator comments."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from functools import lru_cache

from .errors import LocpipeError
from .project import Project


@dataclass(frozen=True)
class GlossaryTerm:
    source: str
    translation: str
    note: str = ""


@dataclass(frozen=True)
class Glossary:
    terms: tuple[GlossaryTerm, ...]

    def terms_in(self, text: str) -> list[GlossaryTerm]:
        """Terms that occur in a source text (case-insensitive, whole words),
        longest first; a term inside a longer matched term is not repeated."""
        found, covered = [], []
        for term in sorted(self.terms, key=lambda t: -len(t.source)):
            for match in _term_pattern(term.source).finditer(text):
                if not any(a <= match.start() and match.end() <= b for a, b in covered):
                    covered.append((match.start(), match.end()))
                    if term not in found:
                        found.append(term)
        return sorted(found, key=lambda t: text.lower().find(t.source.lower()))


@lru_cache(maxsize=4096)
def _term_pattern(term: str) -> re.Pattern:
    flags = 0 if term.isupper() else re.I
    return re.compile(rf"(?<![\w-]){re.escape(term)}(?:s|es)?(?![\w-])", flags)


def parse_glossary(text: str, path: str) -> Glossary:
    rows = list(csv.reader(io.StringIO(text)))
    if not rows:
        return Glossary(())
    header = [c.strip().lower() for c in rows[0]]
    if header[:2] != ["source", "translation"]:
        raise LocpipeError("the first row must be the header: source,translation,note", path, 1)
    terms = []
    for number, row in enumerate(rows[1:], start=2):
        if not row or not any(cell.strip() for cell in row):
            continue
        if len(row) < 2 or not row[0].strip() or not row[1].strip():
            raise LocpipeError("each row needs a source term and its translation", path, number)
        terms.append(GlossaryTerm(row[0].strip(), row[1].strip(), row[2].strip() if len(row) > 2 else ""))
    return Glossary(tuple(terms))


def read_glossary(project: Project, language: str) -> Glossary | None:
    path = project.glossary_path(language)
    if not path.exists():
        return None
    try:
        data = path.read_bytes()
        return _cached_glossary(str(path), data, project.relative(path))
    except UnicodeDecodeError:
        raise LocpipeError("glossary is not valid UTF-8", project.relative(path)) from None
    except OSError as exc:
        raise LocpipeError(f"cannot read glossary: {exc.strerror or exc}", project.relative(path)) from None


@lru_cache(maxsize=64)
def _cached_glossary(path: str, data: bytes, shown: str) -> Glossary:
    return parse_glossary(data.decode("utf-8-sig"), shown)


def glossary_comments(project: Project, language: str, template) -> dict[str, list[str]]:
    """Extracted comments naming the glossary terms each unit contains."""
    glossary = read_glossary(project, language)
    if glossary is None:
        return {}
    comments = {}
    for entry in template:
        terms = glossary.terms_in(entry.msgid)
        if terms:
            comments[entry.msgid] = [f"Glossary: {t.source} = {t.translation}" +
                                     (f" ({t.note})" if t.note else "") for t in terms]
    return comments
