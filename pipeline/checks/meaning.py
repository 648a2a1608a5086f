"""Errors of meaning that keep every number and link intact: a dropped
"do not", "or higher" turned into "or lower", a teaspoon into a
tablespoon, 8 p.m. into 8 a.m., "right away" into "tomorrow".

Each check reads the words of the source's language (English) and of the
translation's language from `data/<language>.toml` (see lexicon.py) and
compares what they say, sentence by sentence when source and translation
have as many sentences, otherwise over the whole unit. A language without
data for a check is named once per catalog (`no-language-data`), never
passed over in silence.

One module a check: negation.py, permission.py, comparative.py, opposites.py, units.py,
times.py, urgency.py, doses.py (medicine and dose), status.py; they read texts
through reading.py and polarity.py. This module registers them and says
which a language's data cannot run."""

from __future__ import annotations

from typing import Iterator

import polib

from .base import HeaderCheck, entry_checks
from .binding import changed_binding
from .comparative import changed_comparative
from .doses import changed_dose, changed_medicines
from .lexicon import SOURCE_LANGUAGE, has_section
from .negation import changed_negation
from .opposites import changed_opposites
from .permission import changed_permission
from .status import claimed_status
from .times import changed_time_of_day
from .units import changed_units
from .urgency import changed_urgency

MEANING_CHECKS = entry_checks("error", {
    "negation": changed_negation, "permission": changed_permission, "comparative": changed_comparative,
    "opposite": changed_opposites, "unit": changed_units, "time-of-day": changed_time_of_day,
    "binding": changed_binding,
    "urgency": changed_urgency, "medicine": changed_medicines, "dose": changed_dose, "status": claimed_status})
# The section of a language's data file each check needs.
# The instruction checks (route.py, conditions.py, stopping.py, terms.py) and the checks of additions.py
# and course.py are named here too.
DATA_SECTIONS = {"negation": "negation", "permission": "permission", "comparative": "comparative", "opposite": "antonym", "unit": "unit",
                 "time-of-day": "time", "binding": "time", "urgency": "urgency", "medicine": "medicine", "dose": "dose",
                 "route": "route", "food": "food", "modal": "modal", "stop": "stop", "key-term": "term",
                 "added-instruction": "addition", "course": "unit", "event-order": "comparative",
                 "either-or": "junction"}


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
