"""Input limits: every facts file is refused, with the limit named, before it can cost more than
its size. The defaults fit a whole ministry with room to spare (several thousand servants and
tens of thousands of records); README.md lists them.

These are limits of the tool, not rules of the law, so they live here rather than in rules/.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

MiB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    file_bytes: int = 32 * MiB  # a facts file as stored (JSON, Turtle or the .xlsx zip)
    workbook_bytes: int = 128 * MiB  # all parts of a workbook, uncompressed
    workbook_parts: int = 256  # files inside the .xlsx zip
    sheet_rows: int = 50_001  # header row included
    sheet_columns: int = 64
    text_chars: int = 2_000  # one text field (a name, a note, a question)
    json_depth: int = 16  # nesting of JSON arrays and objects
    records_per_kind: int = 50_000  # e.g. servants, trainings, orders
    integer_max: int = 2**63 - 1  # the store's integers are 64-bit
    count_max: int = 1_000_000  # staff numbers, sessions, measures
    turtle_triples: int = 1_000_000
    earliest_date: dt.date = dt.date(1900, 1, 1)
    period_years: int = 10  # the longest monitored period


DEFAULT = Limits()


def shown(value: object, width: int = 60) -> str:
    """A value for an error message, cut so that a huge or deep input never floods the terminal
    (nor costs a deep repr)."""
    if isinstance(value, str):
        cut = repr(value[:width])
        return cut if len(value) <= width else f"{cut}… ({len(value):,} characters)"
    if isinstance(value, list | dict):
        kind = "a list" if isinstance(value, list) else "an object"
        return f"{kind} of {len(value)} item(s)"
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 64:
        return f"a number of about {int(value.bit_length() * 0.30103) + 1} digits"
    text = repr(value)
    return text if len(text) <= width else f"{text[:width]}…"
