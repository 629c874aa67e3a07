"""Fuzz harness: generated hostile inputs through every reader and stage.

Each case is generated from ``(seed, index)`` alone, so any case can be run
again by itself (``--only INDEX``). Families:

* ``text``       - Markdown/plain-text articles with YAML or TOML front matter
  (wrong types, surrogate escapes, tags, aliases, broken fences);
* ``html``       - web pages (charsets, broken markup, entities, scripts,
  hostile metadata) with or without a ``fetched.json``;
* ``csv``, ``jsonl``, ``parquet`` - tables (delimiters, quoting, ragged rows,
  formula cells, wrong column types, huge numbers, deep nesting);
* ``encoding``   - one article in many encodings, truncated, with flipped bytes;
* ``corpus_toml``- corpus.toml with wrong types, unknown keys, odd include patterns;
* ``mixed``      - several of the above plus odd file names (non-UTF-8 bytes,
  symbolic links out of the folder, directories named like articles);
* ``archive``    - ``.argosmodel`` packages: traversal, links, bombs, missing
  parts, bad metadata, truncated or random bytes;
* ``analyze``    - corpora that ingest accepts, run through translate, align and
  analyze (and for some, figures, handouts and the report, whose outputs are
  checked: no ``javascript:`` link, raw ``<script>`` or live formula cell).

Cases run in-process through the Python API (fast enough for tens of
thousands of cases on two cores); every ``--cli-every``-th case also runs as a
``compare`` command in a subprocess, to check exit codes and stderr.

A case **fails** when it raises anything but a ``CompareError``, when its exit
code (the result's, or the error's) is not 0, 2 or 3, when a command prints a
traceback or exits otherwise, or when an output breaks an invariant. The
summary (cases, seed, failures) is printed and, with ``--json``, written.

    python bench/fuzz.py --cases 10000 --seed 13
    python bench/fuzz.py --seed 13 --only 4711      # one case again
"""
from __future__ import annotations

import argparse
import base64
import contextlib
import csv
import hashlib
import io
import json
import os
import random
import re
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import time
import traceback
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT))

ALLOWED_CODES = (0, 2, 3)

# --------------------------------------------------------------------------- material
SENTENCES = {
    "en": [
        "Police raided a market in the town of Lisogorsk on Wednesday, detaining dozens of people, residents said.",
        "Two of the detained men died at a police station, according to their relatives.",
        "The interior ministry said officers had acted within the law.",
        "“We will not allow anyone to intimidate our citizens,” the foreign minister told reporters on Thursday.",
        "At least 40 people were questioned and 12 were later released, the prosecutor's office said.",
        "The ambassador was summoned to the ministry in Baku on Friday.",
        "Relatives say the brothers were beaten; police deny it.",
        "More than 300 people gathered outside the court in Yekaterinburg.",
        "Human rights groups called for an independent investigation.",
        "The court sentenced three men to between five and eight years in prison.",
    ],
    "ru": [
        "В среду полиция провела рейд на рынке в городе Лисогорске, задержаны десятки человек.",
        "Двое задержанных скончались в отделе полиции, сообщили их родственники.",
        "«Мы не позволим запугивать наших граждан», — заявил министр иностранных дел.",
        "По данным прокуратуры, допрошены не менее 40 человек, 12 из них отпущены.",
        "МВД сообщило, что сотрудники действовали в рамках закона.",
        "Посла вызвали в министерство в пятницу.",
        "Родственники утверждают, что братьев избили; в полиции это отрицают.",
        "У здания суда в Екатеринбурге собрались более 300 человек.",
        "Правозащитники потребовали независимого расследования.",
        "Суд приговорил троих мужчин к срокам от пяти до восьми лет.",
    ],
    "az": [
        "Çərşənbə günü Lisoqorsk şəhərində polis bazarda reyd keçirib, onlarla soydaşımız saxlanılıb.",
        "Saxlanılanlardan ikisi polis şöbəsində həlak olub, qohumları bildirib.",
        "“Vətəndaşlarımızı qorxutmağa imkan verməyəcəyik”, - xarici işlər naziri deyib.",
        "Prokurorluğun məlumatına görə, ən azı 40 nəfər dindirilib, 12-si sərbəst buraxılıb.",
        "Daxili İşlər Nazirliyi əməkdaşların qanun çərçivəsində hərəkət etdiyini bildirib.",
        "Səfir cümə günü Bakıda nazirliyə çağırılıb.",
        "Qohumları qardaşların döyüldüyünü deyirlər, polis isə bunu təkzib edir.",
        "Yekaterinburqda məhkəmənin qarşısına 300-dən çox adam toplaşıb.",
        "Hüquq müdafiəçiləri müstəqil araşdırma aparılmasını tələb ediblər.",
        "Məhkəmə üç nəfəri beş ildən səkkiz ilədək həbs cəzasına məhkum edib.",
    ],
}
HOSTILE = [
    "<script>alert(1)</script>", "javascript:alert(1)", '=HYPERLINK("http://evil.example","x")', "+1+1", "-2+3",
    "@SUM(A1)", "\t=1", "[x](javascript:alert(1))", '<img src=x onerror="alert(1)">', "{{ 7*7 }}", "{% raw %}",
    "$(rm -rf /)", "\\", "\\\\", "`", "|", "&amp;", "&#0;", "%s%n", "\u202e", "\u200b", "\ufeff", "\x00", "\x1b[31m",
    "\r\n", "\u2028", "\u2029", "\x85", "\U0001F600", "\U0001F468\u200d\U0001F469\u200d\U0001F467", "\ufdfa", "ǅ",
    "İ", "ı", "ß", "Ь", "Ъ Ь", "\U0001D54F", "e\u0301\u0301\u0301", "a" * 3000, "1" * 400, "NaN", "None", "null",
    "true", "0", "-0", "1e400", "---", "+++", "# heading", "\\ud800", "\ufffe", "\uffff", "\U0010FFFF", "\x7f",
    "</article></body></html>", "<!--", "]]>", "\u0000\u0001\u0002", "…", "—", "«»„“", "Ü" * 50, "𝔘𝔫𝔦𝔠𝔬𝔡𝔢",
]
URLS = [
    "https://example.com/news/1", "http://[::1]/x", "https://[example.com/news", "javascript:alert(3)",
    "JaVaScRiPt:alert(3)", "data:text/html,<script>alert(1)</script>", "//evil.example/x", "http://例え.jp/パス",
    "http://xn--e1afmkfd.xn--p1ai/", "http://host:99999/", "http://host:abc/", "https://user:pass@host/",
    "http:///x", "http://", "ftp://example.org/x", "file:///etc/passwd", " https://x.example ",
    "https://x.example/\u0000", "https://" + "a" * 300 + ".example", "www.example.com", "example.com",
    "tass.ru/news/1", "vbscript:x", "https://north.example/a?b=1#c", "", "   ", "http://127.0.0.1/", "\u202ehttps://x",
]
DATES = [
    "2025-06-30", "2025-06-30T14:20:00+03:00", "2025-06-30T14:20:00Z", "30.06.2025 14:20", "30/06/2025",
    "вчера, 14:20", "3 часа назад", "30 июня 2025 г., 14:20", "30 iyun 2025-ci il", "dünən 14:20", "June 31, 2025",
    "0000-00-00", "9999-12-31T23:59:59+14:00", "2025-13-45", "1e9", "-1", "99999999999999999999", "30.02.2025",
    "24:61", "today", "", "T", "2025-06-30T25:00:00Z", "999999999 часов назад", "1000000000 days ago",
    "99999999 gün əvvəl", "31.12.9999 23:59", "01.01.0001", "Mon, Jun 30, 2025 2:20 PM", "18:20, 3 сентября",
    "3 сентября, 18:20", "10000-01-01", "2025/06/30 14:20", "2025-06-30T14:20:00+99:99",
]
OUTLETS = ["north", "south", "wire", "unknown-outlet", "North Post", "https://north.example/x", "", " ", "<b>x</b>"]
LANGS = ["ru", "az", "en", "RU", "ru-RU", "az_Latn", "", "xx", "de", "no", "en-GB", "zz-ZZ-ZZ", "-", "_"]
FIELDS = ("outlet", "title", "text", "published", "url", "language", "translation", "translation_language", "fetched")
ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "cp1251", "koi8-r", "cp866",
             "iso-8859-5", "cp1254", "iso-8859-9", "cp1252", "latin-1", "mac-cyrillic", "cp1125"]

CORPUS_TOML = """name = "fuzz"
description = "generated"

[[outlets]]
id = "north"
name = "North Post"
country = "GB"
languages = ["en"]
kind = "private"
url = "https://north.example"

[[outlets]]
id = "south"
name = "Южный вестник"
country = "RU"
languages = ["ru"]
kind = "state"
url = "https://south.example"

[[outlets]]
id = "wire"
name = "Xəbər"
country = "AZ"
languages = ["az", "ru"]
kind = "wire"
url = "https://wire.example"
"""


class Gen:
    """Random material from one seeded generator."""

    def __init__(self, rng: random.Random):
        self.rng = rng

    def chance(self, p: float) -> bool:
        return self.rng.random() < p

    def pick(self, seq):
        return seq[self.rng.randrange(len(seq))]

    def lang(self) -> str:
        return self.pick(["en", "ru", "az"])

    def sentence(self, lang: str | None = None) -> str:
        s = self.pick(SENTENCES[lang or self.lang()])
        if self.chance(0.15):
            words = s.split(" ")
            words.insert(self.rng.randrange(len(words) + 1), self.hostile())
            s = " ".join(words)
        return s

    def hostile(self) -> str:
        if self.chance(0.2):
            return "".join(chr(self.rng.choice([self.rng.randrange(0x20, 0x7F), self.rng.randrange(0xA0, 0x3000),
                                                 self.rng.randrange(0x1F300, 0x1F6FF)]))
                           for _ in range(self.rng.randint(1, 12)))
        return self.pick(HOSTILE)

    def body(self, lang: str | None = None) -> str:
        roll = self.rng.random()
        if roll < 0.05:
            return ""
        if roll < 0.08:
            return self.pick(["   \n\n  ", "\n" * 50, ".", "123 456", "—", "# Title only\n"])
        lang = lang or self.lang()
        paras = []
        for _ in range(self.rng.randint(1, 5)):
            n = self.rng.randint(1, 4)
            paras.append(" ".join(self.sentence(lang if not self.chance(0.1) else None) for _ in range(n)))
        sep = self.pick(["\n\n", "\n", "\r\n\r\n", "\n\n\n", "\u2029", " "])
        text = sep.join(paras)
        if self.chance(0.05):
            text = text * self.rng.randint(5, 40)
        return text

    def text_value(self) -> str:
        roll = self.rng.random()
        if roll < 0.5:
            return self.sentence()[: self.rng.randint(5, 80)]
        if roll < 0.8:
            return self.hostile()
        return self.pick(URLS + DATES + OUTLETS + LANGS)

    def field_value(self, key: str):
        """A Python value for a field: mostly the right type, often not."""
        roll = self.rng.random()
        if roll < 0.55:
            return {"outlet": lambda: self.pick(OUTLETS), "url": lambda: self.pick(URLS),
                    "published": lambda: self.pick(DATES), "fetched": lambda: self.pick(DATES),
                    "language": lambda: self.pick(LANGS), "translation_language": lambda: self.pick(LANGS),
                    "translation": lambda: self.body(), "text": lambda: self.body()}.get(key, self.text_value)()
        if roll < 0.9:
            return self.odd_value()
        return self.text_value()

    def odd_value(self, depth: int = 0):
        choices = [
            lambda: self.rng.randint(-10**6, 10**6), lambda: self.rng.choice([0.5, -1.5, float("nan"), float("inf")]),
            lambda: self.chance(0.5), lambda: None, lambda: 10**self.rng.randint(10, 40),
            lambda: [self.text_value() for _ in range(self.rng.randint(0, 3))],
            lambda: {self.text_value()[:10]: self.text_value() for _ in range(self.rng.randint(0, 3))},
        ]
        if depth < 3:
            choices.append(lambda: [self.odd_value(depth + 1)])
        return self.pick(choices)()

    def filename(self, suffix: str) -> str:
        roll = self.rng.random()
        if roll < 0.6:
            name = f"a{self.rng.randrange(10**6)}"
        elif roll < 0.8:
            name = self.pick(["новость", "xəbər", "sp ace", "x" * 120, "dot.ted.name", "ünï-cødé", "-dash",
                              "#hash", "%41", "semi;colon", "quo'te", "a\u202eb"])
        else:
            name = self.pick(["north", "south", "wire"]) + "/" + f"n{self.rng.randrange(1000)}"
        if self.chance(0.05):
            suffix = suffix.upper()
        return name + suffix


# --------------------------------------------------------------------------- front matter
def yaml_scalar(g: Gen, value) -> str:
    """``value`` written as YAML, often in an unusual but valid form, sometimes broken."""
    if isinstance(value, str):
        form = g.rng.random()
        if form < 0.35:
            return json.dumps(value, ensure_ascii=g.chance(0.5))  # double-quoted, JSON escapes incl. \ud800
        if form < 0.5:
            return "'" + value.replace("'", "''").replace("\n", " ") + "'"
        if form < 0.6:
            return "|\n  " + value.replace("\n", "\n  ")
        if form < 0.65:
            return '"\\ud800 ' + value.replace('"', "").replace("\\", "")[:40] + '"'
        if form < 0.7:
            return '"\\ud83d\\ude00"'
        return value.replace("\n", " ")  # plain: may not even be valid YAML
    if isinstance(value, bool):
        return g.pick(["yes", "no", "on", "off", "true", "False"])
    if value is None:
        return g.pick(["~", "null", ""])
    if isinstance(value, float):
        return {True: ".nan"}.get(value != value, str(value) if value not in (float("inf"),) else ".inf")
    if isinstance(value, int):
        return str(value)
    if isinstance(value, list):
        return "[" + ", ".join(yaml_scalar(g, v).replace("\n", " ") for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{json.dumps(k)}: {yaml_scalar(g, v)}".replace("\n", " ") for k, v in value.items()) + "}"
    return json.dumps(str(value))


YAML_EXTRAS = [
    "tags: !!set {a, b}", "blob: !!binary aGVsbG8=", "evil: !!python/object/apply:os.system ['true']",
    "a: &x [1, 2]\nb: *x", "base: &b {title: x}\n<<: *b", "? [complex, key]\n: v", "1: numeric key", "null: x",
    "title: x\ntitle: y", "\tindented: with a tab", "date: !!timestamp 2025-06-30", "n: !!float nan",
    "deep: " + "[" * 60 + "]" * 60, "bad: [unclosed", "key without value", ": value without key", "- a list item",
    "x: " + "y" * 5000, "%YAML 1.1", "---", "...", "date: 2025-06-30 14:20:00",
]


def front_matter(g: Gen, fields: dict) -> str:
    if g.chance(0.15):  # TOML front matter
        lines = []
        for k, v in fields.items():
            if isinstance(v, str):
                lines.append(f"{k} = {json.dumps(v)}")
            elif isinstance(v, (int, float)) and not isinstance(v, bool) and v == v and abs(v) != float("inf"):
                lines.append(f"{k} = {v}")
            elif isinstance(v, bool):
                lines.append(f"{k} = {'true' if v else 'false'}")
            elif isinstance(v, list):
                lines.append(f"{k} = {json.dumps([str(x) for x in v])}")
            else:
                lines.append(f"{k} = {json.dumps(str(v))}")
        if g.chance(0.2):
            lines.append(g.pick(["broken = ", "[table]\nx = 1", "a.b.c = 1", "d = 1979-05-27T07:32:00Z", "x = [1, 'a']"]))
        return "+++\n" + "\n".join(lines) + ("\n+++\n" if not g.chance(0.05) else "\n")
    lines = [f"{k}: {yaml_scalar(g, v)}" for k, v in fields.items()]
    if g.chance(0.25):
        lines.insert(g.rng.randrange(len(lines) + 1), g.pick(YAML_EXTRAS))
    close = "---" if not g.chance(0.05) else g.pick(["", "--", "...", "----"])
    return "---\n" + "\n".join(lines) + f"\n{close}\n"


def article_fields(g: Gen, *, outlet_ok: bool = True) -> dict:
    fields = {}
    for key in ("outlet", "title", "published", "url", "language"):
        if g.chance(0.75):
            fields[key] = g.field_value(key) if not (key == "outlet" and outlet_ok and g.chance(0.6)) \
                else g.pick(["north", "south", "wire"])
    if g.chance(0.1):
        fields["translation"] = g.field_value("translation")
    if g.chance(0.1):
        fields["fetched"] = g.field_value("fetched")
    if g.chance(0.1):
        fields[g.text_value()[:12] or "x"] = g.field_value("x")
    return fields


def encode(g: Gen, text: str, encoding: str | None = None) -> bytes:
    encoding = encoding or ("utf-8" if g.chance(0.8) else g.pick(ENCODINGS))
    data = text.encode(encoding, errors="surrogatepass" if encoding.startswith("utf-8") else "replace")
    return mutate_bytes(g, data) if g.chance(0.1) else data


def mutate_bytes(g: Gen, data: bytes) -> bytes:
    data = bytearray(data)
    for _ in range(g.rng.randint(1, 4)):
        roll = g.rng.random()
        if roll < 0.3 and data:
            del data[g.rng.randrange(len(data)):]  # truncate
        elif roll < 0.6 and data:
            data[g.rng.randrange(len(data))] = g.rng.randrange(256)
        elif roll < 0.8:
            data[g.rng.randrange(len(data) + 1):0] = bytes(g.rng.randrange(256) for _ in range(g.rng.randint(1, 8)))
        else:
            data += b"\x00" * g.rng.randint(1, 4)
    return bytes(data)


# --------------------------------------------------------------------------- families
@dataclass
class Case:
    index: int
    family: str
    kind: str                      # ingest | install | pipeline
    path: Path                     # corpus folder or archive
    work: Path
    stages: tuple[str, ...] = ()
    downstream: tuple[str, ...] = ()   # stages run after ingest when it accepted an article
    notes: list[str] = field(default_factory=list)


def write(path: Path, data: bytes | str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8", errors="surrogatepass")
    path.write_bytes(data)


def corpus_root(g: Gen, work: Path, toml: bool | None = None) -> Path:
    root = work / "corpus"
    root.mkdir(parents=True, exist_ok=True)
    if toml is None:
        toml = g.chance(0.7)
    if toml:
        write(root / "corpus.toml", CORPUS_TOML)
    return root


def fam_text(g: Gen, work: Path) -> Path:
    root = corpus_root(g, work)
    for _ in range(g.rng.randint(1, 4)):
        suffix = g.pick([".md", ".txt", ".markdown"])
        lang = g.lang()
        fields = article_fields(g)
        body = g.body(lang)
        roll = g.rng.random()
        if roll < 0.75:
            text = front_matter(g, fields) + (f"# {g.text_value()}\n\n" if g.chance(0.2) else "") + body
        elif roll < 0.9:
            text = body
        else:
            text = g.pick(["---\n", "+++\ntitle = \n+++\n", "---\n---\n", "---\ntitle: x\n"]) + body
        write(root / g.filename(suffix), encode(g, text))
        if g.chance(0.1):  # a provided translation beside it
            write(root / f"tr{g.rng.randrange(99)}.translation.{g.pick(['en', 'ru', 'xx'])}.md", encode(g, g.body("en")))
    return root


def fam_html(g: Gen, work: Path) -> Path:
    root = corpus_root(g, work)
    names = []
    for _ in range(g.rng.randint(1, 3)):
        lang = g.lang()
        charset = g.pick(["utf-8", "windows-1251", "koi8-r", "utf-99", "x-mac-cyrillic", "utf-7", "", "utf-16",
                          "latin1", "'\"><script>"])
        meta = "".join(
            f'<meta property="{p}" content="{g.text_value().replace(chr(34), "&quot;")}">'
            for p in g.rng.sample(["og:title", "og:url", "og:site_name", "article:published_time", "datePublished"],
                                  g.rng.randint(0, 5)))
        paras = "".join(f"<p>{g.sentence(lang)}</p>" for _ in range(g.rng.randint(0, 8)))
        junk = "".join(g.pick([
            "<script>document.write('x')</script>", "<style>p{}</style>", "<!-- comment", "<![CDATA[ x ]]>",
            "&#0;&#xD800;&#x110000;&nbsp;&unknown;&#65;", "<div>" * 300, "</div>" * 10, "<table><tr><td>x",
            "<a href='javascript:alert(1)'>x</a>", "<img src=x onerror=alert(1)>", "<frameset>", "\x00\x01",
            "<svg><script>alert(1)</script></svg>", "<math><mi>x</mi></math>", "<p>" + g.hostile() + "</p>",
        ]) for _ in range(g.rng.randint(0, 4)))
        head = f'<meta charset="{charset}">' if g.chance(0.7) else ""
        decl = g.pick(["", "", '<?xml version="1.0" encoding="koi8-r"?>', "<!DOCTYPE html>"])
        html = (f"{decl}<html lang=\"{g.pick(LANGS)}\"><head>{head}<title>{g.text_value()}</title>{meta}"
                f'<link rel="canonical" href="{g.pick(URLS)}"></head><body><article><h1>{g.text_value()}</h1>'
                f"{paras}{junk}</article></body></html>")
        if g.chance(0.05):
            html = g.pick(["", "   ", "<html></html>", "not html at all", "<" * 1000, "<html><body>" + "x" * 10])
        name = g.filename(g.pick([".html", ".htm"]))
        names.append(Path(name).name)
        enc = g.pick(["utf-8", "utf-8", "cp1251", "koi8-r", "utf-16"]) if charset not in ("utf-8",) else "utf-8"
        write(root / name, encode(g, html, enc))
        if g.chance(0.3):  # provenance written by compare fetch, possibly broken
            entry = {k: g.field_value(k) for k in ("url", "fetched", "outlet") if g.chance(0.7)}
            doc = {n: entry for n in names} if g.chance(0.8) else g.odd_value()
            text = json.dumps(doc, default=str) if g.chance(0.9) else "{broken"
            write((root / name).parent / "fetched.json", text)
    return root


def fam_csv(g: Gen, work: Path) -> Path:
    root = corpus_root(g, work)
    for _ in range(g.rng.randint(1, 2)):
        delim = g.pick([",", ";", "\t", "|"])
        cols = g.rng.sample(list(FIELDS), g.rng.randint(1, len(FIELDS)))
        if "text" not in cols and g.chance(0.8):
            cols.append("text")
        if g.chance(0.1):
            cols.append(g.text_value()[:10])
        header = [c.upper() if g.chance(0.1) else c for c in cols]
        buf = io.StringIO()
        writer = csv.writer(buf, delimiter=delim, quoting=g.pick([csv.QUOTE_MINIMAL, csv.QUOTE_ALL, csv.QUOTE_NONNUMERIC]))
        writer.writerow(header)
        for _ in range(g.rng.randint(0, 8)):
            row = [str(g.field_value(c)) if c in FIELDS else g.text_value() for c in cols]
            if g.chance(0.1):
                row = row[: g.rng.randint(0, len(row))] + ([g.text_value()] if g.chance(0.5) else [])
            if g.chance(0.1):
                row = [g.pick(HOSTILE[:8]) for _ in row]
            writer.writerow(row)
        text = buf.getvalue()
        if g.chance(0.1):
            text = text.replace('"', "", g.rng.randint(1, 3))  # unbalanced quotes
        if g.chance(0.1):
            text = "\ufeff" + text
        write(root / g.filename(".csv"), encode(g, text))
    return root


def fam_jsonl(g: Gen, work: Path) -> Path:
    root = corpus_root(g, work)
    lines = []
    for _ in range(g.rng.randint(1, 10)):
        roll = g.rng.random()
        if roll < 0.6:
            row = article_fields(g)
            if g.chance(0.9):
                row["text"] = g.field_value("text") if g.chance(0.8) else g.odd_value()
            line = json.dumps(row, ensure_ascii=g.chance(0.5), default=str, allow_nan=True)
            if g.chance(0.15):
                line = line.replace('"text": "', '"text": "\\ud800 ', 1)
        else:
            line = g.pick([
                "", "   ", "{broken", "[1, 2, 3]", '"just a string"', "null", "NaN", '{"text": NaN}',
                '{"text": "' + "1" * 5000 + '"}', '{"text": ' + "1" * 5000 + "}", "[" * 3000, '{"text": "\\ud800"}',
                '{"text": "\\udc00\\ud800", "outlet": "north"}', '{"text": "a\u2028b", "outlet": "north"}',
                '{"text": "x", "text": "y"}', '{"TEXT": "Police said."}', "\x00", '{"text": "' + "a" * 20000 + '"}',
                '{"text": {"nested": "x"}}', '{"text": ["a", "b"]}', '{"text": 123}', '{"text": true}',
                '{"title": "' + "\\u0000" * 5 + '", "text": "Police said two men died."}',
            ])
        lines.append(line)
    write(root / g.filename(".jsonl"), encode(g, g.pick(["\n", "\r\n"]).join(lines)))
    return root


def fam_parquet(g: Gen, work: Path) -> Path:
    import polars as pl

    root = corpus_root(g, work)
    n = g.rng.randint(0, 6)
    cols: dict[str, pl.Series] = {}
    names = g.rng.sample(list(FIELDS), g.rng.randint(1, len(FIELDS)))
    if "text" not in names and g.chance(0.8):
        names.append("text")
    for name in names:
        kind = g.rng.random()
        col = name.upper() if g.chance(0.1) else name
        if kind < 0.55:
            values = [str(g.field_value(name)) if g.chance(0.9) else None for _ in range(n)]
            series = pl.Series(col, [v.encode("utf-8", "replace").decode("utf-8") if v else v for v in values], dtype=pl.Utf8)
        elif kind < 0.65:
            series = pl.Series(col, [g.rng.randint(-10**9, 10**9) for _ in range(n)], dtype=pl.Int64)
        elif kind < 0.72:
            series = pl.Series(col, [g.rng.choice([1.5, float("nan"), float("inf"), None]) for _ in range(n)], dtype=pl.Float64)
        elif kind < 0.8:
            series = pl.Series(col, [[g.text_value()[:20]] for _ in range(n)], dtype=pl.List(pl.Utf8))
        elif kind < 0.85:
            series = pl.Series(col, [{"a": g.text_value()[:10], "b": 1} for _ in range(n)])
        elif kind < 0.9:
            series = pl.Series(col, [g.text_value().encode("utf-8", "replace") for _ in range(n)], dtype=pl.Binary)
        elif kind < 0.95:
            series = pl.Series(col, [None] * n, dtype=pl.Null)
        else:
            import datetime as dt
            series = pl.Series(col, [dt.datetime(2025, 6, 30, tzinfo=dt.timezone.utc) for _ in range(n)])
        cols[col] = series
    path = root / g.filename(".parquet")
    path.parent.mkdir(parents=True, exist_ok=True)
    pl.DataFrame(cols).write_parquet(path)
    if g.chance(0.1):
        path.write_bytes(mutate_bytes(g, path.read_bytes()))
    if g.chance(0.05):
        path.write_bytes(bytes(g.rng.randrange(256) for _ in range(g.rng.randint(0, 500))))
    return root


def fam_encoding(g: Gen, work: Path) -> Path:
    root = corpus_root(g, work)
    lang = g.pick(["ru", "ru", "az", "en"])
    text = front_matter(g, {"outlet": g.pick(["north", "south", "wire"]), "title": g.sentence(lang)[:40]}) \
        if g.chance(0.5) else ""
    text += g.body(lang)
    enc = g.pick(ENCODINGS)
    data = text.encode(enc, errors="replace")
    roll = g.rng.random()
    if roll < 0.3 and data:
        data = data[: g.rng.randrange(len(data))]  # cut anywhere, also inside a character
    elif roll < 0.5:
        data = mutate_bytes(g, data)
    elif roll < 0.55:
        data = bytes(g.rng.randrange(256) for _ in range(g.rng.randint(0, 3000)))
    elif roll < 0.6:
        data = "\ufeff".encode("utf-8") + text.encode("cp1251", errors="replace")  # a lying BOM
    write(root / g.filename(g.pick([".md", ".txt", ".html", ".csv", ".jsonl"])), data)
    return root


def fam_corpus_toml(g: Gen, work: Path) -> Path:
    root = work / "corpus"
    root.mkdir(parents=True)
    data: dict = {"name": "fuzz", "outlets": [
        {"id": "north", "name": "North", "languages": ["en"], "url": "https://north.example"},
        {"id": "south", "name": "South", "languages": ["ru"], "country": "RU"}]}
    for _ in range(g.rng.randint(1, 4)):
        roll = g.rng.random()
        if roll < 0.3:
            key = g.pick(["name", "description", "synthetic", "outlets", "articles", "unknown", "corpus"])
            data[key] = g.odd_value() if g.chance(0.7) else g.text_value()
        elif roll < 0.6 and isinstance(data.get("outlets"), list) and data["outlets"]:
            outlet = g.pick(data["outlets"])
            if isinstance(outlet, dict):
                outlet[g.pick(["id", "name", "country", "languages", "kind", "url", "homepage"])] = \
                    g.odd_value() if g.chance(0.6) else g.text_value()
        else:
            data["articles"] = {"include": g.pick([
                "*.md", ["*.md"], [], ["**/*"], ["/etc/*"], ["../*.md"], ["~/x"], ["C:/x"], [""], ["["], ["**"],
                ["***"], ["a/**/b/**/*.md"], [1, 2], [["*.md"]], ["*.md", None], ["\x00"], ["." * 300], ["*.{md,txt}"],
                ["articles\\*.md"], ["**/"], ["./*.md"], ["*" * 100],
            ])} if g.chance(0.8) else g.odd_value()
    text = toml_dump(g, data)
    if g.chance(0.15):
        text = g.pick(["name = ", "[[outlets]\nid=1", "name = 'x'\nname = 'y'", "\x00", "x = " + "[" * 2000,
                       "[articles]\ninclude = '*.md'", "outlets = 5"]) if g.chance(0.5) else mutate_bytes(g, text.encode()).decode("utf-8", "replace")
    write(root / "corpus.toml", encode(g, text))
    for i in range(g.rng.randint(1, 3)):
        write(root / f"articles/a{i}.md", front_matter(g, {"outlet": g.pick(["north", "south", "x"]), "title": "T"})
              + g.body())
    return root


def toml_dump(g: Gen, data: dict) -> str:
    def value(v, depth=0):
        if isinstance(v, bool):
            return "true" if v else "false"
        if isinstance(v, int):
            return str(v)
        if isinstance(v, float):
            return "nan" if v != v else ("inf" if v == float("inf") else repr(v))
        if isinstance(v, str):
            return json.dumps(v, ensure_ascii=True)
        if isinstance(v, list):
            return "[" + ", ".join(value(x, depth + 1) for x in v if x is not None) + "]"
        if isinstance(v, dict):
            return "{" + ", ".join(f"{json.dumps(str(k))} = {value(x, depth + 1)}" for k, x in v.items() if x is not None) + "}"
        return json.dumps(str(v))

    lines, tables = [], []
    for k, v in data.items():
        if v is None:
            continue
        if k == "outlets" and isinstance(v, list) and all(isinstance(o, dict) for o in v):
            for o in v:
                tables.append("[[outlets]]\n" + "\n".join(f"{json.dumps(str(ok))} = {value(ov)}" for ok, ov in o.items()
                                                           if ov is not None))
        else:
            lines.append(f"{json.dumps(str(k))} = {value(v)}")
    return "\n".join(lines) + "\n\n" + "\n\n".join(tables) + "\n"


def fam_mixed(g: Gen, work: Path) -> Path:
    root = corpus_root(g, work)
    for family in g.rng.sample([fam_text, fam_html, fam_csv, fam_jsonl, fam_encoding], g.rng.randint(2, 4)):
        sub = work / f"part{g.rng.randrange(10**6)}"
        src = family(g, sub)
        for path in src.rglob("*"):
            if path.is_file() and path.name != "corpus.toml":
                dest = root / path.relative_to(src)
                dest.parent.mkdir(parents=True, exist_ok=True)
                shutil.move(str(path), dest)
        shutil.rmtree(sub, ignore_errors=True)
    for _ in range(g.rng.randint(0, 3)):
        roll = g.rng.random()
        body = front_matter(g, {"outlet": "north", "title": "x"}) + g.body("en")
        if roll < 0.25:  # a file name that is not UTF-8
            with open(os.fsencode(root) + b"/bad\xff\xfe" + str(g.rng.randrange(99)).encode() + b".md", "wb") as fh:
                fh.write(body.encode("utf-8", "surrogatepass"))
        elif roll < 0.4:
            link = root / f"link{g.rng.randrange(99)}.md"
            with contextlib.suppress(OSError):
                link.symlink_to(g.pick(["/etc/hostname", "/nonexistent/x.md", str(root / "corpus.toml"), str(root)]))
        elif roll < 0.5:
            (root / f"dir{g.rng.randrange(99)}.md").mkdir(exist_ok=True)
        elif roll < 0.6:
            write(root / "gold" / "x.md", body)
        elif roll < 0.7:
            write(root / ".hidden" / "x.md", body)
        elif roll < 0.8:
            write(root / "README.md", body)
        elif roll < 0.9:
            write(root / f"empty{g.rng.randrange(99)}.md", b"")
        else:
            fifo = root / f"fifo{g.rng.randrange(99)}.md"
            with contextlib.suppress(OSError, AttributeError):
                os.mkfifo(fifo)
    return root


_GOOD_PACKAGE: dict[str, bytes] | None = None


def good_package_members() -> dict[str, bytes]:
    global _GOOD_PACKAGE
    if _GOOD_PACKAGE is None:
        from translate_helpers import build_package

        with tempfile.TemporaryDirectory() as tmp:
            path = build_package(Path(tmp) / "translate-ru_en-1_0.argosmodel", d_model=16, ffn=32)
            with zipfile.ZipFile(path) as zf:
                _GOOD_PACKAGE = {i.filename: zf.read(i) for i in zf.infolist()}
    return dict(_GOOD_PACKAGE)


def fam_archive(g: Gen, work: Path) -> Path:
    members = good_package_members()
    top = "translate-ru_en-1_0"
    extra: list[tuple[zipfile.ZipInfo, bytes]] = []
    for _ in range(g.rng.randint(0, 3)):
        roll = g.rng.random()
        if roll < 0.1:
            members.pop(g.pick(sorted(members)), None)
        elif roll < 0.2:
            key = f"{top}/metadata.json"
            try:
                meta = json.loads(members.get(key, b"{}") or b"{}")
            except ValueError:  # already mutated into something else
                meta = {}
            meta = meta if isinstance(meta, dict) else {}
            meta[g.pick(["from_code", "to_code", "type", "target_prefix", "package_version", "x"])] = \
                g.odd_value() if g.chance(0.6) else g.text_value()
            members[key] = json.dumps(meta, default=str).encode() if g.chance(0.9) else g.pick(
                [b"{broken", b"[" * 5000, b"1" * 5000, b"\xff\xfe", b"", b"null"])
        elif roll < 0.3:
            name = g.pick(sorted(members))
            data = members[name]
            members[name] = mutate_bytes(g, data) if data else b"x"
        elif roll < 0.4:
            members[g.pick([f"{top}/../../evil", "/tmp/evil-abs", "C:/evil", f"{top}/a\\b", f"{top}/./x",
                            f"{top}/\x00x", "other/file", f"{top}/" + "d/" * 100 + "x", "", f"{top}/ü"])] = b"x"
        elif roll < 0.5:
            info = zipfile.ZipInfo(f"{top}/link")
            info.external_attr = (stat.S_IFLNK | 0o777) << 16
            extra.append((info, b"/etc/passwd"))
        elif roll < 0.6:
            members[f"{top}/pad{g.rng.randrange(99)}.bin"] = b"\0" * g.pick([1 << 20, (1 << 20) + 1, 3 << 20])
        elif roll < 0.65:
            for i in range(g.pick([50, 2001])):
                members[f"{top}/many/{i}"] = b""
        elif roll < 0.75:
            renamed = g.pick(["x", "", ".hidden", "a/b", "translate-ru_en-2_0"])
            members = {k.replace(top, renamed, 1): v for k, v in members.items()}
        elif roll < 0.8:
            info = zipfile.ZipInfo(f"{top}/enc")
            info.flag_bits |= 0x1
            extra.append((info, b"x"))
        elif roll < 0.85:
            members[top] = b"a file where the folder should be"
        else:
            members[f"{top}/model/model.bin"] = bytes(g.rng.randrange(256) for _ in range(g.rng.randint(0, 4000)))
    path = work / "pkg.argosmodel"
    work.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w", compression=g.pick([zipfile.ZIP_DEFLATED, zipfile.ZIP_STORED])) as zf:
        for name, data in members.items():
            with contextlib.suppress(ValueError, IndexError):  # names zipfile itself refuses to write
                zf.writestr(name, data)
        for info, data in extra:
            zf.writestr(info, data)
    roll = g.rng.random()
    if roll < 0.08:
        path.write_bytes(path.read_bytes()[: g.rng.randrange(max(1, path.stat().st_size))])
    elif roll < 0.12:
        path.write_bytes(mutate_bytes(g, path.read_bytes()))
    elif roll < 0.14:
        path.write_bytes(bytes(g.rng.randrange(256) for _ in range(g.rng.randint(0, 2000))))
    return path


TEMPLATES = {
    "en": ["{who} said {n} people were detained in {place} on {day}.",
           "“{quote},” {who} told reporters.", "According to {who}, {n} people died and {m} were injured.",
           "{place} police raided {n2} homes, officials said.", "{who} denied the reports.",
           "The {org} summoned the ambassador of {place}."],
    "ru": ["{who} заявил, что в {place} задержаны {n} человек.", "«{quote}», — сказал {who}.",
           "По словам {who}, погибли {n} человек, ранены {m}.", "Полиция {place} провела обыски в {n2} домах.",
           "{who} опроверг эти сообщения.", "{org} вызвало посла."],
    "az": ["{who} bildirib ki, {place} şəhərində {n} nəfər saxlanılıb.", "“{quote}”, - {who} deyib.",
           "{who} sözlərinə görə, {n} nəfər həlak olub, {m} nəfər yaralanıb.", "{place} polisi {n2} evdə axtarış aparıb.",
           "{who} bu məlumatları təkzib edib.", "{org} səfiri çağırıb."],
}
SLOTS = {
    "who": {"en": ["the interior minister", "Ivan Petrov", "a police spokesman", "Elnur Mammadov", "witnesses", "Ь"],
            "ru": ["министр внутренних дел", "Иван Петров", "представитель полиции", "Эльнур Мамедов", "очевидцы"],
            "az": ["daxili işlər naziri", "İvan Petrov", "polis sözçüsü", "Elnur Məmmədov", "şahidlər", "Ь"]},
    "place": {"en": ["Lisogorsk", "Baku", "Yekaterinburg", "the capital"], "ru": ["Лисогорске", "Баку", "Екатеринбурге"],
              "az": ["Lisoqorsk", "Bakı", "Yekaterinburq"]},
    "org": {"en": ["foreign ministry", "UN", "OSCE"], "ru": ["МИД", "ООН", "ОБСЕ"], "az": ["XİN", "BMT", "ATƏT"]},
}
NUMBERS = ["2", "12", "40", "300", "dozens", "десятки", "onlarla", "more than 20", "10-15", "1,000", "999999999999999999999",
           "0", "-5", "1e400", "½", "٣", "two", "двое", "iki", "20–30", "≥51", "10^400"]


def analyze_sentence(g: Gen, lang: str) -> str:
    tpl = g.pick(TEMPLATES[lang])
    slot = {k: g.pick(v[lang]) for k, v in SLOTS.items()}
    s = tpl.format(who=slot["who"], place=slot["place"], org=slot["org"], n=g.pick(NUMBERS), m=g.pick(NUMBERS),
                   n2=g.pick(NUMBERS), quote=g.sentence(lang)[:60], day=g.pick(["Monday", "June 30", "yesterday"]))
    if g.chance(0.1):
        s = s.replace(" ", " " + g.hostile() + " ", 1)
    if g.chance(0.05):
        s = s.upper()
    return s


def fam_analyze(g: Gen, work: Path) -> Path:
    root = corpus_root(g, work, toml=True)
    outlets = {"north": "en", "south": "ru", "wire": "az"}
    for i in range(g.rng.randint(2, 6)):
        outlet = g.pick(sorted(outlets))
        lang = outlets[outlet] if g.chance(0.85) else g.lang()
        n = g.pick([1, 2, 3, 5, 8, 20]) if not g.chance(0.03) else 120
        sentences = [analyze_sentence(g, lang) for _ in range(n)]
        paras = [" ".join(sentences[j:j + 3]) for j in range(0, len(sentences), 3)]
        title = analyze_sentence(g, lang)[:70]
        published = g.pick(["2025-06-30", "2025-07-01T10:00:00Z", "2025-07-02", "2025-09-01", "вчера", "", "2025-06-30"])
        meta = {"outlet": outlet, "title": title, "published": published, "url": g.pick(URLS)}
        text = front_matter(g, meta) if g.chance(0.95) else ""
        write(root / "articles" / f"{i:02d}-{outlet}.md", text + "\n\n".join(paras) + "\n")
        if g.chance(0.15):  # a reprint
            write(root / "articles" / f"{i:02d}-reprint.md", front_matter(g, {**meta, "outlet": "wire"}) + "\n\n".join(paras))
    write(root / "compare.toml", '[embed]\nbackend = "hashing"\n')
    return root


FAMILIES = {
    # name: (weight, generator, kind)
    "text": (20, fam_text, "ingest"),
    "html": (11, fam_html, "ingest"),
    "csv": (10, fam_csv, "ingest"),
    "jsonl": (10, fam_jsonl, "ingest"),
    "parquet": (8, fam_parquet, "ingest"),
    "encoding": (10, fam_encoding, "ingest"),
    "corpus_toml": (10, fam_corpus_toml, "ingest"),
    "mixed": (8, fam_mixed, "ingest"),
    "archive": (9, fam_archive, "install"),
    "analyze": (4, fam_analyze, "pipeline"),
}


def make_case(seed: int, index: int, work: Path, family: str | None = None) -> Case:
    rng = random.Random(f"{seed}-{index}")
    names = list(FAMILIES)
    name = family or rng.choices(names, weights=[FAMILIES[n][0] for n in names])[0]
    _, gen, kind = FAMILIES[name]
    g = Gen(rng)
    case_dir = work / f"case-{index}"
    case_dir.mkdir(parents=True)
    path = gen(g, case_dir)
    stages: tuple[str, ...] = ()
    downstream: tuple[str, ...] = ()
    if kind == "pipeline":
        stages = ("ingest", "translate", "align", "analyze")
        if g.chance(0.25):
            stages += ("figures", "handout", "report")
    elif kind == "ingest" and g.chance(0.15):
        # the later stages on whatever hostile input ingest accepted
        downstream = ("translate", "align", "analyze") + (("handout", "report") if g.chance(0.2) else ())
    return Case(index, name, kind, path, case_dir, stages, downstream)


# --------------------------------------------------------------------------- running
class CaseTimeout(BaseException):
    pass


@contextlib.contextmanager
def time_limit(seconds: float):
    def fire(signum, frame):
        raise CaseTimeout(f"no result after {seconds:g} s")

    old = signal.signal(signal.SIGALRM, fire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


@dataclass
class Outcome:
    code: int | None
    failure: str | None = None
    articles: int = 0              # articles the case's ingest accepted
    installed: int = 0             # packages installed
    reports: int = 0               # report folders checked


def run_in_process(case: Case, limit: float) -> Outcome:
    from compare.errors import CompareError

    out = case.work / "run"
    try:
        with time_limit(limit):
            if case.kind == "ingest":
                from compare.corpus.ingest import ingest

                result = ingest(case.path, out)
                if case.downstream and result.articles:
                    from compare.pipeline import run

                    later = run(case.path, out, config={"embed": {"backend": "hashing"}}, stages=list(case.downstream))
                    if later.exit_code not in ALLOWED_CODES:
                        return Outcome(later.exit_code, f"exit code {later.exit_code} from {', '.join(case.downstream)}")
            elif case.kind == "install":
                from compare.translate.models import install

                result = install([str(case.path)], directory=case.work / "packages")
            else:
                from compare.pipeline import run

                result = run(case.path, out, config=case.path / "compare.toml", stages=list(case.stages))
        code = int(getattr(result, "exit_code", 0) or 0)
    except CompareError as exc:
        code = exc.exit_code
        if code not in ALLOWED_CODES:
            return Outcome(code, f"exit code {code}: {exc}")
        return Outcome(code)
    except CaseTimeout as exc:
        return Outcome(None, f"hang: {exc}")
    except Exception:
        return Outcome(None, traceback.format_exc(limit=-8))
    if code not in ALLOWED_CODES:
        return Outcome(code, f"exit code {code}")
    problem = check_invariants(case, result)
    outcome = Outcome(code, problem)
    if (out / "articles.parquet").exists():
        import polars as pl

        outcome.articles = pl.scan_parquet(out / "articles.parquet").select(pl.len()).collect().item()
    outcome.installed = len(getattr(result, "installed", []) or [])
    outcome.reports = int((out / "report" / "index.html").exists())
    return outcome


def run_cli(case: Case, env: dict, limit: float) -> Outcome:
    out = case.work / "cli-run"
    cmd = [sys.executable, "-m", "compare", "-q"]
    if case.kind == "ingest":
        cmd += ["ingest", str(case.path), "--out", str(out)]
    elif case.kind == "install":
        cmd += ["models", "install", str(case.path)]
        env = {**env, "ARGOS_PACKAGES_DIR": str(case.work / "cli-packages")}
    else:
        cmd += ["run", str(case.path), "--out", str(out), "--config", str(case.path / "compare.toml")]
    try:
        proc = subprocess.run(cmd, env=env, capture_output=True, text=True, errors="replace", timeout=limit)
    except subprocess.TimeoutExpired:
        return Outcome(None, f"command hang after {limit:g} s: {' '.join(cmd)}")
    if "Traceback (most recent call last)" in proc.stderr:
        return Outcome(proc.returncode, "traceback from the command:\n" + proc.stderr[-3000:])
    if proc.returncode not in ALLOWED_CODES:
        return Outcome(proc.returncode, f"command exit code {proc.returncode}: {proc.stderr.strip()[-1000:]}")
    bad = [line for line in proc.stderr.splitlines()
           if line.strip() and not line.startswith(("warning: ", "error: ", "  "))]
    if bad:
        return Outcome(proc.returncode, f"stderr lines that are not one-line messages: {bad[:3]}")
    return Outcome(proc.returncode)


def check_invariants(case: Case, result) -> str | None:
    """What every successful result must satisfy; a message when it does not."""
    import polars as pl

    if case.kind == "install":
        return None
    out = case.work / "run"
    problems = list(getattr(result, "problems", []) or [])
    for where, message in problems + list(getattr(result, "warnings", []) or []):
        if "\n" in message or "\n" in where:
            return f"a problem message spans lines: {where}: {message!r}"
    if case.kind == "ingest" or (out / "articles.parquet").exists():
        arts = pl.read_parquet(out / "articles.parquet")
        sents = pl.read_parquet(out / "sentences.parquet")
        if arts["article_id"].n_unique() != arts.height:
            return "duplicate article ids"
        supported = {"ru", "az", "en"}
        for lang, declared in zip(arts["language"].to_list(), arts["declared_language"].to_list()):
            if lang not in supported and declared not in supported:  # kept only when the article declares one
                return f"unsupported language kept: {lang} (declared {declared})"
        if arts.height and (arts["text"].str.len_chars() == 0).any():
            return "an empty article was kept"
        if sents.height and not set(sents["article_id"].unique().to_list()) <= set(arts["article_id"].to_list()):
            return "a sentence of no article"
        texts = dict(zip(arts["article_id"].to_list(), arts["text"].to_list()))
        for row in sents.head(200).iter_rows(named=True):
            if texts[row["article_id"]][row["start"]:row["end"]] != row["text"]:
                return f"sentence {row['sentence_id']} is not its article's text[start:end]"
        for column in ("text", "title"):
            if arts.height and arts[column].str.contains(r"[\x00-\x08\x0e-\x1f]").any():
                return f"control characters stored in {column}"
    if "report" in case.stages + case.downstream and (out / "report").is_dir():
        problem = check_outputs(out)
        if problem:
            return problem
    leftovers = [p for p in out.rglob(".*") if p.is_file() and p.name != ".compare.lock"] if out.exists() else []
    if leftovers:
        return f"temporary files left behind: {leftovers[:3]}"
    return None


# --------------------------------------------------------------------------- output checks
class _Page(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links, self.scripts, self.handlers, self.csp = [], [], [], []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("href", "src", "action", "formaction", "xlink:href"):
                self.links.append(value or "")
            if name.startswith("on"):
                self.handlers.append((tag, name))
        if tag == "meta" and (dict(attrs).get("http-equiv") or "").lower() == "content-security-policy":
            self.csp.append(dict(attrs).get("content") or "")
        if tag == "script":
            self._in_script = True
            self.scripts.append("")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts[-1] += data


_NUMBER = re.compile(r"[+-]?(?:\d[\d ,.]*|[.,]\d+)(?:[eE][+-]?\d+)?%?")


def check_outputs(run_dir: Path) -> str | None:
    """No javascript: link, foreign script or inline handler in HTML, no raw HTML
    or live link in Markdown, no formula cell in CSV."""
    from compare.safety import safe_href

    for path in run_dir.rglob("*"):
        if path.suffix == ".html":
            page = _Page()
            page.feed(path.read_text(encoding="utf-8"))
            if len(page.csp) != 1 or not page.csp[0].startswith("default-src 'none'"):
                return f"{path}: no Content-Security-Policy"
            for script in page.scripts:
                digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
                if f"'sha256-{digest}'" not in page.csp[0]:
                    return f"{path}: a script the policy does not allow"
            if page.handlers:
                return f"{path}: inline event handler {page.handlers[0]}"
            for link in page.links:
                if safe_href(link) != link:
                    return f"{path}: unsafe link {link!r}"
        elif path.suffix == ".md":
            text = path.read_text(encoding="utf-8")
            if re.search(r"<\s*(script|img|iframe|a|svg)\b", text, re.I) or re.search(r"<\s*javascript:", text, re.I):
                return f"{path}: raw HTML in Markdown"
            if re.search(r"(?<!\\)\]\s*\(\s*javascript:", text, re.I):
                return f"{path}: a javascript: link in Markdown"
        elif path.suffix == ".csv":
            for row in csv.reader(io.StringIO(path.read_text(encoding="utf-8"))):
                for cell in row:
                    if cell[:1] in ("=", "+", "-", "@", "\t", "\r") and not _NUMBER.fullmatch(cell):
                        return f"{path}: formula cell {cell[:40]!r}"
        elif path.suffix == ".svg" and "<script" in path.read_text(encoding="utf-8").lower():
            return f"{path}: script in SVG"
    return None


# --------------------------------------------------------------------------- driver
@dataclass
class Summary:
    seed: int
    cases: int = 0
    cli_cases: int = 0
    by_family: Counter = field(default_factory=Counter)
    by_code: Counter = field(default_factory=Counter)
    with_articles: int = 0
    articles: int = 0
    installed: int = 0
    reports: int = 0
    failures: list[dict] = field(default_factory=list)
    harness_errors: list[dict] = field(default_factory=list)
    seconds: float = 0.0

    def as_dict(self) -> dict:
        return {"seed": self.seed, "cases": self.cases, "cli_cases": self.cli_cases,
                "uncaught": len(self.failures), "by_family": dict(sorted(self.by_family.items())),
                "exit_codes": {str(k): v for k, v in sorted(self.by_code.items(), key=lambda x: str(x[0]))},
                "cases_with_articles": self.with_articles, "articles_ingested": self.articles,
                "packages_installed": self.installed, "reports_checked": self.reports,
                "seconds": round(self.seconds, 1), "failures": self.failures,
                "harness_errors": self.harness_errors}


def fuzz(cases: int, seed: int, *, start: int = 0, only: list[int] | None = None, family: str | None = None,
         cli_every: int = 50, limit: float = 120.0, keep: Path | None = None, progress: bool = True,
         work: Path | None = None) -> Summary:
    """Run ``cases`` generated cases (or the ``only`` indices); return the summary."""
    from compare import console
    from rich.console import Console

    own_work = work is None
    work = Path(tempfile.mkdtemp(prefix="compare-fuzz-")) if own_work else work
    env = {**os.environ, "ARGOS_PACKAGES_DIR": str(work / "argos"), "COMPARE_CACHE_DIR": str(work / "cache"),
           "PYTHONPATH": str(ROOT)}
    saved_env = {k: os.environ.get(k) for k in ("ARGOS_PACKAGES_DIR", "COMPARE_CACHE_DIR")}
    os.environ.update(ARGOS_PACKAGES_DIR=env["ARGOS_PACKAGES_DIR"], COMPARE_CACHE_DIR=env["COMPARE_CACHE_DIR"])
    sink = io.StringIO()
    saved_err, saved_quiet = console._err, console.is_quiet()
    console._err = Console(file=sink, highlight=False, soft_wrap=True)
    console.configure(quiet=True)
    summary = Summary(seed=seed)
    indices = only if only is not None else list(range(start, start + cases))
    started = time.perf_counter()
    try:
        for n, index in enumerate(indices, 1):
            try:
                case = make_case(seed, index, work, family)
            except Exception:  # a bug of the generator, not of compare: reported apart
                summary.harness_errors.append({"index": index, "error": traceback.format_exc(limit=-4)})
                shutil.rmtree(work / f"case-{index}", ignore_errors=True)
                continue
            summary.cases += 1
            summary.by_family[case.family] += 1
            outcome = run_in_process(case, limit)
            summary.by_code[outcome.code] += 1
            summary.with_articles += outcome.articles > 0
            summary.articles += outcome.articles
            summary.installed += outcome.installed
            summary.reports += outcome.reports
            failure = outcome.failure
            if failure is None and cli_every and index % cli_every == 0:
                summary.cli_cases += 1
                cli = run_cli(case, env, max(limit, 300.0))
                failure = cli.failure
            if failure is not None:
                summary.failures.append({"index": index, "family": case.family, "failure": failure,
                                         "repeat": f"python bench/fuzz.py --seed {seed} --only {index}"})
                if keep is not None:
                    target = keep / f"seed{seed}-case-{index}"
                    shutil.rmtree(target, ignore_errors=True)
                    try:
                        shutil.copytree(case.work, target, symlinks=True)
                    except (OSError, shutil.Error) as exc:
                        print(f"could not keep the inputs of case {index}: {exc}", file=sys.stderr)
                if progress:
                    print(f"FAIL case {index} ({case.family}): {failure.strip().splitlines()[-1][:200]}",
                          file=sys.stderr, flush=True)
            shutil.rmtree(case.work, ignore_errors=True)
            sink.seek(0)
            sink.truncate()
            if progress and (n % 250 == 0 or n == len(indices)):
                rate = n / max(time.perf_counter() - started, 1e-9)
                print(f"{n}/{len(indices)} cases, {len(summary.failures)} uncaught, {rate:.1f} cases/s",
                      file=sys.stderr, flush=True)
    finally:
        summary.seconds = time.perf_counter() - started
        console._err = saved_err
        console.configure(quiet=saved_quiet)
        for k, v in saved_env.items():
            os.environ.pop(k, None) if v is None else os.environ.__setitem__(k, v)
        if own_work:
            shutil.rmtree(work, ignore_errors=True)
    return summary


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--cases", type=int, default=10_000, help="number of generated cases")
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--start", type=int, default=0, help="first case index")
    ap.add_argument("--only", type=int, nargs="*", help="run only these case indices")
    ap.add_argument("--family", choices=sorted(FAMILIES), help="generate every case from this family")
    ap.add_argument("--cli-every", type=int, default=50, help="also run every N-th case as a command (0: never)")
    ap.add_argument("--limit", type=float, default=120.0, help="seconds before a case counts as a hang")
    ap.add_argument("--keep-failures", type=Path, help="copy the inputs of failing cases here")
    ap.add_argument("--json", type=Path, help="write the summary here")
    ap.add_argument("--quiet", action="store_true")
    args = ap.parse_args(argv)
    if args.keep_failures:
        args.keep_failures.mkdir(parents=True, exist_ok=True)
    summary = fuzz(args.cases, args.seed, start=args.start, only=args.only, family=args.family,
                   cli_every=args.cli_every, limit=args.limit, keep=args.keep_failures, progress=not args.quiet)
    data = summary.as_dict()
    data["command"] = " ".join(["python", "bench/fuzz.py", *(argv if argv is not None else sys.argv[1:])])
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"{data['cases']} cases ({data['cli_cases']} also as commands), seed {data['seed']}, "
          f"{data['uncaught']} uncaught, {len(summary.harness_errors)} generator errors, {data['seconds']:.0f} s")
    print("by family: " + ", ".join(f"{k} {v}" for k, v in data["by_family"].items()))
    print("exit codes: " + ", ".join(f"{k}: {v}" for k, v in data["exit_codes"].items()))
    print(f"{data['cases_with_articles']} cases ingested at least one article ({data['articles_ingested']} in all); "
          f"{data['packages_installed']} packages installed; {data['reports_checked']} reports checked")
    for f in summary.failures[:20]:
        print(f"\ncase {f['index']} ({f['family']}): {f['repeat']}\n{f['failure'].rstrip()}")
    for e in summary.harness_errors[:5]:
        print(f"\ngenerator error in case {e['index']}:\n{e['error'].rstrip()}")
    return 1 if summary.failures or summary.harness_errors else 0


if __name__ == "__main__":
    sys.exit(main())
