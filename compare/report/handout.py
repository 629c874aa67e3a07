"""Teaching handouts: one event from several outlets side by side, with guided questions.

    from compare.report.handout import handout_run
    print(handout_run("runs/demo"))     # the event with the most outlets

Writes ``RUN/handouts/<event>/worksheet.{html,md}`` (excerpts and questions) and
``answer-key.{html,md}`` (answers with the evidence sentences). Questions are
generated from the analysis: omitted claims, contradictions, whom each outlet
quotes, who is named as having acted, and numbers that differ. Excerpt
sentences carry short labels (A1, B3, ...) so answers can cite them.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from compare.errors import CompareError
from compare.report.data import (
    AGENT_LABEL, LANG_NAMES, SOURCE_TYPE_LABEL, collapse_matrix, Event, Outlet, RunData, format_value, load,
)
from compare.runs import Run, atomic_write_text
from compare.safety import md_text
from compare.text import shorten


def _short(text: str, n: int = 110) -> str:
    return shorten(text, n)

LEAD_SENTENCES = 4  # every excerpt opens with the article's first sentences
MAX_ITEMS = 3       # answers list at most this many claims or sources: a worksheet is not the report
PAST = {"die": "died", "kill": "were killed", "beat": "were beaten", "shoot": "were shot",
        "detain": "were detained", "arrest": "were arrested", "raid": "were raided",
        "torture": "were tortured", "deport": "were deported", "injure": "were injured"}


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


@dataclass
class Question:
    kind: str
    text: str
    answer: list[str]                      # plain-text lines
    evidence: list[str] = field(default_factory=list)  # sentence ids
    lines: int = 4                          # writing space in the worksheet


def pick_event(data: RunData, event: str | None) -> Event:
    if event is None:
        return data.events[0]  # events are sorted by number of outlets, largest first
    for e in data.events:
        if e.id == event or e.slug == event:
            return e
    known = ", ".join(e.id for e in data.events[:10])
    raise CompareError(f"{data.run.path}: no event {event!r}; events: {known}")


def _name(o: Outlet) -> str:
    return f"{o.name} ({o.language})"


def build_questions(data: RunData, event: Event, outlets: list[Outlet]) -> list[Question]:
    from compare.report.html import cluster_labels

    by_id = {o.id: o for o in outlets}
    questions: list[Question] = []
    clusters = {c["cluster_id"]: c for c in data.for_event("claim_clusters", event.id).to_dicts()}
    matrix = [m for m in data.for_event("claim_matrix", event.id).to_dicts() if m["outlet"] in by_id]
    cell = collapse_matrix(matrix)
    names = cluster_labels(clusters, matrix, data.for_event("claims", event.id).to_dicts())
    order_of = list(by_id).index

    def cluster_label(row):
        return names.get(row["cluster_id"], {}).get("label") or str(row["cluster_id"])

    def first_evidence(m):
        ids = m.get("evidence_sentence_ids") or []
        return [ids[0]] if ids else []

    def spread(cid):  # how many outlets report a claim: the widely reported make the best questions
        return sum(1 for (c, _o), m in cell.items() if c == cid and m["status"] in ("asserted", "contradicted"))

    def plain(text):
        return str(text).rstrip(" .;")

    # 1. omissions: the pair of outlets with the most claims one asserts and the other omits
    pairs = defaultdict(list)
    for (cid, x), m in cell.items():
        if m["status"] != "asserted" or "#" in str(cid):  # facet rows (numbers, dates) have their own question
            continue
        for y in by_id:
            other = cell.get((cid, y))
            if y != x and other and other["status"] == "omitted":
                pairs[(x, y)].append(cid)
    if pairs:
        order = list(by_id)
        (x, y), cids = max(pairs.items(), key=lambda kv: (len(kv[1]), -order.index(kv[0][0]), -order.index(kv[0][1])))
        cids = sorted(cids, key=lambda c: (-spread(c), str(c)))
        shown = cids[:MAX_ITEMS]
        ans = [f"{by_id[y].name} leaves out:"] + [f"– {plain(cluster_label({'cluster_id': c}))}" for c in shown]
        if len(cids) > len(shown):
            ans.append(f"(and {len(cids) - len(shown)} more; see the report's claims matrix)")
        questions.append(Question(
            "omission", f"Which facts reported by {_name(by_id[x])} are missing from {_name(by_id[y])}?",
            ans, [i for c in shown for i in first_evidence(cell[(c, x)])]))

    # 2. contradictions: prefer a claim itself over its number or date, then the most widely reported
    contra = sorted((k for k, m in cell.items() if m["status"] == "contradicted"),
                    key=lambda k: ("#" in str(k[0]), -spread(k[0]), str(k[0]), order_of(k[1])))
    if contra:
        cid, y = contra[0]
        asserting = [o for o in by_id if cell.get((cid, o), {}).get("status") == "asserted"]
        label = plain(cluster_label({"cluster_id": cid}))
        note = cell[(cid, y)].get("note")
        ans = [f"{by_id[y].name} contradicts it" + (f" ({note})" if note else "") + "."]
        ev = first_evidence(cell[(cid, y)])
        if asserting:
            ans.append(f"{', '.join(by_id[o].name for o in asserting[:3])} assert{'s' if len(asserting) == 1 else ''} it.")
            ev += [i for o in asserting[:3] for i in first_evidence(cell[(cid, o)])]
        others = sorted({o for c2, o in contra if c2 == cid and o != y}, key=order_of)
        if others:
            ans.append(f"Also contradicting: {', '.join(by_id[o].name for o in others)}.")
            ev += [i for o in others for i in first_evidence(cell[(cid, o)])]
        questions.append(Question(
            "contradiction", f"The outlets do not agree about this: “{_short(label)}”. Who says what? "
            "Find the sentences.", ans, ev))

    # 3. sources: the outlet quoting the most, against what the others quote
    att = data.for_event("attributions", event.id)
    att = att.filter(pl.col("outlet").is_in(list(by_id))) if att.height else att
    if att.height:
        counts = att.group_by("outlet").len().sort(["len", "outlet"], descending=[True, False])
        z = counts["outlet"][0]
        mine = att.filter(pl.col("outlet") == z)
        types_z = set(mine["source_type"].drop_nulls().to_list())
        types_others = set(att.filter(pl.col("outlet") != z)["source_type"].drop_nulls().to_list())
        ans = [f"{by_id[z].name} quotes:"]
        ev = []
        by_type = defaultdict(list)
        for r in mine.to_dicts():
            by_type[r["source_type"]].append(r)
        for t, rs in sorted(by_type.items(), key=lambda kv: (-len(kv[1]), str(kv[0]))):
            names = list(dict.fromkeys(_short(r["source_actor"] or r["source_text"], 50) for r in rs
                                       if (r["source_actor"] or r["source_text"]) not in (None, "None")))
            shown = "; ".join(names[:2]) + ("; …" if len(names) > 2 else "")
            ans.append(f"– {SOURCE_TYPE_LABEL.get(t, t)} ({len(rs)})" + (f": {shown}" if shown else ""))
            ev.append(rs[0]["sentence_id"])
        # "other" and "unattributed" are no kind of source a reader can look for
        not_quoted = types_others - types_z - {"other", "unattributed"}
        if not_quoted:
            ans.append("It does not quote: " + ", ".join(SOURCE_TYPE_LABEL.get(t, t) for t in sorted(not_quoted))
                       + " — which other outlets do.")
        else:
            ans.append("Every type of source the other outlets quote also appears here.")
        questions.append(Question("sources", f"Who does {_name(by_id[z])} quote, and who does it not?",
                                  ans, ev[:MAX_ITEMS + 1]))

    # 4. agency: the outlet most explicit about who acted against the one that most often leaves the agent out
    ag = data.for_event("agency", event.id)
    ag = ag.filter(pl.col("outlet").is_in(list(by_id))) if ag.height else ag
    if ag.height:
        summary = (ag.group_by("outlet").agg(named=(pl.col("agent_status") == "named").sum(),
                                             generic=(pl.col("agent_status") == "generic").sum(),
                                             absent=(pl.col("agent_status") == "absent").sum(), total=pl.len())
                   .with_columns(share=(pl.col("named") + 0.5 * pl.col("generic")) / pl.col("total")))
        best = summary.sort(["share", "named", "outlet"], descending=[True, True, False]).row(0, named=True)
        worst = summary.sort(["absent", "share", "outlet"], descending=[True, False, False]).row(0, named=True)
        if best["outlet"] != worst["outlet"] and worst["absent"]:
            dies = ag.filter((pl.col("outlet") == worst["outlet"]) & (pl.col("agent_status") == "absent"))
            # "died" reads most naturally; fall back to whatever the outlet left agentless
            dies = dies.sort(pl.col("action") != "die", "sentence_id")
            action = dies["action"][0]
            acted = ag.filter((pl.col("outlet") == best["outlet"]) & (pl.col("agent_status") != "absent"))
            who = "; ".join(sorted({f"{r['agent_text']} ({r['action']}, {AGENT_LABEL[r['agent_status']]})"
                                    for r in acted.to_dicts() if r["agent_text"]}))
            ans = [f"{by_id[best['outlet']].name} says who acted in {best['named'] + best['generic']} of "
                   f"{best['total']} mentions" + (f": {who}." if who else "."),
                   f"{by_id[worst['outlet']].name} leaves the agent out in {worst['absent']} of {worst['total']} "
                   f"mentions, e.g. “{dies['trigger'][0]}” ({action})."]
            questions.append(Question(
                "agency", f"Which outlet names who acted, and which says only that people {PAST.get(action, action)}? "
                f"Compare {_name(by_id[best['outlet']])} and {_name(by_id[worst['outlet']])}.",
                ans, acted["sentence_id"].to_list()[:3] + dies["sentence_id"].to_list()[:3]))

    # 5. numbers in conflict: every outlet's values for each quantity the analysis flags
    nums = data.for_event("numbers", event.id)
    nums = nums.filter(pl.col("outlet").is_in(list(by_id))) if nums.height else nums
    if nums.height and "conflict" in nums.columns and nums["conflict"].any():
        kinds = sorted(set(nums.filter(pl.col("conflict"))["counted"].to_list()))
        ans, ev = [], []
        for counted in kinds:
            g = nums.filter(pl.col("counted") == counted)
            parts = []
            for o in [o for o in by_id if o in set(g["outlet"].to_list())]:
                vals = {}
                for r in g.filter(pl.col("outlet") == o).to_dicts():
                    src = r.get("source_actor") or (SOURCE_TYPE_LABEL.get(r["source_type"])
                                                     if r.get("source_type") not in (None, "unattributed") else None)
                    vals.setdefault(format_value(r["value_low"], r["value_high"]), (src, r["sentence_id"]))
                parts.append(f"{by_id[o].name}: " + ", ".join(
                    f"{v} ({'source: ' + src if src else 'no source given'})" for v, (src, _sid) in vals.items()))
                ev += [sid for _src, sid in list(vals.values())[:2]]
            ans.append(f"– {counted}: " + "; ".join(parts) + ".")
        questions.append(Question("numbers", f"Which numbers differ between the outlets ({', '.join(kinds)})? "
                                  "Whom does each outlet give as the source of its number?", ans, ev[:8]))

    questions.append(Question(
        "discussion", "Pick two sentences that report the same fact in different words. "
        "How might each wording shape what a reader thinks happened?",
        ["Open question; good answers quote both sentences and point to specific words "
         "(who is the grammatical subject, which verb is used, what is left out)."], [], lines=6))
    return questions


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


def _cite(ids: list[str], labels: dict[str, str]) -> str:
    seen = []
    for i in ids:
        if i in labels and labels[i] not in seen:
            seen.append(labels[i])
    return ", ".join(seen)


def handout_markdown(event: Event, blocks, questions, labels, data: RunData, *, key: bool) -> str:
    # Text from the data is escaped: no raw HTML, links or formatting from an article.
    title = ("Answer key: " if key else "Worksheet: ") + md_text(event.label)
    out = [f"# {title}", "", f"{md_text(event.date_span())} · {len(blocks)} outlets in "
           f"{md_text(', '.join(sorted({LANG_NAMES.get(b['outlet'].language, b['outlet'].language) for b in blocks})))}", ""]
    if not key:
        out += ["Read the excerpts. Each sentence has a label (A1, B2, ...): cite labels in your answers.", ""]
        if data.mode == "cross-lingual":
            out += ["> No translations are included (no translation model was installed when this was made).", ""]
        out += ["## Excerpts", ""]
        for b in blocks:
            o = b["outlet"]
            out += [f"### {b['code']}. {md_text(o.name)} ({md_text(LANG_NAMES.get(o.language, o.language))}"
                    + (f", {md_text(o.kind)}" if o.kind else "") + (f", {md_text(o.country)}" if o.country else "") + ")", ""]
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
                        out.append("  *EN: (no translation installed)*")
                if a["more"]:
                    out.append("- […]")
                out.append("")
    out += ["## Questions" if not key else "## Answers", ""]
    for i, q in enumerate(questions, 1):
        out += [f"{i}. {md_text(q.text)}", ""]
        if key:
            for line in q.answer:  # "– item" lines become a nested Markdown list
                out += [f"   - {md_text(line[2:])}"] if line.startswith("– ") else ["", f"   {md_text(line)}", ""]
            cite = _cite(q.evidence, labels)
            if cite:
                out += ["", f"   Evidence: {cite}."]
            out.append("")
        else:
            out += ["   Answer: " + "_" * 60, ""] + ["   " + "_" * 68, ""] * (q.lines // 2)
    if key:
        out += ["Evidence sentences:", ""]
        used = {i for q in questions for i in q.evidence}
        for b in blocks:
            for a in b["articles"]:
                for s in a["sentences"]:
                    if s["sentence_id"] in used:
                        out.append(f"- **{s['label']}** ({md_text(b['outlet'].name)}) {md_text(s['text'])}"
                                   + (f" — *EN: {md_text(s['translation'])}*" if s["translation"] else ""))
        out.append("")
    out.append(f"Made with compare · {md_text(data.signature_line())}")
    return "\n".join(out) + "\n"


def handout_run(run: str | Path | Run, *, event: str | None = None, out: str | Path | None = None) -> HandoutResult:
    """Write a worksheet and an answer key (HTML and Markdown) for one event."""
    from compare.report.html import environment

    data = load(run)
    ev = pick_event(data, event)
    root = Path(out) if out is not None else data.run.path / "handouts"
    folder = root / ev.slug
    outlets = ev.outlets
    questions = build_questions(data, ev, outlets)
    needed = {i for q in questions for i in q.evidence}
    blocks, labels = excerpts(data, ev, outlets, needed)
    env = environment()
    files = []
    sig = data.signature_line()
    for key, stem in ((False, "worksheet"), (True, "answer-key")):
        html = env.get_template("handout.html").render(
            event=ev, blocks=blocks, questions=questions, labels=labels, key=key, cite=_cite,
            mode=data.mode, signature_line=sig, signature=data.signature(),
            synthetic=bool((data.manifest or {}).get("synthetic")))
        files.append(atomic_write_text(folder / f"{stem}.html", html))
        files.append(atomic_write_text(folder / f"{stem}.md",
                                       handout_markdown(ev, blocks, questions, labels, data, key=key)))
    return HandoutResult(event_id=ev.id, out=folder, files=files, questions=len(questions))
