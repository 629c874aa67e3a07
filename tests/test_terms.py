"""Key-term glossary: concepts found in the three languages, and near misses that are not them."""
from compare.extract.terms import GLOSSARY, find_terms


def test_every_concept_has_all_three_languages():
    for concept, forms in GLOSSARY.items():
        assert set(forms) == {"en", "ru", "az"}, concept


def test_one_fact_in_three_languages_gives_one_concept():
    same = [
        ("Azerbaijan handed the Russian chargé d'affaires a note of protest.", "en"),
        ("Она прокомментировала ноту протеста, направленную азербайджанской стороной.", "ru"),
        ("Rusiya tərəfinə etiraz notası təqdim olunub.", "az"),
    ]
    for text, lang in same:
        assert "protest_note" in find_terms(text, lang), (text, lang)
    assert "forensic" in find_terms("По предварительным данным судебно-медицинской экспертизы", "ru")
    assert "forensic" in find_terms("ekspertizanın ilkin nəticələrinə görə", "az")
    assert "forensic" in find_terms("according to preliminary forensic results", "en")
    assert "envoy" in find_terms("müvəqqəti işlər vəkili Pyotr Kalinin", "az")
    assert "envoy" in find_terms("временного поверенного в делах России", "ru")


def test_near_misses_are_not_concepts():
    assert "recall_ambassador" not in find_terms("He recalled that the talks had failed.", "en")
    assert "recall_ambassador" in find_terms("Baku recalled its ambassador from Moscow.", "en")
    assert "envoy" not in find_terms("После рейда рынок закрыли.", "ru")   # "после" is "after"
    assert "oil_gas" not in find_terms("Об этом пишет газета «Вестник».", "ru")  # a newspaper
    assert "embassy" not in find_terms("Səfir bəyanat verib.", "az")  # the ambassador, not the embassy
    assert "envoy" not in find_terms("Səfirlik bəyanat yayıb.", "az")
    assert find_terms("", "en") == [] and find_terms("Текст", "xx") == []
