"""The permission check: a prohibition of the source ("Do not drive",
"Never crush or chew the tablets") said as a permission, with or without a
negative word left in the sentence: a negated objection ("لا مانع من
القيادة", there is no objection to driving; "Nada impede dirigir", nothing
prevents driving; "Не бойтесь садиться за руль", do not be afraid to drive;
"绝无问题", absolutely no problem), or a permission modal that governs a
clause before any negation ("Puede triturar o masticar las tabletas; nunca
las trague enteras", you may crush or chew them, never swallow them whole),
or after a concession that undoes the prohibition ("Aunque, si le cuesta
tragarlas, puede hacerlo", though if they are hard to swallow, you may).
Counting negations cannot see these: the negative word is still there, or
another clause has one.

Each language's `[permission]` section lists its negated objections
(`unobjected`, which the negation check does not count as negations), its
permission modals (`granted`: "puede", "vous pouvez", "可以") and its
concessions (`concession`: "aunque", "不过"); the English one lists, in
`prohibition`, how a source clause forbids (it begins with one: "do not",
"never"), and in `granted` what allows or may be read as allowing ("may",
"can"): a source that says one may well be translated with "puede"."""

from __future__ import annotations

import re
from typing import Iterator

from .base import TranslationContext
from .lexicon import Hit, SOURCE_LANGUAGE, language_setting
from .reading import _copied, _ready, _scan, candidates

_CLAUSE_START = re.compile(r"(?:^|[,;:.!?¿¡()\"“”«»，；：。！？、،؛]|\s[-–—]\s)[\s\"“«¿¡(]*$")
_UNSPACED = re.compile("[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")


def _kind(hits: tuple[Hit, ...], kind: str) -> list[Hit]:
    return [h for h in hits if kind in h.kinds()]


def _begins_clause(text: str, hit: Hit) -> bool:
    """Whether a phrase opens a clause: nothing but punctuation and spaces
    between it and the start of its sentence or the last comma."""
    return _CLAUSE_START.search(text[:hit.start]) is not None


def _clause_before(text: str, hit: Hit) -> str:
    """The part of a phrase's clause before it."""
    return re.split(r"[,;:.!?，；：。！？、،؛]", text[:hit.start])[-1]


def _governing(language: str, text: str, hit: Hit) -> bool:
    """A permission modal that tells the reader what they may do: at the
    start of its clause (in a language written without spaces, or one whose
    verb comes last, anywhere in it), neither negated ("no puede") nor in an
    "if" clause ("si puede tragar")."""
    before = _clause_before(text, hit)
    conditions = [h for h in _scan(language, "negation", before) if "condition" in h.kinds()]
    negations = [h for h in _scan(language, "negation", before) if h.kinds() & {"words", "concord"}]
    if conditions or negations and before[negations[-1].end:].strip() == "":
        return False
    if _UNSPACED.search(hit.text) or language_setting(language, "postpositions"):
        return True
    return _begins_clause(text, hit)


def _prohibition(text: str) -> Hit | None:
    """The first clause of an English part that forbids: it begins with "do
    not", "never", "you must not" (outside a `not` phrase such as "do not
    hesitate")."""
    for hit in _kind(_scan(SOURCE_LANGUAGE, "permission", text), "prohibition"):
        if _begins_clause(text, hit):
            return hit
    return None


def _sentence_before(text: str, hit: Hit) -> str:
    return re.split(r"[.!?。！？؟]", text[:hit.start])[-1]


def _undoing(language: str, text: str, hit: Hit) -> bool:
    """A permission modal that comes before every negation of the part (a
    "without" forbids nothing: "Sin problema, puede triturarlas"), or
    whose sentence opens with a concession ("Aunque, ...", "不过..."): it
    says what the reader may do, not what the negation forbids."""
    ours = _scan(language, "negation", text)
    first = next((h for h in ours if h.kinds() & {"words", "concord", "inverting", "prohibitive"}), None)
    if first is None or hit.start < first.start:
        return True
    return any("concession" in h.kinds() for h in _scan(language, "permission", _sentence_before(text, hit)))


def changed_permission(source: str, target: str, context: TranslationContext) -> Iterator[str]:
    """Where a clause of the source forbids and the source allows nothing
    ("you may", "no problem"), the translation has no negated objection and
    no permission modal that governs a clause: each says the reader may do
    what the source forbids."""
    if not _ready(context, "permission") or _copied(source, target):
        return
    for where, source_part, target_part in candidates("permission", source, target, context.language):
        forbids = _prohibition(source_part)
        theirs = _scan(SOURCE_LANGUAGE, "permission", source_part)
        if forbids is None or _kind(theirs, "unobjected") or _kind(theirs, "granted"):
            continue
        ours = _scan(context.language, "permission", target_part)
        unobjected = _kind(ours, "unobjected")
        granted = [h for h in _kind(ours, "granted") if _governing(context.language, target_part, h)
                   and _undoing(context.language, target_part, h)]
        if unobjected:
            yield f'{where}the source says "{forbids.text}" (a prohibition) but the translation says ' \
                  f'"{unobjected[0].text}" (no objection, no problem): it allows what the source forbids'
        elif granted:
            yield f'{where}the source says "{forbids.text}" (a prohibition) but the translation says ' \
                  f'"{granted[0].text}" (you may): it allows what the source forbids'
