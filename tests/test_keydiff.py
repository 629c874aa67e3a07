"""Ranking of the key-differences block."""
from types import SimpleNamespace

from compare.report.keydiff import key_differences

OUTLETS = [SimpleNamespace(id=o, name=o.upper(), language=lang)
           for o, lang in (("a", "ru"), ("b", "ru"), ("c", "az"), ("d", "en"))]


def _row(rid, statuses, *, facet=None, note=None):
    cells = [{"status": s, "links": [f"{rid}-{o.id}"], "note": note if s in ("contradicted", "differs") else None}
             if s else None for o, s in zip(OUTLETS, statuses)]
    return {"id": rid, "label": f"row {rid}", "cluster": {"facet": facet}, "cells": cells}


def test_contradictions_lead_and_a_count_outranks_a_plain_row():
    rows = [
        _row("omit", ["asserted", "asserted", "asserted", "omitted"]),
        _row("plain", ["asserted", "contradicted", "asserted", "asserted"], note="date: 2025-09-04 vs 2025-09-05"),
        _row("toll", ["asserted", "asserted", "contradicted", None], facet="dead", note="dead: 3 vs 2"),
        _row("update", ["asserted", "differs", "asserted", "omitted"], note="dead: 40 vs 133"),
    ]
    got = [k.row_href for k in key_differences(rows, OUTLETS)]
    assert got == ["#toll", "#plain", "#update", "#omit"]


def test_each_disputed_subject_leads_once_and_the_graver_harm_first():
    rows = [
        # one cause dispute seen in two rows, with different outlets against: both stay, one leads
        _row("cause-1", ["asserted", "asserted", "contradicted", "asserted"], note="cause of death: violent vs natural"),
        _row("cause-2", ["contradicted", "asserted", "contradicted", "asserted"],
             note="cause of death: natural vs violent"),
        _row("held", ["asserted", "asserted", "asserted", "contradicted"], facet="detained", note="detained: 9 vs 50"),
        _row("toll", ["asserted", "asserted", "contradicted", "asserted"], facet="dead", note="dead: 3 vs 2"),
    ]
    got = [k.row_href for k in key_differences(rows, OUTLETS)]
    # equal reach (four outlets, three languages): deaths, then the cause, then detentions
    assert got == ["#toll", "#cause-1", "#held", "#cause-2"]


def test_an_omission_needs_most_covering_outlets_to_report_the_fact():
    rows = [_row("x", ["asserted", "omitted", "omitted", "not_covered"]),
            _row("y", ["asserted", "asserted", "omitted", None])]
    assert [k.row_href for k in key_differences(rows, OUTLETS)] == ["#y"]


BY_ID = {o.id: o for o in OUTLETS}


def _mentions(outlet, action, agents, absent):
    return ([{"outlet": outlet, "action": action, "agent_status": "generic", "agent_text": "police",
              "sentence_id": f"{outlet}-{action}-a{i}"} for i in range(agents)]
            + [{"outlet": outlet, "action": action, "agent_status": "absent", "agent_text": None,
                "sentence_id": f"{outlet}-{action}-x{i}"} for i in range(absent)])


def test_who_acted_needs_outlets_that_never_say_against_outlets_that_do():
    from compare.report.keydiff import agency_differences

    rows = (_mentions("a", "kill", 3, 1) + _mentions("b", "kill", 0, 4) + _mentions("c", "kill", 2, 1) + _mentions("d", "kill", 1, 1)
            + _mentions("a", "detain", 0, 5) + _mentions("b", "detain", 0, 5)       # nobody says who: no item
            + _mentions("d", "raid", 0, 2) + _mentions("a", "raid", 2, 0))          # two mentions are too few
    items = agency_differences(rows, BY_ID)
    assert [k.topic for k in items] == [("agency", "kill")]
    k = items[0]
    assert [o.id for o in k.against] == ["b"] and [o.id for o in k.with_] == ["a", "c"]
    assert "police" in k.label and ("b", "b-kill-x0") in [(o.id, s) for o, s in k.links]
    # harm first: a beating outranks a raid with more outlets
    rows = (_mentions("a", "raid", 2, 0) + _mentions("b", "raid", 2, 0) + _mentions("c", "raid", 0, 3)
            + _mentions("a", "beat", 2, 0) + _mentions("d", "beat", 0, 3))
    assert [k.topic[1] for k in agency_differences(rows, BY_ID)] == ["beat", "raid"]


def test_sources_need_a_clear_lead_of_different_kinds():
    from compare.report.keydiff import source_differences

    def quotes(outlet, **kinds):
        return [{"outlet": outlet, "source_type": t, "sentence_id": f"{outlet}-{t}-{i}"}
                for t, n in kinds.items() for i in range(n)]

    label = {"official_russia": "Russian officials", "witness_relative": "witness / relative"}
    close = quotes("a", official_russia=5, witness_relative=4) + quotes("b", witness_relative=6, official_russia=1)
    assert source_differences(close, BY_ID, label) == []  # 5 to 4 is no lead
    clear = (quotes("a", official_russia=7, witness_relative=2) + quotes("b", witness_relative=6, official_russia=1)
             + quotes("c", official_russia=5, unattributed=9))
    (k,) = source_differences(clear, BY_ID, label)
    assert [o.id for o in k.with_] == ["a", "c"] and [o.id for o in k.against] == ["b"]
    assert k.label == "whom they quote most: Russian officials in A, C; witness / relative in B"


def test_the_page_mixes_kinds_and_keeps_an_omission():
    from compare.report.keydiff import KeyDifference, compose

    contra = [KeyDifference("contradiction", f"c{i}", f"#c{i}", None) for i in range(12)]
    omission = KeyDifference("omission", "o", "#o", None)
    agency = [KeyDifference("agency", "kill", "#agency", None), KeyDifference("agency", "raid", "#agency", None)]
    sources = [KeyDifference("sources", "s", "#sources", None)]
    shown = compose(contra + [omission], agency + sources, limit=10)[:10]
    assert [k.label for k in shown[:6]] == ["c0", "c1", "c2", "kill", "s", "c3"]
    assert shown[-1] is omission
    every = compose(contra + [omission], agency + sources)
    assert len(every) == 16 and every[-1].label == "raid"
