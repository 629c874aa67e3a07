"""Read and validate Argos Translate packages (``.argosmodel``).

A package is a zip archive holding one top-level directory with:

- ``metadata.json``: ``package_version``, ``argos_version``, ``from_code``,
  ``to_code``, ``from_name``, ``to_name`` and, for multilingual models,
  ``target_prefix`` (a token such as ``__en__`` forced as the first target
  token and removed from the output);
- ``model/``: a CTranslate2 model (``model.bin`` plus vocabulary files);
- a tokenizer: ``sentencepiece.model``, or ``bpe.model`` (Moses tokenisation
  with subword-nmt BPE, used by a few older packages);
- optionally ``stanza/``, ``minisbd/`` or ``spacy/`` sentence splitters, which we
  never need: our sentences are already segmented.

Archives come from the internet, so :func:`safe_extract` refuses anything that
could write outside the target directory or exhaust the disk, and checks the
whole listing (entry count, total size, compression ratio, the files a package
needs, its metadata) before it writes a single byte.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import stat
import zipfile
import zlib
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from compare.errors import CompareError, InputProblem

# The largest official package (a multilingual model) is under 1 GB unpacked.
MAX_TOTAL_BYTES = 4 * 1024**3
MAX_FILE_BYTES = 3 * 1024**3
# Official packages hold a few dozen files (model, vocabulary, tokenizer, a
# sentence splitter); thousands of entries are an attack on the file system.
MAX_FILES = 2_000
# Model weights compress by 1.1-3x; text and JSON by up to ~20x. A ratio far
# beyond that on a large member, or on the archive as a whole (many small
# members), is a zip bomb, not a model.
MAX_RATIO = 200
RATIO_CHECK_MIN_BYTES = 1 << 20
MAX_METADATA_BYTES = 1 << 20
# Room left on the disk after installing.
DISK_MARGIN_BYTES = 64 << 20

_CODE = re.compile(r"^[a-z]{2,3}([_-][A-Za-z0-9]{2,8})*$")
REQUIRED_KEYS = ("from_code", "to_code")


class PackageError(InputProblem):
    """A package file or directory that cannot be used."""


@dataclass(frozen=True)
class ArgosPackage:
    """An installed (extracted) package directory."""

    path: Path
    metadata: dict = field(repr=False)

    @property
    def from_code(self) -> str:
        return self.metadata["from_code"]

    @property
    def to_code(self) -> str:
        return self.metadata["to_code"]

    @property
    def from_name(self) -> str:
        return self.metadata.get("from_name") or self.from_code

    @property
    def to_name(self) -> str:
        return self.metadata.get("to_name") or self.to_code

    @property
    def package_version(self) -> str:
        return str(self.metadata.get("package_version") or "0")

    @property
    def argos_version(self) -> str:
        return str(self.metadata.get("argos_version") or "")

    @property
    def target_prefix(self) -> str:
        return self.metadata.get("target_prefix") or ""

    @property
    def model_dir(self) -> Path:
        return self.path / "model"

    @property
    def tokenizer_kind(self) -> str:
        if (self.path / "sentencepiece.model").is_file():
            return "sentencepiece"
        if (self.path / "bpe.model").is_file():
            return "bpe"
        raise PackageError(self.path, "no tokenizer (sentencepiece.model or bpe.model)")

    @cached_property
    def model_hash(self) -> str:
        """Fingerprint of the weights and tokenizer: the cache must never serve
        one model's output for another that happens to share a version string.

        Weights are sampled (size, first and last 4 MiB) rather than read whole:
        listing twenty installed packages must not read gigabytes. Tokenizer and
        metadata are hashed in full.
        """
        h = hashlib.sha256()
        for path in (self.path / "metadata.json", self.path / "sentencepiece.model", self.path / "bpe.model"):
            if path.is_file():
                h.update(path.name.encode() + b"\0" + path.read_bytes())
        weights = self.model_dir / "model.bin"
        size = weights.stat().st_size
        h.update(str(size).encode())
        sample = 4 << 20
        with open(weights, "rb") as fh:
            h.update(fh.read(sample))
            if size > sample:
                fh.seek(max(size - sample, sample))
                h.update(fh.read(sample))
        return h.hexdigest()[:12]

    @property
    def model_id(self) -> str:
        return f"argos-{self.from_code}-{self.to_code}-{self.model_hash}"


def read_metadata(directory: Path, where: str | Path | None = None) -> dict:
    where = where or directory
    path = directory / "metadata.json"
    if not path.is_file():
        raise PackageError(where, "missing metadata.json")
    try:
        metadata = json.loads(path.read_text(encoding="utf-8"))
    except (ValueError, RecursionError) as exc:  # not UTF-8, not JSON, a 5,000-digit number
        raise PackageError(where, f"metadata.json is not valid JSON ({exc})") from None
    return check_metadata(metadata, where)


def check_metadata(metadata, where: str | Path) -> dict:
    """A package's metadata (parsed JSON), validated; raises PackageError naming ``where``."""
    if not isinstance(metadata, dict):
        raise PackageError(where, "metadata.json must hold a JSON object")
    missing = [k for k in REQUIRED_KEYS if not metadata.get(k)]
    if missing:
        raise PackageError(where, f"metadata.json lacks {', '.join(missing)}")
    for key in REQUIRED_KEYS:
        if not isinstance(metadata[key], str) or not _CODE.match(metadata[key]):
            raise PackageError(where, f"metadata.json: {key} {metadata[key]!r} is not a language code")
    if metadata.get("type", "translate") != "translate":
        raise PackageError(where, f"not a translation package (type {metadata.get('type')!r})")
    prefix = metadata.get("target_prefix", "")
    if prefix is not None and not isinstance(prefix, str):
        raise PackageError(where, "metadata.json: target_prefix must be a string")
    return metadata


def load_package(directory: str | Path, where: str | Path | None = None) -> ArgosPackage:
    """Validate an extracted package directory and return it."""
    directory = Path(directory)
    where = where or directory
    metadata = read_metadata(directory, where)
    model = directory / "model"
    if not (model / "model.bin").is_file():
        raise PackageError(where, "missing model/model.bin (CTranslate2 model)")
    vocab = list(model.glob("*vocabulary*"))
    if not vocab:
        raise PackageError(where, "model/ has no vocabulary file")
    if not ((directory / "sentencepiece.model").is_file() or (directory / "bpe.model").is_file()):
        raise PackageError(where, "missing tokenizer: sentencepiece.model or bpe.model")
    return ArgosPackage(path=directory, metadata=metadata)


def _is_symlink(info: zipfile.ZipInfo) -> bool:
    mode = info.external_attr >> 16
    return stat.S_ISLNK(mode)


def check_archive(zf: zipfile.ZipFile, where: str | Path) -> str:
    """Reject unsafe members; return the single top-level directory name."""
    infos = zf.infolist()
    if not infos:
        raise PackageError(where, "empty archive")
    if len(infos) > MAX_FILES:
        raise PackageError(where, f"too many entries ({len(infos)} > {MAX_FILES})")
    total = 0
    compressed = 0
    tops = set()
    for info in infos:
        name = info.filename
        if "\x00" in name or "\\" in name:
            raise PackageError(where, f"unsafe entry name {name!r}")
        if name.startswith("/") or re.match(r"^[A-Za-z]:", name):
            raise PackageError(where, f"absolute path in archive: {name!r}")
        parts = [p for p in name.split("/") if p]
        if any(p in ("..", ".") for p in parts):
            raise PackageError(where, f"path traversal in archive: {name!r}")
        if _is_symlink(info):
            raise PackageError(where, f"symbolic link in archive: {name!r}")
        if info.flag_bits & 0x1:
            raise PackageError(where, f"encrypted entry: {name!r}")
        if info.file_size > MAX_FILE_BYTES:
            raise PackageError(where, f"entry {name!r} is too large ({info.file_size} bytes)")
        if (
            info.file_size > RATIO_CHECK_MIN_BYTES
            and info.file_size > MAX_RATIO * max(info.compress_size, 1)
        ):
            raise PackageError(
                where, f"entry {name!r} expands {info.file_size // max(info.compress_size, 1)}x (zip bomb?)"
            )
        total += info.file_size
        compressed += info.compress_size
        if total > MAX_TOTAL_BYTES:
            raise PackageError(where, f"archive expands to more than {MAX_TOTAL_BYTES} bytes")
        if parts:
            tops.add(parts[0])
    if total > RATIO_CHECK_MIN_BYTES and total > MAX_RATIO * max(compressed, 1):
        raise PackageError(
            where, f"archive expands {total // max(compressed, 1)}x, to {total / 1e6:.0f} MB (zip bomb?)")
    if len(tops) != 1:
        raise PackageError(where, f"expected one top-level directory, found {len(tops)}")
    top = tops.pop()
    if top.startswith(".") or not top.strip():
        raise PackageError(where, f"bad top-level directory name {top!r}")
    if any(info.filename.rstrip("/") == top and not info.is_dir() for info in infos):
        raise PackageError(where, "top-level entry is a file, not a directory")
    _check_listing(zf, top, where)
    return top


def _check_listing(zf: zipfile.ZipFile, top: str, where: str | Path) -> None:
    """The files a package needs are in the archive and its metadata is valid,
    so that an archive that is no package is refused before anything is written."""
    names = {info.filename.rstrip("/") for info in zf.infolist()}
    if f"{top}/metadata.json" not in names:
        raise PackageError(where, "missing metadata.json")
    info = zf.getinfo(f"{top}/metadata.json")
    if info.file_size > MAX_METADATA_BYTES:
        raise PackageError(where, f"metadata.json is {info.file_size} bytes; a package's is a few hundred")
    try:
        raw = zf.read(info)
    except (zipfile.BadZipFile, EOFError, zlib.error, OSError, NotImplementedError) as exc:
        raise PackageError(where, f"corrupt or truncated archive (metadata.json: {exc})") from None
    try:
        metadata = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise PackageError(where, f"metadata.json is not valid JSON ({exc})") from None
    check_metadata(metadata, where)
    if f"{top}/model/model.bin" not in names:
        raise PackageError(where, "missing model/model.bin (CTranslate2 model)")
    if not any(n.startswith(f"{top}/model/") and "vocabulary" in n.rsplit("/", 1)[-1] for n in names):
        raise PackageError(where, "model/ has no vocabulary file")
    if not names & {f"{top}/sentencepiece.model", f"{top}/bpe.model"}:
        raise PackageError(where, "missing tokenizer: sentencepiece.model or bpe.model")


def safe_extract(archive: str | Path, dest: str | Path) -> Path:
    """Extract a package archive into ``dest``; return the package directory.

    Sizes declared in the zip directory can lie, so extraction counts the bytes
    actually written and stops at the same limits.
    """
    archive, dest = Path(archive), Path(dest)
    try:
        zf = zipfile.ZipFile(archive)
    except FileNotFoundError:
        raise PackageError(archive, "file not found") from None
    except (zipfile.BadZipFile, OSError) as exc:
        raise PackageError(archive, f"not a valid .argosmodel (zip) file: {exc}") from None
    with zf:
        top = check_archive(zf, archive)
        needed = sum(info.file_size for info in zf.infolist())
        try:
            free = shutil.disk_usage(dest).free
        except OSError:
            free = None
        if free is not None and needed + DISK_MARGIN_BYTES > free:
            raise PackageError(archive, f"not enough disk space: the package needs {needed / 1e6:.0f} MB, "
                                        f"{free / 1e6:.0f} MB are free in {dest}")
        dest_resolved = dest.resolve()
        written = 0
        for info in zf.infolist():
            target = (dest / info.filename).resolve()
            if dest_resolved not in target.parents and target != dest_resolved:
                raise PackageError(archive, f"entry escapes the package directory: {info.filename!r}")
            if info.is_dir():
                target.mkdir(parents=True, exist_ok=True)
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            try:
                with zf.open(info) as src, open(target, "wb") as out:
                    size = 0
                    for block in iter(lambda: src.read(1 << 20), b""):
                        size += len(block)
                        written += len(block)
                        if size > max(info.file_size, 0) or written > MAX_TOTAL_BYTES:
                            raise PackageError(archive, f"entry {info.filename!r} is larger than declared")
                        out.write(block)
            except (zipfile.BadZipFile, EOFError, zlib.error, OSError, NotImplementedError) as exc:
                raise PackageError(archive, f"corrupt or truncated archive ({info.filename}: {exc})") from None
            os.chmod(target, 0o644)
    return dest / top


def open_package(path: str | Path) -> ArgosPackage:
    """An installed package directory, or raise PackageError naming it."""
    try:
        return load_package(path)
    except CompareError:
        raise
    except OSError as exc:
        raise PackageError(path, f"cannot read package: {exc}") from None
