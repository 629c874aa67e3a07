"""Translation engines: CTranslate2 on an Argos package, or argostranslate itself.

:class:`CTranslate2Translator` runs the package's CTranslate2 model directly on
already-segmented sentences, in large length-sorted batches. That skips what
argostranslate does per call (sentence splitting with stanza/minisbd, one
``translate_batch`` per paragraph) and is what ``translate_run`` uses.

:class:`ArgosTranslator` calls ``argostranslate.translate`` (the ``argos``
extra) and exists for comparison and for packages whose tokenizer we do not
handle ourselves.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Sequence

from compare.errors import CompareError
from compare.translate.package import ArgosPackage, PackageError


# --------------------------------------------------------------------------- tokenizers
class SentencePieceTokenizer:
    def __init__(self, model_file: Path):
        import sentencepiece as spm

        self.processor = spm.SentencePieceProcessor(model_file=str(model_file))

    def encode(self, texts: Sequence[str]) -> list[list[str]]:
        return self.processor.encode(list(texts), out_type=str)

    def decode(self, tokens: list[str]) -> str:
        # decode_pieces handles byte-fallback pieces; a stray "▁" can survive
        # when the model emits an unknown piece, so map it to a space as
        # argostranslate does.
        return self.processor.decode_pieces(tokens).replace("\u2581", " ").strip()


class BPETokenizer:
    """Moses tokenisation + subword-nmt BPE (``bpe.model``), as older packages use."""

    def __init__(self, model_file: Path, from_code: str, to_code: str):
        try:
            from sacremoses import MosesDetokenizer, MosesPunctNormalizer, MosesTokenizer
            from subword_nmt.apply_bpe import BPE
        except ImportError:
            raise CompareError(
                f"{model_file}: this package uses a BPE tokenizer; install it with "
                "`pip install sacremoses subword-nmt`"
            ) from None
        self.normalizer = MosesPunctNormalizer(from_code)
        self.tokenizer = MosesTokenizer(from_code)
        self.detokenizer = MosesDetokenizer(to_code)
        with open(model_file, encoding="utf-8") as fh:
            self.bpe = BPE(fh)

    def encode(self, texts: Sequence[str]) -> list[list[str]]:
        out = []
        for text in texts:
            # Default Moses escaping (&apos; ...), as the packages were trained with.
            words = self.tokenizer.tokenize(self.normalizer.normalize(text))
            out.append(self.bpe.segment_tokens(words))
        return out

    def decode(self, tokens: list[str]) -> str:
        words = " ".join(tokens).replace("@@ ", "").split()
        return self.detokenizer.detokenize(words).strip()


def make_tokenizer(package: ArgosPackage):
    kind = package.tokenizer_kind
    if kind == "sentencepiece":
        return SentencePieceTokenizer(package.path / "sentencepiece.model")
    return BPETokenizer(package.path / "bpe.model", package.from_code, package.to_code)


# --------------------------------------------------------------------------- engines
class _PackageEngine:
    """What every engine reports about the package it runs."""

    package: ArgosPackage

    @property
    def model_id(self) -> str:
        return self.package.model_id

    @property
    def model_version(self) -> str:
        return self.package.package_version


class CTranslate2Translator(_PackageEngine):
    """One package loaded in CTranslate2 on the CPU.

    ``translate(texts)`` keeps the input order. Batches are formed by the
    caller (so that a cache can commit per batch); within a call CTranslate2
    sorts by length again, so padding stays small.
    """

    engine = "ctranslate2"

    def __init__(self, package: ArgosPackage, *, compute_type: str = "int8", threads: int = 0,
                 beam_size: int = 2, max_decoding_length: int = 256, batch_size: int = 32):
        import ctranslate2

        self.package = package
        self.beam_size = beam_size
        self.max_decoding_length = max_decoding_length
        self.batch_size = batch_size
        self.tokenizer = make_tokenizer(package)
        if threads <= 0:
            # CTranslate2's own default is a fixed 4 threads; "0" here means every
            # core this process may use.
            threads = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
        try:
            self.translator = ctranslate2.Translator(
                str(package.model_dir), device="cpu", compute_type=compute_type,
                inter_threads=1, intra_threads=threads,
            )
        except (RuntimeError, ValueError) as exc:
            raise PackageError(package.path, f"CTranslate2 cannot load the model: {exc}") from None
        self.prefix = package.target_prefix

    def translate(self, texts: Sequence[str]) -> list[str]:
        if not texts:
            return []
        tokens = self.tokenizer.encode(texts)
        # An empty token list makes CTranslate2 decode from nothing; translate
        # such inputs (whitespace only) to the empty string instead.
        keep = [i for i, t in enumerate(tokens) if t]
        out = [""] * len(texts)
        if not keep:
            return out
        batch = [tokens[i] for i in keep]
        prefix = [[self.prefix] for _ in batch] if self.prefix else None
        results = self.translator.translate_batch(
            batch,
            target_prefix=prefix,
            beam_size=self.beam_size,
            max_batch_size=self.batch_size,
            max_decoding_length=self.max_decoding_length,
            replace_unknowns=True,
        )
        for i, res in zip(keep, results):
            hyp = list(res.hypotheses[0])
            if self.prefix and hyp and hyp[0] == self.prefix:
                hyp = hyp[1:]
            out[i] = self.tokenizer.decode(hyp)
        return out


class ArgosTranslator(_PackageEngine):
    """argostranslate's own ``translate()`` (needs ``pip install 'compare[argos]'``)."""

    engine = "argos"

    def __init__(self, package: ArgosPackage, **_ignored):
        try:
            import argostranslate.translate as argos_translate
        except ImportError:
            raise CompareError("the argos engine needs argostranslate: pip install 'compare[argos]'") from None
        self.package = package
        self._translate = argos_translate.translate

    def translate(self, texts: Sequence[str]) -> list[str]:
        try:
            return [self._translate(t, self.package.from_code, self.package.to_code) for t in texts]
        except OSError as exc:  # urllib's URLError included
            # argostranslate fetches its sentence-splitting model on first use.
            raise CompareError(
                f"argostranslate could not run offline ({exc}); its sentence splitter downloads a model "
                "on first use. Use the default engine (ctranslate2), which needs no download"
            ) from None
