"""`kb impact` and `kb citations`: legal staff's commands (registered into cli/main.py).

`kb impact ACT-ID` shows what a change to one act touches; `kb citations` shows every citation
in trouble on a date. Both parse their arguments, call a use case (kb_service.app) and print.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from kb_service import app
from kb_service.cli.common import check_output, iso_date, write_output
from kb_service.kb.registry import current_kb


def cmd_impact(args: argparse.Namespace) -> int:
    from kb_service.render.impact_text import impact_as_text
    from kb_service.render.json_out import model_json

    found = app.impact(
        args.act_id, args.as_of, args.lang, kb=current_kb(root=args.root), provision=args.provision
    )
    if args.format == "json":
        sys.stdout.write(model_json(found).decode("utf-8"))
    else:
        sys.stdout.write(impact_as_text(found))
    return 0


def cmd_citations(args: argparse.Namespace) -> int:
    check_output(args.output, args.format)  # before the work, not after it
    health = app.citations(args.as_of, args.lang, kb=current_kb(root=args.root))
    write_output(app.citations_bytes(health, args.format), args.output, args.format)
    return 0


def register(
    sub: argparse._SubParsersAction[Any], lang: Callable[[argparse.ArgumentParser], None]
) -> None:
    p = sub.add_parser("impact", help="what a change to one act touches")
    p.add_argument("act_id", metavar="ACT-ID", help="the act id `kb law --format json` prints")
    p.add_argument("--provision", help="only the citations of this article (where recorded)")
    p.add_argument("--as-of", dest="as_of", type=iso_date, default=dt.date.today())
    lang(p)
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.add_argument("--root", type=Path, default=None, help="the KB folder (default: the project)")
    p.set_defaults(func=cmd_impact)

    p = sub.add_parser(
        "citations", help="citations of acts not in force, or resting on unverified facts"
    )
    p.add_argument("--as-of", dest="as_of", type=iso_date, default=dt.date.today())
    lang(p)
    p.add_argument("--format", choices=("text", "json", "html"), default="text")
    p.add_argument("-o", "--output", default=None)
    p.add_argument("--root", type=Path, default=None, help="the KB folder (default: the project)")
    p.set_defaults(func=cmd_citations)
