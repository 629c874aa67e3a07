"""Comparable Latin keys for names written in Russian, Azerbaijani or English.

``canonical_key`` turns a name as it appears in running text into a key that is
(near-)equal across scripts and inflections::

    canonical_key("Сафарова", "ru")         -> "safarov"
    canonical_key("Səfərov", "az")          -> "safarov"
    canonical_key("Yekaterinburqda", "az")  -> "yekaterinburk"
    canonical_key("Екатеринбург", "ru")     -> "yekaterinburk"

Steps: lower-case and NFC; strip a case ending (Russian endings on Cyrillic
words, Azerbaijani suffixes on Azerbaijani words, English possessive 's);
transliterate Cyrillic (ГОСТ-like, with ``е`` → ``ye`` word-initially and after
vowels); fold Azerbaijani letters (ə→a, ı→i, ş→sh, ç→ch, ğ→gh, ö→o, ü→u,
x→kh, c→j, q→k); then fold spellings that differ between transliteration
conventions (kh/gh/h → h, g/k/q → k, dzh/dj → j, ts → c, ye/ie/iye, doubled
letters). The key is lossy on purpose: it is for matching, not for display.

Keys still differ where the languages really spell a name differently (Bakı vs
Baku, Россия vs Rusiya vs Russia). :func:`keys_match` handles these with a
consonant skeleton and a string similarity, so ``keys_match("Bakı", "Баку")``
is true while ``keys_match("Baku", "Bern")`` is false.
"""
from __future__ import annotations

import re
import unicodedata
from difflib import SequenceMatcher
from functools import lru_cache

_CYR = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "yo", "ж": "zh",
    "з": "z", "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu",
    "я": "ya",
    # Azerbaijani Cyrillic (pre-1991 texts) and Ukrainian/Kazakh letters seen in names
    "ә": "a", "ғ": "gh", "ҹ": "j", "һ": "h", "ө": "o", "ү": "u", "ј": "y", "ҝ": "g",
    "қ": "k", "ң": "n", "і": "i", "ї": "yi", "є": "ye", "ґ": "g", "ў": "u",
}
_CYR_VOWELS = set("аеёиоуыэюяәөүіїє")
_AZ = {"ə": "a", "ı": "i", "ş": "sh", "ç": "ch", "ğ": "gh", "ö": "o", "ü": "u",
       "x": "kh", "c": "j", "q": "k", "i̇": "i"}
_LATIN_EXTRA = {"ä": "a", "é": "e", "è": "e", "ë": "e", "í": "i", "ó": "o", "ñ": "n", "ß": "ss",
                "š": "sh", "ž": "zh", "č": "ch", "ć": "ch", "ł": "l", "ø": "o", "å": "a", "ñ": "n"}

# Russian nominal/adjectival endings, longest first. "ов/ев/ин" are surname
# suffixes, not endings, so they are never stripped.
# Plural endings (-ам, -ах, -ами) are left alone: names are rarely plural, and
# stripping them would break Ильхам, Карабах.
_RU_ENDINGS = (
    "ого", "его", "ому", "ему",
    "ой", "ей", "ым", "им", "ом", "ем", "ую", "юю", "ье", "ья", "ьи",
    "а", "я", "у", "ю", "е", "ы", "и", "ь",
)
# Azerbaijani case (and a few derivational) suffixes on proper nouns; vowel
# harmony gives the variants.
_AZ_ENDINGS = tuple(sorted({
    "dakı", "dəki", "dağı", "dəki", "dakılar", "dəkilər",
    "ların", "lərin", "lara", "lərə", "larda", "lərdə", "lardan", "lərdən", "ları", "ləri", "lar", "lər",
    "nın", "nin", "nun", "nün", "ın", "in", "un", "ün",
    "ya", "yə", "a", "ə",
    "nı", "ni", "nu", "nü", "ı", "i", "u", "ü",
    "da", "də", "ta", "tə", "dan", "dən", "tan", "tən",
    "nda", "ndə", "ndan", "ndən", "yla", "ylə", "la", "lə",
}, key=len, reverse=True))
_AZ_VOWELS = set("aəeıioöuü")
_VOWELS = set("aeiouy")

_TOKEN = re.compile(r"[^\W_]+(?:['’`][^\W_]+)?", re.UNICODE)
_CYRILLIC = re.compile(r"[\u0400-\u04FF]")
_AZ_LETTERS = re.compile(r"[əğıöüşçƏĞIÖÜŞÇ]")


def _script_language(word: str, language: str | None) -> str:
    if _CYRILLIC.search(word):
        return "ru"
    if _AZ_LETTERS.search(word):
        return "az"  # an Azerbaijani name quoted in a Russian or English text
    if language in ("az", "ru", "en"):
        # Latin text in a Russian article (e.g. "Reuters") is treated as English.
        return "en" if language == "ru" else language
    return "en"


def _strip_ru(word: str) -> str:
    for end in _RU_ENDINGS:
        if word.endswith(end):
            stem = word[: -len(end)]
            # Keep short stems whole: Баку, Уфа, Киев are not inflected forms.
            if len(stem) >= 4 or (len(end) >= 2 and len(stem) >= 3):
                return stem
            return word
    return word


# Name endings that look like a suffix: "-stan" is not "-s" + ablative "-tan"
# (Ermənistan), and before an "n"-initial suffix these names keep their own
# "n" (Azərbaycan+dan, not Azərbayca+ndan).
_AZ_NAME_ENDS_N = ("stan", "can", "ran", "tan", "xan", "yan", "yən", "stən")


def _keeps_n(stem: str) -> bool:
    """Whether ``stem`` + "n" is a name (Azərbayca+n), not a stem before a buffer "n"."""
    return (stem + "n").endswith(_AZ_NAME_ENDS_N) and not (stem + "n").endswith("iyan")


def _strip_az(word: str) -> str:
    if "'" in word or "’" in word:
        # Bakı'ya, Rusiya'nın: the apostrophe marks the suffix boundary.
        return re.split(r"['’]", word, maxsplit=1)[0]
    for end in _AZ_ENDINGS:
        if not word.endswith(end):
            continue
        stem = word[: -len(end)]
        if len(stem) < 4:
            continue
        if end[0] == "t" and word.endswith(("stan", "stən")):
            return word
        if end in ("nda", "ndə", "ndan", "ndən") and (stem[-1] in "aəeoö" or _keeps_n(stem)):
            # the buffer "n" of "-nda" follows only the possessive -ı/-i/-u/-ü
            # (Respublikası+nda); after another vowel the "n" is the name's (Vaşinqton+da)
            return stem + "n"
        if len(end) == 1:
            # A bare vowel is a case ending only after a consonant stem, and a
            # stem ending in "y" is ambiguous (Rusiya), so keep those whole.
            if stem[-1] in _AZ_VOWELS or stem[-1] == "y":
                continue
        elif end[0] == "y" and (stem[-1] not in _AZ_VOWELS or stem[-1] == "i"):
            # Buffer "y" only follows vowels; "-iya" is a name ending (Rusiya, Almaniya).
            continue
        elif end[0] == "n" and end not in ("nda", "ndə", "ndan", "ndən"):
            if stem[-1] not in _AZ_VOWELS:
                continue  # buffer "n" only follows vowels
            # "-anın" is ambiguous (Rusiya+nın, Azərbaycan+ın): names in -stan,
            # -can, -ran, -yan (Armenian surnames) take the consonant reading.
            if _keeps_n(stem):
                return stem + "n"
        elif end in ("ın", "in", "un", "ün") and stem[-1] in _AZ_VOWELS:
            continue
        return stem
    return word


def _translit_cyr(word: str) -> str:
    out = []
    prev = ""
    for ch in word:
        if ch in ("е", "ё") and (not prev or prev in _CYR_VOWELS or prev in "ъь"):
            out.append("ye" if ch == "е" else "yo")
        else:
            out.append(_CYR.get(ch, ch))
        prev = ch
    return "".join(out)


def fold_to_latin(text: str) -> str:
    """Letter-by-letter Latin transliteration of lower-cased text (no stripping, no folding)."""
    res = []
    for word in re.split(r"(\W+)", text):
        if _CYRILLIC.search(word):
            res.append(_translit_cyr(word))
        else:
            res.append("".join(_AZ.get(c, _LATIN_EXTRA.get(c, c)) for c in word))
    return "".join(res)


_FOLDS = [
    (re.compile(r"shch"), "sh"),
    (re.compile(r"dzh|dj"), "j"),
    (re.compile(r"tsh|tch"), "ch"),
    (re.compile(r"kh|gh|h"), "h"),
    (re.compile(r"[gkq]"), "k"),
    (re.compile(r"ts"), "c"),
    (re.compile(r"w"), "v"),
    (re.compile(r"ph"), "f"),
    # Aliyev / Алиев, Rusiya / Россия: a "y" glide between i and a vowel.
    (re.compile(r"iy(?=[aeou])"), "i"),
    (re.compile(r"ai(?![aeiou])"), "ay"),
    (re.compile(r"([a-z])\1+"), r"\1"),
]


def _fold_latin(word: str) -> str:
    word = unicodedata.normalize("NFKD", word)
    word = "".join(c for c in word if not unicodedata.combining(c))
    word = "".join(c for c in word if c.isalnum())
    for pattern, repl in _FOLDS:
        word = pattern.sub(repl, word)
    return word


@lru_cache(maxsize=200_000)
def _word_key(word: str, lang: str, strip: bool = True) -> str:
    if lang == "ru":
        word = _strip_ru(word) if strip else word
        word = _translit_cyr(word)
    elif lang == "az":
        word = _strip_az(word) if strip else word
        word = "".join(_AZ.get(c, _LATIN_EXTRA.get(c, c)) for c in word)
    else:
        word = re.sub(r"['’`]s$", "", word)
        word = re.split(r"['’`]", word, maxsplit=1)[0]
        word = "".join(_LATIN_EXTRA.get(c, c) for c in word)
    return _fold_latin(word)


def canonical_key(text: str, language: str | None = None, *, strip: bool = True) -> str:
    """A comparable Latin key for a name (one or more words).

    ``language`` is the article's language (``ru``, ``az``, ``en``); the
    script of each word decides its transliteration, so Latin words in a
    Russian article and Cyrillic words anywhere are handled. Digits are kept.
    ``strip=False`` keeps Russian and Azerbaijani case endings (for a stem
    already chosen by the caller). Returns ``""`` for text with no letters or
    digits.
    """
    if not text:
        return ""
    text = unicodedata.normalize("NFC", text)
    # Python lower-cases "I" to "i", but Azerbaijani dotless I is "ı"; "İ" must become "i".
    text = text.replace("İ", "i").replace("I", "ı" if language == "az" else "i").lower()
    text = text.replace("i̇", "i")
    keys = []
    for m in _TOKEN.finditer(text):
        word = m.group(0)
        key = _word_key(word, _script_language(word, language), strip)
        if key:
            keys.append(key)
    return " ".join(keys)


def skeleton(key: str) -> str:
    """Consonant skeleton of each word: the part of a name that survives transliteration.

    A word-initial "y" glide is dropped (Yekaterinburg / Ekaterinburg) and an
    initial vowel is kept only as "a" (initial vowels differ across conventions).
    """
    parts = []
    for word in key.split():
        if len(word) > 1 and word[0] == "y" and word[1] in _VOWELS:
            word = word[1:]
        head = "a" if word[0] in _VOWELS else word[0]
        parts.append(head + "".join(c for c in word[1:] if c not in _VOWELS))
    return " ".join(parts)


def _word_match(a: str, b: str, threshold: float = 0.85) -> bool:
    if a == b:
        return True
    if a.isdigit() or b.isdigit():
        return False
    sa, sb = skeleton(a), skeleton(b)
    ratio = SequenceMatcher(None, a, b).ratio()
    if sa == sb and len(sa) >= 2:
        # Same consonants (Baku / Bakı, Rossia / Rusia): only vowels differ.
        return ratio >= 0.5
    if min(len(a), len(b)) < 4:
        return False
    return ratio >= threshold and SequenceMatcher(None, sa, sb).ratio() >= threshold


def keys_match(a: str, b: str, *, threshold: float = 0.85) -> bool:
    """Whether two names (keys or raw text) refer to the same name.

    Multi-word names match when every word of the shorter one matches a word of
    the longer one ("Aliyev" matches "Ilham Aliyev"). Raw text (non-ASCII
    letters, capitals) is turned into a key first with the script's language.
    """
    ka, kb = _as_key(a), _as_key(b)
    if not ka or not kb:
        return False
    if ka == kb:
        return True
    wa, wb = ka.split(), kb.split()
    if len(wa) > len(wb):
        wa, wb = wb, wa
    return all(any(_word_match(x, y, threshold) for y in wb) for x in wa)


def key_similarity(a: str, b: str) -> float:
    """0..1 similarity of two keys (string ratio, raised to 1 for matching keys)."""
    ka, kb = _as_key(a), _as_key(b)
    if not ka or not kb:
        return 0.0
    if keys_match(ka, kb):
        return 1.0
    return SequenceMatcher(None, ka, kb).ratio()


def _as_key(text: str) -> str:
    # canonical_key is idempotent on keys, so keys and raw names both work.
    return canonical_key(text, None)
