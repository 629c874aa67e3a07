"""Quantities in Russian, Azerbaijani and English news text, and what they count.

A quantity is a number expression (digits, number words, vague quantities such
as "dozens") turned into an integer range ``[value_low, value_high]`` (either
end may be open, ``None``), plus the thing it counts, found from a small
lexicon of casualty and coercion words near the number.

Conventions for vague and hedged quantities (documented in docs/analysis.md):

* exact number N: ``[N, N]``
* "about / around / approximately N", "около N", "təxminən N": ``[round(0.9N), round(1.1N)]``
* "nearly / almost N", "почти N", "N-ə yaxın": ``[round(0.9N), N]``
* "more than / over N", "более / свыше N", "N-dən çox / artıq": ``[N+1, None]``
* "at least N", "не менее / как минимум N", "ən azı N": ``[N, None]``
* "fewer than / less than N", "менее N", "N-dən az": ``[None, N-1]``
* "up to N", "до N", "N-ə qədər": ``[None, N]``
* "N-M", "N to M", "от N до M": ``[N, M]``
* "several / a few", "несколько", "bir neçə": ``[3, 9]``
* "a dozen", "дюжина": ``[12, 12]``; "dozens / tens", "десятки", "onlarla": ``[24, 99]``
  (two dozen and up, below a hundred)
* "both", "оба", "hər iki" are not counts: they refer back to people already counted.
* "hundreds", "сотни", "yüzlərlə": ``[200, 999]``; "thousands", "тысячи", "minlərlə": ``[2000, 9999]``

Everything that is not an exact number is marked ``vague``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

__all__ = ["Quantity", "extract_quantities", "same_scope", "COUNTED"]

COUNTED = ("dead", "injured", "detained", "deported", "arrested", "missing", "other")


@dataclass(frozen=True)
class Quantity:
    """A number expression and what it counts.

    The scope fields say which count it is, so that only counts of the same
    thing at the same time are compared (:func:`same_scope`):

    * ``whom``: the counted noun or group as written, lemma-ish where cheap
      ("Azerbaijanis", "люди", "nəfər"); None when the number has no noun;
    * ``time``: the time the count refers to when its clause, sentence or
      paragraph states one other than the reported present (see
      :func:`compare.extract.dates.extract_times`): "2006", "2021-2025",
      "2025-04", "2024-12-29", "1990s", or unresolved "last year"; None for
      the reported present;
    * ``place``: a place the clause names ("in Yekaterinburg", "в Брянской
      области", "Moskvada"), else None;
    * ``individual``: "one of the men", "одного из арестованных",
      "saxlanılanlardan biri": one member of a group, not a count (left out
      unless ``extract_quantities(..., individuals=True)``);
    * ``part``: a part of a count of the same thing given elsewhere:
      "including four gunmen", "четверо из них", "ещё 18 тел" before the new
      toll; a count of its own, but not of the whole;
    * ``total_of``: the parts when the value was summed ("two Azerbaijanis and
      five others were detained": 7, of 2 and 5).
    """
    start: int
    end: int
    text: str
    value_low: int | None
    value_high: int | None
    vague: bool
    counted: str = "other"
    cue: str | None = None  # the lexicon word that decided ``counted``
    number_start: int = 0
    number_end: int = 0
    whom: str | None = None
    time: str | None = None
    place: str | None = None
    individual: bool = False
    part: bool = False
    total_of: tuple | None = None

    def overlaps(self, other: "Quantity") -> bool:
        return ranges_overlap(self.value_low, self.value_high, other.value_low, other.value_high)


def same_scope(a: Quantity, b: Quantity) -> bool:
    """May ``a`` and ``b`` be compared as two statements of one count?

    True when both count the same thing (the same ``counted``, not ``other``),
    at the same time (both ``time`` None, the reported present, or the same
    ``time`` string: a 2006 raid is not compared with the 2025 raid, a total
    for 2021-2025 not with a day's count), and neither is an ``individual``
    ("one of the men died") or a ``part`` ("including four gunmen", "18 more
    bodies"). Values are not looked at: whether the ranges agree is the
    caller's question (:meth:`Quantity.overlaps`). ``whom`` and ``place`` are
    not compared either: outlets name one group differently ("people",
    "Azerbaijanis", "nəfər") and one place at different grain.
    """
    if a.counted == "other" or a.counted != b.counted:
        return False
    if a.individual or b.individual or a.part or b.part:
        return False
    return a.time == b.time


def ranges_overlap(a_low, a_high, b_low, b_high) -> bool:
    """Closed integer ranges with open ends (None) overlap?"""
    lo_a = a_low if a_low is not None else float("-inf")
    hi_a = a_high if a_high is not None else float("inf")
    lo_b = b_low if b_low is not None else float("-inf")
    hi_b = b_high if b_high is not None else float("inf")
    return lo_a <= hi_b and lo_b <= hi_a


# --------------------------------------------------------------------------- number words
_EN_UNITS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90, "hundred": 100, "thousand": 1000, "dozen": 12,
}

# Russian number words come from number-parser's Russian tables (every case form
# of every cardinal: "шестьдесят двух", "двумстам тридцати"), which it also parses.
# Our own rules add the collective numerals ("двое задержанных", "трое погибших"),
# which it does not read, and "полтора / полторы" (one and a half).
_RU_COLLECTIVE: dict[str, int] = {
    "двое": 2, "двоих": 2, "двоим": 2, "двоими": 2, "трое": 3, "троих": 3, "троим": 3, "троими": 3,
    "четверо": 4, "четверых": 4, "четверым": 4, "пятеро": 5, "пятерых": 5, "пятерым": 5,
    "шестеро": 6, "шестерых": 6, "семеро": 7, "семерых": 7, "восьмеро": 8, "восьмерых": 8,
    "девятеро": 9, "девятерых": 9, "десятеро": 10, "десятерых": 10,
}
# plural "одни / одних" (some, only) and "одно" (one thing) are no counts
_RU_NOT_NUMBERS = {"одни", "одних", "одними", "одно", "ноль", "нолю", "ноля", "нуле", "нулем", "нуль", "нуля", "нулю"}
_RU_HALF = r"(?:полтор[аы]|полутора)"


def _ru_words() -> list[str]:
    from number_parser.data.ru import info

    words = set()
    for key in ("UNIT_NUMBERS", "DIRECT_NUMBERS", "TENS", "HUNDREDS", "BIG_POWERS_OF_TEN"):
        words.update(w for w in info[key] if w not in _RU_NOT_NUMBERS)
    return sorted(words, key=len, reverse=True)


def _en_words_list() -> list[str]:
    from number_parser.data.en import info

    words = {"dozen"}
    for key in ("UNIT_NUMBERS", "DIRECT_NUMBERS", "TENS", "BIG_POWERS_OF_TEN"):
        words.update(w for w in info[key] if w != "zero" and (not w.endswith("illion") or w in ("million", "billion")))
    return sorted(words, key=len, reverse=True)


_AZ_UNITS = {
    "bir": 1, "iki": 2, "üç": 3, "dörd": 4, "beş": 5, "altı": 6, "yeddi": 7, "səkkiz": 8,
    "doqquz": 9, "on": 10, "iyirmi": 20, "otuz": 30, "qırx": 40, "əlli": 50, "altmış": 60,
    "yetmiş": 70, "səksən": 80, "doxsan": 90, "yüz": 100, "min": 1000,
}
# Azerbaijani numerals take possessive/case endings: "ikisi", "üçü", "ikisinin".
_AZ_NUM_SUFFIX = r"(?:s?[ıiuü](?:n[ıiuü]n|n[ıiuü]|n[aə]|nd[aə]n)?|d[aə]n|l[aə]r)?"

# Multipliers after digits or words.
_MULT = {
    "en": [(r"thousand", 1000), (r"million", 1_000_000), (r"mln\.?", 1_000_000), (r"k\b", 1000)],
    "ru": [(r"тыс\.?|тысяч[аиуе]?|тысячами?", 1000), (r"млн\.?|миллион(?:а|ов)?", 1_000_000)],
    "az": [(r"min", 1000), (r"milyon|mln\.?", 1_000_000)],
}

# Vague quantity words -> ranges.
_VAGUE = {
    "en": [
        (r"(?:a\s+)?(?:several|a\s+few|few)", (3, 9)),
        (r"a\s+dozen", (12, 12)),
        (r"tens\s+of\s+thousands", (20_000, 99_999)), (r"hundreds\s+of\s+thousands", (200_000, 999_999)),
        (r"dozens", (24, 99)), (r"scores", (40, 99)),
        (r"hundreds", (200, 999)), (r"thousands", (2000, 9999)),
    ],
    "ru": [
        (r"несколько|нескольких|нескольким", (3, 9)),
        (r"дюжин[аыу]", (12, 12)),
        (r"десятк(?:и|ов|ами)\s+тысяч", (20_000, 99_999)), (r"сотн(?:и|ям|ями)\s+тысяч|сотен\s+тысяч", (200_000, 999_999)),
        (r"десятк(?:и|ов|ами)", (24, 99)),
        (r"сот(?:ни|ен|нями)", (200, 999)), (r"тысяч(?:и|ами|ах)?", (2000, 9999)),
    ],
    "az": [
        (r"bir\s+neçə|neçə", (3, 9)),
        (r"on\s*minlərlə|onlarla\s+min", (20_000, 99_999)), (r"yüz\s*minlərlə|yüzlərlə\s+min", (200_000, 999_999)),
        (r"onlarla", (24, 99)), (r"yüzlərlə", (200, 999)), (r"minlərlə", (2000, 9999)),
    ],
}

# Modifiers before the number (en, ru) or after it (az postpositions).
_PRE_MODS = {
    "en": [
        (r"more\s+than|over|above|upwards\s+of|in\s+excess\s+of", "gt"),
        (r"at\s+least|no\s+fewer\s+than|no\s+less\s+than|a\s+minimum\s+of", "ge"),
        (r"about|around|approximately|roughly|some|an\s+estimated|estimated", "about"),
        (r"nearly|almost|close\s+to", "nearly"),
        (r"fewer\s+than|less\s+than|under", "lt"),
        (r"up\s+to|as\s+many\s+as", "upto"),
    ],
    "ru": [
        (r"более\s+чем|более|свыше|больше|больше\s+чем", "gt"),
        (r"не\s+менее|не\s+меньше|как\s+минимум|минимум|по\s+меньшей\s+мере", "ge"),
        (r"около|порядка|примерно|приблизительно|ориентировочно", "about"),
        (r"почти|чуть\s+ли\s+не|едва\s+ли\s+не", "nearly"),
        (r"менее|меньше", "lt"),
        (r"до", "upto"),
    ],
    "az": [
        (r"təxminən|təqribən|müxtəlif\s+hesablamalara\s+görə", "about"),
        (r"ən\s+azı|ən\s+az|azı", "ge"),
    ],
}
# "200-dən çox", also after the classifier: "1100 nəfərdən çox", "300 nəfərə yaxın"
# How far (characters after the number; before it count 1.3 times) the cue of a
# vague word or a small number word may be: "several cellphones ... her death",
# "iki qadın ... özlərini öldürmələrinin" are no counts of the dead. Digits keep
# the whole clause window.
NEAR_CUE = 60
# ... unless the number counts people by its noun ("Two brothers, Ramil and Zaur
# X, were ... dead within hours", "несколько задержанных", "iki nəfər").
_PERSON_NOUN_AFTER = {
    "en": re.compile(r"\s+(?:of\s+)?(?:(?:the|their|his|her|its)\s+)?(?:[\w\-]+\s+)?(?:people|persons?|men|women|children|"
                     r"boys|girls|brothers|sisters|sons|daughters|residents|migrants|citizens|nationals|workers|civilians|"
                     r"soldiers|officers|policemen|protesters|demonstrators|students|passengers|journalists|detainees|"
                     r"prisoners|inmates|suspects|victims|relatives|ethnic|[A-Z]\w+(?:is|ans|ns|ese|ish))\b", re.I),
    "ru": re.compile(r"\s+(?:[\w\-]+\s+)?(?:человек|людей|люди|мужчин|женщин|детей|дет(?:и|ям)|братьев|братья|сестёр|сестер|"
                     r"жител|мигрант|граждан|рабоч|военн|солдат|сотрудник|полицейск|протестующ|студент|пассажир|журналист|"
                     r"задержанн|заключ[её]нн|подозреваем|погибш|пострадавш|раненых|родственник|азербайджанц|россиян|выходц)", re.I),
    "az": re.compile(r"\s+(?:[\w\-]+\s+)?(?:nəfər|şəxs|adam|insan|kişi|qadın|uşaq|qardaş|bacı|sakin|miqrant|vətəndaş|"
                     r"soydaş|əsgər|polis|hərbçi|tələbə|sərnişin|jurnalist|saxlanıl|məhbus|şübhəli|qurban|yaralı|"
                     r"azərbaycanlı|qohum)", re.I),
}

_AZ_POST_MODS = [
    (r"(?:\s+nəfər)?-?(?:d[aə]n|t[aə]n)\s+(?:çox|artıq|yuxarı)", "gt"),
    (r"(?:\s+nəfər)?-?(?:[ıiuü]|n[ıiuü])\s+(?:keçib|keçdi|ötüb|ötdü)", "gt"),   # "800-ü keçib" (passed 800)
    (r"(?:\s+nəfər)?-?(?:d[aə]n|t[aə]n)\s+az", "lt"),
    (r"(?:\s+nəfər)?-?(?:y?[aə])\s+yaxın", "nearly"),
    (r"(?:\s+nəfər)?-?(?:y?[aə])\s+(?:qədər|dək)", "upto"),
]
# Azerbaijani "bir" is also the indefinite article ("bir Alman snayperi", a German
# sniper): as a count it comes with a classifier or a person noun.
_AZ_ONE_AS_COUNT = re.compile(
    r"\s+(?:nəfər|şəxs|adam|insan|kişi|qadın|uşaq|soydaş|polis|əsgər|sakin|vətəndaş|tələbə|jurnalist|miqrant|azərbaycanlı)")

# --------------------------------------------------------------------------- counted lexicon
# Word-initial stems; matched case-insensitively against words near the number.
# A cue starting with "re:" is a regular expression (for stems that need context:
# "lives" only as lives lost, "həbs" but not "həbsxana", the prison).
_COUNTED_CUES = {
    "en": {
        "dead": ["killed", "kill", "dead", "died", "die ", "dying", "death", "deaths", "fatalit", "bodies", "murdering",
                 r"re:(?:did\s+not|didn't|failed\s+to)\s+survive",
                 r"re:(?:claim|took|take|taking|cost|lost|los|end)\w*\s+(?:\w+\s+){0,2}lives", "murdered", "slain",
                 "perished", "toll"],
        "injured": ["injur", "wounded", "hurt", "hospitali", "beaten"],
        # "held" only as custody: "were held", "held in custody", not "held a five-point lead"
        "detained": ["detain", "detention", r"re:(?:were|was|being|been|are|is)\s+held|held\s+(?:in|by|for|without|on|captive|hostage|pending)\b"
                     r"|held\s+(?=\d|(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozens|hundreds|"
                     r"several|more|over|about|at\s+least|some)\b)",
                     "rounded up", "taken into custody", "in custody", "apprehended"],
        "arrested": ["arrest", "remanded", "jailed", "charged"],
        "deported": ["deport", "expelled", "expulsion", "removed from the country"],
        "missing": ["missing", "disappeared", "unaccounted"],
    },
    "ru": {
        "dead": ["погиб", "убит", "убил", "умер", "умерл", "умерш", "скончал", "скончав", "смерт", "гибел", "жертв",
                 r"re:не\s+выжил\w*",
                 "тел ", "тела", "убийств", "мёртв", "мертв", r"re:унес\w*\s+(?:\w+\s+)?жизн|унёс\w*\s+(?:\w+\s+)?жизн",
                 "покончил"],
        "injured": ["ранен", "ранил", "пострадав", "пострадал", "травм", "госпитализ", "избит",
                    r"re:доставлен\w*\s+в\s+(?:\w+\s+)?(?:больниц|госпитал|медучрежд|травмпункт|реанимац)"],
        # "доставлены в отдел", not "доставлены в больницу" (taken to hospital)
        "detained": ["задерж", r"re:доставил|доставлен\w*(?!\s+в\s+(?:\w+\s+)?(?:больниц|госпитал|медучрежд|травмпункт|реанимац))",
                     "задержан"],
        # not "заключённые" (inmates): a prison's population is not a count of arrests
        "arrested": ["арест", "под страж", r"re:заключ\w*\s+под"],
        "deported": ["депорт", "выдвор", "выслан", "выдворен"],
        "missing": ["пропал", "пропавш", "без вести"],
    },
    "az": {
        "dead": ["həlak", "öldürül", "öldür", "ölüb", "öldü", "ölən", "ölüm", "ölmüş", "ölü", "vəfat", "can verib", "meyit", "qətl",
                 r"re:sağ\s+qalma(?:yıb|dı|mış)",
                 r"re:qurbanların(?:ın)?\s+sayı",
                 "tələf", r"re:həyat\w*\s+(?:\w+\s+)?(?:itir|son\s+qoy)", "keçin", "dünyasını dəyiş", "canını itir"],
        # "xəstəxanaya" (taken to hospital), not every hospital ("minlərlə ev, xəstəxana ... uçub")
        "injured": ["yaralan", "yaralı", "xəsarət", "xəstəxanaya", "xəstəxanada müalicə"],
        "detained": ["saxlanıl", "saxlanıb", "saxlanmış", "re:saxlay(?:ıb|araq|dı)", "tutul"],
        "arrested": [r"re:həbs(?!xana)"],
        "deported": ["deport", "ölkədən çıxarıl", "sürgün"],
        "missing": ["itkin", "yoxa çıx"],
    },
}

# Units after a number that make it a measurement, not a count of people.
_UNIT_AFTER = {
    # also sports and election tallies (points, goals, votes, seats) and a hyphenated
    # compound ("a five-point lead", "a two-day visit"): measures, not people
    "en": r"(?:%|percent|per\s*cent|years?|months?|weeks?|days?|hours?|minutes?|seconds?|km|kilomet|met(?:er|re)s?|kg|"
          r"tons?|tonnes?|dollars?|euros?|rubles?|roubles?|manats?|manat|\$|€|₽|a\.m\.|p\.m\.|am\b|pm\b|o'clock|st\b|nd\b|rd\b|th\b|-year|-month|-day|"
          r"feet\b|foot\b|ft\b|miles?\b|inch|yards?\b|pounds?\b|lbs?\b|points?\b|goals?\b|runs?\b|votes?\b|seats?\b|"
          r"matches\b|games?\b|fights?\b|singles\b|medals?\b|storeys?\b|floors?\b|-[a-z])",
    "ru": r"(?:%|процент|лет\b|год|месяц|недел|дн[ейяи]|сут|час|минут|секунд|км|метр|кг|тонн|руб|доллар|евро|манат|\$|€|₽|-лет|-й|-го|-м\b|-летн|"
          r"очк|матч|гол(?:а|ов)?\b|бо[ейяю]\b|голос|фут|мил[ьяи]|дюйм|этаж|мест\b|мандат)",
    "az": r"(?:%|faiz|il(?:\b|d[əa]\b|in\b|ik|l[əa]r)|illik|yaş|ay\b|aylıq|həftə|gün|saat|dəqiqə|saniyə|km|metr|kq|ton|manat|dollar|avro|rubl|\$|€|₽|-ci|-cı|-cu|-cü|-ci\b|-nci|-ncı|-da\b|-də\b|-dək|"
          r"xal|matç|oyun|döyüş|qol\b|səs\b|fut|mil\b|düym|mərtəbə|mandat)",
}
# Nouns right after a number (up to two modifiers between) that count events, not people.
# Nouns right after a number (up to two modifiers between) that count events, not people.
# The modifiers may not be people or link words: "5 people in attacks" counts people.
_MOD = {
    "en": r"(?:\s+(?!(?:in|during|after|before|of|at|by|from|on|and|or|people|persons?|men|women|children|"
          r"civilians|were|was|are|is|have|has|had|died|killed|detained|injured|arrested)\b)[\w\-]+){0,2}?\s+",
    "ru": r"(?:\s+(?!(?:в|во|при|после|до|от|из|на|и|или|человек|людей|мужчин|женщин|детей|граждан|был[иа]?|"
          r"погиб\w*|задержан\w*|ранен\w*|арестован\w*)(?!\w))[\w\-]+){0,2}?\s+",
    "az": r"(?:\s+(?!(?:nəfər\w*|şəxs\w*|adam\w*|insan\w*|kişi\w*|qadın\w*|uşaq\w*|soydaş\w*|və|ya|"
          r"həlak|saxlanıl\w*|yaralan\w*|həbs)(?!\w))[\w\-]+){0,2}?\s+",
}
_NOT_PEOPLE_AFTER = {
    "en": re.compile(_MOD["en"] + r"(?:attacks?|cases?|incidents?|raids?|complaints?|reports?|times|"
                     r"operations?|searches|crimes?|episodes?|inspections?|protests?|rallies|lawsuits?|charges?|counts?)\b"),
    "ru": re.compile(_MOD["ru"] + r"(?:нападени|случа[ейяю]|инцидент|рейд|жалоб|раз(?:а|\b)|дел(?:о|а)?\b|"
                     r"преступлени|обыск|проверк|акци|пункт|обвинени|эпизод)"),
    "az": re.compile(_MOD["az"] + r"(?:hücum|hadisə|hal\b|halda|reyd|şikayət|dəfə|cinayət|axtarış|yoxlama|aksiya|ittiham|bənd|cəza)"),
}
_CURRENCY_BEFORE = re.compile(r"[$€₽£]\s*$")
# Reference numbers (articles of a code, paragraphs, case and house numbers) are
# labels, not counts: "ч. 2 ст. 105 УК РФ" must not read as 105 dead.
_REFERENCE_BEFORE = re.compile(
    r"(?:\b(?:ст|ч|п|пп|подп|гл|разд|art|arts|para|sec|no|nos|bənd|maddə|maddəsinin|maddəsi|"
    r"статья|статьи|статье|статьей|статьёй|частью|части|часть|пункт|пункта|article|articles|section|paragraph|"
    r"chapter|case|house|дом|д|корп|kv|кв)\.?|№|#|§)\s*(?:\d+[.)]?\s*(?:,|и|and|və)?\s*)*$",
    re.I,
)
_REFERENCE_AFTER = re.compile(r"\s*(?:-?(?:cü|cu|ci|cı)\s+)?maddə", re.I)
_AGE_BEFORE = re.compile(r"(?:\baged|\bage|в\s+возрасте|\byaşı|\byaşında)\s*(?:\d+\s*(?:and|и|və|,)\s*)*$", re.I)
# The unit of the last number of a list is every number's: "33, 34 və 39 yaşlarında", "5, 7 и 9 лет".
_LIST_BEFORE_UNIT = r"(?:\s*(?:,|and|or|и|или|və|ya)\s*\d+)+\s*"

# --------------------------------------------------------------------------- labels: numbers that name, not count
# A head noun right before a number makes it a label: "Flight 8243", "газета 525",
# "Newspaper 525", "рейс 8243", "qəzet 525", "school No. 5", "COP 29".
_LABEL_HEAD_BEFORE = {
    "en": re.compile(
        r"(?<![\w\-])(?:newspaper|paper|flight|channel|route|bus|tram|school|hospital|room|gate|terminal|platform|"
        r"block|building|apartment|flat|house|street|avenue|road|highway|code|phone|tel|fax|model|version|series|"
        r"episode|season|chapter|page|volume|resolution|decree|item|division|brigade|regiment|battalion|corps|"
        r"colony|prison|cell|ward|cop|g)\.?\s*(?:no\.?\s*|№\s*|#\s*)?[\"'“‘«]?\s*$", re.I),
    "ru": re.compile(
        r"(?<![\w\-])(?:газет\w*|рейс\w*|телеканал\w*|канал\w*|маршрут\w*|автобус\w*|школ\w*|больниц\w*|палат\w*|корпус\w*|"
        r"выпуск\w*|сери[яиюей]|страниц\w*|приказ\w*|указ\w*|постановлени\w*|тел|колони\w*|ик|сизо|изолятор\w*|"
        r"бригад\w*|полк\w*|батальон\w*|дивизи\w*|трасс\w*|шоссе)\.?\s*(?:№\s*)?[\"'“«]?\s*$", re.I),
    "az": re.compile(
        r"(?<![\w\-])(?:qəzet\w*|reys\w*|kanal\w*|marşrut\w*|avtobus\w*|məktəb\w*|xəstəxana\w*|seriya\w*|səhifə\w*|"
        r"fərman\w*|sərəncam\w*|nömrə\w*|tel|koloniya\w*|briqada\w*|alay\w*|batalyon\w*|diviziya\w*)\.?\s*"
        r"(?:№\s*)?[\"'“«]?\s*$", re.I),
}
# Addresses: "12 Lenin Street", "ул. Ленина, 12", "Nizami küçəsi, 12".
_ADDRESS_AFTER = {
    "en": re.compile(r"\s+(?:[A-Z][\w\-]+\s+){1,3}(?:Street|St\b|Avenue|Ave\b|Road|Rd\b|Boulevard|Blvd\b|Lane|Square|"
                     r"Prospekt|Prospect|Drive|Highway)"),
}
_ADDRESS_BEFORE = {
    "en": None,
    "ru": re.compile(r"(?:ул\.|улиц\w*|просп\.|проспект\w*|пер\.|переул\w*|бульвар\w*|шоссе|пл\.|площад\w*|наб\.|"
                     r"набережн\w*)\s+[^\d,.;]{1,30},?\s*(?:д\.|дом)?\s*$", re.I),
    "az": re.compile(r"(?:küçəsi|küç\.|prospekti|pr\.|döngəsi|meydanı|şossesi)\s*,?\s*(?:ev\s*)?(?:№\s*)?$", re.I),
}
# Telephone numbers: "+994 12 555 55 55", "(012) 555-55-55", "8-800-555-35-35".
_PHONE = re.compile(r"(?:\+\d{1,3}[\s\-]?)?\(\d{2,5}\)\s*\d[\d\s\-]{4,}\d|\+\d{1,3}[\s\-]?\d[\d\s\-]{6,}\d"
                    r"|(?<![\d\-])\d{1,4}(?:-\d{2,4}){3,}(?![\d\-])|(?<![\d\-])\d{3}-\d{2}-\d{2}(?![\d\-])")
_QUOTES_OPEN = "«\"“„‘'"
_QUOTES_CLOSE = "»\"”“’'"
# A capitalised word right before digits names a thing ("Newspaper 525", "Boeing 737",
# "Su 25"), unless it is one of these (or a cue, or the sentence is in title case).
_NOT_NAME_BEFORE = re.compile(
    r"(?:over|about|around|nearly|almost|some|at|by|to|up|and|or|of|than|under|only|just|all|the|with|from|in|on|"
    r"более|свыше|около|почти|до|из|и|или|с|от|по|в|на|only|ən|təxminən|və|ya|daha|cəmi|yalnız|"
    r"january|february|march|april|may|june|july|august|september|october|november|december|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday)$", re.I)

# --------------------------------------------------------------------------- who is counted
# Nouns of people (stems, matched at a word start). "nəfər" is the Azerbaijani
# classifier for people ("11 nəfər").
_PERSON_STEMS = {
    "en": r"(?:people|persons?|men|man|women|woman|children|child|boys?|girls?|brothers?|sisters?|sons?|daughters?|"
          r"residents?|migrants?|citizens?|nationals?|workers?|civilians?|soldiers?|troops|servicemen|serviceman|"
          r"peacekeepers?|officers?|policemen|police|protesters?|demonstrators?|students?|passengers?|journalists?|"
          r"detainees?|prisoners?|inmates?|suspects?|victims?|relatives?|gunmen|gunman|attackers?|terrorists?|"
          r"militants?|fighters?|refugees?|leaders?|presidents?|ministers?|members?|individuals?|adults?|babies|"
          r"teenagers?|pilgrims?|tourists?|spectators?|guests?|visitors?|employees?|staff|personnel|crew|"
          r"patients?|doctors?|activists?|bodies|body|dead|wounded|injured|ethnic|[A-Z]\w+(?:is|ans|ns|ese|ish))",
    "ru": r"(?:человек|людей|люди|мужчин|женщин|детей|дет(?:и|ям)|реб[её]н|братьев|братья|сест[её]р|жител|мигрант|граждан|"
          r"рабоч|военн|солдат|сотрудник|полицейск|протестующ|студент|пассажир|журналист|задержанн|заключ[её]нн|"
          r"подозреваем|погибш|пострадавш|раненых|родственник|азербайджанц|россиян|выходц|лиц\b|лица\b|тел\b|тела\b|"
          r"террорист|боевик|нападавш|бойц|миротворц|беженц|переселенц|лидер|глав|президент|министр|участник|"
          r"зрител|посетител|туристов|член|пациент|врач|активист|жертв)",
    "az": r"(?:nəfər|şəxs|adam|insan|kişi|qadın|uşaq|qardaş|bacı|sakin|miqrant|vətəndaş|soydaş|əsgər|polis|hərbçi|"
          r"hərbi\s+qulluqçu|tələbə|sərnişin|jurnalist|saxlanıl|məhbus|şübhəli|qurban|yaralı|azərbaycanlı|qohum|"
          r"terrorçu|silahlı|döyüşçü|sülhməramlı|qaçqın|köçkün|lider|başçı|prezident|nazir|iştirakçı|tamaşaçı|"
          r"üzv|xəstə|həkim|fəal|meyit|ölü)",
}
# Nouns of things: a number of them is no count of people, whatever the verb near
# it ("more than ten apartments were damaged and two people killed").
_THING_STEMS = {
    "en": r"(?:apartments?|flats?|homes?|houses?|buildings?|cars?|vehicles?|trucks?|buses|shops?|stores?|windows?|"
          r"rooms?|floors?|storeys?|schools?|hospitals?|villages?|towns?|cities|countries|regions?|districts?|"
          r"settlements?|tanks?|drones?|missiles?|rockets?|shells?|aircraft|planes?|helicopters?|ships?|boats?|"
          r"weapons?|guns?|rifles?|documents?|agreements?|passports?|permits?|trees?|animals?|cattle|sheep|horses?|"
          r"dogs?|bridges?|roads?|kilometres?|kilometers?|hectares?|tonnes?|tons?|barrels?|pieces?|units?|items?|"
          r"objects?|targets?|positions?|posts?|checkpoints?|shelters?|camps?|flights?|trains?|containers?|boxes|"
          r"bags|bottles|books?|articles?|pages?|letters?|videos?|photos?|images?|websites?|accounts?)",
    "ru": r"(?:квартир|дом(?:ов|а|ах)?\b|здани|машин|автомобил|грузовик|автобус|транспорт|магазин|окон|окн|этаж|школ|"
          r"больниц|сел|деревн|город|стран|регион|район|населенн|населённ|танк|беспилотник|дрон|ракет|снаряд|"
          r"самол[её]т|вертол[её]т|корабл|суд(?:ов|а)\b|оруж|документ|соглашени|паспорт|дерев|животн|голов\b|мост|"
          r"дорог|километр|гектар|тонн|баррел|штук|единиц|объект|цел(?:ей|и)\b|позици|пункт|лагер|рейс|поезд|"
          r"контейнер|книг|стат(?:ей|ьи)|страниц|письм|видео|фото|сайт|аккаунт)",
    "az": r"(?:mənzil|ev\b|evlər|evin|bina|avtomobil|maşın|nəqliyyat|mağaza|pəncərə|mərtəbə|məktəb|xəstəxana|kənd|"
          r"şəhər|ölkə|rayon|region|yaşayış\s+məntəqə|tank|dron|pilotsuz|raket|mərmi|təyyarə|helikopter|gəmi|"
          r"silah|sənəd|saziş|pasport|ağac|heyvan|körpü|yol\b|kilometr|hektar|ton\b|barel|ədəd|vahid|obyekt|"
          r"hədəf|mövqe|post|düşərgə|reys|qatar|konteyner|kitab|məqalə|səhifə|məktub|video|foto|sayt|hesab|texnika|"
          r"zirehli)",
}
# Russian counted nouns that pymorphy3 tags inanimate but that count people (bodies, persons, victims).
_RU_INANIMATE_PEOPLE = {"тело", "лицо", "жертва", "душа", "жизнь", "голова", "единица"}
# Function words that end a noun phrase after an English number.
_EN_NP_STOP = re.compile(
    r"(?:were|was|are|is|be|been|being|have|has|had|will|would|could|may|might|must|should|can|did|do|does|"
    r"who|whom|whose|which|that|and|or|but|as|of|in|on|at|by|for|from|to|with|without|into|during|after|before|"
    r"since|near|including|among|over|under|about|than|when|while|where|because|according|said|says|reported|"
    r"remain|remained|died|killed|dead|wounded|injured|detained|arrested|deported|missing|more|others?|other|"
    r"also|still|then|now|there|here|each|all|both|either|while|last|this|these|those|the|a|an)$", re.I)

# --------------------------------------------------------------------------- parts, individuals, totals
# "one of the men", "один из задержанных": an individual of a group, not a count.
_INDIVIDUAL_AFTER = {
    "en": re.compile(r"\s+of\s+(?!\d)"),
    "ru": re.compile(r"\s+из\s+(?!\d)"),
    "az": None,
}
# Azerbaijani "saxlanılanlardan biri" (one of the detained): "biri" after an ablative.
_AZ_INDIVIDUAL_BEFORE = re.compile(r"\w(?:d[aə]n|t[aə]n)\s+$")
# A part of a count given in the same sentence or just before: "including four",
# "в том числе четырех", "o cümlədən dörd", "four of them", "из них трое".
_PART_BEFORE = {
    "en": re.compile(r"(?:\bincluding|\bincl\.|\bamong\s+(?:them|whom|those|the\s+\w+)|\bof\s+(?:whom|them|those)|"
                     r"\bof\s+the\s+\w+)\s*,?\s*$"),
    "ru": re.compile(r"(?:в\s+том\s+числе|в\s+т\.\s*ч\.|включая|среди\s+(?:них|которых|\w+)|из\s+(?:них|которых))\s*$"),
    "az": re.compile(r"(?:o\s+cümlədən|onlardan|onların\s+arasında|bunlardan|onların\s+içində|\w+\s+arasında)\s*$"),
}
_PART_AFTER = {
    "en": re.compile(r"\s+of\s+(?:them|whom|those|these|the|their)\b"),
    "ru": re.compile(r"\s+из\s+(?:них|которых|\w+)"),
    "az": None,
}
# "another 360", "five more", "ещё 18", "daha 180", "five others": added to a count.
_ADDITIVE_BEFORE = {
    "en": re.compile(r"(?:\banother|\ba\s+further|\ban\s+additional|\badditional|\bfurther)\s*$"),
    "ru": re.compile(r"(?<!\w)(?:ещ[её]|друг(?:ие|их|им)|дополнительно)\s*$"),
    "az": re.compile(r"(?<!\w)(?:daha|digər|başqa|əlavə)\s*$"),
}
_ADDITIVE_AFTER = {
    "en": re.compile(r"\s+(?:more|others|other\s+\w+|additional)\b"),
    "ru": re.compile(r"\s+(?:друг(?:их|ие|им)|ещ[её])(?!\w)"),
    "az": re.compile(r"(?:\s+nəfər)?\s+(?:daha|digər)(?!\w)"),
}
# Between two counts that share one predicate: the first one's noun and a
# coordinator ("two Azerbaijanis and five others were detained", "5 on Friday and 3 on Saturday").
_COORDINATED = {
    "en": re.compile(r"^(?:\s*[^\W\d][\w'’\-]*){0,4}?\s*(?:,\s*(?:and\s+)?|\s+(?:and|as\s+well\s+as|plus)\s+)$"),
    "ru": re.compile(r"^(?:\s*[^\W\d][\w\-]*){0,4}?\s*(?:,\s*(?:и\s+|а\s+)?|\s+(?:и|а\s+также|а)\s+)$"),
    "az": re.compile(r"^(?:\s*[^\W\d][\w\-]*){0,4}?\s*(?:,\s*(?:və\s+)?|\s+(?:və|həmçinin)\s+)$"),
}
_SAY_BETWEEN = re.compile(r"(?<!\w)(?:said|says|say|told|reported|according|claimed|сообщ\w*|заяв\w*|по\s+данным|"
                          r"по\s+словам|bildir\w*|deyib|açıqla\w*|məlumat\w*|görə)(?!\w)")

# --------------------------------------------------------------------------- heads that state a count
# "The death toll ... climbed to 68", "Количество погибших ... увеличилось до 133",
# "ölənlərin sayı 137-yə yüksəlib": the head names what the number counts even far from it.
_COUNT_HEAD = {
    "en": [
        (r"(?:death\s+)?toll|number\s+of\s+(?:the\s+)?(?:dead|deaths|fatalities|people\s+killed|those\s+killed|victims)", "dead"),
        (r"number\s+of\s+(?:the\s+)?(?:injured|wounded|injuries|people\s+(?:injured|wounded))", "injured"),
        (r"number\s+of\s+(?:the\s+)?(?:detainees|detentions|people\s+detained|those\s+detained)", "detained"),
        (r"number\s+of\s+(?:the\s+)?(?:arrests|people\s+arrested|those\s+arrested)", "arrested"),
        (r"number\s+of\s+(?:the\s+)?(?:missing|people\s+missing)", "missing"),
    ],
    "ru": [
        (r"(?:числ|количеств)\w*\s+(?:погибш\w*|жертв|убит\w*|умерш\w*|скончавш\w*)", "dead"),
        (r"(?:числ|количеств)\w*\s+(?:раненых|пострадавш\w*|госпитализированн\w*)", "injured"),
        (r"(?:числ|количеств)\w*\s+задержанн\w*", "detained"),
        (r"(?:числ|количеств)\w*\s+арестованн\w*", "arrested"),
        (r"(?:числ|количеств)\w*\s+(?:пропавш\w*|без\s+вести)", "missing"),
    ],
    "az": [
        (r"(?:ölənlərin|həlak\s+olanların|ölülərin|qurbanların(?:ın)?)\s+sayı", "dead"),
        (r"(?:yaralıların|yaralananların|xəsarət\s+alanların)\s+sayı", "injured"),
        (r"(?:saxlanılanların|saxlanılmışların)\s+sayı", "detained"),
        (r"həbs\s+(?:edilənlərin|olunanların)\s+sayı", "arrested"),
        (r"itkin\s+düşənlərin\s+sayı", "missing"),
    ],
}
# ... and the verb or link right before the number.
_COUNT_LINK = {
    "en": re.compile(r"(?:rose|risen|rising|climbed|reached|reaching|stood|stands|standing|increased|jumped|grew|"
                     r"is|was|now|hit|surpassed|exceeded|put|at|to)(?:\s+(?:at|to|now|already))?\s*$"),
    "ru": re.compile(r"(?:увеличил\w*|возрос\w*|вырос\w*|достиг\w*|составл\w*|составил\w*|превысил\w*|превышает|"
                     r"дош\w*|доходит|поднял\w*)(?:\s+уже)?\s*(?:до\s*)?$"),
    "az": re.compile(r"sayı(?:nın)?\s+(?:artıq\s+|isə\s+)?$"),
}
# Russian "до" after a verb of change is the new value, not "up to": "увеличилось до 133".
_RU_CHANGE_BEFORE_DO = re.compile(r"(?:увеличил\w*|возрос\w*|вырос\w*|достиг\w*|дош\w*|поднял\w*|сократил\w*|"
                                  r"снизил\w*|уменьшил\w*)\s+(?:уже\s+)?$")
# The group noun after a superset ("38 of the 67 people on board"): its own category, if any.
_GROUP_COUNTED = {
    "en": [(r"\s+(?:\w+\s+)?(?:detainees|detained)", "detained"), (r"\s+(?:\w+\s+)?(?:dead|victims)", "dead"),
           (r"\s+(?:\w+\s+)?(?:injured|wounded)", "injured"), (r"\s+(?:\w+\s+)?arrested", "arrested")],
    "ru": [(r"\s+задержанн", "detained"), (r"\s+(?:погибш|убит)", "dead"), (r"\s+(?:раненых|пострадавш)", "injured"),
           (r"\s+арестованн", "arrested")],
    "az": [(r"(?:\s+nəfər)?\s*saxlanıl", "detained"), (r"(?:\s+nəfər)?\s*(?:həlak|ölən)", "dead"),
           (r"(?:\s+nəfər)?\s*yaral", "injured")],
}

# --------------------------------------------------------------------------- places
_PLACE = {
    "en": re.compile(r"\b(?P<prep>in|near|outside|at|across)\s+(?:the\s+)?(?P<p>[A-Z][\w\-]+(?:\s+(?:[A-Z][\w\-]+|region|"
                     r"province|oblast|district))*)"),
    "ru": re.compile(r"(?<![\w\-])(?P<prep>[Вв]о?|[Пп]од|[Нн]а|[Бб]лиз|[Вв]близи)\s+(?P<p>«?[А-ЯЁ][\w\-]+»?(?:\s+«?[А-ЯЁ][\w\-]+»?)*"
                     r"(?:\s+(?:област\w*|район\w*|кра[еяю]|республик\w*|округ\w*|регион\w*))?)"),
    "az": re.compile(r"(?<![\w\-])(?P<p>[A-ZƏÖÜÇŞĞİ][\w\-]*(?:\s+[A-ZƏÖÜÇŞĞİ][\w\-]*)*"
                     r"(?:\s+(?:vilayəti|rayonu|şəhəri|kəndi|regionu|bölgəsi|yaxınlığı)(?:n[dt][aə]|[dt][aə])"
                     r"|(?:n[dt][aə]|[dt][aə])(?:k[ıi])?))(?![\w\-])"),
}
# Capitalised words after a place preposition that are no places.
_NOT_PLACE = re.compile(
    r"(?:january|february|march|april|may|june|july|august|september|october|november|december|monday|tuesday|"
    r"wednesday|thursday|friday|saturday|sunday|english|russian|azerbaijani|telegram|the|a|an|least|most|first|"
    r"сми|мвд|фсб|ск|мид|оон|telegram|instagram|facebook|x|"
    r"yanvar|fevral|mart|aprel|may|iyun|iyul|avqust|sentyabr|oktyabr|noyabr|dekabr|bazar|şənbə|cümə|"
    r"bununla|həmçinin|qeyd|xatırladaq|məlumata|onda|orada|burada)\w*$", re.I)

_DIGITS = r"\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?!\d)|\d{1,3}(?:,\d{3})+(?![\d])|\d{1,3}(?:\.\d{3})+(?![\d,])|\d+(?:[.,]\d+)?"


def _num_word_pattern(language: str) -> str:
    if language == "en":
        word = "|".join(_en_words_list())
        # "twenty-one", "two hundred", "one hundred and five" ("and" only after hundred, thousand, million)
        sep = r"(?:[-\s]|(?:(?<=hundred)|(?<=thousand)|(?<=million))\s+and\s+)"
        return rf"(?:{word})(?:{sep}(?:{word}))*"
    if language == "ru":
        word = "|".join(w.replace("е", "[её]") for w in _ru_words())
        collective = "|".join(sorted(_RU_COLLECTIVE, key=len, reverse=True))
        return rf"(?:{collective})|(?:{_RU_HALF}\s+)?(?:{word})(?:\s+(?:{word}))*"
    if language == "az":
        word = "|".join(sorted(_AZ_UNITS, key=len, reverse=True))
        return rf"(?:{word})(?:\s(?:{word}))*{_AZ_NUM_SUFFIX}"
    return r"(?!x)x"


def _compile(language: str):
    lang = language if language in ("en", "ru", "az") else "en"
    mult = "|".join(p for p, _ in _MULT[lang])
    vague = "|".join(f"(?:{p})" for p, _ in _VAGUE[lang])
    pre = "|".join(f"(?:{p})" for p, _ in _PRE_MODS[lang])
    core = rf"(?:{_DIGITS})(?:\s*(?:{mult}))?|{_num_word_pattern(lang)}"
    rng_sep = r"\s*(?:-|–|—|to|до|ilə|или|or|və|and)\s*" if lang != "en" else r"\s*(?:-|–|—|to|or)\s*"
    # vague words first: "bir neçə" (several) must not be read as "bir" (one)
    pattern = (
        rf"(?<![\w\-])(?P<vague>{vague})(?![\w])"
        rf"|(?<![\w\-.,])(?:(?P<pre>{pre})\s+)?(?:от\s+)?(?P<a>{core})(?:{rng_sep}(?P<b>{core}))?(?![\w])"
    )
    return re.compile(pattern, re.IGNORECASE)


_PATTERNS: dict[str, re.Pattern] = {}


def _pattern(language: str) -> re.Pattern:
    if language not in _PATTERNS:
        _PATTERNS[language] = _compile(language)
    return _PATTERNS[language]


# More than any head count: a larger value is not a count of people (and would
# not fit the tables' 64-bit integers).
MAX_COUNT = 10**12


def parse_number(token: str, language: str) -> int | None:
    """Value of one number expression (digits with separators/multipliers or words)."""
    value = _parse_number(token, language)
    return value if value is None or value <= MAX_COUNT else None


def _parse_number(token: str, language: str) -> int | None:
    t = token.strip().lower()
    lang = language if language in ("en", "ru", "az") else "en"
    mult = 1
    for pat, m in _MULT[lang]:
        mm = re.search(rf"\s*(?:{pat})$", t)
        if mm and re.search(r"\d", t):
            mult = m
            t = t[: mm.start()].strip()
            break
    if re.fullmatch(_DIGITS, t):
        if re.fullmatch(r"\d{1,3}(?:[ \u00a0\u202f]\d{3})+", t):
            return int(re.sub(r"\D", "", t)) * mult
        if mult > 1 and re.fullmatch(r"\d+[.,]\d+", t):
            return int(round(float(t.replace(",", ".")) * mult))
        if re.fullmatch(r"\d{1,3}(?:,\d{3})+", t) and (lang == "en" or len(t.split(",")[-1]) == 3):
            return int(t.replace(",", "")) * mult
        if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", t) and lang != "en":
            return int(t.replace(".", "")) * mult
        if re.fullmatch(r"\d+", t):
            return int(t) * mult
        return None  # a decimal without multiplier is a measurement, not a count
    if lang == "en":
        return _en_words(t)
    if lang == "ru":
        return _ru_number(t)
    if lang == "az":
        return _az_words(t)
    return None


def _accumulate(words: list[str], units: dict[str, int]) -> int | None:
    """Value of a spelled-out number ("two hundred forty", "iki yüz qırx")."""
    total, current = 0, 0
    for w in words:
        if w not in units:
            return None
        v = units[w]
        if v == 100:
            current = max(current, 1) * 100
        elif v == 1000:
            total += max(current, 1) * 1000
            current = 0
        else:
            current += v
    return total + current or None


def _en_words(t: str) -> int | None:
    from number_parser import parse_number as np_parse

    value = np_parse(t, language="en")
    if value is not None:
        return value
    words = [w for w in re.split(r"[-\s]+", t) if w != "and"]
    if len(words) == 2 and words[1] == "dozen" and words[0] in _EN_UNITS:
        return _EN_UNITS[words[0]] * 12  # "two dozen"
    return _accumulate(words, _EN_UNITS)


def _ru_number(t: str) -> int | None:
    """Russian number words: collective numerals and "полторы тысячи" by our rules, the rest by number-parser."""
    from number_parser import parse_number as np_parse

    t = re.sub(r"\s+", " ", t.replace("ё", "е"))
    if t in _RU_COLLECTIVE:
        return _RU_COLLECTIVE[t]
    half = re.match(_RU_HALF + r"\s+(.+)$", t)
    if half:
        rest = np_parse(half.group(1), language="ru")
        return int(rest * 1.5) if rest in (100, 1000, 1_000_000) else None
    if t in _RU_NOT_NUMBERS:
        return None
    return np_parse(t, language="ru")


def _az_words(t: str) -> int | None:
    words = t.split()
    # strip the suffix of the last word: "ikisi" -> "iki", "üçü" -> "üç"
    last = words[-1]
    for unit in sorted(_AZ_UNITS, key=len, reverse=True):
        if last.startswith(unit) and re.fullmatch(_AZ_NUM_SUFFIX, last[len(unit):]):
            words[-1] = unit
            break
    return _accumulate(words, _AZ_UNITS)


def _apply_modifier(kind: str | None, n: int) -> tuple[int | None, int | None]:
    if kind == "gt":
        return n + 1, None
    if kind == "ge":
        return n, None
    if kind == "lt":
        return None, n - 1
    if kind == "upto":
        return None, n
    if kind == "about":
        return int(round(n * 0.9)), int(round(n * 1.1))
    if kind == "nearly":
        return int(round(n * 0.9)), n
    return n, n


_WORD = re.compile(r"\w[\w\-]*", re.UNICODE)


_GROUP_NOUN = re.compile(r"(?:задержанн\w*|detainees|saxlanılanlar\w*|saxlanılan\w*)")


_UPPER = "A-ZА-ЯЁƏÖÜÇŞĞİ"
_APPOSITION = re.compile(
    rf"(?<=\w),\s*[{_UPPER}][\w'’\-]*(?:(?:\s*,\s*|\s+(?:and|и|və)\s+|\s+)(?:[{_UPPER}][\w'’\-]*|\d+))*\s*,")


def _counted(text: str, start: int, end: int, language: str, bounds: tuple[int, int], *,
             original: str | None = None, near: float | None = None,
             blockers: list[tuple[int, int]] = ()) -> tuple[str, str | None, int | None]:
    """The counted category, cue and cue position from the nearest lexicon cue within the clause around the number.

    ``near``: the cue must be at most this far (characters after the number,
    1.3 × before it), for words that are often no count at all ("several",
    "one", "iki"). ``blockers``: spans of the other counts of the text; a cue
    after the number that lies past another count, with a comma or dash between
    the two, is that count's ("137 nəfər olub, daha 180 nəfər yaralanıb",
    "погибли двое, ранены трое")."""
    lang = language if language in _COUNTED_CUES else "en"
    lo, hi = bounds
    # search window: up to 8 words before and 12 words after, inside clause bounds
    before = [m for m in _WORD.finditer(text, lo, start)][-8:]
    # names in apposition ("two brothers, Ramil and Zaur X, were ...") do not use up the window
    appos = [(a.start(), a.end()) for a in _APPOSITION.finditer(original if original is not None else text, end, hi)]
    after = [m for m in _WORD.finditer(text, end, hi) if not any(s <= m.start() < e for s, e in appos)][:12]
    w_lo = before[0].start() if before else start
    w_hi = after[-1].end() if after else end
    window = text[w_lo:w_hi].lower()
    best: tuple[float, str, str, int] | None = None
    for category, cues in _COUNTED_CUES[lang].items():
        for cue in cues:
            body = cue[3:] if cue.startswith("re:") else re.escape(cue.rstrip()) + (r"(?!\w)" if cue.endswith(" ") else "")
            for m in re.finditer(r"(?<!\w)" + body, window):
                pos = w_lo + m.start()
                if start <= pos < end:
                    continue
                if pos >= end and any(end <= b_s and b_e <= pos and (re.search(r"[,;—–]|\s-\s", text[end:b_s])
                                                                     or _has_predicate(text[end:b_s], lang))
                                      for b_s, b_e in blockers):
                    continue
                if pos >= end and re.search(r"[,;—–]|\s-\s", text[end:pos]) and any(
                        0 <= b_s - (pos + len(m.group())) <= 12 for b_s, _ in blockers):
                    continue  # "погибли двое, ранены трое": a predicate before another count is that count's
                dist = (pos - end) if pos >= end else (start - pos) * 1.3  # prefer cues after the number
                between = window[min(m.start(), start - w_lo):max(m.start(), start - w_lo)] if pos < start else ""
                if "," in between:
                    dist += 30  # a cue before the number in another clause ("ölüb, onlarla ... saxlanılıb")
                if _GROUP_NOUN.match(window, m.start()):
                    # "несколько задержанных были госпитализированы": the detainees are the
                    # group; what happened to them (hospitalised) is what is counted, so a
                    # group noun decides only when no other cue is near
                    dist += 1000
                if best is None or dist < best[0]:
                    best = (dist, category, text[pos:pos + len(m.group())].rstrip(), pos)
    if best is None or (near is not None and best[0] > near):
        return "other", None, None
    if lang == "en" and best[1] == "detained" and re.search(r"\bheld\b", best[2].lower()):
        for m in re.finditer(r"(?<!\w)held(?!\w)", window):
            after_cue = window[m.end():]
            if _EN_REMAND_AFTER.match(after_cue) or re.search(r"\b(?:court|judge)s?\b.*\border", window[:m.start()]):
                # "ordered four of them held for two months": a court remand is an arrest
                return "arrested", text[w_lo + m.start():w_lo + m.end()], w_lo + m.start()
    return best[1], best[2], best[3]


_EN_REMAND_AFTER = re.compile(
    r"\s+(?:for\s+(?:\w+|\d+)\s+(?:more\s+)?(?:days?|weeks?|months?|years?)|pending\s+(?:trial|investigation)|"
    r"in\s+pre-?trial|without\s+bail|on\s+remand)")


# "put the number at 50", "оценили их число в 50", "sayını 50 nəfər göstərib": a bare
# "number/figure" refers back to the count just given, so the figure counts the same thing.
_ANAPHORIC_COUNT = {
    # only linking words may stand between the noun and the figure ("the number of reasons" is not it)
    "en": re.compile(r"\b(?:the|that|this|their|its)\s+(?:real\s+|true\s+|actual\s+)?(?:number|figure|count|tally|total)"
                     r"(?:\s+(?:at|as|to|is|was|stands?|stood|rose|has\s+risen|reached|put|even|already|now|closer|nearer)){0,4}\s*$"),
    "ru": re.compile(r"(?<!\w)(?:их\s+|это\s+|эту\s+|реальн\w+\s+)?(?:числ[оа]|количеств[оа]|цифр[уаы])"
                     r"(?:\s+(?:в|до|составляет|составило|достигло|достигает|превышает|превысило|уже|их)){0,3}\s*$"),
    "az": re.compile(r"(?<!\w)(?:onların\s+|real\s+)?(?:sayı(?:nı)?|rəqəmi?(?:ni)?)(?:\s+(?:isə|artıq|hətta)){0,2}\s*$"),
}


def _anaphoric_count(text: str, start: int, language: str, previous: list[Quantity]) -> tuple[str, str | None]:
    """Category of the count a bare "the number" refers back to (the latest counted quantity before)."""
    rx = _ANAPHORIC_COUNT.get(language)
    lo = max(text.rfind(ch, 0, start) for ch in ".!?\n;,")
    if rx is None or not rx.search(text[lo + 1:start]):
        return "other", None
    for q in reversed(previous):
        if q.counted != "other" and q.end <= start and start - q.end < 300:
            return q.counted, q.cue
    return "other", None


def _clause_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """Clause around a span: between sentence/clause punctuation (; : and sentence ends)."""
    lo = max(text.rfind(ch, 0, start) for ch in ".;!?\n")
    hi_candidates = [i for i in (text.find(ch, end) for ch in ";!?\n") if i != -1]
    dot = re.compile(r"\.(?:\s|$)").search(text, end)
    if dot:
        hi_candidates.append(dot.start())
    hi = min(hi_candidates) if hi_candidates else len(text)
    return lo + 1, hi


def fold_case(text: str, language: str = "") -> str:
    """Lower-case without changing the length (so offsets stay valid).

    ``"İ".lower()`` is two code points in Python; Azerbaijani and Turkish need
    İ -> i and I -> ı.
    """
    if "Σ" not in text:
        # İ is the only code point whose lower case is longer, and capital sigma
        # the only one whose lower case depends on its neighbours (final ς), so
        # without sigma the whole string lowers as each character would.
        text = text.replace("İ", "i")
        return (text.replace("I", "ı") if language == "az" else text).lower()
    out = []
    for ch in text:
        if ch == "İ":
            out.append("i")
        elif ch == "I" and language == "az":
            out.append("ı")
        else:
            low = ch.lower()
            out.append(low if len(low) == 1 else ch)
    return "".join(out)


@dataclass
class _Candidate:
    """A number expression on its way to a :class:`Quantity` (mutable while its neighbours are looked at)."""
    start: int
    end: int
    n_start: int
    n_end: int
    low: int | None
    high: int | None
    vague: bool
    is_digit: bool
    small: bool  # a small word or vague word without a person noun: its cue must be near
    keep_other: bool  # kept when nothing is counted (digits and large words)
    counted: str = "other"
    cue: str | None = None
    cue_pos: int | None = None
    whom: str | None = None
    time: str | None = None
    place: str | None = None
    individual: bool = False
    part_marker: bool = False  # "including", "of them": a part if a count of the same thing is given
    additive: bool = False  # "another", "more", "others", "ещё", "daha"
    superset: bool = False  # "38 of the 67": the group the count is taken from
    part: bool = False
    total_of: tuple = ()
    parts: list = field(default_factory=list)


def _is_label(text: str, original: str, start: int, end: int, n_start: int, n_end: int, lang: str,
              is_digit: bool, sentence_start: int) -> bool:
    """Numbers in names, titles, addresses: "525-ci qəzet", «525», "Flight 8243", "12 Lenin Street"."""
    before = text[max(0, start - 40):start]
    if _LABEL_HEAD_BEFORE[lang].search(before):
        return True
    if _ADDRESS_BEFORE.get(lang) is not None and _ADDRESS_BEFORE[lang].search(text[max(0, start - 50):start]):
        return True
    if is_digit and lang in _ADDRESS_AFTER and _ADDRESS_AFTER[lang].match(original, end):
        return True
    # a short quoted name: «525», “525-ci qəzet”, "Channel 4"
    q_open = max(original.rfind(ch, max(0, start - 25), start) for ch in _QUOTES_OPEN)
    if q_open != -1 and is_digit:
        closes = [i for i in (original.find(ch, end, end + 25) for ch in _QUOTES_CLOSE) if i != -1]
        if closes:
            inside = original[q_open + 1:min(closes)]
            if len(inside.split()) <= 4 and not re.search(r"[.!?;,]", inside) and \
                    (inside.strip().startswith(original[n_start:n_end]) or inside.strip().endswith(original[n_start:n_end])
                     or inside.strip().split("-")[0] == original[n_start:n_end]):
                return True
    # "Newspaper 525", "Boeing 737": a capitalised word right before digits, not at the sentence start
    # (English only: Russian and Azerbaijani put places before gapped counts, "а в Казани 3")
    if is_digit and lang == "en":
        cap = re.search(rf"(?<![\w\-.])([{_UPPER}][\w\-]*)\s+$", original[max(0, start - 30):start])
        if cap and start - len(cap.group(0)) > sentence_start + 1:
            word = cap.group(1)
            sentence = original[sentence_start:]
            words = re.findall(r"[^\W\d][\w\-]*", sentence[:200])
            title_case = len(words) >= 4 and sum(w[0].isupper() for w in words) > 0.6 * len(words)
            if not title_case and not _NOT_NAME_BEFORE.match(word) and not _PERSON_NOUN_AFTER[lang].match(original, end) \
                    and not _is_cue(word.lower(), lang):
                return True
    return False


# Words that are (part of) a predicate: between two counts they mean each has its own
# ("Tens of thousands were displaced and more than 1,000 killed").
_PREDICATE_WORD = {
    "en": re.compile(r"(?<![\w\-])(?:were|was|are|is|been|have|has|had|will|would|\w{3,}ed)(?![\w\-])"),
    "ru": re.compile(r"(?<![\w\-])(?:был[аио]?|будут|\w{2,}(?:ли|лся|лись|ло|лось)|\w+(?:ены|ана|аны|ято|яты|ито|иты))(?![\w\-])"),
    "az": re.compile(r"(?<![\w\-])(?:olub|olmuş|oldu|\w{2,}(?:[ıiuü]b|m[ıiuü]ş|d[ıiuü]|[ıiuü]blər|[ıiuü]r|ır))(?![\w\-])"),
}


def _has_predicate(between: str, lang: str) -> bool:
    return bool(_PREDICATE_WORD[lang].search(between))


def _is_cue(word: str, lang: str) -> bool:
    for cues in _COUNTED_CUES.get(lang, {}).values():
        for cue in cues:
            if not cue.startswith("re:") and word.startswith(cue.strip()):
                return True
    return False


_MORPH = None


def _ru_morph():
    global _MORPH
    if _MORPH is None:
        import pymorphy3

        _MORPH = pymorphy3.MorphAnalyzer()
    return _MORPH


def _whom(original: str, end: int, lang: str) -> tuple[str | None, str | None]:
    """(counted noun as written or lemma-ish, "person" | "thing" | None) right after a number."""
    if lang == "en":
        m = re.match(r"\s+(?:of\s+)?(?:(?:the|their|his|her|its|our)\s+)?((?:[\w'’\-]+\s+){0,3}[\w'’\-]+)", original[end:end + 80])
        if not m:
            return None, None
        head = None
        for tok in m.group(1).split():
            if _EN_NP_STOP.match(tok) or not re.match(r"[^\W\d]", tok):
                break
            head = tok
        if head is None:
            return None, None
        head = re.sub(r"['’]s?$", "", head)
        if re.fullmatch(_THING_STEMS["en"], head, re.I):
            return head.lower(), "thing"
        if re.fullmatch(_PERSON_STEMS["en"], head) or re.fullmatch(_PERSON_STEMS["en"], head.lower()):
            return (head if head[0].isupper() else head.lower()), "person"
        if head.lower().endswith("s") and not head.lower().endswith("ss"):
            return head.lower(), None
        return None, None
    if lang == "ru":
        toks = re.findall(r"[А-Яа-яЁё\-]+|[^\sА-Яа-яЁё]", original[end:end + 80])[:4]
        morph = _ru_morph()
        adj_head = None
        adj_cases: set[str] = set()
        for tok in toks:
            if not re.match(r"[А-Яа-яЁё]", tok):
                break
            parses = morph.parse(tok.lower())
            p = parses[0]
            pos = p.tag.POS
            if pos == "NOUN" and adj_head is not None and not any(
                    q.tag.POS == "NOUN" and (q.tag.case, "gent" if q.tag.case == "gent" else q.tag.number) in adj_cases
                    for q in parses):
                break  # "троих задержанных суд ...": the noun does not agree; the participle is the head
            if pos == "NOUN":
                lemma = p.inflect({"plur", "nomn"})
                word = lemma.word if lemma else p.normal_form
                if p.normal_form in _RU_INANIMATE_PEOPLE or re.match(_PERSON_STEMS["ru"], tok.lower()):
                    return word, "person"
                if re.match(_THING_STEMS["ru"], tok.lower()) or "inan" in p.tag:
                    return word, "thing"
                return word, "person"
            if pos in ("ADJF", "PRTF"):
                infl = p.inflect({"plur", "nomn"})
                adj_head = infl.word if infl else p.normal_form
                # (case, number) of the adjective; after a numeral a genitive noun agrees in either
                # number ("восемь российских миротворцев", "два российских миротворца")
                adj_cases |= {(q.tag.case, "gent" if q.tag.case == "gent" else q.tag.number)
                              for q in parses if q.tag.POS in ("ADJF", "PRTF")}
                continue
            if pos == "ADVB":
                continue
            break
        return (adj_head, "person") if adj_head else (None, None)
    m = re.match(r"(?:-?\w+)?\s+([\wəöüçşğı]+)", original[end:end + 40].lower())
    if not m:
        return None, None
    word = m.group(1)
    for stems, kind in ((_PERSON_STEMS["az"], "person"), (_THING_STEMS["az"], "thing")):
        sm = re.match(stems, word)
        if sm:
            return sm.group(0), kind
    return None, None


def _count_head(text: str, start: int, lang: str, clause_lo: int, others: list[tuple[int, int]]) -> tuple[str, str, int] | None:
    """(category, head, position) when a count head ("the death toll", "число погибших") governs the number."""
    link = _COUNT_LINK[lang]
    lm = link.search(text[max(clause_lo, start - 40):start])
    if not lm:
        return None
    best = None
    for pat, category in _COUNT_HEAD[lang]:
        for m in re.finditer(rf"(?<!\w)(?:{pat})(?!\w)", text[clause_lo:start]):
            pos = clause_lo + m.start()
            if any(pos < s and e <= start for s, e in others):
                continue  # another count stands between the head and the number
            if best is None or pos > best[2]:
                best = (category, text[pos:clause_lo + m.end()], pos)
    return best


def _chunk_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The comma/dash/bracket chunk around a span, inside its clause."""
    lo, hi = _clause_bounds(text, start, end)
    seps = re.compile(r"[,;:()—–]|\s-\s")
    c_lo = lo
    for m in seps.finditer(text, lo, start):
        c_lo = m.end()
    m = seps.search(text, end, hi)
    return c_lo, (m.start() if m else hi)


def _time_of(c: _Candidate, text: str, times: list, frame: str | None) -> str | None:
    """The time a count refers to: a time expression in its chunk (the nearest), else the
    nearest one before it in its clause, else the frame the paragraph set before."""
    c_lo, c_hi = _chunk_bounds(text, c.start, c.end)
    lo, _ = _clause_bounds(text, c.start, c.end)
    inside = [t for t in times if c_lo <= t.start and t.end <= c_hi and not (t.start < c.end and c.start < t.end)]
    if inside:
        return min(inside, key=lambda t: abs(t.start - c.start)).scope
    before = [t for t in times if lo <= t.start and t.end <= c.start]
    if before:
        return before[-1].scope
    earlier_clauses = [t for t in times if t.end <= lo]
    if earlier_clauses:
        return earlier_clauses[-1].scope
    return frame


def _place_of(c: _Candidate, original: str, text: str, lang: str) -> str | None:
    """A place named in the count's chunk (the nearest), else the nearest before it in its clause."""
    lo, hi = _clause_bounds(text, c.start, c.end)
    c_lo, c_hi = _chunk_bounds(text, c.start, c.end)
    found = []
    for m in _PLACE[lang].finditer(original, lo, hi):
        if not (c_lo <= m.start() < c_hi or m.end() <= c.start):
            continue
        words = m.group("p").strip("«»").split()
        if not words or _NOT_PLACE.match(words[0].strip("«»")):
            continue
        if lang == "ru" and re.fullmatch(r"[А-ЯЁ]{2,5}", words[0].strip("«»")):
            continue  # an abbreviation of an institution (СК, МВД), not a place
        if m.start() < c.end and c.start < m.end():
            continue
        found.append(m)
    if not found:
        return None
    inside = [m for m in found if c_lo <= m.start() < c_hi]
    m = min(inside, key=lambda m: abs(m.start() - c.start)) if inside else found[-1]
    return re.sub(r"[’']s$", "", original[m.start():m.end()])


def extract_quantities(text: str, language: str, *, exclude: list[tuple[int, int]] | None = None,
                       keep_other: bool = True, published=None, preceding: str = "",
                       individuals: bool = False) -> list[Quantity]:
    """All quantities in ``text`` (a sentence, or several); ``exclude`` spans are
    skipped (by default the spans of dates found by :func:`compare.extract.dates.extract_dates`).

    Small word numbers whose counted category is ``other`` ("one of the reasons")
    are dropped: they are almost never quantities a reader compares.

    ``published`` (a date) resolves the time scope of counts ("last year",
    "in April"); ``preceding`` is the text before ``text`` in its article (only
    its last paragraph is read): a time it sets ("In 2006, ... raids. Over 1,500
    people were detained") carries over to counts that state none, and a count
    of the same thing given there makes "another 18" a part.
    ``individuals``: also return "one of the men" mentions (``individual=True``).
    """
    lang = language if language in ("en", "ru", "az") else "en"
    if exclude is None:
        # day numbers of dates ("3 сентября") are not counts
        from compare.extract.dates import extract_dates

        exclude = [(d.start, d.end) for d in extract_dates(text, lang)]
    original = text
    text = fold_case(text, lang)  # same length: offsets stay valid for ``original``
    exclude = list(exclude) + [m.span() for m in _PHONE.finditer(original)]
    cands: list[_Candidate] = []
    for m in _pattern(lang).finditer(text):
        start, end = m.span()
        if any(s < end and start < e for s, e in exclude):
            continue
        sentence_start = max(text.rfind(ch, 0, start) for ch in ".!?\n") + 1
        vague_word = m.group("vague")
        if vague_word:
            low = high = None
            for pat, (lo_v, hi_v) in _VAGUE[lang]:
                if re.fullmatch(pat, vague_word, re.IGNORECASE):
                    low, high = lo_v, hi_v
                    break
            if low is None:
                continue
            # "несколько часов", "several days", "bir neçə saat": a span of time, not a count
            if re.match(r"\s*" + _UNIT_AFTER[lang], text[end:end + 14], re.IGNORECASE) \
                    or _NOT_PEOPLE_AFTER[lang].match(text, end):
                continue
            n_start, n_end = m.span("vague")
            people = bool(_PERSON_NOUN_AFTER[lang].match(original, end))
            cands.append(_Candidate(start, end, n_start, n_end, low, high, True, False, small=not people,
                                    keep_other=False))
            continue
        a_text, b_text, pre = m.group("a"), m.group("b"), m.group("pre")
        a = parse_number(a_text, lang)
        if a is None:
            continue
        is_digit = bool(re.match(r"\d", a_text))
        individual = False
        if a == 1 and not b_text and _INDIVIDUAL_AFTER[lang] is not None and _INDIVIDUAL_AFTER[lang].match(text, end):
            individual = True  # "one of the men", "одного из арестованных" ("four of them" counts a subgroup)
        if lang == "az" and not is_digit and a == 1 and not b_text and fold_case(a_text, "az") != "bir" \
                and _AZ_INDIVIDUAL_BEFORE.search(text[max(0, start - 30):start]):
            individual = True  # "saxlanılanlardan biri"
        if lang == "az" and not is_digit and a == 10 and fold_case(a_text, "az") != "on":
            continue  # "onu", "onun", "onlar": the pronoun, not "on" (ten) with a suffix
        if lang == "az" and not is_digit and a == 1 and not b_text and not individual \
                and not _AZ_ONE_AS_COUNT.match(text, end):
            continue
        if b_text and is_digit and re.fullmatch(r"\s*[-–:]\s*", text[m.end("a"):m.start("b")]):
            b_score = parse_number(b_text, lang)
            if b_score is not None and b_score < a:
                continue  # "31-27", "10-6": a score, not a range
        if lang == "en" and is_digit and a < 120 and not b_text and re.match(r"\s*,", text[end:end + 3]) \
                and re.search(r"[A-Z][\w'’.\-]+,\s*$", original[max(0, start - 40):start]):
            continue  # "Palin, 29, of Wasilla": an age in apposition
        tail = text[end:end + 14]
        if re.match(r"\s*" + _UNIT_AFTER[lang], tail, re.IGNORECASE) or re.match(r"[.,:]\d", text[end:end + 2]):
            continue
        if is_digit and re.match(_LIST_BEFORE_UNIT + _UNIT_AFTER[lang], text[end:end + 40], re.IGNORECASE):
            continue
        if _CURRENCY_BEFORE.search(text[max(0, start - 3):start]):
            continue
        if lang == "az" and re.search(r"hər\s+$", text[max(0, start - 5):start]):
            continue  # "hər iki" (both) refers back to people already counted
        if is_digit and (_REFERENCE_BEFORE.search(text[max(0, start - 24):start])
                         or _REFERENCE_AFTER.match(text[end:end + 12])):
            continue  # a reference number: article, paragraph, case, house
        if _AGE_BEFORE.search(text[max(0, start - 16):start]):
            continue  # ages: "aged 58 and 54", "в возрасте 58 лет"
        if is_digit and 1900 <= a <= 2100 and "," not in a_text and " " not in a_text.strip():
            b_year = parse_number(b_text, lang) if b_text else None
            if not b_text or (b_year is not None and 1900 <= b_year <= 2100):
                continue  # a year or a span of years ("2019-2020")
        if is_digit and re.search(r"\d[:.]$", text[max(0, start - 2):start]):
            continue  # minutes of a clock time or a UTC offset ("23:45", "+04:00")
        events = _NOT_PEOPLE_AFTER[lang].match(text, end)
        if events and (not is_digit or not keep_other):
            continue  # "148 attacks", "220 cases", "три раза": events counted, not people
        if _is_label(text, original, start, end, m.start("a"), m.end("a"), lang, is_digit, sentence_start):
            continue  # a number in a name, title or address
        low, high = a, a
        vague = False
        if b_text:
            b = parse_number(b_text, lang)
            if b is None or b <= a:
                # "2 or 3" with b<=a is not a range; keep the first number alone
                end = m.end("a")
            else:
                low, high, vague = a, b, True
        if pre:
            kind = next((k for p, k in _PRE_MODS[lang] if re.fullmatch(p, pre, re.IGNORECASE)), None)
            if kind == "upto" and lang == "ru" and not is_digit:
                kind = None
            if kind == "upto" and lang == "ru" and _RU_CHANGE_BEFORE_DO.search(text[max(0, start - 30):start]):
                kind = None  # "увеличилось до 133": the new figure
            if kind and not b_text:
                low, high = _apply_modifier(kind, a)
                vague = True
        if lang == "az":
            post = text[end:end + 20]
            for pat, kind in _AZ_POST_MODS:
                pm = re.match(pat, post, re.IGNORECASE)
                if pm and not b_text:
                    low, high = _apply_modifier(kind, a)
                    vague = True
                    end = end + pm.end()
                    break
        if events:  # kept as ``other`` with its noun (digits only)
            cands.append(_Candidate(start, end, m.start("a"), m.end("a"), low, high, vague, True, small=False,
                                    keep_other=True, counted="none",
                                    whom=original[events.start():events.end()].split()[-1]))
            continue
        small_word = not is_digit and a < 10 and not b_text and not _PERSON_NOUN_AFTER[lang].match(original, end)
        c = _Candidate(start, end, m.start("a"), m.end("a"), low, high, vague, is_digit, small=small_word,
                       keep_other=is_digit or a >= 10 or bool(b_text) or bool(pre), individual=individual)
        before = text[max(0, start - 40):start]
        c.part_marker = bool(_PART_BEFORE[lang].search(before)
                             or (_PART_AFTER[lang] is not None and not individual and _PART_AFTER[lang].match(text, end))
                             or (lang == "az" and re.match(r"-?[iıuü]\b|[iıuü]\b", text[m.end("a"):m.end("a") + 2])
                                 and _AZ_INDIVIDUAL_BEFORE.search(before)))
        c.additive = bool(_ADDITIVE_BEFORE[lang].search(before) or _ADDITIVE_AFTER[lang].match(text, end))
        cands.append(c)

    # supersets: "38 of the 67 people on board", "38 из 67", "67 nəfərdən 38-i"
    for x, y in zip(cands, cands[1:]):
        between = text[x.end:y.start]
        if lang == "en" and re.fullmatch(r"\s+(?:\w+\s+)?(?:of|out\s+of)\s+(?:the\s+|all\s+(?:the\s+)?|those\s+)?", between):
            y.superset = True
        elif lang == "ru" and re.fullmatch(r"\s+(?:\w+\s+)?из\s+", between):
            y.superset = True
        elif lang == "az" and re.fullmatch(r"(?:\s+\w+)?-?(?:d[aə]n|t[aə]n)\s+", between):
            x.superset = True

    # what each number counts
    blockers = [(c.n_start, c.end) for c in cands if not c.part_marker and not c.individual and not c.superset]
    spans = [(c.start, c.end) for c in cands]
    for c in cands:
        if c.counted == "none":  # events: no cue search
            c.counted = "other"
            continue
        c.whom, kind = _whom(original, c.end, lang)
        if c.superset:
            for pat, category in _GROUP_COUNTED[lang]:
                gm = re.match(pat, text[c.end:c.end + 40])
                if gm:
                    c.counted, c.cue, c.cue_pos = category, text[c.end:c.end + gm.end()].strip(), c.end
                    break
            continue
        bounds = _clause_bounds(text, c.start, c.end)
        head = _count_head(text, c.start, lang, bounds[0], [s for s in spans if s != (c.start, c.end)])
        if head is not None:
            c.counted, c.cue, c.cue_pos = head
        else:
            own = [b for b in blockers if b != (c.n_start, c.end)]
            c.counted, c.cue, c.cue_pos = _counted(text, c.start, c.end, lang, bounds, original=original,
                                                   near=NEAR_CUE if c.small else None, blockers=own)
        if c.counted == "other" and not c.vague or (c.counted == "other" and c.is_digit):
            c.counted, c.cue = _anaphoric_count(text, c.start, lang, [q for q in cands if q.end <= c.start])
        if kind == "thing":
            c.counted, c.cue, c.cue_pos = "other", None, None  # "more than ten apartments": not people

    # time and place
    from compare.extract.dates import extract_times

    times = extract_times(original, lang, published)
    para = preceding[preceding.rfind("\n") + 1:] if preceding else ""
    frame_times = extract_times(para, lang, published) if para.strip() else []
    frame = frame_times[-1].scope if frame_times else None
    for c in cands:
        c.time = _time_of(c, text, times, frame)
        c.place = _place_of(c, original, text, lang)

    # parts and totals
    earlier_context: list[Quantity] | None = None

    def context() -> list[Quantity]:
        nonlocal earlier_context
        if earlier_context is None:
            earlier_context = extract_quantities(para, lang, keep_other=False, published=published) if para.strip() else []
        return earlier_context

    counted_cands = [c for c in cands if c.counted != "other" and not c.individual and not c.superset]
    for i, c in enumerate(counted_cands):
        prev = [p for p in counted_cands[:i] if p.counted == c.counted and not p.part
                and ";" not in text[p.end:c.start] and p.time == c.time]
        if c.part_marker:
            c.part = bool(prev) or any(q.counted == c.counted for q in context())
            continue
        if prev:
            p = prev[-1]
            while p.total_of:  # already folded into a total: add to that
                p = p.total_of[0]
            between = text[p.end:c.start]
            # one predicate for both, before both or after both ("detained 5 on Friday and 3 on
            # Saturday", "two Azerbaijanis and five others were detained"); a predicate between
            # them is the first count's own ("1000 killed and tens of thousands displaced")
            shared = p.cue_pos is not None and p.cue_pos == c.cue_pos and not (p.end <= p.cue_pos < c.start) \
                and _COORDINATED[lang].match(between) and not _SAY_BETWEEN.search(between) \
                and not _has_predicate(between, lang)
            if c.additive or shared:
                c.total_of = (p,)
                continue
        if c.additive:
            later = [q for q in counted_cands[i + 1:] if q.counted == c.counted]
            if later or any(q.counted == c.counted for q in context()):
                c.part = True  # "18 more bodies were found, bringing the toll to 133"

    def low_sum(xs):
        return None if any(x.low is None for x in xs) else sum(x.low for x in xs)

    def high_sum(xs):
        return None if any(x.high is None for x in xs) else sum(x.high for x in xs)

    def to_quantity(c: _Candidate) -> Quantity:
        return Quantity(c.start, c.end, original[c.start:c.end], c.low, c.high, c.vague, c.counted, c.cue,
                        c.n_start, c.n_end, whom=c.whom, time=c.time, place=c.place, individual=c.individual,
                        part=c.part)

    # fold "N X and M others": the later part joins the earlier count's total
    heads: dict[int, list[_Candidate]] = {}
    for c in counted_cands:
        if c.total_of:
            root = c.total_of[0]
            heads.setdefault(id(root), [root]).append(c)
    folded = {id(x) for group in heads.values() for x in group}
    out: list[Quantity] = []
    for c in cands:
        if id(c) in folded:
            group = heads.get(id(c))
            if group is None:
                continue
            parts = tuple(to_quantity(x) for x in group)
            whoms = {x.whom for x in group if x.whom and x.whom.lower() not in ("others", "other", "more", "другие", "других")}
            out.append(Quantity(group[0].start, group[-1].end, original[group[0].start:group[-1].end],
                                low_sum(group), high_sum(group), any(x.vague for x in group),
                                c.counted, c.cue, group[0].n_start, group[-1].n_end,
                                whom=whoms.pop() if len(whoms) == 1 else None, time=c.time,
                                place=c.place if all(x.place == c.place for x in group) else None,
                                total_of=parts))
            continue
        if c.individual and not individuals:
            continue
        if c.counted == "other":
            if not keep_other or not c.keep_other:
                continue  # small number words and vague words without a counted noun are rhetoric
        out.append(to_quantity(c))
    # zero: "nobody was hurt", "никто не пострадал", "heç kim yaralanmayıb"
    for m in _ZERO.get(lang, _ZERO["en"]).finditer(text):
        start, end = m.span()
        if any(q.start < end and start < q.end for q in out):
            continue
        counted, cue, _ = _counted(text, start, end, lang, _clause_bounds(text, start, end), original=original)
        if counted != "other":
            zq = _Candidate(start, end, start, end, 0, 0, False, False, False, False)
            out.append(Quantity(start, end, original[start:end], 0, 0, False, counted, cue, start, end,
                                time=_time_of(zq, text, times, frame), place=_place_of(zq, original, text, lang)))
    out.sort(key=lambda q: q.start)
    return out


_ZERO = {
    "en": re.compile(r"(?<!\w)(?:nobody|no\s+one|none\s+of\s+the\s+\w+|no\s+(?:people|person|one|deaths|casualties|injuries|detainees))(?!\w)"),
    "ru": re.compile(r"(?<!\w)(?:никто|ни\s+один|ни\s+одного|никого)(?!\w)"),
    "az": re.compile(r"(?<!\w)(?:heç\s+kim|heç\s+bir\s+(?:nəfər|şəxs|adam))(?!\w)"),
}
