"""The run directory survives interruptions and concurrent use: normal file
permissions, atomic state files, stale temporary files swept, one writer at a
time, and a resumed run that still answers for the inputs it skipped."""
from __future__ import annotations

import json
import os
import signal
import stat
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import polars as pl
import pytest

from compare.errors import ConfigError
from compare.pipeline import _load_state, run
from compare.runs import (
    LOCK_NAME, Run, RunBusy, RunLock, _atomic_write, atomic_write_text, sweep_temp_files,
)

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture()
def default_umask():
    old = os.umask(0o022)
    yield
    os.umask(old)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_written_files_get_normal_permissions(tmp_path, default_umask):
    run = Run(tmp_path / "run")
    table = run.write("articles", pl.DataFrame({"text": ["a", "b"]}))
    text = atomic_write_text(tmp_path / "run" / "report" / "index.html", "<p>hi</p>")
    state = run.write_json("stages.json", {"ingest": "x"})
    for path in (table, text, state):
        assert _mode(path) == 0o644, (path, oct(_mode(path)))
    assert not [p for p in (tmp_path / "run").rglob(".*") if p.is_file()]  # no temporary file left


def test_permissions_follow_the_umask(tmp_path):
    old = os.umask(0o077)
    try:
        path = atomic_write_text(tmp_path / "private.txt", "x")
    finally:
        os.umask(old)
    assert _mode(path) == 0o600


def test_failed_write_keeps_the_old_file_and_no_temporary(tmp_path):
    path = atomic_write_text(tmp_path / "stages.json", '{"ingest": "old"}\n')

    def half_then_crash(tmp):
        Path(tmp).write_text('{"ingest": "ne', encoding="utf-8")
        raise RuntimeError("killed mid-write")

    with pytest.raises(RuntimeError):
        _atomic_write(path, half_then_crash)
    assert path.read_text(encoding="utf-8") == '{"ingest": "old"}\n'
    assert sorted(p.name for p in tmp_path.iterdir()) == ["stages.json"]


def test_a_table_written_in_batches_equals_the_table_written_whole(tmp_path):
    run = Run(tmp_path / "run")
    schema = {"id": pl.Int64, "text": pl.Utf8, "tags": pl.List(pl.Utf8)}
    batches = [pl.DataFrame({"id": range(i * 3, i * 3 + 3), "text": [f"t{i}"] * 3, "tags": [["a"], [], None]},
                            schema=schema) for i in range(4)]
    whole = pl.concat(batches)
    run.write_batches("rows", schema, iter(batches))
    assert run.read("rows").equals(whole) and run.read("rows").schema == whole.schema
    run.write_batches("none", schema, iter([]))
    assert run.read("none").height == 0 and dict(run.read("none").schema) == schema
    assert not [p for p in (tmp_path / "run").rglob(".*") if p.is_file()]


def test_a_failed_batch_keeps_the_old_table(tmp_path):
    run = Run(tmp_path / "run")
    run.write("rows", pl.DataFrame({"id": [1]}))

    def failing():
        yield pl.DataFrame({"id": [2]})
        raise RuntimeError("killed mid-table")

    with pytest.raises(Exception, match="killed mid-table"):
        run.write_batches("rows", {"id": pl.Int64}, failing())
    assert run.read("rows")["id"].to_list() == [1]
    assert not [p for p in (tmp_path / "run").rglob(".*") if p.is_file()]


def test_sweep_removes_only_temporary_files(tmp_path):
    figures = tmp_path / "figures"
    figures.mkdir()
    stale = [figures / ".claim-matrix-E001.pdf.k2j4_x9a",   # left by an older version (mkstemp)
             tmp_path / ".articles.parquet.0a1b2c3d.tmp"]   # left by this one
    kept = [figures / "claim-matrix-E001.pdf", tmp_path / "articles.parquet", tmp_path / LOCK_NAME,
            tmp_path / ".gitignore", figures / "notes.txt"]
    for p in stale + kept:
        p.write_bytes(b"x")
    removed = sweep_temp_files(tmp_path)
    assert sorted(removed) == sorted(stale)
    assert all(p.exists() for p in kept) and not any(p.exists() for p in stale)


def test_unreadable_stage_state_reruns_every_stage(tmp_path, capsys):
    state = tmp_path / "stages.json"
    state.write_text('{"ingest": "ab', encoding="utf-8")  # what a non-atomic write could leave
    assert _load_state(state, force=False) == {}
    assert "unreadable; every stage runs again" in capsys.readouterr().err
    state.write_text('["not", "a", "mapping"]', encoding="utf-8")
    assert _load_state(state, force=False) == {}


HOLDER = """
import sys, time
from compare.runs import RunLock
with RunLock(sys.argv[1]):
    print("locked", flush=True)
    time.sleep(120)
"""


def test_lock_refuses_a_second_process_and_dies_with_its_holder(tmp_path):
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(tmp_path)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        with pytest.raises(RunBusy, match=rf"pid {holder.pid}\b.*another output folder"):
            with RunLock(tmp_path):
                pass
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait(timeout=30)
    with RunLock(tmp_path):  # the OS released the lock of the killed process
        with RunLock(tmp_path):  # re-entrant within one process
            pass


def test_config_errors_stop_before_anything_is_written(tmp_path):
    corpus = _corpus(tmp_path / "corpus", bad=False)
    for text, message in (
        ('[ingest]\nmax_file_mb = "big"\n', "max_file_mb = 'big' is not a number"),
        ("[ingest]\nmax_files = 3\n", "unknown option 'max_files'"),
        ("ingest = 3\n", "ingest must be a section"),
        ('seed = "x"\n', "seed must be a whole number"),
        ("[translate]\nbeam_size = 1.5\n", "beam_size = 1.5 is not a whole number"),
    ):
        cfg = tmp_path / "compare.toml"
        cfg.write_text(text, encoding="utf-8")
        with pytest.raises(ConfigError, match=message) as info:
            run(corpus, tmp_path / "run", config=cfg)
        assert info.value.exit_code == 2 and str(cfg) in str(info.value)
    assert not (tmp_path / "run").exists()


def test_a_corpus_with_no_usable_article_stops_after_ingest(tmp_path, monkeypatch):
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(tmp_path / "argos"))
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "notes.pdf").write_bytes(b"%PDF")
    with pytest.raises(ConfigError, match="no articles found") as info:
        run(empty, tmp_path / "r1")
    assert info.value.exit_code == 2
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "a.md").write_text("---\ntitle: x\n---\n", encoding="utf-8")
    result = run(bad, tmp_path / "r2")
    assert result.exit_code == 3
    assert [s.status for s in result.stages] == ["ran"] + ["skipped"] * (len(result.stages) - 1)


# --------------------------------------------------------------------------- whole runs
BODY_A = ("The old bridge in Marlow Vale was closed on Monday after the river rose by two metres. "
          "The town council said that 40 families were moved to the school.")
BODY_B = ("Officials closed the bridge in Marlow Vale on Monday. "
          "According to the council, about 40 families spent the night in the school.")


def _corpus(folder: Path, *, bad: bool = True) -> Path:
    (folder / "articles").mkdir(parents=True)
    (folder / "corpus.toml").write_text(textwrap.dedent("""
        name = "tiny"
        [[outlets]]
        id = "north"
        name = "North Post"
        languages = ["en"]
        [[outlets]]
        id = "south"
        name = "South Daily"
        languages = ["en"]
        """), encoding="utf-8")
    for outlet, title, body in (("north", "Flood closes bridge", BODY_A), ("south", "Bridge shut", BODY_B)):
        (folder / "articles" / f"{outlet}.md").write_text(
            f"---\noutlet: {outlet}\ntitle: {title}\npublished: 2025-03-03\n---\n{body}\n", encoding="utf-8")
    if bad:
        (folder / "articles" / "broken.md").write_text("---\ntitle: [unclosed\n---\nText.\n", encoding="utf-8")
    (folder / "compare.toml").write_text('[embed]\nbackend = "hashing"\n', encoding="utf-8")
    return folder


def _cli(*args, env=None, **kw):
    return subprocess.Popen([sys.executable, "-m", "compare", *args], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kw)


@pytest.mark.slow
def test_two_runs_cannot_both_write_and_a_resumed_run_still_exits_3(tmp_path, default_umask):
    corpus = _corpus(tmp_path / "corpus")
    out = tmp_path / "run"
    env = {**os.environ, "ARGOS_PACKAGES_DIR": str(tmp_path / "argos"), "COMPARE_CACHE_DIR": str(tmp_path / "cache")}
    args = ("run", str(corpus), "--out", str(out), "--config", str(corpus / "compare.toml"))
    first = _cli(*args, env=env)
    deadline = time.monotonic() + 120
    while not ((out / LOCK_NAME).exists() and (out / LOCK_NAME).read_text().strip()):
        assert first.poll() is None and time.monotonic() < deadline, first.communicate()
        time.sleep(0.05)
    second = _cli(*args, env=env)
    _, err2 = second.communicate(timeout=120)
    _, err1 = first.communicate(timeout=600)
    assert second.returncode == 1, err2
    assert err2.strip().splitlines() == [
        f"error: {out}: another compare process (pid {first.pid}) is writing this run directory; "
        "wait for it to finish, or use another output folder"]
    assert first.returncode == 3, err1  # broken.md was skipped
    assert "warning: articles/broken.md: front matter is not valid YAML" in err1

    # every file the run wrote is readable by others (0644 under umask 022)
    files = [p for p in out.rglob("*") if p.is_file() and p.name != LOCK_NAME]
    assert len(files) > 30
    assert {oct(_mode(p)) for p in files} == {"0o644"}, [p for p in files if _mode(p) != 0o644]

    # a kill during figures left temporary files: the next run removes them
    stale = [out / "figures" / ".claim-matrix-E001.pdf.k2j4_x9a", out / ".claims.parquet.0a1b2c3d.tmp"]
    for p in stale:
        p.write_bytes(b"partial")
    third = _cli(*args, env=env)
    _, err3 = third.communicate(timeout=600)
    # nothing changed, so ingest is skipped; its recorded problems still count
    assert third.returncode == 3, err3
    assert "ingest: inputs unchanged, skipped" in err3
    assert "warning: articles/broken.md: front matter is not valid YAML" in err3
    assert "1 input(s) were skipped when the corpus was read" in err3
    assert "removed 2 temporary file(s)" in err3
    assert not any(p.exists() for p in stale)
    assert json.loads((out / "stages.json").read_text(encoding="utf-8")).keys() >= {"ingest", "report"}


def test_corpus_fingerprint_survives_odd_files(tmp_path):
    """A FIFO (reading it would block), a broken link and a name that is not UTF-8."""
    from compare.pipeline import corpus_hashes
    from compare.runs import atomic_write_text

    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "a.md").write_text("x", encoding="utf-8")
    os.mkfifo(corpus / "pipe.md")
    (corpus / "gone.md").symlink_to(tmp_path / "nowhere.md")
    with open(os.fsencode(corpus) + b"/caf\xe9.md", "wb") as fh:
        fh.write(b"y")
    hashes = corpus_hashes(corpus)
    assert sorted(hashes) == ["a.md", "caf\\xe9.md"]
    atomic_write_text(tmp_path / "manifest.json", json.dumps(hashes, ensure_ascii=False))  # no surrogates left


def test_python_warnings_are_one_line_on_the_command_line():
    """matplotlib warns about glyphs missing from the font: one line, not a source line and its code."""
    script = ("import warnings\nfrom compare import cli\n"
              "cli.app = lambda: warnings.warn('Glyph 128577 missing from font(s) DejaVu Sans.\\nsecond line')\n"
              "cli.main()\n")
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0
    assert proc.stderr.splitlines() == [
        "warning: Glyph 128577 missing from font(s) DejaVu Sans.\\nsecond line (UserWarning)"]
