"""Teaching handouts: one event from several outlets side by side, with guided questions.

    from compare.report.handout import handout_run
    print(handout_run("runs/demo"))                          # the event with the most outlets
    handout_run("runs/demo", event="E001", questions=4, ui_language="ru")

Writes ``RUN/handouts/<event>/worksheet.{html,md}`` (excerpts and questions) and
``answer-key.{html,md}`` (answers with the evidence sentences).

Questions follow the event page's ranked key differences
(:func:`compare.report.keydiff.key_differences`), so the first questions are
about the central contradictions (a death toll, a cause of death), then who
acted, which numbers differ, whom each outlet quotes, what one outlet leaves
out, and an open discussion question. Every count a question or answer states
is read from :func:`compare.report.html.event_context`, the same values the
event page shows. Excerpt sentences carry short labels (A1, B3, ...) so answers
can cite them.

All chrome (headings, instructions, question templates) comes from the message
catalogs (:mod:`compare.report.i18n`); text from the data (article sentences,
names) is marked ``translate="no"`` in the HTML.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import polars as pl
from markupsafe import Markup, escape

from compare.errors import CompareError
from compare.report import i18n
from compare.report.data import Event, Outlet, RunData, format_value, load
from compare.runs import Run, atomic_write_text
from compare.safety import md_text
from compare.text import shorten


def N_(message: str) -> str:
    """Marks a msgid for the catalogs; translated where it is shown."""
    return message


LEAD_SENTENCES = 4       # every excerpt opens with the article's first sentences
MAX_ITEMS = 3            # answers list at most this many claims, rows or sources: a worksheet is not the report
DEFAULT_QUESTIONS = 6    # five questions from the analysis and the open discussion question
MAX_QUESTIONS = 12

# The report's English labels (compare.report.data), as msgids; a test checks they stay equal.
SOURCE_TYPE_MSG = {
    "official_russia": N_("Russian officials"), "official_azerbaijan": N_("Azerbaijani officials"),
    "official_other": N_("other officials"), "law_enforcement": N_("police / law enforcement"),
    "court_prosecutor": N_("court / prosecutor"), "ngo": N_("NGO / rights group"), "media": N_("media"),
    "anonymous": N_("anonymous"), "witness_relative": N_("witness / relative"), "expert": N_("expert"),
    "other": N_("other"), "unattributed": N_("unattributed"),
}
AGENT_MSG = {"named": N_("named agent"), "generic": N_("generic agent"), "absent": N_("agentless")}
LANG_MSG = {"ru": N_("Russian"), "az": N_("Azerbaijani"), "en": N_("English")}
KIND_MSG = {"state": N_("state"), "independent": N_("independent"), "wire": N_("wire"),
            "analysis": N_("analysis"), "public": N_("public broadcaster")}
ACTION_MSG = {"die": N_("die"), "kill": N_("kill"), "beat": N_("beat"), "shoot": N_("shoot"),
              "detain": N_("detain"), "arrest": N_("arrest"), "raid": N_("raid"), "torture": N_("torture"),
              "deport": N_("deport"), "injure": N_("injure")}
# "...and which says only that people died?"
PAST_MSG = {"die": N_("died"), "kill": N_("were killed"), "beat": N_("were beaten"), "shoot": N_("were shot"),
            "detain": N_("were detained"), "arrest": N_("were arrested"), "raid": N_("were raided"),
            "torture": N_("were tortured"), "deport": N_("were deported"), "injure": N_("were injured")}
COUNTED_MSG = {"dead": N_("dead"), "injured": N_("injured"), "detained": N_("detained"),
               "arrested": N_("arrested"), "deported": N_("deported"), "missing": N_("missing")}
# why a count differs rather than contradicts (compare.analyze.matrix, cluster_matrix)
COUNT_WHY_MSG = {"a later figure": N_("a later figure"), "an earlier figure": N_("an earlier figure"),
                 "cannot be dated": N_("cannot be dated"),
                 "more outlets give this figure": N_("more outlets give this figure")}
COUNT_QUESTION = {
    "dead": N_("How many people died? The outlets give different figures: who gives which figure, and on whose word?"),
    "injured": N_("How many people were injured? The outlets give different figures: who gives which figure, "
                  "and on whose word?"),
    "detained": N_("How many people were detained? The outlets give different figures: who gives which figure, "
                   "and on whose word?"),
    "arrested": N_("How many people were arrested? The outlets give different figures: who gives which figure, "
                   "and on whose word?"),
    "deported": N_("How many people are to be deported? The outlets give different figures: who gives which "
                   "figure, and on whose word?"),
    "missing": N_("How many people are missing? The outlets give different figures: who gives which figure, "
                  "and on whose word?"),
}
QUESTION_KIND_MSG = {"contradiction": N_("contradiction"), "differs": N_("differing figures"),
                     "omission": N_("omission"), "agency": N_("who acted"), "numbers": N_("numbers"),
                     "sources": N_("sources"), "discussion": N_("discussion")}
CAUSE_MSG = {"violent": N_("violent"), "natural": N_("natural")}


class HandoutUsageError(CompareError):
    exit_code = 2  # bad usage: an unknown event, language or number of questions


@dataclass
class HandoutResult:
    event_id: str
    out: Path
    files: list[Path] = field(default_factory=list)
    questions: int = 0
    exit_code: int = 0

    def __str__(self) -> str:
        return (f"handout: {self.questions} questions on event {self.event_id}\n"
                + "\n".join(f"  {p}" for p in self.files))


class Text:
    """A line of chrome with pieces of data in it: plain text for Markdown,
    HTML where the data is marked ``translate="no"`` (and with its language)."""

    def __init__(self, template: str = "%s", *args, **parts):
        self.template, self.args, self.parts = template, args, parts
        self.item = False

    @staticmethod
    def _plain(v):
        if isinstance(v, (int, float)):
            return v  # for %d
        return v.plain if isinstance(v, (Text, Data)) else str(v)

    @staticmethod
    def _html(v):
        if isinstance(v, (int, float)):
            return v
        return v.html if isinstance(v, (Text, Data)) else escape(str(v))

    @property
    def plain(self) -> str:
        if self.parts:
            return self.template % {k: self._plain(v) for k, v in self.parts.items()}
        return self.template % tuple(self._plain(v) for v in self.args) if self.args else self.template

    @property
    def html(self) -> Markup:
        t = escape(self.template)
        if self.parts:
            return Markup(t % {k: self._html(v) for k, v in self.parts.items()})
        return Markup(t % tuple(self._html(v) for v in self.args)) if self.args else Markup(t)

    def __str__(self) -> str:
        return self.plain


@dataclass
class Data:
    """Text from the corpus or the analysis (a sentence, a name): never translated."""
    text: str
    lang: str | None = None

    @property
    def plain(self) -> str:
        return self.text

    @property
    def html(self) -> Markup:
        lang = Markup(' lang="{}"').format(self.lang) if self.lang and self.lang != "und" else ""
        return Markup('<span translate="no"{}>{}</span>').format(lang, self.text)


def joined(items: list, sep: str = ", ") -> Text:
    """Several pieces joined, each keeping its own markup."""
    return Text(sep.join(["%s"] * len(items)), *items) if items else Text("")


@dataclass
class Question:
    kind: str
    text: Text
    answer: list[Text]                      # lines; a line starting "– " is a list item
    evidence: list[str] = field(default_factory=list)  # sentence ids, no repeats
    lines: int = 4                          # writing space in the worksheet
    topic: str = ""                         # a key difference's topic ("dead", "cause of death", ...)

    def __post_init__(self):
        self.evidence = list(dict.fromkeys(i for i in self.evidence if i))


def item(t: Text) -> Text:
    t.item = True  # rendered as a list item under the line before it
    return t


def pick_event(data: RunData, event: str | None) -> Event:
    if event is None:
        return data.events[0]  # events are sorted by number of outlets, largest first
    for e in data.events:
        if e.id == event or e.slug == event:
            return e
    known = ", ".join(e.id for e in data.events[:10])
    raise HandoutUsageError(f"{data.run.path}: no event {event!r}; events: {known}")


# --------------------------------------------------------------------------- dictionary forms
@lru_cache(maxsize=2048)
def dictionary_form(text: str, lang: str) -> str:
    """A source's name as a dictionary would list it: ``мэрии`` -> ``мэрия``,
    ``правозащитного центра «Гражданский щит»`` -> ``правозащитный центр
    «Гражданский щит»``, ``yerli Azərbaycan icmasından`` -> ``yerli Azərbaycan
    icması``. Only the head of the phrase and the words that agree with it
    change: dependents keep their case (``пресс-служба судов региона``)."""
    text = str(text).strip()
    if not text or text.isascii():  # empty, or a canonical English name from the analysis
        return text
    try:
        if lang == "ru":
            return _ru_nominative(text)
        if lang == "az":
            return _az_nominative(text)
    except Exception:  # a name that cannot be parsed is shown as written
        return text
    return text


def _ru_nominative(text: str) -> str:
    from natasha import Doc
    from natasha.norm import recover_shapes, recover_spaces

    from compare.nlp.russian import natasha_models

    m = natasha_models()
    doc = Doc(text)
    doc.segment(m.segmenter)
    doc.tag_morph(m.morph)
    doc.parse_syntax(m.syntax)
    tokens = doc.tokens
    if not tokens or any(t.pos == "PRON" for t in tokens if t.head_id not in {x.id for x in tokens}):
        return text  # "его", "их": no name to put in the dictionary form
    index = {t.id: t for t in tokens}
    children = defaultdict(list)
    roots = []
    for t in tokens:
        (children[t.head_id] if t.head_id in index else roots).append(t.id)
    if not roots:  # the parser made a cycle: take the first noun as the head
        roots = [t.id for t in tokens if t.pos in ("NOUN", "PROPN")][:1]
    keep, stack = set(), list(roots)
    while stack:  # the head, the words agreeing with it, a name in apposition ("политолога Андрея Зуева")
        tid = stack.pop()
        if tid in keep:
            continue
        keep.add(tid)
        head = index[tid]
        for c in children[tid]:
            tok = index[c]
            same_case = tok.feats.get("Case") and tok.feats.get("Case") == head.feats.get("Case")
            if tok.pos in ("ADJ", "DET") or tok.rel in ("amod", "det") or tok.rel.startswith("flat") \
                    or (tok.pos == "PROPN" and same_case and head.pos == "NOUN" and not head.text.isupper()):
                stack.append(c)
    if not keep:
        return text
    words = list(recover_shapes((_ru_nom(m.vocab, t) if t.id in keep else t.text for t in tokens), tokens))
    # natasha writes "е" for "ё": an unchanged word keeps the writer's spelling
    words = [t.text if w.casefold() == t.text.casefold().replace("ё", "е") else w for w, t in zip(words, tokens)]
    return recover_spaces(words, tokens)


def _ru_nom(vocab, tok) -> str:
    from natasha.norm import inflect_word, normal_word

    word = inflect_word(vocab, tok)
    if tok.feats.get("Case") == "Nom" or word != normal_word(tok.text):
        return word
    # the tagger's case matches no form in the dictionary ("в пресс-службе" tagged genitive):
    # take the dictionary's reading of the same part of speech and number
    pos = {"PROPN": "NOUN"}.get(tok.pos, tok.pos)
    for form in vocab(normal_word(tok.text)):
        fpos = {"PROPN": "NOUN"}.get(form.pos, form.pos)
        if (fpos == pos or {fpos, pos} == {"ADJ", "VERB"}) and form.feats.get("Number") == tok.feats.get("Number") \
                and form.feats.get("Case") != "Nom":
            nom = form.inflect({"Nom"})
            if nom:
                return normal_word(nom.word)
    return word


def _az_nominative(text: str) -> str:
    from compare.extract.entities import strip_az_suffix

    # Azerbaijani marks case on the last word of the phrase only ("yerli icmasından")
    words = text.split(" ")
    last = words[-1]
    stem = strip_az_suffix(last)
    if len(words) > 1 and len(last) - len(stem) == 1:
        # in a compound a final vowel is the possessive ending of the nominative ("şəhər məhkəməsi")
        stem = last
    if stem != last:
        low = last.lower()
        # a possessive compound keeps its possessive ending: "icmasından" -> "icması", "sədrinin" -> "sədri"
        for suf, keepv in (("sından", "sı"), ("sindən", "si"), ("sundan", "su"), ("sündən", "sü"),
                           ("sının", "sı"), ("sinin", "si"), ("sına", "sı"), ("sinə", "si"),
                           ("sında", "sı"), ("sində", "si"), ("rının", "rı"), ("rinin", "ri"), ("rinə", "ri")):
            if low.endswith(suf) and len(words) > 1:
                stem = last[: len(last) - len(suf)] + keepv
                break
        words[-1] = stem
    return " ".join(words)


# --------------------------------------------------------------------------- questions
def _outlet(o: Outlet) -> Data:
    return Data(o.name, o.language)


def _outlets(os_: list[Outlet]) -> Text:
    return joined([_outlet(o) for o in os_])


# the note of an omission marked by date (compare.analyze.cluster_matrix)
_LATER_NOTE = re.compile(r"no article on this story, but wrote on the event on (?P<last>\S+), "
                         r"after it was first reported on (?P<first>\S+)")


class Chrome:
    """The catalog for one UI language, plus the translated labels."""

    def __init__(self, lang: str):
        self.lang = lang
        t = i18n.translations(lang)
        self._, self.ngettext = t.gettext, t.ngettext

    def source_type(self, t):
        return self._(SOURCE_TYPE_MSG[t]) if t in SOURCE_TYPE_MSG else Data(str(t), "en")

    def lang_name(self, code):
        return self._(LANG_MSG[code]) if code in LANG_MSG else code

    def kind(self, k):
        return self._(KIND_MSG[k]) if k in KIND_MSG else Data(str(k), "en")

    def action(self, a):
        return self._(ACTION_MSG[a]) if a in ACTION_MSG else Data(str(a), "en")

    def note(self, note: str | None) -> Text | None:
        """A matrix note ("dead: 3 vs 2", "cause of death: violent vs natural") in the UI language."""
        if not note:
            return None
        _ = self._
        parts = []
        for n in str(note).split("; "):
            head, _sep, rest = n.partition(": ")
            a, _vs, b = rest.partition(" vs ")
            if head in COUNTED_MSG and _vs:
                b, _open, why = b.partition(" (")
                text = Text(_("%(counted)s: %(these)s against %(those)s"), counted=_(COUNTED_MSG[head]),
                            these=a, those=b)
                why = why.rstrip(")")
                if why:
                    text = Text("%s (%s)", text, _(COUNT_WHY_MSG[why]) if why in COUNT_WHY_MSG else Data(why, "en"))
                parts.append(text)
            elif head == "cause of death" and _vs:
                parts.append(Text(_("cause of death: %(these)s, not %(those)s"),
                                  these=_(CAUSE_MSG[a]) if a in CAUSE_MSG else Data(a, "en"),
                                  those=_(CAUSE_MSG[b]) if b in CAUSE_MSG else Data(b, "en")))
            elif head == "date" and _vs:
                parts.append(Text(_("date: %(these)s against %(those)s"), these=a, those=b))
            elif head.endswith(" agent") and _vs:
                parts.append(Text(_("who did it (%(action)s): %(these)s against %(those)s"),
                                  action=self.action(head[:-6]), these=Data(a, "en"), those=Data(b, "en")))
            elif m := _LATER_NOTE.fullmatch(n):
                parts.append(Text(_("no article on this story, but wrote on the event on %(last)s, after it was "
                                    "first reported on %(first)s"), last=m["last"], first=m["first"]))
            elif n.startswith("denies"):
                parts.append(Text(_("denies it")))
            elif n.startswith("affirms what others deny"):
                parts.append(Text(_("affirms what the others deny")))
            else:
                parts.append(Text("%s", Data(n, "en")))
        return joined(parts, "; ")


def _topic(k) -> str:
    return str(k.topic[1]) if k.topic else k.label


def _claim_quote(row: dict, col_outlets: list[Outlet], lang: str) -> Data:
    """The claim of a matrix row as the report labels it; in its original
    wording when that is in the UI language. (Another outlet's evidence
    sentence is not used: it may say more or less than the row.)"""
    if row.get("label_orig") and row.get("label_lang") == lang:
        return Data(shorten(str(row["label_orig"]).strip("“”").rstrip(" ."), 110), lang)
    label = str(row["label"]).split(" [")[0].strip("“”").rstrip(" .")  # "… [number detained]": a facet row
    return Data(shorten(label, 110), "en" if row.get("label_orig") or not row.get("label_lang") else row.get("label_lang"))


def _number_parts(ch: Chrome, nrow: dict, col_outlets, by_id) -> tuple[Text, list[str]]:
    """Every outlet's figures for one counted quantity, with the source each gives (the report's numbers row)."""
    _ = ch._
    parts, ev = [], []
    for o, cell in zip(col_outlets, nrow["cells"]):
        if o.id not in by_id or not cell:
            continue
        vals: dict[str, tuple] = {}
        for r in cell:
            actor = r.get("source_actor")
            if actor:
                src = Data(dictionary_form(str(actor), r.get("language") or o.language), r.get("language") or o.language)
            elif r.get("source_type") not in (None, "unattributed"):
                src = ch.source_type(r["source_type"])
            else:
                src = None
            vals.setdefault(r["value"], (src, r.get("link")))
        shown = [Text(_("%(value)s (source: %(source)s)"), value=v, source=s) if s
                 else Text(_("%(value)s (no source given)"), value=v) for v, (s, _l) in vals.items()]
        parts.append(Text("%(outlet)s: %(values)s", outlet=_outlet(o), values=joined(shown)))
        ev += [sid for _s, sid in list(vals.values())[:2] if sid]
    return joined(parts, "; "), ev


def build_questions(data: RunData, event: Event, outlets: list[Outlet], *, ctx: dict | None = None,
                    ui_language: str = "en", limit: int = DEFAULT_QUESTIONS) -> list[Question]:
    """At most ``limit`` questions, the open discussion question last; the
    others in order of what matters most: the event's key differences (one
    question per topic, the top two first), who acted, the numbers, the
    sources, an omission, then the remaining key differences."""
    from compare.report.html import event_context

    ctx = ctx if ctx is not None else event_context(data, event)
    ch = Chrome(ui_language)
    _, ngettext = ch._, ch.ngettext
    by_id = {o.id: o for o in outlets}
    col_outlets = ctx["col_outlets"]
    rows_by_href = {"#" + r["id"]: r for r in ctx["matrix_rows"]}
    number_rows = {r["counted"]: r for r in ctx["number_rows"]}

    # ---- key differences, grouped by topic (a count, the cause of death, a denial, one row)
    groups: dict[str, list] = {}
    for k in ctx["key_differences"]:
        if k.kind in ("agency", "sources"):  # asked below from the same tables, with their own questions
            continue
        groups.setdefault(_topic(k), []).append(k)

    def kd_question(topic: str, ks: list) -> Question:
        first = ks[0]
        row = rows_by_href.get(first.row_href) or {"label": first.label, "cells": []}
        claim = _claim_quote(row, col_outlets, ui_language)
        if topic in COUNT_QUESTION:
            text = Text(_(COUNT_QUESTION[topic]))
        elif topic == "cause of death":
            text = Text(_("What do the outlets say about the cause of death? Which call it violent, and which "
                          "natural? Find the sentences."))
        elif topic == "date":
            text = Text(_("On which day did it happen? The outlets give different dates for this: “%(claim)s”."),
                        claim=claim)
        elif topic.endswith(" agent"):
            text = Text(_("Who did it? The outlets name different agents for this: “%(claim)s”."), claim=claim)
        elif topic.startswith("denies") or topic.startswith("affirms"):
            text = Text(_("Some outlets deny what the others report: “%(claim)s”. Who reports it, who denies it, "
                          "and on whose word?"), claim=claim)
        elif first.kind == "differs":
            text = Text(_("The outlets give different figures or dates for this: “%(claim)s”. Is one of them "
                          "wrong, or is it an update?"), claim=claim)
        elif first.kind == "omission":
            text = Text(_("“%(claim)s”: which outlets report this, and which leave it out?"), claim=claim)
        else:
            text = Text(_("The outlets do not agree about this: “%(claim)s”. Who says what? Find the sentences."),
                        claim=claim)
        ans, ev = [], []
        for k in ks[:MAX_ITEMS]:
            r = rows_by_href.get(k.row_href) or {"label": k.label, "cells": []}
            against = {"contradiction": _("Contradicting it: %(outlets)s"),
                       "differs": _("Giving another figure or date: %(outlets)s"),
                       "omission": _("Leaving it out: %(outlets)s")}[k.kind]
            if len(ks) > 1 or "claim" not in text.parts:  # the question quotes a single row already
                ans.append(Text(_("“%(claim)s”"), claim=_claim_quote(r, col_outlets, ui_language)))
            note = ch.note(k.note) if k.kind != "omission" else None
            a = Text(against, outlets=_outlets(k.against))
            ans.append(item(Text("%s (%s)", a, note) if note else a))
            ans.append(item(Text(_("Reporting it: %(outlets)s"), outlets=_outlets(k.with_)) if k.with_
                            else Text(_("No outlet reports it as stated."))))
            ev += [sid for _o, sid in k.links[:4]]
        if topic in number_rows:
            figures, fev = _number_parts(ch, number_rows[topic], col_outlets, by_id)
            ans.append(Text(_("Figures each outlet gives: %(figures)s."), figures=figures))
            ev += fev
        return Question(first.kind, text, ans, ev[:8], topic=topic)

    kd_questions = [kd_question(t, ks) for t, ks in groups.items()]

    # ---- who acted: the report's agency table (agency_summary), never a recount
    agency_q = None
    # a question needs the table of its evidence: without it students have no sentence to find
    table = [r for r in ctx["agency_table"] if r["outlet"].id in by_id and r["total"]] if data.has("agency") else []
    if table:
        def share(r):
            return (r["named"] + 0.5 * r["generic"]) / r["total"]
        best = sorted(table, key=lambda r: (-share(r), -r["named"], r["outlet"].id))[0]
        worst = sorted(table, key=lambda r: (-r["absent"], share(r), r["outlet"].id))[0]
        if best["outlet"].id != worst["outlet"].id and worst["absent"]:
            def counted(ms):  # the mentions agency_summary counts: the original reading, or a gap fill
                return [m for m in ms if m.get("mode") in (None, "original") or m.get("gap_fill")]
            absent = sorted(counted(worst["mentions"].get("absent", [])),
                            key=lambda m: (m.get("action") != "die", m["sentence_id"]))
            acted = counted(best["mentions"].get("named", []) + best["mentions"].get("generic", []))
            action = absent[0]["action"] if absent else "die"
            lang_b = best["outlet"].language
            who = sorted({(m["agent_text"], m.get("action"), m.get("agent_status")) for m in acted if m.get("agent_text")})
            who_t = joined([Text("%(agent)s (%(action)s, %(status)s)",
                                 agent=Data(dictionary_form(a, m_lang(acted, a) or lang_b), m_lang(acted, a) or lang_b),
                                 action=ch.action(act), status=_(AGENT_MSG.get(st, st))) for a, act, st in who[:MAX_ITEMS + 1]],
                           "; ")
            n_acted = best["named"] + best["generic"]
            line1 = Text(ngettext("%(outlet)s says who acted in %(num)d of %(total)d mention",
                                  "%(outlet)s says who acted in %(num)d of %(total)d mentions", best["total"]),
                         outlet=_outlet(best["outlet"]), num=n_acted, total=best["total"])
            ans = [Text("%s: %s.", line1, who_t) if who else Text("%s.", line1)]
            line2 = Text(ngettext("%(outlet)s leaves the agent out in %(num)d of %(total)d mention",
                                  "%(outlet)s leaves the agent out in %(num)d of %(total)d mentions", worst["total"]),
                         outlet=_outlet(worst["outlet"]), num=worst["absent"], total=worst["total"])
            if absent:
                ex = absent[0]
                ans.append(Text(_("%(counts)s, e.g. “%(words)s” (%(action)s)."), counts=line2,
                                words=Data(ex["trigger"], ex.get("language") or worst["outlet"].language),
                                action=ch.action(ex["action"])))
            else:
                ans.append(Text("%s.", line2))
            agency_q = Question(
                "agency", Text(_("Which outlet names who acted, and which says only that people %(past)s? "
                                 "Compare %(first)s and %(second)s."),
                               past=_(PAST_MSG[action]) if action in PAST_MSG else Data(action, "en"),
                               first=Text("%s (%s)", _outlet(best["outlet"]), best["outlet"].language),
                               second=Text("%s (%s)", _outlet(worst["outlet"]), worst["outlet"].language)),
                ans, [m["sentence_id"] for m in acted[:3]] + [m["sentence_id"] for m in absent[:3]])

    # ---- numbers in conflict: the report's numbers rows, less the counts a key-difference question asks about
    def numbers_question(exclude: set[str]) -> Question | None:
        conflicts = [r for r in ctx["number_rows"] if r["conflict"] and r["counted"] not in exclude
                     and any(c for o, c in zip(col_outlets, r["cells"]) if o.id in by_id)]
        if not conflicts:
            return None
        ans, ev = [], []
        for r in conflicts:
            figures, fev = _number_parts(ch, r, col_outlets, by_id)
            ans.append(item(Text("%(counted)s: %(figures)s.", counted=_(COUNTED_MSG[r["counted"]])
                                 if r["counted"] in COUNTED_MSG else Data(r["counted"], "en"), figures=figures)))
            ev += fev
        kinds = joined([_(COUNTED_MSG[r["counted"]]) if r["counted"] in COUNTED_MSG else Data(r["counted"], "en")
                        for r in conflicts])
        return Question("numbers", Text(_("Which numbers differ between the outlets (%(kinds)s)? Whom does "
                                          "each outlet give as the source of its number?"), kinds=kinds),
                        [Text(_("The figures:"))] + ans, ev[:8])
    numbers_q = numbers_question(set())

    # ---- sources: the report's source mix (counts) and its list of who is quoted (names)
    sources_q = None
    mix = {r["outlet"].id: r for r in ctx["mix_table"] if r["outlet"].id in by_id} if data.has("attributions") else {}
    types = ctx["mix_types"]

    def quoted_types(oid):
        cells = mix[oid]["cells"]
        return {t: c["count"] for t, c in zip(types, cells) if c and t != "unattributed" and c["count"]}
    if mix:
        totals = {oid: sum(quoted_types(oid).values()) for oid in mix}
        z = sorted(totals, key=lambda oid: (-totals[oid], list(by_id).index(oid)))[0]
        if totals[z]:
            mine = quoted_types(z)
            ans, ev = [Text(_("%(outlet)s quotes:"), outlet=_outlet(by_id[z]))], []
            quoted = ctx["quoted"].get(z, [])
            for t, n in sorted(mine.items(), key=lambda kv: (-kv[1], str(kv[0]))):
                entries = [a for a in quoted if (a.get("source_type") or "other") == t]
                names = list(dict.fromkeys(
                    dictionary_form(str(a["name"]), a.get("language") or by_id[z].language) for a in entries
                    if a.get("name") not in (None, "None", "?")))
                lang = by_id[z].language
                shown = [Data(shorten(x, 50), "en" if x.isascii() else lang) for x in names[:2]]
                if len(names) > 2:
                    shown.append(Text("…"))
                head = Text("%(type)s (%(n)d)", type=ch.source_type(t), n=n)
                ans.append(item(Text("%s: %s", head, joined(shown, "; ")) if shown else head))
                if entries:
                    ev.append(entries[0]["sentence_id"])
            others = set().union(*(quoted_types(o) for o in mix if o != z)) if len(mix) > 1 else set()
            # "other" is no kind of source a reader can look for
            missing = sorted(others - set(mine) - {"other", "unattributed"})
            if missing:
                ans.append(Text(_("It does not quote: %(types)s — which other outlets do."),
                                types=joined([ch.source_type(t) for t in missing])))
            else:
                ans.append(Text(_("Every type of source the other outlets quote also appears here.")))
            sources_q = Question("sources", Text(_("Who does %(outlet)s quote, and who does it not?"),
                                                 outlet=Text("%s (%s)", _outlet(by_id[z]), by_id[z].language)),
                                 ans, ev[:MAX_ITEMS + 1])

    # ---- omission: the pair of outlets with the most facts one reports and the other leaves out
    omission_q = None
    if not any(q.kind == "omission" for q in kd_questions[:2]):
        omission_q = _omission_question(ch, ctx, by_id, ui_language)

    discussion = Question(
        "discussion", Text(_("Pick two sentences that report the same fact in different words. How might each "
                             "wording shape what a reader thinks happened?")),
        [Text(_("Open question; good answers quote both sentences and point to specific words (who is the "
                "grammatical subject, which verb is used, what is left out)."))], [], lines=6)

    ranked = kd_questions[:2] + [q for q in (agency_q, numbers_q, sources_q, omission_q) if q] + kd_questions[2:]
    if limit <= 1:
        return (ranked or [discussion])[:1]
    chosen = ranked[:limit - 1]
    if numbers_q in chosen:
        # a count already asked about is not asked again: the numbers question keeps the others, or goes
        asked = {q.topic for q in chosen if q.topic in COUNT_QUESTION}
        rest = numbers_question(asked) if asked else numbers_q
        ranked = [rest if q is numbers_q else q for q in ranked if q is not numbers_q or rest]
        chosen = ranked[:limit - 1]
    return chosen + [discussion]


def m_lang(mentions: list[dict], agent: str) -> str | None:
    for m in mentions:
        if m.get("agent_text") == agent:
            return m.get("language")
    return None


def _omission_question(ch: Chrome, ctx: dict, by_id: dict, ui_language: str) -> Question | None:
    _, ngettext = ch._, ch.ngettext
    col = ctx["col_outlets"]
    pairs = defaultdict(list)
    for r in ctx["matrix_rows"]:
        if r["cluster"].get("facet") or "#" in str(r["cluster"].get("cluster_id", "")):
            continue  # numbers and dates have their own question
        cells = {o.id: c for o, c in zip(col, r["cells"]) if c and o.id in by_id}
        for x, cx in cells.items():
            if cx["status"] != "asserted":
                continue
            for y, cy in cells.items():
                if y != x and cy["status"] == "omitted":
                    pairs[(x, y)].append(r)
    if not pairs:
        return None
    order = list(by_id)
    (x, y), rs = max(pairs.items(), key=lambda kv: (len(kv[1]), -order.index(kv[0][0]), -order.index(kv[0][1])))
    rs = sorted(rs, key=lambda r: (-sum(1 for c in r["cells"] if c and c["status"] == "asserted"), r["label"]))
    shown = rs[:MAX_ITEMS]
    ans = [Text(_("%(outlet)s leaves out:"), outlet=_outlet(by_id[y]))]
    ans += [item(Text("%s", _claim_quote(r, col, ui_language))) for r in shown]
    if len(rs) > len(shown):
        ans.append(Text(ngettext("(%(num)d fact in all; see the report's claims matrix)",
                                 "(%(num)d facts in all; see the report's claims matrix)", len(rs)), num=len(rs)))
    ev = []
    for r in shown:
        c = next((c for o, c in zip(col, r["cells"]) if o.id == x and c), None)
        if c and c.get("links"):
            ev.append(c["links"][0])
    return Question("omission", Text(_("Which facts reported by %(first)s are missing from %(second)s?"),
                                     first=Text("%s (%s)", _outlet(by_id[x]), by_id[x].language),
                                     second=Text("%s (%s)", _outlet(by_id[y]), by_id[y].language)), ans, ev)


def excerpts(data: RunData, event: Event, outlets: list[Outlet], needed: set[str]) -> tuple[list[dict], dict]:
    """One excerpt per outlet: the lead sentences plus every sentence an answer cites."""
    arts = data.t("articles").filter(pl.col("article_id").is_in(event.article_ids))
    if "duplicate_of" in arts.columns:  # a reprint adds nothing to compare
        arts = arts.filter(pl.col("duplicate_of").is_null())
    if "published" in arts.columns:
        arts = arts.sort("published", nulls_last=True)
    sents = data.t("sentences")
    sents = sents.filter(pl.col("article_id").is_in(event.article_ids)).sort("article_id", "index") if sents.height else sents
    tr = {}
    if data.has("translations"):
        t = data.t("translations")
        tr = dict(zip(t["sentence_id"].to_list(), t["text"].to_list()))
    labels: dict[str, str] = {}
    blocks = []
    letter = 0
    for o in outlets:
        mine = arts.filter(pl.col("outlet") == o.id)
        if not mine.height:
            continue
        code = chr(ord("A") + letter) if letter < 26 else f"Z{letter}"
        letter += 1
        art_blocks = []
        n = 0
        for a in mine.to_dicts():
            ss = sents.filter(pl.col("article_id") == a["article_id"]).to_dicts() if sents.height else []
            keep, last = [], -1
            for s in ss:
                lead = not art_blocks and s["index"] < LEAD_SENTENCES
                if lead or s["sentence_id"] in needed:
                    n += 1
                    labels[s["sentence_id"]] = f"{code}{n}"
                    keep.append({**s, "label": f"{code}{n}", "gap": last >= 0 and s["index"] != last + 1,
                                 "translation": tr.get(s["sentence_id"])})
                    last = s["index"]
            if keep:
                more = bool(ss) and ss[-1]["index"] != last
                art_blocks.append({"title": a["title"], "published": a.get("published"), "url": a.get("url"),
                                   "language": a.get("language") or o.language, "sentences": keep, "more": more})
        if art_blocks:
            blocks.append({"code": code, "outlet": o, "articles": art_blocks})
    return blocks, labels


def cite_labels(ids: list[str], labels: dict[str, str]) -> list[tuple[str, str]]:
    """``(sentence id, label)`` of the cited sentences in the excerpts, each label once."""
    seen: dict[str, str] = {}
    for i in ids:
        if i in labels and labels[i] not in seen:
            seen[labels[i]] = i
    return [(sid, lab) for lab, sid in seen.items()]


def _cite(ids: list[str], labels: dict[str, str]) -> str:
    return ", ".join(lab for _sid, lab in cite_labels(ids, labels))


def date_span(event: Event, ch: Chrome) -> str:
    if not event.start:
        return ch._("date unknown")
    if not event.end or event.end == event.start:
        return str(event.start)
    return f"{event.start} – {event.end}"


def handout_markdown(event: Event, blocks, questions, labels, data: RunData, *, key: bool, ch: Chrome) -> str:
    # Text from the data is escaped: no raw HTML, links or formatting from an article.
    _, ngettext = ch._, ch.ngettext
    title = Text(_("Answer key: %(event)s") if key else _("Worksheet: %(event)s"), event=event.label).plain
    langs = ", ".join(sorted({ch.lang_name(b["outlet"].language) for b in blocks}))
    out = [f"# {md_text(title)}", ""]
    if (data.manifest or {}).get("synthetic"):
        out += ["> " + md_text(_("These articles are fictional: the outlets, people, places and events are "
                                 "invented for practice.")), ""]
    out += [md_text(date_span(event, ch) + " · " + ngettext("%(num)d outlet in %(languages)s",
                                                             "%(num)d outlets in %(languages)s", len(blocks))
                    % {"num": len(blocks), "languages": langs}), ""]
    if not key:
        out += [md_text(_("Read how each outlet reports the same event. Every sentence has a label (A1, B2, …): "
                          "cite the labels in your answers.")), ""]
        if data.mode == "cross-lingual":
            out += ["> " + md_text(_("No translations are included: no translation model was installed when this "
                                     "handout was made.")), ""]
        out += ["## " + md_text(_("Excerpts")), ""]
        for b in blocks:
            o = b["outlet"]
            meta = [ch.lang_name(o.language)] + ([str(ch.kind(o.kind))] if o.kind else []) + ([o.country] if o.country else [])
            out += [f"### {b['code']}. {md_text(o.name)} ({md_text(', '.join(meta))})", ""]
            for a in b["articles"]:
                out += [f"**{md_text(a['title'])}**" + (f" ({a['published']:%Y-%m-%d})" if a.get("published") else ""), ""]
                for s in a["sentences"]:
                    if s["gap"]:
                        out += ["[…]", ""]
                    out.append(f"- **{s['label']}** {md_text(s['text'])}")
                    if s["translation"]:
                        out.append(f"  *EN: {md_text(s['translation'])}*")
                    elif (s.get("language") or a.get("language")) != "en" and data.mode != "cross-lingual":
                        # (with no translation at all, one notice above says so)
                        out.append("  *EN: (" + md_text(_("no translation installed")) + ")*")
                if a["more"]:
                    out.append("- […]")
                out.append("")
    out += ["## " + md_text(_("Answers") if key else _("Questions")), ""]
    for i, q in enumerate(questions, 1):
        out += [f"{i}. {md_text(q.text.plain)}", ""]
        if key:
            for line in q.answer:  # list items become a nested Markdown list
                out += [f"   - {md_text(line.plain)}"] if getattr(line, "item", False) else ["", f"   {md_text(line.plain)}", ""]
            cite = _cite(q.evidence, labels)
            if cite:
                out += ["", "   " + md_text(_("Evidence:")) + f" {cite}."]
            out.append("")
        else:
            out += ["   " + md_text(_("Answer:")) + " " + "_" * 60, ""] + ["   " + "_" * 68, ""] * (q.lines // 2)
    if key:
        out += [md_text(_("Evidence sentences:")), ""]
        used = {i for q in questions for i in q.evidence}
        for b in blocks:
            for a in b["articles"]:
                for s in a["sentences"]:
                    if s["sentence_id"] in used:
                        out.append(f"- **{s['label']}** ({md_text(b['outlet'].name)}) {md_text(s['text'])}"
                                   + (f" — *EN: {md_text(s['translation'])}*" if s["translation"] else ""))
        out.append("")
    out.append(md_text(_("Made with compare")) + f" · {md_text(data.signature_line())}")
    return "\n".join(out) + "\n"


def check_questions(n) -> int:
    try:
        n = int(n)
    except (TypeError, ValueError):
        raise HandoutUsageError(f"--questions: not a whole number: {n!r}") from None
    if not 1 <= n <= MAX_QUESTIONS:
        raise HandoutUsageError(f"--questions: {n} is out of range; give 1 to {MAX_QUESTIONS}")
    return n


def handout_run(run: str | Path | Run, *, event: str | None = None, out: str | Path | None = None,
                questions: int = DEFAULT_QUESTIONS, ui_language: str = "en") -> HandoutResult:
    """Write a worksheet and an answer key (HTML and Markdown) for one event,
    with at most ``questions`` questions and chrome in ``ui_language`` (en, ru, az)."""
    from compare.report.html import environment, event_context

    try:
        i18n.check(ui_language)
    except i18n.UnknownLanguage as exc:
        raise HandoutUsageError(f"--ui-language: {exc}") from None
    limit = check_questions(questions)
    data = load(run)
    ev = pick_event(data, event)
    root = Path(out) if out is not None else data.run.path / "handouts"
    folder = root / ev.slug
    outlets = ev.outlets
    ch = Chrome(ui_language)
    ctx = event_context(data, ev)   # the event page's own values: the handout's counts are the report's
    qs = build_questions(data, ev, outlets, ctx=ctx, ui_language=ui_language, limit=limit)
    needed = {i for q in qs for i in q.evidence}
    blocks, labels = excerpts(data, ev, outlets, needed)
    env = i18n.install(environment(), ui_language)
    env.filters["lang_name"] = ch.lang_name
    env.filters["outlet_kind"] = lambda k: ch.kind(k).html if isinstance(ch.kind(k), Data) else ch.kind(k)
    files = []
    sig = data.signature_line()
    for key, stem in ((False, "worksheet"), (True, "answer-key")):
        html = env.get_template("handout.html").render(
            event=ev, date_span=date_span(ev, ch), blocks=blocks, questions=qs, labels=labels, key=key,
            cite_labels=cite_labels, kind_label=lambda k: ch._(QUESTION_KIND_MSG.get(k, k)), mode=data.mode, signature_line=sig, signature=data.signature(),
            synthetic=bool((data.manifest or {}).get("synthetic")))
        files.append(atomic_write_text(folder / f"{stem}.html", html))
        files.append(atomic_write_text(folder / f"{stem}.md",
                                       handout_markdown(ev, blocks, qs, labels, data, key=key, ch=ch)))
    return HandoutResult(event_id=ev.id, out=folder, files=files, questions=len(qs))
