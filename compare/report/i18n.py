"""UI language (message catalogs) for handouts and, later, the report.

    from compare.report import i18n
    t = i18n.translations("ru")           # gettext-like: t.gettext, t.ngettext
    i18n.install(env, "az")               # Jinja: {{ _("...") }}, {% trans %}, ngettext

Catalogs are the ``.po`` files in ``compare/locales/<lang>/LC_MESSAGES/compare.po``,
read at run time with Babel (no compile step: a plain ``pip install .`` ships
them as package data; see docs/decisions.md). English is the source language:
its "catalog" is the msgids themselves.
"""
from __future__ import annotations

import gettext
from functools import lru_cache
from pathlib import Path

from compare.errors import CompareError

LANGUAGES = ("en", "ru", "az")
DOMAIN = "compare"
LOCALES = Path(__file__).resolve().parent.parent / "locales"


class UnknownLanguage(CompareError):
    exit_code = 2  # bad usage


def check(lang: str) -> str:
    if lang not in LANGUAGES:
        raise UnknownLanguage(f"unknown UI language {lang!r}; choose one of: {', '.join(LANGUAGES)}")
    return lang


def po_path(lang: str) -> Path:
    return LOCALES / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


class POTranslations(gettext.NullTranslations):
    """gettext translations read from a ``.po`` file. Untranslated or fuzzy
    entries fall back to the English msgid (a missing translation shows
    English, never an empty string)."""

    def __init__(self, path: Path):
        super().__init__()
        from babel.messages.pofile import read_po

        with open(path, "rb") as f:
            catalog = read_po(f, locale=path.parent.parent.name, domain=DOMAIN)
        self.lang = path.parent.parent.name
        self._plural = gettext.c2py(catalog.plural_expr)
        self._single: dict[str, str] = {}
        self._plurals: dict[str, list[str]] = {}
        for m in catalog:
            if not m.id or m.fuzzy:
                continue
            if isinstance(m.id, (list, tuple)):
                forms = list(m.string) if isinstance(m.string, (list, tuple)) else [m.string]
                if all(forms):
                    self._plurals[m.id[0]] = forms
            elif m.string:
                self._single[m.id] = m.string

    def gettext(self, message):
        return self._single.get(message, message)

    def ngettext(self, msgid1, msgid2, n):
        forms = self._plurals.get(msgid1)
        if not forms:
            return msgid1 if n == 1 else msgid2
        i = self._plural(n)
        return forms[i] if i < len(forms) else forms[-1]

    def pgettext(self, context, message):
        return self.gettext(message)

    def npgettext(self, context, msgid1, msgid2, n):
        return self.ngettext(msgid1, msgid2, n)

    def msgids(self) -> set[str]:
        return set(self._single) | set(self._plurals)


@lru_cache(maxsize=None)
def translations(lang: str = "en") -> gettext.NullTranslations:
    """The catalog for ``lang`` (``en``: the msgids themselves)."""
    check(lang)
    if lang == "en":
        return gettext.NullTranslations()
    return POTranslations(po_path(lang))


def install(env, lang: str = "en"):
    """Make ``_``, ``gettext``, ``ngettext`` and ``{% trans %}`` available in a Jinja environment."""
    if "jinja2.ext.InternationalizationExtension" not in env.extensions:
        env.add_extension("jinja2.ext.i18n")
    env.install_gettext_translations(translations(lang), newstyle=True)
    env.globals["ui_language"] = lang
    return env
