"""A rule parameter over time: which of its versions is in force over each part of a period, and
the bindings a check gets for each part (a cut-off per part, a due date per receipt with the value
in force on the receipt date, period rows each under the rule in force at the period's end).

The validity dates come from rules/parameters.ttl (kyz:validFrom inclusive, kyz:validUntil the
first day a version no longer holds); nothing here knows any value.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from kb_service.kb.check_catalog import Parameter, ParameterVersion
from kb_service.law.deadlines import Bindings, cutoff, due_rows, period_rows
from kb_service.law.working_days import WorkingCalendar

DAY = dt.timedelta(days=1)
Span = tuple[dt.date, dt.date]


@dataclass(frozen=True)
class ParameterSegment:
    """One part of a period: its first and last day (both included) and the version in force
    over all of it, or None when no version is."""

    start: dt.date
    end: dt.date
    version: ParameterVersion | None


@dataclass(frozen=True)
class PartRun:
    """What one run of a check's query gets: the reference date it is judged on (bound as
    ?asof) and the part's bindings."""

    as_of: dt.date
    bindings: Bindings


@dataclass(frozen=True)
class ParameterPart:
    """One part of the period as a finding reports it: the segment and, for a cut-off, the
    reference date and cut-off it was judged with; for period rows, the rows it produced."""

    parameter: str  # parameter id
    segment: ParameterSegment
    reference: dt.date | None = None
    cutoff: dt.date | None = None
    rows: tuple[str, ...] = ()  # "2023", "2023-H2": the periods judged under this part


@dataclass(frozen=True)
class ParameterPlan:
    """How a check uses one parameter: the runs of its query, the versions used, the parts to
    report (empty when no change falls in the period) and whether some part has no value."""

    runs: tuple[PartRun, ...]
    used: tuple[ParameterVersion, ...]
    parts: tuple[ParameterPart, ...] = ()
    partial: bool = False  # some part (or receipt) has no version in force

    @property
    def lacking(self) -> bool:
        """No version at all: the whole check needs a legal value."""
        return not self.runs


_NONE = ParameterPlan((), ())  # no version in force at all


def _boundaries(parameter: Parameter, start: dt.date, end: dt.date) -> list[dt.date]:
    """The days in (start, end] on which a version begins or stops holding."""
    days = {d for v in parameter.versions for d in (v.valid_from, v.valid_until) if d is not None}
    return sorted(d for d in days if start < d <= end)


def parameter_segments(
    parameter: Parameter, start: dt.date, end: dt.date
) -> list[ParameterSegment]:
    """The parts of [start, end] (both included) over which one version, or none, is in force,
    in order; adjacent parts under the same version are one part. Empty when end < start."""
    if end < start:
        return []
    segments: list[ParameterSegment] = []
    firsts = [start, *_boundaries(parameter, start, end)]
    for first, following in zip(firsts, [*firsts[1:], end + DAY], strict=True):
        version = parameter.version_on(first)
        if segments and segments[-1].version is version:
            segments[-1] = ParameterSegment(segments[-1].start, following - DAY, version)
        else:
            segments.append(ParameterSegment(first, following - DAY, version))
    return segments


def _distinct(versions: list[ParameterVersion | None]) -> tuple[ParameterVersion, ...]:
    seen: list[ParameterVersion] = []
    for v in versions:
        if v is not None and all(v is not s for s in seen):
            seen.append(v)
    return tuple(seen)


def _cutoff_plan(
    parameter: Parameter, segments: list[ParameterSegment], as_of: dt.date
) -> ParameterPlan:
    if len(segments) <= 1:  # no change in the period: judged as of the as-of date, as always
        version = parameter.version_on(as_of)
        if version is None:
            return _NONE
        cut = cutoff(version, as_of)
        b = Bindings(values={"cutoff": cut}, words={"cutoff": cut.isoformat()})
        return ParameterPlan((PartRun(as_of, b),), (version,))
    runs, parts = [], []
    for seg in segments:
        if seg.version is None:
            parts.append(ParameterPart(parameter.id, seg, seg.end))
            continue
        cut = cutoff(seg.version, seg.end)
        runs.append(PartRun(seg.end, Bindings(values={"cutoff": cut})))
        parts.append(ParameterPart(parameter.id, seg, seg.end, cut))
    words = {"cutoff": " / ".join(p.cutoff.isoformat() for p in parts if p.cutoff)}
    runs = [PartRun(r.as_of, Bindings(r.bindings.values, [], words)) for r in runs]
    used = _distinct([s.version for s in segments])
    partial = any(s.version is None for s in segments)
    return ParameterPlan(tuple(runs), used, tuple(parts), partial)


def _due_plan(
    parameter: Parameter,
    segments: list[ParameterSegment],
    as_of: dt.date,
    receipts: list[dt.date],
    cal: WorkingCalendar,
) -> ParameterPlan:
    parts = tuple(ParameterPart(parameter.id, s) for s in segments) if len(segments) > 1 else ()
    if not receipts:  # nothing to date: the value in force on the as-of date, as always
        version = parameter.version_on(as_of)
        if version is None:
            return _NONE
        return ParameterPlan((PartRun(as_of, Bindings()),), (version,), parts)
    groups: dict[int, tuple[ParameterVersion | None, list[dt.date]]] = {}
    for received in sorted(set(receipts)):  # each receipt under the value in force on its date
        version = parameter.version_on(received)
        groups.setdefault(id(version), (version, []))[1].append(received)
    used = _distinct([v for v, _ in groups.values()])
    if not used:
        return _NONE
    runs: list[PartRun] = []
    for version, days in groups.values():
        rows = due_rows(version, days, cal) if version else [{"received": d} for d in days]
        runs.append(PartRun(as_of, Bindings(rows=rows)))  # no due date: cannot be told
    partial = any(v is None for v, _ in groups.values())
    return ParameterPlan(tuple(runs), used, parts, partial)


def _row_id(row: dict[str, object]) -> str:
    return f"{row['year']}-H{row['half']}" if "half" in row else str(row["year"])


def _row_end(row: dict[str, object]) -> dt.date:
    year = int(str(row["year"]))
    return dt.date(year, 6, 30) if row.get("half") == 1 else dt.date(year, 12, 31)


def _periods_plan(
    parameter: Parameter, segments: list[ParameterSegment], as_of: dt.date, span: Span
) -> ParameterPlan:
    if not segments:  # the as-of date before the period's start: as always
        version = parameter.version_on(as_of)
        if version is None:
            return _NONE
        return ParameterPlan(
            (PartRun(as_of, Bindings(rows=period_rows(version, *span))),), (version,)
        )
    end = span[1]
    runs, parts = [], []
    for seg in segments:
        if seg.version is None:
            parts.append(ParameterPart(parameter.id, seg))
            continue
        rows = [  # each period under the rule in force at its end (the period's end if later)
            r
            for r in period_rows(seg.version, seg.start, seg.end)
            if seg.start <= min(_row_end(r), end) <= seg.end
        ]
        runs.append(PartRun(as_of, Bindings(rows=rows)))
        parts.append(ParameterPart(parameter.id, seg, rows=tuple(_row_id(r) for r in rows)))
    used = _distinct([s.version for s in segments])
    partial = any(s.version is None for s in segments)
    shown = tuple(parts) if len(segments) > 1 else ()
    return ParameterPlan(tuple(runs), used, shown, partial)


def plan_parameter(
    parameter: Parameter,
    as_of: dt.date,
    period: tuple[dt.date, dt.date],
    receipts: list[dt.date],
    cal: WorkingCalendar,
) -> ParameterPlan:
    """How a check judges with `parameter` over the monitoring period up to the as-of date."""
    end = min(period[1], as_of)
    segments = parameter_segments(parameter, period[0], end)
    if parameter.role == "cutoff":
        return _cutoff_plan(parameter, segments, as_of)
    if parameter.role == "due":
        return _due_plan(parameter, segments, as_of, receipts, cal)
    if parameter.role == "periods":
        return _periods_plan(parameter, segments, as_of, (period[0], end))
    raise ValueError(f"parameter {parameter.id} has no known role: {parameter.role!r}")
