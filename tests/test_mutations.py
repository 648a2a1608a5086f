"""Dangerous translation mutations: every entry of tests/data/mutations/<lang>.po is
a real translation changed in one dangerous way (see tests/mutation_corpus.py), and
`locpipe check` must report it as an error that its original translation does not get.

Mutations the checks do not catch yet are listed in tests/data/mutations/KNOWN_GAPS.txt
and marked xfail(strict=True): when a check starts catching one, its test passes
unexpectedly and fails the run until the line is removed. `python
tests/data/mutations/summary.py` prints caught/total per class; `-s` shows it here too."""

from __future__ import annotations

import json
import shutil
import unicodedata

import pytest

from conftest import msgfmt_check, run
from mutation_corpus import (CLASSES, DOCUMENT, all_results, corpus_files, matches, read, read_known_gaps,
                             results, summary)

GAPS = read_known_gaps()
ORIGINAL = "original "  # a KNOWN_GAPS key for an original translation reported as an error


def _gap(key_kind: str, mutation) -> bool:
    for key in GAPS:
        if key_kind == "original":
            if key.startswith(ORIGINAL) and matches(key.removeprefix(ORIGINAL), mutation):
                return True
        elif not key.startswith(ORIGINAL) and matches(key, mutation):
            return True
    return False


def _params(kind: str):
    params = []
    for path in corpus_files():
        for mutation in read(path)[1]:
            marks = ()
            if _gap(kind, mutation):
                reason = ("the checks do not catch this mutation yet" if kind == "mutation"
                          else "the checks report this correct translation as an error")
                marks = (pytest.mark.xfail(strict=True, reason=f"KNOWN_GAPS.txt: {reason}"),)
            params.append(pytest.param(path, mutation.line, id=mutation.id, marks=marks))
    return params


def _result(path, line):
    return next(r for r in results(path) if r.mutation.line == line)


@pytest.mark.parametrize("path, line", _params("mutation"))
def test_mutation_is_an_error(path, line):
    result = _result(path, line)
    assert result.caught, (f"not reported as an error: {result.mutation.what}\n"
                           f"  msgid:  {result.mutation.msgid!r}\n  msgstr: {result.mutation.msgstr!r}\n"
                           f"  errors (same as the original's): {sorted(result.errors)}")


@pytest.mark.parametrize("path, line", _params("original"))
def test_original_translation_is_not_an_error(path, line):
    """The unmutated translation passes, so the error a mutation gets is the mutation's."""
    result = _result(path, line)
    assert result.mutation.original is not None, "entry has no `# original:` comment"
    assert not result.original_errors, sorted(result.original_errors)


@pytest.mark.parametrize("path", corpus_files(), ids=lambda p: p.stem)
def test_corpus_catalog_is_valid_gettext(path):
    checked = msgfmt_check(path)
    assert checked.returncode == 0, checked.stderr


@pytest.mark.parametrize("path", corpus_files(), ids=lambda p: p.stem)
def test_corpus_entries_are_described(path):
    """Each entry names its class, what changed, the original translation and the
    source; it changes the original; invisible characters it adds are named by code point."""
    po, mutations = read(path)
    assert po.metadata["Language"] == path.stem
    assert po.metadata["Content-Type"] == "text/plain; charset=UTF-8"
    for m in mutations:
        assert m.mutation in CLASSES, (m.id, m.mutation)
        assert m.what and m.source and m.original is not None, m.id
        assert m.msgstr != m.original, m.id
        added = {c for c in m.msgstr if unicodedata.category(c) == "Cf"} - set(m.original)
        for char in added:
            assert f"U+{ord(char):04X}" in m.what, (m.id, f"U+{ord(char):04X} not named in `# what:`")


def test_corpus_covers_every_class_in_six_languages():
    found = all_results()
    languages = {r.mutation.language for r in found}
    assert len(found) >= 120 and len(languages) >= 6
    for cls in CLASSES:
        of_class = [r for r in found if r.mutation.mutation == cls]
        assert len(of_class) >= 6 and len({r.mutation.language for r in of_class}) >= 4, cls
    print("\n" + summary(found))


def test_known_gaps_name_existing_entries():
    """A stale line (an entry renumbered or removed) would silently stop guarding."""
    mutations = [m for path in corpus_files() for m in read(path)[1]]
    for key in GAPS:
        target = key.removeprefix(ORIGINAL)
        assert any(matches(target, m) for m in mutations), f"KNOWN_GAPS.txt: {key} names no corpus entry"


def test_check_command_reports_what_the_corpus_test_sees(tmp_path, capsys):
    """The in-process results are those of `locpipe check --json` on the corpus
    catalogs in a project: the same error lines, checks and messages."""
    root = tmp_path / "project"
    (root / "source").mkdir(parents=True)
    (root / "source" / f"{DOCUMENT}.md").write_text("# Mutations\n", encoding="utf-8")
    for path in corpus_files():
        target = root / "locale" / path.stem / "LC_MESSAGES"
        target.mkdir(parents=True)
        shutil.copy(path, target / f"{DOCUMENT}.po")
    capsys.readouterr()
    status = run(root, "check", "--json")
    found = json.loads(capsys.readouterr().out)
    assert status == 1
    cli = {(f["language"], f["line"], f["check"], f["message"]) for f in found if f["severity"] == "error"}
    in_process = {(r.mutation.language, r.mutation.line, check, message)
                  for r in all_results() for check, message in r.errors}
    assert cli == in_process
