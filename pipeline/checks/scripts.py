"""The mixed-script check: a word of the translation that mixes scripts, or
holds a letter its language does not write, is a look-alike (a Cyrillic "о"
in a Latin word, a Persian yeh in Arabic) that hides a word from the other
checks and from a reader's search."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Iterator

import regex

from .base import EntryCheck, TranslationContext
from .invisible import _code
from .invisible import read

# Scripts, as Unicode assigns them to letters (the `regex` module's \p{Script=...}); a
# letter of another script is named by the first word of its Unicode name.
_SCRIPTS = ("Latin", "Cyrillic", "Greek", "Armenian", "Georgian", "Cherokee", "Coptic", "Glagolitic", "Ogham",
            "Runic", "Arabic", "Hebrew", "Syriac", "Thaana", "Nko", "Adlam", "Ethiopic", "Tifinagh", "Vai",
            "Osage", "Lisu", "Canadian_Aboriginal", "Devanagari", "Bengali", "Gurmukhi", "Gujarati", "Oriya",
            "Tamil", "Telugu", "Kannada", "Malayalam", "Sinhala", "Tibetan", "Mongolian", "Thai", "Lao", "Myanmar",
            "Khmer", "Han", "Hiragana", "Katakana", "Hangul", "Bopomofo", "Yi", "Common", "Inherited")
_SCRIPT_PATTERN = regex.compile("|".join(f"(?P<{name}>\\p{{Script={name}}})" for name in _SCRIPTS))
# Scripts written without spaces, which run into each other and into Latin letters in one
# word ("CRS和神经毒性", "CAR-T細胞療法", "CRS는"): no look-alikes among them.
_RUN_TOGETHER = frozenset({"Han", "Hiragana", "Katakana", "Hangul", "Bopomofo", "Thai", "Lao", "Khmer", "Myanmar",
                           "Tibetan"})
# Letters a language does not write that look like its own: in Arabic, the Persian and Urdu
# yeh, keheh and heh forms (لیس shows ليس, "is not", and is no word of any list)
_LOOKALIKE_LETTERS = {"ar": "\u06cc\u06a9\u06c1\u06be\u06c0\u06d2"}
# In Persian, Arabic yeh and kaf written in one word with the Persian forms
_MIXED_FORMS = {"fa": ("\u064a\u0643", "\u06cc\u06a9")}
_MICRO = frozenset("\u00b5\u03bc")  # µg, μL: a unit's prefix, not a word
_WORD = re.compile(r"[^\W\d_]+")


@lru_cache(maxsize=4096)
def _script(char: str) -> str:
    """The script of a letter; full-width Latin letters (Ｎ) are a script of
    their own, since they sit beside ASCII letters only to pass for them."""
    if "\uff21" <= char <= "\uff5a":
        return "Fullwidth Latin"
    match = _SCRIPT_PATTERN.match(char)
    if match is not None:
        return match.lastgroup
    return unicodedata.name(char, "Unknown").split(" ", 1)[0].title()


def _runs(word: str) -> list[tuple[str, str]]:
    """(script, letters) of a word, one for each change of script; marks
    (Inherited) and modifier letters of no script (the Japanese long-vowel
    mark ー, the Arabic tatweel) belong to the letter before them."""
    runs: list[tuple[str, str]] = []
    for char in word:
        script = _script(char)
        if runs and (script == "Inherited" or (script == "Common" and unicodedata.category(char) == "Lm")):
            script = runs[-1][0]
        if runs and runs[-1][0] == script:
            runs[-1] = (script, runs[-1][1] + char)
        else:
            runs.append((script, char))
    return runs


def _suspect(word: str, source_words: frozenset[str], language: str) -> tuple[str, ...]:
    """The scripts a word mixes where one of its letters may pass for
    another's, or () for a word of one script or of a mix that languages
    write: kanji and kana, Latin letters run into Chinese ("CRS和"), Greek
    in Chinese ("α受体"), a word of the source joined to a prefix ("بالـCRS"),
    the micro sign of "µg"."""
    scripts, latin = _word_scripts(word, language.replace("-", "_").split("_")[0])
    if latin is not None and all(letters in source_words and len(letters) > 1 for letters in latin):
        return ()
    return scripts


@lru_cache(maxsize=65536)
def _word_scripts(word: str, base: str) -> tuple[tuple[str, ...], tuple[str, ...] | None]:
    """What `_suspect` says of a word in a language, whatever the source:
    the scripts it mixes, and the Latin letters that make it no mix if the
    source has each of them as a word (None when the source cannot)."""
    if any(c in _LOOKALIKE_LETTERS.get(base, "") for c in word):
        return ("Arabic", "Persian"), None
    forms = _MIXED_FORMS.get(base)
    if forms and any(c in forms[0] for c in word) and any(c in forms[1] for c in word):
        return ("Arabic", "Persian"), None
    if word[:1] in _MICRO and word[1:2].isascii() and word[1:2].isalpha():  # "µg", "µgを": the micro sign of a unit
        word = "u" + word[1:]
    runs = _runs(word)
    scripts = {script for script, _ in runs}
    if len(scripts) < 2:
        return (), None
    if "Common" in scripts or {"Latin", "Fullwidth Latin"} <= scripts:
        return tuple(sorted(scripts)), None
    spaced = scripts - _RUN_TOGETHER
    if len(spaced) <= 1 and scripts & _RUN_TOGETHER:
        return (), None
    if len(spaced - {"Latin"}) == 1 and not scripts & _RUN_TOGETHER:
        return tuple(sorted(scripts)), tuple(letters for script, letters in runs if script == "Latin")
    return tuple(sorted(scripts)), None


@lru_cache(maxsize=8192)
def _mixed_words(text: str, language: str = "", source: str = "") -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Words of a read text whose letters may pass for another script's,
    with the scripts they mix; `source` is the text whose Latin words may be
    joined to a translation's prefix."""
    read_text = read(text)
    if read_text.isascii():
        return ()
    source_words = frozenset(re.findall(r"[A-Za-z]+", read(source)))
    found = []
    for word in _WORD.findall(read_text):
        word = "".join(c for c in word if unicodedata.category(c) != "No")  # "½錠": a fraction is no letter
        if word.isascii():
            continue
        scripts = _suspect(word, source_words, language)
        if scripts:
            found.append((word, scripts))
    return tuple(dict.fromkeys(found))


def _odd_letters(word: str, language: str) -> str:
    """The letters of a word that are not of its first letter's script."""
    base = language.replace("-", "_").split("_")[0]
    odd = [c for c in word if c in _LOOKALIKE_LETTERS.get(base, "") or c in _MIXED_FORMS.get(base, ("", ""))[0]]
    if not odd:
        runs = _runs(word)
        sizes: dict[str, int] = {}
        for script, letters in runs:
            sizes[script] = sizes.get(script, 0) + len(letters)
        main = max(sizes, key=lambda script: (sizes[script], script == "Latin"))
        odd = [c for script, letters in runs if script != main for c in letters]
    return ", ".join(_code(c) for c in dict.fromkeys(odd))


def mixed_scripts(source: str, target: str, context: TranslationContext) -> Iterator[str]:
    """A word written with letters that pass for another script's, which the
    source does not have: Latin "No" with a Cyrillic "о" shows "No" but is
    no word of any list, so "Nо tome" hides its negation from the meaning
    checks; so do an Armenian or Cherokee look-alike in a Latin word, a
    full-width "Ｎ" beside ASCII letters, and a Persian "ی" in an Arabic word.
    Scripts that languages write together are no error: kanji and kana,
    Hangul and Hanja, Latin letters run into Chinese."""
    theirs = {word for word, _ in _mixed_words(source)}
    for word, scripts in _mixed_words(target, context.language, source):
        if word not in theirs:
            names = " and ".join("symbol-font" if s == "Common" else s.replace("_", " ") for s in scripts)
            yield f'the word "{word}" mixes {names} letters ({_odd_letters(word, context.language)})'


SCRIPT_CHECKS = [EntryCheck("mixed-script", "error", mixed_scripts, include_fuzzy=True)]
