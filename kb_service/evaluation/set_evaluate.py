"""Evaluating many bodies at once (batch runs only): every body in its own named graph of one
store, and each check run once over all of them, its rows grouped by body.

Each body's values (its as-of and monitoring dates, period, cut-offs, due-date table) become
rows of one VALUES table keyed by the body (kb/graph_store.py), so a body is judged on exactly
the values it gets alone; the rows come back by graph and go to the same `finish_check` as one
body's. A check whose query cannot run over all graphs unchanged, a body whose values do not
fit one table, or a body whose IRI another file of the chunk has too, runs graph by graph
instead. The outcomes are those of `evaluate_body` for each body alone; tests/evaluation hold
them byte for byte.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
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
from kb_service.kb.graph_store import GraphStore, per_graph_query, query_variables
from kb_service.kb.knowledge_base import KnowledgeBase
from kb_service.kb.store import IRI, Row, Store

Rows = list[dict[str, Any]]
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


def _per_graph(kb: KnowledgeBase, kind: str, name: str) -> tuple[str, frozenset[str]] | None:
    text = kb.query(kind, name).text
    rewritten = per_graph_query(text)
    return None if rewritten is None else (rewritten, frozenset(query_variables(text)))


def _rewritten(kb: KnowledgeBase, kind: str, name: str) -> tuple[str, frozenset[str]] | None:
    """queries/<kind>/<name>.rq rewritten to run over many graphs, with the variables it names;
    once per KB."""
    return kb.derived(_per_graph, kind, name)


def _term_key(value: Any) -> tuple[Any, ...]:
    return (type(value).__name__, value, getattr(value, "lang", None))


def _shared(values: dict[str, Any], rows: Rows, used: frozenset[str]) -> tuple[Any, ...] | None:
    """What a body's run binds besides ?body, as a key: bodies with the same key share one
    query. Values the query does not name bind nothing it sees (the monitoring date of a check
    that does not read it) and are left out. None: values and table share a name (joined, they
    would filter each other), the body runs alone."""
    if rows and set(values) & set(rows[0]):
        return None
    bound = tuple(sorted((k, _term_key(v)) for k, v in values.items() if k in used and k != "body"))
    table = tuple(tuple(sorted((k, _term_key(v)) for k, v in r.items())) for r in rows)
    return bound, table


@dataclass
class _Group:
    values: dict[str, Any]
    rows: Rows
    members: list[tuple[int, int]] = field(default_factory=list)  # (body index, run)


class _Chunk:
    """The bodies of one store: their graphs, views and body IRIs."""

    def __init__(self, store: GraphStore, facts: list[Facts], kb: KnowledgeBase) -> None:
        self.store = store
        self.bodies = {graph_name(i): f.body_iri for i, f in enumerate(facts)}
        fetched = self._prefetch(kb)
        self.views: list[Store] = [
            Prefetched(store.view(graph_name(i)), f.body_iri, fetched[i])
            for i, f in enumerate(facts)
        ]

    def select(
        self, rewritten: str, values: dict[str, Any], rows: Rows, members: list[int]
    ) -> list[tuple[int, Row]]:
        """Solutions of `members` (body indexes) sharing these values, each with its body."""
        bodies = {graph_name(i): self.bodies[graph_name(i)] for i in members}
        found = self.store.select_per_graph(rewritten, values, rows, bodies)
        return [(int(graph.rsplit(":", 1)[1]), row) for graph, row in found]

    def _prefetch(self, kb: KnowledgeBase) -> list[dict[str, Rows]]:
        """The PREFETCHED queries' rows of each body, each query run once over all of them."""
        fetched: list[dict[str, Rows]] = [{} for _ in self.bodies]
        everyone = list(range(len(self.bodies)))
        for name in PREFETCHED:
            rewritten = _rewritten(kb, "eval", name)
            if rewritten is None or not everyone:
                continue
            text = kb.query("eval", name).text
            for mine in fetched:
                mine[text] = []
            for i, row in self.select(rewritten[0], {}, [], everyone):
                fetched[i][text].append(row)
        return fetched


def _run_check(
    chunk: _Chunk, check: Check, pending: dict[int, Pending], kb: KnowledgeBase
) -> dict[int, list[Rows]]:
    """Each pending body's rows of each of its runs: one query for the bodies that share a run's
    values, a body with values of its own alone."""
    text = kb.query("checks", check.query).text
    rewritten = _rewritten(kb, "checks", check.query)
    results: dict[int, list[Rows]] = {i: [[] for _ in p.runs] for i, p in pending.items()}
    groups: dict[tuple[Any, ...], _Group] = {}
    query, used = rewritten or ("", frozenset())
    for i, p in pending.items():
        for r, (values, rows) in enumerate(p.runs):
            key = (r, _shared(values, rows, used)) if query else (r, None)
            if key[1] is None:
                results[i][r] = chunk.views[i].select(text, values, rows)
                continue
            bound = {k: v for k, v in values.items() if k in used and k != "body"}
            groups.setdefault(key, _Group(bound, rows)).members.append((i, r))
    for group in groups.values():
        run_of = dict(group.members)  # a body is in a group once: groups are by run
        for i, row in chunk.select(query, group.values, group.rows, list(run_of)):
            results[i][run_of[i]].append(row)
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


def evaluate_bodies(
    store: GraphStore, bodies: list[Facts], as_of: dt.date, *, kb: KnowledgeBase
) -> list[tuple[BodyContext, list[Outcome]]]:
    """What `evaluate_body` gives for each body alone, from a store of `open_graph_store`."""
    chunk = _Chunk(store, bodies, kb)
    views = chunk.views
    ctxs = [body_context(view, facts, kb) for view, facts in zip(views, bodies, strict=True)]
    outcomes: list[list[Outcome]] = [[] for _ in bodies]
    for slot in check_slots(kb):
        if isinstance(slot, Outcome):
            for found in outcomes:
                found.append(dataclasses.replace(slot))
            continue
        prepared = [prepare_check(slot, kb, ctx, as_of) for ctx in ctxs]
        pending = {i: p for i, p in enumerate(prepared) if isinstance(p, Pending)}
        results = _run_check(chunk, slot, pending, kb) if pending else {}
        for i, p in enumerate(prepared):
            outcomes[i] += finish_check(p, results[i], ctxs[i], kb) if isinstance(p, Pending) else p
    return [
        (ctx, complete_body(view, ctx, found, kb))
        for ctx, view, found in zip(ctxs, views, outcomes, strict=True)
    ]
