"""A seeded slice of ``bench/fuzz.py`` (the first 300 of its cases) in the suite.

The full run (10,000 cases, ``make fuzz``) is recorded in docs/reliability.md;
this slice keeps every family of generated input in every test run.
"""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def fuzz_module():
    spec = importlib.util.spec_from_file_location("compare_fuzz", ROOT / "bench" / "fuzz.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


@pytest.mark.slow
def test_fuzz_slice_has_no_uncaught_exception(fuzz_module, tmp_path):
    summary = fuzz_module.fuzz(300, 13, cli_every=100, progress=False, work=tmp_path)
    assert summary.harness_errors == []
    assert summary.failures == [], "\n\n".join(f"{f['repeat']}\n{f['failure']}" for f in summary.failures)
    assert summary.cases == 300 and summary.cli_cases == 3
    assert set(summary.by_family) == set(fuzz_module.FAMILIES)
    # the inputs are hostile but not hopeless: a good share gets through to the tables
    assert summary.with_articles >= 60 and summary.installed >= 5
    assert set(summary.by_code) <= {0, 2, 3}
