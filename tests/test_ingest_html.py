"""Saved web pages: main text and metadata through trafilatura, outlet from the site name."""
import polars as pl
import pytest

from compare.corpus import ingest
from compare.runs import Run

from corpus_helpers import make_corpus

PAGE = """<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<title>{title} | {site}</title>
<meta property="og:site_name" content="{site}">
<meta property="og:title" content="{title}">
<meta property="article:published_time" content="{published}">
<link rel="canonical" href="{url}">
</head>
<body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<article>
<h1>{title}</h1>
{paragraphs}
</article>
<footer>© Example media group. All rights reserved. Subscribe to our newsletter.</footer>
</body>
</html>
"""

RU_PARAS = [
    "В среду полиция провела рейд на центральном рынке Лисогорска, задержаны десятки торговцев.",
    "Двое задержанных, братья Мамедли, скончались в отделе полиции через несколько часов после задержания.",
    "Родственники погибших утверждают, что мужчин избили; в полиции заявляют, что силу не применяли.",
]


def page(**kw):
    paragraphs = "\n".join(f"<p>{p}</p>" for p in kw.pop("paras"))
    return PAGE.format(paragraphs=paragraphs, **kw)


def test_html_page_text_and_metadata(tmp_path):
    root = make_corpus(tmp_path / "c", {
        "pages/raid.html": page(lang="ru", title="Рейд в Лисогорске", site="Вестник",
                                published="2025-09-03T18:20:00+03:00", url="https://vestnik.example/raid",
                                paras=RU_PARAS),
    })
    result = ingest(root, tmp_path / "run")
    assert result.exit_code == 0, result.problems
    row = Run(tmp_path / "run").read("articles").row(0, named=True)
    assert row["outlet"] == "vestnik"  # matched by og:site_name against corpus.toml names
    assert row["title"] == "Рейд в Лисогорске"
    assert row["text"] == "\n\n".join(RU_PARAS)  # no navigation, footer or repeated headline
    assert row["published_raw"] == "2025-09-03T18:20:00+03:00"
    assert row["published"].isoformat() == "2025-09-03T15:20:00+00:00"
    assert row["url"] == "https://vestnik.example/raid"
    assert (row["declared_language"], row["language"]) == ("ru", "ru")


@pytest.mark.parametrize("codec,declared", [("cp1251", "windows-1251"), ("koi8-r", "koi8-r"), ("cp1251", "utf-8")])
def test_html_outlet_from_url_host_and_legacy_encoding(tmp_path, codec, declared):
    # the last case declares the wrong charset: detection still finds cp1251
    html = page(lang="ru", title="Рейд", site="Unknown Site Name", published="2025-09-03",
                url="https://www.xeber.example/ru/raid", paras=RU_PARAS).replace('charset="utf-8"', f'charset="{declared}"')
    root = make_corpus(tmp_path / "c", {"p.htm": html.encode(codec)})
    result = ingest(root, tmp_path / "run")
    row = Run(tmp_path / "run").read("articles").row(0, named=True)
    assert result.exit_code == 0, result.problems
    assert row["outlet"] == "xeber" and row["text"].startswith("В среду полиция")


def test_html_without_outlet_hint_in_a_multi_outlet_corpus(tmp_path):
    html = "<html><body><article>" + "".join(f"<p>{p}</p>" for p in RU_PARAS) + "</article></body></html>"
    root = make_corpus(tmp_path / "c", {"p.html": html})
    result = ingest(root, tmp_path / "run")
    assert result.exit_code == 3
    assert result.problems[0][0] == "p.html" and "no outlet given" in result.problems[0][1]
    assert Run(tmp_path / "run").read("articles").height == 0


def test_html_with_no_article_text(tmp_path):
    root = make_corpus(tmp_path / "c", {"blank.html": "<html><head><title>x</title></head><body></body></html>"})
    result = ingest(root, tmp_path / "run")
    assert result.exit_code == 3 and result.problems[0][0] == "blank.html"
    assert Run(tmp_path / "run").read("problems").filter(pl.col("where") == "blank.html").height == 1
