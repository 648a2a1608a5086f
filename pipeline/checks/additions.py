"""Instructions a translation adds that its source does not give, while
every number, negation and limit stays: an escape clause ("a menos que el
dolor sea fuerte", unless the pain is severe; "sauf si la douleur
persiste"), a condition that narrows the instruction ("solo si el sarpullido
empeora mucho", only if the rash gets much worse), an end the source does
not set ("o hasta que se acabe el frasco", or until the bottle runs out),
alcohol, crushing the medicine, or doing it again ("vuelva a tomarlo",
"antes de comer de nuevo").

Each is a list of the `[addition]` section of a language's data file, by
what it means; the English lists say what the source says. A kind of
addition the translation says and the source does not is an error (a
language may mark one "until" twice: "直到……为止"): the source's own
"unless" may be "only if" ("do not ... unless" is "solo si"), so those two
are one kind, and so is a bare exception ("salvo indicación de un familiar",
"hormis en cas de forte fièvre", "疼痛剧烈时除外", "sauf le week-end")."""

from __future__ import annotations

import re
from typing import Iterator

from .base import EntryCheck, TranslationContext
from .concepts import said
from .lexicon import SOURCE_LANGUAGE, Hit, normalise
from .polarity import polarity
from .reading import _copied, _near, _ready, _scan, prose

# Kinds of the `[addition]` lists, by what a reader is told; lists of one kind answer each other.
KINDS = {"unless": "exception", "only_if": "exception", "except": "exception", "until": "until", "finish": "finish",
         "alcohol": "alcohol", "crush": "crush", "again": "again", "part": "part", "hedge": "hedge",
         "possible": "possible", "swallow": "swallow", "own": "own", "alone": "alone", "much": "much", "long": "long",
         "dissolve": "dissolve", "insert": "insert", "day": "day", "juice": "juice",
         "adult": "adult", "hours": "hours", "channel": "channel", "degree": "degree",
         "email": "email", "affirm": "affirm",
         "allowance": "allowance", "others": "others", "road": "road", "reassure": "reassure", "even_if": "even_if"}
MEANINGS = {"exception": "an exception or condition: unless, except if, only if",
            "until": "until: an end the source does not set", "even_if": "even if: no exception",
            "finish": "finish: an end the source does not set", "alcohol": "alcohol",
            "crush": "crushing or grinding the medicine", "again": "again: a repeat",
            "part": "a part of an amount: half, a quarter",
            "hedge": "a hedge that softens the instruction: try to, preferably, better, if possible, generally",
            "possible": "if you can: a condition that lets the reader off",
            "swallow": "a condition about swallowing the medicine",
            "own": "on your own, without a prescription: a condition on who decides",
            "alone": "alone: the instruction narrowed to when the reader is alone",
            "much": "much, too much: the instruction narrowed to large amounts",
            "long": "long, for a long time: the instruction narrowed to long stretches",
            "dissolve": "dissolving, mixing or sprinkling the medicine",
            "insert": "inserting the medicine into the body",
            "day": "today, tonight or until tomorrow: the instruction narrowed to one day",
            "adult": "if you are an adult: the instruction narrowed to adults",
            "hours": "office or working hours: the instruction narrowed to them",
            "channel": "a way to reach someone or look things up (an app, a website, a nurse line) that the "
                       "source does not give",
            "allowance": "but you may: a permission the source does not give, beside its instruction",
            "affirm": "yes, set against a negation: it allows what the source forbids",
            "email": "e-mail: writing where the source says to call or talk, with no answer when one is needed",
            "degree": "a degree or stage the source does not name (a high fever, very allergic, the first "
                      "trimester, young children, high-fat food): the instruction narrowed to it",
            "others": "letting others do it: the instruction moved from the reader to other people",
            "road": "a kind of road (highways): the instruction narrowed to driving there",
            "reassure": "that it is normal or nothing to worry about: a reassurance the source does not give, "
                        "where it may send the reader for help",
            "juice": "juice or grapefruit: a drink the source does not name (grapefruit changes how many "
                     "medicines act)"}
# kinds whose phrases count only at the end of a clause: "Evite manejar si puede" (if you can) lets the
# reader off, "si puede estar embarazada" (if you may be pregnant) is a condition of the source's own;
# "a los adolescentes sí" allows, "sí mismo" (oneself) does not
_CLAUSE_FINAL = frozenset({"possible", "affirm"})
# kinds whose English answers count anywhere: the source's "but" or "can" answers a translation's "sí"
_ANSWERED_ANYWHERE = frozenset({"affirm"})
_CLAUSE_END = re.compile(r"\s*(?:[.,;:!?)。，；：！？،؛]|$)")


def _said(language: str, text: str) -> dict[str, list[Hit]]:
    """The phrases of a normalised text by kind, in order. A bare exception
    counts wherever it stands: "tous les jours, sauf le week-end" for
    "every day" drops two days of doses a week."""
    found: dict[str, list[Hit]] = {}
    for hit in _scan(language, "addition", text):
        kinds = hit.kinds()
        final = _CLAUSE_FINAL - _ANSWERED_ANYWHERE if language == SOURCE_LANGUAGE else _CLAUSE_FINAL
        if kinds & final and not _CLAUSE_END.match(text, hit.end):
            kinds = kinds - final
        for kind in sorted({KINDS[k] for k in kinds if k in KINDS}):
            found.setdefault(kind, []).append(hit)
    return found


def added_instructions(source: str, target: str, context: TranslationContext) -> Iterator[str]:
    """An exception, condition, end, substance or repeat the translation
    says and the source does not: "No tome más de 3 tabletas en 24 horas,
    a menos que el dolor sea fuerte" for "Do not take more than 3 tablets
    in 24 hours" keeps every number and negation, and lifts the limit."""
    if not _ready(context, "addition") or _copied(source, target):
        return
    yield from _added_removal(context.language, normalise(prose(source)), normalise(prose(target)))
    ours = _said(context.language, normalise(prose(target)))
    yield from _dropped_unless(normalise(prose(source)), ours)
    if not ours:
        return
    theirs = _said(SOURCE_LANGUAGE, normalise(prose(source)))
    for kind, hits in ours.items():
        if kind == "crush" and _forbids_crushing(context.language, normalise(prose(target)), hits) and \
                _says_whole(normalise(prose(source))):
            continue  # "Swallow it whole" as "sin masticarla ni triturarla" (without chewing or crushing it)
        if kind == "exception" and _while_as_long_as(context.language, hits, normalise(prose(source))):
            continue  # "while you take it" as "tant que vous suivez ce traitement" (as long as)
        if kind == "exception" and all("only_at" in h.kinds() for h in hits) and \
                any("only" in h.kinds() for h in _scan(SOURCE_LANGUAGE, "negation", normalise(prose(source)))):
            continue  # "Apply it to the affected area only" as "只在患处涂抹" (only on the affected area)
        if kind == "finish" and "until" in theirs:
            continue  # "until the bottle is used up" as "用完"
        if kind == "own" and _keeps_taking(normalise(prose(source))):
            continue  # "Keep taking it" as "自己判断で服用をやめないで" (do not stop on your own)
        if kind == "reassure" and _denied(context.language, normalise(prose(target)), hits):
            continue  # "un sangrado que no es normal" (not normal) reassures no one
        if kind == "even_if":
            continue  # "aunque" (although) is no instruction of its own: only an "unless" said so (_dropped_unless)
        if kind == "email" and "@" in source:
            continue  # "write to info@example.org" as "escríbanos un correo electrónico a info@example.org"
        if kind not in theirs:
            yield f'the translation says "{hits[0].text}" ({MEANINGS[kind]}), which the source does not say'


def _while_as_long_as(language: str, hits: list[Hit], source: str) -> bool:
    """Exceptions that are all the language's "while" too ("tant que": as
    long as), where the source says "while": the time the source sets."""
    during = {h.text for h in _scan(language, "negation", " ".join(h.text for h in hits)) if "during" in h.kinds()}
    return all(h.text in during for h in hits) and \
        any("during" in h.kinds() for h in _scan(SOURCE_LANGUAGE, "addition", source))


def _dropped_unless(source: str, ours: dict[str, list[Hit]]) -> Iterator[str]:
    """The source's "unless" (`[addition]` unless: "Stop taking warfarin 5
    days before, unless your doctor tells you otherwise") kept as some
    exception or condition: dropped, it holds where the source lets the
    doctor decide otherwise. Not after a negation, which a "without" may say."""
    unless = [h for h in _scan(SOURCE_LANGUAGE, "addition", source) if "unless" in h.kinds()
              and h.text.startswith("unless")]
    # "Do not stop it unless your provider tells you to" may be "without your provider's consent, do not stop"
    negated = any(n.start < h.start for h in unless for n in polarity(SOURCE_LANGUAGE, source).certain)
    if unless and not negated and "exception" not in ours:
        yield f'the source says "{unless[0].text}" (an exception: unless); the translation drops it'
    elif unless and "exception" not in ours and "even_if" in ours:
        yield f'the source says "{unless[0].text}" (an exception: unless) but the translation says ' \
              f'"{ours["even_if"][0].text}" (even if): the exception is gone'


def _added_removal(language: str, source: str, target: str) -> Iterator[str]:
    """A removal the source neither tells nor forbids (`[antonym]` remove,
    keep_on): "Keep your dressing clean and dry" as "Retirez votre pansement
    et gardez la plaie propre" takes the dressing off."""
    removed = [h for h in _scan(language, "antonym", target) if "remove" in h.kinds()]
    if removed and not any(h.kinds() & {"remove", "keep_on"} for h in _scan(SOURCE_LANGUAGE, "antonym", source)):
        yield f'the translation says "{removed[0].text}" (take off or remove), which the source does not say'


def _denied(language: str, text: str, hits: list[Hit]) -> bool:
    """Every hit of a normalised text with a negation just before it."""
    negations = polarity(language, text).certain
    return all(any(n.end <= h.start and _near(text, n, h) for n in negations) for h in hits)


def _keeps_taking(text: str) -> bool:
    """Whether a normalised source tells the reader to go on taking the
    medicine ("keep taking", "do not stop taking"): not stopping on one's
    own judgement is what it says."""
    found = said(SOURCE_LANGUAGE, "stop", text)
    return "continue" in found.concepts or "stop" in found.negated


def _forbids_crushing(language: str, text: str, hits: list[Hit]) -> bool:
    """Every "crush" of a normalised text said under a negation."""
    negations = polarity(language, text).certain
    return all(any(_near(text, n, hit) for n in negations) for hit in hits)


def _says_whole(text: str) -> bool:
    """A normalised source that says to swallow a medicine whole, under no negation."""
    negations = polarity(SOURCE_LANGUAGE, text).certain
    return any("whole" in hit.kinds() and not any(_near(text, n, hit) for n in negations)
               for hit in _scan(SOURCE_LANGUAGE, "route", text))


ADDITION_CHECKS = [EntryCheck("added-instruction", "error", added_instructions)]
