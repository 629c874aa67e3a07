"""Rule-based sentence segmentation with character offsets.

``segment(text, language)`` returns ``[(start, end), ...]`` such that
``text[start:end]`` is a sentence with no surrounding whitespace. It needs no
model download. Rules, in order:

* a paragraph break (``\\n\\n`` or any line break) always ends a sentence;
* a candidate boundary is ``.``, ``!``, ``?``, ``…`` or ``...``, optionally
  followed by closing quotes or brackets (``» " ” “ ’ ) ]``), then whitespace;
* it is *not* a boundary when the next word starts with a lower-case letter or
  is a dash followed by a lower-case letter (``«Куда?» — спросил он.``,
  ``"Go." he said``);
* after a full stop, the word before it decides: initials (``И. И. Петров``,
  ``R. Əliyev``, ``J. Smith``) and title-like abbreviations (``Mr.``, ``Dr.``,
  ``ул.``, ``им.``, ``prof.``, ``küç.``) never end a sentence; abbreviations that
  can close a sentence (``т. д.``, ``др.``, ``млн.``, ``etc.``, ``və s.``) end
  one only before a capitalised word; ``г.`` after a year behaves like the
  latter, otherwise (``г. Москва``) like the former; dotted upper-case
  acronyms (``U.S.``) end a sentence only before a common sentence opener.

The abbreviation lists are the union over Russian, Azerbaijani and English
because quotes and names cross languages inside one article.
"""
from __future__ import annotations

import re

# Abbreviations are compared lower-cased with spaces removed ("т. д." -> "т.д.").
_NEVER_END = {
    # Russian: addresses, titles, legal references; followed by a name or number
    "ул.", "им.", "просп.", "пл.", "пер.", "наб.", "обл.", "пос.", "дер.", "ст.",
    "тов.", "гр.", "проф.", "акад.", "ген.", "г-н.", "г-жа.", "св.", "ок.", "т.н.",
    "р-н.", "р-на.", "пгт.", "корп.", "кв.", "рис.", "табл.", "гл.", "напр.",
    # Azerbaijani
    "prof.", "dos.", "akad.", "məs.", "küç.", "şəh.", "ray.", "cən.", "b.", "pr.", "müəl.",
    # English
    "mr.", "mrs.", "ms.", "dr.", "st.", "sen.", "rep.", "gov.", "gen.", "col.",
    "lt.", "sgt.", "capt.", "cpt.", "rev.", "hon.", "pres.", "mt.", "ft.", "vs.",
    "fig.", "dept.", "messrs.", "supt.", "cmdr.", "adm.", "maj.",
}
_MAY_END = {
    # Russian
    "т.е.", "т.д.", "т.п.", "др.", "пр.", "тыс.", "млн.", "млрд.", "руб.", "долл.",
    "коп.", "чел.", "мин.", "сек.", "час.", "км.", "кг.", "гг.", "и.о.", "вв.", "см.",
    "янв.", "февр.", "авг.", "сент.", "окт.", "нояб.", "дек.",
    # Azerbaijani
    "vəs.", "mln.", "mlrd.", "min.", "man.", "və b.", "vəb.", "s.", "il.",
    # English
    "etc.", "inc.", "ltd.", "co.", "corp.", "jr.", "sr.", "a.m.", "p.m.", "e.g.",
    "i.e.", "approx.", "est.", "no.", "jan.", "feb.", "mar.", "apr.", "jun.", "jul.",
    "aug.", "sep.", "sept.", "oct.", "nov.", "dec.", "bros.", "u.s.s.r.",
}
# After a dotted acronym ("U.S.") a new sentence usually opens with one of these.
_OPENERS = {
    "the", "a", "an", "he", "she", "it", "they", "we", "i", "you", "but", "in", "on",
    "at", "and", "this", "that", "these", "those", "there", "his", "her", "their",
    "its", "our", "as", "after", "before", "when", "while", "if", "for", "officials",
    "meanwhile", "however", "some", "many", "one", "two",
}
# Lower-case one-letter words that can end a sentence ("Это был я.").
_WORDS_NOT_ABBREV = {"я", "a", "i", "o", "y"}

_CANDIDATE = re.compile(r"(?:\.\.\.|…|[.!?])+(?P<close>[»\"”“’')\]]*)(?=\s|$)")
_OPENING = "«\"“„‘'([—–-"
_DASHES = "—–-"
_YEAR = re.compile(r"^\(?\d{4}$")
_ACRONYM = re.compile(r"^(?:\w\.)+\w$")
_LINEBREAK = re.compile(r"\n+")


def segment(text: str, language: str | None = None) -> list[tuple[int, int]]:
    """Sentence spans of ``text``; ``language`` is accepted for future rules."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for brk in _LINEBREAK.finditer(text):
        _segment_block(text, pos, brk.start(), spans)
        pos = brk.end()
    _segment_block(text, pos, len(text), spans)
    return spans


def split_sentences(text: str, language: str | None = None) -> list[str]:
    return [text[s:e] for s, e in segment(text, language)]


def _segment_block(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    block = text[start:end]
    cut = 0
    for m in _CANDIDATE.finditer(block):
        if m.end() >= len(block.rstrip()):
            break  # end of the paragraph: handled below
        if _is_boundary(block, m):
            _add(text, start + cut, start + m.end(), spans)
            cut = m.end()
    _add(text, start + cut, end, spans)


def _add(text: str, s: int, e: int, spans: list[tuple[int, int]]) -> None:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    if e > s:
        spans.append((s, e))


def _next_word(rest: str) -> tuple[str, bool]:
    """First word after a candidate boundary, and whether a dash came before it."""
    rest = rest.lstrip()
    dash = bool(rest) and rest[0] in _DASHES
    i = 0
    while i < len(rest) and (rest[i] in _OPENING or rest[i].isspace()):
        i += 1
    j = i
    while j < len(rest) and not rest[j].isspace():
        j += 1
    return rest[i:j], dash


def _is_boundary(block: str, m: re.Match) -> bool:
    word, dash = _next_word(block[m.end():])
    if not word:
        return True
    first = word[0]
    if first.islower():
        return False  # ..."Go." he said / «Куда?» — спросил он / т. е. / etc.
    if dash and not first.isupper():
        return False
    term = m.group(0)[: len(m.group(0)) - len(m.group("close"))]
    if "!" in term or "?" in term:
        return True
    if term != ".":  # ellipsis: ends a sentence only before a capital
        return first.isupper()
    if m.group("close"):
        return True  # full stop inside quotes: «Он ушёл.» Потом...
    before = block[: m.start()]
    tokens = before.split()
    if not tokens:
        return True
    token = tokens[-1].lstrip(_OPENING)
    prev = tokens[-2] if len(tokens) > 1 else ""
    key1 = token.lower() + "."
    key2 = (prev + token).lower() + "."
    if key2 in _MAY_END:
        return first.isupper()
    if key2 in _NEVER_END:
        return False
    if token.lower() == "г":
        # "2025 г." (year) may end a sentence; "г. Москва" (city) never does.
        if _YEAR.match(prev) or prev.lower() in {"г.", "гг."}:
            return first.isupper()
        return False
    if len(token) == 1 and token.isalpha():
        if token.isupper():
            return False  # an initial
        if token not in _WORDS_NOT_ABBREV:
            return False  # т. / s. / д. : first half of a two-part abbreviation
    if key1 in _NEVER_END:
        return False
    if key1 in _MAY_END:
        return first.isupper()
    if _ACRONYM.match(token) and token.replace(".", "").isupper():
        return word.strip("\"'«“„").lower() in _OPENERS
    if _ACRONYM.match(token):
        return first.isupper()
    return True
