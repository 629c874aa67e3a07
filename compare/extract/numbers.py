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
from dataclasses import dataclass

__all__ = ["Quantity", "extract_quantities", "COUNTED"]

COUNTED = ("dead", "injured", "detained", "deported", "arrested", "missing", "other")


@dataclass(frozen=True)
class Quantity:
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

    def overlaps(self, other: "Quantity") -> bool:
        return ranges_overlap(self.value_low, self.value_high, other.value_low, other.value_high)


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

# Russian: stems cover case forms (два/двух/двум/двумя, пять/пяти/пятью ...).
_RU_WORDS: list[tuple[str, int]] = [
    (r"од(?:ин|на|но|ного|ной|ному|ним|ну)", 1),
    (r"дв(?:а|е|ух|ум|умя)", 2), (r"тр(?:и|[её]х|[её]м|емя)", 3),
    (r"четыр(?:е|[её]х|[её]м|ьмя)", 4), (r"пят(?:ь|и|ью)", 5), (r"шест(?:ь|и|ью)", 6),
    (r"сем(?:ь|и|ью)", 7), (r"восьм(?:и|ью)|восемь", 8), (r"девят(?:ь|и|ью)", 9),
    (r"десят(?:ь|и|ью)", 10), (r"одиннадцат(?:ь|и)", 11), (r"двенадцат(?:ь|и)", 12),
    (r"тринадцат(?:ь|и)", 13), (r"четырнадцат(?:ь|и)", 14), (r"пятнадцат(?:ь|и)", 15),
    (r"шестнадцат(?:ь|и)", 16), (r"семнадцат(?:ь|и)", 17), (r"восемнадцат(?:ь|и)", 18),
    (r"девятнадцат(?:ь|и)", 19), (r"двадцат(?:ь|и)", 20), (r"тридцат(?:ь|и)", 30),
    (r"сорок(?:а)?", 40), (r"пятьдесят|пятидесяти", 50), (r"сто|ста", 100),
    # collective numerals: "двое задержанных", "трое погибших"
    (r"двое|двоих|двоим", 2), (r"трое|троих|троим", 3), (r"четверо|четверых", 4),
    (r"пятеро|пятерых", 5), (r"шестеро|шестерых", 6), (r"семеро|семерых", 7),
]
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
        (r"dozens", (24, 99)), (r"scores", (40, 99)),
        (r"hundreds", (200, 999)), (r"thousands", (2000, 9999)),
    ],
    "ru": [
        (r"несколько|нескольких|нескольким", (3, 9)),
        (r"дюжин[аыу]", (12, 12)),
        (r"десятк(?:и|ов|ами)", (24, 99)),
        (r"сот(?:ни|ен|нями)", (200, 999)), (r"тысяч(?:и|ами)", (2000, 9999)),
    ],
    "az": [
        (r"bir\s+neçə|neçə", (3, 9)),
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
        "dead": ["həlak", "öldürül", "öldür", "ölüb", "öldü", "ölən", "ölüm", "ölmüş", "vəfat", "can verib", "meyit", "qətl",
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
_AGE_BEFORE = re.compile(r"(?:\baged|\bage|в\s+возрасте|\byaşı|\byaşında)\s*(?:\d+\s*(?:and|и|və|,)\s*)?$", re.I)

_DIGITS = r"\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?!\d)|\d{1,3}(?:,\d{3})+(?![\d])|\d{1,3}(?:\.\d{3})+(?![\d,])|\d+(?:[.,]\d+)?"


def _num_word_pattern(language: str) -> str:
    if language == "en":
        units = sorted(_EN_UNITS, key=len, reverse=True)
        word = "|".join(units)
        # "twenty-one", "two hundred", "three thousand"
        return rf"(?:{word})(?:[-\s](?:{word}))*"
    if language == "ru":
        word = "|".join(p for p, _ in _RU_WORDS)
        return rf"(?:{word})"
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
        for pat, v in _RU_WORDS:
            if re.fullmatch(pat, t):
                return v
        return None
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
    return _accumulate(re.split(r"[-\s]+", t), _EN_UNITS)


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
             original: str | None = None, near: float | None = None) -> tuple[str, str | None]:
    """The counted category from the nearest lexicon cue within the clause around the number.

    ``near``: the cue must be at most this far (characters after the number,
    1.3 × before it), for words that are often no count at all ("several",
    "one", "iki")."""
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
    best: tuple[float, str, str] | None = None
    for category, cues in _COUNTED_CUES[lang].items():
        for cue in cues:
            body = cue[3:] if cue.startswith("re:") else re.escape(cue.rstrip()) + (r"(?!\w)" if cue.endswith(" ") else "")
            for m in re.finditer(r"(?<!\w)" + body, window):
                pos = w_lo + m.start()
                if start <= pos < end:
                    continue
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
                    best = (dist, category, text[pos:pos + len(m.group())].rstrip())
    if best is None or (near is not None and best[0] > near):
        return "other", None
    if lang == "en" and best[1] == "detained" and re.search(r"\bheld\b", best[2].lower()):
        for m in re.finditer(r"(?<!\w)held(?!\w)", window):
            after_cue = window[m.end():]
            if _EN_REMAND_AFTER.match(after_cue) or re.search(r"\b(?:court|judge)s?\b.*\border", window[:m.start()]):
                # "ordered four of them held for two months": a court remand is an arrest
                return "arrested", text[w_lo + m.start():w_lo + m.end()]
    return best[1], best[2]


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


def extract_quantities(text: str, language: str, *, exclude: list[tuple[int, int]] | None = None,
                       keep_other: bool = True) -> list[Quantity]:
    """All quantities in ``text``; ``exclude`` spans are skipped (by default the
    spans of dates found by :func:`compare.extract.dates.extract_dates`).

    Small word numbers whose counted category is ``other`` ("one of the reasons")
    are dropped: they are almost never quantities a reader compares.
    """
    lang = language if language in ("en", "ru", "az") else "en"
    if exclude is None:
        # day numbers of dates ("3 сентября") are not counts
        from compare.extract.dates import extract_dates

        exclude = [(d.start, d.end) for d in extract_dates(text, lang)]
    original = text
    text = fold_case(text, lang)  # same length: offsets stay valid for ``original``
    out: list[Quantity] = []
    for m in _pattern(lang).finditer(text):
        start, end = m.span()
        if any(s < end and start < e for s, e in exclude):
            continue
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
            # "two dozen" is handled as words; "dozens of" is vague
            bounds = _clause_bounds(text, start, end)
            people = bool(_PERSON_NOUN_AFTER[lang].match(original, end))
            counted, cue = _counted(text, start, end, lang, bounds, original=original,
                                    near=None if people else NEAR_CUE)
            if not keep_other and counted == "other":
                continue
            if counted == "other":
                continue  # vague words without a counted noun are rhetoric ("several reasons")
            out.append(Quantity(start, end, original[start:end], low, high, True, counted, cue, n_start, n_end))
            continue
        a_text, b_text, pre = m.group("a"), m.group("b"), m.group("pre")
        a = parse_number(a_text, lang)
        if a is None:
            continue
        is_digit = bool(re.match(r"\d", a_text))
        if a == 1 and not b_text and re.match(r"\s+(?:of\s+(?:whom|them|which|those)|из\s+(?:которых|них))\b", text[end:end + 20]):
            continue  # "one of whom was a Russian citizen": an individual of a count already given
            # ("four of them were arrested" counts a subgroup and stays)
        if lang == "az" and not is_digit and a == 10 and fold_case(a_text, "az") != "on":
            continue  # "onu", "onun", "onlar": the pronoun, not "on" (ten) with a suffix
        if lang == "az" and not is_digit and a == 1 and not b_text and not _AZ_ONE_AS_COUNT.match(text, end):
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
        if _NOT_PEOPLE_AFTER[lang].match(text, end):
            continue  # "148 attacks", "220 cases", "три раза": events counted, not people
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
        bounds = _clause_bounds(text, start, end)
        small_word = not is_digit and a < 10 and not b_text and not _PERSON_NOUN_AFTER[lang].match(original, end)
        counted, cue = _counted(text, start, end, lang, bounds, original=original,
                                near=NEAR_CUE if small_word else None)
        if counted == "other":
            counted, cue = _anaphoric_count(text, start, lang, out)
        if counted == "other":
            if not keep_other:
                continue
            # small number words ("one of", "bir", "два года") are rarely comparable counts
            if not is_digit and a < 10 and not b_text and not pre:
                continue
        out.append(Quantity(start, end, original[start:end], low, high, vague, counted, cue,
                            m.start("a"), m.end("a")))
    # zero: "nobody was hurt", "никто не пострадал", "heç kim yaralanmayıb"
    for m in _ZERO.get(lang, _ZERO["en"]).finditer(text):
        start, end = m.span()
        if any(q.start < end and start < q.end for q in out):
            continue
        counted, cue = _counted(text, start, end, lang, _clause_bounds(text, start, end), original=original)
        if counted != "other":
            out.append(Quantity(start, end, original[start:end], 0, 0, False, counted, cue, start, end))
    out.sort(key=lambda q: q.start)
    return out


_ZERO = {
    "en": re.compile(r"(?<!\w)(?:nobody|no\s+one|none\s+of\s+the\s+\w+|no\s+(?:people|person|one|deaths|casualties|injuries|detainees))(?!\w)"),
    "ru": re.compile(r"(?<!\w)(?:никто|ни\s+один|ни\s+одного|никого)(?!\w)"),
    "az": re.compile(r"(?<!\w)(?:heç\s+kim|heç\s+bir\s+(?:nəfər|şəxs|adam))(?!\w)"),
}
