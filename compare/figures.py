"""Publication figures: vector PDF and SVG plus 300-dpi PNG, byte-identical across runs.

    from compare.figures import figures_run
    print(figures_run("runs/demo"))       # writes runs/demo/figures/

Figures (per event where it applies):

- ``claim-matrix-<event>``: claims × outlets by status (colour + hatching + symbol);
- ``source-mix-<event>``: whom each outlet quotes, as shares (stacked bars);
- ``numbers-<event>``: the counts each outlet gives (dots; ranges as lines);
- ``agency-<event>``: named vs generic vs agentless mentions per outlet;
- ``timeline``: articles over time by outlet, grouped by language.

Colours come from the Okabe–Ito and Paul Tol palettes (safe for colour-blind
readers) and every category also has a hatch or marker, so the figures survive
greyscale printing. Text is set in DejaVu Sans, which ships with matplotlib and
covers Cyrillic and the Azerbaijani letters (ə ğ ş ç ö ü ı İ).
"""
from __future__ import annotations

import contextlib
import hashlib
import io
import json
import textwrap
import threading
from dataclasses import dataclass, field
from pathlib import Path

import matplotlib
import matplotlib.dates
import matplotlib.lines
import matplotlib.ticker
import polars as pl
# Figures are built with the object-oriented API, never pyplot: no GUI backend is
# touched, and PNG is rendered by Agg whatever backend the user has selected.
from matplotlib.figure import Figure
from matplotlib.patches import Patch, Rectangle

from compare import __version__, console
from compare.report.data import (
    AGENT_LABEL, LANG_NAMES, collapse_matrix, SOURCE_TYPE_LABEL, SOURCE_TYPE_ORDER, STATUS_WORD, Event, Outlet, RunData,
    format_value, lang_key, language_groups, load, slug,
)
from compare.runs import Run, _atomic_write, atomic_write_text
from compare.text import shorten

WIDTHS = {"single": 3.5, "double": 7.2}  # inches: one and two journal columns
MAX_MATRIX_ROWS = 30
FORMATS = ("pdf", "svg", "png")

# Okabe–Ito
OI = {"orange": "#E69F00", "sky": "#56B4E9", "green": "#009E73", "yellow": "#F0E442",
      "blue": "#0072B2", "vermillion": "#D55E00", "purple": "#CC79A7", "black": "#000000", "grey": "#999999"}
STATUS_STYLE = {  # face, hatch, symbol, symbol colour
    "asserted": (OI["blue"], "", "✓", "white"),
    "contradicted": (OI["vermillion"], "xxx", "✗", "white"),
    "omitted": ("#F5D68A", "///", "○", "black"),
    "not_covered": ("white", "...", "–", "#555555"),
}
# Paul Tol "muted" plus greys, one fixed colour and hatch per source type.
SOURCE_STYLE = {
    "official_russia": ("#CC6677", ""), "official_azerbaijan": ("#332288", ""),
    "official_other": ("#88CCEE", "//"), "law_enforcement": ("#882255", "//"),
    "court_prosecutor": ("#AA4499", ".."), "ngo": ("#117733", ""), "media": ("#44AA99", ".."),
    "anonymous": ("#999933", "xx"), "witness_relative": ("#DDCC77", ""), "expert": ("#6699CC", "\\\\"),
    "other": ("#BBBBBB", "++"), "unattributed": ("#EEEEEE", ""),
}
AGENT_STYLE = {"named": (OI["blue"], ""), "generic": (OI["sky"], "///"), "absent": (OI["purple"], "xx")}
LANG_STYLE = {"ru": (OI["blue"], "o"), "az": (OI["green"], "s"), "en": (OI["orange"], "^")}
OTHER_LANG = (OI["grey"], "D")

RC = {
    "font.family": "DejaVu Sans",
    "font.size": 7.5,
    "axes.titlesize": 8.5,
    "axes.labelsize": 7.5,
    "xtick.labelsize": 7,
    "ytick.labelsize": 7,
    "legend.fontsize": 6.8,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.linewidth": 0.6,
    "hatch.linewidth": 0.6,
    "svg.hashsalt": "compare",      # stable element ids in SVG
    "svg.fonttype": "path",         # no font needed to view; deterministic
    "pdf.fonttype": 42,             # embed TrueType so text stays selectable
    "figure.dpi": 100,
    "savefig.dpi": 300,
}


@dataclass
class FiguresResult:
    out: Path
    files: list[Path] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    reused: list[str] = field(default_factory=list)   # stems left as they were: inputs unchanged
    exit_code: int = 0

    def __str__(self) -> str:
        stems = sorted({p.stem for p in self.files})
        lines = [f"figures: {len(stems)} figures ({len(self.files)} files) in {self.out}"
                 + (f"; {len(self.reused)} unchanged, not redrawn" if self.reused else "")]
        lines += [f"  {s}" for s in stems]
        lines += [f"skipped: {s}" for s in self.skipped]
        return "\n".join(lines)


def _metadata(fmt: str) -> dict:
    # Fixed metadata: no dates, so the same run gives byte-identical files.
    creator = f"compare {__version__}"
    if fmt == "pdf":
        return {"Creator": creator, "Producer": f"matplotlib {matplotlib.__version__}",
                "CreationDate": None, "ModDate": None}
    if fmt == "svg":
        return {"Creator": creator, "Date": None}
    if fmt == "png":
        return {"Software": creator}
    return {}


# OpenType layout tables a font embedded in a PDF never uses: the PDF places
# each glyph itself, so no viewer shapes text with them. Subsetting them is
# most of the font work of a PDF (about a tenth of all figure CPU), and
# dropping them makes the files smaller (docs/decisions.md).
PDF_DROP_TABLES = ("GSUB", "GPOS", "GDEF")


class _LeanSubset:
    """``fontTools.subset`` as matplotlib's PDF backend sees it while we save:
    the same module, except that its options drop :data:`PDF_DROP_TABLES`."""

    def __init__(self, module):
        self._module = module

    def __getattr__(self, name):
        return getattr(self._module, name)

    def Options(self, *args, **kwargs):  # noqa: N802 - fontTools' name
        options = self._module.Options(*args, **kwargs)
        options.drop_tables = list(options.drop_tables) + [t for t in PDF_DROP_TABLES if t not in options.drop_tables]
        return options


_LEAN_LOCK = threading.RLock()


@contextlib.contextmanager
def _lean_pdf_fonts():
    """Subset embedded fonts without their layout tables while the block runs.

    matplotlib reads ``fontTools.subset`` through a module global of its PDF/PS
    helper; where a matplotlib version does not, fonts are embedded as it
    decides (larger and slower, never wrong)."""
    try:
        from fontTools import subset
        from matplotlib.backends import _backend_pdf_ps as helper
    except ImportError:  # pragma: no cover - both ship with matplotlib
        yield
        return
    with _LEAN_LOCK:  # two threads saving at once must not undo each other's swap
        if getattr(helper, "subset", None) is not subset:
            yield
            return
        helper.subset = _LeanSubset(subset)
        try:
            yield
        finally:
            helper.subset = subset


SAVE_DPI, PAD_INCHES = 300, 0.03


def tight_bbox(fig: Figure):
    """The figure's tight bounding box (inches, padded), as the PNG sees it.

    ``bbox_inches="tight"`` lays the whole figure out once more for every file
    it saves; measured once and given to all three formats, that pass is made
    once per figure. The PNG is unchanged; PDF and SVG measure text a little
    differently (about a point over a figure's width), well inside the pad."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    canvas = fig.canvas if isinstance(fig.canvas, FigureCanvasAgg) else FigureCanvasAgg(fig)
    dpi = fig.dpi
    fig.set_dpi(SAVE_DPI)
    try:
        renderer = canvas.get_renderer()
        # what savefig itself does for "tight": lay out, draw nothing
        with getattr(renderer, "_draw_disabled", contextlib.nullcontext)():
            fig.draw(renderer)
        return fig.get_tightbbox(renderer).padded(PAD_INCHES)
    finally:
        fig.set_dpi(dpi)


def save(fig: Figure, out: Path, stem: str, formats=FORMATS) -> list[Path]:
    paths = []
    bbox = tight_bbox(fig)
    for fmt in formats:
        path = out / f"{stem}.{fmt}"
        with _lean_pdf_fonts() if fmt == "pdf" else contextlib.nullcontext():
            _atomic_write(path, lambda tmp, fmt=fmt: fig.savefig(
                tmp, format=fmt, metadata=_metadata(fmt), dpi=SAVE_DPI, bbox_inches=bbox))
        paths.append(path)
    return paths


def _legend_below(ax, handles=None, *, ncol: int, gap: float = 0.35, **kw):
    """A legend a fixed distance (inches) under the axes, whatever the figure height."""
    from matplotlib.transforms import ScaledTranslation

    trans = ax.transAxes + ScaledTranslation(0, -gap, ax.figure.dpi_scale_trans)
    if handles is not None:
        kw["handles"] = handles
    return ax.legend(loc="upper center", bbox_to_anchor=(0.5, 0), bbox_transform=trans, ncol=ncol,
                     frameon=False, handlelength=1.6, handleheight=1.1, columnspacing=1.0, **kw)


def _short(text: str, n: int) -> str:
    return shorten(text, n)


def _wrap(text: str, width: int) -> str:
    return "\n".join(textwrap.wrap(str(text), width=width, break_long_words=True)) or str(text)


def _outlet_label(o: Outlet) -> str:
    return f"{o.name} ({o.language})"


def _width(width: str | None, default: str) -> float:
    key = width or default
    if key not in WIDTHS:
        from compare.errors import CompareError
        raise CompareError(f"figure width {key!r}: use single or double")
    return WIDTHS[key]


# --------------------------------------------------------------------------- figures
def claim_matrix_figure(data: RunData, event: Event, width: str | None = None,
                        max_rows: int = MAX_MATRIX_ROWS) -> Figure | None:
    from compare.report.html import cluster_labels

    m = data.for_event("claim_matrix", event.id)
    if not m.height:
        return None
    clusters = {r["cluster_id"]: r for r in data.for_event("claim_clusters", event.id).to_dicts()}
    labels = cluster_labels(clusters, m.to_dicts(), data.for_event("claims", event.id).to_dicts())
    # outlets with no article on the event would only add an empty column
    active = set(m.filter(pl.col("status") != "not_covered")["outlet"].to_list()) | {o.id for o in event.outlets}
    outlets = _ordered_outlets(data, [o for o in m["outlet"].unique().to_list() if o in active])
    cells = {k: r["status"] for k, r in collapse_matrix(m.to_dicts()).items()}
    def weight(cid):
        st = [cells.get((cid, o.id)) for o in outlets]
        return (-sum(s in ("asserted", "contradicted") for s in st), -st.count("contradicted"), str(cid))
    rows = sorted(m["cluster_id"].unique().to_list(), key=weight)
    n_all = len(rows)
    rows = rows[:max_rows]  # a printed figure stays legible; the HTML report has every row
    labels = [_wrap(_short(labels[c]["label"], 76), 40) for c in rows]
    w = _width(width, "double" if len(outlets) > 3 else "single")
    line_h = 0.16
    h = 1.0 + sum(max(1, lab.count("\n") + 1) * line_h + 0.08 for lab in labels)
    fig = Figure(figsize=(w, max(1.8, h)))
    ax = fig.add_subplot()
    # x positions leave a gap between language groups
    xs, x = [], 0.0
    for k, o in enumerate(outlets):
        if k and o.language != outlets[k - 1].language:
            x += 0.35
        xs.append(x)
        x += 1
    for i, cid in enumerate(rows):
        for j, o in zip(xs, outlets):
            status = cells.get((cid, o.id), "not_covered")
            face, hatch, sym, col = STATUS_STYLE.get(status, STATUS_STYLE["not_covered"])
            # "not covered" recedes (light edge and dots) so the other statuses stand out
            edge = "#aaaaaa" if status == "not_covered" else "#333333"
            ax.add_patch(Rectangle((j - 0.46, i - 0.44), 0.92, 0.88, facecolor=face, hatch=hatch,
                                   edgecolor=edge, linewidth=0.5))
            ax.text(j, i, sym, ha="center", va="center", fontsize=8, color=col, fontweight="bold",
                    bbox=dict(boxstyle="circle,pad=0.15", fc=face, ec="none") if hatch else None)
    ax.set_xlim(-0.5, xs[-1] + 0.5)
    ax.set_ylim(len(rows) - 0.5, -0.5)
    ax.set_yticks(range(len(rows)), labels)
    ax.set_xticks(xs, [o.name for o in outlets], rotation=35, ha="left", rotation_mode="anchor")
    ax.xaxis.tick_top()
    ax.tick_params(length=0)
    for sp in ax.spines.values():
        sp.set_visible(False)
    # language groups: a rule and a name under each group
    k = 0
    for lang, group in language_groups(outlets):
        a, b = xs[k] - 0.45, xs[k + len(group) - 1] + 0.45
        ax.plot([a, b], [len(rows) - 0.38] * 2, color="#333333", lw=0.8, clip_on=False)
        ax.text((a + b) / 2, len(rows) - 0.3, LANG_NAMES.get(lang, lang), ha="center", va="top", fontsize=7)
        k += len(group)
    handles = [Patch(facecolor=STATUS_STYLE[s][0], hatch=STATUS_STYLE[s][1],
                     edgecolor="#aaaaaa" if s == "not_covered" else "#333333",
                     label=f"{STATUS_STYLE[s][2]} {STATUS_WORD[s]}") for s in STATUS_STYLE]
    leg = _legend_below(ax, handles, ncol=4, gap=0.3)
    if n_all > len(rows):
        ax.annotate(f"The {len(rows)} most widely reported of {n_all} claims; the HTML report lists all.",
                    xy=(0.5, 0), xycoords=leg, xytext=(0, -4), textcoords="offset points",
                    ha="center", va="top", fontsize=6.5, color="#333333")
    return fig


def _ordered_outlets(data: RunData, ids) -> list[Outlet]:
    return sorted((data.outlets.get(o) or Outlet(o, o, "und", None, None) for o in set(ids)),
                  key=lambda o: (lang_key(o.language), o.name.casefold()))


def source_mix_figure(data: RunData, event: Event, width: str | None = None) -> Figure | None:
    mix = data.for_event("source_mix", event.id)
    if not mix.height:
        return None
    outlets = _ordered_outlets(data, mix["outlet"].to_list())
    types = [t for t in SOURCE_TYPE_ORDER if t in set(mix["source_type"].to_list())]
    types += sorted(set(mix["source_type"].to_list()) - set(types))
    share = {(r["outlet"], r["source_type"]): r["share"] or 0.0 for r in mix.to_dicts()}
    fig = Figure(figsize=(_width(width, "double"), 0.9 + 0.28 * len(outlets) + 0.15 * ((len(types) + 3) // 4)))
    ax = fig.add_subplot()
    left = [0.0] * len(outlets)
    for t in types:
        vals = [share.get((o.id, t), 0.0) for o in outlets]
        color, hatch = SOURCE_STYLE.get(t, ("#BBBBBB", "oo"))
        ax.barh(range(len(outlets)), vals, left=left, color=color, hatch=hatch, edgecolor="#333333",
                linewidth=0.4, height=0.7, label=SOURCE_TYPE_LABEL.get(t, t))
        for y, (v, l0) in enumerate(zip(vals, left)):
            if v >= 0.1:  # label wide segments; on a white box so hatching never hides the number
                ax.text(l0 + v / 2, y, f"{100 * v:.0f}%", ha="center", va="center", fontsize=6,
                        bbox=dict(boxstyle="round,pad=0.15", fc="white", ec="none", alpha=0.85))
        left = [a + b for a, b in zip(left, vals)]
    ax.set_yticks(range(len(outlets)), [_outlet_label(o) for o in outlets])
    ax.invert_yaxis()
    ax.set_xlim(0, 1)
    ax.xaxis.set_major_formatter(matplotlib.ticker.PercentFormatter(1.0))
    ax.set_xlabel("share of the outlet's statements")
    _legend_below(ax, ncol=4, gap=0.45)
    return fig


def numbers_figure(data: RunData, event: Event, width: str | None = None) -> Figure | None:
    nums = data.for_event("numbers", event.id)
    if not nums.height:
        return None

    def distinct(rows):
        return sorted({(r["value_low"], r["value_high"]) for r in rows},
                      key=lambda v: (v[0] if v[0] is not None else v[1] or 0, v[1] or 0))

    quantities = sorted(nums["counted"].unique().to_list(),
                        key=lambda q: (not bool(nums.filter(nums["counted"] == q)["conflict"].any()), q))
    per_q = {q: nums.filter(nums["counted"] == q).to_dicts() for q in quantities}
    # one row per outlet; an outlet that gives several numbers gets a taller row
    layout = {}
    for q, rows in per_q.items():
        outlets = _ordered_outlets(data, [r["outlet"] for r in rows])
        spans = [max(1.0, 0.45 * len(distinct([r for r in rows if r["outlet"] == o.id]))) for o in outlets]
        layout[q] = (outlets, spans)
    heights = [sum(spans) for _, spans in layout.values()]
    fig = Figure(figsize=(_width(width, "single"), 0.7 + sum(0.24 * h + 0.5 for h in heights)))
    axes = fig.subplots(len(quantities), 1, gridspec_kw={"height_ratios": [h + 1.0 for h in heights]},
                        squeeze=False)[:, 0]
    for ax, q in zip(axes, quantities):
        rows = per_q[q]
        outlets, spans = layout[q]
        centers, y = [], 0.0
        for span in spans:
            centers.append(y + span / 2)
            y += span
        values = [v for r in rows for v in (r["value_low"], r["value_high"]) if v is not None]
        hi_lim = max(values) * 1.25 + 1 if values else 1
        for o, c, span in zip(outlets, centers, spans):
            color, marker = LANG_STYLE.get(o.language, OTHER_LANG)
            vals = distinct([r for r in rows if r["outlet"] == o.id])
            offsets = [0.0] if len(vals) == 1 else [c - span / 2 + (i + 0.5) * span / len(vals) - c
                                                     for i in range(len(vals))]
            for (lo, hi), off in zip(vals, offsets):
                yy = c + off
                if lo is not None and hi is not None and hi != lo:
                    ax.plot([lo, hi], [yy, yy], color=color, lw=2.2, solid_capstyle="butt")
                    ax.plot([lo, hi], [yy, yy], ls="none", marker="|", ms=6, color=color)
                    end = hi
                elif lo is not None and hi is None:  # "at least"
                    ax.annotate("", xy=(hi_lim, yy), xytext=(lo, yy),
                                arrowprops=dict(arrowstyle="->", color=color, lw=1.0, ls="--"))
                    ax.plot([lo], [yy], marker=marker, ms=4.5, color=color, mec="black", mew=0.4)
                    end = None  # label on the left: the arrow takes the right
                    ax.annotate(format_value(lo, hi), (lo, yy), xytext=(-4, 0), textcoords="offset points",
                                ha="right", va="center", fontsize=6,
                                bbox=dict(boxstyle="round,pad=0.1", fc="white", ec="none", alpha=0.9))
                else:
                    v = lo if lo is not None else hi
                    ax.plot([v], [yy], marker=marker, ms=4.5, color=color, mec="black", mew=0.4)
                    end = v
                if end is None:
                    continue
                # label to the right of the mark, on white so lines never cross the digits
                ax.annotate(format_value(lo, hi), (end, yy), xytext=(4, 0), textcoords="offset points",
                            ha="left", va="center", fontsize=6,
                            bbox=dict(boxstyle="round,pad=0.1", fc="white", ec="none", alpha=0.9))
        flagged = any(r.get("conflict") for r in rows)
        n_distinct = len(distinct(rows))
        verdict = ("≠ outlets disagree" if flagged else
                   "values differ (not flagged as a conflict)" if n_distinct > 1 else "= outlets agree")
        ax.set_title(f"{q}  {verdict}", loc="left", fontsize=7.5, fontweight="bold" if flagged else "normal")
        ax.set_yticks(centers, [_outlet_label(o) for o in outlets])
        ax.set_ylim(sum(spans), 0)
        ax.set_xlim(-0.02 * hi_lim, hi_lim)  # a zero stays visible, not cut by the axis
        ax.grid(axis="x", lw=0.3, color="#cccccc")
        ax.set_axisbelow(True)
        ax.xaxis.set_major_locator(matplotlib.ticker.MaxNLocator(integer=True, nbins=6))
    axes[-1].set_xlabel("number reported")
    langs = sorted({o.language for o in data.outlets.values() if o.id in set(nums["outlet"].to_list())}, key=lang_key)
    handles = [matplotlib.lines.Line2D([], [], ls="none", marker=LANG_STYLE.get(l, OTHER_LANG)[1],
                                       color=LANG_STYLE.get(l, OTHER_LANG)[0], mec="black", mew=0.4,
                                       label=LANG_NAMES.get(l, l)) for l in langs]
    handles.append(matplotlib.lines.Line2D([], [], color="#555555", lw=2.2, label="range"))
    handles.append(matplotlib.lines.Line2D([], [], color="#555555", lw=1.0, ls="--", label="at least"))
    fig.tight_layout(h_pad=0.6)
    _legend_below(axes[-1], handles, ncol=len(handles), gap=0.42)
    return fig


def agency_figure(data: RunData, event: Event, width: str | None = None) -> Figure | None:
    summ = data.for_event("agency_summary", event.id)
    if not summ.height:
        return None
    outlets = _ordered_outlets(data, summ["outlet"].to_list())
    by = {r["outlet"]: r for r in summ.to_dicts()}
    fig = Figure(figsize=(_width(width, "single"), 0.9 + 0.26 * len(outlets)))
    ax = fig.add_subplot()
    left = [0] * len(outlets)
    for status in ("named", "generic", "absent"):
        vals = [by[o.id][status] or 0 for o in outlets]
        color, hatch = AGENT_STYLE[status]
        ax.barh(range(len(outlets)), vals, left=left, color=color, hatch=hatch, edgecolor="#333333",
                linewidth=0.4, height=0.68, label=AGENT_LABEL[status])
        left = [a + b for a, b in zip(left, vals)]
    ax.set_yticks(range(len(outlets)), [_outlet_label(o) for o in outlets])
    ax.invert_yaxis()
    ax.set_xlabel("mentions of actions (kill, die, beat, detain, …)")
    ax.xaxis.set_major_locator(matplotlib.ticker.MaxNLocator(integer=True))
    _legend_below(ax, ncol=3, gap=0.45)
    return fig


def timeline_figure(data: RunData, width: str | None = None) -> Figure | None:
    arts = data.t("articles")
    if not arts.height or "published" not in arts.columns or arts["published"].drop_nulls().len() == 0:
        return None
    arts = arts.filter(arts["published"].is_not_null())  # reads TIMELINE_COLUMNS only (see _overview_inputs)
    outlets = _ordered_outlets(data, arts["outlet"].to_list())
    ymap = {o.id: i for i, o in enumerate(outlets)}
    fig = Figure(figsize=(_width(width, "double"), 0.9 + 0.25 * len(outlets)))
    ax = fig.add_subplot()
    for r in arts.select("outlet", "published", "article_id", "duplicate_of").to_dicts():
        o = data.outlets[r["outlet"]]
        color, marker = LANG_STYLE.get(o.language, OTHER_LANG)
        reprint = r.get("duplicate_of") is not None
        ax.plot([r["published"].replace(tzinfo=None)], [ymap[o.id]], ls="none", marker=marker, ms=5.5,
                mfc="white" if reprint else color, mec=color if reprint else "black", mew=0.8 if reprint else 0.4)
    # shade each multi-outlet event's span, labelled by its number on the index
    spans = []
    for n, e in enumerate([e for e in data.events if len(e.outlets) > 1], start=1):
        sub = arts.filter(arts["article_id"].is_in(e.article_ids))["published"]
        if sub.len():
            spans.append((n, sub.min().replace(tzinfo=None), sub.max().replace(tzinfo=None)))
    # each event span gets its own lane above the outlets, so overlapping events stay readable
    lanes: list = []
    for n, lo, hi in spans:
        lane = next((i for i, end in enumerate(lanes) if end < lo), None)
        if lane is None:
            lanes.append(hi)
            lane = len(lanes) - 1
        else:
            lanes[lane] = hi
        y = -0.75 - 0.45 * lane
        ax.plot([lo, hi], [y, y], color="#333333", lw=1.2, solid_capstyle="butt", marker="|", ms=4)
        ax.annotate(f"E{n}", (lo, y), xytext=(0, 2), textcoords="offset points", fontsize=6.5, va="bottom")
    ax.set_yticks(range(len(outlets)), [_outlet_label(o) for o in outlets])
    ax.set_ylim(len(outlets) - 0.5, -0.9 - 0.45 * max(len(lanes), 1))
    ax.grid(axis="x", lw=0.3, color="#cccccc")
    locator = matplotlib.dates.AutoDateLocator(minticks=3, maxticks=8)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(matplotlib.dates.ConciseDateFormatter(locator))
    ax.set_xlabel("published (UTC)")
    langs = sorted({o.language for o in outlets}, key=lang_key)
    handles = [matplotlib.lines.Line2D([], [], ls="none", marker=LANG_STYLE.get(l, OTHER_LANG)[1],
                                       color=LANG_STYLE.get(l, OTHER_LANG)[0], mec="black", mew=0.4,
                                       label=LANG_NAMES.get(l, l)) for l in langs]
    handles.append(matplotlib.lines.Line2D([], [], ls="none", marker="o", mfc="white", mec="#555555",
                                           label="reprint"))
    handles.append(matplotlib.lines.Line2D([], [], color="#333333", lw=1.2, marker="|",
                                           label="event span (E1 = largest, as in the report)"))
    _legend_below(ax, handles, ncol=len(handles), gap=0.5)
    return fig


# Per-event figures are drawn for this many events by default (the largest
# first): four figures × three formats per event, about a second each, add up
# to hours and tens of thousands of files on a corpus of thousands of events.
EVENT_FIGURES_CAP = 20


def _events_to_draw(data, events) -> tuple[list, str | None]:
    """The events that get per-event figures, and a note on those left out.

    ``events``: ``None`` (the ``EVENT_FIGURES_CAP`` largest), ``"all"``,
    ``"overview"`` (none: the overview figures only) or event ids
    (``"E001,E004"`` or a list)."""
    from compare.errors import CompareError

    drawable = [e for e in data.events if len(e.outlets) >= 2]  # one outlet: nothing to compare
    if events is None:
        chosen = drawable[:EVENT_FIGURES_CAP]
        left = len(drawable) - len(chosen)
        return chosen, (f"per-event figures of {left} smaller event(s) not drawn (the {EVENT_FIGURES_CAP} largest "
                        "are; --events all draws every one)" if left else None)
    if events == "all":
        return drawable, None
    if events == "overview":
        return [], "per-event figures not drawn (--events overview)"
    ids = [x.strip() for x in (events.split(",") if isinstance(events, str) else events) if str(x).strip()]
    known = {e.id: e for e in data.events}
    unknown = [i for i in ids if i not in known]
    if unknown:
        raise CompareError(f"figures: no event {', '.join(unknown)} in this run (events: "
                           f"{', '.join(list(known)[:10])}{', …' if len(known) > 10 else ''})")
    return [known[i] for i in ids if len(known[i].outlets) >= 2], None


# --------------------------------------------------------------------------- redraw only what changed
FIGURE_INPUTS = "figures.json"  # in RUN/cache: the inputs each figure was last drawn from
# The code that decides what a figure shows: a change here redraws everything.
_DRAWING_CODE = ("figures.py", "report/data.py", "report/html.py", "text.py")


def _frame_digest(df: pl.DataFrame) -> str:
    """Digest of a frame's schema and values, whatever its history.

    Parquet of the rechunked frame: Arrow IPC bytes are no content digest, as
    a string column filtered out of a larger frame carries that frame's buffers
    (and a column without nulls may or may not have a validity buffer), so
    equal rows could digest differently and every figure be redrawn."""
    buf = io.BytesIO()
    df.rechunk().write_parquet(buf, compression="uncompressed", statistics=False)
    return hashlib.sha256(buf.getvalue()).hexdigest()


def _drawing_digest(width, formats) -> str:
    package = Path(__file__).resolve().parent
    h = hashlib.sha256(json.dumps([__version__, matplotlib.__version__, pl.__version__, width, list(formats)]).encode())
    for name in _DRAWING_CODE:
        h.update((package / name).read_bytes())
    return h.hexdigest()


def _event_inputs(data: RunData, event: Event) -> str:
    """Digest of everything a per-event figure reads: the event's rows of every
    table keyed by event, and the event's outlets (names, languages)."""
    h = hashlib.sha256(repr(event).encode())
    for name in sorted(data.tables):
        df = data.tables[name]
        if "event_id" in df.columns:
            h.update(name.encode() + _frame_digest(df.filter(pl.col("event_id") == event.id)).encode())
    return h.hexdigest()


# The columns of the articles table that the timeline reads: an edit to an
# article's text does not redraw it.
TIMELINE_COLUMNS = ("article_id", "outlet", "published", "duplicate_of")


def _overview_inputs(data: RunData) -> str:
    h = hashlib.sha256(repr(sorted(data.outlets.items())).encode() + repr(data.events).encode())
    arts = data.t("articles")
    h.update(_frame_digest(arts.select([c for c in TIMELINE_COLUMNS if c in arts.columns])).encode())
    h.update(_frame_digest(data.t("events")).encode())
    return h.hexdigest()


def _load_drawn(data: RunData, out: Path) -> tuple[Path, dict, dict]:
    path = data.run.cache_dir / FIGURE_INPUTS
    try:
        every = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        every = {}
    every = every if isinstance(every, dict) else {}
    drawn = every.get(str(out.resolve()))
    return path, every, drawn if isinstance(drawn, dict) else {}


def figures_run(run: str | Path | Run, *, out: str | Path | None = None, width: str | None = None,
                formats: tuple[str, ...] | list[str] = FORMATS, events=None, redraw: bool = False) -> FiguresResult:
    """Write the overview figures and the per-event figures of the chosen events;
    say which were skipped and why.

    ``width`` forces ``"single"`` (3.5 in) or ``"double"`` (7.2 in) for every
    figure; by default each figure takes the width that suits its content.
    ``events``: which events get per-event figures (see :func:`_events_to_draw`).
    A figure whose inputs (the event's rows, the drawing code, width and
    formats) are those it was last drawn from, and whose files are still there,
    is not redrawn: a re-run after one article changed redraws only the figures
    of the events it touched. ``redraw`` draws every figure anew.
    """
    data = load(run)
    out = Path(out) if out is not None else data.run.figures_dir
    out.mkdir(parents=True, exist_ok=True)
    bad = sorted(set(formats) - set(FORMATS))
    if bad:
        from compare.errors import CompareError
        raise CompareError(f"figure format(s) {', '.join(bad)}: choose from {', '.join(FORMATS)}")
    result = FiguresResult(out=out)
    chosen, note = _events_to_draw(data, events)
    if note:
        result.skipped.append(note)
    base = _drawing_digest(width, formats)
    jobs = []
    for e in chosen:
        inputs = _event_inputs(data, e)
        for name, fn, table in (("claim-matrix", claim_matrix_figure, "claim_matrix"),
                                ("source-mix", source_mix_figure, "source_mix"),
                                ("numbers", numbers_figure, "numbers"),
                                ("agency", agency_figure, "agency_summary")):
            jobs.append((f"{name}-{slug(e.id)}", lambda fn=fn, e=e: fn(data, e, width), table, inputs))
    jobs.append(("timeline", lambda: timeline_figure(data, width), "articles", _overview_inputs(data)))
    cache_path, every, drawn = _load_drawn(data, out)
    now: dict[str, dict] = {}
    with matplotlib.rc_context(RC):
        for stem, make, table, inputs in console.progress(jobs, "figures"):
            if table in data.missing:
                result.skipped.append(f"{stem}: {table} not in this run")
                continue
            key = hashlib.sha256(f"{base}/{stem}/{inputs}".encode()).hexdigest()
            before = drawn.get(stem) or {}
            files = [out / f"{stem}.{fmt}" for fmt in formats]
            if not redraw and before.get("key") == key and (before.get("empty") or all(f.exists() for f in files)):
                now[stem] = before
                if before.get("empty"):
                    result.skipped.append(f"{stem}: no rows for this event")
                else:
                    result.files += files
                    result.reused.append(stem)
                continue
            fig = make()
            if fig is None:
                result.skipped.append(f"{stem}: no rows for this event")
                now[stem] = {"key": key, "empty": True}
                continue
            result.files += save(fig, out, stem, formats)
            now[stem] = {"key": key}
    every[str(out.resolve())] = now
    cache_path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write_text(cache_path, json.dumps(every, indent=1, sort_keys=True) + "\n")
    return result
