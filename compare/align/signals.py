"""Cheap per-article signals for alignment: leads, names, numbers, dates.

Everything here is rule-based and linear in the text length, so it runs on
100,000 articles in seconds. It is not named-entity recognition: a "name" is a
capitalised token that does not start a sentence, keyed with
:func:`compare.translit.canonical_key` so that Сафаров, Səfərov and Safarov
count as one name. Good enough to tell whether two articles talk about the
same people and places; the analysis stage does real NER.
"""
from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable

from compare.translit import canonical_key, skeleton

_SENT_SPLIT = re.compile(r"(?<=[.!?…])\s+|\n+")
_WORD = re.compile(r"[^\W\d_][^\W_]*(?:[-'’][^\W\d_]+)*", re.UNICODE)
_OPENERS = set(".!?…:;\"'«»„“”—–-(")

# Capitalised words that are not names even mid-sentence (titles of persons,
# days, months are handled separately); all languages together, lower-case.
_NOT_NAMES = {
    "i", "mr", "mrs", "ms", "dr", "the", "a", "an", "he", "she", "it", "they", "we", "you",
    "on", "in", "at", "of", "and", "but", "or", "for", "to", "by", "with", "from", "as",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december",
    "он", "она", "они", "мы", "вы", "в", "на", "и", "но", "по", "с", "к", "о", "об", "для",
    "o", "və", "bu", "həmin", "lakin", "amma", "ilə",
}

# ---------------------------------------------------------------------------- numbers
# Number words per language. "One" is left out (also an article: "bir", "один"),
# and so is the az "on" (10), which is an English preposition.
_NUMBER_WORDS = {
    "en": {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
           "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30,
           "forty": 40, "fifty": 50, "hundred": 100},
    "ru": {"два": 2, "две": 2, "двое": 2, "двух": 2, "двоих": 2, "три": 3, "трое": 3, "трех": 3,
           "трёх": 3, "троих": 3, "четыре": 4, "четверо": 4, "четырех": 4, "пять": 5, "пятеро": 5,
           "пяти": 5, "шесть": 6, "шестеро": 6, "шести": 6, "семь": 7, "семеро": 7, "восемь": 8,
           "восьми": 8, "девять": 9, "девяти": 9, "десять": 10, "десяти": 10, "двадцать": 20,
           "тридцать": 30, "пятьдесят": 50, "сто": 100},
    "az": {"iki": 2, "üç": 3, "dörd": 4, "beş": 5, "altı": 6, "yeddi": 7, "səkkiz": 8,
           "doqquz": 9, "on": 10, "iyirmi": 20, "otuz": 30, "qırx": 40, "əlli": 50, "yüz": 100},
}
_MULTIPLIERS = {"thousand": 1000, "million": 1_000_000, "тысяч": 1000, "тысячи": 1000,
                "тысяча": 1000, "тыс": 1000, "млн": 1_000_000, "миллиона": 1_000_000,
                "min": 1000, "milyon": 1_000_000}
_DIGITS = re.compile(r"\d+(?:[ ,.\u00a0\u202f]\d{3})*(?:[.,]\d+)?")



def split_sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENT_SPLIT.split(text or "") if s and s.strip()]


def _is_title_case(sentence: str, language: str | None) -> bool:
    """English headline style ("Two Men Die After Police Raid"): nearly every
    longer word after the first is capitalised. Russian and Azerbaijani
    headlines use sentence case."""
    if language not in ("en", None) or sentence.rstrip().endswith("."):
        return False  # headlines carry no full stop
    long = [m.group(0) for m in _WORD.finditer(sentence) if len(m.group(0)) > 3][1:]
    return len(long) >= 3 and sum(w[0].isupper() for w in long) / len(long) >= 0.8


def _words_in_context(text: str, language: str | None):
    """Each word of ``text`` as ``(word, gap before it, sentence break before it,
    may be a name by its capital)``: the last is false where capitals say
    nothing, at a sentence start or in a title-case headline."""
    for sent in split_sentences(text):
        headline = _is_title_case(sent, language)
        first = True
        prev_end = 0
        for m in _WORD.finditer(sent):
            word = m.group(0)
            gap = sent[prev_end:m.start()]
            prev_end = m.end()
            sentence_start = first or any(ch in _OPENERS for ch in gap.strip()[-1:])
            yield word, gap, first, not (sentence_start or headline)
            first = False


def _capitalised(word: str) -> bool:
    return word[0].isupper() and word.lower() not in _NOT_NAMES and len(word) >= 2


def name_candidates(text: str, language: str | None,
                    lower: Counter | None = None) -> tuple[list[str], list[str]]:
    """Capitalised words split into ``(names, uncertain)``.

    ``names`` are capitalised words inside a sentence. ``uncertain`` are
    capitalised words that open a sentence or sit in a title-case headline,
    where capitals say nothing: "Yekaterinburqda polis reydi..." or "Police
    Raid Homes". Callers accept an uncertain word when the same name occurs
    mid-sentence elsewhere (see :class:`NameFilter`). When ``lower`` is given,
    it counts the words that are written in lower case.
    """
    names: list[str] = []
    uncertain: list[str] = []
    for word, _, _, mid in _words_in_context(text, language):
        if not word[0].isupper():
            if lower is not None:
                lower[word] += 1
        elif _capitalised(word):
            (names if mid else uncertain).append(word)
    return names, uncertain


def name_phrases(text: str, language: str | None, accepts) -> list[str]:
    """Runs of adjacent name words ("Keith Lamont Scott", "New York"), each
    word accepted by ``accepts(word, sure)``; at most four words a run. A
    possessive of a day or month ("Monday’s") is no name."""
    out: list[str] = []
    run: list[str] = []
    for word, gap, new_sentence, mid in _words_in_context(text, language):
        ok = (_capitalised(word) and re.sub(r"['’]s$", "", word).lower() not in _NOT_NAMES
              and accepts(word, mid))
        if ok and run and not new_sentence and gap.strip() == "" and len(run) < 4:
            run.append(word)
            continue
        if run:
            out.append(" ".join(run))
        run = [word] if ok else []
    if run:
        out.append(" ".join(run))
    return out


def name_tokens(text: str, language: str | None) -> list[str]:
    """Capitalised words that do not start a sentence (surface forms)."""
    return name_candidates(text, language)[0]


# Forms that the shared name key leaves apart but that name the same thing in
# news text: Russian surname plurals (Сафаровых), English plurals of surnames
# and demonyms (Safarovs, Azerbaijanis) and "-ian" adjectives (Russian ->
# Russia), and the one exonym that differs in its consonants (Moscow / Москва).
_RU_SURNAME_PLURAL = re.compile(r"(?<=[оеё]в|ин)(ых|ыми|ым)$")
_EN_PLURAL = re.compile(r"(?<=ov|ev|in|ni|an)s$")
_EXONYMS = {"moscow": "Moskva"}


def _surface_for_key(word: str, language: str | None) -> str:
    if _CYRILLIC_WORD.search(word):
        return _RU_SURNAME_PLURAL.sub("", word)
    if language == "en" or (language == "ru" and word.isascii()):
        lowered = word.lower()
        if lowered in _EXONYMS:
            return _EXONYMS[lowered]
        word = _EN_PLURAL.sub("", word)
        if len(word) > 6 and word.endswith("ian"):
            word = word[:-1]
    return word


_CYRILLIC_WORD = re.compile(r"[\u0400-\u04FF]")


_AZ_SPECIFIC = re.compile(r"[əğıöüşçxqƏĞIÖÜŞÇXQ]")
# An Azerbaijani case suffix written after a hyphen or apostrophe ("COP29-un", "Bakı'ya").
_AZ_SUFFIX_AFTER_MARK = re.compile(
    r"[-'’](?:n?[ıiuü]n|[ıiuü]|y?[aə]|[dt][aə]n?|l[aə]|[dt][aə]ki|l[aə]r\w*)$", re.IGNORECASE)


def _english_c(key: str) -> str:
    """English spelling of c: soft before e, i, y (France), hard elsewhere (Crocus)."""
    return re.sub(r"c(?!h)(?=[eiy])", "s", re.sub(r"c(?![heiy])", "k", key))


def name_key(word: str, language: str | None) -> str:
    """The canonical key of one name as alignment compares it across scripts.

    Beyond :func:`compare.translit.canonical_key`: acronyms and names with
    digits are read as written, not as Azerbaijani ("COP29" in an Azerbaijani
    text is not "JOP29"); a Latin name without Azerbaijani letters in an
    Azerbaijani text keeps its own spelling ("Crocus"); English c is read as k
    or s, and Russian ц (ts) as s, so France, Франция and Fransa share a key.
    """
    lang = language
    if language == "az":
        word = _AZ_SUFFIX_AFTER_MARK.sub("", word)
    cyrillic = bool(_CYRILLIC_WORD.search(word))
    if not cyrillic and (any(ch.isdigit() for ch in word) or (len(word) >= 2 and word.isupper())):
        lang = "en"
    elif language == "az" and not cyrillic and "c" in word.lower() and not _AZ_SPECIFIC.search(word):
        lang = "en"
    key = canonical_key(_surface_for_key(word, lang), lang)
    if not cyrillic and lang != "az":
        key = _english_c(key)
    return key.replace("ts", "s").replace("c", "s")


def word_key(word: str, language: str | None) -> str:
    """The skeleton key of one name token (see :func:`name_keys`)."""
    return skeleton(name_key(word, language))


def name_keys(text: str, language: str | None) -> list[str]:
    """Skeletons of the canonical keys of the names in ``text``.

    Skeletons (consonants) rather than keys so that vowel spellings that differ
    between scripts (Bakı / Baku, Rusiya / Россия) still intersect as sets.
    """
    return [k for k in (word_key(w, language) for w in name_tokens(text, language)) if len(k) >= 2]


@dataclass
class NameCandidates:
    """Names of one text as ``(skeleton, canonical key, lower-cased surface)``:
    ``sure`` ones stand mid-sentence, ``uncertain`` ones open a sentence or a
    title-case headline. ``lower`` counts the words written in lower case
    (empty when the caller keeps one count for the whole corpus)."""

    sure: list[tuple[str, str, str]]
    uncertain: list[tuple[str, str, str]]
    lower: Counter


def name_key_candidates(text: str, language: str | None, lower: Counter | None = None) -> NameCandidates:
    """:func:`name_candidates` as keys. With ``lower``, the lower-case word
    counts go there (one counter for a whole corpus keeps memory flat)."""
    own: Counter = Counter()
    names, uncertain = name_candidates(text, language, own if lower is None else lower)

    def keyed(words: list[str]) -> list[tuple[str, str, str]]:
        out = []
        for w in words:
            key = name_key(w, language)
            sk = skeleton(key)
            if len(sk) >= 2:
                out.append((sk, key, w.lower()))
        return out

    return NameCandidates(sure=keyed(names), uncertain=keyed(uncertain), lower=own)


# Common nouns of institutions and offices (compare/data/office-words.tsv),
# capitalised inside names but translated, not transliterated, across
# languages: they never match across scripts, and in one language they are
# shared by every story that names an office. They stay in labels ("Homeland
# Security") and are left out of the name profiles that link articles. Keys,
# not skeletons: "Polis" and "Pelosi" share a skeleton.
OFFICE_WORDS_PATH = Path(__file__).resolve().parents[1] / "data" / "office-words.tsv"


@lru_cache(maxsize=1)
def office_keys() -> frozenset[str]:
    rows = [line.split("\t") for line in OFFICE_WORDS_PATH.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")]
    return frozenset(name_key(word, lang) for lang, word in rows[1:]) - {""}


class NameFilter:
    """Which capitalised words of a corpus are names, decided on the corpus.

    A word is not a name when the corpus writes it in lower case more often
    than capitalised inside a sentence ("Court", "Health", "Polis": capitals
    from titles and quotes, not names), a cheap form of truecasing. An
    uncertain word (opening a sentence or a headline) must also occur as a
    mid-sentence name somewhere; a short skeleton must match as a whole
    canonical key ("Oil" and "All" share the skeleton "al", not the key),
    while "Rusiya" opening a sentence counts because "Rusiya" occurs
    mid-sentence elsewhere.
    """

    def __init__(self, found: list[NameCandidates], lower: Counter | None = None):
        self.capital: Counter = Counter(low for c in found for _, _, low in c.sure)
        if lower is None:
            lower = Counter()
            for c in found:
                lower.update(c.lower)
        self.lower = lower
        ok = [(sk, key) for c in found for sk, key, low in c.sure if self._cased(low)]
        self.known_sk = {sk for sk, _ in ok}
        self.known_key = {key for _, key in ok}

    def _cased(self, low: str) -> bool:
        return self.capital[low] >= self.lower[low]

    def _known(self, sk: str, key: str) -> bool:
        return key in self.known_key or (sk in self.known_sk and len(sk.replace(" ", "")) >= 3)

    def accepts(self, word: str, language: str | None, *, sure: bool) -> bool:
        """Whether one surface form is a name (``sure``: it stood mid-sentence)."""
        if not self._cased(word.lower()):
            return False
        if sure:
            return True
        key = name_key(word, language)
        return self._known(skeleton(key), key)

    def names(self, c: NameCandidates) -> list[str]:
        """The skeletons of ``c``'s names that link articles (no office words)."""
        office = office_keys()
        return ([sk for sk, key, low in c.sure if self._cased(low) and key not in office]
                + [sk for sk, key, low in c.uncertain if self._cased(low) and self._known(sk, key)
                   and key not in office])


def accept_uncertain(found: list[NameCandidates]) -> list[list[str]]:
    """Each article's names, decided on the whole list (see :class:`NameFilter`)."""
    f = NameFilter(found)
    return [f.names(c) for c in found]


def numbers(text: str, language: str | None = None) -> set[int]:
    """Numbers in digits or words (one..twenty, двое, iki, ...). Years are skipped:
    they are background ("in 2025"), not facts that tie two reports together."""
    found: set[int] = set()
    lowered = (text or "").replace("İ", "i").lower()  # Python lower-cases İ to i + combining dot
    for m in _DIGITS.finditer(lowered):
        raw = m.group(0)
        digits = re.sub(r"[ ,.\u00a0\u202f](?=\d{3}\b)", "", raw)
        try:
            value = float(digits.replace(",", "."))
        except ValueError:
            continue
        after = lowered[m.end():m.end() + 12].strip().split(" ")[0].strip(".,")
        value *= _MULTIPLIERS.get(after, 1)
        if math.isfinite(value) and value < 1e18 and value == int(value):  # "1…1" (400 digits) is no count
            value = int(value)
            if 1900 <= value <= 2100 and len(raw) == 4:
                continue
            found.add(value)
    words = _NUMBER_WORDS.get(language or "", {})
    for word in re.findall(r"[^\W\d_]+", lowered):
        if word in words:
            found.add(words[word])
    found.discard(0)
    found.discard(1)
    return found


# Documents assumed to precede the corpus and to mention none of its names.
# Without them a name found in every article of a small single-affair corpus
# weighs nothing (log 16/15.5 for 15 articles), though it is the best evidence
# that the articles belong together; at 1,000 articles and more they change
# little.
IDF_PRIOR_DOCS = 50


def idf_weights(docs: Iterable[Iterable[str]], prior_docs: int = IDF_PRIOR_DOCS) -> dict[str, float]:
    """Inverse document frequency of each key over the corpus (smoothed by
    ``prior_docs`` documents that contain none of the keys)."""
    df: Counter[str] = Counter()
    n = 0
    for keys in docs:
        n += 1
        df.update(set(keys))
    return {k: math.log((n + prior_docs + 1) / (c + 0.5)) for k, c in df.items()}


def weighted_overlap(a: dict[str, float], b: dict[str, float], floor: float = 0.0) -> float:
    """Share of the smaller article's name weight that the other article shares (0..1).

    ``floor`` is the least name weight the share is taken of: an article that
    names only "Moscow" must not be fully tied to every other article that
    names Moscow too.
    """
    if not a or not b:
        return 0.0
    if len(a) > len(b):
        a, b = b, a
    shared = sum(w for k, w in a.items() if k in b)
    return shared / max(min(sum(a.values()), sum(b.values())), floor, 1e-9)


# How many names found in one article only make the least name mass that can
# tie two articles fully (see weighted_overlap): one shared place name ("Baku")
# must not tie a short article to a whole affair.
NAME_FLOOR_NAMES = 2.0


def name_weight_floor(n_docs: int, prior_docs: int = IDF_PRIOR_DOCS) -> float:
    """The name weight below which :func:`weighted_overlap` does not normalise."""
    return NAME_FLOOR_NAMES * math.log((n_docs + prior_docs + 1) / 1.5)
