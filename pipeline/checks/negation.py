"""The negation check: a dropped "do not", an added "no", "never" as
"always", a prohibition turned into advice, per sentence and clause."""

from __future__ import annotations

import re
from typing import Iterator

from .antonyms import antonym_negations, antonym_words, negated_antonym_pairs, swapped_antonyms
from .base import TranslationContext
from .comparative import _negated_limits
from .consulted import asked_first
from .frames import asked, framed
from .held import held_for
from .opening import opening_negation
from .doses import _medicines
from .lexicon import Hit, SOURCE_LANGUAGE, has_section, normalise
from .polarity import Polarity, polarity
from .reading import _copied, _directions, _near, _quote, _ready, _scan, _without, candidates, prose
from .scope import carried_negation, dropped_forbidden, elaborated_places, moved_negation, moved_place_negation
from .waits import waited_negations


def _befores(language: str, text: str) -> list[Hit]:
    """The "before"s of a translation: "do not take it without talking
    with us" may well be "before talking with us, do not take it"."""
    return [h for h in _scan(language, "comparative", text) if "BEFORE" in _directions(h)[0]]


# a food condition negated says its opposite; a chewed or crushed medicine negated is swallowed whole;
# water not swallowed is spat out ("Do not swallow the water" as "puis recrachez-la")
_NEGATED_SAYS = {("food", "fed"): ("food", "empty"), ("food", "empty"): ("food", "fed"),
                 ("route", "chewed"): ("route", "whole"), ("addition", "crush"): ("route", "whole"),
                 ("route", "oral"): ("route", "spit")}


# a condition that says another with the negation inside it: "not eat or drink anything" is a fast;
# "after meals" ("食後") is on no empty stomach
_SAYS = {("food", "abstain"): ("food", "empty"), ("food", "after_meal"): ("food", "fed"), ("route", "spit"): ("route", "spit")}


def _inside(negation: Hit, hit: Hit) -> bool:
    return hit.start <= negation.start < hit.end


def _conditions(language: str, text: str, negations: tuple[Hit, ...]) -> list[tuple[tuple[str, str], list[Hit]]]:
    """The conditions of `_NEGATED_SAYS` in a normalised text, each with
    what it says and the negations that make it say so: "without food" says
    "empty" with its own "without"; "not ... with food" says "empty" with
    the "not"; "not ... without food" says "fed" with both."""
    found = []
    for section in ("food", "route", "addition"):
        for hit in _scan(language, section, text):
            for kind in hit.kinds():
                pair = (section, kind)
                if pair not in _NEGATED_SAYS and pair not in _SAYS and pair != ("route", "whole"):
                    continue
                inner = [n for n in negations if _inside(n, hit)]
                # the negation nearest before it ("sin masticarla ni triturarla"), or else after it
                # a "ni" after "sans manger" goes on with its "sans" (`_continued`): no negation of it
                near = [n for n in negations if not _inside(n, hit) and _near(text, n, hit)
                        and not (inner and "concord" in n.kinds() and n.start >= hit.end)]
                outer = sorted(near, key=lambda n: (n.start > hit.start, abs(n.start - hit.start)))[:1]
                said = _NEGATED_SAYS.get(pair) if outer else _SAYS.get(pair, pair)
                if said is not None:  # a negated "whole" says nothing of chewing
                    found.append((said, inner + outer + _continued(text, negations, hit, inner + outer)))
    return found


def _continued(text: str, negations: tuple[Hit, ...], hit: Hit, spent: list[Hit]) -> list[Hit]:
    """The "ni" (nor) right after a condition whose negation it spent goes
    on with that negation: "sans manger ni boire" (without eating or
    drinking) is one fast."""
    if not spent:
        return []
    return [n for n in negations if "concord" in n.kinds() and n.start >= hit.end and _near(text, hit, n)
            and n not in spent][:1]


def said_otherwise(language: str, text: str, negations: tuple[Hit, ...], other_language: str, other: str) -> int:
    """How many negations of a normalised text say, with the condition they
    belong to, what the other text says and no negation of it: "not ...
    with food" is "on an empty stomach", "without food" is "con el estómago
    vacío", "sin masticarla" (without chewing it) is "whole". Not where the
    other text also says the condition itself ("Mastique la tableta
    entera", chew the whole tablet, is no "do not chew")."""
    if not negations:
        return 0
    ours = _conditions(language, text, negations)
    if not any(spent for _, spent in ours):
        return 0
    theirs = _conditions(other_language, other, polarity(other_language, other).certain)
    wanted = {said for said, _ in theirs}
    plain = {said for said, spent in theirs if not spent}
    used: set[int] = set()
    for said, spent in ours:
        if spent and said in wanted and not any(pair in plain for pair, says in _NEGATED_SAYS.items()
                                                if says == said and pair != said):
            used.update(n.start for n in spent)
    return len(used)


def _said_otherwise(language: str, text: str, negations: tuple[Hit, ...], other_language: str, other: str) -> int:
    """said_otherwise(), and the negations that say the other text's wait
    ("No coma hasta que pasen 2 horas" for "Wait 2 hours before you eat":
    pipeline/checks/waits.py)."""
    return said_otherwise(language, text, negations, other_language, other) + \
        waited_negations(language, text, other_language, other)


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
    found = list(_sentence_polarity(source, target, context.language)) or \
        list(_negation_left_its_anchors(source, target, context.language))
    yield from found or list(moved_negation(source, target, context.language)) or \
        list(carried_negation(source, target, context.language)) or \
        list(moved_place_negation(source, target, context.language)) or \
        dropped_forbidden(source, target, context.language)


def _sentence_polarity(source: str, target: str, language: str) -> Iterator[str]:
    """Each aligned part's negations against its source's (changed_negation)."""
    antonyms = has_section(language, "antonym")
    reverses = has_section(language, "reverse")
    parts = candidates("negation", source, target, language) or \
        (candidates("antonym", source, target, language) if antonyms else ()) or \
        (candidates("reverse", source, target, language) if reverses else ())
    for where, source_part, target_part in parts:
        if asked_first(language, source_part, target_part) or held_for(language, source_part, target_part):
            continue  # "Ask before you stop" as "do not stop without asking" (consulted.py), "keep it on" (held.py)
        if said := framed(language, source_part, target_part):
            yield f"{where}{said}"
            continue
        said_by_source = asked(SOURCE_LANGUAGE, source_part, target_part)
        said = asked(language, target_part, source_part)
        prevented = sum("avoiding" in h.kinds() for h in _scan(SOURCE_LANGUAGE, "reverse", source_part))
        same_sense = _same_sense(said_by_source, said, prevented)
        theirs, ours = _counted(language, source_part, target_part, antonyms, said_by_source, said)
        befores = _befores(language, target_part)
        stops = list(ours.inverting) + [a for a in antonym_words(language, target_part) if "stop" in a.kinds()]
        stopped = [b for b in befores if any(_beside(target_part, b, v) for v in stops)]
        rewritten, stop_first = _rewritten(theirs, ours, len(befores), len(stopped))
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
        turned = _turned_around(theirs, ours, prevented) or \
            (None if stop_first else _inverted_sense(source_part, target_part, theirs, ours))
        limits = len(_negated_limits(language, source_part, target_part)) if ours.low > theirs.low else 0
        swapped = list(swapped_antonyms(where, source_part, target_part, language)) \
            if antonyms and ours.inverting and not theirs.low else []
        if swapped:  # "Keep taking" as "Deje de tomar": the antonym check names both words
            yield from swapped
        elif turned:
            yield f"{where}{turned}"
        elif opening := opening_negation(language, source_part, target_part, said_by_source, ours):
            # before the double negatives: "No tome …; así evitará …" is no "No olvide"
            yield where + (_negation_changed(theirs, ours, lost=False) if _added(theirs, ours, limits) else opening)
        elif same_sense:
            continue
        elif needed > ours.low + ours.concord + lexical + only_if or \
                len(theirs.never) > ours.low + ours.concord + stop_first:
            yield where + _negation_changed(theirs, ours, lost=True)
        # "only" may be written with a negation ("لا تتناوله إلا مع الطعام", "しか...ない",
        # "ne ... que"), where the translation has a word for "only" too: "Take it only with
        # food" as "No lo tome con comida" has none
        elif _added(theirs, ours, limits):
            yield where + _negation_changed(theirs, ours, lost=False)
        elif antonyms and not stop_first and \
                (swapped := list(swapped_antonyms(where, source_part, target_part, language))):
            yield from swapped
        elif reverses:
            yield from _turned_round(where, source_part, target_part, language)


def _beside(text: str, first: Hit, second: Hit) -> bool:
    """Two hits with at most a short joining word between them ("antes de
    dejar", "avant d'arrêter", "停药之前", "끊기 전에"): a "before" that
    governs the verb, not one of the next clause ("Deje de tomarlo antes
    de hablar")."""
    start, end = (first.end, second.start) if first.end <= second.start else (second.end, first.start)
    gap = text[start:end].split() if start <= end else ["-"]
    return not gap or (len(gap) == 1 and len(gap[0]) <= 3)


def _rewritten(theirs: Polarity, ours: Polarity, befores: int, stopped: int) -> tuple[int, int]:
    """The source's negations a translation's "before"s say: only a
    "without" the translation lost may have become its "before", and with
    it the "not" of a negated "stop" whose verb the "before" governs ("Do
    not stop taking it without talking with your doctor" is "Talk with your
    doctor before stopping it"; not "Stop it before talking ...")."""
    lost = min(max(0, theirs.privative - ours.privative), befores)
    plain = theirs.low - theirs.privative
    # "Never stop it without asking" is "Always ask before stopping it": the "never" with its "always"
    first = min(lost, plain, stopped) if theirs.inverting and (not theirs.never or ours.always) else 0
    return lost + first, first


def _counted(language: str, source_part: str, target_part: str, antonyms: bool, theirs: Polarity,
             ours: Polarity) -> tuple[Polarity, Polarity]:
    """The negations of a part and of its translation (as `asked` reads
    them) that count, without those that say a word of the other text
    otherwise."""
    if antonyms and theirs.low != ours.low:
        # "safe" as "no es peligroso" (not dangerous), "not safe" as "peligroso": a negated
        # antonym of a word of the other text says that word, and is no negation of its own
        theirs = theirs.dropping(antonym_negations(SOURCE_LANGUAGE, source_part, theirs.certain,
                                                   antonym_words(language, target_part)))
        ours = ours.dropping(antonym_negations(language, target_part, ours.certain,
                                               antonym_words(SOURCE_LANGUAGE, source_part)))
    if ours.low > theirs.low:
        # "Store it in the refrigerator" as "냉동실이 아닌 냉장고에" (not in the freezer, in the refrigerator)
        ours = ours.dropping(elaborated_places(language, target_part, source_part))
    if ours.low > theirs.low >= 1:
        ours = ours.dropping(_restated(language, target_part, ours))
    if theirs.low != ours.low:
        # "Do not take it with food" as "Tómelo con el estómago vacío", "Swallow it whole" as
        # "Tráguela entera, sin masticarla": a negation that says the other text's condition
        theirs = theirs.without(_said_otherwise(SOURCE_LANGUAGE, source_part, theirs.certain,
                                                language, target_part))
        ours = ours.without(_said_otherwise(language, target_part, ours.certain, SOURCE_LANGUAGE, source_part))
    return theirs, ours


def _restated(language: str, text: str, ours: Polarity) -> tuple[Hit, ...]:
    """A negated "suitable" beside a prohibition of its own ("no es adecuado
    para niños y no se les debe dar", "مناسب نیست و نباید"): the source's
    one prohibition said twice; one negation at least is left to say it."""
    suitable = [h for h in _scan(language, "antonym", text) if "suitable" in h.kinds()]
    spent = tuple(n for n in ours.certain if any(_near(text, n, h) for h in suitable))[:1]
    return spent if len(ours.certain) > len(spent) else ()


def _added(theirs: Polarity, ours: Polarity, limits: int) -> bool:
    """More negations than the source may be written with, besides those
    that say a limit ("ne pas dépasser", do not exceed: at most)."""
    return ours.low - limits > theirs.high + theirs.repeat + min(theirs.exceptive, ours.exceptive + ours.unless)


def _negation_changed(theirs: Polarity, ours: Polarity, lost: bool) -> str:
    """What a translation says instead, where it lost a negation of the
    source (`lost`) or has one the source lacks: one side is the negated."""
    negated, plain = (theirs, ours) if lost else (ours, theirs)
    sides = ("source", "translation") if lost else ("translation", "source")
    if negated.never and plain.always:
        said, instead = (theirs.never, ours.always) if lost else (theirs.always, ours.never)
        return f'the source says "{said[0].text}" but the translation says "{instead[0].text}"'
    if lost and ours.unforbidden:
        return f'the source says {_quote(theirs.certain[:1])} but the translation says "{ours.unforbidden[0].text}" ' \
               f'under a negation (not forbidden, not contraindicated): it allows what the source forbids'
    if not plain.certain:
        return f"the {sides[0]} says {_quote(negated.certain)} but the {sides[1]} has no negation"
    if lost:
        return (f"a negation is missing: the source has {theirs.low} ({_quote(theirs.certain)}), "
                f"the translation {ours.low} ({_quote(ours.certain)})")
    return (f"the translation has a negation the source does not: {ours.low} "
            f"({_quote(ours.certain)}) against {theirs.low} ({_quote(theirs.certain)})")


def _turned_round(where: str, source_part: str, target_part: str, language: str) -> Iterator[str]:
    """A negation beside a verb that turns round what it governs ("No deje
    de tomar aspirina", do not stop taking; "N'oubliez pas de prendre";
    "不必服用", need not take) says the opposite of a plain negation: where
    the source has no such verb, the translation has inverted the
    instruction with every negation count kept."""
    if _scan(SOURCE_LANGUAGE, "reverse", source_part):
        return
    # "No es raro" (not rare) for "It is common": a negated antonym that says a word of the source
    litotes = [a for _, a in negated_antonym_pairs(language, target_part, polarity(language, target_part).certain,
                                                   tuple(antonym_words(SOURCE_LANGUAGE, source_part)))]
    verbs = [v for v in _scan(language, "reverse", target_part) if v.kinds() - {"not"}  # "痛み止め": a painkiller
             and not any(a.start < v.end and v.start < a.end for a in litotes)]
    if not verbs:
        return
    phrases = [h for h in _scan(language, "urgency", target_part) if h.kinds() & {"now"}]
    negations = [h for h in _scan(language, "negation", _without(target_part, phrases))
                 if h.kinds() & {"words", "concord", "privative", "lexical", "prohibitive"}]
    for verb in verbs:
        if "negated" in verb.kinds() or any(_near(target_part, n, verb) for n in negations):
            negation = next((n for n in negations if _near(target_part, n, verb)), None)
            said = f'{negation.text} … {verb.text}' if negation is not None and negation.end <= verb.start else \
                verb.text if negation is None else f'{verb.text} … {negation.text}'
            yield f'{where}the translation says "{said}", a negated "stop", "forget", "hesitate" or "need" ' \
                  f'that the source does not say: the negation is turned round'
            return


_ACRONYM = re.compile(r"(?<![A-Za-z])[A-Z][A-Z0-9]+(?![A-Za-z])")


_CLAUSES = re.compile(r"[,;:，；：،؛]|(?<=[.!?。！？؟])\s")


# Names of the medicine lists that a leaflet names as what the reader is allergic to ("if you are
# allergic to penicillin"), in the "if" clause a translation may put first: no anchor of a negation.
_ALLERGENS = frozenset({"penicillin", "sulfonamide", "latex"})


def _clause_anchors(language: str, text: str) -> frozenset[str]:
    """What a clause names that a translation keeps: the medicines (by
    English name, allergens aside) and the acronyms ("CRS") of a text as
    written."""
    return (frozenset(_medicines(language, normalise(text))) - _ALLERGENS) | \
        frozenset(m.group() for m in _ACRONYM.finditer(text))


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


def _sense(found: Polarity, source: bool, prevented: int = 0) -> int:
    """Whether a sentence's negations and inverting verbs leave it negative
    (1) or positive (0): "do not forget to take" is "take"; a source's
    "prevent" turns it as the "evitar" that says it does."""
    return (found.low + (sum(v not in found.certain for v in found.inverting) + prevented if source else 0)) % 2


def _same_sense(theirs: Polarity, ours: Polarity, prevented: int = 0) -> bool:
    """A double negative written as a positive, or the other way round:
    "Do not forget to take it" as "Recuerde tomarlo", "Take it" as "No olvide
    tomarlo". Only where an inverting verb makes the difference."""
    if _never_inverted(theirs, ours) or _never_inverted(ours, theirs):
        return True
    if not (theirs.inverting or ours.inverting) or theirs.never or ours.never:
        return False
    return _sense(theirs, True, prevented) == _sense(ours, False)


def _never_inverted(negated: Polarity, plain: Polarity) -> bool:
    """"Never skip a dose" as "Take every dose without skipping" (always):
    a "never" whose only negation turns a "skip" or "forget", against an
    "always" with no negation nor such verb."""
    return bool(negated.never and negated.inverting and negated.low == len(negated.never) and plain.always
                and not plain.low + plain.concord and not plain.inverting)


def _negated_verbs(text: str, found: Polarity) -> list[bool]:
    """Whether each "stop" or "forget" verb of a normalised text has a
    negation of its own beside it ("does not stop", "no se detiene"). A
    "without" is its own clause's ("Deje de tomarlo sin hablar con su
    médico": stop, without talking), no negation of the verb."""
    negations = [n for n in found.certain if n not in found.inverting and "privative" not in n.kinds()]
    # a negation inside the verb's words (Hindi "लेना बंद न करें") is its own
    return [any(_near(text, n, verb) or verb.start < n.start < n.end < verb.end for n in negations)
            for verb in found.inverting]


def _inverted_sense(source_part: str, target_part: str, theirs: Polarity, ours: Polarity) -> str | None:
    """Both texts say a "stop" or "forget" verb, one negated and the other
    not: "bleeding that does not stop" as "un sangrado que se detiene" (that
    stops), whatever negation the translation spends elsewhere ("…, no
    antes"). Read verb by verb, not by counting the sentence's negations."""
    if not (theirs.inverting and ours.inverting) or ours.never:
        return None
    their_negated, our_negated = _negated_verbs(source_part, theirs), _negated_verbs(target_part, ours)
    # "Never skip a dose" as "дозу можно пропустить" (you may skip it): the "never" negates the verb too
    if all(their_negated) and not any(our_negated):
        return f'the source says "{theirs.inverting[0].text}" under a negation but the translation says ' \
               f'"{ours.inverting[0].text}" with none: it says the opposite'
    if not any(their_negated) and all(our_negated) and not theirs.never:
        return f'the source says "{theirs.inverting[0].text}" with no negation but the translation negates ' \
               f'"{ours.inverting[0].text}": it says the opposite'
    return None


def _turned_around(theirs: Polarity, ours: Polarity, prevented: int = 0) -> str | None:
    """A translation that keeps a negation but turns the instruction around:
    the negation made optional ("should not" as "no necesitan"), an
    exception added to it ("a menos que"), the negation spent on an "only"
    the source does not say ("Ne prenez que de l'aspirine": take only
    aspirin), moved into an "if" clause ("si no se siente mareado"), or
    doubled by an inverting verb ("No deje de tomar": do not stop taking),
    other than those that say a "prevent" of the source (`prevented`)."""
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
    if ours.narrowing and not (theirs.exceptive or their_exceptions or theirs.narrowing):
        return f'the translation\'s negation governs "{ours.narrowing[0].text}" (only, alone), which the source ' \
               f'does not say: it forbids only that, and allows the rest of the source\'s {_quote(theirs.certain[:1])}'
    if ours.conditional > theirs.conditional and ours.low - ours.conditional < theirs.low - theirs.conditional:
        return f'the source\'s {_quote(theirs.certain[:1])} is in the translation only inside an "if" clause'
    if len(ours.inverting) > len(theirs.inverting) + prevented and not _same_sense(theirs, ours, prevented) and \
            ours.low > theirs.low - len(theirs.inverting):
        verb = ours.inverting[0]
        negation = next((h for h in ours.certain if h != verb), verb)
        said = f"{negation.text} … {verb.text}" if negation.start < verb.start else f"{verb.text} … {negation.text}"
        return f'the translation says "{said}", a negated "stop", "forget", "hesitate" or "avoid" that the source ' \
               f'does not say: the negation is turned round'
    return None
