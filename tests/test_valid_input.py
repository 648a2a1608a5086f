"""No traceback on valid input: every CommonMark document extracts, builds,
checks and gets its readability report, or is refused with a clear
`path:line: error: message` (exit status 2), never with an uncaught
exception; and a catalog that copies its source has no error but
untranslated-copy."""

from __future__ import annotations

import json
import re
import shutil
import tempfile
import traceback
from pathlib import Path

import polib
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import run
from pipeline.cli import main
from pipeline.errors import SourceError
from pipeline.source import parse_document

CLEAR_ERROR = re.compile(r"^(source/\S+?:\d+: |locpipe: )error: \S", re.M)

WORDS = ["fever", "call", "your", "doctor", "rest", "water", "pain", "take", "medicine", "nurse"]
REFERENCES = ["&#35;", "&#42;", "&#x31;", "&amp;", "&lt;", "&gt;", "&quot;", "&nbsp;", "&#0;",
              "&#8203;", "&#49;0 mg", "&#x202E;", "&#10;", "&bogus;"]

word = st.sampled_from(WORDS)
reference = st.sampled_from(REFERENCES)


@st.composite
def inline(draw):
    """A line of inline Markdown: words, markup, links (some without text),
    character references, numbers that the checks protect."""
    parts = []
    for _ in range(draw(st.integers(1, 4))):
        text = draw(word)
        parts.append(draw(st.sampled_from([
            text, f"**{text}**", f"*{text}*", f"`{text}`", f"[{text}](https://example.org/{text})",
            "[](http://x)", "![](x.png)", f"![{text}](x.png)", draw(reference), "**  **", "\\#",
            "call 212-639-2000", "911", "5 mg", "5 p.m.", "<https://example.org>"])))
    return " ".join(parts)


@st.composite
def block(draw):
    kind = draw(st.sampled_from(["heading", "empty heading", "paragraph", "list", "empty item",
                                 "quote", "empty quote", "setext", "break", "table", "code", "image",
                                 "note", "nested empties"]))
    if kind == "heading":
        return "#" * draw(st.integers(1, 6)) + " " + draw(inline())
    if kind == "empty heading":
        return draw(st.sampled_from(["#", "##", "## ", "###   ", "#  #", "## #", "## **  **",
                                     "## &nbsp;", "## &#35;", "## [](http://x)", "## ![](x.png)"]))
    if kind == "paragraph":
        return draw(inline())
    if kind == "list":
        marker = draw(st.sampled_from(["-", "*", "1.", "2)"]))
        return "\n".join(f"{marker} {draw(inline())}" for _ in range(draw(st.integers(1, 3))))
    if kind == "empty item":
        return draw(st.sampled_from(["-", "1.", "-\n-", "- a\n-\n- b", "1.\n2.", "* ", "-\n  x"]))
    if kind == "quote":
        return "> " + draw(inline())
    if kind == "empty quote":
        return draw(st.sampled_from([">", "> ", ">\n>", "> >", "> -", "> #"]))
    if kind == "setext":
        return draw(st.sampled_from([draw(inline()), "&nbsp;", "**  **", "\\", "&#35;"])) + "\n" + \
            draw(st.sampled_from(["===", "---", "="]))
    if kind == "break":
        return draw(st.sampled_from(["***", "___", "- - -", "* * *"]))
    if kind == "table":
        return f"| {draw(inline())} | {draw(word)} |\n|---|:-:|\n| {draw(inline())} | |"
    if kind == "code":
        return "```\n" + draw(inline()) + "\n```"
    if kind == "image":
        return f"![{draw(st.sampled_from(['', 'A chart', '&#35;', '**  **']))}](chart.png)"
    if kind == "note":
        return f"<!-- translators: {draw(word)} -->\n{draw(inline())}"
    return draw(st.sampled_from(["- >", "> -\n>", "1. - >", "- #", "> ##", "- ```\n  ```", "- ***"]))


FRONT_MATTER = st.sampled_from([
    "", "---\n---\n\n", "---\ntitle: Fever\n---\n\n", "---\ntitle: Fever\nupdated: 2025-06-16\n---\n\n",
    "---\ntitle: ''\ndescription: &#35; 5 mg\n---\n\n", "---\nupdated: 2025-06-16 10:00:00\n---\n\n",
    "---\nupdated: 2025-13-45\n---\n\n", "---\nupdated: soon\n---\n\n", "---\ncategory: [a, b]\n---\n\n",
    "---\ntitle: 5\n---\n\n", "---\n- a list\n---\n\n", "---\ntitle: !!bool maybe\n---\n\n"])

documents = st.builds(lambda front, blocks, end: front + "\n\n".join(blocks) + end, FRONT_MATTER,
                      st.lists(block(), max_size=8), st.sampled_from(["\n", ""]))


def run_commands(text: str, capsys) -> None:
    """Extract, start Spanish, build, check and report readability on a
    project of one document; fails, naming the document, on an uncaught
    exception or on exit status 2 without a clear error."""
    root = Path(tempfile.mkdtemp(prefix="valid-input-"))
    try:
        (root / "source").mkdir()
        (root / "locale").mkdir()
        (root / "source" / "doc.md").write_text(text, encoding="utf-8")
        for command in (["extract"], ["init", "es"], ["build", "--allow-incomplete"], ["check"],
                        ["readability"]):
            capsys.readouterr()
            try:
                status = run(root, *command)
            except BaseException:  # noqa: BLE001 - any exception is the failure being looked for
                pytest.fail(f"{' '.join(command)} raised on this document:\n{text!r}\n{traceback.format_exc()}")
            err = capsys.readouterr().err
            assert status in (0, 1, 2), (command, text)
            if status == 2:
                assert CLEAR_ERROR.search(err), f"{' '.join(command)}: unclear error {err!r} on {text!r}"
                assert "Traceback" not in err
                return
        assert_own_copy_passes(root, text, capsys)
    finally:
        shutil.rmtree(root, ignore_errors=True)


def assert_own_copy_passes(root: Path, text: str, capsys) -> None:
    """A catalog whose every translation is its source gets no error but
    untranslated-copy: the checks read both sides alike."""
    path = root / "locale" / "es" / "LC_MESSAGES" / "doc.po"
    po = polib.pofile(str(path))
    for entry in po:
        entry.msgstr = entry.msgid
    po.save()
    capsys.readouterr()
    assert run(root, "check", "--json") in (0, 1)
    errors = [(f["msgid"], f["check"], f["message"]) for f in json.loads(capsys.readouterr().out)
              if f["severity"] == "error" and f["msgid"] and f["check"] != "untranslated-copy"]
    assert errors == [], text


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture,
                                 HealthCheck.data_too_large])
@given(text=documents)
def test_any_valid_document_builds_or_is_refused_clearly(text, capsys):
    run_commands(text, capsys)


# Each of these once ended in a traceback, or in a catalog locpipe itself could not read.
BUILDS = {
    "empty heading": "# Title\n\n## \n\nText.\n",
    "heading of a lone #": "#\n",
    "heading of closing #s only": "#  #\n",
    "heading of a # and its closing #": "## #\n",
    "empty heading with a note": "<!-- translators: a note -->\n## \n",
    "empty headings only": "#\n\n##\n\n######\n",
    "empty list items": "-\n\n1.\n\n- a\n-\n- b\n",
    "empty block quotes": ">\n\n> >\n\n> -\n",
    "link without text": "See [](http://x) here.\n",
    "image without alt text": "![](x.png)\n\nText ![](x.png) more.\n",
    "character references": "&#35; &amp; &#42; &nbsp; &#0; &#8203;\n",
    "heading of a character reference": "## &#35;\n\n## &nbsp;\n",
    "heading of markup only": "## **  **\n\n## [](http://x)\n\n## ![](x.png)\n",
    "setext headings": "&nbsp;\n===\n\n**  **\n---\n",
    "thematic breaks": "***\n\n___\n\n- - -\n",
    "nested empties": "- >\n\n> -\n\n1. - >\n\n- #\n",
    "front matter only": "---\ntitle: Fever\n---\n",
    "empty front matter": "---\n---\n",
    "empty file": "",
    "date and time in updated": "---\nupdated: 2025-06-16 10:00:00\n---\n# Fever\n",
    "updated as a quoted date": "---\nupdated: '2025-06-16'\n---\n# Fever\n",
}


@pytest.mark.parametrize("text", BUILDS.values(), ids=BUILDS.keys())
def test_builds(tmp_path, capsys, text):
    root = tmp_path / "project"
    (root / "source").mkdir(parents=True)
    (root / "locale").mkdir()
    (root / "source" / "doc.md").write_text(text, encoding="utf-8")
    (root / "locpipe.toml").write_text("[publish]\nrequire_review = false\n", encoding="utf-8")
    for command in (["extract"], ["init", "es"], ["build", "--allow-incomplete"], ["check"], ["readability"]):
        assert run(root, *command) in (0, 1), command
    assert (root / "output" / "en" / "doc.html").exists() and (root / "output" / "es" / "doc.txt").exists()


REFUSED = {
    "a date that does not exist": ("---\ntitle: Fever\nupdated: 2025-13-45\n---\n", 3,
                                   "front matter has a value that is not a date: '2025-13-45' (month must be in 1..12)"),
    "the 30th of February": ("---\nupdated: 2025-02-30\n---\n", 2, "not a date: '2025-02-30'"),
    "a date deep in a list": ("---\ntitle: Fever\nseen: [1, {on: 2025-13-01}]\n---\n", 3, "not a date"),
    "an hour that does not exist": ("---\nupdated: 2025-06-16T25:00:00\n---\n", 2, "not a date"),
    "updated not a date": ("---\ntitle: Fever\nupdated: soon\n---\n", 3,
                           "front matter 'updated' must be a date such as 2025-06-16, not 'soon'"),
    "updated a number": ("---\nupdated: 5\n---\n", 2, "'updated' must be a date"),
    "updated a list": ("---\nupdated: [2025-06-16]\n---\n", 2, "'updated' must be a date"),
    "a boolean that is none": ("---\ntitle: !!bool maybe\n---\n", 2, "not true or false: 'maybe'"),
    "a number that is none": ("---\ndose: !!int 0x\n---\n", 2, "not a whole number: '0x'"),
    "too deeply nested": ("---\na: " + "[" * 600 + "]" * 600 + "\n---\n", 2, "nested too deeply"),
    "an EOT in the text": ("# Fever\n\nTake \x04 this.\n", 3, "U+0004, which a gettext catalog cannot hold"),
    "a NUL written as a YAML escape": ('---\ntitle: "a\\x00b"\n---\n', 2, "U+0000"),
    "a lone surrogate written as a YAML escape": ('---\ntitle: "\\uD800"\n---\n', 2, "U+D800"),
}


@pytest.mark.parametrize("text, line, message", REFUSED.values(), ids=REFUSED.keys())
def test_refused_with_the_line(tmp_path, capsys, text, line, message):
    with pytest.raises(SourceError) as err:
        parse_document(text, "doc", "source/doc.md")
    assert err.value.line == line and message in err.value.message
    root = tmp_path / "project"
    (root / "source").mkdir(parents=True)
    (root / "locale").mkdir()
    (root / "source" / "doc.md").write_text(text, encoding="utf-8")
    capsys.readouterr()
    assert run(root, "extract") == 2
    assert capsys.readouterr().err.startswith(f"source/doc.md:{line}: error: ")
    assert not (root / "locale" / "doc.pot").exists()


def test_an_empty_heading_has_no_unit_but_is_rendered(tmp_path):
    document = parse_document("# Fever\n\n## \n\nRest.\n\n##\n", "doc", "source/doc.md")
    assert [u.text for u in document.units] == ["Fever", "Rest."]
    assert all(u.text for u in document.units)  # an empty msgid would be the catalog's header
    root = tmp_path / "project"
    (root / "source").mkdir(parents=True)
    (root / "locale").mkdir()
    (root / "source" / "doc.md").write_text("# Fever\n\n## \n\nRest.\n", encoding="utf-8")
    assert run(root, "build") == 0
    page = (root / "output" / "en" / "doc.html").read_text(encoding="utf-8")
    assert "<h2></h2>" in page and "<p>Rest.</p>" in page
    assert "Rest." in (root / "output" / "en" / "doc.txt").read_text(encoding="utf-8")


def test_an_empty_heading_ends_the_sections_it_closes():
    document = parse_document("# Fever\n\n## Signs\n\n## \n\nRest.\n", "doc", "source/doc.md")
    assert document.units[-1].section == ("Fever",)


@pytest.mark.parametrize("character", ["\x01", "\x1b", "\x7f", "\x85", "\ufdd0", "\uffff"])
def test_a_character_no_page_can_show_is_refused_at_its_line(tmp_path, capsys, character):
    """HTML forbids controls other than whitespace and noncharacters: a
    source with one is refused at its line, before anything is written."""
    root = tmp_path / "project"
    (root / "source").mkdir(parents=True)
    (root / "locale").mkdir()
    (root / "source" / "doc.md").write_text(f"# Title\n\nFirst.\n\nA{character}b.\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["--project", str(root), "extract"]) == 2
    err = capsys.readouterr().err
    assert f"source/doc.md:5: error: contains the control character U+{ord(character):04X}" in err
    assert not (root / "locale" / "doc.pot").exists()
