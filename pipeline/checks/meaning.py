"""Errors of meaning that keep every number and link intact: a dropped
"do not", "or higher" turned into "or lower", a teaspoon into a
tablespoon, 8 p.m. into 8 a.m., "right away" into "tomorrow".

Each check reads the words of the source's language (English) and of the
translation's language from `data/<language>.toml` (see lexicon.py) and
compares what they say, sentence by sentence when source and translation
have as many sentences, otherwise over the whole unit. A language without
data for a check is named once per catalog (`no-language-data`), never
passed over in silence."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Iterable, Iterator

import polib

from ..tokens import (BARE_URL, EMAIL, FRACTION, MEASURE, PHONE, PRONUNCIATION, fraction_value, normalise_digits,
                      strip_link_targets)
from .base import EntryCheck, HeaderCheck, TranslationContext
from .hours import hours_as_digits
from .lexicon import SOURCE_LANGUAGE, Hit, Tag, has_section, language_data, normalise, vocabulary
from .safety import read

_PLACEHOLDER = re.compile(r"%\([A-Za-z_]\w*\)[sdif]|%[sdif]|\{[A-Za-z_]\w*\}")
# A sentence ends at . ! ? followed by a space and a capital (so "a.m. to"
# and "100.4" do not end one), or at the full stops of CJK and Arabic.
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”»)]*\s+(?=[\"'“«¿¡(]*[^\W\d_a-zß-ÿа-я])|(?<=[。！？؟])\s*")


# ---------------------------------------------------------------- text

@lru_cache(maxsize=65536)
def prose(text: str) -> str:
    """The words a reader reads, as safety.read() reads them (character
    references decoded: "&#78;o tome" is "No tome"; invisible characters
    removed: "N<U+200B>o" is "No"): no link targets, addresses, phone numbers,
    pronunciation guides or placeholders (an address may hold "after")."""
    text = BARE_URL.sub(" ", strip_link_targets(read(text)))
    text = PHONE.sub(" ", EMAIL.sub(" ", text))
    return _PLACEHOLDER.sub(" ", PRONUNCIATION.sub(" ", text))


def sentences(text: str) -> list[str]:
    return [s for s in _SENTENCE_END.split(text) if s.strip()]


@lru_cache(maxsize=65536)
def aligned(source: str, target: str) -> tuple[tuple[str, str, str], ...]:
    """(where, source part, target part): sentence by sentence when both
    texts have as many (or as many clauses, split at semicolons too), in
    the order their numbers say (a translation may put the sentences in
    another order: "Take 2 tablets. Do not drive for 4 hours." as "No
    maneje durante 4 horas. Tome 2 tabletas."), otherwise the whole unit;
    normalised."""
    source, target = prose(source), prose(target)
    src, tgt = sentences(source), sentences(target)
    if len(src) != len(tgt):
        # sentences merged or split at a semicolon ("Take it with food. Do not take it
        # at night." as "No lo tome con comida; tómelo de noche."): clause by clause
        # when that gives both texts as many parts
        src, tgt = _clauses(src), _clauses(tgt)
    whole = (("", normalise(source), normalise(target)),)
    if len(src) < 2 or len(src) != len(tgt):
        return whole
    order = _anchored_order(tuple(src), tuple(tgt))
    return tuple((f"sentence {i}: ", normalise(src[i - 1]), normalise(tgt[j]))
                 for i, j in enumerate(order, 1))


def _anchors(text: str) -> Counter:
    """The numbers of a part (digits by value, phone numbers, 911): what a
    translation keeps in the sentence that says it, whatever its words."""
    return Counter(m.group().replace(",", ".") for m in _DIGITS.finditer(normalise_digits(text)))


def _anchored_order(src: tuple[str, ...], tgt: tuple[str, ...]) -> tuple[int, ...]:
    """The target part for each source part: in order, unless another order
    pairs more of the parts' numbers ("8 p.m." may well be "20:00", so
    numbers need not all match)."""
    theirs, ours = [_anchors(s) for s in src], [_anchors(t) for t in tgt]
    identity = tuple(range(len(src)))
    if theirs == ours:
        return identity

    def shared(i: int, j: int) -> int:
        return sum((theirs[i] & ours[j]).values())

    order: list[int] = []
    free = list(identity)
    for i in identity:  # the part sharing most numbers, the first of them on a tie
        best = max(free, key=lambda j: (shared(i, j), j == i, -j))
        order.append(best)
        free.remove(best)
    if sum(shared(i, j) for i, j in enumerate(order)) > sum(shared(i, i) for i in identity):
        return tuple(order)
    return identity


_CLAUSE_END = re.compile(r"(?<=[;；؛])\s*")


def _clauses(parts: list[str]) -> list[str]:
    """Sentences split at their semicolons too."""
    return [c for part in parts for c in _CLAUSE_END.split(part) if c.strip()]


def candidates(section: str, source: str, target: str, language: str) -> tuple[tuple[str, str, str], ...]:
    """The aligned parts of a unit, or none when neither text has a word of
    the section: most units of a leaflet need no sentence splitting."""
    if not _scan(SOURCE_LANGUAGE, section, normalise(prose(source))) and \
            not _scan(language, section, normalise(prose(target))):
        return ()
    return aligned(source, target)


def _without(text: str, hits: Iterable[Hit]) -> str:
    """The text with the hits' spans blanked (kept the same length)."""
    for hit in hits:
        text = text[:hit.start] + " " * (hit.end - hit.start) + text[hit.end:]
    return text


def _quote(hits: Iterable[Hit]) -> str:
    return ", ".join(f'"{h.text}"' for h in hits)


def _copied(source: str, target: str) -> bool:
    """A translation that is its source unchanged says what the source says;
    `untranslated-copy` is the error for it, and the target language's words
    cannot be looked for in English."""
    return source.strip() == target.strip()


def _ready(context: TranslationContext, section: str) -> bool:
    return has_section(SOURCE_LANGUAGE, section) and has_section(context.language, section)


@lru_cache(maxsize=65536)
def _scan(language: str, section: str, text: str) -> tuple[Hit, ...]:
    return tuple(vocabulary(language, section).scan(text))


# ---------------------------------------------------------------- negation

@dataclass(frozen=True)
class Polarity:
    """Negations of one sentence: `certain` ones (a "not", a "without",
    the first word of a negative-concord chain), `lexical` words that a
    language may or may not write as a negation ("unable", "不舒服"), and
    `concord` words beside a negation that add none (the "pas" of "ne ...
    pas", the "nunca" of "no ... nunca"), and `repeat`: the "or" and "and"
    after which a translation may say the negation again ("cannot relax or
    get comfortable" as "无法放松，也无法..."). `low` to `high` is how many
    negations another language may write for the sentence."""
    certain: tuple[Hit, ...]
    lexical: int
    concord: int
    repeat: int
    privative: int
    never: tuple[Hit, ...]
    always: tuple[Hit, ...]
    exceptive: int = 0  # "only", "solo", Arabic إلا of لا ... إلا, Japanese しか of しか...ない
    unless: int = 0  # "unless", "a menos que": "do not ... unless" says "only if"
    inverting: tuple[Hit, ...] = ()  # "forget", "stop", "avoid": turn what follows around (also in `certain`)
    optional: tuple[Hit, ...] = ()  # "need not", "no necesita": no requirement, not a prohibition
    excepting: tuple[Hit, ...] = ()  # "only", "except", "unless" words, for messages
    conditional: int = 0  # negations of `certain` inside an "if" clause ("si no se siente mareado")

    @property
    def low(self) -> int:
        return len(self.certain)

    def without(self, count: int) -> Polarity:
        """The polarity with `count` of its certain negations set aside (the
        last ones: which do not matter to the counts)."""
        return replace(self, certain=self.certain[:len(self.certain) - count]) if count else self

    @property
    def high(self) -> int:
        return self.low + self.lexical + self.concord


@lru_cache(maxsize=65536)
def polarity(language: str, text: str) -> Polarity:
    """Negations of a normalised sentence. Phrases of the comparative and
    urgency lists are set aside first: the "no" of "no more than" and the
    "не" of "не откладывая" belong to them."""
    phrases = [h for h in _scan(language, "comparative", text) if _directions(h)[1]]
    phrases += [h for h in _scan(language, "urgency", text) if h.kinds() & {"now", "soon", "emergency_room", "delay"}]
    hits = _scan(language, "negation", _without(text, phrases))
    kinds = [h.kinds() for h in hits]
    has_word = any("words" in k for k in kinds)
    certain, lexical, concord, repeat, first_concord = [], 0, 0, 0, True
    for hit, kind in zip(hits, kinds):
        if "inverting" in kind and language == SOURCE_LANGUAGE:
            # a source's "stops" ("after treatment stops") need not be an instruction: a
            # translation may write it with a negation or without
            lexical += 1
        elif "words" in kind or "privative" in kind or "inverting" in kind:
            certain.append(hit)
        elif "concord" in kind:
            if has_word or not first_concord:
                concord += 1
            else:
                certain.append(hit)
            first_concord = False
        elif "lexical" in kind:
            lexical += 1
        elif "repeat" in kind and certain:
            repeat += 1
    return Polarity(tuple(certain), lexical, concord, repeat, sum("privative" in kind for kind in kinds),
                    tuple(h for h, k in zip(hits, kinds) if "never" in k),
                    tuple(h for h, k in zip(hits, kinds) if "always" in k),
                    sum("exceptive" in kind for kind in kinds), sum("unless" in kind for kind in kinds),
                    tuple(h for h, k in zip(hits, kinds) if "inverting" in k),
                    tuple(h for h, k in zip(hits, kinds) if "optional" in k),
                    tuple(h for h, k in zip(hits, kinds) if k & {"exceptive", "besides", "unless"}),
                    _conditional(text, certain, hits))


_CLAUSE_BREAK = re.compile(r"[,;:，；：、،؛]")


def _conditional(text: str, certain: list[Hit], hits: tuple[Hit, ...]) -> int:
    """How many negations of a sentence stand in an "if" clause: after a
    `condition` word ("if", "si", "如果", "إذا"), with no comma between."""
    conditions = [h for h in hits if "condition" in h.kinds()]
    return sum(1 for hit in certain if any(c.end <= hit.start and not _CLAUSE_BREAK.search(text[c.end:hit.start])
                                           for c in conditions))


def _befores(language: str, text: str) -> int:
    """How many "before"s a translation has: "do not take it without
    talking with us" may well be "before talking with us, do not take it"."""
    return sum("BEFORE" in _directions(h)[0] for h in _scan(language, "comparative", text))


# a negation and the word it negates: at most three words apart, within one clause
_NEGATED_SPAN = re.compile(r"[^\W\d_]*(?:[\s'’-]+[^\W\d_]+){0,3}[\s'’-]*|[^\s.,;:!?。，；：！？،؛]{0,6}")


@lru_cache(maxsize=16)
def _opposites() -> dict[str, frozenset[str]]:
    """Concepts of the `antonym` lists by their opposites (`opposites` of
    en.toml): "safe" is the opposite of "dangerous"."""
    found: dict[str, set[str]] = {}
    for pair in _section(SOURCE_LANGUAGE, "antonym").get("opposites", []):
        for concept in pair:
            found.setdefault(concept, set()).update(c for c in pair if c != concept)
    return {concept: frozenset(others) for concept, others in found.items()}


def _near(text: str, first: Hit, second: Hit) -> bool:
    """Two hits of one clause, at most three words apart ("no es peligroso",
    "n'est pas dangereux", "不危险", "危険ではありません")."""
    start, end = (first.end, second.start) if first.end <= second.start else (second.end, first.start)
    return start <= end and _NEGATED_SPAN.fullmatch(text[start:end]) is not None


def _antonyms(language: str, text: str) -> list[Hit]:
    """Words of the `antonym` lists that have an opposite, outside a limit
    of `comparative` ("比平时慢", slower than usual: that check's)."""
    limits = [h for h in _scan(language, "comparative", text) if _directions(h)[1]]
    return [h for h in _scan(language, "antonym", text) if h.kinds() & _opposites().keys()
            and not any(lim.start <= h.start < lim.end for lim in limits)]


def negated_antonyms(language: str, text: str, negations: tuple[Hit, ...], other: list[Hit]) -> int:
    """How many negations of a normalised text say, with the antonym they
    negate, a word of the other text: "no es peligroso" (not dangerous) for
    "safe", "not safe" for "peligroso". Only where the other text has that
    word: "It is dangerous" as "No es peligroso" is an added negation."""
    wanted = [h.kinds() & _opposites().keys() for h in other]
    if not wanted or not negations:
        return 0
    used: set[int] = set()
    count = 0
    for antonym in _antonyms(language, text):
        meant = frozenset().union(*(_opposites()[k] for k in antonym.kinds() & _opposites().keys()))
        negation = next((n for n in negations if n.start not in used and _near(text, n, antonym)), None)
        match = next((i for i, kinds in enumerate(wanted) if kinds & meant), None)
        if negation is not None and match is not None:
            used.add(negation.start)
            wanted.pop(match)
            count += 1
    return count


def changed_negation(source: str, target: str, context: TranslationContext) -> Iterator[str]:
    """The polarity of every sentence survives: as many negations in the
    translation as in the source, within what each language may or may not
    write as one. Counted, not merely found: a translation that drops "do
    not" but keeps "sin" (without) has one negation fewer, and a translation
    that drops "do not" but keeps "不适" (unwell) for the source's "unwell"
    has no word left to stand for it. A translation
    may repeat a negation over the "or" of its source, not drop one over
    its own "or"."""
    if not _ready(context, "negation") or _copied(source, target):
        return
    found = list(_sentence_polarity(source, target, context.language))
    yield from found or _negation_left_its_anchors(source, target, context.language)


def _sentence_polarity(source: str, target: str, language: str) -> Iterator[str]:
    """Each aligned part's negations against its source's (changed_negation)."""
    antonyms = has_section(language, "antonym")
    reverses = has_section(language, "reverse")
    parts = candidates("negation", source, target, language) or \
        (candidates("antonym", source, target, language) if antonyms else ()) or \
        (candidates("reverse", source, target, language) if reverses else ())
    for where, source_part, target_part in parts:
        theirs = polarity(SOURCE_LANGUAGE, source_part)
        ours = polarity(language, target_part)
        same_sense = _same_sense(theirs, ours)
        if antonyms and theirs.low != ours.low:
            # "safe" as "no es peligroso" (not dangerous), "not safe" as "peligroso": a negated
            # antonym of a word of the other text says that word, and is no negation of its own
            theirs = theirs.without(negated_antonyms(SOURCE_LANGUAGE, source_part, theirs.certain,
                                                     _antonyms(language, target_part)))
            ours = ours.without(negated_antonyms(language, target_part, ours.certain,
                                                 _antonyms(SOURCE_LANGUAGE, source_part)))
        # only a "without" the translation lost may have become its "before"
        rewritten = min(max(0, theirs.privative - ours.privative), _befores(language, target_part))
        # "without a prescription" may be "无需处方" (no prescription needed)
        needed = theirs.low - rewritten - min(theirs.privative, len(ours.optional))
        # a translation without a negation of its own: its lexical words stand
        # first for those of the source ("unwell" as "不适"), only the others
        # for the source's negation
        lexical = ours.lexical if ours.low + ours.concord else max(0, ours.lexical - theirs.lexical)
        # a "never" is answered by a negation or a "never" word, not by a word that only
        # softens ("rara vez", rarely)
        # "Do not take it unless ..." may be "Tómelo solo si ...": the "only" of the translation
        # answers the negation and the "unless" together
        only_if = min(theirs.unless, ours.exceptive)
        turned = _turned_around(theirs, ours)
        swapped = list(_swapped_antonyms(where, source_part, target_part, language)) \
            if antonyms and ours.inverting and not theirs.low else []
        if swapped:  # "Keep taking" as "Deje de tomar": the antonym check names both words
            yield from swapped
        elif turned:
            yield f"{where}{turned}"
        elif same_sense:
            continue
        elif needed > ours.low + ours.concord + lexical + only_if or len(theirs.never) > ours.low + ours.concord:
            if theirs.never and ours.always:
                yield f'{where}the source says "{theirs.never[0].text}" but the translation says ' \
                      f'"{ours.always[0].text}"'
            elif not ours.certain:
                yield f"{where}the source says {_quote(theirs.certain)} but the translation has no negation"
            else:
                yield f"{where}a negation is missing: the source has {theirs.low} ({_quote(theirs.certain)}), " \
                      f"the translation {ours.low} ({_quote(ours.certain)})"
        # "only" may be written with a negation ("لا تتناوله إلا مع الطعام", "しか...ない",
        # "ne ... que"), where the translation has a word for "only" too: "Take it only with
        # food" as "No lo tome con comida" has none
        elif ours.low - len(_negated_limits(language, source_part, target_part)) > \
                theirs.high + theirs.repeat + min(theirs.exceptive, ours.exceptive + ours.unless):
            if theirs.always and ours.never:
                yield f'{where}the source says "{theirs.always[0].text}" but the translation says ' \
                      f'"{ours.never[0].text}"'
            elif not theirs.certain:
                yield f"{where}the translation says {_quote(ours.certain)} but the source has no negation"
            else:
                yield f"{where}the translation has a negation the source does not: {ours.low} " \
                      f"({_quote(ours.certain)}) against {theirs.low} ({_quote(theirs.certain)})"
        elif antonyms and (swapped := list(_swapped_antonyms(where, source_part, target_part, language))):
            yield from swapped
        elif reverses:
            yield from _turned_round(where, source_part, target_part, language)


def _turned_round(where: str, source_part: str, target_part: str, language: str) -> Iterator[str]:
    """A negation beside a verb that turns round what it governs ("No deje
    de tomar aspirina", do not stop taking; "N'oubliez pas de prendre";
    "不必服用", need not take) says the opposite of a plain negation: where
    the source has no such verb, the translation has inverted the
    instruction with every negation count kept."""
    if _scan(SOURCE_LANGUAGE, "reverse", source_part):
        return
    verbs = _scan(language, "reverse", target_part)
    if not verbs:
        return
    phrases = [h for h in _scan(language, "urgency", target_part) if h.kinds() & {"now"}]
    negations = [h for h in _scan(language, "negation", _without(target_part, phrases))
                 if h.kinds() & {"words", "concord", "privative", "lexical"}]
    for verb in verbs:
        if "negated" in verb.kinds() or any(_near(target_part, n, verb) for n in negations):
            negation = next((n for n in negations if _near(target_part, n, verb)), None)
            said = f'{negation.text} … {verb.text}' if negation is not None and negation.end <= verb.start else \
                verb.text if negation is None else f'{verb.text} … {negation.text}'
            yield f'{where}the translation says "{said}", a negated "stop", "forget", "hesitate" or "need" ' \
                  f'that the source does not say: the negation is turned round'
            return


def _said(language: str, text: str) -> list[tuple[Hit, frozenset[str]]]:
    """(word, the concepts it says) of the `antonym` lists in a normalised
    text: a word negated ("no es peligroso") says its opposite."""
    negations = polarity(language, text).certain
    said = []
    for antonym in _antonyms(language, text):
        concepts = antonym.kinds() & _opposites().keys()
        if any(_near(text, n, antonym) for n in negations):
            concepts = frozenset().union(*(_opposites()[c] for c in concepts))
        said.append((antonym, concepts))
    return said


def _swapped_antonyms(where: str, source_part: str, target_part: str, language: str) -> Iterator[str]:
    """A word of the source said as its opposite without a negation: "It is
    dangerous to drive" as "Es seguro conducir" (safe) keeps every negation
    count and says the reverse."""
    ours = _said(language, target_part)
    if not ours:
        return
    our_concepts = frozenset().union(*(c for _, c in ours))
    for word, concepts in _said(SOURCE_LANGUAGE, source_part):
        if concepts & our_concepts:
            continue
        opposite = frozenset().union(*(_opposites()[c] for c in concepts))
        other = next((hit for hit, said in ours if said & opposite), None)
        if other is not None:
            yield f'{where}the source says "{word.text}" ({" or ".join(sorted(concepts))}) but the translation ' \
                  f'says "{other.text}" ({" or ".join(sorted(opposite))})'
            return


_ACRONYM = re.compile(r"(?<![A-Za-z])[A-Z][A-Z0-9]+(?![A-Za-z])")
_CLAUSES = re.compile(r"[,;:，；：،؛]|(?<=[.!?。！？؟])\s")


def _clause_anchors(language: str, text: str) -> frozenset[str]:
    """What a clause names that a translation keeps: the medicines (by
    English name) and the acronyms ("CRS") of a text as written."""
    return frozenset(_medicines(language, normalise(text))) | frozenset(m.group() for m in _ACRONYM.finditer(text))


def _negative(language: str, clause: str) -> bool:
    """A clause with a negation of its own (a "without" alone is none)."""
    found = polarity(language, normalise(clause))
    return bool(found.lexical or found.concord or any("privative" not in h.kinds() for h in found.certain))


def _negation_left_its_anchors(source: str, target: str, language: str) -> Iterator[str]:
    """A negation stays with what it forbids: where a clause of the source
    says "do not" and names a medicine or an acronym ("Do not take any
    medicine to treat CRS ..."), the translation's clauses that name it
    have a negation too. Counting cannot see a negation moved to another
    clause ("Tome cualquier medicamento para tratar el CRS, no el síndrome
    ...") or sentences merged around it."""
    clauses = [c for c in _CLAUSES.split(prose(target)) if c.strip()]
    if len(clauses) < 2:
        return
    for clause in _CLAUSES.split(prose(source)):
        anchors = _clause_anchors(SOURCE_LANGUAGE, clause)
        said = polarity(SOURCE_LANGUAGE, normalise(clause))
        # a negation of an "if" or "when" clause need not stay beside the main clause's names
        if not anchors or sum("words" in h.kinds() for h in said.certain) <= said.conditional:
            continue
        named = [(c, anchors & _clause_anchors(language, c)) for c in clauses]
        named = [(c, shared) for c, shared in named if shared]
        if not named or len(named) == len(clauses) or any(_negative(language, c) for c, _ in named):
            continue
        negation = next(h for h in said.certain if "words" in h.kinds())
        anchor, shown = sorted(named[0][1])[0], named[0][0].strip()
        shown = shown if len(shown) <= 60 else shown[:60].rsplit(" ", 1)[0] + " …"
        yield f'the source says "{negation.text}" in the clause that names "{anchor}"; the translation\'s clause ' \
              f'"{shown}" names it without a negation'
        return


def _sense(found: Polarity, source: bool) -> int:
    """Whether a sentence's negations and inverting verbs leave it negative
    (1) or positive (0): "do not forget to take" is "take"."""
    return (found.low + (len(found.inverting) if source else 0)) % 2


def _same_sense(theirs: Polarity, ours: Polarity) -> bool:
    """A double negative written as a positive, or the other way round:
    "Do not forget to take it" as "Recuerde tomarlo", "Take it" as "No olvide
    tomarlo". Only where an inverting verb makes the difference."""
    if not (theirs.inverting or ours.inverting) or theirs.never or ours.never:
        return False
    return _sense(theirs, True) == _sense(ours, False)


def _turned_around(theirs: Polarity, ours: Polarity) -> str | None:
    """A translation that keeps a negation but turns the instruction around:
    the negation made optional ("should not" as "no necesitan"), an
    exception added to it ("a menos que"), the negation spent on an "only"
    the source does not say ("Ne prenez que de l'aspirine": take only
    aspirin), moved into an "if" clause ("si no se siente mareado"), or
    doubled by an inverting verb ("No deje de tomar": do not stop taking)."""
    if len(ours.optional) > len(theirs.optional) + theirs.privative and not theirs.low:
        return f'the translation says "{ours.optional[0].text}" (need not); the source has no negation'
    if len(theirs.optional) > len(ours.optional) and not ours.low + ours.concord:
        return f'the source says "{theirs.optional[0].text}" (need not) but the translation has no negation'
    if not theirs.low:
        return None
    if len(ours.optional) > len(theirs.optional) + theirs.privative:
        return f'the source says {_quote(theirs.certain)} (must not) but the translation says ' \
               f'"{ours.optional[0].text}" (need not): the negation is turned round'
    their_exceptions = {k for h in theirs.excepting for k in h.kinds()}
    added = [h for h in ours.excepting if h.kinds() & {"unless"} and "unless" not in their_exceptions]
    if added:
        return f'the translation adds an exception, "{added[0].text}" (unless), to the source\'s ' \
               f'{_quote(theirs.certain[:1])}'
    only = [h for h in ours.excepting if "besides" in h.kinds()]
    if only and not their_exceptions and ours.low <= theirs.low:
        return f'the translation says "{only[0].text}" (only, except): its negation tells the reader to do only ' \
               f'that, so it has no negation for the source\'s {_quote(theirs.certain[:1])}'
    if ours.conditional > theirs.conditional and ours.low - ours.conditional < theirs.low - theirs.conditional:
        return f'the source\'s {_quote(theirs.certain[:1])} is in the translation only inside an "if" clause'
    if len(ours.inverting) > len(theirs.inverting) and not _same_sense(theirs, ours) and \
            ours.low > theirs.low - len(theirs.inverting):
        verb = ours.inverting[0]
        negation = next((h for h in ours.certain if h != verb), verb)
        said = f"{negation.text} … {verb.text}" if negation.start < verb.start else f"{verb.text} … {negation.text}"
        return f'the translation says "{said}", a negated "stop", "forget", "hesitate" or "avoid" that the source ' \
               f'does not say: the negation is turned round'
    return None


# ---------------------------------------------------------------- comparative

DIRECTIONS = {"UP": "higher/more", "DOWN": "lower/less", "BEFORE": "before", "AFTER": "after"}


@lru_cache(maxsize=16384)
def _directions(hit: Hit) -> tuple[frozenset[str], bool]:
    """The directions a phrase gives, and whether it must be matched (a
    `loose` phrase, such as "once" or "until", only may be)."""
    kinds = hit.kinds()
    firm = frozenset(k for k in kinds if k in DIRECTIONS)
    loose = frozenset(k.split(".", 1)[1] for k in kinds if k.startswith("loose."))
    return firm | loose, bool(firm)


@lru_cache(maxsize=16384)
def _negated(hit: Hit) -> bool:
    """A source phrase that holds a negation ("no more than", "do not take
    more than"): the negation check does not count it, this check does."""
    return any("words" in h.kinds() for h in _scan(SOURCE_LANGUAGE, "negation", hit.text))


def _negated_limits(language: str, source: str, target: str) -> tuple[Hit, ...]:
    """The "more than" limits of a translation that say the source's "do not
    take more than" with a negation of their own elsewhere in the sentence,
    as verb-final languages do ("4回を超えて服用しないでください", "بیش از 4 دوز
    مصرف نکنید", "Huwag uminom ng higit sa 4"): one per negated limit of the
    source, and only where the translation has a negation to spare."""
    wanted = sum(1 for h in _scan(SOURCE_LANGUAGE, "comparative", source) if _negated(h) and
                 "DOWN" in _directions(h)[0])
    if not wanted or not polarity(language, target).certain:
        return ()
    ups = [h for h in _scan(language, "comparative", target) if _directions(h)[1] and _directions(h)[0] == {"UP"}]
    return tuple(ups[:wanted])


def _described(hit: Hit) -> str:
    names = sorted(_directions(hit)[0], key=list(DIRECTIONS).index)
    return f'"{hit.text}" ({" or ".join(DIRECTIONS[n] for n in names)})'


def changed_comparative(source: str, target: str, context: TranslationContext) -> Iterator[str]:
    """Limits keep their direction: "or higher" is not "or lower", "no more
    than" (found before "more than") is not "more than", "before" is not
    "after". A limit of either text without one of the same direction in
    the other is an error: a swap, a drop or an addition."""
    if not _ready(context, "comparative") or _copied(source, target):
        return
    for where, source_part, target_part in candidates("comparative", source, target, context.language):
        theirs = [h for h in _scan(SOURCE_LANGUAGE, "comparative", source_part) if _directions(h)[0]]
        ours = [h for h in _scan(context.language, "comparative", target_part) if _directions(h)[0]]
        if not theirs and not ours:
            continue
        flipped = _negated_limits(context.language, source_part, target_part)
        ours = [h for h in ours if h not in flipped]
        their_all = frozenset().union(*(_directions(h)[0] for h in theirs))
        our_all = frozenset().union(*(_directions(h)[0] for h in ours)) | ({"DOWN"} if flipped else set())
        our_firm = frozenset().union(*(_directions(h)[0] for h in ours if _directions(h)[1])) | \
            ({"DOWN"} if flipped else set())
        # a limit that holds the source's negation ("do not take more than") is answered by a
        # limit ("no más de", "不要超过"), never by a loose word ("в течение", within)
        missing = [h for h in theirs if _directions(h)[1] and not _directions(h)[0] &
                   (our_firm if _negated(h) else our_all)]
        added = [h for h in ours if _directions(h)[1] and not _directions(h)[0] & their_all]
        for lost, extra in zip(missing, added):
            yield f"{where}the source says {_described(lost)} but the translation says {_described(extra)}"
        for lost in missing[len(added):]:
            yield f"{where}the source says {_described(lost)}; the translation has nothing with that direction"
        for extra in added[len(missing):]:
            yield f"{where}the translation says {_described(extra)}; the source has nothing with that direction"
        if not missing and not added:
            yield from swapped_events(where, source_part, target_part, context.language)


_CLAUSE_EDGE = re.compile(r"[,;:，；、،؛]")


def _taking_side(language: str, text: str) -> tuple[str, bool, Hit] | None:
    """Where a sentence with one "before" or "after" (a firm one) takes the
    medicine: (the direction, whether taking is in the clause the word
    governs, the word). The clause runs from the word to the next comma, or,
    in a language of postpositions ("饭前"), from the last comma to it."""
    hits = _scan(language, "comparative", text)
    links = [h for h in hits if _directions(h)[1] and _directions(h)[0] & {"BEFORE", "AFTER"}]
    takes = [h for h in hits if "taking" in h.kinds()]
    if len(links) != 1 or not takes:
        return None
    link = links[0]
    if language_data(language).get("language", {}).get("postpositions"):
        edges = [m.end() for m in _CLAUSE_EDGE.finditer(text, 0, link.start)]
        start, end = (edges[-1] if edges else 0), link.start
    else:
        edge = _CLAUSE_EDGE.search(text, link.end)
        start, end = link.end, edge.start() if edge else len(text)
    direction = next(iter(sorted(_directions(link)[0] & {"BEFORE", "AFTER"})))
    return direction, any(start <= t.start < end for t in takes), link


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


# ---------------------------------------------------------------- opposites

# Classes of words whose opposite changes what a patient does: "always call 911" is not
# "sometimes call 911", "the UCC is open" not "closed", "a faster heart rate" not "slower".
# Each class is made of concepts of the `antonym` lists.
_OPPOSITE_PAIRS = {"ALWAYS": "SOMETIMES", "OPEN": "CLOSED", "FAST": "SLOW", "RARE": "COMMON",
                   "MILD": "SEVERE", "HIGH": "LOW"}
OPPOSITES = _OPPOSITE_PAIRS | {b: a for a, b in _OPPOSITE_PAIRS.items()}
_CLASS_CONCEPTS = {"ALWAYS": ("always", "never"), "SOMETIMES": ("sometimes", "often"), "OPEN": ("open",),
                   "CLOSED": ("closed",), "FAST": ("fast",), "SLOW": ("slow",), "RARE": ("rare",),
                   "COMMON": ("common",), "MILD": ("mild",), "SEVERE": ("severe",), "HIGH": ("high",),
                   "LOW": ("low",)}
_CLASS_OF_CONCEPT = {concept: cls for cls, concepts in _CLASS_CONCEPTS.items() for concept in concepts}
OPPOSITE_NAMES = {"ALWAYS": "always/never", "SOMETIMES": "sometimes/usually/often/rarely", "OPEN": "open",
                  "CLOSED": "closed", "FAST": "fast", "SLOW": "slow", "RARE": "rare", "COMMON": "common/many",
                  "MILD": "mild", "SEVERE": "severe", "HIGH": "high", "LOW": "low"}


def _classes(hits: Iterable[Hit]) -> dict[str, Hit]:
    """The first word of each opposite class a text says."""
    found: dict[str, Hit] = {}
    for hit in hits:
        for kind in hit.kinds() & _CLASS_OF_CONCEPT.keys():
            found.setdefault(_CLASS_OF_CONCEPT[kind], hit)
    return found


def changed_opposites(source: str, target: str, context: TranslationContext) -> Iterator[str]:
    """A word of the source turned into its opposite: the translation says
    "sometimes" (or "usually") where the source says "always" or "never",
    "closed" for "open", "slower" for "faster", "many cases" for "rare
    cases", "severe" for "mild", "high" for "low". Only a swap is an error:
    a class of the source that the translation does not say, where it says
    the opposite class and the source does not."""
    if not _ready(context, "antonym") or _copied(source, target):
        return
    for where, source_part, target_part in candidates("antonym", source, target, context.language):
        theirs = _classes(_scan(SOURCE_LANGUAGE, "antonym", source_part))
        # "比平时慢" (slower than usual) is a limit of the comparative check, which reports it
        limits = [h for h in _scan(context.language, "comparative", target_part) if _directions(h)[1]]
        # a negated word says its opposite ("no son comunes", not common): the negation check's
        negations = polarity(context.language, target_part).certain
        ours = _classes(h for h in _scan(context.language, "antonym", target_part)
                        if not any(lim.start <= h.start < lim.end for lim in limits)
                        and not any(0 <= h.start - n.end <= 12 for n in negations))
        for kind, hit in theirs.items():
            other = OPPOSITES[kind]
            if kind not in ours and other in ours and other not in theirs:
                yield f'{where}the source says "{hit.text}" ({OPPOSITE_NAMES[kind]}) but the translation says ' \
                      f'"{ours[other].text}" ({OPPOSITE_NAMES[other]})'


# ---------------------------------------------------------------- units

@dataclass(frozen=True)
class Amount:
    """A unit word, with the number written before it when there is one.
    A word may name either of two units (Chinese 粒, a tablet or capsule)."""
    units: frozenset[str]
    number: float | None
    spelled: bool  # the number is a word ("twice", "dos"), which the number check cannot see
    text: str
    clock: bool = False  # "9 h" of "de 9 h à 17 h": an hour of the clock, or of a duration
    number_at: int | None = None  # where the number starts in the text

    @property
    def unit(self) -> str:
        return "/".join(sorted(self.units))


_DIGITS = re.compile(r"(?<![\w.,])\d+(?:[.,]\d+)?(?![\d])|(?<=[^\W\d_])\d+(?:[.,]\d+)?(?![\d])")


# MEASURE's symbols (of a normalised text) by the unit names of the word lists
_UNIT_OF_SYMBOL = {"ml": "mL", "mg": "mg", "mcg": "mcg", "µg": "mcg", "μg": "mcg", "g": "g", "kg": "kg", "L": "L"}


_DEGREES = re.compile(r"\d\s?°\s?([fc])(?![^\W\d_])")


def _symbol_units(text: str) -> frozenset[str]:
    """The units a normalised text writes as a measure's symbol ("5 mL",
    "38 °C"): the measure check compares those; here they only answer a unit
    written out ("5 mililitros", "38 grados centígrados") in the other text."""
    degrees = {"fahrenheit" if m.group(1) == "f" else "celsius" for m in _DEGREES.finditer(text)}
    return frozenset(_UNIT_OF_SYMBOL[m.group(2)] for m in MEASURE.finditer(text)
                     if m.group(2) in _UNIT_OF_SYMBOL) | degrees


def _number(text: str) -> float | None:
    try:
        return float(text.replace(",", "."))
    except ValueError:
        return None


@lru_cache(maxsize=16384)
def amounts(language: str, text: str) -> tuple[Amount, ...]:
    """Unit words of a normalised text, each with the number right before
    it (digits or a number word, then only spaces, a hyphen or a word of
    `between`), or that it holds itself ("twice", Arabic "يومين")."""
    text = _without(text, [Hit(m.group(), m.start(), m.end(), frozenset()) for m in MEASURE.finditer(text)])
    # a rate that holds a number ("1日" of "1日2回", "sa isang araw") is compared by changed_rates, not as 1 day
    text = _without(text, [h for h in _rate_hits(language, text) if _holds_number(language, h.text)])
    times = clock_times(language, text)
    text = _without(text, [t.hit for t in times if t.definite])
    hours = [t.hit for t in times if not t.definite]
    hits = _scan(language, "unit", text)
    fractions = [Hit(m.group(), m.start(), m.end(), frozenset({Tag("fraction", fraction_value(m))}))
                 for m in FRACTION.finditer(text) if fraction_value(m) is not None]
    digits = _without(text, fractions) if fractions else text
    numbers = [Hit(m.group(), m.start(), m.end(), frozenset()) for m in _DIGITS.finditer(digits)]
    events = sorted([*hits, *fractions, *numbers], key=lambda h: h.start)
    found, previous = [], None
    between = {normalise(w) for w in _section(language, "unit").get("between", [])}
    for hit in events:
        kinds = hit.kinds()
        units = frozenset(k.split(".", 1)[1] for k in kinds if k.startswith("words."))
        counted = next((t.value for t in hit.tags if t.kind == "counted"), None)
        if counted:
            found.append(Amount(frozenset({str(counted[1])}), float(counted[0]), True, hit.text))
        elif units:
            number, spelled = None, False
            if previous is not None:
                gap = text[previous.end:hit.start].strip(" -\u00a0")
                if gap == "" or gap in between:
                    value = next((t.value for t in previous.tags if t.kind in ("numbers", "fraction")), None)
                    number = float(value) if value is not None else _number(previous.text)
                    spelled = "numbers" in previous.kinds() or not previous.text[:1].isdigit()
            said = text[previous.start:hit.end] if number is not None else hit.text
            clock = any(h.start <= hit.start < h.end for h in hours)
            found.append(Amount(units, number, spelled, said, clock, previous.start if number is not None else None))
        if kinds <= {"between", "counters"} and kinds and previous is not None:
            continue  # "un demi-comprimé": a hyphen or counter between the number and its unit
        previous = hit if (not hit.tags or kinds & {"numbers", "fraction"}) else None
    return tuple(found)


def _holds_number(language: str, text: str) -> bool:
    return bool(_DIGITS.search(text)) or any(t.kind == "numbers" for h in _scan(language, "unit", text) for t in h.tags)


def _section(language: str, name: str) -> dict:
    return language_data(language).get(name, {})


def _families() -> dict[str, str]:
    """Units that can be mistaken for each other, named in en.toml."""
    return {unit: family for family, units in _section(SOURCE_LANGUAGE, "unit").get("families", {}).items()
            for unit in units}


def _counted(number: float, unit: str) -> str:
    plural = number != 1 and unit[:1].islower() and unit not in ("mg", "mcg", "g", "kg", "mL")
    return f"{number:g} {unit}{'s' if plural else ''}"


class _Uncounted(dict):
    """The units a language names with words the check does not count, by
    language: "dose", which only Korean 회 and Japanese 回 count ("4 doses"
    as "4 dosis" is not missing a unit)."""

    def __missing__(self, language: str) -> frozenset[str]:
        words = _section(language, "unit").get("words", {})
        self[language] = frozenset(unit for unit in ("dose",) if not words.get(unit))
        return self[language]


_UNCOUNTED = _Uncounted()


def changed_units(source: str, target: str, context: TranslationContext) -> Iterator[str]:
    """A number keeps its unit, and the same unit: a teaspoon is not a
    tablespoon, hours are not days, twice a day is not three times. Units of
    the translation with a number must be units the source names, and a unit
    both texts count keeps its numbers: 1 teaspoon every 6 hours is not 6
    teaspoons every hour, though it has every number and every unit."""
    if not _ready(context, "unit") or _copied(source, target):
        return
    families = _families()
    yield from added_number_words(source, target, context.language)
    for where, source_part, target_part in candidates("unit", source, target, context.language):
        source_part, target_part = _without_around_the_clock(source_part, target_part, context.language)
        target_part = hours_as_digits(context.language, target_part)
        theirs, ours = amounts(SOURCE_LANGUAGE, source_part), amounts(context.language, target_part)
        if not theirs and not ours:
            continue
        their_units = frozenset().union(*(a.units for a in theirs))
        our_units = frozenset().union(*(a.units for a in ours))
        missing = list({a.unit: a for a in theirs if a.number is not None and a.units - _UNCOUNTED[context.language]
                        and not a.units & (our_units | _symbol_units(target_part))}.values())
        added = list({a.unit: a for a in ours if a.number is not None and not a.clock
                      and not a.units & (their_units | _symbol_units(source_part))}.values())
        for lost in missing:
            swap = next((a for a in added if {families.get(u) for u in a.units} & {families.get(u) for u in lost.units}),
                        None)
            if swap is not None:
                added.remove(swap)
                yield f'{where}the source says "{lost.text}" ({lost.unit}) but the translation says ' \
                      f'"{swap.text}" ({swap.unit})'
            else:
                other = next((a for a in ours if not a.units & their_units and
                              {families.get(u) for u in a.units} & {families.get(u) for u in lost.units}), None)
                instead = f', only "{other.text}" ({other.unit})' if other is not None else ""
                yield f'{where}the source says "{lost.text}" ({lost.unit}); the translation has no {lost.unit}{instead}'
        for extra in added:
            yield f'{where}the translation says "{extra.text}" ({extra.unit}); the source has no {extra.unit}'
        durations = list(_changed_durations(where, theirs, ours, families))
        yield from durations or changed_rates(where, source_part, target_part, context.language)
        # "9 h" of "de 9 h à 17 h" is an hour of the clock where the source gives times of day;
        # "en 4 horas" of a source without one is a duration
        timed = bool(clock_times(SOURCE_LANGUAGE, source_part))
        for unit in sorted(their_units & our_units):
            their_numbers = {a.number for a in theirs if unit in a.units and a.number is not None and not a.clock}
            our_numbers = {a.number for a in ours if unit in a.units and a.number is not None
                           and not (a.clock and timed)}
            if their_numbers and our_numbers and their_numbers != our_numbers:
                said = next(a for a in theirs if unit in a.units and a.number not in our_numbers | {None}) \
                    if their_numbers - our_numbers else next(a for a in theirs if unit in a.units and a.number is not None)
                other = next(a for a in ours if unit in a.units and a.number not in their_numbers | {None}) \
                    if our_numbers - their_numbers else next(a for a in ours if unit in a.units and a.number is not None)
                yield f'{where}the source says "{said.text}" ({_counted(said.number, unit)}) but the translation ' \
                      f'says "{other.text}" ({_counted(other.number, unit)})'


# English words that say a number a translation may spell out: "every other day" is
# "cada dos días", "both eyes" "los dos ojos", "a dozen" "doce", "daily" "una vez al día"
_IMPLIED_NUMBERS = {"both": 2, "other": 2, "pair": 2, "couple": 2, "double": 2, "second": 2, "third": 3,
                    "dozen": 12, "zero": 0, "hundred": 100, "quarter": 0.25, "half": 0.5, "once": 1, "single": 1,
                    "daily": 1, "nightly": 1, "hourly": 1, "weekly": 1, "monthly": 1, "yearly": 1}
# Hangul and the scripts without spaces: number syllables there are parts of other words
_NO_NUMBER_WORDS = re.compile("[\u1100-\u11ff\uac00-\ud7af\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]")
# "a glass of water", "each tablet", "per day": one of that unit, said with an article
_ONE_OF = re.compile(r"\b(?:a|an|one|each|per|every|single)\s+(?:[^\W\d_]+\s+)?$")


def _source_numbers(text: str) -> set[float]:
    """The numbers a normalised source says: digits, fractions ("½",
    "1/2"), number words, counted phrases ("twice") and words that imply one
    ("both", "daily")."""
    fractions = [m for m in FRACTION.finditer(text) if fraction_value(m) is not None]
    values = {fraction_value(m) for m in fractions}
    digits = _without(text, [Hit(m.group(), m.start(), m.end(), frozenset()) for m in fractions])
    values |= {_number(m.group()) for m in _DIGITS.finditer(digits)}
    for hit in _scan(SOURCE_LANGUAGE, "unit", text):
        for tag in hit.tags:
            if tag.kind == "numbers":
                values.add(float(tag.value))
            elif tag.kind == "counted":
                values.add(float(tag.value[0]))
    values.update(float(v) for w, v in _IMPLIED_NUMBERS.items() if re.search(rf"\b{w}\b", text))
    return {v for v in values if v is not None}


def _units_said_once(text: str) -> frozenset[str]:
    """Units a normalised source names once with an article ("a glass of
    water", "each tablet"), which a translation may count ("un vaso")."""
    return frozenset(k.split(".", 1)[1] for hit in _scan(SOURCE_LANGUAGE, "unit", text)
                     if _ONE_OF.search(text[:hit.start]) for k in hit.kinds() if k.startswith("words."))


def added_number_words(source: str, target: str, language: str) -> Iterator[str]:
    """A number word of the translation ("o diez", "服用两片", "세 번") that the
    source does not say, as a word, a fraction or in digits, is an added
    number; the number check sees only digits. One ("un", "una", also an
    article), fractions ("media", "半") and the number characters of Chinese,
    Japanese and Korean (parts of other words: 一些, 两者, 세상) count only
    where they count a unit or take a counter ("una cucharadita", "两片",
    "二つ"); a "one" answers a unit the source names with "a" or "each"."""
    text = hours_as_digits(language, normalise(prose(target)))  # "a las nueve" is a time, not 9 of a unit
    unspaced = bool(_NO_NUMBER_WORDS.search(text))
    counting = {a.number_at: a for a in amounts(language, text) if a.spelled and a.number_at is not None}
    counters = tuple(normalise(c) for c in _section(language, "unit").get("counters", []))
    said: set[float] | None = None
    for hit in _scan(language, "unit", text):
        if any(k.startswith("words.") or k == "counted" for k in hit.kinds()):
            continue
        value = next((float(t.value) for t in hit.tags if t.kind == "numbers"), None)
        if value is None:
            continue
        amount = counting.get(hit.start)
        countable = value >= 2 and value == int(value) and not unspaced
        if not countable and amount is None and not (counters and text.startswith(counters, hit.end)):
            continue
        if said is None:
            said = _source_numbers(normalise(prose(source)))
        if value in said:
            continue
        if value == 1 and amount is not None and (amount.units & _units_said_once(normalise(prose(source)))
                                                  or {_families().get(u) for u in amount.units} == {"duration"}):
            continue  # "de un día a otro" (from day to day): only a dose counted as one is a number
        yield f'the translation says "{amount.text if amount else hit.text}" ({value:g}); the source has no {value:g}'


def _changed_durations(where: str, theirs: tuple[Amount, ...], ours: tuple[Amount, ...],
                       families: dict[str, str]) -> Iterator[str]:
    """Durations said without a number ("a few weeks", "hours a week",
    "несколько часов") keep their unit too: a duration of the source that
    the translation does not name, where the translation names one the
    source does not, is a swap. Either alone is not an error: "for a week"
    may well be "por 7 días", which the number check sees."""
    durations = {unit for unit, family in families.items() if family == "duration"}
    their_units = frozenset().union(*(a.units for a in theirs))
    our_units = frozenset().union(*(a.units for a in ours))
    lost = list({a.unit: a for a in theirs if a.number is None and a.units <= durations
                 and not a.units & our_units}.values())
    gained = list({a.unit: a for a in ours if a.number is None and not a.clock and a.units <= durations
                   and not a.units & their_units}.values())
    if not lost or not gained:
        # "twice a day" as "dos veces a la semana": the period of a frequency, said without a
        # number, changed where the same unit also counts something else ("for 7 days")
        their_periods = frozenset().union(*(a.units for a in theirs if a.number is None and a.units <= durations))
        our_periods = frozenset().union(*(a.units for a in ours if a.number is None and not a.clock
                                          and a.units <= durations))
        lost = list({a.unit: a for a in theirs if a.number is None and a.units <= durations
                     and not a.units & our_periods}.values())
        gained = list({a.unit: a for a in ours if a.number is None and not a.clock and a.units <= durations
                       and not a.units & their_units}.values()) if their_periods else []
    for before, after in zip(lost, gained):
        yield f'{where}the source says "{before.text}" ({before.unit}) but the translation says ' \
              f'"{after.text}" ({after.unit})'


# ---------------------------------------------------------------- time of day

@dataclass(frozen=True)
class ClockTime:
    """A time of day as minutes after midnight; `values` holds both halves
    of the day when the text does not say which ("a las 8", "8点")."""
    hit: Hit
    values: frozenset[int]
    definite: bool

    def shown(self) -> str:
        return " or ".join(f"{v // 60:02d}:{v % 60:02d}" for v in sorted(self.values))


_CLOCK = re.compile(r"(?<![\d.,:])(\d{1,2})(?:(?::|h\s?|\.(?=\d\d\s*[^\W\d_]))(\d{2}))?(?![\d])")
_HALF_DAY = 12 * 60


def _in_half(hour: int, half: str) -> int | None:
    """An hour of a 12-hour clock in the half of the day a word names."""
    if half == "am":
        return hour % 12 if hour <= 12 else None
    if half in ("pm", "noon"):
        return hour % 12 + 12 if hour <= 12 else hour
    if half == "night":  # 8 de la noche is 20:00, 2 de la noche is 02:00, 12 de la noche midnight
        return 0 if hour == 12 else hour if hour < 6 else hour + 12 if hour < 12 else hour
    return None


@lru_cache(maxsize=16384)
def clock_times(language: str, text: str) -> tuple[ClockTime, ...]:
    """Times of day of a normalised text: a number with a word for the half
    of the day after it ("8 p.m.", "8 de la noche") or before it ("晚上8点"),
    a 24-hour time ("20:00", "20 h", and "à 8 h" where "h" is an o'clock
    word of a 24-hour clock, `oclock24`), or a number after "at"/before
    "o'clock" words, whose half of the day is unsaid."""
    hits = _scan(language, "time", text)
    if not hits and ":" not in text:
        return ()
    times = []
    used: set[int] = set()
    for match in _CLOCK.finditer(text):
        hour, minute = int(match.group(1)), int(match.group(2) or 0)
        if hour > 24 or minute > 59 or (hour == 24 and not match.group(2)):
            continue  # "las 24 horas" (around the clock) is no time of day
        start, end, half, oclock, at, day_clock = match.start(), match.end(), None, False, False, False
        for hit in hits:  # words after the number: o'clock, half past, the half of the day
            if hit.start < end or text[end:hit.start].strip():
                continue
            kinds = hit.kinds()
            if kinds & {"oclock", "oclock24"} and not oclock:
                oclock, day_clock, end = True, "oclock24" in kinds, hit.end
                minutes = re.match(r"\s*(\d{2})(?!\d)", text[end:])
                if minutes and not match.group(2):
                    minute, end = int(minutes.group(1)), end + minutes.end()
            elif "half" in kinds and oclock:
                minute, end = 30, hit.end
            elif kinds & {"am", "pm", "night", "noon"}:
                half, end = next(iter(kinds & {"am", "pm", "night", "noon"})), hit.end
                break
            elif "minutes" in kinds:
                end = hit.end
            else:
                break
        before = [h for h in hits if h.end <= start and not text[h.end:start].strip()]
        if before and half is None:
            kinds = before[-1].kinds()
            named = kinds & {"am_before", "pm_before", "night_before", "noon_before"}
            if named:
                half = next(iter(named)).removesuffix("_before")
                start = before[-1].start
            at = "at" in kinds
        hit = Hit(text[start:end], start, end, frozenset())
        if half is not None:
            value = _in_half(hour, half)
            if value is None:
                continue
            time = ClockTime(hit, frozenset({value % 24 * 60 + minute}), True)
        elif (match.group(2) and ":" in match.group()) or ((oclock or match.group(2)) and 12 < hour < 24) \
                or (day_clock and at):  # "à 8 h" is 08:00; "toutes les 8 h" a duration
            time = ClockTime(hit, frozenset({hour % 24 * 60 + minute}), True)
        elif oclock or at:
            time = ClockTime(hit, frozenset({hour % 12 * 60 + minute, hour % 12 * 60 + minute + _HALF_DAY}), False)
        else:
            continue
        times.append(time)
        used.update(range(start, end))
    for hit in hits:
        kinds = hit.kinds()
        if hit.start not in used and kinds & {"noon_alone", "midnight"}:
            times.append(ClockTime(hit, frozenset({_HALF_DAY if "noon_alone" in kinds else 0}), True))
    return tuple(times)


def _unsaid_half(time: ClockTime, ours: tuple[ClockTime, ...], target: str) -> str | None:
    """What a translation writes for a p.m. time of the source (13:00 to
    23:59) without saying which half of the day: "a las 8", "8点", "8時",
    or the bare "5" of "de 9 a 5", which a reader takes for the morning (or,
    on a 24-hour clock, for 05:00). None when it says 20:00, "20 h" or "8
    de la noche", or does not have the hour at all (the number check's)."""
    if not time.definite or len(time.values) != 1:
        return None
    value = next(iter(time.values))
    if not 13 * 60 <= value < 24 * 60 or any(o.definite and value in o.values for o in ours):
        return None
    vague = next((o for o in ours if value in o.values), None)
    if vague is not None:
        return vague.hit.text
    hour, minute = divmod(value, 60)
    digits = [(int(m.group(1)), int(m.group(2) or 0)) for m in _CLOCK.finditer(target)]
    if (hour - 12, minute) in digits and (hour, minute) not in digits and \
            not any(o.definite and {v % _HALF_DAY for v in o.values} == {value % _HALF_DAY} for o in ours):
        return f"{hour - 12}" + (f":{minute:02d}" if minute else "")
    return None


_PARTS_OF_DAY = {"early": "on waking or in the morning", "late": "in the evening, at night or at bedtime"}


def _parts_of_day(language: str, text: str) -> dict[str, Hit]:
    found: dict[str, Hit] = {}
    for hit in _scan(language, "time", text):
        for kind in hit.kinds() & _PARTS_OF_DAY.keys():
            found.setdefault(kind, hit)
    return found


def changed_part_of_day(where: str, source: str, target: str, language: str) -> Iterator[str]:
    """A time said in words keeps its part of the day: "at bedtime" may be
    "antes de acostarse" or "por la noche", never "al despertar"."""
    theirs = _parts_of_day(SOURCE_LANGUAGE, source)
    if not theirs:
        return
    ours = _parts_of_day(language, target)
    for kind, hit in ours.items():
        if kind not in theirs and not theirs.keys() & ours.keys():
            said = next(iter(theirs.values()))
            yield f'{where}the source says "{said.text}" ({_PARTS_OF_DAY[_part(said)]}) but the translation says ' \
                  f'"{hit.text}" ({_PARTS_OF_DAY[kind]})'


def _part(hit: Hit) -> str:
    return next(iter(sorted(hit.kinds() & _PARTS_OF_DAY.keys())))


def changed_time_of_day(source: str, target: str, context: TranslationContext) -> Iterator[str]:
    """A time keeps its half of the day: "8 p.m." may be "20:00",
    "8 p. m.", "8 de la noche" or "晚上8点", never "8 a. m." or "08:00".
    Reports a time of the source that the translation shows on the same
    12-hour clock face but in the other half of the day; a time that is
    gone altogether is the number check's."""
    if not _ready(context, "time") or _copied(source, target):
        return
    for where, source_part, target_part in aligned(source, target):
        yield from changed_part_of_day(where, source_part, target_part, context.language)
        theirs = clock_times(SOURCE_LANGUAGE, source_part)
        if not theirs:
            continue
        target_part = hours_as_digits(context.language, target_part)  # "a las nueve": 9
        ours = clock_times(context.language, target_part)
        clock24 = any(o.definite for o in ours)  # "de 9 h à 17 h": the text's clock says the half
        for time in theirs:
            unsaid = _unsaid_half(time, ours, target_part)
            if unsaid:
                yield f'{where}the source says "{time.hit.text}" ({time.shown()}) but the translation says ' \
                      f'"{unsaid}": it does not say which half of the day, and reads as the morning'
                continue
            unsaid = next((o for o in ours if time.values & o.values and not o.definite), None)
            if time.definite and not clock24 and unsaid is not None and \
                    not any(time.values & o.values for o in ours if o.definite):
                yield f'{where}the source says "{time.hit.text}" ({time.shown()}) but the translation says ' \
                      f'"{unsaid.hit.text}" ({unsaid.shown()}): it does not say which half of the day'
                continue
            if any(time.values & other.values for other in ours):
                continue
            faces = {v % _HALF_DAY for v in time.values}
            wrong = next((o for o in ours if o.definite and {v % _HALF_DAY for v in o.values} & faces
                          and not any(o.values & t.values for t in theirs)), None)
            if wrong is not None:
                yield f'{where}the source says "{time.hit.text}" ({time.shown()}) but the translation says ' \
                      f'"{wrong.hit.text}" ({wrong.shown()})'


# ---------------------------------------------------------------- urgency

# the number a source names to call for help now: a "tomorrow" beside it is a delay
_EMERGENCY_NUMBER = re.compile(r"(?<![\d-])911(?![\d-])")


def changed_urgency(source: str, target: str, context: TranslationContext) -> Iterator[str]:
    """Where the source says to act now ("right away", "call 911 or go to
    the emergency room"), the translation says so too and names the place
    to go; a "tomorrow" or "when you can" the source does not say is an
    error wherever the source is urgent (names 911, the emergency room or
    acting now). A
    translation more urgent than its source is not checked."""
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
        other = next((h for h in ours if "someone_else" in h.kinds()), None)
        if other is not None and "someone_else" not in their_kinds:
            yield f'{where}the translation sends the reader to "{other.text}" (someone else to call); the source, ' \
                  f'which says "{urgent.text}", names no one of the kind'


# ---------------------------------------------------------------- medicines

def _medicines(language: str, text: str) -> dict[str, Hit]:
    """The medicines a normalised text names, by English generic name; a
    translation may keep an English name ("Tylenol"), so English names are
    looked for in every language."""
    named: dict[str, Hit] = {}
    for code in dict.fromkeys((language, SOURCE_LANGUAGE)):
        for hit in _scan(code, "medicine", text):
            for kind in hit.kinds():
                named.setdefault(kind, hit)
    return named


def changed_medicines(source: str, target: str, context: TranslationContext) -> Iterator[str]:
    """A translation names the medicines its source names and no others:
    an added "puede tomar ibuprofeno" in a leaflet that says to take no
    medicine without asking is as dangerous as a dropped "do not take
    aspirin". Over the whole unit: a name may move between sentences."""
    if not _ready(context, "medicine") or _copied(source, target):
        return
    theirs = _medicines(SOURCE_LANGUAGE, normalise(prose(source)))
    ours = _medicines(context.language, normalise(prose(target)))
    # a medicine the language's list does not name may be spelt as no list knows ("ondansetwon")
    known = _section(context.language, "medicine")
    for name, hit in theirs.items():
        if name not in ours and name in known:
            yield f'the source names "{hit.text}" ({name}); the translation does not'
    for name, hit in ours.items():
        if name not in theirs:
            yield f'the translation names "{hit.text}" ({name}), which the source does not'


# ---------------------------------------------------------------- dose

_RATES = {"per_hour": "per hour", "per_day": "per day", "per_week": "per week", "per_month": "per month"}


def _rate_hits(language: str, text: str) -> list[Hit]:
    return [hit for hit in _scan(language, "dose", text) if hit.kinds() & _RATES.keys()]


def _rates(language: str, text: str) -> dict[str, Hit]:
    """The periods a normalised text counts doses in ("twice a day": per
    day), by the name of the period, first phrase of each."""
    found: dict[str, Hit] = {}
    for hit in _scan(language, "dose", text):
        # "24 hours a day, 7 days a week" (or "круглосуточно") is per day and per week
        kinds = {"per_day", "per_week"} if "around_the_clock" in hit.kinds() else hit.kinds() & _RATES.keys()
        for kind in sorted(kinds):
            found.setdefault(kind, hit)
    return found


def _counted_periods(language: str, text: str) -> frozenset[str]:
    """The periods a normalised text counts with a number other than one
    ("in 24 hours"): a translation may not make them a rate ("por hora")."""
    return frozenset(f"per_{unit}" for a in amounts(language, text) if a.number not in (None, 1.0)
                     for unit in a.units if f"per_{unit}" in _RATES)


def changed_rates(where: str, source: str, target: str, language: str) -> Iterator[str]:
    """A dose counted per day stays per day: "twice a day" is not "dos veces
    a la semana", and "4 doses in 24 hours" is not "4 dosis por hora". A
    rate of the translation that the source does not name is an error where
    the source names another rate or counts that period in a number."""
    theirs, ours = _rates(SOURCE_LANGUAGE, source), _rates(language, target)
    lost = [(kind, hit) for kind, hit in theirs.items() if kind not in ours]
    for kind, hit in ours.items():
        if kind in theirs:
            continue
        if lost:
            yield f'{where}the source says "{lost[0][1].text}" ({_RATES[lost[0][0]]}) but the translation ' \
                  f'says "{hit.text}" ({_RATES[kind]})'
        elif kind in _counted_periods(SOURCE_LANGUAGE, source):
            yield f'{where}the translation says "{hit.text}" ({_RATES[kind]}); the source counts no dose ' \
                  f'{_RATES[kind]}'


def _around_the_clock(language: str, text: str) -> list[Hit]:
    return [hit for hit in _scan(language, "dose", text) if "around_the_clock" in hit.kinds()]


def _without_around_the_clock(source: str, target: str, language: str) -> tuple[str, str]:
    """Both texts without their "24 hours a day, 7 days a week" where both
    say it, the translation as its language does ("круглосуточно", "全天候")."""
    theirs, ours = _around_the_clock(SOURCE_LANGUAGE, source), _around_the_clock(language, target)
    return (_without(source, theirs), _without(target, ours)) if theirs and ours else (source, target)


# what the `[unit.changes]` lists and the `[dose]` lists `change` and `per_weight` say, in words
_CHANGES = {"double": "double the dose", "repeat": "repeat the dose", "per_weight": "a dose per kilogram of weight",
            "as_needed": "a dose as needed", "change": "a change of the dose"}


def _dose_changes(language: str, text: str) -> dict[str, Hit]:
    """The dose changes a normalised text says, by kind, first phrase of
    each; a translation's are looked for in English too ("5 mg/kg")."""
    found: dict[str, Hit] = {}
    for code in dict.fromkeys((language, SOURCE_LANGUAGE)):
        for hit in _scan(code, "unit", text):
            for kind in sorted(k.split(".", 1)[1] for k in hit.kinds() if k.startswith("changes.")):
                found.setdefault(kind, hit)
        for hit in _scan(code, "dose", text):
            for kind in sorted(hit.kinds() & {"change", "per_weight"}):
                found.setdefault(kind, hit)
    return found


def added_dose_changes(source: str, target: str, language: str) -> Iterator[str]:
    """A translation may not tell the reader to change the dose when the
    source does not: "double the dose", "repeat the dose", "as needed",
    "heaping", or a dose per kilogram of body weight ("5 mg/kg" is 350 mg for
    an adult); an added sentence "Si olvida una dosis, tome el doble" keeps
    every number of the source. One message per phrase of the translation."""
    ours = _dose_changes(language, target)
    if not ours:
        return
    theirs = _dose_changes(SOURCE_LANGUAGE, source)
    said: list[Hit] = []
    for change, hit in sorted(ours.items(), key=lambda item: (item[0] == "change", item[1].start)):
        if change in theirs or any(hit.start < h.end and h.start < hit.end for h in said):
            continue
        said.append(hit)
        yield f'the translation says "{hit.text}" ({_CHANGES.get(change, change)}), which the source does not say'


def changed_dose(source: str, target: str, context: TranslationContext) -> Iterator[str]:
    """No dose instruction is added (a rate's period is the unit check's)."""
    if not _ready(context, "dose") or _copied(source, target):
        return
    yield from added_dose_changes(normalise(prose(source)), normalise(prose(target)), context.language)


# ---------------------------------------------------------------- status

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


# ---------------------------------------------------------------- data coverage

MEANING_CHECKS = [
    EntryCheck("negation", "error", changed_negation),
    EntryCheck("comparative", "error", changed_comparative),
    EntryCheck("opposite", "error", changed_opposites),
    EntryCheck("unit", "error", changed_units),
    EntryCheck("time-of-day", "error", changed_time_of_day),
    EntryCheck("urgency", "error", changed_urgency),
    EntryCheck("medicine", "error", changed_medicines),
    EntryCheck("dose", "error", changed_dose),
    EntryCheck("status", "error", claimed_status),
]
# The section of a language's data file each check needs.
# The instruction checks (route.py, conditions.py, stopping.py, terms.py) and the checks of additions.py
# and course.py are named here too.
DATA_SECTIONS = {"negation": "negation", "comparative": "comparative", "opposite": "antonym", "unit": "unit",
                 "time-of-day": "time", "urgency": "urgency", "medicine": "medicine", "dose": "dose",
                 "route": "route", "food": "food", "modal": "modal", "stop": "stop", "key-term": "term",
                 "added-instruction": "addition", "course": "unit", "event-order": "comparative"}


def missing_data_checks(language: str) -> list[str]:
    """The meaning checks that cannot run for a language: no data file, or
    no section for them in it."""
    if language.replace("-", "_").split("_")[0] == SOURCE_LANGUAGE:
        return []
    return [check for check, section in DATA_SECTIONS.items() if not has_section(language, section)]


def missing_language_data(po: polib.POFile, language: str) -> Iterator[str]:
    missing = missing_data_checks(language)
    if missing:
        yield (f"no word lists for {language!r} in pipeline/checks/data/, so these checks cannot run: "
               f"{', '.join(missing)}")


LANGUAGE_DATA_CHECKS = [HeaderCheck("no-language-data", "warning", missing_language_data)]
