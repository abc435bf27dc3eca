"""A real `kb serve` for the browser tests: a free port, a temp --data with three users, and a
copy of the knowledge base as --root (legal edits change the copy, never the project)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
from repo_paths import kb_copy

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "browser-test-password-1"
USERS = {"insp": "inspector", "legal": "legal-editor", "view": "viewer"}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _kb(*args: str, env: dict[str, str]) -> None:
    kb = str(Path(sys.executable).with_name("kb"))
    subprocess.run([kb, *args], check=True, env=env, capture_output=True, timeout=300)


def start(tmp: Path) -> tuple[subprocess.Popen[bytes], str]:
    root, data = tmp / "kb", tmp / "data"
    kb_copy(root)
    env = {**os.environ, "PW": PASSWORD}
    for name, role in USERS.items():
        _kb("user", "add", name, "--role", role, "--data", str(data), "--password-env", "PW",
            env=env)  # fmt: skip
    port = _free_port()
    kb = str(Path(sys.executable).with_name("kb"))
    log = open(tmp / "serve.log", "wb")  # noqa: SIM115 (kept open for the server's life)
    proc = subprocess.Popen(
        [kb, "serve", "--data", str(data), "--root", str(root), "--port", str(port)],
        stdout=log, stderr=subprocess.STDOUT, env=env,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError((tmp / "serve.log").read_text(errors="replace"))
        try:
            if httpx.get(url + "/healthz", timeout=2).status_code == 200:
                return proc, url
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    proc.kill()
    raise RuntimeError("kb serve did not become ready")


def stop(proc: subprocess.Popen[bytes]) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
