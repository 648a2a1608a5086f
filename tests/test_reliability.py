"""Bad input, interruptions and concurrent use: clear errors, exit status 2,
and nothing on disk changed or lost."""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import pickle
import shutil
import subprocess
import sys
import time
from pathlib import Path

import polib
import pytest

from conftest import REPO, msgfmt_check, run, tree_checksums
from pipeline import datacache, fsio, inuse
from pipeline import po as catalog_files
from pipeline.errors import LocpipeError
from pipeline.project import Project, Settings

SLUG = "cytokine-release-syndrome"
HEADER = ('msgid ""\nmsgstr ""\n"Language: es\\n"\n'
          '"Content-Type: text/plain; charset=UTF-8\\n"\n'
          '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n\n')


@pytest.fixture
def translated(empty_project):
    """A project with a Spanish catalog where every unit is translated."""
    assert run(empty_project, "init", "es") == 0
    path = empty_project / "locale" / "es" / "LC_MESSAGES" / f"{SLUG}.po"
    po = polib.pofile(str(path))
    for entry in po:
        entry.msgstr = "ES " + entry.msgid
    catalog_files.write_catalog(path, po)
    return empty_project


def po_path(project: Path) -> Path:
    return project / "locale" / "es" / "LC_MESSAGES" / f"{SLUG}.po"


def expect_refusal(project: Path, capsys, data: bytes, *needles: str, command=("update",)) -> str:
    """Write a bad catalog, run a command: exit 2, the message names the file,
    no traceback, and no file changed."""
    po_path(project).write_bytes(data)
    before = tree_checksums(project)
    capsys.readouterr()
    assert run(project, *command) == 2
    err = capsys.readouterr().err
    assert f"locale/es/LC_MESSAGES/{SLUG}.po" in err
    for needle in needles:
        assert needle in err, err
    assert "Traceback" not in err
    assert tree_checksums(project) == before
    return err


BAD_CATALOGS = {
    "syntax error": (HEADER + 'msgid "a"\nmsgstr "b"\nthis is not gettext\n', ":9: error: syntax error"),
    "unterminated string": (HEADER + 'msgid "a"\nmsgstr "b\n', ":8: error: end-of-line within string"),
    "duplicate msgid": (HEADER + 'msgid "a"\nmsgstr "b"\n\nmsgid "a"\nmsgstr "c"\n',
                        ":10: error: duplicate message definition"),
    "missing header": ('msgid "a"\nmsgstr "b"\n', ":1: error: no header entry"),
}


@pytest.mark.parametrize("case", sorted(BAD_CATALOGS))
def test_malformed_catalogs_are_refused(translated, capsys, case):
    text, needle = BAD_CATALOGS[case]
    expect_refusal(translated, capsys, text.encode("utf-8"), needle)


def test_undecodable_bytes_name_the_line(translated, capsys):
    data = (HEADER + 'msgid "Fever"\nmsgstr "Fi').encode() + b"\xe8vre\"\n"
    expect_refusal(translated, capsys, data, ":8: error: bytes that are not valid UTF-8")


def test_nul_bytes_are_refused(translated, capsys):
    data = (HEADER + 'msgid "a"\nmsgstr "b"\n').encode() + b"\x00\x00"
    expect_refusal(translated, capsys, data, "NUL byte")


def test_a_five_megabyte_line_is_refused(translated, capsys):
    data = (HEADER + 'msgid "a"\nmsgstr "' + "x" * 5_000_000 + '"\n').encode()
    expect_refusal(translated, capsys, data, ":8: error: line is 5,000,009 characters long")


def test_bad_input_for_read_only_commands_too(translated, capsys):
    expect_refusal(translated, capsys, BAD_CATALOGS["syntax error"][0].encode(), ":9:",
                   command=("stats",))


def test_latin1_catalog_that_declares_its_charset_is_read(translated, capsys):
    """Documented success: read in its declared charset; update writes UTF-8."""
    text = po_path(translated).read_text(encoding="utf-8")
    text = text.replace("charset=UTF-8", "charset=ISO-8859-1").replace(
        'msgstr "ES Medicine"', 'msgstr "Medicación"')
    po_path(translated).write_bytes(text.encode("latin-1", errors="replace"))
    def project_files():  # the data cache aside: stats keeps its rows there
        return {name: digest for name, digest in tree_checksums(translated).items()
                if not name.startswith(".locpipe-cache")}
    before = project_files()
    capsys.readouterr()
    assert run(translated, "stats", "es") == 0
    assert project_files() == before
    assert run(translated, "update") == 0
    po = polib.pofile(str(po_path(translated)))
    assert po.find("Medicine").msgstr == "Medicación"
    assert "charset=UTF-8" in po.metadata["Content-Type"]
    assert msgfmt_check(po_path(translated)).returncode == 0


def test_byte_order_mark_is_accepted(translated, capsys):
    data = po_path(translated).read_bytes()
    po_path(translated).write_bytes(b"\xef\xbb\xbf" + data)
    capsys.readouterr()
    assert run(translated, "stats", "--json") == 0
    assert '"translated": 77' in capsys.readouterr().out


def test_broken_front_matter_changes_nothing(translated, capsys):
    source = translated / "source" / f"{SLUG}.md"
    source.write_text(source.read_text(encoding="utf-8").replace(
        "updated: 2025-06-16", "updated: [2025-06-16"), encoding="utf-8")
    before = tree_checksums(translated)
    capsys.readouterr()
    assert run(translated, "update") == 2
    err = capsys.readouterr().err
    assert f"source/{SLUG}.md:4: error: front matter is not valid YAML" in err
    assert tree_checksums(translated) == before


@pytest.mark.parametrize("marker", ["- ", "> "])
def test_thousand_levels_of_nesting(empty_project, capsys, marker):
    """markdown-it drops what lies deeper than its nesting limit without a
    word; locpipe refuses the source, naming the line, and writes nothing."""
    deep = "".join("  " * i + "- level\n" for i in range(1000)) if marker == "- " else "> " * 1000 + "text\n"
    (empty_project / "source" / "deep.md").write_text("# Deep\n\n" + deep, encoding="utf-8")
    before = tree_checksums(empty_project)
    capsys.readouterr()
    assert run(empty_project, "init", "es") == 2
    err = capsys.readouterr().err
    assert err.startswith("source/deep.md:") and "lists nested more than 20 levels deep" in err
    assert "Traceback" not in err and tree_checksums(empty_project) == before


def test_nesting_up_to_the_limit_keeps_every_item(empty_project):
    items = "".join("  " * i + f"- level {i}\n" for i in range(20))
    (empty_project / "source" / "deep.md").write_text("# Deep\n\n" + items, encoding="utf-8")
    assert run(empty_project, "init", "es") == 0
    po = polib.pofile(str(empty_project / "locale" / "es" / "LC_MESSAGES" / "deep.po"))
    assert [e.msgid for e in po][1:] == [f"level {i}" for i in range(20)]
    assert msgfmt_check(empty_project / "locale" / "deep.pot").returncode == 0


def test_empty_source_gives_an_empty_catalog(empty_project):
    (empty_project / "source" / "empty.md").write_text("", encoding="utf-8")
    assert run(empty_project, "init", "es") == 0
    po = polib.pofile(str(empty_project / "locale" / "es" / "LC_MESSAGES" / "empty.po"))
    assert len(po) == 0 and po.metadata["Language"] == "es"


def test_ten_megabyte_source(empty_project):
    paragraph = "Drink water every day and rest when you feel tired. "
    body = "".join(f"## Part {i}\n\n{paragraph * 8}{i}\n\n" for i in range(23_000))
    assert len(body.encode()) > 10_000_000
    (empty_project / "source" / "big.md").write_text(body, encoding="utf-8")
    assert run(empty_project, "extract") == 0  # how long it takes: tests/benchmarks/bench.py --large-source
    checked = msgfmt_check(empty_project / "locale" / "big.pot", "--statistics")
    assert checked.returncode == 0 and "0 translated messages, 46000 untranslated messages." in checked.stderr


def test_file_names_with_spaces_and_accents(empty_project):
    (empty_project / "source" / "fièvre et frissons.md").write_text(
        "# Fièvre\n\nCall 212-639-2000.\n", encoding="utf-8")
    assert run(empty_project, "init", "es") == 0
    path = empty_project / "locale" / "es" / "LC_MESSAGES" / "fièvre et frissons.po"
    assert msgfmt_check(path).returncode == 0
    snapshot = tree_checksums(empty_project)
    assert run(empty_project, "update") == 0
    assert tree_checksums(empty_project) == snapshot


def test_read_only_locale_folder(translated, capsys, monkeypatch):
    (translated / "source" / f"{SLUG}.md").write_text(
        (translated / "source" / f"{SLUG}.md").read_text(encoding="utf-8").replace(
            "### Medicine", "### Medicines"), encoding="utf-8")
    (translated / "locale" / ".locpipe.lock").touch()
    before = tree_checksums(translated)
    if os.geteuid() == 0:
        # root ignores permission bits: simulate what the kernel would say
        real = fsio._stage

        def refuse(path, data, mode):
            if str(translated / "locale") in str(path):
                raise PermissionError(13, "Permission denied")
            return real(path, data, mode)
        monkeypatch.setattr(fsio, "_stage", refuse)
    else:
        for folder in [translated / "locale", *(p for p in (translated / "locale").rglob("*") if p.is_dir())]:
            folder.chmod(0o555)
    try:
        capsys.readouterr()
        assert run(translated, "update") == 2
        err = capsys.readouterr().err
        assert "locale/" in err and "Permission denied" in err and "Traceback" not in err
        assert tree_checksums(translated) == before
    finally:
        for folder in [translated / "locale", *(p for p in (translated / "locale").rglob("*") if p.is_dir())]:
            folder.chmod(0o755)


# -- faults ------------------------------------------------------------------

def test_disk_full_while_writing_leaves_the_catalog_intact(translated, monkeypatch, capsys):
    (translated / "source" / f"{SLUG}.md").write_text(
        (translated / "source" / f"{SLUG}.md").read_text(encoding="utf-8").replace(
            "### Medicine", "### Medicines"), encoding="utf-8")
    before = po_path(translated).read_bytes()
    real_fdopen = fsio.os.fdopen

    class FullDisk:
        def __init__(self, handle):
            self.handle = handle

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.handle.close()

        def write(self, data):
            self.handle.write(data[: len(data) // 2])
            raise OSError(28, "No space left on device")

    monkeypatch.setattr(fsio.os, "fdopen", lambda fd, mode: FullDisk(real_fdopen(fd, mode)))
    capsys.readouterr()
    assert run(translated, "update") == 2
    assert "No space left on device" in capsys.readouterr().err
    assert po_path(translated).read_bytes() == before
    leftovers = [p for p in translated.rglob("*") if fsio.is_staged(p.name)]
    assert leftovers == []


def test_failure_part_way_leaves_every_catalog_whole(translated, monkeypatch, capsys):
    """A failure after some catalogs were written: each file is either the old
    or the new version, never a torn one, and no translation is gone."""
    assert run(translated, "init", "ru") == 0
    (translated / "source" / f"{SLUG}.md").write_text(
        (translated / "source" / f"{SLUG}.md").read_text(encoding="utf-8").replace(
            "- Chills\n", ""), encoding="utf-8")
    real = fsio.os.replace
    calls = []

    def fail_on_third(source, target):
        calls.append(target)
        if len(calls) == 3:
            raise OSError(5, "Input/output error (simulated)", str(target))
        return real(source, target)
    monkeypatch.setattr(fsio.os, "replace", fail_on_third)
    assert run(translated, "update") == 2
    monkeypatch.undo()
    assert len(calls) == 3
    po = polib.pofile(str(po_path(translated)))
    assert po.find("Chills", include_obsolete_entries=True).msgstr == "ES Chills"
    for path in (translated / "locale").rglob("*.po"):
        assert msgfmt_check(path).returncode == 0


def test_a_second_update_waits_for_the_first(translated, capsys):
    project = Project(translated)
    with project.lock():
        capsys.readouterr()
        assert run(translated, "update") == 2
        assert "another locpipe command is updating these catalogs" in capsys.readouterr().err


def test_concurrent_updates_never_corrupt_a_catalog(translated):
    (translated / "source" / f"{SLUG}.md").write_text(
        (translated / "source" / f"{SLUG}.md").read_text(encoding="utf-8").replace(
            "### Medicine", "### Medicines"), encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=str(REPO))
    procs = [subprocess.Popen([sys.executable, "-m", "pipeline", "--project", str(translated), "update"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, text=True)
             for _ in range(4)]
    results = [(p.wait(60), p.stderr.read()) for p in procs]
    assert any(code == 0 for code, _ in results)
    for code, err in results:
        assert code == 0 or (code == 2 and "another locpipe command" in err), err
    po = polib.pofile(str(po_path(translated)))
    assert po.find("Medicines").fuzzy and po.find("Medicines").msgstr == "ES Medicine"
    assert msgfmt_check(po_path(translated)).returncode == 0


@pytest.mark.parametrize("language", ["../../etc", "es/../../x", ".."])
def test_language_codes_cannot_escape_the_project(empty_project, capsys, language):
    before = tree_checksums(empty_project.parent)
    assert run(empty_project, "init", language) == 2
    assert "invalid language code" in capsys.readouterr().err
    assert tree_checksums(empty_project.parent) == before


def test_settings_cannot_point_outside_output(empty_project, capsys):
    (empty_project / "locpipe.toml").write_text('languages = ["../../etc"]\n', encoding="utf-8")
    assert run(empty_project, "stats") == 2
    assert "invalid language code '../../etc'" in capsys.readouterr().err
    project = Project(empty_project, Settings())
    with pytest.raises(LocpipeError):
        project.output_path("..", "..", "etc", "passwd")
    assert project.output_path("es", "x.html") == (empty_project / "output" / "es" / "x.html").resolve()


@pytest.mark.parametrize("parts", [("..",), ("es", "..", "x.html"), ("es/../x.html",), ("/etc/passwd",),
                                   ("es", "/etc/passwd"), ("",), ("es", "", "x.html"), ("es", ".")])
def test_output_names_are_refused_unless_plain(empty_project, parts):
    with pytest.raises(LocpipeError):
        Project(empty_project, Settings()).output_path(*parts)


def test_output_paths_through_symlinks_stay_inside_output(empty_project, tmp_path):
    output = empty_project / "output"
    (output / "real").mkdir(parents=True)
    (tmp_path / "elsewhere").mkdir()
    (output / "out").symlink_to(tmp_path / "elsewhere")
    (output / "in").symlink_to(output / "real")
    project = Project(empty_project, Settings())
    with pytest.raises(LocpipeError):
        project.output_path("out", "x.html")
    assert project.output_path("in", "x.html") == (output / "real" / "x.html").resolve()


def test_symlinks_out_of_the_project_are_refused(empty_project, tmp_path, capsys):
    secret = tmp_path / "secret.md"
    secret.write_text("# Secret\n\nThe password is swordfish.\n", encoding="utf-8")
    (empty_project / "source" / "passwd.md").symlink_to(secret)
    before = tree_checksums(empty_project)
    for command in ("extract", "build", "stats"):
        capsys.readouterr()
        assert run(empty_project, command) == 2
        assert f"source/passwd.md: error: a symlink to {secret}, outside the project" in capsys.readouterr().err
    assert tree_checksums(empty_project) == before and not (empty_project / "output").exists()

    (empty_project / "source" / "passwd.md").unlink()
    (empty_project / "drafts").mkdir()
    (empty_project / "drafts" / "inside.md").write_text("# Inside\n\nRest.\n", encoding="utf-8")
    (empty_project / "source" / "inside.md").symlink_to(empty_project / "drafts" / "inside.md")
    assert run(empty_project, "init", "es") == 0  # a symlink within the project is read
    assert (empty_project / "locale" / "es" / "LC_MESSAGES" / "inside.po").is_file()

    (tmp_path / "elsewhere").mkdir()
    (empty_project / "locale" / "fr").symlink_to(tmp_path / "elsewhere")
    capsys.readouterr()
    assert run(empty_project, "stats") == 2
    assert f"locale/fr: error: a symlink to {tmp_path / 'elsewhere'}, outside the project" in capsys.readouterr().err


def test_symlinks_out_of_the_project_in_published_are_refused(bundled_project, tmp_path, capsys):
    """A build reads and writes published/ records: one that leads out of the
    project would put an outside file online as a translation."""
    slug = "cytokine-release-syndrome"
    assert run(bundled_project, "build", "--quiet", "es") == 0
    record = bundled_project / "published" / "es" / f"{slug}.json"
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / f"{slug}.json").write_bytes(record.read_bytes())
    record.unlink()
    record.symlink_to(outside / f"{slug}.json")
    before = tree_checksums(bundled_project), tree_checksums(outside)
    for command in ("build", "stats"):
        capsys.readouterr()
        assert run(bundled_project, command) == 2
        assert (f"published/es/{slug}.json: error: a symlink to {outside / f'{slug}.json'}, outside the project"
                in capsys.readouterr().err)
    assert (tree_checksums(bundled_project), tree_checksums(outside)) == before

    record.unlink()
    os.rename(bundled_project / "published", tmp_path / "published-elsewhere")
    (bundled_project / "published").symlink_to(tmp_path / "published-elsewhere")
    before = tree_checksums(bundled_project)
    capsys.readouterr()
    assert run(bundled_project, "build") == 2
    assert (f"published: error: a symlink to {tmp_path / 'published-elsewhere'}, outside the project"
            in capsys.readouterr().err)
    assert tree_checksums(bundled_project) == before


# Files GNU msgfmt rejects and polib would read: each must be refused, with
# its line, before anything is written. "msgstr[0] without msgid_plural" is
# the dangerous one: polib reads it as a plural translation, and a merge into
# the singular template entry dropped the translation without a trace.
MSGFMT_REJECTS = {
    "msgid without msgstr": ('msgid "Medicine"\n\nmsgid "Chills"\nmsgstr "Escalofríos"\n',
                             ":7: error: msgid with no msgstr"),
    "msgid without msgstr at the end": ('msgid "Chills"\nmsgstr "Escalofríos"\n\nmsgid "Medicine"\n',
                                        ":10: error: msgid with no msgstr"),
    "comment between msgid and msgstr": ('msgid "Medicine"\n# note\nmsgstr "Medicina"\n',
                                         ":7: error: msgid with no msgstr"),
    "msgstr[0] without msgid_plural": ('msgid "Medicine"\nmsgstr[0] "Medicina"\n',
                                       ":8: error: msgstr[0] in an entry with no msgid_plural"),
    "msgstr in a plural entry": ('msgid "day"\nmsgid_plural "days"\nmsgstr "día"\n',
                                 ":9: error: msgstr in an entry with msgid_plural"),
    "plural forms out of order": ('msgid "day"\nmsgid_plural "days"\nmsgstr[0] "día"\nmsgstr[2] "días"\n',
                                  ":10: error: plural form msgstr[2] where msgstr[1] belongs"),
    "more plural forms than nplurals": (
        'msgid "day"\nmsgid_plural "days"\nmsgstr[0] "día"\nmsgstr[1] "días"\nmsgstr[2] "díass"\n',
        ":7: error: 3 plural form(s), but the header's Plural-Forms says nplurals=2"),
    "fewer plural forms than nplurals": ('msgid "day"\nmsgid_plural "days"\nmsgstr[0] "día"\n',
                                         ":7: error: 1 plural form(s), but the header's Plural-Forms"),
    "invalid escape": ('msgid "Medicine"\nmsgstr "Medi\\qcina"\n', ":8: error: invalid escape sequence '\\\\q'"),
    "unicode escape": ('msgid "Medicine"\nmsgstr "Medicaci\\u00f3n"\n', ":8: error: invalid escape sequence"),
    "msgctxt without msgid": ('msgctxt "menu"\nmsgstr "Medicina"\n', ":7: error: msgctxt with no msgid"),
    "msgctxt at the end": ('msgid "Chills"\nmsgstr "Escalofríos"\n\nmsgctxt "menu"\n',
                           ":10: error: msgctxt with no msgid"),
    "two msgctxt": ('msgctxt "a"\nmsgctxt "b"\nmsgid "Chills"\nmsgstr "Escalofríos"\n',
                    ":7: error: msgctxt with no msgid"),
    "two msgstr": ('msgid "Chills"\nmsgstr "Escalofríos"\nmsgstr "Frío"\n', ":9: error: unexpected msgstr"),
    "obsolete msgid without msgstr": ('#~ msgid "Chills"\n\nmsgid "Medicine"\nmsgstr "Medicina"\n',
                                      ":7: error: msgid with no msgstr"),
    "context separator in a string": ('msgid "Chills"\nmsgstr "Escalo\x04fríos"\n',
                                      ":8: error: context separator (U+0004, EOT) within a string"),
    "half-obsolete entry": ('msgid "Chills"\n#~ msgstr "Escalofríos"\n', ":8: error: inconsistent use of #~"),
}


@pytest.mark.parametrize("command", ["update", "compile", "check"])
@pytest.mark.parametrize("case", sorted(MSGFMT_REJECTS))
def test_what_msgfmt_rejects_is_refused(translated, capsys, tmp_path, case, command):
    body, needle = MSGFMT_REJECTS[case]
    data = (HEADER + body).encode("utf-8")
    probe = tmp_path / "probe.po"
    probe.write_bytes(data)
    judged = msgfmt_check(probe)
    assert judged.returncode != 0 and "fatal error" in judged.stderr, judged.stderr
    expect_refusal(translated, capsys, data, needle, command=(command,))


def test_escapes_msgfmt_accepts_but_polib_would_change_are_refused(translated, capsys, tmp_path):
    """\\x41 and \\101 are valid gettext; the writer would write them back as
    the character, so the file would change under the translator."""
    for escape in ("\\x41", "\\101"):
        data = (HEADER + f'msgid "Medicine"\nmsgstr "Medicin{escape}"\n').encode("utf-8")
        probe = tmp_path / "probe.po"
        probe.write_bytes(data)
        assert msgfmt_check(probe).returncode == 0
        expect_refusal(translated, capsys, data, ":8: error: escape sequence", "write the character itself")


def test_what_msgfmt_accepts_is_read(tmp_path):
    """Blank lines inside an entry, a continuation after a blank line, an
    obsolete plural entry with fewer forms, and every escape polib decodes."""
    text = (HEADER + 'msgctxt "c"\n\nmsgid "a"\n\nmsgstr ""\n\n"A \\t\\n\\r\\b\\f\\v\\\\\\""\n\n'
            '#~ msgid "day"\n#~ msgid_plural "days"\n#~ msgstr[0] "día"\n')
    path = tmp_path / "ok.po"
    path.write_text(text, encoding="utf-8")
    assert msgfmt_check(path).returncode == 0, msgfmt_check(path).stderr
    po = catalog_files.read_catalog(path)
    assert po.find("a", msgctxt="c").msgstr == 'A \t\n\r\b\f\v\\"'


_PAUSED_UPDATE = """
import sys, time
from pathlib import Path
import pipeline.catalog as cat
from pipeline.cli import main

signal = Path(sys.argv[1])
real = cat.merge_catalog

def merge_then_pause(*args, **kwargs):
    result = real(*args, **kwargs)
    if not (signal / "merged").exists():
        (signal / "merged").touch()     # the catalog is read and merged, not yet written
        deadline = time.monotonic() + 30
        while not (signal / "go").exists() and time.monotonic() < deadline:
            time.sleep(0.02)
    return result

cat.merge_catalog = merge_then_pause
sys.exit(main(["--project", sys.argv[2], "update", "es", "--jobs", "1", "--quiet"]))
"""


def _save_translation(project: Path, msgid: str, msgstr: str) -> None:
    """What a translation tool built on locpipe does: under the project lock,
    read the catalog, set one translation, write it back."""
    with Project(project).lock():
        po = catalog_files.read_catalog(po_path(project))
        po.find(msgid).msgstr = msgstr
        catalog_files.write_catalog(po_path(project), po)


def test_a_translation_saved_during_an_update_is_not_lost(translated, tmp_path):
    """An update writes only from inputs unchanged since it read them: when a
    translation is saved (by a tool that takes the project lock, or by a
    second update) between its read and its write, it reads and merges again
    under the lock. Before, it wrote the merge of the older file, silently
    undoing the saved translation."""
    (translated / "source" / f"{SLUG}.md").write_text(
        (translated / "source" / f"{SLUG}.md").read_text(encoding="utf-8").replace(
            "### Medicine", "### Medicines"), encoding="utf-8")
    signal = tmp_path / "signal"
    signal.mkdir()
    env = dict(os.environ, PYTHONPATH=str(REPO))
    update = subprocess.Popen([sys.executable, "-c", _PAUSED_UPDATE, str(signal), str(translated)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, text=True)
    try:
        deadline = time.monotonic() + 30
        while not (signal / "merged").exists():
            assert update.poll() is None, update.communicate()
            assert time.monotonic() < deadline, "the update never reached its merge"
            time.sleep(0.02)
        # the update has read and merged the catalog, and not written it yet
        _save_translation(translated, "Chills", "Escalofríos")
        second = subprocess.run([sys.executable, "-m", "pipeline", "--project", str(translated), "update"],
                                capture_output=True, text=True, env=env, timeout=60)
        assert second.returncode == 0 or "another locpipe command is updating" in second.stderr, second.stderr
    finally:
        (signal / "go").touch()
        out, err = update.communicate(timeout=60)
    assert update.returncode == 0, err
    po = catalog_files.read_catalog(po_path(translated))
    assert po.find("Chills").msgstr == "Escalofríos", \
        "the update overwrote a translation saved after it had read the catalog"
    assert po.find("Medicines").fuzzy and po.find("Medicines").msgstr == "ES Medicine"
    assert msgfmt_check(po_path(translated)).returncode == 0


def test_bad_input_on_a_fresh_project_leaves_no_lock_file(empty_project, capsys):
    """Input is read and checked before the lock is taken: a refused init
    leaves the project exactly as it was, without even a lock file."""
    (empty_project / "source" / "bad.md").write_text("---\ntitle: [x\n---\n# A\n", encoding="utf-8")
    before = tree_checksums(empty_project)
    assert run(empty_project, "init", "es") == 2
    assert "source/bad.md:" in capsys.readouterr().err
    assert tree_checksums(empty_project) == before


def test_compile_waits_for_no_update(translated, capsys):
    with Project(translated).lock():
        capsys.readouterr()
        assert run(translated, "compile") == 2
        assert "another locpipe command is updating these catalogs" in capsys.readouterr().err
    assert not list((translated / "locale").rglob("*.mo"))
    assert run(translated, "compile") == 0


def test_the_project_module_needs_no_unix_only_module(translated):
    """Windows has no fcntl: the project module and the command line import
    without it (filelock locks with the system's own call there)."""
    code = ("import sys; sys.modules['fcntl'] = None\n"  # as on Windows
            "from pipeline.cli import main; sys.exit(main(['--project', sys.argv[1], 'stats', 'es']))")
    env = dict(os.environ, PYTHONPATH=str(REPO))
    done = subprocess.run([sys.executable, "-c", code, str(translated)], capture_output=True, text=True,
                          env=env, timeout=60)
    assert done.returncode == 0, done.stderr
    assert "cytokine-release-syndrome  es" in done.stdout


# -- charsets and line ends --------------------------------------------------

def test_charset_in_a_comment_is_not_the_files_charset(translated, capsys):
    """A UTF-8 catalog whose translator comment mentions another charset is
    read as UTF-8: the header's Content-Type decides, not the first
    `charset=` in the file (which made "Medicación" "MedicaciÃ³n")."""
    text = po_path(translated).read_text(encoding="utf-8").replace(
        'msgstr "ES Medicine"', 'msgstr "Medicación"')
    text = "# Converted from the old charset=ISO-8859-1 files by hand.\n" + text
    po_path(translated).write_text(text, encoding="utf-8")
    assert msgfmt_check(po_path(translated)).returncode == 0
    assert catalog_files.read_catalog(po_path(translated)).find("Medicine").msgstr == "Medicación"
    capsys.readouterr()
    assert run(translated, "check", "es") in (0, 1)
    assert "MedicaciÃ³n" not in capsys.readouterr().out


def test_latin1_catalog_with_a_long_header_comment(translated):
    """The charset is read from the header entry wherever it is, not from the
    first 4 KB: a Latin-1 catalog after 6 KB of translator credits is read."""
    text = po_path(translated).read_text(encoding="utf-8")
    text = text.replace("charset=UTF-8", "charset=ISO-8859-1").replace(
        'msgstr "ES Medicine"', 'msgstr "Medicación"')
    credits = "".join(f"# Traducción revisada por el equipo {i}, año {2000 + i % 25}.\n" for i in range(120))
    assert len(credits.encode("latin-1")) > 6000
    po_path(translated).write_bytes((credits + text).encode("latin-1", errors="replace"))
    assert msgfmt_check(po_path(translated)).returncode == 0
    assert run(translated, "update") == 0
    po = catalog_files.read_catalog(po_path(translated))
    assert po.find("Medicine").msgstr == "Medicación"
    assert "Traducción revisada por el equipo 119" in po.header
    assert msgfmt_check(po_path(translated)).returncode == 0


def test_charset_of_another_entry_is_not_the_files(tmp_path):
    path = tmp_path / "x.po"
    path.write_bytes((HEADER + 'msgid "Content-Type: text/plain; charset=KOI8-R"\n'
                      'msgstr "Content-Type: text/plain; charset=KOI8-R ñ"\n').encode("utf-8"))
    assert catalog_files.header_charset(path.read_bytes()) == ("UTF-8", 4)
    assert catalog_files.read_catalog(path)[0].msgstr.endswith("ñ")


def test_crlf_catalog_is_read(translated, capsys):
    """msgfmt accepts CRLF line ends; so does locpipe. An update that changes
    the catalog keeps its CRLF line ends; one that does not leaves the file alone."""
    text = po_path(translated).read_text(encoding="utf-8").replace(
        'msgstr "ES Medicine"', 'msgstr "Medicación"')
    data = text.replace("\n", "\r\n").encode("utf-8")
    po_path(translated).write_bytes(data)
    assert msgfmt_check(po_path(translated)).returncode == 0
    capsys.readouterr()
    assert run(translated, "stats", "es", "--json") == 0
    assert '"translated": 77' in capsys.readouterr().out
    assert run(translated, "update") == 0
    assert po_path(translated).read_bytes() == data  # nothing to change
    (translated / "source" / f"{SLUG}.md").write_text(
        (translated / "source" / f"{SLUG}.md").read_text(encoding="utf-8").replace(
            "- Chills\n", ""), encoding="utf-8")
    assert run(translated, "update") == 0
    written = po_path(translated).read_bytes()
    assert written.count(b"\n") == written.count(b"\r\n") > 100
    po = catalog_files.read_catalog(po_path(translated))
    assert po.find("Medicine").msgstr == "Medicación"
    assert po.find("Chills", include_obsolete_entries=True).msgstr == "ES Chills"
    assert msgfmt_check(po_path(translated)).returncode == 0


def test_update_keeps_comment_blank_lines_and_line_separator_characters(translated):
    """polib splits lines at U+2028 and U+0085 and drops blank comment lines;
    neither may change a catalog that goes through an update."""
    po = catalog_files.read_catalog(po_path(translated))
    po.find("Medicine").msgstr = "Medi\u2028cina\x85"
    po.find("Chills").tcomment = "\nReviewed.\n\nAsk Dr. Ruiz  "
    catalog_files.write_catalog(po_path(translated), po)
    assert msgfmt_check(po_path(translated)).returncode == 0
    assert run(translated, "update") == 0
    again = catalog_files.read_catalog(po_path(translated))
    assert again.find("Medicine").msgstr == "Medi\u2028cina\x85"
    assert again.find("Chills").tcomment == "\nReviewed.\n\nAsk Dr. Ruiz  "


def test_disk_full_part_way_through_an_update_changes_no_catalog(translated, monkeypatch, capsys):
    """Catalogs are written as one batch: every temporary file is written and
    synced before the first is renamed, so a full disk at the third file
    leaves all of them as they were."""
    assert run(translated, "init", "ru", "fr") == 0
    (translated / "source" / f"{SLUG}.md").write_text(
        (translated / "source" / f"{SLUG}.md").read_text(encoding="utf-8").replace(
            "### Medicine", "### Medicines"), encoding="utf-8")
    before = tree_checksums(translated / "locale")
    real_fdopen, opened = fsio.os.fdopen, []

    def fills_up(fd, mode):
        opened.append(fd)
        if len(opened) == 3:
            os.close(fd)
            raise OSError(28, "No space left on device")
        return real_fdopen(fd, mode)
    monkeypatch.setattr(fsio.os, "fdopen", fills_up)
    capsys.readouterr()
    assert run(translated, "update") == 2
    assert "No space left on device" in capsys.readouterr().err
    assert len(opened) == 3 and tree_checksums(translated / "locale") == before


class _Planted:
    """A pickle that, loaded, creates a file: what a hostile project could commit to its cache folder."""

    def __init__(self, marker: Path):
        self.marker = str(marker)

    def __reduce__(self):
        return (open, (self.marker, "w"))


def test_a_cache_entry_not_signed_by_this_user_is_never_loaded(bundled_project, tmp_path):
    from pipeline import datacache

    def readability(key_folder: Path) -> subprocess.CompletedProcess:
        # the memos of what reports read would spare every run but the first the dictionaries
        for memo in (bundled_project / datacache.PROJECT_FOLDER).glob("memos.sqlite*"):
            memo.unlink()
        env = dict(os.environ, XDG_CACHE_HOME=str(key_folder), PYTHONPATH=str(REPO))
        env.pop("LOCPIPE_CACHE_DIR", None)
        return subprocess.run([sys.executable, "-m", "pipeline", "--project", str(bundled_project), "readability", "--lang", "es"],
                              capture_output=True, text=True, env=env)

    assert readability(tmp_path / "mine").returncode == 0
    entries = sorted((bundled_project / datacache.PROJECT_FOLDER).glob("*.pickle"))
    assert entries and (tmp_path / "mine" / "locpipe" / "signing-key").stat().st_mode & 0o077 == 0
    marker = tmp_path / "ran"
    planted = pickle.dumps(_Planted(marker))
    for entry in entries:  # unsigned, then signed by another user's key
        entry.write_bytes(planted)
    assert readability(tmp_path / "mine").returncode == 0 and not marker.exists()
    theirs = hmac.new(b"k" * 32, planted, hashlib.sha256).digest()
    (tmp_path / "theirs" / "locpipe").mkdir(parents=True)
    (tmp_path / "theirs" / "locpipe" / "signing-key").write_bytes(b"k" * 32)
    for entry in entries:
        entry.write_bytes(theirs + planted)
    assert readability(tmp_path / "mine").returncode == 0 and not marker.exists()
    assert entries[0].read_bytes() != theirs + planted  # made again, and signed
    entries[0].write_bytes(theirs + planted)
    readability(tmp_path / "theirs")
    assert marker.exists()  # the same bytes under the key that signed them: loaded (the control)


@pytest.mark.skipif(inuse.start_time(os.getpid()) is None, reason="needs /proc/<pid>/stat (Linux)")
def test_staged_names_of_a_process_id_used_again_are_removed(translated):
    """In a new container a command gets the same process id on every run:
    what a killed run staged under it, or under any running process's id
    with another start time, is removed by the next command; what a running
    command stages (its own id and start time) is kept."""
    folder = translated / "locale" / "es" / "LC_MESSAGES"
    start = inuse.start_time(os.getpid())
    names = {"mine, earlier": f".{SLUG}.po.locpipe-staged-{os.getpid()}.{start - 1}-ab12",
             "mine, no start": f".{SLUG}.po.locpipe-staged-{os.getpid()}-ab12",
             "init's, no start": f".{SLUG}.po.locpipe-staged-1-ab12",
             "init's, other start": f".{SLUG}.po.locpipe-staged-1.{inuse.start_time(1) + 7}-ab12"}
    for name in names.values():
        (folder / name).write_text("partial", encoding="utf-8")
    running = folder / fsio.staged_name(f"{SLUG}.po")
    running.write_text("being written", encoding="utf-8")
    assert run(translated, "stats") == 0
    assert sorted(p.name for p in folder.iterdir() if fsio.is_staged(p.name)) == [running.name]


@pytest.mark.parametrize("setting", ['source = "../secret"', 'locale = "/tmp"', 'output = "."', 'output = "out/../.."'])
def test_folder_settings_outside_the_project_are_refused(empty_project, capsys, setting):
    (empty_project / "locpipe.toml").write_text(f'name = "Leaflets"\n{setting}\n', encoding="utf-8")
    before = tree_checksums(empty_project.parent)
    capsys.readouterr()
    assert run(empty_project, "build") == 2
    key = setting.split()[0]
    assert f"locpipe.toml:2: error: setting '{key}' must name a folder inside the project" in capsys.readouterr().err
    assert tree_checksums(empty_project.parent) == before


@pytest.mark.parametrize("name", ["pyproject.toml", "output", ".locpipe-cache"])
def test_a_settings_file_output_or_cache_linked_outside_is_refused(empty_project, tmp_path, capsys, name):
    elsewhere = tmp_path / "elsewhere" / name
    if name == "pyproject.toml":
        elsewhere.parent.mkdir()
        elsewhere.write_text('[tool.locpipe]\nlanguages = ["es"]\n', encoding="utf-8")
    else:
        elsewhere.mkdir(parents=True)
    (empty_project / name).symlink_to(elsewhere)
    before = tree_checksums(tmp_path)
    capsys.readouterr()
    assert run(empty_project, "init", "fr") == 2
    assert f"{name}: error: a symlink to {elsewhere}, outside the project" in capsys.readouterr().err
    assert tree_checksums(tmp_path) == before


def test_a_build_drops_links_of_the_old_output_that_lead_out_of_it(bundled_project, tmp_path):
    assert run(bundled_project, "build", "es") in (0, 1)
    output = bundled_project / "output"
    (tmp_path / "secret").mkdir()
    (output / "leak").symlink_to(tmp_path / "secret")
    (output / "es" / "passwd.txt").symlink_to("/etc/passwd")
    (output / "es" / "same.html").symlink_to("index.html")
    source = bundled_project / "source" / f"{SLUG}.md"
    source.write_text(source.read_text(encoding="utf-8") + "\nAsk your care team.\n", encoding="utf-8")
    assert run(bundled_project, "build", "es") in (0, 1)
    assert not os.path.lexists(output / "leak") and not os.path.lexists(output / "es" / "passwd.txt")
    assert (output / "es" / "same.html").is_symlink()


def _children(pid: int) -> set[int]:
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_bytes()
            except OSError:
                continue
            if int(stat.rsplit(b")", 1)[1].split()[1]) == pid:
                found.add(int(entry.name))
    return found


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PR_SET_PDEATHSIG is Linux's")
def test_the_processes_of_a_killed_build_end_with_it(bundled_project):
    """`kill -9` of a build's own process (not of its process group, as a
    shell's job control would) leaves no worker running."""
    import signal
    leaflet = (bundled_project / "source" / f"{SLUG}.md").read_text(encoding="utf-8")
    for number in range(8):  # jobs enough for a pool
        (bundled_project / "source" / f"copy-{number}.md").write_text(leaflet, encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=str(REPO))
    build = subprocess.Popen([sys.executable, "-m", "pipeline", "--project", str(bundled_project), "build", "--jobs", "2"],
                             env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    workers: set[int] = set()
    while len(workers) < 2 and build.poll() is None and time.monotonic() < deadline:
        workers = _children(build.pid)
        time.sleep(0.01)
    if len(workers) < 2:
        build.wait()
        pytest.skip("the build ended before its pool started")
    os.kill(build.pid, signal.SIGKILL)
    build.wait()
    deadline = time.monotonic() + 20
    while any(Path(f"/proc/{pid}").exists() and b"Z" not in Path(f"/proc/{pid}/stat").read_bytes().rsplit(b")", 1)[1][:3]
              for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not [pid for pid in workers if Path(f"/proc/{pid}").exists()
                and b"Z" not in Path(f"/proc/{pid}/stat").read_bytes().rsplit(b")", 1)[1][:3]]


@pytest.mark.parametrize("where", ["locale/es/glossary.csv", "locale/es/LC_MESSAGES/extra.po", "source/extra.md"])
def test_a_fifo_in_the_project_is_refused_not_waited_on(translated, capsys, where):
    os.mkfifo(translated / where)
    capsys.readouterr()
    assert run(translated, "update") == 2
    assert f"{where}: error: not a regular file" in capsys.readouterr().err


def test_a_file_name_that_is_not_utf8_is_refused(empty_project, capsys):
    name = os.fsdecode(b"bad\xffname.md")
    (empty_project / "source" / name).write_text("# Bad\n\nText.\n", encoding="utf-8")
    before = tree_checksums(empty_project)
    for command in ("stats", "extract", "update"):
        capsys.readouterr()
        assert run(empty_project, command) == 2
        assert "source/bad\ufffdname.md: error: the file name is not valid UTF-8" in capsys.readouterr().err
    assert tree_checksums(empty_project) == before


def test_an_output_folder_that_is_a_mount_point_is_refused_with_the_reason(bundled_project, capsys):
    output = bundled_project / "output"
    output.mkdir()
    if shutil.which("mount") is None or subprocess.run(["mount", "-t", "tmpfs", "-o", "size=20m", "tmpfs", str(output)],
                                                      capture_output=True).returncode != 0:
        pytest.skip("mounting a tmpfs needs root")
    try:
        (output / "index.html").write_text("the deployed site", encoding="utf-8")
        (output / ".locpipe-build.json").write_text("{}", encoding="utf-8")  # a build's output, copied there
        capsys.readouterr()
        assert run(bundled_project, "build", "es") == 2
        assert f"{output}: error: is a mount point, which cannot be replaced in one step" in capsys.readouterr().err
        assert sorted(p.name for p in output.iterdir()) == [".locpipe-build.json", "index.html"]
        assert not [p for p in bundled_project.iterdir() if fsio.is_staged(p.name)]
    finally:
        subprocess.run(["umount", str(output)], check=True)


@pytest.mark.parametrize("folder", [".locpipe-cache", ".locpipe-cache/jinja"])
def test_staged_files_a_killed_command_left_in_the_data_cache_are_removed(translated, folder):
    """An update killed while it wrote its record of the templates leaves a
    staged file in the data cache; the next command, whichever, removes it
    (before it has set the data cache up for itself)."""
    (translated / folder).mkdir(parents=True, exist_ok=True)
    abandoned = translated / folder / f".templates.json.locpipe-staged-{os.getpid()}.1-ab12"  # a dead run's
    abandoned.write_text("partial", encoding="utf-8")
    datacache.use_project_cache(None)  # as in a new process: the fixture's commands set it in this one
    assert run(translated, "stats") == 0
    assert not abandoned.exists()


def test_staged_files_beside_a_linked_catalogs_file_are_removed(translated):
    shared = translated / "shared"
    shared.mkdir()
    catalog = translated / "locale" / "es" / "LC_MESSAGES" / f"{SLUG}.po"
    catalog.rename(shared / catalog.name)
    catalog.symlink_to(Path("..", "..", "..", "shared", catalog.name))
    abandoned = shared / f".{catalog.name}.locpipe-staged-{os.getpid()}.1-ab12"  # this id, another start: a dead run's
    abandoned.write_text("partial", encoding="utf-8")
    assert run(translated, "stats") == 0
    assert not abandoned.exists() and catalog.is_symlink()


def test_a_kept_page_changed_since_its_build_is_not_published_again(bundled_project, capsys):
    source = bundled_project / "source" / f"{SLUG}.md"
    (bundled_project / "source" / "second.md").write_text("# Second\n\nRest when you are tired.\n", encoding="utf-8")
    assert run(bundled_project, "build", "es") in (0, 1)
    page = bundled_project / "output" / "en" / f"{SLUG}.html"
    page.write_text(page.read_text(encoding="utf-8") + "<p>TAMPERED</p>", encoding="utf-8")
    (bundled_project / "source" / "second.md").write_text("# Second\n\nRest when you feel tired.\n", encoding="utf-8")
    before = tree_checksums(bundled_project / "output")
    capsys.readouterr()
    assert run(bundled_project, "build", "es") == 2
    assert f"output/en/{SLUG}.html: error: changed since the build that made it" in capsys.readouterr().err
    assert tree_checksums(bundled_project / "output") == before
    page.unlink()
    assert run(bundled_project, "build", "es") in (0, 1)
    assert "TAMPERED" not in page.read_text(encoding="utf-8") and source.exists()


def _matches_its_manifest(output: Path) -> None:
    manifest = json.loads((output / "manifest.json").read_text(encoding="utf-8"))
    for entry in manifest["files"]:
        data = (output / entry["path"]).read_bytes()
        assert (len(data), hashlib.sha256(data).hexdigest()) == (entry["size"], entry["sha256"]), entry["path"]


def test_readability_publishes_its_reports_whole_and_keeps_the_manifest_true(bundled_project, monkeypatch, capsys):
    assert run(bundled_project, "build", "es") in (0, 1)
    settings = bundled_project / "pyproject.toml"
    settings.write_text(settings.read_text(encoding="utf-8").replace("target_grade = 8", "target_grade = 6"),
                        encoding="utf-8")
    output = bundled_project / "output"
    before = tree_checksums(output)

    def killed(*args, **kwargs):
        raise OSError(28, "No space left on device")
    with monkeypatch.context() as patch:  # the command stops before its exchange: nothing of it is seen
        patch.setattr(fsio, "exchange", killed)
        assert run(bundled_project, "readability") == 2
    assert tree_checksums(output) == before
    assert run(bundled_project, "readability") == 0
    assert tree_checksums(output) != before
    _matches_its_manifest(output)
    source = bundled_project / "source" / f"{SLUG}.md"
    (bundled_project / "source" / "second.md").write_text("# Second\n\nRest when you are tired.\n", encoding="utf-8")
    capsys.readouterr()
    assert run(bundled_project, "build", "es") in (0, 1), capsys.readouterr().err
    _matches_its_manifest(output)
    assert source.exists()


def _ends_its_process(item: int) -> int:
    """A job whose process is killed (as by the kernel's out-of-memory killer) on item 3."""
    if item == 3:
        import signal
        os.kill(os.getpid(), signal.SIGKILL)
    return item


def test_a_killed_worker_is_a_clear_error_not_a_traceback():
    from pipeline.jobs import map_jobs
    assert map_jobs(_ends_its_process, [1, 2, 4, 5], jobs=2) == [1, 2, 4, 5]
    with pytest.raises(LocpipeError, match="a worker process ended before its job was done"):
        map_jobs(_ends_its_process, [1, 2, 3, 4, 5, 6], jobs=2)


def _process_of(item: int) -> tuple[int, int]:
    return item, os.getpid()


def test_a_job_for_each_process_runs_at_once_after_what_they_share_is_loaded():
    """As many jobs as processes (a build of two edited leaflets): `prepare`
    runs here first, then the first job here while a forked process runs the
    other; results in order, and a killed process is a clear error."""
    import multiprocessing
    from pipeline.jobs import map_jobs
    if multiprocessing.get_start_method() != "fork":
        pytest.skip("processes are forked only where fork is the start method")
    prepared = []
    results = map_jobs(_process_of, [7, 8], jobs=2, min_items=2, prepare=lambda: prepared.append(os.getpid()))
    assert [item for item, _ in results] == [7, 8] and prepared == [os.getpid()]
    assert results[0][1] == os.getpid() != results[1][1]
    with pytest.raises(LocpipeError, match="a worker process ended before its job was done"):
        map_jobs(_ends_its_process, [2, 3], jobs=2, min_items=2, prepare=lambda: None)


def test_a_kept_page_changed_keeping_its_size_and_time_is_not_published_again(bundled_project, capsys):
    """An edit that keeps a kept page's size and modification time (`rsync
    --inplace -t`) is refused as any other: a build reads every page it keeps."""
    (bundled_project / "source" / "second.md").write_text("# Second\n\nRest when you are tired.\n", encoding="utf-8")
    assert run(bundled_project, "build", "es") in (0, 1)
    page = bundled_project / "output" / "en" / f"{SLUG}.html"
    before = page.stat()
    data = page.read_bytes()
    at = data.index(b"<p>") + 3
    page.write_bytes(data[:at] + bytes([data[at] ^ 0x20]) + data[at + 1:])
    os.utime(page, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert page.stat().st_size == before.st_size and page.stat().st_mtime_ns == before.st_mtime_ns
    (bundled_project / "source" / "second.md").write_text("# Second\n\nRest when you feel tired.\n", encoding="utf-8")
    capsys.readouterr()
    assert run(bundled_project, "build", "es") == 2
    assert f"output/en/{SLUG}.html: error: changed since the build that made it" in capsys.readouterr().err


def test_a_folder_setting_outside_is_refused_with_the_line_of_locpipes_own_table(bundled_project, capsys):
    """Another tool's table above may have a key of the same name: the
    error names the line of [tool.locpipe]'s."""
    path = bundled_project / "pyproject.toml"
    lines = ["[tool.other]", 'output = "../elsewhere"', "", *path.read_text(encoding="utf-8").splitlines()]
    at = lines.index("[tool.locpipe]") + 1
    lines.insert(at, 'output = "../up"')
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert run(bundled_project, "build") == 2
    assert f"pyproject.toml:{at + 1}: error: setting 'output' must name a folder inside the project, not '../up'" \
        in capsys.readouterr().err
