"""Meaning checks: a translation that keeps every number and link but says
the opposite ("do not" dropped, "or higher" as "or lower", a teaspoon as a
tablespoon, 8 p.m. as 8 a.m., "right away" as "tomorrow") is an error; the
phrasings of professional translators are not."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import polib
import pytest

from conftest import SHARED, run
from pipeline.checks import CHECKS, INSTRUCTION_CHECKS, missing_data_checks
from pipeline.checks.base import TranslationContext
from pipeline.checks.lexicon import DATA, language_chain, language_data, normalise
from pipeline.checks.additions import ADDITION_CHECKS
from pipeline.checks.course import COURSE_CHECKS
from pipeline.checks.meaning import MEANING_CHECKS
from pipeline.checks.polarity import polarity
from pipeline.checks.times import clock_times
from pipeline.source import read_document

MEANING = {check.id for check in (*MEANING_CHECKS, *INSTRUCTION_CHECKS, *ADDITION_CHECKS, *COURSE_CHECKS)}

# (language, source, translation, the meaning check it must trigger or None)
CASES = [
    # negation: dropped, added, never → always, counted rather than found
    ("es", "Do not take any medicine without talking with your care team.",
     "No tome ningún medicamento sin hablar con su equipo de atención.", None),
    ("es", "Do not take any medicine without talking with your care team.",
     "Tome cualquier medicamento sin hablar con su equipo de atención.", "negation"),
    ("es", "Take this medicine with food.", "No tome este medicamento con alimentos.", "negation"),
    ("es", "Never take this medicine with alcohol.", "Siempre tome este medicamento con alcohol.", "negation"),
    ("es", "Never take this medicine with alcohol.", "Nunca tome este medicamento con alcohol.", None),
    ("es", "Do not stop taking it. Never share it.", "No deje de tomarlo. Nunca lo comparta.", None),
    ("es", "Do not stop taking it. Take it with food.", "Deje de tomarlo. No lo tome con alimentos.", "negation"),
    ("es", "Do not stop taking this medicine.", "Deje de tomar este medicamento.", "negation"),
    ("es", "You may be unable to sleep.", "Es posible que no pueda dormir.", None),
    ("zh_Hans", "Do not drink alcohol or smoke.", "不要喝酒，也不要吸烟。", None),
    ("es", "Not enough fluids.", "Insuficiente cantidad de líquidos.", None),
    ("fr", "Do not drive after taking this medicine.", "Ne conduisez pas après avoir pris ce médicament.", None),
    ("fr", "Do not drive after taking this medicine.", "Conduisez après avoir pris ce médicament.", "negation"),
    ("zh_Hans", "Do not take aspirin.", "请勿服用阿司匹林。", None),
    ("zh_Hans", "Do not take aspirin.", "请服用阿司匹林。", "negation"),
    ("zh_Hans", "You may feel very tired.", "您可能会感到非常疲倦。", None),
    ("zh_Hans", "Call us at any time of day.", "无论什么时间都可以致电我们。", None),
    ("zh_Hans", "Call us if you feel unwell.", "如果您感到不舒服，请致电我们。", None),
    ("zh_Hant", "Do not take aspirin.", "請勿服用阿斯匹靈。", None),
    ("zh_Hant", "Do not take aspirin.", "請服用阿斯匹靈。", "negation"),
    ("ru", "Never take this medicine with alcohol.", "Никогда не принимайте это лекарство с алкоголем.", None),
    ("ru", "Never take this medicine with alcohol.", "Всегда принимайте это лекарство с алкоголем.", "negation"),
    ("ar", "Do not take this medicine on an empty stomach.", "لا تتناول هذا الدواء على معدة فارغة.", None),
    ("ar", "Do not take this medicine on an empty stomach.", "لَا تَتَنَاوَلْ هَذَا الدَّوَاءَ عَلَى مَعِدَةٍ فَارِغَةٍ.", None),
    ("ar", "Do not take this medicine on an empty stomach.", "تناول هذا الدواء على معدة فارغة.", "negation"),
    ("ht", "Do not take this medicine.", "Pa pran medikaman sa a.", None),
    ("ht", "Do not take this medicine.", "Pran medikaman sa a.", "negation"),
    ("ht", "Take one tablet by mouth.", "Pran yon grenn pa bouch.", None),
    ("pt_BR", "Do not take this medicine.", "Não tome este medicamento.", None),
    ("pt_BR", "Do not take this medicine.", "Tome este medicamento.", "negation"),
    ("vi", "Do not take this medicine.", "Không dùng thuốc này.", None),
    ("vi", "Do not take this medicine.", "Hãy dùng thuốc này.", "negation"),
    # comparative: the direction of a limit
    ("es", "Call us if you have a fever of 100.4 °F (38 °C) or higher.",
     "Llámenos si tiene una fiebre de 100.4 °F (38 °C) o más.", None),
    ("es", "Call us if you have a fever of 100.4 °F (38 °C) or higher.",
     "Llámenos si tiene una fiebre de 100.4 °F (38 °C) o menos.", "comparative"),
    ("es", "Take no more than 4 tablets a day.", "No tome más de 4 tabletas al día.", None),
    ("es", "Take no more than 4 tablets a day.", "Tome más de 4 tabletas al día.", "comparative"),
    ("es", "Take it 1 hour before meals.", "Tómelo 1 hora después de las comidas.", "comparative"),
    ("zh_Hans", "Take this medicine 1 hour before meals.", "饭前1小时服用此药。", None),
    ("zh_Hans", "Take this medicine 1 hour before meals.", "饭后1小时服用此药。", "comparative"),
    ("ru", "Call us if your temperature is 38 °C or higher.", "Позвоните нам, если температура 38 °C и выше.", None),
    ("ru", "Call us if your temperature is 38 °C or higher.", "Позвоните нам, если температура 38 °C и ниже.",
     "comparative"),
    ("ar", "Call us if your temperature is 38 °C or higher.", "اتصل بنا إذا كانت درجة حرارتك 38 °C أو أعلى.", None),
    ("ar", "Call us if your temperature is 38 °C or higher.", "اتصل بنا إذا كانت درجة حرارتك 38 °C أو أقل.",
     "comparative"),
    ("fr", "Drink at least 8 cups of water a day.", "Buvez au moins 8 tasses d'eau par jour.", None),
    ("fr", "Drink at least 8 cups of water a day.", "Buvez au plus 8 tasses d'eau par jour.", "comparative"),
    # unit: a number keeps its unit, and the same unit
    ("es", "Take 1 teaspoon of the syrup every 4 hours.", "Tome 1 cucharadita del jarabe cada 4 horas.", None),
    ("es", "Take 1 teaspoon of the syrup every 4 hours.", "Tome 1 cucharada del jarabe cada 4 horas.", "unit"),
    ("es", "Take 1 teaspoon of the syrup every 4 hours.", "Tome 1 cucharadita del jarabe cada 4 días.", "unit"),
    ("fr", "Take 1 teaspoon of the syrup.", "Prenez 1 cuillère à café de sirop.", None),
    ("fr", "Take 1 teaspoon of the syrup.", "Prenez 1 cuillère à soupe de sirop.", "unit"),
    ("es", "Take it twice a day for 7 days.", "Tómelo dos veces al día durante 7 días.", None),
    ("es", "Take it twice a day for 7 days.", "Tómelo tres veces al día durante 7 días.", "unit"),
    ("zh_Hans", "Take 2 tablets every 6 hours for 7 days.", "每6小时服用2片，连续7天。", None),
    ("zh_Hans", "Take 2 tablets every 6 hours for 7 days.", "每6天服用2片，连续7天。", "unit"),
    ("ru", "Take it twice a day.", "Принимайте его 2 раза в день.", None),
    ("ru", "Take it twice a day.", "Принимайте его 3 раза в день.", "unit"),
    ("ar", "Take it twice a day.", "تناوله مرتين يومياً.", None),
    ("vi", "Take 1 teaspoon every 4 hours.", "Uống 1 muỗng cà phê mỗi 4 giờ.", None),
    ("vi", "Take 1 teaspoon every 4 hours.", "Uống 1 muỗng canh mỗi 4 giờ.", "unit"),
    # time of day: the half of the day survives
    ("es", "Take it at 8 p.m.", "Tómelo a las 8 p. m.", None),
    ("es", "Take it at 8 p.m.", "Tómelo a las 20:00.", None),
    ("es", "Take it at 8 p.m.", "Tómelo a las 8 de la noche.", None),
    ("es", "Take it at 8 p.m.", "Tómelo a las 8 a. m.", "time-of-day"),
    ("es", "Take it at 8 p.m.", "Tómelo a las 8 de la mañana.", "time-of-day"),
    ("zh_Hans", "Take it at 8 p.m.", "请在晚上8点服用。", None),
    ("zh_Hans", "Take it at 8 p.m.", "请在20:00服用。", None),
    ("zh_Hans", "Take it at 8 p.m.", "请在上午8点服用。", "time-of-day"),
    ("ru", "Take it at 8 p.m.", "Принимайте его в 8 вечера.", None),
    ("ru", "Take it at 8 p.m.", "Принимайте его в 8 утра.", "time-of-day"),
    ("ar", "Take it at 8 p.m.", "تناوله الساعة 8 مساءً.", None),
    ("ar", "Take it at 8 p.m.", "تناوله الساعة 8 صباحًا.", "time-of-day"),
    ("fr", "Take it at 8 p.m.", "Prenez-le à 20 h.", None),
    ("fr", "Take it at 8 p.m.", "Prenez-le à 8 h du matin.", "time-of-day"),
    ("ht", "Take it at 8 p.m.", "Pran l a 8è nan aswè.", None),
    ("ht", "Take it at 8 p.m.", "Pran l a 8è nan maten.", "time-of-day"),
    # urgency: act now, and the place to go
    ("es", "Call your doctor right away if you have a fever.", "Llame a su médico de inmediato si tiene fiebre.",
     None),
    ("es", "Call your doctor right away if you have a fever.", "Llame a su médico mañana si tiene fiebre.",
     "urgency"),
    ("es", "Call your doctor right away if you have a fever.", "Llame a su médico cuando pueda si tiene fiebre.",
     "urgency"),
    ("es", "Call your doctor right away if you have a fever.", "Llame a su médico si tiene fiebre.", "urgency"),
    ("es", "If you have trouble breathing, call 911 or go to the nearest emergency room.",
     "Si tiene dificultad para respirar, llame al 911 o vaya a la sala de emergencias más cercana.", None),
    ("es", "If you have trouble breathing, call 911 or go to the nearest emergency room.",
     "Si tiene dificultad para respirar, llame al 911.", "urgency"),
    ("zh_Hans", "Call your doctor right away if you have a fever.", "如果您发烧，请立即致电您的医生。", None),
    ("zh_Hans", "Call your doctor right away if you have a fever.", "如果您发烧，请明天致电您的医生。", "urgency"),
    ("ar", "Call your doctor right away if you have a fever.", "اتصل بطبيبك فوراً إذا كنت تعاني من الحمى.", None),
    ("ar", "Call your doctor right away if you have a fever.", "اتصل بطبيبك غداً إذا كنت تعاني من الحمى.", "urgency"),
    ("ht", "Call your doctor right away if you have a fever.", "Rele doktè ou touswit si ou gen lafyèv.", None),
    ("ht", "Call your doctor right away if you have a fever.", "Rele doktè ou demen si ou gen lafyèv.", "urgency"),
    ("ru", "Go to the emergency room right away.", "Немедленно обратитесь в отделение неотложной помощи.", None),
    ("ru", "Go to the emergency room right away.", "Обратитесь к врачу через несколько недель.", "urgency"),
    # opening hours: "to" of a range is the word for "up to" in many languages, and no limit
    ("es", "We answer from 9 a.m. to 5 p.m.", "Respondemos de 9 a. m. a 5 p. m.", None),
    ("fr", "We answer from 9 a.m. to 5 p.m.", "Nous répondons de 9 h à 17 h.", None),
    ("fr", "We answer from 9 a.m. to 5 p.m.", "Nous répondons de 9 h jusqu'à 17 h.", None),
    ("ru", "We answer from 9 a.m. to 5 p.m.", "Мы отвечаем с 9:00 до 17:00.", None),
    ("ar", "We answer from 9 a.m. to 5 p.m.", "نرد من 9 صباحًا حتى 5 مساءً.", None),
    ("pt_BR", "We answer from 9 a.m. to 5 p.m.", "Atendemos das 9h até as 17h.", None),
    ("pl", "We answer from 9 a.m. to 5 p.m.", "Odpowiadamy od 9:00 do 17:00.", None),
    ("vi", "We answer from 9 a.m. to 5 p.m.", "Chúng tôi trả lời từ 9 giờ sáng đến 5 giờ chiều.", None),
    ("tl", "We answer from 9 a.m. to 5 p.m.", "Sumasagot kami mula 9 a.m. hanggang 5 p.m.", None),
    ("ht", "We answer from 9 a.m. to 5 p.m.", "Nou reponn soti 9è nan maten jiska 5è nan apremidi.", None),
    # the other shipped languages
    ("pl", "Do not take this medicine.", "Nie przyjmuj tego leku.", None),
    ("pl", "Do not take this medicine.", "Przyjmuj ten lek.", "negation"),
    ("pl", "Take 1 teaspoon twice a day.", "Przyjmuj 1 łyżeczkę dwa razy dziennie.", None),
    ("pl", "Take 1 teaspoon twice a day.", "Przyjmuj 1 łyżkę dwa razy dziennie.", "unit"),
    ("ko", "Do not take this medicine.", "이 약을 복용하지 마세요.", None),
    ("ko", "Do not take this medicine.", "이 약을 복용하세요.", "negation"),
    ("ko", "Take it every 4 hours.", "4시간마다 복용하세요.", None),
    ("ko", "Take it at 8 p.m.", "오후 8시에 복용하세요.", None),
    ("ko", "Take it at 8 p.m.", "오전 8시에 복용하세요.", "time-of-day"),
    ("ja", "Do not take this medicine.", "この薬を飲まないでください。", None),
    ("ja", "Do not take this medicine.", "この薬を飲んでください。", "negation"),
    ("ja", "You may have a few side effects.", "副作用が少しあるかもしれません。", None),
    ("ja", "Take it at 8 p.m.", "午後8時に服用してください。", None),
    ("ja", "Take it at 8 p.m.", "午前8時に服用してください。", "time-of-day"),
    ("tl", "Do not take this medicine.", "Huwag inumin ang gamot na ito.", None),
    ("tl", "Do not take this medicine.", "Inumin ang gamot na ito.", "negation"),
    ("tl", "Call your doctor right away.", "Tawagan agad ang iyong doktor.", None),
    ("tl", "Call your doctor right away.", "Tawagan bukas ang iyong doktor.", "urgency"),
    ("hi", "Do not take this medicine.", "यह दवा न लें।", None),
    ("hi", "Do not take this medicine.", "यह दवा लें।", "negation"),
    ("hi", "Take 1 teaspoon.", "1 छोटा चम्मच लें।", None),
    ("hi", "Take 1 teaspoon.", "1 बड़ा चम्मच लें।", "unit"),
    ("fa", "Do not take this medicine.", "این دارو را مصرف نکنید.", None),
    ("fa", "Do not take this medicine.", "این دارو را مصرف کنید.", "negation"),
    ("fa", "Go to the emergency room right away.", "فوراً به اورژانس بروید.", None),
    ("fa", "Go to the emergency room right away.", "فردا به پزشک مراجعه کنید.", "urgency"),
    # a lexical negative of the translation ("unwell") cannot stand for the "do not" it lost too
    ("fr", "If you feel unwell, do not take the next dose.",
     "Si vous ne vous sentez pas bien, ne prenez pas la dose suivante.", None),
    ("fr", "If you feel unwell, do not take the next dose.", "Si vous ne vous sentez pas bien, prenez la dose suivante.",
     "negation"),
    ("zh_Hans", "If you feel unwell, do not take the next dose.", "如果您感到不适，请不要服用下一剂。", None),
    ("zh_Hans", "If you feel unwell, do not take the next dose.", "如果您感到不适，请服用下一剂。", "negation"),
    ("ru", "If you feel unwell, do not take the next dose.", "Если вы плохо себя чувствуете, примите следующую дозу.",
     "negation"),
    # a kept "sin" is not a "without" rewritten as "antes" (before)
    ("es", "Do not take any medicine without talking with your care team.",
     "No tome ningún medicamento antes de hablar con su equipo de atención.", None),
    ("es", "Do not take any medicine without talking with your care team.",
     "Tome cualquier medicamento sin hablar antes con su equipo de atención.", "negation"),
    ("ht", "Do not take any medicine without talking with your provider.",
     "Pran nenpòt medikaman san ou pa pale ak founisè ou anvan.", "negation"),
    ("ht", "Please do not write your name.", "Tanpri ekri non ou.", "negation"),
    ("ht", "You can buy it at your pharmacy without a prescription.", "Ou ka achte l nan famasi san preskripsyon.", None),
    ("ar", "Get medical care right away.", "احصل على رعاية طبية فورا.", None),
    ("ar", "Get medical care right away.", "يرجى عدم الحصول على رعاية طبية فورا.", "negation"),
    ("ar", "Please do not write your name.", "يرجى عدم كتابة اسمك.", None),
    # durations without a number keep their unit
    ("ru", "It can take a few weeks.", "Это может занять несколько недель.", None),
    ("ru", "It can take a few weeks.", "Это может занять несколько месяцев.", "unit"),
    ("es", "Exercise 3 to 5 hours a week.", "Haga ejercicio de 3 a 5 horas por semana.", None),
    ("es", "Exercise 3 to 5 hours a week.", "Haga ejercicio de 3 a 5 horas por día.", "unit"),
    ("zh_Hans", "It can take up to a few weeks.", "可能需要长达几周的时间。", None),
    ("zh_Hans", "It can take up to a few weeks.", "可能需要长达几个月的时间。", "unit"),
    # French "h" is the 24-hour clock's; Russian hours with their part of the day
    ("fr", "Take it at 8 p.m.", "Prenez-le à 20 h.", None),
    ("fr", "Take it at 8 p.m.", "Prenez-le à 8 h.", "time-of-day"),
    ("fr", "Take it every 8 hours.", "Prenez-le toutes les 8 h.", None),
    ("ru", "Take it at 8 p.m.", "Принимайте его в 8 часов вечера.", None),
    ("ru", "Take it at 8 p.m.", "Принимайте его в 8 часов утра.", "time-of-day"),
    # "ijans" alone is an emergency, not the place to go
    ("ht", "If you have an emergency, go to the emergency room.", "Si ou gen yon ijans, ale nan sal ijans.", None),
    ("ht", "If you have an emergency, go to the emergency room.", "Si ou gen yon ijans, ale nan biwo doktè ou.",
     "urgency"),
    ("zh_Hans", "A faster heart rate than usual", "心率比平时快", None),
    ("zh_Hans", "A faster heart rate than usual", "心率比平时慢", "comparative"),
    # medicines: the ones the source names, no others
    ("es", "Take acetaminophen for fever.", "Tome acetaminofén para la fiebre.", None),
    ("es", "Take acetaminophen for fever.", "Tome ibuprofeno para la fiebre.", "medicine"),
    ("es", "Your provider will treat your symptoms.", "Su proveedor tratará sus síntomas. Puede tomar ibuprofeno.",
     "medicine"),
    ("es", "Do not take Tylenol.", "No tome Tylenol.", None),
    ("ru", "Do not take aspirin.", "Не принимайте аспирин.", None),
    ("ru", "Do not take aspirin.", "Не принимайте лекарства.", "medicine"),
    ("zh_Hans", "Do not take ibuprofen.", "不要服用布洛芬。", None),
    ("ht", "Do not take aspirin.", "Pa pran aspirin.", None),
]


def _project(root: Path, language: str, entries: list[polib.POEntry]) -> Path:
    (root / "source").mkdir(parents=True, exist_ok=True)
    (root / "source" / "doc.md").write_text("# Doc\n", encoding="utf-8")
    folder = root / "locale" / language / "LC_MESSAGES"
    folder.mkdir(parents=True, exist_ok=True)
    po = polib.POFile()
    po.metadata = {"Language": language, "Content-Type": "text/plain; charset=UTF-8",
                   "Plural-Forms": "nplurals=2; plural=(n != 1);"}
    for entry in entries:
        po.append(entry)
    po.save(str(folder / "doc.po"))
    return root


def findings(project: Path, capsys, *args: str) -> tuple[int, list[dict]]:
    capsys.readouterr()
    status = run(project, "check", "--json", *args)
    return status, json.loads(capsys.readouterr().out)


@pytest.mark.parametrize("language", sorted({case[0] for case in CASES}))
def test_dangerous_translations_are_errors_and_professional_ones_pass(tmp_path, capsys, language):
    """Every case of a language in one catalog, through `locpipe check --json`."""
    cases = [case for case in CASES if case[0] == language]
    project = _project(tmp_path / language, language,
                       [polib.POEntry(msgctxt=f"case {i}", msgid=source, msgstr=target)
                        for i, (_, source, target, _) in enumerate(cases)])
    status, found = findings(project, capsys, language)
    po = polib.pofile(str(project / "locale" / language / "LC_MESSAGES" / "doc.po"))
    by_line = {entry.linenum: (entry.msgstr, _expected) for entry, (*_, _expected) in zip(po, cases)}
    got = {}
    for finding in found:
        got.setdefault(finding["line"], set()).add(finding["check"])
    for line, (target, expected) in by_line.items():
        meaning = got.get(line, set()) & MEANING
        assert meaning == ({expected} if expected else set()), (target, meaning, [
            f["message"] for f in found if f["line"] == line])
    assert status == (1 if any(case[3] for case in cases) else 0)
    assert all(f["severity"] == "error" for f in found if f["check"] in MEANING)


def test_messages_say_what_changed(tmp_path, capsys):
    pairs = [("Call us if you have a fever of 100.4 °F (38 °C) or higher.",
              "Llámenos si tiene una fiebre de 100.4 °F (38 °C) o menos."),
             ("Take 1 teaspoon of the syrup.", "Tome 1 cucharada del jarabe."),
             ("Take it at 8 p.m.", "Tómelo a las 8 a. m."),
             ("Call your doctor right away.", "Llame a su médico mañana."),
             ("Never take it with alcohol.", "Siempre tómelo con alcohol."),
             ("Do not take any medicine without talking with us.", "Tome cualquier medicamento sin hablar con nosotros.")]
    project = _project(tmp_path, "es", [polib.POEntry(msgid=s, msgstr=t) for s, t in pairs])
    _, found = findings(project, capsys)
    messages = {f["message"] for f in found}
    assert {'the source says "or higher" (higher/more) but the translation says "o menos" (lower/less)',
            'the source says "1 teaspoon" (teaspoon) but the translation says "1 cucharada" (tablespoon)',
            'the source says "8 p.m." (20:00) but the translation says "8 a. m." (08:00)',
            'the source says "right away" but the translation says "mañana"',
            'the source says "never" but the translation says "siempre"',
            'a negation is missing: the source has 2 ("not", "without"), the translation 1 ("sin")'} <= messages


def test_plural_forms_are_checked_like_singular_ones(tmp_path, capsys):
    entry = polib.POEntry(msgid="Do not take more than %(n)s tablet a day.",
                          msgid_plural="Do not take more than %(n)s tablets a day.",
                          msgstr_plural={0: "No tome más de %(n)s tableta al día.",
                                         1: "Tome más de %(n)s tabletas al día."})
    project = _project(tmp_path, "es", [entry])
    status, found = findings(project, capsys)
    assert status == 1 and {f["check"] for f in found} == {"comparative"}
    entry.msgstr_plural[1] = "No tome más de %(n)s tabletas al día."
    project = _project(tmp_path, "es", [entry])
    assert findings(project, capsys) == (0, [])


def test_a_language_without_data_is_named_once_per_catalog(tmp_path, capsys):
    project = _project(tmp_path, "de", [polib.POEntry(msgid="Do not take aspirin.", msgstr="Nehmen Sie Aspirin."),
                                        polib.POEntry(msgid="Take it at 8 p.m.", msgstr="Um 8 Uhr morgens.")])
    status, found = findings(project, capsys)
    assert status == 0
    assert [(f["check"], f["severity"], f["line"]) for f in found] == [("no-language-data", "warning", 1)]
    assert "negation, permission, comparative, opposite, unit, time-of-day, binding, urgency, medicine, dose, route, food, " \
           "modal, stop, key-term, added-instruction, course, event-order" in found[0]["message"]
    assert missing_data_checks("de") == ["negation", "permission", "comparative", "opposite", "unit", "time-of-day",
                                         "binding", "urgency", "medicine", "dose", "route", "food", "modal", "stop", "key-term",
                                         "added-instruction", "course", "event-order", "either-or"]


@pytest.mark.parametrize("language", ["en", "es", "es_MX", "zh_Hans", "zh_Hant", "zh_TW", "ru", "ar", "ht", "fr",
                                      "fr_CA", "pt", "pt_BR", "vi", "ko", "pl", "ja", "tl", "fa", "hi"])
def test_shipped_languages_have_every_section(language):
    assert missing_data_checks(language) == []


def test_catalog_languages_fall_back_to_their_base():
    assert language_chain("pt_BR") == ("pt_BR", "pt")
    assert language_chain("zh_TW") == ("zh_Hant", "zh")
    assert language_chain("zh_Hans") == ("zh_Hans", "zh")
    assert "請勿" in language_data("zh_TW")["negation"]["words"] and "不" in language_data("zh_TW")["negation"]["words"]


def test_every_data_file_names_its_sources():
    for path in sorted(DATA.glob("*.toml")):
        head = path.read_text(encoding="utf-8").split("\n\n")[0]
        assert head.startswith("#") and "Sources" in head, path.name


def test_each_word_list_is_written_once():
    """The verbs that turn a negation round are one list (`[reverse]`, whose
    `inverting` part the negation check counts as negations), and the words
    of opposite classes are the `[antonym]` concepts: no second copy to
    drift apart."""
    for path in sorted(DATA.glob("*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        assert "opposite" not in data and "inverting" not in data.get("negation", {}), path.name
    assert polarity("es", normalise("no deje de tomarlo")).inverting
    assert polarity("en", normalise("do not forget")).inverting


def test_matching_ignores_arabic_vowel_marks_and_case():
    assert normalise("لَا تَتَنَاوَلْ") == normalise("لا تتناول")
    assert normalise("أبداً") == "ابدا"
    assert normalise("DON’T") == "don't"


def test_chinese_words_containing_negation_characters():
    assert polarity("zh", normalise("您可能会感到非常疲倦。")).high == 0  # 非常: very
    assert polarity("zh", normalise("无论何时")).low == 0  # 无论: regardless
    discomfort = polarity("zh", normalise("如果您感到不舒服"))
    assert (discomfort.low, discomfort.high) == (0, 1)  # may render "unwell", need not
    assert polarity("zh", normalise("请勿服用")).low == 1


def test_french_ne_pas_and_spanish_double_negatives_count_once():
    ne_pas = polarity("fr", normalise("Ne conduisez pas."))
    assert (ne_pas.low, ne_pas.high) == (1, 2)
    assert polarity("es", normalise("No tome nunca nada.")).low == 1
    assert polarity("en", normalise("Do not take it without food.")).low == 2


def test_clock_times_are_read_as_24_hour_values():
    def values(language, text):
        return [sorted(t.values) for t in clock_times(language, normalise(text))]
    assert values("en", "from 9 a.m. to 5 p.m.") == [[540], [1020]]
    assert values("es", "a las 8 de la noche") == [[1200]]
    assert values("zh", "晚上8点半") == [[1230]]
    assert values("fr", "de 9 h à 17 h 30") == [[540, 1260], [1050]]
    assert values("ru", "в 8 утра") == [[480]]
    assert values("ar", "الساعة 8 مساءً") == [[1200]]


def test_existing_measure_check_still_catches_mg_to_mcg(tmp_path, capsys):
    project = _project(tmp_path, "es", [polib.POEntry(msgid="Take 5 mg each day.", msgstr="Tome 5 mcg cada día.")])
    _, found = findings(project, capsys)
    assert [f["check"] for f in found] == ["measure"]


FATIGUE = SHARED / "corpus" / "docs"
# NCI's Spanish page opens with its own summary of the topic, not a translation of
# the English lead paragraph (it says nothing of fatigue lasting "long after
# treatment"); every other unit is NCI's translation of its English unit.
NOT_A_TRANSLATION = {"Fatigue (extreme tiredness or lack of energy) is a common side effect"}
# Where NCI's Spanish page says something else than its English page, and a check rightly says so:
# the tests for anemia count red blood cells, and the Spanish page says "glóbulos blancos" (white).
REAL_DIFFERENCES = {("key-term", "The most common blood tests to check if the number of red blood cells is normal")}


def _real_difference(check: str, source: str) -> bool:
    return any(check == known and source.startswith(start) for known, start in REAL_DIFFERENCES)


@pytest.mark.skipif(not FATIGUE.is_dir(), reason="the shared corpus (../shared/corpus) is not in this checkout")
def test_nci_official_spanish_translation_has_no_meaning_errors():
    english = read_document(FATIGUE / "pdq-fatigue-patient.en.md")
    spanish = read_document(FATIGUE / "pdq-fatigue-patient.es.md")
    assert len(english.units) == len(spanish.units) == 272
    assert [u.kind for u in english.units] == [u.kind for u in spanish.units]
    context = TranslationContext("es")
    errors = []
    for source, target in zip(english.units, spanish.units):
        if any(source.text.startswith(skipped) for skipped in NOT_A_TRANSLATION):
            continue
        for check in CHECKS:
            if check.id in MEANING:
                errors += [(check.id, message, source.text) for message in check.function(source.text, target.text,
                                                                                            context)]
    assert [e for e in errors if not _real_difference(e[0], e[2])] == []
    assert sorted({e[0] for e in errors}) == sorted({check for check, _ in REAL_DIFFERENCES})


# Where NCI's Spanish page truly differs from its English page, as its publisher would
# allow it through `allowed_link_targets`: NCI's Spanish pages link to NCI's Spanish pages
# (cancer.gov/espanol/...) in the place of the English ones...
def _spanish_site(url: str) -> bool:
    return "/espanol/" in url


# ...and where the English page points to its Spanish edition ("PDQ is also available in
# Spanish"), the Spanish page points to the English one.
THE_OTHER_EDITION = ("https://www.cancer.gov/publications/pdq",)
# NCI ends a list's lead-in with a full stop where the English has a colon: a warning.
EXPECTED_WARNINGS = [("end-punctuation", "Physical exam:"), ("end-punctuation", "Rating the level of fatigue:"),
                     ("end-punctuation", "Blood tests to check for anemia:")]


@pytest.mark.skipif(not FATIGUE.is_dir(), reason="the shared corpus (../shared/corpus) is not in this checkout")
def test_nci_official_spanish_translation_has_no_errors_from_any_check():
    """Every entry check, not only the meaning checks, on every unit of NCI's
    professional translation: "15% to 25%" as "15 a 25%", a citation's PMID
    the Spanish page does not repeat, *ginseng* in italics as Spanish
    typography sets a foreign name, "25% de" (not a placeholder)."""
    from pipeline.checks import check_entries
    from pipeline.tokens import link_targets, prose_addresses, strip_link_targets
    english = read_document(FATIGUE / "pdq-fatigue-patient.en.md")
    spanish = read_document(FATIGUE / "pdq-fatigue-patient.es.md")
    po = polib.POFile()
    po.metadata = {"Language": "es", "Content-Type": "text/plain; charset=UTF-8",
                   "Plural-Forms": "nplurals=2; plural=(n != 1);"}
    for i, (source, target) in enumerate(zip(english.units, spanish.units)):
        if not any(source.text.startswith(skipped) for skipped in NOT_A_TRANSLATION):
            po.append(polib.POEntry(msgctxt=f"unit {i}", msgid=source.text, msgstr=target.text))
    localized = {url for unit in spanish.units
                 for url in link_targets(unit.text) + prose_addresses(strip_link_targets(unit.text))
                 if _spanish_site(url)}
    allowed = tuple(sorted(localized)) + THE_OTHER_EDITION
    found = check_entries(po, "es", "pdq-fatigue-patient.es.po", "pdq-fatigue", allowed_targets=allowed)
    assert [(f.check, f.message, f.msgid[:80]) for f in found
            if f.severity == "error" and not _real_difference(f.check, f.msgid)] == []
    assert [(f.check, f.msgid) for f in found if f.severity == "warning"] == EXPECTED_WARNINGS


def _meaning_findings(tmp_path, capsys, language: str, cases: list[tuple[str, str, str | None]]) -> None:
    """(source, translation, the meaning check it must trigger or None), as one
    catalog of real entries through `locpipe check --json`."""
    project = _project(tmp_path / language, language,
                       [polib.POEntry(msgctxt=f"case {i}", msgid=source, msgstr=target)
                        for i, (source, target, _) in enumerate(cases)])
    _, found = findings(project, capsys, language)
    po = polib.pofile(str(project / "locale" / language / "LC_MESSAGES" / "doc.po"))
    got: dict[int, set[str]] = {}
    for finding in found:
        if finding["check"] in MEANING | {"mixed-script"}:
            assert finding["severity"] == "error"
            got.setdefault(finding["line"], set()).add(finding["check"])
    for entry, (_, target, expected) in zip(po, cases):
        messages = [f["message"] for f in found if f["line"] == entry.linenum]
        if expected:
            assert expected in got.get(entry.linenum, set()), (target, messages)
        else:
            assert not got.get(entry.linenum), (target, messages)


@pytest.mark.parametrize("language, cases", [
    ("es", [("Take 1 teaspoon every 6 hours.", "Tome 6 cucharaditas cada 1 hora.", "unit"),
            ("Take 1 teaspoon every 6 hours.", "Tome 1 cucharadita cada 6 horas.", None),
            ("Take 2 tablets every 4 hours.", "Tome 4 tabletas cada 2 horas.", "unit"),
            ("Take 2 tablets every 4 hours.", "Tome 2 tabletas cada 4 horas.", None),
            ("Do not take more than 4 doses in 24 hours.", "No tome más de 24 dosis en 4 horas.", "unit"),
            ("Do not take more than 4 doses in 24 hours.", "No tome más de 4 dosis en 24 horas.", None)]),
    ("ru", [("Take 2 tablets every 4 hours.", "Принимайте 4 таблетки каждые 2 часа.", "unit"),
            ("Take 2 tablets every 4 hours.", "Принимайте 2 таблетки каждые 4 часа.", None),
            ("Do not take more than 4 doses in 24 hours.", "Не принимайте более 24 доз за 4 часа.", "unit"),
            ("Do not take more than 4 doses in 24 hours.", "Не принимайте более 4 доз за 24 часа.", None)]),
    ("zh_Hans", [("Take 2 tablets every 4 hours.", "每2小时服用4片。", "unit"),
                 ("Take 2 tablets every 4 hours.", "每4小时服用2片。", None)]),
])
def test_numbers_keep_their_units(tmp_path, capsys, language, cases):
    """Numbers that swap between units keep every number and every unit, but
    not the pairs: 1 teaspoon every 6 hours is not 6 teaspoons every hour."""
    _meaning_findings(tmp_path, capsys, language, cases)


ROOM = "Call 911 or go to the emergency room."


@pytest.mark.parametrize("language, cases", [
    ("es", [(ROOM, "Llame al 911 o vaya a la sala de emergencias mañana.", "urgency"),
            (ROOM, "Llame al 911 o vaya a la sala de emergencias.", None),
            ("Call 911 if you have trouble breathing.", "Llame al 911 mañana si tiene dificultad para respirar.",
             "urgency"),
            ("Call 911 if you have trouble breathing.", "Llame al 911 si tiene dificultad para respirar.", None),
            ("Call 911 if you have chest pain at 8 a.m.",
             "Llame al 911 si tiene dolor en el pecho a las 8 de la mañana.", None)]),
    ("zh_Hans", [(ROOM, "请拨打911或明天去急诊室。", "urgency"), (ROOM, "请拨打911或去急诊室。", None)]),
    ("ru", [(ROOM, "Позвоните 911 или завтра обратитесь в отделение неотложной помощи.", "urgency"),
            (ROOM, "Позвоните 911 или обратитесь в отделение неотложной помощи.", None)]),
    ("ar", [(ROOM, "اتصل بالرقم 911 أو توجه إلى غرفة الطوارئ غدًا.", "urgency"),
            (ROOM, "اتصل بالرقم 911 أو توجه إلى غرفة الطوارئ.", None)]),
    ("fr", [(ROOM, "Appelez le 911 ou allez aux urgences demain.", "urgency"),
            (ROOM, "Appelez le 911 ou allez aux urgences.", None)]),
    ("ht", [(ROOM, "Rele 911 oswa ale nan sal ijans demen.", "urgency"),
            (ROOM, "Rele 911 oswa ale nan sal ijans.", None)]),
])
def test_a_delay_is_an_error_wherever_the_source_is_urgent(tmp_path, capsys, language, cases):
    """"Go to the emergency room tomorrow" where the source says no "right
    away": 911 and the emergency room are urgent by themselves."""
    _meaning_findings(tmp_path, capsys, language, cases)


FEVER = "A fever of 100.4 °F (38 °C) or higher"
AT_LEAST = "Drink at least 8 cups of water a day."


@pytest.mark.parametrize("language, cases", [
    ("es", [(FEVER, "Fiebre de hasta 100.4 °F (38 °C)", "comparative"),
            (FEVER, "Fiebre de 100.4 °F (38 °C) o más", None),
            (AT_LEAST, "Beba hasta 8 tazas de agua al día.", "comparative"),
            (AT_LEAST, "Beba al menos 8 tazas de agua al día.", None),
            ("It can take up to a few weeks.", "Puede tardar hasta unas semanas.", None)]),
    ("pt_BR", [(AT_LEAST, "Beba até 8 copos de água por dia.", "comparative"),
               (AT_LEAST, "Beba pelo menos 8 copos de água por dia.", None)]),
])
def test_a_loose_word_of_the_other_direction_does_not_answer_a_limit(tmp_path, capsys, language, cases):
    """"hasta" (up to, until) may answer "up to" or "until", never "or higher"."""
    _meaning_findings(tmp_path, capsys, language, cases)


@pytest.mark.parametrize("language", sorted(p.stem for p in DATA.glob("*.toml") if p.stem != "en"))
def test_no_loose_phrase_gives_opposite_directions(language):
    """A loose phrase in UP and DOWN would answer a limit and its opposite."""
    loose = language_data(language).get("comparative", {}).get("loose", {})
    assert not set(loose.get("UP", [])) & set(loose.get("DOWN", []))
    assert not set(loose.get("BEFORE", [])) & set(loose.get("AFTER", []))


LIMIT = "Do not take more than 4 doses in 24 hours."


@pytest.mark.parametrize("language, cases", [
    ("ru", [(LIMIT, "Принимайте по 4 дозы в течение 24 часов.", "comparative"),
            (LIMIT, "Не принимайте более 4 доз в течение 24 часов.", None)]),
    ("es", [(LIMIT, "Tome 4 dosis en un plazo de 24 horas.", "comparative"),
            (LIMIT, "No tome más de 4 dosis en 24 horas.", None)]),
    ("zh_Hans", [(LIMIT, "24小时内服用4剂。", "comparative"),
                 (LIMIT, "24小时内不要超过4剂。", None),
                 (LIMIT, "24小时内服用不超过4剂。", None)]),
    ("ar", [(LIMIT, "تناول 4 جرعات خلال 24 ساعة.", "comparative"),
            (LIMIT, "لا تتناول أكثر من 4 جرعات خلال 24 ساعة.", None)]),
    ("ht", [(LIMIT, "Pran 4 dòz nan 24 èdtan.", "comparative"),
            (LIMIT, "Pa pran plis pase 4 dòz nan 24 èdtan.", None)]),
    ("vi", [(LIMIT, "Uống 4 liều trong 24 giờ.", "comparative"),
            (LIMIT, "Không uống quá 4 liều trong 24 giờ.", None)]),
    ("fr", [(LIMIT, "Ne prenez pas plus de 4 doses en 24 heures.", None)]),
    ("pt_BR", [(LIMIT, "Não tome mais de 4 doses em 24 horas.", None)]),
])
def test_a_negated_limit_is_answered_by_a_limit(tmp_path, capsys, language, cases):
    """"Do not take more than" holds the source's "not": a loose "within" (в
    течение, 内, خلال) cannot answer it, a negated "more than" (不要超过, لا
    تتناول أكثر من, pa pran plis pase, không uống quá) can."""
    _meaning_findings(tmp_path, capsys, language, cases)


ONLY = "Take it only with food."


@pytest.mark.parametrize("language, cases", [
    ("es", [("Do not drive for 24 hours.", "Maneje solo durante 24 horas.", "negation"),
            ("Do not drive for 24 hours.", "No maneje durante 24 horas.", None),
            (ONLY, "No lo tome con comida.", "negation"),
            (ONLY, "Tómelo solo con comida.", None),
            (ONLY, "No lo tome sino con comida.", None),
            ("Do not drink alcohol.", "Evite el alcohol.", None)]),
    ("ar", [(ONLY, "لا تتناوله إلا مع الطعام.", None), (ONLY, "تناوله مع الطعام فقط.", None)]),
    ("ja", [(ONLY, "食事のときにしか服用しないでください。", None), (ONLY, "食事と一緒にのみ服用してください。", None)]),
    ("fr", [(ONLY, "Ne le prenez qu'avec de la nourriture.", None),
            (ONLY, "Ne le prenez pas avec de la nourriture.", "negation")]),
    ("ru", [(ONLY, "Принимайте его только во время еды.", None), (ONLY, "Не принимайте его во время еды.", "negation")]),
    ("zh_Hans", [(ONLY, "请不要与食物同服。", "negation"), ("Do not drive for 24 hours.", "只在24小时内开车。", "negation")]),
])
def test_only_does_not_hide_a_dropped_or_added_negation(tmp_path, capsys, language, cases):
    """"only" is no negation: "Maneje solo" has dropped the "do not"; a
    negation may say "only" ("لا ... إلا", "しか...ない", "ne ... que") only
    beside a word of the translation that says "only" too."""
    _meaning_findings(tmp_path, capsys, language, cases)


@pytest.mark.parametrize("language, cases", [
    ("es", [("Do not take this medicine.", "&#78;o tome este medicamento.", None),
            ("Take this medicine.", "&#78;o tome este medicamento.", "negation"),
            ("Take it with food.", "N\u200bo lo tome con comida.", "negation"),
            ("Do not take it with food.", "N\u200bo lo tome con comida.", None),
            ("Do not take it with food.", "N\u043e lo tome con comida.", "mixed-script"),
            ("Take it with food.", "T\u043emelo con comida.", "mixed-script"),
            ("Take it with food.", "Tómelo con comida.", None)]),
    ("ru", [("Do not take it with food.", "Не принимайте его с едой.", None),
            ("Do not take it with food.", "He принимайте его с едой.", "negation"),  # Latin "He"
            ("Do not take beta-blockers.", "Не принимайте β-блокаторы.", None),
            ("Do not take it with food.", "Нe принимайте его с едой.", "mixed-script")]),
])
def test_meaning_checks_read_what_a_reader_reads(tmp_path, capsys, language, cases):
    """Character references decoded and invisible characters removed, as the
    number checks read them; a word mixing look-alike scripts is an error."""
    _meaning_findings(tmp_path, capsys, language, cases)


UNDER_12 = "Do not give it to children under 12."
GLASSES = "Drink 8 glasses of water a day."


@pytest.mark.parametrize("language, cases", [
    ("es", [(UNDER_12, "No se lo dé a niños menores de 12 años.", None),
            (UNDER_12, "No se lo dé a niños menores de 12 meses.", "unit"),
            (GLASSES, "Beba 8 vasos de agua al día.", None),
            (GLASSES, "Beba 8 cucharadas de agua al día.", "unit"),
            ("Drink at least 8 cups of water a day.", "Beba no menos de 8 tazas de agua al día.", None),
            ("Drink no more than 8 cups of water a day.", "Beba no menos de 8 tazas de agua al día.", "comparative"),
            ("Do not take it unless your doctor tells you to.",
             "No lo tome a menos que su médico se lo indique.", None)]),
    ("zh_Hans", [(UNDER_12, "不要给12岁以下的儿童服用。", None), (GLASSES, "每天喝8杯水。", None)]),
    ("ru", [(UNDER_12, "Не давайте его детям младше 12 лет.", None),
            (GLASSES, "Выпивайте 8 стаканов воды в день.", None),
            ("Do not drive.", "Запрещено водить машину.", None),
            ("Drive.", "Запрещено водить машину.", "negation")]),
    ("fr", [(UNDER_12, "Ne le donnez pas aux enfants de moins de 12 ans.", None),
            (GLASSES, "Buvez 8 verres d'eau par jour.", None),
            ("Do not drive.", "Il est interdit de conduire.", None)]),
    ("pt_BR", [(GLASSES, "Beba 8 copos de água por dia.", None)]),
    ("ar", [("Do not drive.", "إياك والقيادة.", None)]),
])
def test_professional_phrasings_are_not_errors(tmp_path, capsys, language, cases):
    """An age is in years, a glass of water is a cup, "it is prohibited" is a
    negation, "no menos de" is "at least", "a menos que" (unless) no limit."""
    _meaning_findings(tmp_path, capsys, language, cases)


FOOD_NIGHT = "Take it with food. Do not take it at night."


@pytest.mark.parametrize("language, cases", [
    ("es", [(FOOD_NIGHT, "No lo tome con comida; tómelo de noche.", "negation"),
            (FOOD_NIGHT, "Tómelo con comida; no lo tome de noche.", None),
            (FOOD_NIGHT, "Tómelo con comida, pero no lo tome de noche.", None)]),
])
def test_a_negation_moved_between_merged_sentences_is_an_error(tmp_path, capsys, language, cases):
    """Two sentences merged at a semicolon are compared clause by clause: the
    "do not" of the second sentence moved to the first is no longer balanced
    out by the count over the whole unit."""
    _meaning_findings(tmp_path, capsys, language, cases)


RIGHT_AWAY = "Call your doctor right away."


@pytest.mark.parametrize("language, cases", [
    ("es", [(RIGHT_AWAY, "Llame a su médico pronto.", "urgency"),
            (RIGHT_AWAY, "Llame a su médico de inmediato.", None),
            (RIGHT_AWAY, "Llame a su médico lo más pronto posible.", None)]),
    ("zh_Hans", [(RIGHT_AWAY, "请及时致电您的医生。", "urgency"), (RIGHT_AWAY, "请立即致电您的医生。", None)]),
    ("pt_BR", [(RIGHT_AWAY, "Ligue para o seu médico logo.", "urgency"),
               (RIGHT_AWAY, "Ligue para o seu médico imediatamente.", None)]),
])
def test_soon_is_not_right_away(tmp_path, capsys, language, cases):
    """"pronto", "logo" (soon) and "及时" (timely) do not say to act now."""
    _meaning_findings(tmp_path, capsys, language, cases)


MIDNIGHT = "Take this medicine after midnight."
NOON = "Take this medicine at noon."


@pytest.mark.parametrize("language, cases", [
    ("es", [(MIDNIGHT, "Tome este medicamento después del mediodía.", "time-of-day"),
            (MIDNIGHT, "Tome este medicamento después de la medianoche.", None),
            (NOON, "Tome este medicamento a medianoche.", "time-of-day"),
            (NOON, "Tome este medicamento al mediodía.", None),
            ("Take this medicine at 12 noon.", "Tome este medicamento a las 12 del mediodía.", None)]),
    ("ru", [(MIDNIGHT, "Принимайте это лекарство после полудня.", "time-of-day"),
            (MIDNIGHT, "Принимайте это лекарство после полуночи.", None)]),
    ("zh_Hans", [(NOON, "请在半夜服用此药。", "time-of-day"), (NOON, "请在中午服用此药。", None),
                 ("Take this medicine at 2 a.m.", "请在半夜2点服用此药。", None)]),
])
def test_noon_and_midnight_are_times_of_day(tmp_path, capsys, language, cases):
    """Noon is 12:00 and midnight 00:00: one said for the other is a time in
    the other half of the day, though no number changed."""
    _meaning_findings(tmp_path, capsys, language, cases)


NEVER = "Never take this medicine with alcohol."


@pytest.mark.parametrize("language, cases", [
    ("es", [(NEVER, "Rara vez tome este medicamento con alcohol.", "negation"),
            (NEVER, "A veces tome este medicamento con alcohol.", "negation"),
            (NEVER, "No tome nunca este medicamento con alcohol.", None),
            (NEVER, "Jamás tome este medicamento con alcohol.", None)]),
    ("ru", [(NEVER, "Редко принимайте это лекарство с алкоголем.", "negation"),
            (NEVER, "Никогда не принимайте это лекарство с алкоголем.", None)]),
])
def test_never_is_answered_by_a_negation(tmp_path, capsys, language, cases):
    """"Rara vez" (rarely) is a softened "never", not one: a "never" of the
    source needs a negation or a "never" word, not a lexical negative."""
    _meaning_findings(tmp_path, capsys, language, cases)


FIVE_ML = "Take 5 mL twice a day."


@pytest.mark.parametrize("language, cases", [
    ("es", [(FIVE_ML, "Tome 5 mL dos veces al día, o diez.", "unit"),
            (FIVE_ML, "Tome 5 mL dos veces al día.", None),
            ("Take it every other day.", "Tómelo cada dos días.", None),
            ("Use it in both eyes.", "Úselo en los dos ojos.", None),
            ("Take two tablets.", "Tome dos tabletas.", None)]),
    ("fr", [(FIVE_ML, "Prenez 5 mL deux fois par jour, ou trois.", "unit"),
            (FIVE_ML, "Prenez 5 mL deux fois par jour.", None)]),
    ("ht", [("A doctor is always on call.", "Toujou gen yon doktè ki de gad.", None),
            ("It depends on your symptoms.", "Sa depann de sentòm ou yo.", None)]),
    ("ar", [("We answer Monday through Friday.", "نرد من الاثنين إلى الجمعة.", None)]),
])
def test_an_added_number_word_is_an_error(tmp_path, capsys, language, cases):
    """A number the translation spells out ("o diez") that the source does
    not say, as a word or in digits, is an added number: the number check
    sees only digits."""
    _meaning_findings(tmp_path, capsys, language, cases)


SAFE = "It is safe to drive."


@pytest.mark.parametrize("language, cases", [
    ("es", [(SAFE, "No es seguro conducir.", "negation"),
            (SAFE, "Es seguro conducir.", None),
            (SAFE, "Puede conducir sin riesgo.", None),
            ("It is unsafe to drive.", "No es seguro conducir.", None),
            ("You may be unable to sleep.", "Es posible que no pueda dormir.", None)]),
    ("fr", [(SAFE, "Il n'est pas sûr de conduire.", "negation"),
            (SAFE, "Il est sans danger de conduire.", None)]),
    ("pt_BR", [(SAFE, "Não é seguro dirigir.", "negation"), (SAFE, "É seguro dirigir.", None)]),
])
def test_safe_does_not_excuse_an_added_negation(tmp_path, capsys, language, cases):
    """"safe" is no negative: only a lexical negative ("unable", "unsafe")
    may stand for a negation the translation writes ("no pueda")."""
    _meaning_findings(tmp_path, capsys, language, cases)


@pytest.mark.parametrize("language, cases", [
    ("es", [(FIVE_ML, "Tome 5 mililitros dos veces al día.", None),
            (FIVE_ML, "Tome 5 cc dos veces al día.", None),
            (FIVE_ML, "Tome 5 miligramos dos veces al día.", "unit"),
            ("Take 5 milliliters twice a day.", "Tome 5 mL dos veces al día.", None)]),
    ("fr", [(FIVE_ML, "Prenez 5 millilitres deux fois par jour.", None)]),
])
def test_a_unit_written_out_is_its_symbol(tmp_path, capsys, language, cases):
    """"5 mililitros" and "5 cc" are "5 mL": no unit and no measure error."""
    _meaning_findings(tmp_path, capsys, language, cases)


def test_a_measure_written_out_is_not_missing(tmp_path, capsys):
    """The measure check reads a unit written out as its symbol."""
    pairs = [(FIVE_ML, "Tome 5 mililitros dos veces al día."), (FIVE_ML, "Tome 5 cc dos veces al día."),
             (FIVE_ML, "Tome 5 miligramos dos veces al día."), (FIVE_ML, "Tome 10 mililitros dos veces al día.")]
    project = _project(tmp_path, "es", [polib.POEntry(msgctxt=str(i), msgid=s, msgstr=t)
                                        for i, (s, t) in enumerate(pairs)])
    _, found = findings(project, capsys)
    assert [(f["line"], f["message"]) for f in found if f["check"] == "measure"] == [
        (line, "measure 5 mL is missing or its unit changed") for line in sorted({f["line"] for f in found})[-2:]]


@pytest.mark.parametrize("language, pairs, expected", [
    ("es", [("Take 1 teaspoon every 6 hours.", "Tome una cucharadita cada 6 horas."),
            ("Take 2 tablets.", "Tome dos tabletas.")], []),
    ("es", [("Take 2 tablets.", "Tome tres tabletas.")], ["number 2 is missing or changed"]),
    ("ar", [("Take 2 tablets.", "تناول قرصين.")], []),
    ("ar", [("Take 2 tablets.", "تناول قرصا واحدا.")], ["number 2 is missing or changed"]),
])
def test_a_number_word_answers_a_digit(tmp_path, capsys, language, pairs, expected):
    """"una cucharadita" is "1 teaspoon" and Arabic "قرصين" two tablets: a
    number word of the translation's lists stands for a digit of the source."""
    project = _project(tmp_path, language, [polib.POEntry(msgctxt=str(i), msgid=s, msgstr=t)
                                            for i, (s, t) in enumerate(pairs)])
    _, found = findings(project, capsys, language)
    assert [f["message"] for f in found if f["check"] == "number"] == expected


@pytest.mark.parametrize("language, cases", [
    ("es", [(ROOM, "Llame al 911 o vaya al servicio de emergencias.", None),
            (ROOM, "Llame al 911 o vaya al departamento de urgencias.", None),
            (ROOM, "Llame al 911 o vaya a la sala de urgencia.", None),
            (ROOM, "Llame al 911 o vaya al consultorio de su médico.", "urgency")]),
    ("pt_BR", [(ROOM, "Ligue para o 911 ou vá ao pronto atendimento.", None)]),
    ("zh_Hant", [(ROOM, "請致電911或前往急症室。", None)]),
])
def test_the_emergency_room_has_its_usual_names(tmp_path, capsys, language, cases):
    """"servicio de emergencias", "pronto atendimento" and Hong Kong's 急症室
    name the emergency room."""
    _meaning_findings(tmp_path, capsys, language, cases)


@pytest.mark.parametrize("target, expected", [
    ("Llame al 212\u2011639\u20112000 para pedir ayuda.", []),  # non-breaking hyphens
    ("Llame al 212\u2010639\u20102000 para pedir ayuda.", []),  # Unicode hyphens
    ("Llame al 212\u2011639\u20112001 para pedir ayuda.", ["phone-number", "phone-number"]),
])
def test_phone_numbers_with_unicode_hyphens_are_the_same_numbers(tmp_path, capsys, target, expected):
    """U+2011 and U+2010 are read as "-": 212‑639‑2000 dials 212-639-2000."""
    project = _project(tmp_path, "es", [polib.POEntry(msgid="Call 212-639-2000 for help.", msgstr=target)])
    _, found = findings(project, capsys, "es")
    assert [f["check"] for f in found if f["severity"] == "error"] == expected


UNLESS = "Do not take it unless your doctor tells you."
ONLY_IF = "Take it only if your doctor tells you."


@pytest.mark.parametrize("language, cases", [
    ("es", [(UNLESS, "Tómelo solo si su médico se lo indica.", None),
            (UNLESS, "No lo tome a menos que su médico se lo indique.", None),
            (UNLESS, "Tómelo si su médico se lo indica.", "negation"),
            (ONLY_IF, "No lo tome a menos que su médico se lo indique.", None),
            (ONLY_IF, "No lo tome si su médico se lo indica.", "negation")]),
    ("fr", [(UNLESS, "Prenez-le seulement si votre médecin vous le dit.", None),
            (ONLY_IF, "Ne le prenez pas à moins que votre médecin vous le dise.", None)]),
    ("pt_BR", [(UNLESS, "Tome-o somente se o seu médico indicar.", None),
               (UNLESS, "Tome-o se o seu médico indicar.", "negation")]),
])
def test_unless_is_only_if(tmp_path, capsys, language, cases):
    """"Do not ... unless" and "only if" say the same: the translation's
    "only" answers the negation and the "unless" together."""
    _meaning_findings(tmp_path, capsys, language, cases)


def _checked(tmp_path, capsys, language: str, cases: list[tuple[str, str, str | None, str]],
             glossary: str = "") -> None:
    """(source, translation, the check that must report an error or None, words
    of its message) as one real catalog through `locpipe check --json`: the
    exit status is 1 exactly when a case must be an error. `glossary`: the
    rows of the language's glossary.csv, if any."""
    project = _project(tmp_path / language, language,
                       [polib.POEntry(msgctxt=f"case {i}", msgid=source, msgstr=target)
                        for i, (source, target, *_) in enumerate(cases)])
    if glossary:
        (project / "locale" / language / "glossary.csv").write_text(f"source,translation,note\n{glossary}",
                                                                      encoding="utf-8")
    status, found = findings(project, capsys, language)
    po = polib.pofile(str(project / "locale" / language / "LC_MESSAGES" / "doc.po"))
    for entry, (_, target, check, words) in zip(po, cases):
        errors = [(f["check"], f["message"]) for f in found if f["line"] == entry.linenum and f["severity"] == "error"]
        if check:
            assert any(c == check and words in m for c, m in errors), (target, errors)
        else:
            assert errors == [], (target, errors)
    assert status == (1 if any(case[2] for case in cases) else 0)


TWO_DOSES = "Take each dose at 8 a.m. and 8 p.m."


@pytest.mark.parametrize("language, cases", [
    ("es", [(TWO_DOSES, "Tome cada dosis a las 8 a. m. y a las 8 p. m.", None, ""),
            (TWO_DOSES, "Tome cada dosis a las 8 de la mañana y a las 8 de la noche.", None, ""),
            (TWO_DOSES, "Tome cada dosis a las 8 de la mañana y a medianoche.", "time-of-day",
             'the source says "8 p.m." (20:00) but the translation says "medianoche" (00:00)'),
            (TWO_DOSES, "Tome cada dosis a las 8 de la mañana y a las 8 de la mañana siguiente.", "time-of-day",
             'the source says "8 p.m." (20:00) but the translation has no such time: it says "8 de la mañana" '
             '(08:00) twice'),
            ("Take it at noon and at 8 p.m.", "Tómelo al mediodía y a las 8 de la noche.", None, "")]),
    ("fr", [(TWO_DOSES, "Prenez chaque dose à 8 h et à 20 h.", None, ""),
            (TWO_DOSES, "Prenez chaque dose à 8 h du matin et à 8 h du soir.", None, ""),
            (TWO_DOSES, "Prenez chaque dose à 8 heures et à minuit.", "time-of-day", '"minuit" (00:00)'),
            (TWO_DOSES, "Prenez chaque dose à 8 h du matin et à 8 h du matin.", "time-of-day", "twice")]),
    ("pt", [(TWO_DOSES, "Tome cada dose às 8h e às 20h.", None, ""),
            (TWO_DOSES, "Tome cada dose às 8h da manhã e ao meio-dia.", "time-of-day", '"meio-dia" (12:00)')]),
    ("ru", [(TWO_DOSES, "Принимайте каждую дозу в 8 утра и в 8 вечера.", None, ""),
            (TWO_DOSES, "Принимайте каждую дозу в 8 утра и в полночь.", "time-of-day", '"полночь" (00:00)'),
            (TWO_DOSES, "Принимайте каждую дозу в 8 утра и в 8 утра.", "time-of-day", "twice")]),
    ("vi", [(TWO_DOSES, "Uống mỗi liều vào lúc 8 giờ sáng và 8 giờ tối.", None, ""),
            (TWO_DOSES, "Uống mỗi liều vào lúc 8 giờ sáng và nửa đêm.", "time-of-day", '"nửa đêm" (00:00)'),
            (TWO_DOSES, "Uống mỗi liều vào lúc 8 giờ sáng và 8 giờ sáng.", "time-of-day", "twice")]),
    ("zh_Hans", [(TWO_DOSES, "每剂分别在上午8点和晚上8点服用。", None, ""),
                 (TWO_DOSES, "每剂分别在早上8点和中午服用。", "time-of-day", '"中午" (12:00)'),
                 (TWO_DOSES, "每剂分别在上午8点和上午8点服用。", "time-of-day", "twice")]),
    ("ko", [(TWO_DOSES, "매 회분을 오전 8시와 오후 8시에 복용하십시오.", None, ""),
            (TWO_DOSES, "매 회분을 오전 8시와 자정에 복용하십시오.", "time-of-day", "(00:00)"),
            (TWO_DOSES, "매 회분을 오전 8시와 오전 8시에 복용하십시오.", "time-of-day", "twice")]),
    ("ar", [(TWO_DOSES, "تناول كل جرعة في الساعة 8 صباحًا و8 مساءً.", None, ""),
            (TWO_DOSES, "تناول كل جرعة في الساعة 8 صباحًا وعند منتصف الليل.", "time-of-day", "(00:00)")]),
])
def test_two_times_of_a_source_stay_two_times_of_the_same_values(tmp_path, capsys, language, cases):
    """The evening dose may not become midnight or noon in words, nor a
    second morning dose where the half of the day is a word ("8 утра",
    "上午8点"): each time of the source is one of the translation's."""
    _checked(tmp_path, capsys, language, cases)


EVERY_OTHER_DAY = "Take 1 tablet every other day."
TWICE_FOR_10_DAYS = "Take 2 tablets by mouth twice a day for 10 days."


@pytest.mark.parametrize("language, cases", [
    ("es", [(EVERY_OTHER_DAY, "Tome 1 tableta cada dos días.", None, ""),
            (EVERY_OTHER_DAY, "Tome 1 tableta en días alternos.", None, ""),
            (EVERY_OTHER_DAY, "Tome 1 tableta todos los días.", "course", "would take a dose every day"),
            (TWICE_FOR_10_DAYS, "Tome 2 tabletas por vía oral dos veces al día durante 10 días.", None, ""),
            (TWICE_FOR_10_DAYS, "Tome 2 tabletas por vía oral dos veces al día, un día sí y otro no, durante 10 días.",
             "course", 'the translation says "un día sí y otro no" (every other day)')]),
    ("fr", [(EVERY_OTHER_DAY, "Prenez 1 comprimé un jour sur deux.", None, ""),
            (TWICE_FOR_10_DAYS, "Prenez 2 comprimés par voie orale deux fois par jour, un jour sur deux, pendant 10 jours.",
             "course", '"un jour sur deux" (every other day)')]),
    ("ru", [(EVERY_OTHER_DAY, "Принимайте по 1 таблетке через день.", None, ""),
            (TWICE_FOR_10_DAYS, "Принимайте по 2 таблетки внутрь два раза в день в течение 10 дней.", None, ""),
            (TWICE_FOR_10_DAYS, "Принимайте по 2 таблетки внутрь два раза в день через день в течение 10 дней.",
             "course", '"через день" (every other day)')]),
    ("vi", [(EVERY_OTHER_DAY, "Uống 1 viên cách ngày.", None, ""),
            (TWICE_FOR_10_DAYS, "Uống 2 viên mỗi lần, hai lần mỗi ngày, cách ngày, trong 10 ngày.", "course",
             '"cách ngày" (every other day)')]),
    ("zh_Hans", [(EVERY_OTHER_DAY, "隔日服用1片。", None, ""),
                 (EVERY_OTHER_DAY, "每天服用1片。", "course", "every other day"),
                 (TWICE_FOR_10_DAYS, "隔天口服2次，每次2片，连续10天。", "course", '"隔天" (every other day)')]),
    ("pt", [(EVERY_OTHER_DAY, "Tome 1 comprimido em dias alternados.", None, "")]),
    ("pl", [(EVERY_OTHER_DAY, "Przyjmuj 1 tabletkę co drugi dzień.", None, "")]),
])
def test_every_other_day_is_kept_and_never_added(tmp_path, capsys, language, cases):
    """A dose every other day is half the doses of one a day: a translation
    that adds "через день" or drops the source's "every other day" changes
    how much the patient takes, though every number is kept."""
    _checked(tmp_path, capsys, language, cases)


BREATHING = "If you have trouble breathing or swelling of the face, call 911 right away."
EMERGENCY_ROOM = "If you have a life-threatening emergency, always call 911 or go to the nearest emergency room."
BOTH = "Call 911 right away if you cannot breathe. For other problems, make an appointment with your doctor."


@pytest.mark.parametrize("language, cases", [
    ("es", [(BREATHING, "Si tiene dificultad para respirar o hinchazón en la cara, llame al 911 de inmediato.", None, ""),
            (BREATHING, "Si tiene dificultad para respirar o hinchazón en la cara, llame al 911 de inmediato o pida una "
                        "cita con su médico.", "urgency", '"cita" (making an appointment)'),
            (BOTH, "Llame al 911 de inmediato si no puede respirar. Para otros problemas, pida una cita con su médico.",
             None, "")]),
    ("fr", [(BREATHING, "Si vous avez du mal à respirer ou un gonflement du visage, appelez immédiatement le 911.", None, ""),
            (BREATHING, "Si vous avez du mal à respirer ou un gonflement du visage, appelez immédiatement le 911 ou "
                        "prenez rendez-vous chez votre médecin.", "urgency", "non-urgent alternative"),
            (EMERGENCY_ROOM, "Si vous avez une urgence qui met votre vie en danger, appelez toujours le 911 ou "
                             "rendez-vous aux urgences les plus proches.", None, "")]),
    ("pt", [(BREATHING, "Se tiver dificuldade para respirar ou inchaço no rosto, ligue para o 911 imediatamente.", None, ""),
            (BREATHING, "Se tiver dificuldade para respirar ou inchaço no rosto, ligue para o 911 imediatamente ou "
                        "marque uma consulta com seu médico.", "urgency", "(making an appointment)")]),
    ("ru", [(BREATHING, "Если вам трудно дышать или у вас отекло лицо, немедленно звоните 911.", None, ""),
            (BREATHING, "Если вам трудно дышать или отекло лицо, немедленно звоните 911 или запишитесь к врачу.",
             "urgency", '"запишитесь" (making an appointment)')]),
    ("vi", [(BREATHING, "Nếu quý vị khó thở hoặc bị sưng mặt, hãy gọi 911 ngay lập tức.", None, ""),
            (BREATHING, "Nếu quý vị khó thở hoặc bị sưng mặt, hãy gọi 911 ngay lập tức hoặc hẹn gặp bác sĩ.",
             "urgency", '"hẹn gặp"')]),
    ("zh_Hans", [(BREATHING, "如果您出现呼吸困难或面部肿胀，请立即拨打911。", None, ""),
                 (BREATHING, "如果您出现呼吸困难或面部肿胀，请立即拨打911或预约您的医生。", "urgency", '"预约"')]),
    ("ht", [(BREATHING, "Si w gen difikilte pou respire oswa figi w anfle, rele 911 touswit oswa pran randevou ak "
                        "doktè w.", "urgency", '"randevou"')]),
])
def test_an_appointment_is_no_alternative_to_an_emergency(tmp_path, capsys, language, cases):
    """Beside "call 911 right away", an added "or make an appointment with
    your doctor" offers a wait the source does not: an error; a source that
    offers the appointment itself (for other problems) may be followed."""
    _checked(tmp_path, capsys, language, cases)


HALF = "Take half a tablet with food."
TABLETS = "Take the tablets with food every day."


@pytest.mark.parametrize("language, cases", [
    ("es", [(HALF, "Tome una tableta con comida.", "unit", '"half a tablet" (0.5 tablets)'),
            (HALF, "Tome media tableta con comida.", None, ""),
            (HALF, "Tome la mitad de una tableta con comida.", None, ""),
            ("Take ½ tablet.", "Tome 1 tableta.", "number", "number 1 is not in the source"),
            ("Take ½ tablet.", "Tome media tableta.", None, ""),
            ("Take 1/2 tablet.", "Tome media tableta.", None, ""),
            ("Take 1/2 tablet.", "Tome ½ tableta.", None, ""),
            ("Take 1½ teaspoons.", "Tome 1,5 cucharaditas.", None, ""),
            ("Take 1 tablet.", "Tome medio comprimido.", "unit", '"medio comprimido" (0.5 tablets)'),
            ("Take 2 teaspoons.", "Tome una cucharadita.", "unit", '"una cucharadita" (1 teaspoon)'),
            ("Take the tablets with food.", "Tome una tableta con comida.", "unit", '"una tableta" (1)'),
            ("Take a tablet with food.", "Tome una tableta con comida.", None, ""),
            ("Drink a glass of water.", "Beba un vaso de agua.", None, ""),
            ("A pattern that changes from day to day.", "Un patrón que cambia de un día a otro.", None, "")]),
    ("fr", [("Take 1 tablet.", "Prenez un demi-comprimé.", "unit", '(0.5 tablets)'),
            (HALF, "Prenez un demi-comprimé avec de la nourriture.", None, "")]),
    ("ru", [(HALF, "Принимайте одну таблетку во время еды.", "unit", '"одну таблетку" (1 tablet)'),
            (HALF, "Принимайте половину таблетки во время еды.", None, "")]),
    ("zh_Hans", [(TABLETS, "每天随餐服用两片药片。", "unit", '"两片" (2); the source has no 2'),
                 (TABLETS, "每天随餐服用半片药片。", "unit", '"半片" (0.5)'),
                 (TABLETS, "每天随餐服用药片。", None, ""),
                 ("Take 2 tablets every day.", "每天服用两片。", None, ""),
                 ("Take it for 2 hours.", "服用两个小时。", None, ""),
                 ("Take it twice a day.", "一天两次。", None, ""),
                 ("Some people feel tired.", "有些人感到疲倦。", None, "")]),
    ("ja", [("Take the tablets.", "錠剤を二つ飲んでください。", "unit", "the source has no 2"),
            ("Take the tablets.", "錠剤を二錠飲んでください。", "unit", '"二錠" (2)'),
            ("Take 2 tablets.", "錠剤を二つ飲んでください。", None, "")]),
    ("ko", [("Take the tablets.", "알약을 두 알 복용하세요.", "unit", '"두 알" (2)'),
            ("Take 2 tablets.", "알약을 두 알 복용하세요.", None, ""),
            ("You must take it.", "반드시 복용하세요.", None, "")]),
])
def test_number_words_fractions_and_one_count_where_they_count_a_dose(tmp_path, capsys, language, cases):
    """"½", "1/2", "half a" are 0.5 ("media tableta", "半片", "un demi-comprimé"),
    never 1; "una", an article too, and the number characters of Chinese,
    Japanese and Korean are added numbers where they count a unit the source
    does not count ("两片", "두 알", "二つ"), not inside other words (有些, 반드시)."""
    _checked(tmp_path, capsys, language, cases)


SAFE = "It is safe to drive."
DANGEROUS = "It is dangerous to drive."


@pytest.mark.parametrize("language, cases", [
    ("es", [(SAFE, "No es peligroso conducir.", None, ""),
            ("It is dangerous.", "No es peligroso.", "negation", 'the translation says "no" but the source has no negation'),
            (SAFE, "No es seguro conducir.", "negation", 'the translation says "no"'),
            ("It is not safe to drive.", "Es peligroso conducir.", None, ""),
            ("It is not safe to drive.", "Es seguro conducir.", "negation", 'the source says "not"'),
            (DANGEROUS, "No es seguro conducir.", None, ""),
            (DANGEROUS, "Es seguro conducir.", "negation", 'the source says "dangerous" (dangerous) but the '
                                                           'translation says "seguro" (safe)'),
            ("Side effects are rare.", "Los efectos secundarios no son comunes.", None, ""),
            ("Side effects are rare.", "Los efectos secundarios son comunes.", "negation", '"comunes" (common)'),
            ("In rare cases, it is severe.", "En casos poco frecuentes, es grave.", None, ""),
            ("If you are not sure, call us.", "Si no está seguro, llámenos.", None, ""),
            ("It is safe. Drive.", "No es peligroso. No conduzca.", "negation", "sentence 2:")]),
    ("fr", [(SAFE, "Il n'est pas dangereux de conduire.", None, ""),
            (DANGEROUS, "Il n'est pas dangereux de conduire.", "negation", "the source has no negation")]),
    ("zh_Hans", [(SAFE, "开车并不危险。", None, ""), (DANGEROUS, "开车并不危险。", "negation", '"不"')]),
    ("ru", [(SAFE, "Водить машину не опасно.", None, ""), (DANGEROUS, "Водить машину не опасно.", "negation", '"не"'),
            (DANGEROUS, "Водить машину безопасно.", "negation", '"безопасно" (safe)')]),
    ("ja", [(SAFE, "運転は危険ではありません。", None, ""),
            (DANGEROUS, "運転は危険ではありません。", "negation", '"ではありません"')]),
    ("ar", [(SAFE, "القيادة ليست خطيرة.", None, ""), (DANGEROUS, "القيادة ليست خطيرة.", "negation", '"ليست"')]),
])
def test_a_negated_antonym_says_the_source_word_only_where_the_source_has_it(tmp_path, capsys, language, cases):
    """"safe" may be "no es peligroso" (not dangerous): a negation beside an
    antonym (the `antonym` lists of the data files) of a word the source has
    is that word, not an added negation; "It is dangerous" as "No es
    peligroso", and "dangerous" as "seguro" without any negation, are errors."""
    _checked(tmp_path, capsys, language, cases)


@pytest.mark.parametrize("language, cases", [
    ("es", [("Take it with food.", "T\u0585melo con comida.", "mixed-script", "Armenian and Latin letters (U+0585"),
            ("Take it with food.", "\u13a2omelo con comida.", "mixed-script", "Cherokee and Latin letters (U+13A2"),
            ("Do not take it.", "\uff2eo lo tome.", "mixed-script", "Fullwidth Latin and Latin letters (U+FF2E"),
            ("Do not take it.", "\U0001d40do lo tome.", "mixed-script", "symbol-font and Latin letters (U+1D40D"),
            ("Take 5 mcg.", "Tome 5 µg.", None, ""),
            ("Take 5 mcg.", "Tome 5 μg.", None, "")]),
    ("ar", [("It is not safe to drive.", "لیس من الآمن القيادة.", "mixed-script", "(U+06CC arabic letter farsi yeh)"),
            ("Go to the care team.", "اذهب إلى فريق الرlعاية.", "mixed-script", "Arabic and Latin letters (U+006C"),
            ("Ask your CRS care team.", "اسأل فريق رعاية الـCRS.", None, "")]),
    ("fa", [("Do not take it.", "این دارو را مصرف نکنید.", None, ""),
            ("Do not take it.", "اين دارو را مصرف نكنيد.", None, ""),
            ("Do not take it.", "این دارو را مصرف نکنيد.", "mixed-script", "(U+064A arabic letter yeh)")]),
    ("zh_Hans", [("CRS can happen with CAR T cells.", "CAR T细胞可能引起CRS和其他症状。", None, ""),
                 ("Alpha receptors", "α受体", None, "")]),
    ("ja", [("CAR T cell therapy", "CAR-T細胞療法とコーヒー", None, "")]),
    ("ko", [("CRS can happen.", "CRS는 발생할 수 있습니다.", None, "")]),
    ("ru", [("Do not take beta-blockers.", "Не принимайте β-блокаторы.", None, ""),
            ("Call the CRS team.", "Позвоните команде CRS.", None, "")]),
])
def test_look_alike_letters_of_every_script_are_errors(tmp_path, capsys, language, cases):
    """A word with a letter of another script that passes for its own
    (Armenian օ, Cherokee Ꭲ, a full-width Ｎ beside ASCII letters, a
    mathematical 𝐍, a Persian ی in Arabic, a Latin l for an alef) is an
    error; scripts written together are not: kanji and kana, Latin letters
    run into Chinese or Korean, a source word after an Arabic prefix, µg."""
    _checked(tmp_path, capsys, language, cases)


SOMALI = [("Do not take this medicine.", "Ha qaadan daawadan.", None, ""),
          ("Do not take this medicine.", "Qaado daawadan.", "negation", 'the source says "not"'),
          ("Take 1 teaspoon every 4 hours.", "Qaado 1 qaaddo yar 4 saacadood kasta.", None, ""),
          ("Take 1 teaspoon every 4 hours.", "Qaado 1 qaaddo weyn 4 saacadood kasta.", "unit", "(tablespoon)"),
          ("Take it twice a day.", "Qaado saddex jeer maalintii.", "unit", '"saddex jeer" (3 times)'),
          (FEVER, "Qandho 100.4 °F (38 °C) ama ka badan", None, ""),
          (FEVER, "Qandho 100.4 °F (38 °C) ama ka yar", "comparative", '"ama ka yar" (lower/less)'),
          (ROOM, "Wac 911 ama aad qolka gurmadka degdegga ah.", None, ""),
          (ROOM, "Wac 911 ama aad qolka gurmadka degdegga ah berri.", "urgency", '"berri"'),
          ("Take it at 8 p.m.", "Qaado 8 subaxnimo.", "time-of-day", "(08:00)"),
          ("Do not take aspirin.", "Ha qaadan ibuprofeen.", "medicine", '"ibuprofeen" (ibuprofen)')]


def test_somali_starts_with_init_and_is_checked_with_its_word_lists(tmp_path, capsys):
    """`locpipe init so` starts a Somali catalog (CLDR knows so), and every
    meaning check runs on it: no `no-language-data` warning."""
    root = _project(tmp_path / "so", "es", [])
    capsys.readouterr()
    assert run(root, "init", "so") == 0
    assert (root / "locale" / "so" / "LC_MESSAGES" / "doc.po").is_file()
    assert missing_data_checks("so") == []
    status, found = findings(root, capsys, "so")
    assert status == 0 and not [f for f in found if f["check"] == "no-language-data"]
    _checked(tmp_path / "cases", capsys, "so", SOMALI)


@pytest.mark.parametrize("language, cases", [
    ("es", [("Do not take warfarin.", "No tome warfarina.", None, ""),
            ("Do not take warfarin.", "No tome heparina.", "medicine", '"heparina" (heparin), which the source does not'),
            ("Take ondansetron for nausea.", "Tome ondansetrón y lorazepam para las náuseas.", "medicine",
             '"lorazepam" (lorazepam)')]),
    ("zh_Hans", [("Do not take enoxaparin.", "请勿服用依诺肝素。", None, ""),
                 ("Do not take enoxaparin.", "请勿服用肝素。", "medicine", 'the source names "enoxaparin"')]),
    ("ru", [("Do not take morphine.", "Не принимайте морфин.", None, "")]),
    ("ko", [("Do not take morphine.", "모르핀을 복용하지 마세요.", None, "")]),
    ("ar", [("Do not take warfarin.", "لا تتناول الوارفارين.", None, "")]),
    ("ht", [("Take ondansetron for nausea.", "Pran ondansetwon pou kè plen.", None, ""),
            ("Take ondansetron for nausea.", "Pran ondansetron ak lorazepam pou kè plen.", "medicine", '"lorazepam"')]),
])
def test_medicines_of_patient_leaflets_are_compared(tmp_path, capsys, language, cases):
    """Fifty common medicines by generic and brand name, with their spellings in
    es, fr, pt, ru, zh, ar, ja, ko, vi: another medicine or an added one is an
    error; a language without its own spelling of a medicine (Haitian
    "ondansetwon") is not told it dropped it."""
    _checked(tmp_path, capsys, language, cases)


def test_english_data_names_forty_medicines_and_the_main_languages_spell_them():
    names = language_data("en")["medicine"]
    assert len(names) >= 40
    for language in ("es", "fr", "pt", "ru", "zh", "ar", "ja", "ko", "vi"):
        assert set(language_data(language)["medicine"]) == set(names), language


TWO_THINGS = "Take 2 tablets in the morning. Do not drive for 4 hours."


@pytest.mark.parametrize("language, cases", [
    ("es", [(TWO_THINGS, "No maneje durante 4 horas. Tome 2 tabletas por la mañana.", None, ""),
            (TWO_THINGS, "Maneje durante 4 horas. No tome 2 tabletas por la mañana.", "negation",
             'sentence 2: the source says "not" but the translation has no negation'),
            (TWO_THINGS, "No maneje durante 4 horas y tome 2 tabletas por la mañana.", None, ""),
            ("Take 1 teaspoon at 8 p.m. Call 911 right away if you cannot breathe.",
             "Llame al 911 de inmediato si no puede respirar. Tome 1 cucharadita a las 8 de la noche.", None, ""),
            ("Take 1 teaspoon at 8 p.m. Call 911 right away if you cannot breathe.",
             "Llame al 911 mañana si no puede respirar. Tome 1 cucharadita a las 8 de la noche.", "urgency",
             'sentence 2: the source says "right away" but the translation says "mañana"')]),
    ("ru", [(TWO_THINGS, "Не садитесь за руль в течение 4 часов. Утром примите 2 таблетки.", None, ""),
            (TWO_THINGS, "Садитесь за руль в течение 4 часов. Утром не принимайте 2 таблетки.", "negation",
             "sentence 2:")]),
])
def test_sentences_in_another_order_are_paired_by_their_numbers(tmp_path, capsys, language, cases):
    """A translation that puts the sentences in another order is compared
    sentence with sentence by the numbers they share: no error for the
    reorder, and a negation moved to the other sentence is still one."""
    _checked(tmp_path, capsys, language, cases)


AT_8PM = "Take your medicine at 8 p.m."
BEFORE_EATING = "Take 5 mg at least 1 hour before you eat."
UNDER_12_SHOULD = "Children younger than 12 should not take this medicine."


@pytest.mark.parametrize("language, cases", [
    ("es", [(AT_8PM, "Tome su medicamento a las 8.", "time-of-day", "it does not say which half of the day"),
            (AT_8PM, "Tome su medicamento a las 8 horas.", "time-of-day", '"8 horas" (08:00)'),
            (AT_8PM, "Tome su medicamento a las 20 horas.", None, ""),
            ("Take 1 tablespoon of the liquid at bedtime.", "Tome 1 cucharada del líquido antes de acostarse.", None, ""),
            (FEVER, "Fiebre a partir de 100.4 °F (38 °C)", None, "")]),
    ("fr", [(AT_8PM, "Prenez votre médicament à 8 heures.", "time-of-day", '"8 heures" (08:00)'),
            (AT_8PM, "Prenez votre médicament à 20 heures.", None, ""),
            ("Take it every 8 hours.", "Prenez-le toutes les 8 heures.", None, ""),
            ("Do not take aspirin.", "Ne prenez que de l'aspirine.", "negation", "has no negation"),
            (ONLY, "Ne le prenez qu'avec de la nourriture.", None, "")]),
    ("pt_BR", [(AT_8PM, "Tome o seu medicamento às 8h.", "time-of-day", '"8h" (08:00)'),
               (AT_8PM, "Tome o seu medicamento às 20h.", None, "")]),
    ("zh_Hans", [(AT_8PM, "请在8点服药。", "time-of-day", "which half of the day"),
                 (UNDER_12_SHOULD, "12岁以下儿童禁用。", None, "")]),
    ("zh_Hant", [(LIMIT, "24小時內服用不要超過4劑。", None, ""), (UNDER_12_SHOULD, "12歲以下的兒童不應服用此藥。", None, "")]),
    ("ht", [(AT_8PM, "Pran medikaman ou a 8 è.", "time-of-day", "which half of the day"),
            (BEFORE_EATING, "Pran 5 mg pi plis 1 èdtan anvan ou manje.", "comparative", '"pi plis" (lower/less)'),
            (FEVER, "Lafyèv 100.4 °F (38 °C) oswa plis, ale nan ijans.", None, "")]),
    ("ja", [(AT_8PM, "8時に薬を服用してください。", "time-of-day", "which half of the day"),
            ("Take 2 tablets twice a day for 7 days.", "1日2回、2錠ずつ7日間服用してください。", None, ""),
            ("Take 1 teaspoon every 4 hours.", "4時間ごとに小さじ1杯を服用してください。", None, ""),
            ("Take 1 teaspoon every 4 hours.", "4時間ごとに大さじ1杯を服用してください。", "unit", "(tablespoon)"),
            ("Never take this medicine with alcohol.", "この薬をアルコールと一緒に絶対に服用しないでください。", None, "")]),
    ("ko", [("Do not drive after you take this medicine.", "이 약을 복용한 후에는 운전하지 마십시오.", None, "")]),
    ("tl", [("Take 2 tablets twice a day for 7 days.",
             "Uminom ng 2 tableta dalawang beses sa isang araw sa loob ng 7 araw.", None, "")]),
    ("ru", [(UNDER_12_SHOULD, "Противопоказано детям до 12 лет.", None, "")]),
    ("hi", [("For days", "दिनों", None, ""),
            ("Do not take aspirin.", "एस्पिरिन न लें।", None, ""),
            ("Do not take aspirin.", "एस्पिरिन लें।", "negation", "has no negation"),
            ("Do not drive after you take this medicine.", "यह दवा लेने के बाद गाड़ी चलाएँ।", "negation", "has no negation"),
            (BEFORE_EATING, "खाना खाने से कम से कम 1 घंटा पहले 5 mg लें।", None, ""),
            ("It is safe to shower 24 hours after your procedure.", "प्रक्रिया के 24 घंटे बाद नहाना सुरक्षित है।", None, "")]),
    ("fa", [(BEFORE_EATING, "5 mg را دست\u200cکم 1 ساعت قبل از غذا خوردن مصرف کنید.", None, ""),
            ("Call 911 right away if you have trouble breathing.",
             "اگر تنفس برایتان دشوار است، بی\u200cدرنگ با 911 تماس بگیرید.", None, ""),
            ("Do not take aspirin.", "از مصرف آسپرین خودداری کنید.", None, "")]),
])
def test_times_limits_and_word_boundaries_as_translators_write_them(tmp_path, capsys, language, cases):
    """A time of the source said without its half of the day ("a las 8",
    "8点") or on the 24-hour clock ("à 8 heures", "às 8h") is an error; "ne
    ... que" is "only", no negation; Hindi vowel signs are part of a word (न
    in दिनों is no negation); words typed with their ZWNJ (دست‌کم) are
    found; standard phrasings are not errors ("at bedtime" as "antes de
    acostarse", 1日2回, 小さじ1杯, 禁用, противопоказано, 후에는)."""
    _checked(tmp_path, capsys, language, cases)


ASPIRIN = "Do not take aspirin."


@pytest.mark.parametrize("language, cases", [
    ("es", [(ASPIRIN, "No deje de tomar aspirina.", "negation", 'the translation says "no … deje de"'),
            (ASPIRIN, "Tome aspirina, no la olvide.", "negation", "the negation is turned round"),
            (ASPIRIN, "Evite dejar de tomar aspirina.", "negation", "the negation is turned round"),
            (UNDER_12_SHOULD, "Los niños menores de 12 años no necesitan tomar este medicamento.", "negation",
             "turned round"),
            ("Do not take any medicine without talking with your provider.",
             "No dude en tomar cualquier medicamento sin hablar con su proveedor.", "negation", "turned round"),
            ("Keep taking this medicine.", "Deje de tomar este medicamento.", "negation",
             'the source says "keep" (continue) but the translation says "deje de" (stop)'),
            ("Do not stop taking this medicine.", "No deje de tomar este medicamento.", None, ""),
            ("Keep taking this medicine.", "No deje de tomar este medicamento.", None, ""),
            ("Do not forget to take your medicine.", "Recuerde tomar su medicamento.", None, ""),
            ("You do not need to fast.", "No necesita ayunar.", None, ""),
            ("Call 911 right away.", "Llame al 911 de inmediato, no espere.", None, "")]),
    ("fr", [(ASPIRIN, "N'oubliez pas de prendre de l'aspirine.", "negation", "turned round")]),
    ("pt_BR", [(ASPIRIN, "Não deixe de tomar aspirina.", "negation", "turned round")]),
    ("ru", [(ASPIRIN, "Не прекращайте принимать аспирин.", "negation", "turned round")]),
    ("ar", [(ASPIRIN, "لا تتوقف عن تناول الأسبرين.", "negation", "turned round")]),
    ("zh_Hans", [(ASPIRIN, "请勿停止服用阿司匹林。", "negation", "turned round"),
                 (UNDER_12_SHOULD, "12岁以下的儿童不必服用此药。", "negation", "turned round"),
                 ("You can buy it without a prescription.", "无需处方即可购买。", None, "")]),
    ("ht", [(ASPIRIN, "Pa sispann pran aspirin.", "negation", "turned round")]),
    ("vi", [(ASPIRIN, "Đừng ngừng dùng aspirin.", "negation", "turned round")]),
    ("ko", [(ASPIRIN, "아스피린 복용을 중단하지 마십시오.", "negation", "turned round")]),
    ("ja", [(ASPIRIN, "アスピリンの服用をやめないでください。", "negation", "turned round")]),
    ("pl", [(ASPIRIN, "Nie przestawaj przyjmować aspiryny.", "negation", "turned round")]),
    ("tl", [(ASPIRIN, "Huwag itigil ang pag-inom ng aspirin.", "negation", "turned round")]),
    ("fa", [(ASPIRIN, "مصرف آسپرین را قطع نکنید.", "negation", "turned round")]),
])
def test_a_negated_stop_forget_or_need_turns_the_instruction_round(tmp_path, capsys, language, cases):
    """"Do not take" as "do not stop taking", "do not forget to take", "do not
    hesitate to take" or "need not take" keeps every negation count and
    inverts the instruction (the `reverse` lists); "keep taking" as "no deje
    de tomar" and "do not forget" as "recuerde" are the same instruction
    (stop/continue and forget/remember are antonyms)."""
    _checked(tmp_path, capsys, language, cases)


ALWAYS_911 = "If you have a life-threatening emergency, always call 911."
OPEN = "The UCC is open 24 hours a day, 7 days a week."


@pytest.mark.parametrize("language, cases", [
    ("es", [(ALWAYS_911, "Si tiene una emergencia que pone en riesgo su vida, llame a veces al 911.", "negation",
             '"a veces" (sometimes)'),
            (ALWAYS_911, "Si tiene una emergencia que pone en riesgo su vida, siempre llame al 911.", None, ""),
            (OPEN, "El UCC está cerrado las 24 horas del día, los 7 días de la semana.", "negation", '"cerrado" (closed)'),
            (OPEN, "El UCC está abierto las 24 horas del día, los 7 días de la semana.", None, ""),
            ("A faster heart rate than usual", "Un ritmo cardíaco más lento de lo normal", "negation", '"lento" (slow)'),
            ("Low blood pressure", "Presión arterial alta", "negation", '"alta" (high)'),
            ("Low blood pressure", "Presión arterial baja", None, "")]),
    ("zh_Hans", [(ALWAYS_911, "如果您遇到危及生命的紧急情况，有时可以拨打911。", "negation", '"有时" (sometimes)')]),
    ("ht", [(OPEN, "UCC a fèmen 24 èdtan pa jou, 7 jou pa semèn.", "negation", '"fèmen" (closed)')]),
])
def test_an_antonym_without_a_negation_is_an_error(tmp_path, capsys, language, cases):
    """always/sometimes, open/closed, high/low, fast/slow: the opposite word,
    with no negation to turn it back, reverses what the patient does."""
    _checked(tmp_path, capsys, language, cases)


TWICE_A_DAY = "Take 2 tablets twice a day for 7 days."
EVERY_4 = "Take 1 teaspoon every 4 hours."


@pytest.mark.parametrize("language, cases", [
    ("es", [(TWICE_A_DAY, "Tome 2 tabletas dos veces a la semana durante 7 días.", "unit",
             'the source says "day" (day) but the translation says "semana" (week)'),
            (TWICE_A_DAY, "Tome 2 tabletas dos veces al día durante 7 días.", None, ""),
            ("Take it every day for a week.", "Tómelo todos los días durante una semana.", None, ""),
            (EVERY_4, "Tome 1 cucharadita cada 4 horas. Si olvida una dosis, tome el doble.", "dose",
             '"doble" (double the dose)'),
            (EVERY_4, "Tome 1 cucharadita cada 4 horas. Si el dolor continúa, repita la dosis.", "dose", "(repeat the dose)"),
            ("If you miss a dose, do not take a double dose.", "Si olvida una dosis, no tome una dosis doble.", None, "")]),
    ("fr", [(TWICE_A_DAY, "Prenez 2 comprimés deux fois par semaine pendant 7 jours.", "unit", '"semaine" (week)'),
            (EVERY_4, "Prenez 1 cuillère à café toutes les 4 heures. Vous pouvez doubler la dose.", "dose", '"doubler"')]),
    ("zh_Hans", [(TWICE_A_DAY, "每周两次，每次服用2片，连续7天。", "unit", '"周" (week)'),
                 (TWICE_A_DAY, "每天两次，每次服用2片，连续7天。", None, ""),
                 (EVERY_4, "每4小时服用1茶匙。如有需要，可加倍服用。", "dose", '"加倍"')]),
    ("ru", [(TWICE_A_DAY, "Принимайте по 2 таблетки два раза в неделю в течение 7 дней.", "unit", "(week)"),
            (EVERY_4, "Принимайте по 1 чайной ложке каждые 4 часа. При необходимости дозу можно удвоить.", "dose",
             '"удвоить"')]),
    ("ar", [(TWICE_A_DAY, "تناول 2 أقراص مرتين في الأسبوع لمدة 7 أيام.", "unit", "(week)")]),
    ("ht", [(TWICE_A_DAY, "Pran 2 grenn de fwa pa semèn pandan 7 jou.", "unit", '"semèn" (week)')]),
    ("vi", [(TWICE_A_DAY, "Uống 2 viên, hai lần mỗi tuần trong 7 ngày.", "unit", '"tuần" (week)')]),
])
def test_a_frequency_keeps_its_period_and_a_dose_is_not_doubled_in_words(tmp_path, capsys, language, cases):
    """"twice a day" as "twice a week" keeps every number; so does an added
    "take double" or "repeat the dose" (the `dose` check)."""
    _checked(tmp_path, capsys, language, cases)


MG_BEFORE_EATING = "Take 5 mg at least 1 hour before you eat."


@pytest.mark.parametrize("language, cases", [
    ("ru", [(MG_BEFORE_EATING, "Принимайте 5 мг как минимум за 1 час до еды.", None, ""),
            (MG_BEFORE_EATING, "Принимайте 5 мкг как минимум за 1 час до еды.", "measure", "measure 5 mg")]),
    ("zh_Hans", [(MG_BEFORE_EATING, "在进食前至少1小时服用5毫克。", None, "")]),
    ("ko", [(MG_BEFORE_EATING, "식사하기 최소 1시간 전에 5밀리그램을 복용하십시오.", None, "")]),
    ("ar", [(MG_BEFORE_EATING, "تناول 5 ملغم قبل الأكل بساعة 1 على الأقل.", None, ""),
            ("If you have a fever of 100.4 °F (38 °C) or higher, call us.",
             "إذا كانت لديك حمى ١٠٠٫٤ °F (38 °C) أو أعلى، فاتصل بنا.", None, "")]),
    ("ja", [(MG_BEFORE_EATING, "食事の少なくとも１時間前に５ｍｇを服用してください。", None, ""),
            ("If you have a fever of 100.4 °F (38 °C) or higher, call us.",
             "100.4 °F（38 ℃）以上の熱がある場合は、お電話ください。", None, "")]),
    ("es", [(MG_BEFORE_EATING, "Tome 5 ㎎ al menos 1 hora antes de comer.", None, ""),
            ("Call 911 right away if you have trouble breathing.",
             "Llame al 9-1-1 de inmediato si tiene dificultad para respirar.", None, "")]),
])
def test_units_and_numbers_in_the_forms_of_the_translation_s_script(tmp_path, capsys, language, cases):
    """"5 мг", "5毫克", "5밀리그램을", "5 ملغم", full-width "５ｍｇ", "㎎" and "℃" (as
    NFKC reads them) are the source's measure; Arabic-Indic "١٠٠٫٤" with the
    Arabic decimal separator is 100.4; "9-1-1" is 911."""
    _checked(tmp_path, capsys, language, cases)


PRESCRIBE = "Your healthcare provider may prescribe medicine."


@pytest.mark.parametrize("language, cases", [
    ("es", [("Take 1 tablespoon of the liquid at bedtime.", "Tome 1 cucharada del líquido al despertar.", "time-of-day",
             '"al despertar" (on waking or in the morning)'),
            (PRESCRIBE, "Su proveedor puede recetarle medicamentos. Puede tomar metamizol.", "medicine", '"metamizol"'),
            (MG_BEFORE_EATING, "Tome 5 mg/kg al menos 1 hora antes de comer.", "dose", "a dose per kilogram of weight"),
            ("Take 1 teaspoon every 4 hours as needed.", "Tome 1 cucharadita cada 4 horas según sea necesario.", None, ""),
            ("Call 911 right away if you have trouble breathing.",
             "Llame al 911 de inmediato, la semana próxima, si tiene dificultad para respirar.", "urgency",
             '"la semana próxima"')]),
    ("pt_BR", [(EVERY_4, "Tome 1 colher de chá a cada 4 horas, ou conforme necessário.", "dose", "a dose as needed")]),
    ("ar", [(PRESCRIBE, "قد يصف لك مقدم الرعاية الصحية دواءً. يمكنك تناول بنادول.", "medicine", "(acetaminophen)")]),
    ("ru", [(PRESCRIBE, "Ваш медицинский работник может назначить лекарство. Можно принять анальгин.", "medicine",
             "(metamizole)"),
            ("Call 911 right away if you have trouble breathing.",
             "Немедленно позвоните по номеру 911 через пару дней, если вам трудно дышать.", "urgency", "через пару дней")]),
])
def test_added_medicines_doses_per_weight_and_delays(tmp_path, capsys, language, cases):
    """Metamizole, diclofenac and regional brands (Panadol, анальгин), a dose
    per kilogram, "as needed", "on waking" for "at bedtime", a delay beside
    an urgency word: each is an error the numbers cannot see."""
    _checked(tmp_path, capsys, language, cases)


def test_filipino_and_cantonese_catalogs_read_tagalog_and_traditional_chinese_data(tmp_path, capsys):
    """`fil` is the code many vendors deliver Tagalog under, `yue` Cantonese
    written in Traditional Chinese: a dropped negation is an error there too."""
    assert missing_data_checks("fil") == [] and missing_data_checks("yue") == []
    _checked(tmp_path, capsys, "fil", [("Do not drive after you take this medicine.",
                                         "Magmaneho pagkatapos mong inumin ang gamot na ito.", "negation", "")])
    _checked(tmp_path, capsys, "yue", [("Do not drive after you take this medicine.", "服用此藥後請開車。", "negation", "")])

ASPIRIN = "Do not take aspirin."
ALCOHOL = "Never take this medicine with alcohol."
CHILDREN = "Children younger than 12 should not take this medicine."
DRIVE = "Do not drive after you take this medicine."
NO_CRS = ("Do not take any medicine to treat CRS or neurotoxicity syndrome without talking with your healthcare "
          "provider. Taking certain medicines may mask (hide) your symptoms and cause more harm.")


@pytest.mark.parametrize("language, cases", [
    ("es", [(ALCOHOL, "Nunca olvide tomar este medicamento con alcohol.", "negation"),
            (ASPIRIN, "No deje de tomar aspirina.", "negation"),
            (ASPIRIN, "Tome aspirina, no la olvide.", "negation"),
            (ASPIRIN, "Evite dejar de tomar aspirina.", "negation"),
            (NO_CRS, "No dude en tomar cualquier medicamento para tratar el CRS o el síndrome de neurotoxicidad sin "
                     "hablar antes con su proveedor de cuidados de la salud. Tomar ciertos medicamentos puede "
                     "enmascarar (ocultar) sus síntomas y causar más daño.", "negation"),
            (ASPIRIN, "Evite tomar aspirina.", None),
            (ALCOHOL, "Evite siempre tomar este medicamento con alcohol.", None),
            ("Do not forget to take your medicine.", "Recuerde tomar su medicamento.", None),
            ("Take your medicine every day.", "No olvide tomar su medicamento todos los días.", None),
            ("Do not stop taking your medicine.", "No deje de tomar su medicamento.", None),
            ("Never take 2 doses to make up for a missed dose.",
             "Nunca tome 2 dosis para compensar una dosis olvidada.", None)]),
    ("fr", [(ALCOHOL, "Ne manquez jamais de prendre ce médicament avec de l'alcool.", "negation"),
            (ASPIRIN, "N'oubliez pas de prendre de l'aspirine.", "negation"),
            (ASPIRIN, "Évitez d'arrêter l'aspirine.", "negation"),
            (ALCOHOL, "Évitez toujours de prendre ce médicament avec de l'alcool.", None)]),
    ("pt", [(ASPIRIN, "Não deixe de tomar aspirina.", "negation"), (ASPIRIN, "Tome aspirina, não se esqueça.", "negation")]),
    ("ru", [(ALCOHOL, "Никогда не забывайте принимать это лекарство с алкоголем.", "negation"),
            (ASPIRIN, "Не прекращайте принимать аспирин.", "negation"),
            (ASPIRIN, "Принимайте аспирин, не пропускайте.", "negation"),
            (ASPIRIN, "Избегайте пропуска приёма аспирина.", "negation")]),
    ("ar", [(ALCOHOL, "لا تنسَ أبدًا تناول هذا الدواء مع الكحول.", "negation"),
            (ASPIRIN, "لا تتوقف عن تناول الأسبرين.", "negation"), (ASPIRIN, "تجنب تناول الأسبرين.", None)]),
    ("zh_Hans", [(ASPIRIN, "请勿停止服用阿司匹林。", "negation"), (ALCOHOL, "不要忘记将此药与酒一起服用。", "negation"),
                 (ASPIRIN, "避免漏服阿司匹林。", "negation"), (ASPIRIN, "避免服用阿司匹林。", None)]),
    ("zh_Hant", [(ASPIRIN, "請勿停止服用阿斯匹靈。", "negation"), (ASPIRIN, "請勿服用阿斯匹靈。", None)]),
    ("ht", [(ASPIRIN, "Pa sispann pran aspirin.", "negation"), (ALCOHOL, "Pa janm bliye pran medikaman sa a ak alkòl.",
                                                             "negation")]),
    ("vi", [(ASPIRIN, "Đừng ngừng dùng aspirin.", "negation"), (ASPIRIN, "Uống aspirin, đừng quên.", "negation")]),
    ("ko", [(ASPIRIN, "아스피린 복용을 중단하지 마십시오.", "negation"), (ASPIRIN, "아스피린 복용을 피하십시오.", None)]),
    ("ja", [(ASPIRIN, "アスピリンの服用をやめないでください。", "negation"),
            (ALCOHOL, "この薬をアルコールと一緒に絶対に服用しないでください。", None)]),
    ("pl", [(ASPIRIN, "Nie przestawaj przyjmować aspiryny.", "negation"),
            (ALCOHOL, "Nigdy nie zapominaj przyjmować tego leku z alkoholem.", "negation")]),
    ("tl", [(ASPIRIN, "Huwag itigil ang pag-inom ng aspirin.", "negation"),
            (ALCOHOL, "Huwag kailanman kalimutang inumin ang gamot na ito kasama ng alak.", "negation")]),
    ("fa", [(ASPIRIN, "مصرف آسپرین را قطع نکنید.", "negation"), (ASPIRIN, "از مصرف آسپرین خودداری کنید.", None)]),
])
def test_an_inverting_verb_with_a_negation_turns_the_instruction_around(tmp_path, capsys, language, cases):
    """"forget", "stop", "avoid", "hesitate", "skip" invert what follows: "do
    not stop taking" is "take". Polarity is compared, not the presence of a
    negation; a double negative may be written as a positive ("Recuerde
    tomar" for "Do not forget to take") and the other way round."""
    _meaning_findings(tmp_path, capsys, language, cases)


@pytest.mark.parametrize("language, cases", [
    ("fr", [(ASPIRIN, "Ne prenez que de l'aspirine.", "negation"),
            (ASPIRIN, "Ne prenez rien d'autre que de l'aspirine.", "negation"),
            ("Take only aspirin.", "Ne prenez que de l'aspirine.", None)]),
    ("pt", [(ASPIRIN, "Não tome nada além de aspirina.", "negation")]),
    ("ru", [(ASPIRIN, "Не принимайте ничего, кроме аспирина.", "negation")]),
    ("ar", [(ASPIRIN, "لا تتناول إلا الأسبرين.", "negation")]),
    ("ja", [(ASPIRIN, "アスピリンしか服用しないでください。", "negation")]),
    ("zh_Hans", [(ASPIRIN, "除了阿司匹林，不要服用其他药物。", "negation")]),
    ("ko", [(ASPIRIN, "아스피린 외에는 복용하지 마십시오.", "negation")]),
    ("vi", [(ASPIRIN, "Không dùng gì ngoài aspirin.", "negation")]),
    ("pl", [(ASPIRIN, "Nie przyjmuj niczego poza aspiryną.", "negation")]),
    ("ht", [(ASPIRIN, "Pa pran anyen sof aspirin.", "negation")]),
    ("tl", [(ASPIRIN, "Huwag uminom ng kahit ano maliban sa aspirin.", "negation")]),
    ("fa", [(ASPIRIN, "جز آسپرین چیزی مصرف نکنید.", "negation")]),
])
def test_nothing_but_commands_what_the_source_forbids(tmp_path, capsys, language, cases):
    """"ne ... que", "لا ... إلا", "しか...ない", "nothing but": a negation spent on
    an "only" or "except" the source does not say tells the reader to take it."""
    _meaning_findings(tmp_path, capsys, language, cases)


@pytest.mark.parametrize("language, cases", [
    ("es", [(ASPIRIN, "Tome aspirina, sin falta.", "negation")]),
    ("pt", [(ASPIRIN, "Tome aspirina sem falta.", "negation")]),
    ("fr", [(ASPIRIN, "Prenez de l'aspirine pas à pas, chaque jour.", "negation")]),
    ("ru", [(ASPIRIN, "Принимайте аспирин без перерывов.", "negation")]),
    ("ar", [(ASPIRIN, "تناول الأسبرين بلا انقطاع.", "negation")]),
    ("pl", [(ASPIRIN, "Przyjmuj aspirynę bez przerwy.", "negation")]),
    ("tl", [(ASPIRIN, "Uminom ng aspirin nang walang palya.", "negation")]),
    ("fa", [(ASPIRIN, "آسپرین را بدون وقفه مصرف کنید.", "negation")]),
    ("vi", [(ASPIRIN, "Uống aspirin mỗi ngày, không ngoại lệ.", "negation")]),
    ("ja", [(ASPIRIN, "アスピリンを間違いなく服用してください。", "negation")]),
    ("zh_Hans", [(ASPIRIN, "请毫不犹豫地服用阿司匹林。", "negation"), (ASPIRIN, "请务必服用阿司匹林，不可或缺。", "negation")]),
])
def test_without_fail_is_no_negation(tmp_path, capsys, language, cases):
    """"sin falta", "без перерывов", "毫不犹豫": an idiom with a negative word
    in it says no "do not"."""
    _meaning_findings(tmp_path, capsys, language, cases)


@pytest.mark.parametrize("language, cases", [
    ("es", [(CHILDREN, "Los niños menores de 12 años no necesitan tomar este medicamento.", "negation"),
            (CHILDREN, "Los niños menores de 12 años no deben tomar este medicamento.", None),
            ("You do not need to fast before the test.", "No necesita ayunar antes de la prueba.", None),
            (ASPIRIN, "No tome aspirina a menos que tenga dolor.", "negation"),
            (DRIVE, "Maneje después de tomar este medicamento si no se siente mareado.", "negation"),
            ("If you do not feel better, call your doctor.", "Llame a su médico si no se siente mejor.", None)]),
    ("fr", [(CHILDREN, "Les enfants de moins de 12 ans ne sont pas obligés de prendre ce médicament.", "negation"),
            (ASPIRIN, "Ne prenez pas d'aspirine sauf si vous avez mal.", "negation"),
            (DRIVE, "Conduisez après avoir pris ce médicament si vous n'avez pas de vertiges.", "negation")]),
    ("pt", [(CHILDREN, "Crianças menores de 12 anos não precisam tomar este medicamento.", "negation")]),
    ("ru", [(CHILDREN, "Детям младше 12 лет не обязательно принимать это лекарство.", "negation"),
            (CHILDREN, "Противопоказано детям до 12 лет.", None),
            (DRIVE, "Садитесь за руль после приема этого лекарства, если у вас не кружится голова.", "negation")]),
    ("zh_Hans", [(CHILDREN, "12岁以下的儿童不必服用此药。", "negation"), (CHILDREN, "12岁以下儿童禁用。", None),
                 (ASPIRIN, "除非疼痛，否则请勿服用阿司匹林。", "negation"),
                 (DRIVE, "服用此药后，如果不头晕，请开车。", "negation")]),
    ("ar", [(CHILDREN, "لا يلزم أن يتناول الأطفال الأصغر من 12 عامًا هذا الدواء.", "negation"),
            (ASPIRIN, "لا تتناول الأسبرين إلا إذا شعرت بألم.", "negation"),
            (DRIVE, "قد السيارة بعد تناول هذا الدواء إذا لم تشعر بالدوار.", "negation")]),
    ("ht", [(ASPIRIN, "Pa pran aspirin sof si ou gen doulè.", "negation"),
            (CHILDREN, "Timoun ki poko gen 12 an pa dwe pran medikaman sa a.", None)]),
    ("vi", [(ASPIRIN, "Không dùng aspirin trừ khi bị đau.", "negation")]),
])
def test_a_prohibition_is_not_made_optional_conditional_or_excepted(tmp_path, capsys, language, cases):
    """"should not" is not "need not"; "do not" gains no "unless"; a "not"
    moved into an "if" clause ("drive ... if you do not feel dizzy") no
    longer forbids. "Противопоказано" and "禁用" (contraindicated) forbid."""
    _meaning_findings(tmp_path, capsys, language, cases)


@pytest.mark.parametrize("language, target", [
    ("es", "Tome cualquier medicamento para tratar el CRS, no el síndrome de neurotoxicidad sin hablar antes con su "
           "proveedor de cuidados de la salud. Tomar ciertos medicamentos puede enmascarar (ocultar) sus síntomas y "
           "causar más daño."),
    ("es", "Tome cualquier medicamento para tratar el CRS o el síndrome de neurotoxicidad sin hablar antes con su "
           "proveedor de cuidados de la salud, ya que no tomar ciertos medicamentos puede enmascarar (ocultar) sus "
           "síntomas y causar más daño."),
    ("ru", "Принимайте любые лекарства для лечения CRS или синдрома нейротоксичности, не посоветовавшись со своим "
           "медицинским работником, потому что если не принимать некоторые лекарства, это может маскировать "
           "(скрывать) ваши симптомы и причинить ещё больший вред."),
    ("zh_Hans", "在与您的医护人员沟通之前，服用任何药物来治疗CRS或神经毒性综合征，因为不服用某些药物可能会掩盖（隐藏）您的症状，"
                "造成更大的伤害。"),
    ("ar", "تناول أي دواء لعلاج متلازمة CRS أو متلازمة السمية العصبية دون التحدث مع مقدم الرعاية الصحية الخاص بك، لأن "
           "عدم تناول بعض الأدوية قد يؤدي إلى إخفاء أعراضك والتسبب في ضرر أكبر."),
    ("ht", "Pran nenpòt medikaman pou trete CRS oswa sendwòm newotoksisite san ou pa pale ak founisè swen sante ou "
           "anvan, paske si ou pa pran kèk medikaman sa ka maske (kache) sentòm ou yo epi fè plis domaj."),
])
def test_a_negation_moved_to_another_clause_is_an_error(tmp_path, capsys, language, target):
    """The unit's count of negations is kept, but the clause that names CRS
    has lost its "do not": the negation stays with what it forbids."""
    _meaning_findings(tmp_path, capsys, language, [(NO_CRS, target, "negation")])


ALWAYS_911 = "If you have a life-threatening emergency, always call 911 or go to the nearest emergency room."
UCC = "The UCC is open 24 hours a day, 7 days a week."
FASTER = "A faster heart rate than usual"


@pytest.mark.parametrize("language, cases", [
    ("es", [(ALWAYS_911, "Si tiene una emergencia que pone en riesgo su vida, llame a veces al 911 o vaya a la sala de "
                         "emergencias más cercana.", "opposite"),
            (ALWAYS_911, "Si tiene una emergencia que pone en riesgo su vida, llame siempre al 911 o vaya a la sala de "
                         "emergencias más cercana.", None),
            (UCC, "El UCC está cerrado las 24 horas del día, los 7 días de la semana.", "opposite"),
            (UCC, "El UCC está abierto las 24 horas del día, los 7 días de la semana.", None),
            (FASTER, "Un ritmo cardíaco más lento de lo normal", "opposite"),
            (FASTER, "Un ritmo cardíaco más rápido de lo normal", None),
            ("Low blood pressure", "Presión arterial alta", "opposite"),
            ("Low blood pressure", "Presión arterial baja", None),
            (ALCOHOL, "Normalmente no tome este medicamento con alcohol.", "opposite"),
            ("In rare cases, some people have severe symptoms.",
             "En muchos casos, algunas personas tienen síntomas graves.", "opposite"),
            ("Symptoms can get worse very fast once they start.",
             "Los síntomas pueden empeorar muy despacio una vez que empiezan.", "opposite")]),
    ("zh_Hans", [(ALWAYS_911, "如果您遇到危及生命的紧急情况，有时可以拨打911或前往最近的急诊室。", "opposite"),
                 (UCC, "UCC每周7天、每天24小时关闭。", "opposite"),
                 ("There is always a doctor or nurse on call.", "我们偶尔有医生或护士值班。", "opposite"),
                 (FASTER, "心率比平时慢", "comparative")]),
    ("ru", [(ALWAYS_911, "Если ваша жизнь в опасности, иногда звоните по номеру 911 или обратитесь в ближайшее "
                         "отделение неотложной помощи.", "opposite"),
            (FASTER, "Более медленный пульс, чем обычно", "opposite"), (FASTER, "Более частый пульс, чем обычно", None)]),
    ("ar", [(ALWAYS_911, "إذا كانت لديك حالة طارئة تهدد الحياة، فاتصل أحيانًا بالرقم 911 أو اذهب إلى أقرب قسم طوارئ.",
             "opposite"), (UCC, "مركز UCC مغلق 24 ساعة في اليوم، 7 أيام في الأسبوع.", "opposite")]),
    ("ht", [(ALWAYS_911, "Si ou gen yon ijans ki mete lavi ou an danje, pafwa rele 911 oswa ale nan sal ijans ki pi "
                         "pre a.", "opposite"),
            (FASTER, "Kè ki bat pi dousman pase nòmal", "opposite"),
            (UCC, "UCC a fèmen 24 èdtan pa jou, 7 jou pa semèn.", "opposite")]),
])
def test_a_word_turned_into_its_opposite_is_an_error(tmp_path, capsys, language, cases):
    """always/sometimes, open/closed, faster/slower, rare/many, low/high:
    only a swap is an error, a word either text adds alone is not."""
    _meaning_findings(tmp_path, capsys, language, cases)


@pytest.mark.parametrize("source, target, expected", [
    ("For days", "दिनों", None),
    ("Take 2 tablets twice a day for 7 days.", "7 दिनों तक दिन में दो बार 2 गोलियाँ लें।", None),
    ("Call 212-639-2000 if you have questions.", "अगर आपके कोई प्रश्न हैं, तो 212-639-2000 पर कॉल करें।", None),
    (ASPIRIN, "एस्पिरिन न लें।", None),
    (ASPIRIN, "एस्पिरिन लें।", "negation"),
    (DRIVE, "यह दवा लेने के बाद गाड़ी चलाएँ।", "negation"),
    (CHILDREN, "12 साल से कम उम्र के बच्चों को यह दवा लेनी चाहिए।", "negation"),
])
def test_hindi_negation_is_a_whole_word(tmp_path, capsys, source, target, expected):
    """Devanagari vowel signs are part of a word: the "न" of "दिनों",
    "प्रश्न" or "एस्पिरिन" is no negation, and cannot stand for a dropped one."""
    _meaning_findings(tmp_path, capsys, "hi", [(source, target, expected)])


def test_polarity_messages_say_what_turned_around(tmp_path, capsys):
    """`locpipe check` exits 1 and names the words that differ."""
    cases = [(ASPIRIN, "No deje de tomar aspirina.", '"no … deje de", a negated "stop"'),
             (ASPIRIN, "No tome aspirina a menos que tenga dolor.", 'adds an exception, "a menos que" (unless)'),
             (CHILDREN, "Los niños menores de 12 años no necesitan tomar este medicamento.",
              '"no necesitan" (need not)'),
             (DRIVE, "Maneje después de tomar este medicamento si no se siente mareado.", 'inside an "if" clause'),
             (ALWAYS_911, "Si tiene una emergencia que pone en riesgo su vida, llame a veces al 911 o vaya a la sala de "
                          "emergencias más cercana.", 'the source says "always" (always/never) but the translation '
                                                     'says "a veces"'),
             (NO_CRS, "Tome cualquier medicamento para tratar el CRS, no el síndrome de neurotoxicidad sin hablar "
                      "antes con su proveedor de cuidados de la salud. Tomar ciertos medicamentos puede enmascarar "
                      "(ocultar) sus síntomas y causar más daño.", 'in the clause that names "CRS"')]
    project = _project(tmp_path, "es", [polib.POEntry(msgctxt=f"case {i}", msgid=source, msgstr=target)
                                        for i, (source, target, _) in enumerate(cases)])
    status, found = findings(project, capsys, "es")
    assert status == 1
    po = polib.pofile(str(project / "locale" / "es" / "LC_MESSAGES" / "doc.po"))
    for entry, (_, _, words) in zip(po, cases):
        messages = [f["message"] for f in found if f["line"] == entry.linenum and f["severity"] == "error"]
        assert any(words in message for message in messages), (entry.msgstr, messages)


@pytest.mark.parametrize("language, cases", [
    ("ru", [(ALWAYS_911, "Если ваша жизнь в опасности, сначала позвоните своему врачу, а затем по номеру 911 или "
                         "обратитесь в ближайшее отделение неотложной помощи.", "urgency")]),
    ("zh_Hans", [(ALWAYS_911, "如果您遇到危及生命的紧急情况，请先联系您的医生，再拨打911或前往最近的急诊室。", "urgency")]),
    ("es", [(ALWAYS_911, "Si tiene una emergencia que pone en riesgo su vida, primero llame a su médico y luego llame "
                         "al 911 o vaya a la sala de emergencias más cercana.", "urgency"),
            ("If you have trouble breathing, call 911 first.", "Si tiene dificultad para respirar, llame primero al 911.",
             None)]),
])
def test_a_step_put_before_911_is_a_delay(tmp_path, capsys, language, cases):
    """"First call your doctor, then 911": a step the source does not ask
    for, before acting now."""
    _meaning_findings(tmp_path, capsys, language, cases)


# Correct translations that the checks still refuse (found by review; each is a
# strict xfail: the test starts to pass, and so fails, when the check is fixed,
# and the case then moves into the tests above).
REFUSED_CORRECT = [
    # comparative: «لم تتحسن بعد» is read as «لم … بعد» (not yet), so «بعد 3 أيام» (after 3 days) loses its "after"
    ("ar", "Call your doctor if your symptoms get worse or do not improve after 3 days.",
     "اتصل بطبيبك إذا ساءت أعراضك أو لم تتحسن بعد 3 أيام."),
]


@pytest.mark.xfail(strict=True, reason="a correct translation the checks still refuse")
@pytest.mark.parametrize("language, source, translation", REFUSED_CORRECT,
                         ids=[f"{case[0]}-{number}" for number, case in enumerate(REFUSED_CORRECT, 1)])
def test_correct_translations_still_refused(tmp_path, capsys, language, source, translation):
    _checked(tmp_path, capsys, language, [(source, translation, None, "")])


# (language, source, translation, the check that must report it, or None: no meaning error at all)
WHO_WHERE_AND_PERMISSION = [
    # a prohibition said as a permission, with a negative word left in the sentence
    ("ar", "Do not drive after you take this medicine.", "لا مانع من القيادة بعد تناول هذا الدواء.", "permission"),
    ("pt", "Do not drive after you take this medicine.", "Nada impede dirigir depois de tomar este medicamento.",
     "permission"),
    ("ru", "Do not drive after you take this medicine.", "Не бойтесь садиться за руль после приема этого лекарства.",
     "permission"),
    ("es", "Never crush or chew the tablets.", "Puede triturar o masticar las tabletas; nunca las trague enteras.",
     "permission"),
    ("zh_Hans", "Never crush or chew the tablets.", "切勿压碎或咀嚼药片。不过如果难以吞咽，也可以这样做。", "permission"),
    ("es", "Never crush or chew the tablets.", "Nunca triture ni mastique las tabletas.", None),
    # "puede" that is no permission: a possibility after the negation, an "if" clause, a source that says "may"
    ("es", "Do not drive. This medicine makes you sleepy.", "No maneje, puede causarle sueño.", None),
    ("es", "Do not take it if you may be pregnant.", "No lo tome si puede estar embarazada.", None),
    ("es", "If you cannot swallow the tablets, you may crush them.", "Si no puede tragar las tabletas, puede triturarlas.",
     None),
    ("es", "Don't be afraid to ask questions.", "No tenga miedo de hacer preguntas.", None),
    ("fr", "Do not be afraid to ask questions.", "N'ayez pas peur de poser des questions.", None),
    ("ko", "Don't worry if you miss one dose.", "한 번 빠뜨려도 괜찮습니다.", None),
    ("ko", "Do not drive after you take this medicine.", "이 약을 복용한 후 운전해도 됩니다.", "permission"),
    ("es", "Never crush or chew the tablets.", "Sin problema, puede triturarlas o masticarlas.", "permission"),
    ("vi", "Do not copy this leaflet.", "Không sao chép tờ hướng dẫn này.", None),
    # who the instruction is for, and where the symptom is
    ("es", "Give children 1 teaspoon (5 mL) every 6 hours.", "Déles a sus mascotas 1 cucharadita (5 ml) cada 6 horas.",
     "key-term"),
    ("fr", "Give children 1 teaspoon (5 mL) every 6 hours.",
     "Donnez aux nourrissons 1 cuillère à café (5 ml) toutes les 6 heures.", "key-term"),
    ("fr", "Give children 1 teaspoon (5 mL) every 6 hours.",
     "Donnez aux enfants 1 cuillère à café (5 ml) toutes les 6 heures.", None),
    ("es", "If you have swelling of the face, call 911 right away.",
     "Si tiene hinchazón en los pies, llame al 911 de inmediato.", "key-term"),
    ("zh_Hans", "If you have swelling of the face, call 911 right away.", "如果您出现脚踝肿胀，请立即拨打911。", "key-term"),
    ("zh_Hans", "If you have swelling of the face, call 911 right away.", "如果您出现面部肿胀，请立即拨打911。", None),
    ("es", "Stop taking this medicine if you get a rash.",
     "Deje de tomar este medicamento si le sale un sarpullido en la boca.", "key-term"),
    # a part of the body a translator adds that places no symptom
    ("es", "Vomiting (throwing up)", "Vómitos (devolver lo que tiene en el estómago)", None),
    ("es", "If you feel dizzy, stand up slowly.", "Si se siente mareado, póngase de pie despacio.", None),
    ("es", "Take it on an empty stomach.", "Tómelo con el estómago vacío.", None),
    ("zh_Hans", "Trouble walking. You may stumble, lose your balance, or feel dizzy.",
     "行走困难。您可能会脚步踉跄、失去平衡或感到头晕。", None),
    # an escape clause where the translation sets a limit; none where it does not
    ("es", "Do not take more than 4 tablets in 24 hours.",
     "No tome más de 4 tabletas en 24 horas, salvo indicación de un familiar.", "added-instruction"),
    ("fr", "Do not take more than 4 tablets in 24 hours.",
     "Ne prenez pas plus de 4 comprimés en 24 heures, hormis en cas de forte fièvre.", "added-instruction"),
    ("zh_Hans", "Do not take more than 4 tablets in 24 hours.", "24小时内服用不要超过4片，疼痛剧烈时除外。",
     "added-instruction"),
    ("es", "The clinic is open every day but Sunday.", "La clínica abre todos los días excepto el domingo.", None),
    ("es", "Do not take any medicine other than acetaminophen.",
     "No tome ningún medicamento excepto acetaminofén.", None),
    # "must" made optional; the meal moved before the dose
    ("pt", "You must finish all the tablets, even if you feel better.",
     "Fica a seu critério terminar todos os comprimidos, mesmo que se sinta melhor.", "modal"),
    ("pt", "Take this medicine on an empty stomach, 1 hour before meals.",
     "Tome este medicamento em jejum; faça as refeições 1 hora antes.", "comparative"),
    ("pt", "Take this medicine on an empty stomach, 1 hour before meals.",
     "Tome este medicamento em jejum, 1 hora antes das refeições.", None),
]


def test_permission_who_where_and_escape_clauses(tmp_path, capsys):
    """Each case in a real catalog of its language, through `locpipe check --json`:
    the named check reports the dangerous ones, and no meaning check reports the others."""
    for language in sorted({case[0] for case in WHO_WHERE_AND_PERMISSION}):
        cases = [case for case in WHO_WHERE_AND_PERMISSION if case[0] == language]
        project = _project(tmp_path / language, language,
                           [polib.POEntry(msgctxt=f"case {i}", msgid=source, msgstr=target)
                            for i, (_, source, target, _) in enumerate(cases)])
        _, found = findings(project, capsys, language)
        po = polib.pofile(str(project / "locale" / language / "LC_MESSAGES" / "doc.po"))
        for entry, (_, _, target, expected) in zip(po, cases):
            got = {f["check"] for f in found if f["line"] == entry.linenum and f["severity"] == "error"}
            if expected:
                assert expected in got, (target, got)
            else:
                assert not got & (MEANING | {"permission"}), (target, [f["message"] for f in found
                                                                        if f["line"] == entry.linenum])


def test_a_part_of_the_body_a_symptom_implies_or_the_skin_places_no_symptom():
    from pipeline.checks.terms import changed_key_terms
    context = TranslationContext("es")
    for source, target in [("Call us if you have a fever or a rash.", "Llámenos si tiene fiebre o sarpullido en la piel."),
                           ("Stomach pain and vomiting", "Dolor en el estómago y vómitos")]:
        assert list(changed_key_terms(source, target, context)) == [], target
    assert list(changed_key_terms("Stomach pain and vomiting", "Dolor en los pies y vómitos", context))
