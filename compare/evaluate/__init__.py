"""Evaluation of each stage against labelled data (``compare eval ...``)."""

from pathlib import Path as _Path


def jsonl_records(path: str | _Path):
    """``(line number, record)`` for each non-blank line of a JSONL file; a bad
    line is an :class:`compare.errors.InputProblem` naming the file and line."""
    import json

    from compare.errors import InputProblem

    path = _Path(path)
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            yield n, json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputProblem(f"{path}:{n}", f"not valid JSON ({exc.msg})") from None
