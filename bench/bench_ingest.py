"""Benchmark ``compare ingest`` on a generated corpus.

Writes N synthetic articles (Russian, Azerbaijani and English sentences
assembled from phrase lists written for this benchmark, about 2% of them
reprints with a credit line added and a paragraph trimmed) into a temporary
corpus folder, ingests it and prints a Markdown table: articles per second,
sentences, duplicates found and peak memory (ru_maxrss).

    .venv/bin/python bench/bench_ingest.py --articles 1000
"""
from __future__ import annotations

import argparse
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

PHRASES = {
    "ru": {
        "subj": ["Полиция", "Жители района", "Представитель министерства", "Городской совет", "Прокуратура",
                 "Глава администрации", "Местные торговцы", "Правозащитники", "Следственный комитет", "Депутат думы",
                 "Профсоюз водителей", "Руководство завода"],
        "verb": ["сообщили о", "потребовали", "объявили о начале", "выразили беспокойство из-за",
                 "опровергли сведения о", "подтвердили факт", "начали проверку в связи с", "обсудили",
                 "призвали к расследованию", "отказались комментировать"],
        "obj": ["задержаниях на рынке", "ремонте моста", "росте цен на хлеб", "закрытии школы",
                "пожаре на складе", "новых правилах торговли", "увольнении сотрудников", "отключении воды",
                "строительстве больницы", "аварии на трассе", "забастовке рабочих", "проверке документов"],
        "adv": ["в среду вечером", "по данным источников", "после долгого заседания", "на прошлой неделе",
                "в центре города", "без объяснения причин", "уже второй раз за месяц", "вопреки ожиданиям",
                "в присутствии журналистов", "несмотря на протесты"],
        "num": "По словам очевидцев, пострадали {n} человек.",
    },
    "az": {
        "subj": ["Polis", "Rayon sakinləri", "Nazirliyin nümayəndəsi", "Şəhər şurası", "Prokurorluq",
                 "İcra başçısı", "Yerli tacirlər", "Hüquq müdafiəçiləri", "İstintaq orqanları", "Millət vəkili",
                 "Sürücülər həmkarlar ittifaqı", "Zavodun rəhbərliyi"],
        "verb": ["barədə məlumat verib", "ilə bağlı narahatlığını bildirib", "ilə əlaqədar araşdırma başladıb",
                 "faktını təsdiqləyib", "barədə xəbərləri təkzib edib", "məsələsini müzakirə edib",
                 "ilə bağlı açıqlama yayıb", "barədə şərh verməkdən imtina edib", "ilə bağlı tələb irəli sürüb",
                 "barədə hesabat hazırlayıb"],
        "obj": ["bazarda saxlanılmalar", "körpünün təmiri", "çörəyin bahalaşması", "məktəbin bağlanması",
                "anbarda baş verən yanğın", "yeni ticarət qaydaları", "işçilərin ixtisarı", "suyun kəsilməsi",
                "xəstəxananın tikintisi", "yolda baş verən qəza", "fəhlələrin tətili", "sənədlərin yoxlanılması"],
        "adv": ["çərşənbə axşamı", "mənbələrin məlumatına görə", "uzun iclasdan sonra", "keçən həftə",
                "şəhərin mərkəzində", "səbəb göstərmədən", "bir ay ərzində ikinci dəfə", "gözləntilərin əksinə",
                "jurnalistlərin iştirakı ilə", "etirazlara baxmayaraq"],
        "num": "Şahidlərin sözlərinə görə, {n} nəfər xəsarət alıb.",
    },
    "en": {
        "subj": ["Police", "Local residents", "A ministry spokesman", "The city council", "Prosecutors",
                 "The district governor", "Market traders", "Rights groups", "Investigators", "A member of parliament",
                 "The drivers' union", "The factory management"],
        "verb": ["reported", "demanded an inquiry into", "announced", "voiced concern about", "denied reports of",
                 "confirmed", "opened a review of", "discussed", "called for an investigation into",
                 "declined to comment on"],
        "obj": ["detentions at the market", "repairs to the bridge", "rising bread prices", "the closure of a school",
                "a fire at a warehouse", "new trading rules", "job cuts at the plant", "the water shutdown",
                "plans for a new hospital", "a crash on the highway", "a strike by workers", "document checks"],
        "adv": ["on Wednesday evening", "according to sources", "after a long meeting", "last week",
                "in the town centre", "without giving a reason", "for the second time this month",
                "against expectations", "in front of reporters", "despite protests"],
        "num": "Witnesses said {n} people were hurt.",
    },
}
CREDIT = {"ru": "(По материалам агентства)", "az": "(Agentliyin materialları əsasında)", "en": "(Reporting by the wire)"}
OUTLETS = [("ru-state", "RU", "ru", "state"), ("ru-indep", "RU", "ru", "independent"),
           ("az-state", "AZ", "az", "state"), ("az-indep", "AZ", "az", "independent"),
           ("en-wire", "INT", "en", "wire"), ("en-paper", "GB", "en", "private")]


NAMES = {
    "ru": (["Анна", "Игорь", "Ольга", "Сергей", "Мария", "Павел", "Елена", "Дмитрий", "Ирина", "Алексей",
            "Наталья", "Виктор", "Татьяна", "Андрей", "Светлана"],
           ["Смирнова", "Кузнецов", "Попова", "Волков", "Лебедева", "Соколов", "Морозова", "Новиков", "Павлова",
            "Фёдоров", "Орлова", "Зайцев", "Белова", "Тихонов", "Гусева"]),
    "az": (["Elçin", "Aynur", "Rəşad", "Günel", "Tural", "Leyla", "Orxan", "Nigar", "Kamran", "Səbinə",
            "Fuad", "Lalə", "Vüqar", "Aysel", "Ramin"],
           ["Məmmədov", "Əliyeva", "Hüseynov", "Quliyeva", "Həsənov", "İsmayılova", "Abbasov", "Rzayeva",
            "Kərimov", "Nəsirova", "Babayev", "Cəfərova", "Süleymanov", "Orucova", "Qasımov"]),
    "en": (["Alice", "James", "Maria", "David", "Sarah", "Peter", "Laura", "Michael", "Emma", "Daniel",
            "Helen", "Thomas", "Grace", "Samuel", "Ruth"],
           ["Walker", "Bennett", "Hughes", "Carter", "Foster", "Griffin", "Morris", "Parker", "Reed", "Shaw",
            "Turner", "Webb", "Ellis", "Hayes", "Lloyd"]),
}


def sentence(rng: random.Random, lang: str) -> str:
    p = PHRASES[lang]
    if rng.random() < 0.15:
        return p["num"].format(n=rng.randint(2, 400))
    s, v, o, a = rng.choice(p["subj"]), rng.choice(p["verb"]), rng.choice(p["obj"]), rng.choice(p["adv"])
    first, last = NAMES[lang]
    name = f"{rng.choice(first)} {rng.choice(last)}"
    if lang == "az":
        return f"{name} bildirib ki, {s.lower() if s != 'Polis' else s} {a} {o} {v}."
    if lang == "ru":
        return f"{s} {a} {v} {o}, сообщил {name}."
    return f"{s} {a} {v} {o}, {name} said."


def body(rng: random.Random, lang: str) -> list[str]:
    return [" ".join(sentence(rng, lang) for _ in range(rng.randint(2, 4))) for _ in range(rng.randint(3, 6))]


def generate(folder: Path, n: int, seed: int = 7) -> int:
    rng = random.Random(seed)
    lines = ['name = "bench"', 'description = "Generated benchmark corpus"', "synthetic = true", ""]
    for oid, country, lang, kind in OUTLETS:
        lines += ["[[outlets]]", f'id = "{oid}"', f'name = "{oid}"', f'country = "{country}"',
                  f'languages = ["{lang}"]', f'kind = "{kind}"', ""]
    (folder / "corpus.toml").write_text("\n".join(lines), encoding="utf-8")
    art_dir = folder / "articles"
    art_dir.mkdir()
    written: list[tuple[str, str, list[str]]] = []
    reprints = 0
    for i in range(n):
        oid, _, lang, _ = rng.choice(OUTLETS)
        if written and rng.random() < 0.02:
            src_oid, src_lang, paras = rng.choice(written)
            candidates = [o for o in OUTLETS if o[2] == src_lang and o[0] != src_oid]
            oid = candidates[0][0]
            lang = src_lang
            paras = paras[:-1] + [CREDIT[lang]] if len(paras) > 3 else paras + [CREDIT[lang]]
            reprints += 1
        else:
            paras = body(rng, lang)
            written.append((oid, lang, paras))
        day = 1 + i % 28
        text = (f"---\noutlet: {oid}\ntitle: \"{lang} article {i}\"\npublished: \"2025-06-{day:02d}T{i % 24:02d}:00:00Z\"\n---\n"
                + "\n\n".join(paras) + "\n")
        (art_dir / f"{i:06d}.md").write_text(text, encoding="utf-8")
    return reprints


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=1000)
    ap.add_argument("--backend", default="lingua")
    ap.add_argument("--dedupe-only", type=int, metavar="N",
                    help="time only near-duplicate detection on N generated bodies (no files written)")
    args = ap.parse_args(argv)
    if args.dedupe_only:
        return bench_dedupe(args.dedupe_only)

    from compare import console
    from compare.corpus import ingest

    console.configure(quiet=True)
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        corpus.mkdir()
        t0 = time.perf_counter()
        reprints = generate(corpus, args.articles)
        gen_s = time.perf_counter() - t0
        rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        cpu0 = resource.getrusage(resource.RUSAGE_SELF)
        t0 = time.perf_counter()
        result = ingest(corpus, Path(tmp) / "run", language_backend=args.backend)
        seconds = time.perf_counter() - t0
        cpu1 = resource.getrusage(resource.RUSAGE_SELF)
        rss_after = cpu1.ru_maxrss
        import polars as pl

        distinct = pl.read_parquet(Path(tmp) / "run" / "sentences.parquet")["text"].n_unique()
    cpu = (cpu1.ru_utime - cpu0.ru_utime) + (cpu1.ru_stime - cpu0.ru_stime)
    print("| articles | sentences (distinct) | reprints generated | duplicates found | wall s | CPU s | articles/s | peak RSS MB |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|")
    print(f"| {result.articles} | {result.sentences} ({distinct}) | {reprints} | {result.duplicates} | {seconds:.1f} | "
          f"{cpu:.1f} | {result.articles / seconds:.0f} | {rss_after / 1024:.0f} |")
    print(f"\n(generation {gen_s:.1f} s; peak RSS before ingest {rss_before / 1024:.0f} MB; backend {args.backend};"
          f" Python {sys.version.split()[0]})")
    return 0


def bench_dedupe(n: int, seed: int = 11) -> int:
    """Near-duplicate detection alone at a scale where all pairs would be infeasible."""
    from compare.corpus.dedupe import find_duplicates

    rng = random.Random(seed)
    texts: list[str] = []
    planted = 0
    for _ in range(n):
        if texts and rng.random() < 0.02:
            paras = rng.choice(texts).split("\n\n")
            texts.append("\n\n".join(paras[:-1] + ["(Reporting by the wire)"]) if len(paras) > 3 else texts[-1])
            planted += 1
        else:
            lang = rng.choice(["ru", "az", "en"])
            texts.append("\n\n".join(body(rng, lang)))
    t0 = time.perf_counter()
    dups = find_duplicates(texts, list(range(n)))
    seconds = time.perf_counter() - t0
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print("| bodies | reprints planted | duplicates found | seconds | bodies/s | peak RSS MB |")
    print("|---:|---:|---:|---:|---:|---:|")
    print(f"| {n} | {planted} | {len(dups)} | {seconds:.1f} | {n / seconds:.0f} | {rss / 1024:.0f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
