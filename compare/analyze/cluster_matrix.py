"""The claims × outlets matrix.

For every claim cluster and every sub-event in which it is reported, each
outlet gets one status:

* ``asserted`` — the outlet has a claim in the cluster (in any article on the
  event) and it agrees with the cluster's reference;
* ``contradicted`` — the outlet states the same proposition with a conflicting
  value: the opposite polarity (a denial: "no signs of beating were found",
  when at least three outlets assert it),
  a counted quantity whose range is disjoint from the reference range, or the
  opposite cause of death (natural vs violent). A conflicting statement
  outside the cluster also contradicts when it is in the same sub-event and is
  not a recap of earlier coverage ("Recall that ...");
* ``omitted`` — the outlet covers the sub-event but does not state the claim;
* ``not_covered`` — the outlet has no article on the sub-event, and (in the
  row of the cluster's main sub-event) none on the event from the day the
  story was first reported (``LATER_COVERAGE_DAYS``): an outlet that kept
  writing on the affair could have reported the fact, one whose every article
  came out before it could not.

Embedding distance alone never decides a contradiction: numbers, polarity and
cause do. An agentless report of an action is an omission of the agent, not a
contradiction (that difference is reported in the agency tables).

Besides the base row, a cluster gets *facet* rows (``cluster_id#counted`` and
``cluster_id#date``) when its claims carry a counted quantity or a date that at
least two outlets give: the facet compares just that value across every
outlet's reports in the sub-event, so "nine detained" contradicts "dozens
detained" even when the two sentences did not fall into one cluster. Because
it reads the whole sub-event, a count facet depends only on its reference
figure, not on the cluster that carries it: each count and reference figure
gets one facet row per sub-event, on the cluster in which most outlets give
the count, not a copy under every cluster that mentions it.
"""
from __future__ import annotations

from collections import Counter, defaultdict

from compare.analyze.matrix import _date_conflict, _evidence, compare_counts, count_evolves
from compare.extract.numbers import ranges_overlap


def _values(c):
    """Quantities an outlet reports as its own figures of the event. A figure the
    outlet attributes to other media ("Azerbaijani media claim more than 50")
    reports a rival account, not the outlet's figure; a count of another time
    ("over 1,500 detained" in 2006), a part of a larger count ("including four")
    or one individual ("one of the men") is not the event's count."""
    if c.source_type == "media":
        return []
    return [q for q in c.quantities if not getattr(q, "time", None) and not getattr(q, "part", False)
            and not getattr(q, "individual", False)]


def _same_agent(a: str, b: str) -> bool:
    from compare.translit import keys_match

    return a == b or keys_match(a, b)


def _reference_range(claims_by_outlet: dict[str, list], counted: str):
    """The range supported by most outlets, among the ranges in the cluster."""
    ranges = []
    for outlet, cs in claims_by_outlet.items():
        for c in cs:
            for q in _values(c):
                if q.counted == counted:
                    ranges.append((q.value_low, q.value_high))
    return ranges


def _gives(cs: list, counted: str, rng: tuple) -> bool:
    """Whether one of the claims gives a figure of ``counted`` inside ``rng``."""
    return any(q.counted == counted and ranges_overlap(rng[0], rng[1], q.value_low, q.value_high)
               for c in cs for q in _values(c))


def _outlets_giving(by_outlet: dict[str, list], counted: str, rng: tuple) -> int:
    return sum(1 for cs in by_outlet.values() if _gives(cs, counted, rng))


def _supporting(own: dict, counted: str, ref: tuple, outlet: str) -> list:
    """Other outlets' claims whose figure for ``counted`` agrees with the reference."""
    return [c for o, cs in own.items() if o != outlet for c in cs
            if any(q.counted == counted and ranges_overlap(ref[0], ref[1], q.value_low, q.value_high) for q in _values(c))]


def _support_note(cs: list, members: list) -> str | None:
    """Why a cell is asserted when none of the outlet's claims is in the cluster:
    its claim states this as part of another statement (see ``clusters.support``),
    in passing or as one of two propositions; a key term the cluster is about
    says which."""
    if any(c in members for c in cs):
        return None
    mentions = Counter(t for c in members for t in set(getattr(c, "terms", ())))
    shared = sorted({t for c in cs for t in getattr(c, "terms", ())
                     if mentions[t] * 2 >= len(members)})
    if shared:
        return "stated within another statement (key term: " + ", ".join(t.replace("_", " ") for t in shared) + ")"
    return "stated within another statement"


# An outlet that wrote on the event this many days or more after a row's story
# was first reported has covered that story, whichever story its own articles
# are aligned to: sub-events are the least reliable part of alignment, and an
# outlet that kept writing on the affair could have reported the fact. An
# outlet whose every article came out before cannot have left it out. Chosen
# leave-one-affair-out on the events-dev claims gold among the values that keep
# the demo gold exact (bench/fit_link_density.py, docs/analysis.md); None
# turns it off (coverage by the aligned sub-event only).
LATER_COVERAGE_DAYS: int | None = 0
_DEFAULT = object()


def _later_outlets(members, own, outlets, last_report, lag) -> tuple[object, dict[str, str]]:
    """The row's main sub-event (most of its claims) and the outlets without a
    claim in the row whose latest article on the event came out ``lag`` days
    or more after the first report of the row in that sub-event, each with the
    note its omission carries."""
    primary = Counter(c.article.subevent_id for c in members).most_common(1)[0][0]
    if lag is None or not last_report:
        return primary, {}
    dates = [c.article.published for c in members
             if c.article.subevent_id == primary and c.article.published is not None]
    if not dates:
        return primary, {}
    first, event = min(dates), members[0].article.event_id
    return primary, {o: f"no article on this story, but wrote on the event on {last_report[(event, o)].isoformat()}, "
                        f"after it was first reported on {first.isoformat()}"
                     for o in outlets if o not in own and last_report.get((event, o)) is not None
                     and (last_report[(event, o)] - first).days >= lag}


def build_matrix(claims, cluster_of, coverage, outlets, *, selected: set[str] | None = None,
                 facet_min_outlets: int = 2, supports: dict[str, set[str]] | None = None,
                 polarity_majority: int = 3, last_report: dict | None = None,
                 later_days=_DEFAULT) -> list[dict]:
    """Rows of ``claim_matrix``.

    ``coverage``: (event_id, subevent_id) -> set of outlets with an article there.
    ``last_report``: (event_id, outlet) -> the date of the outlet's latest dated
    article on the event; with it, an outlet that wrote on the event at least
    ``later_days`` (default ``LATER_COVERAGE_DAYS``; None: off) days after a
    row's story was first reported covers the row's main sub-event.
    ``outlets``: the outlets that get cells: a list (every row) or a dict event ->
    outlets (each event's own outlets). ``selected``: cluster ids to include.
    """
    def outlets_of(event):
        return sorted(outlets.get(event, ())) if isinstance(outlets, dict) else outlets

    by_cluster: dict[str, list] = defaultdict(list)
    for c in claims:
        by_cluster[cluster_of[c.claim_id]].append(c)
    supporters: dict[str, list] = defaultdict(list)
    for c in claims:
        for cid in (supports or {}).get(c.claim_id, ()):
            supporters[cid].append(c)
    # every claim of a sub-event, per outlet (for facets and out-of-cluster conflicts)
    by_sub_outlet: dict[tuple, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for c in claims:
        by_sub_outlet[(c.article.event_id, c.article.subevent_id)][c.outlet].append(c)

    by_event_counted: dict[tuple, list] = defaultdict(list)
    for c in claims:
        if not c.recap:
            for counted in {q.counted for q in _values(c)}:
                by_event_counted[(c.article.event_id, counted)].append(c)
    evolves = defaultdict(bool, {k: count_evolves(cs, k[1]) for k, cs in by_event_counted.items()})
    counts_given: dict[tuple, set[str]] = defaultdict(set)   # (event, outlet) -> counts it gives anywhere,
    for c in claims:                                          # recaps included
        counts_given[(c.article.event_id, c.outlet)].update(q.counted for q in _values(c))

    rows = []
    facet_best: dict[tuple, tuple] = {}   # (event, sub, count, reference) -> best (outlets, size, cluster)
    facet_spans: list[tuple] = []         # (that key, cluster, first row, end row) of each count facet written
    for cid, members in by_cluster.items():
        if selected is not None and cid not in selected:
            continue
        event = members[0].article.event_id
        own: dict[str, list] = defaultdict(list)
        for c in members:
            own[c.outlet].append(c)
        for c in supporters.get(cid, []):
            own[c.outlet].append(c)
        # reference polarity and cause: by outlet vote
        neg_votes = Counter()
        for o, cs in own.items():
            neg_votes[Counter(c.negated for c in cs).most_common(1)[0][0]] += 1
        # Negation is detected lexically and languages negate differently ("failed" /
        # "не увенчались успехом"), so a polarity conflict needs at least
        # ``polarity_majority`` outlets on the majority side.
        top_neg, top_votes = neg_votes.most_common(1)[0]
        ref_negated = top_neg if top_votes >= polarity_majority and neg_votes[True] != neg_votes[False] else None
        deniers = sum(1 for o, cs in own.items() if any(getattr(c, "denial", None) for c in cs))
        # a recap of earlier coverage ("Recall that ... was beaten") does not set the
        # row's cause; it is not this outlet's report of the event
        cause_votes = Counter(c.cause for c in members if c.cause and not c.recap)
        ref_cause = None
        if cause_votes:
            top = cause_votes.most_common()
            if len(top) == 1 or top[0][1] > top[1][1]:
                ref_cause = top[0][0]
        # reference named agent per action: the one most outlets name
        agent_votes: dict[str, Counter] = defaultdict(Counter)
        for o, cs in own.items():
            for act, key in {ak for c in cs for ak in c.agents}:
                agent_votes[act][key] += 1
        ref_agents = {act: votes.most_common(1)[0][0] for act, votes in agent_votes.items()
                      if len(votes) >= 1 and (len(votes) == 1 or votes.most_common(2)[0][1] > votes.most_common(2)[1][1])}
        counted_in_cluster = sorted({q.counted for c in members for q in _values(c) if q.counted != "other"})
        ref_ranges = {}
        for counted in counted_in_cluster:
            cands = _reference_range(own, counted)
            best, best_support = None, 0
            for r in cands:
                support = _outlets_giving(own, counted, r)
                if support > best_support:
                    best, best_support = r, support
            # The reference is the cluster's consensus: it must have more outlets behind it
            # than any conflicting value. On a tie (one outlet says 2, another 3) there is
            # no consensus, and neither outlet is marked as contradicting the other.
            if best is not None and all(_outlets_giving(own, counted, r) < best_support for r in cands
                                        if not ranges_overlap(best[0], best[1], r[0], r[1])):
                ref_ranges[counted] = best

        subevents = sorted({c.article.subevent_id for c in members}, key=lambda s: (s is None, s or ""))
        primary, later = _later_outlets(members, own, outlets_of(event), last_report,
                                        LATER_COVERAGE_DAYS if later_days is _DEFAULT else later_days)
        for sub in subevents:
            covered = coverage.get((event, sub), set())
            # the row of the story's main sub-event also counts the outlets that wrote later
            row_covered = covered | set(later) if sub == primary else covered
            if len(coverage.get((event, sub), set())) < 1:
                continue
            sub_claims = by_sub_outlet[(event, sub)]
            for outlet in outlets_of(event):
                cs = own.get(outlet, [])
                status, note, ev = None, None, cs
                if outlet not in row_covered:
                    # no article on this sub-event: whatever it says elsewhere is not coverage of it
                    status, ev = "not_covered", []
                elif cs:
                    conflicts = []
                    # a denial needs an explicit cue ("denied", "no signs of ... were
                    # found"): plain negation ("it was not our idea") is no denial; and a
                    # statement giving the row's agreed count affirms the row, its denial
                    # is of something else ("the ministry denied any role in the raid,
                    # in which two men died", in the row of the two deaths)
                    if ref_negated is not None and all(c.negated != ref_negated for c in cs) \
                            and (ref_negated or any(getattr(c, "denial", None) for c in cs)) \
                            and (not ref_negated or deniers >= polarity_majority) \
                            and not (not ref_negated and _states_reference_count(cs, ref_ranges)):
                        conflicts.append("denies" if not ref_negated else "affirms what others deny")
                    differs = []
                    for counted, (lo, hi) in ref_ranges.items():
                        qs = [q for c in cs for q in _values(c) if q.counted == counted]
                        if qs and not any(ranges_overlap(lo, hi, q.value_low, q.value_high) for q in qs):
                            st, n = compare_counts(cs, (lo, hi), _supporting(own, counted, (lo, hi), outlet), counted,
                                                   evolving=evolves[(event, counted)])
                            (conflicts if st == "contradicted" else differs).append(n)
                    if ref_cause and any(c.cause for c in cs) and all(c.cause != ref_cause for c in cs if c.cause) \
                            and not any(c.cause == ref_cause for c in cs):
                        conflicts.append(f"cause of death: {next(c.cause for c in cs if c.cause)} vs {ref_cause}")
                    for act, ref_key in ref_agents.items():
                        named = {key for c in cs for a2, key in c.agents if a2 == act}
                        if named and not any(_same_agent(key, ref_key) for key in named):
                            # a different named agent for the same action (an agentless
                            # report is an omission of the agent, not a conflict)
                            conflicts.append(f"{act} agent: {', '.join(sorted(named))} vs {ref_key}")
                    status = "contradicted" if conflicts else "differs" if differs else "asserted"
                    note = "; ".join(conflicts or differs) or (_support_note(cs, members) if status == "asserted" else None)
                else:
                    # a conflicting statement elsewhere in the same sub-event
                    if ref_cause:
                        opposite = [c for c in sub_claims.get(outlet, []) if c.cause and c.cause != ref_cause and not c.recap]
                        if opposite:
                            status, ev = "contradicted", opposite
                            note = f"cause of death: {opposite[0].cause} vs {ref_cause}"
                    if status is None:
                        status = "omitted" if outlet in row_covered else "not_covered"
                        if status == "omitted" and outlet not in covered:
                            note = later[outlet]
                ids, text, text_en = _evidence(ev)
                rows.append({
                    "event_id": event, "subevent_id": sub, "cluster_id": cid, "facet": None, "outlet": outlet,
                    "status": status, "evidence_sentence_ids": ids, "evidence_text": text,
                    "evidence_text_en": text_en, "note": note,
                })
            # ---- facets: counted quantities
            for counted in counted_in_cluster:
                outlets_with = [o for o, cl in sub_claims.items()
                                if any(q.counted == counted for c in cl for q in _values(c))]
                if len(outlets_with) < facet_min_outlets or counted not in ref_ranges:
                    continue
                lo, hi = ref_ranges[counted]
                # The facet reads the whole sub-event, so two clusters with the same
                # reference figure give the same row: one copy is kept, on the cluster
                # where most outlets give the count (ties: more outlets, then the id).
                # A cluster with another reference figure keeps its own facet: that
                # is the other side of a dispute ("dozens" against "nine").
                giving = sum(1 for o, cs in own.items()
                             if any(q.counted == counted for c in cs if c.article.subevent_id == sub for q in _values(c)))
                score = (giving, len({c.outlet for c in members}), cid)
                facet_key = (event, sub, counted, lo, hi)
                facet_best[facet_key] = max(facet_best.get(facet_key, score), score)
                first_row = len(rows)
                # a later outlet that gives this count anywhere in the event has not omitted it
                facet_covered = covered | {o for o in row_covered - covered if counted not in counts_given[(event, o)]}
                for outlet in outlets_of(event):
                    cl = sub_claims.get(outlet, [])
                    with_q = [c for c in cl if any(q.counted == counted for q in _values(c))]
                    agree = [c for c in with_q if any(q.counted == counted and ranges_overlap(lo, hi, q.value_low, q.value_high)
                                                      for q in _values(c))]
                    note = None
                    if outlet not in facet_covered:
                        status, ev = "not_covered", []
                    elif agree:
                        status, ev = "asserted", agree
                    elif [c for c in with_q if not c.recap]:
                        ev = [c for c in with_q if not c.recap]
                        ref_cs = [c for o, cl2 in sub_claims.items() if o != outlet for c in cl2
                                  if any(q.counted == counted and ranges_overlap(lo, hi, q.value_low, q.value_high)
                                         for q in _values(c))]
                        status, note = compare_counts(ev, (lo, hi), ref_cs, counted, evolving=evolves[(event, counted)])
                        if status == "contradicted" and _outnumbered((lo, hi), ev, sub_claims, counted):
                            # The reference is the cluster's consensus, but across the
                            # sub-event more outlets give this outlet's figure: the row
                            # holds the minority figure ("11 detained" in two reports
                            # against "four suspects" in one)
                            status, note = "differs", note + " (more outlets give this figure)"
                    else:
                        status, ev = ("omitted" if outlet in facet_covered else "not_covered"), []
                        if status == "omitted" and outlet not in covered:
                            note = later[outlet]
                    ids, text, text_en = _evidence(ev)
                    rows.append({
                        "event_id": event, "subevent_id": sub, "cluster_id": f"{cid}#{counted}", "facet": counted,
                        "outlet": outlet, "status": status, "evidence_sentence_ids": ids, "evidence_text": text,
                        "evidence_text_en": text_en, "note": note,
                    })
                facet_spans.append((facet_key, cid, first_row, len(rows)))
            # ---- facets: dates
            date_outlets = defaultdict(set)
            for o, cs in own.items():
                for c in cs:
                    for d in c.dates:
                        if d.value is not None:
                            date_outlets[d.value].add(o)
            if date_outlets:
                ref_date, date_support = max(date_outlets.items(), key=lambda kv: (len(kv[1]), kv[0]))
                if len(date_support) >= facet_min_outlets:
                    for outlet in outlets_of(event):
                        cs = own.get(outlet, [])
                        dated = [c for c in cs if any(d.value is not None for d in c.dates)]
                        note = None
                        if outlet not in row_covered:
                            status, ev = "not_covered", []
                        elif any(d.value == ref_date for c in dated for d in c.dates):
                            status, ev = "asserted", [c for c in dated if any(d.value == ref_date for d in c.dates)]
                        elif dated and len(date_support) >= 3 and (dn := _date_conflict(dated, ref_date, own, outlet)):
                            status, ev, note = "contradicted", dated, dn
                        else:
                            status, ev = ("omitted" if outlet in row_covered else "not_covered"), []
                            if status == "omitted" and outlet not in covered:
                                note = later[outlet]
                        ids, text, text_en = _evidence(ev)
                        rows.append({
                            "event_id": event, "subevent_id": sub, "cluster_id": f"{cid}#date", "facet": "date",
                            "outlet": outlet, "status": status, "evidence_sentence_ids": ids, "evidence_text": text,
                            "evidence_text_en": text_en, "note": note,
                        })
    copies = {i for key, cid, start, end in facet_spans if facet_best[key][2] != cid for i in range(start, end)}
    return [r for i, r in enumerate(rows) if i not in copies]


def _outnumbered(ref: tuple, mine: list, by_outlet: dict[str, list], counted: str) -> bool:
    """Whether more outlets, in ``by_outlet``, give only one of ``mine``'s figures
    than give the reference range. An outlet giving both ("dozens were
    detained; police said nine") backs the reference, and a tie stays a
    contradiction: each side contradicts the other's row."""
    ref_n = _outlets_giving(by_outlet, counted, ref)
    figures = {(q.value_low, q.value_high) for c in mine for q in _values(c) if q.counted == counted}
    return any(sum(1 for cs in by_outlet.values() if _gives(cs, counted, f) and not _gives(cs, counted, ref)) > ref_n
               for f in figures)


def _states_reference_count(cs: list, ref_ranges: dict) -> bool:
    """Whether one of the claims gives a figure inside one of the row's reference ranges."""
    return any(_gives(cs, counted, rng) for counted, rng in ref_ranges.items())
