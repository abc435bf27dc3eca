"""Stage by stage, one body at a time in this process: parse, validate, load, derive, checks,
explain, render (what assess_file and the JSON report do, split so each stage is timed).

A guard in national.py checks that the split gives the findings assess_file gives."""

from __future__ import annotations

import dataclasses
import datetime as dt
import time
from dataclasses import dataclass, field
from pathlib import Path

from kb_service.evaluation.assess import SET_CHUNK
from kb_service.evaluation.evaluate import body_context, evaluate_body, open_store
from kb_service.evaluation.explain import explain
from kb_service.evaluation.parameter_runs import plan_check
from kb_service.evaluation.set_evaluate import evaluate_bodies, open_graph_store
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


def run_set(paths: list[Path], as_of: dt.date, kb: KnowledgeBase) -> Timed:
    """The batch's set-based path (evaluation/set_evaluate.py) in this process, chunk by chunk
    as `kb evaluate DIR` runs it: parse, validate, load (one store per chunk), derive, checks
    (every check one query per chunk), explain and render, summed over the bodies."""
    t, clock = Timed(), time.perf_counter
    for i in range(0, len(paths), SET_CHUNK):
        chunk = paths[i : i + SET_CHUNK]
        start = clock()
        data = [read_json(p) for p in chunk]
        t.seconds["parse"] += (now := clock()) - start
        facts = [  # without the JSON form, as the batch keeps them
            dataclasses.replace(facts_from_dict(d, str(p), as_of, kb=kb), data=None)
            for d, p in zip(data, chunk, strict=True)
        ]
        t.seconds["validate"] += (start := clock()) - now
        store = open_graph_store(kb, facts)
        t.seconds["load"] += (now := clock()) - start
        judged = evaluate_bodies(store, facts, as_of, kb=kb)
        checks = (start := clock()) - now
        for ctx, _ in judged:  # derive once more, alone, to tell it from the checks
            for check in kb.checks.checks.values():
                plan_check(check, kb, as_of, ctx.period, ctx.receipts)
        derive = (now := clock()) - start
        t.seconds["derive"] += derive
        t.seconds["checks"] += max(0.0, checks - derive)
        evaluations = [
            explain(ctx, outcomes, "ky", as_of, str(f.source), kb=kb)
            for f, (ctx, outcomes) in zip(facts, judged, strict=True)
        ]
        t.seconds["explain"] += (start := clock()) - now
        for evaluation in evaluations:
            render_report(evaluation, "json")
        t.seconds["render"] += clock() - start
    return t
