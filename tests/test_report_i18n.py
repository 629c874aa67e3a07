"""The HTML report in the reader's language (``report_run(run, ui_language=...)``,
``compare report RUN --ui-language ru``): every piece of chrome comes from the
catalogs; text from the data stays as it is, marked ``translate="no"``."""
from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from html.parser import HTMLParser
from pathlib import Path

import pytest

from compare.report import i18n, report_run
from i18n_helpers import PLACEHOLDER, ROOT, Chrome, assert_translated, extract_msgids
from report_helpers import build_run

TEMPLATES = ("base", "index", "event", "matrix", "matrix_page", "about", "macros")
KEYWORDS = {"_": None, "N_": None, "gettext": None, "ngettext": (1, 2), "Nn_": (1, 2)}


def report_msgids() -> list:
    """Every msgid of the report: its Python code and templates (Babel's own
    extractors) and the about page's texts from compare/data/quality.toml."""
    sources = [("compare/report/html.py", "python"), ("compare/report/__init__.py", "python")]
    sources += [(f"compare/report/templates/{t}.html", "jinja2.ext:babel_extract") for t in TEMPLATES]
    out = extract_msgids(sources, KEYWORDS)
    quality = tomllib.loads((ROOT / "compare" / "data" / "quality.toml").read_text(encoding="utf-8"))
    for g in quality["group"]:
        for m in [g["title"], g["advice"]] + [f[k] for f in g["figures"] for k in ("measure", "data")]:
            if m not in out:
                out.append(m)
    return out


def test_every_report_msgid_has_a_translation_in_both_catalogs():
    ids = report_msgids()
    assert len(ids) > 200
    assert ("%(num)d row", "%(num)d rows") in ids and "Key differences" in ids and "✓ asserted" in ids
    assert_translated(ids)


def test_labels_of_the_data_module_are_msgids():
    """Status words, source types, agent labels and language names shown by the
    report are the msgids the catalogs translate."""
    from compare.report.data import AGENT_LABEL, LANG_NAMES, SOURCE_TYPE_LABEL, STATUS_WORD
    from compare.report.handout import AGENT_MSG, LANG_MSG, SOURCE_TYPE_MSG
    from compare.report.html import STATUS_MSG

    assert STATUS_MSG == STATUS_WORD and SOURCE_TYPE_MSG == SOURCE_TYPE_LABEL
    assert AGENT_MSG == AGENT_LABEL and LANG_MSG == LANG_NAMES
    ru = i18n.translations("ru")
    assert all(ru.gettext(w) != w for w in STATUS_WORD.values())


# --------------------------------------------------------------------------- no English chrome left
class ReportChrome(Chrome):
    """Also sets ``<code>`` aside, and reads ``<optgroup label>`` as chrome."""

    SKIP = ("script", "style", "code")
    LABELS = ("aria-label", "title", "alt", "label")


def words(text: str) -> set[str]:
    text = re.sub(r"(https?://|file:)\S+|\b[\w.-]+\.(html|md|toml|csv|json)\b|\b\w+/", " ", text)
    return {w.lower() for w in re.findall(r"[A-Za-z]{2,}", PLACEHOLDER.sub(" ", text))}


def english_words(lang: str) -> set[str]:
    """Words of the report's msgids that the ``lang`` catalog itself does not use
    (a word the translation keeps, "Parquet", "PolNeAR", is not left-over English)."""
    english = set()
    for m in report_msgids():
        for s in (m if isinstance(m, tuple) else (m,)):
            english |= words(s)
    t = i18n.translations(lang)
    same = set().union(*(words(s) for s in t._single.values()))
    for forms in t._plurals.values():
        same |= set().union(*(words(f) for f in forms))
    return english - same - {"compare"}


def chrome_left(path: Path, lang: str) -> tuple[set[str], Chrome]:
    page = ReportChrome()
    page.feed(path.read_text(encoding="utf-8"))
    text = " ".join(page.text)
    # the data also stands in places that cannot carry translate="no" (<title>, attributes)
    for d in sorted({x.strip() for x in page.data if len(x.strip()) > 2}, key=len, reverse=True):
        text = text.replace(d, " ")
    return words(text) & english_words(lang), page


@pytest.fixture(scope="module")
def demo_reports(demo_run, tmp_path_factory):
    return {lang: report_run(demo_run, out=tmp_path_factory.mktemp(f"report-{lang}"), ui_language=lang).out
            for lang in ("ru", "az")}


@pytest.fixture(scope="module")
def fixture_reports(tmp_path_factory):
    """The small fixture run, once translated and once cross-lingual with tables
    missing: the notices, the sub-events and the numbers appear there."""
    out = {}
    for lang in ("ru", "az"):
        base = tmp_path_factory.mktemp(f"fixture-{lang}")
        full = build_run(base / "full")
        part = build_run(base / "part", mode="cross-lingual", omit=("numbers", "agency_summary"))
        out[lang] = [report_run(full, ui_language=lang).out, report_run(part, ui_language=lang).out]
    return out


def _pages(folder: Path) -> list[Path]:
    pages = sorted(folder.glob("*.html"))
    names = {p.name for p in pages}
    assert "index.html" in names and "about.html" in names
    assert any(n.startswith("event-") and n.endswith("-matrix.html") for n in names)
    assert any(n.startswith("event-") and not n.endswith("-matrix.html") for n in names)
    return pages


@pytest.mark.parametrize("lang", ["ru", "az"])
def test_no_english_chrome_left_in_the_demo_report(demo_reports, lang):
    for path in _pages(demo_reports[lang]):
        left, page = chrome_left(path, lang)
        assert not left, (lang, path.name, sorted(left))
        assert page.html_lang == lang, path.name


@pytest.mark.parametrize("lang", ["ru", "az"])
def test_no_english_chrome_left_in_notices_and_degraded_pages(fixture_reports, lang):
    for folder in fixture_reports[lang]:
        for path in sorted(folder.glob("*.html")):
            left, page = chrome_left(path, lang)
            assert not left, (lang, folder.parent.name, path.name, sorted(left))
            assert page.html_lang == lang


def test_chrome_is_translated_and_data_is_marked(demo_reports):
    index = (demo_reports["ru"] / "index.html").read_text(encoding="utf-8")
    assert "Отчёт об освещении" in index and "События" in index
    event = (demo_reports["az"] / "event-E001.html").read_text(encoding="utf-8")
    assert "Əsas fərqlər" in event and "İşarələrin izahı" in event
    # sentences and outlet names are data: never translated, and marked so
    assert re.search(r'<span class="orig" lang="(ru|az|en)" translate="no">', event)
    assert re.search(r'<h4 id="o-[^"]+" lang="\w+" translate="no">', event)
    # the key differences' own lines: who acted, whom they quote, the notes on numbers
    ru = (demo_reports["ru"] / "event-E001.html").read_text(encoding="utf-8")
    assert "не говорят, кто это сделал" in ru and "кого цитируют чаще всего" in ru and "упоминания с исполнителем" in ru
    assert "never say who" not in ru and "whom they quote most" not in ru
    about = (demo_reports["az"] / "about.html").read_text(encoding="utf-8")
    assert "İşarələrə nə qədər etibar etmək olar" in about and "PolNeAR" in about


class Controls(HTMLParser):
    """The matrix filters' labels, option texts, group labels and the count template."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.texts: list[str] = []
        self.count = None
        self._tags: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if a.get("id") == "matrix-controls":
            self.depth = 1
            self.count = a.get("data-count")
            return
        if self.depth:
            self.depth += 1
            self._tags.append(a.get("translate") == "no")
            if tag == "optgroup":
                self.texts.append(a["label"])

    def handle_endtag(self, tag):
        if self.depth:
            self.depth -= 1
            if self._tags:
                self._tags.pop()

    def handle_data(self, data):
        if self.depth and data.strip() and not any(self._tags):
            self.texts.append(data.strip())


@pytest.mark.parametrize("lang", ["ru", "az"])
def test_matrix_filters_are_translated(demo_reports, lang):
    page = Controls()
    page.feed((demo_reports[lang] / "event-E001-matrix.html").read_text(encoding="utf-8"))
    assert page.texts and page.count
    english = {"Show rows with", "in", "any status", "any outlet", "Language", "Outlet", "Sort by",
               "salience (most outlets reporting first)", "time (first published first)", "✓ asserted",
               "✗ contradicted", "≠ differs", "○ omitted"}
    assert not english & set(page.texts), page.texts
    t = i18n.translations(lang)
    assert t.gettext("Sort by") in page.texts and t.gettext("any outlet") in page.texts
    # the row count report.js writes: "{shown}" filled in by the script, the rest translated
    assert "{shown}" in page.count and "rows" not in page.count and "of" not in page.count.split()
    js = (ROOT / "compare" / "report" / "static" / "report.js").read_text(encoding="utf-8")
    assert 'getAttribute("data-count")' in js


def test_english_stays_the_source_language(tmp_path):
    run = build_run(tmp_path / "en")
    report_run(run)
    html = (run / "report" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="en">' in html and 'translate="no"' not in html
    matrix = next((run / "report").glob("*-matrix.html")).read_text(encoding="utf-8")
    assert re.search(r'data-count="\{shown\} of \d+ rows?"', matrix)


# --------------------------------------------------------------------------- how the language is chosen
def test_bad_ui_language_is_a_one_line_usage_error(tmp_path):
    run = build_run(tmp_path / "bad")
    with pytest.raises(i18n.UnknownLanguage) as err:
        report_run(run, ui_language="de")
    assert err.value.exit_code == 2
    proc = subprocess.run([sys.executable, "-m", "compare", "report", str(run), "--ui-language", "fr"],
                          capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and "--ui-language" in lines[0] and "fr" in lines[0], proc.stderr
    assert not (run / "report").exists()


def test_cli_option_writes_the_pages_in_that_language(tmp_path):
    run = build_run(tmp_path / "cli")
    proc = subprocess.run([sys.executable, "-m", "compare", "--quiet", "report", str(run), "-l", "az",
                           "--out", str(tmp_path / "out")], capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    assert '<html lang="az">' in (tmp_path / "out" / "index.html").read_text(encoding="utf-8")


def test_compare_toml_report_section_sets_the_language(tmp_path):
    """``[report] ui_language = "az"`` reaches report_run through ``compare run``'s stage options."""
    from compare.errors import ConfigError
    from compare.pipeline import check_stage_options, stage_options

    config = tomllib.loads('[report]\nui_language = "az"\n')
    opts = stage_options(config, "report")
    check_stage_options("report", opts)
    run = build_run(tmp_path / "toml")
    report_run(run, **opts)
    assert '<html lang="az">' in (run / "report" / "index.html").read_text(encoding="utf-8")
    with pytest.raises(ConfigError, match="ui_language"):
        check_stage_options("report", {"ui_language": 3})
