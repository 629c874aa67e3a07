"""Consistency checks for the bundled demo corpus and its gold labels.

The gold files in corpora/demo/gold/ are the oracle for the later stages, so
every anchor they contain must be findable verbatim in the article it names.
"""

from __future__ import annotations

import csv
import json
import re
import tomllib
import unicodedata
from datetime import date
from pathlib import Path

import pytest
import yaml

DEMO = Path(__file__).resolve().parents[1] / "corpora" / "demo"
ARTICLES = DEMO / "articles"
GOLD = DEMO / "gold"

STATUSES = {"asserted", "omitted", "contradicted", "not_covered"}
SOURCE_TYPES = {
    "official_russia", "official_azerbaijan", "official_other", "law_enforcement",
    "court_prosecutor", "ngo", "media", "anonymous", "witness_relative", "expert", "other",
}
KINDS = {"direct", "indirect", "according_to"}
ACTIONS = {"kill", "die", "beat", "shoot", "detain", "arrest", "raid", "torture", "deport", "injure"}
AGENT_STATUSES = {"named", "generic", "absent"}
COUNTED = {"dead", "injured", "detained", "deported", "arrested"}


def split_article(path: Path) -> tuple[dict, str]:
    text = path.read_text(encoding="utf-8")
    assert text.startswith("---\n"), f"{path.name}: no front matter"
    end = text.index("\n---\n", 4)
    meta = yaml.safe_load(text[4:end])
    return meta, text[end + len("\n---\n"):]


def words(text: str) -> int:
    return len(re.findall(r"\w+(?:[-'’]\w+)*", text))


def paragraphs(text: str) -> list[str]:
    return [p for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]


def read_jsonl(name: str) -> list[dict]:
    lines = (GOLD / name).read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


@pytest.fixture(scope="module")
def corpus() -> dict:
    return tomllib.loads((DEMO / "corpus.toml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def outlets(corpus) -> dict[str, dict]:
    return {o["id"]: o for o in corpus["outlets"]}


@pytest.fixture(scope="module")
def articles() -> dict[str, tuple[dict, str]]:
    return {
        p.name: split_article(p)
        for p in sorted(ARTICLES.glob("*.md"))
        if not p.name.endswith(".translation.en.md")
    }


@pytest.fixture(scope="module")
def gold_rows() -> dict[str, dict]:
    with (GOLD / "articles.csv").open(encoding="utf-8", newline="") as fh:
        return {r["file"]: r for r in csv.DictReader(fh)}


def test_corpus_toml(corpus, outlets):
    assert corpus["name"] == "demo"
    assert corpus["synthetic"] is True
    assert "synthetic" in corpus["description"].lower() or "fictional" in corpus["description"].lower()
    assert len(outlets) >= 6
    kinds = {o["kind"] for o in outlets.values()}
    assert {"state", "independent", "wire"} <= kinds
    for oid, o in outlets.items():
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", oid), oid
        assert o["name"] and o["languages"], oid
        assert re.fullmatch(r"[A-Z]{2}|INT", o["country"]), oid
        assert o["kind"] in {"state", "private", "independent", "wire"}, oid
        assert re.fullmatch(r"https://[a-z0-9.-]+\.example", o["url"]), oid
    languages = {lang for o in outlets.values() for lang in o["languages"]}
    assert {"ru", "az", "en"} <= languages


def test_articles_front_matter_and_length(articles, outlets):
    assert 14 <= len(articles) <= 18
    for name, (meta, body) in articles.items():
        assert re.fullmatch(r"\d\d-[a-z0-9-]+\.md", name), name
        outlet = meta["outlet"]
        assert outlet in outlets, f"{name}: unknown outlet {outlet}"
        assert name[3:].startswith(outlet + "-"), f"{name}: file name does not carry outlet id"
        assert meta["title"] and str(meta["published"]), name
        assert meta["url"].startswith(outlets[outlet]["url"] + "/"), name
        if "language" in meta:
            assert meta["language"] in outlets[outlet]["languages"], name
        n = words(body)
        assert 150 <= n <= 600, f"{name}: {n} words"
        assert body == unicodedata.normalize("NFC", body), f"{name}: body is not NFC"
        if meta.get("translation"):
            assert len(paragraphs(meta["translation"])) == len(paragraphs(body)), name


def test_translations(articles):
    provided = {name: meta["language"] for name, (meta, _) in articles.items()
                if meta.get("translation")}
    assert sum(1 for lang in provided.values() if lang == "ru") >= 2
    assert sum(1 for lang in provided.values() if lang == "az") >= 2
    parallel = sorted(ARTICLES.glob("*.translation.en.md"))
    assert len(parallel) == 1
    for p in parallel:
        stem = p.name[: -len(".translation.en.md")] + ".md"
        assert stem in articles, p.name
        meta, body = articles[stem]
        assert not meta.get("translation"), f"{stem}: two translations"
        assert len(paragraphs(p.read_text(encoding="utf-8"))) == len(paragraphs(body)), p.name
    # Some non-English articles must stay untranslated for the cross-lingual path.
    untranslated = [n for n, (m, _) in articles.items()
                    if m.get("language", "en") != "en" and not m.get("translation")
                    and not (ARTICLES / n.replace(".md", ".translation.en.md")).exists()]
    assert len(untranslated) >= 3


def test_gold_articles_table(articles, gold_rows):
    assert set(gold_rows) == set(articles), "gold/articles.csv and articles/ disagree"
    for name, row in gold_rows.items():
        meta, _ = articles[name]
        assert row["outlet"] == meta["outlet"], name
        if "language" in meta:
            assert row["language"] == meta["language"], name
        date.fromisoformat(row["published"])
        assert row["unrelated"] in {"true", "false"}, name
        assert (row["unrelated"] == "true") == (row["event"] != "lisogorsk"), name
        assert row["subevent"].startswith(row["event"] + "/"), name
        if row["duplicate_of"]:
            original = gold_rows[row["duplicate_of"]]
            assert original["event"] == row["event"] and original["subevent"] == row["subevent"]
    subevents = {r["subevent"] for r in gold_rows.values() if r["event"] == "lisogorsk"}
    assert subevents == {"lisogorsk/raid", "lisogorsk/diplomatic"}
    days = {s: {r["published"] for r in gold_rows.values() if r["subevent"] == s} for s in subevents}
    assert min(days["lisogorsk/diplomatic"]) > min(days["lisogorsk/raid"])
    assert sum(r["unrelated"] == "true" for r in gold_rows.values()) == 1
    assert sum(bool(r["duplicate_of"]) for r in gold_rows.values()) == 1


def test_reprint_is_near_duplicate(articles, gold_rows):
    for name, row in gold_rows.items():
        if not row["duplicate_of"]:
            continue
        copy = paragraphs(articles[name][1])
        original = articles[row["duplicate_of"]][1]
        shared = sum(1 for p in copy if p in original)
        assert shared >= len(copy) - 1, name
        assert shared < len(paragraphs(original)), f"{name}: exact copy, expected a trimmed reprint"


def test_claims(articles, outlets, gold_rows):
    claims = read_jsonl("claims.jsonl")
    assert len(claims) >= 8
    assert len({c["id"] for c in claims}) == len(claims)
    seen = set()
    for c in claims:
        assert c["event"] == "lisogorsk" and c["subevent"] in {"lisogorsk/raid", "lisogorsk/diplomatic"}
        assert c["description"]
        assert set(c["status"]) == set(outlets), c["id"]
        covered = {r["outlet"] for r in gold_rows.values() if r["subevent"] == c["subevent"]}
        for outlet, status in c["status"].items():
            assert status in STATUSES, (c["id"], outlet)
            seen.add(status)
            assert (status == "not_covered") == (outlet not in covered), (c["id"], outlet)
            has_evidence = status in {"asserted", "contradicted"}
            assert (outlet in c["evidence"]) == has_evidence, (c["id"], outlet)
        for outlet, ev in c["evidence"].items():
            assert 20 <= len(ev) <= 120 and "\n" not in ev, (c["id"], outlet)
            bodies = [articles[f][1] for f, r in gold_rows.items()
                      if r["outlet"] == outlet and r["event"] == c["event"]]
            assert any(ev in b for b in bodies), (c["id"], outlet, ev)
    assert seen == STATUSES
    for sub in ("lisogorsk/raid", "lisogorsk/diplomatic"):
        assert any(c["subevent"] == sub for c in claims)


def test_attributions(articles, gold_rows):
    rows = read_jsonl("attributions.jsonl")
    assert len(rows) >= 100
    for r in rows:
        assert r["file"] in articles, r
        body = articles[r["file"]][1]
        assert r["sentence"] in body, r
        assert r["source"] in r["sentence"], r
        assert r["cue"] in r["sentence"], r
        assert r["content"] in body, r
        assert r["actor"], r
        assert r["source_type"] in SOURCE_TYPES, r
        assert r["kind"] in KINDS, r
    # Every article with reported speech is covered, including the Azerbaijani ones.
    annotated = {r["file"] for r in rows}
    assert annotated == set(articles)
    types = {r["source_type"] for r in rows}
    assert {"official_russia", "official_azerbaijan", "law_enforcement", "court_prosecutor",
            "ngo", "media", "anonymous", "witness_relative", "expert"} <= types
    az = [r for r in rows if gold_rows[r["file"]]["language"] == "az"]
    assert {r["kind"] for r in az} == KINDS


def test_agency(articles, gold_rows):
    rows = read_jsonl("agency.jsonl")
    for r in rows:
        assert r["file"] in articles, r
        assert gold_rows[r["file"]]["event"] == "lisogorsk", r
        assert r["sentence"] in articles[r["file"]][1], r
        assert r["trigger"] in r["sentence"], r
        assert r["action"] in ACTIONS, r
        assert r["agent_status"] in AGENT_STATUSES, r
        assert (r["agent"] is None) == (r["agent_status"] == "absent"), r
        for key in ("agent", "patient"):
            assert r[key] is None or r[key] in r["sentence"], r
    assert {r["agent_status"] for r in rows} == AGENT_STATUSES
    for lang in ("ru", "az", "en"):
        statuses = {r["agent_status"] for r in rows if gold_rows[r["file"]]["language"] == lang}
        assert {"generic", "absent"} <= statuses, lang


def test_numbers(articles, gold_rows):
    rows = read_jsonl("numbers.jsonl")
    for r in rows:
        row = gold_rows[r["file"]]
        assert (r["event"], r["subevent"], r["outlet"]) == (row["event"], row["subevent"], row["outlet"]), r
        assert r["counted"] in COUNTED, r
        body = articles[r["file"]][1]
        assert r["sentence"] in body, r
        if "quantity" in r:
            assert r["quantity"] in r["sentence"], r
        assert r["source"] is None or r["source"] in body, r
        assert (r["source"] is None) == (r["source_type"] == "unattributed"), r
        assert r["source_type"] in SOURCE_TYPES | {"unattributed"}, r
        value = r["value"]
        if isinstance(value, list):
            low, high = value
            assert isinstance(low, int) and (high is None or low <= high), r
        else:
            assert isinstance(value, int) and value >= 0, r
    # The planted conflicts: outlets disagree on the dead and on the detained.
    dead = {json.dumps(r["value"]) for r in rows if r["counted"] == "dead"}
    detained = {json.dumps(r["value"]) for r in rows if r["counted"] == "detained"}
    assert {"2", "3"} <= dead
    assert {"9", "[51, null]", "[24, 99]"} <= detained
