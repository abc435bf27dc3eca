"""`kb national load PATH...`: a batch of bodies into the service's store as their latest
assessments, with a progress bar.

The store has one writer. `--url` goes through the running service (the files zipped and
uploaded to POST /api/national/import with an API token, the job's progress polled);
`--data DIR` (the embedded store) or `--endpoint URL` (the SPARQL store) write directly and
need the service stopped: the embedded store says so itself when it is held, an endpoint store
cannot tell, so never point --endpoint at a store a running service uses.
"""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import json
import os
import sys
import tempfile
import time
import urllib.error
import urllib.request
import uuid
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from kb_service.cli.common import EXIT_INVALID, iso_date, print_problems
from kb_service.cli.national import ProgressBar
from kb_service.core.problems import UsageError
from kb_service.kb.registry import current_kb

LOCKED = (
    "the store in {data} is locked: the service is running and holds it (one writer). Load "
    "through the service instead: kb national load ... --url http://127.0.0.1:8000 "
    "(with an inspector's API token in $KB_TOKEN), or stop the service and run this again"
)


def _inputs(paths: list[Path]) -> tuple[list[Path], dt.date | None]:
    from kb_service.app.batch import facts_inputs
    from kb_service.app.national import batch_inputs

    if len(paths) == 1 and paths[0].is_dir():
        return batch_inputs(paths[0])
    return facts_inputs(paths), None


def _direct(args: argparse.Namespace, files: list[Path], as_of: dt.date) -> dict[str, Any]:
    from kb_service.app import default_jobs
    from kb_service.app.national import load_national
    from kb_service.storage import StoreLocked, open_storage

    kb = current_kb()
    try:
        storage = open_storage(args.data, args.endpoint)
    except StoreLocked as err:
        raise UsageError(LOCKED.format(data=args.data)) from err
    try:
        storage.ensure_kb(kb, "cli:" + getpass.getuser())
        run = load_national(
            storage, files, as_of, args.lang, "cli:" + getpass.getuser(), kb=kb,
            jobs=args.jobs or default_jobs(), progress=ProgressBar(sys.stderr),
        )  # fmt: skip
        return run.to_json()
    finally:
        storage.close()


def _multipart(fields: dict[str, str], zip_path: Path) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    parts = []
    for name, value in fields.items():
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'
        )
    head = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="files"; filename="batch.zip"\r\n'
        "Content-Type: application/zip\r\n\r\n"
    )
    body = "".join(parts).encode() + head.encode() + zip_path.read_bytes()
    return body + f"\r\n--{boundary}--\r\n".encode(), f"multipart/form-data; boundary={boundary}"


def _call(url: str, token: str, data: bytes | None = None, kind: str = "") -> Any:
    request = urllib.request.Request(url, data=data, method="POST" if data else "GET")
    request.add_header("Authorization", f"Bearer {token}")
    if kind:
        request.add_header("Content-Type", kind)
    try:
        with urllib.request.urlopen(request, timeout=600) as answer:  # noqa: S310
            return json.loads(answer.read())
    except urllib.error.HTTPError as err:
        detail = err.read(4000).decode("utf-8", "replace")
        raise UsageError(f"{url}: the service answered {err.code}: {detail}") from err
    except urllib.error.URLError as err:
        raise UsageError(f"{url}: the service cannot be reached ({err.reason})") from err


def _through_service(args: argparse.Namespace, files: list[Path], as_of: dt.date) -> Any:
    if not args.url.startswith(("http://", "https://")):
        raise UsageError(f"--url {args.url!r}: expected the service's http:// or https:// URL")
    token = os.environ.get(args.token_env, "")
    if not token:
        raise UsageError(f"${args.token_env} is not set: put an inspector's API token in it")
    base = args.url.rstrip("/")
    with tempfile.TemporaryDirectory(prefix="kb-load-") as tmp:
        zip_path = Path(tmp) / "batch.zip"
        with zipfile.ZipFile(zip_path, "w", zipfile.ZIP_DEFLATED) as archive:
            for n, path in enumerate(files):
                archive.write(path, f"{n:05d}/{path.name}")
        body, kind = _multipart({"as_of": as_of.isoformat(), "lang": args.lang}, zip_path)
        job = _call(base + "/api/national/import", token, body, kind)
    bar = ProgressBar(sys.stderr)
    while True:
        status = _call(base + str(job["status"]), token)
        bar(status["done"], max(1, status["total"]))
        if status["state"] != "running":
            return status
        time.sleep(1.0)


def cmd_load(args: argparse.Namespace) -> int:
    chosen = [o for o in ("url", "endpoint") if getattr(args, o)]
    if len(chosen) > 1:
        raise UsageError("give --url (through the service) or --data/--endpoint, not both")
    files, batch_as_of = _inputs(args.paths)
    as_of = args.as_of or batch_as_of or dt.date.today()
    status = (_through_service if args.url else _direct)(args, files, as_of)
    for failed in status["failed"]:
        print_problems(failed["problems"], f"in {failed['source']}: it was not stored")
    if status.get("error"):
        raise UsageError(f"the import stopped: {status['error']}")
    print(
        f"{status['stored']:,} of {status['total']:,} bodies stored as their latest assessments "
        f"(as of {as_of}); {len(status['failed']):,} not stored",
        file=sys.stderr,
    )
    return EXIT_INVALID if status["failed"] else 0


def register(
    sub: argparse._SubParsersAction[Any], lang: Callable[[argparse.ArgumentParser], None]
) -> None:
    national = sub.add_parser("national", help="national data in the service's store")
    ops = national.add_subparsers(dest="op", required=True)
    p = ops.add_parser("load", help="load a batch of bodies as their latest assessments")
    p.add_argument("paths", nargs="+", type=Path, help="facts files or a folder (kb generate / "
                   "kb evaluate -o OUT folders too)")  # fmt: skip
    p.add_argument("--as-of", dest="as_of", type=iso_date, default=None,
                   help="the date (default: the batch summary's, else today)")  # fmt: skip
    lang(p)
    p.add_argument("--jobs", type=int, default=None, help="worker processes (direct load)")
    p.add_argument("--data", type=Path, default=Path("kb-data"), help="the service's folder")
    p.add_argument("--endpoint", help="the SPARQL store's query URL (the service stopped)")
    p.add_argument("--url", help="the running service's URL: load through it")
    p.add_argument("--token-env", default="KB_TOKEN", help="variable holding the API token")
    p.set_defaults(func=cmd_load)
