"""A wait before an event, said any of the three ways languages say it:
"Wait at least 2 hours before you eat" is "eat only after 2 hours"
("至少2小时后才能进食", "2시간이 지난 후에 음식을 드십시오", "Coma después de
2 horas") and "do not eat until 2 hours have passed" ("No coma hasta que
hayan pasado 2 horas", "Ne mangez pas avant que 2 heures se soient
écoulées", "Не ешьте, пока не пройдет 2 часа"), and "wait 2 hours, then
eat" ("等2个小时再吃东西", "Đợi 2 tiếng rồi mới ăn"). Each puts the event
after the time, as the source's "before" does; read so, its "after",
"until" or "then" is the source's "before" governing the event. The
order stays checked: "Eat, then wait 2 hours", "after eating, wait 2
hours" (the "after" governs the event, not the time) and "eat until 2
hours have passed" (no negation) are other instructions."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .amounts import amounts, span
from .frequency import intervals
from .lexicon import Hit, language_setting
from .reading import _directions, _near, _scan, _without

# the units a wait is counted in
_TIMES = frozenset({"minute", "hour", "day", "week", "month"})
_EDGE = re.compile(r"[,;:，；、،؛]")
_NEGATING = frozenset({"words", "concord", "privative", "prohibitive"})
# the events a "before" or "after" orders (`[comparative]` taking, eating)
EVENTS = ("taking", "eating")
# what a wait may count from (`[comparative]`): "7日後" after 手術 (surgery) is 7 days after it; not
# a symptom's end (`ended`), whose words say a time's passing too ("пока не пройдет 2 часа")
ANCHORS = frozenset({"arrival", "procedure", "appointment", "discharge"})


@dataclass(frozen=True)
class Wait:
    """A link word read as a "before" that governs `events`: the time it
    governs comes first, then the events (`negated`: said "not ... until").
    An "until" over a time with the event not negated governs no event
    ("Coma hasta que pasen 2 horas": the eating comes first)."""
    link: Hit
    events: frozenset[str]
    negated: bool


def _events(language: str, text: str) -> list[Hit]:
    return [h for h in _scan(language, "comparative", text) if h.kinds() & set(EVENTS)]


def _anchors(language: str, text: str) -> list[Hit]:
    return [h for h in _scan(language, "comparative", text) if h.kinds() & ANCHORS]


def _durations(language: str, text: str) -> list[tuple[int, int]]:
    """Where a normalised text counts a time ("2 horas", "2시간"), but the
    time between doses ("كل 4 ساعات", every 4 hours), which is no wait."""
    spaced = [span(amount) for _, _, amount in intervals(language, text)]
    return [span(a) for a in amounts(language, text) if a.units & _TIMES and a.number and span(a) not in spaced]


def _governed(language: str, text: str, link: Hit, events: list[Hit],
              anchors: list[Hit] = (), links: list[Hit] = ()) -> tuple[int, int, Hit | None]:
    """The stretch a link word governs, up to the nearest event or clause
    edge: what follows it, or what precedes it for a postposition ("2時間
    たってから", "2시간이 지난 후에") and for a "then" word (`[comparative]
    then`: "等2个小时再", "2 tiếng rồi mới"), which orders what precedes it
    before what follows; and whether an event bounds it, which makes its
    time an offset from that event ("아침 식사 1시간 전", 1 hour before
    breakfast; "吃饭2小时后", 2 hours after eating; "po 2 godzinach od
    posiłku"), unless the event is the sentence's topic (`[comparative]
    topic`: "食事は2時間たってから", as for eating, after 2 hours), or what
    the wait counts from bounds it (`anchors`: "手術の7日後", 7 days after
    the surgery; "بعد الجراحة بـ 7 أيام"): that event or anchor is returned."""
    events = [*events, *anchors]
    before = "then" in link.kinds() or language_setting(language, "postpositions")
    if before:
        edge = max((m.end() for m in _EDGE.finditer(text, 0, link.start)), default=0)
        event = max((e for e in events if edge <= e.start and e.end <= link.start), key=lambda e: e.end, default=None)
    else:  # a firm word's stretch ends at the next firm link or "then", whose is what follows it:
        # "sau 12 giờ và đợi 12 giờ rồi mới dán", "au bout de 12 heures et attendez 12 heures avant d'en poser"
        cut = [h.start for h in links if h.start >= link.end and _firm(h)] if _firm(link) else []
        edge = min([m.start() for m in _EDGE.finditer(text, link.end)] + cut, default=len(text))
        event = min((e for e in events if link.end <= e.start and e.end <= edge), key=lambda e: e.start, default=None)
    anchor = event if event is not None and "topic" not in event.kinds() else None
    if before:
        return (edge if event is None else event.end), link.start, anchor
    return link.end, (edge if event is None else event.start), anchor


def _firm(link: Hit) -> bool:
    """A link word that surely orders ("after", "rồi mới"), not a loose one ("nang")."""
    return _directions(link)[1] or "then" in link.kinds()


def _negated_event(language: str, text: str, events: list[Hit]) -> bool:
    """Whether a negation stands beside one of the events ("No coma", "Ne
    mangez pas", "Не ешьте"); the "no" of a limit ("no más de") is the limit's."""
    limits = [h for h in _scan(language, "comparative", text) if _directions(h)[1]
              and _directions(h)[0] & {"UP", "DOWN"}]
    negations = [h for h in _scan(language, "negation", _without(text, limits)) if h.kinds() & _NEGATING]
    return any(_near(text, n, e) for n in negations for e in events)


@lru_cache(maxsize=16384)
def waits(language: str, text: str) -> tuple[Wait, ...]:
    """The link words of a normalised sentence that, read with the time
    they govern, put an event after a wait: an "after", a "then" or a
    negated "before" over a time with the event outside it, or a
    "before"/"until" over a time with
    the event outside it negated (and, governing no event, one over a time
    with the event not negated). The "before" of "Wait 2 hours before you
    eat" governs the event itself, and is no such word."""
    events = _events(language, text)
    if not events:
        return ()
    durations = _durations(language, text)
    anchors = _anchors(language, text)
    found = []
    links = [h for h in _scan(language, "comparative", text)
             if _directions(h)[0] & {"BEFORE", "AFTER"} or "then" in h.kinds()]
    governed = {link: _governed(language, text, link, events, anchors, links) for link in links}
    # an event just before an "after" or a "then" comes first ("貼ってから", "dán miếng mới rồi":
    # put it on, then): that word orders it, and no wait of another clause puts it after a time
    ordered = {bound for link, (_, _, bound) in governed.items() if bound is not None and bound.end <= link.start
               and ("AFTER" in _directions(link)[0] or "then" in link.kinds())}
    for link in links:
        directions = _directions(link)[0]
        start, end, anchored = governed[link]
        timed = any(start <= a < end for a, _ in durations)
        # an "after" of a later clause comes after its events: "Mangez ..., puis vérifiez au bout de 15 minutes"
        others = [e for e in events if not (start <= e.start < end) and e != link and e not in ordered
                  and not ("AFTER" in directions and _EDGE.search(text, e.end, link.start))]
        if not timed or not others or anchored:
            continue
        if "AFTER" in directions or "then" in link.kinds() or _holds_negation(language, link):
            found.append(Wait(link, _kinds(others), False))
        elif _negated_event(language, text, others):
            found.append(Wait(link, _kinds(others), True))
        else:  # "Coma hasta que pasen 2 horas": eating during the time, before it ends
            found.append(Wait(link, frozenset(), False))
    return tuple(found)


def _holds_negation(language: str, link: Hit) -> bool:
    """A "before" that holds its negation is an "after": "не раньше чем через
    2 часа" (not earlier than in 2 hours)."""
    return any(h.kinds() & _NEGATING for h in _scan(language, "negation", link.text))


def _kinds(events: list[Hit]) -> frozenset[str]:
    return frozenset(k for e in events for k in e.kinds() if k in EVENTS)


def waited_negations(language: str, text: str, other_language: str, other_text: str) -> int:
    """How many negations of a normalised text say, with an "until" or
    "before" over a time, a wait the other text says without a negation
    ("No coma hasta que pasen 2 horas" for "Wait 2 hours before you eat",
    whose "before" governs the eating, or for "Coma después de 2 horas")."""
    said = [w for w in waits(language, text) if w.negated]
    if not said:
        return 0
    other = waits(other_language, other_text)
    if any(w.negated for w in other):
        return 0
    befores = [h for h in _scan(other_language, "comparative", other_text)
               if _directions(h)[1] and "BEFORE" in _directions(h)[0]]
    events = {e for w in said for e in w.events}
    waited = any(w.events & events for w in other) or any(_event_after(other_language, other_text, h, events)
                                                           for h in befores)
    return len(said) if waited else 0


def _event_after(language: str, text: str, link: Hit, events: frozenset[str]) -> bool:
    """Whether a "before" governs one of the events, with a time outside
    what it governs: "Wait 2 hours before you eat"."""
    found = _events(language, text)
    start, end, _ = _governed(language, text, link, [])
    inside = [e for e in found if start <= e.start < end and e.kinds() & events]
    return bool(inside) and any(not (start <= a < end) for a, _ in _durations(language, text))
