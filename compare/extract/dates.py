"""Dates in Russian, Azerbaijani and English text, resolved against the publication date.

Handles day–month(–year) in each language ("3 September 2025", "September 3",
"3 сентября", "3 sentyabr", "sentyabrın 3-də"), numeric dates (03.09.2025,
2025-09-03), and relative expressions (yesterday / вчера / dünən, today,
weekdays "on Tuesday" / "во вторник" / "çərşənbə axşamı"), which resolve to the
latest such day on or before the publication date. A date without a year takes
the publication year, or the year before when that would put it more than a
week after publication.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from compare.extract.numbers import fold_case

__all__ = ["DateMention", "extract_dates"]


@dataclass(frozen=True)
class DateMention:
    start: int
    end: int
    text: str
    value: date | None  # None when it cannot be resolved (relative without a publication date)
    kind: str  # absolute | relative | weekday


_MONTHS = {
    "en": ["january", "february", "march", "april", "may", "june", "july", "august", "september",
           "october", "november", "december"],
    # stems matching every case form (сентября, сентябре, sentyabrın, sentyabrda)
    "ru": ["январ", "феврал", "март", "апрел", "ма[йяе]", "июн", "июл", "август", "сентябр", "октябр",
           "ноябр", "декабр"],
    "az": ["yanvar", "fevral", "mart", "aprel", "may", "iyun", "iyul", "avqust", "sentyabr", "oktyabr",
           "noyabr", "dekabr"],
}
_EN_MONTH_ABBR = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

_WEEKDAYS = {
    "en": ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"],
    "ru": ["понедельник", "вторник", "сред[ауе]", "четверг", "пятниц[ауе]", "суббот[ауе]", "воскресень[еяю]"],
    "az": ["bazar ertəsi", "çərşənbə axşamı", "çərşənbə", "cümə axşamı", "cümə", "şənbə", "bazar"],
}
# az list order differs from Monday..Sunday; map explicitly
_AZ_WEEKDAY_INDEX = {"bazar ertəsi": 0, "çərşənbə axşamı": 1, "çərşənbə": 2, "cümə axşamı": 3,
                     "cümə": 4, "şənbə": 5, "bazar": 6}

_RELATIVE = {
    "en": {"yesterday": -1, "today": 0, "the day before yesterday": -2, "last night": -1, "tonight": 0,
           "this morning": 0},
    "ru": {"вчера": -1, "сегодня": 0, "позавчера": -2, "накануне": -1},
    "az": {"dünən": -1, "bu gün": 0, "srağagün": -2, "ötən gün": -1},
}


def _month_index(word: str, language: str) -> int | None:
    w = word.lower()
    for i, stem in enumerate(_MONTHS.get(language, [])):
        if re.match(stem, w):
            return i + 1
    if language == "en":
        for i, ab in enumerate(_EN_MONTH_ABBR):
            if w.startswith(ab):
                return i + 1
    return None


def _resolve(day: int, month: int, year: int | None, published: date | None) -> date | None:
    if year is None:
        if published is None:
            return None
        year = published.year
        try:
            d = date(year, month, day)
        except ValueError:
            return None
        if d > published + timedelta(days=7):
            try:
                d = date(year - 1, month, day)
            except ValueError:
                return None
        return d
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _as_date(published) -> date | None:
    if published is None:
        return None
    if isinstance(published, datetime):
        return published.date()
    if isinstance(published, date):
        return published
    return None


def extract_dates(text: str, language: str, published=None) -> list[DateMention]:
    pub = _as_date(published)
    lang = language if language in _MONTHS else "en"
    low = fold_case(text, lang)
    out: list[DateMention] = []
    taken: list[tuple[int, int]] = []

    def add(start, end, value, kind):
        if any(s < end and start < e for s, e in taken):
            return
        taken.append((start, end))
        out.append(DateMention(start, end, text[start:end], value, kind))

    months = "|".join(_MONTHS[lang] + (_EN_MONTH_ABBR if lang == "en" else []))
    year_tail = {
        "en": r"(?:,?\s+(?P<y>\d{4}))?",
        "ru": r"(?:\s+(?P<y>\d{4})(?:\s*(?:года|году|г\.))?)?",
        "az": r"(?:\s+(?P<y>\d{4})(?:-?c[iıuü]\s+il(?:in|də|)?)?)?",
    }[lang]
    # day month (year)
    for m in re.finditer(rf"(?<!\d)(?P<d>\d{{1,2}})(?:-?(?:ci|cı|cu|cü|th|st|nd|rd))?\s+(?P<m>(?:{months})\w*){year_tail}", low):
        mi = _month_index(m.group("m"), lang)
        if mi is None:
            continue
        y = int(m.group("y")) if m.group("y") else None
        add(m.start(), m.end(), _resolve(int(m.group("d")), mi, y, pub), "absolute")
    # month day (year) — English
    if lang == "en":
        for m in re.finditer(rf"\b(?P<m>(?:{months})\w*\.?)\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(?P<y>\d{{4}}))?", low):
            mi = _month_index(m.group("m"), lang)
            if mi is None:
                continue
            y = int(m.group("y")) if m.group("y") else None
            add(m.start(), m.end(), _resolve(int(m.group("d")), mi, y, pub), "absolute")
    # Azerbaijani "sentyabrın 3-də", "iyunun 27-də"
    if lang == "az":
        for m in re.finditer(rf"\b(?P<m>(?:{months})\w*)\s+(?P<d>\d{{1,2}})-?(?:[dt][aə]|s[iı]|[iıuü]|n[ıiuü]|d[aə]n)?\b", low):
            mi = _month_index(m.group("m"), lang)
            if mi is None:
                continue
            add(m.start(), m.end(), _resolve(int(m.group("d")), mi, None, pub), "absolute")
    # numeric dates
    for m in re.finditer(r"\b(?P<d>\d{1,2})\.(?P<mo>\d{1,2})\.(?P<y>\d{4})\b", low):
        add(m.start(), m.end(), _resolve(int(m.group("d")), int(m.group("mo")), int(m.group("y")), pub), "absolute")
    for m in re.finditer(r"\b(?P<y>\d{4})-(?P<mo>\d{2})-(?P<d>\d{2})\b", low):
        add(m.start(), m.end(), _resolve(int(m.group("d")), int(m.group("mo")), int(m.group("y")), pub), "absolute")
    # relative days
    for word, delta in sorted(_RELATIVE[lang].items(), key=lambda kv: -len(kv[0])):
        for m in re.finditer(rf"(?<!\w){re.escape(word)}(?!\w)", low):
            add(m.start(), m.end(), pub + timedelta(days=delta) if pub else None, "relative")
    # weekdays
    names = _WEEKDAYS[lang]
    for i, name in enumerate(names):
        for m in re.finditer(rf"(?<!\w){name}\w*", low):
            if lang == "ru" and not re.search(r"(?:во?|в)\s+$", low[max(0, m.start() - 3):m.start()]):
                continue  # "среда" alone is also "environment"; require "в/во"
            idx = _AZ_WEEKDAY_INDEX[name] if lang == "az" else i
            value = None
            if pub is not None:
                back = (pub.weekday() - idx) % 7
                value = pub - timedelta(days=back)
            add(m.start(), m.end(), value, "weekday")
    out.sort(key=lambda d: d.start)
    return out
