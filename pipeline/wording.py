"""The command line's English messages: counts ("1 document", "2 documents")
and why a page was refused."""

from __future__ import annotations


def counted(number: int, noun: str, plural: str | None = None) -> str:
    """The number and its noun, plural unless the number is 1 ("0 files")."""
    return f"{number} {noun if number == 1 else plural or noun + 's'}"


def refusal(page) -> str:
    """Every reason a page was refused, and where to see the lines."""
    advice = f"; run `locpipe check {page.language}` for the lines" if page.errors else ""
    return page.reason + advice
