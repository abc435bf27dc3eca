"""The dates the synthetic bodies must respect or break, all from the KB (rules/parameters.ttl
through the check that uses each parameter) and its working-day calendar: never a number here.

A parameter with no version in force on the as-of date leaves its date `None`; the check it
serves then reports insufficient evidence, and the manifest says so.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from kb_service.kb.check_catalog import ParameterVersion
from kb_service.kb.knowledge_base import KnowledgeBase
from kb_service.law.deadlines import cutoff, due_rows, period_rows
from kb_service.law.working_days import WorkingCalendar, working_calendar

# the checks whose parameter each date comes from (check ids of rules/checks.ttl)
TRAINING_RECENCY = "training-recency"
DONOR_FORWARDING = "donor-forwarding"
APPEAL_DEADLINE = "appeal-deadline"
ANNUAL_PROGRAMME = "annual-programme"
SEMIANNUAL_REPORTS = "semiannual-reports"


@dataclass(frozen=True)
class LawDates:
    as_of: dt.date
    period: tuple[dt.date, dt.date]  # the monitored period: the calendar year before as_of
    training_cutoff: dt.date | None  # a servant trained on or after it is up to date
    programme_years: tuple[int, ...] | None  # years that need an approved programme
    report_halves: tuple[tuple[int, int], ...] | None  # (year, half) that need a report
    _donor: ParameterVersion | None
    _appeal: ParameterVersion | None
    _calendar: WorkingCalendar

    def donor_due(self, received: dt.date) -> dt.date | None:
        """The last day an invitation received on `received` may be forwarded."""
        if self._donor is None:
            return None
        return due_rows(self._donor, [received], self._calendar)[0]["dueWorking"]  # type: ignore[no-any-return]

    def appeal_due(self, received: dt.date) -> tuple[dt.date, dt.date] | None:
        """(on time by every reading, late by every reading after): the calendar-day and the
        working-day due dates (the same day where the KB says which kind of day counts)."""
        if self._appeal is None:
            return None
        row = due_rows(self._appeal, [received], self._calendar)[0]
        return row["dueCalendar"], row["dueWorking"]

    def lacking(self, check: str) -> bool:
        """True when the check's parameter has no version on the as-of date."""
        return {
            TRAINING_RECENCY: self.training_cutoff is None,
            DONOR_FORWARDING: self._donor is None,
            APPEAL_DEADLINE: self._appeal is None,
            ANNUAL_PROGRAMME: self.programme_years is None,
            SEMIANNUAL_REPORTS: self.report_halves is None,
        }.get(check, False)


def _version(kb: KnowledgeBase, check: str, as_of: dt.date) -> ParameterVersion | None:
    c = kb.checks.checks.get(check)
    if c is None or not c.parameters:
        return None
    return kb.checks.parameters[c.parameters[0]].version_on(as_of)


def law_dates(kb: KnowledgeBase, as_of: dt.date) -> LawDates:
    year = as_of.year - 1
    period = (dt.date(year, 1, 1), dt.date(year, 12, 31))
    end = min(period[1], as_of)
    recency = _version(kb, TRAINING_RECENCY, as_of)
    programme = _version(kb, ANNUAL_PROGRAMME, as_of)
    halves = _version(kb, SEMIANNUAL_REPORTS, as_of)
    return LawDates(
        as_of=as_of,
        period=period,
        training_cutoff=cutoff(recency, as_of) if recency else None,
        programme_years=(
            tuple(r["year"] for r in period_rows(programme, period[0], end)) if programme else None
        ),
        report_halves=(
            tuple((r["year"], r["half"]) for r in period_rows(halves, period[0], end))
            if halves
            else None
        ),
        _donor=_version(kb, DONOR_FORWARDING, as_of),
        _appeal=_version(kb, APPEAL_DEADLINE, as_of),
        _calendar=working_calendar(kb),
    )
