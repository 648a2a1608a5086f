"""Counts in the command line's English messages: "1 document", "2 documents"."""

from __future__ import annotations


def counted(number: int, noun: str, plural: str | None = None) -> str:
    """The number and its noun, plural unless the number is 1 ("0 files")."""
    return f"{number} {noun if number == 1 else plural or noun + 's'}"
