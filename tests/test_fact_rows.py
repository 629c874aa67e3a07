"""The fact-rows comparison method: timing rules for counts, agents, dates,
and the method switch of analyze_run."""
from datetime import date, datetime, timezone
from types import SimpleNamespace

import polars as pl
import pytest

from compare.analyze.matrix import _date_conflict, _same_agent, compare_counts


def _claim(outlet, value, when, *, vague=False, counted="dead"):
    lo, hi = value if isinstance(value, tuple) else (value, value)
    art = SimpleNamespace(published_at=when, published=when.date())
    q = SimpleNamespace(counted=counted, value_low=lo, value_high=hi, vague=vague)
    return SimpleNamespace(outlet=outlet, article=art, quantities=[q], source_type="law_enforcement")


def t(day, hour=12):
    return datetime(2024, 3, day, hour, tzinfo=timezone.utc)


def test_a_toll_that_grows_over_days_is_an_update():
    ref = [_claim("a", 133, t(24)), _claim("b", 133, t(24))]
    status, note = compare_counts([_claim("c", 143, t(26))], (133, 133), ref, "dead", evolving=True)
    assert status == "differs" and note.endswith("(a later figure)")
    status, note = compare_counts([_claim("c", 60, t(22))], (133, 133), ref, "dead", evolving=True)
    assert status == "differs" and note.endswith("(an earlier figure)")


def test_a_count_that_stays_put_contradicts_a_disjoint_figure():
    ref = [_claim("a", (51, None), t(3, 16), counted="detained")]
    status, note = compare_counts([_claim("c", 9, t(3, 18), counted="detained")], (51, None), ref, "detained",
                                  evolving=False)
    assert status == "contradicted" and "9 vs 51–" in note


def _arts(values, counted="dead"):
    return [_claim(f"o{k}", v, t(22 + k // 3), counted=counted) for k, v in enumerate(values)]


def test_a_toll_with_many_figures_evolves_two_camps_do_not():
    from compare.analyze.matrix import count_evolves

    for k, c in enumerate(toll := _arts([40, 60, 115, 133, 137, 143])):
        c.article.article_id = f"a{k}"
    assert count_evolves(toll, "dead")
    camps = _arts([2, 2, 2, 3, 2, 2])
    for k, c in enumerate(camps):
        c.article.article_id = f"a{k}"
    assert not count_evolves(camps, "dead")
    # a sub-count in the same article ("six injured, two of them seriously") is no third figure
    inj = _arts([(0, 0), (3, 9), (6, None)], counted="injured")
    for k, c in enumerate(inj):
        c.article.article_id = f"a{k}"
    inj[2].quantities.append(SimpleNamespace(counted="injured", value_low=2, value_high=2, vague=False))
    assert not count_evolves(inj, "injured")


def test_a_count_that_does_not_grow_contradicts_when_it_differs():
    ref = [_claim("a", 5, t(3), counted="attackers")]
    assert compare_counts([_claim("c", 9, t(3), counted="attackers")], (5, 5), ref, "attackers")[0] == "contradicted"
    assert compare_counts([_claim("c", 5, t(3), counted="attackers")], (5, 5), ref, "attackers")[0] == "asserted"


def test_agents_sharing_a_word_stem_are_one_agent():
    assert _same_agent("lisokorsk shahar mahkamas", "lisokorskiy korodsk sud")
    assert not _same_agent("fsb", "interior ministry")


def _dated(outlet, *days, kind="absolute", terms=("summon_diplomat",)):
    ds = [SimpleNamespace(value=date(2025, 9, d), kind=kind, text=str(d)) for d in days]
    return SimpleNamespace(outlet=outlet, dates=ds, article=SimpleNamespace(published=date(2025, 9, 7)),
                           terms=list(terms), actions=[])


def test_a_day_off_that_nobody_else_names_is_a_date_conflict():
    others = {"a": [_dated("a", 5)], "b": [_dated("b", 5)]}
    assert _date_conflict([_dated("c", 4)], date(2025, 9, 5), others, "c")
    # a date another outlet also gives in the row belongs to another part of the story
    others["b"] = [_dated("b", 5, 3)]
    assert _date_conflict([_dated("c", 3)], date(2025, 9, 5), others, "c") is None
    assert _date_conflict([_dated("c", 5)], date(2025, 9, 5), others, "c") is None


def test_a_weekday_resolved_against_publication_never_contradicts():
    # "on Monday" in a copy republished days later resolves to the wrong week's day
    others = {"a": [_dated("a", 5)], "b": [_dated("b", 5)]}
    assert _date_conflict([_dated("c", 4, kind="weekday")], date(2025, 9, 5), others, "c") is None
    assert _date_conflict([_dated("c", 4, kind="relative")], date(2025, 9, 5), others, "c") is None


def test_a_date_of_another_happening_is_no_conflict():
    # "the convoy crossed the border on 22 April" is no date for "the withdrawal began on 17 April"
    others = {"a": [_dated("a", 5, terms=("withdrawal",))], "b": [_dated("b", 5, terms=("withdrawal",))]}
    assert _date_conflict([_dated("c", 4, terms=())], date(2025, 9, 5), others, "c") is None
    assert _date_conflict([_dated("c", 4, terms=("withdrawal",))], date(2025, 9, 5), others, "c")


def test_a_range_of_days_states_each_day():
    from compare.extract.dates import extract_dates

    pub = date(2025, 8, 12)
    for text, lang in (("visited the United States on August 7–8, 2025", "en"), ("визит 7–8 августа", "ru"),
                       ("avqustun 7-8-də Vaşinqtonda", "az"), ("on 7-8 August", "en")):
        assert [d.value for d in extract_dates(text, lang, pub)] == [date(2025, 8, 7), date(2025, 8, 8)], text
    assert extract_dates("won 2-3 in August", "en", pub) == []
    assert [d.value for d in extract_dates("on August 8", "en", pub)] == [date(2025, 8, 8)]


def test_unknown_method_is_a_clear_error(tmp_path):
    from compare.analyze import analyze_run
    from compare.errors import CompareError
    from test_analyze import make_run

    make_run(tmp_path)
    with pytest.raises(CompareError, match="unknown method"):
        analyze_run(tmp_path, embedder="hashing", cache=False, method="nope")


def test_fact_rows_method_writes_the_same_tables(tmp_path):
    from compare.analyze import TABLES, analyze_run
    from compare.runs import Run
    from test_analyze import CONTRACT, make_run

    make_run(tmp_path)
    result = analyze_run(tmp_path, embedder="hashing", cache=False, method="fact-rows")
    run = Run(tmp_path)
    for name in TABLES:
        missing = set(CONTRACT[name].split()) - set(run.read(name).columns)
        assert not missing, f"{name} lacks {missing}"
    m = run.read("claim_matrix")
    assert set(m["status"]) <= {"asserted", "differs", "contradicted", "unclear", "omitted", "not_covered", "rejected"}
    # only the outlets of the row's event get cells: delta (another event) never appears in E1 rows
    assert m.filter((pl.col("event_id") == "E1") & (pl.col("outlet") == "delta")).height == 0
    assert result.exit_code == 0


def test_kinds_in_matrix_counts_labelled_sentences_in_matrix_rows(tmp_path):
    import hashlib
    import json

    from compare.evaluate.claims import kinds_in_matrix

    text = "Two men died. Subscribe to our channel. What a shame it is."
    pl.DataFrame({"article_id": ["a"], "text": [text]}).write_parquet(tmp_path / "articles.parquet")
    pl.DataFrame({"article_id": ["a"] * 3, "start": [0, 14, 40], "end": [13, 39, 59],
                  "cluster_id": ["k1", "k2", "k3"]}).write_parquet(tmp_path / "claims.parquet")
    pl.DataFrame({"cluster_id": ["k1", "k2", "k3"], "in_matrix": [True, True, False]}).write_parquet(
        tmp_path / "claim_clusters.parquet")
    labels = tmp_path / "labels.jsonl"
    rows = [("fact", 0, 13), ("furniture", 14, 39), ("opinion", 40, 59)]
    labels.write_text("\n".join(json.dumps({
        "path": "x/a.txt", "start": s, "end": e, "label": k,
        "sha": hashlib.sha256(text[s:e].encode()).hexdigest()[:12]}) for k, s, e in rows) + "\n")
    got = kinds_in_matrix(tmp_path, {"x/a.txt": "a"}, labels)
    assert got["labelled"] == 3 and got["in matrix"] == 2
    assert got["in matrix: furniture"] == 1 and got["in matrix: opinion"] == 0


def test_a_denial_giving_the_rows_count_is_no_conflict():
    from compare.analyze.matrix import MatrixParams, _conflicts

    q = SimpleNamespace(counted="dead", value_low=133, value_high=133, vague=False)
    denial = SimpleNamespace(denial="denied", quantities=[q], cause=None, agents=[], source_type=None)
    params = MatrixParams()
    affirming = {f"o{k}" for k in range(params.denial_majority)}
    assert _conflicts([denial], affirming, None, {}, params)[0] == "contradicted"
    assert _conflicts([denial], affirming, None, {}, params, agreed=("dead", (133, 133)))[0] == "asserted"
    assert _conflicts([denial], affirming, None, {}, params, agreed=("dead", (40, 40)))[0] == "contradicted"
