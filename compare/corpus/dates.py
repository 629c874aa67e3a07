"""Publication dates as news pages write them, to UTC.

``parse_date(raw, reference=None, timezone="UTC")`` understands

* ISO 8601 (``2025-06-30``, ``2025-06-30T14:20:00+03:00``, ``...Z``);
* day-first numeric dates: ``30.06.2025``, ``30/06/2025``, ``30.06.2025 14:20``;
* English: ``June 30, 2025``, ``30 June 2025``, ``Mon, Jun 30, 2025 2:20 PM``;
* Russian month names in any case: ``30 июня 2025``, ``30 июня 2025 г., 14:20``,
  ``30 июн. 2025 в 14:20``;
* Azerbaijani: ``30 iyun 2025``, ``30 iyun 2025-ci il, 14:20``, ``30 iyun 2025-ci il``;
* a time before the date (``18:20, 3 сентября 2025``) and a date without a
  year (``3 сентября, 18:20``: the year of ``reference``, or the year before
  when that would put the date in the future);
* relative forms, measured from ``reference`` (when the page was saved):
  ``сегодня``, ``вчера, 14:20``, ``позавчера``, ``2 часа назад``, ``bu gün``,
  ``dünən 14:20``, ``3 saat əvvəl``, ``today``, ``yesterday``, ``2 hours ago``.

Time zones: an explicit offset or ``Z``/``UTC``/``GMT``/``MSK`` wins; otherwise
a time of day is taken in ``timezone`` (the outlet country's zone: RU ->
Europe/Moscow, AZ -> Asia/Baku, else UTC). A date without a time of day is
stored as 00:00 UTC of that calendar day, so the date as written survives the
conversion (midnight Moscow would otherwise become the previous day in UTC).
"""
from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone as dt_timezone
from zoneinfo import ZoneInfo

UTC = dt_timezone.utc

_MONTHS = {
    # English
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "oct": 10, "nov": 11, "dec": 12,
    # Russian stems (all cases: января, январе, январь, ...)
    "янв": 1, "фев": 2, "мар": 3, "апр": 4, "мая": 5, "май": 5, "мае": 5, "маю": 5,
    "маем": 5, "июн": 6, "июл": 7, "авг": 8, "сен": 9, "окт": 10, "ноя": 11, "дек": 12,
    # Azerbaijani (yanvar, fevral, mart, aprel, may, iyun, iyul, avqust, sentyabr, ...)
    "yan": 1, "fev": 2, "iyun": 6, "iyul": 7, "avq": 8, "sent": 9,
    "okt": 10, "noy": 11, "dek": 12,
}


def _month(word: str) -> int | None:
    w = word.lower().rstrip(".")
    if not w:
        return None
    if w.startswith(("iyun",)):
        return 6
    if w.startswith("iyul"):
        return 7
    if w in ("мая", "май", "мае", "маю", "маем"):
        return 5
    if w.startswith("ма") and not w.startswith("мар"):
        return None
    for n in (4, 3):
        m = _MONTHS.get(w[:n])
        if m:
            return m
    return None


_MONTH_WORD = r"[A-Za-zА-Яа-яЁёƏəİıÖöÜüĞğŞşÇç]{3,}\.?"
_TIME = r"(?P<h>\d{1,2})[:.](?P<mi>\d{2})(?::(?P<s>\d{2}))?\s*(?P<ampm>[ap]\.?m\.?)?"
_TZ = r"(?P<tz>Z|UTC|GMT|MSK|МСК|мск|AZT|[+-]\d{2}:?\d{2})?"
_SEP = r"(?:\s*(?:,|\bв\b|\bat\b|\bsaat\b|-|–|—|\|)?\s*)"

_PATTERNS = [
    # 30 июня 2025 г., 14:20 / 30 iyun 2025-ci il, 14:20 / 30 June 2025 14:20
    re.compile(
        rf"(?P<d>\d{{1,2}})\s+(?P<mon>{_MONTH_WORD})\s*,?\s*(?P<y>\d{{4}})"
        rf"(?:\s*(?:-?c[iıuü]\s*il|г(?:ода|\.|\b)|il))?\.?"
        rf"(?:{_SEP}\(?{_TIME}\s*\(?{_TZ}\)?)?",
        re.IGNORECASE,
    ),
    # June 30, 2025 2:20 PM
    re.compile(
        rf"(?P<mon>{_MONTH_WORD})\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s*,?\s*(?P<y>\d{{4}})"
        rf"(?:{_SEP}{_TIME}\s*{_TZ})?",
        re.IGNORECASE,
    ),
    # 30.06.2025 14:20 / 30/06/2025
    re.compile(
        rf"(?<!\d)(?P<d>\d{{1,2}})[./](?P<m>\d{{1,2}})[./](?P<y>\d{{4}})(?:\s*г\.?)?"
        rf"(?:{_SEP}{_TIME}\s*{_TZ})?",
        re.IGNORECASE,
    ),
    # 2025/06/30 14:20 (after ISO failed)
    re.compile(
        rf"(?P<y>\d{{4}})[./](?P<m>\d{{1,2}})[./](?P<d>\d{{1,2}})(?:{_SEP}{_TIME}\s*{_TZ})?",
        re.IGNORECASE,
    ),
]

_REL_DAY = [
    (re.compile(r"позавчера|ötən gün|srağagün|day before yesterday", re.I), 2),
    (re.compile(r"вчера|dünən|yesterday", re.I), 1),
    (re.compile(r"сегодня|bu\s*gün|today", re.I), 0),
]
_REL_AGO = re.compile(
    r"(?P<n>\d+|одну|один|одна|an?|bir)?\s*(?P<unit>"
    r"секунд\w*|сек\.?|минут\w*|мин\.?|час\w*|дн(?:я|ей)|день|недел\w*|"
    r"saniyə|dəqiqə|saat|gün|həftə|"
    r"seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?)\s*"
    r"(?:назад|əvvəl|öncə|ago)",
    re.IGNORECASE,
)
_JUST_NOW = re.compile(r"только что|indicə|az öncə|just now", re.I)
_UNIT_SECONDS = [
    (("сек", "saniy", "sec"), 1),
    (("мин", "dəq", "min"), 60),
    (("час", "saat", "hour", "hr"), 3600),
    (("дн", "день", "gün", "day"), 86400),
    (("недел", "həftə", "week"), 7 * 86400),
]
_TIME_ONLY = re.compile(_TIME, re.I)


def _zone(name: str | None):
    if not name or name.upper() == "UTC":
        return UTC
    return ZoneInfo(name)


def _tzinfo(tz: str | None, default):
    if not tz:
        return default
    t = tz.upper()
    if t in ("Z", "UTC", "GMT"):
        return UTC
    if t in ("MSK", "МСК"):
        return ZoneInfo("Europe/Moscow")
    if t == "AZT":
        return ZoneInfo("Asia/Baku")
    sign = 1 if t[0] == "+" else -1
    digits = t[1:].replace(":", "")
    return dt_timezone(sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:])))


def _combine(d: date, m: re.Match | None, zone) -> datetime:
    if m is None or m.groupdict().get("h") is None:
        return datetime(d.year, d.month, d.day, tzinfo=UTC)
    h, mi = int(m.group("h")), int(m.group("mi"))
    s = int(m.group("s") or 0)
    ampm = (m.group("ampm") or "").lower().replace(".", "")
    if ampm == "pm" and h < 12:
        h += 12
    elif ampm == "am" and h == 12:
        h = 0
    if h > 23 or mi > 59 or s > 59:
        raise ValueError("bad time")
    tz = _tzinfo(m.groupdict().get("tz"), zone)
    return datetime(d.year, d.month, d.day, h, mi, s, tzinfo=tz).astimezone(UTC)


def parse_date(raw, *, reference: datetime | None = None, timezone: str | None = "UTC") -> datetime | None:
    """UTC datetime for ``raw`` (str, date or datetime), or None if not understood."""
    if raw is None:
        return None
    zone = _zone(timezone)
    if isinstance(raw, datetime):
        dt = raw if raw.tzinfo else raw.replace(tzinfo=zone)
        return dt.astimezone(UTC)
    if isinstance(raw, date):
        return datetime(raw.year, raw.month, raw.day, tzinfo=UTC)
    text = " ".join(str(raw).split())
    if not text:
        return None
    iso = _parse_iso(text, zone)
    if iso is not None:
        return iso
    for pat in _PATTERNS:
        m = pat.search(text)
        if not m:
            continue
        try:
            if "mon" in m.groupdict():
                month = _month(m.group("mon"))
                if month is None:
                    continue
            else:
                month = int(m.group("m"))
            d = date(int(m.group("y")), month, int(m.group("d")))
            if m.groupdict().get("h") is None:
                # "18:20, 3 сентября 2025": the time may come before the date
                tm = _TIME_ONLY.search(text[: m.start()])
                return _combine(d, tm, zone)
            return _combine(d, m, zone)
        except ValueError:
            continue
    no_year = _parse_without_year(text, reference, zone)
    if no_year is not None:
        return no_year
    return _parse_relative(text, reference, zone)


_NO_YEAR = re.compile(rf"(?<!\d)(?P<d>\d{{1,2}})\s+(?P<mon>{_MONTH_WORD})(?!\s*\d{{4}})", re.IGNORECASE)


def _parse_without_year(text: str, reference: datetime | None, zone) -> datetime | None:
    """"3 сентября, 18:20" as a page shows this year's dates: the year of ``reference``."""
    if reference is None:
        return None
    m = _NO_YEAR.search(text)
    if not m:
        return None
    month = _month(m.group("mon"))
    if month is None:
        return None
    local = (reference if reference.tzinfo else reference.replace(tzinfo=UTC)).astimezone(zone)
    try:
        d = date(local.year, month, int(m.group("d")))
        if d > local.date() + timedelta(days=1):  # "30 декабря" seen on 2 January
            d = date(local.year - 1, month, int(m.group("d")))
        tm = _TIME_ONLY.search(text[m.end():]) or _TIME_ONLY.search(text[: m.start()])
        return _combine(d, tm, zone)
    except ValueError:
        return None


def _parse_iso(text: str, zone) -> datetime | None:
    if not re.match(r"^\d{4}-\d{2}-\d{2}", text):
        return None
    try:
        dt = datetime.fromisoformat(text.replace(" UTC", "+00:00"))
    except ValueError:
        try:
            d = date.fromisoformat(text[:10])
        except ValueError:
            return None
        return datetime(d.year, d.month, d.day, tzinfo=UTC)
    if len(text) == 10:
        return datetime(dt.year, dt.month, dt.day, tzinfo=UTC)
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=zone)
    return dt.astimezone(UTC)


def _parse_relative(text: str, reference: datetime | None, zone) -> datetime | None:
    if reference is None:
        return None
    if reference.tzinfo is None:
        reference = reference.replace(tzinfo=UTC)
    if _JUST_NOW.search(text):
        return reference.astimezone(UTC).replace(microsecond=0)
    m = _REL_AGO.search(text)
    if m:
        n_raw = (m.group("n") or "1").lower()
        n = int(n_raw) if n_raw.isdigit() else 1
        unit = m.group("unit").lower()
        for prefixes, seconds in _UNIT_SECONDS:
            if unit.startswith(prefixes):
                return (reference - timedelta(seconds=n * seconds)).astimezone(UTC).replace(microsecond=0)
    for pat, days in _REL_DAY:
        if pat.search(text):
            local = reference.astimezone(zone)
            d = local.date() - timedelta(days=days)
            tm = _TIME_ONLY.search(text)
            try:
                return _combine(d, tm, zone)
            except ValueError:
                return None
    return None
