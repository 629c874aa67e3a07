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

from compare.errors import ConfigError

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
    warnings: list[str] = field(default_factory=list)  # corpus.toml problems that do not stop ingest

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
    try:
        host = (urlparse(url).hostname or "").lower()
    except ValueError:  # "https://[example.com/news": an unclosed IPv6 bracket
        return None
    if host.startswith("www."):
        host = host[4:]
    return host or None


CORPUS_KEYS = ("name", "description", "synthetic", "outlets", "articles")
OUTLET_KEYS = ("id", "name", "country", "languages", "kind", "url")
ARTICLES_KEYS = ("include",)


def load_corpus(folder: str | Path) -> Corpus:
    """Read ``FOLDER/corpus.toml`` (or defaults when it is missing).

    Every key is checked for its type: a value of the wrong type raises
    :class:`ConfigError` (one line naming the key; the CLI exits with 2), as
    every article depends on this file. Unknown keys are ignored with a warning
    in ``Corpus.warnings``.
    """
    root = Path(folder)
    if not root.exists():
        raise ConfigError(root, "corpus folder not found")
    if not root.is_dir():
        raise ConfigError(root, "not a folder (give the corpus folder, with corpus.toml)")
    path = root / "corpus.toml"
    if not path.exists():
        return Corpus(root=root, name=root.resolve().name, has_config=False)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise ConfigError(path, "not UTF-8 text") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(path, f"not valid TOML ({exc})") from None
    except RecursionError:
        raise ConfigError(path, "not valid TOML (nested too deeply)") from None
    except OSError as exc:
        raise ConfigError(path, f"cannot read file ({exc.strerror or exc})") from None
    warnings = [f"unknown key {k!r} ignored (known: {', '.join(CORPUS_KEYS)})" for k in data if k not in CORPUS_KEYS]
    name = _text(data, "name", path)
    description = _text(data, "description", path)
    synthetic = data.get("synthetic", False)
    if not isinstance(synthetic, bool):
        raise ConfigError(path, f"synthetic must be true or false, not {_kind(synthetic)}")

    outlets: dict[str, Outlet] = {}
    entries = data.get("outlets", [])
    if not isinstance(entries, list):
        raise ConfigError(path, f"outlets must be a list of [[outlets]] tables, not {_kind(entries)}")
    for i, entry in enumerate(entries):
        if not isinstance(entry, dict):
            raise ConfigError(path, f"[[outlets]] entry {i + 1} is {_kind(entry)}, not a table")
        if not entry.get("id"):
            raise ConfigError(path, f"[[outlets]] entry {i + 1} has no id")
        label = f"[[outlets]] entry {i + 1}"
        oid = _text(entry, "id", path, label)
        if not oid.strip():
            raise ConfigError(path, f"{label} has an empty id")
        if oid in outlets:
            raise ConfigError(path, f"outlet id {oid!r} is listed twice")
        label = f"outlet {oid!r}"
        warnings += [f"{label}: unknown key {k!r} ignored (known: {', '.join(OUTLET_KEYS)})"
                     for k in entry if k not in OUTLET_KEYS]
        langs = entry.get("languages", [])
        if not isinstance(langs, list) or not all(isinstance(x, str) for x in langs):
            example = f'languages = ["{langs}"]' if isinstance(langs, str) else 'languages = ["ru"]'
            raise ConfigError(path, f"{label}: languages must be a list of language codes, e.g. {example}")
        url = _text(entry, "url", path, label)
        if url and url_host(url) is None:
            warnings.append(f"{label}: url {url!r} has no web host; not used to match articles")
        country = _text(entry, "country", path, label)
        kind = _text(entry, "kind", path, label)
        outlets[oid] = Outlet(
            id=oid,
            name=_text(entry, "name", path, label) or oid,
            country=country.upper() or None if country else None,
            languages=tuple(langs),
            kind=kind or None,
            url=url or None,
        )

    include = None
    articles = data.get("articles")
    if articles is not None:
        if not isinstance(articles, dict):
            raise ConfigError(path, f"articles must be a table ([articles]), not {_kind(articles)}")
        warnings += [f"[articles]: unknown key {k!r} ignored (known: {', '.join(ARTICLES_KEYS)})"
                     for k in articles if k not in ARTICLES_KEYS]
        include = articles.get("include")
        if include is not None and (not isinstance(include, list) or not all(isinstance(x, str) for x in include)):
            example = f'include = ["{include}"]' if isinstance(include, str) else 'include = ["articles/*.md"]'
            raise ConfigError(path, f"[articles] include must be a list of glob patterns, e.g. {example}")
    return Corpus(
        root=root,
        name=name or root.resolve().name,
        description=description,
        synthetic=synthetic,
        outlets=outlets,
        include=include,
        warnings=warnings,
    )


def _text(table: dict, key: str, path: Path, label: str = "") -> str:
    """A text value (``""`` when absent); a whole number is accepted as text."""
    value = table.get(key)
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    where = f"{label}: " if label else ""
    raise ConfigError(path, f"{where}{key} must be text, not {_kind(value)}")


def _kind(value) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a table"
    return f"a {type(value).__name__}"


def check_pattern(corpus: Corpus, pattern: str) -> str | None:
    """A problem message when ``pattern`` would read outside the corpus folder."""
    if not pattern.strip() or "\x00" in pattern:
        return f"include pattern {pattern!r} matches nothing; give a glob such as 'articles/*.md'"
    p = PurePosixPath(pattern.replace("\\", "/"))
    if p.is_absolute() or pattern.startswith("~") or (len(pattern) > 1 and pattern[1] == ":"):
        return f"include pattern {pattern!r} is an absolute path; patterns must stay inside the corpus folder"
    if ".." in p.parts:
        return f"include pattern {pattern!r} leaves the corpus folder"
    return None
