"""Correct translations of typical leaflet sentences (dosing, warnings, when
to call, food, times) in the most requested languages give no error, and a
dangerous change of one of them does: tests/data/leaflet_translations.tsv,
each language as one real catalog through `locpipe check --json`."""

from __future__ import annotations

from pathlib import Path

import pytest

from test_meaning import _checked

TABLE = Path(__file__).parent / "data" / "leaflet_translations.tsv"


def _rows() -> dict[str, list[tuple[str, str, str | None, str]]]:
    """(source, translation, check or None, "") by language, in file order."""
    by_language: dict[str, list[tuple[str, str, str | None, str]]] = {}
    for line in TABLE.read_text(encoding="utf-8").split("\n"):  # not splitlines(): a row may hold U+2028
        if not line.strip() or line.startswith("#"):
            continue
        language, source, translation, check = line.split("\t")
        by_language.setdefault(language, []).append((source, translation, check or None, ""))
    return by_language


ROWS = _rows()


def test_the_table_has_correct_and_dangerous_translations_of_ten_languages():
    languages = {language for language, rows in ROWS.items() if any(check is None for _, _, check, _ in rows)}
    assert {"es", "fr", "zh_Hans", "vi", "ko", "ar", "ru", "pt_BR", "tl", "ht"} <= languages
    assert sum(check is None for rows in ROWS.values() for _, _, check, _ in rows) >= 150
    assert sum(check is not None for rows in ROWS.values() for _, _, check, _ in rows) >= 25


@pytest.mark.parametrize("language", sorted(ROWS))
def test_professional_translations_pass_and_their_dangerous_changes_are_errors(tmp_path, capsys, language):
    _checked(tmp_path, capsys, language, ROWS[language])
