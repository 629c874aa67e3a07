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


def _pyproject() -> dict:
    import tomllib
    from pathlib import Path

    return tomllib.loads((Path(__file__).resolve().parents[1] / "pyproject.toml").read_text(encoding="utf-8"))


def test_every_subpackage_is_listed_for_the_wheel():
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    listed = set(_pyproject()["tool"]["setuptools"]["packages"])
    found = {".".join(p.parent.relative_to(root).parts) for p in (root / "compare").rglob("__init__.py")}
    assert found - listed == set(), "add these to [tool.setuptools] packages in pyproject.toml"


def test_every_demo_corpus_file_ships_in_the_wheel():
    """`pip install .` then `compare demo` needs the whole demo corpus inside the package."""
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    conf = _pyproject()["tool"]["setuptools"]
    demo = root / conf["package-dir"]["compare.demo_corpus"]
    patterns = conf["package-data"]["compare.demo_corpus"]
    files = {p.relative_to(demo) for p in demo.rglob("*") if p.is_file()}
    shipped = {f for f in files if any(f.match(pat) and len(f.parts) == len(Path(pat).parts) for pat in patterns)}
    assert files - shipped == set()


def test_demo_corpus_found_without_the_working_directory(tmp_path, monkeypatch):
    from compare.pipeline import demo_corpus

    monkeypatch.chdir(tmp_path)
    assert (demo_corpus() / "corpus.toml").exists()


def test_russian_models_work_without_pkg_resources():
    """setuptools >= 82 has no pkg_resources; natasha's own MorphVocab (pymorphy2) needs it."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "class Block:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name == 'pkg_resources' or name.startswith('pkg_resources.'):\n"
        "            raise ImportError('pkg_resources is blocked')\n"
        "sys.meta_path.insert(0, Block())\n"
        "from compare.extract.entities import extract_entities\n"
        "from compare.nlp.russian import natasha_models\n"
        "v = natasha_models().vocab\n"
        "assert v('мэрии')[0].normal == 'мэрия'\n"
        "ents = extract_entities(['Полиция Екатеринбурга задержала Ивана Петрова.'], 'ru')[0]\n"
        "assert any(e.label == 'PER' for e in ents), ents\n"
        "print('ok')\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert out.returncode == 0 and out.stdout.strip().endswith("ok"), out.stderr[-2000:]
