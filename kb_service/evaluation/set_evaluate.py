"""Evaluating many bodies at once (batch runs only): every body in its own named graph of one
store, and each check run once over all of them, its rows grouped by body.

Each body's values (its as-of and monitoring dates, period, cut-offs, due-date table) become
rows of one VALUES table keyed by the body's graph, so a body is judged on exactly the values it
gets alone; the rows come back by graph and go to the same `finish_check` as one body's. A
check whose query cannot run over all graphs unchanged (kb/graph_store.py), or a body whose
values do not fit one table, runs graph by graph instead. The outcomes are those of
`evaluate_body` for each body alone; tests/evaluation hold them byte for byte.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import Any

from kb_service.evaluation.evaluate import (
    BodyContext,
    Outcome,
    Pending,
    body_context,
    check_slots,
    complete_body,
    finish_check,
    kb_fragment,
    prepare_check,
)
from kb_service.facts import Facts
from kb_service.kb.check_catalog import Check
from kb_service.kb.graph_store import GRAPH_VAR, GraphStore, per_graph_query
from kb_service.kb.knowledge_base import KnowledgeBase
from kb_service.kb.store import IRI, Store

Rows = list[dict[str, Any]]
# a body whose run has a values table longer than this runs alone: Oxigraph joins a VALUES table
# row by row, so one table of every body's due dates would cost more than a query per body
MAX_TABLE = 4
PREFETCHED = ("body", "units", "recorded", "receipts", "adhoc")  # queries/eval/, ?body only


def graph_name(index: int) -> str:
    """The named graph of the batch's index-th body (bodies may share an id: names by place)."""
    return f"urn:kyzmat-kb:batch:{index}"


def open_graph_store(kb: KnowledgeBase, bodies: list[Facts]) -> GraphStore:
    """One store with each body's facts and the KB fragment in its own named graph."""
    store, fragment = GraphStore(), kb_fragment(kb)
    for i, facts in enumerate(bodies):
        store.add_ntriples(graph_name(i), fragment + facts.ntriples.encode("utf-8"))
    return store


def _per_graph(kb: KnowledgeBase, kind: str, name: str) -> str | None:
    return per_graph_query(kb.query(kind, name).text)


def _rewritten(kb: KnowledgeBase, kind: str, name: str) -> str | None:
    """queries/<kind>/<name>.rq rewritten to run over every graph, once per KB."""
    return kb.derived(_per_graph, kind, name)


def _table(graph: str, values: dict[str, Any], rows: Rows) -> Rows | None:
    """One body's rows of the values table, or None when its values and rows share a name
    (joined, they would filter each other: that body runs alone)."""
    if len(rows) > MAX_TABLE or (rows and set(values) & set(rows[0])):
        return None
    return (
        [{"graph": graph, **values, **row} for row in rows]
        if rows
        else [{"graph": graph, **values}]
    )


def _run_check(
    store: GraphStore,
    views: list[Store],
    check: Check,
    pending: dict[int, Pending],
    kb: KnowledgeBase,
) -> dict[int, list[Rows]]:
    """Each pending body's rows of each of its runs: one query per run number and shape of
    values, over all the bodies that have it."""
    text = kb.query("checks", check.query).text
    rewritten = _rewritten(kb, "checks", check.query)
    results: dict[int, list[Rows]] = {i: [[] for _ in p.runs] for i, p in pending.items()}
    groups: dict[tuple[int, tuple[str, ...]], Rows] = defaultdict(list)
    for i, p in pending.items():
        for r, (values, rows) in enumerate(p.runs):
            table = _table(graph_name(i), values, rows) if rewritten else None
            if table is None:
                results[i][r] = views[i].select(text, values, rows)
            else:
                groups[(r, tuple(table[0]))] += table
    by_graph = {graph_name(i): i for i in pending}
    for (r, _), table in groups.items():
        assert rewritten is not None
        for row in store.select_per_graph(rewritten, table):
            i = by_graph[row.pop(GRAPH_VAR)]
            results[i][r].append(row)
    return results


class Prefetched:
    """A body's graph view that answers the queries given, bound to the body alone, from rows
    fetched for every body at once."""

    def __init__(self, view: Store, body: str, fetched: dict[str, Rows]) -> None:
        self._view, self._body, self._fetched = view, IRI(body), fetched

    def add_turtle(self, data: bytes, base_iri: str | None = None) -> None:
        self._view.add_turtle(data, base_iri)

    def add_ntriples(self, data: bytes) -> None:
        self._view.add_ntriples(data)

    def select(
        self,
        query: str,
        bindings: Mapping[str, Any] | None = None,
        rows: Sequence[Mapping[str, Any]] = (),
    ) -> Rows:
        if not rows and dict(bindings or {}) == {"body": self._body} and query in self._fetched:
            return [dict(r) for r in self._fetched[query]]
        return self._view.select(query, bindings, rows)

    def __len__(self) -> int:
        return len(self._view)


def _prefetch(store: GraphStore, bodies: list[Facts], kb: KnowledgeBase) -> list[dict[str, Rows]]:
    """Each body's rows of the PREFETCHED queries, each query run once over all bodies."""
    fetched: list[dict[str, Rows]] = [{} for _ in bodies]
    table = [{"graph": graph_name(i), "body": IRI(f.body_iri)} for i, f in enumerate(bodies)]
    by_graph = {graph_name(i): i for i in range(len(bodies))}
    for name in PREFETCHED:
        text = kb.query("eval", name).text
        rewritten = _rewritten(kb, "eval", name)
        if rewritten is None or not bodies:
            continue
        for mine in fetched:
            mine[text] = []
        for row in store.select_per_graph(rewritten, table):
            fetched[by_graph[row.pop(GRAPH_VAR)]][text].append(row)
    return fetched


def evaluate_bodies(
    store: GraphStore, bodies: list[Facts], as_of: dt.date, *, kb: KnowledgeBase
) -> list[tuple[BodyContext, list[Outcome]]]:
    """What `evaluate_body` gives for each body alone, from a store of `open_graph_store`."""
    fetched = _prefetch(store, bodies, kb)
    views: list[Store] = [
        Prefetched(store.view(graph_name(i)), f.body_iri, fetched[i]) for i, f in enumerate(bodies)
    ]
    ctxs = [body_context(view, facts, kb) for view, facts in zip(views, bodies, strict=True)]
    outcomes: list[list[Outcome]] = [[] for _ in bodies]
    for slot in check_slots(kb):
        if isinstance(slot, Outcome):
            for found in outcomes:
                found.append(dataclasses.replace(slot))
            continue
        prepared = [prepare_check(slot, kb, ctx, as_of) for ctx in ctxs]
        pending = {i: p for i, p in enumerate(prepared) if isinstance(p, Pending)}
        results = _run_check(store, views, slot, pending, kb) if pending else {}
        for i, p in enumerate(prepared):
            outcomes[i] += finish_check(p, results[i], ctxs[i], kb) if isinstance(p, Pending) else p
    return [
        (ctx, complete_body(view, ctx, found, kb))
        for ctx, view, found in zip(ctxs, views, outcomes, strict=True)
    ]
