"""The run directory: Parquet tables that stages read and write.

Data flows one way. ``compare ingest`` writes ``articles`` and ``sentences``;
``translate`` writes ``translations``; ``align`` writes ``events``; ``analyze``
writes claims, matrices, attributions, agency and numbers; ``report`` and
``figures`` only read. Every table is written atomically (temporary file, then
rename) so a killed stage never leaves a half-written table behind; files get
the usual permissions (0644 under the default umask), and temporary files a
killed process left behind are swept by :func:`sweep_temp_files`. A run
directory is written by one process at a time (:class:`RunLock`).
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import secrets
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

import polars as pl

from compare.errors import CompareError, MissingStage
from compare.safety import csv_guard

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


def sentence_id_expr(article_id: str = "article_id", index: str = "index"):
    """:func:`sentence_id` as a polars expression over two columns."""
    return pl.concat_str(pl.col(article_id), pl.lit("-s"), pl.col(index).cast(pl.Utf8).str.zfill(4))


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
        """The run's CSV, Parquet and JSON exports: inside the report (written
        by ``compare report``), so the report folder is complete on its own.
        Stages write only the Parquet tables at the run's top level."""
        return self.report_dir / "tables"

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

    def write(self, name: str, df: pl.DataFrame) -> Path:
        """Write a table atomically (Parquet; the report exports it as CSV and JSON too)."""
        self.path.mkdir(parents=True, exist_ok=True)
        path = self.table_path(name)
        _atomic_write(path, lambda tmp: df.write_parquet(tmp, compression="zstd", statistics=False))
        return path

    def write_batches(self, name: str, schema: dict, batches: Iterable[pl.DataFrame]) -> Path:
        """Write a table from batches of its rows, in order, through polars'
        streaming Parquet sink, so that the whole table is never held (atomic
        as :meth:`write`). The file is equal as a table to what :meth:`write`
        gives for the rows put together; its row groups may differ."""
        self.path.mkdir(parents=True, exist_ok=True)
        path = self.table_path(name)
        frame = _lazy_batches(schema, batches)
        _atomic_write(path, lambda tmp: frame.sink_parquet(tmp, compression="zstd", statistics=False))
        return path

    def write_json(self, name: str, data) -> Path:
        self.path.mkdir(parents=True, exist_ok=True)
        path = self.path / name
        text = json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True, default=str)
        _atomic_write(path, lambda tmp: Path(tmp).write_text(text + "\n", encoding="utf-8"))
        return path


def flatten_nested(df: pl.DataFrame) -> pl.DataFrame:
    """Flat cells for CSV and spreadsheets: lists joined with ' | ', structs as JSON."""
    exprs = []
    for name, dtype in df.schema.items():
        if isinstance(dtype, pl.List | pl.Array):
            exprs.append(pl.col(name).cast(pl.List(pl.Utf8)).list.join(" | ").alias(name))
        elif isinstance(dtype, pl.Struct):
            exprs.append(pl.col(name).struct.json_encode().alias(name))
    return df.with_columns(exprs) if exprs else df


def _lazy_batches(schema: dict, batches: Iterable[pl.DataFrame]) -> pl.LazyFrame:
    """A lazy frame whose rows are ``batches``, read once, in order (a polars
    IO source, so that a streaming sink takes one batch at a time)."""
    from polars.io.plugins import register_io_source

    schema = dict(schema)

    def source(with_columns, predicate, n_rows, batch_size):
        for batch in batches:
            batch = batch.select(schema.keys()).cast(schema)
            if with_columns is not None:
                batch = batch.select(with_columns)
            if predicate is not None:
                batch = batch.filter(predicate)
            if n_rows is not None:
                batch, n_rows = batch.head(n_rows), n_rows - min(n_rows, batch.height)
            yield batch
            if n_rows == 0:
                return

    return register_io_source(source, schema=schema)


def csv_safe(df: pl.DataFrame) -> pl.DataFrame:
    """CSV has no nested types (:func:`flatten_nested`). Text a spreadsheet
    would run as a formula gets a leading apostrophe (:func:`compare.safety.csv_guard`)."""
    return csv_guard(flatten_nested(df))


# Temporary files are ".NAME.XXXXXXXX.tmp" beside their target; older versions
# wrote ".NAME.XXXXXXXX" (tempfile.mkstemp). Both are swept.
_TEMP_NAME = re.compile(r"^\..+\.[A-Za-z0-9_]{8}(?:\.tmp)?$")


def _temp_path(path: Path) -> Path:
    """Create an empty temporary file beside ``path``, mode 0666 less the umask
    (what any new file gets), unlike ``mkstemp``'s 0600."""
    for _ in range(100):
        tmp = path.parent / f".{path.name}.{secrets.token_hex(4)}.tmp"
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        except FileExistsError:
            continue
        os.close(fd)
        return tmp
    raise CompareError(f"{path.parent}: cannot create a temporary file")


def _fsync(path: Path, *, directory: bool = False) -> None:
    """Flush to disk, so a power cut after the rename cannot leave an empty file."""
    try:
        fd = os.open(path, os.O_RDONLY | (getattr(os, "O_DIRECTORY", 0) if directory else 0))
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # some file systems (and Windows directories) cannot be synced
    finally:
        os.close(fd)


def _atomic_write(path: Path, writer) -> None:
    """``writer(tmp)`` writes a temporary file that then replaces ``path`` in one
    rename: readers see the old file or the new one, never a part of it."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = _temp_path(path)
    try:
        writer(str(tmp))
        _fsync(tmp)
        os.replace(tmp, path)
        if os.name == "posix":
            _fsync(path.parent, directory=True)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def sweep_temp_files(folder: str | Path) -> list[Path]:
    """Remove temporary files that a killed process left in ``folder`` (recursively).

    Only call this while holding the folder's :class:`RunLock`: a live writer's
    temporary file must not be taken from under it.
    """
    folder = Path(folder)
    removed = []
    if not folder.is_dir():
        return removed
    for root, dirs, names in os.walk(folder):
        for name in names:
            if _TEMP_NAME.match(name) and name != LOCK_NAME:
                path = Path(root) / name
                try:
                    path.unlink()
                except OSError:
                    continue
                removed.append(path)
    return removed


# --------------------------------------------------------------------------- lock
LOCK_NAME = ".compare.lock"
_held: dict[Path, list] = {}


class RunBusy(CompareError):
    """Another process is writing the same run directory."""


class RunLock:
    """An exclusive lock on a run directory, held while a command writes it.

    The lock is an OS file lock (``flock``) on ``RUN/.compare.lock``: the
    operating system releases it when the process ends, however it ends, so a
    killed run never leaves a stale lock behind. A second process that tries
    to take it is refused at once with :class:`RunBusy`. Re-entrant within one
    process (``compare run`` holds it while its stages run).
    """

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self._key: Path | None = None

    def __enter__(self) -> "RunLock":
        self.path.mkdir(parents=True, exist_ok=True)
        key = self.path.resolve()
        if key in _held:
            _held[key][1] += 1
            self._key = key
            return self
        lock_file = self.path / LOCK_NAME
        fd = os.open(lock_file, os.O_RDWR | os.O_CREAT, 0o666)
        try:
            _lock_fd(fd)
        except BlockingIOError:
            other = _read_owner(fd)
            os.close(fd)
            raise RunBusy(
                f"{self.path}: another compare process{other} is writing this run directory; "
                "wait for it to finish, or use another output folder"
            ) from None
        except OSError:
            os.close(fd)  # a file system without locks: carry on unlocked
            return self
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
        _held[key] = [fd, 1]
        self._key = key
        return self

    def __exit__(self, *exc) -> None:
        key = self._key
        if key is None or key not in _held:
            return
        _held[key][1] -= 1
        if _held[key][1] == 0:
            fd = _held.pop(key)[0]
            _unlock_fd(fd)
            os.close(fd)  # the file stays: removing it would race with a waiting process


def _read_owner(fd: int) -> str:
    try:
        pid = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
    except (OSError, AttributeError):
        return ""
    return f" (pid {pid})" if pid.isdigit() else ""


if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _lock_fd(fd: int) -> None:
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError as exc:
            raise BlockingIOError(str(exc)) from None

    def _unlock_fd(fd: int) -> None:
        try:
            os.lseek(fd, 0, 0)
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        except OSError:
            pass
else:
    import fcntl

    def _lock_fd(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _unlock_fd(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)


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
