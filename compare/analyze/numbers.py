"""Numbers reconciliation: every counted quantity of an event, per outlet, with its source.

A row's ``conflict`` is true when some other outlet reports the same counted
quantity (dead, injured, detained, ...) in the same event and sub-event and
none of that outlet's ranges overlaps this row's range: the two outlets cannot
both be right. Vague quantities are ranges (see ``compare.extract.numbers``), so
"dozens" and "more than 50" agree while "nine" and "dozens" conflict.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

import polars as pl

from compare.extract.numbers import ranges_overlap

NUMBERS_SCHEMA = {
    "event_id": pl.Utf8, "subevent_id": pl.Utf8, "counted": pl.Utf8, "outlet": pl.Utf8,
    "article_id": pl.Utf8, "sentence_id": pl.Utf8, "value_low": pl.Int64, "value_high": pl.Int64,
    "quantity_text": pl.Utf8, "text": pl.Utf8, "text_en": pl.Utf8, "source_actor": pl.Utf8,
    "source_type": pl.Utf8, "conflict": pl.Boolean, "conflict_with": pl.List(pl.Utf8), "mode": pl.Utf8,
    "time": pl.Utf8,
}


# Row order of the numbers table (figures of one sentence keep the order they were read in).
NUMBERS_ORDER = ["event_id", "subevent_id", "counted", "outlet", "sentence_id"]


def reconcile_numbers(quantity_rows: Iterable[dict]) -> pl.DataFrame:
    rows = [q for q in quantity_rows if q["counted"] != "other" and q.get("event_id") is not None]
    groups: dict[tuple, dict[str, list[dict]]] = defaultdict(lambda: defaultdict(list))
    for q in rows:
        # a count of another time ("in 2006") is compared only with counts of that time
        groups[(q["event_id"], q.get("subevent_id"), q["counted"], q.get("time"))][q["outlet"]].append(q)
    out = []
    for (event, sub, counted, time), per_outlet in groups.items():
        for outlet, qs in per_outlet.items():
            for q in qs:
                against = []
                for other, oqs in per_outlet.items():
                    # a part of a count ("including four") or one individual is no rival figure
                    if q.get("part") or q.get("individual"):
                        break
                    whole = [o for o in oqs if not (o.get("part") or o.get("individual"))]
                    if other == outlet or not whole:
                        continue
                    if not any(ranges_overlap(q["value_low"], q["value_high"], o["value_low"], o["value_high"]) for o in whole):
                        against.append(other)
                out.append({
                    "event_id": event, "subevent_id": sub, "counted": counted, "outlet": outlet,
                    "article_id": q["article_id"], "sentence_id": q["sentence_id"],
                    "value_low": q["value_low"], "value_high": q["value_high"], "quantity_text": q["text"],
                    "text": q["sentence_text"], "text_en": q["text_en"], "source_actor": q["source_actor"],
                    "source_type": q["source_type"], "conflict": bool(against), "conflict_with": sorted(against),
                    "mode": q["mode"], "time": time,
                })
    if not out:
        return pl.DataFrame(schema=NUMBERS_SCHEMA)
    return pl.DataFrame(out, schema=NUMBERS_SCHEMA).sort(NUMBERS_ORDER, nulls_last=True, maintain_order=True)
