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
from functools import lru_cache

from compare.extract.numbers import fold_case

__all__ = ["DateMention", "TimeMention", "extract_dates", "extract_times"]


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
    """The date mentions of ``text``; relative ones ("yesterday") are resolved
    against the ``published`` date. A sentence is read for dates by several
    steps of analyze, so the result is remembered per (text, language, date)."""
    return list(_dates(text, language if language in _MONTHS else "en", _as_date(published)))


@lru_cache(maxsize=50_000)
def _dates(text: str, lang: str, pub: date | None) -> tuple[DateMention, ...]:
    return tuple(_extract_dates(text, lang, pub))


def _extract_dates(text: str, lang: str, pub: date | None) -> list[DateMention]:
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
    # Ranges first ("August 7–8", "7–8 августа", "avqustun 7-8-də"): both days are
    # stated, so a report of the 8th does not differ from one of "7–8 August".
    dash = r"\s*[–—-]\s*"
    az_sfx = r"(?:-?(?:[dt][aə]|s[iı]|[iıuü]|n[ıiuü]|d[aə]n))?"
    ranges = [rf"(?<!\d)(?P<d1>\d{{1,2}}){dash}(?P<d2>\d{{1,2}})(?:-?(?:ci|cı|cu|cü|th|st|nd|rd))?\s+(?P<m>(?:{months})\w*){year_tail}"]
    if lang == "en":
        ranges.append(rf"\b(?P<m>(?:{months})\w*\.?)\s+(?P<d1>\d{{1,2}}){dash}(?P<d2>\d{{1,2}})\b(?:,?\s+(?P<y>\d{{4}}))?")
    if lang == "az":
        ranges.append(rf"\b(?P<m>(?:{months})\w*)\s+(?P<d1>\d{{1,2}}){dash}(?P<d2>\d{{1,2}}){az_sfx}\b")
    for pattern in ranges:
        for m in re.finditer(pattern, low):
            mi = _month_index(m.group("m"), lang)
            d1, d2 = int(m.group("d1")), int(m.group("d2"))
            if mi is None or not d1 < d2:
                continue
            y = int(m.group("y")) if "y" in m.groupdict() and m.group("y") else None
            add(m.start(), m.end("d1"), _resolve(d1, mi, y, pub), "absolute")
            add(m.start("d2"), m.end(), _resolve(d2, mi, y, pub), "absolute")
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


# --------------------------------------------------------------------------- time scope of counts
# How far from the publication date a dated day still belongs to the reported
# present: a toll "as of 27 March" in an article of 5 April is an update of the
# same story, a raid "on 3 June 2024" in an article of June 2025 is another time.
PRESENT_DAYS_BEFORE = 31
PRESENT_DAYS_AFTER = 7


@dataclass(frozen=True)
class TimeMention:
    """A time expression and the scope it gives a count stated with it.

    ``scope`` is None for the reported present (a day near the publication
    date, "yesterday", "on Friday", the publication month); otherwise a year
    ("2006"), a span of years ("2021-2025"), a month ("2025-04"), a span of
    months ("2025-01/2025-05"), a day ("2024-12-29"), a decade ("1990s"), or,
    without a publication date to resolve it, a relative marker ("last year",
    "3 years ago").
    """
    start: int
    end: int
    text: str
    scope: str | None


_YEAR = r"(?:1[89]\d\d|20\d\d)"
# English words before a bare year that make it a year ("in 2006", "the 2024 raids", "since 2021")
_EN_YEAR_BEFORE = re.compile(
    r"(?:\b(?:in|since|by|during|until|till|before|after|from|of|early|late|mid|the|spring|summer|autumn|fall|"
    r"winter|year|around|circa|between|and|to|through|throughout)\s*-?|[(,]\s*|^\s*)$")
# Nouns right after a four-digit number that make it a count, not a year ("1960 troops").
_COUNT_NOUN_AFTER = re.compile(
    r"\s+(?:people|persons|men|women|children|troops|soldiers|servicemen|peacekeepers|refugees|migrants|"
    r"человек|людей|военн|миротвор|солдат|беженц|мигрант|nəfər|əsgər|hərbçi|hərbi\s+qulluqçu|qaçqın|köçkün|miqrant)",
    re.I)
_RELATIVE_TIMES = {
    # phrase (regular expression) -> (unit, offset): year -1 is last year
    "en": [(r"(?:earlier\s+|later\s+)?this\s+year", ("year", 0)), (r"(?:late\s+|early\s+)?last\s+year", ("year", -1)),
           (r"the\s+year\s+before\s+last", ("year", -2)), (r"this\s+month", ("month", 0)),
           (r"last\s+month", ("month", -1)), (r"a\s+year\s+ago", ("year", -1)), (r"a\s+decade\s+ago", ("year", -10))],
    "ru": [(r"в\s+(?:этом|текущем|нынешнем)\s+году", ("year", 0)), (r"в\s+(?:прошлом|минувшем|прошедшем)\s+году", ("year", -1)),
           (r"в\s+позапрошлом\s+году", ("year", -2)), (r"в\s+(?:этом|текущем)\s+месяце", ("month", 0)),
           (r"в\s+(?:прошлом|минувшем)\s+месяце", ("month", -1)), (r"год\s+назад", ("year", -1))],
    "az": [(r"bu\s+il(?:in)?", ("year", 0)), (r"(?:ötən|keçən)\s+il(?:in)?", ("year", -1)),
           (r"bu\s+ay(?:ın)?", ("month", 0)), (r"(?:ötən|keçən)\s+ay(?:ın)?", ("month", -1)),
           (r"bir\s+il\s+(?:əvvəl|öncə)", ("year", -1))],
}
# "N years ago" with N in digits or small words
_YEARS_AGO = {
    "en": re.compile(r"(?<!\w)(?P<n>\d{1,3}|two|three|four|five|six|seven|eight|nine|ten|twenty|thirty)\s+years\s+ago(?!\w)"),
    "ru": re.compile(r"(?<!\w)(?P<n>\d{1,3}|два|две|три|четыре|пять|шесть|семь|восемь|девять|десять|двадцать|тридцать)"
                     r"\s+(?:года|лет)\s+назад(?!\w)"),
    "az": re.compile(r"(?<!\w)(?P<n>\d{1,3}|iki|üç|dörd|beş|altı|yeddi|səkkiz|doqquz|on|iyirmi|otuz)\s+il\s+(?:əvvəl|öncə)(?!\w)"),
}
_SMALL = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
          "twenty": 20, "thirty": 30, "два": 2, "две": 2, "три": 3, "четыре": 4, "пять": 5, "шесть": 6, "семь": 7,
          "восемь": 8, "девять": 9, "десять": 10, "двадцать": 20, "тридцать": 30, "iki": 2, "üç": 3, "dörd": 4,
          "beş": 5, "altı": 6, "yeddi": 7, "səkkiz": 8, "doqquz": 9, "on": 10, "iyirmi": 20, "otuz": 30}


def _time_patterns(language: str) -> list[tuple[str, re.Pattern]]:
    """(kind, pattern) pairs, most specific first. Groups: a/b years of a span, m/m1/m2 months, y/y1/y2 years, d decade."""
    months = "|".join(_MONTHS[language] + (_EN_MONTH_ABBR if language == "en" else []))
    m = rf"(?:{months})\w*\.?"
    y = _YEAR
    if language == "en":
        pats = [
            ("months", rf"\b(?:between|from)\s+(?P<m1>{m})(?:\s+(?P<y1>{y}))?\s+(?:and|to|until|till|through)\s+(?P<m2>{m})(?:,?\s+(?P<y2>{y}))?"),
            ("span", rf"\b(?:between|from)\s+(?P<a>{y})\s+(?:and|to|until|till|through)\s+(?P<b>{y})\b"),
            ("span", rf"(?<![\d\-.,])(?P<a>{y})\s*[-–—/]\s*(?P<b>{y}|\d\d)(?![\d\-])"),
            ("since", rf"\bsince\s+(?P<a>{y})\b"),
            ("decade", rf"(?<![\d\-])(?P<d>1[89]\d0|20\d0)'?s\b"),
            ("month", rf"\b(?P<m>{m})\s+(?P<y>{y})\b"),
            ("month", rf"\b(?:in|during|since|by|early|late|mid-?|until)\s+(?P<m>{m})(?![\w])"),
            ("year", rf"(?<![\d\-.,$€₽£])(?P<y>{y})(?![\d\-%]|[.,]\d|\s*(?:%|per\s*cent))"),
        ]
    elif language == "ru":
        g = r"(?:\s*(?:-?м\s+)?(?:год\w*|гг?\.))"
        pats = [
            ("months", rf"(?:с|от)\s+(?P<m1>{m})(?:\s+(?P<y1>{y}){g}?)?\s+(?:по|до)\s+(?P<m2>{m})(?:\s+(?P<y2>{y}))?"),
            ("span", rf"(?:с|от)\s+(?P<a>{y}){g}?\s+(?:по|до)\s+(?P<b>{y}){g}?"),
            ("span", rf"(?<![\d\-.,])(?P<a>{y})\s*[-–—]\s*(?P<b>{y}){g}?"),
            ("since", rf"(?:начиная\s+)?с\s+(?P<a>{y}){g}"),
            ("decade", rf"(?P<d>1[89]\d0|20\d0)-(?:х|е|ые|ых)"),
            ("month", rf"(?P<m>{m})\s+(?P<y>{y}){g}?"),
            ("month", rf"(?<!\w)в\s+(?P<m>{m})(?!\w)"),
            ("year", rf"(?<![\d\-.,])(?P<y>{y}){g}"),
            ("year", rf"(?<!\w)в\s+(?P<y>{y})-м(?!\w)"),
        ]
    else:
        c = r"(?:-?(?:c|ç)[iıuü])"
        pats = [
            ("months", rf"(?P<m1>{m})\s*[-–—]\s*(?P<m2>{m})\s+ay"),
            ("span", rf"(?P<a>{y}){c}?\s+ildən\s+(?P<b>{y}){c}?\s+il"),
            ("span", rf"(?<![\d\-.,])(?P<a>{y})\s*[-–—]\s*(?P<b>{y}){c}?\s+il"),
            ("since", rf"(?P<a>{y}){c}?\s+ildən\s+(?:bəri|etibarən)"),
            ("decade", rf"(?P<d>1[89]\d0|20\d0){c}?\s+illər"),
            ("month", rf"(?P<y>{y}){c}?\s+ilin\s+(?P<m>{m})"),
            ("month", rf"(?P<m>{m})\s+(?P<y>{y})"),
            ("month", rf"(?<!\w)(?P<m>{m})\s+ay\w*"),
            ("year", rf"(?<![\d\-.,])(?P<y>{y}){c}?\s+il\w*"),
            ("year", rf"(?<![\d\-.,])(?P<y>{y})-?(?:[dt][aə])(?!\w)"),
        ]
    return [(kind, re.compile(p)) for kind, p in pats]


_TIME_PATTERNS: dict[str, list] = {}


def _shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    k = year * 12 + (month - 1) + delta
    return k // 12, k % 12 + 1


# A year that names a thing rather than dating the clause: "the 2003 killing",
# "по делу об убийстве 2003 года". It dates its noun, not the count beside it
# ("nine people were detained in connection with the 2003 killing").
_EN_ATTRIBUTIVE = re.compile(r"\b(?:the|a|an|its|this|that|his|her|their)\s+$")
_RU_TEMPORAL_BEFORE = re.compile(
    r"(?:\b(?:в|во|с|со|до|после|к|от|на|за|по|около|между|и|начале|конце|середине|начала|конца|середины|"
    r"весной|летом|осенью|зимой|году|год)\s+|[(,.:;—–-]\s*|^\s*)$")


def _attributive_year(low: str, start: int, end: int, lang: str) -> bool:
    before = low[max(0, start - 24):start]
    if lang == "en":
        return bool(_EN_ATTRIBUTIVE.search(before)) and bool(re.match(r"\s+[a-z]", low[end:end + 3]))
    if lang == "ru":
        genitive = low[start:end].rstrip().endswith("года") or bool(re.match(r"\s*года\b", low[end:end + 8]))
        return genitive and not _RU_TEMPORAL_BEFORE.search(before)
    return False


def extract_times(text: str, language: str, published=None) -> list[TimeMention]:
    """Time expressions of ``text`` with the scope each gives a count (see :class:`TimeMention`).

    Days (every form :func:`extract_dates` reads) are the reported present
    within ``PRESENT_DAYS_BEFORE`` days before and ``PRESENT_DAYS_AFTER`` after
    publication, or always when the publication date is unknown; a month is
    the present when it is the publication month. Years, spans, decades and
    relative years are never the present: a count for a year or a span is not
    a count of one day's event.
    """
    pub = _as_date(published)
    lang = language if language in _MONTHS else "en"
    low = fold_case(text, lang)
    if lang not in _TIME_PATTERNS:
        _TIME_PATTERNS[lang] = _time_patterns(lang)
    out: list[TimeMention] = []
    taken: list[tuple[int, int]] = []

    def add(start: int, end: int, scope: str | None) -> None:
        if any(s < end and start < e for s, e in taken):
            return
        taken.append((start, end))
        out.append(TimeMention(start, end, text[start:end], scope))

    def month_of(word: str | None) -> int | None:
        return _month_index(word.rstrip("."), lang) if word else None

    # days first: "3 September 2025" is a day, not a month of a year
    for d in extract_dates(text, lang, pub):
        if d.kind != "absolute" or d.value is None or pub is None:
            add(d.start, d.end, None)
        elif -PRESENT_DAYS_BEFORE <= (d.value - pub).days <= PRESENT_DAYS_AFTER:
            add(d.start, d.end, None)
        else:
            add(d.start, d.end, d.value.isoformat())
    for kind, rx in _TIME_PATTERNS[lang]:
        for m in rx.finditer(low):
            g = m.groupdict()
            if kind == "months":
                m1, m2 = month_of(g["m1"]), month_of(g["m2"])
                y2 = int(g["y2"]) if g.get("y2") else (pub.year if pub else None)
                y1 = int(g["y1"]) if g.get("y1") else y2
                if m1 is None or m2 is None or y1 is None:
                    continue
                add(m.start(), m.end(), f"{y1:04d}-{m1:02d}/{y2:04d}-{m2:02d}")
            elif kind == "span":
                a, b = g["a"], g["b"]
                b = a[:2] + b if len(b) == 2 else b
                if int(b) <= int(a):
                    continue
                add(m.start(), m.end(), f"{a}-{b}")
            elif kind == "since":
                add(m.start(), m.end(), f"{g['a']}-{pub.year}" if pub and pub.year > int(g["a"]) else f"{g['a']}-")
            elif kind == "decade":
                add(m.start(), m.end(), f"{g['d']}s")
            elif kind == "month":
                mi = month_of(g["m"])
                if mi is None:
                    continue
                if g.get("y"):
                    y = int(g["y"])
                elif pub is not None:
                    y = pub.year if mi <= pub.month else pub.year - 1
                else:
                    continue
                present = pub is not None and (y, mi) == (pub.year, pub.month)
                add(m.start(), m.end(), None if present else f"{y:04d}-{mi:02d}")
            elif kind == "year":
                if lang == "en" and (not _EN_YEAR_BEFORE.search(low[max(0, m.start() - 12):m.start()])
                                     or _COUNT_NOUN_AFTER.match(low, m.end())):
                    continue
                if _attributive_year(low, m.start(), m.end(), lang):
                    continue
                add(m.start(), m.end(), g["y"])
    for phrase, (unit, delta) in _RELATIVE_TIMES[lang]:
        for m in re.finditer(rf"(?<!\w){phrase}(?!\w)", low):
            if pub is None:
                add(m.start(), m.end(), re.sub(r"\s+", " ", text[m.start():m.end()].lower()))
            elif unit == "year":
                add(m.start(), m.end(), str(pub.year + delta))
            else:
                y, mo = _shift_month(pub.year, pub.month, delta)
                add(m.start(), m.end(), None if delta == 0 else f"{y:04d}-{mo:02d}")
    for m in _YEARS_AGO[lang].finditer(low):
        n = m.group("n")
        n = int(n) if n.isdigit() else _SMALL.get(n)
        if n is None:
            continue
        add(m.start(), m.end(), str(pub.year - n) if pub else f"{n} years ago")
    out.sort(key=lambda t: t.start)
    return out
