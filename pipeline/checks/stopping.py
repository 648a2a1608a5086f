"""An instruction to stop taking a medicine ("Stop taking it if you get a
rash") stays an instruction to stop taking it: not "keep taking it"
("Tiếp tục dùng thuốc", "계속 복용하십시오"), "do not quit" ("Не бросайте"),
"increase the dose", "start taking it", nor "stop scratching"."""

from __future__ import annotations

from typing import Iterator

from .base import EntryCheck, TranslationContext
from .concepts import SOURCE_LANGUAGE, Said, parts, said
from .consulted import asked_first
from .lexicon import Hit
from .polarity import polarity
from .reading import _scan

_GOING_ON = ("continue", "increase")


def changed_stop(source: str, target: str, context: TranslationContext) -> Iterator[str]:
    """Where the source tells the reader to stop taking the medicine (a
    "stop" word and a word for taking it or for the medicine, neither under
    a negation), the translation has a word for stopping, not under a
    negation, with a word for taking or for the medicine, and no word for
    going on or taking more that the source does not have. A translation
    that says it with a negation ("No lo tome más") is the negation check's."""
    for where, source_part, target_part in parts("stop", source, target, context):
        if asked_first(context.language, source_part, target_part):
            continue  # "Ask before you stop" as "do not stop without asking"
        theirs = said(SOURCE_LANGUAGE, "stop", source_part)
        started = _started_instead(theirs, said(context.language, "stop", target_part))
        if started:
            yield f'{where}the source says "{started[0].text}" (stop) but the translation says ' \
                  f'"{started[1].text}" (start)'
            continue
        added = _added_stop(theirs, said(context.language, "stop", target_part), context.language,
                            (source_part, target_part))
        if added is not None:
            yield f'{where}the translation says to stop taking the medicine ("{added.text}"); the source says ' \
                  f'nothing of stopping it, nor of taking it'
            continue
        if "stop" not in theirs.concepts or "taking" not in theirs.concepts or \
                any(k in theirs.concepts for k in _GOING_ON):
            continue
        stop = theirs.concepts["stop"]
        ours = said(context.language, "stop", target_part)
        going_on = next((ours.concepts[k] for k in _GOING_ON if k in ours.concepts), None)
        if going_on is not None:
            yield f'{where}the source says "{stop.text}" but the translation says "{going_on.text}" ' \
                  f'(continue, or take more)'
        elif "stop" in ours.negated:
            yield f'{where}the source says "{stop.text}" but the translation says not to stop ' \
                  f'("{ours.negated["stop"].text}" under a negation)'
        elif "stop" not in ours.concepts:
            if not polarity(context.language, target_part).certain:
                yield f'{where}the source says "{stop.text}"; the translation has no word for stopping'
        elif "taking" not in ours.concepts and not _scan(context.language, "medicine", target_part):
            # "Arrêtez la warfarine": a medicine named is the medicine stopped
            yield f'{where}the source says to stop taking the medicine ("{stop.text}"); the translation says ' \
                  f'"{ours.concepts["stop"].text}" without a word for taking it or for the medicine'


def _added_stop(theirs: Said, ours: Said, language: str, texts: tuple[str, str]) -> Hit | None:
    """A stop the translation adds to a part where the source names no
    stopping, going on, starting, asking, taking nor the medicine: "This is
    normal and not harmful" as "Si sucede, deje de tomarlo" ends a treatment
    the source means to go on. A source that takes the medicine ("after you
    take it") may be said with a word that also stops (Haitian "rete")."""
    source, target = texts
    if theirs.concepts or theirs.negated or "stop" not in ours.concepts or \
            any("given" in h.kinds() for h in _scan(SOURCE_LANGUAGE, "route", source)):
        return None
    if "taking" not in ours.concepts and not _scan(language, "medicine", target):
        return None
    return ours.concepts["stop"]


def _started_instead(theirs: Said, ours: Said) -> tuple[Hit, Hit] | None:
    """The source's stop (said or forbidden) as a start: "Do not stop
    taking it" as "No empiece a tomarlo" forbids the other thing."""
    stop = theirs.concepts.get("stop") or theirs.negated.get("stop")
    if stop is None or "start" in theirs.concepts or "start" in theirs.negated:
        return None
    if "stop" in ours.concepts or "stop" in ours.negated:
        return None
    start = ours.concepts.get("start") or ours.negated.get("start")
    return (stop, start) if start is not None else None


STOP_CHECKS = [EntryCheck("stop", "error", changed_stop)]
