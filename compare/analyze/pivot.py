"""Pivot extraction: entities, quantities and agency read from the English translation.

Every sentence that has an English translation (``translations``, target ``en``)
is also run through the English extractors. Those rows are written with
``mode = "translated"`` next to the rows read from the original text
(``mode = "original"``); neither replaces the other. Offsets of a translated
row (``start``/``end``, ``trigger_start``/``trigger_end``) are character
offsets in that row's ``text_en`` (the sentence translation), not in the article.

``gap_fill`` marks the translated rows that say something the original-language
extractor did not find in the same sentence, and only those are counted in
``numbers`` and ``agency_summary``:

* quantity: a counted quantity (dead, detained, ...) where the original sentence
  has no counted quantity with an overlapping range (the original extractor
  read the number as ``other`` or missed it);
* agency: a mention in a sentence where the original has no agency mention at
  all (a different action in the original, "died" against a translated
  "were killed", is a disagreement, not a gap);
* entity: a person whose key no entity of the original sentence matches
  (``compare.translit.keys_match``, or a shared three-letter word start:
  spellings differ across scripts). Only persons: names are transliterated, so
  a letter-level check means something, while institutions are translated
  ("Ministry of Culture" / "Mədəniyyət Nazirliyi") and would all look new.

A translated reading that disagrees with an original reading (the original
says "were detained", the translation "police detained") is never a gap fill:
translation adds and drops agents, and the original's reading is the evidence.
"""
from __future__ import annotations

from collections import defaultdict

from compare.extract.agency import extract_agency
from compare.extract.dates import extract_dates
from compare.extract.entities import SpacyRecognizer
from compare.extract.numbers import extract_quantities, ranges_overlap
from compare.runs import content_id


def _same_entity(key_en: str, key_orig: str, keys_match) -> bool:
    """Loose identity across scripts: transliteration keys match, or a word of each
    starts with the same three letters (English "Russian Federation" vs Azerbaijani
    "Rusiya Federasiyası", a name the rules cut short). Loose on purpose: a gap
    fill must be something the original sentence clearly lacks."""
    if keys_match(key_en, key_orig):
        return True
    heads = {w[:3] for w in key_orig.split() if len(w) >= 3}
    return any(w[:3] in heads for w in key_en.split() if len(w) >= 3)


def pivot_rows(articles, ent_rows: list[dict], qty_rows: list[dict], agency_rows: list[dict]):
    """Translated-mode rows for every non-English sentence with an English translation.

    ``*_rows`` are the original-mode rows of the same articles (used to decide
    ``gap_fill``). Returns ``(entities, quantities, agency)`` row lists.
    """
    from compare.translit import keys_match

    items = [(a, s) for a in articles if a.language != "en" for s in a.sentences if s.text_en and s.text_en.strip()]
    if not items:
        return [], [], []
    rec = SpacyRecognizer()
    texts = [s.text_en for _, s in items]
    # one parse at a time: the parses of every translation would not fit in memory at scale
    docs = rec.iter_docs(texts)

    orig_ents: dict[str, list[str]] = defaultdict(list)
    for r in ent_rows:
        if r["sentence_id"] and r["canonical"]:
            orig_ents[r["sentence_id"]].append(r["canonical"])
    orig_qty: dict[str, list[tuple]] = defaultdict(list)
    for r in qty_rows:
        if r["counted"] != "other":
            orig_qty[r["sentence_id"]].append((r["value_low"], r["value_high"]))
    orig_actions: dict[str, set[str]] = defaultdict(set)
    for r in agency_rows:
        if r["sentence_id"]:
            orig_actions[r["sentence_id"]].add(r["action"])

    out_e, out_q, out_a = [], [], []
    for (a, s), text, doc in zip(items, texts, docs):
        es = rec.recognize([text], docs=[doc])[0]
        base = {"article_id": a.article_id, "outlet": a.outlet, "event_id": a.event_id, "sentence_id": s.sentence_id}
        for e in es:
            gap = (bool(e.canonical) and e.label == "PER"
                   and not any(_same_entity(e.canonical, k, keys_match) for k in orig_ents.get(s.sentence_id, ())))
            out_e.append({**base, "start": e.start, "end": e.end, "text": e.text, "label": e.label,
                          "canonical": e.canonical, "language": "en", "backend": e.backend,
                          "mode": "translated", "gap_fill": gap})
        ds = extract_dates(s.text_en, "en", a.published)
        for q in extract_quantities(s.text_en, "en", exclude=[(d.start, d.end) for d in ds]):
            gap = q.counted != "other" and not any(
                ranges_overlap(q.value_low, q.value_high, lo, hi) for lo, hi in orig_qty.get(s.sentence_id, ()))
            out_q.append({**base, "subevent_id": a.subevent_id, "start": q.start, "end": q.end, "text": q.text,
                          "counted": q.counted, "value_low": q.value_low, "value_high": q.value_high,
                          "vague": q.vague, "language": "en", "source_actor": None, "source_type": "unattributed",
                          "sentence_text": s.text, "text_en": s.text_en, "mode": "translated", "gap_fill": gap})
        for m in extract_agency(s.text_en, "en", doc=doc):
            agent_actor = None
            if m.agent_text and m.agent_status != "absent":
                try:
                    from compare.extract.attribution import classify_source

                    agent_actor = classify_source(m.agent_text, "en", s.text_en)[0] or None
                except Exception:
                    agent_actor = None
            out_a.append({
                **base, "mention_id": content_id(a.article_id, "agency-en", s.sentence_id, str(m.trigger_start)),
                "action": m.action, "trigger": m.trigger, "trigger_start": m.trigger_start,
                "trigger_end": m.trigger_end, "agent_status": m.agent_status, "agent_text": m.agent_text,
                "agent_actor": agent_actor, "patient_text": m.patient_text, "voice": m.voice, "language": "en",
                "mode": "translated", "text": s.text, "text_en": s.text_en,
                "gap_fill": not orig_actions.get(s.sentence_id),
            })
    return out_e, out_q, out_a
