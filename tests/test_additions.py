"""What a translation adds to its source, the course it sets and the order of
events, through `locpipe check --json` on real catalogs: escape clauses and
conditions (`added-instruction`), periods, day numbers and frequencies the
source does not name (`course`), what comes first (`event-order`); the hours
of a clock written as words; and the professional translations of the same
sentences, which must pass."""

from __future__ import annotations

import pytest

from test_meaning import _checked

TAKE_AT_9 = "Take 2 teaspoons at 9 p.m."
FOR_7_DAYS = "Take 1 tablet by mouth twice a day for 7 days."
LIMIT = "Do not take more than 3 tablets in 24 hours."
EMPTY = "Take it on an empty stomach."
RASH = "Stop taking it if you get a rash."
WAIT = "Wait at least 2 hours before you eat."
CHEST = "Go to the emergency room now if you have chest pain."
LIPS = "Call 911 right away if your lips turn blue."

CASES = {
    "es": [
        # escape clauses, conditions and an end the source does not set
        (LIMIT, "No tome más de 3 tabletas en 24 horas, a menos que el dolor sea fuerte.", "added-instruction",
         "a menos que"),
        (LIMIT,
         "No tome más de 3 tabletas en 24 horas, salvo que el dolor sea fuerte.",
         "added-instruction", "salvo que"),
        (LIMIT, "No tome más de 3 tabletas en 24 horas, a no ser que le duela mucho.", "added-instruction", "a no ser"),
        (EMPTY, "Tómelo en ayunas, excepto si prefiere tomarlo con comida.", "added-instruction", "excepto si"),
        (RASH, "Deje de tomarlo sólo si el sarpullido empeora mucho.", "added-instruction", "sólo si"),
        (RASH, "Deje de tomarlo únicamente cuando el sarpullido empeore.", "added-instruction", "únicamente cuando"),
        (FOR_7_DAYS, "Tome 1 tableta por vía oral dos veces al día durante 7 días, o hasta que se acabe el frasco.",
         "added-instruction", "hasta que"),
        (CHEST, "Vaya a la sala de emergencias ahora si tiene dolor en el pecho, salvo que sea de noche.",
         "added-instruction", "salvo que"),
        # "do not ... unless" may be "only if": one kind
        ("Do not take it unless your doctor tells you to.", "Tómelo solo si se lo indica su médico.", None, ""),
        ("Do not take it unless your doctor tells you to.",
         "No lo tome a menos que se lo indique su médico.",
         None, ""),
        ("Keep taking it until the bottle is finished.", "Siga tomándolo hasta que se acabe el frasco.", None, ""),
        # alcohol, crushing, a repeat, a part of an amount
        (TAKE_AT_9, "Tome 2 cucharaditas a las 9 p. m. mezcladas con alcohol.", "added-instruction", "alcohol"),
        ("You may take it with food.", "Puede tomarlo con alimentos y una cerveza.", "added-instruction", "cerveza"),
        ("You may take it with food.", "Puede tomarlo con alimentos o triturarlo.", "added-instruction", "triturarlo"),
        (WAIT, "Espere al menos 2 horas antes de comer otra vez.", "added-instruction", "otra vez"),
        (RASH,
         "Deje de tomarlo si le sale un sarpullido y reanúdelo al día siguiente.",
         "added-instruction", "reanúdelo"),
        (LIMIT, "No tome más de 3 tabletas en 24 horas; los niños, la mitad del frasco.", "added-instruction", "mitad"),
        ("Never drink alcohol while taking it.", "Nunca beba alcohol mientras lo toma.", None, ""),
        ("If the rash comes back, call us.", "Si el sarpullido aparece de nuevo, llámenos.", None, ""),
        ("Do not crush or chew the tablets.", "No triture ni mastique las tabletas.", None, ""),
        ("Take half a tablet.", "Tome la mitad de una tableta.", None, ""),
        # correct translations that name an end, a day, a repeat or an hour the source says its own way
        ("Do not eat for 2 hours after taking it.", "No coma hasta que pasen 2 horas después de tomarlo.", None, ""),
        ("Take it at bedtime.", "Tómelo a la hora de acostarse.", None, ""),
        ("You will get the medicine on days 1 and 8.", "Recibirá el medicamento el día 1 y el día 8.", None, ""),
        ("If you forget a dose, take it as soon as you remember.", "Si olvida una dosis, tómela en cuanto se acuerde.",
         None, ""),
        ("Do not drive until you know how the medicine affects you.",
         "No maneje hasta que sepa cómo le afecta el medicamento.", None, ""),
        ("Take your medicine every day at the same time.", "Tome su medicamento todos los días a la misma hora.", None,
         ""),
        # extra doses (`dose` change lists)
        (LIMIT, "No tome más de 3 tabletas en 24 horas; si sigue el dolor, tome otra.", "dose", "tome otra"),
        (LIMIT, "No tome más de 3 tabletas en 24 horas, pero puede masticar las que quiera.", "dose", "las que quiera"),
        (TAKE_AT_9, "Tome 2 cucharaditas a las 9 p. m. y otras tantas por la mañana.", "dose", "otras tantas"),
        # periods, day numbers and frequencies the source does not name
        (TAKE_AT_9, "Tome 2 cucharaditas a las 9 p. m. cada hora.", "course", "cada hora"),
        (FOR_7_DAYS, "Tome 1 tableta por vía oral dos veces al día durante 7 días seguidos cada mes.", "course", "mes"),
        (FOR_7_DAYS, "Tome 1 tableta por vía oral dos veces al día, 7 días a la semana.", "course", "semana"),
        (FOR_7_DAYS, "Tome 1 tableta por vía oral dos veces al día durante 7 días por semana.", "course", "semana"),
        (FOR_7_DAYS, "Tome 1 tableta por vía oral dos veces al día el día 7.", "course", "el día 7"),
        (FOR_7_DAYS, "Tome 1 tableta por vía oral dos veces al día durante 7 días, dos veces.", "course", "dos veces"),
        (LIMIT, "No tome más de 3 tabletas por toma, 24 horas al día.", "course", "al día"),
        (CHEST, "Vaya a la sala de emergencias ahora si tiene dolor en el pecho que dura varios días.", "course",
         "días"),
        (FOR_7_DAYS, "Tome 1 tableta por vía oral dos veces al día durante 7 días.", None, ""),
        # a week is 7 days; two weeks are not
        (FOR_7_DAYS, "Tome 1 comprimido por boca 2 veces por día durante una semana.", None, ""),
        (FOR_7_DAYS, "Tome 1 comprimido por boca 2 veces por día durante dos semanas.", "number", ""),
        ("Take it every day.", "Tómelo todos los días.", None, ""),
        ("Take it once a week.", "Tómelo una vez a la semana.", None, ""),
        ("Do not go to sleep at the same time every night.",
         "No ir a dormir a la misma hora todas las noches.",
         None, ""),
        # urgency undermined while its word stays
        (LIPS, "Llame al 911 de inmediato si sus labios se ponen azules, o espere a ver si se le pasa.", "urgency",
         "espere a ver"),
        (CHEST, "Si le duele el pecho, vaya ya a urgencias.", None, ""),
        # what comes first
        (WAIT, "Coma al menos 2 horas antes.", "event-order", "antes"),
        (WAIT, "Espere al menos 2 horas antes de tomarlo.", "event-order", "taking"),
        (WAIT, "Espere al menos 2 horas antes de comer.", None, ""),
        (WAIT, "Espere por lo menos 2 horas antes de ingerir alimentos.", None, ""),
        # hours in words
        (TAKE_AT_9, "Tome dos cucharaditas a las nueve de la noche.", None, ""),
        (TAKE_AT_9, "Tome dos cucharaditas a las nueve de la mañana.", "time-of-day", "09:00"),
        (TAKE_AT_9, "Tome dos cucharaditas a las diez de la noche.", "number", "time 9"),
    ],
    "fr": [
        (LIMIT, "Ne prenez pas plus de 3 comprimés en 24 heures, sauf si la douleur persiste.", "added-instruction",
         "sauf si"),
        (LIMIT, "Ne prenez pas plus de 3 comprimés en 24 heures, à moins que la douleur persiste.",
         "added-instruction", "à moins que"),
        ("Do not take it unless your doctor tells you to.", "Ne le prenez que si votre médecin vous le dit.", None, ""),
        (WAIT, "Mangez au moins 2 heures avant de le prendre.", "event-order", "taking"),
        (WAIT, "Attendez au moins 2 heures avant de manger.", None, ""),
        (WAIT, "Attendez au moins 2 heures avant de prendre un repas.", None, ""),
        (FOR_7_DAYS, "Prenez 1 comprimé par voie orale deux fois par jour à partir du 7e jour.", "course", "7e jour"),
        (FOR_7_DAYS, "Prenez 1 comprimé par voie orale deux fois par jour pendant 7 jours.", None, ""),
        ("Take this medicine at 8 p.m.", "Prenez ce médicament à 20 h.", None, ""),
        ("Take it every day at the same time.", "Prenez-le tous les jours à la même heure.", None, ""),
        ("Take this medicine at 8 p.m.", "Prenez ce médicament à huit heures du soir.", None, ""),
    ],
    "zh_Hans": [
        (LIMIT, "24小时内服用不要超过3片，疼痛时可加量。", "dose", "加量"),
        (LIMIT, "24小时内服用不要超过3片，除非疼痛严重。", "added-instruction", "除非"),
        (LIPS, "如果嘴唇发紫，请立即拨打911，或先观察一下再说。", "urgency", "先观察"),
        (LIPS, "如果嘴唇发紫，请立即拨打911。", None, ""),
        (WAIT, "至少等2小时后再进食。", None, ""),
        ("Take it until you finish the bottle.", "一直服用到用完为止。", None, ""),
        (WAIT, "进食前至少等待2小时。", None, ""),
        (FOR_7_DAYS, "口服，每次1片，每天2次，连续服用7天。", None, ""),
        (FOR_7_DAYS, "口服，每次1片，每天2次，从第7天开始。", "course", "第7天"),
        (FOR_7_DAYS, "口服，每次1片，每天2次，连续7天，每月一次。", "course", "每月"),
        ("We answer Monday through Friday from 9 a.m. to 5 p.m.", "周一至周五上午9点至下午5点，我们会接听电话。", None, ""),
    ],
    "ru": [
        (WAIT, "Поешьте не раньше чем через 2 часа.", None, ""),
        (WAIT, "Подождите не менее 2 часов, прежде чем есть.", None, ""),
        (LIMIT, "Не принимайте более 3 таблеток за 24 часа, если только боль не станет сильной.", "added-instruction",
         "если только"),
        (FOR_7_DAYS, "Принимайте по 1 таблетке внутрь 2 раза в день в течение 7 дней, а затем повторно.",
         "added-instruction", "повторно"),
    ],
    "ar": [
        ("Take 2 teaspoons at 8 p.m.", "تناول ملعقتين صغيرتين في الساعة الثامنة مساءً.", None, ""),
        ("Take 2 teaspoons at 8 p.m.", "تناول ملعقتين صغيرتين في الساعة الثامنة صباحًا.", "time-of-day", "08:00"),
        ("Take 2 teaspoons at 8 p.m.", "تناول ملعقتين صغيرتين في الساعة التاسعة مساءً.", "number", "time 8"),
        ("Take 2 teaspoons at 11 p.m.", "تناول ملعقتين صغيرتين في الساعة الحادية عشرة ليلًا.", None, ""),
        (LIMIT, "لا تتناول أكثر من 3 أقراص خلال 24 ساعة إلا إذا كان الألم شديدًا.", "added-instruction", "الا اذا"),
        ("The cells release large amounts of cytokines.", "تطلق الخلايا كميات كبيرة من السيتوكينات.", None, ""),
    ],
    "pt": [
        (LIMIT, "Não tome mais de 3 comprimidos em 24 horas, a menos que a dor seja forte.", "added-instruction",
         "a menos que"),
        ("Take this medicine at 8 p.m.", "Tome o seu medicamento às oito da noite.", None, ""),
        ("Take this medicine at 8 p.m.", "Tome o seu medicamento às oito da manhã.", "time-of-day", "08:00"),
    ],
}


@pytest.mark.parametrize("language", sorted(CASES))
def test_additions_course_and_order(tmp_path, capsys, language):
    _checked(tmp_path, capsys, language, CASES[language])




MES = "MES is a group of symptoms that can happen after treatment."
KEPT = "MES,MES,abbreviation kept\nPM,PM,\nNO,NO,\nPA,PA,physician assistant\nDOS,DOS,\n"


@pytest.mark.parametrize("language, cases", [
    ("es", [
        # an acronym kept as it is that spells a word of the language is read as the word, glossary or not: a
        # name cannot be told from the word it spells ("Pacientes: tome 2 tabletas al MES" drops the name and
        # says a month), so the translation translates the acronym or spells it otherwise
        (MES, "El MES es un grupo de síntomas que pueden ocurrir después del tratamiento.", "course", "mes"),
        (MES, "El SEM es un grupo de síntomas que pueden ocurrir después del tratamiento.", None, ""),
        ("MES patients: take 2 tablets a day.", "Pacientes con MES: tome 2 tabletas al MES.", "unit", ""),
        ("People with MES: take 2 tablets a day.", "Personas: tome 2 tabletas al MES.", "unit", ""),
        ("Take 2 tablets a day. See [the page](https://example.org/MES).",
         "Tome 2 tabletas al MES. Vea [la página](https://example.org/MES).", "unit", ""),
        ("Take 1 tablet a day. Ask about DOS.", "Pregunte por la enfermedad. Tome 1 tableta DOS veces al día.",
         "unit", ""),
        # an acronym that spells no word of the language is a name kept ("CRS"), and "NO" is a negation in both
        ("Call the CRS team if you have a fever.", "Llame al equipo CRS si tiene fiebre.", None, ""),
        ("Say NO to alcohol while you take it.", "Diga NO al alcohol mientras lo toma.", None, ""),
        ("You may take Tylenol PM at bedtime.", "Puede tomar Tylenol PM a la hora de acostarse.", None, ""),
    ]),
    ("ht", [
        # "PA" (physician assistant) kept, or the Haitian "pa" (do not) in its letters: the negation is read
        ("Take 2 tablets a day, as your PA says.", "PA pran 2 grenn chak jou.", "negation", ""),
        ("Take 2 tablets in the morning. Your PA may add 1 tablet at night.",
         "Ou ka pran 1 grenn anplis nan aswè. PA pran 2 grenn nan maten.", "negation", ""),
    ]),
])
def test_an_acronym_that_spells_a_word_is_read_as_the_word(tmp_path, capsys, language, cases):
    _checked(tmp_path, capsys, language, cases, KEPT)
