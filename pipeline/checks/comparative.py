"""The comparative check: "or higher" as "or lower", "at least" as "at most",
"before" as "after", and taking kept on its side of before/after."""

from __future__ import annotations

import re
from typing import Iterator

from .base import TranslationContext
from .concepts import said
from .consulted import asked_first
from .held import held_for
from .hits import Tag
from .lexicon import Hit, SOURCE_LANGUAGE, language_setting
from .polarity import polarity
from .reading import DIRECTIONS, _copied, _directions, _negated, _ready, _scan, candidates
from .times import clock_times
from .waits import ANCHORS, waits


def _negated_limits(language: str, source: str, target: str) -> tuple[Hit, ...]:
    """The "more than" limits of a translation that say the source's "do not
    take more than" with a negation of their own elsewhere in the sentence,
    as verb-final languages do ("4回を超えて服用しないでください", "بیش از 4 دوز
    مصرف نکنید", "Huwag uminom ng higit sa 4"): one per negated limit of the
    source, and only where the translation has a negation to spare in the
    limit's clause."""
    wanted = sum(1 for h in _scan(SOURCE_LANGUAGE, "comparative", source) if _negated(h) and
                 "DOWN" in _directions(h)[0])
    said = polarity(language, target)
    negations = said.certain
    if not wanted or not negations or _turned_back(said) * 2 >= len(negations):
        return ()
    # the negation in the limit's own clause: "Más de 4 tabletas, no menos" spends it on "menos"
    ups = [h for h in _scan(language, "comparative", target) if _directions(h)[1] and _directions(h)[0] == {"UP"}
           and any(not _LIMIT_CLAUSE_EDGE.search(target, min(h.end, n.end), max(h.start, n.start))
                   for n in negations)]
    return tuple(ups[:wanted])


_LIMIT_CLAUSE_EDGE = re.compile(r"[,;，；،؛]")


def _negated_within(language: str, text: str, loose: list[Hit]) -> frozenset[str]:
    """"At least", said as "not within" ("服药后半小时内不要躺下", do not lie
    down within half an hour of taking it: stay upright at least that
    long): a loose "within" with a negation of its clause says UP too."""
    within = [h for h in loose if _directions(h)[0] == {"DOWN"}]
    if not within:
        return frozenset()
    negations = polarity(language, text).certain
    return frozenset({"UP"}) if any(not _LIMIT_CLAUSE_EDGE.search(text, min(h.end, n.end), max(h.start, n.start))
                                    for h in within for n in negations) else frozenset()


def _turned_back(said) -> int:
    """How many verbs that turn round what follows are negated themselves
    ("No deje de tomar más de 8", "N'oubliez pas de prendre plus de 8",
    "忘れないでください"): each, with its negation, says to do it, and
    spends two negations that no limit may take."""
    others = [n for n in said.certain if n not in said.inverting]
    return sum(1 for verb in said.inverting
               if any(0 <= verb.start - n.end <= 12 or 0 <= n.start - verb.end <= 12 for n in others))


def _waits_read(language: str, text: str) -> dict[Hit, tuple[frozenset[str], bool]]:
    """The "after", "until" and "then" words that say a wait before an
    event ("2小时后才能进食", "No coma hasta que pasen 2 horas"), read as the
    "before" they say (`pipeline/checks/waits.py`); a firm one keeps its
    other directions ("не раньше чем через", no earlier than: at least)."""
    return {w.link: ((_directions(w.link)[0] - {"AFTER"} if _directions(w.link)[1] else frozenset()) | {"BEFORE"}, True)
            for w in waits(language, text) if w.events}


def _described(hit: Hit, read: dict | None = None) -> str:
    names = sorted((read or {}).get(hit, _directions(hit))[0], key=list(DIRECTIONS).index)
    return f'"{hit.text}" ({" or ".join(DIRECTIONS[n] for n in names)})'


# A limit written as a sign before a number, in any language: "≥ 100.4 °F" is "100.4 °F or higher"
_SIGNS = re.compile(r"(?:[≥⩾≤⩽]|[<>]=?|=[<>])(?=\s?\d)")
_SIGN_TAGS = {True: frozenset({Tag("DOWN")}), False: frozenset({Tag("UP")})}


def _symbol_limits(text: str) -> list[Hit]:
    """Limits a text writes as signs ("≥ 38 °C", "< 180 mg/dL")."""
    if not any(sign in text for sign in "≥⩾≤⩽<>"):
        return []
    return [Hit(m.group(), m.start(), m.end(), _SIGN_TAGS[any(sign in m.group() for sign in "≤⩽<")]) for m in _SIGNS.finditer(text)]


def changed_comparative(source: str, target: str, context: TranslationContext) -> Iterator[str]:
    """Limits keep their direction: "or higher" is not "or lower", "no more
    than" (found before "more than") is not "more than", "before" is not
    "after". A limit of either text without one of the same direction in
    the other is an error: a swap, a drop or an addition."""
    if not _ready(context, "comparative") or _copied(source, target):
        return
    for where, source_part, target_part in candidates("comparative", source, target, context.language):
        if held_for(context.language, source_part, target_part):
            continue  # "keep it on for 48 hours" as "do not take it off before 48 hours" (held.py)
        read = {**_waits_read(SOURCE_LANGUAGE, source_part), **_waits_read(context.language, target_part)}

        def heading(hit: Hit) -> tuple[frozenset[str], bool]:
            return read.get(hit) or _directions(hit)

        theirs = [h for h in _scan(SOURCE_LANGUAGE, "comparative", source_part) if heading(h)[0]]
        ours = [h for h in _scan(context.language, "comparative", target_part) if heading(h)[0]]
        # a "before" of asking first, in either text ("before you stop it, talk with your doctor"; "sem antes
        # conversar"), is the asking's (consulted.py), no order of events
        if any("BEFORE" in heading(h)[0] for h in (*theirs, *ours)) and \
                asked_first(context.language, source_part, target_part):
            theirs, ours = ([h for h in hits if "BEFORE" not in heading(h)[0]] for hits in (theirs, ours))
        theirs += _symbol_limits(source_part)
        ours += _symbol_limits(target_part)
        if not theirs and not ours:
            continue
        flipped = _negated_limits(context.language, source_part, target_part)
        ours = [h for h in ours if h not in flipped]
        their_all = frozenset().union(*(heading(h)[0] for h in theirs))
        our_all = frozenset().union(*(heading(h)[0] for h in ours)) | ({"DOWN"} if flipped else set()) | \
            _negated_within(context.language, target_part, [h for h in ours if not heading(h)[1]])
        our_firm = frozenset().union(*(heading(h)[0] for h in ours if heading(h)[1])) | \
            ({"DOWN"} if flipped else set())
        # a limit that holds the source's negation ("do not take more than") is answered by a
        # limit ("no más de", "不要超过"), never by a loose word ("в течение", within)
        missing = [h for h in theirs if heading(h)[1] and not heading(h)[0] &
                   (our_firm if _negated(h) else our_all)]
        added = [h for h in ours if heading(h)[1] and not heading(h)[0] & their_all]
        missing, added = _turned_round(context.language, source_part, target_part, missing, added)
        missing = [h for h in missing if not _waited_after(context.language, source_part, target_part, h)]
        if added and not their_all & {"BEFORE", "AFTER"} and not _during(source_part):
            # "after taking this medicine" ("服用本品后不宜驾驶" for "Do not drive") says when the
            # leaflet's instructions hold, and sets no other event before or after the medicine
            framed = _taking_side(context.language, target_part)
            if framed is not None and framed[0] == "AFTER" and framed[1]:
                added = [h for h in added if h != framed[2]]
        added = [h for h in added if not _after_meal_for_fed(context.language, source_part, target_part, h)]
        if not their_all & {"BEFORE", "AFTER"}:  # "Take it with water, then stay upright": "その後" (after that)
            added = [h for h in added if not ("after_that" in h.kinds() and target_part[:h.start].strip())]
        for lost, extra in zip(missing, added):
            yield f"{where}the source says {_described(lost, read)} but the translation says {_described(extra, read)}"
        for lost in missing[len(added):]:
            yield f"{where}the source says {_described(lost, read)}; the translation has nothing with that direction"
        for extra in added[len(missing):]:
            yield f"{where}the translation says {_described(extra, read)}; the source has nothing with that direction"
        if not missing and not added:
            yield from _within_as_after(where, theirs, ours, heading)
            yield from swapped_events(where, source_part, target_part, context.language)


_WAIT = re.compile(r"\bwait\b")


def _waited_after(language: str, source: str, target: str, lost: Hit) -> bool:
    """"Wait 30 minutes after eating before you take it" said as "take it
    30 minutes after eating": the source's "before" only closes its wait,
    and the translation's "after" the meal says the same order. Where the
    translation has no "before" and no "after" of it governs taking ("eat 30
    minutes after taking it" stays an error)."""
    if _directions(lost)[0] != {"BEFORE"} or not _WAIT.search(source):
        return False
    if not any(_directions(h)[0] == {"AFTER"} and _directions(h)[1] for h in _scan(SOURCE_LANGUAGE, "comparative", source)):
        return False
    hits = _scan(language, "comparative", target)
    links = [i for i, h in enumerate(hits) if _directions(h)[1] and _directions(h)[0] & {"BEFORE", "AFTER"}]
    if not links or any("BEFORE" in _directions(hits[i])[0] for i in links):
        return False
    side = -1 if language_setting(language, "postpositions") else 1
    governed = [hits[i + side] for i in links if 0 <= i + side < len(hits)]
    return not any("taking" in h.kinds() for h in governed)


def _within_as_after(where: str, theirs: list[Hit], ours: list[Hit], heading) -> Iterator[str]:
    """"Within 30 minutes of taking it" (a time that ends) said only as
    "after" it ("服药30分钟后才呕吐", "позже чем через 30 минут", "30분이
    지나서"): the translation counts the time that follows, not the time
    within; a "within" of the source needs a "within" or a limit ("内",
    "в течение", "이내") beside the translation's "after"."""
    within = [h for h in theirs if not heading(h)[1] and {"DOWN", "AFTER"} <= heading(h)[0]
              and h.text.startswith("within")]  # not "as soon as"
    if not within or any(heading(h)[1] and "DOWN" in heading(h)[0] for h in theirs):
        return
    if any(heading(h)[0] & {"DOWN", "BEFORE"} for h in ours):  # "2 horas antes o después": within
        return
    after = [h for h in ours if heading(h)[1] and heading(h)[0] == {"AFTER"}]
    if after:
        yield f'{where}the source says "{within[0].text}" (within that time) but the translation says ' \
              f'"{after[0].text}" (after it) with no "within": the time it counts is not the source\'s'


def _during(source: str) -> bool:
    """Whether a normalised source sets its time as "while" or "during"
    the medicine is taken: "after taking it" is then no frame of the
    instruction but another time ("Do not breastfeed while ..." as "justo
    después de tomarlo", right after taking it)."""
    return any("during" in h.kinds() for h in _scan(SOURCE_LANGUAGE, "addition", source))


def _after_meal_for_fed(language: str, source: str, target: str, hit: Hit) -> bool:
    """An "after a meal" word ("食後") where the source says "with food"
    (or "not on an empty stomach") and no before or after: the label's way
    of saying it (the food check reads `after_meal` as `fed`), no order of
    events of its own."""
    meals = [h for h in _scan(language, "food", target) if "after_meal" in h.kinds()]
    if not any(m.start <= hit.start and hit.end <= m.end or hit.start <= m.start and m.end <= hit.end for m in meals):
        return False
    found = said(SOURCE_LANGUAGE, "food", source)
    return "fed" in found.concepts or "empty" in found.negated and "empty" not in found.concepts


_CLAUSE_EDGE = re.compile(r"[,;:，；、،؛]")
_DANGLING = re.compile(r"[\s.!?。！？؟]*")


def _taking_side(language: str, text: str) -> tuple[str, bool, Hit] | None:
    """Where a sentence with one "before" or "after" (a firm one) takes the
    medicine: (the direction, whether taking is in the clause the word
    governs, the word). The clause runs from the word to the next comma, or,
    in a language of postpositions ("饭前"), from the last comma to it; a
    word that ends its sentence ("1 hora antes") governs the event it does
    not name, so taking is there when the clause before the word lacks it."""
    if language_setting(language, "unmarked_clauses"):
        return None  # Persian: verb-final clauses with no comma to end the one a "before" governs
    hits = _scan(language, "comparative", text)
    links = [h for h in hits if _directions(h)[1] and _directions(h)[0] & {"BEFORE", "AFTER"}]
    takes = [h for h in hits if "taking" in h.kinds()]
    if len(links) != 1 or not takes:
        return None
    link = links[0]
    direction = next(iter(sorted(_directions(link)[0] & {"BEFORE", "AFTER"})))
    edges = [m.end() for m in _CLAUSE_EDGE.finditer(text, 0, link.start)]
    if language_setting(language, "postpositions"):
        start, end = (edges[-1] if edges else 0), link.start
        if _time_before(language, text, link):
            start = end  # "마지막 복용은 오후 10시 전에" (the last dose, before 10 p.m.): the word governs the time
    elif _DANGLING.fullmatch(text, link.end):
        # "faça as refeições 1 hora antes" (have your meals 1 hour before): a "before" with
        # nothing after it governs the other event, so the clause before it is the one it orders
        start, end = (edges[-1] if edges else 0), link.start
        eats = [h for h in hits if "eating" in h.kinds() and start <= h.start < end]
        taken = any(start <= t.start < end for t in takes)
        if not taken and not eats:
            return None
        return direction, not taken, link
    else:
        edge = _CLAUSE_EDGE.search(text, link.end)
        start, end = link.end, edge.start() if edge else len(text)
        # "Перед едой примите 1 таблетку" (before meals, take 1 tablet), with no comma: a preposition's
        # event (a meal, the surgery) named before any taking ends what it governs
        events = [h.end for h in hits if h.kinds() & {"eating", *ANCHORS} and start <= h.start < end]
        if events and not any(start <= t.start < events[0] for t in takes):
            end = events[0]
    return direction, any(start <= t.start < end for t in takes), link


def _time_before(language: str, text: str, link: Hit) -> bool:
    """Whether a clock time ends right before a postposition ("10시 전에",
    "22時前"): the time is what it governs, not the clause before it."""
    return any(not text[t.hit.end:link.start].strip() for t in clock_times(language, text))


def swapped_events(where: str, source: str, target: str, language: str) -> Iterator[str]:
    """"Take 5 mg before you eat" is not "Coma antes de tomar 5 mg" (eat
    before taking): where both texts link two events with one "before" or
    "after" of the same direction, taking the medicine stays on the same side."""
    theirs, ours = _taking_side(SOURCE_LANGUAGE, source), _taking_side(language, target)
    if theirs is None or ours is None or theirs[0] != ours[0] or theirs[1] == ours[1]:
        return
    word = DIRECTIONS[theirs[0]]
    said = f'to do the other thing {word} taking the medicine' if theirs[1] else f'to take the medicine {word} the other thing'
    says = f'to do the other thing {word} taking it ("{ours[2].text}")' if ours[1] else \
        f'to take it {word} the other thing ("{ours[2].text}")'
    yield f"{where}the source says {said}; the translation says {says}"


def _turned_round(language: str, source: str, target: str, missing: list[Hit],
                  added: list[Hit]) -> tuple[list[Hit], list[Hit]]:
    """"Chew the tablet before you swallow it" said "嚼碎后再吞下" (after
    chewing, swallow): the one "before" of the source said as an "after"
    with the events turned round, so taking is outside the clause the
    "after" governs. Neither is then missing or added; "吞下后再嚼碎"
    (chew after swallowing) keeps taking inside it, and stays an error."""
    if len(missing) != 1 or len(added) != 1:
        return missing, added
    theirs, ours = _taking_side(SOURCE_LANGUAGE, source), _taking_side(language, target)
    if theirs is None or ours is None or {theirs[0], ours[0]} != {"BEFORE", "AFTER"} or theirs[1] == ours[1] \
            or theirs[2] != missing[0] or ours[2] != added[0]:
        return missing, added
    return [], []
