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


def test_an_omission_needs_most_covering_outlets_to_report_the_fact():
    rows = [_row("x", ["asserted", "omitted", "omitted", "not_covered"]),
            _row("y", ["asserted", "asserted", "omitted", None])]
    assert [k.row_href for k in key_differences(rows, OUTLETS)] == ["#y"]
