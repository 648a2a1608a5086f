"""Whom the reader is told to call, ask or tell: where the source sends the
reader to someone of the care team ("your healthcare provider", "your
doctor", "your pharmacist"), a translation that names instead a relative, a
neighbour, a boss, the insurance company, the internet, or a professional
the source does not name (a pharmacist, a dentist for "your care team")
sends a patient with chest pain to the wrong person.

The contacts are the `[term.caregiver]` roles (doctor, nurse, pharmacist,
dentist) and the `[contact]` section: `care` (a care team, a healthcare
provider, a clinic: any of the care team), `professional.<kind>` (other
professions) and `lay.<kind>` (no professional at all). A doctor, a nurse and
the care team answer each other ("médico" for "healthcare provider"); a
translation that also names a professional the source names is not
reported here (a swap of two roles is `changed_key_terms`'s)."""

from __future__ import annotations

from typing import Iterator

from .base import TranslationContext
from .concepts import SOURCE_LANGUAGE, parts, quoted
from .lexicon import Hit
from .reading import _scan

# The care team and the two of its roles that a translation may name for it.
CARE = frozenset({"care", "doctor", "nurse"})
# The roles of `[term.caregiver]`.
ROLES = frozenset({"doctor", "nurse", "pharmacist", "dentist"})


def changed_contact(source: str, target: str, context: TranslationContext) -> Iterator[str]:
    """A contact of the source's care team said as someone else: "Call your
    doctor" as "Llame a su jefe", "a su esposo", "a su compañía de
    seguros"; "your healthcare provider" as "un familiar" or "su
    farmacéutico"; "Ask your pharmacist" as "Consulte a un amigo",
    "Consulte internet". A translation that names any professional the
    source's words allow ("médico" or "equipo médico" for "healthcare
    provider") is not reported, nor one that names no one ("llame")."""
    for where, source_part, target_part in parts("contact", source, target, context):
        theirs = _contacts(SOURCE_LANGUAGE, source_part)
        asked = {kind: hit for kind, hit in theirs.items() if _professional(kind)}
        if not asked:
            continue
        ours = _contacts(context.language, target_part)
        if any(_answers(kind, asked) for kind in ours if _professional(kind)):
            continue
        # a role for a role of the source ("farmacéutico" for "doctor") is changed_key_terms's swap
        swapped = ROLES & set(theirs)
        wrong = [(kind, hit) for kind, hit in ours.items() if kind not in theirs and not (swapped and kind in ROLES)]
        if wrong:
            (kind, hit), (other, instead) = next(iter(asked.items())), wrong[0]
            yield f"{where}the source tells the reader to turn to {_quoted(hit, kind)} but the " \
                  f"translation names {_quoted(instead, other)} instead, whom the source does not name"


def _contacts(language: str, text: str) -> dict[str, Hit]:
    """The contacts a part names, by kind ("doctor", "care",
    "lay.family", "professional.physiotherapist"), the first phrase of each."""
    found: dict[str, Hit] = {}
    for hit in _scan(language, "term", text):
        for kind in sorted(hit.kinds()):
            if kind.startswith("caregiver.") and kind != "caregiver.not":
                found.setdefault(kind.split(".", 1)[1], hit)
    for hit in _scan(language, "contact", text):
        for kind in sorted(hit.kinds() - {"not"}):
            found.setdefault(kind, hit)
    return found


def _professional(kind: str) -> bool:
    return not kind.startswith("lay.")


def _answers(kind: str, asked: dict[str, Hit]) -> bool:
    """A professional of the translation that the source's allow: the same
    role, or any of the care team for any of it."""
    return kind in asked or kind in CARE and any(k in CARE for k in asked)


def _quoted(hit: Hit, kind: str) -> str:
    """A phrase, with the kind of contact it names where its words do not say it."""
    name = {"care": "the care team"}.get(kind, kind.rpartition(".")[2])
    return f'"{hit.text}"' if hit.text == name else quoted(hit, name)
