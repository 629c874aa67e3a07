"""The run directory: Parquet tables that stages read and write.

Data flows one way. ``compare ingest`` writes ``articles`` and ``sentences``;
``translate`` writes ``translations``; ``align`` writes ``events``; ``analyze``
writes claims, matrices, attributions, agency and numbers; ``report`` and
``figures`` only read. Every table is written atomically (temporary file, then
rename) so a killed stage never leaves a half-written table behind.
"""
from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

import polars as pl

from compare.errors import MissingStage

# Which stage writes each table; used for error messages and by ``compare run``.
TABLE_STAGE = {
    "articles": "ingest",
    "sentences": "ingest",
    "problems": "ingest",
    "translations": "translate",
    "events": "align",
    "event_links": "align",
    "claims": "analyze",
    "claim_clusters": "analyze",
    "claim_matrix": "analyze",
    "entities": "analyze",
    "quantities": "analyze",
    "attributions": "analyze",
    "source_mix": "analyze",
    "agency": "analyze",
    "agency_summary": "analyze",
    "numbers": "analyze",
}


def content_id(*parts: str, length: int = 16) -> str:
    """Stable id from content: the same inputs always give the same id."""
    h = hashlib.blake2b(digest_size=16)
    for part in parts:
        h.update(part.encode("utf-8"))
        h.update(b"\x1f")
    return h.hexdigest()[:length]


def sentence_id(article_id: str, index: int) -> str:
    """Sentence ids sort in reading order within an article."""
    return f"{article_id}-s{index:04d}"


def file_sha256(path: str | Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


@dataclass(frozen=True)
class Run:
    """A run directory. ``Run("runs/demo").read("articles")`` returns a DataFrame."""

    path: Path

    def __init__(self, path: str | Path):
        object.__setattr__(self, "path", Path(path))

    # -- paths ---------------------------------------------------------------
    def table_path(self, name: str) -> Path:
        return self.path / f"{name}.parquet"

    def has(self, name: str) -> bool:
        return self.table_path(name).exists()

    @property
    def figures_dir(self) -> Path:
        return self.path / "figures"

    @property
    def report_dir(self) -> Path:
        return self.path / "report"

    @property
    def tables_dir(self) -> Path:
        return self.path / "tables"

    @property
    def cache_dir(self) -> Path:
        return self.path / "cache"

    # -- tables --------------------------------------------------------------
    def read(self, name: str, *, required: bool = True) -> pl.DataFrame | None:
        path = self.table_path(name)
        if not path.exists():
            if not required:
                return None
            stage = TABLE_STAGE.get(name, "an earlier stage")
            raise MissingStage(
                f"{path}: table not found; run `compare {stage}` first"
            )
        return pl.read_parquet(path)

    def scan(self, name: str) -> pl.LazyFrame:
        path = self.table_path(name)
        if not path.exists():
            stage = TABLE_STAGE.get(name, "an earlier stage")
            raise MissingStage(f"{path}: table not found; run `compare {stage}` first")
        return pl.scan_parquet(path)

    def write(self, name: str, df: pl.DataFrame, *, csv: bool = False) -> Path:
        """Write a table atomically; with ``csv=True`` also ``tables/NAME.csv``."""
        self.path.mkdir(parents=True, exist_ok=True)
        path = self.table_path(name)
        _atomic_write(path, lambda tmp: df.write_parquet(tmp, compression="zstd", statistics=False))
        if csv:
            self.tables_dir.mkdir(parents=True, exist_ok=True)
            _atomic_write(self.tables_dir / f"{name}.csv", lambda tmp: csv_safe(df).write_csv(tmp))
        return path

    def write_json(self, name: str, data) -> Path:
        self.path.mkdir(parents=True, exist_ok=True)
        path = self.path / name
        text = json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True, default=str)
        _atomic_write(path, lambda tmp: Path(tmp).write_text(text + "\n", encoding="utf-8"))
        return path


def csv_safe(df: pl.DataFrame) -> pl.DataFrame:
    """CSV has no nested types: join lists with ' | ' and encode structs as JSON."""
    exprs = []
    for name, dtype in df.schema.items():
        if isinstance(dtype, pl.List):
            exprs.append(pl.col(name).cast(pl.List(pl.Utf8)).list.join(" | ").alias(name))
        elif isinstance(dtype, pl.Struct):
            exprs.append(pl.col(name).struct.json_encode().alias(name))
    return df.with_columns(exprs) if exprs else df


def _atomic_write(path: Path, writer) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    os.close(fd)
    try:
        writer(tmp)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def atomic_write_text(path: str | Path, text: str) -> Path:
    path = Path(path)
    _atomic_write(path, lambda tmp: Path(tmp).write_text(text, encoding="utf-8"))
    return path


def atomic_write_bytes(path: str | Path, data: bytes) -> Path:
    path = Path(path)
    _atomic_write(path, lambda tmp: Path(tmp).write_bytes(data))
    return path


def concat(frames: Iterable[pl.DataFrame]) -> pl.DataFrame:
    frames = [f for f in frames if f is not None and f.height]
    if not frames:
        return pl.DataFrame()
    return pl.concat(frames, how="diagonal_relaxed")
