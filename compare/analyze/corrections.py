"""A user's corrections to the claims matrix, kept in ``compare.toml``.

```toml
[analyze]
reject = [{row = "c1a2b3c4d5e6f", outlet = "tass"}]      # this mark is wrong
merge = [["c1a2b3c4d5e6f", "c0f9e8d7c6b5a"]]             # these rows state one fact
split = [{row = "c1a2b3c4d5e6f", articles = ["tass/raid.md"]}]  # these articles' claims are another fact
```

Row ids are the ``cluster_id`` of ``claim_matrix`` and ``claim_clusters``
(stable while the articles do not change). Articles are named by file path,
file name, URL or article id. Corrections are applied inside the comparison
stage, so every table, the report, figures, LaTeX and handouts follow them;
``corrections.parquet`` records each one with what it changed, and the report
lists them. A correction that names a row or an article the run does not
have is kept in that table with ``applied = false`` and a one-line warning.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from compare.errors import CompareError

CORRECTION_OPTIONS = {"reject", "merge", "split"}


@dataclass
class Corrections:
    reject: list[tuple[str, str]] = field(default_factory=list)
    merge: list[list[str]] = field(default_factory=list)
    split: list[tuple[str, list[str]]] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.reject or self.merge or self.split)


def parse_corrections(reject=None, merge=None, split=None) -> Corrections:
    """Check the form of the ``[analyze]`` corrections; a wrong form is an error naming the key."""
    out = Corrections()
    for item in reject or []:
        if not isinstance(item, dict) or not isinstance(item.get("row"), str) or not isinstance(item.get("outlet"), str):
            raise CompareError('[analyze] reject: each entry is {row = "<cluster id>", outlet = "<outlet id>"}')
        out.reject.append((item["row"], item["outlet"]))
    for group in merge or []:
        if not isinstance(group, list) or len(group) < 2 or not all(isinstance(x, str) for x in group):
            raise CompareError('[analyze] merge: each entry is a list of two or more row ids, e.g. ["c1…", "c2…"]')
        out.merge.append(list(group))
    for item in split or []:
        arts = item.get("articles") if isinstance(item, dict) else None
        if not isinstance(item, dict) or not isinstance(item.get("row"), str) or not isinstance(arts, list) \
                or not arts or not all(isinstance(a, str) for a in arts):
            raise CompareError('[analyze] split: each entry is {row = "<cluster id>", articles = ["<file or id>", ...]}')
        out.split.append((item["row"], list(arts)))
    return out


def claim_constraints(corr: Corrections, row_of: dict[str, str], claims, article_of: dict[str, str]
                      ) -> tuple[list[list[str]], dict[str, set[str]], list[dict]]:
    """Turn row-level corrections (on the rows of a first grouping) into claim
    constraints for the second: groups of claims kept in one row, and claims
    kept apart; with a record of each correction."""
    members: dict[str, list[str]] = {}
    for c in claims:
        members.setdefault(row_of[c.claim_id], []).append(c.claim_id)
    by_id = {c.claim_id: c for c in claims}
    records: list[dict] = []
    merge_groups: list[list[str]] = []
    for group in corr.merge:
        missing = [r for r in group if r not in members]
        ids = [cid for r in group if r in members for cid in members[r]]
        ok = not missing and len({by_id[c].article.event_id for c in ids}) == 1
        why = (f"no row {', '.join(missing)}" if missing else
               "rows of different events cannot be merged" if not ok else f"{len(ids)} claims in one row")
        records.append({"kind": "merge", "row": ", ".join(group), "target": None, "applied": ok, "effect": why})
        if ok:
            merge_groups.append(ids)
    apart: dict[str, set[str]] = {}
    for row, arts in corr.split:
        if row not in members:
            records.append({"kind": "split", "row": row, "target": ", ".join(arts), "applied": False,
                            "effect": f"no row {row}"})
            continue
        wanted = {article_of.get(a) for a in arts} - {None}
        unknown = [a for a in arts if article_of.get(a) is None]
        moved = [cid for cid in members[row] if by_id[cid].article.article_id in wanted]
        kept = [cid for cid in members[row] if cid not in moved]
        ok = bool(moved) and bool(kept)
        for a in moved:
            apart.setdefault(a, set()).update(kept)
        for k in kept:
            apart.setdefault(k, set()).update(moved)
        records.append({"kind": "split", "row": row, "target": ", ".join(arts), "applied": ok,
                        "effect": (f"{len(moved)} claims moved to a row of their own" if ok else
                                   f"no article {', '.join(unknown)}" if unknown else
                                   "the articles have no claim in that row, or all of its claims")})
        if ok:
            merge_groups.append(moved) if len(moved) >= 2 else None
    return merge_groups, apart, records


def resolve_rejects(corr: Corrections, old_row_of: dict[str, str], new_row_of: dict[str, str],
                    outlets_of_event: dict[str, set[str]], event_of_row: dict[str, str]
                    ) -> tuple[set[tuple[str, str]], list[dict]]:
    """Rejected marks on the final rows: a row id of the first grouping maps to the
    final row holding most of its claims."""
    members: dict[str, list[str]] = {}
    for cid, r in old_row_of.items():
        members.setdefault(r, []).append(cid)
    out: set[tuple[str, str]] = set()
    records = []
    final_rows = set(new_row_of.values())
    for row, outlet in corr.reject:
        target = row if row in final_rows else None
        if target is None and row in members:
            votes: dict[str, int] = {}
            for cid in members[row]:
                votes[new_row_of[cid]] = votes.get(new_row_of[cid], 0) + 1
            target = max(votes, key=lambda k: (votes[k], k))
        ok = target is not None and outlet in outlets_of_event.get(event_of_row.get(target, ""), set())
        records.append({"kind": "reject", "row": row, "target": outlet, "applied": ok,
                        "effect": (f"mark of {outlet} rejected" + (f" (row now {target})" if target != row else "")
                                   if ok else f"no row {row}" if target is None else f"{outlet} is not an outlet of that event")})
        if ok:
            out.add((target, outlet))
    return out, records
