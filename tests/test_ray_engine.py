"""`compare run --engine ray` gives the local engine's tables, byte for byte.

Needs the optional extra (pip install 'compare[ray]'); starts a local Ray
cluster with two CPUs."""
from __future__ import annotations

from pathlib import Path

import pytest

STAGES = ["ingest", "translate", "align", "analyze"]


@pytest.fixture(scope="module")
def ray_cluster():
    pytest.importorskip("ray.data")
    import ray

    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, configure_logging=False)
    yield
    ray.shutdown()


def _tables(path: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(path.glob("*.parquet"))}


def _scaled_corpus(tmp: Path) -> Path:
    """The demo corpus three times over: each copy by other outlets, a week
    later, with one paragraph fewer (45 articles)."""
    import re
    import shutil

    from compare.pipeline import demo_corpus

    src = demo_corpus()
    out = tmp / "scaled"
    shutil.copytree(src, out)
    toml = (src / "corpus.toml").read_text(encoding="utf-8")
    blocks = toml.split("[[outlets]]")[1:]
    extra = []
    for k in (1, 2):
        extra += ["[[outlets]]" + re.sub(r'(id = ")([^"]+)"', rf'\g<1>\g<2>-{k}"', b, count=1) for b in blocks]
        for f in sorted((src / "articles").glob("*.md")):
            if ".translation." in f.name:
                continue
            head, body = f.read_text(encoding="utf-8").split("\n---\n", 1)
            head = re.sub(r"(?m)^outlet: (\S+)", rf"outlet: \g<1>-{k}", head)
            head = re.sub(r"(?m)^(published: \"?20\d\d-\d\d-)(\d\d)",
                          lambda m: m.group(1) + f"{int(m.group(2)) + 7 * k:02d}" if int(m.group(2)) + 7 * k <= 28
                          else m.group(0), head)
            head = re.sub(r"(?m)^(url: \"?)(\S+?)(\"?)$", rf"\g<1>\g<2>?copy={k}\g<3>", head)
            paras = body.strip().split("\n\n")
            if len(paras) > 2:
                del paras[k % len(paras)]
            (out / "articles" / f"{f.stem}-copy{k}.md").write_text(head + "\n---\n" + "\n\n".join(paras) + "\n",
                                                                   encoding="utf-8")
    (out / "corpus.toml").write_text(toml + "\n" + "\n".join(extra), encoding="utf-8")
    return out


@pytest.mark.parametrize("corpus_kind", ["demo", "scaled"])
def test_the_ray_engine_writes_the_local_tables(tmp_path, monkeypatch, ray_cluster, corpus_kind):
    from compare.analyze import extraction
    from compare.pipeline import demo_corpus, run

    corpus = demo_corpus() if corpus_kind == "demo" else _scaled_corpus(tmp_path)
    run(corpus, tmp_path / "local", stages=STAGES)

    # In the driver, the parsers must not run: every article was annotated by a Ray worker.
    real = extraction.annotate_articles

    def driver_annotate(articles, **kw):
        assert not articles, f"{len(articles)} article(s) parsed on the driver"
        return real(articles, **kw)

    monkeypatch.setattr(extraction, "annotate_articles", driver_annotate)
    run(corpus, tmp_path / "ray", stages=STAGES, engine="ray")

    local, distributed = _tables(tmp_path / "local"), _tables(tmp_path / "ray")
    assert set(local) == set(distributed) and "claim_matrix.parquet" in local
    for name in local:
        assert local[name] == distributed[name], name


def test_an_unknown_engine_is_a_clear_error(tmp_path):
    from compare.errors import ConfigError
    from compare.pipeline import demo_corpus, run

    with pytest.raises(ConfigError, match="unknown engine"):
        run(demo_corpus(), tmp_path / "r", engine="spark")


def test_the_local_engine_never_imports_ray(tmp_path):
    import subprocess
    import sys

    code = ("import sys; from compare.pipeline import demo_corpus, run; "
            f"run(demo_corpus(), {str(tmp_path / 'r')!r}, stages=['ingest', 'align']); "
            "assert 'ray' not in sys.modules, 'ray imported'")
    subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, timeout=600)
