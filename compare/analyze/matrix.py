"""The claims × outlets matrix: one row per fact, one cell per outlet of the event.

Statuses (``claim_matrix.status``):

``asserted``
    the outlet states the fact (a claim of its row, surely matched; or, in
    passing, a claim of another row about as close);
``differs``
    the outlet states the fact with another value that does not make the two
    reports incompatible: an earlier or later figure of a count that grows
    (a death toll rising over days is an update, not a contradiction), a
    figure no comparison can date, or a date of its own. Both versions are in
    the cell's ``value`` and ``note``;
``contradicted``
    the outlet's report cannot be true together with the others': it denies
    the fact ("Ukraine denied any involvement", "no signs of beating were
    found"), names another cause of death, another named agent, or another
    count of the same thing for the same moment;
``unclear``
    the outlet has a statement close to the row, but not close enough to say
    it states the fact: neither asserted nor omitted;
``omitted``
    the outlet covered the row's sub-event and none of its articles states
    the fact, in this row or any other;
``not_covered``
    the outlet has no article on the row's sub-event;
``rejected``
    a mark the user rejected in ``compare.toml`` (see
    :mod:`compare.analyze.corrections`).

Only the outlets of the row's event get cells. A row's **facet** is the count
it is about (``dead``, ``detained``, ...) when it is the event's main row for
that count; every outlet's figure for it then sits in the row's cells
(``value``), taken from wherever the outlet states it. Contradictions never
rest on embedding distance: denials, causes, agents and counts decide.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from compare.extract.numbers import ranges_overlap

# Counts that only grow as an affair unfolds: a different figure on another
# day is an update.
CUMULATIVE = {"dead", "injured", "detained", "arrested", "deported", "missing"}


@dataclass
class MatrixParams:
    assert_strength: float = 0.3   # a member's strength needed to count as asserted
    mention_unclear: float = 0.4   # a non-member's best mention that makes the cell unclear
    mention_assert: float = 0.8    # ... that makes it asserted (stated in another row)
    denial_majority: int = 2       # outlets affirming the row, for a denial to contradict it
    coverage: str = "event"        # event | subevent: where an outlet counts as covering
    max_rows_per_event: int = 400
    rejected: set = field(default_factory=set)  # {(row, outlet)}


def _fmt(lo, hi) -> str:
    if lo == hi:
        return str(lo)
    return f"{'' if lo is None else lo}–{'' if hi is None else hi}"


def _quantities(c):
    """Counts the claim gives as this event's own figures: not an individual of a
    group ("one of the men"), not another time, not a figure attributed to other media."""
    if c.source_type == "media":
        return []
    return [q for q in c.quantities if q.counted != "other" and not getattr(q, "individual", False)
            and not getattr(q, "time", None) and not getattr(q, "part", False)]


def _evidence(claims):
    claims = sorted(claims, key=lambda c: (c.article.article_id, c.start))
    ids = list(dict.fromkeys(c.sentence.sentence_id for c in claims))
    text = " … ".join(dict.fromkeys(c.text for c in claims)) or None
    en = [c.text_en for c in claims if c.text_en]
    return ids, text, (" … ".join(dict.fromkeys(en)) if en else None)


def _when(c) -> float | None:
    at = getattr(c.article, "published_at", None)
    if at is not None:
        return at.timestamp()
    p = getattr(c.article, "published", None)
    if p is None:
        return None
    from datetime import datetime, time, timezone

    return datetime.combine(p, time(), tzinfo=timezone.utc).timestamp()


def _order_note(qs, ref_claims) -> str:
    known = [_when(c) for c in ref_claims if _when(c) is not None]
    mine = [_when(c) for _, c in qs if _when(c) is not None]
    if not known or not mine:
        return " (cannot be dated)"
    if min(mine) > max(known):
        return " (a later figure)"
    if max(mine) < min(known):
        return " (an earlier figure)"
    return ""


def _value_groups(ranges: list[tuple]) -> int:
    """How many mutually disjoint figures: ranges joined when they overlap."""
    groups: list[list[tuple]] = []
    for lo, hi in sorted(ranges, key=lambda r: (r[0] if r[0] is not None else -1)):
        for g in groups:
            if any(ranges_overlap(lo, hi, a, b) for a, b in g):
                g.append((lo, hi))
                break
        else:
            groups.append([(lo, hi)])
    return len(groups)


def count_evolves(claims: list, counted: str) -> bool:
    """Whether the coverage shows this count changing over time: three or more
    mutually disjoint figures (a toll reported as 40, 60, 115, 133, 143), or
    values rising with publication time (Spearman's rho ≥ 0.5 over the largest
    figures of four or more dated articles). Two camps ("nine detained", police; "more than 50",
    the community) or one outlet's 3 against everyone's 2 do not evolve: they
    disagree."""
    # Each article's largest figure ("145 injured, two of them seriously" gives
    # 145); "at least 115" counts as 115, so open ranges do not join everything.
    top: dict[str, tuple] = {}
    when: dict[str, float | None] = {}
    for c in claims:
        for q in _quantities(c):
            if q.counted != counted or (q.value_low is None and q.value_high is None):
                continue
            lo = q.value_low if q.value_low is not None else q.value_high
            r = (lo, q.value_high if q.value_high is not None else lo)
            a = c.article.article_id
            if a not in top or r[0] > top[a][0]:
                top[a], when[a] = r, _when(c)
    if _value_groups(list(top.values())) >= 3:
        return True
    # a series needs four dated articles: three rising figures are as often
    # two camps reported in turn ("nine", then "dozens", then "at least 40")
    pts = [(when[a], r[0]) for a, r in top.items() if when[a] is not None]
    if len(pts) < 4 or len({v for _, v in pts}) < 2 or len({t for t, _ in pts}) < 2:
        return False
    import numpy as np

    def ranks(xs):
        xs = np.asarray(xs, dtype=float)
        order = xs.argsort(kind="stable")
        r = np.empty(len(xs))
        r[order] = np.arange(len(xs))
        for v in np.unique(xs):  # ties take their mean rank
            r[xs == v] = r[xs == v].mean()
        return r
    a, b = ranks([t for t, _ in pts]), ranks([v for _, v in pts])
    if a.std() == 0 or b.std() == 0:
        return False
    return float(np.corrcoef(a, b)[0, 1]) >= 0.5


def compare_counts(mine: list, ref: tuple, ref_claims: list, counted: str, *, evolving: bool = True
                   ) -> tuple[str, str]:
    """Status (asserted / differs / contradicted) of an outlet's figures against the
    row's reference range, with a note.

    A count that grows (dead, detained, ...) and that the coverage shows
    changing over time (:func:`count_evolves`) differs: the figure is an update
    or an earlier one, and the note says which when publication dates order it.
    A count that stays put contradicts with any disjoint figure ("nine
    detained" against "more than 50" on the same day). Other counts contradict
    when exact figures differ by more than 10%, and differ otherwise."""
    lo, hi = ref
    qs = [(q, c) for c in mine for q in _quantities(c) if q.counted == counted]
    if not qs:
        return "asserted", ""  # no figure of this count: nothing to compare
    if any(ranges_overlap(lo, hi, q.value_low, q.value_high) for q, _ in qs):
        return "asserted", ""
    vals = ", ".join(_fmt(q.value_low, q.value_high) for q, _ in qs)
    note = f"{counted}: {vals} vs {_fmt(lo, hi)}"
    if counted in CUMULATIVE:
        if not evolving:
            return "contradicted", note
        # events-dev: the Crocus toll went from 40 to 145 in a week and articles
        # recap old figures; the gold calls every difference an update.
        return "differs", note + _order_note(qs, ref_claims)
    exact = all(not q.vague for q, _ in qs)
    if exact and lo is not None and lo == hi:
        v = qs[0][0].value_low
        if v is not None and abs(v - lo) > 0.1 * max(abs(lo), 1):
            return "contradicted", note
    return "differs", note


def _reference_range(claims_by_outlet: dict[str, list], counted: str):
    """The range most outlets support, when it has more support than any range disjoint from it."""
    cands = [(q.value_low, q.value_high) for cs in claims_by_outlet.values() for c in cs
             for q in _quantities(c) if q.counted == counted]

    def support(r):
        return sum(1 for cs in claims_by_outlet.values()
                   if any(q.counted == counted and ranges_overlap(r[0], r[1], q.value_low, q.value_high)
                          for c in cs for q in _quantities(c)))
    best, best_n = None, 0
    for r in cands:
        n = support(r)
        key = (r[0] if r[0] is not None else -1, r[1] if r[1] is not None else -1)
        best_key = (best[0] if best[0] is not None else -1, best[1] if best[1] is not None else -1) if best else None
        if n > best_n or (n == best_n and best_key is not None and key < best_key):
            best, best_n = r, n
    if best is None:
        return None, []
    if any(support(r) >= best_n for r in cands if not ranges_overlap(best[0], best[1], r[0], r[1])):
        return None, []  # a tie between incompatible figures: no reference
    supporters = [c for cs in claims_by_outlet.values() for c in cs
                  if any(q.counted == counted and ranges_overlap(best[0], best[1], q.value_low, q.value_high)
                         for q in _quantities(c))]
    return best, supporters


def _majority(votes: Counter, minimum: int = 2):
    if not votes:
        return None
    top = votes.most_common(2)
    if top[0][1] < minimum or (len(top) > 1 and top[1][1] == top[0][1]):
        return None
    return top[0][0]


def _same_agent(a: str, b: str) -> bool:
    """Two name keys of one agent: equal, matching transliterations, or sharing a
    word stem ("lisokorsk shahar mahkamas" and "lisokorskiy korodsk sud" are one
    court). Different bodies ("fsb", "interior ministry") share none."""
    from compare.translit import keys_match

    if a == b or keys_match(a, b):
        return True
    stems = lambda k: {w[:5] for w in k.split() if len(w) >= 4}  # noqa: E731
    return bool(stems(a) & stems(b))


def _day_dates(c, firm: bool = False) -> set:
    """Day-precision dates a claim states, near its publication (not other years);
    with ``firm``, only calendar dates the text spells out (see :func:`_date_conflict`)."""
    out = set()
    pub = getattr(c.article, "published", None)
    for d in getattr(c, "dates", ()) or ():
        if d.value is None or (firm and getattr(d, "kind", "absolute") != "absolute"):
            continue
        if pub is None or abs((d.value - pub).days) <= 31:
            out.add(d.value)
    return out


def happenings(c) -> set[str]:
    """What a claim says happened, as comparable keys: the glossary concepts it
    names and the actions of its agency mentions."""
    return set(getattr(c, "terms", ()) or ()) | {a for a, _ in getattr(c, "actions", ()) or ()}


def _date_conflict(cs: list, ref_date, by_outlet: dict[str, list], outlet: str) -> str | None:
    """A note when the outlet puts the row's event on another day, a few days
    off, that no other outlet's statement of the row names (a date the others
    also give belongs to another part of the story: "arrested those detained on
    3 September").

    Two more conditions keep dates of other moments out, each seen on real
    coverage of multi-day affairs: the outlet's date is a calendar date it
    spells out, not a weekday or "yesterday" resolved against the page's
    publication date (a syndicated copy is published a day or more after the
    original, so "on Monday" lands on the wrong week's day); and the dated
    statement names the same happening (a glossary concept or an agency action)
    as a statement giving the reference date ("the convoy crossed the border on
    Monday" is not a date for "the withdrawal began on 17 April")."""
    if ref_date is None or not cs:
        return None
    firm = [_day_dates(c, firm=True) for c in cs]
    mine = set().union(*firm)
    if not mine or ref_date in set().union(*(_day_dates(c) for c in cs)) \
            or not all(1 <= abs((d - ref_date).days) <= 7 for d in mine):
        return None
    others = [(c, _day_dates(c)) for o, lst in by_outlet.items() if o != outlet for c in lst]
    if mine & set().union(*(ds for _, ds in others)):
        return None
    said = set().union(*(happenings(c) for c, f in zip(cs, firm) if f))
    if not said & set().union(*(happenings(c) for c, ds in others if ref_date in ds)):
        return None
    return f"date: {', '.join(d.isoformat() for d in sorted(mine))} vs {ref_date.isoformat()}"


def row_kind(members) -> str:
    kinds = Counter(getattr(c, "kind", "fact") for c in members)
    if kinds.get("fact", 0) + kinds.get("statement", 0) >= max(1, len(members) / 2):
        return "statement" if kinds.get("statement", 0) > kinds.get("fact", 0) else "fact"
    return kinds.most_common(1)[0][0]


def select_rows(members: dict[str, list], event_outlets: dict[str, set[str]], max_rows: int = 400,
                kinds: tuple | None = ("fact", "statement")) -> set[str]:
    """Rows of the fact matrix: facts and attributed statements (not opinion,
    background or page furniture), in events with two or more outlets, stated
    by two or more outlets or carrying something checkable (a counted quantity,
    an entity, a date, a cause of death); the largest first, at most ``max_rows``
    per event."""
    per_event: dict[str, list[tuple]] = defaultdict(list)
    for rid, cs in members.items():
        if kinds and row_kind(cs) not in kinds:
            continue
        event = cs[0].article.event_id
        n_out = len({c.outlet for c in cs})
        informative = any(_quantities(c) for c in cs) or any(c.entities for c in cs) \
            or any(c.dates for c in cs) or any(getattr(c, "cause", None) for c in cs)
        if len(event_outlets[event]) >= 2 and (n_out >= 2 or informative):
            per_event[event].append((-n_out, -len(cs), rid))
    selected = set()
    for event, items in per_event.items():
        for _, _, rid in sorted(items)[:max_rows]:
            selected.add(rid)
    return selected


def _primary_rows(members: dict[str, list], selected: set[str]) -> dict[tuple[str, str], str]:
    """(event, counted) -> the selected row with the most outlets giving that count."""
    best: dict[tuple[str, str], tuple] = {}
    for rid in selected:
        cs = members[rid]
        event = cs[0].article.event_id
        for counted in {q.counted for c in cs for q in _quantities(c)}:
            n = len({c.outlet for c in cs if any(q.counted == counted for q in _quantities(c))})
            key = (event, counted)
            if key not in best or (n, -len(cs), rid) > best[key][:3]:
                best[key] = (n, -len(cs), rid)
    return {k: v[2] for k, v in best.items()}


def build_matrix(claims, rows, coverage: dict[tuple, set[str]], event_outlets: dict[str, set[str]],
                 params: MatrixParams | None = None) -> tuple[list[dict], set[str], dict[str, str]]:
    """``claim_matrix`` rows, the selected row ids and each selected row's facet.

    ``rows``: :class:`compare.analyze.facts.FactRows`; ``coverage``: (event,
    sub-event) -> outlets with an article there; ``event_outlets``: event ->
    its outlets."""
    params = params or MatrixParams()
    members: dict[str, list] = defaultdict(list)
    for c in claims:
        members[rows.row_of[c.claim_id]].append(c)
    selected = select_rows(members, event_outlets, params.max_rows_per_event)
    primary = _primary_rows(members, selected)
    facet_of = {rid: counted for (event, counted), rid in primary.items()}
    by_event_outlet: dict[tuple[str, str], list] = defaultdict(list)
    for c in claims:
        by_event_outlet[(c.article.event_id, c.outlet)].append(c)
    claim_by_id = {c.claim_id: c for c in claims}

    out = []
    for rid in sorted(selected):
        cs = members[rid]
        event = cs[0].article.event_id
        subs = Counter(c.article.subevent_id for c in cs)
        sub = subs.most_common(1)[0][0]
        own: dict[str, list] = defaultdict(list)
        for c in cs:
            own[c.outlet].append(c)
        strong = {o: [c for c in lst if rows.strength.get(c.claim_id, 0.0) >= params.assert_strength]
                  for o, lst in own.items()}
        affirming = {o for o, lst in strong.items() if lst and not all(getattr(c, "denial", None) for c in lst)}
        cause_votes = Counter()
        for o, lst in strong.items():
            found = {getattr(c, "cause", None) for c in lst} - {None}
            if len(found) == 1:
                cause_votes[found.pop()] += 1
        # A cause counts only in a row about the cause: most of its outlets state one
        # (a row on the toll, where some outlets add a cause, compares tolls).
        with_cause = sum(1 for c in cs if getattr(c, "cause", None))
        ref_cause = _majority(cause_votes, 2) if 2 * with_cause >= len(cs) and not facet_of.get(rid) else None
        date_votes = Counter()
        for o, lst in strong.items():
            ds = set().union(*(_day_dates(c) for c in lst))
            if len(ds) == 1:
                date_votes[ds.pop()] += 1
        ref_date = _majority(date_votes, 3)  # a date consensus of three outlets, as in the cluster method
        agent_votes: dict[str, Counter] = defaultdict(Counter)
        for o, lst in strong.items():
            for act, key in {ak for c in lst for ak in getattr(c, "agents", ())}:
                agent_votes[act][key] += 1
        ref_agents = {act: v.most_common(1)[0][0] for act, v in agent_votes.items()
                      if _majority(v, 2) is not None}
        counted = facet_of.get(rid)
        figures: dict[str, list] = {}
        if counted:
            for o in event_outlets[event]:
                mine = [c for c in own.get(o, []) if any(q.counted == counted for q in _quantities(c))]
                if not mine:
                    mine = [c for c in by_event_outlet[(event, o)]
                            if any(q.counted == counted for q in _quantities(c)) and not getattr(c, "recap", False)]
                if mine:
                    figures[o] = mine
        ref_range, ref_claims = _reference_range(figures, counted) if counted else (None, [])
        evolving = bool(counted) and count_evolves([c for cs_ in figures.values() for c in cs_], counted)
        covered = coverage.get((event, sub), set()) if params.coverage == "subevent" else event_outlets[event]
        for o in sorted(event_outlets[event]):
            status, note, ev, value = None, None, [], None
            mine = own.get(o, [])
            if (rid, o) in params.rejected:
                status, note, ev = "rejected", "mark rejected in compare.toml", mine
            elif o not in covered and not mine:
                status = "not_covered"
            elif mine:
                s = max(rows.strength.get(c.claim_id, 0.0) for c in mine)
                ev = mine
                if s < params.assert_strength:
                    status, note = "unclear", f"a similar statement (match {s:.2f})"
                else:
                    status, note = _conflicts(strong.get(o) or mine, affirming - {o}, ref_cause, ref_agents, params,
                                              agreed=(counted, ref_range) if counted else None)
                    if status == "asserted" and (dn := _date_conflict(strong.get(o) or mine, ref_date, strong, o)):
                        status, note = "contradicted", dn
            else:
                m, cid = rows.mention.get((rid, o), (0.0, None))
                if m >= params.mention_assert and cid:
                    status, ev, note = "asserted", [claim_by_id[cid]], "stated within another statement"
                    if dn := _date_conflict([claim_by_id[cid]], ref_date, strong, o):
                        status, note = "contradicted", dn
                elif m >= params.mention_unclear and cid:
                    status, ev, note = "unclear", [claim_by_id[cid]], f"a similar statement elsewhere (match {m:.2f})"
            if counted and o in figures and status not in ("rejected", "not_covered", "contradicted"):
                value = ", ".join(dict.fromkeys(_fmt(q.value_low, q.value_high) for c in figures[o]
                                                for q in _quantities(c) if q.counted == counted))
                if ref_range is not None:
                    st, n = compare_counts(figures[o], ref_range, [c for c in ref_claims if c.outlet != o], counted,
                                           evolving=evolving)
                    if st != "asserted" or status in (None, "unclear"):
                        extra = [c for c in figures[o] if c not in ev]
                        ev = ev + extra
                        if st == "asserted":
                            status, note = "asserted", note or (f"{counted} given in another sentence" if extra else None)
                        else:
                            status, note = st, n
            if status is None:
                # a cause of death that contradicts the row's, stated elsewhere in the event
                if ref_cause:
                    opposite = [c for c in by_event_outlet[(event, o)]
                                if getattr(c, "cause", None) and c.cause != ref_cause and not getattr(c, "recap", False)]
                    if opposite:
                        status, ev, note = "contradicted", opposite, f"cause of death: {opposite[0].cause} vs {ref_cause}"
            if status is None:
                status = "omitted" if o in covered else "not_covered"
            ids, text, text_en = _evidence(ev if status not in ("omitted", "not_covered") else [])
            out.append({
                "event_id": event, "subevent_id": sub, "cluster_id": rid, "facet": counted, "outlet": o,
                "status": status, "value": value, "evidence_sentence_ids": ids, "evidence_text": text,
                "evidence_text_en": text_en, "note": note or None,
            })
    return out, selected, facet_of


def _conflicts(cs: list, affirming: set[str], ref_cause, ref_agents, params: MatrixParams,
               agreed: tuple | None = None) -> tuple[str, str | None]:
    """Status of an outlet whose claims are in the row: contradicted when they
    deny it (others affirm), name another cause or another agent. ``agreed``:
    the row's count and reference range; a denial that gives that figure is of
    something else ("denied any role in the raid, in which two men died")."""
    notes = []
    denials = [getattr(c, "denial", None) for c in cs]
    gives_agreed = agreed is not None and agreed[1] is not None and any(
        q.counted == agreed[0] and ranges_overlap(*agreed[1], q.value_low, q.value_high)
        for c in cs for q in _quantities(c))
    if all(denials) and len(affirming) >= params.denial_majority and not gives_agreed:
        notes.append(f"denies ({denials[0]})")
    causes = {getattr(c, "cause", None) for c in cs} - {None}
    if ref_cause and causes and ref_cause not in causes:
        notes.append(f"cause of death: {sorted(causes)[0]} vs {ref_cause}")
    for act, ref_key in ref_agents.items():
        named = {key for c in cs for a2, key in getattr(c, "agents", ()) if a2 == act}
        if named and not any(_same_agent(k, ref_key) for k in named):
            notes.append(f"{act} agent: {', '.join(sorted(named))} vs {ref_key}")
    if notes:
        return "contradicted", "; ".join(notes)
    return "asserted", None
