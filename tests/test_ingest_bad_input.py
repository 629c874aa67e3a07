"""Bad inputs: each skipped with one line naming the file, exit code 3; --strict stops."""
import os

import polars as pl
import pytest

from compare.corpus import ingest
from compare.errors import CompareError, InputProblem
from compare.runs import Run

from corpus_helpers import DE_BODY, EN_BODY, RU_BODY, article, make_corpus, write

GOOD = {"good.md": article("wire", "Good", "2025-06-30", EN_BODY)}


def run_with(tmp_path, files, **kw):
    root = make_corpus(tmp_path / "c", {**GOOD, **files})
    result = ingest(root, tmp_path / "run", **kw)
    return result, Run(tmp_path / "run")


def only_problem(result, where):
    assert result.exit_code == 3
    hits = [m for w, m in result.problems if w == where]
    assert len(hits) == 1, result.problems
    assert "\n" not in hits[0]
    return hits[0]


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root can read any file")
def test_unreadable_file(tmp_path):
    root = make_corpus(tmp_path / "c", {**GOOD, "locked.md": article("wire", "L", "2025-06-30", EN_BODY)})
    os.chmod(root / "locked.md", 0)
    try:
        result = ingest(root, tmp_path / "run")
    finally:
        os.chmod(root / "locked.md", 0o644)
    assert "permission denied" in only_problem(result, "locked.md")


@pytest.mark.parametrize("encoding", ["cp1251", "koi8-r", "utf-16", "utf-16-le", "utf-16-be"])
def test_legacy_and_utf16_encodings_are_detected_and_decoded(tmp_path, encoding):
    text = article("vestnik", "Рейд в Лисогорске", "30.06.2025", RU_BODY)
    result, run = run_with(tmp_path, {"enc.md": text.encode(encoding)})
    assert result.exit_code == 0, result.problems
    row = run.read("articles").filter(pl.col("source_path") == "enc.md").row(0, named=True)
    assert row["title"] == "Рейд в Лисогорске"
    assert row["text"].startswith("В среду полиция провела рейд на рынке")
    assert row["language"] == "ru"


def test_empty_article(tmp_path):
    result, run = run_with(tmp_path, {"empty.md": article("wire", "Nothing", "2025-06-30", "  \n\n ")})
    assert "empty article" in only_problem(result, "empty.md")
    assert run.read("articles").height == 1
    assert run.read("problems").row(0, named=True) == {"where": "empty.md", "problem": result.problems[0][1]}


def test_binary_file(tmp_path):
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10" + bytes(range(256)) * 4
    result, _ = run_with(tmp_path, {"picture.md": png})
    assert "binary" in only_problem(result, "picture.md")


def test_file_over_the_size_cap_is_not_read(tmp_path):
    root = make_corpus(tmp_path / "c", GOOD)
    big = root / "huge.md"
    with open(big, "wb") as fh:  # sparse 50 MB file: cheap to create
        fh.truncate(50 * 1000 * 1000)
    result = ingest(root, tmp_path / "run")
    msg = only_problem(result, "huge.md")
    assert "50.0 MB" in msg and "limit" in msg


FR_BODY = ("La police a fouillé mercredi un marché de la ville et interpellé des dizaines de personnes. "
           "Deux des hommes arrêtés sont morts au commissariat, selon leurs proches.")
ZH_BODY = "警方周三搜查了该市的一个市场，拘留了数十人。据家属说，两名被拘留的男子在警察局死亡。"
BG_BODY = ("Полицията претърси в сряда пазар в града и задържа десетки хора. Двама от задържаните мъже "
           "са починали в полицейското управление, според техните близки.")


@pytest.mark.parametrize("code,body", [("de", DE_BODY), ("fr", FR_BODY), ("zh", ZH_BODY), ("bg", BG_BODY)])
def test_unsupported_language(tmp_path, code, body):
    # The wire's usual language (en, from corpus.toml) does not vouch for the text.
    result, run = run_with(tmp_path, {"x.md": article("wire", "Razzia", "2025-06-30", body)})
    msg = only_problem(result, "x.md")
    assert msg.startswith(f"unsupported language: detected {code} (")
    assert run.read("articles")["source_path"].to_list() == ["good.md"]


def test_article_declaring_a_supported_language_is_kept_with_a_mismatch(tmp_path):
    result, run = run_with(tmp_path, {"de.md": article("wire", "Razzia", "2025-06-30", DE_BODY, language="en")})
    assert result.exit_code == 0
    row = run.read("articles").filter(pl.col("source_path") == "de.md").row(0, named=True)
    assert (row["declared_language"], row["language"], row["language_mismatch"]) == ("en", "de", True)


def test_unreadable_file_message(tmp_path, monkeypatch):
    # Also checked as a normal user above; here the permission error is simulated so it runs as root too.
    import builtins

    real_open = builtins.open

    def fake_open(path, *a, **kw):
        if str(path).endswith("locked.md"):
            raise PermissionError(13, "Permission denied")
        return real_open(path, *a, **kw)

    root = make_corpus(tmp_path / "c", {**GOOD, "locked.md": article("wire", "L", "2025-06-30", EN_BODY)})
    monkeypatch.setattr(builtins, "open", fake_open)
    result = ingest(root, tmp_path / "run")
    monkeypatch.undo()
    assert only_problem(result, "locked.md") == "cannot read file (permission denied)"


def test_unsupported_language_without_declaration(tmp_path):
    toml = 'name = "x"\n[[outlets]]\nid = "w"\nname = "W"\ncountry = "DE"\nkind = "private"\n'
    root = make_corpus(tmp_path / "c", {"de.md": article("w", "Razzia", "2025-06-30", DE_BODY),
                                        "en.md": article("w", "Raid", "2025-06-30", EN_BODY)}, toml=toml)
    result = ingest(root, tmp_path / "run")
    assert "unsupported language: detected de" in only_problem(result, "de.md")


def test_malformed_table_rows(tmp_path):
    csv_text = (
        "outlet,title,text,published,url,language\n"
        f'wire,One,"{EN_BODY}",2025-06-30,,en\n'
        "wire,Broken,too,many,fields,here,and,more\n"
        f'vestnik,Two,"{RU_BODY}",30.06.2025,,ru\n'
    )
    jsonl = (
        '{"outlet": "wire", "title": "J1", "text": "' + EN_BODY.replace("\n", "\\n") + '", "published": "2025-07-01"}\n'
        "{not json\n"
        '["a", "list"]\n'
        '{"outlet": "wire", "title": "no text"}\n'
    )
    result, run = run_with(tmp_path, {"t/table.csv": csv_text, "t/rows.jsonl": jsonl})
    where = sorted(w for w, _ in result.problems)
    assert where == ["t/rows.jsonl#row=2", "t/rows.jsonl#row=3", "t/rows.jsonl#row=4", "t/table.csv#row=2"]
    arts = run.read("articles")
    assert set(arts["source_path"]) == {"good.md", "t/table.csv#row=1", "t/table.csv#row=3", "t/rows.jsonl#row=1"}
    assert result.exit_code == 3


def test_parquet_table(tmp_path):
    root = make_corpus(tmp_path / "c", {})
    pl.DataFrame({
        "outlet": ["wire", "vestnik"], "title": ["P1", "P2"], "text": [EN_BODY, RU_BODY],
        "published": ["2025-06-30", "30 июня 2025"], "url": [None, "https://vestnik.example/p2"],
    }).write_parquet(root / "rows.parquet")
    result = ingest(root, tmp_path / "run")
    arts = Run(tmp_path / "run").read("articles").sort("source_path")
    assert arts["source_path"].to_list() == ["rows.parquet#row=1", "rows.parquet#row=2"]
    assert arts["language"].to_list() == ["en", "ru"] and result.exit_code == 0


def test_unknown_outlet(tmp_path):
    result, _ = run_with(tmp_path, {"x.md": article("nobody", "X", "2025-06-30", EN_BODY)})
    msg = only_problem(result, "x.md")
    assert "'nobody' is not in corpus.toml" in msg


def test_include_pattern_escaping_the_corpus(tmp_path):
    from corpus_helpers import OUTLETS_TOML

    write(tmp_path / "outside.md", article("wire", "Out", "2025-06-30", EN_BODY))
    root = make_corpus(tmp_path / "c", GOOD, toml=OUTLETS_TOML + '\n[articles]\ninclude = ["*.md", "../*.md", "/etc/*"]\n')
    result = ingest(root, tmp_path / "run")
    msgs = [m for w, m in result.problems if w.endswith("corpus.toml")]
    assert len(msgs) == 2 and any("leaves the corpus folder" in m for m in msgs)
    assert any("absolute path" in m for m in msgs)
    assert Run(tmp_path / "run").read("articles")["source_path"].to_list() == ["good.md"]


def test_missing_corpus_toml_uses_defaults_with_a_warning(tmp_path):
    root = make_corpus(tmp_path / "nameless", GOOD, toml=None)
    result = ingest(root, tmp_path / "run")
    assert result.exit_code == 0 and result.corpus == "nameless"
    assert any("corpus.toml" in w and "not found" in m for w, m in result.warnings)
    row = Run(tmp_path / "run").read("articles").row(0, named=True)
    assert row["outlet"] == "wire" and row["outlet_country"] is None


def test_bad_front_matter(tmp_path):
    result, _ = run_with(tmp_path, {"bad.md": "---\ntitle: [unclosed\n---\nBody text here.\n",
                                    "open.md": "---\noutlet: wire\ntitle: T\n" + EN_BODY,
                                    "list.md": "---\n- a\n- b\n---\n" + EN_BODY})
    assert "front matter is not valid YAML" in only_problem(result, "bad.md")
    assert only_problem(result, "open.md") == "front matter opened with --- but never closed"
    assert "not a mapping" in only_problem(result, "list.md")


def test_unparseable_date_is_a_warning_not_a_skip(tmp_path):
    result, run = run_with(tmp_path, {"d.md": article("wire", "D", "sometime soon", EN_BODY + " Extra.")})
    assert result.exit_code == 0
    assert any(w == "d.md" and "not understood" in m for w, m in result.warnings)
    assert run.read("articles").filter(pl.col("source_path") == "d.md")["published"][0] is None


def test_strict_stops_at_the_first_bad_input_and_keeps_earlier_tables(tmp_path):
    root = make_corpus(tmp_path / "c", GOOD)
    ingest(root, tmp_path / "run")
    before = (tmp_path / "run" / "articles.parquet").read_bytes()
    write(root / "empty.md", article("wire", "E", "2025-06-30", ""))
    with pytest.raises(InputProblem) as err:
        ingest(root, tmp_path / "run", strict=True)
    assert str(err.value) == "empty.md: empty article (no body text)"
    assert isinstance(err.value, CompareError)
    assert (tmp_path / "run" / "articles.parquet").read_bytes() == before


def test_missing_corpus_folder(tmp_path):
    with pytest.raises(CompareError, match="corpus folder not found"):
        ingest(tmp_path / "nope", tmp_path / "run")


@pytest.mark.parametrize("encoding", ["cp1251", "koi8-r", "cp866", "utf-16-le", "utf-16-be"])
@pytest.mark.parametrize("text", ["Двое погибли.", "двое погибли", "ДВОЕ ПОГИБЛИ В ОТДЕЛЕ ПОЛИЦИИ."])
def test_short_legacy_texts_decode(encoding, text):
    from compare.corpus.readers import decode

    assert decode(text.encode(encoding), "x.txt")[0] == text


def test_random_bytes_are_reported_not_decoded(tmp_path):
    import random

    rng = random.Random(5)
    noise = bytes(rng.randint(1, 255) for _ in range(3000))  # no NUL bytes, nothing textual
    result, _ = run_with(tmp_path, {"noise.txt": noise})
    msg = only_problem(result, "noise.txt")
    assert "cannot decode" in msg or "binary" in msg


def test_semicolon_csv_with_bom(tmp_path):
    rows = "outlet;title;text;published\r\nvestnik;Рейд;\"" + RU_BODY.replace("\n\n", " ") + "\";30.06.2025\r\n"
    result, run = run_with(tmp_path, {"t.csv": ("\ufeff" + rows).encode("utf-8")})
    assert result.exit_code == 0, result.problems
    row = run.read("articles").filter(pl.col("source_path") == "t.csv#row=1").row(0, named=True)
    assert (row["outlet"], row["title"], row["language"]) == ("vestnik", "Рейд", "ru")


def test_bare_text_files_without_corpus_toml_take_folder_or_file_name_as_outlet(tmp_path):
    # A folder per outlet is the usual way to keep downloads; a loose file is its own outlet.
    root = make_corpus(tmp_path / "c", {"tass/raid.txt": RU_BODY, "loose-article.txt": EN_BODY}, toml=None)
    result = ingest(root, tmp_path / "run")
    outlets = dict(zip(*Run(tmp_path / "run").read("articles").select("source_path", "outlet")))
    assert outlets == {"tass/raid.txt": "tass", "loose-article.txt": "loose-article"}
    assert not result.problems
    assert any("loose-article.txt" in w[0] and "own outlet" in w[1] for w in result.warnings)
