"""Hostile article text cannot reach a reader through the outputs: no
``javascript:`` link, raw ``<script>`` or spreadsheet formula survives into
any HTML page, Markdown file or CSV table, and every page carries a
Content-Security-Policy that allows only the report's own script."""
from __future__ import annotations

import base64
import csv
import hashlib
import io
import re
import shutil
import textwrap
from html.parser import HTMLParser
from pathlib import Path

import polars as pl
import pytest

from compare.pipeline import run
from compare.safety import csv_cell, csv_guard, http_url, md_text, safe_href

SCRIPT = "<script>alert(1)</script>"
IMG = '<img src=x onerror="alert(2)">'


# --------------------------------------------------------------------------- units
@pytest.mark.parametrize("href", [
    "javascript:alert(3)", "JaVaScRiPt:alert(3)", " javascript:alert(3)", "java\tscript:alert(3)",
    "java\nscript:alert(3)", "\x01javascript:alert(3)", "vbscript:msgbox(1)", "data:text/html,<script>",
    "file:///etc/passwd", "//evil.example/x", "\\\\evil.example\\x", "/\\evil.example", "https://[example.com/news",
    "http://exa mple.com/", "http://example.com:99999/", "mailto:a@b.c", "x:y", "", None,
])
def test_unsafe_links_are_refused(href):
    assert safe_href(href) is None


@pytest.mark.parametrize("href, expected", [
    ("https://example.com/news?id=1#top", "https://example.com/news?id=1#top"),
    ("HTTP://Example.com", "HTTP://Example.com"),
    ("  https://example.com/a  ", "https://example.com/a"),
    ("event-E001.html", "event-E001.html"), ("#s-abc", "#s-abc"), ("../figures/", "../figures/"),
    ("summary.md", "summary.md"),
])
def test_http_and_relative_links_pass(href, expected):
    assert safe_href(href) == expected


def test_http_url():
    assert http_url("https://example.com/x") == "https://example.com/x"
    assert http_url("https://[example.com/news") is None
    assert http_url("ftp://example.com/x") is None
    assert http_url("event.html") is None


def test_markdown_text_renders_as_written():
    assert md_text(SCRIPT) == "&lt;script&gt;alert(1)&lt;/script&gt;"
    assert md_text("[click](javascript:alert(1))") == "\\[click\\](javascript:alert(1))"
    assert md_text("<javascript:alert(1)>") == "&lt;javascript:alert(1)&gt;"
    assert md_text("a *b* _c_ `d` | e\nf") == "a \\*b\\* \\_c\\_ \\`d\\` \\| e f"
    assert md_text("AT&T &amp; &#60;") == "AT&T &amp;amp; &amp;#60;"


def test_csv_cells():
    assert csv_cell('=HYPERLINK("http://evil","x")') == '\'=HYPERLINK("http://evil","x")'
    for risky in ("+1+cmd", "-2+3", "@SUM(A1)", "\t=1", "\r=1", "-", "=", "+7 (495) 123-45-67"):
        assert csv_cell(risky) == "'" + risky
    for fine in ("-5", "+3.5", "-1e5", "-12%", "1 000", "Police said", "", 5, -5, None):
        assert csv_cell(fine) == fine
    df = pl.DataFrame({"text": ["=1+1", "-5", "ok", None], "value": [-1, -2, 3, 4], "x": [-1.5, 0.0, 1.0, None]})
    out = csv_guard(df)
    assert out["text"].to_list() == ["'=1+1", "-5", "ok", None]
    assert out["value"].to_list() == [-1, -2, 3, 4] and out["x"].to_list() == [-1.5, 0.0, 1.0, None]


# --------------------------------------------------------------------------- a whole run
def _hostile_corpus(folder: Path) -> Path:
    (folder / "articles").mkdir(parents=True)
    (folder / "corpus.toml").write_text(textwrap.dedent(f"""
        name = "hostile"
        [[outlets]]
        id = "north"
        name = 'North {IMG}'
        languages = ["en"]
        kind = "=cmd|' /C calc'!A0"
        [[outlets]]
        id = "south"
        name = "South Daily"
        languages = ["en"]
        url = "javascript:alert(4)"
        """), encoding="utf-8")
    bodies = {
        "north": (f"Bridge closed {SCRIPT}", "javascript:alert(3)",
                  f"The old bridge in Marlow Vale was closed on Monday after the river rose by two metres {SCRIPT}. "
                  "The town council said that 40 families were moved to the school [click](javascript:alert(5)).\n\n"
                  '=HYPERLINK("http://evil.example","Officials said the bridge would reopen on Friday.")'),
        "south": ("@SUM(1+1) Bridge shut", "JaVaScRiPt:alert(6)",
                  "Officials closed the bridge in Marlow Vale on Monday. "
                  f"According to the council, about 40 families spent the night in the school {IMG}.\n\n"
                  "-2+3 people were hurt, police said on Monday in Marlow Vale."),
    }
    for outlet, (title, url, body) in bodies.items():
        (folder / "articles" / f"{outlet}.md").write_text(
            f"---\noutlet: {outlet}\ntitle: '{title}'\nurl: '{url}'\npublished: 2025-03-03\n---\n{body}\n",
            encoding="utf-8")
    (folder / "compare.toml").write_text('[embed]\nbackend = "hashing"\n', encoding="utf-8")
    return folder


class _Page(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links, self.scripts, self.handlers, self.csp = [], [], [], []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("href", "src", "action", "formaction", "xlink:href"):
                self.links.append(value or "")
            if name.startswith("on"):
                self.handlers.append((tag, name))
        if tag == "meta" and dict(attrs).get("http-equiv", "").lower() == "content-security-policy":
            self.csp.append(dict(attrs)["content"])
        if tag == "script":
            self._in_script = True
            self.scripts.append("")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts[-1] += data


def check_html(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    page = _Page()
    page.feed(text)
    assert len(page.csp) == 1, path
    policy = page.csp[0]
    assert policy.startswith("default-src 'none'; ") and "'unsafe-eval'" not in policy
    assert re.search(r"script-src 'sha256-[A-Za-z0-9+/=]+';", policy) and "script-src 'unsafe-inline'" not in policy
    # the CSP comes before anything it governs
    assert text.index("Content-Security-Policy") < min(i for i in (text.find("<style"), text.find("<script")) if i >= 0)
    for script in page.scripts:
        digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode()
        assert f"'sha256-{digest}'" in policy, f"{path}: a script the policy does not allow"
    assert not page.handlers, (path, page.handlers)
    for link in page.links:
        assert safe_href(link) == link, (path, link)
        assert not link.lower().lstrip().startswith("javascript"), (path, link)


def check_markdown(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert not re.search(r"<\s*(script|img|iframe|a)\b", text, re.I), path
    assert not re.search(r"(?<!\\)\](?:\s*)\(\s*javascript:", text, re.I), path  # an unescaped link
    assert not re.search(r"<\s*javascript:", text, re.I), path


def check_csv(path: Path) -> None:
    for row in csv.reader(io.StringIO(path.read_text(encoding="utf-8"))):
        for cell in row:
            if cell[:1] in ("=", "+", "-", "@", "\t", "\r"):
                assert re.fullmatch(r"[+-]?(?:\d[\d ,.]*|[.,]\d+)(?:[eE][+-]?\d+)?%?", cell), (path, cell)


def check_outputs(out: Path) -> dict[str, int]:
    """Every output file of a run passes the checks for its kind; counts by kind."""
    seen = {"html": 0, "md": 0, "csv": 0, "svg": 0}
    for path in out.rglob("*"):
        if path.suffix == ".html":
            check_html(path)
        elif path.suffix == ".md":
            check_markdown(path)
        elif path.suffix == ".csv":
            check_csv(path)
        elif path.suffix == ".svg":
            assert "<script" not in path.read_text(encoding="utf-8").lower(), path
        else:
            continue
        seen[path.suffix[1:]] += 1
    return seen


@pytest.fixture(scope="module")
def hostile_run(tmp_path_factory):
    import os

    base = tmp_path_factory.mktemp("hostile")
    old = {k: os.environ.get(k) for k in ("ARGOS_PACKAGES_DIR", "COMPARE_CACHE_DIR")}
    os.environ.update(ARGOS_PACKAGES_DIR=str(base / "argos"), COMPARE_CACHE_DIR=str(base / "cache"))
    try:
        corpus = _hostile_corpus(base / "corpus")
        result = run(corpus, base / "run", config=corpus / "compare.toml")
    finally:
        for k, v in old.items():
            os.environ.pop(k, None) if v is None else os.environ.__setitem__(k, v)
    assert {s.status for s in result.stages} == {"ran"}, result
    return base / "run"


def test_planted_links_scripts_and_formulas_do_not_survive(hostile_run):
    seen = check_outputs(hostile_run)
    assert seen["html"] >= 4 and seen["md"] >= 3 and seen["csv"] >= 10 and seen["svg"] >= 1, seen
    # what was planted did reach the outputs, made harmless
    event_pages = list((hostile_run / "report").glob("event-*.html"))
    pages = "".join(p.read_text(encoding="utf-8") for p in event_pages)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in pages
    assert "original: <span class=\"url\">javascript:alert(3)</span>" in pages
    tables = hostile_run / "report" / "tables"
    assert "'=HYPERLINK(" in (tables / "sentences.csv").read_text(encoding="utf-8")
    assert "'@SUM(1+1) Bridge shut" in (tables / "articles.csv").read_text(encoding="utf-8")
    summaries = "".join(p.read_text(encoding="utf-8") for p in hostile_run.rglob("*.md"))
    assert "&lt;script&gt;" in summaries or "&lt;img" in summaries


# --------------------------------------------------------------------------- in a browser
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"


@pytest.mark.browser
def test_the_policy_runs_our_script_and_blocks_an_injected_one(hostile_run, tmp_path):
    if not (Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists()):
        pytest.skip("chromium and chromedriver are not installed")
    webdriver = pytest.importorskip("selenium.webdriver")
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
                f"--user-data-dir={tmp_path / 'profile'}"):
        options.add_argument(arg)
    options.binary_location = CHROMIUM
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(options=options, service=Service(executable_path=CHROMEDRIVER))
    try:
        page = next((hostile_run / "report").glob("event-*.html"))
        first = re.search(r'id="(s-[^"]+)"', page.read_text(encoding="utf-8")).group(1)
        driver.get(page.as_uri() + "#" + first)
        # report.js moves focus to the sentence named in the URL: our script ran
        assert driver.execute_script("return document.activeElement.id") == first
        assert not [e for e in driver.get_log("browser") if e["level"] == "SEVERE"]

        # a script that got into a page anyway is refused by the policy
        injected = tmp_path / "injected.html"
        injected.write_text(page.read_text(encoding="utf-8").replace(
            "</main>", "<script>document.title = 'pwned'</script></main>"), encoding="utf-8")
        driver.get(injected.as_uri())
        assert driver.title != "pwned"
        log = " ".join(e["message"] for e in driver.get_log("browser"))
        assert "Content Security Policy" in log
    finally:
        driver.quit()


def test_csv_header_cells_are_guarded_too():
    """A wide table's header holds outlet ids, which come from the data."""
    df = pl.DataFrame({"cluster_id": ["c1"], "-": ["asserted"], "=cmd": ["omitted"], "'=cmd": ["x"]})
    assert csv_guard(df).columns == ["cluster_id", "'-", "'=cmd_", "'=cmd"]


def test_csv_tables_open_in_a_spreadsheet_as_utf8(tmp_path):
    """A byte-order mark tells Excel the file is UTF-8 (Cyrillic and ə intact)."""
    import polars as pl

    from types import SimpleNamespace

    from compare.report import export_tables

    data = SimpleNamespace(tables={"sentences": pl.DataFrame({"text": ["Лисогорск", "Xəbər"]})}, has=lambda name: False)
    export_tables(data, tmp_path / "tables")
    raw = (tmp_path / "tables" / "sentences.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and "Xəbər".encode() in raw
    assert pl.read_csv(tmp_path / "tables" / "sentences.csv")["text"].to_list() == ["Лисогорск", "Xəbər"]


def test_planted_formulas_stay_text_in_the_workbook(hostile_run):
    """tables.xlsx holds the planted text as written, as text cells: no formula."""
    openpyxl = pytest.importorskip("openpyxl")
    wb = openpyxl.load_workbook(hostile_run / "report" / "tables" / "tables.xlsx")
    cells = [c for ws in wb.worksheets for row in ws.iter_rows() for c in row]
    assert cells and not [c.coordinate for c in cells if c.data_type == "f"]
    planted = [c for c in cells if isinstance(c.value, str) and c.value.startswith(("=HYPERLINK(", "@SUM("))]
    assert planted and all(c.data_type == "s" and c.quotePrefix for c in planted)
