"""Key differences: the few findings of an event a reader should see first.

Read from the event page's matrix rows (the same cells the matrix shows), one
item per row:

* **contradiction** — some outlets report something incompatible with what
  others assert (another count, cause, agent, a denial);
* **differs** — outlets give another figure or date that need not be wrong
  (an update);
* **omission** — most of the outlets covering it report the fact, some leave
  it out;
* **agency** — for one action (killing, beating, a raid...), some outlets say
  who did it and others, with as many mentions, never do;
* **sources** — the outlets' most quoted kind of source differs (Russian
  officials in one, relatives and witnesses in another).

The page shows a mix: the three strongest matrix items, then the strongest
agency and sources items, then the rest, with at least one omission when there
is one. A reader sees what is disputed, who is said to have acted and whose
word each outlet relies on, not ten contradictions of one kind.

Items rank by kind (contradictions first), then by how many outlets and
languages take part, then by the number of evidence links; a count or cause
(a facet row, or a note naming a count or cause) outranks other rows of the
same kind, because those are what coverage disputes turn on, and between
two of equal reach the graver harm leads (deaths, then the cause of death,
injuries, detentions; ``GRAVITY``). Each subject (a
count, the cause of death, a date, a row's own statement) comes once before
any comes again: one fact can sit in several rows, and the page should lead
with different disputes.
"""
from __future__ import annotations

from dataclasses import dataclass, field

KIND_RANK = {"contradiction": 0, "differs": 1, "omission": 2, "agency": 3, "sources": 4}
# actions that harm someone come first: whether an outlet says who killed or beat is the dispute
HARM_ACTIONS = ("kill", "beat", "torture", "shoot", "injure", "die")
LEAD_MATRIX_ITEMS = 3
CENTRAL_NOTES = ("dead", "injured", "detained", "arrested", "cause of death", "agent", "denies")
# between two disputes of equal reach, the graver harm leads (as HARM_ACTIONS does for agency)
GRAVITY = ("dead", "cause of death", "injured", "missing", "detained", "arrested", "deported")


@dataclass
class KeyDifference:
    kind: str
    label: str
    row_href: str
    note: str | None
    against: list = field(default_factory=list)   # outlets contradicting, differing or omitting
    with_: list = field(default_factory=list)     # outlets asserting
    links: list = field(default_factory=list)     # (outlet, sentence id) of the evidence
    score: tuple = ()
    topic: tuple = ()
    parts: dict = field(default_factory=dict)     # agency and sources items: the pieces of label and note

    @property
    def languages(self) -> list[str]:
        return sorted({o.language for o in self.against + self.with_})


def key_differences(matrix_rows: list[dict], col_outlets: list, *, limit: int | None = 10) -> list[KeyDifference]:
    """The ranked key differences of one event page (at most ``limit``; all with ``None``)."""
    items: list[KeyDifference] = []
    for r in matrix_rows:
        cells = [(o, c) for o, c in zip(col_outlets, r["cells"]) if c]
        by = {s: [o for o, c in cells if c["status"] == s] for s in ("asserted", "contradicted", "differs", "omitted")}
        covered = sum(1 for _, c in cells if c["status"] != "not_covered")
        if by["contradicted"]:
            kind, against = "contradiction", by["contradicted"]
        elif by["differs"]:
            kind, against = "differs", by["differs"]
        elif by["omitted"] and len(by["asserted"]) >= 2 and 2 * len(by["asserted"]) > covered:
            kind, against = "omission", by["omitted"]
        else:
            continue
        marked = [c for o, c in cells if o in against and c.get("note")]
        note = marked[0]["note"] if marked else None
        links = [(o, c["links"][0]) for o, c in cells if c.get("links") and o in against + by["asserted"]]
        facet = r["cluster"].get("facet")
        central = bool(facet) or any(w in (note or "") for w in CENTRAL_NOTES)
        langs = {o.language for o in against + by["asserted"]}
        subject = facet or (note or "").split(":")[0]
        gravity = GRAVITY.index(subject) if subject in GRAVITY else len(GRAVITY)
        score = (KIND_RANK[kind], not central, -(len(against) + len(by["asserted"])), -len(langs), gravity,
                 -len(links), r["label"])
        label = r["label"]
        if facet:  # a number or date row: say what is compared, not one outlet's sentence
            label = f"{'date' if facet == 'date' else 'number ' + facet}: " + label.split(" [")[0]
        k = KeyDifference(kind, label, "#" + r["id"], note, against, by["asserted"], links, score)
        k.topic = (kind, subject or label, tuple(sorted(o.id for o in against)))
        if facet:
            k.parts = {"facet": facet, "claim": r["label"].split(" [")[0]}
        items.append(k)
    items.sort(key=lambda k: k.score)
    # one item per difference: facet rows of several sentences, or a facet row and
    # its base row, can mark the same outlets for the same count
    seen, out = set(), []
    for k in items:
        if k.topic not in seen:
            seen.add(k.topic)
            out.append(k)
    # each disputed subject (a count, the cause of death, a date...) leads once
    # before any subject comes back: two rows of one fact, or the same cause
    # dispute seen from two sides, must not push the death toll off the top
    subjects, firsts, rest = set(), [], []
    for k in out:
        (rest if k.topic[:2] in subjects else firsts).append(k)
        subjects.add(k.topic[:2])
    return (firsts + rest)[:limit]


def agency_differences(mentions: list[dict], outlets: dict, *, min_absent: int = 3, min_agent: int = 2,
                       agent_share: float = 1 / 3) -> list[KeyDifference]:
    """Per action, the outlets that never say who did it (at least ``min_absent``
    mentions, none with an agent) against those that do (``min_agent`` mentions
    with an agent, at least ``agent_share`` of theirs). ``mentions``: agency rows
    (outlet, action, agent_status, agent_text, sentence_id); ``outlets``: id -> Outlet."""
    by_action: dict[str, dict[str, list[dict]]] = {}
    for m in mentions:
        if m.get("outlet") in outlets and m.get("action"):
            by_action.setdefault(m["action"], {}).setdefault(m["outlet"], []).append(m)
    items = []
    for action, per_outlet in by_action.items():
        def has_agent(m):
            return (m.get("agent_status") or "absent") != "absent"

        never = [o for o, ms in per_outlet.items() if len(ms) >= min_absent and not any(map(has_agent, ms))]
        say = [o for o, ms in per_outlet.items()
               if sum(map(has_agent, ms)) >= min_agent and sum(map(has_agent, ms)) / len(ms) >= agent_share]
        if not never or not say:
            continue
        against, with_ = [outlets[o] for o in sorted(never)], [outlets[o] for o in sorted(say)]
        links = [(outlets[o], next(m["sentence_id"] for m in per_outlet[o] if not has_agent(m)))
                 for o in sorted(never)] + [(outlets[o], next(m["sentence_id"] for m in per_outlet[o] if has_agent(m)))
                                             for o in sorted(say)]
        agents = sorted({m["agent_text"] for o in say for m in per_outlet[o] if has_agent(m) and m.get("agent_text")},
                        key=str.casefold)
        note = "; ".join(f"{outlets[o].name} {sum(map(has_agent, per_outlet[o]))} of {len(per_outlet[o])}"
                         for o in sorted(say))
        note = f"{note}; the others 0 of {', '.join(str(len(per_outlet[o])) for o in sorted(never))}"
        label = f"{action}: " + (f"the agent given as {', '.join(agents[:3])}" if agents else "an agent given")
        langs = {o.language for o in against + with_}
        score = (KIND_RANK["agency"], action not in HARM_ACTIONS, -(len(against) + len(with_)), -len(langs), action)
        k = KeyDifference("agency", label, "#agency", f"mentions with an agent: {note}", against, with_,
                          [(o, sid) for o, sid in links if sid], score)
        k.topic = ("agency", action)
        k.parts = {"action": action, "agents": agents[:3],
                   "say": [(outlets[o], sum(map(has_agent, per_outlet[o])), len(per_outlet[o])) for o in sorted(say)],
                   "never": [len(per_outlet[o]) for o in sorted(never)]}
        items.append(k)
    return sorted(items, key=lambda k: k.score)


def source_differences(attributions: list[dict], outlets: dict, type_label: dict, *, min_quoted: int = 4,
                       lead_share: float = 0.3, lead_margin: int = 2) -> list[KeyDifference]:
    """Outlets whose most quoted kind of source differs: one item when at least
    two outlets lead clearly with different types (each with ``min_quoted``
    typed sources; the leading type at least ``lead_share`` of them and
    ``lead_margin`` more than the next, so a 5-to-4 split is no lead).
    ``attributions``: rows with outlet, source_type, sentence_id."""
    counts: dict[str, dict[str, list[dict]]] = {}
    for a in attributions:
        t = a.get("source_type")
        if a.get("outlet") in outlets and t and t not in ("unattributed", "other"):
            counts.setdefault(a["outlet"], {}).setdefault(t, []).append(a)
    lead: dict[str, str] = {}
    for o, per_type in counts.items():
        total = sum(len(v) for v in per_type.values())
        ranked_types = sorted(per_type, key=lambda t: (-len(per_type[t]), t))
        top = ranked_types[0]
        runner_up = len(per_type[ranked_types[1]]) if len(ranked_types) > 1 else 0
        if total >= min_quoted and len(per_type[top]) / total >= lead_share and len(per_type[top]) - runner_up >= lead_margin:
            lead[o] = top
    if len(set(lead.values())) < 2:
        return []
    by_type: dict[str, list[str]] = {}
    for o, t in lead.items():
        by_type.setdefault(t, []).append(o)
    ranked = sorted(by_type, key=lambda t: (-len(by_type[t]), t))
    main, rest = ranked[0], ranked[1:]
    with_ = [outlets[o] for o in sorted(by_type[main])]
    against = [outlets[o] for t in rest for o in sorted(by_type[t])]
    links = [(outlets[o], counts[o][lead[o]][0].get("sentence_id")) for o in sorted(lead)]
    label = "whom they quote most: " + "; ".join(
        f"{type_label.get(t, t)} in {', '.join(outlets[o].name for o in sorted(by_type[t]))}" for t in ranked)
    note = ", ".join(f"{outlets[o].name} {len(counts[o][lead[o]])} of {sum(len(v) for v in counts[o].values())}"
                     for o in sorted(lead))
    k = KeyDifference("sources", label, "#sources", f"typed sources of the leading kind: {note}", against, with_,
                      [(o, sid) for o, sid in links if sid],
                      (KIND_RANK["sources"], -len(lead), -len({outlets[o].language for o in lead})))
    k.topic = ("sources",)
    k.parts = {"lead": [(t, [outlets[o] for o in sorted(by_type[t])]) for t in ranked],
               "counts": [(outlets[o], len(counts[o][lead[o]]), sum(len(v) for v in counts[o].values()))
                          for o in sorted(lead)]}
    return [k]


def compose(matrix_items: list[KeyDifference], other_items: list[KeyDifference],
            limit: int | None = None) -> list[KeyDifference]:
    """The order a reader sees: the strongest matrix items, then the strongest
    agency and sources items, then the rest; at least one omission within
    ``limit`` when there is one."""
    firsts, later = [], []
    seen_kind = set()
    for k in other_items:
        (later if k.kind in seen_kind else firsts).append(k)
        seen_kind.add(k.kind)
    out = matrix_items[:LEAD_MATRIX_ITEMS] + firsts + matrix_items[LEAD_MATRIX_ITEMS:] + later
    if limit is not None:
        shown = out[:limit]
        omission = next((k for k in out if k.kind == "omission"), None)
        if omission is not None and omission not in shown and limit > 0:
            out.remove(omission)
            out.insert(limit - 1, omission)
    return out
