"""Evaluate attribution extraction: span P/R/F1 for source, cue, content and relation F1.

Datasets are recognised by shape:

* a folder with ``text/`` and ``attributions/`` (brat standoff, as PolNeAR):
  English; ``Source``/``Cue``/``Content`` text-bound spans joined by
  ``Attribution`` events;
* a folder with ``ru_tokens.tsv`` and ``ru_sentences.tsv`` (token tags
  source/cue/content/None, as ADAQ): Russian; a contiguous run of tokens with
  the same tag is one span, and the spans of a sentence form its relation;
* a JSONL file (or a folder holding ``attributions.jsonl``), either
  ``{"text", "attributions": [{"source", "cue", "content", ...}], "language", "split"}``
  per sentence, or the demo gold format
  ``{"file", "sentence", "source", "cue", "content", ...}`` with the
  languages read from ``articles.csv`` beside it and the article bodies from
  ``../articles/``; whole articles are analysed (a content may lie in the
  previous sentence: "Об этом сообщил ..."), and since only some sentences
  are labelled, predictions count only when their cue is in a labelled
  sentence. Scores are given per language.

Matching. *Exact*: same character offsets after trimming whitespace and
clause punctuation (, ; : . and dashes) at both ends; quotation marks count.
*Overlap*: the spans share at least one character (the "partial match" of
Pareti et al. 2013 and of the PARC and PolNeAR evaluations); each gold span
can be matched once (greedy by largest overlap). Discontinuous brat spans are
taken from their first to their last character. A *relation* matches when
cue and content overlap a gold relation's cue and content and the sources
overlap (or both are absent).
"""
from __future__ import annotations

import csv
import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from compare import console
from compare.errors import InputProblem

ROLES = ("source", "cue", "content")
_TRIM = " \t\n,;:.—–-"


# --------------------------------------------------------------------------- data model
@dataclass
class GoldDoc:
    doc_id: str
    text: str
    language: str
    relations: list[dict]          # {"source": (s, e) | None, "cue": (s, e), "content": (s, e)}
    split: str = "all"
    sentences: list[tuple[int, int]] | None = None
    tokens: list[tuple[int, int, str]] | None = None   # token-tag datasets: (start, end, tag)
    scope: list[tuple[int, int]] | None = None   # only predictions with a cue inside these spans count


@dataclass
class PRF:
    tp: float = 0
    n_pred: int = 0
    n_gold: int = 0
    tp_gold: float = 0  # matched gold items (differs from tp only for many-to-one schemes)

    @property
    def precision(self) -> float:
        return self.tp / self.n_pred if self.n_pred else 0.0

    @property
    def recall(self) -> float:
        return self.tp_gold / self.n_gold if self.n_gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: "PRF") -> None:
        self.tp += other.tp
        self.tp_gold += other.tp_gold
        self.n_pred += other.n_pred
        self.n_gold += other.n_gold


@dataclass
class AttributionEval:
    dataset: str
    kind: str
    language: str
    n_docs: int = 0
    scores: dict = field(default_factory=dict)     # split -> {"source/exact": PRF, ...}
    n_docs_by_split: dict = field(default_factory=dict)
    exit_code: int = 0

    def f1(self, key: str, split: str = "all") -> float:
        return self.scores[split][key].f1

    def __str__(self) -> str:
        lines = [f"attribution extraction on {self.dataset} ({self.kind}, {self.language}, {self.n_docs} documents)"]
        for split, table in self.scores.items():
            n = self.n_docs_by_split.get(split, self.n_docs)
            lines.append("")
            lines.append(f"[{split}] {n} documents")
            lines.append(f"{'span':<18}{'P':>7}{'R':>7}{'F1':>7}{'gold':>7}{'pred':>7}")
            for key, prf in table.items():
                lines.append(
                    f"{key:<18}{prf.precision:>7.3f}{prf.recall:>7.3f}{prf.f1:>7.3f}{prf.n_gold:>7}{prf.n_pred:>7}"
                )
        return "\n".join(lines)

    def to_dict(self) -> dict:
        return {
            split: {k: {"p": v.precision, "r": v.recall, "f1": v.f1, "gold": v.n_gold, "pred": v.n_pred} for k, v in t.items()}
            for split, t in self.scores.items()
        }


# --------------------------------------------------------------------------- loaders
def _norm(text: str, span: tuple[int, int]) -> tuple[int, int]:
    s, e = span
    while s < e and text[s] in _TRIM:
        s += 1
    while e > s and text[e - 1] in _TRIM:
        e -= 1
    return s, e


def load_brat(folder: Path, limit: int | None = None) -> list[GoldDoc]:
    text_dir, ann_dir = folder / "text", folder / "attributions"
    anns = {}
    for p in sorted(ann_dir.glob("*.ann")):
        # PolNeAR names annotations "<article>_<annotator>.ann".
        stem = re.sub(r"_[0-9a-f]{4}$", "", p.stem)
        anns.setdefault(stem, p)
    docs = []
    for tpath in sorted(text_dir.glob("*.txt")):
        if limit is not None and len(docs) >= limit:
            break
        ann = anns.get(tpath.stem)
        if ann is None:
            console.problem(str(tpath), "no annotation file in attributions/; skipped")
            continue
        text = tpath.read_text(encoding="utf-8")
        spans: dict[str, tuple[str, tuple[int, int]]] = {}
        rels = []
        for n, line in enumerate(ann.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            parts = line.split("\t")
            if line.startswith("T") and len(parts) >= 2:
                label, _, offs = parts[1].partition(" ")
                try:
                    pieces = [tuple(int(x) for x in piece.split()) for piece in offs.split(";")]
                except ValueError:
                    raise InputProblem(ann, f"line {n}: cannot read offsets {offs!r}") from None
                spans[parts[0]] = (label, (min(p[0] for p in pieces), max(p[1] for p in pieces)))
            elif line.startswith("E") and len(parts) >= 2:
                args = dict(a.split(":", 1) for a in parts[1].split() if ":" in a)
                rel = {}
                for role in ("Source", "Cue", "Content"):
                    tid = args.get(role)
                    rel[role.lower()] = spans[tid][1] if tid in spans else None
                if rel["cue"] is None or rel["content"] is None:
                    continue
                rels.append(rel)
        docs.append(GoldDoc(tpath.stem, text, "en", rels))
    if not docs:
        raise InputProblem(folder, "no .txt files with annotations found under text/ and attributions/")
    return docs


def load_token_tags(folder: Path, limit: int | None = None) -> list[GoldDoc]:
    tokens_path, sents_path = folder / "ru_tokens.tsv", folder / "ru_sentences.tsv"
    sents = {}
    with sents_path.open(encoding="utf-8") as fh:
        reader = csv.reader(fh, delimiter="\t")
        header = next(reader)
        si, ii = header.index("sentences"), header.index("sentence_id")
        for row in reader:
            if len(row) > max(si, ii):
                sents[row[ii]] = row[si]
    by_sent: dict[str, list[tuple[str, str]]] = {}
    with tokens_path.open(encoding="utf-8") as fh:
        reader = csv.reader(fh, delimiter="\t")
        header = next(reader)
        ti, si, gi = header.index("text"), header.index("sentence_num"), header.index("tags")
        for row in reader:
            if len(row) > max(ti, si, gi):
                by_sent.setdefault(row[si], []).append((row[ti], row[gi]))
    docs = []
    for sid, toks in by_sent.items():
        if limit is not None and len(docs) >= limit:
            break
        text = sents.get(sid)
        if text is None:
            console.problem(str(sents_path), f"sentence {sid} has tokens but no text; skipped")
            continue
        located, pos = [], 0
        for tok, tag in toks:
            at = text.find(tok, pos)
            if at < 0:
                at = text.find(tok)
            if at < 0:
                continue
            located.append((at, at + len(tok), tag))
            pos = at + len(tok)
        runs: dict[str, list[tuple[int, int]]] = {r: [] for r in ROLES}
        prev = None
        for s, e, tag in located:
            if tag in ROLES:
                if prev == tag:
                    runs[tag][-1] = (runs[tag][-1][0], e)
                else:
                    runs[tag].append((s, e))
            prev = tag
        rels = []
        if runs["cue"] and runs["content"]:
            rels.append({"source": runs["source"], "cue": runs["cue"], "content": runs["content"], "multi": True})
        docs.append(GoldDoc(sid, text, "ru", rels, sentences=[(0, len(text))], tokens=located))
    if not docs:
        raise InputProblem(tokens_path, "no tagged sentences found")
    return docs


def _find(text: str, needle: str | None, where: Path, line: int, near: int = 0) -> tuple[int, int] | None:
    if needle is None or needle == "":
        return None
    at = text.find(needle, near) if near else -1
    if at < 0:
        at = text.find(needle)
    if at < 0:
        raise InputProblem(where, f"line {line}: {needle[:40]!r} is not a substring of its sentence")
    return at, at + len(needle)


def load_jsonl(path: Path, limit: int | None = None) -> list[GoldDoc]:
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines()]
    records = []
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            records.append((n, json.loads(line)))
        except json.JSONDecodeError as exc:
            raise InputProblem(path, f"line {n}: not valid JSON ({exc.msg})") from None
    if not records:
        raise InputProblem(path, "no records")
    docs: list[GoldDoc] = []
    if "text" in records[0][1]:
        for n, rec in records:
            if limit is not None and len(docs) >= limit:
                break
            text = rec["text"]
            rels = []
            for a in rec.get("attributions", []):
                if not isinstance(a, dict) or not a.get("cue") or not a.get("content"):
                    raise InputProblem(path, f"line {n}: every attribution needs a 'cue' and a 'content'")
                rels.append({
                    "source": _find(text, a.get("source"), path, n),
                    "cue": _find(text, a["cue"], path, n),
                    "content": _find(text, a["content"], path, n),
                    "source_type": a.get("source_type"),
                })
            docs.append(GoldDoc(rec.get("id", f"line{n}"), text, rec.get("language", "az"), rels, split=rec.get("split", "all")))
        return docs
    # Demo gold: one record per attribution; anchors are substrings of the article bodies.
    return _load_demo(path, records, limit)


def _article_body(path: Path) -> str:
    raw = unicodedata.normalize("NFC", path.read_text(encoding="utf-8"))
    if raw.startswith("---"):
        end = raw.find("\n---", 3)
        if end < 0:
            raise InputProblem(path, "front matter is not closed with ---")
        raw = raw[raw.index("\n", end + 1) + 1:] if "\n" in raw[end + 1:] else ""
    return raw


def _nearest(text: str, needle: str, near: int) -> int:
    best, at = -1, text.find(needle)
    while at >= 0:
        if best < 0 or abs(at - near) < abs(best - near):
            best = at
        at = text.find(needle, at + 1)
    return best


def _nearest_word(text: str, needle: str, near: int) -> int:
    """Start of the occurrence of ``needle`` as whole words nearest ``near``; -1 if none."""
    best = -1
    for m in re.finditer(re.escape(needle), text):
        a, b = m.start(), m.end()
        if (a > 0 and text[a - 1].isalnum()) or (b < len(text) and text[b].isalnum()):
            continue
        if best < 0 or abs(a - near) < abs(best - near):
            best = a
    return best


def _load_demo(path: Path, records: list[tuple[int, dict]], limit: int | None) -> list[GoldDoc]:
    langs = {}
    articles_csv = path.parent / "articles.csv"
    if articles_csv.exists():
        with articles_csv.open(encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                langs[row.get("file", "")] = row.get("language", "")
    articles_dir = path.parent.parent / "articles"
    by_file: dict[str, list[tuple[int, dict]]] = {}
    for n, rec in records:
        if "sentence" not in rec or "cue" not in rec or "file" not in rec:
            raise InputProblem(path, f"line {n}: needs 'file', 'sentence' and 'cue' (or 'text' and 'attributions')")
        by_file.setdefault(rec["file"], []).append((n, rec))
    docs = []
    for file, recs in by_file.items():
        if limit is not None and len(docs) >= limit:
            break
        article = articles_dir / file
        if not article.exists():
            raise InputProblem(path, f"line {recs[0][0]}: article {file} not found in {articles_dir}")
        body = _article_body(article)
        rels, scope = [], []
        for n, rec in recs:
            sent_at = body.find(rec["sentence"])
            if sent_at < 0:
                raise InputProblem(path, f"line {n}: sentence is not in the body of {file}")
            sent_span = (sent_at, sent_at + len(rec["sentence"]))
            scope.append(sent_span)
            sentence = rec["sentence"]

            def in_sentence(needle, near=None):
                span = _find(sentence, needle, path, n)
                if span is not None and near is not None:
                    # a short source ("police", "o") recurs in the sentence:
                    # take the whole-word occurrence nearest the cue
                    at = _nearest_word(sentence, needle, near)
                    span = span if at < 0 else (at, at + len(needle))
                return None if span is None else (span[0] + sent_at, span[1] + sent_at)

            content = rec.get("content")
            if content:
                c_at = _nearest(body, content, sent_at)
                if c_at < 0:
                    raise InputProblem(path, f"line {n}: content is not in the body of {file}")
                content_span = (c_at, c_at + len(content))
            else:
                content_span = in_sentence(rec["cue"])
            cue_span = in_sentence(rec["cue"])
            rels.append({"source": in_sentence(rec.get("source"), cue_span[0] - sent_at), "cue": cue_span,
                         "content": content_span, "source_type": rec.get("source_type")})
        lang = langs.get(file, "")
        docs.append(GoldDoc(file, body, lang, rels, split=lang or "all", scope=scope))
    return docs


def load_dataset(dataset: Path, limit: int | None = None) -> tuple[str, list[GoldDoc]]:
    dataset = Path(dataset)
    if not dataset.exists():
        raise InputProblem(dataset, "no such file or folder")
    if dataset.is_dir():
        if (dataset / "text").is_dir() and (dataset / "attributions").is_dir():
            return "brat standoff", load_brat(dataset, limit)
        if (dataset / "ru_tokens.tsv").exists() and (dataset / "ru_sentences.tsv").exists():
            return "token tags", load_token_tags(dataset, limit)
        if (dataset / "attributions.jsonl").exists():
            return "jsonl", load_jsonl(dataset / "attributions.jsonl", limit)
        raise InputProblem(dataset, "not an attribution dataset (expected text/ + attributions/, ru_tokens.tsv, or attributions.jsonl)")
    if dataset.suffix == ".jsonl":
        return "jsonl", load_jsonl(dataset, limit)
    raise InputProblem(dataset, "not an attribution dataset (expected a folder or a .jsonl file)")


# --------------------------------------------------------------------------- scoring
def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return min(a[1], b[1]) - max(a[0], b[0])


def _match_spans(text: str, pred: list[tuple[int, int]], gold: list[tuple[int, int]]) -> tuple[PRF, PRF]:
    pred = sorted(set(_norm(text, p) for p in pred if p))
    gold = sorted(set(_norm(text, g) for g in gold if g))
    pred = [p for p in pred if p[1] > p[0]]
    gold = [g for g in gold if g[1] > g[0]]
    exact = PRF(n_pred=len(pred), n_gold=len(gold))
    exact.tp = exact.tp_gold = len(set(pred) & set(gold))
    loose = PRF(n_pred=len(pred), n_gold=len(gold))
    pairs = sorted(((_overlap(p, g), i, j) for i, p in enumerate(pred) for j, g in enumerate(gold) if _overlap(p, g) > 0), reverse=True)
    used_p, used_g = set(), set()
    for _, i, j in pairs:
        if i in used_p or j in used_g:
            continue
        used_p.add(i)
        used_g.add(j)
    loose.tp = loose.tp_gold = len(used_p)
    return exact, loose


def _as_list(x) -> list[tuple[int, int]]:
    if x is None:
        return []
    if isinstance(x, list):
        return x
    return [x]


def _rel_match(p: dict, g: dict) -> bool:
    def ov(a, b_list) -> bool:
        return any(_overlap(a, b) > 0 for b in b_list)

    if not ov(p["cue"], _as_list(g["cue"])) or not ov(p["content"], _as_list(g["content"])):
        return False
    gs = _as_list(g["source"])
    if p["source"] is None or not gs:
        return p["source"] is None and not gs
    return ov(p["source"], gs)


def score_doc(doc: GoldDoc, predicted) -> dict[str, PRF]:
    if doc.scope is not None:
        # Partial gold (labelled sentences only): ignore predictions elsewhere.
        predicted = [a for a in predicted if any(s <= a.cue.start < e for s, e in doc.scope)]
    pred_rels = [
        {"source": (a.source.start, a.source.end) if a.source else None, "cue": (a.cue.start, a.cue.end),
         "content": (a.content.start, a.content.end), "source_type": a.source_type}
        for a in predicted
    ]
    out: dict[str, PRF] = {}
    for role in ROLES:
        gold_spans = [s for r in doc.relations for s in _as_list(r[role])]
        pred_spans = [r[role] for r in pred_rels if r[role] is not None]
        exact, loose = _match_spans(doc.text, pred_spans, gold_spans)
        out[f"{role}/exact"] = exact
        out[f"{role}/overlap"] = loose
    rel = PRF(n_pred=len(pred_rels), n_gold=len(doc.relations))
    typed = PRF()
    used = set()
    for p in pred_rels:
        for j, g in enumerate(doc.relations):
            if j not in used and _rel_match(p, g):
                used.add(j)
                rel.tp += 1
                if g.get("source_type"):
                    # Accuracy of the source type on matched relations (P = R = accuracy).
                    typed.n_pred += 1
                    typed.n_gold += 1
                    typed.tp += p["source_type"] == g["source_type"]
                break
    rel.tp_gold = len(used)
    typed.tp_gold = typed.tp
    out["relation"] = rel
    if typed.n_gold:
        out["source_type/acc"] = typed
    if doc.tokens is not None:
        # Token-level tagging F1 (the measure token-tag corpora report).
        for role in ROLES:
            prf = PRF()
            pred_spans = [r[role] for r in pred_rels if r[role] is not None]
            for s, e, tag in doc.tokens:
                if not doc.text[s:e].strip(",.;:—–-!?"):
                    continue  # punctuation tags are inconsistent in the gold
                in_pred = any(_overlap((s, e), p) > 0 for p in pred_spans)
                in_gold = tag == role
                prf.n_pred += in_pred
                prf.n_gold += in_gold
                prf.tp += in_pred and in_gold
            prf.tp_gold = prf.tp
            out[f"{role}/token"] = prf
    return out


def evaluate_attribution(dataset: Path, limit: int | None = None) -> "AttributionEval | SourceTypeEval":
    """Score :func:`compare.extract.attribution.extract_attributions` on a labelled dataset
    (a source-typing set, a folder with ``source-types.json``, is scored by
    :func:`evaluate_source_types`)."""
    from compare.extract.attribution import extract_many

    if Path(dataset).is_dir() and (Path(dataset) / MANIFEST).exists():
        return evaluate_source_types(Path(dataset))

    kind, docs = load_dataset(Path(dataset), limit)
    languages = sorted({d.language for d in docs if d.language})
    result = AttributionEval(dataset=str(dataset), kind=kind, language=",".join(languages), n_docs=len(docs))
    totals: dict[str, dict[str, PRF]] = {}
    counts: dict[str, int] = {}
    batch = 8
    with console.progress_task("attribution eval", total=len(docs)) as advance:
        for lang in languages:
            lang_docs = [d for d in docs if d.language == lang]
            for k in range(0, len(lang_docs), batch):
                chunk = lang_docs[k: k + batch]
                preds = extract_many([(d.text, d.sentences) for d in chunk], lang)
                for d, pred in zip(chunk, preds):
                    scores = score_doc(d, pred)
                    for split in ("all", d.split) if d.split != "all" else ("all",):
                        table = totals.setdefault(split, {})
                        counts[split] = counts.get(split, 0) + 1
                        for key, prf in scores.items():
                            table.setdefault(key, PRF()).add(prf)
                advance(len(chunk))
    order = ["all"] + sorted(s for s in totals if s != "all")
    result.scores = {s: totals[s] for s in order if s in totals}
    result.n_docs_by_split = counts
    return result


# --------------------------------------------------------------------------- source typing
MANIFEST = "source-types.json"


@dataclass
class TypedSource:
    """One labelled source span of a text that is read from outside the project."""

    ident: str
    file: str
    language: str
    source: tuple[int, int]
    cue: tuple[int, int]
    source_type: str | None        # None: the span names no speaker ("Wednesday", "This indicates")
    source_country: str | None = None
    outlet_country: str | None = None
    check: str = ""


@dataclass
class SourceTypeEval:
    dataset: str
    n_items: int = 0
    right: dict = field(default_factory=dict)       # language -> correct
    total: dict = field(default_factory=dict)       # language -> labelled
    country_right: int = 0
    country_total: int = 0
    missed: int = 0                                  # labelled speakers with no prediction at the span
    errors: list = field(default_factory=list)       # (id, language, gold, predicted, span text)
    exit_code: int = 0

    @property
    def accuracy(self) -> float:
        n = sum(self.total.values())
        return sum(self.right.values()) / n if n else 0.0

    def __str__(self) -> str:
        lines = [f"source typing on {self.dataset} ({self.n_items} labelled sources)", "",
                 f"{'language':<10}{'right':>7}{'of':>6}{'acc':>8}"]
        for lang in sorted(self.total):
            n = self.total[lang]
            lines.append(f"{lang:<10}{self.right.get(lang, 0):>7}{n:>6}{self.right.get(lang, 0) / n:>8.3f}")
        lines.append(f"{'all':<10}{sum(self.right.values()):>7}{sum(self.total.values()):>6}{self.accuracy:>8.3f}")
        if self.country_total:
            lines.append(f"country of officials and law enforcement: {self.country_right} of {self.country_total}"
                         f" ({self.country_right / self.country_total:.3f})")
        lines.append(f"labelled speakers with no predicted source at the span: {self.missed}")
        if self.errors:
            lines.append("")
            lines.append("errors (id, language, gold, predicted, span):")
            for ident, lang, gold, pred, span in self.errors:
                lines.append(f"  {ident} {lang} {gold} <- {pred}  {span[:60]!r}")
        return "\n".join(lines)


def _shared_text(path: Path) -> str:
    """An article body as the events corpus tool reads it: after the header's ``---`` line, stripped."""
    raw = path.read_text(encoding="utf-8")
    _, sep, body = raw.partition("\n---\n")
    return (body if sep else raw).strip()


def load_source_types(folder: Path) -> tuple[Path, list[TypedSource]]:
    """The labelled source spans of a source-typing set and the folder its texts are read from."""
    manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    root = (folder / manifest.get("texts", ".")).resolve()
    items = []
    for n, line in enumerate((folder / "labels.jsonl").read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
            item = TypedSource(rec["id"], rec["file"], rec["language"], tuple(rec["source"]), tuple(rec["cue"]),
                               None if rec.get("speaker") is False else rec["source_type"], rec.get("source_country"),
                               rec.get("outlet_country"), rec.get("check", ""))
        except (KeyError, TypeError, ValueError) as exc:
            raise InputProblem(folder / "labels.jsonl", f"line {n}: not a labelled source ({exc})") from None
        items.append(item)
    if not items:
        raise InputProblem(folder / "labels.jsonl", "no labelled sources")
    return root, items


def evaluate_source_types(folder: Path) -> SourceTypeEval:
    """Accuracy of ``source_type`` on a labelled set of source spans (``corpora/eval/source-types``).

    Each text is analysed whole, with the outlet's country, as ``analyze`` does. A labelled speaker
    counts as right when a predicted attribution whose cue overlaps the labelled cue has a source
    overlapping the labelled span with the labelled type; a span labelled as no speaker (a date, a
    rhetorical "This shows") counts as right when no such attribution gives it as a source. Texts
    missing from the text folder are reported and skipped (exit code 3)."""
    import hashlib

    from compare.extract.attribution import extract_many
    from compare.segment import segment

    folder = Path(folder)
    root, items = load_source_types(folder)
    result = SourceTypeEval(dataset=str(folder), n_items=len(items))
    by_file: dict[str, list[TypedSource]] = {}
    for it in items:
        by_file.setdefault(it.file, []).append(it)
    texts, skipped = {}, 0
    for file in by_file:
        path = root / file
        if not path.exists():
            skipped += 1
            continue
        texts[file] = _shared_text(path)
    if skipped:
        console.problem(str(root), f"{skipped} labelled text(s) not found; skipped")
        result.exit_code = 3
    for lang in sorted({it.language for it in items}):
        files = [f for f in by_file if f in texts and by_file[f][0].language == lang]
        found = extract_many([(texts[f], segment(texts[f], lang)) for f in files], lang,
                             outlet_countries=[by_file[f][0].outlet_country for f in files])
        for f, preds in zip(files, found):
            text = texts[f]
            for it in by_file[f]:
                span = text[it.source[0]:it.source[1]]
                if it.check and hashlib.sha1(span.encode()).hexdigest()[:8] != it.check:
                    raise InputProblem(root / f, f"{it.ident}: the text differs from the one labelled")
                at = [a for a in preds if a.source is not None and _overlap((a.cue.start, a.cue.end), it.cue) > 0
                      and _overlap((a.source.start, a.source.end), it.source) > 0]
                result.total[lang] = result.total.get(lang, 0) + 1
                if it.source_type is None:
                    ok = not at
                    pred = at[0].source_type if at else "no source"
                else:
                    ok = bool(at) and at[0].source_type == it.source_type
                    pred = at[0].source_type if at else "not found"
                    result.missed += not at
                    if it.source_type.startswith("official") or it.source_type == "law_enforcement":
                        result.country_total += 1
                        result.country_right += bool(at) and at[0].source_country == it.source_country
                result.right[lang] = result.right.get(lang, 0) + ok
                if not ok:
                    result.errors.append((it.ident, lang, it.source_type or "no speaker", pred, span))
    return result
