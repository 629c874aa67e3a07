"""``compare.toml``: one table per stage, passed to that stage as keyword options.

Example::

    seed = 13
    [language]
    backend = "lingua"
    [translate]
    to = "en"
    beam_size = 2
    [align]
    event_threshold = 0.55

Each stage validates its own options (unknown keys raise a one-line error), so
this module stays ignorant of stage internals.
"""
from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from compare.errors import ConfigError

STAGES = ("ingest", "language", "translate", "embed", "align", "analyze", "report", "figures", "handout")


def load_config(path: str | Path | None) -> dict[str, Any]:
    if path is None:
        return {}
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(path, "config file not found") from None
    except IsADirectoryError:
        raise ConfigError(path, "is a folder, not a config file") from None
    except UnicodeDecodeError:
        raise ConfigError(path, "not UTF-8 text") from None
    except OSError as exc:
        raise ConfigError(path, f"cannot read file ({exc.strerror or exc})") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(path, f"not valid TOML ({exc})") from None
    unknown = [k for k, v in data.items() if isinstance(v, dict) and k not in STAGES]
    if unknown:
        raise ConfigError(path, f"unknown section(s) {', '.join(unknown)}; known: {', '.join(STAGES)}")
    for key, value in data.items():
        if key in STAGES and not isinstance(value, dict):
            raise ConfigError(path, f"{key} must be a section ([{key}]), not {_kind(value)}")
        if key not in STAGES and not isinstance(value, dict) and key != "seed":
            raise ConfigError(path, f"unknown key {key!r}; known: seed and the sections {', '.join(STAGES)}")
    seed = data.get("seed")
    if seed is not None and (isinstance(seed, bool) or not isinstance(seed, int)):
        raise ConfigError(path, f"seed must be a whole number, not {_kind(seed)}")
    return data


def _kind(value: Any) -> str:
    return {str: "text", bool: "true/false", int: "a number", float: "a number", list: "a list",
            dict: "a table"}.get(type(value), type(value).__name__)


def check_options(stage: str, options: dict[str, Any], allowed: set[str]) -> None:
    unknown = sorted(set(options) - allowed)
    if unknown:
        raise ConfigError(
            f"[{stage}]", f"unknown option(s) {', '.join(unknown)}; known: {', '.join(sorted(allowed))}"
        )
