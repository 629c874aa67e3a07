"""Key differences: the few findings of an event a reader should see first.

Read from the event page's matrix rows (the same cells the matrix shows), one
item per row:

* **contradiction** — some outlets report something incompatible with what
  others assert (another count, cause, agent, a denial);
* **differs** — outlets give another figure or date that need not be wrong
  (an update);
* **omission** — most of the outlets covering it report the fact, some leave
  it out.

Items rank by kind (contradictions first), then by how many outlets and
languages take part, then by the number of evidence links; a count or cause
(a facet row, or a note naming a count or cause) outranks other rows of the
same kind, because those are what coverage disputes turn on.
"""
from __future__ import annotations

from dataclasses import dataclass, field

KIND_RANK = {"contradiction": 0, "differs": 1, "omission": 2}
CENTRAL_NOTES = ("dead", "injured", "detained", "arrested", "cause of death", "agent", "denies")


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
        central = bool(r["cluster"].get("facet")) or any(w in (note or "") for w in CENTRAL_NOTES)
        langs = {o.language for o in against + by["asserted"]}
        score = (KIND_RANK[kind], not central, -(len(against) + len(by["asserted"])), -len(langs), -len(links),
                 r["label"])
        facet = r["cluster"].get("facet")
        label = r["label"]
        if facet:  # a number or date row: say what is compared, not one outlet's sentence
            label = f"{'date' if facet == 'date' else 'number ' + facet}: " + label.split(" [")[0]
        k = KeyDifference(kind, label, "#" + r["id"], note, against, by["asserted"], links, score)
        k.topic = (kind, facet or (note or "").split(":")[0] or label, tuple(sorted(o.id for o in against)))
        items.append(k)
    items.sort(key=lambda k: k.score)
    # one item per difference: facet rows of several sentences, or a facet row and
    # its base row, can mark the same outlets for the same count
    seen, out = set(), []
    for k in items:
        if k.topic not in seen:
            seen.add(k.topic)
            out.append(k)
    return out[:limit]
