"""The items of a short list stay (`[listed]` of each language, by English
meaning): "Do not eat or drink anything" said "do not eat anything" allows
drinking, "Keep it clean and dry" said "keep it clean" lets it get wet,
"before each meal and at bedtime" said "before each meal" drops the night's
check. Only where the translation keeps an item of the list and its
language lists words for every item: each word of an item counts, said or
negated ("sin mojarse", not wet, is the dry of "dry"; polarity is the
negation check's)."""

from __future__ import annotations

import re
from typing import Iterator

from .doses import _medicines
from .lexicon import Hit, SOURCE_LANGUAGE, section_table, language_data
from .polarity import polarity
from .reading import _scan

# what may stand between two items of one list: "eat or drink", "a bath or swim", "meal and at bedtime", "red, swollen"
_JOIN = re.compile(r"\s*,\s*|\s*,?\s*(?:and|or|nor)\s+(?:(?:at|a|an|the|to|your|in|on)\s+)?", re.I)


# the items that make one list: "water and drink it" joins two sentences, not a list
_GROUPS = (frozenset({"eat", "drink"}), frozenset({"clean", "dry"}), frozenset({"bath", "swim"}),
           frozenset({"meal", "bedtime"}), frozenset({"soap", "water"}), frozenset({"red", "swollen", "warm"}),
           frozenset({"raw", "undercooked"}), frozenset({"other_medicines", "vitamins", "herbal"}))
# items another item of the list implies: "wash with soap" is with water
_IMPLIED = frozenset({"water"})


def _concepts(hit: Hit) -> frozenset[str]:
    return frozenset(hit.kinds())


def _listable(first: Hit, second: Hit) -> bool:
    """Two hits that name two items of one group."""
    one, other = _concepts(first), _concepts(second)
    return one != other and any(one & group and other & group for group in _GROUPS)


def source_lists(text: str) -> list[tuple[Hit, ...]]:
    """The lists of a normalised source part: items of `[listed]` joined by
    "and", "or" or "nor" with at most an article or a preposition between."""
    hits = _scan(SOURCE_LANGUAGE, "listed", text)
    found: list[list[Hit]] = []
    for previous, hit in zip(hits, hits[1:]):
        if _JOIN.fullmatch(text, previous.end, hit.start) and _listable(previous, hit):
            if found and found[-1][-1] is previous:
                found[-1].append(hit)
            else:
                found.append([previous, hit])
    return [tuple(items) for items in found]


def _joined(text: str, items: tuple[Hit, ...]) -> set[str]:
    """The joining words of a source list: "or", "and"."""
    return {w.lower() for first, second in zip(items, items[1:])
            for w in re.findall(r"\b(?:and|or|nor)\b", text[first.end:second.start], re.I)}


def joined_items(where: str, source_part: str, target_part: str, language: str) -> Iterator[str]:
    """A source list of alternatives ("red, swollen, or warm") whose
    translation names every item and joins them with "and" only ("rouge,
    enflée et chaude"): each alone no longer calls for the instruction."""
    ours = _scan(language, "listed", target_part)
    if not ours:
        return
    joins = _scan(language, "junction", target_part)
    if any("or" in h.kinds() for h in joins):
        return
    for items in source_lists(source_part):
        concepts = {sorted(_concepts(h))[0] for h in items}
        if _joined(source_part, items) != {"or"} or len(concepts) < 3:
            continue
        named = [h for h in ours if _concepts(h) & concepts]
        if {c for h in named for c in _concepts(h)} >= concepts:
            start, end = min(h.start for h in named), max(h.end for h in named)
            joined = next((h for h in joins if "and" in h.kinds() and start <= h.start < end), None)
            if joined is not None:
                yield f'{where}the source lists its alternatives with "or" but the translation joins them with ' \
                      f'"{joined.text}" (and): each alone no longer calls for the instruction'
                return


def dropped_items(where: str, source_part: str, target_part: str, language: str) -> Iterator[str]:
    """An item of a source list the translation leaves out, where it keeps
    another (`source_lists`)."""
    known = section_table(language_data(language), "listed").keys()
    if not known:
        return
    ours = frozenset().union(*(_concepts(h) for h in _scan(language, "listed", target_part)))
    for items in source_lists(source_part):
        concepts = [sorted(_concepts(h))[0] for h in items]
        if not set(concepts) <= known or not ours & set(concepts):
            continue
        for hit, concept in zip(items, concepts):
            if concept not in ours and concept not in _IMPLIED:
                kept = next(h for h, c in zip(items, concepts) if c in ours)
                yield f'{where}the source lists "{hit.text}" with "{kept.text}"; the translation keeps ' \
                      f'"{kept.text}" and leaves "{hit.text}" ({concept}) out'
                return


_TOGETHER = frozenset({"together", "together_more", "apart"})


def combined_alternatives(where: str, source_part: str, target_part: str, language: str) -> Iterator[str]:
    """Medicines a source forbids one or the other ("Do not take aspirin or
    ibuprofen") forbidden only together in the translation ("aspirina junto
    con ibuprofeno", "同时服用阿司匹林和布洛芬"): each alone is then allowed.
    Only where the source says nothing of taking them together or apart."""
    if not polarity(SOURCE_LANGUAGE, source_part).certain or \
            any(h.kinds() & _TOGETHER for h in _scan(SOURCE_LANGUAGE, "antonym", source_part)):
        return
    together = next((h for h in _scan(language, "antonym", target_part) if h.kinds() & {"together", "together_more"}), None)
    if together is None:
        return
    for first, second in _alternatives(source_part, language, target_part):
        yield f'{where}the source forbids "{first.text}" or "{second.text}", each of them; the translation ' \
              f'says "{together.text}" (together): it forbids only the two at once'
        return


def _alternatives(source_part: str, language: str, target_part: str) -> Iterator[tuple[Hit, Hit]]:
    """Two medicines, or two items of a `[listed]` list, the source joins
    with "or" and the translation names both."""
    theirs = _medicines(SOURCE_LANGUAGE, source_part)
    if len(theirs) >= 2 and len(theirs.keys() & _medicines(language, target_part).keys()) >= 2:
        first, second = sorted(theirs.values(), key=lambda h: h.start)[:2]
        if re.fullmatch(r"\s*(?:,\s*)?or\s+", source_part[first.end:second.start]):
            yield first, second
    ours = frozenset().union(*(_concepts(h) for h in _scan(language, "listed", target_part)))
    for items in source_lists(source_part):
        if _joined(source_part, items) == {"or"} and all(_concepts(h) & ours for h in items):
            yield items[0], items[1]
