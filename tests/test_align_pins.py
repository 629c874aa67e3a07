"""Pins in compare.toml ([align] together / apart): alignment honours them, and so does every stage after it."""
import shutil
from pathlib import Path

import polars as pl
import pytest

from compare.pipeline import run

DEMO = Path(__file__).resolve().parents[1] / "corpora" / "demo"
BRIDGE = "09-ural-vestnik-most-cherez-lisu.md"       # unrelated to the raid: pinned into its event
RAID = "01-ural-vestnik-zaderzhaniya-lisogorsk.md"
ANALYSIS = "14-caspian-chronicle-analysis-fragile-partnership.md"  # part of the affair: pinned apart


@pytest.fixture(scope="module")
def pinned_run(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("pins")
    corpus = tmp / "demo"
    shutil.copytree(DEMO, corpus, ignore=shutil.ignore_patterns("gold"))
    config = tmp / "compare.toml"
    config.write_text(f'[align]\ntogether = [["{BRIDGE}", "articles/{RAID}"]]\napart = ["{ANALYSIS}"]\n',
                      encoding="utf-8")
    out = tmp / "run"
    run(corpus, out, config=config, stages=["ingest", "translate", "align", "analyze", "report"])
    return out


def _event_of(out: Path) -> dict[str, str]:
    arts = pl.read_parquet(out / "articles.parquet").select(
        "article_id", pl.col("source_path").str.split("/").list.last().alias("file"))
    ev = pl.read_parquet(out / "events.parquet").join(arts, on="article_id")
    return dict(ev.select("file", "event_id").iter_rows())


@pytest.mark.slow
def test_events_follow_the_pins(pinned_run):
    event = _event_of(pinned_run)
    assert event[BRIDGE] == event[RAID]
    sizes = pl.read_parquet(pinned_run / "events.parquet").group_by("event_id").len()
    assert dict(sizes.iter_rows())[event[ANALYSIS]] == 1
    links = pl.read_parquet(pinned_run / "event_links.parquet")
    pins = dict(links.filter(pl.col("pinned").is_not_null()).select("event_id", "pinned").unique().iter_rows())
    assert pins.get(event[RAID]) == "together" and pins.get(event[ANALYSIS]) == "apart"


@pytest.mark.slow
def test_matrix_and_report_follow_the_pins(pinned_run):
    event = _event_of(pinned_run)
    arts = pl.read_parquet(pinned_run / "articles.parquet").select(
        "article_id", pl.col("source_path").str.split("/").list.last().alias("file"))
    aid = dict(arts.select("file", "article_id").iter_rows())
    claims = pl.read_parquet(pinned_run / "claims.parquet")
    # the analysis piece's claims belong to its own event, the bridge report's to the raid's
    assert set(claims.filter(pl.col("article_id") == aid[ANALYSIS])["event_id"]) == {event[ANALYSIS]}
    assert set(claims.filter(pl.col("article_id") == aid[BRIDGE])["event_id"]) <= {event[RAID]}
    matrix = pl.read_parquet(pinned_run / "claim_matrix.parquet")
    main = matrix.filter(pl.col("event_id") == event[RAID])
    evidence = {s.split("-s")[0] for ids in main["evidence_sentence_ids"].to_list() for s in (ids or [])}
    assert aid[ANALYSIS] not in evidence
    report = pinned_run / "report"
    main_page = (report / f"event-{event[RAID]}.html").read_text(encoding="utf-8")
    assert "Why these articles are one event" in main_page and "pinned together" in main_page
    alone_page = (report / f"event-{event[ANALYSIS]}.html").read_text(encoding="utf-8")
    assert "pinned apart" in alone_page


def test_unknown_pin_is_a_warning_and_contradictory_pins_an_error(tmp_path):
    from compare.align.events import resolve_pins
    from compare.errors import CompareError

    arts = pl.DataFrame({"article_id": ["a1", "a2"], "source_path": ["x/one.md", "x/two.md"],
                         "url": ["https://e.example/1", None]})
    groups, alone, unknown = resolve_pins(arts, [["one.md", "https://e.example/1", "x/two.md"]], ["nope.md"])
    assert groups == [["a1", "a2"]] and alone == [] and len(unknown) == 1 and "nope.md" in unknown[0]
    with pytest.raises(CompareError, match="both together and apart"):
        resolve_pins(arts, [["one.md", "two.md"]], ["two.md"])
    with pytest.raises(CompareError, match="list of lists"):
        resolve_pins(arts, "one.md", None)
