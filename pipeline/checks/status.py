"""The status check: a notice may not claim a page complete or reviewed
when its source does not."""

from __future__ import annotations

from typing import Iterator

from .base import TranslationContext
from .lexicon import SOURCE_LANGUAGE, normalise
from .polarity import polarity
from .reading import _copied, _ready, _scan, prose


def claimed_status(source: str, target: str, context: TranslationContext) -> Iterator[str]:
    """A notice about the page or its translation (a source with an `about`
    word: "translation", "preview") keeps what it says of the page:
    "Preview: incomplete translation" may not become "Traducción completa y
    revisada". A word
    for complete, reviewed or published that the source has no word of
    the kind for, said without a negation ("غير مكتملة", "不完整" say
    "incomplete"), is an error; without `[status]` words the check is idle."""
    if not _ready(context, "status") or _copied(source, target):
        return
    text, theirs = normalise(prose(target)), _scan(SOURCE_LANGUAGE, "status", normalise(prose(source)))
    if not any("about" in hit.kinds() for hit in theirs):
        return  # not a notice about the page or its translation
    ours = [hit for hit in _scan(context.language, "status", text) if "words" in hit.kinds()]
    if ours and not any("words" in hit.kinds() for hit in theirs) and not polarity(context.language, text).high:
        yield f'the translation says "{ours[0].text}" (complete, reviewed or published); the source does not'
