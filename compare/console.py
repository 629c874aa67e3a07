"""Progress bars, one-line problem messages and the machine-readable log.

Stages call :func:`progress`, :func:`info` and :func:`problem`; the CLI calls
:func:`configure` once from ``--quiet`` and ``--log-json``. Notebook users get
progress bars by default and can call ``configure(quiet=True)``.
"""
from __future__ import annotations

import json
import sys
import time
from contextlib import contextmanager
from typing import Iterable, Iterator, TypeVar

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

from compare.safety import one_line

T = TypeVar("T")

_state = {"quiet": False, "log": None}
_err = Console(stderr=True, highlight=False, soft_wrap=True)
_out = Console(highlight=False, soft_wrap=True)


def configure(*, quiet: bool | None = None, log_json: str | None = None) -> None:
    if quiet is not None:
        _state["quiet"] = quiet
    if log_json is not None:
        if _state["log"] is not None and _state["log"] is not sys.stderr:
            _state["log"].close()
        _state["log"] = open(log_json, "a", encoding="utf-8")


def is_quiet() -> bool:
    return bool(_state["quiet"])


@contextmanager
def quiet():
    """Silence status lines and progress bars inside the block (for evaluation
    code that runs stages many times)."""
    before = _state["quiet"]
    _state["quiet"] = True
    try:
        yield
    finally:
        _state["quiet"] = before


def log_event(event: str, **fields) -> None:
    """Append one JSON line to the ``--log-json`` file, if one was given."""
    fh = _state["log"]
    if fh is None:
        return
    record = {"time": round(time.time(), 3), "event": event, **fields}
    fh.write(json.dumps(record, ensure_ascii=False, default=str) + "\n")
    fh.flush()


def info(message: str, **fields) -> None:
    """A status line on stderr (hidden by --quiet) and in the JSON log."""
    log_event("info", message=message, **fields)
    if not _state["quiet"]:
        _err.print(message, markup=False)


def result(message: str) -> None:
    """Output the user asked for (paths of outputs, tables): always on stdout."""
    _out.print(message, markup=False)


def problem(where: str, message: str, **fields) -> None:
    """One line naming the input and its problem. Shown even with --quiet."""
    log_event("problem", where=str(where), problem=message, **fields)
    _err.print(f"warning: {one_line(where)}: {one_line(message)}", markup=False)


def warn(message: str, **fields) -> None:
    log_event("warning", message=message, **fields)
    _err.print(f"warning: {one_line(message)}", markup=False)


def progress(items: Iterable[T], description: str, total: int | None = None) -> Iterator[T]:
    """Iterate with a progress bar on stderr unless quiet or not a terminal-sized job."""
    if total is None:
        try:
            total = len(items)  # type: ignore[arg-type]
        except TypeError:
            total = None
    if not _bars_wanted() or (total is not None and total < 2):
        yield from items
        return
    with _task(description, total) as advance:
        for item in items:
            yield item
            advance(1)


@contextmanager
def progress_task(description: str, total: int | None):
    """Context manager yielding ``advance(n)`` for work done in batches."""
    if not _bars_wanted():
        yield lambda n=1: None
        return
    with _task(description, total) as advance:
        yield advance


_live: list[Progress] = []   # the bar being shown: a bar opened inside another is a line of it


@contextmanager
def _task(description: str, total: int | None):
    if _live:
        bar = _live[0]
        task = bar.add_task(description, total=total)
        try:
            yield lambda n=1: bar.advance(task, n)
        finally:
            bar.remove_task(task)
        return
    with _progress_bar() as bar:
        _live.append(bar)
        try:
            task = bar.add_task(description, total=total)
            yield lambda n=1: bar.advance(task, n)
        finally:
            _live.pop()


def _bars_wanted() -> bool:
    # Bars redrawn into a pipe or a CI log only leave blank lines behind.
    return not _state["quiet"] and _err.is_terminal


def _progress_bar() -> Progress:
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
        console=_err,
        transient=True,
    )
