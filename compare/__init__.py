"""compare: multilingual comparative news-coverage analysis.

Every command-line command is a thin call of a public function, so a notebook
user can run the same pipeline stage by stage::

    import compare
    compare.ingest("corpora/demo", "runs/demo")
    compare.translate("runs/demo")
    compare.align("runs/demo")
    compare.analyze("runs/demo")
    compare.report("runs/demo")

Stage functions are imported lazily so that ``import compare`` stays cheap.
"""
from __future__ import annotations

import importlib

__version__ = "0.1.0"

# public name -> "module:attribute"
_API = {
    "ingest": "compare.corpus.ingest:ingest",
    "fetch": "compare.corpus.fetch:fetch",
    "load_corpus": "compare.corpus.config:load_corpus",
    "detect_language": "compare.language:detect_language",
    "segment": "compare.segment:segment",
    "translate": "compare.translate:translate_run",
    "align": "compare.align:align_run",
    "match_sentences": "compare.align.match:match_sentences",
    "analyze": "compare.analyze:analyze_run",
    "report": "compare.report:report_run",
    "figures": "compare.figures:figures_run",
    "handout": "compare.report.handout:handout_run",
    "run": "compare.pipeline:run",
    "demo": "compare.pipeline:demo",
    "Run": "compare.runs:Run",
}

__all__ = ["__version__", *_API]


def __getattr__(name: str):
    target = _API.get(name)
    if target is None:
        raise AttributeError(f"module 'compare' has no attribute {name!r}")
    module_name, attr = target.split(":")
    value = getattr(importlib.import_module(module_name), attr)
    globals()[name] = value
    return value
