"""Reports: a self-contained HTML report, a Markdown summary, LaTeX tables,
CSV/Parquet/JSON exports and teaching handouts, all read from a run directory.

    from compare.report import report_run
    print(report_run("runs/demo"))          # writes runs/demo/report/
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from compare import console
from compare.report.data import RunData, load, slug
from compare.runs import Run, _atomic_write, atomic_write_text, csv_safe

__all__ = ["report_run", "ReportResult", "handout_run"]


@dataclass
class ReportResult:
    out: Path
    pages: list[Path]
    tables: list[Path] = field(default_factory=list)
    latex: list[Path] = field(default_factory=list)
    summary: Path | None = None
    missing: list[str] = field(default_factory=list)
    exit_code: int = 0

    def __str__(self) -> str:
        events = sum(1 for p in self.pages if p.name.startswith("event-") and not p.name.endswith("-matrix.html"))
        lines = [f"report: {self.out / 'index.html'} ({events} event pages)",
                 f"summary: {self.summary}",
                 f"tables: {len(self.tables)} files in {self.out / 'tables'}",
                 f"latex: {len(self.latex)} files in {self.out / 'latex'}"]
        if self.missing:
            lines.append(f"missing tables (sections left out): {', '.join(self.missing)}")
        return "\n".join(lines)


def export_tables(data: RunData, out: Path) -> list[Path]:
    """Every table as CSV (lists joined by ' | '), Parquet and JSON, plus a wide claim matrix;
    all of them as the sheets of tables.xlsx."""
    written = []
    frames = dict(data.tables)
    if data.has("claim_matrix"):
        frames["claim_matrix_wide"] = claim_matrix_wide(data)
    for name, df in frames.items():
        base = out / name
        _atomic_write(base.with_suffix(".parquet"),
                      lambda tmp, df=df: df.write_parquet(tmp, compression="zstd", statistics=False))
        _atomic_write(base.with_suffix(".csv"), lambda tmp, df=df: csv_safe(df).write_csv(tmp, include_bom=True))
        _atomic_write(base.with_suffix(".json"), lambda tmp, df=df: df.write_json(tmp))
        written += [base.with_suffix(s) for s in (".parquet", ".csv", ".json")]
    from compare.report.xlsx import write_workbook  # every table again, as the sheets of one workbook
    _atomic_write(out / "tables.xlsx", lambda tmp: write_workbook(frames, tmp))
    return written + [out / "tables.xlsx"]


def claim_matrix_wide(data: RunData) -> pl.DataFrame:
    """One row per claim cluster: its label in the original and in English, one
    status column per outlet, then one evidence column per outlet
    (``<outlet> evidence``: the outlet's sentence, in English when translated)."""
    m = data.t("claim_matrix")
    clusters = data.t("claim_clusters")
    outlets = sorted(set(m["outlet"].to_list())) if m.height else []
    wide = m.select("event_id", "cluster_id", "outlet", "status").pivot(
        on="outlet", index=["event_id", "cluster_id"], values="status", aggregate_function="first")
    if m.height and "evidence_text" in m.columns:
        ev = m.select("event_id", "cluster_id", pl.concat_str([pl.col("outlet"), pl.lit(" evidence")]).alias("col"),
                      pl.coalesce("evidence_text_en", "evidence_text").alias("evidence"))
        ev = ev.pivot(on="col", index=["event_id", "cluster_id"], values="evidence", aggregate_function="first")
        wide = wide.join(ev, on=["event_id", "cluster_id"], how="left")
    head = ["event_id", "cluster_id"]
    if clusters.height:
        labels = clusters.select("cluster_id", "label", "label_en")
        wide = wide.join(labels, on="cluster_id", how="left")
        head += ["label", "label_en"]
    status_cols = [o for o in outlets if o in wide.columns]
    evidence_cols = [f"{o} evidence" for o in outlets if f"{o} evidence" in wide.columns]
    rest = [c for c in wide.columns if c not in head + status_cols + evidence_cols]
    return wide.select(head + status_cols + evidence_cols + rest).sort("event_id", "cluster_id")


def report_run(run: str | Path | Run, *, out: str | Path | None = None, ui_language: str = "en") -> ReportResult:
    """Write RUN/report/ (or ``out``): index.html, event-*.html, summary.md, tables/, latex/.
    The HTML pages' headings, labels and notices are in ``ui_language`` (en, ru, az);
    summary.md, the tables and LaTeX stay English."""
    from compare.report import i18n
    from compare.report.html import event_context, event_summary, write_html
    from compare.report.latex import claim_matrix_tex, numbers_tex, tables_document
    from compare.report.markdown import render_markdown

    i18n.check(ui_language)   # a bad value: one line, exit 2, before anything is read
    data = load(run)
    out = Path(out) if out is not None else data.run.report_dir
    out.mkdir(parents=True, exist_ok=True)
    if data.missing:
        console.info(f"report: {data.run.path}: no {', '.join(data.missing)} table(s); those sections are left out")
    contexts = {e.id: event_context(data, e, ui_language) for e in console.progress(data.events, "report: events")}
    pages = write_html(data, out, contexts=contexts, ui_language=ui_language)
    summaries = [event_summary(data, e, contexts[e.id]) for e in data.events]
    summary = atomic_write_text(out / "summary.md", render_markdown(data, contexts, summaries))
    tables = export_tables(data, out / "tables")
    latex = []
    for e in data.events:
        ctx = contexts[e.id]
        if ctx["matrix_rows"]:
            latex.append(atomic_write_text(out / "latex" / f"claims-{slug(e.id)}.tex", claim_matrix_tex(data, ctx)))
        if ctx["number_rows"]:
            latex.append(atomic_write_text(out / "latex" / f"numbers-{slug(e.id)}.tex", numbers_tex(data, ctx)))
    if latex:  # one document that inputs them all: `xelatex tables.tex`
        latex.append(atomic_write_text(out / "latex" / "tables.tex", tables_document(data, [p.name for p in latex])))
    return ReportResult(out=out, pages=pages, tables=tables, latex=latex, summary=summary, missing=list(data.missing))


def handout_run(*args, **kwargs):
    from compare.report.handout import handout_run as _handout_run

    return _handout_run(*args, **kwargs)
