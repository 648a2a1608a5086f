"""Names told apart by a letter: vitamin D is not vitamin C, hepatitis B
is not hepatitis C. A word list cannot hold every letter in every
language, so each language's data gives the word (`[lettered]`, with `#`
where the letter stands when it comes first, "#型肝炎") and this check
reads the letter: a Latin capital, or the letter a script writes for it
(Cyrillic "витамин Д", Arabic "فيتامين د", Chinese "乙型肝炎")."""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from typing import Iterator

from ..stored_patterns import stored_compile
from .base import TranslationContext
from .invisible import read
from .lexicon import SOURCE_LANGUAGE, language_data

# Letters other scripts write for A-K, by the Latin letter: Cyrillic (Russian "витамин С", "гепатит В"),
# Arabic and Persian ("فيتامين د", "ویتامین ث" is C in Persian), Devanagari ("विटामिन डी"), and the
# Chinese heavenly stems that count hepatitis types (甲 A, 乙 B, 丙 C, 丁 D, 戊 E).
_OTHER_LETTERS = {
    "А": "A", "Б": "B", "В": "B", "С": "C", "Д": "D", "Е": "E", "К": "K",
    "أ": "A", "آ": "A", "ا": "A", "ب": "B", "ج": "C", "ث": "C", "سي": "C", "د": "D", "دي": "D", "ه": "E",
    "ای": "E", "ك": "K", "کا": "K",
    "ए": "A", "बी": "B", "सी": "C", "डी": "D", "ई": "E", "के": "K",
    "甲": "A", "乙": "B", "丙": "C", "丁": "D", "戊": "E",
}
_LETTER = "([A-K]|" + "|".join(sorted(map(re.escape, _OTHER_LETTERS), key=len, reverse=True)) + \
    r")(\d{1,2})?(?![A-Za-z0-9\u0400-\u04ff\u0600-\u06ff\u0900-\u097f])"
_UNSPACED = stored_compile("lettered-unspaced", "[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")


@lru_cache(maxsize=64)
def _patterns(language: str) -> tuple[tuple[str, re.Pattern], ...]:
    """(kind, pattern) for each kind of lettered name a language's data
    lists: the word case-insensitive, the letter a capital."""
    patterns = []
    for kind, words in language_data(language).get("lettered", {}).items():
        forms = []
        for word in sorted(words, key=len, reverse=True):
            if "#" in word:
                before, _, after = word.partition("#")
                forms.append(f"(?i:{re.escape(before)}){_LETTER}\\s?(?i:{re.escape(after)})")
            else:
                start = "" if _UNSPACED.match(word) else r"(?<![^\W\d_])"  # 服用维生素D: no word break before it
                forms.append(rf"{start}(?i:{re.escape(word)})[\s\u00a0-]?{_LETTER}")
        patterns.append((kind, re.compile("|".join(f"(?:{form})" for form in forms))))
    return tuple(patterns)


def _names(language: str, text: str) -> dict[str, Counter]:
    """The lettered names of a text by kind, as letter and number
    ("D", "B12"): {"vitamin": {"D": 1}}."""
    found: dict[str, Counter] = {}
    for kind, pattern in _patterns(language):
        for match in pattern.finditer(text):
            groups = [g for g in match.groups() if g is not None]
            letter = _OTHER_LETTERS.get(groups[0], groups[0])
            found.setdefault(kind, Counter())[letter + "".join(groups[1:])] += 1
    return found


def _matched(theirs: Counter, ours: Counter) -> tuple[Counter, Counter]:
    """What one side names that the other does not; a name without its
    number answers one with it ("vitamin D" and "vitamina D3"), but B6 is
    not B12."""
    lost, gained = theirs - ours, ours - theirs
    for name in list(lost):
        other = next((o for o in gained if o[0] == name[0] and (len(o) == 1 or len(name) == 1)), None)
        if other is not None:
            lost[name] -= 1
            gained[other] -= 1
    return +lost, +gained


def changed_letters(source: str, target: str, context: TranslationContext) -> Iterator[str]:
    """A vitamin or a hepatitis of the source said with another letter or
    left without its letter, or one the source does not name: "vitamina
    C" for "vitamin D", "hepatitis C" for "hepatitis B"."""
    if not language_data(context.language).get("lettered"):
        return
    theirs, ours = _names(SOURCE_LANGUAGE, read(source)), _names(context.language, read(target))
    for kind in dict.fromkeys([*theirs, *ours]):
        lost, gained = _matched(theirs.get(kind, Counter()), ours.get(kind, Counter()))
        said = f"the source says {_listed(kind, lost)}" if lost else "the source does not name it"
        for name in sorted(gained):
            yield f"the translation says {kind} {name}, but {said}"
        if lost and not gained:
            yield f"the source says {_listed(kind, lost)}; the translation does not"


def _listed(kind: str, names: Counter) -> str:
    return " and ".join(f"{kind} {name}" for name in sorted(names))
