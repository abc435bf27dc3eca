"""`kb generate` and the batch form of `kb evaluate` (many files or folders): the national
commands. They parse, call kb_service.app and print; a progress bar goes to stderr on a terminal."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from kb_service import app
from kb_service.cli.common import EXIT_INVALID, iso_date, print_problems
from kb_service.core.problems import UsageError
from kb_service.kb.registry import current_kb

GENERATE_AS_OF = dt.date(2025, 6, 30)  # fixed, so the same seed gives the same files any day


class ProgressBar:
    """`[#####     ] 120/600 bodies  14 s` on one line of a terminal; silent elsewhere."""

    def __init__(self, stream: TextIO, width: int = 30) -> None:
        self.stream, self.width, self.start = stream, width, time.monotonic()
        self.shown = stream.isatty()

    def __call__(self, done: int, total: int) -> None:
        if not self.shown:
            return
        filled = self.width * done // max(1, total)
        bar = "#" * filled + " " * (self.width - filled)
        elapsed = time.monotonic() - self.start
        self.stream.write(f"\r[{bar}] {done}/{total} bodies  {elapsed:.0f} s")
        if done == total:
            self.stream.write("\n")
        self.stream.flush()


def evaluate_many(args: argparse.Namespace) -> int:
    """`kb evaluate DIR-or-FILES... -o OUTDIR`: a report per body and the national summary."""
    if args.jobs is not None and args.jobs < 1:
        raise UsageError(f"--jobs {args.jobs}: expected 1 or more")
    batch = app.evaluate_batch(
        args.facts,
        args.output,
        args.as_of,
        args.lang,
        args.format,
        kb=current_kb(args.engine, args.root),
        jobs=args.jobs,
        progress=ProgressBar(sys.stderr),
        set_based=not args.per_body,
    )
    summary = batch.summary
    for failed in summary.failed:
        print_problems(list(failed.problems), f"in {failed.source}: it was not evaluated")
    totals: Counter[str] = Counter()
    for body in summary.bodies:
        totals.update(body.counts)
    counts = ", ".join(f"{k}: {v:,}" for k, v in totals.items() if v)
    out = Path(args.output)
    print(
        f"{out / 'summary.html'}: {len(summary.bodies):,} of {summary.inputs:,} bodies evaluated"
        f" ({counts}); reports in {out / 'reports'}",
        file=sys.stderr,
    )
    return EXIT_INVALID if summary.failed else 0


def cmd_generate(args: argparse.Namespace) -> int:
    bodies = app.generate(
        Path(args.output),
        args.bodies,
        seed=args.seed,
        share=args.violations,
        as_of=args.as_of,
        kb=current_kb(),
    )
    servants = sum(len(b.data["servants"]) for b in bodies)
    planted = sum(len(b.planted) for b in bodies)
    print(
        f"{args.output}: {len(bodies):,} bodies ({servants:,} servants), {planted:,} planted "
        f"violations; manifest.json expects them as of {args.as_of}; "
        f"evaluate with: kb evaluate {args.output} --as-of {args.as_of} -o OUT",
        file=sys.stderr,
    )
    return 0


def _share(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not 0.0 <= value <= 1.0:
        raise argparse.ArgumentTypeError(f"{text!r}: expected a share from 0 to 1, e.g. 0.1")
    return value


def register(
    sub: argparse._SubParsersAction[argparse.ArgumentParser],
    lang: Callable[[argparse.ArgumentParser], None],
) -> None:
    p = sub.add_parser("generate", help="write synthetic facts files and their manifest")
    p.add_argument("--bodies", type=int, required=True, help="how many bodies")
    p.add_argument("--seed", type=int, default=7)
    p.add_argument(
        "--violations", type=_share, default=0.1, help="share of bodies broken per check (0..1)"
    )
    p.add_argument("--as-of", dest="as_of", type=iso_date, default=GENERATE_AS_OF)
    p.add_argument("-o", "--output", required=True, help="folder: OUT/bodies/*.json, manifest")
    p.set_defaults(func=cmd_generate)
