"""The runs of one check's query under its parameters' values over time, and the merging of
their judged items: a record fails if it fails in any part, cannot be told if it cannot in some
part and fails in none, and passes when it passes in every part it was judged in.

One run, as of the as-of date, when no parameter changes within the monitoring period: the
check is then judged exactly as it was before parameters had dated values.
"""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from kb_service.kb.check_catalog import Check, ParameterVersion
from kb_service.law.deadlines import Bindings
from kb_service.law.parameter_parts import ParameterPart, PartRun, plan_parameter
from kb_service.law.working_days import working_calendar

if TYPE_CHECKING:
    from kb_service.evaluation.evaluate import Item
    from kb_service.kb.knowledge_base import KnowledgeBase


@dataclass
class CheckPlan:
    runs: list[PartRun]
    used: list[tuple[str, ParameterVersion]] = field(default_factory=list)
    parts: tuple[ParameterPart, ...] = ()
    partial: bool = False  # some part of the period has no value in force
    lacking: str | None = None  # id of a parameter with no value in force at all


def _joined(a: PartRun, b: PartRun) -> PartRun:
    words = {**a.bindings.words, **b.bindings.words}
    values = {**a.bindings.values, **b.bindings.values}
    return PartRun(
        min(a.as_of, b.as_of), Bindings(values, [*a.bindings.rows, *b.bindings.rows], words)
    )


def plan_check(
    check: Check,
    kb: KnowledgeBase,
    as_of: dt.date,
    period: tuple[dt.date, dt.date],
    receipts: list[dt.date],
) -> CheckPlan:
    """The runs of `check` (each parameter's parts combined) and what the finding reports."""
    cc, cal = kb.checks, working_calendar(kb)
    plan = CheckPlan([PartRun(as_of, Bindings())])
    for pid in check.parameters:
        p = plan_parameter(cc.parameters[pid], as_of, period, receipts, cal)
        if p.lacking:
            return CheckPlan(plan.runs, plan.used, plan.parts, plan.partial, pid)
        plan.runs = [_joined(a, b) for a, b in itertools.product(plan.runs, p.runs)]
        plan.used += [(pid, v) for v in p.used]
        plan.parts += p.parts
        plan.partial = plan.partial or p.partial
    return plan


def _rank(item: Item) -> int:
    return 0 if item.ok is False else 1 if item.ok is None else 2


def merge_runs(runs: list[list[Item]]) -> list[Item]:
    """One item per record over all runs: the worst judgement, with the values of the run that
    gave it (the first such run)."""
    if len(runs) == 1:
        return runs[0]
    merged: dict[tuple[str, str | None], Item] = {}
    for items in runs:
        for item in items:
            key = (item.id, item.unit)
            if key not in merged or _rank(item) < _rank(merged[key]):
                merged[key] = item
    return sorted(merged.values(), key=lambda i: i.id)
