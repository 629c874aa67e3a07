"""Claim kinds (fact / statement / opinion / background / furniture) on real coverage.

The labelled sample is ``corpora/eval/claim-kinds/labels.jsonl``: 100 sentences
of ``../shared/eval/events-dev`` stored by file, character offsets and a short
hash, never by their text (see the README there). This script

* ``sample``: draws the sample skeleton (fixed seed, stratified by affair,
  language and position in the article) and its split into a development and a
  held-out half. It was run once, before any rule was written; run it again to
  check that the committed rows are the ones the seed draws (``--check``);
* ``show``: prints sentences of the sample with their labels and, with
  ``--predict``, the classifier's kind and cue (reads ``../shared``; prints
  third-party text to the terminal only);
* ``eval`` (the default): classifies every labelled sentence with
  :func:`compare.extract.claim_kind.claim_kind`, taking ``attributed`` and
  ``source_type`` from the project's attribution extractor run over the whole
  article, and prints accuracy, the confusion matrix, the share of opinion and
  furniture sentences kept in the fact matrix (called fact or statement) and the
  share of fact and statement sentences removed from it, per split;
  ``--set seeds`` does the same on ``seeds.jsonl``, every sentence of the two
  seed opinion articles in ``../shared/seeds`` (labelled before the rules, but
  looked at while writing them: not held out).

    python bench/eval_claim_kinds.py                 # both halves
    python bench/eval_claim_kinds.py --split dev     # the half the rules were written on
    python bench/eval_claim_kinds.py sample --check  # the committed sample is the seeded draw
    python bench/eval_claim_kinds.py show --split dev --predict --errors
    python bench/eval_claim_kinds.py --set seeds     # every sentence of the two seed opinion articles

Needs ``../shared/eval/events-dev`` beside the project checkout.
"""
from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import random
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

from compare.segment import segment

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
EVENTS = SHARED / "eval" / "events-dev"
LABELS = ROOT / "corpora" / "eval" / "claim-kinds" / "labels.jsonl"
SEED_LABELS = LABELS.with_name("seeds.jsonl")
# The seed articles have no header; the first gives its date in a dateline, the second none.
SEED_DATES = {"000_82daccc100b2dcfa.txt": "2025-06-28"}
AFFAIRS = (
    "cop29-baku-2024", "crocus-attack-2024", "karabakh-offensive-2023",
    "peacekeepers-withdrawal-2024", "putin-baku-visit-2024", "washington-peace-summit-2025",
)
LANGUAGES = ("en", "ru", "az")
POSITIONS = ("start", "middle", "end")
KINDS = ("fact", "statement", "opinion", "background", "furniture")
KEPT = ("fact", "statement")  # the kinds the fact matrix compares by default
SEED = 12
SIZE = 100
MIN_WORDS = 4  # compare.analyze drops claim units with fewer words that have a letter


# --------------------------------------------------------------------------- reading events-dev
def read_article(path: Path) -> tuple[dict, str]:
    """(header fields, body) of an events-dev file. The body is the text after the
    ``---`` line, stripped: the article text a run ingests (and what offsets index)."""
    head, _, body = path.read_text(encoding="utf-8").partition("\n---\n")
    meta = {}
    for line in head.splitlines():
        key, sep, value = line.partition(":")
        if sep:
            meta[key.strip()] = value.strip()
    return meta, body.strip()


def published(meta: dict) -> dt.date | None:
    m = re.search(r"\d{4}-\d{2}-\d{2}", meta.get("date", ""))
    return dt.date.fromisoformat(m.group(0)) if m else None


def sentence_hash(sentence: str) -> str:
    """First 12 hex digits of the SHA-256 of the sentence (UTF-8), to check offsets."""
    return hashlib.sha256(sentence.encode("utf-8")).hexdigest()[:12]


def eligible_sentences(body: str, language: str) -> list[tuple[int, int]]:
    """The sentences (``compare.segment``) long enough to become claim units."""
    out = []
    for s, e in segment(body, language):
        if len(re.findall(r"\w*[^\W\d_]\w*", body[s:e])) >= MIN_WORDS:
            out.append((s, e))
    return out


def paragraph_before(body: str, start: int) -> str:
    """The text of the sentence's paragraph (line) before it."""
    return body[body.rfind("\n", 0, start) + 1:start]


def position(i: int, n: int) -> str:
    """Third of the article the i-th of n sentences lies in."""
    return POSITIONS[min(2, 3 * i // n)]


# --------------------------------------------------------------------------- the sample
def draw(seed: int = SEED, size: int = SIZE) -> list[dict]:
    """Stratified random sample: the size is shared out evenly over the 18 (affair,
    language) cells (the remainder to cells chosen by the seed); within a cell the
    draws cycle through the three position thirds in a seeded order and through the
    cell's files in a seeded order, so each file gives one sentence before any gives
    two. Each cell's draws alternate between the development and the held-out half."""
    rng = random.Random(seed)
    cells = [(a, lang) for a in AFFAIRS for lang in LANGUAGES]
    quota = {c: size // len(cells) for c in cells}
    for c in rng.sample(cells, size % len(cells)):
        quota[c] += 1
    rows = []
    for affair, lang in cells:
        files = sorted((EVENTS / affair).glob(f"{lang}_*.txt"))
        rng.shuffle(files)
        pools = {}
        for f in files:
            meta, body = read_article(f)
            sents = eligible_sentences(body, lang)
            for i, (s, e) in enumerate(sents):
                pools.setdefault((f, position(i, len(sents))), []).append((s, e, body[s:e]))
        order = list(POSITIONS)
        rng.shuffle(order)
        taken: set[tuple[str, int]] = set()
        picks = []
        k = 0
        while len(picks) < quota[(affair, lang)] and k < 50 * len(files):
            f = files[k % len(files)]
            pos = order[len(picks) % 3]
            k += 1
            pool = [p for p in pools.get((f, pos), []) if (f.name, p[0]) not in taken]
            if not pool:
                continue
            s, e, sent = rng.choice(pool)
            taken.add((f.name, s))
            picks.append({"path": f"{affair}/{f.name}", "start": s, "end": e, "sha": sentence_hash(sent),
                          "language": lang, "position": pos})
        halves = ["dev", "heldout"] if rng.random() < 0.5 else ["heldout", "dev"]
        for j, p in enumerate(picks):
            p["split"] = halves[j % 2]
        rows.extend(picks)
    for n, r in enumerate(rows, 1):
        r["id"] = f"ck{n:03d}"
    return rows


def load_labels(path: Path = LABELS) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def article(path: str) -> tuple[dict, str]:
    """(header, body) of a labelled row's file: ``<affair>/<file>`` under events-dev
    or ``seeds/<file>`` (no header: the whole text is the body)."""
    if path.startswith("seeds/"):
        name = path.split("/", 1)[1]
        return {"date": SEED_DATES.get(name, "")}, (SHARED / path).read_text(encoding="utf-8").strip()
    return read_article(EVENTS / path)


def resolve(row: dict) -> tuple[dict, str, str]:
    """(header, body, sentence) of a labelled row; fails when the hash does not match."""
    meta, body = article(row["path"])
    sent = body[row["start"]:row["end"]]
    if sentence_hash(sent) != row["sha"]:
        raise SystemExit(f"{row['id']}: {row['path']} [{row['start']}:{row['end']}] no longer hashes to {row['sha']}")
    return meta, body, sent


def cmd_sample(args) -> int:
    rows = draw(args.seed, args.size)
    keys = ("id", "path", "start", "end", "sha", "language", "position", "split")
    if args.check:
        have = [{k: r[k] for k in keys} for r in load_labels()]
        want = [{k: r[k] for k in keys} for r in rows]
        ok = have == want
        print("the committed sample is the seeded draw" if ok else "the committed sample differs from the seeded draw")
        return 0 if ok else 1
    out = Path(args.out)
    with out.open("w", encoding="utf-8") as fh:
        for r in rows:
            fh.write(json.dumps({**{k: r[k] for k in keys}, "label": None, "note": ""}, ensure_ascii=False) + "\n")
    print(f"wrote {len(rows)} rows to {out}")
    return 0


# --------------------------------------------------------------------------- classifying the sample
def classify_rows(rows: list[dict]) -> dict[str, object]:
    """Kind of every row, from the sentence, the article's attributions and its header."""
    from compare.extract.attribution import extract_attributions, is_attributed
    from compare.extract.claim_kind import article_is_opinion, claim_kind

    by_file = defaultdict(list)
    for r in rows:
        by_file[r["path"]].append(r)
    out = {}
    for path, rs in by_file.items():
        meta, body = article(path)
        lang = rs[0]["language"]
        sents = segment(body, lang)
        atts = extract_attributions(body, lang, sentences=sents)
        opinion_article = article_is_opinion(meta.get("title") or None, body, lang)
        for r in rs:
            resolve(r)
            span = (r["start"], r["end"])
            mine = [a for a in atts if r["start"] <= a.cue.start < r["end"]
                    or (a.content.start < r["end"] and r["start"] < a.content.end)]
            attributed = is_attributed(span, atts)
            stype = next((a.source_type for a in mine if a.source is not None), None) if attributed else None
            out[r["id"]] = claim_kind(body[r["start"]:r["end"]], lang, attributed=attributed, source_type=stype,
                                      published=published(meta), article_title=meta.get("title") or None,
                                      context=paragraph_before(body, r["start"]), opinion_article=opinion_article)
    return out


def report(rows: list[dict], predicted: dict, name: str) -> None:
    gold = [r["label"] for r in rows]
    pred = [predicted[r["id"]].kind for r in rows]
    n = len(rows)
    right = sum(g == p for g, p in zip(gold, pred))
    print(f"\n### {name}: {n} sentences\n")
    print(f"accuracy {right}/{n} = {right / n:.0%}\n")
    conf = Counter(zip(gold, pred))
    print("| gold \\ predicted | " + " | ".join(KINDS) + " | n |")
    print("|---" * (len(KINDS) + 2) + "|")
    for g in KINDS:
        cells = [str(conf[(g, p)]) for p in KINDS]
        print(f"| {g} | " + " | ".join(cells) + f" | {sum(conf[(g, p)] for p in KINDS)} |")
    removed = [(g, p) for g, p in zip(gold, pred) if g in ("opinion", "furniture")]
    leak = sum(p in KEPT for _, p in removed)
    kept_rows = [g for g, p in zip(gold, pred) if p in KEPT]
    bad_rows = sum(g in ("opinion", "furniture") for g in kept_rows)
    facts = [(g, p) for g, p in zip(gold, pred) if g in KEPT]
    lost = sum(p not in KEPT for _, p in facts)
    lost_fact = sum(p not in KEPT for g, p in facts if g == "fact")
    n_fact = sum(g == "fact" for g, _ in facts)
    print()
    print(f"- opinion/furniture sentences kept as fact/statement: {leak}/{len(removed)}"
          + (f" = {leak / len(removed):.0%}" if removed else ""))
    print(f"- rows of the fact matrix (predicted fact/statement) that are opinion/furniture: {bad_rows}/{len(kept_rows)}"
          + (f" = {bad_rows / len(kept_rows):.0%}" if kept_rows else ""))
    print(f"- fact sentences removed (predicted opinion/background/furniture): {lost_fact}/{n_fact}"
          + (f" = {lost_fact / n_fact:.0%}" if n_fact else ""))
    print(f"- fact or statement sentences removed: {lost}/{len(facts)}" + (f" = {lost / len(facts):.0%}" if facts else ""))
    bg = [(g, p) for g, p in zip(gold, pred) if g == "background"]
    if bg:
        print(f"- background sentences kept as fact/statement: {sum(p in KEPT for _, p in bg)}/{len(bg)}")


def rows_of(args) -> list[dict]:
    if args.set == "seeds":
        return load_labels(SEED_LABELS)
    return [r for r in load_labels() if args.split in ("all", r["split"])]


def cmd_eval(args) -> int:
    rows = rows_of(args)
    predicted = classify_rows(rows)
    if args.set == "seeds":
        for name in sorted({r["path"] for r in rows}):
            report([r for r in rows if r["path"] == name], predicted, f"seed article {name}")
        report(rows, predicted, "both seed articles")
        return 0
    for split in ("dev", "heldout"):
        part = [r for r in rows if r["split"] == split]
        if part:
            report(part, predicted, {"dev": "development half", "heldout": "held-out half"}[split])
    if args.split == "all":
        report(rows, predicted, "both halves")
    return 0


def cmd_show(args) -> int:
    rows = rows_of(args)
    predicted = classify_rows(rows) if args.predict else {}
    for r in rows:
        meta, body, sent = resolve(r)
        p = predicted.get(r["id"])
        if args.errors and (p is None or p.kind == r["label"]):
            continue
        print(f"{r['id']} [{r['split']}] {r['path']} {r.get('position', '')} date={meta.get('date')} title={meta.get('title')!r}")
        if args.context:
            prev = body[max(0, r["start"] - args.context):r["start"]].replace("\n", " / ")
            print(f"   ...{prev}")
        print(f"   >> {sent}")
        print(f"   label={r['label']}  note={r.get('note', '')}" + (f"  predicted={p.kind} ({p.cue})" if p else ""))
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="cmd")
    ev = sub.add_parser("eval")
    for p in (ap, ev):
        p.add_argument("--split", choices=("dev", "heldout", "all"), default="all")
        p.add_argument("--set", choices=("sample", "seeds"), default="sample",
                       help="the events-dev sample, or the two seed opinion articles")
    sm = sub.add_parser("sample")
    sm.add_argument("--seed", type=int, default=SEED)
    sm.add_argument("--size", type=int, default=SIZE)
    sm.add_argument("--out", default=str(LABELS.with_suffix(".draft.jsonl")))
    sm.add_argument("--check", action="store_true")
    sh = sub.add_parser("show")
    sh.add_argument("--split", choices=("dev", "heldout", "all"), default="dev")
    sh.add_argument("--set", choices=("sample", "seeds"), default="sample")
    sh.add_argument("--predict", action="store_true")
    sh.add_argument("--errors", action="store_true", help="only sentences the classifier gets wrong")
    sh.add_argument("--context", type=int, default=0, help="characters of the body before the sentence")
    args = ap.parse_args(argv)
    if not EVENTS.is_dir():
        print(f"{EVENTS} not found: the events-dev set lives in ../shared beside the checkout", file=sys.stderr)
        return 2
    if args.cmd == "sample":
        return cmd_sample(args)
    if args.cmd == "show":
        return cmd_show(args)
    return cmd_eval(args)


if __name__ == "__main__":
    sys.exit(main())
