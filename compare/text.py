"""Text normalisation shared by ingest and the segmenter.

Article bodies are stored in NFC with invisible characters removed and
whitespace cleaned, paragraphs separated by exactly ``\\n\\n``. Quotes, dashes
and letters are kept as written: later stages quote the text back to the user
and gold anchors are searched as exact substrings.
"""
from __future__ import annotations

import re
import unicodedata

# Soft hyphen, zero-width space/joiners, word joiner, BOM: invisible in print but
# they split words for every tokenizer and for exact-substring search.
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff\u180e"), None)
# Control characters other than tab and line breaks: never text, and no XML
# (SVG figures) or terminal should be handed them.
_INVISIBLE.update(dict.fromkeys([*range(0x00, 0x09), *range(0x0E, 0x20), 0x7F], None))
# Every Unicode space separator (NBSP, thin space, narrow NBSP, ...) and tab.
_SPACES = re.compile(r"[^\S\n]+")
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_WORD = re.compile(r"\w+", re.UNICODE)
_LETTER = re.compile(r"[^\W\d_]", re.UNICODE)


def clean_line(text: str) -> str:
    """One line: NFC, invisible characters removed, runs of spaces collapsed."""
    text = unicodedata.normalize("NFC", text).translate(_INVISIBLE)
    text = text.replace("\r\n", " ").replace("\r", " ").replace("\n", " ")
    return _SPACES.sub(" ", text).strip()


def normalize_text(text: str) -> str:
    """Body text: NFC, invisible characters removed, paragraphs joined by ``\\n\\n``.

    Paragraphs are separated by blank lines. A text with no blank line at all
    but several lines (one paragraph per line, as many plain-text exports are)
    treats every line as a paragraph. Inside a paragraph, line breaks become
    spaces (hard-wrapped text).
    """
    if not text:
        return ""
    text = unicodedata.normalize("NFC", text).translate(_INVISIBLE)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n\n")
    text = _SPACES.sub(" ", text)
    text = text.strip("\n ")
    if _BLANK_LINE.search(text):
        paragraphs = _BLANK_LINE.split(text)
    else:
        paragraphs = text.split("\n")
    out = []
    for para in paragraphs:
        para = " ".join(line.strip() for line in para.split("\n") if line.strip())
        if para:
            out.append(para)
    return "\n\n".join(out)


def paragraphs_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every paragraph of a normalised text."""
    spans = []
    pos = 0
    for para in text.split("\n\n"):
        spans.append((pos, pos + len(para)))
        pos += len(para) + 2
    return spans


def word_count(text: str) -> int:
    return len(_WORD.findall(text))


def letter_count(text: str) -> int:
    return len(_LETTER.findall(text))


# Wire datelines before the first sentence of a story: "LISOGORSK, Russia, Sept 3
# (Meridian) - ", "WASHINGTON -- ", "МОСКВА, 3 сен — РИА Новости. ", "Bakı. 5
# sentyabr. REPORT.AZ/ ". They say where and who filed, not what happened.
DATELINES = {
    "en": re.compile(r"[A-Z][A-Z.'\-]+(?: [A-Z][A-Z.'\-]+)*(?:,[^\n—–―]{0,60}?\)?|\s*\([A-Za-z .]+\))?\s+[-—–―]+\s+"),
    "ru": re.compile(r"[А-ЯЁ][А-ЯЁ\-]+(?: [А-ЯЁ][А-ЯЁ\-]+)*(?:,\s*\d{1,2}\s+[а-я]{3,9}\.?(?:\s+\d{4})?)?\s*[—–-]\s*"
                     r"(?:[«\"]?[А-ЯЁA-Z][\w\s.«»\"-]{1,30}?\.\s+)?"
                     # "Москва. 3 сентября. INTERFAX.RU - "
                     r"|[А-ЯЁ][а-яё\-]+\.\s+\d{1,2}\s+[а-я]+\.\s+[A-ZА-ЯЁ][\w.\-]+(?:/|\s+[-—–]\s+)\s*"),
    "az": re.compile(r"[A-ZƏÖÜÇŞĞİ][\wəöüçşğıƏÖÜÇŞĞİ\-]+\.\s+\d{1,2}\s+[a-zəöüçşğı]+\.\s+[A-ZƏÖÜÇŞĞİ][\w.\-]+(?:/|\s+[-—–]\s+)\s*"),
}


def dateline_end(text: str, start: int, end: int, language: str) -> int:
    """Where the story starts after a wire dateline at ``text[start:end]`` (``start`` when there is none)."""
    rx = DATELINES.get(language)
    m = rx.match(text, start, end) if rx is not None else None
    # a dateline never takes the whole sentence
    return m.end() if m and m.end() < end - 10 else start


def shorten(text: str, n: int) -> str:
    """One line of at most ``n`` characters, cut with "…". A facet tag at the end
    ("[number dead]", "[date]") is kept: it is what tells a facet row of the
    claims matrix from its base row."""
    text = " ".join(str(text).split())
    if len(text) <= n:
        return text
    tag = re.search(r"\s(\[[^\[\]]{1,30}\])$", text)
    if tag and len(tag.group(1)) < n // 2:
        keep = n - len(tag.group(1)) - 2
        return text[: tag.start()][:keep].rstrip() + "… " + tag.group(1)
    return text[: n - 1].rstrip() + "…"
