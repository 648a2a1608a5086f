"""Translations that narrow, soften or add a condition to an instruction while
every number and negation stays, through `locpipe check --json` on real
catalogs: a hedge, "if you can", "on your own", "alone", "much", "long"
(`added-instruction`), a part of the day the source does not name
(`time-of-day`), a condition's "or" said "and" (`either-or`); and the
professional wordings of the same sentences, which must pass."""

from __future__ import annotations

import pytest

from test_meaning import _checked

DRIVE = "Do not drive."
ASPIRIN = "Never give aspirin to children under 16."
CRUSH = "Do not crush or chew the tablets."
MEALS = "Take it 1 hour before meals."
FACE_OR_FEVER = "Call 911 right away if your face swells or you have a fever."
FACE = "Call 911 right away if your face swells."
TWICE = "Take 1 tablet twice a day for 7 days."
STOP = "Do not stop taking this medicine without talking to your doctor."

CASES = {
    "es": [
        (DRIVE, "Procure no manejar.", "added-instruction", "a hedge that softens the instruction"),
        (DRIVE, "Es mejor no manejar.", "added-instruction", '"es mejor"'),
        (DRIVE, "Evite manejar si puede.", "added-instruction", "if you can"),
        (DRIVE, "No maneje largas distancias.", "added-instruction", "long stretches"),
        (DRIVE, "No maneje de noche.", "time-of-day", "a part of the day the source does not name"),
        (ASPIRIN, "Nunca dé aspirina a niños menores de 16 años por su cuenta.", "added-instruction", "who decides"),
        (ASPIRIN, "Nunca dé mucha aspirina a niños menores de 16 años.", "added-instruction", "large amounts"),
        (CRUSH, "No triture ni mastique las tabletas; disuélvalas en agua.", "added-instruction", "dissolving"),
        (CRUSH, "No triture ni mastique las tabletas si puede tragarlas.", "added-instruction", "swallowing"),
        (MEALS, "Tómelo 1 hora antes de acostarse.", "time-of-day", '"antes de acostarse"'),
        (FACE_OR_FEVER, "Llame al 911 de inmediato si se le hincha la cara y tiene fiebre.", "either-or",
         'the source\'s condition says "or" (or: either one is enough) but the translation\'s says "y"'),
        (FACE, "Llame al 911 de inmediato si se le hincha la cara y tiene fiebre.", "either-or", '"fiebre" (fever)'),
        (TWICE, "Inserte 1 tableta dos veces al día durante 7 días.", "added-instruction", "inserting"),
        # the professional wording of the same sentences
        (FACE_OR_FEVER, "Llame al 911 de inmediato si se le hincha la cara o tiene fiebre.", None, ""),
        (CRUSH, "No triture ni mastique las tabletas.", None, ""),
        (TWICE, "Tome 1 tableta por la mañana y 1 por la noche durante 7 días.", None, ""),
        (STOP, "No deje de tomar este medicamento por su cuenta sin hablar con su médico.", None, ""),
        ("Try to take your medicine at the same time every day.",
         "Trate de tomar su medicamento a la misma hora todos los días.", None, ""),
        ("If you could be pregnant, tell your doctor.", "Si puede estar embarazada, dígaselo a su médico.", None, ""),
        ("Drink plenty of fluids.", "Beba mucho líquido.", None, ""),
        ("Take your evening dose at 8 p.m.", "Tome su dosis de la noche a las 8 de la noche.", None, ""),
        ("If you miss a dose, take it as soon as you remember and then go back to your usual schedule.",
         "Si olvida una dosis, tómela en cuanto se acuerde y luego vuelva a su horario habitual.", None, ""),
        ("Call your doctor if your temperature is 100.4 °F (38 °C) or higher.",
         "Llame a su médico si tiene una temperatura de 100.4 °F (38 °C) o más.", None, ""),
    ],
    "fr": [
        (DRIVE, "Mieux vaut ne pas conduire.", "added-instruction", '"mieux vaut"'),
        (DRIVE, "Évitez de conduire si possible.", "added-instruction", '"si possible"'),
        (DRIVE, "Ne conduisez pas la nuit.", "time-of-day", '"la nuit"'),
        (ASPIRIN, "Ne donnez jamais trop d'aspirine aux enfants de moins de 16 ans.", "added-instruction", '"trop"'),
        (FACE_OR_FEVER, "Appelez le 911 immédiatement si votre visage enfle et si vous avez de la fièvre.",
         "either-or", '"et"'),
        (FACE_OR_FEVER, "Appelez le 911 immédiatement si votre visage enfle ou si vous avez de la fièvre.", None, ""),
        (TWICE, "Prenez 1 comprimé matin et soir pendant 7 jours.", None, ""),
        ("Drink plenty of water.", "Buvez beaucoup d'eau.", None, ""),
    ],
    "pt_BR": [
        (DRIVE, "Não dirija sozinho.", "added-instruction", "alone"),
        (DRIVE, "Evite dirigir, se puder.", "added-instruction", '"se puder"'),
        (ASPIRIN, "Nunca dê aspirina a crianças menores de 16 anos sem receita.", "added-instruction",
         '"sem receita"'),
        ("Drink plenty of water.", "Beba muita água.", None, ""),
    ],
    "ru": [
        (DRIVE, "Лучше не садиться за руль.", "added-instruction", '"лучше"'),
        (DRIVE, "Не садитесь за руль в одиночку.", "added-instruction", '"в одиночку"'),
        (DRIVE, "Не садитесь за руль ночью.", "time-of-day", '"ночью"'),
        (FACE_OR_FEVER, "Если у вас отекло лицо и поднялась температура, немедленно позвоните 911.", "either-or",
         '"и"'),
        (TWICE, "Принимайте по 1 таблетке утром и вечером в течение 7 дней.", None, ""),
        ("Call us if your temperature is 100.4 °F (38 °C) or higher.",
         "Позвоните нам, если температура 100.4 °F (38 °C) и выше.", None, ""),
        ("Heart rate faster than usual", "Пульс чаще, чем обычно", None, ""),
    ],
    "zh_Hans": [
        (DRIVE, "尽量不要开车。", "added-instruction", '"尽量"'),
        (DRIVE, "夜间请勿驾驶。", "time-of-day", '"夜间"'),
        (DRIVE, "请勿独自驾驶。", "added-instruction", '"独自"'),
        (MEALS, "请在睡前1小时服用。", "time-of-day", '"睡前"'),
        (FACE_OR_FEVER, "如果面部肿胀并且发烧，请立即拨打911。", "either-or", '"并且"'),
        (TWICE, "早晚各服1片，连续服用7天。", None, ""),
        (STOP, "未经医生同意，请勿自行停药。", None, ""),
        (DRIVE, "服用本品后不宜驾驶。", None, ""),
    ],
    "ko": [
        (DRIVE, "가급적 운전하지 마십시오.", "added-instruction", '"가급적"'),
        (DRIVE, "밤에는 운전하지 마십시오.", "time-of-day", "a part of the day"),
        (STOP, "의사와 상의 없이 임의로 복용을 중단하지 마십시오.", None, ""),
    ],
    "vi": [
        (DRIVE, "Không lái xe ban đêm.", "time-of-day", '"ban đêm"'),
        (FACE_OR_FEVER, "Gọi 911 ngay nếu mặt bạn bị sưng và bị sốt.", "either-or", '"và"'),
        ("Do not use more than the recommended dose.", "Không dùng quá liều khuyến cáo.", None, ""),
    ],
    "ar": [
        (DRIVE, "لا تقد السيارة ليلاً.", "time-of-day", "a part of the day"),
        (ASPIRIN, "لا تعطِ الأسبرين أبدًا للأطفال دون سن 16 عامًا من تلقاء نفسك.", "added-instruction", "who decides"),
        ("You may be admitted to the hospital.", "قد يتم إدخالك إلى المستشفى.", None, ""),
    ],
}


@pytest.mark.parametrize("language", sorted(CASES))
def test_narrowed_softened_and_conditioned_instructions(tmp_path, capsys, language):
    _checked(tmp_path, capsys, language, CASES[language])
