"""``compare eval langid``: language-identification accuracy per language.

Documents and labelled files are judged with the article candidate set,
single NTREX sentences with the sentence candidate set, as ``compare ingest``
uses them.

Data is either the NTREX-128 folder (``ntrex128_docs.en-az-ru.jsonl`` for
whole documents, and the line-aligned ``newstest2019-*`` files for single
sentences) or a JSONL file of ``{"text", "language"}`` records or a TSV file
of ``language<TAB>text`` lines.
"""
from __future__ import annotations

import json
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from compare import console
from compare.errors import CompareError
from compare.language import get_detector, get_sentence_detector

NTREX_DOCS = "ntrex128_docs.en-az-ru.jsonl"
NTREX_LINES = {
    "en": "newstest2019-src.eng.txt",
    "az": "newstest2019-ref.aze-Latn.txt",
    "ru": "newstest2019-ref.rus.txt",
}


@dataclass
class LevelScore:
    level: str
    gold: list[str] = field(default_factory=list)
    predicted: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def n(self) -> int:
        return len(self.gold)

    @property
    def accuracy(self) -> float:
        return sum(g == p for g, p in zip(self.gold, self.predicted)) / self.n if self.n else 0.0

    def per_language(self) -> dict[str, tuple[int, int, float]]:
        total, right = Counter(self.gold), Counter(g for g, p in zip(self.gold, self.predicted) if g == p)
        return {lang: (right[lang], total[lang], right[lang] / total[lang]) for lang in sorted(total)}

    def confusion(self) -> dict[str, Counter]:
        conf: dict[str, Counter] = defaultdict(Counter)
        for g, p in zip(self.gold, self.predicted):
            conf[g][p] += 1
        return conf


@dataclass
class LangidResult:
    backend: str
    data: str
    levels: list[LevelScore]
    exit_code: int = 0

    def level(self, name: str) -> LevelScore:
        for lv in self.levels:
            if lv.level == name:
                return lv
        raise KeyError(name)

    def __str__(self) -> str:
        lines = [f"language identification, backend {self.backend}, data {self.data}", ""]
        for lv in self.levels:
            lines.append(f"{lv.level} level: {lv.n} texts, accuracy {lv.accuracy:.2%} ({lv.seconds:.1f} s)")
            lines.append("| language | correct | total | accuracy | predicted as |")
            lines.append("|---|---:|---:|---:|---|")
            conf = lv.confusion()
            for lang, (right, total, acc) in lv.per_language().items():
                preds = ", ".join(f"{p or 'none'} {c}" for p, c in conf[lang].most_common())
                lines.append(f"| {lang} | {right} | {total} | {acc:.2%} | {preds} |")
            lines.append("")
        return "\n".join(lines).rstrip()


def _ntrex(folder: Path, limit: int | None) -> dict[str, list[tuple[str, str]]]:
    data: dict[str, list[tuple[str, str]]] = {}
    docs_path = folder / NTREX_DOCS
    if docs_path.exists():
        docs = []
        for line in docs_path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            rec = json.loads(line)
            for lang in ("en", "az", "ru"):
                if rec.get(lang):
                    docs.append(("\n".join(rec[lang]), lang))
        data["article"] = docs
    sents = []
    for lang, name in NTREX_LINES.items():
        path = folder / name
        if path.exists():
            lines = [x for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]
            sents.extend((x, lang) for x in lines[:limit])
    if sents:
        data["sentence"] = sents
    if not data:
        raise CompareError(f"{folder}: no {NTREX_DOCS} or newstest2019-* files found")
    return data


def _labelled_file(path: Path) -> dict[str, list[tuple[str, str]]]:
    items = []
    for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        if path.suffix.lower() == ".jsonl":
            try:
                rec = json.loads(line)
                items.append((rec["text"], rec["language"]))
            except (ValueError, KeyError, TypeError):
                raise CompareError(f"{path}#row={i}: expected a JSON object with text and language") from None
        else:
            lang, sep, text = line.partition("\t")
            if not sep:
                raise CompareError(f"{path}#row={i}: expected language<TAB>text")
            items.append((text, lang.strip()))
    return {"text": items}


def evaluate_langid(data: str | Path, backend: str = "lingua", *, limit: int | None = None) -> LangidResult:
    """Accuracy and confusion of ``backend`` on NTREX (documents and sentences) or a labelled file."""
    data = Path(data)
    if not data.exists():
        raise CompareError(f"{data}: not found")
    sets = _ntrex(data, limit) if data.is_dir() else _labelled_file(data)
    levels = []
    for level, items in sets.items():
        # Sentences are judged with the candidate set ingest uses for sentences.
        detector = get_sentence_detector(backend) if level == "sentence" else get_detector(backend)
        score = LevelScore(level=level)
        start = time.perf_counter()
        texts = [t for t, _ in items]
        preds = []
        with console.progress_task(f"{level} level", total=len(texts)) as advance:
            for i in range(0, len(texts), 256):
                chunk = texts[i:i + 256]
                preds.extend(code for code, _ in detector.detect_many(chunk))
                advance(len(chunk))
        score.seconds = time.perf_counter() - start
        score.gold = [g for _, g in items]
        score.predicted = preds
        levels.append(score)
    return LangidResult(backend=backend, data=str(data), levels=levels)
