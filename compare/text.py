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
