"""Engine, reasoning and parallelism benchmark on synthetic bodies, each against its baseline.

    .venv/bin/python benchmarks/evaluate_engines.py [--bodies 100] [--rdflib-bodies 10]

In one run: Oxigraph vs rdflib (the baseline) on the same facts, with a finding-by-finding
agreement check; owlrl over the KB alone vs over the KB plus facts, vs the actual approach
(KB materialised once); assess_many jobs=2 vs jobs=1 (the baseline). Exit 1 when the engines
(or the two job counts) disagree. See benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shlex
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path

from synthetic import AS_OF, MANIFEST, write_bodies

from kb_service.evaluation.assess import assess, assess_many
from kb_service.evaluation.evaluate import evaluate_body, open_store
from kb_service.evaluation.explain import explain
from kb_service.facts import Facts, load_facts
from kb_service.kb.loading import kb_files, materialise, parse_all
from kb_service.kb.registry import current_kb
from kb_service.models.findings import Evaluation

HERE = Path(__file__).resolve()
REASON_TIMEOUT = 60.0
Key = tuple[str, str, str | None]  # (check, requirement, unit)


@dataclass
class EngineRun:
    engine: str
    load_s: list[float]  # per body: KB + facts into a fresh store (median over passes)
    eval_s: list[float]  # per body: every check + wording
    findings: dict[str, dict[Key, list[tuple[str, tuple[str, ...]]]]] = field(repr=False)

    def per_body_ms(self, n: int | None = None) -> float:
        n = len(self.load_s) if n is None else n
        return 1000 * (sum(self.load_s[:n]) + sum(self.eval_s[:n])) / max(1, n)


def prepare(n: int, as_of: dt.date, facts_dir: Path, seed: int = 7) -> list[Path]:
    """Reuse the bodies in facts_dir when its manifest matches; otherwise (re)generate them."""
    manifest = facts_dir / MANIFEST
    if manifest.exists():
        have = json.loads(manifest.read_text(encoding="utf-8"))
        paths = [facts_dir / f"syn-{i:04d}.json" for i in range(1, n + 1)]
        same = have.get("as_of") == as_of.isoformat() and have.get("seed") == seed
        if same and have.get("bodies", 0) >= n and all(p.exists() for p in paths):
            return paths
    return write_bodies(n, facts_dir, as_of, seed)


def findings_of(ev: Evaluation) -> dict[Key, list[tuple[str, tuple[str, ...]]]]:
    out: dict[Key, list[tuple[str, tuple[str, ...]]]] = defaultdict(list)
    for f in ev.findings:
        out[(f.check, f.requirement, f.unit)].append((f.status, tuple(sorted(f.deciding_facts))))
    return {k: sorted(v) for k, v in out.items()}


def _assess_timed(facts: Facts, as_of: dt.date, engine: str) -> tuple[float, float, Evaluation]:
    """assess() split into its load and evaluate steps (checked against assess() itself)."""
    kb = current_kb(engine)
    t0 = time.perf_counter()
    store = open_store(kb, facts)
    t1 = time.perf_counter()
    ctx, outcomes = evaluate_body(store, facts, as_of, kb=kb)
    ev = explain(ctx, outcomes, "ky", as_of, str(facts.source), kb=kb)
    return t1 - t0, time.perf_counter() - t1, ev


def run_engine(facts: list[Facts], as_of: dt.date, engine: str, passes: int = 1) -> EngineRun:
    # warm-up (KB from the cache, query texts, calendar) and a guard that the split timing
    # above still does what assess() does
    first = _assess_timed(facts[0], as_of, engine)[2]
    if first.findings != assess(facts[0], as_of, kb=current_kb(engine)).findings:
        raise RuntimeError("_assess_timed no longer mirrors kb_service.evaluation.assess.assess")
    loads: list[list[float]] = [[] for _ in facts]
    evals: list[list[float]] = [[] for _ in facts]
    found: dict[str, dict[Key, list[tuple[str, tuple[str, ...]]]]] = {}
    for _ in range(passes):
        for i, f in enumerate(facts):
            load_s, eval_s, ev = _assess_timed(f, as_of, engine)
            loads[i].append(load_s)
            evals[i].append(eval_s)
            found[f.body_id] = findings_of(ev)
    med = statistics.median
    return EngineRun(engine, [med(x) for x in loads], [med(x) for x in evals], found)


def disagreements(a: EngineRun, b: EngineRun) -> list[str]:
    """One line per (body, check, requirement, unit) whose findings differ between engines."""
    lines = []
    for body in sorted(set(a.findings) & set(b.findings)):
        fa, fb = a.findings[body], b.findings[body]
        for key in sorted(set(fa) | set(fb), key=str):
            va, vb = fa.get(key), fb.get(key)
            if va != vb:
                check, req, unit = key
                lines.append(
                    f"{body} check={check} requirement={req} unit={unit}: "
                    f"{a.engine}={va} {b.engine}={vb}"
                )
    return lines


def compare_engines(
    paths: list[Path], as_of: dt.date, rdflib_bodies: int, passes: int = 3
) -> tuple[EngineRun, EngineRun, list[str]]:
    """Oxigraph on all bodies, rdflib on the first few; the same facts objects for both."""
    facts = [
        load_facts(p, as_of, shacl=False, kb=current_kb()) for p in paths
    ]  # validated below, not timed
    ox = run_engine(facts, as_of, "oxigraph", passes)
    rd = run_engine(facts[:rdflib_bodies], as_of, "rdflib", 1)  # seconds per body: 1 pass
    return ox, rd, disagreements(ox, rd)


def _owlrl_worker(k: int, facts_dir: Path, as_of: dt.date) -> None:
    """Child process: owlrl over the KB plus the facts of k bodies; prints JSON."""
    graph = parse_all(kb_files())
    for p in sorted(facts_dir.glob("syn-*.json"))[:k]:
        graph.parse(data=load_facts(p, as_of, shacl=False, kb=current_kb()).ntriples, format="nt")
    t0 = time.perf_counter()
    closed = materialise(graph)
    seconds = time.perf_counter() - t0
    print(json.dumps({"triples": len(graph), "closed": len(closed), "seconds": seconds}))


def owlrl_seconds(k: int, facts_dir: Path, as_of: dt.date) -> dict | None:
    """materialise() time on the KB + k bodies, or None past REASON_TIMEOUT."""
    cmd = [sys.executable, str(HERE), "--owlrl-worker", str(k)]
    cmd += ["--facts-dir", str(facts_dir), "--as-of", as_of.isoformat()]
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=REASON_TIMEOUT)
    except subprocess.TimeoutExpired:
        return None
    if out.returncode != 0:
        raise RuntimeError(f"owlrl worker failed:\n{out.stderr}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def time_jobs(paths: list[Path], as_of: dt.date, jobs: int) -> tuple[float, list[Evaluation]]:
    t0 = time.perf_counter()
    evs = assess_many(paths, as_of, jobs=jobs, kb=current_kb("oxigraph"))
    return time.perf_counter() - t0, evs


def _row(cells: list[str]) -> str:
    widths = (30, 26, 26, 22)
    return " | ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)).rstrip()


def _load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def _rerun_line(a: argparse.Namespace) -> str:
    opts = ["--bodies", a.bodies, "--rdflib-bodies", a.rdflib_bodies, "--passes", a.passes]
    opts += ["--reason-bodies", a.reason_bodies, "--parallel-bodies", a.parallel_bodies]
    opts += ["--as-of", a.as_of.isoformat()] + (["--facts-dir", a.facts_dir] if a.facts_dir else [])
    return shlex.join([".venv/bin/python", "benchmarks/evaluate_engines.py", *map(str, opts)])


def _facts(a: argparse.Namespace, facts_dir: Path) -> list[Path]:
    t0 = time.perf_counter()
    paths = prepare(max(a.bodies, a.parallel_bodies), a.as_of, facts_dir)
    load_facts(
        paths[0], a.as_of, kb=current_kb()
    )  # warm-up: shapes and KB lists load once per process
    sample, t1 = paths[:5], time.perf_counter()
    for p in sample:  # full validation (structure + SHACL): timed on a sample
        load_facts(p, a.as_of, kb=current_kb())
    shacl_ms = 1000 * (time.perf_counter() - t1) / len(sample)
    for p in paths[len(sample) :]:  # every body must at least pass the structural checks
        load_facts(p, a.as_of, shacl=False, kb=current_kb())
    print(f"facts: {len(paths)} bodies in {facts_dir}, {time.perf_counter() - t0:.1f} s")
    print(f"full validation (structure + SHACL, assess_many does it): {shacl_ms:.0f} ms/body")
    return paths


def engines(a: argparse.Namespace, paths: list[Path], table: list[str]) -> list[str]:
    ox, rd, diff = compare_engines(paths[: a.bodies], a.as_of, a.rdflib_bodies, a.passes)
    r = len(rd.load_s)
    print("\n## engines (load = KB + facts into a fresh store; evaluate = checks + wording)")
    for run_, passes in ((ox, a.passes), (rd, 1)):
        load, ev, how = sum(run_.load_s), sum(run_.eval_s), f"median of {passes}"
        print(
            f"{run_.engine:9} {len(run_.load_s):4} bodies: load {load:7.2f} s + evaluate "
            f"{ev:7.2f} s = {run_.per_body_ms():7.1f} ms/body ({how})"
        )
    ox_ms, rd_ms = ox.per_body_ms(r), rd.per_body_ms()
    print(
        f"same {r} bodies: oxigraph {ox_ms:.1f} ms/body, rdflib {rd_ms:.1f} ms/body: "
        f"rdflib/oxigraph = {rd_ms / ox_ms:.1f}x"
    )
    n_keys = sum(len(v) for v in rd.findings.values())
    agree = "agree" if not diff else f"DISAGREE on {len(diff)}"
    print(f"findings of {r} bodies ({n_keys} check/unit keys): engines {agree}")
    for line in diff:
        print(f"  MISMATCH {line}")
    table.append(
        _row(
            [
                "engine, ms per body",
                f"oxigraph {ox_ms:.0f}",
                f"rdflib {rd_ms:.0f}",
                f"rdflib/oxigraph {rd_ms / ox_ms:.1f}x",
            ]
        )
    )
    a.oxigraph_ms = ox.per_body_ms(a.reason_bodies)  # for the reasoning comparison
    return diff


def reasoning(a: argparse.Namespace, facts_dir: Path, table: list[str]) -> None:
    """owlrl over the KB (what we do, once per KB revision, cached) vs over KB + facts."""
    k, cap = a.reason_bodies, f"{REASON_TIMEOUT:.0f} s"
    print(f"\n## reasoning (owlrl materialise, in a child process, capped at {cap})")
    kb_only = owlrl_seconds(0, facts_dir, a.as_of)
    print(
        f"KB alone: {kb_only['seconds']:.2f} s ({kb_only['triples']} triples), once per KB revision"
        if kb_only
        else f"KB alone: did not finish in {cap}"
    )
    with_facts = owlrl_seconds(k, facts_dir, a.as_of)
    actual = a.oxigraph_ms * k / 1000  # k bodies on the materialised KB, every check
    print(f"actual approach, {k} bodies (load materialised KB + facts, checks): {actual:.2f} s")
    if with_facts is None:
        print(f"KB + facts of {k} bodies: did not finish in {cap}")
        cells = [f"owlrl KB+facts > {cap}", f"> {REASON_TIMEOUT / actual:.0f}x"]
    else:
        s = with_facts["seconds"]
        print(
            f"KB + facts of {k} bodies: {s:.2f} s ({with_facts['triples']} triples), reasoning "
            f"alone, before any check: owlrl-over-facts/actual = {s / actual:.0f}x"
        )
        if kb_only:
            extra = (s - kb_only["seconds"]) / k
            each = a.oxigraph_ms / 1000
            print(f"owlrl per added body: {extra:.2f} s, against {each:.2f} s to assess it")
        cells = [f"owlrl KB+facts {s:.1f} s", f"{s / actual:.0f}x"]
    table.append(_row([f"reasoning, {k} bodies", f"actual {actual:.2f} s", *cells]))


def parallel(a: argparse.Namespace, paths: list[Path], table: list[str]) -> list[str]:
    """assess_many (validation with SHACL + assess) with jobs=2 vs jobs=1, Oxigraph."""
    subset = paths[: a.parallel_bodies]
    print(f"\n## parallel: assess_many over {len(subset)} bodies (oxigraph, with validation)")
    t1, ev1 = time_jobs(subset, a.as_of, 1)
    t2, ev2 = time_jobs(subset, a.as_of, 2)
    diff = [str(e1.body["id"]) for e1, e2 in zip(ev1, ev2, strict=True) if e1 != e2]
    same = f"findings DIFFER for {diff}" if diff else "same findings"
    print(f"jobs=1 {t1:.2f} s, jobs=2 {t2:.2f} s: speed-up {t1 / t2:.2f}x ({same})")
    table.append(
        _row(
            [
                f"parallel, {len(subset)} bodies",
                f"jobs=2 {t2:.1f} s",
                f"jobs=1 {t1:.1f} s",
                f"speed-up {t1 / t2:.2f}x",
            ]
        )
    )
    return diff


def run(a: argparse.Namespace, facts_dir: Path) -> int:
    t0 = time.perf_counter()
    print(f"# rerun: {_rerun_line(a)}")
    versions = ", ".join(f"{p} {version(p)}" for p in ("pyoxigraph", "rdflib", "owlrl"))
    py = f"{platform.python_implementation()} {platform.python_version()}"
    print(f"# {dt.datetime.now():%Y-%m-%d %H:%M}, {os.cpu_count()} cores, {py}, {versions}")
    print(f"# load average at start {_load()} (other work on the machine skews every figure)")
    paths = _facts(a, facts_dir)
    table = [_row(["comparison", "candidate", "baseline", "ratio"])]
    diff = engines(a, paths, table)
    if a.reason_bodies > 0:
        reasoning(a, facts_dir, table)
    jobs_diff = parallel(a, paths, table) if a.parallel_bodies > 0 else []
    print("\n## summary (candidate vs baseline, same run)")
    print("\n".join(table))
    print(f"\ntotal {time.perf_counter() - t0:.0f} s, load average at end {_load()}")
    return 1 if diff or jobs_diff else 0


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--bodies", type=int, default=100, help="bodies for oxigraph (default 100)")
    ap.add_argument("--rdflib-bodies", type=int, default=10, help="bodies for rdflib (slow)")
    ap.add_argument("--passes", type=int, default=3, help="oxigraph passes; median taken")
    ap.add_argument("--reason-bodies", type=int, default=5, help="bodies for owlrl (0: skip)")
    ap.add_argument("--parallel-bodies", type=int, default=30, help="bodies for jobs (0: skip)")
    ap.add_argument("--as-of", type=dt.date.fromisoformat, default=AS_OF)
    ap.add_argument("--facts-dir", type=Path, help="keep/reuse the generated bodies here")
    ap.add_argument("--owlrl-worker", type=int, help=argparse.SUPPRESS)
    a = ap.parse_args(argv)
    a.rdflib_bodies = min(a.rdflib_bodies, a.bodies)
    a.reason_bodies = min(a.reason_bodies, a.bodies)
    return a


def main(argv: list[str] | None = None) -> int:
    a = parse_args(argv)
    if a.owlrl_worker is not None:
        _owlrl_worker(a.owlrl_worker, a.facts_dir, a.as_of)
        return 0
    if a.facts_dir:
        return run(a, a.facts_dir)
    with tempfile.TemporaryDirectory(prefix="kyzmat-bench-") as tmp:
        return run(a, Path(tmp))


if __name__ == "__main__":
    sys.exit(main())
