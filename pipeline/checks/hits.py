"""What a scan of a text with a language's word lists finds: phrases
(`Hit`), each with what it means (`Tag`). A module of its own, so that the
readers of numbers (`numerals`) and the word lists (`lexicon`) share them
without importing each other."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Tag:
    """What a phrase means in its section: the list it is in ("UP",
    "words.teaspoon") and, for tables of values, its value (a number)."""
    kind: str
    value: object = None


@dataclass(frozen=True)
class Hit:
    text: str
    start: int
    end: int
    tags: frozenset[Tag]

    def kinds(self) -> frozenset[str]:
        """Made once per hit (kept beside its fields, out of equality and
        hashing): the checks ask it of the same hits many times."""
        found = self.__dict__.get("_kinds")
        if found is None:
            found = frozenset(tag.kind for tag in self.tags)
            object.__setattr__(self, "_kinds", found)
        return found
