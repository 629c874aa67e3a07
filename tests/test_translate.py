"""translate_run end to end on tiny random-weight Argos packages (no network, no real model)."""
from __future__ import annotations

import json
from pathlib import Path

import polars as pl
import pytest

from translate_helpers import build_package, sentence_rows, write_run

from compare.errors import CompareError


@pytest.fixture(scope="session")
def packages(tmp_path_factory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("argosmodels")
    return {
        "ru_en": build_package(out / "translate-ru_en-1_0.argosmodel", from_code="ru", to_code="en", seed=1),
        "az_en": build_package(out / "translate-az_en-1_0.argosmodel", from_code="az", to_code="en", seed=2),
        # A multilingual-style package: every output starts with a forced prefix token.
        "en_ru": build_package(out / "translate-en_ru-1_1.argosmodel", from_code="en", to_code="ru", seed=3,
                               version="1.1", target_prefix="__ru__"),
    }


@pytest.fixture()
def env(tmp_path, monkeypatch):
    from compare import console

    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(tmp_path / "packages"))
    monkeypatch.setenv("COMPARE_CACHE_DIR", str(tmp_path / "cache"))
    console.configure(quiet=True)
    return tmp_path


RU = ["Полиция сообщила о задержаниях.", "Двое погибли в городе.", "Министерство заявило протест."]
AZ = ["Polis saxlanılanlar barədə bildirdi.", "Şəhərdə iki nəfər öldü."]
EN = ["The police said two people died."]


def _mixed_run(path: Path) -> Path:
    rows = sentence_rows("aaaa000000000001", RU, "ru") + sentence_rows("aaaa000000000002", AZ, "az")
    rows += sentence_rows("aaaa000000000003", EN, "en")
    return write_run(path, rows)


def test_install_list_remove(env, packages):
    from compare.translate.models import format_models, install, list_models, remove_model

    assert list_models() == []
    assert "no translation models installed" in format_models([])
    res = install([str(packages["ru_en"])])
    assert "installed ru→en 1.0" in str(res)
    models = list_models()
    assert [(m.from_code, m.to_code, m.version) for m in models] == [("ru", "en", "1.0")]
    assert models[0].path.parent == env / "packages"
    assert models[0].model_id.startswith("argos-ru-en-")
    assert "ru    en" in format_models(models)
    # Reinstalling the same file replaces the package instead of duplicating it.
    install([str(packages["ru_en"])])
    assert len(list_models()) == 1
    assert "removed" in str(remove_model("ru", "en"))
    assert list_models() == []
    with pytest.raises(CompareError, match="no ru→en model installed"):
        remove_model("ru", "en")


def test_translate_run_end_to_end_and_cache(env, packages):
    from compare.translate import translate_run
    from compare.translate.models import install

    install([str(packages["ru_en"]), str(packages["az_en"])])
    run = _mixed_run(env / "run")
    res = translate_run(run, max_decoding_length=8, batch_size=2)
    assert (res.translated, res.cached, res.machine, res.provided) == (5, 0, 5, 0)
    assert res.mode == "translated" and res.exit_code == 0
    table = pl.read_parquet(run / "translations.parquet")
    assert table.columns == ["sentence_id", "article_id", "source_language", "target_language", "text",
                             "engine", "model_id", "model_version"]
    assert table["sentence_id"].to_list() == sorted(table["sentence_id"].to_list())
    # English sentences are not translated into English.
    assert not table["sentence_id"].str.starts_with("aaaa000000000003").any()
    assert set(table["engine"]) == {"ctranslate2"}
    assert set(table["target_language"]) == {"en"}
    assert table.filter(pl.col("source_language") == "az")["model_id"][0].startswith("argos-az-en-")
    assert all(t.strip() for t in table["text"])
    status = json.loads((run / "translation_status.json").read_text())
    assert status["mode"] == "translated" and status["missing_pairs"] == []
    first = (run / "translations.parquet").read_bytes()

    # Second run: everything from the cache, byte-identical output.
    again = translate_run(run, max_decoding_length=8, batch_size=2)
    assert (again.translated, again.cached) == (0, 5)
    assert (run / "translations.parquet").read_bytes() == first
    assert (env / "cache" / "translations.sqlite").exists()


def test_identical_sentences_translated_once(env, packages):
    from compare.translate import translate_run
    from compare.translate.models import install

    install([str(packages["ru_en"])])
    # A reprint and a boilerplate line differing only in whitespace.
    a = sentence_rows("b000000000000001", ["Полиция сообщила о задержаниях.", "Подписывайтесь на нас."], "ru")
    b = sentence_rows("b000000000000002", ["Полиция  сообщила о задержаниях.", "Подписывайтесь на нас. "], "ru")
    run = write_run(env / "run", a + b)
    res = translate_run(run, max_decoding_length=6)
    assert res.translated == 2 and res.machine == 4
    table = pl.read_parquet(run / "translations.parquet")
    texts = dict(zip(table["sentence_id"], table["text"]))
    assert texts["b000000000000001-s0000"] == texts["b000000000000002-s0000"]
    assert texts["b000000000000001-s0001"] == texts["b000000000000002-s0001"]


def test_target_prefix_is_forced_and_stripped(env, packages):
    import ctranslate2

    from compare.translate.engine import CTranslate2Translator
    from compare.translate.models import install, pairs

    install([str(packages["en_ru"])])
    pkg = pairs()[("en", "ru")]
    assert pkg.target_prefix == "__ru__"
    engine = CTranslate2Translator(pkg, max_decoding_length=6, beam_size=1)
    ours = engine.translate(EN)
    raw = ctranslate2.Translator(str(pkg.model_dir), compute_type="int8").translate_batch(
        engine.tokenizer.encode(EN), target_prefix=[["__ru__"]], beam_size=1, max_decoding_length=6)
    hyp = raw[0].hypotheses[0]
    assert hyp[0] == "__ru__"
    assert ours == [engine.tokenizer.decode(hyp[1:])]


def test_pivot_through_english(env, packages):
    from compare.translate import translate_run
    from compare.translate.models import find_route, install

    install([str(packages["az_en"]), str(packages["en_ru"])])
    route = find_route("az", "ru")
    assert [(p.from_code, p.to_code) for p in route] == [("az", "en"), ("en", "ru")]
    assert find_route("ru", "az") is None
    run = _mixed_run(env / "run")
    res = translate_run(run, to="ru", max_decoding_length=6)
    table = pl.read_parquet(run / "translations.parquet")
    az = table.filter(pl.col("source_language") == "az")
    assert az.height == len(AZ)
    assert az["model_id"][0].count("+") == 1 and az["model_version"][0] == "1.0+1.1"
    en = table.filter(pl.col("source_language") == "en")
    assert en.height == 1 and "+" not in en["model_id"][0]
    # Russian sentences need no translation into Russian.
    assert table.filter(pl.col("source_language") == "ru").height == 0
    assert res.mode == "translated"
    # The az→en hop went through the cache too: a direct az→en run is all hits.
    again = translate_run(_mixed_run(env / "run2"), to="en", max_decoding_length=6)
    assert again.cached >= len(AZ)


def test_no_model_installed_is_cross_lingual(env, capsys):
    from compare import console
    from compare.translate import translate_run

    console.configure(quiet=False)
    run = _mixed_run(env / "run")
    res = translate_run(run)
    console.configure(quiet=True)
    assert res.exit_code == 0 and res.mode == "cross-lingual"
    table = pl.read_parquet(run / "translations.parquet")
    assert table.height == 0
    assert table.schema["text"] == pl.Utf8 and "model_version" in table.columns
    status = json.loads((run / "translation_status.json").read_text())
    assert status["mode"] == "cross-lingual"
    commands = {p["install"] for p in status["missing_pairs"]}
    assert commands == {"compare models install ru en", "compare models install az en"}
    err = capsys.readouterr().err
    assert "compare models install az en" in err and "compare models install FILE.argosmodel" in err
    assert "missing az→en" in str(res)


def test_partial_when_one_pair_missing(env, packages):
    from compare.translate import translate_run
    from compare.translate.models import install

    install([str(packages["ru_en"])])
    res = translate_run(_mixed_run(env / "run"), max_decoding_length=4)
    assert res.mode == "partial" and res.machine == len(RU) and res.untranslated == len(AZ)
    assert [p["from"] for p in res.missing_pairs] == ["az"]


def test_missing_sentences_table_is_clear(env):
    from compare.errors import MissingStage
    from compare.translate import translate_run

    with pytest.raises(MissingStage, match="sentences.parquet"):
        translate_run(env / "empty-run")


def test_install_pair_without_argostranslate_or_network(env):
    from compare.translate.models import install

    try:
        import argostranslate  # noqa: F401
    except ImportError:
        with pytest.raises(CompareError, match=r"pip install 'compare\[argos\]'"):
            install(["az", "en"])
    else:  # pragma: no cover - only where the argos extra is installed
        pytest.skip("argostranslate installed; the offline message is tested where it is not")


def test_install_missing_file(env):
    from compare.translate.models import install

    with pytest.raises(CompareError, match="nope.argosmodel: file not found"):
        install([str(env / "nope.argosmodel")])


def test_bpe_package_without_libraries_names_pip_packages(env, packages, tmp_path):
    import shutil
    import zipfile

    from compare.translate.engine import make_tokenizer
    from compare.translate.package import load_package

    try:
        import sacremoses  # noqa: F401
        import subword_nmt  # noqa: F401
        pytest.skip("sacremoses and subword-nmt are installed")
    except ImportError:
        pass
    d = tmp_path / "x"
    zipfile.ZipFile(packages["ru_en"]).extractall(d)
    top = next(d.iterdir())
    (top / "sentencepiece.model").unlink()
    (top / "bpe.model").write_text("#version: 0.2\nп о\n", encoding="utf-8")
    pkg = load_package(top)
    assert pkg.tokenizer_kind == "bpe"
    with pytest.raises(CompareError, match="pip install sacremoses subword-nmt"):
        make_tokenizer(pkg)
    shutil.rmtree(d)


SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def test_evaluate_translation_on_ntrex(env, packages):
    from compare.evaluate.translation import evaluate_translation
    from compare.translate.models import install

    data = SHARED / "eval" / "ntrex128"
    if not (data / "newstest2019-ref.rus.txt").is_file():
        pytest.skip(f"{data} not present (third-party evaluation data lives beside the checkout)")
    install([str(packages["ru_en"])])
    res = evaluate_translation(data, pair="ru-en", limit=5, max_decoding_length=8)
    assert res.segments == 5
    assert 0.0 <= res.chrf < 100 and 0.0 <= res.bleu < 100
    assert res.chrf_signature.startswith("nrefs:1") and "BLEU" not in res.chrf_signature
    assert "chrF" in str(res) and res.bleu_signature in str(res)


def test_evaluate_translation_without_model(env, tmp_path):
    from compare.errors import ModelMissing
    from compare.evaluate.translation import evaluate_translation

    for name in ("newstest2019-src.eng.txt", "newstest2019-ref.aze-Latn.txt"):
        (tmp_path / name).write_text("one line\n", encoding="utf-8")
    with pytest.raises(ModelMissing, match="compare models install az en"):
        evaluate_translation(tmp_path, pair="az-en")
    with pytest.raises(CompareError, match="expected FROM-TO"):
        evaluate_translation(tmp_path, pair="azen")


def test_cli_models_and_translate(env, packages):
    from typer.testing import CliRunner

    from compare.cli import app

    runner = CliRunner()
    res = runner.invoke(app, ["models", "list"])
    assert res.exit_code == 0 and "no translation models installed" in res.output
    res = runner.invoke(app, ["models", "install", str(packages["ru_en"])])
    assert res.exit_code == 0, res.output
    assert "ru    en" in runner.invoke(app, ["models", "list"]).output
    run = _mixed_run(env / "run")
    res = runner.invoke(app, ["-q", "translate", str(run), "--max-decoding-length", "4"])
    assert res.exit_code == 0, res.output
    assert "mode partial" in res.output and "compare models install az en" in res.output
    res = runner.invoke(app, ["models", "install", "az", "en"])
    assert res.exit_code == 1
    res = runner.invoke(app, ["models", "remove", "ru", "en"])
    assert res.exit_code == 0


def test_translate_run_is_public_after_subpackage_import(env):
    import compare
    import compare.translate.models  # noqa: F401  binds compare.translate to the subpackage

    res = compare.translate_run(_mixed_run(env / "run"))
    assert res.mode == "cross-lingual"


def test_packages_dir_follows_argostranslate(monkeypatch, tmp_path):
    from compare.translate.models import packages_dir

    monkeypatch.delenv("ARGOS_PACKAGES_DIR", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.delenv("XDG_DATA_HOME", raising=False)
    monkeypatch.delenv("XDG_CONFIG_HOME", raising=False)
    assert packages_dir() == tmp_path / ".local" / "share" / "argos-translate" / "packages"
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert packages_dir() == tmp_path / "data" / "argos-translate" / "packages"
    settings = tmp_path / ".config" / "argos-translate" / "settings.json"
    settings.parent.mkdir(parents=True)
    settings.write_text(json.dumps({"ARGOS_PACKAGES_DIR": str(tmp_path / "fromsettings")}), encoding="utf-8")
    assert packages_dir() == tmp_path / "fromsettings"
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(tmp_path / "env"))
    assert packages_dir() == tmp_path / "env"
