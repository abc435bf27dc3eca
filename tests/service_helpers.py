"""Helpers of the service tests (tests/api, tests/service): a KB copy, an Oxigraph server
started on loopback, users with API tokens, a running `kb serve`."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
from repo_paths import ROOT, kb_copy  # noqa: F401 - kb_copy is shared from here too

from kb_service.storage import open_storage

ROLES = ("viewer", "inspector", "legal-editor", "admin")
PASSWORD = "a long test password"
OXIGRAPH = Path(sys.executable).parent / "oxigraph"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_http(url: str, seconds: float = 60, proc: subprocess.Popen[bytes] | None = None) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"the process ended with {proc.returncode}")
        try:
            if httpx.get(url, timeout=2).status_code < 500:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise TimeoutError(url)


@contextmanager
def oxigraph_server(folder: Path) -> Iterator[str]:
    """`oxigraph serve` on a free loopback port; yields its query URL."""
    port = free_port()
    proc = subprocess.Popen(
        [str(OXIGRAPH), "serve", "--location", str(folder), "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        wait_http(f"http://127.0.0.1:{port}/query?query=ASK%7B%7D", proc=proc)
        yield f"http://127.0.0.1:{port}/query"
    finally:
        proc.terminate()
        proc.wait(10)


def add_users(data: Path, endpoint: str | None) -> dict[str, dict[str, str]]:
    """A user of each role (named after it), each with an API token: role -> headers."""
    storage = open_storage(data, endpoint)
    try:
        headers = {}
        for role in ROLES:
            storage.add_user(role, role, PASSWORD, "test")
            token = storage.create_token(role, "test", "test")
            headers[role] = {"Authorization": f"Bearer {token}"}
        return headers
    finally:
        storage.close()


@contextmanager
def kb_serve(data: Path, root: Path, port: int) -> Iterator[subprocess.Popen[bytes]]:
    """`kb serve` as its own process (for restart and kill tests)."""
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    kb = Path(sys.executable).parent / "kb"
    proc = subprocess.Popen(
        [str(kb), "serve", "--data", str(data), "--root", str(root), "--port", str(port)],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env,
    )  # fmt: skip
    try:
        wait_http(f"http://127.0.0.1:{port}/healthz", 120, proc)
        yield proc
    finally:
        if proc.poll() is None:
            proc.terminate()
            proc.wait(20)
