from compare.align.signals import (NameFilter, accept_uncertain, idf_weights, name_key_candidates,
                                   name_keys, name_tokens, numbers, split_sentences, weighted_overlap, word_key)


def test_name_tokens_skip_sentence_starts():
    text = "Police detained Safarov in Yekaterinburg. Relatives said he was beaten. «Baku protested», Hikmet said."
    assert name_tokens(text, "en") == ["Safarov", "Yekaterinburg", "Hikmet"]


def test_name_keys_match_across_scripts():
    ru = set(name_keys("Полиция задержала Сафарова в Екатеринбурге.", "ru"))
    az = set(name_keys("Polis Yekaterinburqda Səfərovu saxlayıb.", "az"))
    en = set(name_keys("Police detained Safarov in Yekaterinburg.", "en"))
    assert ru == az == en and len(ru) == 2


def test_office_words_do_not_link_articles():
    # translated, never transliterated: "Ministry" and "Nazirliyi" can never match
    # across languages, and "Polis" must not take "Pelosi" with it
    texts = [("Xarici İşlər Nazirliyinin sözçüsü Ayxan Hacızadə bəyanat yayıb.", "az"),
             ("A spokesman for the Foreign Ministry, Maria Zakharova, said Pelosi was wrong.", "en"),
             ("Об этом заявил представитель Министерства Мария Захарова.", "ru")]
    found = [name_key_candidates(t, lang) for t, lang in texts]
    names = accept_uncertain(found)
    assert names[0] == [word_key("Ayxan", "az"), word_key("Hacızadə", "az")]
    assert names[1] == [word_key("Maria", "en"), word_key("Zakharova", "en"), word_key("Pelosi", "en")]
    assert names[2] == [word_key("Мария", "ru"), word_key("Захарова", "ru")]


def test_plural_and_adjective_forms_share_the_name_key():
    assert word_key("Сафаровых", "ru") == word_key("Safarovs", "en") == word_key("Səfərovların", "az")
    assert word_key("Russian", "en") == word_key("России", "ru") == word_key("Rusiya", "az")
    assert word_key("Azerbaijanis", "en") == word_key("Азербайджана", "ru")
    assert word_key("Moscow", "en") == word_key("Москве", "ru") == word_key("Moskvada", "az")
    # ordinary words are untouched
    assert word_key("Lisbon", "en") != word_key("Lisbo", "en")


def test_sentence_initial_and_headline_words_need_a_mid_sentence_witness():
    found = name_key_candidates("Yekaterinburqda polis reydi. Polis Yekaterinburqda iki nəfəri saxlayıb.", "az")
    assert [sk for sk, _, _ in found.sure] == [word_key("Yekaterinburqda", "az")]
    assert [sk for sk, _, _ in found.uncertain] == [word_key("Yekaterinburqda", "az"), word_key("Polis", "az")]
    # a title-case English headline says nothing by its capitals
    head = name_key_candidates("Two Men Die After Police Raid In Yekaterinburg", "en")
    assert head.sure == [] and word_key("Yekaterinburg", "en") in [sk for sk, _, _ in head.uncertain]
    oil = name_key_candidates("Oil prices climb.", "en")
    tennis = name_key_candidates("He lost at the All England Club in Yekaterinburg.", "en")
    accepted = accept_uncertain([head, oil, tennis])
    assert word_key("Yekaterinburg", "en") in accepted[0] and word_key("Police", "en") not in accepted[0]
    # "Oil" and "All" share a two-letter skeleton but not their key
    assert accepted[1] == []


def test_words_the_corpus_writes_in_lower_case_are_not_names():
    texts = ["The Court ruled on Monday. Health officials said the court was closed.",
             "The court met. Safarov spoke to the court, and Safarov left."]
    found = [name_key_candidates(t, "en") for t in texts]
    names = NameFilter(found)
    assert names.names(found[0]) == []  # "Court" is lower case twice as often
    assert names.names(found[1]) == [word_key("Safarov", "en")] * 2


def test_numbers_in_digits_and_words():
    assert numbers("Over 1,500 people were detained and two men died in 2025.", "en") == {1500, 2}
    assert numbers("Двое мужчин погибли, задержаны 9 человек.", "ru") == {2, 9}
    assert numbers("İki nəfər ölüb, on nəfər saxlanılıb.", "az") == {2, 10}
    # "on" is an English preposition, not the Azerbaijani ten
    assert numbers("They met on Monday.", "en") == set()


def test_idf_and_overlap():
    docs = [["a", "b"], ["a", "c"], ["a", "d"]]
    idf = idf_weights(docs)
    assert idf["b"] > idf["a"] > 0
    # a name in every article of a small corpus still weighs something
    assert idf_weights([["x"]] * 15)["x"] > 1.0
    assert idf_weights([["x"]] * 15, prior_docs=0)["x"] < 0.1
    w = lambda keys: {k: idf[k] for k in keys}  # noqa: E731
    assert weighted_overlap(w(["a", "b"]), w(["a", "b"])) == 1.0
    assert weighted_overlap(w(["a", "b"]), w(["c", "d"])) == 0.0
    assert 0 < weighted_overlap(w(["a", "b"]), w(["a", "c"])) < 0.5
    assert weighted_overlap({}, w(["a"])) == 0.0


def test_split_sentences():
    assert split_sentences("One. Two!\n\nThree?") == ["One.", "Two!", "Three?"]


def test_name_phrases_join_adjacent_name_words():
    from compare.align.signals import name_phrases

    text = "Police in Charlotte shot Keith Lamont Scott on Tuesday. Protests followed in North Carolina."
    assert name_phrases(text, "en", lambda word, sure: sure) == ["Charlotte", "Keith Lamont Scott", "North Carolina"]


def test_event_label_names_are_whole_and_confirmed():
    from compare.align.events import _top_names
    from compare.align.signals import NameFilter

    rows = [("Visa Program Up For Renewal Amid Allegations\nThe visa program run by Homeland Security was "
             "criticised. Officials at Homeland Security said so.", "en"),
            ("Homeland Security defended the visa program, Hillary Clinton said.", "en"),
            ("Hillary Clinton spoke in Ohio. Clinton left.", "en")]
    found = [name_key_candidates(t, lang) for t, lang in rows]
    names = _top_names(rows, name_filter=NameFilter(found))
    assert set(names[:2]) == {"Homeland Security", "Hillary Clinton"}
    assert "Allegations" not in names and "Program" not in names


def test_event_label_prefers_the_bare_stem_of_an_inflected_name():
    from compare.align.events import _top_names

    rows = [("Полиция провела рейд в Лисогорске. Жители Лисогорска возмущены.", "ru"),
            ("Суд в Лисогорске арестовал четверых.", "ru"),
            ("Мэр назвал город Лисогорск спокойным.", "ru")]
    assert _top_names(rows, k=1) == ["Лисогорск"]
