"""Cost against size: one facts file at 1x, 10x and 100x the largest example body.

    .venv/bin/python benchmarks/facts_scaling.py [--sizes 1 10 100] [--source FILE] [--json OUT]

Each size is a copy of the source body with every record kind repeated k times (new ids,
references kept within each copy), measured in a fresh process: parse + validate
(`load_facts`: structure, then SHACL), evaluate (every check and its wording) and peak memory.
The table compares each size with the 1x baseline of the same run: a cost that grows linearly
has a time ratio close to the triples ratio (and a flat time per 1,000 records).
"""

from __future__ import annotations

import argparse
import copy
import datetime as dt
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from kb_service.kb.registry import current_kb

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "examples" / "ministry-compliant.json"
AS_OF = dt.date(2025, 6, 30)
KEEP = ("units", "documents")  # one per unit (and document type): repeating them is refused


def scaled(data: dict[str, Any], k: int) -> dict[str, Any]:
    """The body with every other record kind k times; copy j's records refer to copy j's."""
    from kb_service.facts.schema import COLLECTIONS

    out = copy.deepcopy(data)
    refs = {
        c.key: [f for f in c.fields if f.kind == "ref" and f.arg not in KEEP] for c in COLLECTIONS
    }
    for c in COLLECTIONS:
        records = data.get(c.key)
        if c.key in KEEP or not records:
            continue
        out[c.key] = []
        for j in range(k):
            for rec in records:
                new = {**rec, "id": f"{rec['id']}-{j}" if j else rec["id"]}
                for f in refs[c.key]:
                    if j and new.get(f.key) is not None:
                        new[f.key] = f"{new[f.key]}-{j}"
                out[c.key].append(new)
    for unit in out.get("units", ()):
        for key in ("staff_approved", "staff_actual"):
            if unit.get(key) is not None:
                unit[key] *= k
    return out


def measure(path: Path) -> dict[str, float]:
    """Run in a child process: the figures of one file."""
    from kb_service.evaluation.assess import assess
    from kb_service.facts import load_facts

    current_kb()  # the KB and its catalogs load once per process: not part of a file's cost
    assess(load_facts(SOURCE, AS_OF, kb=current_kb()), AS_OF, "en", kb=current_kb())
    start = time.perf_counter()
    facts = load_facts(path, AS_OF, kb=current_kb())
    loaded = time.perf_counter()
    evaluation = assess(facts, AS_OF, "en", kb=current_kb())
    done = time.perf_counter()
    return {
        "validate_s": loaded - start,
        "evaluate_s": done - loaded,
        "findings": len(evaluation.findings),
        "triples": facts.ntriples.count("\n"),
        "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def run_size(data: dict[str, Any], k: int, work: Path) -> dict[str, float]:
    path = work / f"body-x{k}.json"
    path.write_text(json.dumps(scaled(data, k), ensure_ascii=False), encoding="utf-8")
    child = subprocess.run(
        [sys.executable, __file__, "--child", str(path)],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    figures = json.loads(child.stdout)
    figures["bytes"] = path.stat().st_size
    figures["records"] = sum(len(v) for v in scaled(data, k).values() if isinstance(v, list))
    return figures


def table(results: dict[int, dict[str, float]]) -> str:
    base = results[min(results)]
    columns = ("size", "records", "triples", "validate s", "evaluate s", "peak MiB")
    columns += ("time ratio", "ms per 1k records")
    lines = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
    for k, r in sorted(results.items()):
        total = r["validate_s"] + r["evaluate_s"]
        base_total = base["validate_s"] + base["evaluate_s"]
        grown, per_k = r["triples"] / base["triples"], 1000 * 1000 * total / r["records"]
        lines.append(
            f"| {k}x | {r['records']:,} | {r['triples']:,} | {r['validate_s']:.2f} | "
            f"{r['evaluate_s']:.2f} | {r['peak_mib']:.0f} | {total / base_total:.1f} "
            f"(triples {grown:.0f}x) | {per_k:.0f} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1, 10, 100])
    parser.add_argument("--source", type=Path, default=SOURCE)
    parser.add_argument("--json", type=Path, default=None, help="also write the figures here")
    parser.add_argument("--child", type=Path, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(measure(args.child)))
        return 0
    data = json.loads(args.source.read_text(encoding="utf-8"))
    sizes = " ".join(map(str, args.sizes))
    print(f"# rerun: {sys.executable} benchmarks/facts_scaling.py --sizes {sizes}")
    with tempfile.TemporaryDirectory() as tmp:
        results = {k: run_size(data, k, Path(tmp)) for k in sorted(args.sizes)}
    print(table(results))
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
