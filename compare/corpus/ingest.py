"""``compare ingest``: a corpus folder -> ``articles``, ``sentences``, ``problems``.

Reading order: ``corpus.toml``, then every article file (sorted by path), then
language identification per article, exact and near-duplicate detection,
sentence segmentation and language identification per sentence.

Bad inputs (unreadable, undecodable or binary files, empty articles, files over
the size cap, unsupported languages, malformed table rows, unknown outlets,
include patterns leaving the corpus folder) are skipped with a one-line message
and listed in ``problems.parquet``; the result's exit code is then 3.

With ``strict=True`` the first bad input raises :class:`InputProblem` and
*nothing* is written: tables from an earlier run in the same directory are left
exactly as they were, so a half-read corpus can never pass for a complete one.
Reading is cheap to repeat; a previous complete run is what must not be lost.
"""
from __future__ import annotations

import bisect
import contextlib
import ctypes
import gc
import hashlib
import json
import math
import os
from array import array
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any

import numpy as np
import polars as pl

from compare import console
from compare.corpus.config import Corpus, Outlet, check_pattern, load_corpus, url_host
from compare.corpus.dates import parse_date
from compare.corpus.dedupe import find_duplicates
from compare.corpus.readers import (
    ARTICLE_FIELDS,
    HTML_SUFFIXES,
    SUPPORTED_SUFFIXES,
    TABLE_SUFFIXES,
    TEXT_SUFFIXES,
    TRANSLATION_FILE,
    RawArticle,
    read_html_article,
    read_table,
    read_text_article,
    read_translation_file,
)
from compare.errors import InputProblem
from compare.language import MIN_LETTERS, get_detector, get_sentence_detector, is_supported, release_models
from compare.runs import Run, content_id, sentence_id_expr
from compare.safety import has_surrogates, http_url, one_line, scrub_surrogates
from compare.segment import segment
from compare.text import clean_line, letter_count, normalize_text, paragraphs_spans, word_count

ARTICLE_SCHEMA = {
    "article_id": pl.Utf8, "corpus": pl.Utf8, "outlet": pl.Utf8, "outlet_name": pl.Utf8,
    "outlet_country": pl.Utf8, "outlet_kind": pl.Utf8, "title": pl.Utf8, "text": pl.Utf8,
    "published": pl.Datetime("us", "UTC"), "published_raw": pl.Utf8, "url": pl.Utf8,
    "source_path": pl.Utf8, "declared_language": pl.Utf8, "language": pl.Utf8,
    "language_confidence": pl.Float64, "language_mismatch": pl.Boolean, "duplicate_of": pl.Utf8,
    "duplicate_kind": pl.Utf8, "duplicate_similarity": pl.Float64, "word_count": pl.Int64,
    "translation": pl.Utf8, "translation_language": pl.Utf8,
}
SENTENCE_SCHEMA = {
    "sentence_id": pl.Utf8, "article_id": pl.Utf8, "index": pl.Int32, "paragraph": pl.Int32,
    "start": pl.Int64, "end": pl.Int64, "text": pl.Utf8, "language": pl.Utf8,
    "language_confidence": pl.Float64,
}
PROBLEM_SCHEMA = {"where": pl.Utf8, "problem": pl.Utf8}
BATCH = 256
RELEASE_MODELS_AT = 100_000  # sentences: from here lingua's models are unloaded after ingest
FOUND_LIMIT = 1 << 18  # distinct sentence digests remembered with their language


@dataclass
class IngestResult:
    corpus: str
    run: Path
    articles: int = 0
    sentences: int = 0
    duplicates: int = 0
    language_mismatches: int = 0
    by_language: dict[str, int] = field(default_factory=dict)
    problems: list[tuple[str, str]] = field(default_factory=list)
    warnings: list[tuple[str, str]] = field(default_factory=list)
    paths: dict[str, Path] = field(default_factory=dict)

    @property
    def skipped(self) -> int:
        return len(self.problems)

    @property
    def exit_code(self) -> int:
        return 3 if self.problems else 0

    def __str__(self) -> str:
        langs = ", ".join(f"{k or 'unknown'} {v}" for k, v in sorted(self.by_language.items(), key=lambda kv: str(kv[0])))
        lines = [
            f"ingested corpus {self.corpus!r}: {self.articles} articles ({langs or 'none'}), "
            f"{self.sentences} sentences, {self.duplicates} duplicates, "
            f"{self.language_mismatches} language mismatches",
        ]
        if self.problems:
            lines.append(f"skipped {len(self.problems)} input(s); see {self.paths.get('problems')}")
        for name in ("articles", "sentences", "problems"):
            if name in self.paths:
                lines.append(f"  {name}: {self.paths[name]}")
        return "\n".join(lines)


class _Report:
    def __init__(self, strict: bool):
        self.strict = strict
        self.problems: list[tuple[str, str]] = []
        self.warnings: list[tuple[str, str]] = []

    def problem(self, where: str, message: str) -> None:
        where, message = one_line(where), one_line(message)
        if self.strict:
            raise InputProblem(where, message)
        console.problem(where, message)
        self.problems.append((where, message))

    def warning(self, where: str, message: str) -> None:
        where, message = one_line(where), one_line(message)
        console.problem(where, message, level="warning")
        self.warnings.append((where, message))



def _confidence(value: float) -> float:
    """lingua's parallel scoring differs in the last bits from run to run;
    rounding keeps the table byte-identical for the same input."""
    return round(float(value), 6)


def ingest(
    corpus: str | Path,
    out: str | Path,
    *,
    strict: bool = False,
    language_backend: str = "lingua",
    near_duplicate_threshold: float = 0.5,
    near_duplicate_containment: float = 0.8,
    max_file_mb: float = 20.0,
) -> IngestResult:
    """Read the corpus folder ``corpus`` into the run directory ``out``."""
    result = None
    try:
        result = _ingest(corpus, out, strict=strict, language_backend=language_backend,
                         near_duplicate_threshold=near_duplicate_threshold,
                         near_duplicate_containment=near_duplicate_containment, max_file_mb=max_file_mb)
        return result
    finally:
        # once _ingest's records and tables are gone: the later stages of a run
        # need neither lingua's models nor the heap they freed. Models take a
        # second or two to load again, so they stay for small corpora.
        if result is not None and result.sentences >= RELEASE_MODELS_AT:
            release_models()
        _give_back_freed_memory()


def _ingest(corpus: str | Path, out: str | Path, *, strict: bool, language_backend: str,
            near_duplicate_threshold: float, near_duplicate_containment: float, max_file_mb: float) -> IngestResult:
    """The work of :func:`ingest`."""
    cfg = load_corpus(corpus)
    report = _Report(strict)
    root = cfg.root
    if not cfg.has_config:
        report.warning(root / "corpus.toml", "not found; corpus named after the folder, outlets taken as the articles name them")
    for message in cfg.warnings:
        report.warning(root / "corpus.toml", message)
    detector = get_detector(language_backend)
    sentence_detector = get_sentence_detector(language_backend)
    max_bytes = int(max_file_mb * 1_000_000)

    files, translations = _discover(cfg, report, exclude=Path(out))
    raws: list[RawArticle] = []
    for path in console.progress(files, "reading", total=len(files)):
        rel = _display_path(path.relative_to(root).as_posix())
        try:
            new = _read_file(path, rel, max_bytes, report)
        except InputProblem as exc:
            report.problem(exc.where, exc.problem)
            continue
        for r in new:
            for note in r.notes:
                report.warning(r.source_path, note)
        ref = _mtime(path)  # "вчера, 14:20" is relative to when the page was saved
        for r in new:
            if r.reference is None:
                r.reference = ref
        tr = translations.get(_stem_key(path))
        if tr and new and path.suffix.lower() in TEXT_SUFFIXES and not new[0].fields.get("translation"):
            lang, tpath = tr
            try:
                new[0].fields["translation"] = read_translation_file(tpath, tpath.relative_to(root).as_posix(), max_bytes)
                new[0].fields.setdefault("translation_language", lang)
            except InputProblem as exc:
                report.warning(exc.where, f"{exc.problem}; translation not used")
        raws.extend(new)

    records = _build_records(cfg, raws, report)
    del raws  # the records hold the normalised texts; the raw ones are not needed again

    # -- language per article
    detected = _detect_batched(detector, [r["text"] for r in records], "detecting article languages")
    kept = []
    for rec, (code, conf) in zip(records, detected):
        declared = rec["declared_language"]
        # Only the article's own declaration vouches for it; an outlet's usual language does not.
        if not is_supported(code) and not (rec["_declared_by_article"] and is_supported(declared)):
            what = f"detected {code} ({conf:.2f})" if code else "no language detected"
            report.problem(rec["source_path"], f"unsupported language: {what}; supported: az, en, ru")
            continue
        rec["language"] = code or declared  # nothing detected (too few letters): the article's own word
        rec["language_confidence"] = _confidence(conf)
        rec["language_mismatch"] = bool(declared and code and declared != code)
        if rec["language_mismatch"]:
            report.warning(rec["source_path"], f"declared language {declared} but detected {code} ({conf:.2f}); both kept")
        kept.append(rec)
    records = kept

    # -- duplicate ids: the same outlet, title and text in two places
    seen: dict[str, str] = {}
    unique = []
    for rec in records:
        if rec["article_id"] in seen:
            report.problem(rec["source_path"], f"same outlet, title and text as {seen[rec['article_id']]}; skipped")
            continue
        seen[rec["article_id"]] = rec["source_path"]
        unique.append(rec)
    records = unique

    # -- reprints
    far_future = datetime.max.replace(tzinfo=timezone.utc)
    order = sorted(range(len(records)), key=lambda i: (records[i]["published"] or far_future, records[i]["source_path"]))
    dups = find_duplicates([r["text"] for r in records], order, threshold=near_duplicate_threshold,
                           containment=near_duplicate_containment)
    for i, rec in enumerate(records):
        d = dups.get(i)
        rec["duplicate_of"] = records[d.original]["article_id"] if d else None
        rec["duplicate_kind"] = d.kind if d else None
        rec["duplicate_similarity"] = d.similarity if d else None

    # -- sentences
    run = Run(out)
    articles_df = pl.DataFrame({k: [r[k] for r in records] for k in ARTICLE_SCHEMA}, schema=ARTICLE_SCHEMA)
    sentences_df = _sentences(records, articles_df, sentence_detector)
    problems_df = pl.DataFrame([{"where": w, "problem": p} for w, p in report.problems], schema=PROBLEM_SCHEMA)
    result = IngestResult(corpus=cfg.name, run=Path(out), problems=report.problems, warnings=report.warnings)
    result.paths["articles"] = run.write("articles", articles_df)
    result.paths["sentences"] = run.write("sentences", sentences_df)
    result.paths["problems"] = run.write("problems", problems_df)
    result.articles = articles_df.height
    result.sentences = sentences_df.height
    result.duplicates = sum(1 for r in records if r["duplicate_of"])
    result.language_mismatches = sum(1 for r in records if r["language_mismatch"])
    for r in records:
        result.by_language[r["language"]] = result.by_language.get(r["language"], 0) + 1
    console.log_event("ingest", corpus=cfg.name, articles=result.articles, sentences=result.sentences,
                      skipped=result.skipped)
    return result


def _give_back_freed_memory() -> None:
    """Return the heap ingest freed to the system (glibc keeps freed small
    blocks for reuse): a whole run is one process, and the next stages
    otherwise start from ingest's peak (docs/benchmarks.md)."""
    gc.collect()
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):  # not glibc (macOS, musl, Windows): nothing to do
        pass


def _sentences(records: list[dict], articles: pl.DataFrame, detector) -> pl.DataFrame:
    """The ``sentences`` table. Python keeps only the spans, in typed arrays; the
    texts are cut from the articles' texts by polars. A sentence of at least
    ``MIN_LETTERS`` letters gets its own language, detected chunk by chunk with
    each distinct text detected once in the corpus (remembered by a digest, not
    by the text), so a large corpus never holds its sentences as Python strings;
    shorter ones ("Он ушёл.", "12:40") inherit their article's."""
    cols = {name: array("q") for name in ("article", "index", "paragraph", "start", "end")}
    languages: list[str] = []
    confidences = array("d")
    found: dict[bytes, tuple[str | None, float]] = {}
    pending: dict[bytes, str] = {}  # distinct texts waiting for detection
    waiting: list[tuple[int, bytes]] = []  # (row, digest) of the sentences that wait for them

    def detect_pending() -> None:
        found.update(zip(pending, _detect_batched(detector, list(pending.values()), None)))
        pending.clear()
        for row, key in waiting:
            code, conf = found[key]
            if code is not None:
                languages[row] = code
                confidences[row] = _confidence(conf)
        waiting.clear()
        if len(found) > FOUND_LIMIT:  # bounded: real sentences rarely repeat beyond boilerplate
            found.clear()

    with console.progress_task("segmenting and detecting sentence languages", total=len(records)) as advance:
        for k, rec in enumerate(records):
            text, language, confidence = rec["text"], rec["language"], rec["language_confidence"]
            paras = [s for s, _ in paragraphs_spans(text)]
            for idx, (s, e) in enumerate(segment(text, language)):
                row = len(languages)
                for name, value in (("article", k), ("index", idx), ("start", s), ("end", e),
                                    ("paragraph", bisect.bisect_right(paras, s) - 1)):
                    cols[name].append(value)
                languages.append(language)
                confidences.append(confidence)
                sentence = text[s:e]
                if letter_count(sentence) >= MIN_LETTERS:
                    key = hashlib.blake2b(sentence.encode("utf-8", "surrogatepass"), digest_size=16).digest()
                    if key not in found:
                        pending[key] = sentence
                    waiting.append((row, key))
            if len(pending) >= 16 * BATCH:
                detect_pending()
            advance(1)
        detect_pending()
    spans = pl.DataFrame({name: np.frombuffer(col, dtype=np.int64) for name, col in cols.items()})
    article = articles.get_column("article_id").gather(spans["article"])
    return pl.DataFrame({
        "article_id": article,
        "index": spans["index"], "paragraph": spans["paragraph"], "start": spans["start"], "end": spans["end"],
        "_text": articles.get_column("text").gather(spans["article"]),
        "language": pl.Series(languages, dtype=pl.Utf8), "language_confidence": pl.Series(confidences, dtype=pl.Float64),
    }).select(
        sentence_id_expr().alias("sentence_id"),
        "article_id", pl.col("index").cast(pl.Int32), pl.col("paragraph").cast(pl.Int32), "start", "end",
        pl.col("_text").str.slice(pl.col("start"), pl.col("end") - pl.col("start")).alias("text"),
        "language", "language_confidence",
    ).cast(SENTENCE_SCHEMA)


# ---------------------------------------------------------------------------- helpers
def _discover(cfg: Corpus, report: _Report, exclude: Path | None = None) -> tuple[list[Path], dict[tuple, tuple[str, Path]]]:
    root = cfg.root
    root_resolved = root.resolve()
    # A run directory inside the corpus folder holds articles.parquet: never read it back.
    excluded = exclude.resolve() if exclude is not None else None
    candidates: list[Path] = []
    explicit = cfg.include is not None
    if explicit:
        for pattern in cfg.include:
            msg = check_pattern(cfg, pattern)
            if msg:
                report.problem(root / "corpus.toml", msg)
                continue
            try:
                candidates.extend(p for p in root.glob(pattern) if p.is_file())
            except (ValueError, NotImplementedError, OSError) as exc:  # "**x", "a/**b": not a glob pathlib accepts
                report.problem(root / "corpus.toml", f"include pattern {pattern!r} is not a valid glob ({exc})")
    else:
        for p in root.rglob("*"):
            rel = p.relative_to(root).parts
            if any(part.startswith(".") for part in rel) or rel[0] == "gold":
                continue
            if (len(rel) == 1 and p.name == "corpus.toml") or p.name.upper().startswith("README"):
                continue
            if p.is_file():
                candidates.append(p)
    files: list[Path] = []
    translations: dict[tuple, tuple[str, Path]] = {}
    seen = set()
    run_dirs: dict[Path, bool] = {}
    for p in sorted(set(candidates)):
        rel = _display_path(p.relative_to(root).as_posix())
        try:
            resolved = p.resolve()
            inside = resolved.is_relative_to(root_resolved)
        except OSError:
            inside = False
        if inside and excluded is not None and resolved.is_relative_to(excluded):
            continue
        if _in_run_dir(p, root, run_dirs):
            continue
        if not inside:
            report.problem(rel, "links to a file outside the corpus folder; skipped")
            continue
        m = TRANSLATION_FILE.match(p.name)
        if m:
            translations[(str(p.parent), m.group("stem"))] = (m.group("lang").lower(), p)
            continue
        if p.suffix.lower() not in SUPPORTED_SUFFIXES:
            if explicit:
                report.problem(rel, f"unsupported file type {p.suffix or '(none)'}; expected .md, .txt, .html, .jsonl, .csv or .parquet")
            continue
        if p not in seen:
            seen.add(p)
            files.append(p)
    return files, translations


def _in_run_dir(path: Path, root: Path, _cache: dict[Path, bool]) -> bool:
    """True inside a run directory (articles + sentences tables) under the corpus."""
    for parent in path.parents:
        if parent == root or not parent.is_relative_to(root):
            return False
        if parent not in _cache:
            _cache[parent] = (parent / "articles.parquet").exists() and (parent / "sentences.parquet").exists()
        if _cache[parent]:
            return True
    return False


def _stem_key(path: Path) -> tuple:
    return (str(path.parent), path.stem)


def _mtime(path: Path) -> datetime | None:
    try:
        return datetime.fromtimestamp(path.stat().st_mtime, tz=timezone.utc)
    except OSError:
        return None


_provenance_cache: dict[tuple[Path, int], dict] = {}


def _provenance(path: Path) -> dict:
    """``fetched.json`` written by ``compare fetch`` beside saved pages."""
    manifest = path.parent / "fetched.json"
    try:
        key = (manifest.resolve(), manifest.stat().st_mtime_ns)
    except OSError:
        return {}
    if key not in _provenance_cache:  # read once per folder, not once per page
        try:
            _provenance_cache[key] = json.loads(manifest.read_text(encoding="utf-8"))
        except (OSError, ValueError, RecursionError):
            _provenance_cache[key] = {}
    data = _provenance_cache[key]
    entry = data.get(path.name) if isinstance(data, dict) else None
    return entry if isinstance(entry, dict) else {}


def _read_file(path: Path, rel: str, max_bytes: int, report: _Report) -> list[RawArticle]:
    suffix = path.suffix.lower()
    if suffix in TEXT_SUFFIXES:
        return [read_text_article(path, rel, max_bytes)]
    if suffix in HTML_SUFFIXES:
        return [read_html_article(path, rel, max_bytes, _provenance(path))]
    if suffix in TABLE_SUFFIXES:
        return list(read_table(path, rel, max_bytes, report.problem, report.warning))
    return []


def _display_path(rel: str) -> str:
    """A file name as text: bytes that are not UTF-8 (kept by the OS as lone
    surrogates) are shown as ``\\xNN`` escapes, which any table can store."""
    if not has_surrogates(rel):
        return rel
    return os.fsencode(rel).decode("utf-8", "backslashreplace")


_SCALARS = (str, int, float, date, datetime)
_PLAUSIBLE_DATES = (datetime(1800, 1, 1, tzinfo=timezone.utc), datetime(2200, 1, 1, tzinfo=timezone.utc))
_DATE_FIELDS = ("published", "fetched")


def _check_fields(raw: RawArticle, report: _Report) -> bool:
    """Article fields of the wrong type are dropped with a warning (an outlet of
    the wrong type skips the article: it could land under the wrong outlet);
    lone surrogates are replaced and reported. False when the article is skipped."""
    f = raw.fields
    where = raw.source_path
    scrubbed = []
    for key in [k for k in f if k in ARTICLE_FIELDS]:
        value = f[key]
        if value is None:
            del f[key]
            continue
        wrong = None
        if isinstance(value, bool):
            wrong = "true/false (YAML reads yes/no/on/off so: quote the value)"
        elif not isinstance(value, _SCALARS):
            wrong = _kind(value)
        elif isinstance(value, float) and not math.isfinite(value):
            wrong = f"the number {value}"
        elif isinstance(value, (date, datetime)) and key not in _DATE_FIELDS:
            value = f[key] = value.isoformat()
        if wrong is not None:
            if key in ("outlet", "text"):
                report.problem(where, f"field {key!r} is {wrong}, expected text")
                return False
            report.warning(where, f"field {key!r} is {wrong}, expected text; ignored")
            del f[key]
            continue
        if isinstance(value, str) and has_surrogates(value):
            f[key] = scrub_surrogates(value)
            lone = f[key].count("\ufffd") - value.count("\ufffd")
            scrubbed.append(key if lone else f"{key} (pairs joined)")
    if scrubbed:
        report.warning(where, f"UTF-16 surrogate escape(s) (such as \\ud800: half of a character) in "
                              f"{', '.join(scrubbed)}; a lone half is replaced with U+FFFD")
    raw.outlet_hint = [scrub_surrogates(h) for h in raw.outlet_hint if isinstance(h, str)]
    return True


def _kind(value: Any) -> str:
    if isinstance(value, (list, tuple, set, frozenset)):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, (bytes, bytearray)):
        return "binary data"
    return f"a {type(value).__name__}"


def _as_raw_string(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    s = str(value).strip()
    return s or None


def _language_code(value: Any) -> str | None:
    if not value:
        return None
    code = str(value).strip().lower().replace("_", "-").split("-")[0]
    return code or None


def _build_records(cfg: Corpus, raws: list[RawArticle], report: _Report) -> list[dict]:
    adhoc: dict[str, Outlet] = {}
    records = []
    for raw in raws:
        if not _check_fields(raw, report):
            continue
        f = raw.fields
        where = raw.source_path
        text = normalize_text(str(f.get("text") or ""))
        if not text:
            report.problem(where, "empty article (no body text)")
            continue
        outlet = _resolve_outlet(cfg, raw, adhoc, report)
        if outlet is None:
            continue
        title = clean_line(str(f.get("title") or ""))
        published_raw = _as_raw_string(f.get("published"))
        reference = raw.reference
        if f.get("fetched") is not None:
            try:
                fetched = parse_date(f["fetched"], timezone=outlet.timezone)
            except (ValueError, OverflowError):
                fetched = None
            if fetched is not None and _PLAUSIBLE_DATES[0] <= fetched < _PLAUSIBLE_DATES[1]:
                reference = fetched
        published = None
        if published_raw:
            try:
                published = parse_date(f.get("published"), reference=reference, timezone=outlet.timezone)
            except (ValueError, OverflowError):
                published = None
            if published is None:
                report.warning(where, f"published date {published_raw!r} not understood; left empty")
            elif not _PLAUSIBLE_DATES[0] <= published < _PLAUSIBLE_DATES[1]:
                # "0001-01-01" or "9999-12-31": a placeholder, and later stages count days from it
                report.warning(where, f"published date {published_raw!r} is before 1800 or after 2199; left empty")
                published = None
        declared = _language_code(f.get("language"))
        by_article = declared is not None
        if declared is None and len(outlet.languages) == 1:
            declared = _language_code(outlet.languages[0])
        translation = f.get("translation")
        translation = normalize_text(str(translation)) if translation else None
        url = _as_raw_string(f.get("url"))
        if url and http_url(url) is None:
            report.warning(where, f"url {url!r} is not a valid http(s) URL; kept as text, not linked")
        records.append({
            "article_id": content_id(outlet.id, title, text),
            "corpus": cfg.name, "outlet": outlet.id, "outlet_name": outlet.name,
            "outlet_country": outlet.country, "outlet_kind": outlet.kind,
            "title": title, "text": text, "published": published, "published_raw": published_raw,
            "url": url, "source_path": where,
            "declared_language": declared, "_declared_by_article": by_article, "word_count": word_count(text),
            "translation": translation or None,
            "translation_language": (_language_code(f.get("translation_language")) or "en") if translation else None,
        })
    return records


def _resolve_outlet(cfg: Corpus, raw: RawArticle, adhoc: dict[str, Outlet], report: _Report) -> Outlet | None:
    value = raw.fields.get("outlet")
    where = raw.source_path
    if cfg.outlets:
        if value:
            found = cfg.find_outlet(str(value))
            if found is None:
                report.problem(where, f"outlet {str(value)!r} is not in corpus.toml (known: {', '.join(cfg.outlets)})")
            return found
        for hint in raw.outlet_hint + [raw.fields.get("url"), _folder_of(where)]:
            found = cfg.find_outlet(hint) if hint else None
            if found:
                return found
        if len(cfg.outlets) == 1:
            return next(iter(cfg.outlets.values()))
        report.problem(where, f"no outlet given and corpus.toml lists {len(cfg.outlets)}; add 'outlet:' to the article")
        return None
    name = str(value).strip() if value else None
    if not name:
        for hint in raw.outlet_hint:
            name = url_host(hint) if ("/" in hint or "." in hint) else hint
            if name:
                break
    if not name:
        # "corpus/tass/raid.txt": a folder per outlet is the usual way to keep downloads
        name = _folder_of(where)
    if not name:
        # A folder of bare text files: each file speaks for itself rather than being
        # dropped, so a first run shows something; corpus.toml or 'outlet:' fixes it.
        name = Path(where).stem
        report.warning(where, f"no outlet given; compared as its own outlet {name!r} "
                              "(add 'outlet:' to the article or put it in a folder named after its outlet)")
    if name not in adhoc:
        adhoc[name] = Outlet(id=name, name=name)
    return adhoc[name]


def _folder_of(where: str) -> str | None:
    """The top folder of a corpus-relative path ("tass/raid.txt" -> "tass"), if any."""
    parts = Path(where).parts
    return parts[0] if len(parts) > 1 else None


def _detect_batched(detector, texts: list[str], description: str | None) -> list[tuple[str | None, float]]:
    """``(code, confidence)`` per text, in batches of ``BATCH``, under a progress
    bar named ``description`` (none when ``None``)."""
    # Reprints and boilerplate repeat sentences verbatim: detect each distinct text once.
    unique = list(dict.fromkeys(texts))
    found: dict[str, tuple[str | None, float]] = {}
    if not unique:
        return []
    with (console.progress_task(description, total=len(unique)) if description
          else contextlib.nullcontext(lambda n: None)) as advance:
        for i in range(0, len(unique), BATCH):
            chunk = unique[i:i + BATCH]
            found.update(zip(chunk, detector.detect_many(chunk)))
            advance(len(chunk))
    return [found[t] for t in texts]
