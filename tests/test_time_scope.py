"""Years that date a count, and years that only name a thing."""
from compare.extract.dates import extract_times
from compare.extract.numbers import extract_quantities


def _scopes(text, lang):
    return [(t.text, t.scope) for t in extract_times(text, lang, None)]


def test_an_attributive_year_names_its_noun_and_dates_no_count():
    assert _scopes("Nine people were detained over the 2003 killing of a businessman.", "en") == []
    assert _scopes("Задержаны девять человек по делу об убийстве 2003 года.", "ru") == []
    q = extract_quantities("Police said nine people had been detained in connection with the 2003 killing.", "en")
    assert [x.time for x in q if x.counted == "detained"] == [None]


def test_a_temporal_year_dates_the_count():
    assert _scopes("In 2006, raids swept the markets.", "en") == [("2006", "2006")]
    assert _scopes("Летом 2006 года задержали 1500 человек.", "ru") == [("2006 года", "2006")]
    assert _scopes("В 2006 году задержали 1500 человек.", "ru") == [("2006 году", "2006")]
