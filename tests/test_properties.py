"""Properties that must hold for any input, checked on generated cases."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import polib
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import SHARED, msgfmt_check, run, tree_checksums
from pipeline import catalog as cat
from pipeline.po import catalog_bytes, parse_catalog, read_catalog, write_catalog
from pipeline.source import parse_document

WORDS = ["fever", "call", "your", "doctor", "rest", "drink", "water", "pain", "take", "medicine",
         "do", "not", "cells", "cancer", "today", "nurse", "help", "sleep", "chills", "mild"]

word = st.sampled_from(WORDS)
sentence = st.lists(word, min_size=1, max_size=12).map(lambda ws: " ".join(ws).capitalize() + ".")


@st.composite
def inline(draw):
    text = draw(sentence)
    style = draw(st.sampled_from(["plain", "bold", "italic", "link", "code"]))
    words = text.rstrip(".").split(" ")
    first = words[0]
    rest = " ".join(words[1:])
    decorated = {"plain": first, "bold": f"**{first}**", "italic": f"*{first}*",
                 "link": f"[{first}](https://example.org/{first.lower()})",
                 "code": f"`{first.lower()}`"}[style]
    return (decorated + (" " + rest if rest else "") + ".").strip()


@st.composite
def markdown_list(draw, depth=0):
    items = []
    for _ in range(draw(st.integers(1, 3))):
        item = "  " * depth + "- " + draw(inline())
        items.append(item)
        if depth < 2 and draw(st.booleans()):
            items.append(draw(markdown_list(depth + 1)))
    return "\n".join(items)


@st.composite
def block(draw):
    kind = draw(st.sampled_from(["heading", "paragraph", "list", "quote", "table", "code", "image"]))
    if kind == "heading":
        return "#" * draw(st.integers(1, 4)) + " " + draw(sentence).rstrip(".")
    if kind == "paragraph":
        return draw(inline())
    if kind == "list":
        return draw(markdown_list())
    if kind == "quote":
        return "> " + draw(inline())
    if kind == "table":
        return f"| {draw(word)} | {draw(word)} |\n|---|---|\n| {draw(sentence)} | {draw(sentence)} |"
    if kind == "code":
        return "```\n" + draw(sentence) + "\n```"
    return f"![{draw(sentence).rstrip('.')}](picture.png)"


documents = st.lists(block(), min_size=1, max_size=12).map(lambda blocks: "\n\n".join(blocks) + "\n")


def template_for(text: str) -> polib.POFile:
    document = parse_document(text, "doc", "source/doc.md")
    from pipeline.po import catalog_bytes
    template = cat.template_catalog([document], "test", cat.source_date("0"))
    return parse_catalog(catalog_bytes(template).decode("utf-8"), "doc.pot")


# -- no translation lost -----------------------------------------------------

units = st.lists(sentence, min_size=1, max_size=10, unique=True)
edit = st.tuples(st.sampled_from(["reword", "delete", "insert", "move", "duplicate"]),
                 st.integers(0, 50), sentence)


def apply_edit(texts: list[str], operation) -> list[str]:
    kind, position, new_text = operation
    texts = list(texts)
    if not texts:
        return [new_text]
    i = position % len(texts)
    if kind == "reword":
        words = texts[i].rstrip(".").split(" ")
        words[position % len(words)] = "changed"
        texts[i] = " ".join(words) + "."
    elif kind == "delete":
        del texts[i]
    elif kind == "insert":
        texts.insert(i, new_text)
    elif kind == "move":
        texts.append(texts.pop(i))
    else:
        texts.insert(i, texts[i])
    return texts


def all_translations(po: polib.POFile) -> set[str]:
    return {e.msgstr for e in po if e.msgstr}


@settings(max_examples=60, deadline=None)
@given(units, st.lists(edit, min_size=1, max_size=8))
def test_no_translation_is_ever_lost(initial, edits):
    texts = initial
    po = cat.new_catalog(template_for("\n\n".join(texts) + "\n"), "es", cat.source_date("0"))
    ever: set[str] = set()
    for operation in edits:
        # the translator translates everything that is untranslated
        for entry in po:
            if not entry.obsolete and not entry.msgstr:
                entry.msgstr = "T:" + entry.msgid
        ever |= all_translations(po)
        texts = apply_edit(texts, operation)
        po, _ = cat.merge_catalog(po, template_for("\n\n".join(texts) + "\n"))
        # and through the file format, as a real update would
        po = parse_catalog(catalog_bytes(po).decode("utf-8"), "es.po")
        missing = ever - all_translations(po)
        assert not missing, (missing, texts)


# -- catalog I/O is lossless -------------------------------------------------

# Message text: any character a catalog can hold (not NUL, nor EOT, gettext's
# context separator), with control characters, newlines, tabs, leading and
# trailing spaces made likely.
_TRICKY = st.sampled_from(["\n", "\t", "\r", "\r\n", " ", "  ", "\x01", "\x1b", "\x7f", "\x85",
                           "\u2028", "\\", '"', "\\n", "#~ ", "msgid "])
text = st.lists(st.text(st.characters(codec="utf-8", exclude_categories=("Cs",),
                                      exclude_characters="\x00\x04"), max_size=12) | _TRICKY,
                min_size=1, max_size=6).map("".join).filter(bool)
# Comments: lines of text (a comment cannot hold a line end of its own), blank
# lines between them and spaces around them kept as written.
comment_line = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Zl", "Zp")),
                       max_size=60) | st.just("") | st.just("  indented")
comment = st.lists(comment_line, max_size=4).map("\n".join)


@st.composite
def entry(draw):
    plural = draw(st.booleans())
    obsolete = draw(st.integers(0, 4)) == 0
    e = polib.POEntry(msgid=draw(text), msgctxt=draw(st.none() | text), obsolete=obsolete,
                      tcomment=draw(comment), flags=draw(st.lists(st.sampled_from(
                          ["fuzzy", "python-format", "no-wrap"]), unique=True)))
    if not obsolete:
        e.comment = draw(comment)
        e.occurrences = [("source/doc.md", str(draw(st.integers(1, 999))))]
    if plural:
        e.msgid_plural = draw(text)
        # as many forms as the header's nplurals (msgfmt rejects others); obsolete
        # entries are not checked by msgfmt and may have any number
        count = draw(st.integers(1, 3)) if obsolete else 3
        e.msgstr_plural = {i: draw(text) for i in range(count)}
    else:
        e.msgstr = draw(st.just("") | text)
    if "fuzzy" in e.flags and draw(st.booleans()):
        e.previous_msgid = draw(text)
        e.previous_msgctxt = draw(st.none() | text)
    return e


def signature(po: polib.POFile):
    """Everything an entry holds; obsolete entries come last, as in gettext."""
    return sorted([(e.msgctxt, e.msgid, e.msgid_plural, e.msgstr, sorted(e.msgstr_plural.items()),
             e.comment if not e.obsolete else "", e.tcomment, sorted(e.flags), e.previous_msgid,
             e.previous_msgctxt, bool(e.obsolete), e.occurrences) for e in po],
                  key=lambda sig: sig[10])


def as_gettext_keeps(po: polib.POFile) -> polib.POFile:
    """The catalog as GNU gettext's layout keeps it: an obsolete entry with
    no translation is left out, an obsolete entry keeps its flags as
    msgmerge does; a fuzzy flag without a translation is dropped. No
    translation is among these."""
    kept = polib.POFile()
    for e in po:
        translated = any(e.msgstr_plural.values()) if e.msgid_plural else bool(e.msgstr)
        if e.obsolete and not translated:
            continue
        copy = polib.POEntry(msgctxt=e.msgctxt, msgid=e.msgid, msgid_plural=e.msgid_plural, msgstr=e.msgstr,
                             msgstr_plural=dict(e.msgstr_plural), comment=e.comment, tcomment=e.tcomment,
                             previous_msgid=e.previous_msgid, previous_msgctxt=e.previous_msgctxt,
                             obsolete=e.obsolete, occurrences=list(e.occurrences))
        copy.flags = [f for f in e.flags if f != "fuzzy" or translated]
        kept.append(copy)
    return kept


def _newline_ends_agree(entry: polib.POEntry) -> bool:
    texts = [entry.msgid, entry.msgid_plural or entry.msgid, entry.msgstr, *entry.msgstr_plural.values()]
    texts = [t for t in texts if t]
    return len({(t.startswith("\n"), t.endswith("\n")) for t in texts}) == 1


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(entry(), max_size=8, unique_by=lambda e: (e.msgctxt, e.msgid, e.obsolete)))
def test_writing_and_reading_a_catalog_keeps_everything(entries):
    po = polib.POFile()
    po.metadata = {"Content-Type": "text/plain; charset=UTF-8", "Language": "uk",
                   "Plural-Forms": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : 1);"}
    po.header = "Ukrainian translation."
    for e in entries:
        po.append(e)
    data = catalog_bytes(po)
    again = parse_catalog(data.decode("utf-8"), "uk.po")
    assert signature(again) == signature(as_gettext_keeps(po))
    # and GNU msgfmt reads the file, unless a translation begins or ends with
    # a newline where its msgid does not: msgfmt refuses that, locpipe reads
    # it and `locpipe check` warns (whitespace) so the translator can fix it
    if not all(_newline_ends_agree(e) for e in entries if not e.obsolete):
        return
    # nor where an obsolete entry has a live entry's context and msgid: msgfmt calls that a duplicate
    # definition (msgmerge never writes one); locpipe reads and keeps both
    keys = [{(e.msgctxt, e.msgid) for e in entries if bool(e.obsolete) == obsolete} for obsolete in (True, False)]
    if keys[0] & keys[1]:
        return
    with tempfile.NamedTemporaryFile(suffix=".po") as handle:
        handle.write(data)
        handle.flush()
        judged = subprocess.run(["msgfmt", "-o", os.devnull, handle.name], capture_output=True, text=True)
        assert judged.returncode == 0, judged.stderr
    assert again.metadata == po.metadata and again.header == po.header
    assert catalog_bytes(again) == data


REAL_CATALOGS = sorted((SHARED / "corpus" / "po").glob("*.po")) if (SHARED / "corpus" / "po").is_dir() else []


@pytest.mark.skipif(not REAL_CATALOGS, reason="../shared/corpus/po is not present")
@pytest.mark.parametrize("path", REAL_CATALOGS, ids=lambda p: p.name)
def test_real_world_catalogs_survive_a_round_trip(path, tmp_path):
    original = read_catalog(path)
    copy = tmp_path / path.name
    copy.write_bytes(catalog_bytes(original))
    result = msgfmt_check(copy)
    assert result.returncode == 0, result.stderr
    again = read_catalog(copy)
    assert signature(again) == signature(original)
    assert again.metadata == original.metadata
    assert sum(e.obsolete for e in again) == sum(e.obsolete for e in original) > 0
    assert catalog_bytes(again) == copy.read_bytes()


@pytest.mark.skipif(not REAL_CATALOGS, reason="../shared/corpus/po is not present")
def test_real_world_catalog_features_are_kept():
    uk = read_catalog(SHARED / "corpus" / "po" / "uk-baobab.po")
    assert any(e.msgid_plural and len(e.msgstr_plural) == 3 for e in uk)
    assert any(e.msgctxt for e in uk)
    assert any(e.previous_msgid and "fuzzy" not in e.flags for e in uk)


# -- idempotence -------------------------------------------------------------

@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(documents)
def test_extract_and_update_twice_change_no_byte(tmp_path, text):
    root = tmp_path / "p"
    shutil.rmtree(root, ignore_errors=True)
    (root / "source").mkdir(parents=True)
    (root / "locale" / "es").mkdir(parents=True)
    (root / "source" / "doc.md").write_text(text, encoding="utf-8")
    assert run(root, "update") == 0
    po_path = root / "locale" / "es" / "LC_MESSAGES" / "doc.po"
    po = polib.pofile(str(po_path))
    for e in po:
        e.msgstr = e.msgid
    po.save()
    assert run(root, "update") == 0
    first = tree_checksums(root)
    assert run(root, "extract") == 0 and run(root, "update") == 0
    assert tree_checksums(root) == first
    # and build: a second build writes the same bytes (es is published or
    # refused the same way each time; the English pages always are built)
    status = run(root, "build", "--quiet", "--jobs", "1")
    assert (root / "output" / "en" / "doc.html").is_file()
    built = tree_checksums(root / "output")
    assert run(root, "build", "--quiet", "--jobs", "1") == status
    assert tree_checksums(root / "output") == built
    shutil.rmtree(root / "output")
    assert run(root, "build", "--quiet", "--jobs", "1") == status
    assert tree_checksums(root / "output") == built


# -- no translation lost, through the command --------------------------------

def test_no_translation_is_lost_through_locpipe_update(tmp_path):
    """The property above, driven through `locpipe update` on files: after
    each edit of the source, every translation ever made is still in the
    catalog, current, fuzzy or obsolete."""
    root = tmp_path / "p"
    (root / "source").mkdir(parents=True)
    (root / "locale" / "es").mkdir(parents=True)
    source = root / "source" / "doc.md"
    po_path = root / "locale" / "es" / "LC_MESSAGES" / "doc.po"
    texts = ["Drink water every day.", "Call your doctor if you have a fever.", "Rest when you feel tired.",
             "Do not take medicine without asking your nurse.", "Sleep helps your cells heal."]
    edits = [("reword", 1, ""), ("delete", 0, ""), ("insert", 2, "Take your medicine today."),
             ("move", 1, ""), ("duplicate", 0, ""), ("reword", 7, ""), ("delete", 3, ""),
             ("insert", 0, "Drink water every day.")]  # a deleted text comes back
    ever: set[str] = set()
    for operation in [None, *edits]:
        if operation is not None:
            texts = apply_edit(texts, operation)
        source.write_text("\n\n".join(texts) + "\n", encoding="utf-8")
        assert run(root, "update", "--quiet") == 0
        po = read_catalog(po_path)
        missing = ever - all_translations(po)
        assert not missing, (operation, missing)
        for entry in po:
            if not entry.obsolete and not entry.msgstr:
                entry.msgstr = "T:" + entry.msgid
        write_catalog(po_path, po)
        ever |= all_translations(po)
    po = read_catalog(po_path)
    assert po.find("Drink water every day.").msgstr == "T:Drink water every day."
    assert not po.find("Drink water every day.").fuzzy
    assert msgfmt_check(po_path).returncode == 0


# -- identity translation renders like markdown-it ---------------------------

@st.composite
def rich_inline(draw, links=True):
    """A sentence whose words may be bold, italic, code, a link or an image."""
    words = draw(st.lists(word, min_size=1, max_size=8))
    out = []
    for i, w in enumerate(words):
        style = draw(st.sampled_from(["plain"] * 4 + ["bold", "italic", "code", "underscore", "escaped",
                                                   "entity"] +
                                     (["link", "image", "bold-link", "titled-link", "autolink", "reference",
                                       "collapsed-reference", "shortcut-reference", "emphasised-alt"]
                                      if links else [])))
        out.append({"plain": w, "bold": f"**{w}**", "italic": f"*{w}*", "code": f"`{w}`",
                    "underscore": f"_{w}_", "escaped": f"\\*{w}\\*", "entity": f"{w} &amp;",
                    "link": f"[{w} {words[0]}](https://example.org/{w})",
                    "bold-link": f"**[{w}](https://example.org/{i})**",
                    "titled-link": f'[{w}](https://example.org/{w} "{w}")',
                    "autolink": f"<https://example.org/{w}>",
                    "image": f"![{w}](images/{w}.png)",
                    "reference": f"[{w}][guide]", "collapsed-reference": "[guide][]",
                    "shortcut-reference": "[Guide]",  # labels match case-insensitively
                    "emphasised-alt": f"![{w} *{words[0]}*](images/{w}.png)"}[style])
    text = " ".join(out)
    return text[:1].upper() + text[1:] + draw(st.sampled_from([".", "", "?", ":"]))


@st.composite
def rich_list(draw, depth=0):
    marker = draw(st.sampled_from(["-", "1."])) if depth == 0 else "-"
    items = []
    for _ in range(draw(st.integers(1, 3))):
        item = draw(rich_inline())
        items.append("   " * depth + f"{marker} " + item)
        if depth < 2 and draw(st.integers(0, 3)) == 0:
            items.append(draw(rich_list(depth + 1)))
    return "\n".join(items)


@st.composite
def rich_block(draw):
    kind = draw(st.sampled_from(["heading", "paragraph", "paragraph", "list", "quote", "table", "code",
                                 "nested-quote", "loose-list", "rule"]))
    if kind == "nested-quote":
        return f"> {draw(rich_inline())}\n>\n> > {draw(rich_inline())}"
    if kind == "loose-list":
        return f"- {draw(rich_inline())}\n\n- {draw(rich_inline())}\n\n  {draw(rich_inline())}"
    if kind == "rule":
        return "* * *"  # not "---": at the top of a file that opens front matter
    if kind == "heading":
        return "#" * draw(st.integers(1, 4)) + " " + draw(rich_inline(links=False)).rstrip(".?:")
    if kind == "paragraph":
        return draw(rich_inline())
    if kind == "list":
        return draw(rich_list())
    if kind == "quote":
        return "\n".join("> " + line for line in draw(rich_inline()).split("\n"))
    if kind == "table":
        return (f"| {draw(word)} | {draw(word)} |\n|---|---|\n"
                f"| {draw(rich_inline())} | {draw(rich_inline())} |")
    return "```\n" + draw(sentence) + "\n```"


# Every document ends with the definition its reference-style links use.
rich_documents = st.lists(rich_block(), min_size=1, max_size=8).map(
    lambda b: "\n\n".join(b) + '\n\n[guide]: https://example.org/guide "The guide"\n')


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rich_documents)
def test_identity_translation_through_catalog_files_renders_like_markdown_it(text):
    """Extract, write the .pot, fill every msgstr with its msgid in a real .po,
    read it back, render: the <article> is markdown-it's rendering."""
    from test_build import article, canonical, markdown_it_body

    from pipeline.localize import localize
    from pipeline.po import catalog_bytes
    from pipeline.render.html import render_template
    from pipeline.ui import ui_gettext

    document = parse_document(text, "doc", "source/doc.md")
    with tempfile.TemporaryDirectory() as folder:
        pot_path, po_path = Path(folder) / "doc.pot", Path(folder) / "doc.po"
        pot_path.write_bytes(catalog_bytes(cat.template_catalog([document], "test", cat.source_date("0"))))
        template = read_catalog(pot_path)
        po = cat.new_catalog(template, "es", cat.source_date("0"))
        for entry in po:
            entry.msgstr = entry.msgid
        write_catalog(po_path, po)
        table = cat.translations(read_catalog(po_path))
    assert set(table) == {u.text for u in document.units}
    localized = localize(document, "es", table)
    assert not any(t.fallback for t in localized.texts)
    page = render_template("page.html", ui_gettext({}), doc=localized, lang="es", dir="ltr",
                           title=localized.field("title", "x"), category=None, updated="",
                           publisher={"name": "P"}, alternates=[], incomplete=False, draft=False)
    assert canonical(article(page)) == canonical(markdown_it_body(text))
