"""Inputs that once ended ingest (or analyze) with a traceback or stored mojibake.

Each test reproduces one case found by hand or by ``bench/fuzz.py``: it now
gives a one-line message naming the file (and row) and the run goes on.
"""
from __future__ import annotations

import json
import subprocess
import sys

import polars as pl
import pytest

from compare.corpus import ingest, load_corpus
from compare.errors import ConfigError
from compare.runs import Run

from corpus_helpers import EN_BODY, RU_BODY, article, make_corpus, write

RU_TEXT = RU_BODY.replace("\n\n", " ")


def _ingest(tmp_path, files, toml=None, **kw):
    kwargs = {} if toml == "default" else {"toml": toml}
    root = make_corpus(tmp_path / "corpus", files, **kwargs)
    result = ingest(root, tmp_path / "run", **kw)
    return result, Run(tmp_path / "run").read("articles")


def _warnings(result, where):
    return [m for w, m in result.warnings if w == where]


# --------------------------------------------------------------------------- surrogates
def test_lone_surrogate_in_jsonl_text_is_replaced_and_reported(tmp_path):
    row = {"outlet": "wire", "title": "Raid", "text": EN_BODY.replace("Wednesday", "Wednesday \ud800")}
    line = json.dumps(row)  # json.dumps writes the lone surrogate as the escape \ud800
    assert "\\ud800" in line
    result, arts = _ingest(tmp_path, {"rows.jsonl": line + "\n"}, toml="default")
    assert result.exit_code == 0 and arts.height == 1
    assert "Wednesday \ufffd" in arts["text"][0]
    assert any("surrogate" in m and "text" in m for m in _warnings(result, "rows.jsonl#row=1"))


def test_surrogate_escapes_in_yaml_front_matter(tmp_path):
    files = {
        "pair.md": '---\noutlet: wire\ntitle: "\\ud83d\\ude00 Raid"\n---\n' + EN_BODY,
        "lone.md": '---\noutlet: chronicle\ntitle: "Raid \\ud800"\n---\n' + EN_BODY.replace("Police", "Officers"),
    }
    result, arts = _ingest(tmp_path, files, toml="default")
    titles = dict(zip(arts["source_path"], arts["title"]))
    assert titles == {"pair.md": "\U0001F600 Raid", "lone.md": "Raid \ufffd"}
    assert result.exit_code == 0
    assert _warnings(result, "pair.md") and _warnings(result, "lone.md")


def test_file_name_that_is_not_utf8(tmp_path):
    root = make_corpus(tmp_path / "corpus", {}, toml=None)
    name = b"caf\xe9-" + b"raid.md"
    with open(bytes(root) + b"/" + name, "w", encoding="utf-8") as fh:
        fh.write(article("wire", "Raid", "2025-06-30", EN_BODY))
    result = ingest(root, tmp_path / "run")
    arts = Run(tmp_path / "run").read("articles")
    assert arts["source_path"].to_list() == ["caf\\xe9-raid.md"]
    assert result.articles == 1


# --------------------------------------------------------------------------- URLs
def test_malformed_url_without_outlet_is_kept_as_text(tmp_path):
    page = '---\ntitle: "Raid"\nurl: "https://[example.com/news"\n---\n' + EN_BODY
    result, arts = _ingest(tmp_path, {"news.md": page})  # no corpus.toml, no outlet
    assert arts["url"].to_list() == ["https://[example.com/news"]
    assert arts["outlet"].to_list() == ["news"]
    assert any("not a valid http(s) URL; kept as text" in m for m in _warnings(result, "news.md"))


def test_malformed_url_with_outlets_listed(tmp_path):
    page = '---\ntitle: "Raid"\nurl: "https://[example.com/news"\n---\n' + EN_BODY
    toml = '[[outlets]]\nid = "a"\nurl = "https://a.example"\n[[outlets]]\nid = "b"\nurl = "http://[b"\n'
    result, arts = _ingest(tmp_path, {"news.md": page}, toml=toml)
    assert arts.height == 0 and result.exit_code == 3
    assert "no outlet given" in dict(result.problems)["news.md"]
    assert any("url 'http://[b' has no web host" in m for w, m in result.warnings)


# --------------------------------------------------------------------------- encodings
def test_utf8_cut_inside_its_last_character_is_not_mojibake(tmp_path):
    data = RU_TEXT[:-1].encode("utf-8")[:-1]
    result, arts = _ingest(tmp_path, {"vestnik/cut.txt": data}, toml=None)
    assert arts.height == 1
    text = arts["text"][0]
    assert text == RU_TEXT[:-2]  # the cut character is dropped, the rest is intact
    assert arts["language"][0] == "ru"
    assert _warnings(result, "vestnik/cut.txt") == [
        "file ends inside a UTF-8 character (cut short?); the incomplete character was dropped"]


def test_utf8_cut_inside_its_last_character_with_front_matter(tmp_path):
    data = article("vestnik", "Рейд на рынке", "2025-06-30", RU_TEXT).rstrip("\n")[:-1].encode("utf-8")[:-1]
    result, arts = _ingest(tmp_path, {"cut.md": data}, toml="default")
    assert arts["title"].to_list() == ["Рейд на рынке"]
    assert result.exit_code == 0
    assert "UTF-8 character" in _warnings(result, "cut.md")[0]


def test_a_few_bad_bytes_in_utf8_are_replaced_and_reported(tmp_path):
    data = RU_TEXT.encode("utf-8").replace("Прокуратура".encode(), b"\xff\xfe" + "рокуратура".encode())
    result, arts = _ingest(tmp_path, {"vestnik/bad.txt": data}, toml=None)
    assert "\ufffd\ufffdрокуратура" in arts["text"][0]
    assert _warnings(result, "vestnik/bad.txt") == ["2 invalid UTF-8 byte sequence(s) replaced with U+FFFD (\ufffd)"]


def test_legacy_code_pages_are_still_read_as_such(tmp_path):
    result, arts = _ingest(tmp_path, {"vestnik/a.txt": RU_TEXT.encode("cp1251")}, toml=None)
    assert arts["text"][0] == RU_TEXT and not [w for w in result.warnings if "UTF-8" in w[1]]


# --------------------------------------------------------------------------- field types
def test_front_matter_fields_of_the_wrong_type(tmp_path):
    files = {
        "list.md": "---\noutlet: wire\ntitle: [a, b]\nurl: {x: 1}\nlanguage: no\n---\n" + EN_BODY,
        "outlet.md": "---\noutlet: [wire, chronicle]\ntitle: Raid\n---\n" + EN_BODY.replace("Police", "Officers"),
        "nan.jsonl": '{"outlet": "chronicle", "title": NaN, "published": [2025], "text": "' + EN_BODY.replace("\n", " ") + '"}\n',
    }
    result, arts = _ingest(tmp_path, files, toml="default")
    assert sorted(arts["source_path"]) == ["list.md", "nan.jsonl#row=1"]
    row = arts.filter(pl.col("source_path") == "list.md").row(0, named=True)
    assert row["title"] == "" and row["url"] is None and row["language"] == "en"
    assert sorted(_warnings(result, "list.md")) == [
        "field 'language' is true/false (YAML reads yes/no/on/off so: quote the value), expected text; ignored",
        "field 'title' is a list, expected text; ignored",
        "field 'url' is a mapping, expected text; ignored",
    ]
    assert dict(result.problems)["outlet.md"] == "field 'outlet' is a list, expected text"
    assert sorted(_warnings(result, "nan.jsonl#row=1")) == [
        "field 'published' is a list, expected text; ignored",
        "field 'title' is the number nan, expected text; ignored",
    ]


def test_deeply_nested_rows_and_front_matter(tmp_path):
    files = {"deep.jsonl": "[" * 50_000 + "\n", "deep.md": "---\nx: " + "[" * 5_000 + "\n---\n" + EN_BODY}
    result, arts = _ingest(tmp_path, files, toml="default")
    assert arts.height == 0
    assert dict(result.problems) == {"deep.jsonl#row=1": "malformed row: JSON nested too deeply",
                                     "deep.md": "front matter is nested too deeply"}


# --------------------------------------------------------------------------- corpus.toml
@pytest.mark.parametrize("toml, message", [
    ('[articles]\ninclude = "*.md"\n', """[articles] include must be a list of glob patterns, e.g. include = ["*.md"]"""),
    ('[articles]\ninclude = [1, 2]\n', "[articles] include must be a list of glob patterns"),
    ('articles = ["*.md"]\n', "articles must be a table ([articles]), not a list"),
    ('name = ["a"]\n', "name must be text, not a list"),
    ('synthetic = "yes"\n', "synthetic must be true or false, not text"),
    ('outlets = {id = "a"}\n', "outlets must be a list of [[outlets]] tables, not a table"),
    ('outlets = ["a"]\n', "[[outlets]] entry 1 is text, not a table"),
    ('[[outlets]]\nid = "a"\nlanguages = "ru"\n', """outlet 'a': languages must be a list of language codes, e.g. languages = ["ru"]"""),
    ('[[outlets]]\nid = "a"\nurl = {x = 1}\n', "outlet 'a': url must be text, not a table"),
    ('[[outlets]]\nid = ["a"]\n', "[[outlets]] entry 1: id must be text, not a list"),
    ('[[outlets]]\nid = "a"\ncountry = 7.5\n', "outlet 'a': country must be text, not a number"),
    ("x = " + "[" * 3000, "not valid TOML"),
    (b"name = '\xff'\n", "not UTF-8 text"),
])
def test_corpus_toml_keys_are_checked_by_type(tmp_path, toml, message):
    root = make_corpus(tmp_path / "c", {"a.md": article("a", "T", "2025-06-30", EN_BODY)}, toml=None)
    write(root / "corpus.toml", toml)
    with pytest.raises(ConfigError) as info:
        load_corpus(root)
    assert info.value.exit_code == 2
    assert str(info.value).startswith(f"{root / 'corpus.toml'}: ")
    assert message in str(info.value)


def test_unknown_corpus_toml_keys_are_warnings(tmp_path):
    toml = '[corpus]\nname = "x"\n[[outlets]]\nid = "wire"\nhomepage = "x"\n[articles]\nexclude = ["gold"]\n'
    result, arts = _ingest(tmp_path, {"a.md": article("wire", "T", "2025-06-30", EN_BODY)}, toml=toml)
    assert arts.height == 1 and result.exit_code == 0
    assert sorted(m for w, m in result.warnings if w.endswith("corpus.toml")) == [
        "[articles]: unknown key 'exclude' ignored (known: include)",
        "outlet 'wire': unknown key 'homepage' ignored (known: id, name, country, languages, kind, url)",
        "unknown key 'corpus' ignored (known: name, description, synthetic, outlets, articles)",
    ]


def test_invalid_corpus_toml_is_a_usage_error_on_the_command_line(tmp_path):
    root = make_corpus(tmp_path / "c", {"a.md": article("a", "T", "2025-06-30", EN_BODY)}, toml='[articles]\ninclude = "*.md"\n')
    proc = subprocess.run([sys.executable, "-m", "compare", "ingest", str(root), "--out", str(tmp_path / "r")],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 2
    assert proc.stderr.strip().splitlines() == [
        f"error: {root / 'corpus.toml'}: [articles] include must be a list of glob patterns, e.g. include = [\"*.md\"]"]


# --------------------------------------------------------------------------- analyze
def test_azerbaijani_name_whose_key_is_empty():
    """A capital letter with no Latin key (the Cyrillic soft sign) ended analyze with IndexError."""
    from compare.extract.entities import AzerbaijaniRuleRecognizer

    found = AzerbaijaniRuleRecognizer().recognize(["Dünən polis Ь bildirib.", "Dünən Ь Ъ şəhərində polis."])
    assert len(found) == 2


# --------------------------------------------------------------------------- found by bench/fuzz.py
@pytest.mark.parametrize("pattern", ["", "articles/**x.md", "\x00"])
def test_include_patterns_that_are_no_glob(tmp_path, pattern):
    toml = '[[outlets]]\nid = "wire"\n[articles]\ninclude = ' + json.dumps([pattern, "*.md"]) + "\n"
    result, arts = _ingest(tmp_path, {"a.md": article("wire", "T", "2025-06-30", EN_BODY)}, toml=toml)
    assert arts.height == 1 and result.exit_code == 3
    (where, message), = result.problems
    assert where.endswith("corpus.toml") and "include pattern" in message


def test_integer_with_more_digits_than_python_converts(tmp_path):
    rows = '{"outlet": "wire", "text": "' + EN_BODY.replace("\n", " ") + '", "title": ' + "1" * 5000 + "}\n"
    result, arts = _ingest(tmp_path, {"rows.jsonl": rows}, toml="default")
    assert arts.height == 0
    assert dict(result.problems)["rows.jsonl#row=1"].startswith("malformed row: Exceeds the limit (4300 digits)")


def test_messages_stay_on_one_line(tmp_path):
    table = 'url,"te\r\nxt"\nhttps://x.example,Police said.\n'
    result, _ = _ingest(tmp_path, {"t.csv": table}, toml="default")
    (where, message), = result.problems
    assert message == "table has no 'text' column (columns: url, te\\r\\nxt)"


def test_counts_too_large_to_be_counts():
    from compare.extract.numbers import parse_number

    assert parse_number("999999999999999999999", "en") is None  # overflowed the Int64 quantities table
    assert parse_number("300", "en") == 300 and parse_number("2 million", "en") == 2_000_000


def test_alignment_numbers_with_hundreds_of_digits():
    from compare.align.signals import numbers

    assert numbers("1" * 400 + " people and 12 more", "en") == {12}  # float('1…1') is inf: no int


def test_placeholder_publication_dates_are_left_empty(tmp_path):
    """Later stages count days back and forth from the date: 0001-01-01 overflowed them."""
    files = {"old.md": article("wire", "Raid", "0001-01-01", EN_BODY),
             "new.md": article("chronicle", "Raid", "9999-12-31T23:00:00+14:00", EN_BODY.replace("Police", "Officers"),
                               fetched="0001-01-01T00:00:00+14:00")}
    result, arts = _ingest(tmp_path, files, toml="default")
    assert arts["published"].to_list() == [None, None] and result.exit_code == 0
    assert any("before 1800 or after 2199" in m for m in _warnings(result, "old.md"))


def test_article_without_letters_takes_its_declared_language(tmp_path):
    """Nothing to detect: the article's own declaration is its language (the summary once failed to sort None)."""
    files = {"a.md": article("vestnik", "12:40", "2025-06-30", "12:40 — 15:00. 300, 400.", language="ru"),
             "b.md": article("wire", "Raid", "2025-06-30", EN_BODY)}
    result, arts = _ingest(tmp_path, files, toml="default")
    assert dict(zip(arts["source_path"], arts["language"])) == {"a.md": "ru", "b.md": "en"}
    assert "(en 1, ru 1)" in str(result)
