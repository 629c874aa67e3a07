"""Quantities on real coverage: does the gold count come out, and do stray counts stay out?

Reads the claims gold of ``../shared/eval/events-dev`` (nothing from it is
written). For every gold cell of a numeric fact whose counted category the
extractor knows (facet ``number dead`` -> ``dead``, ``detentions`` ->
``detained`` or ``arrested``), the quantities of the cell's evidence sentence
are extracted and scored:

* **hit**: a quantity of the fact's category whose range holds the gold number
  (the first number of the gold ``value``, with one unit of slack for "more
  than N" read as [N+1, None]); cells whose value gives no number ("number not
  specified", "all servicemen") are counted apart;
* **wrong value**: a quantity of that category in the evidence sentence that is
  not a hit;
* **stray**: a quantity of that category anywhere in an article of the affair
  for which the gold marks every fact of that category ``not_mentioned``.

recall = hits / cells with a gold number; precision = hits / (hits + wrong
values + strays). Strays are also counted **in scope**: only quantities that
``same_scope`` would compare with a present-day count (not an individual or a
part, no ``time`` of their own), which is what the claims matrix compares. The
numbers the gold gives for other numeric facts (troops, refugees, leaders,
attackers) must not come out as casualty or coercion counts: such readings are
counted as strays too ("misread").

There are no constants to fit: the figures are printed per affair (each affair
is a held-out fold for rules written on the others, and a rule must help on
more than one affair or follow from the language) and overall.

    python bench/eval_quantities.py                 # per affair and overall
    python bench/eval_quantities.py --show          # print every miss, wrong value and stray
    python bench/eval_quantities.py --seeds         # quantities of the seed opinion articles with their time
"""
from __future__ import annotations

import argparse
import inspect
import json
import re
from collections import Counter, defaultdict
from datetime import date
from pathlib import Path

from compare.extract.numbers import extract_quantities
from compare.segment import segment

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
EVENTS = SHARED / "eval" / "events-dev"
SEEDS = SHARED / "seeds"

# gold facet -> the categories that count as right
FACETS = {"number dead": ("dead",), "detentions": ("detained", "arrested")}
# facets whose statement legitimately carries counts of these categories (an article
# asserting the court's custody order may say "arrested four")
MENTIONS = {"court arrests": ("arrested", "detained"), "number of attackers": ("detained", "arrested")}
# numeric facts whose thing is not a casualty or coercion count: their numbers must not read as one
OTHER_NUMERIC = {"number of troops", "number arrived in Armenia", "attendance"}
CASUALTY = ("dead", "injured", "detained", "arrested", "deported", "missing")

_EN_WORDS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve".split())}
_NO_NUMBER = re.compile(r"^\s*(?:no\s+number|number\s+not|all\b|terrorists\b)", re.I)


def gold_number(value: str) -> int | None:
    """The first number of a gold value ("at least 115", "11 incl. four", "100,514 by ...")."""
    if not value or _NO_NUMBER.match(value):
        return None
    m = re.search(r"\d[\d,]*|\b(?:" + "|".join(_EN_WORDS) + r")\b", value, re.I)
    if not m:
        return None
    tok = m.group().lower()
    return _EN_WORDS[tok] if tok in _EN_WORDS else int(tok.replace(",", ""))


def read_article(path: Path) -> tuple[dict, str]:
    head, _, body = path.read_text(encoding="utf-8").partition("\n---\n")
    meta = dict(line.split(": ", 1) for line in head.splitlines() if ": " in line)
    return meta, body


def published(meta: dict) -> date | None:
    m = re.match(r"(\d{4})-(\d{2})-(\d{2})", meta.get("date", ""))
    return date(int(m[1]), int(m[2]), int(m[3])) if m else None


_PARAMS = set(inspect.signature(extract_quantities).parameters)


def quantities(text: str, language: str, pub: date | None = None, preceding: str = ""):
    """Quantities of one sentence with what the extractor accepts (the bench runs on older versions too)."""
    kw = {}
    if "published" in _PARAMS:
        kw["published"] = pub
    if "preceding" in _PARAMS:
        kw["preceding"] = preceding
    return extract_quantities(text, language, **kw)


def in_scope(q) -> bool:
    return not getattr(q, "individual", False) and not getattr(q, "part", False) and getattr(q, "time", None) is None


def contains(q, n: int) -> bool:
    lo = q.value_low - 1 if q.value_low is not None else None
    hi = q.value_high + 1 if q.value_high is not None else None
    return (lo is None or lo <= n) and (hi is None or n <= hi)


def sentences_of(text: str, language: str):
    """(sentence, text before it in its paragraph) for every sentence."""
    for s, e in segment(text, language):
        para = text.rfind("\n", 0, s) + 1
        yield text[s:e], text[para:s]


def evaluate(show: bool = False) -> dict[str, Counter]:
    per: dict[str, Counter] = defaultdict(Counter)
    for gold in sorted(EVENTS.glob("*/claims.jsonl")):
        affair = gold.parent.name
        rows = [json.loads(line) for line in gold.read_text(encoding="utf-8").splitlines() if line.strip()]
        facts = {r["claim_id"]: r for r in rows if "path" not in r}
        cells = [r for r in rows if "path" in r]
        c = per[affair]
        mentioned: dict[tuple[str, str], bool] = defaultdict(bool)  # (path, category) -> a fact of it is stated
        for r in cells:
            facet = facts[r["claim_id"]]["facet"]
            for cat in FACETS.get(facet, ()) + MENTIONS.get(facet, ()):
                mentioned[(r["path"], cat)] |= r["status"] != "not_mentioned"
            if r["status"] == "not_mentioned" or not r["evidence"]:
                continue
            lang = r["path"].split("/")[-1].split("_")[0]
            meta, body = read_article(EVENTS / r["path"])
            pub = published(meta)
            pos = body.find(r["evidence"])
            para = body[body.rfind("\n", 0, pos) + 1:pos] if pos >= 0 else ""
            qs = quantities(r["evidence"], lang, pub, para)
            if facet in FACETS:
                cats = FACETS[facet]
                n = gold_number(r["value"])
                ours = [q for q in qs if q.counted in cats]
                if n is None:
                    c["cells without a number"] += 1
                    c["wrong value"] += len(ours)
                    c["wrong value in scope"] += sum(in_scope(q) for q in ours)
                    if show and ours:
                        print(f"[wrong value] {r['path']} {r['claim_id']} gold: {r['value']!r}\n    {r['evidence'][:220]}\n"
                              f"    got {[(q.text, q.value_low, q.value_high, q.counted) for q in ours]}")
                    continue
                c["cells"] += 1
                hit = next((q for q in ours if contains(q, n)), None)
                c["hits"] += hit is not None
                wrong = [q for q in ours if q is not hit]
                c["wrong value"] += len(wrong)
                c["wrong value in scope"] += sum(in_scope(q) for q in wrong)
                if show and (hit is None or wrong):
                    print(f"[{'miss' if hit is None else 'wrong value'}] {r['path']} {r['claim_id']} gold {n} ({r['value']!r})"
                          f"\n    {r['evidence'][:220]}\n    got {[(q.text, q.value_low, q.value_high, q.counted) for q in qs]}")
            elif facet in OTHER_NUMERIC:
                misread = [q for q in qs if q.counted in CASUALTY]
                c["other numeric cells"] += 1
                c["misread"] += len(misread)
                c["misread in scope"] += sum(in_scope(q) for q in misread)
                if show and misread:
                    print(f"[misread] {r['path']} {r['claim_id']} ({facet}: {r['value']!r})\n    {r['evidence'][:220]}\n"
                          f"    got {[(q.text, q.value_low, q.value_high, q.counted) for q in misread]}")
        # strays: counts of a category in articles where the gold states no fact of it
        categories = {cat for f in facts.values() for cat in FACETS.get(f["facet"], ())}
        for path in sorted({r["path"] for r in cells}):
            quiet = [cat for cat in categories if not mentioned[(path, cat)]]
            if not quiet:
                continue
            lang = path.split("/")[-1].split("_")[0]
            meta, body = read_article(EVENTS / path)
            pub = published(meta)
            for sent, before in sentences_of(body, lang):
                for q in quantities(sent, lang, pub, before):
                    if q.counted in quiet:
                        c["strays"] += 1
                        c["strays in scope"] += in_scope(q)
                        if show:
                            print(f"[stray{'' if in_scope(q) else ', out of scope'}] {path}: {q.text!r} {q.counted} "
                                  f"time={getattr(q, 'time', None)} individual={getattr(q, 'individual', None)} "
                                  f"part={getattr(q, 'part', None)}\n    {sent[:220]}")
    return per


def report(per: dict[str, Counter]) -> None:
    def line(name: str, c: Counter) -> str:
        rec = c["hits"] / c["cells"] if c["cells"] else float("nan")
        den = c["hits"] + c["wrong value"] + c["strays"]
        den_s = c["hits"] + c["wrong value in scope"] + c["strays in scope"]
        prec = c["hits"] / den if den else float("nan")
        prec_s = c["hits"] / den_s if den_s else float("nan")
        return (f"| {name} | {c['hits']}/{c['cells']} | {rec:.2f} | {c['wrong value']} ({c['wrong value in scope']}) | "
                f"{c['strays']} ({c['strays in scope']}) | {prec:.2f} | {prec_s:.2f} | {c['misread']} ({c['misread in scope']}) |")

    print("| affair | hits/cells | recall | wrong values (in scope) | strays (in scope) | precision | precision in scope "
          "| other facts misread (in scope) |")
    print("|---|---|---|---|---|---|---|---|")
    total: Counter = Counter()
    for affair, c in sorted(per.items()):
        total.update(c)
        if c["cells"] or c["strays"] or c["misread"]:
            print(line(affair, c))
    print(line("all", total))


def seeds() -> None:
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        m = re.search(r"(\d{1,2}) (January|February|March|April|May|June|July|August|September|October|November|"
                      r"December) (\d{4})", text)
        months = "January February March April May June July August September October November December".split()
        pub = date(int(m[3]), months.index(m[2]) + 1, int(m[1])) if m else None
        print(f"== {path.name} (published {pub})")
        for sent, before in sentences_of(text, "en"):
            for q in quantities(sent, "en", pub, before):
                print(f"  {q.text!r:24} {q.counted:9} [{q.value_low}, {q.value_high}] time={getattr(q, 'time', None)} "
                      f"whom={getattr(q, 'whom', None)} place={getattr(q, 'place', None)}  | {sent[:90]}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--show", action="store_true", help="print misses, wrong values, strays and misreadings")
    ap.add_argument("--seeds", action="store_true", help="print the quantities of ../shared/seeds with their time")
    args = ap.parse_args()
    if not EVENTS.is_dir():
        raise SystemExit(f"{EVENTS}: not found (the shared evaluation data is not present)")
    if args.seeds:
        seeds()
        return
    report(evaluate(args.show))


if __name__ == "__main__":
    main()
