"""UI language: message catalogs for the handout chrome (en, ru, az)."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from compare.report import i18n
from i18n_helpers import PLACEHOLDER, ROOT, Chrome, assert_translated, extract_msgids

SOURCES = (("compare/report/handout.py", "python"),
           ("compare/report/templates/handout.html", "jinja2.ext:babel_extract"))


def code_msgids() -> list:
    """Every msgid the code and the template use (Babel's own extractors)."""
    return extract_msgids(SOURCES, {"_": None, "N_": None, "gettext": None, "ngettext": (1, 2)})


def test_every_msgid_in_the_code_has_a_translation_in_both_catalogs():
    ids = code_msgids()
    assert len(ids) > 50
    assert_translated(ids)


def test_plurals_follow_each_language():
    ru = i18n.translations("ru")
    one, few, many = (ru.ngettext("%(num)d outlet in %(languages)s", "%(num)d outlets in %(languages)s", n)
                      for n in (21, 3, 5))
    assert "издание," in one and "издания," in few and "изданий," in many
    en = i18n.translations("en")
    assert en.ngettext("%(num)d outlet in %(languages)s", "%(num)d outlets in %(languages)s", 1).startswith("%(num)d outlet ")


def test_jinja_environment_gets_gettext_and_trans():
    from jinja2 import Environment

    env = i18n.install(Environment(autoescape=True), "az")
    html = env.from_string('{{ _("Questions") }} · {% trans %}Answers{% endtrans %} · '
                           '{{ _("Worksheet: %(event)s", event="<b>") }}').render()
    assert html == "Suallar · Cavablar · İş vərəqi: &lt;b&gt;"
    i18n.install(env, "en")
    assert env.from_string('{{ _("Questions") }}').render() == "Questions"


def test_unknown_language_is_a_usage_error():
    with pytest.raises(i18n.UnknownLanguage, match="unknown UI language 'de'; choose one of: en, ru, az") as err:
        i18n.translations("de")
    assert err.value.exit_code == 2


def test_catalogs_ship_as_package_data():
    import tomllib

    conf = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = conf["tool"]["setuptools"]["package-data"]["compare"]
    deps = [d.split(">")[0].split("=")[0].strip().lower() for d in conf["project"]["dependencies"]]
    assert "babel" in deps
    for lang in ("ru", "az"):
        rel = i18n.po_path(lang).relative_to(ROOT / "compare")
        assert any(rel.match(p) and len(rel.parts) == len(Path(p).parts) for p in patterns), rel


def test_english_labels_are_the_reports():
    from compare.report.data import AGENT_LABEL, LANG_NAMES, SOURCE_TYPE_LABEL
    from compare.report.handout import AGENT_MSG, LANG_MSG, SOURCE_TYPE_MSG

    assert SOURCE_TYPE_MSG == SOURCE_TYPE_LABEL and AGENT_MSG == AGENT_LABEL and LANG_MSG == LANG_NAMES


# --------------------------------------------------------------------------- no English chrome left
def _words(text: str) -> set[str]:
    return {w.lower() for w in re.findall(r"[A-Za-z]{2,}", PLACEHOLDER.sub(" ", text))}


def _english_words() -> set[str]:
    words = set()
    for m in code_msgids():
        for s in (m if isinstance(m, tuple) else (m,)):
            words |= _words(s)
    return words - {"compare"}   # the toolkit's name


@pytest.fixture(scope="module")
def rendered(demo_run, tmp_path_factory):
    from compare.report.handout import handout_run

    out = {}
    for lang in ("ru", "az"):
        res = handout_run(demo_run, event="E001", out=tmp_path_factory.mktemp(f"ho-{lang}"), ui_language=lang)
        out[lang] = res.out
    return out


@pytest.mark.parametrize("lang", ["ru", "az"])
def test_no_english_chrome_left(rendered, lang):
    english = _english_words()
    t = i18n.translations(lang)
    # a word the translation itself uses ("media" in Azerbaijani) is not left-over English
    same = set().union(*(_words(s) for s in t._single.values()))
    for forms in t._plurals.values():
        same |= set().union(*(_words(f) for f in forms))
    english -= same
    for stem in ("worksheet", "answer-key"):
        page = Chrome()
        page.feed((rendered[lang] / f"{stem}.html").read_text(encoding="utf-8"))
        left = _words(" ".join(page.text)) & english
        assert not left, (lang, stem, "html", sorted(left))
        # Markdown: take out the same data (sentences, names, labels) the HTML marks translate="no"
        md = (rendered[lang] / f"{stem}.md").read_text(encoding="utf-8")
        for d in sorted({x.strip() for x in page.data if x.strip()}, key=len, reverse=True):
            md = md.replace(d, " ")
        md = md.replace("\\", "")
        for d in sorted({x.strip() for x in page.data if x.strip()}, key=len, reverse=True):
            md = md.replace(d, " ")
        left = _words(md) & english
        assert not left, (lang, stem, "md", sorted(left))
    key = (rendered[lang] / "answer-key.md").read_text(encoding="utf-8")
    assert {"ru": "## Ответы", "az": "## Cavablar"}[lang] in key
