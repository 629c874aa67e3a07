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

from compare.errors import CompareError

STAGES = ("ingest", "language", "translate", "embed", "align", "analyze", "report", "figures", "handout")


def load_config(path: str | Path | None) -> dict[str, Any]:
    if path is None:
        return {}
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise CompareError(f"{path}: config file not found") from None
    except tomllib.TOMLDecodeError as exc:
        raise CompareError(f"{path}: not valid TOML ({exc})") from None
    unknown = [k for k, v in data.items() if isinstance(v, dict) and k not in STAGES]
    if unknown:
        raise CompareError(f"{path}: unknown section(s) {', '.join(unknown)}; known: {', '.join(STAGES)}")
    return data


def check_options(stage: str, options: dict[str, Any], allowed: set[str]) -> None:
    unknown = sorted(set(options) - allowed)
    if unknown:
        raise CompareError(
            f"[{stage}] unknown option(s) {', '.join(unknown)}; known: {', '.join(sorted(allowed))}"
        )
