"""The urgency check: "right away", "call 911" and "go to the emergency room"
kept, never "tomorrow" or a step put before them."""

from __future__ import annotations

import re
from typing import Iterator

from .base import TranslationContext
from .lexicon import Hit, SOURCE_LANGUAGE
from .reading import _copied, _ready, _scan, candidates


# the number a source names to call for help now: a "tomorrow" beside it is a delay
_EMERGENCY_NUMBER = re.compile(r"(?<![\d-])911(?![\d-])")


def changed_urgency(source: str, target: str, context: TranslationContext) -> Iterator[str]:
    """Where the source says to act now ("right away", "call 911 or go to
    the emergency room"), the translation says so too and names the place
    to go; a "tomorrow" or "when you can" the source does not say is an
    error wherever the source is urgent (names 911, the emergency room or
    acting now), and so is an appointment to make ("o pida una cita") that
    the source does not offer. A translation more urgent than its source is
    not checked."""
    if not _ready(context, "urgency") or _copied(source, target):
        return
    for where, source_part, target_part in candidates("urgency", source, target, context.language):
        theirs = _scan(SOURCE_LANGUAGE, "urgency", source_part)
        urgent = next((h for h in theirs if h.kinds() & {"now", "soon", "emergency_room"}), None)
        if urgent is None:
            emergency = _EMERGENCY_NUMBER.search(source_part)
            if emergency is None:
                continue
            urgent = Hit(emergency.group(), emergency.start(), emergency.end(), frozenset())
        ours = _scan(context.language, "urgency", target_part)
        their_kinds = set().union(*(h.kinds() for h in theirs))
        our_kinds = set().union(*(h.kinds() for h in ours))
        now = next((h for h in theirs if "now" in h.kinds()), None)
        soon = next((h for h in theirs if "soon" in h.kinds()), None)
        delay = next((h for h in ours if "delay" in h.kinds()), None)
        if delay is not None and "delay" not in their_kinds:
            yield f'{where}the source says "{(now or soon or urgent).text}" but the translation says "{delay.text}"'
        elif now is not None and "now" not in our_kinds:
            weaker = next((h for h in ours if "soon" in h.kinds()), None)
            instead = f' ("{weaker.text}" is "as soon as you can")' if weaker is not None else ""
            yield f'{where}the source says "{now.text}" but the translation has no word for acting now{instead}'
        elif soon is not None and not our_kinds & {"now", "soon"}:
            yield f'{where}the source says "{soon.text}" but the translation has no word for acting now'
        room = next((h for h in theirs if "emergency_room" in h.kinds()), None)
        if room is not None and "emergency_room" not in our_kinds:
            yield f'{where}the source says "{room.text}" but the translation does not name the emergency room'
        booked = next((h for h in ours if "appointment" in h.kinds()), None)
        if booked is not None and "appointment" not in their_kinds:
            yield f'{where}the translation offers "{booked.text}" (making an appointment), a non-urgent ' \
                  f'alternative the source does not give beside "{urgent.text}": the reader may wait for a visit'
        written = next((h for h in ours if "message" in h.kinds()), None)
        if written is not None and "message" not in their_kinds:
            yield f'{where}the translation offers "{written.text}" (writing a message), a non-urgent ' \
                  f'alternative the source does not give beside "{urgent.text}": the reader may wait for an answer'
        other = next((h for h in ours if "someone_else" in h.kinds()), None)
        if other is not None and "someone_else" not in their_kinds:
            yield f'{where}the translation sends the reader to "{other.text}" (someone else to call); the source, ' \
                  f'which says "{urgent.text}", names no one of the kind'
