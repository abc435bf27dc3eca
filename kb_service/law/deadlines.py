"""Dates that checks compare against, computed from rule parameters and the working-day calendar.

SPARQL engines disagree on duration arithmetic, so cut-offs and due dates are computed here and
bound into the check queries as plain dates (see store.bind_values).
"""

from __future__ import annotations

import calendar as _calendar
import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from kb_service.kb.check_catalog import ParameterVersion
from kb_service.law.working_days import WorkingCalendar


@dataclass
class Bindings:
    """What one check's query gets: single values and at most one table of rows."""

    values: dict[str, Any] = field(default_factory=dict)
    rows: list[dict[str, Any]] = field(default_factory=list)
    words: dict[str, str] = field(default_factory=dict)  # for messages: {cutoff}, {deadline}


def minus_years(day: dt.date, years: int) -> dt.date:
    year = day.year - years
    return day.replace(year=year, day=min(day.day, _calendar.monthrange(year, day.month)[1]))


def minus_months(day: dt.date, months: int) -> dt.date:
    """So many calendar months before `day`; a day the month lacks falls back to its last."""
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    month += 1
    return day.replace(
        year=year, month=month, day=min(day.day, _calendar.monthrange(year, month)[1])
    )


def add_days(
    start: dt.date, version: ParameterVersion, cal: WorkingCalendar, working: bool
) -> dt.date:
    if working:
        return cal.add_working_days(start, version.amount)
    return start + dt.timedelta(days=version.amount)


def moved_days(
    start: dt.date, end: dt.date, cal: WorkingCalendar
) -> tuple[tuple[dt.date, ...], tuple[dt.date, ...]]:
    """What moved a working-day due date: the weekdays in (start, end] that are days off
    (holidays, days moved off) and the weekend days in it that are working days."""
    return cal.moved_days(start, end)


COUNTS_WORKING_DAYS = ("working-days", "days-unknown-kind")  # units whose due dates move


def cutoff(version: ParameterVersion, as_of: dt.date) -> dt.date:
    if version.unit == "years":
        return minus_years(as_of, version.amount)
    if version.unit == "months":
        return minus_months(as_of, version.amount)
    return as_of - dt.timedelta(days=version.amount)


def due_rows(
    version: ParameterVersion, receipts: list[dt.date], cal: WorkingCalendar
) -> list[dict[str, Any]]:
    """One row per receipt date: the due date, or (days of unknown kind) both readings."""
    rows = []
    for received in sorted(set(receipts)):
        if version.unit == "days-unknown-kind":
            rows.append(
                {
                    "received": received,
                    "dueCalendar": add_days(received, version, cal, working=False),
                    "dueWorking": add_days(received, version, cal, working=True),
                }
            )
        else:
            due = add_days(received, version, cal, working=version.unit == "working-days")
            rows.append({"received": received, "due": due, "dueCalendar": due, "dueWorking": due})
    return rows


def period_rows(version: ParameterVersion, start: dt.date, end: dt.date) -> list[dict[str, Any]]:
    """Years (amount 1, years) or half-years (6 months) that overlap [start, end] and have ended
    by `end` (a half-year) or begun by it (a year: the programme is approved at its start)."""
    if version.unit == "years":
        return [{"year": y} for y in range(start.year, end.year + 1)]
    if version.unit == "months" and version.amount == 6:
        rows = []
        for year in range(start.year, end.year + 1):
            for half, first, last in ((1, (1, 1), (6, 30)), (2, (7, 1), (12, 31))):
                begins, ends = dt.date(year, *first), dt.date(year, *last)
                if ends >= start and ends <= end and begins <= end:
                    rows.append({"year": year, "half": half})
        return rows
    raise ValueError(f"no period rule for {version.amount} {version.unit}")
