"""Exceptions shared by every stage."""
from __future__ import annotations

from pathlib import Path


class CompareError(Exception):
    """An error the user can act on; the CLI prints it as one line, no traceback,
    and exits with ``exit_code`` (1: error)."""

    exit_code = 1


class InputProblem(CompareError):
    """One input (file, table row, URL) could not be used.

    ``str()`` is a single line naming the input and the problem, e.g.
    ``corpora/x/a.txt: not valid text (binary file)``.
    """

    def __init__(self, where: str | Path, problem: str):
        self.where = str(where)
        self.problem = problem
        super().__init__(f"{self.where}: {problem}")


class MissingStage(CompareError):
    """A stage needs a table that an earlier stage has not written yet."""


class ModelMissing(CompareError):
    """A model (translation pair, embedding model) is not installed."""


class ConfigError(InputProblem):
    """A configuration file (``corpus.toml``, ``compare.toml``) that cannot be
    used as written: bad usage, so the CLI exits with 2."""

    exit_code = 2
