"""What every check is made of."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Callable, Iterable, Iterator

import polib

from ..glossary import Glossary
from ..locales import base_language


@dataclass(frozen=True)
class TranslationContext:
    language: str
    glossary: Glossary | None = None
    allowed_targets: tuple[str, ...] = ()  # localized link targets the settings allow

    @property
    def base_language(self) -> str:
        return base_language(self.language)


@dataclass(frozen=True)
class EntryCheck:
    """A check of one translated entry. `translated_only` checks skip
    untranslated and fuzzy entries: there is no translation to judge yet."""

    id: str
    severity: str
    function: Callable[[str, str, TranslationContext], Iterable[str]]
    translated_only: bool = True
    include_fuzzy: bool = False

    def run(self, entry: polib.POEntry, context: TranslationContext) -> list[str]:
        """Messages about one entry: the entry itself for entry checks, its
        two texts for the others (which check_entries memoises)."""
        if not self.translated_only:
            return list(self.function(entry, context))  # type: ignore[arg-type]
        return list(self.function(entry.msgid, entry.msgstr, context))


def entry_checks(severity: str, checks: dict[str, Callable], **options: bool) -> list[EntryCheck]:
    """Checks of one severity and the same options, from their ids and
    functions, in the order given (the order of an entry's findings)."""
    return [EntryCheck(check_id, severity, function, **options) for check_id, function in checks.items()]


@dataclass(frozen=True)
class HeaderCheck:
    id: str
    severity: str
    function: Callable[[polib.POFile, str], Iterable[str]]
    severity_when: Callable[[polib.POFile], str] | None = None  # a severity that depends on the catalog

    def run(self, po: polib.POFile, language: str) -> list[str]:
        return list(self.function(po, language))

    def severity_for(self, po: polib.POFile) -> str:
        return self.severity_when(po) if self.severity_when else self.severity


def compare_tokens(what: str, expected: Counter, found: Counter) -> Iterator[str]:
    """The source's tokens of a kind (email addresses, emergency numbers)
    and no other, each as many times as the source has it."""
    for token in sorted(expected - found):
        yield f"{what} {token} is missing or changed"
    for token in sorted(found - expected):
        yield f"{what} {token} is not in the source"
