"""Agent status of harmful and coercive actions (own sentences in three languages)."""
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
