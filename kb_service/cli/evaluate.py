"""`kb evaluate` and `kb template`: the inspector's commands (registered into cli/main.py)."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Callable
from pathlib import Path

from kb_service import app
from kb_service.cli.common import (
    EXIT_INVALID,
    check_output,
    iso_date,
    print_problems,
    write_output,
)
from kb_service.core.problems import UsageError
from kb_service.kb.registry import current_kb


def cmd_evaluate(args: argparse.Namespace) -> int:
    from kb_service.facts import FactsError

    if len(args.facts) > 1 or args.facts[0].is_dir():
        from kb_service.cli.national import evaluate_many

        return evaluate_many(args)
    facts = args.facts[0]
    if not facts.exists():
        raise UsageError(f"{facts}: no such file")
    check_output(args.output, args.format, [facts])  # before the work, not after it
    kb = current_kb(args.engine, args.root)
    try:
        evaluation = app.evaluate_file(facts, args.as_of, args.lang, kb=kb)
    except FactsError as err:
        print_problems(err.problems, "in the facts: nothing was evaluated")
        return EXIT_INVALID
    write_output(app.report_bytes(evaluation, args.format), args.output, args.format, [facts])
    if args.output:
        total = evaluation.summary["total"]
        counts = ", ".join(f"{k}: {v}" for k, v in total.items() if v)
        print(f"{args.output}: {len(evaluation.findings)} findings ({counts})", file=sys.stderr)
    return 0


def cmd_template(args: argparse.Namespace) -> int:
    from kb_service.facts import FactsError

    try:
        app.template(args.body_type, args.format, args.output, kb=current_kb(), force=args.force)
    except FactsError as err:
        print_problems(err.problems, "in the request: nothing was written")
        return EXIT_INVALID
    print(f"{args.output}: blank {args.format} facts file for {args.body_type}", file=sys.stderr)
    return 0


def register(
    sub: argparse._SubParsersAction[argparse.ArgumentParser],
    lang: Callable[[argparse.ArgumentParser], None],
) -> None:
    p = sub.add_parser("evaluate", help="evaluate bodies' facts into cited findings")
    p.add_argument(
        "facts",
        type=Path,
        nargs="+",
        help="a facts file (.json, .jsonld, .ttl or .xlsx); several, or folders of them, make a "
        "batch: a report per body and a national summary in -o OUTDIR",
    )
    p.add_argument("--as-of", dest="as_of", type=iso_date, default=dt.date.today())
    lang(p)
    p.add_argument("--format", choices=("json", "html", "pdf", "ttl"), default="json")
    p.add_argument("--engine", choices=("oxigraph", "rdflib"), default="oxigraph")
    p.add_argument("--root", type=Path, default=None, help="the KB folder (default: the project)")
    p.add_argument("-o", "--output", default=None, help="the report; for a batch, a folder")
    p.add_argument(
        "--jobs", type=int, default=None, help="batch: worker processes (default: the cores)"
    )
    p.add_argument(
        "--per-body",
        dest="per_body",
        action="store_true",
        help="batch: evaluate each body in its own store (the reference for the set-based "
        "default, which evaluates many bodies together with the same findings)",
    )
    p.set_defaults(func=cmd_evaluate)

    p = sub.add_parser("template", help="write a blank facts file for a body type")
    p.add_argument("--body-type", dest="body_type", required=True)
    p.add_argument("--format", choices=("json", "xlsx"), default="xlsx")
    p.add_argument("-o", "--output", required=True)
    p.add_argument("--force", action="store_true", help="overwrite an existing file")
    p.set_defaults(func=cmd_template)
