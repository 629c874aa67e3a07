"""Do the three languages extract the same things? Quantities and agency on NTREX-128.

NTREX documents are line-aligned professional translations, so a sentence and
its translations state the same counts and the same harmful actions: "At least
384 people were killed" / "ən azı 384 nəfər tələf olub" / "погибли по меньшей
мере 384 человека". For each aligned line the script extracts, in every
language,

* ``numbers``: the counted quantities (category other than ``other``) as
  (low, high, category), with ``arrested`` and ``detained`` merged
  (translators swap them freely);
* ``agency``: the agency mentions as (action, agent status), and the actions
  alone,
* ``sources``: the attributions whose cue is on the line, alone and by source
  type (each document is extracted whole, its lines as sentences),

and scores each language pair by F1 of the two multisets. A disagreement is an
extraction error in one of the two languages (or a free translation), so the
score measures extraction on real Azerbaijani and Russian prose without gold
labels. Reads ``../shared/eval/ntrex128``; nothing from it is written.

    python bench/eval_extract_ntrex.py                       # documents 20-122 (rules were written on these)
    python bench/eval_extract_ntrex.py --skip 0 --docs 20    # held-out documents 0-19
    python bench/eval_extract_ntrex.py --what agency --show en-ru   # print disagreeing lines of a pair
"""
from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

from compare.extract.agency import extract_agency
from compare.extract.numbers import extract_quantities

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
DOCS = SHARED / "eval" / "ntrex128" / "ntrex128_docs.en-az-ru.jsonl"
PAIRS = (("en", "az"), ("en", "ru"), ("az", "ru"))
MERGE = {"arrested": "detained"}


def counted(text: str, language: str) -> Counter:
    return Counter((q.value_low, q.value_high, MERGE.get(q.counted, q.counted))
                   for q in extract_quantities(text, language) if q.counted != "other")


def agency(text: str, language: str) -> Counter:
    return Counter((m.action, m.agent_status) for m in extract_agency(text, language))


def actions(text: str, language: str) -> Counter:
    return Counter(m.action for m in extract_agency(text, language))


MEASURES = {"numbers": [counted], "agency": [actions, agency], "sources": ["attributions", "source_types"]}


def attributions_by_line(docs: list[dict]) -> dict[str, list[list[tuple[Counter, Counter]]]]:
    """language -> document -> line -> (attributions, source types) whose cue is on the line."""
    from compare.extract.attribution import extract_many

    out: dict[str, list] = {}
    for lang in ("en", "az", "ru"):
        items = []
        for d in docs:
            text, spans = "", []
            for line in d[lang]:
                if text:
                    text += "\n"
                spans.append((len(text), len(text) + len(line)))
                text += line
            items.append((text, spans))
        per_doc = []
        for (text, spans), found in zip(items, extract_many(items, lang)):
            lines = [(Counter(), Counter()) for _ in spans]
            for a in found:
                for i, (s, e) in enumerate(spans):
                    if s <= a.cue.start < e:
                        lines[i][0]["attribution"] += 1
                        lines[i][1][a.source_type if a.source else "no source"] += 1
            per_doc.append(lines)
        out[lang] = per_doc
    return out


def agreement(docs: list[dict], show: str | None = None, limit: int = 60, measure=counted) -> dict[tuple[str, str], dict]:
    tp: Counter = Counter()
    total: Counter = Counter()
    shown = 0
    for d in docs:
        for k in range(min(len(d["en"]), len(d["az"]), len(d["ru"]))):
            found = {lang: measure(d[lang][k], lang) for lang in ("en", "az", "ru")}
            for a, b in PAIRS:
                tp[(a, b)] += sum((found[a] & found[b]).values())
                total[(a, b, a)] += sum(found[a].values())
                total[(a, b, b)] += sum(found[b].values())
                if show == f"{a}-{b}" and found[a] != found[b] and shown < limit:
                    shown += 1
                    print(f"{a}: {dict(found[a])}  {b}: {dict(found[b])}")
                    print(f"   {a}: {d[a][k][:160]}")
                    print(f"   {b}: {d[b][k][:160]}")
    out = {}
    for a, b in PAIRS:
        na, nb, t = total[(a, b, a)], total[(a, b, b)], tp[(a, b)]
        out[(a, b)] = {"agree": t, a: na, b: nb, "f1": 2 * t / max(na + nb, 1)}
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--skip", type=int, default=20, help="first document (0-19 are the held-out check)")
    ap.add_argument("--docs", type=int, default=103)
    ap.add_argument("--what", choices=sorted(MEASURES), default="numbers")
    ap.add_argument("--show", help="print disagreeing lines of one pair, e.g. en-az")
    args = ap.parse_args()
    if not DOCS.exists():
        raise SystemExit(f"{DOCS}: not found (the shared evaluation data is not present)")
    docs = [json.loads(line) for line in DOCS.read_text(encoding="utf-8").splitlines() if line.strip()]
    docs = docs[args.skip: args.skip + args.docs]
    if args.what == "sources":
        by_line = attributions_by_line(docs)
        for k, name in enumerate(MEASURES["sources"]):
            tp: Counter = Counter()
            total: Counter = Counter()
            for di in range(len(docs)):
                n = min(len(by_line[lang][di]) for lang in ("en", "az", "ru"))
                for i in range(n):
                    for a, b in PAIRS:
                        x, y = by_line[a][di][i][k], by_line[b][di][i][k]
                        tp[(a, b)] += sum((x & y).values())
                        total[(a, b, a)] += sum(x.values())
                        total[(a, b, b)] += sum(y.values())
            print(f"[{name}]")
            for a, b in PAIRS:
                na, nb = total[(a, b, a)], total[(a, b, b)]
                print(f"{a}-{b}: {tp[(a, b)]} agree; {a} {na}, {b} {nb}; F1 {2 * tp[(a, b)] / max(na + nb, 1):.3f}")
        return
    for k, measure in enumerate(MEASURES[args.what]):
        print(f"[{measure.__name__}]")
        for (a, b), r in agreement(docs, args.show if k == len(MEASURES[args.what]) - 1 else None,
                                   measure=measure).items():
            print(f"{a}-{b}: {r['agree']} agree; {a} {r[a]}, {b} {r[b]}; F1 {r['f1']:.3f}")


if __name__ == "__main__":
    main()
