"""Helpers shared by the `kb` subcommands: strict argument types and all-or-nothing output files."""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
from collections.abc import Sequence
from pathlib import Path

from kb_service.core.output_file import check_target, write_file
from kb_service.core.problems import UsageError

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


_ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def iso_date(text: str) -> dt.date:
    """Only YYYY-MM-DD: fromisoformat alone also takes 20250630 and 2025-W26-1."""
    try:
        if _ISO_DAY.fullmatch(text):
            return dt.date.fromisoformat(text)
    except ValueError:
        pass
    raise argparse.ArgumentTypeError(f"{text!r} is not a date: expected YYYY-MM-DD") from None


def check_output(
    out: Path | str | None, fmt: str, inputs: Sequence[Path] = (), *, force: bool = True
) -> None:
    """Refuse a bad -o before any work is done (the write checks again).

    -o is kept as the string given: Path("") would be the current folder, Path("out/") "out".
    """
    if out is None:
        if fmt in BINARY_FORMATS:
            raise UsageError(f"--format {fmt} is binary: give an output file with -o FILE")
        return
    check_target(out, inputs, force=force)


def write_output(
    data: bytes, out: Path | str | None, fmt: str, inputs: Sequence[Path] = ()
) -> None:
    """To stdout for text formats without -o; else to the file, all-or-nothing."""
    check_output(out, fmt, inputs)
    if out is None:
        sys.stdout.write(data.decode("utf-8"))
        return
    write_file(data, out, inputs)
