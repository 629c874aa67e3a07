"""Claim units: sentences, and the clauses of long sentences.

A claim unit is the smallest stretch of text that one outlet can assert or
omit on its own. Most sentences are one claim. A sentence is split into clauses
only at boundaries where each side can stand as a statement:

1. at a semicolon, and
2. at a comma followed by a coordinating conjunction that opens a new clause
   (en ", and" / ", but" / ", while"; ru ", а" / ", но" / ", однако" / ", и";
   az ", lakin" / ", amma" / ", ancaq" / " və" after a finite verb), and
3. in English before "and" + a speech verb + "that" ("called the reaction
   unfriendly and repeated that the men died of heart failure"): the speech
   verb opens a second reported statement; Russian marks it with a comma
   (", и добавила, что"), which rule 2 already splits,

and only when both sides are long enough to be statements (at least
``min_words`` words each) and the right side has its own predicate (a finite
verb form by simple morphology: en past/modal forms, ru past-tense/short
participle endings, az finite suffixes -ıb/-ib/-di/-dı/-ır/-ir...). Lists of
names ("Ramil, and Zaur") are not split because the right side has no
predicate. Quoted speech is never split inside the quotation marks.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from compare.text import dateline_end

__all__ = ["ClaimUnit", "split_claims", "is_editorial"]

# Lines about the publication, not the story: credit and reprint lines, photo
# credits, "read also" links, subscription and copyright notices. Scraped pages
# keep them, and a credit line in one outlet would otherwise "match" another
# outlet's sentence that names the same agency.
_EDITORIAL = {
    "en": re.compile(
        r"^\W*(?:this (?:article|story|report|piece) (?:was|is|has been) (?:originally |first )?(?:published|posted|reprinted|republished)"
        r"|(?:originally )?(?:published|republished|reprinted) (?:with permission|by arrangement|courtesy)"
        r"|(?:photo|image|video|pictured|top image)(?: credit)?\s*[:|]|read (?:more|also)\s*(?::|$)|related\s*:"
        r"|.*\(UTC\s*[+-]\d"
        r"|(?:follow|subscribe to) us on|sign up for|copyright\b|©|all rights reserved"
        r"|(?:reporting|writing|editing|additional reporting) by\b)", re.I),
    "ru": re.compile(
        r"^\W*(?:(?:материал|статья|текст|публикация)\s+(?:был[аи]?\s+)?(?:впервые\s+|первоначально\s+)?(?:опубликован|вышл)"
        r"|(?:фото|фотография|видео|иллюстрация)\s*[:|]|читайте\s+(?:также|еще|ещё)|подписывайтесь|подпишитесь"
        r"|при\s+(?:использовании|цитировании|перепечатке)\s+материал|перепечатка\s+(?:материалов\s+)?(?:разрешена|запрещена)"
        r"|©|все\s+права\s+защищены)", re.I),
    "az": re.compile(
        r"^\W*(?:(?:məqalə|material|yazı|xəbər)\s+(?:ilk\s+dəfə\s+)?\S*\s*(?:dərc\s+olunub|dərc\s+edilib)\s*\.?$"
        r"|(?:foto|şəkil|video)\s*[:|]|(?:həmçinin\s+)?oxuyun\s*:|bizi\s+\S+\s+izləyin|abunə\s+olun"
        r"|materiallardan\s+istifadə|©|bütün\s+hüquqlar\s+qorunur)", re.I),
}


def is_editorial(text: str, language: str) -> bool:
    """True for a line about the publication rather than the story (credit, promo, copyright)."""
    rx = _EDITORIAL.get(language, _EDITORIAL["en"])
    return bool(rx.search(text.strip()))


@dataclass(frozen=True)
class ClaimUnit:
    start: int
    end: int
    sentence_index: int
    clause: int  # 0 for the first (or only) clause of the sentence


_BOUNDARY = {
    # also " and said that ...": a coordinated speech verb with its own complement
    # clause reports a second statement even without a comma
    "en": re.compile(r";\s+|,\s+(?=(?:and|but|while|whereas|though|although|yet)\s)"
                     r"|\s+(?=and\s+(?:also\s+)?(?:said|says|added|adds|repeated|repeats|reiterated|stressed|noted|"
                     r"insisted|claimed|stated|argued|warned|denied|confirmed|recalled|explained)\s+that\s)", re.I),
    "ru": re.compile(r";\s+|,\s+(?=(?:а|но|однако|и|причём|причем|при\s+этом|тогда\s+как)\s)", re.I),
    # Azerbaijani joins clauses after a converb/finite verb with a bare comma ("öldürülüb, ... saxlanılıb")
    "az": re.compile(r";\s+|,\s+(?=(?:lakin|amma|ancaq|və|halbuki|üstəlik)\s)|(?<=[ıiuü]b),\s+|(?<=[ıiuü]b)\s+(?=və\s)", re.I),
}
_PREDICATE = {
    "en": re.compile(r"\b(?:\w+ed|was|were|is|are|has|have|had|will|would|said|says|told|died|killed|"
                     r"did|does|can|could|may|might|must|shall|should|went|took|made|gave|held|left|"
                     r"began|saw|found|rose|fell|came|got|kept|put|ran|stood|paid|sent|spent|brought|"
                     r"thought|knew|led|met|lost|became|seemed|remained|appeared)\b", re.I),
    "ru": re.compile(r"\b\w+(?:ли|ла|ло|лся|лась|лось|лись|ет|ют|ит|ат|ят|ется|ются|ится|ятся|ан|ана|ано|аны|ен|ена|ено|ены|ит)\b"
                     r"|\b(?:был|была|было|были|будет|будут|нет|есть)\b", re.I),
    "az": re.compile(r"\w+(?:[ıiuü]b|[ıiuü]bl[aə]r|d[ıiuü]|t[ıiuü]|d[ıiuü]l[aə]r|[ıiuü]r|[aə]r|m[ıiuü]ş|"
                     r"[ıiuü]bd[ıiuü]r|d[ıiuü]r|m[aə]l[ıi]d[ıi]r|[aə]c[aə]k|yib|yıb|yub|yüb)\b", re.I),
}


def _words(s: str) -> int:
    return len(re.findall(r"\w+", s))


def _quote_spans(text: str) -> list[tuple[int, int]]:
    spans = []
    for m in re.finditer(r"«[^»]*»|“[^”]*”|\"[^\"]*\"", text):
        spans.append(m.span())
    return spans


def split_sentence(text: str, start: int, end: int, language: str, *, min_words: int = 5,
                   long_words: int = 16) -> list[tuple[int, int]]:
    """Clause spans of ``text[start:end]`` (the sentence itself when it is not split)."""
    sent = text[start:end]
    if _words(sent) < long_words:
        return [(start, end)]
    rx = _BOUNDARY.get(language, _BOUNDARY["en"])
    pred = _PREDICATE.get(language, _PREDICATE["en"])
    quotes = _quote_spans(sent)
    cuts = []
    for m in rx.finditer(sent):
        if any(a < m.start() < b for a, b in quotes):
            continue
        cuts.append(m)
    pieces = []
    cur = 0
    for m in cuts:
        left = sent[cur:m.start()]
        right_start = m.end()
        # the next cut (or sentence end) bounds the right side
        nxt = next((c.start() for c in cuts if c.start() > m.start()), len(sent))
        right = sent[right_start:nxt]
        if _words(left) >= min_words and _words(right) >= min_words and pred.search(right) and pred.search(left):
            pieces.append((cur, m.start()))
            cur = right_start
    pieces.append((cur, len(sent)))
    out = []
    for a, b in pieces:
        seg = sent[a:b]
        lead = len(seg) - len(seg.lstrip())
        trail = len(seg.rstrip(" ,;")) if seg.strip() else 0
        if trail > lead:
            out.append((start + a + lead, start + a + trail))
    return out or [(start, end)]


def split_claims(text: str, language: str, sentences: list[tuple[int, int]], **options) -> list[ClaimUnit]:
    """Claim units for a text, given its sentence spans (from ``compare.segment``).

    A wire dateline before a story's first sentence ("LISOGORSK, Russia, Sept 3
    (Meridian) - ", "МОСКВА, 3 сен — РИА Новости. ") is left out of its claim:
    it says who filed where, and would otherwise head the claim's label."""
    units = []
    for i, (s, e) in enumerate(sentences):
        if s < 400 and (i == 0 or "\n\n" in text[sentences[i - 1][1]:s]):
            s = dateline_end(text, s, e, language)
        for j, (a, b) in enumerate(split_sentence(text, s, e, language, **options)):
            units.append(ClaimUnit(a, b, i, j))
    return units
