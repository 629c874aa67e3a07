from datetime import date

from compare.align.signals import (idf_weights, lead_text, mentioned_dates, name_keys, name_tokens, numbers,
                                   split_sentences, weighted_overlap)


def test_lead_text_skips_repeated_headline():
    assert lead_text("Title", ["Title", "One.", "Two.", "Three."], 2) == "Title\nOne.\nTwo."
    assert lead_text(None, ["One."], 2) == "One."


def test_name_tokens_skip_sentence_starts():
    text = "Police detained Safarov in Yekaterinburg. Relatives said he was beaten. «Baku protested», Hikmet said."
    assert name_tokens(text, "en") == ["Safarov", "Yekaterinburg", "Hikmet"]


def test_name_keys_match_across_scripts():
    ru = set(name_keys("Полиция задержала Сафарова в Екатеринбурге.", "ru"))
    az = set(name_keys("Polis Yekaterinburqda Səfərovu saxlayıb.", "az"))
    en = set(name_keys("Police detained Safarov in Yekaterinburg.", "en"))
    assert ru == az == en and len(ru) == 2


def test_numbers_in_digits_and_words():
    assert numbers("Over 1,500 people were detained and two men died in 2025.", "en") == {1500, 2}
    assert numbers("Двое мужчин погибли, задержаны 9 человек.", "ru") == {2, 9}
    assert numbers("İki nəfər ölüb, on nəfər saxlanılıb.", "az") == {2, 10}
    # "on" is an English preposition, not the Azerbaijani ten
    assert numbers("They met on Monday.", "en") == set()


def test_mentioned_dates_resolve_against_publication():
    pub = date(2025, 6, 29)
    assert mentioned_dates("The raid on 27 June", "en", pub) == [date(2025, 6, 27)]
    assert mentioned_dates("June 27 raid", "en", pub) == [date(2025, 6, 27)]
    assert mentioned_dates("рейд 27 июня", "ru", pub) == [date(2025, 6, 27)]
    assert mentioned_dates("iyunun 27-də", "az", pub) == [date(2025, 6, 27)]
    assert mentioned_dates("в пятницу", "ru", pub) == [date(2025, 6, 27)]  # 29 June 2025 is a Sunday
    assert mentioned_dates("cümə günü", "az", pub) == [date(2025, 6, 27)]
    assert mentioned_dates("yesterday", "en", pub) == [date(2025, 6, 28)]
    # a date far from publication is background, not the reported event
    assert mentioned_dates("the murder of 12 March", "en", pub) == []
    assert mentioned_dates("anything", "en", None) == []


def test_idf_and_overlap():
    docs = [["a", "b"], ["a", "c"], ["a", "d"]]
    idf = idf_weights(docs)
    assert idf["b"] > idf["a"]
    w = lambda keys: {k: idf[k] for k in keys}  # noqa: E731
    assert weighted_overlap(w(["a", "b"]), w(["a", "b"])) == 1.0
    assert weighted_overlap(w(["a", "b"]), w(["c", "d"])) == 0.0
    assert 0 < weighted_overlap(w(["a", "b"]), w(["a", "c"])) < 0.5
    assert weighted_overlap({}, w(["a"])) == 0.0


def test_split_sentences():
    assert split_sentences("One. Two!\n\nThree?") == ["One.", "Two!", "Three?"]
