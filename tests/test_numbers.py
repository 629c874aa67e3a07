"""Quantities and dates in Russian, Azerbaijani and English (own sentences)."""
from datetime import date

import pytest

from compare.extract.dates import extract_dates, extract_times
from compare.extract.numbers import extract_quantities, parse_number, ranges_overlap, same_scope


def q(text, lang):
    return [(x.text, x.value_low, x.value_high, x.vague, x.counted) for x in extract_quantities(text, lang)]


@pytest.mark.parametrize("token,lang,value", [
    ("1 500", "ru", 1500), ("1,500", "en", 1500), ("1.5 тыс.", "ru", 1500), ("2 млн", "ru", 2_000_000),
    ("twenty-one", "en", 21), ("two hundred", "en", 200), ("трёх", "ru", 3), ("четверо", "ru", 4),
    ("iki", "az", 2), ("ikisi", "az", 2), ("üç", "az", 3), ("on beş", "az", 15),
    ("1.500", "ru", 1500), ("12", "en", 12),
])
def test_parse_number(token, lang, value):
    assert parse_number(token, lang) == value


def test_english_counts_and_hedges():
    got = q("Two men were killed and more than 50 people were detained; about 40 were injured.", "en")
    assert got == [("Two", 2, 2, False, "dead"), ("more than 50", 51, None, True, "detained"),
                   ("about 40", 36, 44, True, "injured")]


def test_english_vague_and_zero():
    assert q("Dozens of people were rounded up.", "en") == [("Dozens", 24, 99, True, "detained")]
    assert q("None of the detainees was hurt.", "en")[0][1:] == (0, 0, False, "injured")


def test_english_skips_years_ages_percentages_money():
    assert q("In 2025, nearly 40% voted; the men, aged 58 and 54, paid $300.", "en") == []


def test_russian():
    got = q("Задержаны более 50 человек, двое погибли, около 40 пострадали.", "ru")
    assert got == [("более 50", 51, None, True, "detained"), ("двое", 2, 2, False, "dead"),
                   ("около 40", 36, 44, True, "injured")]
    assert q("Десятки человек были задержаны.", "ru") == [("Десятки", 24, 99, True, "detained")]
    assert q("Никто из задержанных не пострадал.", "ru") == [("Никто", 0, 0, False, "injured")]


def test_russian_group_noun_is_not_what_is_counted():
    # "detainees" names the group; hospitalisation is what happened to them
    assert q("Несколько задержанных были госпитализированы с травмами.", "ru")[0][4] == "injured"
    assert q("Ещё трое задержанных будут выдворены из страны.", "ru")[0][4] == "deported"


def test_azerbaijani():
    got = q("İki nəfər həlak olub, 50-dən çox şəxs saxlanılıb. Təxminən 40 nəfər yaralanıb.", "az")
    assert got == [("İki", 2, 2, False, "dead"), ("50-dən çox", 51, None, True, "detained"),
                   ("Təxminən 40", 36, 44, True, "injured")]
    assert q("Onlarla adam saxlanılıb.", "az") == [("Onlarla", 24, 99, True, "detained")]
    assert q("Ən azı altı nəfər yaralanıb.", "az") == [("Ən azı altı", 6, None, True, "injured")]
    assert q("Dörd nəfər həbs edilib.", "az")[0][4] == "arrested"


def test_offsets_index_the_input():
    text = "İlk məlumata görə, İki nəfər həlak olub."
    for x in extract_quantities(text, "az"):
        assert text[x.start:x.end] == x.text


def test_ranges_overlap_open_ends():
    assert ranges_overlap(51, None, 20, 99)
    assert not ranges_overlap(9, 9, 20, 99)
    assert ranges_overlap(None, 5, 5, 5)


def test_dates_resolve_against_publication():
    pub = date(2025, 9, 5)  # a Friday
    en = {d.text: d.value for d in extract_dates("On Friday, September 5, and on 3 September 2025; yesterday.", "en", pub)}
    assert en == {"Friday": date(2025, 9, 5), "September 5": date(2025, 9, 5),
                  "3 September 2025": date(2025, 9, 3), "yesterday": date(2025, 9, 4)}
    ru = {d.text: d.value for d in extract_dates("В среду, 3 сентября, вчера.", "ru", pub)}
    assert ru == {"среду": date(2025, 9, 3), "3 сентября": date(2025, 9, 3), "вчера": date(2025, 9, 4)}
    az = {d.text: d.value for d in extract_dates("Sentyabrın 5-də, 28 iyun 2025-ci ildə, cümə günü.", "az", pub)}
    assert az == {"Sentyabrın 5-də": date(2025, 9, 5), "28 iyun 2025-ci ildə": date(2025, 6, 28),
                  "cümə": date(2025, 9, 5)}


def test_dates_without_year_roll_back_when_in_the_future():
    pub = date(2025, 1, 10)
    (d,) = extract_dates("The raid on 28 December left two dead.", "en", pub)
    assert d.value == date(2024, 12, 28)


def test_day_numbers_of_dates_are_not_counts():
    got = q("Двое мужчин скончались 3 сентября.", "ru")
    assert got == [("Двое", 2, 2, False, "dead")]
    assert [x[0] for x in q("Two men died on September 3, relatives said.", "en")] == ["Two"]


@pytest.mark.parametrize(
    "text, language, expected",
    [
        ("Им предъявлено обвинение по ч. 2 ст. 105 УК РФ, погибли двое.", "ru", [("двое", "dead", 2)]),
        ("Cinayət Məcəlləsinin 120-ci maddəsi ilə ittiham olunurlar, iki nəfər həlak olub.", "az",
         [("iki", "dead", 2)]),
        ("Under Article 105 of the criminal code, 3 people were killed.", "en", [("3", "dead", 3)]),
        ("Police detained 40 people at house No. 12.", "en", [("40", "detained", 40)]),
    ],
)
def test_reference_numbers_are_not_counts(text, language, expected):
    got = [(q.text, q.counted, q.value_low) for q in extract_quantities(text, language)]
    assert got == expected


def test_court_remand_held_for_a_term_is_an_arrest():
    assert q("The judge ordered three of the suspects held for 30 days.", "en")[0][4] == "arrested"
    assert q("Five protesters were held pending trial.", "en")[0][4] == "arrested"
    # held by police without a term or a court: still a detention
    assert q("Police held twelve people overnight before releasing them.", "en")[0][4] == "detained"


@pytest.mark.parametrize("text,lang,expected", [
    ("Officials said 12 people were injured; witnesses put the figure at about 30.", "en",
     [("12", 12, 12, False, "injured"), ("about 30", 27, 33, True, "injured")]),
    ("Полиция сообщила о 12 задержанных, правозащитники оценили их число в 40.", "ru",
     [("12", 12, 12, False, "detained"), ("40", 40, 40, False, "detained")]),
    ("Polis 12 nəfərin saxlanıldığını bildirib, hüquq müdafiəçiləri isə onların sayını 40 nəfər göstərib.", "az",
     [("12", 12, 12, False, "detained"), ("40", 40, 40, False, "detained")]),
])
def test_the_number_refers_back_to_the_last_count(text, lang, expected):
    assert q(text, lang) == expected


def test_the_number_of_something_else_is_not_an_anaphor():
    assert q("Officials said 12 people were injured; the number of complaints is 300.", "en")[1][4] == "other"


@pytest.mark.parametrize("text,lang", [
    ("Rights groups recorded 57 racially motivated attacks on migrants, and 4 people died.", "en"),
    ("Правозащитники насчитали 40 нападений на мигрантов, 4 человека погибли.", "ru"),
    ("Son ildə 57 hücum qeydə alınıb, 4 nəfər həlak olub.", "az"),
])
def test_counts_of_events_are_not_counts_of_people(text, lang):
    assert [x[1:] for x in q(text, lang) if x[4] != "other"] == [(4, 4, False, "dead")]
    # the count of events stays, as ``other`` with its noun
    (events,) = [x for x in extract_quantities(text, lang) if x.counted == "other"]
    assert events.whom and events.value_low in (40, 57)


def test_people_counted_next_to_an_event_noun_are_kept():
    assert q("3 people died in attacks last year.", "en") == [("3", 3, 3, False, "dead")]
    assert q("3 nəfər reyd zamanı saxlanılıb.", "az")[0][4] == "detained"


def test_clock_times_and_year_spans_are_not_counts():
    assert q("Published 14 May 2025 18:30 (UTC +03:00). In 2019-2020, nine people were detained.", "en") == [
        ("nine", 9, 9, False, "detained")]



@pytest.mark.parametrize("text, lang", [
    ("Рамиль и Заур Мамедли были задержаны и спустя несколько часов скончались.", "ru"),
    ("They were detained and died several hours later.", "en"),
    ("Onlar saxlanılıb və bir neçə saat sonra həlak olublar.", "az"),
])
def test_a_vague_span_of_time_is_not_a_count(text, lang):
    assert [q for q in extract_quantities(text, lang) if q.counted == "dead"] == []


def test_names_in_apposition_do_not_use_up_the_window():
    qs = extract_quantities("Two brothers, Ramil and Zaur Mammadli, were taken to the local police station "
                            "and were dead within hours.", "en")
    assert [(q.value_low, q.counted) for q in qs] == [(2, "dead")]


def _counted(text, lang):
    return [(x.value_low, x.value_high, x.counted) for x in extract_quantities(text, lang) if x.counted != "other"]


@pytest.mark.parametrize("text,lang,expected", [
    # the same counts in real-news shapes of each language
    ("Bazar günü dağ kəndindəki sel nəticəsində ən azı 215 nəfər tələf olub.", "az", [(215, None, "dead")]),
    ("1957-ci ildə limanda yanğın zamanı 300-dən çox adam tələf olmuşdur.", "az", [(301, None, "dead")]),
    ("1100 nəfərdən çox adam ölmüşdür.", "az", [(1101, None, "dead")]),
    ("Sahil kəndlərində yüzlərlə insan tələf olmuşdur.", "az", [(200, 999, "dead")]),
    ("Altı həbsxana işçisi insidentdə yaralanıblar.", "az", [(6, 6, "injured")]),   # a prison is no arrest
    ("Şənbə günü həkimlər 9 nəfərin xəstəxanaya aparıldığını bildirib.", "az", [(9, 9, "injured")]),
    ("Вспыхнула бойня, унесшая жизни 300 человек.", "ru", [(300, 300, "dead")]),
    ("Ещё семь человек доставлены в больницу.", "ru", [(7, 7, "injured")]),
    ("Ещё семь человек доставлены в отдел полиции.", "ru", [(7, 7, "detained")]),
    ("Daşqının qurbanlarının sayı 800-ü keçib.", "az", [(801, None, "dead")]),
    ("Sel nəticəsində ən az 215 nəfər həlak olmuşdur.", "az", [(215, None, "dead")]),
    ("He was found guilty of murdering two shop owners.", "en", [(2, 2, "dead")]),
])
def test_counts_in_real_news_shapes(text, lang, expected):
    assert _counted(text, lang) == expected


@pytest.mark.parametrize("text,lang,not_a_count", [
    ("Brown, 34, of Dover, Delaware, was arrested on suspicion of theft.", "en", 34),   # an age
    ("Our keeper suffered a knee injury in Sunday's 31-27 loss.", "en", 31),              # a score
    ("A team led by Moreno held a five-point lead over the visitors.", "en", 5),
    ("The early warning probably saved hundreds of lives.", "en", 200),                                 # lives saved
    ("Floodwater as deep as two meters (7 feet) swept the town and killed many.", "en", 7),
    ("Kapitan Smit 1944-cü ildə bir düşmən snayperi tərəfindən öldürüldü.", "az", 1),               # "bir" = "a"
    ("Onu paytaxtdakı böyük bir xəstəxanaya çatdırmaq üçün təyyarə tapdıq.", "az", 10),  # "onu" = him
    ("Son 20 ildə yollardakı qəzalarda 111 nəfər həlak olub.", "az", 20),               # 20 years
    ("Police obtained records from several phones that placed the suspect near the house that night.",
     "en", 3),
    ("В этой колонии содержится свыше 500 заключенных.", "ru", 501),                            # inmates
    ("Суд огласил приговор по 22 пунктам обвинения, включая убийство.", "ru", 22),
    ("Two brothers were killed, one of whom was a Russian citizen.", "en", 1),   # one of the two
    ("On səkkiz dövlət qaçan qurbanlara sığınma verilməsini tələb edir.", "az", 18),         # victims, not dead
    ("Onu üç yüngül cəza gözləyir və o həbs oluna bilər.", "az", 3),                          # three penalties
])
def test_what_is_not_a_count_of_people(text, lang, not_a_count):
    assert not_a_count not in [low for low, _, _ in _counted(text, lang)]


# --------------------------------------------------------------------------- quantities in scope (issue 12)


@pytest.mark.parametrize("token,value", [
    ("шестьдесят два", 62), ("шестидесяти двух", 62), ("двухсот тридцати", 230), ("семьдесят", 70),
    ("полторы тысячи", 1500), ("трое", 3), ("двоих", 2),
])
def test_russian_numerals_above_fifty_nine_and_collectives(token, value):
    assert parse_number(token, "ru") == value


def test_one_as_plural_or_zero_word_is_no_number():
    assert parse_number("одни", "ru") is None


def one(text, lang, **kw):
    (x,) = [x for x in extract_quantities(text, lang, **kw) if x.counted != "other"]
    return x


def test_russian_toll_in_words_reads_whole_numeral():
    x = one("На месте погибли шестьдесят два человека.", "ru")
    assert (x.value_low, x.value_high, x.counted) == (62, 62, "dead")


@pytest.mark.parametrize("text,lang", [
    ("Газета 525 пишет, что погибли три человека.", "ru"),
    ("525-ci qəzet yazır ki, 3 nəfər həlak olub.", "az"),
    ("Newspaper 525 says three people were killed.", "en"),
    ("Flight 312 crashed and three people died.", "en"),
])
def test_numbers_in_names_are_not_counts(text, lang):
    assert [(x.value_low, x.counted) for x in extract_quantities(text, lang) if x.counted != "other"] == [(3, "dead")]


def test_a_count_of_things_is_not_a_count_of_people():
    got = [(x.value_low, x.counted, x.whom) for x in
           extract_quantities("More than ten flats were damaged and two people were killed.", "en")]
    assert (2, "dead", "people") in got
    assert all(c == "other" for v, c, w in got if v != 2)


def test_coordinated_counts_with_one_predicate_are_summed():
    x = one("Three Azerbaijanis and four others were detained.", "en")
    assert (x.value_low, x.counted) == (7, "detained")
    assert [p.value_low for p in x.total_of] == [3, 4]


def test_one_of_a_group_is_an_individual_not_a_count():
    assert extract_quantities("One of the men died in hospital.", "en") == []
    assert [x.counted for x in extract_quantities("Адвокат одного из задержанных подал жалобу.", "ru")] == []
    (x,) = extract_quantities("One of the men died in hospital.", "en", individuals=True)
    assert x.individual and x.counted == "dead"


def test_a_count_with_another_year_has_that_time_and_is_not_compared():
    old = one("In 2011, some 900 people were detained in similar raids.", "en", published=date(2025, 7, 1))
    now = one("Police detained 40 people on Monday.", "en", published=date(2025, 7, 1))
    assert old.time == "2011" and now.time is None
    assert not same_scope(old, now)
    again = one("Officers detained 45 people.", "en", published=date(2025, 7, 1))
    assert same_scope(now, again)


def test_time_of_the_paragraph_carries_over():
    x = one("Over 800 people were detained.", "en", published=date(2025, 7, 1),
            preceding="Similar raids took place in 2013. ")
    assert x.time == "2013"


def test_a_part_of_a_count_is_marked():
    xs = extract_quantities("Nine people were killed, including two police officers.", "en")
    assert [(x.value_low, x.part) for x in xs if x.counted == "dead"] == [(9, False), (2, True)]
    assert not same_scope(xs[0], xs[1])


def test_russian_rise_to_is_the_new_value_not_up_to():
    x = one("Число погибших увеличилось до 140.", "ru")
    assert (x.value_low, x.value_high, x.vague, x.counted) == (140, 140, False, "dead")


def test_ages_in_a_list_are_not_counts():
    got = [(x.value_low, x.counted) for x in extract_quantities("Saxlanılan 3 nəfər 24, 31 və 40 yaşlarındadır.", "az")]
    assert got == [(3, "detained")]


@pytest.mark.parametrize("text,lang,scope", [
    ("It happened in 2006.", "en", "2006"),
    ("Between 2019 and 2022 the number grew.", "en", "2019-2022"),
    ("В прошлом году было иначе.", "ru", "2024"),
    ("Ötən il belə olmayıb.", "az", "2024"),
    ("On 28 June the police came.", "en", None),
    ("On 3 June 2024 the police came.", "en", "2024-06-03"),
])
def test_time_scope(text, lang, scope):
    (t,) = extract_times(text, lang, date(2025, 7, 1))
    assert t.scope == scope


@pytest.mark.parametrize("text", ["İLHAM Əliyev", "Iğdır İstanbul", "ΟΔΟΣ Σ", "Ёлки, ẞ and ǅ", "ABC", "", "İ"])
@pytest.mark.parametrize("lang", ["az", "ru", "en"])
def test_fold_case_is_character_by_character(text, lang):
    """fold_case keeps the length and lowers each character on its own (final sigma
    is σ, İ is i, and I is ı in Azerbaijani), whichever way it is computed."""
    from compare.extract.numbers import fold_case

    def each(ch):
        if ch == "İ":
            return "i"
        if ch == "I" and lang == "az":
            return "ı"
        return ch.lower() if len(ch.lower()) == 1 else ch

    assert fold_case(text, lang) == "".join(each(ch) for ch in text)
    assert len(fold_case(text, lang)) == len(text)
