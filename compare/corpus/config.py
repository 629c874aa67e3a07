"""``corpus.toml``: the corpus name and its outlets.

A folder without ``corpus.toml`` is still readable: the corpus is named after
the folder, every file is read, and outlets are taken as the articles name them
(with no country or kind), with one warning. With a ``corpus.toml`` that lists
outlets, an article naming an outlet that is not listed is skipped.
"""
from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from urllib.parse import urlparse

from compare.errors import CompareError, InputProblem

# Country -> zone assumed for times written without an offset.
COUNTRY_TIMEZONES = {"RU": "Europe/Moscow", "AZ": "Asia/Baku"}
DEFAULT_EXCLUDE_DIRS = {"gold"}


@dataclass
class Outlet:
    id: str
    name: str
    country: str | None = None
    languages: tuple[str, ...] = ()
    kind: str | None = None
    url: str | None = None

    @property
    def host(self) -> str | None:
        return url_host(self.url) if self.url else None

    @property
    def timezone(self) -> str:
        return COUNTRY_TIMEZONES.get((self.country or "").upper(), "UTC")


@dataclass
class Corpus:
    root: Path
    name: str
    description: str = ""
    synthetic: bool = False
    outlets: dict[str, Outlet] = field(default_factory=dict)
    include: list[str] | None = None
    has_config: bool = True

    def find_outlet(self, value: str | None) -> Outlet | None:
        """Outlet by id, then by name, then by web host (case-insensitive)."""
        if not value:
            return None
        value = str(value).strip()
        if value in self.outlets:
            return self.outlets[value]
        low = value.casefold()
        for o in self.outlets.values():
            if o.id.casefold() == low or o.name.casefold() == low:
                return o
        host = url_host(value) if ("/" in value or "." in value) else None
        if host:
            for o in self.outlets.values():
                if o.host and (o.host == host or host.endswith("." + o.host)):
                    return o
        return None


def url_host(url: str | None) -> str | None:
    if not url:
        return None
    url = str(url).strip()
    if "://" not in url:
        url = "http://" + url
    host = (urlparse(url).hostname or "").lower()
    if host.startswith("www."):
        host = host[4:]
    return host or None


def load_corpus(folder: str | Path) -> Corpus:
    """Read ``FOLDER/corpus.toml`` (or defaults when it is missing)."""
    root = Path(folder)
    if not root.exists():
        raise CompareError(f"{root}: corpus folder not found")
    if not root.is_dir():
        raise CompareError(f"{root}: not a folder (give the corpus folder, with corpus.toml)")
    path = root / "corpus.toml"
    if not path.exists():
        return Corpus(root=root, name=root.resolve().name, has_config=False)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise InputProblem(path, "not UTF-8 text") from None
    except tomllib.TOMLDecodeError as exc:
        raise InputProblem(path, f"not valid TOML ({exc})") from None
    outlets: dict[str, Outlet] = {}
    for i, entry in enumerate(data.get("outlets", []) or []):
        if not isinstance(entry, dict) or not entry.get("id"):
            raise InputProblem(path, f"[[outlets]] entry {i + 1} has no id")
        oid = str(entry["id"])
        if oid in outlets:
            raise InputProblem(path, f"outlet id {oid!r} is listed twice")
        langs = entry.get("languages") or []
        if isinstance(langs, str):
            langs = [langs]
        outlets[oid] = Outlet(
            id=oid,
            name=str(entry.get("name") or oid),
            country=(str(entry["country"]).upper() or None) if entry.get("country") else None,
            languages=tuple(str(x) for x in langs),
            kind=str(entry["kind"]) if entry.get("kind") else None,
            url=str(entry["url"]) if entry.get("url") else None,
        )
    include = None
    articles = data.get("articles")
    if isinstance(articles, dict) and articles.get("include") is not None:
        include = articles["include"]
        if isinstance(include, str):
            include = [include]
        if not isinstance(include, list) or not all(isinstance(x, str) for x in include):
            raise InputProblem(path, "[articles] include must be a list of glob patterns")
    return Corpus(
        root=root,
        name=str(data.get("name") or root.resolve().name),
        description=str(data.get("description") or ""),
        synthetic=bool(data.get("synthetic", False)),
        outlets=outlets,
        include=include,
    )


def check_pattern(corpus: Corpus, pattern: str) -> str | None:
    """A problem message when ``pattern`` would read outside the corpus folder."""
    p = PurePosixPath(pattern.replace("\\", "/"))
    if p.is_absolute() or pattern.startswith("~") or (len(pattern) > 1 and pattern[1] == ":"):
        return f"include pattern {pattern!r} is an absolute path; patterns must stay inside the corpus folder"
    if ".." in p.parts:
        return f"include pattern {pattern!r} leaves the corpus folder"
    return None
