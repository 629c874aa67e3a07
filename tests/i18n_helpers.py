"""Shared by the UI-language tests: msgid extraction, catalog checks, and a
parser that separates a page's chrome from its data."""
from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from compare.report import i18n

ROOT = Path(__file__).resolve().parents[1]
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")
JINJA_OPTIONS = {"extensions": "jinja2.ext.i18n", "trim_blocks": "true", "lstrip_blocks": "true"}


def extract_msgids(sources, keywords: dict) -> list:
    """Every msgid in ``sources`` ((path, Babel method) pairs), in order, once."""
    from babel.messages.extract import extract_from_file

    out = []
    for path, method in sources:
        opts = JINJA_OPTIONS if "jinja" in method else {}
        for _line, msg, _comments, _ctx in extract_from_file(method, str(ROOT / path), keywords=keywords,
                                                              options=opts):
            if msg not in out:
                out.append(msg)
    return out


def assert_translated(ids: list) -> None:
    """Each msgid has a ru and an az translation with the same placeholders."""
    for lang in ("ru", "az"):
        t = i18n.translations(lang)
        for m in ids:
            if isinstance(m, tuple):
                assert m[0] in t._plurals, (lang, m)
                forms = t._plurals[m[0]]
                assert all(set(PLACEHOLDER.findall(f)) == set(PLACEHOLDER.findall(m[1])) for f in forms), (lang, m)
            else:
                assert m in t._single, (lang, m)
                assert set(PLACEHOLDER.findall(t._single[m])) == set(PLACEHOLDER.findall(m)), (lang, m)


class Chrome(HTMLParser):
    """A page's text and labels outside ``translate="no"`` elements and the
    ``SKIP`` tags (``text``), and the text inside them (``data``)."""

    VOID = {"br", "meta", "img", "input", "link", "hr", "area", "source", "wbr"}
    SKIP = ("script", "style")
    LABELS = ("aria-label", "title", "alt")

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[bool] = []   # per open element: is it data (or inside data)?
        self.text: list[str] = []
        self.data: list[str] = []
        self.html_lang = None

    def _inside(self):
        return bool(self.stack and self.stack[-1])

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "html":
            self.html_lang = a.get("lang")
        skip = self._inside() or a.get("translate") == "no" or tag in self.SKIP
        if not skip:
            self.text += [a[k] for k in self.LABELS if a.get(k)]
        if tag not in self.VOID:
            self.stack.append(skip)

    def handle_endtag(self, tag):
        if tag not in self.VOID and self.stack:
            self.stack.pop()

    def handle_data(self, data):
        (self.data if self._inside() else self.text).append(data)
