""""Ask your doctor before you stop taking this medicine" is "Do not stop
taking it without talking to your doctor" ("No deje de tomarlo sin hablar
antes con su médico", "N'arrêtez pas sans l'avis de votre médecin",
"未经医生同意，请勿自行停药", "自己判断でやめないでください"): the stop the
source sets after asking is the one the translation forbids without asking.
The negation, stop and comparative checks read such a pair as the same
instruction; a translation that stops the medicine ("Deje de tomarlo y
hable con su médico") or forbids it with no word of asking stays theirs."""

from __future__ import annotations

from functools import lru_cache

from .concepts import said
from .lexicon import SOURCE_LANGUAGE
from .reading import _directions, _scan


@lru_cache(maxsize=16384)
def asked_first(language: str, source: str, target: str) -> bool:
    """Whether a normalised source asks before stopping (a `[stop] consult`
    word, and a "before" right before its stop word: "before you stop") and
    the translation forbids stopping without asking (`[stop] unconsulted`:
    "sin hablar", "sans l'avis", "未经", "自己判断で", with a stop word under
    a negation or a "do not stop" word of `continue`: "No deje de")."""
    hits = _scan(SOURCE_LANGUAGE, "stop", source)
    stops = [h for h in hits if "stop" in h.kinds()]
    if not any("consult" in h.kinds() for h in hits) or not stops:
        return False
    befores = [b for b in _scan(SOURCE_LANGUAGE, "comparative", source) if "BEFORE" in _directions(b)[0]]
    if not any(source[b.end:s.start].strip() in ("", "you") for b in befores for s in stops) \
            and not _forbidden_then_asked(source, hits):
        return False
    if not any("unconsulted" in h.kinds() for h in _scan(language, "stop", target)):
        return False
    ours = said(language, "stop", target)
    return "stop" in ours.negated or "continue" in ours.concepts


def _forbidden_then_asked(source: str, hits) -> bool:
    """"Do not stop taking it suddenly. Talk with your doctor first": a
    forbidden stop and a consult word followed by a `[stop] first` word
    ("first", "beforehand") ask before stopping as "before you stop" does,
    which a translation says "no lo suspenda sin consultar antes"."""
    consults = [h for h in hits if "consult" in h.kinds()]
    firsts = [h for h in hits if "first" in h.kinds()]
    if not any(0 < f.start - c.end <= 40 and "." not in source[c.end:f.start] for c in consults for f in firsts):
        return False
    return "stop" in said(SOURCE_LANGUAGE, "stop", source).negated
