"""corpus.toml reading and outlet lookup."""
import pytest

from compare.corpus import load_corpus
from compare.corpus.config import check_pattern
from compare.errors import CompareError, InputProblem

from corpus_helpers import OUTLETS_TOML, make_corpus, write


def test_load_corpus_fields(tmp_path):
    cfg = load_corpus(make_corpus(tmp_path / "c", {}))
    assert (cfg.name, cfg.synthetic, cfg.include) == ("test", True, None)
    assert list(cfg.outlets) == ["vestnik", "xeber", "wire", "chronicle"]
    x = cfg.outlets["xeber"]
    assert (x.country, x.languages, x.kind, x.timezone) == ("AZ", ("az", "ru"), "state", "Asia/Baku")
    assert cfg.outlets["vestnik"].timezone == "Europe/Moscow"
    assert cfg.outlets["wire"].timezone == "UTC"


def test_find_outlet_by_id_name_and_host(tmp_path):
    cfg = load_corpus(make_corpus(tmp_path / "c", {}))
    assert cfg.find_outlet("wire").id == "wire"
    assert cfg.find_outlet("the chronicle").id == "chronicle"
    assert cfg.find_outlet("https://www.xeber.example/az/news/1").id == "xeber"
    assert cfg.find_outlet("news.vestnik.example").id == "vestnik"
    assert cfg.find_outlet("elsewhere.example") is None


@pytest.mark.parametrize("toml,message", [
    ("name = [", "not valid TOML"),
    ('[[outlets]]\nname = "no id"\n', "has no id"),
    ('[[outlets]]\nid = "a"\n[[outlets]]\nid = "a"\n', "listed twice"),
    ('[articles]\ninclude = 3\n', "list of glob patterns"),
])
def test_bad_corpus_toml(tmp_path, toml, message):
    root = make_corpus(tmp_path / "c", {}, toml=toml)
    with pytest.raises(InputProblem, match=message) as err:
        load_corpus(root)
    assert str(err.value).startswith(str(root / "corpus.toml"))


def test_patterns_must_stay_inside(tmp_path):
    cfg = load_corpus(make_corpus(tmp_path / "c", {}))
    assert check_pattern(cfg, "articles/**/*.md") is None
    assert "leaves the corpus folder" in check_pattern(cfg, "../other/*.md")
    assert "leaves the corpus folder" in check_pattern(cfg, "a/../../x.md")
    assert "absolute path" in check_pattern(cfg, "/etc/passwd")


def test_missing_folder_and_file_instead_of_folder(tmp_path):
    with pytest.raises(CompareError, match="not found"):
        load_corpus(tmp_path / "missing")
    f = write(tmp_path / "file.md", "x")
    with pytest.raises(CompareError, match="not a folder"):
        load_corpus(f)


def test_no_corpus_toml(tmp_path):
    (tmp_path / "bare").mkdir()
    cfg = load_corpus(tmp_path / "bare")
    assert (cfg.name, cfg.outlets, cfg.has_config) == ("bare", {}, False)


def test_symlink_leaving_the_corpus_is_skipped(tmp_path):
    from compare.corpus import ingest
    from corpus_helpers import EN_BODY, article

    outside = write(tmp_path / "secret.md", article("wire", "S", "2025-06-30", EN_BODY))
    root = make_corpus(tmp_path / "c", {"ok.md": article("wire", "OK", "2025-06-30", EN_BODY + " More.")}, toml=OUTLETS_TOML)
    (root / "link.md").symlink_to(outside)
    result = ingest(root, tmp_path / "run")
    assert result.problems == [("link.md", "links to a file outside the corpus folder; skipped")]
