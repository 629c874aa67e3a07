"""Language identification backends and the NTREX evaluation."""
from pathlib import Path

import pytest

from compare.errors import CompareError
from compare.language import LinguaDetector, detect_language, detect_many
from compare.registry import language_detectors

AZ = ("Lisoqorsk şəhərində polis əməkdaşlarının keçirdiyi reyd zamanı iki soydaşımız həlak olub, "
      "onlarla azərbaycanlı saxlanılıb. Xarici İşlər Nazirliyi etiraz notası verib.")
RU = ("В Лисогорске во время рейда полиции погибли двое выходцев из Азербайджана, "
      "десятки человек были задержаны. МИД выразил протест.")
EN = ("Two ethnic Azerbaijani men died after police raided homes in the town of Lisogorsk, "
      "and dozens of people were detained. The foreign ministry protested.")
DE = ("Bei einer Polizeirazzia in der Stadt sind zwei Männer ums Leben gekommen, "
      "Dutzende wurden festgenommen. Das Außenministerium protestierte.")
SHARED = Path(__file__).resolve().parents[1].parent / "shared"


@pytest.mark.parametrize("text,code", [(AZ, "az"), (RU, "ru"), (EN, "en")])
def test_lingua_detects_supported_languages(text, code):
    got, conf = detect_language(text)
    assert got == code
    assert conf > 0.5


def test_langdetect_calls_azerbaijani_turkish_and_lingua_does_not():
    assert detect_language(AZ, backend="langdetect")[0] == "tr"
    assert detect_language(AZ, backend="lingua")[0] == "az"
    # both agree on Russian and English
    assert detect_language(RU, backend="langdetect")[0] == "ru"
    assert detect_language(EN, backend="langdetect")[0] == "en"


def test_unsupported_language_is_recognised_as_such():
    code, _ = detect_language(DE)
    assert code == "de"


def test_no_letters_gives_none():
    assert detect_language("12345 — 678") == (None, 0.0)


def test_detect_many_matches_detect():
    texts = [AZ, RU, EN]
    assert [c for c, _ in detect_many(texts)] == ["az", "ru", "en"]
    assert detect_many([]) == []


def test_detectors_work_after_their_models_are_released():
    from compare.language import release_models

    def detected():  # lingua's parallel scores differ in the last bits from call to call
        return [(code, round(conf, 6)) for code, conf in detect_many([AZ, RU, EN])]

    before = detected()
    release_models()
    assert detected() == before


def test_registry_and_candidates():
    det = language_detectors.create("lingua", candidates=["ru", "uk"])
    assert det.detect(RU)[0] == "ru"
    assert isinstance(det, LinguaDetector)
    with pytest.raises(CompareError):
        language_detectors.create("no-such-backend")


@pytest.mark.shared
def test_ntrex_article_level_accuracy():
    folder = SHARED / "eval" / "ntrex128"
    if not (folder / "ntrex128_docs.en-az-ru.jsonl").exists():
        pytest.skip("../shared/eval/ntrex128 not available")
    from compare.evaluate.langid import evaluate_langid

    result = evaluate_langid(folder, limit=50)
    article = result.level("article")
    assert article.n == 369
    assert article.accuracy >= 0.995
    assert set(article.per_language()) == {"az", "en", "ru"}
    assert "| az |" in str(result)


def test_evaluate_langid_on_labelled_file(tmp_path):
    from compare.evaluate.langid import evaluate_langid

    data = tmp_path / "labelled.tsv"
    data.write_text(f"az\t{AZ}\nru\t{RU}\nen\t{EN}\n", encoding="utf-8")
    result = evaluate_langid(data, backend="langdetect")
    lv = result.level("text")
    assert lv.per_language()["az"][0] == 0  # langdetect has no Azerbaijani
    assert lv.per_language()["ru"][0] == 1
    assert lv.confusion()["az"]["tr"] == 1


def test_uzbek_is_not_read_as_azerbaijani():
    from compare.language import detect_language

    uz = ("O'zbekiston Respublikasi Prezidenti bugun Toshkentda xorijiy investorlar bilan uchrashdi va yangi "
          "loyihalarni muhokama qildi. Uchrashuvda qishloq xo'jaligi va sanoatni rivojlantirish masalalari ko'rib chiqildi.")
    az = ("Azərbaycan Respublikasının Prezidenti bu gün Bakıda xarici investorlarla görüşüb və yeni layihələri "
          "müzakirə edib. Görüşdə kənd təsərrüfatı və sənayenin inkişafı məsələləri nəzərdən keçirilib.")
    assert detect_language(uz)[0] == "uz"
    assert detect_language(az)[0] == "az"
