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


def test_a_count_facet_is_kept_once_per_reference_figure():
    # rows m and n both take eleven as the figure: their facets would be the same
    # row, so only m's (two outlets give the count there) is kept; row k takes four,
    # the other side of the dispute, and keeps its own
    claims = [_claim("c0", "a", 4, "detained"), _claim("c1", "d", None), _claim("c2", "b", 11, "detained"),
              _claim("c3", "c", 11, "detained"), _claim("c4", "e", 11, "detained")]
    cluster = {"c0": "k", "c1": "k", "c2": "m", "c3": "m", "c4": "n"}
    outlets = ["a", "b", "c", "d", "e"]
    rows = build_matrix(claims, cluster, {("e", None): set(outlets)}, outlets)
    facets: dict[str, dict] = {}
    for r in rows:
        if r["facet"]:
            facets.setdefault(r["cluster_id"], {})[r["outlet"]] = r["status"]
    assert sorted(facets) == ["k#detained", "m#detained"]
    assert facets["m#detained"] == {"a": "contradicted", "b": "asserted", "c": "asserted", "d": "omitted",
                                    "e": "asserted"}
    assert facets["k#detained"]["a"] == "asserted" and facets["k#detained"]["b"] == "differs"


def test_a_figure_more_outlets_give_outside_the_row_differs():
    # the row (cluster k) holds one report of "four detained"; two other reports of
    # the same sub-event, in another row, say eleven: the row has the minority figure
    claims = [_claim("c0", "a", 4, "detained"), _claim("c1", "d", None),
              _claim("c2", "b", 11, "detained"), _claim("c3", "c", 11, "detained")]
    cluster = {"c0": "k", "c1": "k", "c2": "m", "c3": "m"}
    outlets = ["a", "b", "c", "d"]
    rows = build_matrix(claims, cluster, {("e", None): set(outlets)}, outlets)
    facet = {r["outlet"]: r["status"] for r in rows if r["cluster_id"] == "k#detained"}
    assert facet["b"] == facet["c"] == "differs"
    # with a second report of four it is a tie: each side contradicts the other's row
    claims.append(_claim("c4", "e", 4, "detained"))
    cluster["c4"] = "k"
    rows = build_matrix(claims, cluster, {("e", None): set(outlets + ["e"])}, outlets + ["e"])
    facet = {r["outlet"]: r["status"] for r in rows if r["cluster_id"] == "k#detained"}
    assert facet["b"] == facet["c"] == "contradicted"


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
