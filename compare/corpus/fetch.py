"""``compare fetch``: save article pages from a list of URLs into a corpus folder.

Pages are saved as raw HTML under ``INTO/pages/<slug>.html``, exactly as the
server sent them, so ``compare ingest`` extracts the main text with trafilatura
later and the original stays available for checking what was extracted. Where
each page came from (URL, final URL after redirects, time fetched, outlet) is
recorded in ``INTO/pages/fetched.json``; ingest reads it for the article URL,
the outlet and the reference time of relative dates ("2 часа назад").

Re-running is idempotent: a URL whose page is already saved is not requested
again. A missing ``corpus.toml`` is created with one outlet per web host (or
the ``outlet`` given); an existing one is never modified.

Safety: ``timeout`` is the total time allowed for a page (connecting, every
redirect and the download), enforced by closing the connection when it runs
out, so a server that trickles one byte a second cannot hold a fetch. Every
connection, including each redirect, is checked after it is made: loopback,
private, link-local and other non-public addresses are refused unless
``allow_private=True`` (checking the connected address, not a DNS answer, so
DNS rebinding cannot get around it). Redirects go to http(s) only, at most
five. ``robots.txt`` is honoured unless ``respect_robots=False``. Connections
are direct: proxies set in the environment are not used.
"""
from __future__ import annotations

import hashlib
import http.client
import ipaddress
import json
import re
import socket
import threading
import time
import urllib.error
import urllib.request
import urllib.robotparser
from dataclasses import dataclass, field
from datetime import datetime, timezone
from functools import partial
from pathlib import Path
from urllib.parse import urlsplit

from compare import console
from compare.corpus.config import url_host
from compare.errors import CompareError, InputProblem
from compare.runs import atomic_write_bytes, atomic_write_text

USER_AGENT = "compare-news/0.1 (+https://github.com/compare-news/compare; research corpus builder)"
MANIFEST = "fetched.json"


@dataclass
class FetchResult:
    into: Path
    saved: list[str] = field(default_factory=list)
    already: list[str] = field(default_factory=list)
    problems: list[tuple[str, str]] = field(default_factory=list)
    created_config: bool = False

    @property
    def exit_code(self) -> int:
        return 3 if self.problems else 0

    def __str__(self) -> str:
        lines = [f"fetched {len(self.saved)} page(s) into {self.into / 'pages'}"
                 f" ({len(self.already)} already saved, {len(self.problems)} failed)"]
        if self.created_config:
            lines.append(f"  created {self.into / 'corpus.toml'}: check each outlet's country and kind")
        lines.append(f"next: compare ingest {self.into} --out runs/{self.into.name}")
        return "\n".join(lines)


def slug_for(url: str) -> str:
    """File name for a URL: readable host and path, plus a short hash for uniqueness."""
    host = url_host(url) or "page"
    path = re.sub(r"^[a-z]+://[^/]+", "", url.strip(), flags=re.I)
    readable = re.sub(r"[^A-Za-z0-9]+", "-", f"{host}-{path}").strip("-").lower()[:80].rstrip("-")
    digest = hashlib.sha1(url.strip().encode("utf-8")).hexdigest()[:8]
    return f"{readable}-{digest}"


def read_urls(urls_file: Path) -> list[str]:
    try:
        lines = Path(urls_file).read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        raise CompareError(f"{urls_file}: file not found") from None
    except UnicodeDecodeError:
        raise CompareError(f"{urls_file}: not UTF-8 text") from None
    urls, seen = [], set()
    for line in lines:
        line = line.strip()
        if not line or line.startswith("#") or line in seen:
            continue
        seen.add(line)
        urls.append(line)
    return urls


def fetch(
    urls_file: str | Path,
    into: str | Path,
    *,
    outlet: str | None = None,
    strict: bool = False,
    timeout: float = 20.0,
    max_mb: float = 20.0,
    user_agent: str = USER_AGENT,
    allow_private: bool = False,
    respect_robots: bool = True,
) -> FetchResult:
    """Download every URL in ``urls_file`` into ``into/pages``.

    ``timeout``: seconds allowed for each page in total. ``allow_private``:
    also fetch from loopback, private and link-local addresses (a server on
    your own machine or network). ``respect_robots``: skip pages the site's
    ``robots.txt`` disallows for our user agent.
    """
    if not timeout or timeout <= 0:
        raise CompareError(f"timeout must be a positive number of seconds, not {timeout}")
    into = Path(into)
    urls = read_urls(Path(urls_file))
    pages = into / "pages"
    pages.mkdir(parents=True, exist_ok=True)
    manifest_path = pages / MANIFEST
    manifest: dict = {}
    if manifest_path.exists():
        try:
            manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        except ValueError:
            manifest = {}
    result = FetchResult(into=into)
    max_bytes = int(max_mb * 1_000_000)
    hosts: dict[str, str] = {}
    robots = _Robots(user_agent, timeout=min(timeout, 10.0), allow_private=allow_private) if respect_robots else None
    for url in console.progress(urls, "fetching", total=len(urls)):
        name = f"{slug_for(url)}.html"
        target = pages / name
        if target.exists():
            result.already.append(url)
            hosts.setdefault(url_host(url) or "", url)
            continue
        try:
            data, final_url = _download(url, timeout=timeout, max_bytes=max_bytes, user_agent=user_agent,
                                        allow_private=allow_private, robots=robots)
        except InputProblem as exc:
            if strict:
                _save_manifest(manifest_path, manifest)
                raise
            console.problem(exc.where, exc.problem)
            result.problems.append((exc.where, exc.problem))
            continue
        atomic_write_bytes(target, data)
        manifest[name] = {
            "url": url, "final_url": final_url,
            "fetched": datetime.now(timezone.utc).replace(microsecond=0).isoformat(),
        }
        if outlet:
            manifest[name]["outlet"] = outlet
        result.saved.append(url)
        hosts.setdefault(url_host(url) or "", url)
        _save_manifest(manifest_path, manifest)  # after every page: an interrupted run keeps its work
    if not (into / "corpus.toml").exists():
        _write_corpus_toml(into, outlet, hosts)
        result.created_config = True
    return result


def _save_manifest(path: Path, manifest: dict) -> None:
    atomic_write_text(path, json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True) + "\n")


MAX_REDIRECTS = 5
ROBOTS_MAX_BYTES = 512_000


class _Refused(OSError):
    """A connection to an address that is not on the public internet."""


class _Guard:
    """One page's deadline and address check, shared by every connection it makes."""

    def __init__(self, timeout: float, allow_private: bool):
        self.timeout = timeout
        self.deadline = time.monotonic() + timeout
        self.allow_private = allow_private
        self.expired = False
        self._socks: list[socket.socket] = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(timeout, self._expire)
        self._timer.daemon = True

    def __enter__(self) -> "_Guard":
        self._timer.start()
        return self

    def __exit__(self, *exc) -> None:
        self._timer.cancel()

    def remaining(self) -> float:
        return max(0.001, self.deadline - time.monotonic())

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            socks = list(self._socks)
        for sock in socks:  # wakes up a read blocked on a server that sends nothing
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

    def track(self, sock) -> None:
        with self._lock:
            self._socks.append(sock)
            expired = self.expired
        if expired:
            self._expire()

    def connect(self, address, timeout=None, source_address=None, *args, **kwargs):
        """``socket.create_connection``, then the peer's address is checked."""
        sock = socket.create_connection(address, min(self.remaining(), timeout or self.timeout), source_address,
                                        *args, **kwargs)
        self.track(sock)
        if not self.allow_private:
            peer = sock.getpeername()[0].split("%", 1)[0]  # strip an IPv6 zone
            ip = ipaddress.ip_address(peer)
            ip = getattr(ip, "ipv4_mapped", None) or ip
            if not _is_public(ip):
                sock.close()
                kind = ("loopback" if ip.is_loopback else "link-local" if ip.is_link_local
                        else "private" if ip.is_private else "non-public")
                raise _Refused(f"{address[0]} is at {kind} address {ip}; refused (use --allow-private "
                               "to fetch from your own machine or network)")
        return sock


def _is_public(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    """On the public internet: not loopback, private, link-local, shared or reserved."""
    return ip.is_global


def _connection_class(base):
    class Guarded(base):
        def __init__(self, *args, guard: _Guard, **kwargs):
            super().__init__(*args, **kwargs)
            self._guard = guard
            self._create_connection = guard.connect

        def connect(self):
            super().connect()
            self._guard.track(self.sock)  # the TLS socket, once wrapped

    return Guarded


_GuardedHTTP = _connection_class(http.client.HTTPConnection)
_GuardedHTTPS = _connection_class(http.client.HTTPSConnection)


class _HTTPHandler(urllib.request.HTTPHandler):
    def __init__(self, guard: _Guard):
        super().__init__()
        self.guard = guard

    def http_open(self, req):
        return self.do_open(partial(_GuardedHTTP, guard=self.guard), req)


class _HTTPSHandler(urllib.request.HTTPSHandler):
    def __init__(self, guard: _Guard):
        super().__init__()
        self.guard = guard

    def https_open(self, req):
        return self.do_open(partial(_GuardedHTTPS, guard=self.guard), req,
                            context=self._context)


class _Redirects(urllib.request.HTTPRedirectHandler):
    max_redirections = MAX_REDIRECTS

    def __init__(self, origin: str, robots: "_Robots | None"):
        super().__init__()
        self.origin = origin
        self.robots = robots

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        if urlsplit(newurl).scheme.lower() not in ("http", "https"):
            raise InputProblem(self.origin, f"redirected to {newurl!r}, which is not an http(s) URL")
        if self.robots is not None:
            try:
                refusal = self.robots.check(newurl)
            except InputProblem as exc:
                raise InputProblem(self.origin, f"redirected to {newurl}: {exc.problem}") from None
            if refusal:
                raise InputProblem(self.origin, f"redirected to {newurl}: {refusal}")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _opener(guard: _Guard, origin: str, robots: "_Robots | None"):
    # Only the handlers named here: no proxies, no ftp:, no file:.
    opener = urllib.request.OpenerDirector()
    for handler in (_HTTPHandler(guard), _HTTPSHandler(guard), _Redirects(origin, robots),
                    urllib.request.HTTPDefaultErrorHandler(), urllib.request.HTTPErrorProcessor()):
        opener.add_handler(handler)
    return opener


def _get(url: str, *, timeout: float, max_bytes: int, user_agent: str, allow_private: bool,
         robots: "_Robots | None", accept: str) -> tuple[bytes, str, str]:
    """``(body, final URL, content type)`` within ``timeout`` seconds in total, or InputProblem."""
    req = urllib.request.Request(url, headers={"User-Agent": user_agent, "Accept": accept})
    with _Guard(timeout, allow_private) as guard:
        try:
            with _opener(guard, url, robots).open(req, timeout=timeout) as resp:
                ctype = resp.headers.get("Content-Type", "")
                if ctype and not any(t in ctype.lower() for t in ("html", "xml", "text/plain")):
                    raise InputProblem(url, f"not a web page (Content-Type {ctype.split(';')[0]})")
                length = resp.headers.get("Content-Length")
                if length and length.isdigit() and int(length) > max_bytes:
                    raise InputProblem(url, f"page is {int(length) / 1e6:.1f} MB, over the {max_bytes / 1e6:.0f} MB limit")
                chunks, size = [], 0
                while True:
                    block = resp.read(1 << 16)
                    if not block:
                        break
                    chunks.append(block)
                    size += len(block)
                    if size > max_bytes:
                        raise InputProblem(url, f"page is over the {max_bytes / 1e6:.0f} MB limit")
                if guard.expired:
                    raise _Expired()
                return b"".join(chunks), resp.geturl(), ctype
        except InputProblem:
            raise
        except urllib.error.HTTPError as exc:
            raise InputProblem(url, f"HTTP {exc.code} {exc.reason}") from None
        except urllib.error.URLError as exc:
            if guard.expired:
                raise InputProblem(url, _deadline_message(timeout)) from None
            if isinstance(exc.reason, _Refused):
                raise InputProblem(url, str(exc.reason)) from None
            if isinstance(exc.reason, (TimeoutError, socket.timeout)):
                raise InputProblem(url, _deadline_message(timeout)) from None
            raise InputProblem(url, f"cannot connect ({exc.reason})") from None
        except (_Expired, TimeoutError):
            raise InputProblem(url, _deadline_message(timeout)) from None
        except (OSError, http.client.HTTPException, ValueError) as exc:
            if guard.expired:
                raise InputProblem(url, _deadline_message(timeout)) from None
            raise InputProblem(url, f"download failed ({type(exc).__name__}: {exc})") from None


class _Expired(Exception):
    pass


def _deadline_message(timeout: float) -> str:
    return f"no complete answer within {timeout:g} s (--timeout is the total time for a page)"


def _download(url: str, *, timeout: float, max_bytes: int, user_agent: str, allow_private: bool = False,
              robots: "_Robots | None" = None) -> tuple[bytes, str]:
    if not re.match(r"^https?://", url, re.I):
        raise InputProblem(url, "not an http(s) URL")
    try:
        parts = urlsplit(url)
        host = parts.hostname
        parts.port
    except ValueError as exc:
        raise InputProblem(url, f"not a valid URL ({exc})") from None
    if not host:
        raise InputProblem(url, "not a valid URL (no host)")
    if robots is not None:
        refusal = robots.check(url)
        if refusal:
            raise InputProblem(url, refusal)
    data, final_url, _ = _get(url, timeout=timeout, max_bytes=max_bytes, user_agent=user_agent,
                              allow_private=allow_private, robots=robots,
                              accept="text/html,application/xhtml+xml")
    return data, final_url


class _Robots:
    """robots.txt per site, read once (RFC 9309): a missing file (4xx) allows
    everything; a server error (5xx) disallows everything; a site that cannot
    be reached is reported as such."""

    def __init__(self, user_agent: str, *, timeout: float, allow_private: bool):
        self.user_agent = user_agent
        self.timeout = timeout
        self.allow_private = allow_private
        self._sites: dict[str, urllib.robotparser.RobotFileParser | str | None] = {}

    @staticmethod
    def robots_url(url: str) -> str:
        parts = urlsplit(url)
        return f"{parts.scheme.lower()}://{parts.netloc}/robots.txt"

    def check(self, url: str) -> str | None:
        """Why ``url`` may not be fetched, or ``None`` when it may. Raises
        InputProblem (naming ``url``) when the site cannot be reached."""
        key = self.robots_url(url)
        if key not in self._sites:
            try:
                self._sites[key] = self._read(key)
            except InputProblem as exc:
                raise InputProblem(url, exc.problem) from None
        rules = self._sites[key]
        if rules is None or isinstance(rules, str):
            return rules
        if rules.can_fetch(self.user_agent, url):
            return None
        return f"disallowed by {key} (use --ignore-robots only where you may)"

    def _read(self, robots_url: str):
        try:
            data, _, _ = _get(robots_url, timeout=self.timeout, max_bytes=ROBOTS_MAX_BYTES,
                              user_agent=self.user_agent, allow_private=self.allow_private, robots=None,
                              accept="text/plain")
        except InputProblem as exc:
            status = re.match(r"HTTP (\d{3})", exc.problem)
            if (status and 400 <= int(status.group(1)) < 500) or "not a web page" in exc.problem \
                    or "over the" in exc.problem:
                return None  # no usable robots.txt: everything is allowed
            if status:
                return f"{robots_url} answered {exc.problem}: the site is treated as disallowing everything"
            raise  # cannot connect, refused address, deadline: reported for the page
        parser = urllib.robotparser.RobotFileParser(robots_url)
        parser.parse(data.decode("utf-8", errors="replace").splitlines())
        return parser


def _toml_str(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


def _write_corpus_toml(into: Path, outlet: str | None, hosts: dict[str, str]) -> None:
    lines = [
        f"name = {_toml_str(into.resolve().name)}",
        'description = "Pages saved with compare fetch"',
        "",
    ]
    ids = [outlet] if outlet else [h for h in sorted(hosts) if h]
    for oid in ids:
        host = url_host(hosts.get(oid, "")) if not outlet else None
        lines += [
            "[[outlets]]",
            f"id = {_toml_str(oid)}",
            f"name = {_toml_str(oid)}",
            'country = ""  # ISO 3166 code, e.g. RU, AZ: sets the time zone of dates',
            "languages = []",
            'kind = ""  # state, private, independent, wire, ...',
        ]
        if outlet and hosts:
            lines.append(f"url = {_toml_str('https://' + (url_host(next(iter(hosts.values()))) or ''))}")
        elif host:
            lines.append(f"url = {_toml_str('https://' + host)}")
        lines.append("")
    atomic_write_text(into / "corpus.toml", "\n".join(lines))
