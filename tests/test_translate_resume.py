"""A translation killed with SIGKILL resumes from its last committed batch."""
from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from translate_helpers import build_package, sentence_rows, training_lines, write_run

ROOT = Path(__file__).resolve().parents[1]
BATCH = 4
N = 400

SCRIPT = """
import sys
from compare import console
from compare.translate import translate_run
console.configure(quiet=True)
r = translate_run(sys.argv[1], cache=sys.argv[2], batch_size={batch}, max_decoding_length=48, threads=1)
print(r.translated, r.cached)
""".format(batch=BATCH)


def _rows(conn_path: Path) -> int:
    if not conn_path.exists():
        return 0
    try:
        with sqlite3.connect(str(conn_path), timeout=1) as conn:
            return conn.execute("SELECT COUNT(*) FROM translations").fetchone()[0]
    except sqlite3.OperationalError:  # table not created yet
        return 0


def _start(run: Path, cache: Path, env: dict) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", SCRIPT, str(run), str(cache)], env=env, cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


@pytest.mark.slow
def test_kill_9_then_resume_gives_identical_output(tmp_path):
    from compare.translate.models import install

    pkg = build_package(tmp_path / "ru_en.argosmodel", from_code="ru", to_code="en", seed=5, d_model=64, ffn=128)
    env = {**os.environ, "ARGOS_PACKAGES_DIR": str(tmp_path / "packages")}
    install([str(pkg)], directory=tmp_path / "packages")
    texts = list(dict.fromkeys(training_lines(N + 50, seed=9)))[:N]
    rows = sentence_rows("dddd000000000001", texts, "ru")

    reference = write_run(tmp_path / "reference", rows)
    done = subprocess.run([sys.executable, "-c", SCRIPT, str(reference), str(tmp_path / "ref.sqlite")],
                          env=env, cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == [str(N), "0"]

    run = write_run(tmp_path / "killed", rows)
    cache = tmp_path / "resume.sqlite"
    proc = _start(run, cache, env)
    deadline = time.monotonic() + 300
    while _rows(cache) == 0:
        assert proc.poll() is None, f"finished before it could be killed: {proc.communicate()}"
        assert time.monotonic() < deadline
        time.sleep(0.005)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL
    committed = _rows(cache)
    assert 0 < committed < N and committed % BATCH == 0  # whole batches only
    assert not (run / "translations.parquet").exists()

    resumed = subprocess.run([sys.executable, "-c", SCRIPT, str(run), str(cache)],
                             env=env, cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert resumed.returncode == 0, resumed.stderr
    translated, cached = map(int, resumed.stdout.split())
    assert cached == committed and translated == N - committed  # nothing redone, nothing lost
    assert (run / "translations.parquet").read_bytes() == (reference / "translations.parquet").read_bytes()
