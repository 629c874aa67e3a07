"""Train the English attribution model on a brat-standoff corpus (PolNeAR).

``compare train attribution ../shared/eval/polnear-train`` reads the articles
and their gold attributions, parses them with the same spaCy pipeline and the
same paragraph chunks as :func:`compare.extract.attribution.extract_attributions`
(parses are cached on disk, outside the project, so that retraining is quick),
turns every token into hashed features (:mod:`compare.extract.attribution.learned`),
fits two logistic-regression models with a fixed schedule and a fixed seed,
and writes their weights to one ``.npz`` file. The same data give the same
file, byte for byte.

Only numpy is needed, at training and at run time.
"""
from __future__ import annotations

import hashlib
import io
import json
import os
import re
import time
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from compare import console
from compare.errors import InputProblem

PARAGRAPH = re.compile(r"[^\n]+(?:\n(?!\s*\n)[^\n]+)*")


def parse_cache_dir() -> Path:
    """Where parses of training corpora are kept (``$COMPARE_CACHE_DIR``, else
    ``$XDG_CACHE_HOME/compare``, else ``~/.cache/compare``)."""
    if os.environ.get("COMPARE_CACHE_DIR"):
        return Path(os.environ["COMPARE_CACHE_DIR"]) / "attribution-parses"
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "compare" / "attribution-parses"


def chunks_of(text: str) -> list[tuple[int, str]]:
    """The paragraphs the extractor parses when no sentences are given: (offset, text)."""
    return [(m.start(), m.group()) for m in PARAGRAPH.finditer(text)]


def parse_corpus(texts: list[str], cache: Path | None = None):
    """spaCy docs of every paragraph of every text, as lists per text.

    Parses are cached under ``cache`` (default :func:`parse_cache_dir`), keyed by
    the texts, the spaCy version and the model's name and version."""
    import spacy
    from spacy.tokens import DocBin

    from compare.extract.attribution import english

    nlp = english.nlp()
    key = hashlib.sha1()
    key.update(f"{spacy.__version__}|{nlp.meta.get('name')}|{nlp.meta.get('version')}|tensors".encode())
    for t in texts:
        key.update(hashlib.sha1(t.encode("utf-8")).digest())
    cache = cache or parse_cache_dir()
    path = cache / f"{key.hexdigest()[:20]}.spacy"
    chunks = [chunks_of(t) for t in texts]
    flat = [c for cs in chunks for _, c in cs]
    vec_path = path.with_suffix(".npy")
    if path.exists() and vec_path.exists():
        docs = list(DocBin().from_disk(path).get_docs(nlp.vocab))
        vecs = np.load(vec_path)
        k = 0
        for d in docs:
            # The contextual vectors the tagger and parser computed (doc.tensor), which
            # the model reads as well; DocBin does not keep them.
            d.tensor = vecs[k: k + len(d)].astype(np.float32)
            k += len(d)
    else:
        docs = []
        t0 = time.perf_counter()
        with console.progress_task("parsing", total=len(flat)) as advance:
            for d in nlp.pipe(flat, batch_size=64):
                docs.append(d)
                advance(1)
        cache.mkdir(parents=True, exist_ok=True)
        bin_ = DocBin(attrs=["ORTH", "TAG", "HEAD", "DEP", "POS", "LEMMA", "MORPH", "SENT_START", "IS_SPACE"])
        for d in docs:
            bin_.add(d)
        tmp = path.with_suffix(".tmp")
        bin_.to_disk(tmp)
        tmp.replace(path)
        with open(vec_path.with_suffix(".tmp"), "wb") as fh:
            np.save(fh, np.concatenate([d.tensor for d in docs]).astype(np.float16))
        vec_path.with_suffix(".tmp").replace(vec_path)
        console.info(f"parsed {len(flat)} paragraphs in {time.perf_counter() - t0:.0f}s; cached in {path}")
    if len(docs) != len(flat):
        raise InputProblem(path, "cached parses do not match the corpus; delete the file and retry")
    out, k = [], 0
    for cs in chunks:
        out.append([(base, docs[k + i]) for i, (base, _) in enumerate(cs)])
        k += len(cs)
    return out


def load_corpus(folder: Path):
    """(name, text, relations) of every article of a brat-standoff folder."""
    from compare.evaluate.attribution import load_brat

    return [(d.doc_id, d.text, d.relations) for d in load_brat(Path(folder))]


# --------------------------------------------------------------------------- examples
def _ids(feats: list[str]) -> list[int]:
    import zlib

    from compare.extract.attribution.learned import MASK

    return [zlib.crc32(f.encode("utf-8")) & MASK for f in feats]


def _cue_head(doc, span: tuple[int, int], base: int):
    """The token heading a gold cue span: of the span's tokens whose head lies outside
    it, a verb first, then a noun or adjective, then the first."""
    toks = [t for t in doc if base + t.idx < span[1] and span[0] < base + t.idx + len(t) and not t.is_space]
    if not toks:
        return None, []
    ids = {t.i for t in toks}
    heads = [t for t in toks if t.head.i not in ids or t.head is t] or toks
    for pos in (("VERB",), ("NOUN", "ADJ", "PROPN")):
        for t in heads:
            if t.pos_ in pos:
                return t, toks
    return heads[0], toks


@dataclass
class Article:
    name: str
    text: str
    relations: list[dict]
    chunks: list                    # (base, doc)
    rules: list[list[dict]]         # the rules' attributions per chunk (before finishing)
    patterns: list[dict]            # layout attributions of the whole text
    rejected: list[set]             # per chunk, the words the rules declined on purpose


class Rows:
    """A growing sparse design matrix: feature ids of each row and the row's label."""

    def __init__(self):
        self.ids: list[int] = []
        self.ptr: list[int] = [0]
        self.y: list[int] = []
        self.dense: list[np.ndarray] = []

    def add(self, feats: list[str], label: int, dense: np.ndarray) -> None:
        self.ids.extend(_ids(feats))
        self.ptr.append(len(self.ids))
        self.y.append(label)
        self.dense.append(dense.astype(np.float32))

    def arrays(self):
        return (np.asarray(self.ids, dtype=np.int32), np.asarray(self.ptr, dtype=np.int64), np.asarray(self.y, dtype=np.int8),
                np.stack(self.dense).astype(np.float64))


def prepare(folder: Path) -> list[Article]:
    """Articles with their parses and the rules' output, for training and for choosing the threshold."""
    from compare.extract.attribution import english
    from compare.extract.attribution.quotes import find_quotes

    corpus = load_corpus(folder)
    parsed = parse_corpus([t for _, t, _ in corpus])
    out = []
    with console.progress_task("rules", total=len(corpus)) as advance:
        for (name, text, rels), chunks in zip(corpus, parsed):
            quotes = find_quotes(text)
            rules, rejected = [], []
            for base, doc in chunks:
                found, declined = [], set()
                for sent in doc.sents:
                    for a in english.extract_sentence(sent, text, base, quotes, declined):
                        a["sentence"] = (base + sent.start_char, base + sent.end_char)
                        found.append(a)
                rules.append(found)
                rejected.append(declined)
            out.append(Article(name, text, rels, chunks, rules, english.pattern_attributions(text, quotes), rejected))
            advance(1)
    return out


def examples(articles: list[Article]) -> list[tuple[Rows, Rows]]:
    """Per article: cue rows (one per candidate word; label 1 for a gold cue head) and
    span rows (one per word of a gold cue's sentence; label 0 none, 1 source, 2 content)."""
    from compare.extract.attribution import learned
    from compare.extract.attribution.quotes import find_quotes

    out = []
    for art in articles:
        cue_rows, role_rows = Rows(), Rows()
        out.append((cue_rows, role_rows))
        quotes = find_quotes(art.text)
        for (base, doc), rules in zip(art.chunks, art.rules):
            end = base + len(doc.text)
            rels = [r for r in art.relations if base <= r["cue"][0] < end]
            heads: dict[int, dict] = {}
            in_cue: set[int] = set()
            for r in rels:
                head, toks = _cue_head(doc, r["cue"], base)
                if head is not None:
                    heads[head.i] = r
                    in_cue.update(t.i for t in toks)
            qt = learned.quote_token_spans(doc, quotes, base)
            pats = [a for a in art.patterns if base <= a["cue"][0] < end]
            local = learned.local_spans(rules + pats, base)
            for tok in doc:
                if not learned.cue_candidate(tok) or (tok.i in in_cue and tok.i not in heads):
                    continue
                s, e = tok.idx, tok.idx + len(tok)
                rule = any(r[0][0] < e and s < r[0][1] for r in local)
                cue_rows.add(learned.cue_features(tok, learned.in_quotes(doc, qt, tok.i), rule, learned.rule_context(tok, local)),
                             int(tok.i in heads), learned.cue_dense(tok))
            for i, r in heads.items():
                cue = doc[i]
                lo, hi = learned._cue_extent(cue)
                cue_inq = learned.in_quotes(doc, qt, cue.i)

                def inside(t, span):
                    return span is not None and base + t.idx < span[1] and span[0] < base + t.idx + len(t)

                for t in cue.sent:
                    if lo <= t.i <= hi or inside(t, r["cue"]):
                        continue
                    label = 1 if inside(t, r["source"]) else 2 if inside(t, r["content"]) else 0
                    role_rows.add(learned.role_features(cue, t, cue_inq, learned.in_quotes(doc, qt, t.i),
                                                        learned.between_marks(doc, cue.i, t.i)), label,
                                  learned.role_dense(cue, t))
    return out


def concat(parts: list[Rows]) -> Rows:
    rows = Rows()
    for p in parts:
        shift = len(rows.ids)
        rows.ids.extend(p.ids)
        rows.ptr.extend(q + shift for q in p.ptr[1:])
        rows.y.extend(p.y)
        rows.dense.extend(p.dense)
    return rows


# --------------------------------------------------------------------------- fitting
@dataclass
class Settings:
    """The training schedule; the defaults built the shipped weights."""

    epochs: int = 10
    rate: float = 0.05
    l2: float = 1e-6
    batch: int = 512
    seed: int = 13
    held_every: int = 5          # every 5th training article chooses the cue threshold
    thresholds: tuple = (0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9)
    # A new cue is added only from the lowest threshold at which, on the held-out
    # articles, the added cues in every band of 0.1 above it were right at least two
    # times in three: political news is the model's training ground, and elsewhere
    # (sport, weather, lifestyle) its additions are right less often.
    band_precision: float = 2 / 3


def fit(rows: Rows, n_classes: int, settings: Settings) -> tuple[np.ndarray, np.ndarray]:
    """Softmax regression with class 0's logit fixed at 0 (logistic regression for two
    classes), AdaGrad on mini-batches in a seeded order: deterministic."""
    from compare.extract.attribution.learned import BITS

    ids, ptr, y, dense = rows.arrays()
    n, k = len(y), n_classes - 1
    w = np.zeros((1 << BITS, k))
    h = np.full((1 << BITS, k), 1e-8)
    wd = np.zeros((dense.shape[1], k))
    hd = np.full((dense.shape[1], k), 1e-8)
    b = np.zeros(k)
    hb = np.full(k, 1e-8)
    onehot = np.zeros((n, k))
    for c in range(1, n_classes):
        onehot[y == c, c - 1] = 1.0
    rng = np.random.default_rng(settings.seed)
    for _ in range(settings.epochs):
        order = rng.permutation(n)
        for s in range(0, n, settings.batch):
            batch = np.sort(order[s: s + settings.batch])
            starts, ends = ptr[batch], ptr[batch + 1]
            lens = ends - starts
            offs = np.concatenate(([0], np.cumsum(lens)[:-1]))
            rep = np.repeat(np.arange(len(batch)), lens)
            f = ids[starts[rep] + (np.arange(lens.sum()) - offs[rep])]
            xd = dense[batch]
            # einsum without optimisation runs its own loops: the same sums in the same order on every machine
            z = b + np.add.reduceat(w[f], offs, axis=0) + np.einsum("ij,jk->ik", xd, wd)
            zz = np.concatenate([np.zeros((len(batch), 1)), z], axis=1)
            zz -= zz.max(axis=1, keepdims=True)
            p = np.exp(zz)
            p /= p.sum(axis=1, keepdims=True)
            g = (p[:, 1:] - onehot[batch]) / len(batch)
            uniq, inv = np.unique(f, return_inverse=True)
            gw = np.zeros((len(uniq), k))
            for c in range(k):
                gw[:, c] = np.bincount(inv, weights=g[rep, c], minlength=len(uniq))
            gw += settings.l2 * w[uniq]
            h[uniq] += gw * gw
            w[uniq] -= settings.rate * gw / np.sqrt(h[uniq])
            gd = np.einsum("ij,ik->jk", xd, g) + settings.l2 * wd
            hd += gd * gd
            wd -= settings.rate * gd / np.sqrt(hd)
            gb = g.sum(axis=0)
            hb += gb * gb
            b -= settings.rate * gb / np.sqrt(hb)
    return w.astype(np.float32), b, wd


def _write_npz(path: Path, arrays: dict[str, np.ndarray]) -> None:
    """An ``.npz`` with fixed zip timestamps, so that the same weights give the same bytes."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name in sorted(arrays):
            buf = io.BytesIO()
            np.lib.format.write_array(buf, np.ascontiguousarray(arrays[name]), allow_pickle=False)
            info = zipfile.ZipInfo(name + ".npy", date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, buf.getvalue(), compresslevel=9)
    tmp.replace(path)


# --------------------------------------------------------------------------- the whole extractor on parsed articles
def predict(art: Article, model, threshold: float | None):
    """The extractor's output for a parsed article (as ``extract_attributions`` without
    sentences): the rules, then the model's cues from ``threshold`` on (none for ``None``)."""
    import copy

    from compare.extract.attribution import _finish, learned, sources
    from compare.extract.attribution.quotes import find_quotes

    quotes = find_quotes(art.text)
    found = copy.deepcopy(art.patterns)
    for (base, doc), rules, rejected in zip(art.chunks, art.rules, art.rejected):
        for sent in doc.sents:
            span = (base + sent.start_char, base + sent.end_char)
            here = [copy.deepcopy(a) for a in rules if a["sentence"] == span]
            found += here
            if model is not None and threshold is not None:
                known = here + [a for a in art.patterns if span[0] <= a["cue"][0] < span[1]]
                for a in learned.extend_sentence(sent, art.text, base, quotes, known, model, threshold, rejected):
                    a["sentence"] = span
                    found.append(a)
    return _finish(art.text, found, "en", home=sources.home_country(art.text, "en", None))


def score(articles: list[Article], predictions: list) -> dict:
    from compare.evaluate.attribution import PRF, GoldDoc, score_doc

    table: dict[str, PRF] = {}
    for art, pred in zip(articles, predictions):
        for key, prf in score_doc(GoldDoc(art.name, art.text, "en", art.relations), pred).items():
            table.setdefault(key, PRF()).add(prf)
    return table


@dataclass
class TrainResult:
    out: Path
    n_articles: int
    threshold: float
    held: dict                      # threshold -> (source overlap F1, relation F1) on the held-out fifth
    rules_only: tuple
    seconds: float
    sha256: str
    bands: dict = field(default_factory=dict)   # threshold -> (added cues right, added) in [t, t + 0.1)
    exit_code: int = 0

    def __str__(self) -> str:
        lines = [f"trained on {self.n_articles} articles in {self.seconds:.0f}s; wrote {self.out} (sha256 {self.sha256[:16]})",
                 f"cue threshold {self.threshold} (the lowest from which every band of added cues was right at least "
                 f"2 times in 3 on every {Settings.held_every}th article, with a model trained on the rest):",
                 f"  rules alone: source overlap F1 {self.rules_only[0]:.3f}, relation F1 {self.rules_only[1]:.3f}"]
        for t, (s, r) in sorted(self.held.items()):
            mark = " <-" if t == self.threshold else ""
            right, n = self.bands.get(t, (0, 0))
            lines.append(f"  from {t:.2f}: source overlap F1 {s:.3f}, relation F1 {r:.3f}; "
                         f"cues added in [{t:.2f}, {t + 0.1:.2f}) right {right} of {n}{mark}")
        return "\n".join(lines)


def train_attribution(folder: Path, out: Path | None = None, settings: Settings | None = None) -> TrainResult:
    """Train the English cue and span models on ``folder`` and write the weights to ``out``
    (default: the package's data file)."""
    from compare.extract.attribution import learned

    settings = settings or Settings()
    t0 = time.perf_counter()
    folder = Path(folder)
    out = Path(out) if out else learned.DATA_FILE
    arts = prepare(folder)
    rows = examples(arts)
    held_idx = [i for i in range(len(arts)) if i % settings.held_every == 0]
    rest_idx = [i for i in range(len(arts)) if i % settings.held_every != 0]

    def model_from(idx: list[int], threshold: float):
        cue_w, cue_b, cue_d = fit(concat([rows[i][0] for i in idx]), 2, settings)
        role_w, role_b, role_d = fit(concat([rows[i][1] for i in idx]), 3, settings)
        arrays = {"cue_w": cue_w[:, 0].astype(np.float16), "cue_b": np.asarray(cue_b[:1], dtype=np.float64),
                  "cue_d": cue_d[:, 0].astype(np.float32), "role_w": role_w.astype(np.float16),
                  "role_b": np.asarray(role_b, dtype=np.float64), "role_d": role_d.astype(np.float32)}
        model = learned.Model(arrays["cue_w"].astype(np.float32), float(cue_b[0]), arrays["cue_d"],
                              arrays["role_w"].astype(np.float32), role_b, arrays["role_d"], threshold, {})
        return model, arrays

    trial, _ = model_from(rest_idx, min(settings.thresholds))
    held = [arts[i] for i in held_idx]
    base = score(held, [predict(a, None, None) for a in held])
    rules_only = (base["source/overlap"].f1, base["relation"].f1)
    with_model = [predict(a, trial, min(settings.thresholds)) for a in held]
    results, bands = {}, {}
    for t in settings.thresholds:
        preds = [[x for x in p if x.extra.get("model", 1.0) >= t] for p in with_model]
        table = score(held, preds)
        results[t] = (table["source/overlap"].f1, table["relation"].f1)
        added = [(art, x) for art, p in zip(held, with_model) for x in p if t <= x.extra.get("model", -1.0) < t + 0.1]
        right = sum(any(x.cue.start < r["cue"][1] and r["cue"][0] < x.cue.end for r in art.relations) for art, x in added)
        bands[t] = (right, len(added))
    ok = [t for t in settings.thresholds
          if all(bands[u][1] == 0 or bands[u][0] >= settings.band_precision * bands[u][1] for u in settings.thresholds if u >= t)]
    threshold = min(ok) if ok else max(settings.thresholds)
    _, arrays = model_from(list(range(len(arts))), threshold)
    meta = {
        "format": 1, "bits": learned.BITS, "threshold": threshold, "language": "en",
        "data": folder.name, "articles": len(arts),
        "data_sha1": hashlib.sha1("".join(a.text for a in arts).encode("utf-8")).hexdigest(),
        "settings": {k: getattr(settings, k) for k in ("epochs", "rate", "l2", "batch", "seed", "held_every")},
        "held_out": {f"{t:.2f}": [round(s, 4), round(r, 4)] for t, (s, r) in sorted(results.items())},
        "bands": {f"{t:.2f}": list(bands[t]) for t in sorted(bands)},
        "rules_only": [round(x, 4) for x in rules_only],
    }
    arrays["meta"] = np.frombuffer(json.dumps(meta, sort_keys=True).encode("utf-8"), dtype=np.uint8)
    _write_npz(out, arrays)
    learned.load_model.cache_clear()
    return TrainResult(out, len(arts), threshold, results, rules_only, time.perf_counter() - t0,
                       hashlib.sha256(out.read_bytes()).hexdigest(), bands=bands)
