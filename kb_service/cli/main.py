"""The `kb` command: validate the KB, regenerate the memo, say which law applies, evaluate facts.

The commands parse their arguments, call a use case (kb_service.app) and print; nothing else.
Every user-facing error is one clear line per problem on stderr and a non-zero exit; no traceback
(set KB_DEBUG=1 to see one).
"""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from kb_service import app
from kb_service.cli import edit_commands as cli_edit
from kb_service.cli import evaluate as cli_evaluate
from kb_service.cli import law_commands as cli_law
from kb_service.cli import national as cli_national
from kb_service.cli import national_load as cli_national_load
from kb_service.cli import service_commands as cli_service
from kb_service.cli.common import (
    EXIT_INVALID,
    EXIT_USAGE,
    check_output,
    iso_date,
    print_problems,
    write_output,
)
from kb_service.core.languages import DEFAULT_LANG, LANGS
from kb_service.core.problems import KBError, UsageError
from kb_service.kb.registry import current_kb


def cmd_validate(args: argparse.Namespace) -> int:
    problems = app.validate(root=args.root, extra=args.files)
    if problems:
        print_problems(problems, "found")
        return EXIT_INVALID
    print("knowledge base valid: ontology, rules and queries")
    return 0


def cmd_memo(args: argparse.Namespace) -> int:
    from kb_service.render import render_memo

    check_output(args.output, args.format)
    memo = app.memo(args.regime, args.lang, kb=current_kb())
    write_output(render_memo(memo, args.format), args.output, args.format)
    return 0


def cmd_checklist(args: argparse.Namespace) -> int:
    from kb_service.render import render_memo

    check_output(args.output, args.format)
    checklist = app.checklist(args.body_type, args.as_of, args.lang, kb=current_kb())
    write_output(render_memo(checklist, args.format), args.output, args.format)
    return 0


def cmd_law(args: argparse.Namespace) -> int:
    from kb_service.render.json_out import model_json
    from kb_service.render.law_text import law_as_text

    scope = {k: getattr(args, k) for k in ("section", "requirement", "document", "body_type")}
    law = app.law_lookup(args.as_of, args.lang, kb=current_kb(), **scope)
    if args.format == "json":
        sys.stdout.write(model_json(law).decode("utf-8"))
    else:
        sys.stdout.write(law_as_text(law))
    return 0


def _lang(p: argparse.ArgumentParser) -> None:
    p.add_argument("--lang", choices=LANGS, default=DEFAULT_LANG)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="kb", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("validate", help="validate ontology, rules and queries")
    p.add_argument("files", nargs="*", type=Path, help="extra rule files to validate with the KB")
    p.add_argument(
        "--root", type=Path, default=None, help="project root holding ontology/ rules/ queries/"
    )
    p.set_defaults(func=cmd_validate)

    p = sub.add_parser("memo", help="regenerate the checklist memo from the knowledge base")
    p.add_argument("--regime", choices=("state", "municipal"), default="state")
    _lang(p)
    p.add_argument("--format", choices=("md", "html", "docx", "pdf", "json"), default="md")
    p.add_argument("-o", "--output", default=None)
    p.set_defaults(func=cmd_memo)

    p = sub.add_parser(
        "checklist", help="the checklist for one body type on a date, with the law in force"
    )
    p.add_argument("--body-type", dest="body_type", required=True)
    p.add_argument("--as-of", dest="as_of", type=iso_date, default=dt.date.today())
    _lang(p)
    p.add_argument("--format", choices=("md", "html", "docx", "pdf", "json"), default="md")
    p.add_argument("-o", "--output", default=None)
    p.set_defaults(func=cmd_checklist)

    p = sub.add_parser("law", help="which law applies (acts, validity on a date)")
    scope = p.add_mutually_exclusive_group()
    scope.add_argument("--section", type=int)
    scope.add_argument("--requirement")
    scope.add_argument("--document", type=int)
    p.add_argument("--body-type", dest="body_type")
    p.add_argument("--as-of", dest="as_of", type=iso_date, default=dt.date.today())
    _lang(p)
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.set_defaults(func=cmd_law)

    cli_law.register(sub, _lang)  # legal staff's commands: impact, citations
    cli_evaluate.register(sub, _lang)  # the inspector's commands live in their own module
    cli_edit.register(sub, _lang)  # legal staff's edits: kb act ..., kb rule ...
    cli_national.register(sub, _lang)  # kb generate (kb evaluate takes folders too)
    cli_service.register(sub, _lang)  # kb serve, kb user add
    cli_national_load.register(sub, _lang)  # kb national load
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    # rdflib logs ill-typed literals with a traceback; validation reports them as problems instead
    logging.getLogger("rdflib").setLevel(logging.ERROR)
    args = _parser().parse_args(argv)
    try:
        return int(args.func(args))
    except (KBError, UsageError) as err:
        print(f"kb {args.command}: {err}", file=sys.stderr)
        return EXIT_INVALID if isinstance(err, KBError) else EXIT_USAGE
    except Exception as err:  # last line of defence: never a traceback for a user
        if os.environ.get("KB_DEBUG"):
            raise
        print(f"kb {args.command}: internal error: {type(err).__name__}: {err}", file=sys.stderr)
        print("(set KB_DEBUG=1 to see the details)", file=sys.stderr)
        return 70


if __name__ == "__main__":
    sys.exit(main())
