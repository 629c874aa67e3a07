"""compare: multilingual comparative news-coverage analysis.

Every command-line command is a thin call of a public function, so a notebook
user can run the same pipeline stage by stage::

    import compare
    compare.ingest("corpora/demo", "runs/demo")
    compare.translate_run("runs/demo")
    compare.align_run("runs/demo")
    compare.analyze_run("runs/demo")
    compare.report_run("runs/demo")

Stage functions whose stage is also a subpackage (``compare.translate``,
``compare.align``, ...) carry a ``_run`` suffix, so the name always means the
same thing whichever module was imported first. They are imported lazily so
that ``import compare`` stays cheap.
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
    "split_sentences": "compare.segment:segment",
    "translate_run": "compare.translate:translate_run",
    "align_run": "compare.align:align_run",
    "match_sentences": "compare.align.match:match_sentences",
    "analyze_run": "compare.analyze:analyze_run",
    "report_run": "compare.report:report_run",
    "figures_run": "compare.figures:figures_run",
    "handout_run": "compare.report.handout:handout_run",
    "run": "compare.pipeline:run",
    "run_urls": "compare.pipeline:run_urls",
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
