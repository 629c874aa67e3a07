"""Benchmark: attribution extraction throughput per language on the demo corpus.

Reads the article bodies of ``corpora/demo/articles`` (Russian, Azerbaijani and
English), repeats them ``--repeat`` times, runs ``extract_many`` per language
after a warm-up (model loading is reported separately) and prints a Markdown
table of sentences per second. Usage::

    python bench/bench_attribution.py --repeat 5
"""
from __future__ import annotations

import argparse
import csv
import time
from pathlib import Path

from compare.evaluate.attribution import _article_body
from compare.extract.attribution import extract_many
from compare.segment import segment

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "corpora" / "demo"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=5, help="copies of each article")
    args = ap.parse_args()
    langs: dict[str, list[str]] = {}
    with (DEMO / "gold" / "articles.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            body = _article_body(DEMO / "articles" / row["file"])
            langs.setdefault(row["language"], []).append(body)
    print("| language | articles | sentences | attributions | load s | extract s | sentences/s |")
    print("|---|---|---|---|---|---|---|")
    for lang, bodies in sorted(langs.items()):
        t0 = time.perf_counter()
        extract_many([(bodies[0], None)], lang)  # loads the models
        load = time.perf_counter() - t0
        items = [(b, segment(b, lang)) for b in bodies] * args.repeat
        n_sent = sum(len(s) for _, s in items)
        t0 = time.perf_counter()
        found = extract_many(items, lang)
        took = time.perf_counter() - t0
        n_att = sum(len(f) for f in found)
        print(f"| {lang} | {len(items)} | {n_sent} | {n_att} | {load:.1f} | {took:.1f} | {n_sent / took:.0f} |")


if __name__ == "__main__":
    main()
