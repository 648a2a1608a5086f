"""Instruction checks: a translation that keeps every number and negation but
changes how the medicine is taken (by mouth → in the eye, tablets →
capsules), its food condition (empty stomach → with food, with food → with
alcohol), whether it is allowed or required (may → must), an instruction to
stop (stop → keep taking, increase the dose, stop scratching) or a key term
of a warning (chest pain → headache, blue lips → pink, children → adults,
Monday through Friday → through Sunday) is an error; the phrasings of
professional translators are not. Each case goes through `locpipe check
--json` on a real catalog."""

from __future__ import annotations

import json

import polib
import pytest

from conftest import catalog_project, run

TABLET = "Take 1 tablet by mouth twice a day for 7 days."
SPOONS = "Take 2 teaspoons at 9 p.m."
EMPTY = "Take it on an empty stomach."
WITH_FOOD = "You may take it with food."
MUST = "You must take it with food."
STOP = "Stop taking it if you get a rash."
NEVER = "Never give aspirin to children under 16."
LIMIT = "Do not take more than 3 tablets in 24 hours."
CHEST = "Go to the emergency room now if you have chest pain."
LIPS = "Call 911 right away if your lips turn blue."
HOURS = "A member of your care team will answer Monday through Friday."

# (language, source, translation, the check that must report an error or None)
CASES = [
    # route of administration and dose form
    ("es", TABLET, "Tome 1 tableta por vía oral dos veces al día durante 7 días.", None),
    ("es", TABLET, "Tome 1 tableta por la boca dos veces al día durante 7 días.", None),
    ("es", TABLET, "Trague 1 tableta dos veces al día durante 7 días.", None),
    ("es", TABLET, "Tome 1 tableta en el ojo dos veces al día durante 7 días.", "route"),
    ("es", TABLET, "Tome 1 tableta en los ojos dos veces al día durante 7 días.", "route"),
    ("es", TABLET, "Tome 1 tableta en el o\u00adjo dos veces al día durante 7 días.", "route"),
    ("es", TABLET, "Aplíquese 1 tableta por vía rectal dos veces al día durante 7 días.", "route"),
    ("es", TABLET, "Inyéctese 1 tableta dos veces al día durante 7 días.", "route"),
    ("es", TABLET, "Mastique 1 tableta dos veces al día durante 7 días.", "route"),
    ("es", "Swallow the tablet whole. Do not chew it.", "Trague la tableta entera. No la mastique.", None),
    ("es", SPOONS, "Tome 2 cucharaditas a las 9 p. m. por vía oral.", None),
    ("es", SPOONS, "Tome 2 cucharaditas a las 9 p. m. en el oído.", "route"),
    ("es", "Your rash on your skin may itch.", "El sarpullido en la piel le puede picar.", None),
    ("fr", TABLET, "Prenez 1 comprimé par voie orale deux fois par jour pendant 7 jours.", None),
    ("fr", TABLET, "Prenez 1 comprimé par voie vaginale deux fois par jour pendant 7 jours.", "route"),
    ("ru", TABLET, "Принимайте по 1 таблетке внутрь два раза в день в течение 7 дней.", None),
    ("ru", TABLET, "Вводите по 1 таблетке в нос два раза в день в течение 7 дней.", "route"),
    ("vi", TABLET, "Uống 1 viên hai lần mỗi ngày trong 7 ngày.", None),
    ("vi", TABLET, "Nhỏ 1 viên vào tai hai lần mỗi ngày trong 7 ngày.", "route"),
    ("zh_Hans", TABLET, "每次1片口服，每天2次，连续服用7天。", None),
    ("zh_Hans", TABLET, "每次1片舌下含服，每天2次，连续7天。", "route"),
    ("zh_Hans", LIMIT, "24小时内服用不要超过3片。", None),
    ("zh_Hans", LIMIT, "24小时内服用不要超过3粒胶囊。", "route"),
    ("pt", LIMIT, "Não tome mais de 3 comprimidos em 24 horas.", None),
    # food conditions
    ("es", EMPTY, "Tómelo con el estómago vacío.", None),
    ("es", EMPTY, "Tómelo en ayunas.", None),
    ("es", EMPTY, "Tómelo con alimentos.", "food"),
    ("es", EMPTY, "Tómelo con el estó\u200bmago lleno.", "food"),
    ("es", EMPTY, "Tómelo en ayunas o con una comida, como prefiera.", "food"),
    ("es", EMPTY, "Tómelo.", "food"),
    ("es", "Do not take it with food.", "No lo tome con alimentos.", None),
    ("es", WITH_FOOD, "Puede tomarlo con alimentos.", None),
    ("es", WITH_FOOD, "Puede tomarlo con alcohol.", "food"),
    ("es", WITH_FOOD, "Puede tomarlo con vino.", "food"),
    ("es", "Do not drink alcohol while taking it.", "Evite el alcohol mientras lo toma.", None),
    ("es", "Take it 1 hour before meals.", "Tómelo 1 hora antes de las comidas.", None),
    ("fr", EMPTY, "Prenez-le à jeun.", None),
    ("fr", EMPTY, "Prenez-le au cours d'un repas.", "food"),
    ("ko", EMPTY, "공복에 복용하십시오.", None),
    ("ko", EMPTY, "식후에 복용하십시오.", "food"),
    ("ru", EMPTY, "Принимайте натощак.", None),
    ("ru", EMPTY, "Принимайте во время еды.", "food"),
    ("ar", EMPTY, "تناوله على معدة فارغة.", None),
    ("ar", EMPTY, "تناوله مع الطعام.", "food"),
    ("zh_Hans", EMPTY, "请空腹服用。", None),
    ("zh_Hans", EMPTY, "请随餐服用。", "food"),
    ("tl", EMPTY, "Inumin ito nang walang laman ang tiyan.", None),
    ("ht", EMPTY, "Pran l lè vant ou vid.", None),
    ("ht", EMPTY, "Pran l ak manje.", "food"),
    # may and must
    ("es", WITH_FOOD, "Debe tomarlo con alimentos.", "modal"),
    ("es", WITH_FOOD, "Tiene que tomarlo con alimentos.", "modal"),
    ("es", MUST, "Debe tomarlo con alimentos.", None),
    ("es", MUST, "Tómelo con alimentos.", None),
    ("es", MUST, "Puede tomarlo con alimentos.", "modal"),
    ("es", "You may need to rest more.", "Es posible que necesite descansar más.", None),
    ("es", "Symptoms can take a few weeks to go away.", "Los síntomas pueden tardar unas semanas en desaparecer.",
     None),
    ("fr", WITH_FOOD, "Vous pouvez le prendre pendant un repas.", None),
    ("fr", WITH_FOOD, "Vous devez le prendre pendant un repas.", "modal"),
    ("vi", WITH_FOOD, "Quý vị có thể uống thuốc cùng với thức ăn.", None),
    ("vi", WITH_FOOD, "Quý vị phải uống thuốc cùng với thức ăn.", "modal"),
    ("zh_Hans", WITH_FOOD, "可以随餐服用。", None),
    ("zh_Hans", WITH_FOOD, "必须随餐服用。", "modal"),
    # stop taking it
    ("es", STOP, "Deje de tomarlo si le sale un sarpullido.", None),
    ("es", STOP, "Suspenda el medicamento si le sale un sarpullido.", None),
    ("es", STOP, "Si le sale un sarpullido, no lo tome más.", None),
    ("es", STOP, "Siga tomándolo si le sale un sarpullido.", "stop"),
    ("es", STOP, "Si le sale un sarpullido, aumente la dosis.", "stop"),
    ("es", STOP, "Deje de rascarse si le sale un sarpullido.", "stop"),
    ("es", "Your fatigue may go away after treatment stops.", "La fatiga puede desaparecer después de que termine el tratamiento.",
     None),
    ("ru", STOP, "Прекратите прием, если у вас появится сыпь.", None),
    ("ru", STOP, "Не бросайте прием, если у вас появится сыпь.", "stop"),
    ("vi", STOP, "Ngừng dùng thuốc nếu quý vị bị phát ban.", None),
    ("vi", STOP, "Cứ tiếp tục uống thuốc nếu quý vị bị phát ban.", "stop"),
    ("ko", STOP, "발진이 생기면 복용을 중단하십시오.", None),
    ("ko", STOP, "발진이 생겨도 계속 복용하십시오.", "stop"),
    ("tl", STOP, "Itigil ang pag-inom nito kung magkaroon ka ng pantal.", None),
    ("tl", STOP, "Ipagpatuloy ang pag-inom nito kung magkaroon ka ng pantal.", "stop"),
    # double negatives that turn a prohibition round
    ("es", NEVER, "Nunca dé aspirina a niños menores de 16 años.", None),
    ("es", NEVER, "Nunca les niegue la aspirina a niños menores de 16 años.", "negation"),
    ("es", NEVER, "Ni se le ocurra negarles aspirina a niños menores de 16 años.", "negation"),
    ("es", NEVER, "Nunca prive a los niños menores de 16 años de la aspirina.", "negation"),
    ("es", NEVER, "No es raro dar aspirina a niños menores de 16 años.", "negation"),
    ("es", NEVER, "A los niños menores de 16 años, la aspirina nunca les hace daño.", "negation"),
    ("es", LIMIT, "No necesita tomar más de 3 tabletas en 24 horas.", "negation"),
    ("es", LIMIT, "No tome más de 3 tabletas en 24 horas.", None),
    ("fr", NEVER, "Ne refusez jamais d'aspirine aux enfants de moins de 16 ans.", "negation"),
    ("pt", NEVER, "Nunca negue aspirina a crianças menores de 16 anos.", "negation"),
    ("ru", NEVER, "Никогда не отказывайте в аспирине детям младше 16 лет.", "negation"),
    ("zh_Hans", NEVER, "切勿给16岁以下的儿童服用阿司匹林。", None),
    ("zh_Hans", NEVER, "不妨给16岁以下的儿童服用阿司匹林。", "negation"),
    ("zh_Hans", NEVER, "切勿拒绝给16岁以下的儿童服用阿司匹林。", "negation"),
    ("ko", NEVER, "16세 미만의 어린이에게 절대로 아스피린을 거부하지 마십시오.", "negation"),
    ("ar", NEVER, "لا ترفض أبدًا إعطاء الأسبرين للأطفال دون سن 16 عامًا.", "negation"),
    # key terms of a warning
    ("es", CHEST, "Vaya a la sala de emergencias ahora si tiene dolor en el pecho.", None),
    ("es", CHEST, "Vaya a la sala de emergencias ahora si le duele el pecho.", None),
    ("es", CHEST, "Vaya a la sala de emergencias ahora si tiene dolor de cabeza.", "key-term"),
    ("es", LIPS, "Llame al 911 de inmediato si sus labios se ponen azules.", None),
    ("es", LIPS, "Llame al 911 de inmediato si sus labios se ponen morados.", None),
    ("es", LIPS, "Llame al 911 de inmediato si sus labios se ponen rosados.", "key-term"),
    ("es", NEVER, "Nunca les dé aspirina a adultos menores de 16 años.", "key-term"),
    ("es", HOURS, "Un miembro de su equipo de atención le responderá de lunes a viernes.", None),
    ("es", HOURS, "Un miembro de su equipo de atención le responderá de lunes a domingo.", "key-term"),
    ("fr", LIPS, "Appelez le 911 immédiatement si vos lèvres deviennent roses.", "key-term"),
    ("ru", CHEST, "Немедленно обратитесь в отделение неотложной помощи, если у вас головная боль.", "key-term"),
    ("zh_Hans", HOURS, "您的医疗团队成员将在周一至周五答复。", None),
    ("zh_Hans", HOURS, "您的医疗团队成员将在周一至周日答复。", "key-term"),
]


@pytest.mark.parametrize("language", sorted({case[0] for case in CASES}))
def test_changed_instructions_are_errors_and_professional_ones_pass(tmp_path, capsys, language):
    """Every case of a language in one catalog: a case with a check is an
    error of that check, a case without one has no error at all."""
    cases = [case for case in CASES if case[0] == language]
    root = catalog_project(tmp_path, language, [(source, target) for _, source, target, _ in cases])
    capsys.readouterr()
    status = run(root, "check", "--json")
    found = json.loads(capsys.readouterr().out)
    po = polib.pofile(str(root / "locale" / language / "LC_MESSAGES" / "doc.po"))
    for entry, (_, _, target, check) in zip(po, cases):
        errors = [(f["check"], f["message"]) for f in found if f["line"] == entry.linenum and f["severity"] == "error"]
        if check:
            assert check in {c for c, _ in errors}, (target, errors)
        else:
            assert errors == [], (target, errors)
    assert status == (1 if any(case[3] for case in cases) else 0)


def test_messages_name_what_changed(tmp_path, capsys):
    """The error names the source's words and the translation's, with their meaning."""
    cases = [(TABLET, "Tome 1 tableta en el ojo dos veces al día durante 7 días.",
              'the source says "by mouth" (by mouth) but the translation says "en el ojo" (in the eye)'),
             (EMPTY, "Tómelo con alimentos.",
              'the source says "on an empty stomach" (on an empty stomach) but the translation says "con alimentos" '
              '(with food)'),
             (WITH_FOOD, "Debe tomarlo con alimentos.",
              'the source says "you may" (may, is allowed to) but the translation says "debe" (must, has to)'),
             (STOP, "Siga tomándolo si le sale un sarpullido.", 'the source says "stop" but the translation says "siga"'),
             (LIPS, "Llame al 911 de inmediato si sus labios se ponen rosados.",
              'the source says "blue" (blue) but the translation says "rosados" (pink)')]
    root = catalog_project(tmp_path, "es", [(source, target) for source, target, _ in cases])
    capsys.readouterr()
    assert run(root, "check", "--json") == 1
    found = json.loads(capsys.readouterr().out)
    po = polib.pofile(str(root / "locale" / "es" / "LC_MESSAGES" / "doc.po"))
    for entry, (_, target, words) in zip(po, cases):
        messages = [f["message"] for f in found if f["line"] == entry.linenum and f["severity"] == "error"]
        assert any(words in message for message in messages), (target, messages)


def test_build_refuses_a_catalog_with_a_changed_route(tmp_path, capsys):
    """An instruction error blocks publication like any other error."""
    root = catalog_project(tmp_path, "es", [(TABLET, "Tome 1 tableta en el ojo dos veces al día durante 7 días.")])
    (root / "source" / "doc.md").write_text(f"# Doc\n\n{TABLET}\n", encoding="utf-8")
    capsys.readouterr()
    assert run(root, "build") != 0
    refused = capsys.readouterr().err
    assert "refused es/doc" in refused and "route ×1" in refused
    assert not (root / "output" / "es").exists()
