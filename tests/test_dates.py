"""Publication dates in the forms news pages use."""
from datetime import datetime, timezone

import pytest

from compare.corpus.dates import parse_date

UTC = timezone.utc
REF = datetime(2025, 7, 1, 10, 0, tzinfo=UTC)  # 13:00 in Moscow, 14:00 in Baku


@pytest.mark.parametrize("raw,zone,expected", [
    ("2025-06-30", "Europe/Moscow", datetime(2025, 6, 30, tzinfo=UTC)),
    ("2025-06-30T14:20:00+03:00", "UTC", datetime(2025, 6, 30, 11, 20, tzinfo=UTC)),
    ("2025-06-30T11:20:00Z", "Europe/Moscow", datetime(2025, 6, 30, 11, 20, tzinfo=UTC)),
    ("2025-06-30 14:20", "Europe/Moscow", datetime(2025, 6, 30, 11, 20, tzinfo=UTC)),
    ("2025-06-30 13:50 UTC", "Asia/Baku", datetime(2025, 6, 30, 13, 50, tzinfo=UTC)),
    ("30 июня 2025", "Europe/Moscow", datetime(2025, 6, 30, tzinfo=UTC)),
    ("30 июня 2025 г., 14:20", "Europe/Moscow", datetime(2025, 6, 30, 11, 20, tzinfo=UTC)),
    ("1 мая 2025 года в 9:05", "Europe/Moscow", datetime(2025, 5, 1, 6, 5, tzinfo=UTC)),
    ("3 марта 2025", "UTC", datetime(2025, 3, 3, tzinfo=UTC)),
    ("15 янв. 2025", "UTC", datetime(2025, 1, 15, tzinfo=UTC)),
    ("4 сентября 2025, 10:15", "Europe/Moscow", datetime(2025, 9, 4, 7, 15, tzinfo=UTC)),
    ("30 iyun 2025-ci il", "Asia/Baku", datetime(2025, 6, 30, tzinfo=UTC)),
    ("30 iyun 2025-ci il, 14:20", "Asia/Baku", datetime(2025, 6, 30, 10, 20, tzinfo=UTC)),
    ("5 sentyabr 2025", "Asia/Baku", datetime(2025, 9, 5, tzinfo=UTC)),
    ("12 avqust 2025, 09:00", "Asia/Baku", datetime(2025, 8, 12, 5, 0, tzinfo=UTC)),
    ("30.06.2025", "Europe/Moscow", datetime(2025, 6, 30, tzinfo=UTC)),
    ("30.06.2025 14:20", "Europe/Moscow", datetime(2025, 6, 30, 11, 20, tzinfo=UTC)),
    ("04.09.2025 | 12:30", "Asia/Baku", datetime(2025, 9, 4, 8, 30, tzinfo=UTC)),
    ("June 30, 2025", "UTC", datetime(2025, 6, 30, tzinfo=UTC)),
    ("Jun 30, 2025 2:20 PM", "UTC", datetime(2025, 6, 30, 14, 20, tzinfo=UTC)),
    ("Sunday, 7 September 2025", "UTC", datetime(2025, 9, 7, tzinfo=UTC)),
    ("30 June 2025 14:20 GMT", "Europe/Moscow", datetime(2025, 6, 30, 14, 20, tzinfo=UTC)),
    ("30 июня 2025, 14:20 МСК", "UTC", datetime(2025, 6, 30, 11, 20, tzinfo=UTC)),
])
def test_absolute_dates(raw, zone, expected):
    assert parse_date(raw, timezone=zone) == expected


@pytest.mark.parametrize("raw,zone,expected", [
    ("вчера, 14:20", "Europe/Moscow", datetime(2025, 6, 30, 11, 20, tzinfo=UTC)),
    ("сегодня", "Europe/Moscow", datetime(2025, 7, 1, tzinfo=UTC)),
    ("сегодня в 09:15", "Europe/Moscow", datetime(2025, 7, 1, 6, 15, tzinfo=UTC)),
    ("позавчера", "Europe/Moscow", datetime(2025, 6, 29, tzinfo=UTC)),
    ("2 часа назад", "Europe/Moscow", datetime(2025, 7, 1, 8, 0, tzinfo=UTC)),
    ("15 минут назад", "Europe/Moscow", datetime(2025, 7, 1, 9, 45, tzinfo=UTC)),
    ("dünən", "Asia/Baku", datetime(2025, 6, 30, tzinfo=UTC)),
    ("dünən, 18:00", "Asia/Baku", datetime(2025, 6, 30, 14, 0, tzinfo=UTC)),
    ("bu gün", "Asia/Baku", datetime(2025, 7, 1, tzinfo=UTC)),
    ("3 saat əvvəl", "Asia/Baku", datetime(2025, 7, 1, 7, 0, tzinfo=UTC)),
    ("yesterday", "UTC", datetime(2025, 6, 30, tzinfo=UTC)),
    ("2 hours ago", "UTC", datetime(2025, 7, 1, 8, 0, tzinfo=UTC)),
    ("3 days ago", "UTC", datetime(2025, 6, 28, 10, 0, tzinfo=UTC)),
])
def test_relative_dates(raw, zone, expected):
    assert parse_date(raw, reference=REF, timezone=zone) == expected


def test_relative_date_near_midnight_uses_the_local_day():
    # 22:30 UTC on 30 June is already 1 July in Baku: "yesterday" there is 30 June.
    ref = datetime(2025, 6, 30, 22, 30, tzinfo=UTC)
    assert parse_date("dünən", reference=ref, timezone="Asia/Baku") == datetime(2025, 6, 30, tzinfo=UTC)
    assert parse_date("yesterday", reference=ref, timezone="UTC") == datetime(2025, 6, 29, tzinfo=UTC)


def test_relative_without_reference_and_garbage_give_none():
    assert parse_date("вчера", reference=None) is None
    assert parse_date("не дата") is None
    assert parse_date("") is None
    assert parse_date("31.02.2025") is None


def test_date_objects_pass_through():
    from datetime import date

    assert parse_date(date(2025, 6, 30)) == datetime(2025, 6, 30, tzinfo=UTC)
    assert parse_date(datetime(2025, 6, 30, 14, 20), timezone="Europe/Moscow") == datetime(2025, 6, 30, 11, 20, tzinfo=UTC)


@pytest.mark.parametrize("raw,expected", [
    ("18:20, 3 сентября 2025", datetime(2025, 9, 3, 15, 20, tzinfo=UTC)),
    ("3 сентября, 18:20", datetime(2025, 9, 3, 15, 20, tzinfo=UTC)),
    ("30 декабря", datetime(2024, 12, 30, tzinfo=UTC)),  # seen in September: last December
    ("Wed, 03 Sep 2025 16:05:00 GMT", datetime(2025, 9, 3, 16, 5, tzinfo=UTC)),
    ("2025-09-03T16:05:00.000+0300", datetime(2025, 9, 3, 13, 5, tzinfo=UTC)),
    ("Sept. 3, 2025", datetime(2025, 9, 3, tzinfo=UTC)),
])
def test_time_first_and_yearless_dates(raw, expected):
    ref = datetime(2025, 9, 5, 10, 0, tzinfo=UTC)
    assert parse_date(raw, reference=ref, timezone="Europe/Moscow") == expected


def test_yearless_date_needs_a_reference():
    assert parse_date("3 сентября, 18:20", reference=None) is None


def test_a_sentence_is_read_for_dates_once(monkeypatch):
    """extract_dates remembers its answer per (text, language, date): the second
    call does not read the text again, and each caller gets a list of its own."""
    from datetime import date

    import compare.extract.dates as dates
    from compare.extract.dates import extract_dates

    dates._dates.cache_clear()
    calls = []
    real = dates._extract_dates
    monkeypatch.setattr(dates, "_extract_dates", lambda *a: calls.append(a) or real(*a))
    text, pub = "Police said on Tuesday that 3 September was the deadline.", date(2025, 9, 4)
    first = extract_dates(text, "en", pub)
    first.clear()
    again = extract_dates(text, "en", datetime(2025, 9, 4, 12))  # the same day
    assert len(calls) == 1 and [d.text for d in again] == ["Tuesday", "3 September"]
    assert extract_dates(text, "en", date(2025, 9, 10)) != again and len(calls) == 2
