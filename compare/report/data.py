"""Read a run directory once for every output (HTML, Markdown, LaTeX, figures, handouts).

Only ``articles`` is required. Every other table may be missing (an earlier
stage was skipped or failed); :class:`RunData` records which ones are missing so
that each output can say so instead of crashing.
"""
from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from compare.errors import InputProblem, MissingStage
from compare.runs import TABLE_STAGE, Run, file_sha256

TABLES = (
    "articles", "sentences", "translations", "events", "claims", "claim_clusters",
    "claim_matrix", "entities", "quantities", "attributions", "source_mix", "agency",
    "agency_summary", "numbers", "event_links",
)

LANG_ORDER = ("ru", "az", "en")
LANG_NAMES = {"ru": "Russian", "az": "Azerbaijani", "en": "English"}
STATUSES = ("asserted", "differs", "contradicted", "unclear", "omitted", "not_covered", "rejected")
# Symbol + word: the status is readable without colour (and in plain text).
STATUS_SYMBOL = {"asserted": "✓", "differs": "≠", "contradicted": "✗", "unclear": "?", "omitted": "○",
                 "not_covered": "–", "rejected": "⊘"}
STATUS_WORD = {"asserted": "asserted", "differs": "differs", "contradicted": "contradicted", "unclear": "unclear",
               "omitted": "omitted", "not_covered": "not covered", "rejected": "rejected"}
SOURCE_TYPE_LABEL = {
    "official_russia": "Russian officials", "official_azerbaijan": "Azerbaijani officials",
    "official_other": "other officials", "law_enforcement": "police / law enforcement",
    "court_prosecutor": "court / prosecutor", "ngo": "NGO / rights group", "media": "media",
    "anonymous": "anonymous", "witness_relative": "witness / relative", "expert": "expert",
    "other": "other", "unattributed": "unattributed",
}
SOURCE_TYPE_ORDER = tuple(SOURCE_TYPE_LABEL)
AGENT_LABEL = {"named": "named agent", "generic": "generic agent", "absent": "agentless"}


STATUS_RANK = {"contradicted": 0, "differs": 1, "asserted": 2, "unclear": 3, "omitted": 4, "rejected": 5,
               "not_covered": 6}


def collapse_matrix(rows: list[dict]) -> dict[tuple[str, str], dict]:
    """One cell per (claim, outlet) across sub-events: the most informative status wins."""
    out: dict[tuple[str, str], dict] = {}
    for r in rows:
        key = (r["cluster_id"], r["outlet"])
        if key not in out or STATUS_RANK.get(r["status"], 9) < STATUS_RANK.get(out[key]["status"], 9):
            out[key] = r
    return out


def lang_key(lang: str | None) -> tuple[int, str]:
    lang = lang or "und"
    return (LANG_ORDER.index(lang) if lang in LANG_ORDER else len(LANG_ORDER), lang)


def language_groups(outlets: list["Outlet"]) -> list[tuple[str, list["Outlet"]]]:
    """Consecutive outlets of one language as ``(language, outlets)`` groups,
    in the given order (for column headers grouped by language)."""
    groups: list[tuple[str, list[Outlet]]] = []
    for o in outlets:
        if groups and groups[-1][0] == o.language:
            groups[-1][1].append(o)
        else:
            groups.append((o.language, [o]))
    return groups


def slug(value: object) -> str:
    """A string safe in ids and file names; unusual ids get a short hash suffix."""
    text = str(value)
    clean = re.sub(r"[^A-Za-z0-9_-]+", "-", text).strip("-")
    if clean != text or not clean:
        clean = f"{clean[:40] or 'x'}-{hashlib.blake2b(text.encode(), digest_size=4).hexdigest()}"
    return clean


def format_value(low, high) -> str:
    """2, 40–60, ≥9 (open upper bound), ≤5 (open lower bound)."""
    def num(v):
        return f"{int(v)}" if float(v).is_integer() else f"{v:g}"

    if low is None and high is None:
        return "?"
    if high is None:
        return f"≥{num(low)}"
    if low is None:
        return f"≤{num(high)}"
    return num(low) if low == high else f"{num(low)}–{num(high)}"


@dataclass(frozen=True)
class Outlet:
    id: str
    name: str
    language: str
    country: str | None
    kind: str | None


@dataclass
class Event:
    id: str
    label: str
    start: object
    end: object
    article_ids: list[str]
    outlets: list[Outlet]          # ordered by language group, then name

    @property
    def slug(self) -> str:
        return slug(self.id)

    @property
    def page(self) -> str:
        return f"event-{self.slug}.html"

    def outlets_by_language(self) -> list[tuple[str, list[Outlet]]]:
        groups: dict[str, list[Outlet]] = {}
        for o in self.outlets:
            groups.setdefault(o.language, []).append(o)
        return sorted(groups.items(), key=lambda kv: lang_key(kv[0]))

    def date_span(self) -> str:
        if not self.start:
            return "date unknown"
        if not self.end or self.end == self.start:
            return str(self.start)
        return f"{self.start} – {self.end}"


@dataclass
class RunData:
    run: Run
    tables: dict[str, pl.DataFrame]
    missing: list[str]
    translation_status: dict
    manifest: dict
    outlets: dict[str, Outlet]
    events: list[Event]
    notes: list[str] = field(default_factory=list)

    def t(self, name: str) -> pl.DataFrame:
        """The table, or an empty frame when it is missing."""
        return self.tables.get(name, pl.DataFrame())

    def has(self, name: str) -> bool:
        return name in self.tables and self.tables[name].height > 0

    def for_event(self, name: str, event_id: str) -> pl.DataFrame:
        df = self.t(name)
        if df.height == 0 or "event_id" not in df.columns:
            return df.clear() if df.width else df
        return df.filter(pl.col("event_id") == event_id)

    @property
    def mode(self) -> str:
        return str(self.translation_status.get("mode") or ("translated" if self.has("translations") else "unknown"))

    def missing_pairs(self) -> list[dict]:
        """Normalise ``missing_pairs`` (list of dicts, list of strings or mapping) to dicts."""
        raw = self.translation_status.get("missing_pairs") or []
        out = []
        if isinstance(raw, dict):
            raw = [{"pair": k, **(v if isinstance(v, dict) else {"command": v})} for k, v in raw.items()]
        for item in raw:
            if isinstance(item, str):
                out.append({"pair": item, "command": None})
            elif isinstance(item, dict):
                pair = item.get("pair") or item.get("needed_for") or "→".join(
                    str(item.get(a) or item.get(b)) for a, b in (("source", "from"), ("target", "to"))
                    if item.get(a) or item.get(b)) or "?"
                cmd = item.get("command") or item.get("install") or item.get("install_command")
                out.append({"pair": pair, "command": cmd, "offline": item.get("offline"),
                            "sentences": item.get("sentences")})
        return out

    def missing_notes(self) -> list[str]:
        return [f"{name}: not in this run (written by `compare {TABLE_STAGE.get(name, '?')}`)"
                for name in self.missing]

    def signature(self) -> dict:
        """What identifies this run: toolkit version, models, config hash, data digest."""
        m = self.manifest
        toolkit = m.get("toolkit")
        version = (toolkit.get("version") if isinstance(toolkit, dict) else None) or \
            m.get("toolkit_version") or m.get("version")
        if version is None:
            from compare import __version__
            version = f"{__version__} (no manifest)"
        config = m.get("config")
        config_hash = m.get("config_hash") or (
            hashlib.sha256(json.dumps(config, sort_keys=True, ensure_ascii=False, default=str).encode()).hexdigest()[:12]
            if config is not None else None)
        models = m.get("models")
        if isinstance(models, dict):
            models_text = "; ".join(
                f"{k}: {', '.join(map(str, v)) if isinstance(v, (list, tuple)) else v}" for k, v in sorted(models.items()))
        elif isinstance(models, (list, tuple)):
            models_text = ", ".join(map(str, models))
        else:
            models_text = str(models) if models else None
        # Digest of the tables this output was built from: same digest, same report.
        h = hashlib.sha256()
        for name in TABLES:
            p = self.run.table_path(name)
            if p.exists():
                h.update(name.encode() + b"=" + file_sha256(p).encode() + b"\n")
        return {
            "toolkit_version": str(version),
            "models": models_text,
            "config_hash": config_hash[:12] if config_hash else None,
            "input_hash": (m.get("input_hash") or "")[:12] or None,
            "seed": m.get("seed"),
            "tables_digest": h.hexdigest()[:12],
            "mode": self.mode,
            "pipeline_signature": m.get("signature") if isinstance(m.get("signature"), str) else None,
        }

    def signature_line(self) -> str:
        s = self.signature()
        if s["pipeline_signature"]:  # the pipeline's own one-line signature, plus what this page was built from
            return f"{s['pipeline_signature']} · tables {s['tables_digest']} · mode {s['mode']}"
        parts = [f"compare {s['toolkit_version']}"]
        if s["models"]:
            parts.append(f"models: {s['models']}")
        parts.append(f"config {s['config_hash'] or 'not recorded'}")
        if s["input_hash"]:
            parts.append(f"inputs {s['input_hash']}")
        if s["seed"] is not None:
            parts.append(f"seed {s['seed']}")
        parts.append(f"tables {s['tables_digest']}")
        parts.append(f"mode {s['mode']}")
        return " · ".join(parts)


def _read_json(path: Path) -> dict:
    if not path.exists():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise InputProblem(path, f"not valid JSON ({exc})") from None
    return data if isinstance(data, dict) else {}


def load(run: str | Path | Run) -> RunData:
    run = run if isinstance(run, Run) else Run(run)
    if not run.path.is_dir():
        raise InputProblem(run.path, "run directory not found")
    if not run.has("articles"):
        raise MissingStage(f"{run.table_path('articles')}: table not found; run `compare ingest` first")
    tables, missing = {}, []
    for name in TABLES:
        path = run.table_path(name)
        if not path.exists():
            missing.append(name)
            continue
        try:
            tables[name] = pl.read_parquet(path)
        except Exception as exc:  # a truncated or foreign file: name it, keep going
            raise InputProblem(path, f"not a readable Parquet table ({type(exc).__name__}: {exc})") from None
    status = _read_json(run.path / "translation_status.json")
    manifest = _read_json(run.path / "manifest.json")

    arts = tables["articles"]
    outlets: dict[str, Outlet] = {}
    for outlet, group in arts.group_by("outlet", maintain_order=True):
        outlet = outlet[0] if isinstance(outlet, tuple) else outlet
        langs = group["language"].drop_nulls().value_counts(sort=True)
        lang = langs["language"][0] if langs.height else "und"

        def first(col):
            vals = group[col].drop_nulls() if col in group.columns else []
            return vals[0] if len(vals) else None

        outlets[outlet] = Outlet(outlet, first("outlet_name") or outlet, lang,
                                 first("outlet_country"), first("outlet_kind"))

    def order(ids):
        return sorted((outlets[o] for o in set(ids) if o in outlets),
                      key=lambda o: (lang_key(o.language), o.name.casefold()))

    events: list[Event] = []
    if "events" in tables and tables["events"].height:
        ev = tables["events"].join(arts.select("article_id", "outlet", "published"), on="article_id", how="left")
        for (event_id,), g in ev.group_by(["event_id"], maintain_order=True):
            label = next((x for x in g["event_label"].to_list() if x), None) or str(event_id)
            start = g["event_start"].drop_nulls().min() if "event_start" in g.columns else None
            end = g["event_end"].drop_nulls().max() if "event_end" in g.columns else None
            if start is None and g["published"].drop_nulls().len():
                start, end = g["published"].drop_nulls().min().date(), g["published"].drop_nulls().max().date()
            events.append(Event(str(event_id), label, start, end, g["article_id"].to_list(),
                                order(g["outlet"].drop_nulls().to_list())))
    else:
        # Without alignment every article is shown on one page so the texts are still readable.
        pub = arts["published"].drop_nulls() if "published" in arts.columns else pl.Series([])
        events.append(Event("all", "All articles (not aligned into events)",
                            pub.min().date() if pub.len() else None, pub.max().date() if pub.len() else None,
                            arts["article_id"].to_list(), order(arts["outlet"].to_list())))
    # Largest events first, then by date: the index reads like a front page.
    events.sort(key=lambda e: (-len(e.outlets), -len(e.article_ids), str(e.start), e.label))
    return RunData(run, tables, missing, status, manifest, outlets, events)
