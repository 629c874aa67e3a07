"""Package files from the internet: unsafe or broken archives are refused with a clear message."""
from __future__ import annotations

import io
import json
import stat
import zipfile
from pathlib import Path

import pytest

from translate_helpers import build_package

from compare.translate.models import install, list_models
from compare.translate.package import PackageError


@pytest.fixture(scope="module")
def good(tmp_path_factory) -> Path:
    return build_package(tmp_path_factory.mktemp("good") / "translate-ru_en-1_0.argosmodel")


@pytest.fixture()
def pkgdir(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(tmp_path / "packages"))
    return tmp_path / "packages"


def _members(good: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(good) as zf:
        return {i.filename: zf.read(i) for i in zf.infolist()}


def _write(path: Path, members: dict[str, bytes], extra: list[zipfile.ZipInfo | tuple] = ()) -> Path:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
        for info, data in extra:
            zf.writestr(info, data)
    return path


def _assert_rejected(path: Path, pattern: str, pkgdir: Path) -> None:
    with pytest.raises(PackageError, match=pattern) as exc:
        install([str(path)], strict=True)
    assert str(path) in str(exc.value)  # the message names the file
    assert list_models() == []
    # Nothing half-installed is left behind, and nothing outside the folder.
    leftovers = [p for p in pkgdir.iterdir()] if pkgdir.exists() else []
    assert leftovers == []


def test_good_package_installs(good, pkgdir):
    assert "installed ru→en" in str(install([str(good)]))


def test_traversal_entry_rejected(good, pkgdir, tmp_path):
    m = _members(good)
    m["translate-ru_en-1_0/../../evil"] = b"x"
    _assert_rejected(_write(tmp_path / "bad.argosmodel", m), "path traversal", pkgdir)
    assert not (tmp_path / "evil").exists()


def test_absolute_path_rejected(good, pkgdir, tmp_path):
    m = _members(good)
    m["/tmp/evil-compare-test"] = b"x"
    _assert_rejected(_write(tmp_path / "bad.argosmodel", m), "absolute path", pkgdir)


def test_symlink_entry_rejected(good, pkgdir, tmp_path):
    info = zipfile.ZipInfo("translate-ru_en-1_0/link")
    info.external_attr = (stat.S_IFLNK | 0o777) << 16
    path = _write(tmp_path / "bad.argosmodel", _members(good), [(info, "/etc/passwd")])
    _assert_rejected(path, "symbolic link", pkgdir)


def test_truncated_zip_rejected(good, pkgdir, tmp_path):
    data = good.read_bytes()
    path = tmp_path / "truncated.argosmodel"
    path.write_bytes(data[: len(data) // 2])
    _assert_rejected(path, "not a valid .argosmodel", pkgdir)


def test_not_a_zip_rejected(pkgdir, tmp_path):
    path = tmp_path / "text.argosmodel"
    path.write_text("hello", encoding="utf-8")
    _assert_rejected(path, "not a valid .argosmodel", pkgdir)


def test_missing_metadata_rejected(good, pkgdir, tmp_path):
    m = {k: v for k, v in _members(good).items() if not k.endswith("metadata.json")}
    _assert_rejected(_write(tmp_path / "bad.argosmodel", m), "missing metadata.json", pkgdir)


@pytest.mark.parametrize("metadata, message", [
    (b"{not json", "not valid JSON"),
    (json.dumps({"from_code": "ru"}).encode(), "lacks to_code"),
    (json.dumps({"from_code": "ru", "to_code": "../x"}).encode(), "not a language code"),
    (json.dumps(["ru", "en"]).encode(), "JSON object"),
])
def test_bad_metadata_rejected(good, pkgdir, tmp_path, metadata, message):
    m = _members(good)
    m["translate-ru_en-1_0/metadata.json"] = metadata
    _assert_rejected(_write(tmp_path / "bad.argosmodel", m), message, pkgdir)


def test_missing_model_rejected(good, pkgdir, tmp_path):
    m = {k: v for k, v in _members(good).items() if not k.endswith("model.bin")}
    _assert_rejected(_write(tmp_path / "bad.argosmodel", m), "model.bin", pkgdir)


def test_missing_tokenizer_rejected(good, pkgdir, tmp_path):
    m = {k: v for k, v in _members(good).items() if not k.endswith("sentencepiece.model")}
    _assert_rejected(_write(tmp_path / "bad.argosmodel", m), "tokenizer", pkgdir)


def test_corrupt_weights_rejected(good, pkgdir, tmp_path):
    m = _members(good)
    key = "translate-ru_en-1_0/model/model.bin"
    m[key] = m[key][:100]
    _assert_rejected(_write(tmp_path / "bad.argosmodel", m), "CTranslate2", pkgdir)


def test_two_top_level_dirs_rejected(good, pkgdir, tmp_path):
    m = _members(good)
    m["other/file.txt"] = b"x"
    _assert_rejected(_write(tmp_path / "bad.argosmodel", m), "one top-level directory", pkgdir)


def test_zip_bomb_ratio_rejected(good, pkgdir, tmp_path):
    m = _members(good)
    m["translate-ru_en-1_0/padding.bin"] = b"\0" * (8 << 20)  # 8 MiB of zeros compresses ~1000x
    _assert_rejected(_write(tmp_path / "bomb.argosmodel", m), "zip bomb", pkgdir)


def test_declared_size_lie_is_caught(good, pkgdir, tmp_path):
    """An entry that inflates to more than its header claims is stopped while extracting."""
    path = _write(tmp_path / "liar.argosmodel", _members(good))
    raw = bytearray(path.read_bytes())
    # Shrink the declared uncompressed size of metadata.json in the central directory.
    with zipfile.ZipFile(io.BytesIO(bytes(raw))) as zf:
        info = zf.getinfo("translate-ru_en-1_0/metadata.json")
        real = info.file_size
    cd = raw.find(b"PK\x01\x02" , raw.find(b"PK\x01\x02"))
    while cd != -1:
        name_len = int.from_bytes(raw[cd + 28:cd + 30], "little")
        name = bytes(raw[cd + 46:cd + 46 + name_len]).decode()
        if name.endswith("metadata.json"):
            raw[cd + 24:cd + 28] = (real // 2).to_bytes(4, "little")
            break
        cd = raw.find(b"PK\x01\x02", cd + 4)
    path.write_bytes(bytes(raw))
    with pytest.raises(PackageError):
        install([str(path)], strict=True)
    assert list_models() == []


def _refused_before_writing(path: Path, pattern: str, tmp_path: Path) -> None:
    """safe_extract itself never cleans up: an empty destination proves nothing was written."""
    from compare.translate.package import safe_extract

    dest = tmp_path / "dest"
    dest.mkdir()
    with pytest.raises(PackageError, match=pattern):
        safe_extract(path, dest)
    assert list(dest.rglob("*")) == []


def test_many_small_zero_entries_are_refused_before_writing(good, pkgdir, tmp_path):
    """600 entries of 1 MiB of zeros: each is under the per-entry ratio check, the archive is not."""
    m = _members(good)
    for i in range(600):
        m[f"translate-ru_en-1_0/pad/{i:03d}.bin"] = b"\0" * (1 << 20)
    path = _write(tmp_path / "bomb.argosmodel", m)
    assert path.stat().st_size < 2_000_000
    _refused_before_writing(path, r"archive expands \d+x, to 6\d\d MB \(zip bomb\?\)", tmp_path)
    _assert_rejected(path, "zip bomb", pkgdir)


def test_too_many_entries_are_refused_before_writing(good, pkgdir, tmp_path):
    m = _members(good)
    for i in range(2_001):
        m[f"translate-ru_en-1_0/many/{i}"] = b""
    _refused_before_writing(_write(tmp_path / "many.argosmodel", m), "too many entries", tmp_path)


@pytest.mark.parametrize("drop, message", [
    ("metadata.json", "missing metadata.json"),
    ("model.bin", "missing model/model.bin"),
    ("sentencepiece.model", "missing tokenizer"),
])
def test_an_archive_that_is_no_package_writes_nothing(good, tmp_path, drop, message):
    m = {k: v for k, v in _members(good).items() if not k.endswith(drop)}
    _refused_before_writing(_write(tmp_path / "bad.argosmodel", m), message, tmp_path)


@pytest.mark.parametrize("metadata", [b"[" * 100_000, b"1" * 5_000, b"\xff\xfe{}"])
def test_bad_metadata_writes_nothing(good, tmp_path, metadata):
    m = _members(good)
    m["translate-ru_en-1_0/metadata.json"] = metadata
    _refused_before_writing(_write(tmp_path / "bad.argosmodel", m), "not valid JSON", tmp_path)


def test_a_refused_package_is_skipped_with_exit_3(good, pkgdir, tmp_path, capsys):
    """Without --strict, the good packages are installed and each refused one is one line."""
    m = _members(good)
    m["translate-ru_en-1_0/../../evil"] = b"x"
    bad = _write(tmp_path / "bad.argosmodel", m)
    result = install([str(bad), str(good)])
    assert result.exit_code == 3 and len(result.installed) == 1
    assert result.problems == [(str(bad), "path traversal in archive: 'translate-ru_en-1_0/../../evil'")]
    assert f"warning: {bad}: path traversal in archive" in capsys.readouterr().err
    assert [(m.from_code, m.to_code) for m in list_models()] == [("ru", "en")]
