"""The `compare ingest` command: exit codes and output."""
import subprocess
import sys

from compare.runs import Run

from corpus_helpers import EN_BODY, article, make_corpus


def run_cli(*args):
    return subprocess.run([sys.executable, "-m", "compare", *args], capture_output=True, text=True, timeout=300)


def test_exit_codes_and_messages(tmp_path):
    root = make_corpus(tmp_path / "c", {
        "good.md": article("wire", "Good", "2025-06-30", EN_BODY),
        "empty.md": article("wire", "Empty", "2025-06-30", ""),
    })
    # the run directory is inside the corpus: its tables must not be read back as articles
    out = root / "runs" / "r"
    proc = run_cli("-q", "ingest", str(root), "--out", str(out))
    assert proc.returncode == 3, proc.stderr
    assert "warning: empty.md: empty article (no body text)" in proc.stderr
    assert str(out / "articles.parquet") in proc.stdout
    proc = run_cli("-q", "ingest", str(root), "--out", str(out))
    assert proc.returncode == 3 and Run(out).read("articles").height == 1

    proc = run_cli("ingest", str(root), "--out", str(tmp_path / "strict"), "--strict")
    assert proc.returncode == 1
    assert proc.stderr.strip().splitlines()[-1] == "error: empty.md: empty article (no body text)"
    assert not (tmp_path / "strict" / "articles.parquet").exists()

    (root / "empty.md").unlink()
    proc = run_cli("-q", "ingest", str(root), "--out", str(out))
    assert proc.returncode == 0 and proc.stderr == ""


def test_help_shows_every_option_name_whole():
    import os

    proc = subprocess.run([sys.executable, "-m", "compare", "ingest", "--help"], capture_output=True, text=True,
                          timeout=120, env=dict(os.environ, COLUMNS="80"))
    assert "--reprint-threshold" in proc.stdout and "…" not in proc.stdout
