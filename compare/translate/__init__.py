"""Offline translation of a run's sentences with Argos packages on CTranslate2.

``translate_run(run)`` reads ``sentences`` (and ``articles`` for provided
translations), writes ``translations`` and ``translation_status.json``.

Order of preference for each sentence whose language is not the target:
a provided human translation (``articles.translation``), then the translation
cache, then the installed model (direct pair, else through English). Sentences
with no model stay untranslated: later stages compare them cross-lingually.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from compare import console
from compare.errors import InputProblem
from compare.registry import translators
from compare.runs import Run
from compare.translate.cache import TranslationCache, normalise, text_hash
from compare.translate.models import find_route, install_command, missing_hops, packages_dir as _packages_dir, pairs
from compare.translate.provided import provided_translations

__all__ = ["translate_run", "TranslateResult", "TRANSLATIONS_SCHEMA"]

TRANSLATIONS_SCHEMA = {
    "sentence_id": pl.Utf8,
    "article_id": pl.Utf8,
    "source_language": pl.Utf8,
    "target_language": pl.Utf8,
    "text": pl.Utf8,
    "engine": pl.Utf8,
    "model_id": pl.Utf8,
    "model_version": pl.Utf8,
}
_SENTENCE_COLUMNS = ("sentence_id", "article_id", "text", "language")


@dataclass
class TranslateResult:
    run: Path
    target_language: str
    to_translate: int = 0          # sentences whose language is not the target
    provided: int = 0              # ... covered by a provided translation
    machine: int = 0               # ... covered by a model
    translated: int = 0            # distinct texts sent to a model in this call
    cached: int = 0                # distinct texts served from the cache
    missing_pairs: list[dict] = field(default_factory=list)
    mode: str = "translated"
    seconds: float = 0.0
    exit_code: int = 0

    @property
    def untranslated(self) -> int:
        return self.to_translate - self.provided - self.machine

    def __str__(self) -> str:
        lines = [
            f"{self.run / 'translations.parquet'}: {self.provided + self.machine} of {self.to_translate} "
            f"sentences in {self.target_language} ({self.provided} provided, {self.machine} machine; "
            f"{self.translated} translated, {self.cached} cached) in {self.seconds:.1f}s; mode {self.mode}"
        ]
        for pair in self.missing_pairs:
            lines.append(
                f"missing {pair['from']}→{pair['to']}: `{pair['install']}` "
                f"(offline: `{pair['offline']}`)"
            )
        return "\n".join(lines)


def translate_run(
    run,
    *,
    to: str = "en",
    batch_size: int = 32,
    beam_size: int = 2,
    threads: int = 0,
    compute_type: str = "int8",
    cache=None,
    max_decoding_length: int = 256,
    packages_dir=None,
    engine: str = "ctranslate2",
) -> TranslateResult:
    """Translate every sentence of RUN/sentences.parquet whose language is not ``to``.

    ``cache``: path of the SQLite cache (default: the shared user cache, see
    :func:`compare.translate.cache.default_cache_path`) or a TranslationCache.
    ``packages_dir``: where Argos packages are installed (default: argos' own).
    """
    started = time.perf_counter()
    run = Run(run)
    if batch_size < 1 or beam_size < 1 or max_decoding_length < 1:
        raise InputProblem("translate", "batch_size, beam_size and max_decoding_length must be positive")
    sentences = run.read("sentences")
    missing_cols = [c for c in _SENTENCE_COLUMNS if c not in sentences.columns]
    if missing_cols:
        raise InputProblem(run.table_path("sentences"), f"missing column(s) {', '.join(missing_cols)}")
    articles = run.read("articles", required=False)
    result = TranslateResult(run=run.path, target_language=to)

    need = sentences.filter(pl.col("language").is_not_null() & (pl.col("language") != to))
    result.to_translate = need.height
    need_ids = set(need["sentence_id"].to_list())

    rows: list[dict] = []
    # 1. Provided translations.
    if "paragraph" not in sentences.columns:
        sentences = sentences.with_columns(pl.lit(0, dtype=pl.Int32).alias("paragraph"))
    if "index" not in sentences.columns:
        sentences = sentences.with_columns(pl.int_range(pl.len()).over("article_id").alias("index"))
    for row in provided_translations(articles, sentences, to):
        if row["sentence_id"] in need_ids:
            rows.append({**row, "target_language": to, "engine": "provided",
                         "model_id": "provided", "model_version": ""})
    covered = {r["sentence_id"] for r in rows}
    result.provided = len(covered)

    # 2. Machine translation, language by language.
    remaining = need.filter(~pl.col("sentence_id").is_in(list(covered))) if covered else need
    available = pairs(packages_dir)
    owned_cache = None
    if remaining.height:
        languages = sorted(remaining["language"].unique().to_list())
        routes = {lang: find_route(lang, to, available=available) for lang in languages}
        for lang in languages:
            if routes[lang] is None:
                n = remaining.filter(pl.col("language") == lang).height
                hops = missing_hops(lang, to, available)
                for a, b in hops:
                    entry = {**install_command(a, b), "pair": f"{a}→{b}", "needed_for": f"{lang}→{to}", "sentences": n}
                    result.missing_pairs.append(entry)
                commands = "; ".join(f"`compare models install {a} {b}`" for a, b in hops)
                console.warn(
                    f"no {lang}→{to} translation model in {_packages_dir(packages_dir)}: {n} sentence(s) "
                    f"stay untranslated (cross-lingual mode). Install with {commands}, or offline "
                    f"`compare models install FILE.argosmodel`"
                )
        if any(routes[lang] for lang in languages):
            if isinstance(cache, TranslationCache):
                store = cache
            else:
                store = owned_cache = TranslationCache(cache)
            engines: dict = {}
            try:
                for lang in languages:
                    route = routes[lang]
                    if route is None:
                        continue
                    frame = remaining.filter(pl.col("language") == lang).sort("sentence_id")
                    texts = [normalise(t or "") for t in frame["text"].to_list()]
                    # source hash -> text at the current hop (the source, then each output)
                    at_hop = {text_hash(t): t for t in texts}
                    for pkg in route:
                        def make(pkg=pkg):
                            if pkg.path not in engines:
                                engines[pkg.path] = translators.create(
                                    engine, package=pkg, compute_type=compute_type, threads=threads,
                                    beam_size=beam_size, max_decoding_length=max_decoding_length,
                                    batch_size=batch_size,
                                )
                            return engines[pkg.path]

                        inputs = {text_hash(t): normalise(t) for t in at_hop.values()}
                        out = _translate_unique(make, store, pkg, inputs, batch_size, result)
                        at_hop = {src: out[text_hash(t)] for src, t in at_hop.items()}
                    model_id = "+".join(p.model_id for p in route)
                    version = "+".join(p.package_version for p in route)
                    for sid, aid, text in zip(frame["sentence_id"], frame["article_id"], texts):
                        rows.append({
                            "sentence_id": sid, "article_id": aid, "source_language": lang,
                            "target_language": to, "text": at_hop[text_hash(text)],
                            "engine": engine, "model_id": model_id, "model_version": version,
                        })
                        result.machine += 1
            finally:
                if owned_cache is not None:
                    owned_cache.close()

    table = pl.DataFrame(rows, schema=TRANSLATIONS_SCHEMA).sort("sentence_id")
    run.write("translations", table)
    if result.to_translate == result.provided + result.machine:
        result.mode = "translated"
    elif result.provided + result.machine == 0:
        result.mode = "cross-lingual"
    else:
        result.mode = "partial"
    # What the translations are, not how this call got them: how many came from
    # the cache differs between a fresh and a resumed run, and analyze's
    # fingerprint and the manifest read this file (those counts are in the
    # result and the --log-json event).
    run.write_json("translation_status.json", {
        "mode": result.mode,
        "target_language": to,
        "sentences": sentences.height,
        "to_translate": result.to_translate,
        "provided": result.provided,
        "machine": result.machine,
        "untranslated": result.untranslated,
        "missing_pairs": result.missing_pairs,
        "models": sorted({f"{p.from_code}-{p.to_code}:{p.model_id}:{p.package_version}"
                          for p in available.values()}),
    })
    result.seconds = time.perf_counter() - started
    console.log_event("translate", mode=result.mode, translated=result.translated, cached=result.cached,
                      provided=result.provided, machine=result.machine)
    return result


def _translate_unique(make_engine, store: TranslationCache, pkg, items: dict[str, str], batch_size: int,
                      result: TranslateResult) -> dict[str, str]:
    """Translate distinct texts (hash -> text) with one package; hash -> translation.

    Batches are planned over *all* texts, sorted by length then hash, before
    looking at the cache. A resumed run therefore sees exactly the batches an
    uninterrupted run would, and batches finished before a kill are skipped
    whole: the output does not depend on where the previous run stopped.
    """
    src, tgt = pkg.from_code, pkg.to_code
    model_id, version = pkg.model_id, pkg.package_version
    done = store.get_many(model_id, version, src, tgt, items.keys())
    result.cached += len(done)
    order = sorted(items, key=lambda h: (len(items[h]), h))
    batches = [order[i:i + batch_size] for i in range(0, len(order), batch_size)]
    todo = [[h for h in batch if h not in done] for batch in batches]
    todo = [b for b in todo if b]
    n_todo = sum(len(b) for b in todo)
    if n_todo:
        translator = make_engine()
        with console.progress_task(f"translating {src}→{tgt}", n_todo) as advance:
            for batch in todo:
                outputs = translator.translate([items[h] for h in batch])
                store.put_many(model_id, version, src, tgt, zip(batch, outputs))
                done.update(zip(batch, outputs))
                result.translated += len(batch)
                advance(len(batch))
    return done
