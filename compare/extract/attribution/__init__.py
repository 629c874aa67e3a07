"""Attribution extraction: who is cited for what, in English, Russian and Azerbaijani.

>>> from compare.extract.attribution import extract_attributions
>>> [a.source.text for a in extract_attributions('"We will respond," the minister said.', "en")]
['the minister']

Each :class:`Attribution` has a source span (``None`` only when no source is
named), a cue span and a content span, all as offsets into the analysed text,
plus the source's canonical actor, type and country (:func:`classify_source`).
English uses the spaCy dependency parse, Russian natasha's syntax and
morphology, Azerbaijani rules; all three share quotation handling, so a
quotation that runs over several sentences is one content span.
"""
from __future__ import annotations

import re

from compare.extract.attribution.model import KINDS, SOURCE_TYPES, Attribution, Span
from compare.extract.attribution.quotes import find_quotes
from compare.extract.attribution import sources
from compare.extract.attribution.sources import classify_source, is_pronoun, may_refer_back

__all__ = [
    "Attribution",
    "Span",
    "KINDS",
    "SOURCE_TYPES",
    "extract_attributions",
    "extract_many",
    "classify_source",
    "is_pronoun",
    "is_attributed",
    "unattributed_sentences",
]

LANGUAGES = ("en", "ru", "az")
_OPEN_MARKS = "«“„\"‘‹"
_CLOSE_MARKS = "»”“\"’›"


def extract_attributions(
    text: str, language: str, *, sentences: list[tuple[int, int]] | None = None,
    outlet_country: str | None = None,
) -> list[Attribution]:
    """All attributions in ``text`` (language ``en``, ``ru`` or ``az``).

    ``sentences`` are (start, end) offsets of the sentences of ``text`` (as in
    the ``sentences`` table); when omitted the text is segmented here. Offsets
    of the returned spans index ``text``. A content span may cover several
    sentences when a quotation does. ``outlet_country`` (``RU``, ``AZ``, ...)
    decides whose officials a bare "МИД" or "Prezident" are when the text
    does not (:func:`compare.extract.attribution.sources.home_country`).
    """
    return extract_many([(text, sentences)], language, outlet_countries=[outlet_country])[0]


def extract_many(
    items: list[tuple[str, list[tuple[int, int]] | None]], language: str, *,
    outlet_countries: list[str | None] | None = None,
) -> list[list[Attribution]]:
    """:func:`extract_attributions` for many texts of one language at once (faster for English)."""
    language = (language or "").lower()[:2]
    if language not in LANGUAGES:
        return [[] for _ in items]
    if language == "en":
        raw = _english(items)
    elif language == "ru":
        raw = [_russian(text, sents) for text, sents in items]
    else:
        raw = [_azerbaijani(text, sents) for text, sents in items]
    countries = outlet_countries or [None] * len(items)
    return [_finish(text, found, language, home=sources.home_country(text, language, country))
            for (text, _), found, country in zip(items, raw, countries)]


# --------------------------------------------------------------------------- per language
def _english(items):
    from compare.extract.attribution import english, learned

    chunks: list[str] = []
    owners: list[tuple[int, int]] = []  # (item index, base offset)
    for n, (text, sents) in enumerate(items):
        if sents is None:
            # Paragraphs are parsed whole so that spaCy finds the sentences.
            for m in re.finditer(r"[^\n]+(?:\n(?!\s*\n)[^\n]+)*", text):
                chunks.append(m.group())
                owners.append((n, m.start()))
        else:
            for s, e in sents:
                chunks.append(text[s:e])
                owners.append((n, s))
    quotes = [find_quotes(text) for text, _ in items]
    found: list[list[dict]] = [english.pattern_attributions(text, q) for (text, _), q in zip(items, quotes)]
    patterns = [list(f) for f in found]
    model = learned.load_model()
    for doc, (n, base) in zip(english.parse_chunks(chunks), owners):
        text = items[n][0]
        for sent in doc.sents:
            span = (base + sent.start_char, base + sent.end_char)
            rejected: set[int] = set()
            here = english.extract_sentence(sent, text, base, quotes[n], rejected)
            if model is not None:
                # The learned model adds the cues the rules do not know (see learned.py).
                known = here + [a for a in patterns[n] if span[0] <= a["cue"][0] < span[1]]
                here = here + learned.extend_sentence(sent, text, base, quotes[n], known, model, rejected=rejected)
            for a in here:
                a["sentence"] = span
                found[n].append(a)
    return found


def _russian(text, sents):
    from compare.extract.attribution import russian

    if sents is None:
        sents = russian.split_sentences(text)
    sents = [(s, e) for s, e in sents if text[s:e].strip()]
    # Only sentences that may hold a cue are parsed (the parse is most of the time).
    keep = [n for n, (s, e) in enumerate(sents) if russian.may_hold_cue(text[s:e])]
    parsed = dict(zip(keep, russian.parse_sentences(text, [sents[n] for n in keep])))
    return _by_sentence(text, sents, lambda i, s, e: russian.extract_sentence(text[s:e], s, parsed[i]) if i in parsed else []) \
        + _colon_credits(text)


# "Cek Ross: “Mənim əsas hədəfim ...”", "Кайл Росс: «...»": a name (one to four
# capitalised words, a title allowed before it) credited with the quotation after
# the colon, as English headlines and transcripts do.
_COLON_CREDIT = re.compile(
    r"(?:^|(?<=\n))((?:[a-zа-яёəğıöüçş][\w-]*\s+){0,2}[A-ZА-ЯЁƏĞİÖÜÇŞ][\w'’.-]+(?:\s+[A-ZА-ЯЁƏĞİÖÜÇŞ][\w'’.-]+){0,3})"
    r"(:)\s*([«“„\"][^\n]{3,})$", re.M)


def _colon_credits(text: str) -> list[dict]:
    out = []
    for m in _COLON_CREDIT.finditer(text):
        out.append({"kind": "direct", "source": (m.start(1), m.end(1)), "cue": (m.start(2), m.end(2)),
                    "content": (m.start(3), m.end(3)), "sentence": (m.start(), m.end())})
    return out


def _by_sentence(text: str, sents, extract) -> list[dict]:
    """Run ``extract(index, start, end)`` per sentence. A cue whose content is the
    sentence before it ("Об этом сообщил ...", "Bunu ... bildirib") takes that span."""
    out = []
    prev_span = None
    for i, (s, e) in enumerate(sents):
        for a in extract(i, s, e):
            a["sentence"] = (s, e)
            if a.get("prev"):
                if prev_span is None:
                    continue
                a["content"] = _trimmed(text, prev_span)
            out.append(a)
        prev_span = (s, e)
    return out


def _trimmed(text: str, span: tuple[int, int]) -> tuple[int, int]:
    s, e = span
    while s < e and text[s] in " \t\n":
        s += 1
    while e > s and text[e - 1] in " \t\n.":
        e -= 1
    return s, e


def _azerbaijani(text, sents):
    from compare.extract.attribution import azerbaijani

    if sents is None:
        sents = azerbaijani.split_sentences(text)
    quotes = find_quotes(text)
    return _by_sentence(text, sents, lambda i, s, e: azerbaijani.extract_sentence(text, s, e, quotes)) + _colon_credits(text)


# --------------------------------------------------------------------------- shared finishing
def _extend_to_quote(text: str, quotes, start: int, end: int) -> tuple[int, int]:
    """Grow a content span to the whole quotation it starts or ends (multi-sentence quotes)."""
    for qs, qe in quotes:
        if qs == start and qe > end:
            return start, qe
        if qe == end and qs < start:
            return qs, end
        if qs <= start < qe and end < qe and start - qs <= 1:
            return qs, qe
        # The content ends inside an open quotation ("... said: “First. Second.”").
        if start <= qs < end < qe and qe - end < 2000:
            return start, qe
    return start, end


def _continue_quote(text: str, quotes, content: tuple[int, int], after: int) -> tuple[int, int]:
    """'“A,” she said. “B.”' : a quotation that resumes right after the cue's
    sentence, in the same paragraph, continues the same content."""
    s, e = content
    if not any(qe == e for _, qe in quotes):
        return content
    pos = after
    for qs, qe in quotes:
        if qs < pos:
            continue
        gap = text[pos:qs]
        if gap.strip(" \t.,") or "\n" in gap:
            break
        e, pos = qe, qe
    return s, e


_GENERIC = re.compile(r"^(?:the|this|that)\s+([a-z]+)$", re.I)


def _generic_head(source_text: str) -> str:
    """Head noun of a bare definite description ("the ministry" -> "ministry")."""
    m = _GENERIC.match(source_text.strip())
    return m.group(1).lower() if m else ""


def _surname_key(source_text: str) -> str:
    """The last capitalised word of a source, cut to 5 letters so that case forms
    match (Громова / Громовой, Qurbanova / Qurbanovanın); "" if there is none."""
    # (initials glued to the name, "M.Babayev", "A.Eyvazov", are left out)
    words = [re.sub(r"^(?:\w\.)+", "", w.strip(".,«»\"“”()")) for w in source_text.split()]
    # "аль-Гайс", "al-Jaber": the capitalised part after a particle
    words = [w.split("-")[-1] if "-" in w and not w[:1].isupper() else w for w in words]
    words = [w for w in words if len(w) > 1 and w[:1].isupper() and not w.isupper()]
    if not words:
        return ""
    # Azerbaijani case endings after a name ("Linin", "Parkın", "Putinin")
    word = re.sub(r"(?<=\w\w)['’]?(?:n[ıiuü]n|[ıiuü]n|y[aə]|d[aə]n)$", "", words[-1])
    return word[:5].lower()


def _bare_name(source_text: str) -> bool:
    """One or two capitalised words ("Laptev", "Igor Laptev"): a name that may
    refer back to an earlier, fuller mention, unlike "a report by ... of Russia"."""
    words = [w.split("-")[-1] if "-" in w else w for w in source_text.split()]  # "аль-Гайс", "al-Jaber"
    return 1 <= len(words) <= 2 and all(w[:1].isupper() for w in words)


_OPEN_TYPES = ("other", "official_other", "official_russia", "official_azerbaijan")
_SETTLED = ("law_enforcement", "court_prosecutor", "official_russia", "official_azerbaijan", "official_other", "ngo")
_SENTENCE_END = re.compile(r"[.!?]\s|\n")

# Data, findings and figures cited with no owner ("По предварительным данным",
# "according to preliminary findings", "İlkin məlumata görə"). A qualifier
# may say whose they are; otherwise the text around them does.
_DATA_SOURCE = {
    "ru": re.compile(r"(?:(\w+(?:ым|им|ымся|имся|ой|ей))\s+){0,2}(?:данным|сведениям|оценкам|информации|подсч[её]там|результатам)",
                     re.I),
    "en": re.compile(
        r"(?:the\s+)?(?:(\w+)\s+){0,2}(?:data|findings|results|figures|information|estimates|numbers|statistics|count|reports)", re.I),
    "az": re.compile(r"((?:ilkin|rəsmi|əldə\s+edilən|son|dəqiqləşdirilmiş)\s+)?məlumat\w*", re.I),
}
_OFFICIAL_DATA = re.compile(r"^(?:официальн|official|federal|government|rəsmi)", re.I)
_UNOFFICIAL_DATA = re.compile(r"^(?:неофициальн|unofficial)", re.I)
_NEUTRAL_DATA = re.compile(
    r"^(?:предварительн|имеющ|последн|уточн|новы|свеж|первоначальн|оперативн|"
    r"preliminary|initial|early|latest|updated|available|first|new|"
    r"ilkin|son|əldə|dəqiqləşdirilmiş)", re.I)


def _data_owner(text: str, source, sentence, language: str, out: list):
    """Whose data an ownerless data phrase reports, or None when it is not one.

    "В пресс-службе сообщили, что ... По предварительным данным, ...": the
    preliminary data are the press service's, as a reader takes them, so a
    neutral qualifier borrows the institutional source of this or the previous
    sentence. "Official" data are an official source of the one country in
    view; otherwise, and for unofficial data, the source is unnamed."""
    pattern = _DATA_SOURCE.get(language)
    if pattern is None or not pattern.fullmatch(source.text.strip()):
        return None
    words = source.text.split()
    qualifier = re.sub(r"^the\b\s*", "", " ".join(words[:-1]), flags=re.I)
    prev_start, _ = _previous_sentence(text, sentence[0] if sentence else source.start)
    if _OFFICIAL_DATA.match(qualifier):
        code = sources.find_country(source.text) or (_one_country(text[sentence[0]:sentence[1]]) if sentence else None) \
            or _one_country(text[prev_start: source.start])
        return source.text, sources._OFFICIAL_TYPE.get(code, "official_other") if code else "official_other", code
    if not _UNOFFICIAL_DATA.match(qualifier) and (not qualifier or _NEUTRAL_DATA.match(qualifier)):
        found = _last_institution(out, prev_start)
        if found is not None:
            return found
    if qualifier and not _NEUTRAL_DATA.match(qualifier) and not _UNOFFICIAL_DATA.match(qualifier):
        return None  # "federal election commission figures" and the like are classified as written
    return source.text, "anonymous", None


def _words_with(stem: str, text: str) -> bool:
    return any(w.startswith(stem) for w in re.findall(r"\w+", text.lower()))


_AFTER_STOP = {"в", "во", "на", "с", "со", "по", "для", "о", "об", "из", "к", "у", "за", "и", "а", "но", "при", "после",
               "ilə", "üçün", "da", "də", "isə"}


def _mention_window(text: str, pos: int, end: int, language: str = "") -> str:
    """The noun phrase around an earlier mention: up to twelve words before it and a
    few after it, within its sentence and clause, with an apposition that follows a
    comma ("Anna Petrosyan, the deputy head of the council,")."""
    start = max(0, pos - 160)
    for m in _SENTENCE_END.finditer(text, start, pos):
        start = m.end()
    before = text[start:pos].split()[-12:]
    # Stop at a coordination or a comma: "глава города X и директор Y".
    title = ""
    for n in range(len(before) - 1, -1, -1):
        if before[n].lower() in ("и", "and", "və", "or", "или", "ya") or before[n].endswith((",", ";", ":")):
            if before[n].endswith(",") and len(before) - n - 1 <= 2:
                # "The head of the delegation, Omar Said": the title before the name
                lead = re.split(r"[,;:]\s", " ".join(before[:n + 1]).rstrip(","))[-1]
                if classify_source(lead, "", home="")[1] != "other":
                    title = lead + ", "
            before = before[n + 1:]
            break
    after = re.match(r"[^,.;:!?\n]{0,60}", text[end:]).group()
    after = re.split(r"\s(?:и|или|and|or|və|ya)\s", after)[0]
    # A name or a genitive after the noun, not the rest of the clause ("Susana
    # Mohamed told The Associated Press": not the addressee).
    words = after.split(" ")[:7 if language == "en" else 4]
    kept = []
    for n, w in enumerate(words):
        if n == 0 and w == "":
            kept.append(w)
            continue
        if language == "en" and not (w[:1].isupper() or w.lower() in ("of", "the", "for", "on")):
            break
        if w.lower() in _AFTER_STOP:
            break
        kept.append(w)
    window = title + " ".join(before) + " " + text[pos:end] + " ".join(kept)
    # An apposition counts when the name runs up to its comma.
    appo = _apposition(text, end + len(after)) if len(kept) == len(after.split(" ")) else ""
    return window + (", " + appo if appo else "")


_APPOSITION = re.compile(r"\s*,\s*([^,;:!?\n«»“”\"]{3,160}?)\s*(?=[,;.]|\s[—–]\s|$)")


def _apposition(text: str, end: int) -> str:
    """The apposition right after a name, when it says who the person is:
    "Хайсам аль-Гайс, генеральный секретарь ОПЕК, ...", "Чандни Райна, делегат от
    Индии, ..."; "" otherwise (a clause: "Trump, speaking to veterans,")."""
    m = _APPOSITION.match(text, end, min(len(text), end + 220))
    if not m:
        return ""
    phrase = m.group(1).strip()
    if len(phrase.split()) > 18:
        return ""
    return phrase if classify_source(phrase, "", home="")[1] != "other" else ""


def _refer_back(text, source, actor_text, language, sentence, out, home=None):
    """(actor, type, country) of the earlier mention a span refers back to, or None.

    In order: an earlier source with the same body noun ("The ministry" after
    "Azerbaijan's foreign ministry said"); for "ведомство" or a spokesperson
    without a body, the last institutional source of this or the previous
    sentence; an earlier mention in the text ("правозащитного центра X",
    "глава города Павел Журавлёв") classified on its own; for an official,
    the one country named in the previous sentence ("Moscow, for its part,
    ... Foreign ministry spokeswoman X said")."""
    stem = sources.body_stem(actor_text)
    before = text[: source.start]
    if stem and stem not in sources.ANAPHORIC_STEMS:
        for prev in reversed(out):
            if prev.source is not None and prev.source_type in _SETTLED and sources.body_stem(prev.source.text) == stem:
                return prev.source_actor, prev.source_type, prev.source_country
    sent_start = sentence[0] if sentence else source.start
    prev_start, near_start = _previous_sentence(text, sent_start)
    # A spokesperson only of no body of their own: "представитель МИД" names one.
    bare_title = (not stem and sources.SPOKES_TITLES.search(actor_text)
                  and classify_source(sources.SPOKES_TITLES.sub(" ", actor_text), language, home=home)[1] == "other")
    if stem in sources.ANAPHORIC_STEMS or bare_title:
        found = _last_institution(out, near_start)
        if found is not None:
            return found
    official = classify_source(actor_text, language, home=home)[1].startswith("official")
    if official and stem and stem not in sources.ANAPHORIC_STEMS and sources._names_someone(actor_text):
        # "Moscow, for its part, ... Foreign ministry spokeswoman X said": a
        # named person introduced without a country belongs to the one country
        # of the previous sentence, before older mentions of the body.
        code = _one_country(text[prev_start:sent_start])
        if code:
            return "", sources._OFFICIAL_TYPE.get(code, "official_other"), code
    key = ""
    if stem and stem not in sources.ANAPHORIC_STEMS:
        key = stem
    elif _bare_name(actor_text.replace(". ", ".")) or re.fullmatch(r"(?:\w\.\s*)?\w+", actor_text):
        key = _surname_key(actor_text)
    if key:
        typed = None
        # A short name ("Ли", "Li") only as itself or with a case ending, and capitalised.
        pattern = (r"\b" + re.escape(key) + r"\w*", re.I) if len(key) > 3 else \
            (r"\b" + re.escape(key.capitalize()) + r"(?:['’]?(?:n?[ıiuü]n|y?[aə]|[аеиуюяы]|ом|ем|ой)?)\b", 0)
        for m in reversed(list(re.finditer(pattern[0], before, pattern[1]))):
            window = _mention_window(text, m.start(), m.end(), language)
            found = classify_source(window, language, home="")
            if found[1] in _SETTLED or found[1] == "expert":
                # The span keeps its own name as actor; only the type (and the
                # country, from the latest mention that names one) is borrowed.
                if found[2] or found[0] in sources.INTERNATIONAL or found[1] not in _COUNTRY_TYPES:
                    return found[0] if found[0] in sources.INTERNATIONAL else "", found[1], found[2]
                typed = typed or ("", found[1], None)
        if typed is not None:
            return typed
    if not stem or stem in sources.ANAPHORIC_STEMS:
        return None
    code = _one_country(text[prev_start:sent_start])
    if code:
        return "", sources._OFFICIAL_TYPE.get(code, "official_other"), code
    return None


def _last_institution(out: list, since: int):
    """(actor, type, country) of the latest institutional source whose cue is at or after ``since``."""
    for prev in reversed(out):
        if prev.cue.start < since:
            break
        if prev.source is not None and prev.source_type in _SETTLED:
            return prev.source_actor, prev.source_type, prev.source_country
    return None


def _previous_sentence(text: str, sent_start: int) -> tuple[int, int]:
    """Where the sentence before ``sent_start`` starts, and the one before that
    (two boundaries back: an abbreviation, "ул. Заводской", may end a sentence early)."""
    prev_end = sent_start
    while prev_end > 0 and text[prev_end - 1].isspace():
        prev_end -= 1
    ends = [m.end() for m in _SENTENCE_END.finditer(text, max(0, prev_end - 600), prev_end)]
    prev_start = ends[-1] if ends else max(0, prev_end - 600)
    near_start = ends[-2] if len(ends) > 1 else max(0, prev_end - 600)
    return prev_start, near_start


def _one_country(passage: str) -> str | None:
    countries = {c for c, rx in sources._COUNTRY_RE if rx.search(passage)}
    return countries.pop() if len(countries) == 1 else None


def _it_antecedent(text: str, source, sentence, language: str, home=None):
    """"When X's foreign ministry summoned ..., it demanded": an "it" whose
    antecedent is a body named earlier in the same sentence."""
    start = sentence[0] if sentence else max(0, source.start - 300)
    clause = text[start: source.start]
    found = list(sources.BODY_NOUNS.finditer(clause))
    if not found:
        return None
    m = found[-1]
    window = _mention_window(clause, m.start(), m.end())
    result = classify_source(window, language, home=home)
    return result if result[1] in _SETTLED else None


def _kind(text: str, content: tuple[int, int], quotes) -> str:
    s, e = content
    inside = [(qs, qe) for qs, qe in quotes if qs < e and s < qe]
    if not inside:
        return "indirect"
    covered = sum(min(qe, e) - max(qs, s) for qs, qe in inside)
    body = len(text[s:e].strip(" ,.;:—–-"))
    return "direct" if covered >= 0.9 * body else "mixed"


def _span(text: str, pair) -> Span | None:
    if pair is None:
        return None
    s, e = pair
    if e <= s:
        return None
    return Span(s, e, text[s:e])


_MONTHS = (r"january|february|march|april|june|july|august|september|october|november|december|"
           r"январ\w+|феврал\w+|март\w*|апрел\w+|ма[яйе]|июн\w+|июл\w+|август\w*|сентябр\w+|октябр\w+|ноябр\w+|декабр\w+|"
           r"yanvar\w*|fevral\w*|mart\w*|aprel\w*|iyun\w*|iyul\w*|avqust\w*|sentyabr\w*|oktyabr\w*|noyabr\w*|dekabr\w*")
_TIME_ONLY = re.compile(
    r"(?i)(?:(?:on|last|this|next|early|late|в|во|к|с|до)\s+)?(?:(?:early|late|last|this|next|прошл\w+|эт\w+|ötən|keçən|bu)\s+)?"
    r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|yesterday|tonight|tomorrow|weekend|"
    r"понедельник\w*|вторник\w*|сред[аыуе]|четверг\w*|пятниц\w*|суббот\w*|воскресень\w*|вчера|сегодня|завтра|"
    r"bazar\s+ertəsi|çərşənbə(?:\s+axşamı)?|cümə(?:\s+axşamı)?|şənbə|dünən|bu\s+gün|srağagün|"
    r"\d{1,2}[:.]\d\d|(?:\d{1,2}\s+)?(?:" + _MONTHS + r")(?:\s+\d{1,2}(?:-?(?:ci|cı|cu|cü|də|da))?)?)"
    r"(?:\s+(?:morning|evening|night|afternoon|утром|вечером|günü|səhər|axşam))?")


class _Memory:
    """What the typing of earlier sources in a text leaves for later ones."""

    def __init__(self):
        self.last_named: tuple[str, str, str | None] | None = None
        self.by_surname: dict[str, tuple[str, str, str | None]] = {}
        self.by_head: dict[str, tuple[str, str, str | None]] = {}


# A document with no author named ("The statement notes", "Согласно документу",
# "Həmin bəyanatda"): its author is the body just mentioned.
_DOCUMENT_ALONE = re.compile(
    r"(?i)(?:the|this|that|its|their|these|həmin|bu|этот|это)?\s*(?:statement|document|report|memorandum|declaration|"
    r"communiqu[eé]|text|letter|resolution|decree|order|заявлени\w*|документ\w*|доклад\w*|постановлени\w*|указ\w*|"
    r"bəyanat\w*|sənəd\w*|hesabat\w*|qərar\w*|fərman\w*)")
# Credit lines: "Azernews reports", "Metbuat.az xəbər verir", "пишет «Европейская правда»".
_CREDIT_CUE = re.compile(r"(?i)^(?:reports?|reported|writes|wrote|xəbər\s+verir|məlumat\s+verir|yazır|сообщает|пишет|"
                         r"передает|передаёт|информирует|как\s+сообщает|как\s+пишет|как\s+передает|как\s+передаёт)$")


def _type_source(text, source, actor_text, a, content, language, out, home, memory) -> tuple[str, str, str | None]:
    """(actor, type, country) of a source span, from the span, the words around it and the text before it.

    The span is classified on its own (with an apposition that says who the person
    is). A pronoun takes its antecedent: the latest source of this or the previous
    sentence, else the nearest mention there that names a type, else the last named
    source. A document with no author takes the body just mentioned. A bare title or
    name refers back to an earlier source or mention of the same body or person. An
    official or a body named without a country takes the country of an earlier
    mention of itself, else the one country the sentence names outside what is
    reported, else the previous sentence's, else the reported content's, else the
    text's (:func:`sources.home_country`: the country of foreign news, the outlet's,
    the language's)."""
    sentence = a.get("sentence")
    actor, stype, country = classify_source(actor_text, language, home="")
    appo = ""
    if (stype == "other" or (stype == "official_other" and country is None)) and not is_pronoun(actor_text, language) \
            and not content[0] <= source.end + 2 < content[1]:
        # "Хайсам аль-Гайс, генеральный секретарь ОПЕК", "главный переговорщик COP29,
        # замминистра иностранных дел Азербайджана ..." (not "По словам X, <what X said>")
        appo = _apposition(text, source.end)
        if appo:
            _, stype2, country2 = classify_source(actor_text + ", " + appo, language, home="")
            if stype2 != "other":
                stype, country = stype2, country2
            else:
                appo = ""
    data = _DATA_SOURCE.get(language)
    data_owner = _data_owner(text, source, sentence, language, out) \
        if stype == "other" or (data is not None and data.fullmatch(source.text.strip())) else None
    if data_owner is not None:
        return data_owner
    if is_pronoun(actor_text, language):
        return _antecedent(text, source, actor_text, sentence, content, language, out, home, memory)
    key = _surname_key(source.text)
    head = _generic_head(source.text)
    settled = False  # typed by an earlier mention, country and all
    person = False   # a name that refers back to an earlier mention of a person
    if stype == "other" and _DOCUMENT_ALONE.fullmatch(actor_text.strip(" ,.«»\"“”")):
        _, near_start = _previous_sentence(text, sentence[0] if sentence else source.start)
        owner = _nearest_mention(text, near_start, source.start, language, avoid=("media",), states=False)
        if owner is not None:
            actor, stype, country = owner
            settled = country is not None
    elif head and head in memory.by_head and stype != "anonymous":
        # "the ministry" after "Azerbaijan's foreign ministry": the same body.
        actor, stype, country = memory.by_head[head]
        settled = True
    elif stype == "other" and key in memory.by_surname and _bare_name(source.text):
        # "Laptev said" after "police spokesman Igor Laptev said": same person.
        actor, stype, country = memory.by_surname[key]
        settled = True
    else:
        title = _title_back(actor_text, out) if country is None else None
        if title is not None:
            # "Prezident bildirib" after "Azərbaycan Prezidenti İlham Əliyev deyib".
            stype, country = title[1], title[2]
            settled = True
        elif stype in _OPEN_TYPES and may_refer_back(actor_text):
            # "Руководитель центра ...", "spokesman X", "П. Журавлёв", "Mohamed": the
            # body or person named earlier in the text says whose.
            found_back = _refer_back(text, source, actor_text, language, sentence, out, home)
            if found_back is not None:
                stype, country = found_back[1], found_back[2]
                if found_back[0] and sources._is_generic(actor_text):
                    actor = found_back[0]
                if found_back[0] in sources.INTERNATIONAL:
                    settled = True  # "Al-Jaber" after "Al-Jaber, President of COP28": no state's
                elif key and not sources.body_stem(actor_text):
                    person = True
    if country is None and stype in _COUNTRY_TYPES and not settled and not sources.states_its_country(actor_text + " " + appo):
        # (English news names officials of every state: a named person of no stated
        # country and no body is not the outlet's by default)
        fallback = None if language == "en" and not sources.body_stem(actor_text) \
            and (person or sources._names_someone(" " + actor_text)) else home
        code = _country_about(text, sentence, content, source, actor_text) or fallback or None
        if code:
            country = None if code == "NK" else code
            if stype.startswith("official"):
                stype = sources._OFFICIAL_TYPE.get(code, "official_other")
            if actor == "interior ministry":
                actor = {"RU": "Russia interior ministry", "AZ": "Azerbaijan interior ministry"}.get(code, actor)
    if stype == "other" and _CREDIT_CUE.match(text[a["cue"][0]:a["cue"][1]].strip()) and _bare_name(actor_text.replace(".", " ")):
        stype = "media"
    if stype not in ("other", "anonymous") and key:
        memory.by_surname.setdefault(key, (actor, stype, country))
    if stype != "anonymous":
        memory.last_named = (actor, stype, country)
        words = source.text.lower().replace("’s", "").replace("'s", "").split()
        if words and not head:
            memory.by_head.setdefault(words[-1].strip(".,"), (actor, stype, country))
    return actor, stype, country


_COUNTRY_TYPES = ("official_other", "official_russia", "official_azerbaijan", "law_enforcement", "court_prosecutor")
_TITLE = re.compile(
    r"(?i)^(?:the\s+)?(president|prezident|президент|premier|prime\s+minister|baş\s+nazir|премьер|minister|nazir|министр|"
    r"head\s+of\s+state|dövlət\s+başçısı|глава\s+государства|ölkə\s+lideri|ambassador|səfir|посол|spokes(?:man|woman|person)|"
    r"sözçü|пресс-секретар\w*)\w*$")


def _title_back(actor_text: str, out: list):
    """A bare title ("Prezident", "the minister", "глава государства") is the holder of
    that title in the latest earlier source that names it."""
    m = _TITLE.match(actor_text.strip())
    if not m:
        return None
    stem = m.group(1).lower()[:6]
    for prev in reversed(out):
        if prev.source is not None and prev.source_country and stem in prev.source.text.lower() \
                and prev.source_type.startswith("official"):
            return prev.source_actor, prev.source_type, prev.source_country
    return None


def _country_about(text: str, sentence, content: tuple[int, int], source, actor_text: str = "") -> str | None:
    """The one country named in the sentence outside the reported content, else in the
    previous sentence, else the country of the same body named in the content; None
    when none or several."""
    s0, s1 = sentence if sentence else (max(0, source.start - 300), min(len(text), source.end + 300))
    c0, c1 = max(s0, content[0]), min(s1, content[1])
    outside = text[s0:c0] + " " + text[c1:s1] if c0 < c1 else text[s0:s1]
    code = _one_country(outside)
    if code is None:
        prev_start, _ = _previous_sentence(text, s0)
        code = _one_country(text[prev_start:s0])
    stem = sources.body_stem(actor_text)
    if code is None and c0 < c1 and stem:
        # The body names itself in what it is reported to say ("— говорится в
        # заявлении Минобороны" after "«Министерство обороны Азербайджанской
        # Республики сообщает ...»"); other countries there are what it speaks of.
        for m in sources.BODY_NOUNS.finditer(text, c0, c1):
            if sources.body_stem(m.group()) == stem:
                code = sources.find_country(_mention_window(text, m.start(), m.end()))
                if code:
                    break
    return code


def _antecedent(text, source, actor_text, sentence, content, language, out, home, memory):
    """(actor, type, country) of what a pronoun refers to (see :func:`_type_source`).
    What the speaker is reported to say (the content) names no antecedent: "“... Moskva
    ...”, — o deyib" is the expert quoted before, not Moscow."""
    if actor_text.lower() == "it":
        inner = _it_antecedent(text, source, sentence, language, home)
        if inner is not None:
            return inner
    sent_start = min(sentence[0] if sentence else source.start, content[0])
    prev_start, _ = _previous_sentence(text, sent_start)
    for prev in reversed(out):
        if prev.cue.start < prev_start:
            break
        if prev.source is not None and prev.source.start < source.start and prev.source_type != "anonymous" \
                and not _CREDIT_CUE.match(prev.cue.text.strip()):
            # (an agency credit, "APA xəbər verir ki, ...", is not who goes on speaking)
            return prev.source_actor, prev.source_type, prev.source_country
    # The subject that opens the previous sentence ("Официальный представитель МИД РФ
    # Мария Захарова выступила ... Она заявила").
    if prev_start < sent_start:
        opening = " ".join(text[prev_start:sent_start].split()[:8])
        found = classify_source(opening, language, home="")
        if found[1] not in ("other", "anonymous") and not any(q0 <= prev_start < q1 for q0, q1 in [content]):
            return found
    spans = [(prev_start, source.start)]
    if prev_start < content[0] < source.start:
        spans = [(prev_start, content[0]), (min(content[1], source.start), source.start)]
    for a, b in reversed(spans):
        found = _nearest_mention(text, a, b, language, states=actor_text.lower() in ("it", "o", "оно")) if b > a else None
        if found is not None:
            return found
    if memory.last_named is not None:
        return memory.last_named
    return actor_text.lower(), "other", None


_ANCHOR = None


def _anchor():
    """Words that make a phrase a typed source: known actors, titles and bodies, the
    type lexicons, groups of states and country names."""
    global _ANCHOR
    if _ANCHOR is None:
        parts = [p for p, _, _, _ in sources.KNOWN_ACTORS] + [sources._OFFICIAL.pattern, sources._STATES.pattern]
        parts += [rx.pattern for rx in sources._TYPE_RE.values()] + [p for _, p in sources._COUNTRY_CUES]
        _ANCHOR = re.compile("|".join(f"(?:{p})" for p in parts), re.I)
    return _ANCHOR


def _nearest_mention(text: str, start: int, end: int, language: str, avoid: tuple = (), states: bool = True):
    """(actor, type, country) of the nearest phrase in ``text[start:end]`` that names a
    typed source ("the Russian authorities", "azərbaycan mediası"), or None. A bare
    country name stands for its government only when ``states``."""
    matches = list(_anchor().finditer(text, start, end))
    for m in reversed(matches[-10:]):
        word = m.group().strip(" ,.«»\"“”")
        spoken = next((code for code, rx in sources._COUNTRY_RE if rx.fullmatch(word)), None)
        if spoken:
            if states and word[:1].isupper() and spoken != "NK":
                return word, sources._OFFICIAL_TYPE.get(spoken, "official_other"), spoken
            continue
        window = _mention_window(text, m.start(), m.end(), language)
        found = classify_source(window, language, home="")
        if found[1] not in ("other", "anonymous") and found[1] not in avoid:
            if found[2] is None and found[1] in _COUNTRY_TYPES:
                code = _one_country(window) or _country_about(text, None, (m.start(), m.start()), Span(m.start(), m.end(), ""))
                if code:
                    found = (found[0], sources._OFFICIAL_TYPE.get(code, "official_other") if found[1].startswith("official")
                             else found[1], code)
            return found
    return None


def _finish(text: str, found: list[dict], language: str, home: str | None = None) -> list[Attribution]:
    quotes = find_quotes(text)
    out: list[Attribution] = []
    seen: set[tuple[int, int]] = set()
    # A cue inside another attribution's content is reported speech within
    # reported speech; the corpora (and the source counts) keep the outer one.
    def inside(a: dict, b: dict) -> bool:
        return not b.get("topic") and not a.get("embedded") and b["content"][0] <= a["cue"][0] < b["content"][1]

    def span_len(a: dict) -> int:
        return a["content"][1] - a["content"][0]

    # When two cues sit in each other's content (a mis-parse), keep the wider one.
    # An agency credit ("..., APA xəbər verir") wraps the attribution it reports; keep both.
    found = [
        a for a in found
        if not any(b is not a and not b.get("credit") and inside(a, b) and (not inside(b, a) or span_len(b) > span_len(a))
                   for b in found)
    ]
    memory = _Memory()
    for a in sorted(found, key=lambda x: x["cue"][0]):
        # A second part with the same cue ("X deyib ki, A: “Q”") is kept.
        key = (a["cue"], "part") if a.get("part") else a["cue"]
        if key in seen:
            continue
        seen.add(key)
        content = _extend_to_quote(text, quotes, *a["content"])
        if content[0] > 0 and text[content[0] - 1] in _OPEN_MARKS and any(qs == content[0] - 1 for qs, _ in quotes):
            content = (content[0] - 1, content[1])
        if content[1] <= a["cue"][0] and "sentence" in a and not a.get("closed"):
            # Postposed cue: the quotation may carry on after the cue's sentence.
            content = _continue_quote(text, quotes, content, a["sentence"][1])
        kind = a["kind"] or _kind(text, content, quotes)
        source = _span(text, a["source"])
        if source is not None and _TIME_ONLY.fullmatch(source.text.strip(" ,.")):
            source = None  # "on Wednesday", "вчера", "dünən": a time is no speaker
        sentence = text[a["sentence"][0]: a["sentence"][1]] if "sentence" in a else ""
        if source is None:
            actor, stype, country = "", "other", None
            if a.get("inherit") and out:
                # A coordinated cue without its own subject keeps the previous
                # speaker, span included, as English "..., adding" does.
                prev = out[-1]
                actor, stype, country = prev.source_actor, prev.source_type, prev.source_country
                source = prev.source
        else:
            actor_text = text[a["actor_span"][0]: a["actor_span"][1]] if a.get("actor_span") else source.text
            actor, stype, country = _type_source(text, source, actor_text, a, content, language, out, home, memory)
        out.append(
            Attribution(
                kind=kind,
                source=source,
                cue=Span(a["cue"][0], a["cue"][1], text[a["cue"][0]: a["cue"][1]]),
                content=Span(content[0], content[1], text[content[0]: content[1]]),
                source_actor=actor,
                source_type=stype,
                source_country=country,
                language=language,
                extra={"sentence": a.get("sentence"), **{k: a[k] for k in ("model",) if k in a}},
            )
        )
    return out


# --------------------------------------------------------------------------- unattributed claims
def is_attributed(sentence_span: tuple[int, int], attributions: list[Attribution]) -> bool:
    """True when the sentence holds an attribution's cue or lies inside an attributed content span."""
    s, e = sentence_span
    for a in attributions:
        if s <= a.cue.start < e:
            return True
        c = a.content
        overlap = min(e, c.end) - max(s, c.start)
        if overlap > 0 and overlap >= 0.5 * (e - s):
            return True
    return False


def unattributed_sentences(
    sentences: list[tuple[int, int]], attributions: list[Attribution]
) -> list[tuple[int, int]]:
    """The sentences that carry no attribution: assertions the outlet makes in its own voice."""
    return [sp for sp in sentences if not is_attributed(sp, attributions)]
