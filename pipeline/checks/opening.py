"""A negation that opens a translation's instruction, or its main clause,
where the source's instruction has none: "No tome este medicamento con
alimentos" for "Take this medicine with food to prevent stomach upset"
negates the instruction, whatever negative word of the source ("upset",
"unusual") a count of negations would let it stand for."""

from __future__ import annotations

import re

from .antonyms import antonym_words
from .comparative import _negated_limits
from .lexicon import Hit, SOURCE_LANGUAGE, language_setting, normalise
from .polarity import Polarity, polarity
from .reading import _near, _scan

# the opening of a sentence, or of its main clause after a purpose, "if" or "please" clause: "Para evitar
# malestar, no tome …", "Si nota moretones inusuales, no informe …", "Importante: n'utilisez pas …"
_OPENS_CLAUSE = re.compile(r"[\W_]*|.*[,:，：、]\s*[\W_]*", re.S)
_OPENS_SENTENCE = re.compile(r"[\W_]*")
# a source that opens with a condition: its last clause is the instruction, whatever negation the
# condition holds ("If the bleeding does not stop after 10 minutes, call 911")
_CONDITIONED = re.compile(r"\W*(?:if|when|whenever|once|as soon as|in case|should)\b.*[,;:]\s*(?P<last>[^,;:]+)",
                          re.I | re.S)
_SEPARATOR = re.compile(r"[,;:，；：、]")


def _turned(text: str, first: Hit, ours: Polarity) -> bool:
    """Whether an opening negation is half of a double negative: a "forget"
    or "stop" after it ("No olvide tomarlo", do not forget to take it), or,
    where the verb comes first and its negation after (Persian "فراموش
    نکنید", forget-do-not), the opening word is that verb with a negation
    of its own beside it."""
    if any(verb.start >= first.end and _near(text, first, verb) for verb in ours.inverting):
        return True
    return first in ours.inverting and any(n is not first and n not in ours.inverting and _near(text, first, n)
                                           for n in ours.certain)


def _source_verb(language: str, source_part: str, target_part: str, first: Hit) -> bool:
    """An opening "stop" that says the source's own ("停药前请先咨询医生" for "Ask
    your doctor before you stop taking this medicine"): the same concept of
    the `[antonym]` lists ("Evite tomar" for "to prevent" is none)."""
    theirs = frozenset().union(*(h.kinds() for h in antonym_words(SOURCE_LANGUAGE, source_part)))
    return any(h.start < first.end and first.start < h.end and h.kinds() & theirs
               for h in antonym_words(language, target_part))


def _exempt(language: str, theirs: Polarity, ours: Polarity) -> bool:
    """Translations whose opening negation says something other than "do not":
    "need not", "why not", a prohibition negated, "not only", an "only" or
    "except"; "do not … unless" for the source's "only if" ("Take it only
    if …" as "No lo tome a menos que …"), not for an "unless" the source
    says without its "only" ("Keep taking it unless your doctor tells you
    to stop" as "No siga tomándolo a menos que …" stops it); and languages
    that negate after the verb."""
    return bool(ours.optional or ours.rhetorical or ours.unforbidden or ours.narrowing or ours.exceptive or
                (ours.unless and theirs.exceptive) or language_setting(language, "negation_after_verb"))


def opening_negation(language: str, source_part: str, target_part: str, theirs: Polarity,
                     ours: Polarity) -> str | None:
    """A negation that opens a translation, or its main clause, whose source
    has none: it negates the instruction. Not where the source opens with a
    negative word ("Unable to eat?"), asks a question, or the negation
    turns round a verb ("No olvide tomarlo") or is no prohibition
    (`_exempt`), or is a "stop" that says the source's ("停药前请先咨询医生",
    before stopping, ask your doctor). An opening "Evite" (avoid) is a
    prohibition of its own."""
    conditioned = _CONDITIONED.fullmatch(source_part) if theirs.low or theirs.never else None
    if conditioned:  # the source's negations are its condition's: "call 911" is said without one
        theirs = polarity(SOURCE_LANGUAGE, conditioned["last"])
        source_part = conditioned["last"]
    if theirs.low or theirs.never or not ours.certain or source_part.rstrip().endswith("?") or \
            _exempt(language, theirs, ours):
        return None
    first = next((n for n in ours.certain if _OPENS_CLAUSE.fullmatch(target_part[:n.start])), None)
    if first is not None and conditioned and _SEPARATOR.search(target_part, first.end):
        return None  # "Si, tras 10 minutos, no se detiene el sangrado, llame al 911": the condition's own
    if first is None or _turned(target_part, first, ours) or \
            _source_verb(language, source_part, target_part, first) or \
            _negated_limits(language, source_part, target_part):  # "يجب ألا تتجاوز" (must not exceed)
        return None
    opening = re.search(r"\w+", source_part)
    source_negatives = _scan(SOURCE_LANGUAGE, "negation", normalise(source_part))
    if opening is None or any(hit.start < opening.end() for hit in source_negatives):
        return None
    if not _OPENS_SENTENCE.fullmatch(target_part[:first.start]) and \
            any("contrast" in hit.kinds() for hit in source_negatives):
        return None  # "Use an electric razor instead of a blade" as "Aféitese con máquina eléctrica, no con navaja"
    if conditioned:
        return f'the translation negates the instruction with "{first.text}"; the source\'s instruction ' \
               f'("{source_part.strip()}") has no negation (its own belongs to the condition)'
    return f'the translation opens with "{first.text}", a negation of the instruction itself; the source ' \
           f'has none (its negative words, such as "upset" or "unusual", stand elsewhere)'
