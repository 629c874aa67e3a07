"""Agent status of harmful and coercive actions (own sentences in three languages)."""

import pytest

from compare.extract.agency import agent_status, extract_agency


def rows(text, lang):
    return [(m.action, m.trigger, m.agent_status, m.voice) for m in extract_agency(text, lang)]


def one(text, lang, action):
    found = [m for m in extract_agency(text, lang) if m.action == action]
    assert found, f"no {action} in {text!r}: {rows(text, lang)}"
    return found[0]


def test_english_passive_with_and_without_agent():
    m = one("Two men were killed by police officers during the operation.", "en", "kill")
    assert (m.agent_status, m.voice, m.agent_text, m.patient_text) == ("generic", "passive", "police officers", "Two men")
    m = one("Two men were detained by the FSB.", "en", "detain")
    assert m.agent_status == "named"
    m = one("Nine people were detained on Wednesday.", "en", "detain")
    assert (m.agent_status, m.voice) == ("absent", "passive")


def test_english_intransitive_nominal_and_generic():
    assert one("The two brothers died in custody.", "en", "die").agent_status == "absent"
    assert one("The deaths sparked outrage.", "en", "die").voice == "nominal"
    m = one("Unknown men beat the shopkeeper.", "en", "beat")
    assert (m.agent_status, m.voice) == ("generic", "active")
    m = one("During a raid carried out by security forces, shops were closed.", "en", "raid")
    assert m.agent_status == "generic"


def test_english_beaten_to_death_is_one_kill():
    m = one("Police beat the two men to death.", "en", "kill")
    assert (m.trigger, m.agent_status) == ("beat", "generic")
    m = one("The men were beaten to death.", "en", "kill")
    assert (m.trigger, m.agent_status) == ("beaten to death", "absent")


def test_russian():
    m = one("Братья были избиты полицейскими.", "ru", "beat")
    assert (m.agent_status, m.voice, m.agent_text) == ("generic", "passive", "полицейскими")
    m = one("Более 50 человек задержаны силовиками.", "ru", "detain")
    assert m.agent_status == "generic"
    m = one("Девять человек были задержаны.", "ru", "detain")
    assert (m.agent_status, m.voice) == ("absent", "passive")
    assert one("Двое мужчин скончались в отделе.", "ru", "die").voice == "intransitive"
    m = one("Сотрудники ОМОН задержали девять человек.", "ru", "detain")
    assert (m.agent_status, m.voice) == ("generic", "active")
    m = one("Лисогорский городской суд заключил под стражу четырёх мужчин.", "ru", "arrest")
    assert (m.agent_status, m.voice) == ("named", "active")
    # indefinite-personal: no subject, no agent
    assert one("Его избили в отделе.", "ru", "beat").agent_status == "absent"
    m = one("Их забили до смерти.", "ru", "kill")
    assert m.trigger == "забили до смерти"


def test_russian_participles_as_nouns_are_not_actions():
    assert not [r for r in rows("Задержанных отпустили домой.", "ru") if r[0] == "detain"]


def test_azerbaijani():
    m = one("İki soydaşımız polis əməkdaşları tərəfindən döyülərək öldürülüb.", "az", "kill")
    assert (m.agent_status, m.voice, m.agent_text) == ("generic", "passive", "polis əməkdaşları")
    m = one("Reyd zamanı onlarla adam saxlanılıb.", "az", "detain")
    assert (m.agent_status, m.voice) == ("absent", "passive")
    assert one("İki nəfər həlak olub.", "az", "die").trigger == "həlak olub"
    m = one("Naməlum şəxslər tərəfindən döyülüb.", "az", "beat")
    assert m.agent_status == "generic"
    assert one("Dörd nəfər həbs edilib.", "az", "arrest").voice == "passive"
    m = one("Polis əməkdaşları onları döyərək öldürüb.", "az", "kill")
    assert (m.agent_status, m.voice) == ("generic", "active")
    m = one("Lisoqorsk şəhər məhkəməsi dörd nəfəri həbs edib.", "az", "arrest")
    assert (m.agent_status, m.voice) == ("named", "active")


def test_azerbaijani_fight_is_not_beating():
    assert not [r for r in rows("Döyüş zamanı heç kim yaralanmayıb.", "az") if r[0] == "beat"]


def test_agent_status_lexicon():
    assert agent_status("Russian security forces", "en") == "generic"
    assert agent_status("police officers", "en") == "generic"
    assert agent_status("силовики", "ru") == "generic"
    assert agent_status("A court in Lisogorsk", "en") == "named"
    assert agent_status("Лисогорский городской суд", "ru") == "named"
    assert agent_status("Russian police", "en") == "generic"
    assert agent_status("they", "en") == "generic"
    assert agent_status(None, "az") == "absent"


def test_azerbaijani_verbal_noun_is_nominal():
    # "in connection with the killing of two compatriots": the killing named as a thing
    m = one("Lisoqorskda iki soydaşımızın qətlə yetirilməsi ilə bağlı etiraz notası təqdim olunub.", "az", "kill")
    assert m.voice == "nominal" and m.agent_status == "absent"
    assert one("İki soydaşımız qətlə yetirilib.", "az", "kill").voice == "passive"


def test_dead_as_predicate_is_an_agentless_death():
    m = one("The driver was pulled from the wreck and was dead by morning.", "en", "die")
    assert (m.trigger, m.agent_status, m.voice) == ("was dead", "absent", "intransitive")
    assert one("Rescuers found the climber dead near the summit.", "en", "die").agent_status == "absent"
    m = one("Охранника нашли утром, а в больницу его доставили уже мёртвым.", "ru", "die")
    assert (m.trigger, m.agent_status) == ("мёртвым", "absent")
    assert one("Журналист был мёртв, когда приехали медики.", "ru", "die").trigger == "мёртв"
    # "с мёртвыми" (with the dead) names people, not a death
    assert not [r for r in rows("Родственники долго прощались с мёртвыми.", "ru") if r[0] == "die"]


def test_russian_event_noun_agent_outside_its_dependents():
    # the governing noun names the doers, also across a coordination
    m = one("Следователи установили возможных исполнителей нападения и убийства охранника.", "ru", "kill")
    assert (m.agent_status, m.agent_text, m.patient_text) == ("generic", "возможных исполнителей", "охранника")
    # instrumental agent of a following passive participle of doing
    m = one("Суд рассмотрит дело об избиении, совершённом неизвестными в масках.", "ru", "beat")
    assert (m.agent_status, m.agent_text) == ("generic", "неизвестными")
    m = one("Ему вменяют кражу и убийство, совершённое группой лиц.", "ru", "kill")
    assert (m.agent_status, m.agent_text) == ("generic", "группой лиц")
    # an instrumental of time is not an agent
    assert one("Дело касается убийства, совершённого прошлым летом в пригороде.", "ru", "kill").agent_status == "absent"


def test_azerbaijani_nominal_agent_from_the_governing_clause():
    # "the city court decided on the arrest of three people": the court acted
    m = one("Bakı şəhər məhkəməsi üç şəxsin bir ay müddətinə həbs edilməsi barədə qərar çıxarıb.", "az", "arrest")
    assert (m.agent_status, m.agent_text, m.voice) == ("named", "Bakı şəhər məhkəməsi", "nominal")
    # "accuse X of the killing": X is the agent of the killing, not its victim
    m = one("Qurbanın ailəsi naməlum şəxsləri qətldə ittiham edib.", "az", "kill")
    assert (m.agent_status, m.agent_text, m.patient_text) == ("generic", "naməlum şəxsləri", None)
    assert one("Jurnalistin qətli ictimaiyyəti narahat edib.", "az", "kill").agent_status == "absent"


def test_english_coordinated_agents_are_kept_whole():
    m = one("Police and the FSB detained the men.", "en", "detain")
    assert (m.agent_text, m.agent_status) == ("Police and the FSB", "named")
    m = one("Officers and soldiers beat the protesters.", "en", "beat")
    assert (m.agent_text, m.agent_status) == ("Officers and soldiers", "generic")


def test_english_military_operation_is_not_a_raid():
    assert not [r for r in rows("Police say the special military operation zone was expanded.", "en") if r[0] == "raid"]
    assert one("Police said the operation ended at dawn.", "en", "raid").agent_status == "absent"


def test_english_massacre_is_a_killing_with_its_agent():
    m = one("The massacre carried out by unknown gunmen shocked the town.", "en", "kill")
    assert (m.voice, m.agent_status, m.agent_text) == ("nominal", "generic", "unknown gunmen")


def test_a_place_does_not_identify_a_vague_actor():
    assert agent_status("Russian security forces in Tver", "en") == "generic"
    assert agent_status("силовики в Казани", "ru") == "generic"
    assert agent_status("A court in Tver", "en") == "named"


def test_english_event_noun_agent_from_the_governing_phrase():
    m = one("Detectives are looking for possible participants in the murder of the banker.", "en", "kill")
    assert (m.agent_status, m.agent_text) == ("generic", "possible participants")
    m = one("The family accuses police officers of murder.", "en", "kill")
    assert (m.agent_status, m.agent_text) == ("generic", "police officers")
    m = one("Two officers were charged with the killing of a student.", "en", "kill")
    assert (m.agent_status, m.agent_text, m.patient_text) == ("generic", "Two officers", "student")
    assert one("He spoke of the killing of his brother.", "en", "kill").agent_status == "absent"


def test_a_leading_count_does_not_make_an_agent_named():
    assert agent_status("Two officers", "en") == "generic"
    assert agent_status("Несколько сотрудников", "ru") == "generic"
    assert agent_status("Two FSB officers", "en") == "named"


def test_english_event_noun_modifying_the_object_of_a_light_verb():
    m = one("On Monday police officers carried out operational search measures in the village.", "en", "raid")
    assert (m.trigger, m.agent_status, m.agent_text) == ("search", "generic", "police officers")


@pytest.mark.parametrize("text,lang", [
    # contests and things, not people
    ("Silva used his left foot to beat the home keeper Tom Hale.", "en"),
    ("They came back later to beat Jones and Clarke 3&2.", "en"),
    ("The Swedes were the only pair not to drop a shot on Sunday.", "en"),
    ("A tariff that will hurt households and businesses.", "en"),
    ("Когда Петров забил гол на 70-й минуте.", "ru"),
    ("Иванов забил за пять минут до перерыва.", "ru"),
    ("Расследование ФБР задержало голосование.", "ru"),
    ("Я всегда стараюсь держать прессу в курсе.", "ru"),
    ("Пабы тоже пострадали от жары.", "ru"),
    ("Rəşad topu bir az ayağında saxladı.", "az"),
    ("Şəhər həbsxanası yenidən açılıb.", "az"),
    ("Qapıçı dizindən aldığı zədə sonrası təcili əməliyyat olundu.", "az"),   # surgery
    ("Proqram istifadəçilərə faylların harada saxlandığını seçməyə icazə verir.", "az"),  # data stored
    ("State prosecutors want the death penalty for the accused.", "en"),
    ("Federal prokurorlar şübhəli üçün ölüm cəzası tələb edir.", "az"),
])
def test_figurative_and_sporting_uses_are_not_harm(text, lang):
    assert rows(text, lang) == []


def test_harm_in_real_news_shapes():
    assert one("Dog injures 9-year-old on a farm visit in Texas", "en", "injure").voice == "active"
    assert one("Gunmen killed dozens in the village.", "en", "kill").agent_status == "generic"
    assert one("Unknown men beat the shopkeeper.", "en", "beat").agent_status == "generic"
    assert one("Двоих мужчин держали в отделе полиции.", "ru", "detain")
    assert one("Motosikletçi yük maşını ilə toqquşaraq həyatını itirdi.", "az", "die").agent_status == "absent"
    assert one("Kənddə doqquz nəfər tələf olmuşdur.", "az", "die").voice == "intransitive"
    assert one("Sürücü oğurluq ittihamı ilə həbsxanaya göndərilib.", "az", "arrest").voice == "passive"
    # "those who lost their lives" names people, not a mention (as "ölənlər")
    assert not [m for m in extract_agency("Həyatını itirənlərin sayı 415-ə qalxdı.", "az") if m.action == "die"]
