"""The SQLite translation cache: keys, normalisation, persistence."""
from __future__ import annotations

from compare.translate.cache import TranslationCache, default_cache_path, normalise, text_hash


def test_normalise_nfc_and_whitespace():
    decomposed = "Е\u0308лка  в\tгороде\n"  # Е + combining diaeresis
    assert normalise(decomposed) == "Ёлка в городе"
    assert text_hash(decomposed) == text_hash(" Ёлка в городе")
    assert text_hash("Ёлка") != text_hash("ёлка")


def test_default_location(monkeypatch, tmp_path):
    monkeypatch.setenv("COMPARE_CACHE_DIR", str(tmp_path / "c"))
    assert default_cache_path() == tmp_path / "c" / "translations.sqlite"
    monkeypatch.delenv("COMPARE_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "x"))
    assert default_cache_path() == tmp_path / "x" / "compare" / "translations.sqlite"


def test_keys_separate_models_versions_and_pairs(tmp_path):
    path = tmp_path / "t.sqlite"
    with TranslationCache(path) as cache:
        h = text_hash("Полиция сообщила.")
        cache.put_many("m1", "1.0", "ru", "en", [(h, "Police said.")])
        assert cache.get_many("m1", "1.0", "ru", "en", [h]) == {h: "Police said."}
        assert cache.get_many("m1", "1.1", "ru", "en", [h]) == {}
        assert cache.get_many("m2", "1.0", "ru", "en", [h]) == {}
        assert cache.get_many("m1", "1.0", "az", "en", [h]) == {}
    # Committed rows survive reopening; WAL mode is on.
    with TranslationCache(path) as cache:
        assert cache.count() == 1
        assert cache.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        many = [(text_hash(str(i)), str(i)) for i in range(1200)]
        cache.put_many("m1", "1.0", "ru", "en", many)
        assert len(cache.get_many("m1", "1.0", "ru", "en", [h for h, _ in many])) == 1200
