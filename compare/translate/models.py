"""Installed translation models: list, install (offline or from the Argos index), remove.

Packages live in the same directory argostranslate, argospm and LibreTranslate
use, so a package installed by any of them is found here and vice versa:
``$ARGOS_PACKAGES_DIR``, else ``$XDG_DATA_HOME/argos-translate/packages``, else
``~/.local/share/argos-translate/packages`` (``ARGOS_PACKAGES_DIR`` in
argostranslate's ``settings.json`` is honoured too).
"""
from __future__ import annotations

import json
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from compare import console
from compare.errors import CompareError
from compare.translate.package import ArgosPackage, PackageError, load_package, safe_extract

PIVOT = "en"


def packages_dir(override: str | Path | None = None) -> Path:
    if override:
        return Path(override).expanduser()
    env = os.environ.get("ARGOS_PACKAGES_DIR")
    if env:
        return Path(env).expanduser()
    # argostranslate also reads the setting from its settings.json.
    config_home = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    settings = Path(config_home) / "argos-translate" / "settings.json"
    if settings.is_file():
        try:
            value = json.loads(settings.read_text(encoding="utf-8")).get("ARGOS_PACKAGES_DIR")
        except (OSError, ValueError, AttributeError):
            value = None
        if isinstance(value, str) and value:
            return Path(value).expanduser()
    data_home = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(data_home) / "argos-translate" / "packages"


@dataclass(frozen=True)
class ModelInfo:
    from_code: str
    to_code: str
    version: str
    path: Path
    model_id: str


def installed_packages(directory: str | Path | None = None, *, warn: bool = True) -> list[ArgosPackage]:
    """Valid translation packages in the packages directory, sorted by pair.

    Broken directories are reported once each and skipped, so one bad package
    never hides the others.
    """
    root = packages_dir(directory)
    if not root.is_dir():
        return []
    found = []
    for path in sorted(root.iterdir()):
        if not path.is_dir() or path.name.startswith("."):
            continue
        try:
            pkg = load_package(path)
        except PackageError as exc:
            # sbd-only packages (type "sbd") are argostranslate's business, not ours.
            if "not a translation package" not in exc.problem and warn:
                console.problem(path, exc.problem)
            continue
        found.append(pkg)
    return sorted(found, key=lambda p: (p.from_code, p.to_code, _version_key(p.package_version), str(p.path)))


def _version_key(version: str):
    parts = []
    for piece in version.replace("-", ".").split("."):
        parts.append((0, int(piece), "") if piece.isdigit() else (1, 0, piece))
    return parts


def pairs(directory: str | Path | None = None) -> dict[tuple[str, str], ArgosPackage]:
    """The newest installed package for each (from, to) pair."""
    best: dict[tuple[str, str], ArgosPackage] = {}
    for pkg in installed_packages(directory):
        best[(pkg.from_code, pkg.to_code)] = pkg  # sorted by version, so the last wins
    return best


def list_models(directory: str | Path | None = None) -> list[ModelInfo]:
    return [
        ModelInfo(p.from_code, p.to_code, p.package_version, p.path, p.model_id)
        for p in installed_packages(directory)
    ]


def format_models(models: list[ModelInfo]) -> str:
    if not models:
        return (
            f"no translation models installed in {packages_dir()}\n"
            "install one with `compare models install FILE.argosmodel` (offline) "
            "or `compare models install ru en` (downloads from the Argos index)"
        )
    rows = [("from", "to", "version", "model id", "path")]
    rows += [(m.from_code, m.to_code, m.version, m.model_id, str(m.path)) for m in models]
    widths = [max(len(r[i]) for r in rows) for i in range(4)]
    return "\n".join(
        "  ".join(r[i].ljust(widths[i]) for i in range(4)) + "  " + r[4] for r in rows
    )


def find_route(from_code: str, to_code: str, directory: str | Path | None = None,
               available: dict | None = None) -> list[ArgosPackage] | None:
    """Packages to chain for from→to: the direct pair, else through English."""
    available = pairs(directory) if available is None else available
    if (from_code, to_code) in available:
        return [available[(from_code, to_code)]]
    if PIVOT not in (from_code, to_code):
        first, second = available.get((from_code, PIVOT)), available.get((PIVOT, to_code))
        if first and second:
            return [first, second]
    return None


def missing_hops(from_code: str, to_code: str, available: dict) -> list[tuple[str, str]]:
    """The pairs to install so that from→to becomes possible (via English if needed)."""
    if from_code == PIVOT or to_code == PIVOT:
        return [(from_code, to_code)]
    return [hop for hop in ((from_code, PIVOT), (PIVOT, to_code)) if hop not in available]


def install_command(from_code: str, to_code: str) -> dict:
    return {
        "from": from_code,
        "to": to_code,
        "install": f"compare models install {from_code} {to_code}",
        "offline": f"compare models install translate-{from_code}_{to_code}-VERSION.argosmodel",
    }


# --------------------------------------------------------------------------- install / remove
@dataclass
class InstallResult:
    installed: list[ModelInfo]
    problems: list[tuple[str, str]] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        return 3 if self.problems else 0

    def __str__(self) -> str:
        lines = [f"installed {m.from_code}→{m.to_code} {m.version} at {m.path}" for m in self.installed]
        if self.problems:
            lines.append(f"refused {len(self.problems)} package file(s); nothing of them was installed")
        return "\n".join(lines)


def install_file(path: str | Path, directory: str | Path | None = None) -> ModelInfo:
    """Validate and install a .argosmodel file; atomic (extract, check, rename)."""
    path = Path(path)
    root = packages_dir(directory)
    root.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".installing-", dir=root))
    try:
        extracted = safe_extract(path, staging)
        pkg = load_package(extracted, where=path)
        # Instantiating the tokenizer and model catches files that are present
        # but unusable (truncated weights) before anything is installed.
        _check_loadable(pkg, path)
        final = root / extracted.name
        backup = None
        if final.exists():
            backup = root / f".replaced-{extracted.name}-{os.getpid()}"
            os.replace(final, backup)
        os.replace(extracted, final)
        if backup is not None:
            shutil.rmtree(backup, ignore_errors=True)
        pkg = load_package(final)
        return ModelInfo(pkg.from_code, pkg.to_code, pkg.package_version, pkg.path, pkg.model_id)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _check_loadable(pkg: ArgosPackage, where: Path) -> None:
    import ctranslate2

    from compare.translate.engine import make_tokenizer

    try:
        make_tokenizer(pkg)
    except CompareError:
        raise
    except Exception as exc:  # sentencepiece raises RuntimeError/OSError on bad files
        raise PackageError(where, f"tokenizer cannot be loaded: {exc}") from None
    try:
        ctranslate2.Translator(str(pkg.model_dir), device="cpu", compute_type="int8", intra_threads=1)
    except Exception as exc:
        raise PackageError(where, f"model cannot be loaded by CTranslate2: {exc}") from None


def _download(from_code: str, to_code: str) -> Path:
    """Download one pair from the Argos index with argostranslate (the argos extra)."""
    try:
        import argostranslate.package as argos_package
    except ImportError:
        raise CompareError(
            f"downloading {from_code}→{to_code} needs argostranslate: pip install 'compare[argos]'; "
            f"or download translate-{from_code}_{to_code}.argosmodel elsewhere and run "
            "`compare models install FILE`"
        ) from None
    offline = (
        f"cannot reach the Argos package index (no network): download "
        f"translate-{from_code}_{to_code}.argosmodel elsewhere and run `compare models install FILE`"
    )
    # Probe the index first: offline, argostranslate retries recursively and
    # prints a stack of errors before giving up.
    try:
        import urllib.request

        from argostranslate import settings as argos_settings

        with urllib.request.urlopen(argos_settings.remote_package_index, timeout=15) as response:
            response.read(1)
    except Exception:
        raise CompareError(offline) from None
    try:
        argos_package.update_package_index()
        available = argos_package.get_available_packages()
    except Exception:
        raise CompareError(offline) from None
    matches = [p for p in available if p.from_code == from_code and p.to_code == to_code]
    if not matches:
        if not available:
            raise CompareError(offline)
        raise CompareError(f"the Argos index has no {from_code}→{to_code} package")
    try:
        return Path(matches[0].download())
    except Exception as exc:
        raise CompareError(f"{offline} ({exc})") from None


def install(what: list[str], directory: str | Path | None = None, *, strict: bool = False) -> InstallResult:
    """``[FILE.argosmodel, ...]`` installs offline; ``[FROM, TO]`` downloads a pair.

    A package file that is refused (unsafe, broken, not a package) is reported
    in one line and skipped, and the result's exit code is 3; with
    ``strict=True`` the first refusal raises :class:`PackageError`.
    """
    if not what:
        raise CompareError("give FILE.argosmodel or two language codes (FROM TO)")
    if all(w.endswith(".argosmodel") or Path(w).is_file() for w in what):
        missing = [w for w in what if not Path(w).exists()]
        if missing:
            raise CompareError(f"{missing[0]}: file not found")
        result = InstallResult([])
        for w in what:
            try:
                result.installed.append(install_file(w, directory))
            except PackageError as exc:
                if strict:
                    raise
                console.problem(exc.where, exc.problem)
                result.problems.append((exc.where, exc.problem))
        return result
    if len(what) == 2 and not any(Path(w).exists() for w in what):
        from_code, to_code = what
        downloaded = _download(from_code, to_code)
        try:
            return InstallResult([install_file(downloaded, directory)])
        finally:
            downloaded.unlink(missing_ok=True)
    missing = [w for w in what if not Path(w).exists()]
    if missing:
        raise CompareError(f"{missing[0]}: file not found (give FILE.argosmodel or FROM TO codes)")
    raise CompareError("give FILE.argosmodel or two language codes (FROM TO)")


@dataclass
class RemoveResult:
    removed: list[Path]
    exit_code: int = 0

    def __str__(self) -> str:
        return "\n".join(f"removed {p}" for p in self.removed)


def remove_model(from_code: str, to_code: str, directory: str | Path | None = None) -> RemoveResult:
    """Remove every installed package for the pair."""
    targets = [p.path for p in installed_packages(directory) if (p.from_code, p.to_code) == (from_code, to_code)]
    if not targets:
        raise CompareError(f"no {from_code}→{to_code} model installed in {packages_dir(directory)}")
    for path in targets:
        # Rename first so a half-deleted directory is never seen as a package.
        trash = path.with_name(f".removing-{path.name}-{os.getpid()}")
        os.replace(path, trash)
        shutil.rmtree(trash, ignore_errors=True)
    return RemoveResult(targets)
