"""Fixtures shared across the suite.

``../shared`` (beside the checkout) holds third-party evaluation data; tests
that read it skip cleanly when it is absent, as for anyone who cloned the
project alone.
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("COMPARE_SHARED_DIR", ROOT.parent / "shared"))
DEMO = ROOT / "corpora" / "demo"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.skip(f"{SHARED} not present (third-party evaluation data lives beside the checkout)")
    return SHARED


@pytest.fixture(scope="session")
def demo_corpus() -> Path:
    if not (DEMO / "corpus.toml").exists():
        pytest.skip("corpora/demo not present")
    return DEMO


@pytest.fixture(scope="session")
def demo_run(tmp_path_factory, demo_corpus) -> Path:
    """The whole pipeline on the demo corpus, once per test session.

    Uses an isolated translation-model folder and caches, so the result does
    not depend on what the developer has installed.
    """
    from compare.pipeline import run

    base = tmp_path_factory.mktemp("demo-run")
    env = {
        "ARGOS_PACKAGES_DIR": str(base / "argos-packages"),
        "COMPARE_CACHE_DIR": str(base / "cache"),
    }
    old = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    try:
        from compare import console

        console.configure(quiet=True)
        run(demo_corpus, base / "run")
    finally:
        for k, v in old.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
    return base / "run"
