"""The core install must not pull in torch or CUDA."""
from __future__ import annotations

import re
from importlib import metadata

import pytest

HEAVY = {"torch", "stanza", "argostranslate", "sentence-transformers", "transformers", "tensorflow", "jax"}


def _name(requirement: str) -> str:
    return re.split(r"[\s;\[<>=!~(]", requirement, maxsplit=1)[0].lower().replace("_", "-")


def _core_closure(root: str = "compare") -> set[str]:
    """Every distribution the core install requires, following installed metadata."""
    seen: set[str] = set()
    todo = [root]
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        try:
            requires = metadata.requires(name) or []
        except metadata.PackageNotFoundError:
            continue
        for req in requires:
            if "extra ==" in req:  # optional extras are not part of the core install
                continue
            todo.append(_name(req))
    return seen


def test_core_dependencies_have_no_torch():
    try:
        metadata.version("compare")
    except metadata.PackageNotFoundError:
        pytest.skip("compare is not installed as a distribution")
    closure = _core_closure()
    assert "polars" in closure and "ctranslate2" in closure
    assert not (closure & HEAVY), sorted(closure & HEAVY)


def test_heavy_packages_only_in_extras():
    extras = metadata.metadata("compare").get_all("Provides-Extra") or []
    assert {"argos", "sentence-transformers", "test"} <= set(extras)
