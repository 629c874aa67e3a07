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
from datetime import date, timedelta
from typing import Iterable, Sequence

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


def lead_text(title: str | None, sentences: Sequence[str], n: int) -> str:
    """Title plus the first ``n`` body sentences: what alignment embeds."""
    parts = [title.strip()] if title and title.strip() else []
    body = [s for s in sentences if s and s.strip()]
    if parts and body and body[0].strip() == parts[0]:
        body = body[1:]  # some sources repeat the headline as the first line
    parts.extend(s.strip() for s in body[:n])
    return "\n".join(parts)


def name_tokens(text: str, language: str | None) -> list[str]:
    """Capitalised words that do not start a sentence (surface forms)."""
    out = []
    for sent in split_sentences(text):
        first = True
        prev_end = 0
        for m in _WORD.finditer(sent):
            word = m.group(0)
            gap = sent[prev_end:m.start()]
            prev_end = m.end()
            sentence_start = first or any(ch in _OPENERS for ch in gap.strip()[-1:])
            first = False
            if not word[0].isupper() or sentence_start:
                continue
            if word.lower() in _NOT_NAMES or len(word) < 2:
                continue
            out.append(word)
    return out


def name_keys(text: str, language: str | None) -> list[str]:
    """Skeletons of the canonical keys of the names in ``text``.

    Skeletons (consonants) rather than keys so that vowel spellings that differ
    between scripts (Bakı / Baku, Rusiya / Россия) still intersect as sets.
    """
    keys = []
    for word in name_tokens(text, language):
        sk = skeleton(canonical_key(word, language))
        if len(sk) >= 2:
            keys.append(sk)
    return keys


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
        if value == int(value):
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


def mentioned_dates(text: str, language: str | None, published: date | None) -> list[date]:
    """Calendar dates mentioned in ``text`` (``compare.extract.dates``), keeping
    only those in the 31 days up to (and one day after) publication: the events
    being reported, not background ("the murder of 2003")."""
    if published is None or not text:
        return []
    from compare.extract.dates import extract_dates

    found = {
        m.value for m in extract_dates(text, language or "en", published)
        if m.value is not None and timedelta(days=-1) <= published - m.value <= timedelta(days=31)
    }
    return sorted(found)


def idf_weights(docs: Iterable[Iterable[str]]) -> dict[str, float]:
    """Inverse document frequency of each key over the corpus."""
    df: Counter[str] = Counter()
    n = 0
    for keys in docs:
        n += 1
        df.update(set(keys))
    return {k: math.log((n + 1) / (c + 0.5)) for k, c in df.items()}


def weighted_overlap(a: dict[str, float], b: dict[str, float]) -> float:
    """Share of the smaller article's name weight that the other article shares (0..1)."""
    if not a or not b:
        return 0.0
    if len(a) > len(b):
        a, b = b, a
    shared = sum(w for k, w in a.items() if k in b)
    return shared / min(sum(a.values()), sum(b.values()))
