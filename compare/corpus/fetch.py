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
"""
from __future__ import annotations

import hashlib
import json
import re
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

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
) -> FetchResult:
    """Download every URL in ``urls_file`` into ``into/pages``."""
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
    for url in console.progress(urls, "fetching", total=len(urls)):
        name = f"{slug_for(url)}.html"
        target = pages / name
        if target.exists():
            result.already.append(url)
            hosts.setdefault(url_host(url) or "", url)
            continue
        try:
            data, final_url = _download(url, timeout=timeout, max_bytes=max_bytes, user_agent=user_agent)
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


def _download(url: str, *, timeout: float, max_bytes: int, user_agent: str) -> tuple[bytes, str]:
    if not re.match(r"^https?://", url, re.I):
        raise InputProblem(url, "not an http(s) URL")
    req = urllib.request.Request(url, headers={"User-Agent": user_agent, "Accept": "text/html,application/xhtml+xml"})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:  # noqa: S310 - scheme checked above
            ctype = resp.headers.get("Content-Type", "")
            if ctype and not any(t in ctype.lower() for t in ("html", "xml", "text/plain")):
                raise InputProblem(url, f"not a web page (Content-Type {ctype.split(';')[0]})")
            length = resp.headers.get("Content-Length")
            if length and length.isdigit() and int(length) > max_bytes:
                raise InputProblem(url, f"page is {int(length) / 1e6:.1f} MB, over the {max_bytes / 1e6:.0f} MB limit")
            data = resp.read(max_bytes + 1)
            if len(data) > max_bytes:
                raise InputProblem(url, f"page is over the {max_bytes / 1e6:.0f} MB limit")
            return data, resp.geturl()
    except urllib.error.HTTPError as exc:
        raise InputProblem(url, f"HTTP {exc.code} {exc.reason}") from None
    except urllib.error.URLError as exc:
        raise InputProblem(url, f"cannot connect ({exc.reason})") from None
    except TimeoutError:
        raise InputProblem(url, f"no answer within {timeout:g} s") from None
    except OSError as exc:
        raise InputProblem(url, f"download failed ({exc})") from None


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
