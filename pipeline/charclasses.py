"""Regex character classes of Unicode general categories, which Python's
`re` lacks (no \\p{M}): made from `unicodedata` once per Python version and
kept in the data cache, since scanning the code points takes a fifth of a
second, and every process of a build would otherwise pay it."""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from .datacache import cached

# Planes 0 (BMP), 1 (SMP) and 14 (SSP) hold every combining mark and every format character.
_PLANES = (range(0x20000), range(0xE0000, 0xE1000))


@lru_cache(maxsize=None)
def category_class(prefix: str) -> str:
    """A character class body (no brackets) for every code point whose
    general category starts with `prefix` ("M": Mn, Mc, Me; "Cf")."""
    return cached(f"unicode-{prefix}", f"{unicodedata.unidata_version} {prefix}", lambda: _ranges(prefix))


def _ranges(prefix: str) -> str:
    ranges, start, previous = [], None, None
    for code in (code for plane in _PLANES for code in plane):
        if unicodedata.category(chr(code)).startswith(prefix):
            if start is None:
                start = code
            previous = code
        elif start is not None:
            ranges.append((start, previous))
            start = None
    if start is not None:
        ranges.append((start, previous))
    return "".join(f"\\U{a:08x}" if a == b else f"\\U{a:08x}-\\U{b:08x}" for a, b in ranges)
