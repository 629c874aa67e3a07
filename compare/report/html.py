"""The self-contained HTML report: an index of events and one page per event.

Every page carries its CSS and JavaScript inline, so the folder can be opened
from disk (``file:`` URLs), mailed or archived without a network. Every mark in
a text (claim, source, agency, number) links to a table row, and every table
cell links to the sentence that is its evidence (``#s-<sentence_id>``).

Every page has a Content-Security-Policy (:data:`CSP`): nothing loads from
anywhere but the report's folder, and the only script that runs is the
report's own, allowed by its hash. Links from the data (an article's URL) are
rendered only when they are http(s) (:func:`compare.safety.safe_href`).
"""
from __future__ import annotations

import base64
import hashlib
import shutil
from collections import defaultdict
from pathlib import Path

import polars as pl
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup, escape

from compare.report.data import (
    AGENT_LABEL, LANG_NAMES, SOURCE_TYPE_LABEL, SOURCE_TYPE_ORDER, STATUS_SYMBOL, STATUS_WORD,
    Event, Outlet, RunData, format_value, lang_key, language_groups, slug,
)
from compare.runs import atomic_write_text
from compare.safety import safe_href
from compare.text import shorten

HERE = Path(__file__).parent


def content_security_policy(script: str) -> str:
    """The policy every page carries in a ``<meta>`` tag: nothing from the
    network, images and style sheets from the report's folder only, inline
    styles (matplotlib's SVG uses them), and one inline script: the one whose
    text is ``script`` (the text between ``<script>`` and ``</script>``)."""
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
    return ("default-src 'none'; "
            f"script-src 'sha256-{digest}'; "
            "style-src 'self' 'unsafe-inline'; img-src 'self'; font-src 'self'; "
            "base-uri 'none'; form-action 'none'")


def N_(message: str) -> str:
    """Marks a msgid for the catalogs; translated where it is shown."""
    return message


def Nn_(singular: str, plural: str) -> tuple[str, str]:
    """Marks a plural msgid pair for the catalogs (``ngettext`` where it is shown)."""
    return singular, plural


# The event page's counts: (key of ``counts``, singular, plural), as msgids. The
# English labels are plural whatever the count ("1 contradictions", as before the
# catalogs); the catalogs give each language its own forms.
STAT_WORDS = (("outlets", *Nn_("%(num)s outlets", "%(num)s outlets")),
              ("articles", *Nn_("%(num)s articles", "%(num)s articles")),
              ("clusters", *Nn_("%(num)s claims", "%(num)s claims")),
              ("differences", *Nn_("%(num)s key differences", "%(num)s key differences")),
              ("omitted", *Nn_("%(num)s omissions", "%(num)s omissions")),
              ("contradicted", *Nn_("%(num)s contradictions", "%(num)s contradictions")),
              ("number_conflicts", *Nn_("%(num)s quantities in conflict", "%(num)s quantities in conflict")),
              ("attributions", *Nn_("%(num)s attributions", "%(num)s attributions")),
              ("agentless", *Nn_("%(num)s agentless phrasings", "%(num)s agentless phrasings")))
# The legend's statuses and what they mean (the rest of the legend is in event.html).
LEGEND_STATUS = (
    ("asserted", N_("the outlet reports the claim (solid border)")),
    ("omitted", N_("covers the event but leaves the claim out (dashed)")),
    ("differs", N_("reports the fact with another value that need not be wrong: an earlier or later figure, "
                   "another date (the cell gives both)")),
    ("contradicted", N_("reports something incompatible: denies it, another cause, another agent, another count "
                        "for the same moment (double border, bold)")),
    ("unclear", N_("has a similar statement, not close enough to say it states the fact: neither asserted nor "
                   "omitted")),
)
STATUS_MSG = {"asserted": N_("asserted"), "differs": N_("differs"), "contradicted": N_("contradicted"),
              "unclear": N_("unclear"), "omitted": N_("omitted"), "not_covered": N_("not covered"),
              "rejected": N_("rejected")}
DUPLICATE_MSG = {"exact": N_("exact"), "near": N_("near"), "copy": N_("copy")}  # a reprint's kind
PIN_MSG = {"together": N_("together"), "apart": N_("apart")}
HANDOUT_MSG = {"worksheet": N_("worksheet"), "answer key": N_("answer key")}


def environment(ui_language: str = "en") -> Environment:
    """The report's Jinja environment, with its chrome in ``ui_language``
    (:mod:`compare.report.i18n`). Outside English, text from the data (names,
    sentences, claim labels) is marked ``translate="no"`` (``tn``, ``|en``)."""
    from compare.report import i18n
    from compare.report.handout import ACTION_MSG, COUNTED_MSG, KIND_MSG, LANG_MSG, SOURCE_TYPE_MSG

    env = Environment(
        loader=FileSystemLoader(str(HERE / "templates")),
        autoescape=select_autoescape(["html"]),
        trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
    )
    js = (HERE / "static" / "report.js").read_text(encoding="utf-8")
    env.globals.update(
        css=Markup((HERE / "static" / "report.css").read_text(encoding="utf-8")),
        js=Markup(js),
        # templates write "<script>\n{{ js }}\n</script>": the hash covers exactly that text
        csp=content_security_policy("\n" + js + "\n"),
        STATUS_SYMBOL=STATUS_SYMBOL, STATUS_WORD=STATUS_WORD, LANG_NAMES=LANG_NAMES,
        SOURCE_TYPE_LABEL=SOURCE_TYPE_LABEL, AGENT_LABEL=AGENT_LABEL,
    )
    env.filters["safe_href"] = safe_href
    env.filters["pct"] = lambda x: "" if x is None else f"{100 * x:.0f}%"
    i18n.install(env, ui_language)
    t = i18n.translations(ui_language)
    _ = t.gettext
    english = ui_language == "en"

    def data(text, lang="en"):
        """Text from the data: as it is in English pages, marked ``translate="no"`` (with its language) in others."""
        if english or text is None or text == "":
            return text
        return Markup('<span translate="no" lang="{}">{}</span>').format(lang, text)

    env.globals.update(
        tn=Markup("" if english else ' translate="no"'),
        tn_en=Markup("" if english else ' translate="no" lang="en"'),
        STATUS_WORD={k: _(STATUS_MSG.get(k, v)) for k, v in STATUS_WORD.items()},
        AGENT_LABEL={k: _(v) for k, v in AGENT_LABEL.items()},
        SOURCE_TYPE_LABEL={k: _(SOURCE_TYPE_MSG.get(k, v)) for k, v in SOURCE_TYPE_LABEL.items()},
        STAT_WORDS=STAT_WORDS, LEGEND_STATUS=LEGEND_STATUS,
    )
    def no_translate(text):
        """Text from the data whose language is not known: marked ``translate="no"`` outside English pages."""
        if english or text is None or text == "":
            return text
        return Markup('<span translate="no">{}</span>').format(text)

    def fmt(msgid, **parts):
        """A translated line with pieces of data in it (each already marked, or escaped here)."""
        return Markup(escape(_(msgid))) % parts

    def outlet(o):
        return Markup('<span lang="{}" translate="no">{}</span>').format(o.language, o.name)

    def outlets_of(os_):
        return Markup(", ").join(outlet(o) for o in os_)

    def note(text):
        """A matrix note ("dead: 3 vs 2") in the UI language (as the handouts word it)."""
        if english or not text:
            return text
        from compare.report.handout import Chrome

        return Chrome(ui_language).note(text).html

    def kd_label(k):
        """A key difference's label: the claim (data), or for agency and sources items a line in the UI language."""
        if english or not k.parts:
            return data(k.label)
        p = k.parts
        if "facet" in p:   # a number or date row: what is compared, then the claim
            f = p["facet"]
            return Markup("{}: {}").format(_(FACET_LABEL[f]) if f in FACET_LABEL else data(f), data(p["claim"]))
        if k.kind == "agency":
            action = _(ACTION_MSG[p["action"]]) if p["action"] in ACTION_MSG else data(p["action"])
            if p["agents"]:
                return fmt(N_("%(action)s: the agent given as %(agents)s"), action=action,
                           agents=no_translate(", ".join(p["agents"])))
            return fmt(N_("%(action)s: an agent given"), action=action)
        return fmt(N_("whom they quote most: %(list)s"), list=Markup("; ").join(
            fmt(N_("%(type)s in %(outlets)s"), type=_(SOURCE_TYPE_MSG[t]) if t in SOURCE_TYPE_MSG else data(t),
                outlets=outlets_of(os_)) for t, os_ in p["lead"]))

    def kd_note(k):
        if english or not k.note:
            return k.note
        p = k.parts
        if k.kind not in ("agency", "sources") or not p:
            return note(k.note)
        counts = [fmt(N_("%(outlet)s %(n)d of %(total)d"), outlet=outlet(o), n=n, total=total)
                  for o, n, total in (p["say"] if k.kind == "agency" else p["counts"])]
        if k.kind == "agency":
            return fmt(N_("mentions with an agent: %(counts)s; the others 0 of %(totals)s"),
                       counts=Markup("; ").join(counts), totals=", ".join(str(n) for n in p["never"]))
        return fmt(N_("typed sources of the leading kind: %(counts)s"), counts=Markup(", ").join(counts))

    env.filters.update(
        t=_, en=data, nt=no_translate, note=note, kd_label=kd_label, kd_note=kd_note,
        lang_name=lambda code: _(LANG_MSG[code]) if code in LANG_MSG else code,
        outlet_kind=lambda k: _(KIND_MSG[k]) if k in KIND_MSG else data(k),
        source_type=lambda k: _(SOURCE_TYPE_MSG[k]) if k in SOURCE_TYPE_MSG else data(k),
        facet=lambda name: _(name) if name in FACET_LABEL.values() else data(name),
        counted=lambda c: _(COUNTED_MSG[c]) if c in COUNTED_MSG else data(c),
        dup_kind=lambda k: _(DUPLICATE_MSG.get(k or "copy", k)) if (k or "copy") in DUPLICATE_MSG else data(k),
        pin=lambda p: _(PIN_MSG[p]) if p in PIN_MSG else data(p),
        date_span=lambda e: e.date_span() if e.start else _("date unknown"),
        outlet_names=lambda os_: Markup(", ").join(
            [Markup('<span lang="{}" translate="no">{}</span>').format(o.language, o.name) for o in os_])
        if not english else ", ".join(o.name for o in os_),
        of_values=lambda v: v if english else str(v).replace(" of ", " " + _("of") + " "),
    )
    return env


def rows(df: pl.DataFrame) -> list[dict]:
    return df.to_dicts() if df.height else []


def cluster_label(row: dict) -> str:
    return row.get("label_en") or row.get("label") or str(row.get("cluster_id"))


FACET_LABEL = {"dead": N_("Number of dead"), "injured": N_("Number of injured"), "detained": N_("Number detained"),
               "arrested": N_("Number arrested"), "deported": N_("Number deported"), "missing": N_("Number missing"),
               "date": N_("Date"), "other": N_("Figure")}


def _short(text: str, n: int = 90) -> str:
    return shorten(text, n)


def cluster_labels(clusters: dict, matrix: list[dict], claims: list[dict]) -> dict[str, dict]:
    """``{cluster_id: {"label", "label_orig", "label_lang"}}`` for every cluster in the matrix.

    Labels come from ``claim_clusters`` (English when available, the original
    beneath). Facet rows (``<cluster>#dead``: the same claim's number or date)
    and clusters without a row are labelled from their evidence instead of
    showing a bare id.
    """
    lang_of = {}
    for c in claims:
        lang_of.setdefault(c["cluster_id"], c.get("language"))
        base = clusters.get(c["cluster_id"], {})
        if base.get("label") and c.get("text") and str(base["label"])[:40] == str(c["text"])[:40]:
            lang_of[c["cluster_id"]] = c.get("language")
    evidence = {}
    for m in matrix:
        if m["status"] in ("asserted", "contradicted") and m["cluster_id"] not in evidence:
            text = m.get("evidence_text_en") or m.get("evidence_text")
            if text:
                evidence[m["cluster_id"]] = text
    # the English of the cluster's own evidence sentences (its facets' included), by their original text
    english_of = {(str(m["cluster_id"]).partition("#")[0], str(m["evidence_text"])[:40]): m["evidence_text_en"]
                  for m in matrix if m.get("evidence_text") and m.get("evidence_text_en")}
    out = {}
    for cid in {m["cluster_id"] for m in matrix} | set(clusters):
        row = clusters.get(cid)
        if row and (row.get("label") or row.get("label_en")):
            english = row.get("label_en") or english_of.get((str(cid).partition("#")[0], str(row.get("label"))[:40]))
            label = english or row.get("label")
            orig = row.get("label") if row.get("label") and row.get("label") != label else None
            lang = lang_of.get(cid)
            # A label with no English is shown as it is, and says so: never a
            # neighbouring sentence's translation passed off as this row's.
            out[cid] = {"label": label, "label_orig": orig, "label_lang": lang,
                        "untranslated": (lang or "und") if not english and lang != "en" else None}
            continue
        base, _, facet = str(cid).partition("#")
        base_row = clusters.get(base)
        if facet:
            head = FACET_LABEL.get(facet, facet.capitalize())
            about = (base_row.get("label_en") or base_row.get("label")) if base_row else evidence.get(cid)
            label = f"{head}: “{_short(about, 80)}”" if about else head
        else:
            label = f"“{_short(evidence[cid])}”" if cid in evidence else str(cid)
        out[cid] = {"label": label, "label_orig": None, "label_lang": None, "untranslated": None}
    return out


def subevent_labels(data: RunData, event_id: str) -> dict[str, str]:
    ev = data.for_event("events", event_id)
    if not ev.height or "subevent_id" not in ev.columns:
        return {}
    out = {}
    for r in ev.select("subevent_id", "subevent_label").to_dicts():
        if r["subevent_id"] and r["subevent_id"] not in out:
            out[r["subevent_id"]] = _short(r["subevent_label"] or r["subevent_id"], 120)
    return out


# --------------------------------------------------------------------------- inline marks
def mark_sentence(text: str, marks: list[dict]) -> Markup:
    """Wrap spans of ``text`` in ``<span>`` elements; overlapping marks are split at boundaries.

    ``marks``: dicts with ``start``, ``end`` (relative to the sentence), ``cls``,
    ``title`` and an optional ``tag`` (Markup placed right after the span, so the
    meaning is written out and not carried by colour or underline alone).
    """
    marks = [m for m in marks if 0 <= m["start"] < m["end"] <= len(text)]
    if not marks:
        return escape(text)
    # A tag goes after the word the span ends in, never inside a word ("on beş|dir").
    for m in marks:
        pos = m["end"]
        while pos < len(text) and text[pos].isalnum():
            pos += 1
        m["tag_at"] = pos
    cuts = sorted({0, len(text), *(m["start"] for m in marks), *(m["end"] for m in marks),
                   *(m["tag_at"] for m in marks)})
    out = []
    for a, b in zip(cuts, cuts[1:]):
        piece = escape(text[a:b])
        active = [m for m in marks if m["start"] <= a and b <= m["end"]]
        for m in active:
            piece = Markup('<span class="{}" title="{}">{}</span>').format(m["cls"], m["title"], piece)
        out.append(piece)
        for m in marks:
            if m["tag_at"] == b and m.get("tag"):
                out.append(m["tag"])
    return Markup("").join(out)


def _tag(cls: str, text: str, href: str | None = None) -> Markup:
    if href:
        return Markup('<a class="tag {}" href="{}">{}</a>').format(cls, href, text)
    return Markup('<span class="tag {}">{}</span>').format(cls, text)


# --------------------------------------------------------------------------- the matrix as facts
KEY_DIFFERING_ROWS = 10   # the event page shows at most this many rows with a difference ...
KEY_ASSERTED_ROWS = 4     # ... and this many of the most widely asserted others; the matrix page has all
KEY_DIFFERENCES_SHOWN = 10
TEXTS_OPEN_MAX = 60        # an event with more sentences shows its texts folded (one click opens them)
REPORTING = ("asserted", "contradicted", "differs")


def matrix_page(event: Event) -> str:
    """The file name of the event's full claims matrix."""
    return f"event-{event.slug}-matrix.html"


def fold_facets(matrix_rows: list[dict], col_outlets: list, sentence_time: dict[str, str]) -> list[dict]:
    """One row per fact: the facet rows of a claim (``<cluster>#dead``, ``#date``:
    the same sentence's number or date) fold into the claim's row as badges,
    and a claim that recurs in several sub-events is shown once, under the
    first, so a sentence is never repeated down the matrix.

    Per outlet the most informative cell wins (:data:`STATUS_RANK`, as in the
    figures). Each fact row keeps the anchors of every row it folds
    (``anchors``: links from the texts still land on it), its outlets' facet
    marks per cell (``cells[i]["facets"]``), a ``salience`` (how many outlets
    report it) and a ``time`` (when it was first published), for sorting.
    """
    groups: dict[str, list[dict]] = {}
    for r in matrix_rows:
        groups.setdefault(str(r["cluster"].get("cluster_id", r["id"])).partition("#")[0], []).append(r)
    sub_order = {sub: k for k, sub in enumerate(dict.fromkeys(r["subevent"] for r in matrix_rows))}
    out = []
    for base, members in groups.items():
        by_facet: dict[str, list[dict]] = {}
        for r in members:
            by_facet.setdefault(str(r["cluster"].get("cluster_id", "")).partition("#")[2], []).append(r)
        main_key = "" if "" in by_facet else next(iter(by_facet))
        mains, facets = by_facet.pop(main_key), list(by_facet.values())
        cells, statuses, reporters, links = [], set(), set(), []
        for i, o in enumerate(col_outlets):
            cell = _best(m["cells"][i] for m in mains)
            marks = []
            for rows_f in facets:
                best = _best(f["cells"][i] for f in rows_f)
                if best and best["status"] != "not_covered":
                    marks.append({**best, "facet": _facet_name(rows_f[0])})
            if cell is None and marks:
                cell = {"status": "not_covered", "links": []}
            if cell is not None:
                cell = {**cell, "facets": marks}
                cell["statuses"] = " ".join(sorted({cell["status"], *(m["status"] for m in marks)}))
                statuses |= set(cell["statuses"].split())
                if set(cell["statuses"].split()) & set(REPORTING):
                    reporters.add(o.id)
                links += (cell.get("links") or []) + [x for m in marks for x in m.get("links") or []]
            cells.append(cell)
        times = sorted(sentence_time[x] for x in links if sentence_time.get(x))
        badges = [{"name": _facet_name(rows_f[0]), "anchor": rows_f[0]["id"],
                   "status": _worst(c["status"] for f in rows_f for c in f["cells"] if c)} for rows_f in facets]
        extra = [m["id"] for m in mains[1:]] + [f["id"] for rows_f in facets for f in rows_f[1:]]
        out.append({**mains[0], "cells": cells, "statuses": " ".join(sorted(statuses)), "facet_badges": badges,
                    "extra_anchors": extra, "anchors": [mains[0]["id"], *(b["anchor"] for b in badges), *extra],
                    "salience": len(reporters), "time": times[0] if times else ""})
    # sub-events stay together, in the matrix's order
    return sorted(out, key=lambda r: sub_order[r["subevent"]])


def _best(cells) -> dict | None:
    """The most informative of one outlet's cells (a contradiction over an assertion over an omission)."""
    from compare.report.data import STATUS_RANK

    return min((c for c in cells if c), key=lambda c: STATUS_RANK.get(c["status"], 9), default=None)


def _facet_name(row: dict) -> str:
    facet = row["cluster"].get("facet") or str(row["cluster"].get("cluster_id", "")).partition("#")[2]
    return FACET_LABEL.get(facet, str(facet).capitalize())


def _worst(statuses) -> str:
    from compare.report.data import STATUS_RANK

    return min(statuses, key=lambda s: STATUS_RANK.get(s, 9), default="not_covered")


def key_fact_rows(fact_rows: list[dict], key_anchors: set[str]) -> list[dict]:
    """The rows the event page shows (in the matrix's order): the facts with a
    difference (a contradiction, a differing figure, or an omission among the
    key differences), the most salient first, then the most widely asserted."""
    def differs(r):
        return bool(set(r["anchors"]) & key_anchors) or \
            bool({"contradicted", "differs"} & set(r["statuses"].split()))
    by_salience = sorted(fact_rows, key=lambda r: -r["salience"])
    ids = {r["id"] for r in [r for r in by_salience if differs(r)][:KEY_DIFFERING_ROWS]}
    ids |= {r["id"] for r in [r for r in by_salience if r["id"] not in ids
                              and "asserted" in r["statuses"].split()][:KEY_ASSERTED_ROWS]}
    return [r for r in fact_rows if r["id"] in ids]


# --------------------------------------------------------------------------- event page
def event_context(data: RunData, event: Event, ui_language: str = "en") -> dict:
    """Everything the event page shows. ``ui_language`` only changes the words
    of the marks in the texts (their tags and tooltips); the counts and rows are the same."""
    from compare.report import i18n
    from compare.report.handout import ACTION_MSG, COUNTED_MSG, SOURCE_TYPE_MSG
    from compare.report.keydiff import agency_differences, compose, key_differences, source_differences

    _ = i18n.translations(ui_language).gettext

    arts = data.t("articles").filter(pl.col("article_id").is_in(event.article_ids))
    if "published" in arts.columns:
        arts = arts.sort("published", nulls_last=True)
    art_rows = rows(arts)
    by_id = {a["article_id"]: a for a in art_rows}

    sentences = data.t("sentences")
    if sentences.height:
        sentences = sentences.filter(pl.col("article_id").is_in(event.article_ids)).sort("article_id", "index")
    sents_by_article: dict[str, list[dict]] = defaultdict(list)
    for s in rows(sentences):
        sents_by_article[s["article_id"]].append(s)
    translations = {}
    if data.has("translations"):
        tr = data.t("translations").filter(pl.col("article_id").is_in(event.article_ids))
        target = tr["target_language"].to_list() if "target_language" in tr.columns else ["en"] * tr.height
        translations = {sid: (text, lang or "en") for sid, text, lang in zip(tr["sentence_id"].to_list(), tr["text"].to_list(), target)}
    sentence_ids = {s["sentence_id"] for ss in sents_by_article.values() for s in ss}

    # ---- claims matrix
    clusters = {c["cluster_id"]: c for c in rows(data.for_event("claim_clusters", event.id))}
    matrix = rows(data.for_event("claim_matrix", event.id))
    claim_rows = rows(data.for_event("claims", event.id))
    labels = cluster_labels(clusters, matrix, claim_rows)

    # Columns: the event's outlets, plus outlets the matrix reports on for at least one claim.
    # Outlets whose every cell is "not covered" only add empty columns; they are named below the table.
    active = {m["outlet"] for m in matrix if m["status"] != "not_covered"}
    keep = {o.id for o in event.outlets} | active
    absent_outlets = sorted({m["outlet"] for m in matrix} - keep)
    columns = sorted(keep, key=lambda oid: (lang_key(data.outlets[oid].language) if oid in data.outlets else (9, "und"),
                                            data.outlets[oid].name.casefold() if oid in data.outlets else oid))
    col_outlets = [data.outlets.get(oid) or Outlet(oid, oid, "und", None, None) for oid in columns]
    col_groups = language_groups(col_outlets)

    # The matrix has one row per (sub-event, claim, outlet): a claim can recur in several sub-events.
    cells: dict[tuple[str, str], dict[str, dict]] = defaultdict(dict)
    sentence_claims: dict[str, list[dict]] = defaultdict(list)
    for m in matrix:
        ev_ids = [i for i in (m.get("evidence_sentence_ids") or []) if i]
        links = [i for i in ev_ids if i in sentence_ids]
        cells[(m.get("subevent_id") or "", m["cluster_id"])][m["outlet"]] = {**m, "links": links}
        if m["status"] in ("asserted", "contradicted"):
            for sid in ev_ids:
                sentence_claims[sid].append({"cluster_id": m["cluster_id"], "status": m["status"], "note": m.get("note")})
    for c in claim_rows:
        sid = c.get("sentence_id")
        if sid:
            sentence_claims[sid].append({"cluster_id": c["cluster_id"], "status": "asserted", "note": None})
    for sid, items in sentence_claims.items():  # one badge per claim, a contradiction outranks an assertion
        best: dict[str, dict] = {}
        for c in items:
            if c["cluster_id"] not in best or (c["status"] == "contradicted" and best[c["cluster_id"]]["status"] != "contradicted"):
                best[c["cluster_id"]] = c
        sentence_claims[sid] = list(best.values())

    # rows: grouped by sub-event; within one, the most widely reported claims first
    def row_order(key):
        st = [c["status"] for c in cells[key].values()]
        return (key[0], -st.count("asserted") - st.count("contradicted"), -st.count("contradicted"), labels[key[1]]["label"])
    sub_labels = subevent_labels(data, event.id)
    subs_of = defaultdict(set)
    for sub, cid in cells:
        subs_of[cid].add(sub)
    matrix_rows = []
    row_anchor: dict[str, str] = {}
    for key in sorted(cells, key=row_order):
        sub, cid = key
        anchor = f"claim-{slug(cid)}" if len(subs_of[cid]) == 1 else f"claim-{slug(cid)}--{slug(sub)}"
        row_anchor.setdefault(cid, anchor)
        matrix_rows.append({"cluster": clusters.get(cid, {"cluster_id": cid}), "id": anchor,
                            **labels[cid], "subevent": sub, "subevent_label": sub_labels.get(sub, sub),
                            "cells": [cells[key].get(o.id) for o in col_outlets],
                            "statuses": " ".join(sorted({c["status"] for c in cells[key].values()}))})
    n_claims = len(matrix_rows)
    # A sub-event that one outlet alone reports has nothing to compare: its
    # claims would fill the table with rows of "not covered". It is listed
    # under the table instead (the article text below still marks its claims).
    reporters: dict[str, set] = defaultdict(set)
    for r in matrix_rows:
        for o, cell in zip(col_outlets, r["cells"]):
            if cell and cell["status"] != "not_covered":
                reporters[r["subevent"]].add(o.id)
    solo = {sub for sub, outs in reporters.items() if len(outs) == 1} if len(reporters) > 1 else set()
    solo_subevents = []
    for sub in sorted(solo, key=lambda x: (x or "")):
        rows_of = [r for r in matrix_rows if r["subevent"] == sub]
        (outlet_id,) = reporters[sub]
        solo_subevents.append({"label": rows_of[0]["subevent_label"], "claims": len(rows_of),
                               "outlet": data.outlets.get(outlet_id) or Outlet(outlet_id, outlet_id, "und", None, None)})
    matrix_rows = [r for r in matrix_rows if r["subevent"] not in solo]
    show_subevents = len({r["subevent"] for r in matrix_rows}) > 1

    # ---- the matrix as the page shows it: one row per fact; the key rows here, all on the matrix page
    sentence_time = {s["sentence_id"]: by_id[a]["published"].isoformat()
                     for a, ss in sents_by_article.items() if by_id.get(a) and by_id[a].get("published") for s in ss}
    fact_rows = fold_facets(matrix_rows, col_outlets, sentence_time)
    matrix_diffs = key_differences(matrix_rows, col_outlets, limit=None)
    outlet_by_id = {o.id: o for o in col_outlets}
    # read once: the key differences and the sources and agency sections below
    attributions = data.for_event("attributions", event.id)
    agency = data.for_event("agency", event.id)
    attribution_rows, agency_rows = rows(attributions), rows(agency)
    other_diffs = (agency_differences([g for g in agency_rows if g.get("sentence_id") in sentence_ids], outlet_by_id)
                   + source_differences([a for a in attribution_rows if a.get("sentence_id") in sentence_ids],
                                        outlet_by_id, SOURCE_TYPE_LABEL))
    all_diffs = compose(matrix_diffs, other_diffs)
    key_diffs = compose(matrix_diffs, other_diffs, limit=KEY_DIFFERENCES_SHOWN)[:KEY_DIFFERENCES_SHOWN]
    key_rows = key_fact_rows(fact_rows, {k.row_href[1:] for k in key_diffs})
    on_page = {a for r in key_rows for a in r["anchors"]}
    in_matrix = {a for r in fact_rows for a in r["anchors"]}
    full_matrix = matrix_page(event)

    def row_href(anchor: str | None) -> str | None:
        """A link to a matrix row: on this page when it is a key row, else on the matrix page."""
        if anchor in on_page:
            return "#" + anchor
        return f"{full_matrix}#{anchor}" if anchor in in_matrix else None

    for k in key_diffs:
        k.row_href = row_href(k.row_href[1:]) or k.row_href

    # omitted claims per outlet: listed under that outlet's column
    omitted_by_outlet: dict[str, list[dict]] = defaultdict(list)
    for r in fact_rows:
        for o, cell in zip(col_outlets, r["cells"]):
            if cell and cell["status"] == "omitted" and not any(x["anchor"] == r["id"] for x in omitted_by_outlet[o.id]):
                omitted_by_outlet[o.id].append({"label": r["label"], "href": row_href(r["id"]), "anchor": r["id"]})

    # ---- numbers
    numbers = data.for_event("numbers", event.id)
    number_rows = []
    sentence_numbers: dict[str, list[dict]] = defaultdict(list)
    if numbers.height:
        for (counted,), g in numbers.sort("counted").group_by(["counted"], maintain_order=True):
            anchor = f"num-{slug(counted)}"
            per_outlet = defaultdict(list)
            for r in g.to_dicts():
                r["value"] = format_value(r.get("value_low"), r.get("value_high"))
                r["link"] = r["sentence_id"] if r.get("sentence_id") in sentence_ids else None
                per_outlet[r["outlet"]].append(r)
                if r.get("sentence_id"):
                    sentence_numbers[r["sentence_id"]].append({**r, "anchor": anchor})
            conflict = bool(g["conflict"].any()) if "conflict" in g.columns else False
            # distinct values in numeric order: 1 vs 2–9 vs 10 vs ≥51
            order = {r["value"]: (r.get("value_low") if r.get("value_low") is not None else r.get("value_high") or 0,
                                  r.get("value_high") or 0) for rs in per_outlet.values() for r in rs}
            values = sorted(order, key=lambda v: order[v])
            number_rows.append({"counted": counted, "id": anchor, "conflict": conflict, "distinct": values,
                                "cells": [per_outlet.get(o.id, []) for o in col_outlets]})

    # ---- sources and agency
    mix = data.for_event("source_mix", event.id)
    mix_types = [t for t in SOURCE_TYPE_ORDER if mix.height and t in set(mix["source_type"].to_list())]
    mix_types += sorted({*mix["source_type"].to_list()} - set(mix_types)) if mix.height else []
    mix_table = []
    if mix.height:
        for o in col_outlets:
            sub = mix.filter(pl.col("outlet") == o.id)
            if sub.height:
                vals = {r["source_type"]: r for r in sub.to_dicts()}
                mix_table.append({"outlet": o, "cells": [vals.get(t) for t in mix_types]})
    # whom each outlet quotes: one entry per source, with how often and a link to the first mention
    quoted: dict[str, list[dict]] = defaultdict(list)
    seen_src: dict[tuple, dict] = {}
    for a in attribution_rows:
        name = a.get("source_actor") or a.get("source_text") or "?"
        key = (a["outlet"], str(name).casefold(), a.get("source_type"))
        if key in seen_src:
            seen_src[key]["n"] += 1
            continue
        entry = {**a, "name": name, "n": 1}
        seen_src[key] = entry
        quoted[a["outlet"]].append(entry)
    agency_summary = rows(data.for_event("agency_summary", event.id))
    ag_by_outlet = {r["outlet"]: r for r in agency_summary}
    # each outlet's mentions, so every count in the agency table has its sentences behind it
    mentions: dict[str, dict[str, list[dict]]] = defaultdict(lambda: defaultdict(list))
    for g in agency_rows:
        if g.get("sentence_id") in sentence_ids:
            mentions[g["outlet"]][g.get("agent_status") or "absent"].append(g)
    agency_table = [{**ag_by_outlet[o.id], "outlet": o, "mentions": mentions.get(o.id, {})}
                    for o in col_outlets if o.id in ag_by_outlet]

    # ---- marks per sentence
    marks_by_sentence: dict[str, list[dict]] = defaultdict(list)
    for a in attribution_rows:
        sid = a["sentence_id"]
        st = a.get("source_type")
        label = _(SOURCE_TYPE_MSG[st]) if st in SOURCE_TYPE_MSG else (st or _("source"))
        if a.get("source_start") is not None and a.get("source_end") is not None:
            marks_by_sentence[sid].append({"abs": True, "start": a["source_start"], "end": a["source_end"],
                                           "cls": "m-src", "title": _("source: %(type)s") % {"type": label},
                                           "tag": _tag("t-src", f"◆ {label}", "#sources")})
        if a.get("cue_start") is not None and a.get("cue_end") is not None:
            marks_by_sentence[sid].append({"abs": True, "start": a["cue_start"], "end": a["cue_end"],
                                           "cls": "m-cue",
                                           "title": _("attribution cue (%(kind)s)") % {"kind": a.get("kind")}})
    for g in agency_rows:
        status = g.get("agent_status") or "absent"
        who = f": {g['agent_text']}" if g.get("agent_text") and status != "absent" else ""
        agent = _(AGENT_LABEL[status]) if status in AGENT_LABEL else status
        action = _(ACTION_MSG[g.get("action")]) if g.get("action") in ACTION_MSG else g.get("action")
        if g.get("trigger_start") is not None:
            marks_by_sentence[g["sentence_id"]].append({
                "abs": True, "start": g["trigger_start"], "end": g["trigger_end"], "cls": f"m-ag m-ag-{status}",
                "title": f"{action}: {agent}",
                "tag": _tag(f"t-ag t-ag-{status}", f"{'▲' if status == 'named' else '△' if status == 'generic' else '∅'} "
                            f"{agent}{who} ({action})", "#agency")})
    def counted_word(c):
        return _(COUNTED_MSG[c]) if c in COUNTED_MSG else c

    for sid, nums in sentence_numbers.items():
        for n in nums:
            marks_by_sentence[sid].append({
                "find": n.get("quantity_text"), "cls": "m-num" + (" m-num-conflict" if n.get("conflict") else ""),
                "title": f"{counted_word(n['counted'])}: {n['value']}",
                "tag": _tag("t-num" + (" t-conflict" if n.get("conflict") else ""),
                            f"# {counted_word(n['counted'])} {n['value']}" + (" ≠" if n.get("conflict") else ""),
                            "#" + n["anchor"])})

    def render_sentence(s: dict) -> dict:
        marks = []
        for m in marks_by_sentence.get(s["sentence_id"], []):
            m = dict(m)
            if m.pop("abs", False):
                m["start"] -= s["start"]
                m["end"] -= s["start"]
            elif m.get("find"):
                needle = m.pop("find")
                pos = s["text"].find(needle)
                if pos < 0:  # the number's text is not in this sentence: keep the tag, skip the span
                    continue
                m["start"], m["end"] = pos, pos + len(needle)
            marks.append(m)
        claims = []
        for c in sentence_claims.get(s["sentence_id"], []):
            lab = labels.get(c["cluster_id"]) or {"label": cluster_label(clusters.get(c["cluster_id"], {"cluster_id": c["cluster_id"]}))}
            facet = str(c["cluster_id"]).partition("#")[2]
            # a number or date row: the sentence itself shows the value, so the badge only names the facet
            short = _(FACET_LABEL[facet]) if facet in FACET_LABEL else facet.capitalize() if facet else _short(lab["label"], 70)
            claims.append({**c, "label": short, "full": lab["label"],
                           "href": row_href(row_anchor.get(c["cluster_id"]))})
        status = "contradicted" if any(c["status"] == "contradicted" for c in claims) else (
            "asserted" if claims else None)
        return {**s, "html": mark_sentence(s["text"], marks), "claims": claims, "status": status,
                "translation": translations.get(s["sentence_id"], (None, None))[0],
                "translation_lang": translations.get(s["sentence_id"], (None, "en"))[1]}

    columns_by_outlet = []
    for lang, outlets in event.outlets_by_language():
        group = []
        for o in outlets:
            arts_o = []
            for a in art_rows:
                if a["outlet"] != o.id:
                    continue
                sents = [render_sentence(s) for s in sents_by_article.get(a["article_id"], [])]
                paragraphs = defaultdict(list)
                for s in sents:
                    paragraphs[s.get("paragraph") or 0].append(s)
                orig = by_id.get(a.get("duplicate_of")) if a.get("duplicate_of") else None
                arts_o.append({**a, "paragraphs": [paragraphs[k] for k in sorted(paragraphs)],
                               "reprint_of": orig, "has_sentences": bool(sents)})
            group.append({"outlet": o, "articles": arts_o, "omitted": omitted_by_outlet.get(o.id, [])})
        columns_by_outlet.append((lang, group))

    grouping = grouping_rows(data, event, by_id)
    counts = {
        "articles": len(event.article_ids), "outlets": len(event.outlets), "clusters": n_claims,
        "contradicted": sum(1 for m in matrix if m["status"] == "contradicted"),
        "omitted": sum(1 for m in matrix if m["status"] == "omitted"),
        "number_conflicts": sum(1 for r in number_rows if r["conflict"]),
        "differences": len(all_diffs), "facts": len(fact_rows),
        "attributions": attributions.height, "agentless": int((agency["agent_status"] == "absent").sum()) if agency.height else 0,
    }
    return {
        "event": event, "columns": columns_by_outlet, "col_outlets": col_outlets, "col_groups": col_groups,
        "show_subevents": show_subevents,
        "absent_outlets": [data.outlets[o] if o in data.outlets else Outlet(o, o, "und", None, None) for o in absent_outlets],
        "texts_open": len(sentence_ids) <= TEXTS_OPEN_MAX, "n_sentences": len(sentence_ids),
        "key_differences": key_diffs, "fact_rows": fact_rows, "key_rows": key_rows, "matrix_page": full_matrix,
        "matrix_rows": matrix_rows, "solo_subevents": solo_subevents, "number_rows": number_rows, "mix_types": mix_types, "mix_table": mix_table,
        "agency_table": agency_table, "quoted": quoted, "counts": counts, "grouping": grouping,
        "has": {n: data.has(n) or n in data.tables for n in data.tables} | {n: False for n in data.missing},
    }


def grouping_rows(data: RunData, event: Event, by_id: dict[str, dict]) -> list[dict]:
    """Why each article of the event is in it (``event_links``): its closest
    articles in the event, how likely the link, the names both use, the days
    between them, and any pin from the configuration."""
    if not data.has("event_links"):
        return []
    links = data.t("event_links").filter(pl.col("article_id").is_in(event.article_ids))
    titles = dict(zip(data.t("articles")["article_id"].to_list(), data.t("articles")["title"].to_list()))
    outlets = dict(zip(data.t("articles")["article_id"].to_list(), data.t("articles")["outlet"].to_list()))
    out = []
    for aid in event.article_ids:
        a = by_id.get(aid)
        if a is None:
            continue
        mine = rows(links.filter(pl.col("article_id") == aid).sort("rank"))
        if not mine and a.get("duplicate_of"):
            continue  # reprints follow their original
        out.append({
            "article": a, "pinned": next((x["pinned"] for x in mine if x.get("pinned")), None),
            "links": [{"title": titles.get(x["neighbour_id"]) or "(untitled)",
                       "outlet": outlets.get(x["neighbour_id"]), "id": x["neighbour_id"],
                       "same_event": x["same_event"], "p": x["link_probability"], "similarity": x["similarity"],
                       "names": x["shared_names"] or [], "days": x["days_apart"]}
                      for x in mine if x.get("neighbour_id")],
        })
    return out


def event_summary(data: RunData, event: Event, context: dict | None = None) -> dict:
    """The index's line for an event: the event page's own counts (one source for both)."""
    c = (context if context is not None else event_context(data, event))["counts"]
    return {"event": event, "groups": event.outlets_by_language(), "articles": c["articles"],
            "clusters": c["clusters"], "contradicted": c["contradicted"], "omitted": c["omitted"],
            "number_conflicts": c["number_conflicts"], "differences": c["differences"]}


# --------------------------------------------------------------------------- figures and handouts
# The per-event figures of ``compare figures`` (file stem prefix, caption), in page order.
EVENT_FIGURES = (("claim-matrix", N_("Claims × outlets, the most widely reported claims")),
                 ("numbers", N_("Numbers each outlet gives")),
                 ("source-mix", N_("Whom each outlet quotes, by source type")),
                 ("agency", N_("Who acted: named, generic or no agent")))
FIGURE_FORMATS = ("png", "svg", "pdf")   # the first one found is shown; the others are linked


def copy_figures(data: RunData, out: Path) -> dict[str, list[dict]]:
    """Copy the figures that were drawn into ``out/figures/``: ``{event id or
    "timeline": [figure]}``. A figure not drawn (``compare figures`` draws
    per-event figures for the largest events only) is not listed, so the
    report never links a missing file."""
    src, dest = data.run.figures_dir, out / "figures"
    in_place = dest.resolve() == src.resolve()   # ``--out`` the run itself: the figures are already there
    if not in_place:
        shutil.rmtree(dest, ignore_errors=True)   # a figure of an earlier report must not outlive its run
    wanted = [("timeline", "timeline", N_("Articles over time, by outlet"))]
    wanted += [(e.id, f"{stem}-{e.slug}", caption) for e in data.events for stem, caption in EVENT_FIGURES]
    found: dict[str, list[dict]] = defaultdict(list)
    for key, stem, caption in wanted:
        files = [src / f"{stem}.{fmt}" for fmt in FIGURE_FORMATS if (src / f"{stem}.{fmt}").is_file()]
        if not files or files[0].suffix == ".pdf":   # a browser shows PNG or SVG, not PDF
            continue
        dest.mkdir(parents=True, exist_ok=True)
        for f in files if not in_place else []:
            shutil.copyfile(f, dest / f.name)
        found[key].append({"src": f"figures/{files[0].name}", "caption": caption,
                           "formats": [(f.suffix[1:].upper(), f"figures/{f.name}") for f in files]})
    return found


def copy_handouts(data: RunData, out: Path) -> dict[str, list[dict]]:
    """Copy each event's handout pages into ``out/handouts/<event>/``:
    ``{event id: [{"label", "href"}]}`` for the ones that exist."""
    src, dest = data.run.path / "handouts", out / "handouts"
    in_place = dest.resolve() == src.resolve()
    if not in_place:
        shutil.rmtree(dest, ignore_errors=True)
    found: dict[str, list[dict]] = {}
    for e in data.events:
        folder = src / e.slug
        if not folder.is_dir():
            continue
        if not in_place:
            shutil.copytree(folder, dest / e.slug)
        # every page there (worksheet.html, answer-key.html, …), the worksheet first
        pages = sorted(folder.glob("*.html"), key=lambda p: (p.name != "worksheet.html", p.name))
        found[e.id] = [{"label": p.stem.replace("-", " "), "href": f"handouts/{e.slug}/{p.name}"} for p in pages]
    return found


def common_context(data: RunData, ui_language: str = "en") -> dict:
    from compare.report import i18n
    from compare.report.data import TABLE_STAGE

    _ = i18n.translations(ui_language).gettext
    def code(text):   # a table's name, a command: never translated
        return text if ui_language == "en" else Markup('<span translate="no">{}</span>').format(text)

    notes = [Markup(escape(_("%(table)s: not in this run (written by `%(command)s`)")))
             % {"table": code(name), "command": code(f"compare {TABLE_STAGE.get(name, '?')}")} for name in data.missing]
    return {
        "signature": data.signature(), "signature_line": data.signature_line(), "mode": data.mode,
        "missing_pairs": data.missing_pairs(), "missing_notes": notes,
        "missing": set(data.missing),
        "synthetic": bool((data.manifest or {}).get("synthetic")),
    }


def quality() -> dict:
    """The measured quality of each kind of mark (``compare/data/quality.toml``, from docs/evaluation.md)."""
    import tomllib

    q = tomllib.loads((HERE.parent / "data" / "quality.toml").read_text(encoding="utf-8"))
    return {"source": q["source"], "section": q["section"], "groups": q["group"]}


def write_html(data: RunData, out: Path, *, contexts: dict[str, dict] | None = None,
               ui_language: str = "en") -> list[Path]:
    """Write every page of the report into ``out``, with the figures and handouts
    the pages show copied beside them: the folder is complete on its own.
    Headings, labels and notices are in ``ui_language`` (en, ru, az)."""
    env = environment(ui_language)
    ctx = common_context(data, ui_language)
    contexts = contexts or {}
    figures = copy_figures(data, out)
    handouts = copy_handouts(data, out)
    written = []
    index = env.get_template("index.html").render(
        **ctx, events=[event_summary(data, e, contexts.get(e.id)) for e in data.events],
        n_articles=data.t("articles").height, languages=sorted(
            {o.language for o in data.outlets.values()}, key=lang_key), outlets=data.outlets,
        timeline=figures.get("timeline", []), handouts=handouts, figures_made=data.run.figures_dir.is_dir(),
        handouts_made=(data.run.path / "handouts").is_dir(), run_path=data.run.path,
    )
    written.append(atomic_write_text(out / "index.html", index))
    for i, event in enumerate(data.events):
        prev_e = data.events[i - 1] if i > 0 else None
        next_e = data.events[i + 1] if i + 1 < len(data.events) else None
        ev_ctx = contexts[event.id] if event.id in contexts else event_context(data, event, ui_language)
        page = env.get_template("event.html").render(**ctx, **ev_ctx, prev_e=prev_e, next_e=next_e,
                                                     figures=figures.get(event.id, []),
                                                     handouts=handouts.get(event.id, []))
        written.append(atomic_write_text(out / event.page, page))
        if ev_ctx["fact_rows"]:
            page = env.get_template("matrix_page.html").render(**ctx, **ev_ctx)
            written.append(atomic_write_text(out / ev_ctx["matrix_page"], page))
    written.append(atomic_write_text(out / "about.html", env.get_template("about.html").render(**ctx, quality=quality())))
    return written
