"""The scale benchmark's corpus builder (bench/bench_scale.py) on small corpora (12 and 400 articles).

Checks the perturbation properties, not timings: sentences are verbatim NTREX
segments, and two variants of one base text are not near duplicates under the
project's own duplicate detection.
"""
import importlib.util
import itertools
import json
import sys
from collections import defaultdict
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
NTREX = ROOT.parent / "shared" / "eval" / "ntrex128"

pytestmark = pytest.mark.skipif(not (NTREX / "ntrex128_docs.en-az-ru.jsonl").exists(),
                                reason="../shared/eval/ntrex128 not present")


def _bench():
    spec = importlib.util.spec_from_file_location("bench_scale", ROOT / "bench" / "bench_scale.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules.setdefault(spec.name, mod)  # dataclasses look their module up
    spec.loader.exec_module(mod)
    return mod


def _read(path: Path) -> tuple[dict, list[str]]:
    text = path.read_text(encoding="utf-8")
    _, head, body = text.split("---\n", 2)
    fields = {}
    for line in head.splitlines():
        key, value = line.split(": ", 1)
        fields[key] = json.loads(value) if value.startswith('"') else value
    return fields, body.strip().split("\n\n")


def test_tiny_corpus_is_verbatim_and_not_near_duplicate(tmp_path):
    from compare.corpus.dedupe import find_duplicates
    from compare.text import normalize_text

    bench = _bench()
    bases = bench.load_bases(NTREX)
    assert len(bases) == 369
    # 400 articles over the 369 base texts: about 200 pairs of variants of one base.
    # (With only a few documents the inserted segments come from a handful of
    # others and variants do collide; over all 123 documents they rarely do:
    # ingest found 8 near duplicates among 10,000, see docs/benchmarks.md.)
    few = bases
    built = bench.build_corpus(tmp_path / "corpus", 400, few, seed=5)
    files = sorted((tmp_path / "corpus").glob("*/*.md"))
    assert len(files) == 400 and (tmp_path / "corpus" / "corpus.toml").exists()
    assert len({f.parent.name for f in files}) > 3  # outlets cycled

    segments_of = {lang: {s for b in few if b.lang == lang for s in b.segments} for lang in bench.LANGS}
    by_base = defaultdict(list)
    texts = []
    for k, f in enumerate(files):
        fields, paras = _read(f)
        b = built.bases_used[int(f.stem)]
        base = few[b]
        assert fields["title"] == base.title and fields["language"] == base.lang
        assert fields["outlet"] == f.parent.name
        assert all(p in segments_of[base.lang] for p in paras)  # verbatim, same language
        own = [p for p in paras if p in base.segments]
        assert own == [s for s in base.segments if s in own]  # the base's segments stay in order
        assert 3 <= len(paras) - len(own) <= 6 or len(set(paras)) < len(paras)  # 3-6 segments from elsewhere
        texts.append(normalize_text("\n\n".join(paras)))
        by_base[b].append(k)

    pairs = [(i, j) for ks in by_base.values() for i, j in itertools.combinations(ks, 2)]
    assert len(pairs) > 100, "too few bases got two variants"
    for i, j in pairs:
        assert not find_duplicates([texts[i], texts[j]], [0, 1]), (files[i].name, files[j].name)
    assert not find_duplicates(texts, list(range(len(texts))))
    assert built.heads and all("\n" in h for h in built.heads)


def test_builder_is_deterministic(tmp_path):
    bench = _bench()
    few = [b for b in bench.load_bases(NTREX) if b.doc < 3]
    a = bench.build_corpus(tmp_path / "a", 12, few)
    b = bench.build_corpus(tmp_path / "b", 12, few)
    assert a.bases_used == b.bases_used and a.heads == b.heads
    for fa in sorted((tmp_path / "a").glob("*/*.md")):
        assert fa.read_text(encoding="utf-8") == (tmp_path / "b" / fa.relative_to(tmp_path / "a")).read_text(encoding="utf-8")
