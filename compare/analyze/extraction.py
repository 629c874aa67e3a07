"""Per-article extraction for ``compare analyze``: claim units with their entities,
quantities, dates, attributions and agency mentions.

NLP runs once per article on the original text (spaCy for English, natasha for
Russian, rules for Azerbaijani), batched per language; rows read from it have
``mode = "original"``. The original reading is the evidence: translation can
add or drop an agent ("were detained" -> "police detained") or change a number
word, and those are exactly the differences the comparison is about. English
translations are carried as evidence (``text_en``), used for claim matching,
and read by the English extractors as separate ``mode = "translated"`` rows
(:mod:`compare.analyze.pivot`) that fill gaps, never replace.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from datetime import date

from compare import console
from compare.extract.agency import extract_agency
from compare.extract.claims import split_claims, split_sentence
from compare.extract.dates import extract_dates
from compare.extract.denial import cause_of_death, denial_cue
from compare.extract.entities import (
    AzerbaijaniRuleRecognizer, Entity, NatashaRecognizer, SpacyRecognizer, natasha_docs,
)
from compare.extract.numbers import extract_quantities, fold_case
from compare.extract.terms import find_terms
from compare.runs import content_id

LANGS = ("en", "ru", "az")


@dataclass
class Sentence:
    sentence_id: str
    start: int
    end: int
    text: str
    text_en: str | None


@dataclass
class ArticleInfo:
    article_id: str
    outlet: str
    language: str
    text: str
    published: date | None
    event_id: str
    subevent_id: str
    sentences: list[Sentence]
    title: str = ""
    duplicate_of: str | None = None
    outlet_country: str | None = None  # from corpus.toml: whose officials a bare "МИД" is
    published_at: object = None  # datetime (UTC) when known

    def sentence_at(self, offset: int) -> Sentence | None:
        starts = [s.start for s in self.sentences]
        i = bisect.bisect_right(starts, offset) - 1
        if i < 0:
            return None
        s = self.sentences[i]
        return s if s.start <= offset <= s.end else None


@dataclass
class Claim:
    claim_id: str
    article: ArticleInfo
    sentence: Sentence
    start: int
    end: int
    text: str
    text_en: str | None
    quantities: list = field(default_factory=list)
    dates: list = field(default_factory=list)
    entities: list[str] = field(default_factory=list)
    attributed: bool = False
    source_type: str | None = None
    source_actor: str | None = None
    negated: bool = False
    denial: str | None = None  # the denial cue, when the unit denies what others report (compare.extract.denial)
    cause: str | None = None  # natural | violent | None, stated explicitly
    kind: str = "fact"  # fact | statement | opinion | background | furniture
    recap: bool = False
    agents: list = field(default_factory=list)  # (action, canonical key of a named agent)
    actions: list = field(default_factory=list)  # (action, voice) of the agency mentions in the unit
    terms: list[str] = field(default_factory=list)  # glossary concepts the unit mentions (compare.extract.terms)

    @property
    def outlet(self) -> str:
        return self.article.outlet

    @property
    def mode(self) -> str:
        return "translated" if (self.text_en or self.article.language == "en") else "cross-lingual"

    @property
    def english(self) -> str | None:
        return self.text if self.article.language == "en" else self.text_en


class Rows:
    """Table rows kept column by column, read back as dicts one at a time.

    A dict per row costs about a kilobyte; here a row costs a pointer per
    column, which is most of what analyze holds per article at scale
    (docs/benchmarks.md). A key first seen in a later row is null before it."""

    def __init__(self, rows=()):
        self._cols: dict[str, list] = {}
        self._n = 0
        self.extend(rows)

    def append(self, row: dict) -> None:
        cols = self._cols
        for k in row:
            if k not in cols:
                cols[k] = [None] * self._n
        for k, col in cols.items():
            col.append(row.get(k))
        self._n += 1

    def extend(self, rows) -> None:
        for row in rows:
            self.append(row)

    def __len__(self) -> int:
        return self._n

    def __iter__(self):
        keys = list(self._cols)
        for values in zip(*(self._cols[k] for k in keys)):
            yield dict(zip(keys, values))

    def frame(self, schema: dict) -> "pl.DataFrame":
        """The rows as a table of ``schema``'s columns (a missing column is null)."""
        import polars as pl

        return pl.DataFrame({c: self._cols.get(c, [None] * self._n) for c in schema}, schema=schema)


@dataclass
class Extraction:
    claims: list[Claim]
    entities: Rows
    quantities: Rows
    attributions: Rows
    agency: Rows


# Negation and rejection cues: a claim that denies a proposition has the opposite polarity.
_NEGATION = {
    "en": re.compile(r"\b(?:not(?!\s+only\b)|no(?!\s+(?:longer|later|more|less|fewer)\b)|never|none|nobody|nothing|neither|nor|without)\b|n't\b|"
                     r"\b(?:denied|denies|deny|rejected|rejects|reject|dismissed)\b", re.I),
    "ru": re.compile(r"(?<!\w)(?:не(?!\s+(?:менее|более|меньше|больше|только|раз|так|смотря|позднее|позже|раньше))|нет|никто|никого|никакой|никакого|никакие|никаких|ни|ничего|"
                     r"отверг\w*|опроверг\w*|отрица\w*)(?!\w)", re.I),
    # Azerbaijani negates verbs with -ma/-mə-: finite (-mayıb, -madı) and participle
    # forms (-madığı, -maması, -mayan) alike
    "az": re.compile(r"(?<!\w)(?:yox|yoxdur|deyil|heç|rədd)(?!\w)"
                     r"|\w{2,}(?:ma|mə)(?:yıb|yib|yub|yüb|dı|di|du|dü|mış|miş|yacaq|yəcək|z)(?:lar|lər|dır|dir)?(?!\w)"
                     r"|\w{2,}(?:ma|mə)(?:dığı|diyi|duğu|düyü)(?:n[ıiuü]|nd[aə]|nd[aə]n|n[aə])?(?!\w)"
                     r"|\w{2,}(?:ma|mə)(?:yan|yən)(?:l[aə]r)?(?:[ıi]n|[ıi])?(?!\w)", re.I),
}
_CAUSE = {
    "natural": re.compile(r"heart\s+failure|heart\s+attack|cardiac|natural\s+causes|сердечн\w*\s+недостаточн\w*|"
                          r"инфаркт|естественн\w*\s+причин|ürək\s+çatışmazlığ\w*|infarkt|təbii\s+səbəb", re.I),
    "violent": re.compile(r"beaten\s+to\s+death|tortured\s+to\s+death|killed\s+by|were\s+killed|was\s+killed|murdered|"
                          r"забил\w*\s+до\s+смерти|забит\w*\s+до\s+смерти|избил\w*\s+до\s+смерти|убил[иа]?\b|убит[ыа]?\b|"
                          r"döyülərək\s+öldürül(?:üb|dü)\w*|döyərək\s+öldür(?:üb|dü)\w*|öldürülüb|öldürülmüş|qətlə\s+yetirilib", re.I),
}
# Sentences that recap earlier coverage ("Recall that...", "Напомним", "Xatırladaq ki").
_RECAP = re.compile(r"^\W*(?:recall|as\s+reported|earlier|previously|напомним|ранее|как\s+сообщалось|"
                    r"xatırladaq|daha\s+əvvəl|öncə|əvvəlcə|bundan\s+əvvəl)", re.I)


def _resolve_sources(atts, language: str) -> list[tuple[str | None, str, str | None]]:
    """(actor, source_type, country) per attribution, resolving pronouns and repeated
    surnames to the source they refer back to ("Лаптев" -> the police spokesman
    Igor Laptev named two sentences earlier; "По его словам" -> the last source)."""
    from compare.extract.attribution import is_pronoun
    from compare.translit import canonical_key

    out: list[tuple[str | None, str, str | None]] = []
    seen: list[tuple[set[str], tuple]] = []  # (surname keys, resolved triple)
    last_specific = None
    for at in atts:
        triple = (at.source_actor or None, at.source_type or "other", at.source_country)
        src = at.source.text if at.source is not None else ""
        words = [w for w in re.findall(r"\w+", src) if len(w) > 1]
        if src and triple[1] == "other":
            if is_pronoun(src, language) or re.fullmatch(r"(?:его|её|ее|их|his|her|their|onun|onların)", src.strip(), re.I):
                if last_specific is not None:
                    triple = last_specific
            elif 1 <= len(words) <= 2 and words[-1][:1].isupper():
                key = canonical_key(words[-1], language)
                for keys, earlier in reversed(seen):
                    if key and key in keys:
                        triple = earlier
                        break
        out.append(triple)
        if src and not is_pronoun(src, language):
            keys = {canonical_key(w, language) for w in re.findall(r"\w+", src) if w[:1].isupper()}
            seen.append((keys, triple))
            if triple[1] != "other":
                last_specific = triple
    return out


def polarity_negated(text: str, language: str) -> bool:
    rx = _NEGATION.get(language, _NEGATION["en"])
    return bool(rx.search(fold_case(text, language)))


def cause_class(text: str) -> str | None:
    natural = bool(_CAUSE["natural"].search(text))
    violent = bool(_CAUSE["violent"].search(text))
    if natural and not violent:
        return "natural"
    if violent and not natural:
        return "violent"
    return None


def _split_english(text_en: str | None, n: int) -> list[str | None]:
    """Split a sentence translation into ``n`` clauses when the English splitter agrees."""
    if not text_en or n == 1:
        return [text_en] * n
    parts = split_sentence(text_en, 0, len(text_en), "en")
    if len(parts) == n:
        return [text_en[a:b] for a, b in parts]
    # The original was split at a clause boundary, so the translation has one too,
    # often as plain verb-phrase coordination ("called ... and rejected ..."): cut
    # before "and"/"but" + a finite verb when that gives exactly n pieces.
    cuts = [m.start() for m in _EN_VP_AND.finditer(text_en)]
    if len(cuts) == n - 1:
        bounds = [0, *cuts, len(text_en)]
        pieces = [text_en[a:b].strip(" ,;") for a, b in zip(bounds, bounds[1:])]
        if all(len(re.findall(r"\w+", p)) >= 3 for p in pieces):
            return pieces
    return [text_en] * n


_EN_VP_AND = re.compile(r",?\s+(?=(?:and|but)\s+(?:also\s+|then\s+)?(?:\w+ed|said|told|made|gave|sent|held|"
                        r"took|met|left|brought|put|kept|found|called|rejected)\b)", re.I)


def annotate_articles(articles: list[ArticleInfo]) -> dict[str, dict]:
    """What the parsers give each article, whatever else is in the corpus:
    ``entities`` (English and Russian; ``None`` for other languages, whose
    entities depend on the event), ``attributions`` and ``agency`` (``None``
    when agency extraction failed on the article). Articles of one language
    are parsed in one batch. This is the work the annotation store keeps and
    the Ray engine spreads over workers."""
    from compare.extract.attribution import extract_many

    by_lang: dict[str, list[ArticleInfo]] = {}
    for a in articles:
        by_lang.setdefault(a.language if a.language in LANGS else "other", []).append(a)
    ents: dict[str, list[Entity]] = {}
    agency: dict[str, object] = {}  # article -> mentions, or the exception that stopped them

    def read_agency(a: ArticleInfo, doc) -> None:
        try:
            agency[a.article_id] = extract_agency(a.text, a.language, doc=doc)
        except Exception as exc:  # a parser failure on one article must not stop the run
            agency[a.article_id] = exc

    # Each parse is read (entities, then agency) as it comes and dropped: a spaCy
    # Doc carries its token vectors and a natasha Doc a Python object per token,
    # so keeping every article's parse until the end grew with the corpus.
    with console.progress_task("analyze: parsing articles", total=len(articles)) as advance:
        def read(items: list[ArticleInfo], docs, rec) -> None:
            for a, doc in zip(items, docs):
                ents[a.article_id] = rec.recognize([a.text], docs=[doc])[0]
                read_agency(a, doc)
                advance(1)

        en, ru = by_lang.get("en", []), by_lang.get("ru", [])
        if en:
            rec = SpacyRecognizer()
            read(en, rec.iter_docs([a.text for a in en]), rec)
        if ru:
            read(ru, (natasha_docs([a.text])[0] for a in ru), NatashaRecognizer())
        advance(len(by_lang.get("az", [])) + len(by_lang.get("other", [])))
    attributions: dict[str, list] = {}
    for lang, items in by_lang.items():
        if lang == "other":
            continue
        found = extract_many([(a.text, [(s.start, s.end) for s in a.sentences]) for a in items], lang,
                             outlet_countries=[a.outlet_country for a in items])
        for a, f in zip(items, found):
            attributions[a.article_id] = f
    out: dict[str, dict] = {}
    for a in articles:
        if a.article_id not in agency:  # Azerbaijani and other languages: rules, no parse
            read_agency(a, None)
        mentions = agency.pop(a.article_id)
        if isinstance(mentions, Exception):
            console.problem(a.article_id, f"agency extraction failed ({mentions.__class__.__name__}: {mentions})")
            mentions = None
        out[a.article_id] = {"entities": ents.get(a.article_id), "attributions": attributions.get(a.article_id, []),
                             "agency": mentions}
    return out


def store_key(a: ArticleInfo) -> str:
    """The annotation store's key of an article (:func:`compare.analyze.annotations.article_key`)."""
    from compare.analyze.annotations import article_key

    return article_key(a.text, a.language, [(s.start, s.end) for s in a.sentences], a.outlet_country)


def extract_all(articles: list[ArticleInfo], *, min_claim_words: int = 4, store=None) -> Extraction:
    """Claims and the entity, quantity, attribution and agency rows of ``articles``.

    ``store``: an :class:`compare.analyze.annotations.AnnotationStore`; articles
    whose annotations it holds are not parsed again, and new ones are added."""
    store_keys = {a.article_id: store_key(a) for a in articles} if store is not None else {}
    cached: dict[str, dict] = {}
    if store is not None:
        found = store.get_many(sorted(set(store_keys.values())))
        cached = {aid: found[k] for aid, k in store_keys.items() if k in found}
    new = annotate_articles([a for a in articles if a.article_id not in cached])
    if store is not None:
        store.put_many({store_keys[aid]: v for aid, v in new.items() if v["agency"] is not None})
    annotated = {**cached, **new}
    ents: dict[str, list[Entity]] = {aid: v["entities"] for aid, v in annotated.items() if v.get("entities") is not None}
    # Azerbaijani entities take a gazetteer from the Russian and English
    # entities of the same event, so they are found on every run (rules, fast)
    az = [a for a in articles if a.language == "az"]
    if az:
        gaz_by_event: dict[str, dict[str, str]] = {}
        for a in articles:
            if a.language == "az":
                continue
            for e in ents.get(a.article_id, []):
                if e.canonical and e.label in ("PER", "ORG", "LOC", "GPE"):
                    gaz_by_event.setdefault(a.event_id, {}).setdefault(e.canonical, e.label)
        rec = AzerbaijaniRuleRecognizer()
        for a in az:
            ents[a.article_id] = rec.recognize([a.text], gazetteer=gaz_by_event.get(a.event_id, {}))[0]
    attributions = {aid: v["attributions"] for aid, v in annotated.items()}

    claims: list[Claim] = []
    ent_rows, qty_rows, att_rows, agency_rows = Rows(), Rows(), Rows(), Rows()
    sent_source: dict[str, tuple] = {}  # sentence -> (actor, type) of its attribution, for pivot quantities
    for a in console.progress(articles, "analyze: extracting"):
        lang = a.language
        # entities
        for e in ents.get(a.article_id, []):
            s = a.sentence_at(e.start)
            ent_rows.append({
                "article_id": a.article_id, "outlet": a.outlet, "event_id": a.event_id,
                "sentence_id": s.sentence_id if s else None, "start": e.start, "end": e.end,
                "text": e.text, "label": e.label, "canonical": e.canonical, "language": lang,
                "backend": e.backend, "mode": "original", "gap_fill": False,
            })
        # attributions
        atts = attributions.get(a.article_id, [])
        resolved = _resolve_sources(atts, lang)
        for k, at in enumerate(atts):
            anchor = at.cue.start if at.cue is not None else at.content.start
            s = a.sentence_at(anchor)
            att_rows.append({
                "attribution_id": content_id(a.article_id, "att", str(k)),
                "article_id": a.article_id, "outlet": a.outlet, "event_id": a.event_id,
                "sentence_id": s.sentence_id if s else None, "kind": at.kind,
                "source_text": at.source.text if at.source else None,
                "source_start": at.source.start if at.source else None,
                "source_end": at.source.end if at.source else None,
                "cue": at.cue.text if at.cue else None, "cue_start": at.cue.start if at.cue else None,
                "cue_end": at.cue.end if at.cue else None,
                "content_text": at.content.text, "content_start": at.content.start, "content_end": at.content.end,
                "source_actor": resolved[k][0], "source_type": resolved[k][1],
                "source_country": resolved[k][2], "language": lang, "mode": "original",
                "text": s.text if s else None, "text_en": s.text_en if s else None,
            })

        def source_of(start: int, end: int, sentence: Sentence | None = None):
            """(actor, type) of the attribution whose content holds the span; else of a
            cue in the same sentence ("..., relatives said")."""
            best = None
            for k, at in enumerate(atts):
                if at.content.start <= start and end <= at.content.end:
                    if best is None or len(at.content) < len(atts[best].content):
                        best = k
            if best is None and sentence is not None:
                # the nearest cue in the same sentence ("Two men died ..., relatives said")
                near = [(abs(at.cue.start - start), k) for k, at in enumerate(atts)
                        if at.cue is not None and sentence.start <= at.cue.start < sentence.end]
                if near:
                    best = min(near)[1]
            return resolved[best] if best is not None else None

        # dates and quantities per sentence
        sent_dates: dict[str, list] = {}
        sent_qty: dict[str, list] = {}
        for s in a.sentences:
            if s.text_en and lang != "en":
                sent_source[s.sentence_id] = source_of(s.start, s.end, s)
            ds = [d for d in extract_dates(s.text, lang, a.published)]
            sent_dates[s.sentence_id] = ds
            qs = extract_quantities(s.text, lang, exclude=[(d.start, d.end) for d in ds], published=a.published,
                                    preceding=a.text[max(0, s.start - 2000):s.start])
            sent_qty[s.sentence_id] = qs
            for q in qs:
                gs, ge = s.start + q.start, s.start + q.end
                src = source_of(gs, ge, s)
                qty_rows.append({
                    "article_id": a.article_id, "outlet": a.outlet, "event_id": a.event_id,
                    "subevent_id": a.subevent_id, "sentence_id": s.sentence_id, "start": gs, "end": ge,
                    "text": q.text, "counted": q.counted, "value_low": q.value_low, "value_high": q.value_high,
                    "vague": q.vague, "language": lang,
                    "time": q.time, "part": bool(q.part), "individual": bool(q.individual),
                    "source_actor": src[0] if src else None,
                    "source_type": src[1] if src else "unattributed",
                    "sentence_text": s.text, "text_en": s.text_en,
                    "mode": "original", "gap_fill": False,
                })
        # agency
        mentions = annotated[a.article_id]["agency"] or []
        for k, m in enumerate(mentions):
            s = a.sentence_at(m.trigger_start)
            agent_actor = None
            if m.agent_text and m.agent_status != "absent":
                try:
                    from compare.extract.attribution import classify_source

                    agent_actor = classify_source(m.agent_text, lang, s.text if s else "")[0] or None
                except Exception:
                    agent_actor = None
            agency_rows.append({
                "mention_id": content_id(a.article_id, "agency", str(m.trigger_start)),
                "article_id": a.article_id, "outlet": a.outlet, "event_id": a.event_id,
                "sentence_id": s.sentence_id if s else None, "action": m.action, "trigger": m.trigger,
                "trigger_start": m.trigger_start, "trigger_end": m.trigger_end,
                "agent_status": m.agent_status, "agent_text": m.agent_text, "agent_actor": agent_actor,
                "patient_text": m.patient_text, "voice": m.voice, "language": lang,
                "mode": "original", "gap_fill": False,
                "text": s.text if s else None, "text_en": s.text_en if s else None,
            })
        # claim units
        article_ents = ents.get(a.article_id, [])
        from compare.translit import canonical_key

        named_agents = [(m.trigger_start, m.action, canonical_key(m.agent_text, lang))
                        for m in mentions if m.agent_status == "named" and m.agent_text]
        for s in a.sentences:
            units = split_claims(a.text, lang, [(s.start, s.end)])
            parts_en = _split_english(s.text_en, len(units))
            for u, t_en in zip(units, parts_en):
                text = a.text[u.start:u.end]
                # words with a letter: "6:05 p.m." or "1-0" is no statement
                if len(re.findall(r"\w*[^\W\d_]\w*", text)) < min_claim_words:
                    continue
                qs = [q for q in sent_qty[s.sentence_id] if u.start <= s.start + q.start < u.end]
                ds = [d for d in sent_dates[s.sentence_id] if u.start <= s.start + d.start < u.end]
                keys = sorted({e.canonical for e in article_ents if u.start <= e.start < u.end and e.canonical})
                att = None
                for k, at in enumerate(atts):
                    if at.content.start < u.end and u.start < at.content.end:
                        att = k
                        break
                if att is None:
                    # a cue or source inside this unit attributes it too ("police said nine ...")
                    for k, at in enumerate(atts):
                        if at.cue is not None and u.start <= at.cue.start < u.end:
                            att = k
                            break
                claims.append(Claim(
                    claim_id=content_id(a.article_id, str(u.start), str(u.end)),
                    article=a, sentence=s, start=u.start, end=u.end, text=text, text_en=t_en,
                    quantities=qs, dates=ds, entities=keys, attributed=att is not None,
                    source_type=resolved[att][1] if att is not None else None,
                    source_actor=resolved[att][0] if att is not None else None,
                    negated=polarity_negated(text, lang), denial=denial_cue(text, lang),
                    cause=cause_of_death(text, lang),
                    recap=bool(_RECAP.search(a.text[s.start:s.end])),
                    agents=[(act, key) for pos, act, key in named_agents if u.start <= pos < u.end and key],
                    actions=[(m.action, m.voice) for m in mentions if u.start <= m.trigger_start < u.end],
                    terms=find_terms(text, lang),
                ))
    # pivot: the same extractors on the English translations, as separate rows
    from compare.analyze.pivot import pivot_rows

    p_ent, p_qty, p_ag = pivot_rows(articles, ent_rows, qty_rows, agency_rows)
    for q in p_qty:
        src = sent_source.get(q["sentence_id"])
        if src:
            q["source_actor"], q["source_type"] = src[0], src[1]
    ent_rows.extend(p_ent)
    qty_rows.extend(p_qty)
    agency_rows.extend(p_ag)
    return Extraction(claims, ent_rows, qty_rows, att_rows, agency_rows)
