"""National scale: 1, 10, 100 and 600 generated bodies, the real batch and its stages.

    .venv/bin/python benchmarks/national.py [--sizes 1 10 100 600] [--jobs J] [--json OUT]
        [--baseline TREE]

For each size (the first N bodies of one generated set, `kb generate --seed 7`):
- wall: `kb evaluate DIR --jobs J -o OUT` in a fresh process (JSON reports and the national
  summary written), with the peak memory of its whole process tree (sampled every 20 ms);
- stages: each body in this process, one after another, split into parse, validate, load,
  derive, checks, explain and render (national_stages.py), on Oxigraph; the same stages of the
  set-based path `kb evaluate DIR` takes (chunks of bodies in one store, a query per check);
  then the per-body stages on rdflib's engine up to the largest size that finishes within
  --rdflib-budget seconds (default 300), with the ratios on the same bodies and whether the
  findings agree: rdflib against Oxigraph body by body ("x total", "x engine": the stages the
  engine choice changes), and against the batch's own set-based path ("x set path").
--baseline TREE (a checkout of an earlier commit, e.g. `git worktree add --detach TREE main`)
runs the same `kb evaluate` on that tree's code (PYTHONPATH=TREE, this interpreter), right after
each candidate run on the same inputs, and compares every report and the summary byte for byte.
Prints one table and writes JSON. Exit 1 when a guard fails (split, engines or baseline disagree).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from national_stages import STAGES, Timed, run_body, run_set

from kb_service.app.batch import default_jobs
from kb_service.evaluation.assess import assess_file
from kb_service.facts.synthetic import BODIES_DIR, MANIFEST, write_country
from kb_service.kb.registry import current_kb

AS_OF = dt.date(2025, 6, 30)


def _tree_rss(pid: int) -> int:
    """Resident bytes of a process and all its descendants (Linux /proc)."""
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        try:
            status = Path(f"/proc/{p}/status").read_text()
            rss = next(x for x in status.splitlines() if x.startswith("VmRSS"))
            total += int(rss.split()[1]) * 1024
            for task in Path(f"/proc/{p}/task").iterdir():
                todo += [int(c) for c in (task / "children").read_text().split()]
        except (OSError, StopIteration, ValueError):
            continue
    return total


def wall_run(files: list[Path], work: Path, jobs: int, tree: Path | None = None) -> dict[str, Any]:
    work = work.resolve()
    folder = work / f"in-{len(files)}"
    if not folder.exists():
        folder.mkdir()
        for f in files:
            (folder / f.name).symlink_to(f)
    out = work / f"out-{len(files)}{'-baseline' if tree else ''}"
    cmd = [sys.executable, "-m", "kb_service.cli.main", "evaluate", str(folder),
           "--as-of", AS_OF.isoformat(), "--jobs", str(jobs), "-o", str(out)]  # fmt: skip
    env = {**os.environ, "PYTHONPATH": str(tree)} if tree else None
    start, peak, load = time.perf_counter(), 0, os.getloadavg()[0]
    proc = subprocess.Popen(  # `-m` puts the working folder first on sys.path: run in the tree
        cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, cwd=tree or Path.cwd()
    )
    while proc.poll() is None:
        peak = max(peak, _tree_rss(proc.pid))
        time.sleep(0.02)
    wall = time.perf_counter() - start
    err = proc.stderr.read().decode() if proc.stderr else ""
    if proc.returncode != 0:
        raise SystemExit(f"kb evaluate failed ({proc.returncode}): {err[-2000:]}")
    evaluated = json.loads((out / "summary.json").read_text(encoding="utf-8"))["evaluated"]
    return {"wall_s": wall, "peak_mib": peak / 2**20, "evaluated": evaluated, "load": load,
            "out": str(out)}  # fmt: skip


def same_outputs(a: Path, b: Path) -> list[str]:
    """The files of two batch outputs that differ (or are missing on one side)."""
    names = {p.relative_to(a) for p in a.rglob("*") if p.is_file()}
    names |= {p.relative_to(b) for p in b.rglob("*") if p.is_file()}
    return sorted(str(n) for n in names
                  if not (a / n).is_file() or not (b / n).is_file()
                  or (a / n).read_bytes() != (b / n).read_bytes())  # fmt: skip


def staged(
    files: list[Path], sizes: list[int], engine: str, budget: float | None
) -> dict[str, Any]:
    kb = current_kb(engine)
    run_body(files[0], AS_OF, kb)  # warm-up: derived KB data, query texts, the calendar
    sums, per_body, evaluations, done = Timed(), [], [], {}
    start = time.perf_counter()
    for i, path in enumerate(files[: max(sizes)], 1):
        t, ev = run_body(path, AS_OF, kb)
        for k, v in t.seconds.items():
            sums.seconds[k] += v
        per_body.append(t.total())
        evaluations.append(ev)
        if i in sizes:
            elapsed = time.perf_counter() - start
            within = budget is None or elapsed <= budget
            done[i] = {"stages_s": dict(sums.seconds), "total_s": sums.total(), "within": within}
            if not within:  # measured, but over the budget: no larger size is tried
                break
    return {"sizes": done, "per_body_s": per_body, "evaluations": evaluations}


def _keys(ev: Any) -> dict[tuple[str, str, str | None], tuple[str, tuple[str, ...]]]:
    return {(f.check, f.requirement, f.unit): (f.status, f.deciding_facts) for f in ev.findings}


ENGINE_PART = ("load", "derive", "checks", "explain")  # what the engine choice changes


def _row(
    n: int, manifest: Any, wall: Any, o: Any, r: Any, base: Any, set_total: float
) -> dict[str, Any]:
    def engine(x: Any) -> float:
        return float(sum(x["stages_s"][k] for k in ENGINE_PART))

    return {
        "bodies": n,
        "servants": sum(b["servants"] for b in manifest["bodies"][:n]),
        "records": sum(b["records"] for b in manifest["bodies"][:n]),
        **wall,
        "baseline": base,
        "oxigraph": o,
        "rdflib": r,
        "ratio_total": r["total_s"] / o["total_s"] if r else None,
        "ratio_engine": engine(r) / engine(o) if r else None,
        # the batch's own path (kb evaluate DIR: set-based, one process) against rdflib doing
        # the same work body by body: the same bodies, stages and reports
        "set_total_s": set_total,
        "ratio_set": r["total_s"] / set_total if r else None,
    }


def _print_table(rows: list[dict[str, Any]]) -> None:
    head = ["bodies", "servants", "records", "wall s", "peak MiB", "load", "baseline wall s"]
    head += ["x baseline", *STAGES, "stages s"]
    print(" | ".join([*head, "rdflib s", "x total", "x engine", "set path s", "x set path"]))
    for row in rows:
        o, r = row["oxigraph"], row["rdflib"]
        cells = [f"{row['bodies']}", f"{row['servants']:,}", f"{row['records']:,}"]
        cells += [f"{row['wall_s']:.1f}", f"{row['peak_mib']:.0f}", f"{row['load']:.1f}"]
        base = row["baseline"]
        if base:
            same = "" if not base["differ"] else f" ({len(base['differ'])} files DIFFER)"
            cells += [f"{base['wall_s']:.1f} (load {base['load']:.1f}){same}"]
            cells += [f"{base['wall_s'] / row['wall_s']:.1f}"]
        else:
            cells += ["-", "-"]
        cells += [f"{o['stages_s'][k]:.2f}" for k in STAGES] + [f"{o['total_s']:.1f}"]
        if r:
            over = "" if r["within"] else " (over budget)"
            cells += [f"{r['total_s']:.1f}{over}", f"{row['ratio_total']:.1f}"]
            cells += [f"{row['ratio_engine']:.1f}"]
        else:
            cells += ["-", "-", "-"]
        cells += [f"{row['set_total_s']:.1f}"]
        cells += [f"{row['ratio_set']:.1f}" if r else "-"]
        print(" | ".join(cells))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1, 10, 100, 600])
    ap.add_argument("--jobs", type=int, default=default_jobs())
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--violations", type=float, default=0.1)
    ap.add_argument("--rdflib-budget", type=float, default=300.0)
    ap.add_argument("--work", type=Path, default=None, help="folder for bodies and reports")
    ap.add_argument("--json", type=Path, default=None, help="results (default WORK/national.json)")
    ap.add_argument("--baseline", type=Path, default=None, help="a checkout to compare with")
    args = ap.parse_args(argv)
    sizes = sorted(set(args.sizes))
    work = args.work or Path(tempfile.mkdtemp(prefix="kb-national-"))
    work.mkdir(parents=True, exist_ok=True)
    print("# " + " ".join([Path(sys.argv[0]).name, *(argv or sys.argv[1:])]), f"(work: {work})")
    kb = current_kb()
    t0 = time.perf_counter()
    share = args.violations
    write_country(work / "gen", max(sizes), seed=args.seed, share=share, as_of=AS_OF, kb=kb)
    manifest = json.loads((work / "gen" / MANIFEST).read_text(encoding="utf-8"))
    files = [work / "gen" / BODIES_DIR / b["file"] for b in manifest["bodies"]]
    gen_s = time.perf_counter() - t0
    walls, bases = {}, {}
    for n in sizes:  # candidate, then baseline on the same inputs, size by size
        walls[n] = wall_run(files[:n], work, args.jobs)
        if args.baseline:
            bases[n] = wall_run(files[:n], work, args.jobs, args.baseline)
            bases[n]["differ"] = same_outputs(Path(walls[n]["out"]), Path(bases[n]["out"]))
    ox = staged(files, sizes, "oxigraph", None)
    guard = [f.name for f, ev in zip(files[:3], ox["evaluations"], strict=False)
             if _keys(ev) != _keys(assess_file(f, AS_OF, "ky", kb=kb))]  # fmt: skip
    sets = {n: run_set(files[:n], AS_OF, kb) for n in sizes}  # the batch's own path, staged
    rd = staged(files, sizes, "rdflib", args.rdflib_budget)
    disagree = [files[i].name for i, ev in enumerate(rd["evaluations"])
                if _keys(ev) != _keys(ox["evaluations"][i])]  # fmt: skip
    peak_self = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    rows = [_row(n, manifest, walls[n], ox["sizes"][n], rd["sizes"].get(n), bases.get(n),
                 sets[n].total()) for n in sizes]  # fmt: skip
    _print_table(rows)
    print("set-based (kb evaluate DIR's path), one process: " + " | ".join(STAGES))
    for n in sizes:
        cells = [f"{sets[n].seconds[k]:.2f}" for k in STAGES]
        print(f"{n} | " + " | ".join(cells) + f" | {sets[n].total():.1f}")
        rows[sizes.index(n)]["set_stages_s"] = dict(sets[n].seconds)
    warm = ox["per_body_s"][:10]
    median_ms, max_ms = statistics.median(warm) * 1000, max(warm) * 1000
    print(f"one body warm (first 10, all stages, Oxigraph): median {median_ms:.0f} ms, "
          f"max {max_ms:.0f} ms")  # fmt: skip
    print(f"generation of {max(sizes)} bodies: {gen_s:.1f} s; jobs {args.jobs}; "
          f"stage process peak {peak_self:.0f} MiB")  # fmt: skip
    agree = "yes" if not disagree else "NO " + ", ".join(disagree)
    print(f"split guard: {'ok' if not guard else 'MISMATCH ' + ', '.join(guard)}; "
          f"engines agree on {len(rd['evaluations'])} bodies: {agree}")  # fmt: skip
    result = {
        "as_of": AS_OF.isoformat(),
        "seed": args.seed,
        "jobs": args.jobs,
        "cpus": os.cpu_count(),
        "load_average_at_end": os.getloadavg(),
        "generation_s": gen_s,
        "rows": rows,
        "one_body_warm_ms": [w * 1000 for w in warm],
        "stage_process_peak_mib": peak_self,
        "split_guard": guard,
        "engine_disagreements": disagree,
        "rdflib_budget_s": args.rdflib_budget,
    }
    out = args.json or work / "national.json"
    out.write_text(json.dumps(result, indent=1), encoding="utf-8")
    print(f"results: {out}")
    differ = any(b["differ"] for b in bases.values())
    if bases:
        print(f"baseline {args.baseline}: outputs {'DIFFER' if differ else 'byte-identical'}")
    return 1 if guard or disagree or differ else 0


if __name__ == "__main__":
    sys.exit(main())
