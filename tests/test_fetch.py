"""compare fetch against a local web server serving pages written here."""
import http.server
import threading
import time
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
    result = fetch(urls, into, timeout=5, max_mb=1, allow_private=True)
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
    again = fetch(urls, into, timeout=5, max_mb=1, allow_private=True)
    assert len(again.already) == 2 and again.saved == []
    assert "/raid.html" not in Handler.requests and "/missing.html" in Handler.requests
    assert (into / "corpus.toml").read_text().endswith("# edited by hand\n")


def test_fetch_with_outlet_and_strict(server, tmp_path):
    urls = tmp_path / "urls.txt"
    urls.write_text(f"{server}/raid.html\n{server}/missing.html\n{server}/second.html\n", encoding="utf-8")
    into = tmp_path / "corpus"
    with pytest.raises(InputProblem, match="HTTP 404"):
        fetch(urls, into, outlet="wire", strict=True, timeout=5, allow_private=True)
    # the page saved before the failure is kept
    assert len(list((into / "pages").glob("*.html"))) == 1
    result = fetch(urls.parent / "urls.txt", into, outlet="wire", timeout=5, allow_private=True)
    assert len(result.already) == 1 and len(result.saved) == 1
    assert list(load_corpus(into).outlets) == ["wire"]
    run = ingest(into, tmp_path / "run")
    assert set(Run(tmp_path / "run").read("articles")["outlet"]) == {"wire"} and run.exit_code == 0


def test_unreachable_host_and_bad_scheme(tmp_path):
    urls = tmp_path / "urls.txt"
    urls.write_text("http://127.0.0.1:9/nothing.html\nftp://example.org/x\n", encoding="utf-8")
    result = fetch(urls, tmp_path / "c", timeout=2, allow_private=True)
    assert result.exit_code == 3 and len(result.problems) == 2
    assert "not an http(s) URL" in dict(result.problems)["ftp://example.org/x"]


# --------------------------------------------------------------------------- hostile servers
class Hostile(http.server.BaseHTTPRequestHandler):
    """Slow, redirecting and robots-bearing answers; counts what it was asked."""
    requests: list[str] = []
    redirect_to = ""

    def log_message(self, *args):
        pass

    def do_GET(self):
        Hostile.requests.append(self.path)
        if self.path == "/robots.txt":
            body = b"User-agent: *\nDisallow: /private/\n"
            self._send(200, body, "text/plain")
        elif self.path == "/page.html" or self.path.startswith("/private/"):
            self._send(200, PAGE.format(title="Raid").encode(), "text/html")
        elif self.path == "/redirect":
            self.send_response(302)
            self.send_header("Location", Hostile.redirect_to)
            self.end_headers()
        elif self.path == "/trickle-body":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            self._trickle(b"<html>" + b"x" * 200)
        elif self.path == "/trickle-headers":
            self._trickle(b"HTTP/1.0 200 OK\r\nContent-Type: text/html\r\nX-Padding: " + b"y" * 200)
        else:
            self._send(404, b"", "text/plain")

    def _send(self, code, body, ctype):
        self.send_response(code)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _trickle(self, data):
        """One byte every 0.1 s, at most 20 s: stops when the client hangs up."""
        for byte in data[:200]:
            try:
                self.wfile.write(bytes([byte]))
                self.wfile.flush()
            except OSError:
                return
            time.sleep(0.1)


def _serve(host):
    httpd = http.server.ThreadingHTTPServer((host, 0), Hostile)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, f"http://{host}:{httpd.server_address[1]}"


@pytest.fixture()
def hostile():
    Hostile.requests = []
    servers = [_serve("127.0.0.1"), _serve("127.0.0.2")]
    yield [url for _, url in servers]
    for httpd, _ in servers:
        httpd.shutdown()
        httpd.server_close()


def _fetch_one(tmp_path, url, **kw):
    urls = tmp_path / "urls.txt"
    urls.write_text(url + "\n", encoding="utf-8")
    return fetch(urls, tmp_path / "corpus", **kw)


def test_loopback_is_refused_unless_allowed(hostile, tmp_path):
    result = _fetch_one(tmp_path, f"{hostile[0]}/page.html", timeout=5)
    assert result.exit_code == 3 and not result.saved
    (where, problem), = result.problems
    assert where == f"{hostile[0]}/page.html"
    assert problem == "127.0.0.1 is at loopback address 127.0.0.1; refused (use --allow-private to fetch from your own machine or network)"
    assert Hostile.requests == []  # not a single request reached the server
    assert _fetch_one(tmp_path, f"{hostile[0]}/page.html", timeout=5, allow_private=True).saved


def test_redirect_to_a_private_address_is_refused(hostile, tmp_path, monkeypatch):
    """127.0.0.1 stands in for a public server here; its redirect to 127.0.0.2 must not be followed."""
    import compare.corpus.fetch as fetch_module

    monkeypatch.setattr(fetch_module, "_is_public", lambda ip: str(ip) == "127.0.0.1")
    Hostile.redirect_to = f"{hostile[1]}/page.html"
    result = _fetch_one(tmp_path, f"{hostile[0]}/redirect", timeout=5)
    assert not result.saved
    assert "127.0.0.2 is at loopback address 127.0.0.2; refused" in result.problems[0][1]
    assert "/page.html" not in Hostile.requests  # the private server was never asked
    # without robots.txt in the way, the connection of the redirect itself is refused
    result = _fetch_one(tmp_path, f"{hostile[0]}/redirect", timeout=5, respect_robots=False)
    assert result.problems[0][1].startswith("127.0.0.2 is at loopback address 127.0.0.2; refused")
    assert "/page.html" not in Hostile.requests
    Hostile.redirect_to = "ftp://127.0.0.1/x"
    result = _fetch_one(tmp_path, f"{hostile[0]}/redirect", timeout=5, allow_private=True)
    assert "which is not an http(s) URL" in result.problems[0][1]


@pytest.mark.parametrize("path", ["/trickle-body", "/trickle-headers"])
def test_timeout_is_a_total_deadline(hostile, tmp_path, path):
    started = time.monotonic()
    result = _fetch_one(tmp_path, f"{hostile[0]}{path}", timeout=1.5, allow_private=True, respect_robots=False)
    elapsed = time.monotonic() - started
    assert result.problems == [(f"{hostile[0]}{path}",
                                "no complete answer within 1.5 s (--timeout is the total time for a page)")]
    assert elapsed < 4, elapsed  # the server would have trickled for 20 s


def test_robots_txt_is_honoured_unless_told_otherwise(hostile, tmp_path):
    url = f"{hostile[0]}/private/story.html"
    result = _fetch_one(tmp_path, url, timeout=5, allow_private=True)
    assert result.problems == [(url, f"disallowed by {hostile[0]}/robots.txt (use --ignore-robots only where you may)")]
    assert "/private/story.html" not in Hostile.requests
    assert _fetch_one(tmp_path, f"{hostile[0]}/page.html", timeout=5, allow_private=True).saved
    assert _fetch_one(tmp_path, url, timeout=5, allow_private=True, respect_robots=False).saved


def test_fetch_command_line_refuses_loopback_with_exit_3(hostile, tmp_path):
    import subprocess
    import sys

    urls = tmp_path / "urls.txt"
    urls.write_text(f"{hostile[0]}/page.html\n", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "compare", "fetch", str(urls), "--into", str(tmp_path / "c"),
                           "--timeout", "5"], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 3 and "Traceback" not in proc.stderr
    assert "refused (use --allow-private" in proc.stderr
    proc = subprocess.run([sys.executable, "-m", "compare", "fetch", str(urls), "--into", str(tmp_path / "c"),
                           "--timeout", "5", "--allow-private"], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr


# --------------------------------------------------------------------------- URLs to a report
def test_run_from_a_url_list_makes_a_report(server, tmp_path):
    """`compare run urls.txt --out RUN`: fetch beside the run, run every stage, one line per failed page."""
    from typer.testing import CliRunner

    from compare.cli import app

    urls = tmp_path / "urls.txt"
    urls.write_text(f"{server}/raid.html\n{server}/second.html\n{server}/missing.html\n", encoding="utf-8")
    out = tmp_path / "runs" / "raid"
    result = CliRunner().invoke(app, ["--quiet", "run", str(urls), "--out", str(out), "--allow-private"])
    assert result.exit_code == 3, result.output  # done, one input skipped
    problem_lines = [line for line in result.output.splitlines() if "missing.html" in line]
    assert len(problem_lines) == 1 and "HTTP 404" in problem_lines[0]
    assert "Traceback" not in result.output
    corpus = tmp_path / "runs" / "raid-corpus"
    assert len(list((corpus / "pages").glob("*.html"))) == 2
    assert (out / "report" / "index.html").exists()
    assert Run(out).read("articles").height == 2
    # the --urls form, re-run: nothing fetched again, every stage skipped
    Handler.requests = []
    again = CliRunner().invoke(app, ["--quiet", "run", "--urls", str(urls), "--out", str(out), "--allow-private"])
    assert again.exit_code == 3, again.output
    assert "/raid.html" not in Handler.requests and "/missing.html" in Handler.requests


def test_run_with_no_fetchable_url(server, tmp_path):
    from typer.testing import CliRunner

    from compare.cli import app

    urls = tmp_path / "urls.txt"
    urls.write_text(f"{server}/missing.html\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["run", "--urls", str(urls), "--out", str(tmp_path / "run"), "--allow-private"])
    assert result.exit_code == 3 and "nothing to compare" in result.output and "Traceback" not in result.output
    both = CliRunner().invoke(app, ["run", str(tmp_path), "--urls", str(urls), "--out", str(tmp_path / "run")])
    assert both.exit_code == 2 and "not both" in both.output
