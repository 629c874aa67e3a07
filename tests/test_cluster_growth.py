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
