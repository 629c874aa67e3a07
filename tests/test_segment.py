"""Sentence segmentation: offsets and tricky cases in Russian, Azerbaijani and English."""
import pytest

from compare.segment import segment, split_sentences


def check_offsets(text, language):
    spans = segment(text, language)
    for s, e in spans:
        assert text[s:e] == text[s:e].strip() and text[s:e]
    assert spans == sorted(spans)
    return [text[s:e] for s, e in spans]


RU = [
    ("И. И. Петров прибыл в г. Екатеринбург. Его встретили.",
     ["И. И. Петров прибыл в г. Екатеринбург.", "Его встретили."]),
    ("Это случилось в 2025 г. Потом всё изменилось.",
     ["Это случилось в 2025 г.", "Потом всё изменилось."]),
    ("Он живёт на ул. Ленина, д. 5. Соседи его знают.",
     ["Он живёт на ул. Ленина, д. 5.", "Соседи его знают."]),
    ("Школа им. Пушкина закрыта. Ученики дома.", ["Школа им. Пушкина закрыта.", "Ученики дома."]),
    ("Задержали мигрантов, торговцев и т. д. Всего около 50 человек.",
     ["Задержали мигрантов, торговцев и т. д.", "Всего около 50 человек."]),
    ("Ущерб составил 3,5 млн. руб. и будет возмещён.", ["Ущерб составил 3,5 млн. руб. и будет возмещён."]),
    ("Речь о деньгах, т.е. о зарплате. Так сказал он.", ["Речь о деньгах, т.е. о зарплате.", "Так сказал он."]),
    ("Кировский р-н. известен рынком. Там тихо.", ["Кировский р-н. известен рынком.", "Там тихо."]),
    ("«Мы не уйдём», — сказал он. Затем ушёл.", ["«Мы не уйдём», — сказал он.", "Затем ушёл."]),
    ("«Куда?» — спросил он. Никто не ответил.", ["«Куда?» — спросил он.", "Никто не ответил."]),
    ("«Это недопустимо». Так заявил омбудсмен.", ["«Это недопустимо».", "Так заявил омбудсмен."]),
    ("Он сказал: «Всё кончено.» Потом замолчал.", ["Он сказал: «Всё кончено.»", "Потом замолчал."]),
    ("Цитата: „Мы ждём“. Ответа нет.", ["Цитата: „Мы ждём“.", "Ответа нет."]),
    ("Температура 36.6 градуса. Всё хорошо.", ["Температура 36.6 градуса.", "Всё хорошо."]),
    ("Он молчал... Потом заговорил.", ["Он молчал...", "Потом заговорил."]),
    ("Он молчал… и думал.", ["Он молчал… и думал."]),
    ("Сколько их? Никто не знает! Правда.", ["Сколько их?", "Никто не знает!", "Правда."]),
    ("Учёные, врачи, инженеры и др. Все пришли.", ["Учёные, врачи, инженеры и др.", "Все пришли."]),
    ("Он ушёл. — Куда? — спросила она. — Домой.", ["Он ушёл.", "— Куда? — спросила она.", "— Домой."]),
    ("«Как?!» — воскликнул он. Никто не ответил.", ["«Как?!» — воскликнул он.", "Никто не ответил."]),
    ("В 1990-х гг. рынок вырос. Сейчас он закрыт.", ["В 1990-х гг. рынок вырос.", "Сейчас он закрыт."]),
    ("Он родился в 1967 г. в Газахе. Переехал в 1995 г. В Лисогорске жил с тех пор.",
     ["Он родился в 1967 г. в Газахе.", "Переехал в 1995 г.", "В Лисогорске жил с тех пор."]),
]

AZ = [
    ("R. Əliyev bəyanat verib. Sonra jurnalistlərə müraciət edib.",
     ["R. Əliyev bəyanat verib.", "Sonra jurnalistlərə müraciət edib."]),
    ("Prof. Məmmədov çıxış etdi. Dos. Həsənova da danışdı.",
     ["Prof. Məmmədov çıxış etdi.", "Dos. Həsənova da danışdı."]),
    ("Nizami küç. 5 ünvanında yaşayır. Qonşular tanıyır.",
     ["Nizami küç. 5 ünvanında yaşayır.", "Qonşular tanıyır."]),
    ("Kitablar, qəzetlər və s. O gəldi.", ["Kitablar, qəzetlər və s.", "O gəldi."]),
    ("Bəzi şəhərlər, məs. Gəncə, təsirlənib. Digərləri yox.",
     ["Bəzi şəhərlər, məs. Gəncə, təsirlənib.", "Digərləri yox."]),
    ("\"Biz susmayacağıq\", — o deyib. Sonra ayrılıb.", ["\"Biz susmayacağıq\", — o deyib.", "Sonra ayrılıb."]),
    ("Neftçilər pr. 12 ünvanında, Azadlıq b. yaxınlığında toplaşıblar. Polis gəlib.",
     ["Neftçilər pr. 12 ünvanında, Azadlıq b. yaxınlığında toplaşıblar.", "Polis gəlib."]),
    ("Zərər 2.5 mln. manat təşkil edib. İstintaq davam edir.",
     ["Zərər 2.5 mln. manat təşkil edib.", "İstintaq davam edir."]),
    ("Ş. Məmmədova və İ. Quliyev gəldilər. Görüş başladı.",
     ["Ş. Məmmədova və İ. Quliyev gəldilər.", "Görüş başladı."]),
    ("Bəyanatda deyilir: «Biz etiraz edirik». Sonra görüş olub.",
     ["Bəyanatda deyilir: «Biz etiraz edirik».", "Sonra görüş olub."]),
]

EN = [
    ("Mr. Smith met Dr. Jones at St. Mary's. They talked.",
     ["Mr. Smith met Dr. Jones at St. Mary's.", "They talked."]),
    ("U.S. officials declined to comment. The embassy was closed.",
     ["U.S. officials declined to comment.", "The embassy was closed."]),
    ("He moved to the U.S. The move was hard.", ["He moved to the U.S.", "The move was hard."]),
    ("The raid began on Jan. 5 at dawn. Police said little.",
     ["The raid began on Jan. 5 at dawn.", "Police said little."]),
    ("J. Smith and R. K. Brown signed it. Nobody objected.",
     ["J. Smith and R. K. Brown signed it.", "Nobody objected."]),
    ("\"Go.\" he said. She went.", ["\"Go.\" he said.", "She went."]),
    ("\"They were beaten,\" he said. \"We saw them.\" Then he cried.",
     ["\"They were beaten,\" he said.", "\"We saw them.\"", "Then he cried."]),
    ("Prices rose 2.5 percent. Wages did not.", ["Prices rose 2.5 percent.", "Wages did not."]),
    ("Apples, pears, etc. are sold here. Buy some.", ["Apples, pears, etc. are sold here.", "Buy some."]),
    ("“Why?” asked the reporter. No answer came.", ["“Why?” asked the reporter.", "No answer came."]),
    ("Wait... What happened? Nobody knows.", ["Wait...", "What happened?", "Nobody knows."]),
    ("Room No. 5 was empty. Nobody came.", ["Room No. 5 was empty.", "Nobody came."]),
    ("Mr. and Mrs. Smith arrived at 5 p.m. They left at 9 p.m. on Friday.",
     ["Mr. and Mrs. Smith arrived at 5 p.m.", "They left at 9 p.m. on Friday."]),
    ("LISOGORSK, Russia, Sept 3 (Meridian) - Two men died. Police denied it.",
     ["LISOGORSK, Russia, Sept 3 (Meridian) - Two men died.", "Police denied it."]),
]


@pytest.mark.parametrize("text,expected", RU)
def test_russian(text, expected):
    assert check_offsets(text, "ru") == expected


@pytest.mark.parametrize("text,expected", AZ)
def test_azerbaijani(text, expected):
    assert check_offsets(text, "az") == expected


@pytest.mark.parametrize("text,expected", EN)
def test_english(text, expected):
    assert check_offsets(text, "en") == expected


def test_paragraph_break_always_ends_a_sentence():
    text = "Заголовок без точки\n\nПервый абзац, у которого нет точки в конце\n\nПроф. Иванов пришёл."
    assert check_offsets(text, "ru") == [
        "Заголовок без точки", "Первый абзац, у которого нет точки в конце", "Проф. Иванов пришёл.",
    ]


def test_abbreviation_at_paragraph_end_does_not_join_paragraphs():
    text = "Он живёт на ул.\n\nНовый абзац."
    assert split_sentences(text, "ru") == ["Он живёт на ул.", "Новый абзац."]


def test_offsets_cover_the_text_with_surrounding_whitespace():
    text = "  Первое.   Второе!  \n\n  Third one?  "
    spans = segment(text, "ru")
    assert [text[s:e] for s, e in spans] == ["Первое.", "Второе!", "Third one?"]
    assert spans[0][0] == 2


def test_empty_and_whitespace():
    assert segment("", "ru") == []
    assert segment(" \n\n ", "en") == []


from hypothesis import given, settings, strategies as st  # noqa: E402

_ALPHABET = st.sampled_from(list("аб Вг. Əə!? «»\"“”—-.…\n 1,2 т.д U.S Mr.ул.") + ["\n\n", " ", ". "])


@settings(max_examples=200, deadline=None)
@given(st.lists(_ALPHABET, max_size=80).map("".join))
def test_spans_cover_every_visible_character_once(text):
    spans = segment(text, "ru")
    covered = [0] * len(text)
    last_end = -1
    for s, e in spans:
        assert last_end <= s < e
        assert text[s:e] == text[s:e].strip()
        assert "\n" not in text[s:e]
        last_end = e
        for k in range(s, e):
            covered[k] += 1
    for k, ch in enumerate(text):
        assert covered[k] == (0 if ch.isspace() and covered[k] == 0 else 1)
        assert ch.isspace() or covered[k] == 1  # no visible character is lost
