"""Translation quality of an installed model: chrF and BLEU with sacrebleu.

Reads line-aligned files as in NTREX-128 (``newstest2019-src.eng.txt``,
``newstest2019-ref.rus.txt``, ``newstest2019-ref.aze-Latn.txt``), translates
one side with the installed package(s) for the pair (direct or through
English) and scores against the other. Only the model is measured: no cache.
"""
from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from compare import console
from compare.errors import CompareError, InputProblem, ModelMissing

FILES = {
    "en": "newstest2019-src.eng.txt",
    "ru": "newstest2019-ref.rus.txt",
    "az": "newstest2019-ref.aze-Latn.txt",
}


@dataclass
class TranslationEvalResult:
    pair: str
    segments: int
    chrf: float
    bleu: float
    chrf_signature: str
    bleu_signature: str
    models: list[str]
    seconds: float
    exit_code: int = 0

    def __str__(self) -> str:
        return "\n".join([
            f"{self.pair}: {self.segments} segments, chrF {self.chrf:.2f}, BLEU {self.bleu:.2f} "
            f"({self.segments / max(self.seconds, 1e-9):.1f} segments/s)",
            f"models: {', '.join(self.models)}",
            f"chrF signature: {self.chrf_signature}",
            f"BLEU signature: {self.bleu_signature}",
        ])


def _read_lines(path: Path, limit: int | None) -> list[str]:
    if not path.is_file():
        raise InputProblem(path, "file not found")
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except UnicodeDecodeError:
        raise InputProblem(path, "not UTF-8 text") from None
    return lines[:limit] if limit else lines


def evaluate_translation(
    data,
    pair: str = "ru-en",
    limit: int | None = None,
    *,
    batch_size: int = 32,
    beam_size: int = 2,
    threads: int = 0,
    compute_type: str = "int8",
    max_decoding_length: int = 256,
    packages_dir=None,
) -> TranslationEvalResult:
    from sacrebleu.metrics import BLEU, CHRF

    from compare.translate.engine import CTranslate2Translator
    from compare.translate.models import find_route

    data = Path(data)
    try:
        src_code, tgt_code = pair.split("-")
    except ValueError:
        raise CompareError(f"pair {pair!r}: expected FROM-TO, e.g. ru-en") from None
    for code in (src_code, tgt_code):
        if code not in FILES:
            raise CompareError(f"pair {pair!r}: {code!r} has no reference file; choose from {', '.join(FILES)}")
    if not data.is_dir():
        raise InputProblem(data, "not a folder (expected NTREX line-aligned files)")
    sources = _read_lines(data / FILES[src_code], limit)
    references = _read_lines(data / FILES[tgt_code], limit)
    if len(sources) != len(references):
        raise InputProblem(data, f"{FILES[src_code]} and {FILES[tgt_code]} differ in line count")
    route = find_route(src_code, tgt_code, packages_dir)
    if route is None:
        raise ModelMissing(
            f"no {src_code}→{tgt_code} translation model installed; install one with "
            f"`compare models install {src_code} {tgt_code}` or offline `compare models install FILE.argosmodel`"
        )
    started = time.perf_counter()
    texts = sources
    for pkg in route:
        engine = CTranslate2Translator(pkg, compute_type=compute_type, threads=threads, beam_size=beam_size,
                                       max_decoding_length=max_decoding_length, batch_size=batch_size)
        out: list[str] = []
        chunk = max(batch_size * 8, 1)
        with console.progress_task(f"translating {pkg.from_code}→{pkg.to_code}", len(texts)) as advance:
            for i in range(0, len(texts), chunk):
                part = texts[i:i + chunk]
                out.extend(engine.translate(part))
                advance(len(part))
        texts = out
    seconds = time.perf_counter() - started
    chrf, bleu = CHRF(), BLEU()
    # BLEU tokenisation per target language follows sacrebleu's defaults.
    chrf_score = chrf.corpus_score(texts, [references])
    bleu_score = bleu.corpus_score(texts, [references])
    return TranslationEvalResult(
        pair=pair,
        segments=len(sources),
        chrf=chrf_score.score,
        bleu=bleu_score.score,
        chrf_signature=str(chrf.get_signature()),
        bleu_signature=str(bleu.get_signature()),
        models=[f"{p.from_code}→{p.to_code} {p.package_version} ({p.model_id})" for p in route],
        seconds=seconds,
    )
