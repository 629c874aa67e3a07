"""compare fetch against a local web server serving pages written here."""
import http.server
import threading
from functools import partial

import pytest

from compare.corpus import fetch, ingest, load_corpus
from compare.errors import InputProblem
from compare.runs import Run

PAGE = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>{title}</title><meta property="og:title" content="{title}">
<meta property="article:published_time" content="2025-09-03T16:05:00Z"></head>
<body><nav>Home | World</nav><article><h1>{title}</h1>
<p>Two ethnic Azerbaijani men died on Wednesday after police raided businesses and homes in the town of Lisogorsk, relatives said.</p>
<p>Police said the operation was part of an investigation into a murder committed more than twenty years ago.</p>
</article></body></html>"""


class Handler(http.server.SimpleHTTPRequestHandler):
    requests: list[str] = []

    def log_message(self, *args):
        pass

    def do_GET(self):
        Handler.requests.append(self.path)
        if self.path == "/big.html":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(3_000_000))
            self.end_headers()
            self.wfile.write(b"<html>" + b"x" * 3_000_000)
            return
        super().do_GET()


@pytest.fixture()
def server(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "raid.html").write_text(PAGE.format(title="Two die after raid"), encoding="utf-8")
    (site / "second.html").write_text(PAGE.format(title="Second story").replace("Wednesday", "Thursday"), encoding="utf-8")
    (site / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), partial(Handler, directory=str(site)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    Handler.requests = []
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_fetch_saves_pages_and_ingest_reads_them(server, tmp_path):
    urls = tmp_path / "urls.txt"
    urls.write_text(f"# coverage\n{server}/raid.html\n\n{server}/second.html\n{server}/missing.html\n"
                    f"{server}/image.png\n{server}/big.html\n", encoding="utf-8")
    into = tmp_path / "corpus"
    result = fetch(urls, into, timeout=5, max_mb=1)
    assert len(result.saved) == 2 and result.exit_code == 3
    problems = dict(result.problems)
    assert "HTTP 404" in problems[f"{server}/missing.html"]
    assert "not a web page" in problems[f"{server}/image.png"]
    assert "limit" in problems[f"{server}/big.html"]
    assert len(list((into / "pages").glob("*.html"))) == 2
    cfg = load_corpus(into)
    assert list(cfg.outlets) == ["127.0.0.1"] and result.created_config

    run = ingest(into, tmp_path / "run")
    assert run.exit_code == 0, run.problems
    arts = Run(tmp_path / "run").read("articles").sort("title")
    assert arts["title"].to_list() == ["Second story", "Two die after raid"]
    assert arts["url"].to_list() == [f"{server}/second.html", f"{server}/raid.html"]
    assert arts["outlet"].unique().to_list() == ["127.0.0.1"]
    assert arts["language"].unique().to_list() == ["en"]
    assert arts["text"][1].startswith("Two ethnic Azerbaijani men died")

    # idempotent: saved pages are not requested again, corpus.toml is left alone
    Handler.requests = []
    (into / "corpus.toml").write_text((into / "corpus.toml").read_text() + "# edited by hand\n")
    again = fetch(urls, into, timeout=5, max_mb=1)
    assert len(again.already) == 2 and again.saved == []
    assert "/raid.html" not in Handler.requests and "/missing.html" in Handler.requests
    assert (into / "corpus.toml").read_text().endswith("# edited by hand\n")


def test_fetch_with_outlet_and_strict(server, tmp_path):
    urls = tmp_path / "urls.txt"
    urls.write_text(f"{server}/raid.html\n{server}/missing.html\n{server}/second.html\n", encoding="utf-8")
    into = tmp_path / "corpus"
    with pytest.raises(InputProblem, match="HTTP 404"):
        fetch(urls, into, outlet="wire", strict=True, timeout=5)
    # the page saved before the failure is kept
    assert len(list((into / "pages").glob("*.html"))) == 1
    result = fetch(urls.parent / "urls.txt", into, outlet="wire", timeout=5)
    assert len(result.already) == 1 and len(result.saved) == 1
    assert list(load_corpus(into).outlets) == ["wire"]
    run = ingest(into, tmp_path / "run")
    assert set(Run(tmp_path / "run").read("articles")["outlet"]) == {"wire"} and run.exit_code == 0


def test_unreachable_host_and_bad_scheme(tmp_path):
    urls = tmp_path / "urls.txt"
    urls.write_text("http://127.0.0.1:9/nothing.html\nftp://example.org/x\n", encoding="utf-8")
    result = fetch(urls, tmp_path / "c", timeout=2)
    assert result.exit_code == 3 and len(result.problems) == 2
    assert "not an http(s) URL" in dict(result.problems)["ftp://example.org/x"]
