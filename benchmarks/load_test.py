"""Load test of `kb serve`: concurrent inspectors on loopback, in a bounded run.

    .venv/bin/python benchmarks/load_test.py [--clients 50] [--duration 120] [--think 10]
        [--url URL --admin NAME --admin-password-env VAR] [--json OUT]

Without --url it starts `kb serve` on a free loopback port with a temporary --data, having
made the users first (one admin, one inspector per client; `kb user add`'s way, the service
stopped). With --url it makes the inspectors through the admin's account (POST /api/users).

Each client is an inspector: it logs in (POST /api/login: session cookie and CSRF token),
registers its own body, then until the run's end repeats, with a random think time of about
--think seconds between requests: read its assessments, read a stored report, evaluate facts
(JSON, stored as a new assessment), upload a workbook (stored too). Each request's latency is
recorded per operation; any answer other than the expected status, or a failed connection, is
an error. Afterwards: every acknowledged assessment is read back (same facts hash), the audit
log holds an entry for each, and its chain verifies; with its own server, again after a restart.
Prints one table (p50, p95, p99 per operation and overall, errors, load average) and writes
JSON. Exit 1 when an error occurred or something acknowledged was lost.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parent.parent
FACTS = ROOT / "examples" / "ministry-violations.json"
WORKBOOK = ROOT / "examples" / "ministry.xlsx"
AS_OF = "2025-06-30"
PASSWORD = "load test password"
OPS = ("login", "register", "list", "report", "evaluate", "upload")


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_ready(url: str, proc: subprocess.Popen[bytes] | None, seconds: float = 180) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"kb serve ended with {proc.returncode}")
        try:
            if httpx.get(url + "/healthz", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    raise TimeoutError(url)


@contextmanager
def served(data: Path, port: int) -> Iterator[subprocess.Popen[bytes]]:
    kb = Path(sys.executable).parent / "kb"
    proc = subprocess.Popen(
        [str(kb), "serve", "--data", str(data), "--port", str(port)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        wait_ready(f"http://127.0.0.1:{port}", proc)
        yield proc
    finally:
        proc.terminate()
        proc.wait(30)


def make_users_offline(data: Path, clients: int) -> None:
    from kb_service.storage import open_storage

    storage = open_storage(data)
    try:
        storage.add_user("admin", "admin", PASSWORD, "load-test")
        for n in range(clients):
            storage.add_user(f"inspector{n:03d}", "inspector", PASSWORD, "load-test")
    finally:
        storage.close()


def make_users_online(url: str, admin: str, password: str, clients: int) -> None:
    with httpx.Client(base_url=url, timeout=60) as c:
        r = c.post("/api/login", json={"username": admin, "password": password})
        r.raise_for_status()
        csrf = r.json()["csrf"]
        for n in range(clients):
            body = {"name": f"inspector{n:03d}", "role": "inspector", "password": PASSWORD}
            r = c.post("/api/users", json=body, headers={"X-CSRF-Token": csrf})
            if r.status_code not in (201, 400):  # 400: there already
                r.raise_for_status()


class Results:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.latency: dict[str, list[float]] = defaultdict(list)
        self.errors: list[str] = []
        self.acknowledged: list[tuple[str, int, str]] = []  # assessment, version, facts hash

    def timed(self, op: str, call: Any, expect: int) -> httpx.Response | None:
        start = time.perf_counter()
        try:
            response: httpx.Response = call()
        except httpx.HTTPError as err:
            with self.lock:
                self.errors.append(f"{op}: {type(err).__name__}: {err}")
            return None
        elapsed = time.perf_counter() - start
        with self.lock:
            self.latency[op].append(elapsed)
            if response.status_code != expect:
                self.errors.append(f"{op}: {response.status_code} {response.text[:200]}")
                return None
        return response


def inspector(url: str, n: int, until: float, think: float, out: Results, seed: int) -> None:
    rng = random.Random(seed + n)
    facts = json.loads(FACTS.read_text(encoding="utf-8"))
    workbook = WORKBOOK.read_bytes()
    name = f"inspector{n:03d}"
    with httpx.Client(base_url=url, timeout=120) as c:
        login = {"username": name, "password": PASSWORD}
        r = out.timed("login", partial(c.post, "/api/login", json=login), 200)
        if r is None:
            return
        head = {"X-CSRF-Token": r.json()["csrf"]}
        body_id = f"load-{seed}-{n:03d}"
        new = {"id": body_id, "name": f"Load body {n}", "body_type": facts["body_type"]}
        if (
            out.timed("register", partial(c.post, "/api/bodies", json=new, headers=head), 201)
            is None
        ):
            return
        stored: list[str] = []
        evaluate = partial(
            c.post, f"/api/bodies/{body_id}/assessments",
            json={"facts": facts, "as_of": AS_OF, "lang": "ky"}, headers=head,
        )  # fmt: skip
        upload = partial(
            c.post, f"/api/bodies/{body_id}/assessments/upload",
            files={"file": ("ministry.xlsx", workbook)}, data={"as_of": AS_OF, "lang": "ru"},
            headers=head,
        )  # fmt: skip
        while time.monotonic() < until:
            time.sleep(rng.uniform(0.5, 1.5) * think)
            op = rng.choice(("list", "report", "evaluate", "upload") if stored else ("evaluate",))
            if op == "list":
                out.timed(op, partial(c.get, f"/api/bodies/{body_id}/assessments"), 200)
                continue
            if op == "report":
                aid = rng.choice(stored)
                out.timed(op, partial(c.get, f"/api/assessments/{aid}/report"), 200)
                continue
            answer = out.timed(op, evaluate if op == "evaluate" else upload, 201)
            if answer is not None:
                v = answer.json()
                stored.append(v["id"])
                with out.lock:
                    out.acknowledged.append((v["id"], v["version"], v["facts_sha256"]))


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


def check_nothing_lost(url: str, admin: str, password: str, acked: list[Any]) -> dict[str, Any]:
    """Every acknowledged version is stored with its facts hash; the audit log holds an entry
    for each and its chain verifies."""
    lost = []
    with httpx.Client(base_url=url, timeout=120) as c:
        r = c.post("/api/login", json={"username": admin, "password": password})
        r.raise_for_status()
        for aid, version, digest in acked:
            got = c.get(f"/api/assessments/{aid}", params={"version": version})
            if got.status_code != 200 or got.json()["facts_sha256"] != digest:
                lost.append(f"{aid}/v{version}")
        targets: set[str] = set()
        after = 0
        while True:
            page = c.get("/api/audit", params={"after": after, "limit": 5000}).json()
            if not page:
                break
            targets.update(e["target"] for e in page if e["action"] == "assessment.version")
            after = page[-1]["seq"]
        unaudited = [f"{a}/v{v}" for a, v, _ in acked if f"{a}/v{v}" not in targets]
        verify = c.get("/api/audit/verify").json()
    return {"lost": lost, "unaudited": unaudited, "audit_ok": verify["ok"],
            "audit_entries": verify["entries"]}  # fmt: skip


def run(url: str, args: argparse.Namespace) -> tuple[Results, float]:
    out = Results()
    until = time.monotonic() + args.duration
    seed = int(time.time())
    threads = [
        threading.Thread(target=inspector, args=(url, n, until, args.think, out, seed))
        for n in range(args.clients)
    ]
    start = time.monotonic()
    for t in threads:
        t.start()
        time.sleep(args.ramp / max(1, args.clients))
    for t in threads:
        t.join()
    return out, time.monotonic() - start


def report(out: Results, wall: float, checks: list[dict[str, Any]], args: Any) -> dict[str, Any]:
    rows = {}
    every: list[float] = []
    for op in OPS:
        values = out.latency.get(op, [])
        every += values
        rows[op] = {"requests": len(values), "p50": percentile(values, 0.50),
                    "p95": percentile(values, 0.95), "p99": percentile(values, 0.99),
                    "max": max(values) if values else float("nan")}  # fmt: skip
    rows["overall"] = {"requests": len(every), "p50": percentile(every, 0.50),
                       "p95": percentile(every, 0.95), "p99": percentile(every, 0.99),
                       "max": max(every) if every else float("nan")}  # fmt: skip
    print(
        f"{'operation':<10} {'requests':>8} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'max ms':>8}"
    )
    for op, r in rows.items():
        print(f"{op:<10} {r['requests']:>8} {r['p50'] * 1000:>8.0f} {r['p95'] * 1000:>8.0f} "
              f"{r['p99'] * 1000:>8.0f} {r['max'] * 1000:>8.0f}")  # fmt: skip
    load = os.getloadavg()
    print(
        f"clients {args.clients}, {wall:.0f} s, {len(every) / wall:.1f} requests/s, "
        f"errors {len(out.errors)}, acknowledged assessments {len(out.acknowledged)}, "
        f"load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} ({os.cpu_count()} cores)"
    )
    for check in checks:
        chain = "verifies" if check["audit_ok"] else "BROKEN"
        print(f"after {check['when']}: lost {len(check['lost'])}, without audit entry "
              f"{len(check['unaudited'])}, audit chain {chain} "
              f"({check['audit_entries']} entries)")  # fmt: skip
    for line in out.errors[:20]:
        print("error:", line)
    return {"clients": args.clients, "duration_s": wall, "think_s": args.think,
            "operations": rows, "errors": out.errors, "acknowledged": len(out.acknowledged),
            "load_average": load, "cores": os.cpu_count(), "checks": checks}  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--clients", type=int, default=50)
    p.add_argument("--duration", type=float, default=120.0, help="seconds of the run")
    p.add_argument("--think", type=float, default=10.0, help="mean think time between requests (s)")
    p.add_argument("--ramp", type=float, default=5.0, help="seconds over which clients start")
    p.add_argument("--url", help="a running service (else kb serve is started here)")
    p.add_argument("--admin", default="admin")
    p.add_argument("--admin-password-env", default="KB_ADMIN_PASSWORD")
    p.add_argument("--json", type=Path, default=None)
    args = p.parse_args(argv)
    checks = []
    if args.url:
        password = os.environ.get(args.admin_password_env, "")
        make_users_online(args.url, args.admin, password, args.clients)
        out, wall = run(args.url, args)
        checks.append({"when": "the run", **check_nothing_lost(args.url, args.admin, password,
                                                               out.acknowledged)})  # fmt: skip
    else:
        tmp = Path(tempfile.mkdtemp(prefix="kb-load-"))
        try:
            make_users_offline(tmp / "data", args.clients)
            port = free_port()
            url = f"http://127.0.0.1:{port}"
            with served(tmp / "data", port):
                out, wall = run(url, args)
                checks.append({"when": "the run", **check_nothing_lost(
                    url, "admin", PASSWORD, out.acknowledged)})  # fmt: skip
            with served(tmp / "data", port):
                checks.append({"when": "a restart", **check_nothing_lost(
                    url, "admin", PASSWORD, out.acknowledged)})  # fmt: skip
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
    result = report(out, wall, checks, args)
    if args.json:
        args.json.write_text(json.dumps(result, indent=2, default=str), encoding="utf-8")
    bad = out.errors or any(c["lost"] or c["unaudited"] or not c["audit_ok"] for c in checks)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
