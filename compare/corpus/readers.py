"""Readers for the article formats a corpus folder may hold.

Every reader yields :class:`RawArticle` records or raises
:class:`compare.errors.InputProblem` with a one-line message. Table readers
report a malformed row through ``on_problem`` and carry on with the next row.

Bytes are decoded strictly: text that is not valid in the encoding it is read
in is never stored as mojibake. A UTF-8 file with a few damaged bytes (a file
cut inside its last character, a stray byte) is read as UTF-8 with the damage
repaired and reported in ``RawArticle.notes``; text that fits no encoding is
skipped with a message.
"""
from __future__ import annotations

import csv
import io
import json
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterator

import yaml

from compare.errors import InputProblem

TEXT_SUFFIXES = {".md", ".txt", ".markdown"}
HTML_SUFFIXES = {".html", ".htm"}
TABLE_SUFFIXES = {".jsonl", ".csv", ".parquet"}
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | TABLE_SUFFIXES
# <stem>.translation.<lang>.md holds a provided translation of <stem>.md
TRANSLATION_FILE = re.compile(r"^(?P<stem>.+)\.translation\.(?P<lang>[a-z]{2,3})\.(?:md|txt|markdown)$", re.I)

ARTICLE_FIELDS = ("outlet", "title", "text", "published", "url", "language", "translation",
                  "translation_language", "fetched")


@dataclass
class RawArticle:
    source_path: str
    fields: dict[str, Any] = field(default_factory=dict)  # front matter / row, body in "text"
    reference: Any = None  # datetime used for relative dates
    outlet_hint: list[str] = field(default_factory=list)  # site name / host from HTML
    notes: list[str] = field(default_factory=list)  # repairs made while reading, reported as warnings


class _NoDatesLoader(yaml.SafeLoader):
    """YAML without timestamp resolution: ``published`` stays as written."""


_NoDatesLoader.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:timestamp"]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


# ---------------------------------------------------------------------------- bytes
def read_bytes(path: Path, where: str, max_bytes: int) -> bytes:
    """The file's bytes; refuses files over the cap without reading them."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise InputProblem(where, f"cannot read file ({exc.strerror or exc})") from None
    if size > max_bytes:
        raise InputProblem(
            where, f"file is {size / 1e6:.1f} MB, over the {max_bytes / 1e6:.0f} MB limit (max_file_mb); skipped"
        )
    try:
        with open(path, "rb") as fh:
            return fh.read(max_bytes + 1)
    except PermissionError:
        raise InputProblem(where, "cannot read file (permission denied)") from None
    except OSError as exc:
        raise InputProblem(where, f"cannot read file ({exc.strerror or exc})") from None


_BOMS = [
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
]


def _looks_like_text(text: str) -> bool:
    if not text:
        return True
    bad = sum(1 for ch in text if (ord(ch) < 32 and ch not in "\t\n\r\f") or 0xFFF0 <= ord(ch) <= 0xFFFF
              or 0xE000 <= ord(ch) <= 0xF8FF)
    return bad / len(text) < 0.01


_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]+)|<\?xml[^>]+encoding=["']([A-Za-z0-9_.:-]+)""", re.I)


def declared_charset(data: bytes) -> str | None:
    """The charset a web page declares in ``<meta>`` or its XML declaration."""
    m = _META_CHARSET.search(data[:4096])
    if not m:
        return None
    return (m.group(1) or m.group(2)).decode("ascii").lower()


def decode(data: bytes, where: str, declared: str | None = None,
           notes: list[str] | None = None) -> tuple[str, str]:
    """``(text, encoding)``: UTF-8/16/32 (with or without BOM), else a detected legacy code page.

    ``declared`` (a web page's own charset) is tried first for non-UTF-8 bytes.
    Repairs (a damaged UTF-8 character) are described in ``notes``.
    """
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(enc)
            except UnicodeDecodeError:
                if enc != "utf-8-sig":
                    raise InputProblem(where, f"not valid {enc.upper()} text although it starts with that byte order mark") from None
                repaired = _damaged_utf8(data[3:], notes)
                if repaired is None:
                    raise InputProblem(where, "not valid UTF-8 text although it starts with a UTF-8 byte order mark") from None
                return repaired.lstrip("\ufeff"), "utf-8"
            return text.lstrip("\ufeff"), enc.replace("-sig", "")
    if b"\x00" not in data:
        # (UTF-16 text of Cyrillic letters is valid UTF-8 byte by byte: check NULs first.)
        try:
            return data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            repaired = _damaged_utf8(data, notes)
            if repaired is not None:
                return repaired, "utf-8"
    else:
        # UTF-16 without BOM: ASCII-range characters leave a zero in every other byte.
        sample = data[:4000]
        even_zeros = sample[0::2].count(0)
        odd_zeros = sample[1::2].count(0)
        half = max(1, len(sample) // 2)
        # The byte order with more zeros in the high-byte positions goes first.
        orders = sorted((("utf-16-le", odd_zeros), ("utf-16-be", even_zeros)), key=lambda x: -x[1])
        for enc, zeros in orders:
            if zeros / half > 0.2 or (len(data) % 2 == 0 and zeros > 0 and _utf16_plausible(data, enc)):
                try:
                    text = data.decode(enc)
                except UnicodeDecodeError:
                    continue
                if _looks_like_text(text):
                    return text, enc
        raise InputProblem(where, "binary file, not text")
    from charset_normalizer import from_bytes

    # charset-normalizer guesses well on long texts but can take a short cp1251
    # text for cp1125 or cp932; the legacy code pages of Russian-language sites
    # are therefore tried too, and the most plausible decoding wins.
    best = from_bytes(data[:200_000]).best()
    candidates = list(_LEGACY)
    if declared and declared not in ("utf-8", "utf8"):
        try:
            text = data.decode(declared)
            if _looks_like_text(text) and _plausibility(text) >= 0.5:
                return text, declared
        except (UnicodeDecodeError, LookupError):
            pass
    if best is not None and best.encoding not in candidates:
        candidates.append(best.encoding)
    scored = []
    for enc in candidates:
        try:
            text = data.decode(enc)
        except (UnicodeDecodeError, LookupError):
            continue
        if _looks_like_text(text):
            scored.append((_plausibility(text), -len(scored), text, enc))
    if not scored:
        raise InputProblem(where, "cannot decode: not text in any known encoding")
    score, _, text, enc = max(scored)
    if score < 0.5:
        raise InputProblem(where, "cannot decode: not text in any known encoding")
    return text, enc


def _damaged_utf8(data: bytes, notes: list[str] | None) -> str | None:
    """UTF-8 text with a little damage, repaired; ``None`` when the bytes are not UTF-8.

    A file cut inside its last character loses that character; elsewhere an
    invalid byte sequence becomes U+FFFD. Either is worth it only when the rest
    is clearly UTF-8: almost every non-ASCII byte forms a valid UTF-8 character.
    A legacy code page (windows-1251, KOI8-R) fails that test at once, as its
    letters are single bytes that UTF-8 never accepts alone.
    """
    for k in (1, 2, 3):
        if len(data) > k and _is_utf8_prefix(data[-k:]):
            try:
                text = data[:-k].decode("utf-8")
            except UnicodeDecodeError:
                break
            if notes is not None:
                notes.append("file ends inside a UTF-8 character (cut short?); the incomplete character was dropped")
            return text
    replaced = data.decode("utf-8", errors="replace")
    bad = replaced.count("\ufffd") - data.count("\ufffd".encode("utf-8"))
    good = sum(1 for ch in replaced if ord(ch) > 0x7F) - bad
    if bad <= 0 or good < 20 * bad:
        return None
    if notes is not None:
        notes.append(f"{bad} invalid UTF-8 byte sequence(s) replaced with U+FFFD (\ufffd)")
    return replaced


def _is_utf8_prefix(tail: bytes) -> bool:
    """``tail`` is the start of a multi-byte UTF-8 character, without its last byte(s)."""
    lead = tail[0]
    need = 2 if 0xC2 <= lead <= 0xDF else 3 if 0xE0 <= lead <= 0xEF else 4 if 0xF0 <= lead <= 0xF4 else 0
    return need > len(tail) and all(0x80 <= b <= 0xBF for b in tail[1:])


# Letter frequencies in Russian text (share of all letters).
_RU_FREQ = dict(zip(
    "оеаинтсрвлкмдпуяыьгзбчйхжшюцщэфъё",
    [.1097, .0845, .0801, .0735, .0670, .0626, .0547, .0473, .0454, .0440, .0349, .0321, .0298, .0281,
     .0262, .0201, .0190, .0174, .0170, .0165, .0159, .0144, .0121, .0097, .0094, .0073, .0064, .0048,
     .0036, .0032, .0026, .0004, .0004],
))
_LEGACY = ("cp1251", "koi8-r", "cp866", "iso-8859-5", "mac-cyrillic", "cp1254", "iso-8859-9", "cp1252")
_WORDS = re.compile(r"[^\W\d_]+")
_USUAL = re.compile(r"[\sA-Za-z0-9\u0400-\u04FFƏəĞğİıÖöŞşÇçÜü.,;:!?\-–—«»\"“”„'’()\[\]/%№&*+=@#]")


def _plausibility(text: str) -> float:
    """How much a decoding looks like news text: usual characters, sensible letter case."""
    sample = text[:20_000]
    if not sample.strip():
        return 1.0
    usual = len(_USUAL.findall(sample)) / len(sample)
    words = _WORDS.findall(sample)
    if not words:
        return usual
    # A wrong code page often swaps letter case inside words ("дБПЕ").
    well_cased = sum(w.islower() or w.istitle() or w.isupper() for w in words) / len(words)
    letters = "".join(words)
    score = usual * (0.85 + 0.15 * well_cased)
    cyrillic = [ch for ch in letters.casefold() if "\u0430" <= ch <= "\u044f" or ch == "ё"]
    if len(cyrillic) >= min(20, 0.5 * len(letters)):
        # A wrong Cyrillic code page permutes letters: the average frequency of
        # the letters seen (about 0.055 in Russian text) drops.
        expected = sum(_RU_FREQ.get(ch, 0.0) for ch in cyrillic) / len(cyrillic)
        score *= min(1.0, expected / 0.05)
    return score


def _utf16_plausible(data: bytes, enc: str) -> bool:
    try:
        text = data[:4000].decode(enc, errors="strict")
    except UnicodeDecodeError:
        return False
    letters = sum(ch.isalpha() or ch.isspace() or ch in ".,;:!?-«»\"'()" for ch in text)
    return letters / max(1, len(text)) > 0.9


# ---------------------------------------------------------------------------- text files
_FRONT = re.compile(r"\A(?P<fence>---|\+\+\+)[ \t]*\r?\n(?P<meta>.*?)\r?\n(?P=fence)[ \t]*(?:\r?\n|\Z)", re.S)


def split_front_matter(text: str, where: str) -> tuple[dict[str, Any], str]:
    m = _FRONT.match(text)
    if not m:
        opening = re.match(r"\A(---|\+\+\+)[ \t]*\r?\n", text)
        if opening:
            raise InputProblem(where, f"front matter opened with {opening.group(1)} but never closed")
        return {}, text
    meta_text = m.group("meta")
    try:
        if m.group("fence") == "---":
            meta = yaml.load(meta_text, Loader=_NoDatesLoader)  # noqa: S506 - safe loader subclass
        else:
            meta = tomllib.loads(meta_text)
    except RecursionError:
        raise InputProblem(where, "front matter is nested too deeply") from None
    except (yaml.YAMLError, tomllib.TOMLDecodeError) as exc:
        kind = "YAML" if m.group("fence") == "---" else "TOML"
        detail = str(exc).splitlines()[0] if str(exc) else ""
        mark = getattr(exc, "problem_mark", None)
        if mark is not None:
            detail = f"{getattr(exc, 'problem', '')} at line {mark.line + 2}"
        raise InputProblem(where, f"front matter is not valid {kind} ({detail.strip()})") from None
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise InputProblem(where, "front matter is not a mapping of field: value")
    return {str(k).lower(): v for k, v in meta.items()}, text[m.end():]


_HEADING = re.compile(r"\A\s*#\s+(?P<title>[^\n]+)\n")


def read_text_article(path: Path, where: str, max_bytes: int) -> RawArticle:
    notes: list[str] = []
    text, _enc = decode(read_bytes(path, where, max_bytes), where, notes=notes)
    meta, body = split_front_matter(text, where)
    if not meta.get("title"):
        # A leading Markdown heading is the title when no front matter gives one.
        m = _HEADING.match(body)
        if m and path.suffix.lower() != ".txt":
            meta["title"] = m.group("title").strip()
            body = body[m.end():]
    elif path.suffix.lower() != ".txt":
        m = _HEADING.match(body)
        if m and m.group("title").strip() == str(meta["title"]).strip():
            body = body[m.end():]  # the heading repeats the title: not part of the body
    meta["text"] = body
    return RawArticle(source_path=where, fields=meta, notes=notes)


def read_translation_file(path: Path, where: str, max_bytes: int) -> str:
    text, _ = decode(read_bytes(path, where, max_bytes), where, notes=[])
    _meta, body = split_front_matter(text, where)
    return body


# ---------------------------------------------------------------------------- HTML
def read_html_article(path: Path, where: str, max_bytes: int, provenance: dict | None = None) -> RawArticle:
    import trafilatura
    from lxml import html as lxml_html

    data = read_bytes(path, where, max_bytes)
    notes: list[str] = []
    text, _enc = decode(data, where, declared=declared_charset(data), notes=notes)
    if not text.strip():
        raise InputProblem(where, "empty file")
    text = re.sub(r"^\s*<\?xml[^>]*\?>", "", text)  # lxml refuses str input with an encoding declaration
    try:
        doc = trafilatura.bare_extraction(
            text, url=(provenance or {}).get("url"), with_metadata=True, include_comments=False,
            include_tables=False, favor_precision=True,
        )
    except Exception as exc:  # trafilatura raises assorted parser errors on broken pages
        raise InputProblem(where, f"cannot parse HTML ({type(exc).__name__})") from None
    if doc is None:
        raise InputProblem(where, "no article text found in the page")
    d = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    meta: dict[str, Any] = {}
    try:
        tree = lxml_html.fromstring(text)
    except Exception:
        tree = None

    def meta_content(*keys: str) -> str | None:
        if tree is None:
            return None
        for key in keys:
            for attr in ("property", "name", "itemprop"):
                found = tree.xpath(f"//meta[@{attr}=$k]/@content", k=key)
                if found and found[0].strip():
                    return found[0].strip()
        return None

    body = d.get("text") or ""
    title = d.get("title") or meta_content("og:title") or ""
    lines = body.split("\n")
    if lines and title and lines[0].strip() == title.strip():
        lines = lines[1:]  # trafilatura keeps the headline as the first line
    meta["title"] = title
    meta["text"] = "\n\n".join(line for line in lines if line.strip())
    meta["published"] = (
        meta_content("article:published_time", "datePublished", "pubdate", "date", "DC.date.issued")
        or d.get("date")
    )
    lang = None
    if tree is not None:
        lang_attr = tree.xpath("/html/@lang | //html/@lang")
        if lang_attr:
            lang = lang_attr[0].strip().split("-")[0].lower() or None
    meta["language"] = lang or d.get("language")
    prov = provenance or {}
    meta["url"] = prov.get("url") or meta_content("og:url") or d.get("url")
    if tree is not None and not meta["url"]:
        canon = tree.xpath("//link[@rel='canonical']/@href")
        meta["url"] = canon[0] if canon else None
    if prov.get("fetched"):
        meta["fetched"] = prov["fetched"]
    if prov.get("outlet"):
        meta["outlet"] = prov["outlet"]
    hints = [h for h in (meta_content("og:site_name"), d.get("sitename"), d.get("hostname"), meta["url"]) if h]
    return RawArticle(source_path=where, fields=meta, outlet_hint=[str(h) for h in hints], notes=notes)


# ---------------------------------------------------------------------------- tables
def read_table(path: Path, where: str, max_bytes: int,
               on_problem: Callable[[str, str], None],
               on_warning: Callable[[str, str], None] | None = None) -> Iterator[RawArticle]:
    suffix = path.suffix.lower()
    if suffix == ".parquet":
        yield from _read_parquet(path, where, max_bytes, on_problem)
        return
    notes: list[str] = []
    text, _ = decode(read_bytes(path, where, max_bytes), where, notes=notes)
    for note in notes:
        if on_warning is not None:
            on_warning(where, note)
    if suffix == ".jsonl":
        # "\n" ends a row; str.splitlines would also split at U+2028 and other
        # separators that JSON allows inside a string.
        for i, line in enumerate(text.split("\n"), start=1):
            if not line.strip():
                continue
            rw = f"{where}#row={i}"
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                on_problem(rw, f"malformed row: not valid JSON ({exc.msg})")
                continue
            except ValueError as exc:  # a number with more than 4300 digits
                on_problem(rw, f"malformed row: {str(exc).split(';')[0]}")
                continue
            except RecursionError:
                on_problem(rw, "malformed row: JSON nested too deeply")
                continue
            if not isinstance(row, dict):
                on_problem(rw, "malformed row: not a JSON object")
                continue
            art = _row_article(row, rw, on_problem)
            if art:
                yield art
    else:
        # Spreadsheets saved in a Russian or Azerbaijani locale use ";" between
        # fields: the delimiter is the one that splits the header into known columns.
        first = text.lstrip("\ufeff").split("\n", 1)[0].lower()
        delimiter = max(",;\t", key=lambda d: (sum(c.strip(' "') in ARTICLE_FIELDS for c in first.split(d)), d == ","))
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        try:
            header = next(reader)
        except StopIteration:
            raise InputProblem(where, "empty table") from None
        except csv.Error as exc:
            raise InputProblem(where, f"not a valid CSV table ({exc})") from None
        header = [h.strip().lower() for h in header]
        if "text" not in header:
            raise InputProblem(where, f"table has no 'text' column (columns: {', '.join(header)})")
        i = 0
        while True:
            try:
                values = next(reader)
            except StopIteration:
                break
            except csv.Error as exc:
                i += 1
                on_problem(f"{where}#row={i}", f"malformed row ({exc})")
                continue
            i += 1
            rw = f"{where}#row={i}"
            if not any(v.strip() for v in values):
                continue
            if len(values) != len(header):
                on_problem(rw, f"malformed row: {len(values)} fields, the header has {len(header)}")
                continue
            art = _row_article(dict(zip(header, values)), rw, on_problem)
            if art:
                yield art


def _read_parquet(path, where, max_bytes, on_problem):
    import polars as pl

    size = path.stat().st_size
    if size > max_bytes:
        raise InputProblem(where, f"file is {size / 1e6:.1f} MB, over the {max_bytes / 1e6:.0f} MB limit (max_file_mb); skipped")
    try:
        df = pl.read_parquet(path)
    except PermissionError:
        raise InputProblem(where, "cannot read file (permission denied)") from None
    except Exception as exc:
        raise InputProblem(where, f"not a readable Parquet file ({type(exc).__name__})") from None
    if "text" not in [c.lower() for c in df.columns]:
        raise InputProblem(where, f"table has no 'text' column (columns: {', '.join(df.columns)})")
    for i, row in enumerate(df.iter_rows(named=True), start=1):
        art = _row_article({str(k).lower(): v for k, v in row.items()}, f"{where}#row={i}", on_problem)
        if art:
            yield art


def _row_article(row: dict, where: str, on_problem) -> RawArticle | None:
    text = row.get("text")
    if text is None or (isinstance(text, float)):
        on_problem(where, "malformed row: no text")
        return None
    if not isinstance(text, str):
        on_problem(where, f"malformed row: text is {type(text).__name__}, not a string")
        return None
    fields = {k: v for k, v in row.items() if k in ARTICLE_FIELDS and v not in (None, "")}
    fields["text"] = text
    return RawArticle(source_path=where, fields=fields)
