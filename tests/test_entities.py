"""Entities in three languages, cross-script canonical keys, and the registry."""
import pytest

from compare.extract.entities import AzerbaijaniRuleRecognizer, extract_entities, strip_az_suffix
from compare.registry import entity_recognizers


def by_text(ents):
    return {e.text: e for e in ents}


@pytest.mark.parametrize("word,stem", [
    ("Rusiyanın", "Rusiya"), ("Bakıya", "Bakı"), ("Yekaterinburqda", "Yekaterinburq"),
    ("Səfərovlar", "Səfərov"), ("Moskvadan", "Moskva"), ("Əliyev", "Əliyev"), ("Bakı", "Bakı"),
    # known places keep their "-stan" and "-can" (not Ermənista + nın)
    ("Ermənistanın", "Ermənistan"), ("Ermənistandakı", "Ermənistan"), ("Azərbaycanın", "Azərbaycan"),
])
def test_strip_az_suffix(word, stem):
    assert strip_az_suffix(word) == stem


def test_azerbaijani_rules():
    text = ("Rusiyanın Xarici İşlər Nazirliyi bildirib ki, Yekaterinburqda Səfərovlar qardaşları həlak olub. "
            "Bakıya qayıdan Prezident İlham Əliyev «Qafqaz Birliyi» təşkilatı ilə görüşüb. Bu barədə məlumat verilib.")
    ents = by_text(AzerbaijaniRuleRecognizer().recognize([text])[0])
    assert ents["Rusiyanın"].label == "GPE"
    assert ents["Xarici İşlər Nazirliyi"].label == "ORG"
    assert ents["Yekaterinburqda"].canonical == "yekaterinburk"
    assert ents["Səfərovlar"].label == "PER" and ents["Səfərovlar"].normal == "Səfərov"
    assert ents["İlham Əliyev"].label == "PER"
    assert ents["Qafqaz Birliyi"].label == "ORG"
    assert "Bu" not in ents  # sentence-initial function word


def test_azerbaijani_stan_names_are_places_in_every_case():
    text = "Nazir Ermənistanın mövqeyini tənqid edib. Nümayəndə heyəti Ermənistana gedib. Ermənistan cavab verib."
    ents = AzerbaijaniRuleRecognizer().recognize([text])[0]
    found = {e.text: (e.label, e.canonical) for e in ents if e.text.startswith("Ermənistan")}
    assert found == {w: ("GPE", "ermanistan") for w in ("Ermənistanın", "Ermənistana", "Ermənistan")}


def test_azerbaijani_gazetteer_labels_unknown_names():
    text = "Lisoqorskda iki nəfər saxlanılıb. Lisoqorsk sakinləri etiraz edib."
    ents = AzerbaijaniRuleRecognizer().recognize([text], gazetteer={"lisokorsk": "GPE"})[0]
    assert [e.label for e in ents] == ["GPE", "GPE"]


def test_russian_natasha_lemmas_and_keys():
    ents = by_text(extract_entities(["В Екатеринбурге сотрудники ОМОН задержали братьев Сафаровых."], "ru")[0])
    assert ents["Екатеринбурге"].normal == "Екатеринбург"
    assert ents["Сафаровых"].label == "PER"
    assert ents["Сафаровых"].canonical == "safarov"


def test_english_spacy():
    ents = by_text(extract_entities(["The Interior Ministry said the Safarov brothers died in Yekaterinburg."], "en")[0])
    assert ents["Interior Ministry"].label == "ORG"
    assert ents["Yekaterinburg"].label == "GPE"


def test_cross_script_link():
    ru = extract_entities(["Братья Сафаровы погибли в Екатеринбурге."], "ru")[0]
    az = AzerbaijaniRuleRecognizer().recognize(["Yekaterinburqda Səfərovlar həlak olub."])[0]
    en = extract_entities(["The Safarov brothers died in Yekaterinburg."], "en")[0]
    keys = [{e.canonical for e in ents} for ents in (ru, az, en)]
    assert "yekaterinburk" in keys[0] & keys[1] & keys[2]
    assert "safarov" in keys[0] & keys[1]


def test_registry_backends():
    assert {"natasha", "spacy", "az-rules"} <= set(entity_recognizers.names())
    rec = entity_recognizers.create("az-rules")
    assert rec.recognize(["Bakıda görüş keçirilib."])[0][0].canonical == "baki"


def test_russian_lemmas_are_remembered_per_word_and_tag(monkeypatch):
    """A repeated (word, tag) is lemmatised once; a different tag is looked up anew."""
    import natasha.morph.lemma

    from compare.nlp.russian import MorphVocab

    vocab = MorphVocab()
    calls = []
    real = natasha.morph.lemma.lemmatize
    monkeypatch.setattr(natasha.morph.lemma, "lemmatize", lambda *a: calls.append(a[1:3]) or real(*a))
    noun = {"Case": "Gen", "Number": "Sing", "Gender": "Fem", "Animacy": "Inan"}
    assert vocab.lemmatize("мэрии", "NOUN", noun) == "мэрия"
    assert vocab.lemmatize("мэрии", "NOUN", dict(reversed(noun.items()))) == "мэрия"
    assert len(calls) == 1
    assert vocab.lemmatize("мэрии", "NOUN", {**noun, "Case": "Dat"}) == "мэрия"
    assert len(calls) == 2
