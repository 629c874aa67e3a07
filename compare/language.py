"""Language identification backends.

A detector has ``detect(text) -> (code, confidence)`` and
``detect_many(texts) -> list[(code, confidence)]``; codes are ISO 639-1, and
``(None, 0.0)`` means "no language could be determined" (no letters).
Backends are registered in :data:`compare.registry.language_detectors`:

* ``lingua`` (default): lingua-language-detector restricted to candidates.
  Articles: the supported languages (az, ru, en), their close relatives (tr,
  uk, kk, be) so that those are not mistaken for a supported one, other
  Cyrillic languages (bg, mk, sr, mn) and a few widespread languages (de, fr,
  es, it, pt, pl, nl, zh, ja, ar, fa, ka, hy), so that an article in one of
  them is recognised as unsupported instead of being forced onto the closest
  supported language. Sentences: supported languages and close relatives
  only, which is the most accurate set on single sentences (see
  docs/language-id.md). Its models ship inside the wheel: nothing is downloaded.
* ``langdetect``: the Google language-detection port, seeded for repeatable
  results. It has no Azerbaijani model: Azerbaijani text comes out as Turkish.
"""
from __future__ import annotations

import re
import threading
from functools import lru_cache
from typing import Iterable, Protocol, Sequence

from compare.registry import language_detectors

SUPPORTED = ("az", "ru", "en")
RELATIVES = ("tr", "uk", "kk", "be")
OTHERS = ("bg", "mk", "sr", "mn", "de", "fr", "es", "it", "pt", "pl", "nl", "zh", "ja", "ar", "fa", "ka", "hy")
ARTICLE_CANDIDATES = SUPPORTED + RELATIVES + OTHERS
SENTENCE_CANDIDATES = SUPPORTED + RELATIVES
DEFAULT_CANDIDATES = ARTICLE_CANDIDATES
# A sentence with fewer letters than this inherits its article's language.
MIN_LETTERS = 20


class Detector(Protocol):
    name: str

    def detect(self, text: str) -> tuple[str | None, float]: ...

    def detect_many(self, texts: Sequence[str]) -> list[tuple[str | None, float]]: ...


_lock = threading.Lock()
_built: list = []  # the lingua detectors built so far (see ``release_models``)


@lru_cache(maxsize=8)
def _lingua_detector(candidates: tuple[str, ...]):
    # Building a detector loads models lazily; one per candidate set is enough.
    from lingua import IsoCode639_1, Language, LanguageDetectorBuilder

    langs = []
    for code in candidates:
        try:
            langs.append(Language.from_iso_code_639_1(IsoCode639_1.from_str(code)))
        except (ValueError, AttributeError):
            raise ValueError(f"lingua has no language with code {code!r}") from None
    detector = LanguageDetectorBuilder.from_languages(*langs).build()
    _built.append(detector)
    return detector


def release_models() -> None:
    """Unload lingua's language models (about half a GB for the article
    candidates once three languages were seen). The detectors stay usable: a
    later detection loads what it needs again. Ingest calls this after a
    large corpus, so the later stages of a run do not carry the models."""
    with _lock:
        for detector in _built:
            detector.unload_language_models()


class LinguaDetector:
    name = "lingua"

    def __init__(self, candidates: Iterable[str] = DEFAULT_CANDIDATES):
        self.candidates = tuple(sorted(set(candidates)))

    @property
    def _detector(self):
        with _lock:
            return _lingua_detector(self.candidates)

    @staticmethod
    def _top(values) -> tuple[str | None, float]:
        if not values:
            return None, 0.0
        best = values[0]
        if best.value <= 0.0:
            return None, 0.0
        return best.language.iso_code_639_1.name.lower(), float(best.value)

    def detect(self, text: str) -> tuple[str | None, float]:
        return _not_uzbek(text, self._top(self._detector.compute_language_confidence_values(text)))

    def detect_many(self, texts: Sequence[str]) -> list[tuple[str | None, float]]:
        if not texts:
            return []
        values = self._detector.compute_language_confidence_values_in_parallel(list(texts))
        return [_not_uzbek(t, self._top(v)) for t, v in zip(texts, values)]


# lingua has no Uzbek model, and Uzbek (Latin script) comes out as Azerbaijani.
# Azerbaijani prose cannot go on for long without "ə", its most frequent vowel;
# Uzbek has no "ə" and writes oʻ / gʻ. Such a text is called Uzbek ("uz"), a
# language this toolkit does not analyse, rather than misread as Azerbaijani.
_UZBEK_LETTERS = re.compile(r"[OoGg][ʻ‘'`’]")
_MIN_LETTERS_FOR_SCHWA = 80


def _not_uzbek(text: str, result: tuple[str | None, float]) -> tuple[str | None, float]:
    if result[0] != "az" or "ə" in text or "Ə" in text:
        return result
    if sum(ch.isalpha() for ch in text) >= _MIN_LETTERS_FOR_SCHWA and len(_UZBEK_LETTERS.findall(text)) >= 2:
        return "uz", result[1]
    return result


class LangdetectDetector:
    name = "langdetect"

    def __init__(self, candidates: Iterable[str] | None = None):
        # langdetect has its own fixed language set (no Azerbaijani, no Kazakh);
        # candidates are accepted for a uniform interface but do not restrict it.
        self.candidates = tuple(candidates) if candidates else None

    def detect(self, text: str) -> tuple[str | None, float]:
        from langdetect import DetectorFactory, detect_langs
        from langdetect.lang_detect_exception import LangDetectException

        DetectorFactory.seed = 0  # langdetect is random without a seed
        try:
            results = detect_langs(text)
        except LangDetectException:
            return None, 0.0
        if not results:
            return None, 0.0
        top = results[0]
        return _LANGDETECT_CODES.get(top.lang, top.lang), float(top.prob)

    def detect_many(self, texts: Sequence[str]) -> list[tuple[str | None, float]]:
        return [self.detect(t) for t in texts]


# langdetect uses a few non-ISO-639-1 codes.
_LANGDETECT_CODES = {"zh-cn": "zh", "zh-tw": "zh"}

language_detectors.register("lingua", LinguaDetector)
language_detectors.register("langdetect", LangdetectDetector)


@lru_cache(maxsize=8)
def get_detector(backend: str = "lingua", candidates: tuple[str, ...] | None = None) -> Detector:
    """A detector, built once per backend and candidate set."""
    if candidates is None:
        return language_detectors.create(backend)
    return language_detectors.create(backend, candidates=candidates)


def get_sentence_detector(backend: str = "lingua") -> Detector:
    return get_detector(backend, SENTENCE_CANDIDATES)


def detect_language(text: str, backend: str = "lingua") -> tuple[str | None, float]:
    """``(code, confidence)`` of ``text``; ``(None, 0.0)`` when it has no letters."""
    return get_detector(backend).detect(text)


def detect_many(texts: Sequence[str], backend: str = "lingua") -> list[tuple[str | None, float]]:
    return get_detector(backend).detect_many(texts)


def is_supported(code: str | None) -> bool:
    return code in SUPPORTED
