"""compare ingest: article formats, tables written, ids, languages, sentences."""
import sys
from datetime import datetime, timezone

import polars as pl
import pytest

from compare.corpus import ingest
from compare.corpus.ingest import ARTICLE_SCHEMA, PROBLEM_SCHEMA, SENTENCE_SCHEMA
from compare.runs import Run

from corpus_helpers import AZ_BODY, EN_BODY, RU_BODY, article, make_corpus, write

UTC = timezone.utc


@pytest.fixture()
def corpus(tmp_path):
    toml_front = (
        "+++\n"
        'outlet = "xeber"\n'
        'title = "Lisoqorskda reyd"\n'
        'published = "30 iyun 2025-ci il, 14:20"\n'
        'url = "https://xeber.example/az/1"\n'
        'language = "az"\n'
        'translation = "Police raided a market in Lisogorsk."\n'
        "+++\n" + AZ_BODY
    )
    return make_corpus(tmp_path / "c", {
        "articles/ru1.md": article("vestnik", "Рейд в Лисогорске", "30 июня 2025 г., 14:20", RU_BODY,
                                   url="https://vestnik.example/1"),
        "articles/ru1.translation.en.md": "Police raided a market in Lisogorsk on Wednesday.\n",
        "articles/az1.txt": toml_front,
        "articles/en1.md": article("wire", "Raid in Lisogorsk", "2025-06-30T12:00:00Z", EN_BODY),
        "README.md": "# Not an article\n",
        "articles/README.txt": "Notes about this folder, not an article.\n",
        "gold/articles.csv": "file,outlet\n",
        ".hidden.md": article("wire", "Hidden", "2025-06-30", EN_BODY),
        "notes.json": "{}",
    })


def test_ingest_writes_tables_with_the_contract_columns(corpus, tmp_path):
    out = tmp_path / "run"
    result = ingest(corpus, out)
    assert result.exit_code == 0, result.problems
    run = Run(out)
    arts, sents, probs = run.read("articles"), run.read("sentences"), run.read("problems")
    assert arts.schema == pl.Schema(ARTICLE_SCHEMA)
    assert sents.schema == pl.Schema(SENTENCE_SCHEMA)
    assert probs.schema == pl.Schema(PROBLEM_SCHEMA) and probs.height == 0
    assert sorted(arts["source_path"]) == ["articles/az1.txt", "articles/en1.md", "articles/ru1.md"]
    by = {r["source_path"]: r for r in arts.iter_rows(named=True)}
    ru, az, en = by["articles/ru1.md"], by["articles/az1.txt"], by["articles/en1.md"]
    assert (ru["language"], az["language"], en["language"]) == ("ru", "az", "en")
    assert ru["outlet_name"] == "Вестник" and ru["outlet_country"] == "RU" and ru["outlet_kind"] == "state"
    assert ru["published"] == datetime(2025, 6, 30, 11, 20, tzinfo=UTC)  # Moscow time
    assert az["published"] == datetime(2025, 6, 30, 10, 20, tzinfo=UTC)  # Baku time
    assert en["published"] == datetime(2025, 6, 30, 12, 0, tzinfo=UTC)
    assert ru["published_raw"] == "30 июня 2025 г., 14:20"
    assert ru["translation"] == "Police raided a market in Lisogorsk on Wednesday."
    assert ru["translation_language"] == "en"
    assert az["translation"] == "Police raided a market in Lisogorsk." and az["url"] == "https://xeber.example/az/1"
    assert en["translation"] is None and en["translation_language"] is None
    assert ru["declared_language"] == "ru" and not ru["language_mismatch"]
    assert az["declared_language"] == "az"
    assert ru["text"].count("\n\n") == 3 and "---" not in ru["text"]
    assert len(ru["article_id"]) == 16
    assert arts["duplicate_of"].null_count() == 3
    assert "articles:" in str(result) and str(out) in str(result)


def test_sentences_offsets_paragraphs_and_languages(corpus, tmp_path):
    ingest(corpus, tmp_path / "run")
    arts = Run(tmp_path / "run").read("articles")
    sents = Run(tmp_path / "run").read("sentences")
    texts = dict(zip(arts["article_id"], arts["text"]))
    for row in sents.iter_rows(named=True):
        assert texts[row["article_id"]][row["start"]:row["end"]] == row["text"]
        assert row["sentence_id"] == f"{row['article_id']}-s{row['index']:04d}"
    ru_id = arts.filter(pl.col("language") == "ru")["article_id"][0]
    ru = sents.filter(pl.col("article_id") == ru_id).sort("index")
    assert ru["paragraph"].to_list() == [0, 0, 1, 1, 2, 3]
    assert ru["text"][4] == "Ок."  # too short to detect: inherits the article's language
    assert ru["language"].unique().to_list() == ["ru"]
    assert set(sents["language"]) == {"ru", "az", "en"}


def test_ids_are_stable_across_runs(corpus, tmp_path):
    ingest(corpus, tmp_path / "a")
    ingest(corpus, tmp_path / "b")
    a = Run(tmp_path / "a").read("sentences")["sentence_id"].to_list()
    b = Run(tmp_path / "b").read("sentences")["sentence_id"].to_list()
    assert a == b and len(a) > 5


def test_sentence_languages_do_not_depend_on_chunks_or_the_detection_cache(corpus, tmp_path, monkeypatch):
    """Sentences are detected chunk by chunk with a bounded cache of what was
    found; the smallest chunks and no cache at all give the same table."""
    ingest_module = sys.modules["compare.corpus.ingest"]  # the package exports the function under this name
    ingest(corpus, tmp_path / "a")
    monkeypatch.setattr(ingest_module, "BATCH", 1)
    monkeypatch.setattr(ingest_module, "FOUND_LIMIT", 0)
    ingest(corpus, tmp_path / "b")
    a, b = Run(tmp_path / "a").read("sentences"), Run(tmp_path / "b").read("sentences")
    assert a.equals(b) and a["language"].n_unique() == 3


def test_text_is_normalised(tmp_path):
    body = ("Police\u00a0raided a mar\u00adket in Lisogorsk on Wednes\u200bday, detaining dozens.\r\n"
            "The   wire said so.\r\n\r\n\r\n   \r\n“Quoted” words stay «as written».")
    root = make_corpus(tmp_path / "c", {"a.md": article("wire", "T", "2025-06-30", body)})
    ingest(root, tmp_path / "run")
    text = Run(tmp_path / "run").read("articles")["text"][0]
    assert text == ("Police raided a market in Lisogorsk on Wednesday, detaining dozens. The wire said so."
                    "\n\n“Quoted” words stay «as written».")


def test_language_mismatch_keeps_both(tmp_path):
    root = make_corpus(tmp_path / "c", {"a.md": article("vestnik", "T", "2025-06-30", EN_BODY, language="ru")})
    result = ingest(root, tmp_path / "run")
    row = Run(tmp_path / "run").read("articles").row(0, named=True)
    assert (row["declared_language"], row["language"], row["language_mismatch"]) == ("ru", "en", True)
    assert result.language_mismatches == 1 and result.exit_code == 0
    assert any("declared language ru but detected en" in m for _, m in result.warnings)


def test_include_globs(tmp_path):
    root = make_corpus(tmp_path / "c", {
        "in/a.md": article("wire", "A", "2025-06-30", EN_BODY),
        "out/b.md": article("vestnik", "B", "2025-06-30", RU_BODY),
    }, toml=None)
    from corpus_helpers import OUTLETS_TOML
    write(root / "corpus.toml", OUTLETS_TOML + '\n[articles]\ninclude = ["in/**/*.md"]\n')
    ingest(root, tmp_path / "run")
    assert Run(tmp_path / "run").read("articles")["source_path"].to_list() == ["in/a.md"]


def test_outlet_defaults_to_the_only_outlet_and_title_from_heading(tmp_path):
    toml = 'name = "one"\n[[outlets]]\nid = "solo"\nname = "Solo"\ncountry = "AZ"\nlanguages = ["az"]\nkind = "private"\n'
    root = make_corpus(tmp_path / "c", {"a.md": "# Başlıq burada\n\n" + AZ_BODY}, toml=toml)
    ingest(root, tmp_path / "run")
    row = Run(tmp_path / "run").read("articles").row(0, named=True)
    assert (row["outlet"], row["title"], row["language"], row["published"]) == ("solo", "Başlıq burada", "az", None)
    assert row["text"].startswith("Çərşənbə")


def test_progress_is_silent_when_quiet(corpus, tmp_path, capsys):
    from compare import console

    console.configure(quiet=True)
    try:
        ingest(corpus, tmp_path / "run")
    finally:
        console.configure(quiet=False)
    assert capsys.readouterr().err == ""


def test_unquoted_dates_in_front_matter_keep_the_raw_text(tmp_path):
    root = make_corpus(tmp_path / "c", {
        "y.md": "---\noutlet: wire\ntitle: Y\npublished: 2025-06-30\n---\n" + EN_BODY,
        "t.md": "+++\noutlet = \"vestnik\"\ntitle = \"T\"\npublished = 2025-06-30T14:20:00+03:00\n+++\n" + RU_BODY,
    })
    ingest(root, tmp_path / "run")
    arts = Run(tmp_path / "run").read("articles").sort("source_path")
    assert arts["published_raw"].to_list() == ["2025-06-30T14:20:00+03:00", "2025-06-30"]
    assert arts["published"].to_list() == [datetime(2025, 6, 30, 11, 20, tzinfo=UTC), datetime(2025, 6, 30, tzinfo=UTC)]


def test_relative_date_uses_the_fetched_field(tmp_path):
    root = make_corpus(tmp_path / "c", {
        "r.md": article("vestnik", "R", "вчера, 14:20", RU_BODY, fetched="2025-07-01T10:00:00Z"),
    })
    ingest(root, tmp_path / "run")
    row = Run(tmp_path / "run").read("articles").row(0, named=True)
    assert row["published"] == datetime(2025, 6, 30, 11, 20, tzinfo=UTC)


def test_sentence_id_expression_matches_the_function():
    from compare.runs import sentence_id, sentence_id_expr

    df = pl.DataFrame({"article_id": ["a1", "a1", "b2"], "index": [0, 12, 10000]})
    assert df.select(sentence_id_expr())[:, 0].to_list() == [sentence_id(a, i) for a, i in df.iter_rows()]
