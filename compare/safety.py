"""Making text from articles safe to put into reports, Markdown and CSV files.

Article text, titles, outlet names and URLs come from the web: anything in
them may be hostile. Every output writer passes them through one of these:

* :func:`safe_href` - only ``http(s)`` and relative links may become a link
  (no ``javascript:``, ``data:``, ``file:`` or protocol-relative ``//host``);
* :func:`http_url` - an absolute http(s) URL that parses, or ``None``;
* :func:`md_text` - text that Markdown renders as itself: no raw HTML, no
  links, no emphasis from the data;
* :func:`csv_cell` / :func:`csv_guard` - spreadsheet formulas neutralised as
  OWASP recommends (a leading apostrophe on text cells starting with
  ``= + - @``, tab or carriage return); numbers are left alone;
* :func:`scrub_surrogates` - lone UTF-16 surrogates (which no UTF-8 file can
  hold) replaced by U+FFFD;
* :func:`one_line` - a message that stays on one line whatever the input
  quoted in it holds (line breaks and control characters escaped).
"""
from __future__ import annotations

import re
from urllib.parse import urlsplit

# --------------------------------------------------------------------------- URLs
# Browsers strip leading and trailing C0 controls and spaces from an href, and
# remove tab and newline anywhere in it ("java\tscript:" is javascript:).
_STRIP = "".join(chr(i) for i in range(0x21)) + "\x7f"
_TAB_NEWLINE = re.compile(r"[\t\n\r]")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*):")


def http_url(value) -> str | None:
    """``value`` as an absolute http(s) URL with a host, or ``None`` when it is not one.

    ``"https://[example.com/news"`` (an unclosed IPv6 bracket), a bad port,
    spaces or control characters inside, and every other scheme give ``None``.
    """
    if value is None:
        return None
    text = str(value).strip()
    if not text or _CONTROL.search(text) or any(ch.isspace() for ch in text):
        return None
    try:
        parts = urlsplit(text)
        host = parts.hostname
        parts.port  # raises ValueError for a port out of range or not a number
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not host:
        return None
    return text


def safe_href(value) -> str | None:
    """What may go into ``href``: an http(s) URL or a relative link; else ``None``."""
    if value is None:
        return None
    text = _TAB_NEWLINE.sub("", str(value).strip(_STRIP))
    if not text or _CONTROL.search(text):
        return None
    if _SCHEME.match(text):
        return http_url(text)
    if text.startswith(("//", "\\\\", "/\\", "\\/")):
        return None  # protocol-relative: another host, and file: when opened from disk
    # "a:b" without a leading letter is not a scheme to a browser, but a colon
    # before the path starts is never something we write ourselves.
    head = re.split(r"[/?#]", text, maxsplit=1)[0]
    if ":" in head or "\\" in text:
        return None
    return text


# --------------------------------------------------------------------------- Markdown
_MD_ESCAPE = re.compile(r"([\\`*_\[\]|~])")
_ENTITY = re.compile(r"&(?=#?[A-Za-z0-9]+;)")


def md_text(value) -> str:
    """Text for one line of Markdown that renders as written.

    ``<`` and ``>`` become entities (no raw HTML, no ``<javascript:...>``
    autolinks); brackets, emphasis marks, backticks and pipes are
    backslash-escaped (no links or formatting from the data); line breaks
    become spaces (no new block can start).
    """
    if value is None:
        return ""
    text = " ".join(str(value).splitlines())
    text = _ENTITY.sub("&amp;", text)
    text = _MD_ESCAPE.sub(r"\\\1", text)
    return text.replace("<", "&lt;").replace(">", "&gt;")


def md_code(value) -> str:
    """Inline code when the text can be shown as code as it is, else escaped text."""
    text = " ".join(str(value).splitlines())
    if re.search(r"[`<>&]", text):
        return md_text(text)
    return f"`{text}`"


# --------------------------------------------------------------------------- CSV
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"^[+-]?(?:\d[\d ,.]*|[.,]\d+)(?:[eE][+-]?\d+)?%?$")


def csv_cell(value):
    """One CSV cell: text that a spreadsheet would run as a formula gets a leading
    apostrophe (OWASP's advice); numbers, and text that is just a number, do not."""
    if isinstance(value, str) and value.startswith(_FORMULA_START) and not _NUMBER.match(value):
        return "'" + value
    return value


def formula_risk(text):
    """A polars expression: True where the text column ``text`` is what :func:`csv_cell` guards."""
    return text.str.contains(r"^[=+\-@\t\r]") & ~text.str.contains(_NUMBER.pattern)


def csv_guard(df):
    """A polars DataFrame with every text column, and the column names (the
    header row, e.g. outlet ids in a wide table), passed through :func:`csv_cell`."""
    import polars as pl

    exprs = []
    for name, dtype in df.schema.items():
        if dtype == pl.Utf8:
            col = pl.col(name)
            risky = formula_risk(col)
            exprs.append(pl.when(risky).then(pl.lit("'") + col).otherwise(col).alias(name))
    df = df.with_columns(exprs) if exprs else df
    taken = set(df.columns)
    renames = {}
    for name in df.columns:
        new = csv_cell(name)
        if new != name:
            while new in taken:  # "'-" is a column already: "'-_"
                new += "_"
            taken.add(new)
            renames[name] = new
    return df.rename(renames) if renames else df


# --------------------------------------------------------------------------- text
_SURROGATE = re.compile(r"[\ud800-\udfff]")


def has_surrogates(text: str) -> bool:
    return bool(_SURROGATE.search(text))


def scrub_surrogates(text: str) -> str:
    """Lone surrogates (from JSON or YAML escapes such as ``\\ud800``) -> U+FFFD.

    A correctly paired escape (``\\ud83d\\ude00``, as JSON writes an emoji)
    becomes the character it encodes.
    """
    if not _SURROGATE.search(text):
        return text
    return text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")


_LINE_BREAKING = re.compile(r"[\x00-\x1f\x7f\x85\u2028\u2029]")


def one_line(text) -> str:
    """``text`` with line breaks and control characters written as escapes
    (``\\n``, ``\\x1b``), so that a message about an input is one line."""
    text = str(text)
    if not _LINE_BREAKING.search(text):
        return text
    return _LINE_BREAKING.sub(lambda m: m.group(0).encode("unicode_escape").decode("ascii"), text)
