"""`kb serve` as a process: data survives a restart; killed with SIGKILL during a stream of
writes, every acknowledged write is there afterwards and nothing is half-written; `kb user
add` refuses clearly while the service holds the store."""

from __future__ import annotations

import os
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
from service_helpers import PASSWORD, add_users, free_port, kb_copy, kb_serve

from kb_service.storage import open_storage

KB = str(Path(sys.executable).parent / "kb")


def _body(port: int, headers: dict[str, str], body_id: str) -> httpx.Response:
    return httpx.post(
        f"http://127.0.0.1:{port}/api/bodies", headers=headers, timeout=30,
        json={"id": body_id, "name": f"Body {body_id}", "body_type": "state-body"},
    )  # fmt: skip


def test_restart_keeps_data_and_user_add_says_the_store_is_held(tmp_path: Path) -> None:
    root, data, port = kb_copy(tmp_path / "kb"), tmp_path / "data", free_port()
    headers = add_users(data, None)
    with kb_serve(data, root, port):
        assert _body(port, headers["inspector"], "kept").status_code == 201
        held = subprocess.run(
            [KB, "user", "add", "late", "--role", "viewer", "--data", str(data)],
            input=PASSWORD + "\n", capture_output=True, text=True, timeout=60,
        )  # fmt: skip
        assert held.returncode == 2
        assert "locked" in held.stderr and "POST /api/users" in held.stderr
        assert "Traceback" not in held.stderr
    with kb_serve(data, root, port):
        got = httpx.get(f"http://127.0.0.1:{port}/api/bodies/kept", headers=headers["viewer"])
        assert got.status_code == 200 and got.json()["name"] == "Body kept"
    added = subprocess.run(
        [KB, "user", "add", "late", "--role", "viewer", "--data", str(data)],
        input=PASSWORD + "\n", capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert added.returncode == 0, added.stderr
    storage = open_storage(data)
    try:
        assert storage.check_password("late", PASSWORD) is not None
    finally:
        storage.close()


def test_sigkill_during_writes_loses_no_acknowledged_write(tmp_path: Path) -> None:
    root, data, port = kb_copy(tmp_path / "kb"), tmp_path / "data", free_port()
    headers = add_users(data, None)["inspector"]
    acknowledged: list[str] = []
    with kb_serve(data, root, port) as proc:
        deadline = time.monotonic() + 60
        n = 0
        while len(acknowledged) < 25 and time.monotonic() < deadline:
            n += 1
            if _body(port, headers, f"b{n}").status_code == 201:
                acknowledged.append(f"b{n}")
        # keep writing from another process and kill the server in the middle of it
        writer = subprocess.Popen(
            [sys.executable, "-c", _WRITER, str(port), headers["Authorization"]],
            stdout=subprocess.PIPE, text=True,
        )  # fmt: skip
        # kill only once the writer's stream is flowing (its start-up is slow on a busy machine)
        assert writer.stdout is not None
        ready, _, _ = select.select([writer.stdout], [], [], 60)
        first = writer.stdout.readline() if ready else ""
        time.sleep(0.3)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(10)
        out, _ = writer.communicate(timeout=60)
    acknowledged += [line for line in (first + out).split() if line]
    assert len(acknowledged) > 25
    storage = open_storage(data)  # the lock went with the killed process
    try:
        stored = {b.id for b in storage.bodies()}
        assert set(acknowledged) <= stored
        assert storage.verify_audit().ok
        created = {e.target for e in storage.audit_log() if e.action == "body.create"}
        assert stored == created  # every stored body has its audit entry, and no entry lacks it
    finally:
        storage.close()


_WRITER = """
import sys, httpx
port, auth = sys.argv[1], sys.argv[2]
for n in range(10_000):
    try:
        r = httpx.post(f"http://127.0.0.1:{port}/api/bodies", headers={"Authorization": auth},
                       json={"id": f"w{n}", "name": f"w{n}", "body_type": "state-body"}, timeout=5)
    except httpx.HTTPError:
        break
    if r.status_code == 201:
        print(f"w{n}", flush=True)
"""
