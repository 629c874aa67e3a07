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
