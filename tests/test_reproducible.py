"""The same corpus and configuration give byte-identical tables and figures,
whatever the process (hash seed, thread timing)."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest


@pytest.mark.slow
def test_demo_run_is_byte_identical_in_another_process(demo_run, demo_corpus, tmp_path):
    env = dict(os.environ, PYTHONHASHSEED="12345",
               ARGOS_PACKAGES_DIR=str(tmp_path / "no-models"), COMPARE_CACHE_DIR=str(tmp_path / "cache"))
    out = tmp_path / "again"
    subprocess.run([sys.executable, "-m", "compare", "--quiet", "run", str(demo_corpus), "--out", str(out)],
                   check=True, env=env, capture_output=True)
    tables = sorted(p.name for p in demo_run.glob("*.parquet"))
    assert "claim_matrix.parquet" in tables
    for name in tables:
        assert (out / name).read_bytes() == (demo_run / name).read_bytes(), name
    for fig in sorted((demo_run / "figures").iterdir()):
        assert (out / "figures" / fig.name).read_bytes() == fig.read_bytes(), fig.name
