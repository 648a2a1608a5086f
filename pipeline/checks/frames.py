"""Frames that turn what a negation says without changing how many there
are: a prohibition asked as a "why not" question ("¿Por qué no tomar…?",
a suggestion), and an "only if" said without its "only" ("sobre todo si",
especially if). Read by the negation check (negation.py)."""

from __future__ import annotations

import re
from dataclasses import replace

from .lexicon import Hit, SOURCE_LANGUAGE
from .polarity import Polarity, polarity
from .reading import _scan


_END = re.compile(r"[.!?。！？؟]")


def _asks(text: str, frame: Hit) -> bool:
    """Whether the sentence of a "why not" frame ends in a question mark."""
    end = _END.search(text, frame.end)
    return end is not None and end.group() in "?？؟"


def _suggesting(language: str, text: str, other: str) -> list[Hit]:
    """The "why not" frames of a text that ask, where the other text asks
    nothing: an instruction turned into a suggestion."""
    if any(mark in other for mark in "?？؟"):
        return []
    return [h for h in _scan(language, "negation", text) if "rhetorical" in h.kinds() and _asks(text, h)]


def asked(language: str, text: str, other: str) -> Polarity:
    """The polarity of a normalised part, its "why not" frames ("¿Por qué
    no tomar…?", "Pourquoi ne pas…", "Почему бы не…", "为什么不…呢？")
    counted as negations, except those that ask where the other text asks
    nothing (`_suggesting`): "Why should you not take it?" as "¿Por qué no
    debe tomarlo?" keeps its negation."""
    found = polarity(language, text)
    if not found.rhetorical:
        return found
    asked = {h.start for h in _suggesting(language, text, other)}
    return replace(found, certain=found.certain + tuple(h for h in found.rhetorical if h.start not in asked))


def suggested(language: str, source_part: str, target_part: str) -> str | None:
    """A prohibition of the source asked as "why not …?" ("Do not take more
    than 8" as "¿Por qué no tomar más de 8…?", "Почему бы не принимать
    больше 8…?"): a suggestion to do it, whether the negation stands alone
    or inside a limit ("no more than") that the comparative check reads."""
    frames = _suggesting(language, target_part, source_part)
    if not frames:
        return None
    said = [h for h in _scan(SOURCE_LANGUAGE, "negation", source_part)
            if h.kinds() & {"words", "concord", "prohibitive"}]
    if not said:
        return None
    return f'the source says "{said[0].text}" but the translation asks "{frames[0].text} …?" (why not): ' \
           f'a suggestion to do what the source forbids'


def _only_if(language: str, text: str) -> Hit | None:
    """An "only" right before an "if" or "when" ("only if", "solo si"):
    the instruction holds in that case and in no other."""
    hits = _scan(language, "negation", text)
    conditions = [h for h in hits if "condition" in h.kinds()]
    return next((h for h in hits if "exceptive" in h.kinds() and any(
        c.start >= h.end and not text[h.end:c.start].strip() for c in conditions)), None)


def dropped_only_if(language: str, source_part: str, target_part: str) -> str | None:
    """"Give it only if your child is older than 2" said with no "only",
    "unless" or negation ("sobre todo si", especially if): the condition no
    longer forbids the other cases."""
    said = _only_if(SOURCE_LANGUAGE, source_part)
    if said is None:
        return None
    ours = polarity(language, target_part)
    if ours.exceptive or ours.unless or ours.low or ours.excepting:
        return None
    return f'the source says "{said.text}" before its condition (only if) but the translation has no "only", ' \
           f'"unless" or negation: it no longer forbids the other cases'


def framed(language: str, source_part: str, target_part: str) -> str | None:
    """What a frame of the translation does to the source's instruction."""
    return suggested(language, source_part, target_part) or dropped_only_if(language, source_part, target_part)
