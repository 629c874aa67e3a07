"""Claim units: sentences and the clauses of long sentences."""
from compare.extract.claims import split_claims, split_sentence


def parts(text, lang):
    return [text[a:b] for a, b in split_sentence(text, 0, len(text), lang)]


def test_short_sentence_is_one_claim():
    t = "Two men died, and nine were detained."
    assert parts(t, "en") == [t]


def test_long_sentence_splits_at_coordinated_clauses():
    t = ("Police said nine people had been detained in connection with the killing of a local businessman, "
         "and the head of the community association said more than fifty people had been rounded up.")
    got = parts(t, "en")
    assert len(got) == 2 and got[1].startswith("and the head")


def test_russian_a_and_semicolon():
    t = ("В Лисогорске погибли двое мужчин — братья Рамиль и Заур Мамедли, а десятки человек были задержаны "
         "во время массовых облав на рынке и в кафе города.")
    assert len(parts(t, "ru")) == 2


def test_azerbaijani_comma_after_finite_verb():
    t = ("Sentyabrın 3-də Lisoqorskda keçirilən reyd zamanı iki qardaş polis şöbəsində döyülərək öldürülüb, "
         "50-dən çox soydaşımız saxlanılıb.")
    got = parts(t, "az")
    assert len(got) == 2 and got[1].startswith("50-dən")


def test_name_lists_and_quotes_are_not_split():
    t = ("The ministry named the victims as Ramil Mammadli, Zaur Mammadli, Vusal Karimov, "
         "and Elshan Guliyev, all residents of the town for more than twenty years.")
    assert len(parts(t, "en")) == 1
    q = ('"They dragged people out of the market, and nobody explained anything to anyone at all," '
         "the community leader told reporters on Wednesday evening.")
    assert len(parts(q, "en")) == 1


def test_split_claims_keeps_sentence_index():
    text = "One short sentence here. Another short one follows it."
    units = split_claims(text, "en", [(0, 24), (25, len(text))])
    assert [u.sentence_index for u in units] == [0, 1]


def test_polarity_and_cause_cues():
    from compare.analyze.extraction import cause_class, polarity_negated

    assert polarity_negated("Следов побоев на телах не обнаружено.", "ru")
    assert not polarity_negated("Задержаны не менее 40 человек.", "ru")
    assert polarity_negated("She rejected suggestions of an ethnic motive.", "en")
    assert not polarity_negated("It demanded not only an investigation but punishment.", "en")
    assert polarity_negated("Rəsmi qurumlar bu məlumatı şərh etməyib.", "az")
    assert polarity_negated("Xarici yardıma ehtiyac olmadığı bildirilib.", "az")
    assert not polarity_negated("Rusiya XİN-in rəsmi nümayəndəsi danışıb.", "az")
    assert not polarity_negated("Hər iki kişi ürək çatışmazlığından ölüb.", "az")
    assert cause_class("both men had died of acute heart failure") == "natural"
    assert cause_class("Их забили до смерти") == "violent"
    assert cause_class("iki soydaşımız döyülərək öldürülüb") == "violent"
    assert cause_class("two men died on Wednesday") is None


def test_coordinated_speech_verb_opens_a_second_claim():
    # no comma, but "and repeated that" reports a second statement
    t = ('The ministry spokeswoman Vera Gromova called the reaction of Baku "unfriendly" '
         "and repeated that the two men had died of heart failure.")
    got = parts(t, "en")
    assert len(got) == 2 and got[1].startswith("and repeated that")
    # verb-phrase coordination without a speech verb stays one claim
    t2 = "Police detained nine people in the market and beat several of them with batons before taking them away."
    assert parts(t2, "en") == [t2]


def test_translation_follows_the_original_split():
    from compare.analyze.extraction import _split_english

    en = 'Gromova called the reaction "an unfriendly step" and rejected claims that the raid was ethnic.'
    assert _split_english(en, 2) == ['Gromova called the reaction "an unfriendly step"',
                                     "and rejected claims that the raid was ethnic."]
    assert _split_english(en, 3) == [en, en, en]  # no 3-way split: every clause keeps the whole translation


def test_credit_and_promo_lines_are_not_claims():
    from compare.extract.claims import is_editorial

    lines = [
        ("This article was originally published by Meridian News Agency and is republished with permission.", "en"),
        ("Reporting by Nailia Bagirova; Editing by Alex Richardson", "en"),
        ("Материал впервые опубликован на сайте «Вестника».", "ru"),
        ("Читайте также: МИД ответил Баку", "ru"),
        ("Foto: APA", "az"),
        ("Həmçinin oxuyun: XİN bəyanat yayıb", "az"),
        ("Read more", "en"),
        ("Society Materials 3 May 2024 10:15 (UTC +04:00)", "en"),
    ]
    for text, lang in lines:
        assert is_editorial(text, lang), text
    story = [
        ("The ministry published a statement on Friday.", "en"),
        ("Reporters were not allowed into the court.", "en"),
        ("Фотографии с места событий опубликовали очевидцы.", "ru"),
        ("Video görüntülərdə polislər görünür.", "az"),
    ]
    for text, lang in story:
        assert not is_editorial(text, lang), text


def test_a_wire_dateline_is_not_part_of_the_first_claim():
    from compare.extract.claims import split_claims

    for text, lang, first in [
        ("LISOGORSK, Russia, Sept 3 (Meridian) - Two ethnic Azerbaijani men died on Wednesday.", "en", "Two ethnic"),
        ("МОСКВА, 3 сен — РИА Новости. Двое мужчин скончались в отделе полиции.", "ru", "Двое мужчин"),
        ("Москва. 3 сентября. INTERFAX.RU - Двое мужчин скончались в отделе полиции.", "ru", "Двое мужчин"),
        ("Bakı. 5 sentyabr. REPORT.AZ/ Azərbaycan XİN Rusiyanın işlər vəkilini çağırıb.", "az", "Azərbaycan XİN"),
        ("The NATO summit opened in Brussels on Tuesday.", "en", "The NATO"),
    ]:
        unit = split_claims(text, lang, [(0, len(text))])[0]
        assert text[unit.start:unit.end].startswith(first), (text, text[unit.start:unit.end])
