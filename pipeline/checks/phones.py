"""A source's phone number written in a translation as one run of digits
("2126392000" for 212-639-2000): `tokens.phone_numbers` reads ten digits in
a row as a number, not a phone, but a run of exactly the source number's
digits dials the same number. A digit more, less or changed is another run."""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

# a run of digits with no digit, separator or decimal part joined to it
_RUN = re.compile(r"(?<![\d+\-.,/])\+?\d{7,15}(?![\d\-/]|[.,]\d)")


@lru_cache(maxsize=4096)
def _digits_of(key: str) -> frozenset[str]:
    """The runs that dial an E.164 number: its national significant number,
    with or without its country code ("2126392000", "12126392000")."""
    import phonenumbers
    try:
        number = phonenumbers.parse(key)
    except phonenumbers.NumberParseException:
        return frozenset()
    national = phonenumbers.national_significant_number(number)
    return frozenset({national, f"{number.country_code}{national}"})


def unseparated_phones(keys, prose: str) -> tuple[Counter, Counter]:
    """The source phone numbers (E.164 `keys`) that a read text writes as
    one run of their digits, by key, and the runs as written."""
    found: Counter = Counter()
    runs: Counter = Counter()
    wanted = {digits: key for key in keys for digits in _digits_of(key)}
    for match in _RUN.finditer(prose):
        key = wanted.get(match.group().lstrip("+"))
        if key:
            found[key] += 1
            runs[match.group()] += 1
    return found, runs
