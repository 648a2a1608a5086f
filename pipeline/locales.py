"""Language codes as locpipe reads and writes them: the shape of a code
(gettext's folder name, BCP 47's attribute), its base language, its script's
direction, its names, and whether its text is counted in characters.

Plural rules are in `plurals.py`; each stage's word lists are data files
looked up through these codes."""

from __future__ import annotations

from functools import lru_cache

SPACELESS = frozenset({"zh", "ja"})  # written without spaces between words


def normalise_language(code: str) -> str:
    """pt-BR, ES and zh-hans as gettext and CLDR name them: pt_BR, es,
    zh_Hans (the language in lower case, a script in title case, a region
    in upper case). On a file system that ignores case, ES and es would be
    one folder under two names."""
    parts = code.replace("-", "_").split("_")
    shaped = [parts[0].lower()]
    for part in parts[1:]:
        if len(part) == 4 and part.isalpha():
            shaped.append(part.title())
        elif len(part) in (2, 3) and (part.isalpha() or part.isdigit()):
            shaped.append(part.upper())
        else:
            shaped.append(part)
    return "_".join(shaped)


@lru_cache(maxsize=None)
def base_language(language: str) -> str:
    """es for es_MX, es-MX and ES; zh for zh_Hans."""
    return language.replace("-", "_").split("_")[0].lower()


def bcp47(language: str) -> str:
    """zh_Hans -> zh-Hans, for lang and hreflang attributes."""
    return language.replace("_", "-")


def counted_in_characters(language: str) -> bool:
    """Chinese and Japanese are written without spaces between words, so
    their text is measured in characters."""
    return base_language(language) in SPACELESS


def _from_cldr(kind: str, language: str, read) -> str:
    """What CLDR says of a language, read once: babel's data of a locale
    takes a twentieth of a second to load, so its answers are kept across
    runs in the data cache (named by babel's version with the other
    libraries')."""
    from . import memos
    memo = memos.memo_name("cldr", "")
    found = memos.recall(memo, (kind, language))
    if found is None:
        found = read()
        memos.remember(memo, (kind, language), found)
    return found


@lru_cache(maxsize=256)
def text_direction(language: str) -> str:
    """"rtl" or "ltr", from CLDR."""
    def read() -> str:
        from babel import Locale  # CLDR's data: only for commands that render or name languages
        return Locale.parse(language).text_direction
    return _from_cldr("direction", language, read)


@lru_cache(maxsize=256)
def native_name(language: str) -> str:
    """A language named in itself, as a switcher shows it."""
    def read() -> str:
        from babel import Locale
        name = Locale.parse(language).display_name or language
        return name[:1].upper() + name[1:]
    return _from_cldr("native", language, read)


@lru_cache(maxsize=64)
def english_name(language: str) -> str:
    """A language in English, as a reviewer reads it in a report."""
    def read() -> str:
        from babel import Locale
        try:
            return Locale.parse(language).get_display_name("en") or language
        except (ValueError, LookupError):
            return language
    return _from_cldr("english", language, read)
