"""Denials and causes of death: the statement-level cues a contradiction rests on.

A claim *denies* when it says that what others report did not happen or is
false: "Ukraine denied any involvement", "no signs of beating were found",
"Никто из задержанных не пострадал", "heç bir əlaqəsi yoxdur", "baselessly
claimed". Plain negation is not a denial: "the cause was not immediately
known", "не уточняется", "hələ məlum deyil" say that something is not known
yet, and "not only" or "no later than" say nothing of the kind. The cues are
tables, one per language; :func:`denial_cue` returns the first cue found (or
``None``).

A *cause of death* is explicit ("died of heart failure", "beaten to death",
"shot dead"), never inferred from "killed" alone: a report that two men "were
killed" does not say how, and is no contradiction of "heart failure".
"""
from __future__ import annotations

import re

# Denial cues: words that deny a proposition (or call it false), and negated
# findings ("no traces were found", "nobody was injured").
DENIALS: dict[str, list[str]] = {
    "en": [
        r"\bden(?:y|ies|ied|ying)\b", r"\brefut(?:e|es|ed|ing)\b", r"\breject(?:s|ed|ing)?\s+(?:the\s+)?(?:claims?|accusations?|allegations?|reports?|version)",
        r"\bdismiss(?:es|ed|ing)?\s+(?:the\s+)?(?:claims?|accusations?|allegations?|reports?)",
        r"\bbaseless(?:ly)?\b", r"\bunfounded\b", r"\bgroundless\b", r"\bwithout\s+(?:any\s+)?evidence\b",
        r"\bno\s+(?:evidence|signs?|traces?|indication)\s+of\b", r"\bfound\s+no\b", r"\bwere\s+not\s+found\b",
        r"\bnobody\s+was\s+(?:hurt|injured|harmed|killed)\b", r"\bno\s+one\s+was\s+(?:hurt|injured|harmed|killed)\b",
        r"\bhad\s+nothing\s+to\s+do\s+with\b", r"\bnot\s+involved\b", r"\bno\s+involvement\b",
        r"\bdid\s+nothing\s+to\s+prevent\b", r"\b(?:is|was|are|were)\s+(?:false|untrue|a\s+lie|fake)\b",
    ],
    "ru": [
        r"опроверг\w*", r"отверг\w*", r"отрица\w*", r"не\s+причаст\w*", r"непричаст\w*",
        r"не\s+имеет\s+(?:никакого\s+)?отношения", r"не\s+имеют\s+(?:никакого\s+)?отношения",
        r"без\s+(?:каких-либо\s+)?(?:оснований|доказательств)", r"безосновательн\w*", r"голословн\w*",
        r"не\s+выдерживает\s+критики", r"(?:следов|признаков)\s+\w+\s+(?:на\s+\w+\s+)?не\s+(?:обнаружено|выявлено|найдено)",
        r"не\s+(?:обнаружено|выявлено)\s+(?:следов|признаков)",
        r"не\s+(?:обнаружил\w*|наш[её]л|нашли|выявил\w*)\s+(?:\w+\s+){0,3}(?:следов|признаков)", r"никто\s+(?:из\s+\w+\s+)?не\s+пострадал",
        r"ложь\b", r"фейк\w*", r"не\s+соответству\w+\s+действительности",
    ],
    "az": [
        r"təkzib\s+\w+", r"rədd\s+e(?:di|t|dir)\w*", r"inkar\s+\w+", r"heç\s+bir\s+(?:əlaqəsi|aidiyyəti)\s+yox",
        r"əsassız\w*", r"sübutsuz\w*", r"yalan\w*\b", r"həqiqətə\s+uyğun\s+deyil",
        r"(?:izləri|əlamətləri)\s+(?:aşkar\s+)?(?:edilməyib|olunmayıb|tapılmayıb)",
        r"(?:izlərini|əlamətlərini)\s+(?:\w+\s+)?(?:aşkar\s+etməyib|tapmayıb)", r"heç\s+kim\s+(?:xəsarət\s+almayıb|yaralanmayıb)",
    ],
}
# Negation that says "not known (yet)", not "did not happen".
NOT_KNOWN: dict[str, list[str]] = {
    "en": [r"\bnot\s+(?:immediately\s+|yet\s+)?(?:known|clear|confirmed|disclosed|specified|established)\b", r"\bunclear\b"],
    "ru": [r"не\s+(?:уточня\w+|сообща\w+|раскрыва\w+|известн\w+|установлен\w*)", r"пока\s+не\s+\w+"],
    "az": [r"(?:hələ\s+)?məlum\s+deyil", r"açıqlanmayıb", r"dəqiqləşdirilmir"],
}
CAUSES: dict[str, dict[str, str]] = {
    "natural": {
        "en": r"heart\s+failure|heart\s+attack|cardiac|natural\s+causes",
        "ru": r"сердечн\w*\s+недостаточн\w*|инфаркт\w*|естественн\w*\s+причин\w*|остановк\w+\s+сердца",
        "az": r"ürək\s+çatışmazlığ\w*|infarkt\w*|təbii\s+səbəb\w*|ürək\s+tutma\w*",
    },
    "violent": {
        "en": r"beaten\s+to\s+death|beat\s+\w+\s+to\s+death|tortured\s+to\s+death|shot\s+dead|stabbed\s+to\s+death|strangled",
        "ru": r"заби\w*\s+до\s+смерти|избил\w*\s+до\s+смерти|избит\w*\s+до\s+смерти|запытал\w*|застрел\w*|зарезал\w*|задуш\w*",
        "az": r"döyülərək\s+öldürül\w*|döyərək\s+öldür\w*|işgəncə\s+ilə\s+öldürül\w*|güllələn\w*|bıçaqlan\w*",
    },
}


def _compile(table: dict[str, list[str]]) -> dict[str, re.Pattern]:
    return {lang: re.compile("|".join(f"(?:{p})" for p in pats), re.IGNORECASE) for lang, pats in table.items()}


_DENIAL = _compile(DENIALS)
_NOT_KNOWN = _compile(NOT_KNOWN)
_CAUSE = {cause: {lang: re.compile(p, re.IGNORECASE) for lang, p in by_lang.items()} for cause, by_lang in CAUSES.items()}


def denial_cue(text: str, language: str) -> str | None:
    """The denial cue ``text`` contains, or ``None`` (a "not known" negation is none)."""
    lang = language if language in _DENIAL else "en"
    if _NOT_KNOWN[lang].search(text) and not re.search(r"\bden(?:y|ied|ies)\b|опроверг|отверг|təkzib|rədd", text, re.I):
        return None
    m = _DENIAL[lang].search(text)
    return m.group(0) if m else None


def cause_of_death(text: str, language: str) -> str | None:
    """``natural`` or ``violent`` when the text names a cause explicitly (only one)."""
    lang = language if language in ("en", "ru", "az") else "en"
    found = {cause for cause, by_lang in _CAUSE.items() if by_lang[lang].search(text)}
    return found.pop() if len(found) == 1 else None
