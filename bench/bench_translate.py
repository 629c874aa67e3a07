"""Throughput of ``translate_run`` against argostranslate's ``translate()``.

Both translate the same sentences with the same package: random weights at
Transformer-base dimensions (6+6 layers, d_model 512, 8 heads, FFN 2048, a
32k-piece SentencePiece vocabulary trained on generated text), int8, beam 2,
on the same number of CPU threads. Random weights never emit end-of-sentence
early, so both sides stop at the same ``max_decoding_length``.

The baseline runs in a separate virtualenv that has argostranslate (it pulls
in torch and stanza). Made fair as follows:

- sentence splitting is taken out of the baseline: its sentencizer is replaced
  by a lookup of the sentences we already have, so it spends nothing on
  splitting (our pipeline segments once at ingest, so neither side pays here);
- ``ARGOS_BEAM_SIZE``, ``ARGOS_COMPUTE_TYPE``, ``ARGOS_INTRA_THREADS`` match our
  settings; ``ARGOS_BATCH_SIZE`` stays at its default (32 tokens) unless
  ``--argos-batch-size`` is given;
- argostranslate does not expose ``max_decoding_length``; its CTranslate2
  translator is wrapped so every ``translate_batch`` call gets the same cap;
- our side starts with an empty cache and every sentence is distinct, so
  neither the cache nor de-duplication helps it.

Usage::

    python bench/bench_translate.py --argos-python /tmp/argos-venv/bin/python
"""
from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT))


def corpus(n_sentences: int, seed: int = 0) -> tuple[list[str], list[list[list[str]]]]:
    """Pseudo-Russian text: (SentencePiece training lines, articles of paragraphs of sentences)."""
    rng = random.Random(seed)
    cons, vow = "бвгдзклмнпрстфхцчшщжй", "аеиоуыэюяё"
    sylls = [c + v for c in cons for v in vow] + [v + c for c in cons for v in vow]
    words = ["".join(rng.choice(sylls) for _ in range(rng.randint(1, 4))) for _ in range(60000)]

    def sentence():
        return " ".join(rng.choice(words) for _ in range(rng.randint(8, 30))).capitalize() + "."

    train = [sentence() for _ in range(60000)]
    articles, made = [], 0
    while made < n_sentences:
        article = []
        for _ in range(4):  # paragraphs of 1-6 sentences
            k = min(rng.randint(1, 6), n_sentences - made)
            if k <= 0:
                break
            article.append([sentence() for _ in range(k)])
            made += k
        articles.append(article)
    return train, articles


def build(workdir: Path, train: list[str]) -> Path:
    from translate_helpers import build_package

    t = time.perf_counter()
    pkg = build_package(workdir / "translate-ru_en-bench.argosmodel", from_code="ru", to_code="en",
                        layers=6, d_model=512, heads=8, ffn=2048, vocab_size=32000, lines=train,
                        quantization="int8", seed=7)
    print(f"built {pkg.name} ({pkg.stat().st_size / 1e6:.0f} MB) in {time.perf_counter() - t:.0f}s", file=sys.stderr)
    return pkg


def run_ours(workdir: Path, articles, args) -> tuple[float, dict[str, str]]:
    import polars as pl

    from compare import console
    from compare.translate import translate_run

    console.configure(quiet=True)
    rows = []
    for a, article in enumerate(articles):
        aid = f"{a:016x}"
        i = 0
        for p, paragraph in enumerate(article):
            for s in paragraph:
                rows.append({"sentence_id": f"{aid}-s{i:04d}", "article_id": aid, "index": i, "paragraph": p,
                             "start": 0, "end": len(s), "text": s, "language": "ru", "language_confidence": 1.0})
                i += 1
    run = workdir / "run"
    run.mkdir(exist_ok=True)
    pl.DataFrame(rows).write_parquet(run / "sentences.parquet")
    cache = workdir / f"cache-{time.time_ns()}.sqlite"
    t = time.perf_counter()
    res = translate_run(run, cache=cache, threads=args.threads, beam_size=args.beam_size,
                        batch_size=args.batch_size, max_decoding_length=args.max_decoding_length,
                        packages_dir=workdir / "packages")
    seconds = time.perf_counter() - t
    assert res.translated == len(rows), res
    table = pl.read_parquet(run / "translations.parquet")
    texts = dict(zip(rows and [r["sentence_id"] for r in rows], [r["text"] for r in rows]))
    return seconds, {texts[sid]: out for sid, out in zip(table["sentence_id"], table["text"])}


BASELINE = r'''
import json, os, sys, time
job = json.load(open(sys.argv[1]))
import ctranslate2
import argostranslate.sbd as sbd
import argostranslate.translate as at

split = {}
for article in job["articles"]:
    for paragraph in article:
        split[" ".join(paragraph)] = paragraph

def split_sentences(self, text):
    return split[text]

for cls in (sbd.MiniSBDSentencizer, sbd.StanzaSentencizer, sbd.SpacySentencizerSmall):
    cls.split_sentences = split_sentences

class CappedTranslator:
    def __init__(self, *a, **k):
        self._t = ctranslate2.Translator(*a, **k)
    def translate_batch(self, *a, **k):
        k["max_decoding_length"] = job["max_decoding_length"]
        return self._t.translate_batch(*a, **k)

class Shim:
    Translator = CappedTranslator
at.ctranslate2 = Shim

t = time.perf_counter()
outputs = {}
for article in job["articles"]:
    text = "\n".join(" ".join(p) for p in article)
    out = at.translate(text, "ru", "en")
    for paragraph, translated in zip(article, out.split("\n")):
        outputs[" ".join(paragraph)] = translated
seconds = time.perf_counter() - t
json.dump({"seconds": seconds, "outputs": outputs}, open(sys.argv[2], "w"))
'''


def run_baseline(workdir: Path, articles, args) -> tuple[float, dict[str, str]]:
    job = workdir / "job.json"
    out = workdir / "baseline.json"
    script = workdir / "baseline.py"
    script.write_text(BASELINE, encoding="utf-8")
    job.write_text(json.dumps({"articles": articles, "max_decoding_length": args.max_decoding_length}),
                   encoding="utf-8")
    env = {
        **os.environ,
        "ARGOS_PACKAGES_DIR": str(workdir / "packages"),
        "ARGOS_BEAM_SIZE": str(args.beam_size),
        "ARGOS_COMPUTE_TYPE": "int8",
        "ARGOS_INTRA_THREADS": str(args.threads),
        "ARGOS_INTER_THREADS": "1",
        "ARGOS_BATCH_SIZE": str(args.argos_batch_size),
        "ARGOS_DEVICE_TYPE": "cpu",
        # argostranslate creates its data/config/cache folders under HOME.
        "HOME": str(workdir / "home"),
        "XDG_DATA_HOME": str(workdir / "home" / "data"),
        "XDG_CONFIG_HOME": str(workdir / "home" / "config"),
        "XDG_CACHE_HOME": str(workdir / "home" / "cache"),
    }
    subprocess.run([args.argos_python, str(script), str(job), str(out)], env=env, check=True)
    data = json.loads(out.read_text(encoding="utf-8"))
    return data["seconds"], data["outputs"]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sentences", type=int, default=200)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--beam-size", type=int, default=2)
    ap.add_argument("--batch-size", type=int, default=32)
    ap.add_argument("--max-decoding-length", type=int, default=64)
    ap.add_argument("--argos-python", default="/tmp/argos-venv/bin/python",
                    help="Python of a virtualenv with argostranslate installed (empty: skip the baseline).")
    ap.add_argument("--argos-batch-size", type=int, default=32,
                    help="ARGOS_BATCH_SIZE for the baseline, in tokens (argostranslate's default: 32).")
    ap.add_argument("--workdir", type=Path, default=None)
    args = ap.parse_args()

    from compare.translate.models import install

    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="bench-translate-"))
    workdir.mkdir(parents=True, exist_ok=True)
    train, articles = corpus(args.sentences)
    pkg = workdir / "translate-ru_en-bench.argosmodel"
    if not pkg.exists():
        pkg = build(workdir, train)
    install([str(pkg)], directory=workdir / "packages")
    n = sum(len(p) for a in articles for p in a)
    print(f"{n} sentences in {len(articles)} articles; threads {args.threads}, beam {args.beam_size}, "
          f"max_decoding_length {args.max_decoding_length}")

    ours_s, ours = run_ours(workdir, articles, args)
    print(f"compare translate_run : {ours_s:7.2f}s  {n / ours_s:7.2f} sentences/s")
    if args.argos_python:
        base_s, base = run_baseline(workdir, articles, args)
        print(f"argostranslate        : {base_s:7.2f}s  {n / base_s:7.2f} sentences/s "
              f"(ARGOS_BATCH_SIZE={args.argos_batch_size})")
        print(f"speed-up              : {base_s / ours_s:.2f}x")
        # Sanity check that both did the same work: identical paragraphs.
        same = total = 0
        for article in articles:
            for paragraph in article:
                key = " ".join(paragraph)
                total += 1
                same += " ".join(ours[s] for s in paragraph) == base.get(key)
        print(f"identical paragraph outputs: {same}/{total}")


if __name__ == "__main__":
    main()
