"""``summary.md``: the report's findings as Markdown (for issues, wikis, e-mail).

Text from the data is escaped (:func:`compare.safety.md_text`): no raw HTML,
links or formatting from an article can reach the rendered page.
"""
from __future__ import annotations

from compare.report.data import (
    LANG_NAMES, SOURCE_TYPE_LABEL, STATUS_SYMBOL, STATUS_WORD, RunData,
)
from compare.safety import md_code, md_text


class MdRaw(str):
    """Markdown written by us (a link to a page), put into a cell as it is."""


def md_cell(value) -> str:
    """A Markdown table cell: escaped text, no pipes or line breaks inside."""
    if isinstance(value, MdRaw):
        return str(value)
    return md_text(value).strip()


def md_table(header: list[str], rows: list[list]) -> list[str]:
    lines = ["| " + " | ".join(md_cell(h) for h in header) + " |",
             "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(md_cell(c) for c in row) + " |" for row in rows]
    return lines + [""]


def mode_lines(data: RunData) -> list[str]:
    lines = []
    if data.mode == "cross-lingual":
        lines.append("> **No translation model installed; matched across languages on multilingual embeddings.**")
    elif data.mode == "partial":
        lines.append("> **Some language pairs have no translation model installed**; those sentences were "
                     "matched on multilingual embeddings.")
    for p in data.missing_pairs() if lines else []:
        lines.append(f"> {md_text(p['pair'])}: {md_code(p['command'])}" if p["command"] else f"> {md_text(p['pair'])}")
    return lines + [""] if lines else []


def render_markdown(data: RunData, contexts: dict[str, dict], summaries: list[dict]) -> str:
    out = ["# Coverage report", ""]
    if (data.manifest or {}).get("synthetic"):
        out += ["**This corpus is fictional** (`synthetic = true` in its corpus.toml): the outlets, people, "
                "places and events are invented to show what the toolkit does.", ""]
    out.append(f"Run signature: {md_code(data.signature_line())}")
    out.append("")
    out += mode_lines(data)
    if data.missing:
        out.append("Missing from this run (those sections are left out):")
        out += [f"- {md_text(n)}" for n in data.missing_notes()] + [""]
    out += ["## Events", ""]
    out += md_table(
        ["Event", "Dates", "Outlets", "Articles", "Claims", "Omitted", "Contradicted", "Numbers in conflict"],
        [[MdRaw(f"[{md_cell(s['event'].label)}]({s['event'].page})"), s["event"].date_span(),
          "; ".join(f"{lang}: " + ", ".join(o.name for o in outs) for lang, outs in s["groups"]),
          s["articles"], s["clusters"], s["omitted"], s["contradicted"], s["number_conflicts"]] for s in summaries])
    legend = ", ".join(f"{STATUS_SYMBOL[k]} {STATUS_WORD[k]}" for k in STATUS_SYMBOL)
    for s in summaries:
        ev = s["event"]
        ctx = contexts[ev.id]
        out += [f"## {md_text(ev.label)}", "", f"{md_text(ev.date_span())} · {len(ev.article_ids)} articles · "
                f"[HTML page]({ev.page})", ""]
        outlets = ctx["col_outlets"]
        heads = [f"{o.name} ({o.language})" for o in outlets]
        solo = "; ".join(f"{md_text(x['label'])} ({md_text(x['outlet'].name)}, {x['claims']} claims)"
                         for x in ctx.get("solo_subevents") or [])
        if not ctx["matrix_rows"] and solo:
            out += ["### Claims × outlets", "",
                    f"Each sub-event is reported by one outlet only, so there is nothing to compare: {solo}.", ""]
        if ctx["matrix_rows"]:
            out += ["### Claims × outlets", "", f"Legend: {legend}.", ""]
            def cells_of(r):
                return [f"{STATUS_SYMBOL[c['status']]} {STATUS_WORD[c['status']]}" if c else "– no data"
                        for c in r["cells"]]
            if ctx["show_subevents"]:  # one table per sub-event, under its own heading
                groups: dict[str, list] = {}
                for r in ctx["matrix_rows"]:
                    groups.setdefault(r["subevent"], []).append(r)
                for rows in groups.values():
                    out += [f"#### {md_text(rows[0]['subevent_label'])}", ""]
                    out += md_table(["Claim", *heads], [[r["label"], *cells_of(r)] for r in rows])
            else:
                out += md_table(["Claim", *heads], [[r["label"], *cells_of(r)] for r in ctx["matrix_rows"]])
            if solo:
                out += [f"Reported by one outlet only, so not compared: {solo}.", ""]
            omitted = [(o, [r["label"] for r in ctx["matrix_rows"]
                            if r["cells"][i] and r["cells"][i]["status"] == "omitted"]) for i, o in enumerate(outlets)]
            lines = [f"- **{md_text(o.name)}** omits: {'; '.join(md_text(x) for x in dict.fromkeys(labels))}"
                     for o, labels in omitted if labels]
            if lines:
                out += ["Omissions:", "", *lines, ""]
            contra = [(o.name, r["label"], r["cells"][i].get("evidence_text"), r["cells"][i].get("note"))
                      for r in ctx["matrix_rows"] for i, o in enumerate(outlets)
                      if r["cells"][i] and r["cells"][i]["status"] == "contradicted"]
            if contra:
                out += ["Contradictions:", ""]
                out += [f"- **{md_text(name)}** contradicts “{md_text(label)}”" + (f" ({md_text(note)})" if note else "") +
                        (f": “{md_cell(text)}”" if text else "") for name, label, text, note in contra]
                out.append("")
        if ctx["number_rows"]:
            out += ["### Numbers", ""]
            out += md_table(["Counted", "Agreement", *heads], [
                [r["counted"], ("≠ conflict: " + " vs ".join(r["distinct"])) if r["conflict"] else
                 ("values differ (not flagged): " + " vs ".join(r["distinct"])) if len(r["distinct"]) > 1 else "= agree",
                 *["; ".join(v["value"] + (f" ({v['source_actor']})" if v.get("source_actor") else "") for v in vals)
                   or "–" for vals in r["cells"]]] for r in ctx["number_rows"]])
        if ctx["mix_table"]:
            out += ["### Whom outlets quote", ""]
            out += md_table(["Outlet", *[SOURCE_TYPE_LABEL.get(t, t) for t in ctx["mix_types"]]], [
                [r["outlet"].name, *[f"{c['count']} ({100 * c['share']:.0f}%)" if c else "0" for c in r["cells"]]]
                for r in ctx["mix_table"]])
        if ctx["agency_table"]:
            out += ["### Who acted", ""]
            out += md_table(["Outlet", "named", "generic", "agentless", "total"], [
                [r["outlet"].name, r["named"], r["generic"], r["absent"], r["total"]] for r in ctx["agency_table"]])
    out.append(f"Languages: {', '.join(f'{k} = {v}' for k, v in LANG_NAMES.items())}.")
    return "\n".join(out).rstrip() + "\n"
