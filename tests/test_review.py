"""Sign-offs: written into the catalog header by `locpipe review sign`,
tied to the English and the translations they cover, void when either
changes, as `build`, `stats`, `check` and `review status` then say."""

from __future__ import annotations

import json

import polib
import pytest

from conftest import msgfmt_check, run, tree_checksums
from pipeline.errors import LocpipeError
from pipeline.po import write_catalog
from pipeline.project import Project
from pipeline.review import sha256
from pipeline.signoff import sign

SLUG = "cytokine-release-syndrome"


def catalog(root, language="es"):
    return root / "locale" / language / "LC_MESSAGES" / f"{SLUG}.po"


def review_status(root, capsys) -> dict:
    capsys.readouterr()
    assert run(root, "review", "status", "--json") == 0
    return {(row["language"], row["document"]): row for row in json.loads(capsys.readouterr().out)}


def test_a_sign_off_is_written_into_the_header_and_nothing_else(bundled_project, capsys):
    before = polib.pofile(str(catalog(bundled_project)))
    assert run(bundled_project, "review", "sign", "es", SLUG, "--by", "Ana Ruiz", "--role", "medical",
               "--comment", "doses checked") == 0
    after = polib.pofile(str(catalog(bundled_project)))
    source = (bundled_project / "source" / f"{SLUG}.md").read_bytes()
    assert after.metadata["X-Review-Status"] == "reviewed"
    assert after.metadata["X-Reviewed-By"] == "Ana Ruiz"
    assert after.metadata["X-Reviewed-Role"] == "medical review"
    assert after.metadata["X-Reviewed-Date"] == "2025-06-16"  # SOURCE_DATE_EPOCH's day
    assert after.metadata["X-Reviewed-Comment"] == "doses checked"
    assert after.metadata["X-Reviewed-Source"] == sha256(source)
    assert [(e.msgid, e.msgstr, e.flags) for e in after] == [(e.msgid, e.msgstr, e.flags) for e in before]
    assert msgfmt_check(catalog(bundled_project)).returncode == 0
    row = review_status(bundled_project, capsys)[("es", SLUG)]
    assert (row["review"], row["reviewed_by"], row["reviewed_role"]) == ("reviewed", "Ana Ruiz", "medical review")
    assert review_status(bundled_project, capsys)[("ar", SLUG)]["review"] == "draft"


def _edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_editing_the_english_voids_the_sign_off_everywhere(bundled_project, capsys):
    settings = bundled_project / "pyproject.toml"
    _edit(settings, "require_review = false", "require_review = true")
    assert run(bundled_project, "review", "sign", "es", SLUG, "--by", "Ana Ruiz", "--role", "medical") == 0
    capsys.readouterr()
    assert run(bundled_project, "build", "es") == 0  # signed: published
    _edit(bundled_project / "source" / f"{SLUG}.md", "Chills", "Shaking chills")
    why = "reviewed 2025-06-16 by Ana Ruiz (medical review), English changed since"
    row = review_status(bundled_project, capsys)[("es", SLUG)]
    assert (row["review"], row["review_note"]) == ("draft", why)
    capsys.readouterr()
    assert run(bundled_project, "stats", "es", "--json") == 0
    stats = {r["document"]: r for r in json.loads(capsys.readouterr().out)}
    assert (stats[SLUG]["review"], stats[SLUG]["review_note"]) == ("draft", why)
    run(bundled_project, "check", "es")
    assert f"warning: review: a draft again: {why}" in capsys.readouterr().out
    assert run(bundled_project, "build", "es") == 1
    assert f"refused es/{SLUG}: " in (err := capsys.readouterr().err) and f"(X-Review-Status): {why}" in err


def test_changing_a_translation_voids_the_sign_off(bundled_project, capsys):
    assert run(bundled_project, "review", "sign", "ar", SLUG, "--by", "Omar", "--role", "translator") == 0
    po = polib.pofile(str(catalog(bundled_project, "ar")))
    entry = next(e for e in po if e.msgstr and not e.obsolete)
    entry.msgstr += " "
    write_catalog(catalog(bundled_project, "ar"), po)
    row = review_status(bundled_project, capsys)[("ar", SLUG)]
    assert row["review_note"] == "reviewed 2025-06-16 by Omar (translator review), translations changed since"
    assert row["review"] == "draft"


def test_a_header_marked_reviewed_by_hand_stays_reviewed(bundled_project, capsys):
    _edit(catalog(bundled_project), "X-Review-Status: draft", "X-Review-Status: reviewed")
    row = review_status(bundled_project, capsys)[("es", SLUG)]
    assert (row["review"], row["review_note"]) == ("reviewed", "marked reviewed by hand, not tied to the English")


@pytest.mark.parametrize("edit, why", [
    (lambda text: "".join(line for line in text.splitlines(True) if not line.startswith('"X-Reviewed-Source')),
     "sign-off incomplete: X-Reviewed-Source missing"),
    (lambda text: text.replace('"X-Reviewed-Translations: ', '"X-Reviewed-Translations: \\n"\n"X-Old: '),
     "sign-off incomplete: X-Reviewed-Translations missing"),
])
def test_a_void_sign_off_is_not_revived_by_deleting_a_header_line(bundled_project, capsys, edit, why):
    _edit(bundled_project / "pyproject.toml", "require_review = false", "require_review = true")
    assert run(bundled_project, "review", "sign", "es", SLUG, "--by", "Ana Ruiz", "--role", "medical") == 0
    _edit(bundled_project / "source" / f"{SLUG}.md", "Chills", "Shaking chills")
    path = catalog(bundled_project)
    path.write_text(edit(path.read_text(encoding="utf-8")), encoding="utf-8")
    assert msgfmt_check(path).returncode == 0
    row = review_status(bundled_project, capsys)[("es", SLUG)]
    assert (row["review"], row["review_note"]) == ("draft", why)
    run(bundled_project, "check", "es")
    assert f"review: a draft again: {why}" in capsys.readouterr().out
    assert run(bundled_project, "build", "es") == 1
    assert f"refused es/{SLUG}: " in (err := capsys.readouterr().err) and why in err


def test_a_forged_sign_off_over_a_fuzzy_catalog_is_not_reviewed(bundled_project, capsys):
    from pipeline import review
    path = catalog(bundled_project)
    po = polib.pofile(str(path))
    next(e for e in po if "212-639-2000" in e.msgid).flags.append("fuzzy")
    source = (bundled_project / "source" / f"{SLUG}.md").read_bytes()
    forged = review.SignOff("Dr. Chief", "medical review", "2025-06-16", sha256(source),
                            review.translations_sha256(po))
    write_catalog(path, review.signed(po, forged))
    row = review_status(bundled_project, capsys)[("es", SLUG)]
    assert row["review"] == "draft"
    assert row["review_note"] == ("reviewed 2025-06-16 by Dr. Chief (medical review), but 1 fuzzy unit(s): "
                                  "not what a sign-off covers")


@pytest.mark.parametrize("change, why", [
    (lambda e: e.flags.append("fuzzy"), "1 fuzzy unit(s)"),
    (lambda e: setattr(e, "msgstr", ""), "1 unit(s) not translated (98.7% translated)"),
    (lambda e: setattr(e, "msgstr", e.msgstr.replace("212-639-2000", "212-639-2001")),
     "2 check error(s) (phone-number ×2)"),
])
def test_only_a_complete_catalog_without_errors_can_be_signed(bundled_project, capsys, change, why):
    po = polib.pofile(str(catalog(bundled_project)))
    change(next(e for e in po if "212-639-2000" in e.msgid))
    write_catalog(catalog(bundled_project), po)
    before = tree_checksums(bundled_project)
    assert run(bundled_project, "review", "sign", "es", SLUG, "--by", "Ana", "--role", "medical") == 2
    assert f"error: cannot sign off: {why}" in capsys.readouterr().err
    assert tree_checksums(bundled_project) == before


def test_a_catalog_changed_since_the_reviewer_saw_it_is_not_signed(bundled_project):
    seen = sha256(catalog(bundled_project).read_bytes())
    _edit(catalog(bundled_project), "Language-Team: Spanish", "Language-Team: Español")
    before = tree_checksums(bundled_project)
    with pytest.raises(LocpipeError, match="changed on disk since the page was loaded; reload"):
        sign(Project(bundled_project), "es", SLUG, "Ana", "medical", seen_sha256=seen)
    assert tree_checksums(bundled_project) == before


@pytest.mark.parametrize("args, message", [
    (("--by", "Ana\nX-Review-Status: reviewed", "--role", "medical"), "one line of text"),
    (("--by", "  ", "--role", "medical"), "needs the reviewer's name"),
    (("--by", "\u200b\u200b", "--role", "medical"), "must contain a letter"),
    (("--by", "\u202eziuR anA", "--role", "medical"), "bidirectional control characters"),
    (("--by", "A" * 201, "--role", "medical"), "longer than 200 characters"),
])
def test_a_sign_off_header_cannot_be_forged_or_empty(bundled_project, capsys, args, message):
    before = tree_checksums(bundled_project)
    assert run(bundled_project, "review", "sign", "es", SLUG, *args) == 2
    assert message in capsys.readouterr().err
    assert tree_checksums(bundled_project) == before


def test_only_documents_are_signed(bundled_project, capsys):
    assert run(bundled_project, "review", "sign", "es", "leaflet", "--by", "Ana", "--role", "medical") == 2
    assert "no document 'leaflet' to sign off" in capsys.readouterr().err


def test_review_page_model_orders_findings_and_marks_changed_units(bundled_project):
    from pipeline.checks import Finding
    from pipeline.jobs import check_catalog, read_document_by_slug
    from pipeline.review import review_state, unit_pairs
    from pipeline.review_page import review_page
    project = Project(bundled_project)
    document = read_document_by_slug(project, SLUG)
    po = polib.pofile(str(catalog(bundled_project)))
    signed_pairs = frozenset(unit_pairs(po))
    chills = po.find("Chills")
    chills.flags.append("fuzzy")
    chills.previous_msgid = "Chill"
    phone = next(e for e in po if "212-639-2000" in e.msgid)
    phone.msgstr = phone.msgstr.replace("212-639-2000", "212-639-2001")
    findings = check_catalog(project, SLUG, "es", po, catalog(bundled_project))
    findings.append(Finding("x.po", phone.linenum, "warning", "glossary", "a warning", phone.msgid, "es", SLUG))
    findings.insert(0, findings.pop())  # a warning before the errors: the page puts errors first
    po.metadata.update({"X-Review-Status": "reviewed", "X-Reviewed-Source": "0" * 64,
                        "X-Reviewed-Translations": "0" * 64, "X-Reviewed-By": "Ana", "X-Reviewed-Date": "2025-06-16"})
    page = review_page(document, "es", "ltr", po, findings, None, signed_pairs,
                       review_state(po, b"changed English"), "locale/es/x.po", "f" * 64,
                       reading=lambda text: ("long",) if len(text) > 300 else ())
    assert [row.source for row in page.rows] == [unit.text for unit in document.units]
    by_source = {row.source: row for row in page.rows}
    assert [f.severity for f in by_source[phone.msgid].findings] == ["error", "error", "warning"]
    assert (by_source["Chills"].state, by_source["Chills"].previous) == ("fuzzy", "Chill")
    assert {row.source for row in page.rows if row.changed} == {"Chills", phone.msgid}
    assert page.errors == 1 and page.fuzzy == 1 and page.changed == 2
    assert page.refusals == ("2 check error(s) (phone-number ×2)", "1 fuzzy unit(s)")
    assert page.state.void == "reviewed 2025-06-16 by Ana, English and translations changed since"
    assert by_source[phone.msgid].reading == (("long",) if len(phone.msgstr) > 300 else ())


def test_update_without_an_english_change_keeps_the_sign_off(bundled_project, capsys):
    assert run(bundled_project, "review", "sign", "es", SLUG, "--by", "Ana", "--role", "translator") == 0
    (bundled_project / "locale" / "es" / "glossary.csv").write_text(
        "source,translation,note\nfever,fiebre,\n", encoding="utf-8")  # update rewrites comments
    assert run(bundled_project, "update", "es") == 0
    assert "#. Glossary: fever = fiebre" in catalog(bundled_project).read_text(encoding="utf-8")
    assert review_status(bundled_project, capsys)[("es", SLUG)]["review"] == "reviewed"


def test_signing_a_symlinked_catalog_signs_the_file_it_links_to(bundled_project, capsys):
    shared = bundled_project / "shared" / "ht.po"
    shared.parent.mkdir()
    catalog(bundled_project, "ht").rename(shared)
    catalog(bundled_project, "ht").symlink_to("../../../shared/ht.po")
    assert run(bundled_project, "review", "sign", "ht", SLUG, "--by", "Jean", "--role", "translator") == 0
    assert catalog(bundled_project, "ht").is_symlink()
    assert polib.pofile(str(shared)).metadata["X-Reviewed-By"] == "Jean"
    assert review_status(bundled_project, capsys)[("ht", SLUG)]["review"] == "reviewed"


def test_crlf_line_ends_in_the_english_keep_the_sign_off(bundled_project, capsys):
    assert run(bundled_project, "review", "sign", "es", SLUG, "--by", "Ana", "--role", "medical") == 0
    source = bundled_project / "source" / f"{SLUG}.md"
    source.write_bytes(source.read_bytes().replace(b"\n", b"\r\n"))
    assert review_status(bundled_project, capsys)[("es", SLUG)]["review"] == "reviewed"
    _edit(source, "Chills", "Shaking chills")
    assert review_status(bundled_project, capsys)[("es", SLUG)]["review"] == "draft"


def test_a_source_date_epoch_out_of_range_is_a_clear_error(bundled_project, capsys, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "99999999999999999")
    before = tree_checksums(bundled_project)
    assert run(bundled_project, "review", "sign", "es", SLUG, "--by", "Ana", "--role", "medical") == 2
    assert capsys.readouterr().err == ("locpipe: error: SOURCE_DATE_EPOCH must be a whole number of seconds since 1970 "
                                       "(up to the year 9999), not '99999999999999999'\n")
    assert tree_checksums(bundled_project) == before
