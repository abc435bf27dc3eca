"""CPU per request of the service, where it is spent: less sensitive to a shared machine than
the load test's latencies (CPU time, not wall time; medians).

    .venv/bin/python benchmarks/service_cpu.py [--repeat 15] [--serve 20] [--json OUT]

1. The evaluation worker's work (`evaluate_source`), stage by stage, in this process: reading the
   example workbook, validating the facts, evaluating them, the stored version's texts.
2. A stored version in the service's process (`add_version` as the service makes it): building
   the UPDATE in Python, applying it, the flush that acknowledges it, and what RocksDB's own
   threads spend after it (compaction).
3. With --serve N (0 skips): a `kb serve` started here, N sequential requests of each kind, the
   CPU of the service's process and of its workers (from /proc) per request.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
FACTS = ROOT / "examples" / "ministry-violations.json"
WORKBOOK = ROOT / "examples" / "ministry.xlsx"
AS_OF = dt.date(2025, 6, 30)


def cpu_ms(
    fn: Callable[[], Any], repeat: int, clock: Callable[[], float] = time.process_time
) -> float:
    fn()  # warm
    times = []
    for _ in range(repeat):
        start = clock()
        fn()
        times.append(clock() - start)
    return 1000 * statistics.median(times)


def worker_stages(repeat: int) -> dict[str, float]:
    from kb_service.app.evaluation_pool import evaluate_source
    from kb_service.evaluation.assess import assess
    from kb_service.facts import facts_from_dict
    from kb_service.facts.xlsx_layout import xlsx_layout
    from kb_service.facts.xlsx_reader import read_xlsx
    from kb_service.kb.registry import current_kb
    from kb_service.storage.assessments import prepare_version

    kb = current_kb()
    data = json.loads(FACTS.read_text(encoding="utf-8"))
    facts = facts_from_dict(data, "facts.json", AS_OF, kb=kb)
    evaluation = assess(facts, AS_OF, "ky", kb=kb)
    content = WORKBOOK.read_bytes()
    return {
        "KB revision (current_kb)": cpu_ms(lambda: current_kb(), repeat),
        "read the workbook (read_xlsx)": cpu_ms(
            lambda: read_xlsx(WORKBOOK, xlsx_layout(kb)), repeat
        ),
        "validate JSON facts": cpu_ms(
            lambda: facts_from_dict(data, "f.json", AS_OF, kb=kb), repeat
        ),
        "evaluate (assess)": cpu_ms(lambda: assess(facts, AS_OF, "ky", kb=kb), repeat),
        "the version's texts (prepare_version)": cpu_ms(
            lambda: prepare_version(evaluation, facts.data), repeat
        ),
        "worker, JSON facts (evaluate_source)": cpu_ms(
            lambda: evaluate_source(("data", data, "facts.json"), AS_OF, "ky", None, kb=kb), repeat
        ),
        "worker, workbook (evaluate_source)": cpu_ms(
            lambda: evaluate_source(("upload", "ministry.xlsx", content), AS_OF, "ru", None, kb=kb),
            repeat,
        ),
    }


def store_stages(repeat: int) -> dict[str, float]:
    from kb_service.app.evaluation_pool import evaluate_source
    from kb_service.kb.registry import current_kb
    from kb_service.storage import audit, open_storage
    from kb_service.storage.assessments import version_write
    from kb_service.storage.rdf import Write
    from kb_service.storage.store import now

    kb = current_kb()
    data = json.loads(FACTS.read_text(encoding="utf-8"))
    done: Any = evaluate_source(("data", data, "facts.json"), AS_OF, "ky", None, kb=kb)
    tmp = Path(tempfile.mkdtemp(prefix="kb-cpu-"))
    storage = open_storage(tmp / "data")
    rows = []
    try:
        storage.ensure_kb(kb)
        storage.create_body("b1", "B", data["body_type"], "bench")
        for n in range(repeat + 3):
            time.sleep(0.15)  # as between requests: the last write's background work ends
            t0 = time.thread_time()
            current_kb()
            storage.body("b1")
            write = Write()
            aid = f"a{n}"
            _, text = version_write(
                write, "b1", done.prepared, "bench", kb=kb, aid=aid, version=1, reason="evaluated"
            )
            items = [("assessment.version", f"{aid}/v1", text)]
            audit.add_entries(write, audit.head(storage.backend), now(), "bench", items)
            update = write.text()
            t1, p1 = time.thread_time(), time.process_time()
            ticket = storage.backend.apply(update)
            p2 = time.process_time()
            storage.backend.sync(ticket)
            p3 = time.process_time()
            time.sleep(0.15)
            rows.append((t1 - t0, p2 - p1, p3 - p2, time.process_time() - p3))
    finally:
        storage.close()
        shutil.rmtree(tmp, ignore_errors=True)
    rows = rows[3:]
    names = ("build the UPDATE (Python)", "apply it (pyoxigraph update)",
             "flush (the acknowledgement)", "RocksDB threads after it")  # fmt: skip
    return {name: 1000 * statistics.median(r[k] for r in rows) for k, name in enumerate(names)}


def _proc_cpu(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1]) == pid:
                    found.append(int(entry.name))
            except (OSError, IndexError, ValueError):
                continue
    return found


def served(n: int) -> dict[str, dict[str, float]]:
    import httpx

    sys.path.insert(0, str(ROOT / "benchmarks"))
    import load_test as lt

    tmp = Path(tempfile.mkdtemp(prefix="kb-cpu-"))
    lt.make_users_offline(tmp / "data", 1)
    port = lt.free_port()
    data = json.loads(FACTS.read_text(encoding="utf-8"))
    content = WORKBOOK.read_bytes()
    out: dict[str, dict[str, float]] = {}
    try:
        with (
            lt.served(tmp / "data", port) as proc,
            httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=120) as c,
        ):
            r = c.post("/api/login", json={"username": "inspector000", "password": lt.PASSWORD})
            head = {"X-CSRF-Token": r.json()["csrf"]}
            new = {"id": "b1", "name": "B", "body_type": data["body_type"]}
            c.post("/api/bodies", json=new, headers=head).raise_for_status()
            body = {"facts": data, "as_of": lt.AS_OF, "lang": "ky"}
            upload = {"file": ("ministry.xlsx", content)}
            form = {"as_of": lt.AS_OF, "lang": "ru"}
            aid = c.post("/api/bodies/b1/assessments", json=body, headers=head).json()["id"]
            ops: dict[str, tuple[Callable[[], httpx.Response], int]] = {
                "evaluate": (
                    lambda: c.post("/api/bodies/b1/assessments", json=body, headers=head), 201
                ),
                "upload": (lambda: c.post("/api/bodies/b1/assessments/upload", files=upload,
                                          data=form, headers=head), 201),
                "report": (lambda: c.get(f"/api/assessments/{aid}/report"), 200),
                "list": (lambda: c.get("/api/bodies/b1/assessments"), 200),
            }  # fmt: skip
            workers = _children(proc.pid)
            for name, (op, status) in ops.items():
                for _ in range(2):
                    op()
                main0, work0, wall0 = (
                    _proc_cpu(proc.pid),
                    sum(map(_proc_cpu, workers)),
                    time.perf_counter(),
                )
                for _ in range(n):
                    if op().status_code != status:
                        raise RuntimeError(f"{name}: unexpected status")
                out[name] = {
                    "wall": 1000 * (time.perf_counter() - wall0) / n,
                    "service": 1000 * (_proc_cpu(proc.pid) - main0) / n,
                    "workers": 1000 * (sum(map(_proc_cpu, workers)) - work0) / n,
                }
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return out


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--repeat", type=int, default=15, help="runs of each in-process stage")
    p.add_argument("--serve", type=int, default=20, help="requests of each kind (0: no kb serve)")
    p.add_argument("--json", type=Path, default=None)
    args = p.parse_args(argv)
    os.environ.setdefault("KYZMAT_KB_CACHE", str(ROOT / ".cache"))
    load = os.getloadavg()
    cores = os.cpu_count()
    print(f"load average at the start {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} ({cores} cores)")
    result: dict[str, Any] = {"load_average": load}
    for title, stages in (("evaluation worker", worker_stages), ("stored version", store_stages)):
        result[title] = found = stages(args.repeat)
        print(f"\n{title}, CPU ms (median of {args.repeat})")
        for name, ms in found.items():
            print(f"  {name:<40} {ms:8.1f}")
    if args.serve:
        result["kb serve"] = found_ops = served(args.serve)
        print(f"\nkb serve, per request (mean of {args.serve}): wall ms; CPU ms of the service's")
        print("process and of its workers")
        for name, row in found_ops.items():
            print(f"  {name:<10} wall {row['wall']:6.0f}   service {row['service']:6.0f}   "
                  f"workers {row['workers']:6.0f}")  # fmt: skip
    if args.json:
        args.json.write_text(json.dumps(result, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
