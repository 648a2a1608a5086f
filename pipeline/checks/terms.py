"""Key terms of a warning: the symptom to watch for (chest pain, not a
headache), the colour of a warning sign (blue lips, not pink), who the
instruction is for (children, not adults) and the days a service answers
(Monday through Friday, not through Sunday). Each is a family of concepts
in the `[term.<family>]` tables of a language's data; a concept of the
source that the translation lacks, where the translation names another
concept of the same family that the source lacks, is a swap."""

from __future__ import annotations

from functools import lru_cache
from typing import Iterator

from .base import EntryCheck, TranslationContext
from .concepts import SOURCE_LANGUAGE, parts, quoted, said
from .lexicon import language_data


@lru_cache(maxsize=1)
def families() -> tuple[str, ...]:
    """The families of key terms, as English names them."""
    return tuple(language_data(SOURCE_LANGUAGE).get("term", {}))


def changed_key_terms(source: str, target: str, context: TranslationContext) -> Iterator[str]:
    """A symptom, colour, group of people or day of the source said as
    another of its family: "dolor de cabeza" for "chest pain", "rosados" for
    "blue", "adultos" for "children", "de lunes a domingo" for "Monday
    through Friday". A term dropped or added alone is not reported: a
    translation may well say "if you have it" for a symptom named before."""
    for where, source_part, target_part in parts("term", source, target, context):
        for family in families():
            theirs = said(SOURCE_LANGUAGE, "term", source_part, family)
            ours = said(context.language, "term", target_part, family)
            theirs_all = theirs.concepts | theirs.negated
            ours_all = ours.concepts | ours.negated
            lost = [(k, h) for k, h in theirs_all.items() if k not in ours_all]
            gained = [(k, h) for k, h in ours_all.items() if k not in theirs_all]
            for (kind, hit), (other, instead) in zip(lost, gained):
                yield f"{where}the source says {quoted(hit, kind)} but the translation says {quoted(instead, other)}"


TERM_CHECKS = [EntryCheck("key-term", "error", changed_key_terms)]
