"""The word lists' patterns kept compiled in the data cache
(`pipeline/stored_patterns.py`) match exactly as `re.compile` does, and a
stored compile the engine does not take falls back to `re.compile`."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from pipeline import stored_patterns
from pipeline.checks.lexicon import _vocabulary_pattern, language_data, normalise

TABLE = Path(__file__).parent / "data" / "leaflet_translations.tsv"


def _texts(language: str) -> list[str]:
    """Real leaflet sentences, English and the language's, normalised as the checks read them."""
    texts = []
    for line in TABLE.read_text(encoding="utf-8").split("\n"):
        fields = line.split("\t")
        if len(fields) == 4 and fields[0].split("_")[0] == language.split("_")[0]:
            texts += [normalise(fields[1]), normalise(fields[2])]
    return texts


@pytest.mark.parametrize("language", ["es", "zh", "ar"])
def test_a_stored_pattern_matches_as_re_compile_does(tmp_path, monkeypatch, language):
    monkeypatch.setenv("LOCPIPE_CACHE_DIR", str(tmp_path))
    texts = _texts(language)
    assert len(texts) > 40
    compared = 0
    for code in ("en", language):
        for section in language_data(code):
            pattern = _vocabulary_pattern(code, section)[0]
            if not pattern:
                continue
            made = stored_patterns.stored_compile(f"{code}-{section}", pattern)  # compiled and stored
            loaded = stored_patterns.stored_compile(f"{code}-{section}", pattern)  # read back
            expected = re.compile(pattern)
            for got in (made, loaded):
                assert (got.pattern, got.flags, got.groups, got.groupindex) == \
                    (expected.pattern, expected.flags, expected.groups, expected.groupindex)
                for text in texts:
                    assert [(m.span(), m.lastindex) for m in got.finditer(text)] == \
                        [(m.span(), m.lastindex) for m in expected.finditer(text)], (code, section, text)
            compared += 1
    assert compared > 30
    assert len(list(tmp_path.glob("pattern-*.pickle"))) == compared


def test_an_engine_that_refuses_the_stored_code_gets_re_compile(tmp_path, monkeypatch):
    monkeypatch.setenv("LOCPIPE_CACHE_DIR", str(tmp_path))
    stored_patterns.stored_compile("probe", r"(?:no|not)\s+(\w+)")

    class OtherEngine:
        def compile(self, *args):
            raise TypeError("compile() takes other arguments")

    monkeypatch.setattr(stored_patterns, "_sre", OtherEngine())
    got = stored_patterns.stored_compile("probe", r"(?:no|not)\s+(\w+)")
    assert got.findall("do not take") == ["take"]
