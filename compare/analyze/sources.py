"""Source mix and agency summaries per outlet and per outlet × event (polars aggregations).

Rows with ``event_id`` null are the outlet's totals over all events.
"""
from __future__ import annotations

import polars as pl

SOURCE_MIX_SCHEMA = {"outlet": pl.Utf8, "event_id": pl.Utf8, "source_type": pl.Utf8, "count": pl.Int64, "share": pl.Float64}
AGENCY_SUMMARY_SCHEMA = {"outlet": pl.Utf8, "event_id": pl.Utf8, "named": pl.Int64, "generic": pl.Int64,
                         "absent": pl.Int64, "total": pl.Int64, "share_named": pl.Float64}


def source_mix(attributions: pl.DataFrame, claims: pl.DataFrame) -> pl.DataFrame:
    """Cited sources by type, plus ``unattributed`` claim units (assertions in the outlet's own voice)."""
    parts = []
    if attributions.height:
        parts.append(attributions.select("outlet", "event_id", pl.col("source_type").fill_null("other")))
    if claims.height:
        parts.append(claims.filter(~pl.col("attributed")).select(
            "outlet", "event_id", pl.lit("unattributed").alias("source_type")))
    if not parts:
        return pl.DataFrame(schema=SOURCE_MIX_SCHEMA)
    base = pl.concat(parts, how="vertical_relaxed")
    per_event = base.group_by("outlet", "event_id", "source_type").agg(pl.len().cast(pl.Int64).alias("count"))
    totals = base.group_by("outlet", "source_type").agg(pl.len().cast(pl.Int64).alias("count")).with_columns(
        pl.lit(None, dtype=pl.Utf8).alias("event_id")).select("outlet", "event_id", "source_type", "count")
    df = pl.concat([per_event.select("outlet", "event_id", "source_type", "count"), totals], how="vertical_relaxed")
    df = df.with_columns((pl.col("count") / pl.col("count").sum().over("outlet", "event_id")).alias("share"))
    return df.sort(["outlet", "event_id", "count", "source_type"], descending=[False, False, True, False], nulls_last=True)


def agency_summary(agency: pl.DataFrame) -> pl.DataFrame:
    if not agency.height:
        return pl.DataFrame(schema=AGENCY_SUMMARY_SCHEMA)
    aggs = [
        (pl.col("agent_status") == "named").sum().cast(pl.Int64).alias("named"),
        (pl.col("agent_status") == "generic").sum().cast(pl.Int64).alias("generic"),
        (pl.col("agent_status") == "absent").sum().cast(pl.Int64).alias("absent"),
        pl.len().cast(pl.Int64).alias("total"),
    ]
    per_event = agency.group_by("outlet", "event_id").agg(aggs)
    totals = agency.group_by("outlet").agg(aggs).with_columns(pl.lit(None, dtype=pl.Utf8).alias("event_id"))
    df = pl.concat([per_event, totals.select(per_event.columns)], how="vertical_relaxed")
    df = df.with_columns((pl.col("named") / pl.col("total")).alias("share_named"))
    return df.select(list(AGENCY_SUMMARY_SCHEMA)).sort(["outlet", "event_id"], nulls_last=True)
