"""Evaluating one body's facts: every check of queries/checks/ run on a store holding the KB and
the facts, its rows turned into judged items per scope (a unit, or the whole body).

Pure evaluation: no wording here (explain.py words the findings). Bodies are independent, so
callers may evaluate them in parallel processes.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from dataclasses import dataclass, field
from typing import Any

from kb_service.core.namespaces import DCT_IDENTIFIER
from kb_service.core.namespaces import KYZ_NS as KYZ
from kb_service.evaluation.check_kinds import kind_of
from kb_service.evaluation.disagreements import find_disagreements, for_outcome
from kb_service.evaluation.parameter_runs import CheckPlan, merge_runs, plan_check
from kb_service.facts import Facts
from kb_service.kb.catalog import CitationRef, Requirement
from kb_service.kb.check_catalog import Check, CheckCatalog
from kb_service.kb.knowledge_base import KnowledgeBase
from kb_service.kb.store import IRI, Store, new_store
from kb_service.law.deadlines import COUNTS_WORKING_DAYS, Bindings, moved_days
from kb_service.law.parameter_parts import ParameterPart
from kb_service.law.working_days import working_calendar


@dataclass(frozen=True)
class Unit:
    iri: str
    id: str
    kind: str
    name: str


@dataclass
class BodyContext:
    iri: str
    id: str
    name: str
    body_type: str
    period: tuple[dt.date, dt.date]
    monitoring_date: dt.date | None
    units: dict[str, Unit]
    recorded: set[str]
    receipts: list[dt.date]


@dataclass
class Item:
    id: str
    unit: str | None  # unit IRI
    ok: bool | None
    values: dict[str, Any]


@dataclass
class Outcome:
    """One judged scope of one check: becomes one finding."""

    check: Check
    requirement: Requirement
    status: str
    reason: str  # judged | not-recorded | none | not-applicable | not-evaluated | no-parameter
    unit: Unit | None = None
    items: list[Item] = field(default_factory=list)
    words: dict[str, str] = field(default_factory=dict)
    missing: tuple[str, ...] = ()  # record classes not recorded
    parameters: tuple[tuple[str, Any], ...] = ()  # (parameter id, version)
    disagreements: tuple[Any, ...] = ()  # facts that disagree about it (disagreements.py)
    # the parts of the period judged under different parameter values (law/parameter_parts.py)
    parts: tuple[ParameterPart, ...] = ()


def local_id(value: Any) -> str:
    text = str(value)
    return text.rsplit("/", 1)[-1] if text.startswith("http") else text


def _kb_fragment(kb: KnowledgeBase) -> bytes:
    rows = kb.select(kb.query("eval", "kb-fragment").text)
    lines = [
        f"<{r['s']}> <{DCT_IDENTIFIER}> {json.dumps(r['id'], ensure_ascii=False)} ." for r in rows
    ]
    return ("\n".join(lines) + "\n").encode("utf-8")


def kb_fragment(kb: KnowledgeBase) -> bytes:
    """What the evaluation queries read from the KB (queries/eval/kb-fragment.rq), as N-Triples."""
    return kb.derived(_kb_fragment)


def open_store(kb: KnowledgeBase, facts: Facts) -> Store:
    """A store for one body (on the KB's engine): its facts and the part of the KB the checks
    need."""
    store = new_store(kb.engine)
    store.add_ntriples(kb_fragment(kb))
    store.add_ntriples(facts.ntriples.encode("utf-8"))
    return store


def _select(store: Store, kb: KnowledgeBase, name: str, **values: Any) -> list[dict[str, Any]]:
    return store.select(kb.query("eval", name).text, values, ())


def body_context(store: Store, facts: Facts, kb: KnowledgeBase) -> BodyContext:
    body = IRI(facts.body_iri)
    info = _select(store, kb, "body", body=body)[0]
    units = {
        r["unit"]: Unit(r["unit"], local_id(r["unit"]), r["kind"], str(r.get("name", "")))
        for r in _select(store, kb, "units", body=body)
    }
    return BodyContext(
        iri=facts.body_iri,
        id=facts.body_id,
        name=str(info.get("name", facts.body_name)),
        body_type=info["bodyType"],
        period=(info["from"], info["to"]),
        monitoring_date=info.get("monitoring"),
        units=units,
        recorded={r["class"] for r in _select(store, kb, "recorded", body=body)},
        receipts=[r["date"] for r in _select(store, kb, "receipts", body=body)],
    )


def applicable_unit_kinds(req: Requirement, cc: CheckCatalog, body_type: str) -> tuple[str, ...]:
    kinds = cc.catalog.body_types[body_type].unit_kinds
    return tuple(k for k in kinds if not req.unit_kinds or k in req.unit_kinds)


def run_values(
    check: Check, kb: KnowledgeBase, ctx: BodyContext, as_of: dt.date, b: Bindings
) -> tuple[dict[str, Any], list[dict[str, Any]], list[Any]]:
    """One run's single values and values table, and the evidence documents it expects."""
    rows = list(b.rows)
    if kind_of(check.kind).documents:
        req = kb.catalog.requirements[check.requirement]
        rows = [
            {"docNumber": n}
            for n, doc in sorted(kb.catalog.documents.items())
            if doc.requirements.get(req.id) == "explicit"
        ]
    values = {
        "body": IRI(ctx.iri),
        "asof": as_of,
        "monitoring": ctx.monitoring_date or as_of,  # "as of the monitoring date" (document 5)
        "periodFrom": ctx.period[0],
        "periodTo": ctx.period[1],
        **b.values,
    }
    return values, rows, [r["docNumber"] for r in rows if "docNumber" in r]


def _items(rows: list[dict[str, Any]], ctx: BodyContext, kinds: tuple[str, ...]) -> list[Item]:
    items = []
    for row in rows:
        unit = row.get("unit")
        if unit is not None and unit in ctx.units and ctx.units[unit].kind not in kinds:
            continue
        ok = None if row.get("cannotTell") is True else row.get("ok")  # facts missing: cannot tell
        items.append(
            Item(local_id(row.get("item", "")), unit, ok if isinstance(ok, bool) else None, row)
        )
    return sorted(items, key=lambda i: i.id)  # engines return rows in any order


def _note_moved_days(items: list[Item], kb: KnowledgeBase) -> None:
    """Give each item with a working-day due date the days off and working weekend days that
    moved it (values offDays, workingWeekendDays), so its finding can show them."""
    for item in items:
        received, due = item.values.get("received"), item.values.get("dueWorking")
        due = due or item.values.get("due")
        if isinstance(received, dt.date) and isinstance(due, dt.date):
            off, working = moved_days(received, due, working_calendar(kb))
            item.values["offDays"], item.values["workingWeekendDays"] = off, working


def decide(check: Check, items: list[Item]) -> tuple[str, str]:
    if not kind_of(check.kind).judged:
        return (
            ("informational", "judged") if items else (check.when_none or "informational", "none")
        )
    if not items:
        return check.when_none or "insufficient_evidence", "none"
    if any(i.ok is False for i in items):
        return "non_compliant", "judged"
    if any(i.ok is None for i in items):
        return "insufficient_evidence", "judged"
    return "compliant", "judged"


def _scoped(
    check: Check,
    req: Requirement,
    items: list[Item],
    ctx: BodyContext,
    kinds: tuple[str, ...],
    expected_docs: list[Any],
    words: dict[str, str],
    params: tuple[tuple[str, Any], ...],
) -> list[Outcome]:
    if check.scope == "body":
        status, reason = decide(check, items)
        return [Outcome(check, req, status, reason, None, items, words, (), params)]
    outcomes = []
    if not any(u.kind in kinds for u in ctx.units.values()):  # e.g. no territorial units recorded
        status = kind_of(check.kind).no_units_status()
        return [Outcome(check, req, status, "no-units", None, [], words, (), params)]
    for unit in sorted(ctx.units.values(), key=lambda u: u.id):
        if unit.kind not in kinds:
            continue
        mine = [i for i in items if i.unit == unit.iri]
        if kind_of(check.kind).documents:
            seen = {i.values.get("docNumber") for i in mine}
            mine += [
                Item(str(n), unit.iri, None, {"docNumber": n})
                for n in expected_docs
                if n not in seen
            ]
        elif kind_of(check.kind).judged and not mine:
            mine = [Item(unit.id, unit.iri, None, {"missingForUnit": True})]
        status, reason = decide(check, mine)
        outcomes.append(Outcome(check, req, status, reason, unit, mine, words, (), params))
    return outcomes


@dataclass
class Pending:
    """A check about to run on one body: each run's values and table (`run_values`); its rows
    go to `finish_check`."""

    check: Check
    requirement: Requirement
    kinds: tuple[str, ...]
    plan: CheckPlan
    runs: list[tuple[dict[str, Any], list[dict[str, Any]]]]
    expected_docs: list[Any]


def prepare_check(
    check: Check, kb: KnowledgeBase, ctx: BodyContext, as_of: dt.date
) -> Pending | list[Outcome]:
    """What `check` runs on this body, or its outcomes when it runs nothing."""
    cc = kb.checks
    req = cc.catalog.requirements[check.requirement]
    kinds = applicable_unit_kinds(req, cc, ctx.body_type)
    if req.unit_kinds and not kinds:
        return [Outcome(check, req, "not_applicable", "not-applicable")]
    missing = tuple(c for c in check.needs if c not in ctx.recorded)
    if missing:
        return [Outcome(check, req, "insufficient_evidence", "not-recorded", missing=missing)]
    plan = plan_check(check, kb, as_of, ctx.period, ctx.receipts)
    if plan.lacking:
        return [
            Outcome(
                check,
                req,
                "insufficient_evidence",
                "no-parameter",
                words={"parameter": plan.lacking},
            )
        ]
    runs: list[tuple[dict[str, Any], list[dict[str, Any]]]] = []
    expected_docs: list[Any] = []
    for run in plan.runs:  # one run unless a parameter changes within the period
        values, rows, expected_docs = run_values(check, kb, ctx, run.as_of, run.bindings)
        runs.append((values, rows))
    return Pending(check, req, kinds, plan, runs, expected_docs)


def finish_check(
    p: Pending, results: list[list[dict[str, Any]]], ctx: BodyContext, kb: KnowledgeBase
) -> list[Outcome]:
    """The outcomes of a pending check from the rows of each of its runs."""
    check, plan, cc = p.check, p.plan, kb.checks
    items, params = merge_runs([_items(rows, ctx, p.kinds) for rows in results]), plan.used
    if any(v.unit in COUNTS_WORKING_DAYS and cc.parameters[q].role == "due" for q, v in params):
        _note_moved_days(items, kb)
    period = {"periodFrom": ctx.period[0].isoformat(), "periodTo": ctx.period[1].isoformat()}
    words = {**plan.runs[0].bindings.words, **period}
    outcomes = _scoped(
        check, p.requirement, items, ctx, p.kinds, p.expected_docs, words, tuple(params)
    )
    for o in outcomes:
        o.parts = plan.parts
        if plan.partial and o.status == "compliant":  # a part had no value: not judged there
            o.status = "insufficient_evidence"
    return outcomes


def evaluate_check(
    store: Store, check: Check, kb: KnowledgeBase, ctx: BodyContext, as_of: dt.date
) -> list[Outcome]:
    p = prepare_check(check, kb, ctx, as_of)
    if isinstance(p, list):
        return p
    text = kb.query("checks", check.query).text
    return finish_check(p, [store.select(text, v, rows) for v, rows in p.runs], ctx, kb)


def check_slots(kb: KnowledgeBase) -> list[Check | Outcome]:
    """What a body is judged on, in memo order: each check, or the outcome of a requirement the
    KB does not evaluate (section 13); the commission's own questions come after."""
    cc, slots = kb.checks, list[Check | Outcome]()
    for req in sorted(cc.catalog.requirements.values(), key=lambda r: (r.section, r.order)):
        if req.adhoc:  # the commission's own question (kb rule adhoc): judged by the facts' adhoc
            continue
        if not req.evaluated:
            stub = Check(
                f"{req.id}-not-evaluated", req.iri, req.id, "", "none", "body", (), None, ()
            )
            slots.append(Outcome(stub, req, "not_applicable", "not-evaluated"))
            continue
        checks: list[Check] = sorted(cc.by_requirement.get(req.id, []), key=lambda c: c.id)
        slots.extend(checks)
    return slots


def complete_body(
    store: Store, ctx: BodyContext, outcomes: list[Outcome], kb: KnowledgeBase
) -> list[Outcome]:
    """The checks' outcomes with the ad-hoc questions and the disagreements, in memo order."""
    outcomes = outcomes + adhoc_outcomes(store, ctx, kb)
    found = find_disagreements(store, ctx.iri, kb)
    for o in outcomes:
        if found and o.reason not in ("not-applicable", "not-evaluated", "adhoc"):
            o.disagreements = for_outcome(found, kb.checks, o.requirement.id, o.unit)
    return sorted(outcomes, key=lambda o: o.requirement.section)  # stable: memo order kept


def evaluate_body(
    store: Store, facts: Facts, as_of: dt.date, *, kb: KnowledgeBase
) -> tuple[BodyContext, list[Outcome]]:
    """All outcomes for one body, in memo order; requirements the KB does not evaluate (section
    13) as not evaluated."""
    ctx = body_context(store, facts, kb)
    outcomes: list[Outcome] = []
    for slot in check_slots(kb):
        if isinstance(slot, Outcome):
            outcomes.append(dataclasses.replace(slot))
        else:
            outcomes.extend(evaluate_check(store, slot, kb, ctx, as_of))
    return ctx, complete_body(store, ctx, outcomes, kb)


ADHOC = Check("adhoc", KYZ + "AdHocFinding", "", "adhoc", "adhoc", "body", (), None, ())


def adhoc_citations(
    cc: CheckCatalog, item: str, section: int, act: str | None, body_type: str
) -> tuple[tuple[CitationRef, ...], str]:
    """What an ad-hoc question cites: the act the commission names, else its section's legal
    basis for the body type; with which of the two it is ("commission" or "section")."""
    if act:
        return (CitationRef(item, local_id(act), None, None),), "commission"
    refs: dict[str, CitationRef] = {}
    for req in cc.catalog.requirements_in(section):
        for ref in req.citations_for(body_type):
            refs.setdefault(ref.act, ref)
    return tuple(refs.values()), "section"


def adhoc_outcomes(store: Store, ctx: BodyContext, kb: KnowledgeBase) -> list[Outcome]:
    """The working commission's own questions (footnote *****): its judgement, and the act it
    names or else the legal basis of the section the question sits in."""
    cc, outcomes = kb.checks, []
    for row in _select(store, kb, "adhoc", body=IRI(ctx.iri)):
        rid = f"{row['section']}.x-{local_id(row['item'])}"
        cites, basis = adhoc_citations(
            cc, row["item"], row["section"], row.get("act"), ctx.body_type
        )
        req = Requirement(
            rid, row["item"], row["section"], 999, 0, None, True, True, (), not cites, True, cites
        )
        unit = ctx.units.get(row.get("unit", ""))
        words: dict[str, str] = {
            k: str(row[k]) for k in ("question", "documents", "note") if k in row
        }
        words |= {"basis": basis, "section": str(row["section"])}
        status = cc.catalog.code_of(row["judgement"])  # the judgement's code is its finding status
        outcomes.append(Outcome(ADHOC, req, status, "adhoc", unit, [], words))
    return outcomes
