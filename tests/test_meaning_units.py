"""Measures, times, rates, urgency and added dose instructions: translations
that change how much, how often or when a patient takes a medicine are errors
of `locpipe check`; the usual renderings of professional translators are not.
Every case is a real catalog entry checked through `locpipe check --json`."""

from __future__ import annotations

import polib
import pytest

from test_meaning import _project, findings

DAY = "Take 2 tablets twice a day for 7 days."
IN_24 = "Do not take more than 4 doses in 24 hours."
TSP = "Take 1 teaspoon every 4 hours."
MG = "Take 5 mg at least 1 hour before you eat."
PM = "Take your medicine at 8 p.m."
BED = "Take 1 tablespoon of the liquid at bedtime."
FEVER = "If you have a fever of 100.4 °F (38 °C) or higher, go to the emergency room."
NOW = "Call 911 right away if you have trouble breathing."
HOURS = "Call us Monday through Friday from 9 a.m. to 5 p.m."


def _meaning_findings(tmp_path, capsys, language: str, cases: list[tuple[str, str, str | None]]) -> None:
    """(source, translation, the check whose error it must get, or None for
    no error of any check), as one catalog through `locpipe check --json`."""
    project = _project(tmp_path / language, language,
                       [polib.POEntry(msgctxt=f"case {i}", msgid=source, msgstr=target)
                        for i, (source, target, _) in enumerate(cases)])
    status, found = findings(project, capsys, language)
    po = polib.pofile(str(project / "locale" / language / "LC_MESSAGES" / "doc.po"))
    for entry, (_, target, expected) in zip(po, cases):
        errors = [(f["check"], f["message"]) for f in found if f["line"] == entry.linenum and f["severity"] == "error"]
        if expected:
            assert expected in {check for check, _ in errors}, (target, errors)
        else:
            assert not errors, (target, errors)
    assert status == (1 if any(expected for *_, expected in cases) else 0)


@pytest.mark.parametrize("language, cases", [
    ("es", [(DAY, "Tome 2 tabletas dos veces a la semana durante 7 días.", "unit"),
            (DAY, "Tome 2 tabletas dos veces al día durante 7 días.", None),
            (IN_24, "No tome más de 4 dosis por hora durante 24 horas.", "unit"),
            (IN_24, "No tome más de 4 dosis en 24 horas.", None)]),
    ("fr", [(DAY, "Prenez 2 comprimés deux fois par semaine pendant 7 jours.", "unit"),
            (DAY, "Prenez 2 comprimés deux fois par jour pendant 7 jours.", None),
            (IN_24, "Ne prenez pas plus de 4 doses par heure pendant 24 heures.", "unit")]),
    ("pt", [(DAY, "Tome 2 comprimidos duas vezes por semana durante 7 dias.", "unit"),
            (IN_24, "Não tome mais de 4 doses por hora durante 24 horas.", "unit")]),
    ("ru", [(DAY, "Принимайте по 2 таблетки два раза в неделю в течение 7 дней.", "unit"),
            (DAY, "Принимайте по 2 таблетки два раза в день в течение 7 дней.", None),
            (IN_24, "Не принимайте более 4 доз в час в течение 24 часов.", "unit"),
            (IN_24, "Не принимайте более 4 доз за 24 часа.", None)]),
    ("ar", [(DAY, "تناول 2 أقراص مرتين في الأسبوع لمدة 7 أيام.", "unit"),
            (DAY, "تناول 2 أقراص مرتين في اليوم لمدة 7 أيام.", None),
            (IN_24, "لا تتناول أكثر من 4 جرعات في الساعة لمدة 24 ساعة.", "unit")]),
    ("zh_Hans", [(DAY, "每周两次，每次服用2片，连续7天。", "unit"),
                 (DAY, "每天两次，每次服用2片，连续7天。", None)]),
    ("zh_Hant", [(DAY, "每週兩次，每次服用2片，連續7天。", "unit")]),
    ("ht", [(DAY, "Pran 2 grenn de fwa pa semèn pandan 7 jou.", "unit"),
            (DAY, "Pran 2 grenn de fwa pa jou pandan 7 jou.", None)]),
    ("vi", [(DAY, "Uống 2 viên, hai lần mỗi tuần trong 7 ngày.", "unit"),
            (DAY, "Uống 2 viên, hai lần mỗi ngày trong 7 ngày.", None),
            (IN_24, "Không uống quá 4 liều mỗi giờ trong 24 giờ.", "unit")]),
    ("ko", [(DAY, "7일 동안 일주일에 두 번 2정씩 복용하십시오.", "unit"),
            (DAY, "7일 동안 하루에 두 번 2정씩 복용하십시오.", None)]),
    ("pl", [(DAY, "Przyjmuj 2 tabletki dwa razy w tygodniu przez 7 dni.", "unit"),
            (DAY, "Przyjmuj 2 tabletki dwa razy dziennie przez 7 dni.", None),
            (IN_24, "Nie przyjmuj więcej niż 4 dawek na godzinę przez 24 godziny.", "unit")]),
    ("fa", [(DAY, "به مدت 7 روز، هفته\u200cای دو بار 2 قرص مصرف کنید.", "unit"),
            (DAY, "به مدت 7 روز، روزی دو بار 2 قرص مصرف کنید.", None)]),
    ("tl", [(DAY, "Uminom ng 2 tableta dalawang beses sa isang araw sa loob ng 7 araw.", None)]),
    ("ja", [(DAY, "1日2回、2錠ずつ7日間服用してください。", None)]),
])
def test_a_rate_keeps_its_period(tmp_path, capsys, language, cases):
    """"twice a day" is not "twice a week", and "4 doses in 24 hours" is not
    "4 doses per hour"; a rate said as "sa isang araw" is not a day counted."""
    _meaning_findings(tmp_path, capsys, language, cases)


@pytest.mark.parametrize("language, cases", [
    ("es", [(TSP, "Tome 1 cucharadita cada 4 horas. Si olvida una dosis, tome el doble.", "dose"),
            (TSP, "Tome 1 cucharadita cada 4 horas. Si el dolor continúa, repita la dosis.", "dose"),
            (TSP, "Tome 1 cucharadita colmada cada 4 horas.", "dose"),
            (TSP, "Tome 1 cucharadita cada 4 horas.", None),
            (MG, "Tome 5 mg/kg al menos 1 hora antes de comer.", "dose"),
            (MG, "Tome 5 mg al menos 1 hora antes de comer.", None),
            ("If you miss a dose, do not take a double dose.", "Si olvida una dosis, no tome una dosis doble.", None)]),
    ("fr", [(TSP, "Prenez 1 cuillère à café toutes les 4 heures. Vous pouvez doubler la dose.", "dose"),
            (MG, "Prenez 5 mg par kilo au moins 1 heure avant de manger.", "dose")]),
    ("pt", [(TSP, "Tome 1 colher de chá a cada 4 horas. Se necessário, tome outra dose logo em seguida.", "dose"),
            (TSP, "Tome 1 colher de chá a cada 4 horas, ou conforme necessário.", "dose")]),
    ("ru", [(TSP, "Принимайте по 1 чайной ложке каждые 4 часа. При необходимости дозу можно удвоить.", "dose"),
            (MG, "Принимайте 5 mg на кг веса как минимум за 1 час до еды.", "dose")]),
    ("zh_Hans", [(TSP, "每4小时服用1茶匙。如有需要，可加倍服用。", "dose"),
                 (MG, "在进食前至少1小时按每公斤体重服用5 mg。", "dose")]),
    ("ar", [(TSP, "تناول 1 ملعقة صغيرة كل 4 ساعات. يمكنك مضاعفة الجرعة عند الحاجة.", "dose")]),
    ("vi", [(TSP, "Uống 1 muỗng cà phê mỗi 4 giờ. Có thể uống gấp đôi nếu cần.", "dose")]),
    ("ht", [(TSP, "Pran 1 ti kiyè chak 4 èdtan. Ou ka double dòz la si sa nesesè.", "dose")]),
    ("ko", [(TSP, "4시간마다 1티스푼씩 복용하십시오. 필요하면 두 배로 복용해도 됩니다.", "dose"),
            (TSP, "4시간마다 1티스푼씩 복용하십시오.", None)]),
    ("pl", [(TSP, "Przyjmuj 1 łyżeczkę co 4 godziny. W razie potrzeby możesz podwoić dawkę.", "dose")]),
    ("tl", [(TSP, "Uminom ng 1 kutsarita kada 4 na oras. Maaari mong doblehin ang dosis kung kailangan.", "dose")]),
])
def test_an_added_dose_instruction_is_an_error(tmp_path, capsys, language, cases):
    """"double the dose", "repeat the dose", "as needed", "heaping" or a dose
    per kilogram that the source does not say change what the patient takes."""
    _meaning_findings(tmp_path, capsys, language, cases)


@pytest.mark.parametrize("language, cases", [
    ("es", [(PM, "Tome su medicamento a las 8.", "time-of-day"),
            (PM, "Tome su medicamento a las 8 horas.", "time-of-day"),
            (PM, "Tome su medicamento a las 8 de la noche.", None),
            (PM, "Tome su medicamento a las 20 horas.", None),
            (HOURS, "Llámenos de lunes a viernes, de 9 a 5.", "time-of-day"),
            (HOURS, "Llámenos de lunes a viernes, de 9 a 17 h.", None),
            (HOURS, "Llámenos de lunes a viernes, de 9 a. m. a 5 p. m.", None),
            (BED, "Tome 1 cucharada del líquido al despertar.", "time-of-day"),
            (BED, "Tome 1 cucharada del líquido por la noche.", None)]),
    ("fr", [(PM, "Prenez votre médicament à 8 heures.", "time-of-day"),
            (PM, "Prenez votre médicament à 20 heures.", None)]),
    ("pt", [(PM, "Tome o seu medicamento às 8h.", "time-of-day"),
            (PM, "Tome o seu medicamento às 20h.", None)]),
    ("ru", [(HOURS, "Звоните нам с понедельника по пятницу с 9 до 5.", "time-of-day"),
            (HOURS, "Звоните нам с понедельника по пятницу с 9 утра до 5 вечера.", None),
            (BED, "Принимайте 1 столовую ложку жидкости утром.", "time-of-day")]),
    ("zh_Hans", [(PM, "请在8点服药。", "time-of-day"),
                 (PM, "请在晚上8点服药。", None),
                 (HOURS, "请在周一至周五9点至5点致电我们。", "time-of-day"),
                 (HOURS, "请在周一至周五9:00至17:00致电我们。", None)]),
    ("ht", [(PM, "Pran medikaman ou a 8 è.", "time-of-day")]),
    ("vi", [(PM, "Uống thuốc lúc 8 giờ.", "time-of-day"),
            (PM, "Uống thuốc lúc 8 giờ tối.", None)]),
    ("ko", [(PM, "8시에 약을 복용하십시오.", "time-of-day"),
            (PM, "오후 8시에 약을 복용하십시오.", None)]),
    ("ja", [(PM, "8時に薬を服用してください。", "time-of-day"),
            (PM, "午後8時に薬を服用してください。", None),
            (BED, "朝、大さじ1杯の液体を服用してください。", "time-of-day")]),
])
def test_a_pm_time_says_its_half_of_the_day(tmp_path, capsys, language, cases):
    """A p.m. time written as a bare hour reads as the morning ("a las 8
    horas" is 08:00); "at bedtime" is not "on waking"."""
    _meaning_findings(tmp_path, capsys, language, cases)


@pytest.mark.parametrize("language, cases", [
    ("hi", [(MG, "भोजन से कम से कम 1 घंटा पहले 5 mg लें।", None),
            (MG, "भोजन से अधिक से अधिक 1 घंटा पहले 5 mg लें।", "comparative")]),
    ("es", [(BED, "Tome 1 cucharada del líquido antes de acostarse.", None),
            (FEVER, "Si tiene fiebre a partir de 100.4 °F (38 °C), vaya a la sala de emergencias.", None),
            (FEVER, "Si tiene fiebre de 100.4 grados Fahrenheit (38 grados centígrados) o más, vaya a la sala de "
                    "emergencias.", None),
            (FEVER, "Si tiene fiebre de 100.4 grados centígrados (38 grados Fahrenheit) o más, vaya a la sala de "
                    "emergencias.", "measure"),
            (MG, "Tome ５ ｍｇ al menos 1 hora antes de comer.", None),
            (MG, "Tome 5 ㎎ al menos 1 hora antes de comer.", None),
            (MG, "Tome 5 ㎍ al menos 1 hora antes de comer.", "measure"),
            (NOW, "Llame al 9-1-1 de inmediato si tiene dificultad para respirar.", None),
            (NOW, "Llame al 911 de inmediato, la semana próxima, si tiene dificultad para respirar.", "urgency")]),
    ("ru", [(BED, "Принимайте 1 столовую ложку жидкости перед сном.", None),
            (MG, "Принимайте 5 mg не позднее чем за 1 час до еды.", None),
            (MG, "Принимайте 5 мг как минимум за 1 час до еды.", None),
            (MG, "Принимайте 5 мкг как минимум за 1 час до еды.", "measure"),
            (NOW, "Немедленно позвоните по номеру 911 через пару дней, если вам трудно дышать.", "urgency"),
            ("If you have a life-threatening emergency, always call 911 or go to the nearest emergency room.",
             "Если ваша жизнь в опасности, всегда звоните по номеру 911 или поезжайте в ближайший травмпункт.",
             "urgency")]),
    ("pl", [(BED, "Przyjmij 1 łyżkę płynu przed snem.", None)]),
    ("vi", [(BED, "Uống 1 muỗng canh thuốc nước trước khi đi ngủ.", None)]),
    ("zh_Hans", [(BED, "睡前服用1汤匙液体。", None),
                 (MG, "在进食前至少1小时服用5毫克。", None),
                 (MG, "在进食前至少１小时服用５ｍｇ。", None),
                 (FEVER, "如果您发烧100.4 ℉（38 ℃）或更高，请去急诊室。", None),
                 (NOW, "如果您呼吸困难，请尽快拨打911。", "urgency"),
                 (NOW, "如果您呼吸困难，请尽早拨打911。", "urgency"),
                 (NOW, "如果您呼吸困难，请立即拨打911。", None),
                 ("Call us as soon as possible.", "请尽快致电我们。", None)]),
    ("zh_Hant", [(BED, "睡前服用1湯匙液體。", None),
                 ("Children younger than 12 should not take this medicine.", "12歲以下的兒童不應服用此藥。", None),
                 (IN_24, "24小時內服用不要超過4劑。", None)]),
    ("tl", [(BED, "Uminom ng 1 kutsara ng likido bago matulog.", None),
            (IN_24, "Huwag uminom ng higit sa 4 na dosis sa loob ng 24 na oras.", None),
            (IN_24, "Uminom ng higit sa 4 na dosis sa loob ng 24 na oras.", "comparative")]),
    ("ko", [("Do not drive after you take this medicine.", "이 약을 복용한 후에는 운전하지 마십시오.", None),
            ("Do not take aspirin.", "아스피린을 복용하지 마십시오.", None),
            (MG, "식사하기 최소 1시간 전에 5밀리그램을 복용하십시오.", None),
            (IN_24, "24시간 동안 4회 넘게 복용하지 마십시오.", None),
            (IN_24, "24시간 동안 4회 넘게 복용하십시오.", "comparative")]),
    ("ja", [(TSP, "4時間ごとに小さじ1杯を服用してください。", None),
            (TSP, "4時間ごとに大さじ1杯を服用してください。", "unit"),
            (IN_24, "24時間以内に4回を超えて服用しないでください。", None),
            (MG, "食事の少なくとも１時間前に５ｍｇを服用してください。", None)]),
    ("fa", [(MG, "5 mg را دست\u200cکم 1 ساعت قبل از غذا خوردن مصرف کنید.", None),
            (MG, "5 میلی\u200cگرم را حداقل 1 ساعت قبل از غذا خوردن مصرف کنید.", None),
            (NOW, "اگر تنفس برایتان دشوار است، بی\u200cدرنگ با 911 تماس بگیرید.", None),
            (NOW, "اگر تنفس برایتان دشوار است، با 911 تماس بگیرید.", "urgency"),
            (IN_24, "بیش از 4 دوز در 24 ساعت مصرف نکنید.", None),
            (IN_24, "بیش از 4 دوز در 24 ساعت مصرف کنید.", "comparative")]),
    ("ar", [(MG, "تناول 5 ملغم قبل الأكل بساعة 1 على الأقل.", None),
            (FEVER, "إذا كانت لديك حمى ١٠٠٫٤ °F (38 °C) أو أعلى، فاذهب إلى غرفة الطوارئ.", None),
            (FEVER, "إذا كانت لديك حمى ١٠١٫٤ °F (38 °C) أو أعلى، فاذهب إلى غرفة الطوارئ.", "measure"),
            (FEVER, "إذا كانت لديك حمى 100.4 درجة فهرنهايت (38 درجة مئوية) أو أعلى، فاذهب إلى غرفة الطوارئ.", None)]),
    ("ht", [(FEVER, "Si ou gen lafyèv 100.4 °F (38 °C) oswa plis, ale nan ijans.", None),
            (MG, "Pran 5 mg pi plis 1 èdtan anvan ou manje.", "comparative")]),
])
def test_usual_renderings_pass_and_their_changes_do_not(tmp_path, capsys, language, cases):
    """Units in the language's own symbols or full-width forms, "before
    sleep" for "at bedtime", Persian words written with their ZWNJ, a
    verb-final "do not take more than", 9-1-1, Arabic ٫: no error; the
    same sentences with a changed meaning: an error."""
    _meaning_findings(tmp_path, capsys, language, cases)


def _errors(tmp_path, capsys, language, source, target):
    project = _project(tmp_path / language, language, [polib.POEntry(msgid=source, msgstr=target)])
    status, found = findings(project, capsys, language)
    return status, [(f["check"], f["message"]) for f in found if f["severity"] == "error"]


@pytest.mark.parametrize("source, target, check, words, alone", [
    (DAY, "Tome 2 tabletas dos veces a la semana durante 7 días.", "unit", ("semana", "day"), False),
    (PM, "Tome su medicamento a las 8 horas.", "time-of-day", ('"8 horas"',), True),
    (MG, "Tome 5 mg/kg al menos 1 hora antes de comer.", "dose",
     ('the translation says "/kg" (a dose per kilogram of weight), which the source does not say',), False),
])
def test_messages_name_the_change_in_words(tmp_path, capsys, source, target, check, words, alone):
    """The error of `check` names the words that changed (and, `alone`, is the only error)."""
    status, errors = _errors(tmp_path, capsys, "es", source, target)
    assert status == 1
    assert any(found == check and all(word in message for word in words) for found, message in errors), errors
    assert not alone or [found for found, _ in errors] == [check], errors


@pytest.mark.parametrize("target, expected", [
    ("Appelez le 212 639 20 00 si vous avez des questions.", []),
    ("Appelez le 212.639.20.00 si vous avez des questions.", []),
    ("Appelez le 212 639 20 01 si vous avez des questions.", ["phone-number"]),
    ("Appelez le 2126 392 000 si vous avez des questions.", ["number", "phone-number"]),
])
def test_a_us_number_may_be_grouped_in_pairs(tmp_path, capsys, target, expected):
    """French writes a number's last digits in pairs: "212 639 20 00" dials
    212-639-2000; any other regrouping ("2126 392 000") is refused."""
    status, errors = _errors(tmp_path, capsys, "fr", "Call 212-639-2000 if you have questions.", target)
    assert sorted({check for check, _ in errors}) == expected
    assert status == (1 if expected else 0)


def test_zwnj_is_read_in_words_but_not_beside_a_number(tmp_path, capsys):
    """A Persian ZWNJ inside a word is spelling; beside 911 it still hides
    a character from the number check and is an error."""
    status, errors = _errors(tmp_path, capsys, "fa", NOW, "اگر تنفس برایتان دشوار است، بی\u200cدرنگ با 911\u200c تماس بگیرید.")
    assert status == 1
    assert [check for check, _ in errors] == ["invisible-character"]


CALL = "Call your healthcare provider right away if you have any of the symptoms listed below."


@pytest.mark.parametrize("language, cases", [
    ("es", [(CALL, "Llame de inmediato a un familiar si tiene alguno de los síntomas que se enumeran a continuación.",
             "urgency"),
            (CALL, "Llame de inmediato a su proveedor de cuidados de la salud si tiene alguno de los síntomas que se "
                   "enumeran a continuación.", None),
            ("Call 911 right away or have a family member drive you to the emergency room.",
             "Llame al 911 de inmediato o pida a un familiar que lo lleve a la sala de emergencias.", None)]),
    ("ru", [(CALL, "Сразу позвоните родственнику, если у вас есть любой из перечисленных ниже симптомов.", "urgency")]),
    ("zh_Hans", [(CALL, "如果您有以下任何症状，请立即致电您的家人。", "urgency"),
                 (CALL, "如果您有以下任何症状，请立即致电您的医护人员。", None)]),
    ("ar", [(CALL, "اتصل بأحد أفراد أسرتك فورًا إذا كانت لديك أي من الأعراض المذكورة أدناه.", "urgency")]),
    ("ht", [(CALL, "Rele yon manm fanmi ou touswit si ou gen nenpòt nan sentòm ki nan lis anba a.", "urgency")]),
])
def test_whom_to_call_is_not_changed(tmp_path, capsys, language, cases):
    """Where the source is urgent and names the provider, 911 or the emergency
    room, a family member, friend or neighbour it does not name is an error."""
    _meaning_findings(tmp_path, capsys, language, cases)


NOTICE = "Preview: incomplete translation"


@pytest.mark.parametrize("language, cases", [
    ("es", [(NOTICE, "Traducción completa y revisada", "status"),
            (NOTICE, "Vista previa: traducción incompleta", None),
            ("Not yet reviewed:", "Aún no revisada:", None),
            ("Published", "Publicada", None)]),
    ("ru", [(NOTICE, "Полный проверенный перевод", "status"),
            (NOTICE, "Предварительная версия: перевод не завершён", None)]),
    ("zh_Hans", [(NOTICE, "完整的正式翻译", "status"),
                 (NOTICE, "预览：翻译不完整", None)]),
    ("ar", [(NOTICE, "معاينة: ترجمة غير مكتملة", None)]),
    ("ht", [(NOTICE, "Apèsi: tradiksyon an pa fini", None)]),
])
def test_a_notice_does_not_claim_a_complete_translation(tmp_path, capsys, language, cases):
    """The notice of a preview or draft may not say the page is complete or
    reviewed when its source does not."""
    _meaning_findings(tmp_path, capsys, language, cases)


UCC = "The UCC is open 24 hours a day, 7 days a week."


@pytest.mark.parametrize("language, cases", [
    ("ru", [(UCC, "UCC работает круглосуточно, без выходных.", None),
            (UCC, "UCC работает 24 часа в сутки, 7 дней в неделю.", None),
            (UCC, "UCC работает 5 дней в неделю.", "number")]),
    ("zh_Hans", [(UCC, "UCC全年无休，24小时开放。", None),
                 (UCC, "UCC每周5天、每天24小时开放。", "number")]),
    ("es", [(UCC, "El UCC está abierto las 24 horas, todos los días.", None),
            (UCC, "El UCC está abierto las 12 horas, todos los días.", "number")]),
])
def test_around_the_clock_may_be_said_as_the_language_says_it(tmp_path, capsys, language, cases):
    """"24 hours a day, 7 days a week" as "круглосуточно, без выходных" or
    "全年无休" drops no number and adds no negation; other numbers are errors."""
    _meaning_findings(tmp_path, capsys, language, cases)


DRIVE = "Do not drive after you take this medicine."


@pytest.mark.parametrize("language, cases", [
    ("es", [(MG, "Coma al menos 1 hora antes de tomar 5 mg.", "comparative"),
            (MG, "Tome 5 mg al menos 1 hora antes de comer.", None),
            (DRIVE, "No tome este medicamento después de manejar.", "comparative"),
            (DRIVE, "No maneje después de tomar este medicamento.", None)]),
    ("fr", [(DRIVE, "Ne prenez pas ce médicament après avoir conduit.", "comparative"),
            (DRIVE, "Ne conduisez pas après avoir pris ce médicament.", None)]),
    ("zh_Hans", [(DRIVE, "开车后，请勿服用此药。", "comparative"),
                 (DRIVE, "服用此药后，请勿开车。", None),
                 ("Take this medicine 1 hour before meals.", "饭前1小时服用此药。", None)]),
    ("ru", [(DRIVE, "Не садитесь за руль после приёма этого лекарства.", None)]),
    ("ko", [(DRIVE, "이 약을 복용한 후에는 운전하지 마십시오.", None)]),
])
def test_taking_stays_on_its_side_of_before_and_after(tmp_path, capsys, language, cases):
    """"Take 5 mg before you eat" as "eat before you take 5 mg" keeps every
    word of direction but swaps the two events."""
    _meaning_findings(tmp_path, capsys, language, cases)


def test_chinese_and_japanese_numerals_are_one_number_by_value_where_the_positional_system_says_one():
    """十四 is 14 (not the 4 of its last character), 二十四 24, 一百零五 105;
    two digits in a row are a range ("两三天", two or three days), 万一 "in
    case", and 三百五 (350 said short) no number to read."""
    from pipeline.checks.lexicon import vocabulary
    numerals = vocabulary("zh_Hans", "unit").numerals
    read = {run: numerals.value(run) for run in ("十四", "二十四", "一百零五", "两百", "三千", "十", "八",
                                                  "三四", "万一", "十四五", "三百五", "百五")}
    assert read == {"十四": 14, "二十四": 24, "一百零五": 105, "两百": 200, "三千": 3000, "十": 10, "八": 8,
                    "三四": None, "万一": None, "十四五": None, "三百五": None, "百五": None}
    assert vocabulary("ja", "unit").numerals.value("二十四") == 24


def test_a_word_list_scan_keeps_its_word_boundaries_in_texts_with_combining_marks():
    """Texts without combining marks are scanned by patterns compiled
    without the mark tests (they cannot fail there); a text with one is
    scanned with them: the न of दिनों (days) is followed by a vowel sign, so
    it is no negation, though the lighter pattern alone would find it."""
    from dataclasses import replace

    from pipeline.checks.lexicon import normalise, vocabulary
    hindi = vocabulary("hi", "negation")
    days, do_not_take = normalise("दिनों"), normalise("एस्पिरिन न लें।")
    assert [hit.text for hit in replace(hindi, with_marks=None).scan(days)] == ["न"]
    assert hindi.scan(days) == []
    assert [hit.text for hit in hindi.scan(do_not_take)] == ["न"]
    assert [hit.text for hit in vocabulary("es", "negation").scan(normalise("No tome aspirina."))] == ["no"]


@pytest.mark.parametrize("language, section, text", [
    ("en", "time", "8pm, at 8 p.m.at 9 a.m.,before bedtime"),
    ("en", "time", "at noon"),
    ("es", "negation", "No tome aspirina.No,nunca.No"),
    ("fr", "time", "à 8 h.à 20 h,le matin"),
])
def test_a_scan_from_the_character_before_each_phrase_finds_what_finditer_finds(language, section, text):
    """A section whose phrases all begin after a character that is no letter
    is searched with a pattern that takes that character first; it finds the
    phrases finditer finds with the pattern without it: at the text's start,
    after a digit ("8pm"), and right where another phrase ends."""
    import re

    from pipeline.checks.lexicon import _NON_LETTER, normalise, vocabulary
    words = vocabulary(language, section)
    assert words.after_non_letter and words.pattern.pattern.startswith(f"{_NON_LETTER}(?:")
    alone = re.compile(words.pattern.pattern[len(_NON_LETTER) + 3:-1])
    text = normalise(text)
    found = [(hit.text, hit.start, hit.end, hit.tags) for hit in words.scan(text)]
    assert found and found == [(m.group(), m.start(), m.end(), words.tags[m.lastindex - 1])
                               for m in alone.finditer(text)]


def test_numbers_in_chinese_and_japanese_numerals_are_compared_by_value(tmp_path, capsys):
    _meaning_findings(tmp_path, capsys, "zh_Hans", [
        ("Do not take more than 4 tablets in 24 hours.", "二十四小时内服用不得超过四片。", None),
        ("Do not take more than 4 tablets in 24 hours.", "二十四小时内服用不得超过十四片。", "unit"),
        ("Take 1 tablet twice a day for 7 days.", "每次1片，每天2次，连服十七天。", "number"),
        ("Never give aspirin to children under 16.", "切勿给十六岁以下儿童服用阿司匹林。", None),
        ("Take your medicine at 8 p.m.", "请在晚上八点服药。", None),
        ("Take your medicine at 8 p.m.", "请在晚上十点服药。", "number"),
        ("Take 250 mg once a day.", "每日一次，每次二百五十毫克。", None),
        ("Do not lift more than 3 kg.", "请勿提超过三千克的重物。", None),
        ("Rest for 2 or 3 days.", "休息两三天。", None),
    ])
    _meaning_findings(tmp_path, capsys, "ja", [
        ("Do not take more than 4 tablets in 24 hours.", "24時間以内に十四錠を超えて服用しないでください。", "unit"),
        ("Do not take more than 4 tablets in 24 hours.", "24時間以内に四錠を超えて服用しないでください。", None),
    ])


def test_a_count_over_a_period_stays_over_the_period_and_a_frequency_keeps_its_period(tmp_path, capsys):
    """"4 tablets in 24 hours" is not 4 at a time; "twice a day" is not twice
    in all; and the same duration or frequency in other words is no error."""
    _meaning_findings(tmp_path, capsys, "es", [
        ("Do not take more than 4 tablets in 24 hours.", "No tome más de 4 tabletas por toma en 24 horas.", "dose"),
        ("Do not take more than 8 tablets a day.", "No tome más de 8 tabletas cada vez.", "dose"),
        ("Take 2 tablets 3 times a day.", "Tome 2 tabletas cada vez, 3 veces al día.", None),
        (DAY, "Tome 2 tabletas dos veces durante 7 días.", "unit"),
        (DAY, "Tome 2 tabletas cada 12 horas durante una semana.", None),
        (DAY, "Tome 2 tabletas cada 8 horas durante 7 días.", "unit"),
        (DAY, "Tome 2 tabletas por la mañana y 2 por la noche durante 7 días.", None),
        (DAY, "Tome 2 tabletas por la mañana durante 7 días.", "unit"),
        (DAY, "Tome 2 tabletas dos veces al día durante un mes.", "number"),
        (IN_24, "No tome más de 4 dosis al día.", None),
        (IN_24, "No tome más de 4 dosis en una hora.", "unit"),
        ("Take 1 tablet twice a day.", "Tome 1 tableta y media dos veces al día.", "unit"),
        ("Take 1½ tablets twice a day.", "Tome una tableta y media dos veces al día.", None),
    ])
