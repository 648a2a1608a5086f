"""Python %-format strings as `msgfmt --check-format` reads them: the page
strings (`ui.po`) are filled in with `%` by Jinja2, so a translation must
name the same placeholders with the same conversions, and write a percent
sign as `%%`. "(100% revisada)" holds the directive `% r` (a space flag and
the repr conversion); `%(organisation)r` fills in a quoted repr, and an
unknown name stops the page with a KeyError."""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

_DIRECTIVE = re.compile(
    r"%(?:\((?P<name>[^)]*)\))?(?P<flags>[#0\- +]*)(?P<width>\*|\d+)?(?:\.(?P<precision>\*|\d+))?"
    r"[hlL]?(?P<conversion>[diouxXeEfFgGcrsa%])")


@lru_cache(maxsize=16384)
def directives(text: str) -> tuple[tuple[tuple[str, str], ...], tuple[str, ...]]:
    """(the placeholders of a text, each without its flags and width
    (`%(date)s`, `%d`) and as written (`% d`); and every `%` that starts no
    directive)."""
    found, bad = [], []
    position = 0
    while True:
        start = text.find("%", position)
        if start < 0:
            break
        match = _DIRECTIVE.match(text, start)
        if match is None:
            bad.append(text[start:start + 3])
            position = start + 1
            continue
        position = match.end()
        if match.group("conversion") == "%" and match.end() - start == 2:
            continue  # %%: a percent sign
        if match.group("conversion") == "%":
            bad.append(match.group(0))
            continue
        name = match.group("name")
        if name is not None and "*" in (match.group("width") or "") + (match.group("precision") or ""):
            bad.append(match.group(0))  # Python takes a * width from a tuple, never with a name
            continue
        key = f"%({name}){match.group('conversion')}" if name is not None else f"%{match.group('conversion')}"
        found.append((key, match.group(0)))
    return tuple(found), tuple(bad)


# A percent sign after a number and before a word: "25% of patients" is prose,
# though msgfmt would read "% o" as a directive.
_PROSE_PERCENT = re.compile(r"(?<=\d)% (?=[^\W\d_])")


def is_python_format(source: str) -> bool:
    """Whether a source string is filled in with `%`: it names a placeholder
    (a plain "100%" or "25% of" in a leaflet is text, not a format)."""
    return "%" in source and bool(directives(_PROSE_PERCENT.sub(" ", source))[0])


def format_problems(source: str, target: str, flagged: bool = False) -> list[str]:
    """What would make `target % values` fail or print something else
    than `source % values` does; empty when the two agree. `flagged`: the
    entry says python-format, so the source is a format whatever it holds."""
    if not flagged and not is_python_format(source):
        return []
    expected = Counter(key for key, _ in directives(source)[0])
    found, bad = directives(target)
    problems = [f"{text!r} is not a placeholder: write a percent sign as %%" for text in bad]
    named = any(p.startswith("%(") for p in expected)
    if named:  # a mapping fills these in: a positional directive is a stray percent sign
        problems += [f"{written!r} is not a placeholder of the source: write a percent sign as %%"
                     for key, written in found if not key.startswith("%(")]
        found = [(key, written) for key, written in found if key.startswith("%(")]
    found_counts = Counter(key for key, _ in found)
    for placeholder in sorted(set(expected) - set(found_counts) if named else expected - found_counts):
        problems.append(f"placeholder {placeholder} is missing")
    for placeholder in sorted(set(found_counts) - set(expected) if named else found_counts - expected):
        problems.append(f"placeholder {placeholder} is not in the source")
    return problems
