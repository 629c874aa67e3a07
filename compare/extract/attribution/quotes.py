"""Quotation marks: find quoted stretches in any of the three languages.

Handles «…», „…“, „…”, “…”, "…", ‘…’ and ‹…›, including nesting („…“ inside
«…»). Only outermost quotations are returned, as (start, end) with the marks
included, because the attribution corpora count the marks as part of the
content span.
"""
from __future__ import annotations

OPEN_ONLY = {"«": "»", "„": "“”", "‹": "›"}
STRAIGHT = {'"'}
_LEFT_CONTEXT = set(" \t\n([{—–-:«„“'\"")


def _opens(text: str, i: int) -> bool:
    """A symmetric mark opens when it starts the text or follows space or an opener."""
    return i == 0 or text[i - 1] in _LEFT_CONTEXT


def find_quotes(text: str) -> list[tuple[int, int]]:
    """Outermost quotations as (start, end) offsets including the marks."""
    # Two apostrophes stand for a double quotation mark in some archives ('' ... '').
    pairs = "''" in text
    if pairs:
        text = text.replace("''", '"\x01')
    found = _find_quotes(text)
    if pairs:
        found = [(s, e + 1 if e < len(text) and text[e] == "\x01" else e) for s, e in found]
    return found


def _find_quotes(text: str) -> list[tuple[int, int]]:
    stack: list[tuple[str, int]] = []
    out: list[tuple[int, int]] = []

    def close(i: int) -> None:
        _, start = stack.pop()
        if not stack:
            out.append((start, i + 1))

    for i, ch in enumerate(text):
        if ch in OPEN_ONLY:
            stack.append((ch, i))
        elif ch == "»" or ch == "›":
            if stack and stack[-1][0] in ("«", "‹"):
                close(i)
        elif ch == "“":
            if stack and stack[-1][0] == "„":
                close(i)
            elif _opens(text, i):
                stack.append((ch, i))
            elif stack and stack[-1][0] == "“":
                # English closing mark written as “ by some keyboards: tolerate.
                close(i)
        elif ch == "”":
            if stack and stack[-1][0] in ("“", "„"):
                close(i)
            elif not stack and (i == 0 or text[i - 1] in "\n") and i + 1 < len(text) and text[i + 1].isalpha():
                # A paragraph opened with the closing mark (”Fear. ...”), as some sites type it.
                stack.append(("“", i))
        elif ch == '"':
            nxt = text[i + 2] if text[i + 1: i + 2] == "\x01" and i + 2 < len(text) else (text[i + 1] if i + 1 < len(text) else "")
            if stack and stack[-1][0] == '"' and not (_opens(text, i) and nxt.isalnum()):
                close(i)
            elif _opens(text, i):
                stack.append((ch, i))
        elif ch == "‘":
            # "‘08", "‘90s": an apostrophe before a year, not a quotation
            if _opens(text, i) and not text[i + 1: i + 2].isdigit():
                stack.append((ch, i))
        elif ch == "’":
            # A right single quote is usually an apostrophe (Clinton’s): close only
            # when a ‘ is open and the next character is not a letter.
            if stack and stack[-1][0] == "‘" and (i + 1 == len(text) or not text[i + 1].isalpha()):
                close(i)
        elif ch == "\n" and i + 1 < len(text) and text[i + 1] == "\n":
            # A paragraph break ends unbalanced straight and single quotes; a double
            # quotation left open continues only when the next paragraph reopens it
            # (news style: “A ... ¶ “B ...”), otherwise its mark was a typo.
            nxt = text[i:].lstrip()[:1]
            if stack and (stack[0][0] in STRAIGHT or stack[0][0] in "‘‹" or nxt not in "“«„\"‘"):
                stack.clear()
    return out


def quote_at(quotes: list[tuple[int, int]], start: int, end: int) -> tuple[int, int] | None:
    """The quotation that overlaps [start, end), if any."""
    for qs, qe in quotes:
        if qs < end and start < qe:
            return qs, qe
    return None
