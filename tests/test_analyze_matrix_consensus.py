"""The number rule of the claim matrix: an outlet's figure conflicts with the
cluster's consensus value, never with one dissenting outlet's value."""
from __future__ import annotations

from types import SimpleNamespace

from compare.analyze.cluster_matrix import build_matrix


def _claim(cid, outlet, value, counted="dead"):
    art = SimpleNamespace(event_id="e", subevent_id=None, article_id=f"a-{outlet}")
    q = [SimpleNamespace(counted=counted, value_low=value, value_high=value)] if value is not None else []
    return SimpleNamespace(
        claim_id=cid, outlet=outlet, article=art, sentence=SimpleNamespace(sentence_id=f"s-{cid}"), start=0,
        text=f"claim {cid}", text_en=None, quantities=q, dates=[], source_type=None, negated=False,
        cause=None, agents=[], recap=False)


def _statuses(values):
    claims = [_claim(f"c{i}", o, v) for i, (o, v) in enumerate(values.items())]
    outlets = sorted(values)
    rows = build_matrix(claims, {c.claim_id: "k" for c in claims}, {("e", None): set(outlets)}, outlets)
    return {r["outlet"]: r["status"] for r in rows if r["facet"] is None}


def test_the_dissenting_outlet_is_the_contradicted_one():
    got = _statuses({"a": 2, "b": 2, "c": 3})
    assert got == {"a": "asserted", "b": "asserted", "c": "contradicted"}


def test_a_tie_has_no_consensus_and_contradicts_nobody():
    # one outlet says 2, another 3, a third gives no figure: nobody is the dissenter
    got = _statuses({"a": 2, "b": 3, "c": None})
    assert got == {"a": "asserted", "b": "asserted", "c": "asserted"}


def _facets(claims, cluster, outlets):
    rows = build_matrix(claims, cluster, {("e", None): set(outlets)}, outlets)
    out: dict[str, dict] = {}
    for r in rows:
        if r["facet"]:
            out.setdefault(r["cluster_id"], {})[r["outlet"]] = r["status"]
    return out


def test_one_count_facet_per_sub_event_on_the_row_most_outlets_give_it_in():
    # row k holds one report of "four detained"; row m two reports of eleven: the
    # count's facet is m's alone, and the lone four contradicts it there
    claims = [_claim("c0", "a", 4, "detained"), _claim("c1", "d", None),
              _claim("c2", "b", 11, "detained"), _claim("c3", "c", 11, "detained")]
    cluster = {"c0": "k", "c1": "k", "c2": "m", "c3": "m"}
    facets = _facets(claims, cluster, ["a", "b", "c", "d"])
    assert list(facets) == ["m#detained"]
    assert facets["m#detained"] == {"a": "contradicted", "b": "asserted", "c": "asserted", "d": "omitted"}


def test_a_figure_more_outlets_give_outside_the_row_differs():
    # row k gives four in two reports (a and e), row m eleven in three (b, c, f),
    # but f states it in passing: in k, where the reference is four, more outlets
    # of the sub-event give eleven, so b and c differ instead of contradicting
    claims = [_claim("c0", "a", 4, "detained"), _claim("c4", "e", 4, "detained"), _claim("c1", "d", None),
              _claim("c2", "b", 11, "detained"), _claim("c3", "c", 11, "detained"), _claim("c5", "f", 11, "detained")]
    cluster = {"c0": "k", "c4": "k", "c1": "k", "c2": "m", "c3": "m", "c5": "x"}
    facets = _facets(claims, cluster, ["a", "b", "c", "d", "e", "f"])
    assert list(facets) == ["k#detained"]   # two outlets give the count in k and in m; k has more outlets
    assert facets["k#detained"]["b"] == facets["k#detained"]["c"] == "differs"
    # without f it is a tie across the sub-event: each side contradicts the other
    claims.pop()
    del cluster["c5"]
    facets = _facets(claims, cluster, ["a", "b", "c", "d", "e"])
    assert facets["k#detained"]["b"] == facets["k#detained"]["c"] == "contradicted"


def test_a_denial_that_gives_the_agreed_count_affirms_the_row():
    # "the ministry denied any role in the raid, in which 133 people died"
    claims = [_claim(f"c{i}", o, 133) for i, o in enumerate("abcd")]
    claims[3].negated, claims[3].denial = True, "denied"
    outlets = ["a", "b", "c", "d"]

    def status_of_d():
        rows = build_matrix(claims, {c.claim_id: "k" for c in claims}, {("e", None): set(outlets)}, outlets)
        return {r["outlet"]: r["status"] for r in rows if r["facet"] is None}["d"]

    assert status_of_d() == "asserted"
    # a denial with no figure of the row still contradicts it
    claims[3].quantities = []
    assert status_of_d() == "contradicted"
