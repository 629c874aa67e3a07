"""Kill ``compare run`` with SIGKILL at random moments, resume, compare outputs.

An uninterrupted ``compare run`` on the demo corpus (with two small genuine
translation packages installed, so that the translate stage does real work,
and the hashing embedder) gives the reference outputs and each stage's
duration. Then, for each of
``--kills`` trials, a fresh run is started in the same folder and killed with
``kill -9`` at a random moment inside one stage (trials cycle through the
stages so each is hit; the moment is uniform over that stage's reference
duration, measured from the line announcing the stage). The run is then
resumed with the same command, and every output file must be byte-identical
to the reference: tables, figures, report, handouts, state files. Only
``manifest.json``'s record of which stages ran or were skipped on the last
call may differ, and the lock file and the run's private embedding cache are
not outputs.

    python bench/kill_test.py --kills 20 --seed 13 --json kill.json
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT))

STAGES = ("ingest", "translate", "align", "analyze", "figures", "handout", "report")
NOT_OUTPUTS = (".compare.lock",)
# The hashing embedder keeps 20 trials near a quarter of an hour on two cores;
# every stage still runs its own code and writes every output.
CONFIG = """seed = 13
[embed]
backend = "hashing"
[translate]
batch_size = 4
max_decoding_length = 96
threads = 1
"""


def snapshot(run: Path) -> dict[str, str]:
    """sha256 of every output file under ``run``."""
    out = {}
    for path in sorted(run.rglob("*")):
        rel = path.relative_to(run).as_posix()
        if not path.is_file() or path.name in NOT_OUTPUTS or rel.startswith("cache/"):
            continue
        data = path.read_bytes()
        if rel == "manifest.json":  # which stages ran on the last call is history, not output
            manifest = json.loads(data)
            manifest.pop("stages", None)
            data = json.dumps(manifest, sort_keys=True).encode()
        out[rel] = hashlib.sha256(data).hexdigest()
    return out


class Watched:
    """``compare run`` with its stderr read line by line, with times."""

    def __init__(self, cmd: list[str], env: dict):
        self.started = time.monotonic()
        self.proc = subprocess.Popen(cmd, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                     text=True, bufsize=1)
        self.lines: list[tuple[float, str]] = []
        self.cond = threading.Condition()
        self.thread = threading.Thread(target=self._read, daemon=True)
        self.thread.start()

    def _read(self):
        for line in self.proc.stderr:
            with self.cond:
                self.lines.append((time.monotonic() - self.started, line.rstrip("\n")))
                self.cond.notify_all()
        with self.cond:
            self.cond.notify_all()

    def wait_for(self, text: str, timeout: float) -> float | None:
        """Seconds since start when ``text`` was printed, or None if the run ended first."""
        deadline = time.monotonic() + timeout
        with self.cond:
            while True:
                for t, line in self.lines:
                    if line == text:
                        return t
                if self.proc.poll() is not None and not self.thread.is_alive():
                    return None
                left = deadline - time.monotonic()
                if left <= 0:
                    return None
                self.cond.wait(min(left, 0.5))

    def running_stage(self) -> str | None:
        with self.cond:
            running = [line.split(":")[0] for _, line in self.lines if line.endswith(": running")]
        return running[-1] if running else None

    def finish(self, timeout: float = 1800) -> int:
        code = self.proc.wait(timeout=timeout)
        self.thread.join(timeout=10)
        return code

    def stderr(self) -> str:
        with self.cond:
            return "\n".join(line for _, line in self.lines)


def stage_windows(lines: list[tuple[float, str]]) -> dict[str, tuple[float, float]]:
    starts = [(t, line.split(":")[0]) for t, line in lines if line.endswith(": running")]
    end = lines[-1][0] if lines else 0.0
    windows = {}
    for i, (t, name) in enumerate(starts):
        windows[name] = (t, starts[i + 1][0] if i + 1 < len(starts) else end)
    return windows


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--kills", type=int, default=20)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--corpus", type=Path, default=ROOT / "corpora" / "demo")
    ap.add_argument("--work", type=Path, help="working folder (default: a temporary one, removed afterwards)")
    ap.add_argument("--json", type=Path, help="write the results here")
    ap.add_argument("--stages", nargs="*", choices=STAGES, default=list(STAGES),
                    help="stages to kill in, in turn (default: all)")
    args = ap.parse_args(argv)

    rng = random.Random(args.seed)
    work = args.work or Path(tempfile.mkdtemp(prefix="compare-kill-"))
    work.mkdir(parents=True, exist_ok=True)
    run_dir, cache, packages = work / "run", work / "cache", work / "argos"
    env = {**os.environ, "ARGOS_PACKAGES_DIR": str(packages), "COMPARE_CACHE_DIR": str(cache),
           "PYTHONPATH": str(ROOT)}
    config = work / "compare.toml"
    config.write_text(CONFIG, encoding="utf-8")
    cmd = [sys.executable, "-m", "compare", "run", str(args.corpus), "--out", str(run_dir), "--config", str(config)]
    started_all = time.monotonic()
    try:
        from translate_helpers import build_package

        from compare.translate.models import install

        for src in ("ru", "az"):  # small genuine packages: translate does real work
            pkg = build_package(work / f"translate-{src}_en.argosmodel", from_code=src, to_code="en", seed=3,
                                d_model=64, ffn=128)
            install([str(pkg)], directory=packages)

        def fresh():
            shutil.rmtree(run_dir, ignore_errors=True)
            shutil.rmtree(cache, ignore_errors=True)

        fresh()
        ref = Watched(cmd, env)
        ref_code = ref.finish()
        if ref_code not in (0, 3):
            print(ref.stderr(), file=sys.stderr)
            raise SystemExit(f"the reference run failed with exit code {ref_code}")
        windows = stage_windows(ref.lines)
        reference = snapshot(run_dir)
        total = ref.lines[-1][0]
        print(f"reference run: {total:.1f} s, exit {ref_code}, {len(reference)} output files", flush=True)
        for name in STAGES:
            a, b = windows.get(name, (0, 0))
            print(f"  {name:<10} {b - a:6.1f} s", flush=True)

        trials = []
        for i in range(args.kills):
            target = args.stages[i % len(args.stages)]
            a, b = windows[target]
            delay = rng.uniform(0, max(b - a, 0.05))
            fresh()
            watched = Watched(cmd, env)
            seen = watched.wait_for(f"{target}: running", timeout=1800)
            if seen is None:
                raise SystemExit(f"trial {i + 1}: the run ended before {target} started:\n{watched.stderr()}")
            time.sleep(max(0.0, seen + delay - (time.monotonic() - watched.started)))
            killed_at = time.monotonic() - watched.started
            alive = watched.proc.poll() is None
            if alive:
                os.kill(watched.proc.pid, signal.SIGKILL)
            code = watched.finish()
            hit = watched.running_stage() if alive else "(finished)"
            temp_files = [p.relative_to(run_dir).as_posix() for p in run_dir.rglob(".*")
                          if p.is_file() and p.name not in NOT_OUTPUTS]
            resumed_at = time.monotonic()
            resume = Watched(cmd, env)
            resume_code = resume.finish()
            resume_seconds = time.monotonic() - resumed_at
            result = snapshot(run_dir)
            differ = sorted(k for k in set(result) | set(reference) if result.get(k) != reference.get(k))
            leftovers = [p.relative_to(run_dir).as_posix() for p in run_dir.rglob(".*")
                         if p.is_file() and p.name not in NOT_OUTPUTS]
            ok = not differ and resume_code == ref_code and not leftovers and alive
            skipped = [line.split(":")[0] for _, line in resume.lines if line.endswith("inputs unchanged, skipped")]
            trial = {"trial": i + 1, "target": target, "killed_in": hit, "killed_at_s": round(killed_at, 2),
                     "exit_when_killed": code, "temp_files_after_kill": temp_files,
                     "resume_exit": resume_code, "resume_s": round(resume_seconds, 1), "resume_skipped": skipped,
                     "differing_files": differ, "temp_files_after_resume": leftovers, "identical": ok}
            trials.append(trial)
            print(f"trial {i + 1:2d}: killed in {hit:<10} at {killed_at:6.1f} s "
                  f"({len(temp_files)} temporary file(s) left), resumed in {resume_seconds:5.1f} s "
                  f"(skipped {', '.join(skipped) or 'nothing'}): {'identical' if ok else 'DIFFERENT'}"
                  + (f" {differ[:5]}" if differ else "") + (f" leftovers {leftovers}" if leftovers else ""),
                  flush=True)
            if resume_code != ref_code:
                print(resume.stderr(), file=sys.stderr)

        hits: dict[str, int] = {}
        for t in trials:
            hits[t["killed_in"]] = hits.get(t["killed_in"], 0) + 1
        passed = all(t["identical"] for t in trials) and set(args.stages) <= set(hits)
        summary = {
            "command": "python bench/kill_test.py " + " ".join(argv if argv is not None else sys.argv[1:]),
            "seed": args.seed, "kills": args.kills, "reference_seconds": round(total, 1),
            "stage_seconds": {k: round(b - a, 1) for k, (a, b) in windows.items()},
            "output_files": len(reference), "stages_hit": hits,
            "identical": sum(t["identical"] for t in trials), "passed": passed,
            "total_seconds": round(time.monotonic() - started_all, 1), "trials": trials,
        }
        print(f"{summary['identical']}/{len(trials)} resumed runs byte-identical; stages hit: "
              + ", ".join(f"{k} {v}" for k, v in hits.items()) + f"; {summary['total_seconds']:.0f} s in all")
        if args.json:
            args.json.parent.mkdir(parents=True, exist_ok=True)
            args.json.write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
        return 0 if passed else 1
    finally:
        if args.work is None:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
