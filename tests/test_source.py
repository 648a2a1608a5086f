"""Source documents become the units a translator sees."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline import model
from pipeline.errors import SourceError
from pipeline.source import parse_document, read_document

REPO = Path(__file__).resolve().parent.parent
CRS = REPO / "source" / "cytokine-release-syndrome.md"


@pytest.fixture(scope="module")
def crs():
    return read_document(CRS, "source/cytokine-release-syndrome.md")


def test_every_block_of_the_leaflet_is_a_unit(crs):
    body = crs.body_units()
    kinds = [u.kind for u in body]
    assert kinds.count(model.HEADING) == 10
    assert kinds.count(model.LIST_ITEM) == 38
    assert kinds.count(model.PARAGRAPH) == 30
    assert len(body) == 78
    # title and category from the front matter come first
    assert [(u.field, u.text) for u in crs.units[:2]] == [
        ("title", "About Cytokine Release Syndrome (CRS) and Neurotoxicity Syndrome"),
        ("category", "Patient & Caregiver Education")]


def test_headings_keep_their_levels_and_stable_anchors(crs):
    headings = [(u.level, u.text, u.anchor) for u in crs.units if u.kind == model.HEADING]
    assert headings[0] == (1, "About Cytokine Release Syndrome (CRS) and Neurotoxicity Syndrome",
                           "about-cytokine-release-syndrome-crs-and-neurotoxicity-syndrome")
    assert [level for level, _, _ in headings] == [1, 2, 3, 3, 2, 3, 3, 2, 3, 3]
    assert headings[-1][2] == "urgent-care-or-shared-care"


def test_nested_flu_like_symptoms_are_units_of_their_own(crs):
    nested = [u for u in crs.units if u.depth == 2]
    assert [u.text for u in nested] == [
        "Muscle aches", "Headaches", "Chills", "Fatigue (feeling more tired and weak than usual)",
        "Nausea (feeling like you're going to throw up)", "Vomiting (throwing up)",
        "Diarrhea (loose, watery poop)"]
    parent = crs.units[nested[0].index - 1]
    assert parent.text == "Flu-like symptoms, such as:" and parent.depth == 1
    assert nested[0].section[-1] == "Symptoms of cytokine release syndrome"


def test_inline_markup_stays_as_markdown(crs):
    item = next(u for u in crs.units if u.text.startswith("**CAR T cells**"))
    assert "*CAR T Cell Therapy: A Guide for Adult Patients & Caregivers*" in item.text
    assert "[www.mskcc.org/pe/car-t-guide](https://www.mskcc.org/pe/car-t-guide)" in item.text
    assert item.line == 22 and item.kind == model.LIST_ITEM


def test_translator_notes_attach_to_the_next_block(crs):
    unit = next(u for u in crs.units if "212-639-7900" in u.text)
    assert unit.notes and "Keep both phone numbers" in unit.notes[0]
    following = crs.units[unit.index + 1]
    assert "911" in following.text and "911 is the emergency number" in following.notes[0]
    assert not crs.units[following.index + 1].notes


def test_varied_markdown_units():
    text = ("# Title\n\nA *b* `code` [l](https://x.org)\nsecond line\n\n"
            "> quoted **text**\n\n![An alt text](pic.png \"T\")\n\n"
            "| Drug | Dose |\n|:--|--:|\n| Tylenol | 500 mg |\n\n"
            "```\nnot = translated\n```\n\n1. one\n2. two\n   - deep\n")
    doc = parse_document(text, "v", "source/v.md")
    assert [(u.kind, u.text) for u in doc.units] == [
        (model.HEADING, "Title"),
        (model.PARAGRAPH, "A *b* `code` [l](https://x.org) second line"),
        (model.BLOCKQUOTE, "quoted **text**"),
        (model.IMAGE_ALT, "An alt text"),
        (model.TABLE_CELL, "Drug"), (model.TABLE_CELL, "Dose"),
        (model.TABLE_CELL, "Tylenol"), (model.TABLE_CELL, "500 mg"),
        (model.LIST_ITEM, "one"), (model.LIST_ITEM, "two"), (model.LIST_ITEM, "deep")]
    assert [u.depth for u in doc.units[-3:]] == [1, 1, 2]
    image = doc.blocks[3]
    assert (image.kind, image.src, image.title) == ("image", "pic.png", "T")
    code = doc.blocks[5]
    assert code.kind == "code" and code.literal == "not = translated\n"


def test_broken_front_matter_names_the_line(tmp_path):
    path = tmp_path / "bad.md"
    path.write_text("---\ntitle: ok\nupdated: [2025\n---\n\n# Hi\n", encoding="utf-8")
    with pytest.raises(SourceError) as err:
        read_document(path, "source/bad.md")
    assert err.value.path == "source/bad.md" and err.value.line == 3
    assert "front matter" in str(err.value)


def test_undecodable_source_names_the_line(tmp_path):
    path = tmp_path / "latin.md"
    path.write_bytes(b"# Title\n\nFi\xe8vre\n")
    with pytest.raises(SourceError) as err:
        read_document(path, "source/latin.md")
    assert err.value.line == 3 and "UTF-8" in str(err.value)


def test_raw_html_is_refused_but_comments_are_not():
    doc = parse_document("<!-- a plain comment -->\n\nText\n", "c", "c.md")
    assert [u.text for u in doc.units] == ["Text"]
    with pytest.raises(SourceError) as err:
        parse_document("Text\n\n<div onclick=x>hi</div>\n", "h", "h.md")
    assert err.value.line == 3


def test_empty_source_has_no_units():
    doc = parse_document("", "empty", "empty.md")
    assert doc.units == [] and doc.blocks == []


def test_reference_links_become_inline_links_in_the_unit():
    text = ('# T\n\nSee [our guide][g], [G] or [g][] and [a friend][missing].\n\n'
            '[g]: https://www.mskcc.org/pe "The guide"\n')
    document = parse_document(text, "doc", "source/doc.md")
    assert document.units[1].text == (
        'See [our guide](https://www.mskcc.org/pe "The guide"), [G](https://www.mskcc.org/pe "The guide") '
        'or [g](https://www.mskcc.org/pe "The guide") and [a friend][missing].')


def test_image_alt_text_is_plain_text():
    document = parse_document("![A *very* small **pill**](pill.png)\n", "doc", "source/doc.md")
    assert [(u.kind, u.text) for u in document.units] == [("image alt text", "A very small pill")]


@pytest.mark.parametrize("paragraph", ["Call <span onclick=x>us</span> today.", "Call us <!-- note --> today."])
def test_inline_html_in_a_source_is_refused(paragraph):
    with pytest.raises(SourceError) as error:
        parse_document(f"# T\n\n{paragraph}\n", "doc", "source/doc.md")
    assert error.value.line == 3 and "inline HTML" in error.value.message


@pytest.mark.parametrize("text, phones, emergency", [
    ("Call 1-800-525-2225 or 212-639-2000.", ("1-800-525-2225", "212-639-2000"), ()),
    ("Call (212) 639-2000, +1 212 639 2000 or 9-1-1.", ("(212) 639-2000", "+1 212 639 2000"), ("9-1-1",)),
    ("Take 1 pill, then call 911.", (), ("911",)),
    ("Text 741741 or call 2126392000.", (), ()),  # not written as phone numbers: numbers, kept by the number check
])
def test_phone_and_emergency_numbers_are_found_as_written(text, phones, emergency):
    from pipeline.tokens import protected_tokens
    found = protected_tokens(text)
    assert (found.phones, found.emergency) == (phones, emergency)


def test_tel_addresses():
    from pipeline.render.inline import tel_uri
    assert [tel_uri(p) for p in ("212-639-2000", "1-800-525-2225", "+44 20 7946 0958", "(212) 639-2000")] == [
        "tel:+12126392000", "tel:+18005252225", "tel:+442079460958", "tel:+12126392000"]
    # the address is E.164 in ASCII digits, whatever digits the text uses
    assert [tel_uri(p) for p in ("٢١٢-٦٣٩-٢٠٠٠", "２１２-６３９-２０００", "1-800-4-CANCER")] == [
        "tel:+12126392000", "tel:+12126392000", "tel:+18004226237"]


@pytest.mark.parametrize("text, found", [
    ("Call 212-639-2000 or (212) 639-2000.", [("212-639-2000", "+12126392000"), ("(212) 639-2000", "+12126392000")]),
    ("Llame al +44 20 7946 0958.", [("+44 20 7946 0958", "+442079460958")]),
    ("Call 646-888-0200, extension 3.", [("646-888-0200", "+16468880200")]),  # the extension is the prose's
    ("Call 1-800-4-CANCER (1-800-422-6237).", [("1-800-4-CANCER", "+1-800-4CANCER"), ("1-800-422-6237", "+18004226237")]),
    ("请拨打400-820-1234。", [("400-820-1234", "+14008201234")]),  # not in service in North America: still a phone number
    ("Llame al 2126-392-000 o al 21 26 39 20 00.", []),  # grouped as no country groups them: numbers
    ("A fever of 100.4 °F, 24 hours a day, 2025-06-16.", []),
])
def test_phone_numbers_of_any_country_are_found_with_what_they_dial(text, found):
    from pipeline.tokens import phone_numbers
    assert [(p.text, p.key) for p in phone_numbers(text)] == found


def test_digits_and_invisible_characters_are_read_as_a_reader_reads_them():
    from pipeline.tokens import normalise_digits, visible
    assert normalise_digits("٢١٢-٦٣٩ ۲۰۰۰ ２１２－６３９ १००") == "212-639 2000 212-639 100"
    assert visible("212-639-2000\u200b1 9\u00ad11 \ufeff\u061c5\u2060 mg") == "212-639-20001 911 5 mg"
