"""How claim clusters grow from matches (compare.analyze.clusters.grow_clusters)."""
from compare.analyze.clusters import LINK_DENSITY, Edge, grow_clusters


def _groups(root_of):
    out = {}
    for x, r in root_of.items():
        out.setdefault(r, set()).add(x)
    return sorted(sorted(g) for g in out.values())


# one claim per article: a, b, c state one fact and match each other; d and e
# state another and match each other; one weaker match bridges c and d
ARTICLES = {x: f"art-{x}" for x in "abcde"}
EDGES = [Edge("a", "b", 1.20, "cross-lingual"), Edge("a", "c", 1.19, "cross-lingual"),
         Edge("b", "c", 1.18, "cross-lingual"), Edge("d", "e", 1.17, "cross-lingual"),
         Edge("c", "d", 1.05, "cross-lingual")]


def test_one_bridge_does_not_join_two_facts():
    root_of, accepted = grow_clusters(ARTICLES, EDGES, link_density=LINK_DENSITY)
    assert _groups(root_of) == [["a", "b", "c"], ["d", "e"]]
    assert Edge("c", "d", 1.05, "cross-lingual") not in accepted


def test_without_the_density_guard_the_bridge_chains():
    # half of {d, e} is matched to {a, b, c}: the older rule alone merges them
    root_of, _ = grow_clusters(ARTICLES, EDGES, link_density=0.0)
    assert _groups(root_of) == [["a", "b", "c", "d", "e"]]


def test_a_claim_joins_a_pair_through_one_match():
    # a third outlet's claim matched to one of the two: as many links as the
    # density asks of a one-to-two merge at the default
    edges = [Edge("a", "b", 1.2, "translated"), Edge("c", "b", 1.1, "translated")]
    root_of, _ = grow_clusters({x: f"art-{x}" for x in "abc"}, edges)
    assert _groups(root_of) == [["a", "b", "c"]]


def test_two_claims_of_one_article_never_share_a_cluster():
    edges = [Edge("a", "b", 1.2, "translated"), Edge("b", "c", 1.1, "translated"), Edge("a", "c", 1.1, "translated")]
    root_of, _ = grow_clusters({"a": "art-1", "b": "art-2", "c": "art-1"}, edges, link_density=0.0)
    assert _groups(root_of) == [["a", "b"], ["c"]]


def test_the_order_of_the_edges_does_not_matter():
    assert grow_clusters(ARTICLES, EDGES) == grow_clusters(ARTICLES, list(reversed(EDGES)))


def test_link_density_reaches_the_clusters_from_the_command_line(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    import compare.analyze.clusters as clusters
    from compare.cli import app
    from test_analyze import make_run

    seen = []
    real = clusters.grow_clusters

    def spy(article_of, edges, *, link_density=LINK_DENSITY):
        seen.append(link_density)
        return real(article_of, edges, link_density=link_density)

    monkeypatch.setattr(clusters, "grow_clusters", spy)
    make_run(tmp_path)
    out = CliRunner().invoke(app, ["--quiet", "analyze", str(tmp_path), "--embedder", "hashing", "--link-density", "0.25"])
    assert out.exit_code == 0, out.output
    assert seen and set(seen) == {0.25}
    seen.clear()
    out = CliRunner().invoke(app, ["--quiet", "analyze", str(tmp_path), "--embedder", "hashing"])
    assert out.exit_code == 0, out.output
    assert seen and set(seen) == {LINK_DENSITY}


# --- topic residuals: a match must hold beyond what the whole event shares

def _claim(event, language, article):
    from types import SimpleNamespace

    return SimpleNamespace(article=SimpleNamespace(event_id=event, language=language, article_id=article))


def test_topic_residuals_take_out_each_event_and_language_mean():
    import numpy as np

    from compare.analyze.clusters import topic_residuals

    rng = np.random.default_rng(7)
    claims = ([_claim("E1", "en", "a")] * 4 + [_claim("E1", "ru", "b")] * 2 + [_claim("E1", "ru", "c")]
              + [_claim("E2", "en", "d")] * 3)
    vectors = rng.normal(size=(10, 16)).astype(np.float32) + 3.0   # a strong shared direction
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    out, topical = topic_residuals(claims, vectors)
    # the mean stands for a topic only with four claims or more per article
    assert topical.tolist() == [True] * 4 + [False] * 6
    assert np.allclose(np.linalg.norm(out, axis=1), 1.0, atol=1e-5)
    for idx in ([0, 1, 2, 3], [4, 5, 6], [7, 8, 9]):
        centre = vectors[idx].mean(axis=0)
        assert np.allclose(out[idx] @ centre, 0.0, atol=1e-5)
    # one mean per event when languages are pooled
    pooled, _ = topic_residuals(claims, vectors, by_language=False)
    assert np.allclose(pooled[:7] @ vectors[:7].mean(axis=0), 0.0, atol=1e-5)
    assert not np.allclose(pooled[:7], out[:7])


_RAID = [("a1", "alpha", "E1", "en", "Police raided the Lisogorsk market on Wednesday. Nine people were detained in the "
          "raid. Traders said the officers wore masks. The market reopened on Friday. The regional prosecutor opened "
          "a criminal case."),
         ("b1", "beta", "E1", "ru", "Полиция провела рейд на рынке Лисогорска в среду. Двое мужчин скончались в отделе "
          "полиции. Родственники погибших потребовали независимой экспертизы. Областная прокуратура возбудила "
          "уголовное дело."),
         ("c1", "gamma", "E1", "az", "Polis çərşənbə günü Lisoqorsk bazarında reyd keçirib. Bazar bütün gün bağlı "
          "qalıb. Ailələr məhkəməyə müraciət edib. Vilayət prokurorluğu cinayət işi açıb.")]
_CASE = ("prosecutor", "прокуратура", "prokurorlu")


class _TopicEmbedder:
    """Every sentence is mostly the event's own direction; the criminal case adds
    a direction of its own, every other sentence a small one of its own."""

    name = "test"
    dim = 32

    def __init__(self):
        self.own: dict[str, int] = {}

    def embed(self, texts, kind="passage"):
        import numpy as np

        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for i, t in enumerate(texts):
            out[i, 0] = 1.0
            if any(w in t for w in _CASE):
                out[i, 1] = 0.8
            else:
                out[i, 2 + self.own.setdefault(t, len(self.own))] = 0.25
        return out / np.linalg.norm(out, axis=1, keepdims=True)


def _rows(claims, cluster_of):
    rows: dict[str, list[str]] = {}
    for c in claims:
        rows.setdefault(cluster_of[c.claim_id], []).append(c.article.article_id)
    return sorted(sorted(r) for r in rows.values() if len(r) > 1)


def test_a_match_on_the_event_alone_is_cut_by_the_topic_residual(tmp_path, monkeypatch):
    from compare.analyze import clusters, prepare
    from compare.runs import Run
    from test_analyze import make_run

    make_run(tmp_path, articles=_RAID)
    _, _, claims, _ = prepare(Run(tmp_path))
    case = {c.claim_id for c in claims if any(w in c.text for w in _CASE)}
    assert len(case) == 3
    monkeypatch.setattr(clusters, "TOPIC_RESIDUAL_MIN", None)
    cluster_of, _, _ = clusters.cluster_claims(claims, _TopicEmbedder())
    # without the guard, two reports of the raid itself match besides the criminal case
    assert _rows(claims, cluster_of) == [["a1", "b1", "c1"], ["b1", "c1"]]
    monkeypatch.setattr(clusters, "TOPIC_RESIDUAL_MIN", 0.9)
    cluster_of, _, _ = clusters.cluster_claims(claims, _TopicEmbedder())
    assert _rows(claims, cluster_of) == [["a1", "b1", "c1"]]
    assert len({cluster_of[c] for c in case}) == 1


def test_topic_residual_reaches_the_clusters_from_the_command_line(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from compare.analyze import clusters
    from compare.cli import app
    from test_analyze import make_run

    seen = []
    real = clusters._cluster_event

    def spy(*args, topic_residual, **kw):
        seen.append(topic_residual)
        return real(*args, topic_residual=topic_residual, **kw)

    monkeypatch.setattr(clusters, "_cluster_event", spy)
    make_run(tmp_path)
    for option, expected in ((["--topic-residual", "off"], None), (["--topic-residual", "0.4"], 0.4),
                             ([], clusters.TOPIC_RESIDUAL_MIN)):
        seen.clear()
        out = CliRunner().invoke(app, ["--quiet", "analyze", str(tmp_path), "--embedder", "hashing", *option])
        assert out.exit_code == 0, out.output
        assert seen and set(seen) == {expected}


def test_a_bad_topic_residual_is_one_line_before_any_work(tmp_path):
    import subprocess
    import sys

    from test_analyze import make_run

    make_run(tmp_path)
    for bad in ("high", "2"):
        proc = subprocess.run([sys.executable, "-m", "compare", "--quiet", "analyze", str(tmp_path),
                               "--topic-residual", bad], capture_output=True, text=True, timeout=300)
        assert proc.returncode != 0
        assert f"topic_residual: expected a cosine between -1 and 1 or 'off', got '{bad}'" in proc.stderr
        assert "Traceback" not in proc.stderr and len(proc.stderr.strip().splitlines()) == 1
        assert not (tmp_path / "claims.parquet").exists()
