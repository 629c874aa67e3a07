"""Claim kinds: hand-written sentences in each language, and the labelled events-dev sample."""
from __future__ import annotations

import datetime as dt
import importlib.util
import json
from collections import Counter
from pathlib import Path

import pytest

from compare.extract.claim_kind import KEPT, KINDS, Kind, article_is_opinion, claim_kind

ROOT = Path(__file__).resolve().parents[1]
PUB = dt.date(2025, 7, 1)

# Our own sentences (not taken from any article): (text, language, attributed, expected kind).
CASES = [
    # fact: the outlet's own report of the event
    ("Two men died in the police raid in Yekaterinburg on Friday.", "en", False, "fact"),
    ("В пятницу в Екатеринбурге задержали девять человек.", "ru", False, "fact"),
    ("Cümə günü Yekaterinburqda doqquz nəfər saxlanılıb.", "az", False, "fact"),
    # statement: a source's words (attribution found by the extractor)
    ("The ministry said the detainees would be released on Monday.", "en", True, "statement"),
    ("По словам адвоката, его подзащитного избили в отделе полиции.", "ru", True, "statement"),
    ("Nazirliyin sözlərinə görə, saxlanılanlar bazar ertəsi azad ediləcək.", "az", True, "statement"),
    # statement: a quotation, even when the extractor found no source in the sentence
    ("«Мы не оставим это без ответа».", "ru", False, "statement"),
    # opinion: the author's own judgement
    ("Such raids only breed fear, and we must say so plainly.", "en", False, "opinion"),
    ("Разве это не цинизм и лицемерие?", "ru", False, "opinion"),
    ("Bu, sadəcə, şovinizmin növbəti təzahürüdür və qəbuledilməzdir.", "az", False, "opinion"),
    # background: recap markers and earlier years
    ("Recall that the court had released him in 2019.", "en", False, "background"),
    ("Напомним, в 2020 году суд освободил его под залог.", "ru", False, "background"),
    ("Xatırladaq ki, 2020-ci ildə məhkəmə onu azad edib.", "az", False, "background"),
    ("In 2006, police raided the same market.", "en", False, "background"),
    # furniture: sourcing and credit lines, timestamps
    ("Report informs.", "en", False, "furniture"),
    ("Об этом сообщает ТАСС.", "ru", False, "furniture"),
    ("Информация об этом появилась в телеграм-канале городской администрации.", "ru", False, "furniture"),
    ("Сообщение об этом опубликовано в телеграм-канале ведомства.", "ru", False, "furniture"),
    # ... unless it says something besides where it was published
    ("Информация об угрозе теракта появилась за две недели до нападения.", "ru", False, "fact"),
    ("Bu barədə Metbuat.az xəbər verir.", "az", False, "furniture"),
    ("Politics 28 June 2025 23:45", "en", False, "furniture"),
]


@pytest.mark.parametrize(("text", "lang", "attributed", "expected"), CASES)
def test_kind_of_own_sentences(text, lang, attributed, expected):
    got = claim_kind(text, lang, attributed=attributed, published=PUB)
    assert got == expected, f"{text!r}: {got!r}"


def test_minimal_signature_returns_a_label_string():
    got = claim_kind("Report informs.", "en")
    assert isinstance(got, str) and got in KINDS
    assert got == "furniture" and got.kind == "furniture" and got.cue


def test_each_kind_is_covered_in_each_language():
    seen = {(lang, kind) for _, lang, _, kind in CASES}
    assert {(lang, kind) for lang in ("en", "ru", "az") for kind in KINDS} <= seen


def test_attributed_opinion_is_a_statement_not_the_authors_opinion():
    text = "The raids are a shameful act of intimidation."
    assert claim_kind(text, "en", attributed=False) == "opinion"
    assert claim_kind(text, "en", attributed=True, source_type="official_azerbaijan") == "statement"


def test_earlier_year_needs_a_publication_date_to_be_compared():
    text = "In 2006, police raided the same market."
    assert claim_kind(text, "en", published=dt.date(2006, 5, 1)) == "fact"
    assert claim_kind(text, "en", published=PUB) == "background"


def test_a_sourcing_line_with_its_occasion_is_a_statement():
    assert claim_kind("Об этом он заявил на брифинге 20 сентября.", "ru", published=PUB) == "statement"


def test_unknown_language_falls_back_to_english_tables():
    assert claim_kind("Report informs.", "de") == "furniture"


def test_kind_rejects_unknown_labels():
    with pytest.raises(ValueError):
        Kind("rumour", "")


def test_article_is_opinion_by_column_label():
    assert article_is_opinion("Opinion: the raids must stop", "Short text.", "en")
    assert article_is_opinion("Мнение | О рейдах", "Короткий текст.", "ru")
    assert not article_is_opinion("Two men died in a raid", "Two men died in a raid on Friday.", "en")


# --------------------------------------------------------------------------- the labelled sample
def _bench():
    spec = importlib.util.spec_from_file_location("eval_claim_kinds", ROOT / "bench" / "eval_claim_kinds.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_labelled_sample_is_well_formed():
    rows = [json.loads(x) for x in (ROOT / "corpora/eval/claim-kinds/labels.jsonl").read_text().splitlines() if x]
    assert len(rows) == 100 and len({r["id"] for r in rows}) == 100
    assert Counter(r["split"] for r in rows) == {"dev": 50, "heldout": 50}
    assert {r["label"] for r in rows} <= set(KINDS)
    # offsets and hashes only: no third-party text is stored
    assert all(set(r) <= {"id", "path", "start", "end", "sha", "language", "position", "split", "label", "note"}
               for r in rows)


@pytest.mark.shared
def test_dev_half_scores(shared_dir):
    bench = _bench()
    bench.SHARED = shared_dir
    bench.EVENTS = shared_dir / "eval" / "events-dev"
    if not bench.EVENTS.is_dir():
        pytest.skip(f"{bench.EVENTS} not present")
    rows = [r for r in bench.load_labels() if r["split"] == "dev"]
    predicted = bench.classify_rows(rows)
    pairs = [(r["label"], predicted[r["id"]]) for r in rows]
    accuracy = sum(g == p for g, p in pairs) / len(pairs)
    kept = [g for g, p in pairs if p in KEPT]
    junk_in_matrix = sum(g in ("opinion", "furniture") for g in kept) / len(kept)
    facts_removed = sum(p not in KEPT for g, p in pairs if g == "fact") / sum(g == "fact" for g, _ in pairs)
    # floors under the measured dev figures (82% accuracy, 1 of 41 kept rows
    # opinion/furniture, no fact removed), to catch regressions
    assert accuracy >= 0.78
    assert junk_in_matrix <= 0.05
    assert facts_removed <= 0.07
