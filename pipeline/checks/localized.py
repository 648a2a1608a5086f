"""A link to the translation's own language version of a source's page:
"https://www.mskcc.org/es/pe/chemo" in Spanish for
"https://www.mskcc.org/pe/chemo", the same path under a first segment that
names the translation's language (es, pt-br, zh-hans). It is the page the
source links to, as a reader of that language gets it; a segment of another
language ("/fr/" in Spanish) or another path is another page."""

from __future__ import annotations

import re
from functools import lru_cache

from ..locales import base_language

_SEGMENT = re.compile(r"^((?:[a-z][a-z0-9+.-]*://)?[^/?#]+)/([A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})?)(/.*)$")


@lru_cache(maxsize=64)
def _codes(language: str) -> frozenset[str]:
    """How an address may write a language: es, pt-br, pt_br, zh-hans."""
    full = language.lower()
    return frozenset({full, full.replace("_", "-"), base_language(language).lower()})


def unlocalized(url: str, language: str) -> str:
    """The address without its first path segment where that segment names
    `language` ("www.mskcc.org/es/pe" in Spanish is "www.mskcc.org/pe");
    any other address as it is."""
    match = _SEGMENT.match(url) if language else None
    if match and match.group(2).lower() in _codes(language):
        return match.group(1) + match.group(3)
    return url
