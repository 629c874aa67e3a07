"""`compare run` / `compare demo`: stages, skipping, manifest, CLI wiring."""
from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from typer.testing import CliRunner

from compare.cli import app
from compare.pipeline import STAGE_NAMES, run, signature

ROOT = Path(__file__).resolve().parents[1]

COMMANDS = ["ingest", "fetch", "translate", "models", "align", "analyze", "report",
            "figures", "handout", "run", "demo", "eval"]


def test_help_lists_every_command():
    out = CliRunner().invoke(app, ["--help"]).output
    for name in COMMANDS:
        assert name in out, name


def test_python_dash_m_is_the_same_cli():
    proc = subprocess.run([sys.executable, "-m", "compare", "--help"], capture_output=True, text=True)
    assert proc.returncode == 0
    assert "ingest" in proc.stdout


def test_every_command_has_a_python_function():
    import compare

    names = ["ingest", "fetch", "translate_run", "align_run", "analyze_run", "report_run",
             "figures_run", "handout_run", "run", "demo", "match_sentences", "load_corpus",
             "split_sentences", "detect_language"]
    # Importing the stage subpackages must not shadow the functions.
    import compare.align, compare.analyze, compare.report, compare.translate  # noqa: E401,F401

    for name in names:
        assert callable(getattr(compare, name)), name


def _tiny_corpus(folder: Path) -> Path:
    (folder / "articles").mkdir(parents=True)
    (folder / "corpus.toml").write_text(textwrap.dedent("""
        name = "tiny"
        description = "Two outlets, one story, written for this test."
        [[outlets]]
        id = "north-post"
        name = "North Post"
        country = "GB"
        languages = ["en"]
        kind = "independent"
        url = "https://north-post.example"
        [[outlets]]
        id = "south-daily"
        name = "South Daily"
        country = "GB"
        languages = ["en"]
        kind = "private"
        url = "https://south-daily.example"
        """), encoding="utf-8")
    bodies = {
        "north-post": ("Flood closes the old bridge in Marlow Vale",
                       "The old bridge in Marlow Vale was closed on Monday after the river rose by two metres. "
                       "The town council said that 40 families were moved to the school. "
                       "Engineers will inspect the bridge on Wednesday, the mayor told reporters."),
        "south-daily": ("Marlow Vale bridge shut as river rises",
                        "Officials closed the bridge in Marlow Vale on Monday. "
                        "According to the council, about 40 families spent the night in the school. "
                        "No one was hurt, police said."),
    }
    for outlet, (title, body) in bodies.items():
        (folder / "articles" / f"{outlet}.md").write_text(
            f"---\noutlet: {outlet}\ntitle: \"{title}\"\npublished: \"March 3, 2025\"\nlanguage: en\n---\n{body}\n",
            encoding="utf-8",
        )
    # Fast, dependency-free embeddings keep this test about the pipeline itself.
    (folder / "compare.toml").write_text('seed = 7\n[embed]\nbackend = "hashing"\n', encoding="utf-8")
    return folder


@pytest.fixture()
def isolated_models(tmp_path, monkeypatch):
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(tmp_path / "argos"))
    monkeypatch.setenv("COMPARE_CACHE_DIR", str(tmp_path / "cache"))


@pytest.mark.slow
def test_run_skips_unchanged_stages_and_reruns_changed(tmp_path, isolated_models):
    corpus = _tiny_corpus(tmp_path / "corpus")
    out = tmp_path / "run"
    first = run(corpus, out, config=corpus / "compare.toml")
    assert [s.name for s in first.stages] == list(STAGE_NAMES)
    assert all(s.status == "ran" for s in first.stages), first

    second = run(corpus, out, config=corpus / "compare.toml")
    assert all(s.status == "skipped" for s in second.stages), second
    assert json.loads((out / "manifest.json").read_text(encoding="utf-8"))["stage_times"] == {}

    # Changing an article re-runs ingest and everything downstream of it.
    art = corpus / "articles" / "south-daily.md"
    art.write_text(art.read_text(encoding="utf-8").replace("No one was hurt", "Two people were hurt"),
                   encoding="utf-8")
    third = run(corpus, out, config=corpus / "compare.toml")
    statuses = {s.name: s.status for s in third.stages}
    assert statuses["ingest"] == "ran"
    assert statuses["analyze"] == "ran"

    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["toolkit"] == "compare"
    assert manifest["seed"] == 7
    assert manifest["config"]["embed"]["backend"] == "hashing"
    assert set(manifest["inputs"]) >= {"corpus.toml", "articles/north-post.md", "articles/south-daily.md"}
    assert manifest["packages"]["polars"]
    assert manifest["signature"] == signature(manifest)
    assert manifest["signature"].startswith("compare:")


def test_demo_run_produces_every_output(demo_run):
    assert (demo_run / "report" / "index.html").exists()
    assert (demo_run / "report" / "summary.md").exists()
    assert list((demo_run / "figures").glob("*.pdf"))
    assert list((demo_run / "figures").glob("*.svg"))
    assert list((demo_run / "figures").glob("*.png"))
    assert list((demo_run / "handouts").rglob("worksheet.html"))
    assert list((demo_run / "handouts").rglob("answer-key.md"))
    manifest = json.loads((demo_run / "manifest.json").read_text(encoding="utf-8"))
    assert {s["name"] for s in manifest["stages"]} == set(STAGE_NAMES)
    status = json.loads((demo_run / "translation_status.json").read_text(encoding="utf-8"))
    # No translation model is installed in the test environment.
    assert status["mode"] in {"cross-lingual", "partial"}


def test_manifest_records_what_each_stage_cost(demo_run):
    """CPU, wall time and the running peak RSS of every stage that ran (bench/bench_run.py reads them)."""
    times = json.loads((demo_run / "manifest.json").read_text(encoding="utf-8"))["stage_times"]
    assert set(times) == set(STAGE_NAMES)
    for name, t in times.items():
        assert t["status"] == "ran", name
        assert t["cpu_s"] >= 0 and t["wall_s"] >= 0, name
        assert t["peak_rss_mb"] is None or t["peak_rss_mb"] > 0, name
    peaks = [times[n]["peak_rss_mb"] for n in STAGE_NAMES]
    if None not in peaks:  # ru_maxrss only grows
        assert peaks == sorted(peaks)


def test_unknown_config_section_is_one_line_usage_error(tmp_path):
    cfg = tmp_path / "compare.toml"
    cfg.write_text("[nonsense]\nx = 1\n", encoding="utf-8")
    corpus = _tiny_corpus(tmp_path / "c")
    proc = subprocess.run(
        [sys.executable, "-m", "compare", "run", str(corpus), "--out", str(tmp_path / "r"), "--config", str(cfg)],
        capture_output=True, text=True,
    )
    assert proc.returncode == 2  # a configuration that cannot be used is bad usage
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and "nonsense" in lines[0] and str(cfg) in lines[0], proc.stderr


def test_a_synthetic_corpus_is_called_fictional_in_every_output(demo_run):
    import json

    assert json.loads((demo_run / "manifest.json").read_text(encoding="utf-8"))["synthetic"] is True
    assert "This corpus is fictional" in (demo_run / "report" / "index.html").read_text(encoding="utf-8")
    assert "This corpus is fictional" in (demo_run / "report" / "summary.md").read_text(encoding="utf-8")
    for page in (demo_run / "handouts").glob("*/worksheet.html"):
        assert "fictional" in page.read_text(encoding="utf-8")


def test_event_page_opens_with_key_differences_led_by_the_central_ones(demo_run):
    import re

    page = (demo_run / "report" / "event-E001.html").read_text(encoding="utf-8")
    main = page[page.index('<main id="main"'):]
    block = main.index('id="key-differences"')
    assert block < main.index('class="stats"') and block < main.index('id="matrix"')
    items = re.findall(r'<li class="kd kd-(\w+)">(.*?)</li>', main, re.S)
    # each item leads to its row: on the page, or on the full matrix page for rows not among the key rows
    assert items and all(re.search(r'href="(?:event-E001-matrix\.html)?#claim-', body) for kind, body in items
                         if kind not in ("agency", "sources"))
    assert all(f'href="#{kind}"' in body for kind, body in items if kind in ("agency", "sources"))
    assert all('href="#s-' in body for _, body in items[:3])                 # ... and to evidence
    # the planted central differences lead: the death toll and the cause of death
    top = " ".join(body for _, body in items[:3])
    assert items[0][0] == "contradiction" and "dead:" in top and "cause of death" in top
    # ... and who acted, the third planted central difference, comes right after them, with whom each quotes
    kinds = [kind for kind, _ in items]
    assert kinds.index("agency") <= 4 and "sources" in kinds[:6] and "omission" in kinds
    agency = dict(items)["agency"]
    assert agency.startswith('<span class="st st-kd-agency">') and "never say who" in agency and 'href="#s-' in agency


def test_key_differences_lead_with_the_facts_the_demo_gold_marks_central(demo_run):
    """Gold-driven: every difference marked ``central`` in corpora/demo/gold/claims.jsonl
    is among the first three key differences of the demo event page, with evidence links."""
    import re

    gold = Path(__file__).resolve().parent.parent / "corpora" / "demo" / "gold" / "claims.jsonl"
    central = {c["central"] for c in map(json.loads, gold.read_text(encoding="utf-8").splitlines()) if c.get("central")}
    assert central == {"death toll", "cause of death"}
    note_of = {"death toll": "(dead:", "cause of death": "(cause of death:"}  # how the matrix names each
    page = (demo_run / "report" / "event-E001.html").read_text(encoding="utf-8")
    items = re.findall(r'<li class="kd kd-(\w+)">(.*?)</li>', page, re.S)[:3]
    for topic in central:
        assert any(note_of[topic] in body and 'href="#s-' in body for _, body in items), topic


def test_index_summary_and_event_page_give_the_same_counts(demo_run):
    import re

    index = (demo_run / "report" / "index.html").read_text(encoding="utf-8")
    page = (demo_run / "report" / "event-E001.html").read_text(encoding="utf-8")
    summary = (demo_run / "report" / "summary.md").read_text(encoding="utf-8")
    stats = dict((k, int(v)) for v, k in re.findall(r"<li><strong>(\d+)</strong> (claims|omissions|contradictions)", page))
    row = index[index.index('href="event-E001.html"'):]
    cells = [int(x) for x in re.findall(r'<td class="num">(\d+)</td>', row)[:4]]
    assert cells[1:4] == [stats["claims"], stats["omissions"], stats["contradictions"]]
    line = next(x for x in summary.splitlines() if "event-E001.html" in x)
    assert f"| {stats['claims']} | {stats['omissions']} | {stats['contradictions']} |" in line


def test_the_demo_key_never_lists_other_as_a_source_left_unquoted(demo_run):
    keys = list((demo_run / "handouts").glob("*/answer-key.md"))
    assert keys
    lines = [x for k in keys for x in k.read_text(encoding="utf-8").splitlines() if "does not quote:" in x]
    assert lines   # the demo has outlets that leave some kinds of source out
    for line in lines:
        listed = [t.strip() for t in line.split("does not quote:")[1].split("—")[0].split(",")]
        assert "other" not in listed, line


def test_every_handout_excerpt_has_an_english_line_or_says_it_has_none(demo_run):
    for md in (demo_run / "handouts").glob("*/worksheet.md"):
        lines = md.read_text(encoding="utf-8").splitlines()
        for i, line in enumerate(lines):
            if line.startswith("- **") and not line.startswith("- **[") and i + 1 < len(lines):
                sentence = line.split("** ", 1)[-1]
                if any(ch in sentence for ch in "əğışçöüАБВГДЕЖЗИКЛМНОПРСТУФХЦЧШЩЭЮЯабвгдежзиклмнопрстуфхцчшщэюя"):
                    assert lines[i + 1].startswith("  *EN: "), line
