"""Stage by stage, one body at a time in this process: parse, validate, load, derive, checks,
explain, render (what assess_file and the JSON report do, split so each stage is timed).

A guard in national.py checks that the split gives the findings assess_file gives."""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass, field
from pathlib import Path

from kb_service.evaluation.evaluate import body_context, evaluate_body, open_store
from kb_service.evaluation.explain import explain
from kb_service.evaluation.parameter_runs import plan_check
from kb_service.facts import facts_from_dict
from kb_service.facts.json_reader import read_json
from kb_service.kb.knowledge_base import KnowledgeBase
from kb_service.models.findings import Evaluation
from kb_service.render.report import render_report

STAGES = ("parse", "validate", "load", "derive", "checks", "explain", "render")


@dataclass
class Timed:
    seconds: dict[str, float] = field(default_factory=lambda: dict.fromkeys(STAGES, 0.0))

    def total(self) -> float:
        return sum(self.seconds.values())


def run_body(path: Path, as_of: dt.date, kb: KnowledgeBase) -> tuple[Timed, Evaluation]:
    t, clock = Timed(), time.perf_counter

    def lap(stage: str, start: float) -> float:
        now = clock()
        t.seconds[stage] += now - start
        return now

    start = clock()
    data = read_json(path)
    start = lap("parse", start)
    facts = facts_from_dict(data, str(path), as_of, kb=kb)  # structure, N-Triples, SHACL
    start = lap("validate", start)
    store = open_store(kb, facts)
    start = lap("load", start)
    ctx = body_context(store, facts, kb)
    for check in kb.checks.checks.values():  # the calendar, cut-offs, due dates and periods
        plan_check(check, kb, as_of, ctx.period, ctx.receipts)
    derive = clock() - start
    t.seconds["derive"] += derive
    start = clock()
    ctx, outcomes = evaluate_body(store, facts, as_of, kb=kb)  # derives again inside
    t.seconds["checks"] += max(0.0, clock() - start - derive)
    start = clock()
    evaluation = explain(ctx, outcomes, "ky", as_of, str(facts.source), kb=kb)
    start = lap("explain", start)
    render_report(evaluation, "json")
    lap("render", start)
    return t, evaluation
