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
    parsed = russian.parse_sentences(text, sents)
    return _by_sentence(text, sents, lambda i, s, e: russian.extract_sentence(text[s:e], s, parsed[i]))


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
    return _by_sentence(text, sents, lambda i, s, e: azerbaijani.extract_sentence(text, s, e, quotes))


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
    words = [w.strip(".,«»\"“”()") for w in source_text.split()]
    words = [w for w in words if len(w) > 2 and w[:1].isupper()]
    return words[-1][:5].lower() if words else ""


def _bare_name(source_text: str) -> bool:
    """One or two capitalised words ("Laptev", "Igor Laptev"): a name that may
    refer back to an earlier, fuller mention, unlike "a report by ... of Russia"."""
    words = source_text.split()
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
        r"(?:the\s+)?(?:(\w+)\s+){0,2}(?:data|findings|results|figures|information|estimates|numbers|statistics|count)", re.I),
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
        code = _one_country(text[prev_start: source.start])
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


def _mention_window(text: str, pos: int, end: int) -> str:
    """The noun phrase around an earlier mention: up to twelve words before it
    and three after it, within its sentence and clause."""
    start = max(0, pos - 160)
    for m in _SENTENCE_END.finditer(text, start, pos):
        start = m.end()
    before = text[start:pos].split()[-12:]
    # Stop at a coordination or a comma: "глава города X и директор Y".
    for n in range(len(before) - 1, -1, -1):
        if before[n].lower() in ("и", "and", "və", "or", "или", "ya") or before[n].endswith((",", ";", ":")):
            before = before[n + 1:]
            break
    after = re.match(r"[^,.;:!?\n]{0,60}", text[end:]).group()
    after = re.split(r"\s(?:и|или|and|or|və|ya)\s", after)[0]
    # A name or a genitive after the noun, not the rest of the clause.
    after = " ".join(after.split(" ")[:4])
    return " ".join(before) + " " + text[pos:end] + after


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
        for m in reversed(list(re.finditer(r"\b" + re.escape(key) + r"\w*", before, re.I))):
            window = _mention_window(text, m.start(), m.end())
            found = classify_source(window, language, context=window, home=home)
            if found[1] in _SETTLED or found[1] == "expert":
                # The span keeps its own name as actor; only the type is borrowed.
                return "", found[1], found[2]
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
    last_named: tuple[str, str, str | None] | None = None
    by_surname: dict[str, tuple[str, str, str | None]] = {}
    by_head: dict[str, tuple[str, str, str | None]] = {}
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
            actor, stype, country = classify_source(actor_text, language, context=sentence, home=home)
            data_owner = _data_owner(text, source, a.get("sentence"), language, out) if stype == "other" else None
            if data_owner is not None:
                actor, stype, country = data_owner
            elif is_pronoun(actor_text, language):
                inner = _it_antecedent(text, source, a.get("sentence"), language, home) if actor_text.lower() == "it" else None
                if inner is not None:
                    actor, stype, country = inner
                elif last_named is not None:
                    actor, stype, country = last_named
            else:
                key = _surname_key(source.text)
                head = _generic_head(source.text)
                if head and head in by_head and stype != "anonymous":
                    # "the ministry" after "Azerbaijan's foreign ministry": the same body.
                    actor, stype, country = by_head[head]
                elif stype == "other" and key in by_surname and _bare_name(source.text):
                    # "Laptev said" after "police spokesman Igor Laptev said": same person.
                    actor, stype, country = by_surname[key]
                elif stype in _OPEN_TYPES and may_refer_back(actor_text):
                    # "Руководитель центра ...", "spokesman X", "П. Журавлёв": the
                    # body or person named earlier in the text says whose.
                    found_back = _refer_back(text, source, actor_text, language, a.get("sentence"), out, home)
                    if found_back is not None:
                        stype, country = found_back[1], found_back[2]
                        if found_back[0] and sources._is_generic(actor_text):
                            actor = found_back[0]
                if stype not in ("other", "anonymous") and key:
                    by_surname.setdefault(key, (actor, stype, country))
                if stype != "anonymous":
                    last_named = (actor, stype, country)
                    words = source.text.lower().replace("’s", "").replace("'s", "").split()
                    if words and not head:
                        by_head.setdefault(words[-1].strip(".,"), (actor, stype, country))
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
                extra={"sentence": a.get("sentence"), **{k: a[k] for k in ("model", "cue_p") if k in a}},
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
