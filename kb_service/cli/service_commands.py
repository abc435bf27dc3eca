"""`kb serve` (the web service) and `kb user add` (a user, e.g. the first admin).

The store has one writer: while the service runs it holds the store, so `kb user add` refuses
with a clear message then (stop the service, or add users as an admin: POST /api/users).
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from kb_service.core.problems import UsageError
from kb_service.models.service import ROLES

DATA_HELP = "the service's folder: store, evidence files (default ./kb-data)"


def cmd_serve(args: argparse.Namespace) -> int:
    try:
        import uvicorn

        from kb_service.api.app import create_app
        from kb_service.api.settings import Settings
    except ModuleNotFoundError as err:
        raise UsageError(
            f"the service needs the server extra ({err.name} missing): pip install '.[server]'"
        ) from err
    from kb_service.storage import StoreLocked

    settings = Settings(
        data_dir=args.data, endpoint=args.endpoint, update_endpoint=args.update_endpoint,
        kb_root=args.root,
    )  # fmt: skip
    try:
        uvicorn.run(create_app(settings), host=args.host, port=args.port, log_level="info")
    except StoreLocked as err:
        raise UsageError(f"the store in {args.data} is in use by another process ({err})") from err
    return 0


def _password(args: argparse.Namespace) -> str:
    if args.password_env:
        value = os.environ.get(args.password_env)
        if not value:
            raise UsageError(f"--password-env {args.password_env}: that variable is not set")
        return value
    if not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\n")
    first = getpass.getpass("password: ")
    if getpass.getpass("again: ") != first:
        raise UsageError("the two passwords differ")
    return first


def cmd_user_add(args: argparse.Namespace) -> int:
    from kb_service.storage import StoreLocked, open_storage

    try:
        storage = open_storage(args.data, args.endpoint)
    except StoreLocked as err:
        raise UsageError(
            f"the store in {args.data} is locked: the service is running and holds it (one "
            "writer). Stop the service and run this again, or add the user as an admin through "
            "the service: POST /api/users"
        ) from err
    try:
        user = storage.add_user(args.name, args.role, _password(args), "cli:" + getpass.getuser())
    finally:
        storage.close()
    print(f"user {user.name} added with role {user.role}")
    return 0


def register(
    sub: argparse._SubParsersAction[Any], lang: Callable[[argparse.ArgumentParser], None]
) -> None:
    p = sub.add_parser("serve", help="run the web service (UI, JSON API, /sparql)")
    p.add_argument("--data", type=Path, default=Path("kb-data"), help=DATA_HELP)
    p.add_argument(
        "--endpoint", help="a SPARQL 1.1 Protocol query URL instead of the embedded store"
    )
    p.add_argument("--update-endpoint", help="its update URL (default: .../query -> .../update)")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--root", type=Path, default=None, help="the KB's folder (the project's own)")
    p.set_defaults(func=cmd_serve)

    users = sub.add_parser("user", help="users of the service").add_subparsers(
        dest="op", required=True
    )
    p = users.add_parser("add", help="add a user (the service must be stopped: one writer)")
    p.add_argument("name")
    p.add_argument("--role", choices=ROLES, required=True)
    p.add_argument("--data", type=Path, default=Path("kb-data"), help=DATA_HELP)
    p.add_argument("--endpoint", help="the SPARQL endpoint the service uses, if any")
    p.add_argument(
        "--password-env",
        help="read the password from this environment variable (else: prompt, or stdin)",
    )
    p.set_defaults(func=cmd_user_add)
