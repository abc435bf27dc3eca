"""Helpers shared by the `kb` subcommands: date arguments and all-or-nothing output files."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Sequence
from pathlib import Path

from kb_service.errors import UsageError

EXIT_INVALID = 1  # the input or KB is invalid
EXIT_USAGE = 2
BINARY_FORMATS = ("pdf", "docx", "xlsx")
SHOWN_PROBLEMS = 50  # a flood of errors hides the first one, which is usually the cause


def print_problems(problems: Sequence[object], what: str) -> None:
    """One line per problem on stderr, the first SHOWN_PROBLEMS of them, then a count."""
    for problem in problems[:SHOWN_PROBLEMS]:
        print(problem, file=sys.stderr)
    hidden = len(problems) - SHOWN_PROBLEMS
    if hidden > 0:
        print(f"... and {hidden:,} more (fix the first ones and run again)", file=sys.stderr)
    print(f"{len(problems):,} problem(s) {what}", file=sys.stderr)


def iso_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date: expected YYYY-MM-DD") from None


def write_output(data: bytes, out: Path | None, fmt: str) -> None:
    """To stdout for text formats without -o; else to a file, atomically (no half-written file)."""
    if out is None:
        if fmt in BINARY_FORMATS:
            raise UsageError(f"--format {fmt} is binary: give an output file with -o FILE")
        sys.stdout.write(data.decode("utf-8"))
        return
    if not out.parent.is_dir():
        raise UsageError(f"{out}: the folder {out.parent} does not exist")
    tmp = out.with_name(out.name + ".part")
    tmp.write_bytes(data)
    tmp.replace(out)
