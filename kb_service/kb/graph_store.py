"""Many bodies in one Oxigraph store, each in its own named graph, for batch evaluation.

Each graph holds one body's facts and the small KB fragment the evaluation queries read, so a
query over one graph sees exactly what it sees in that body's own store. Two ways to query:

- `view(graph)`: a Store whose queries run over that graph alone (as its default graph);
- `select_per_graph(query, rows)`: one query over every graph at once, each solution tagged with
  its graph. The query's WHERE group is evaluated inside `GRAPH ?g { ... }` with the VALUES
  table placed first inside it (as `Store.select` places it), so FILTERs and aggregates see the
  values; ?g is projected and added to GROUP BY. A row of the table belongs to one graph (its
  `graph` key); solutions that join a row with another graph are dropped. Queries whose meaning
  would change (a sub-query, aggregates without GROUP BY, LIMIT/OFFSET, a trailing VALUES) are
  refused: `per_graph_query` returns None and the caller runs them graph by graph.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

import pyoxigraph as ox

from kb_service.kb.sparql_guard import assert_read_only
from kb_service.kb.store import IRI, OxigraphStore, Row, ox_term, solution_rows, values_clause

GRAPH_VAR = "batchGraph"  # the variable naming each solution's graph
VALUES = "{VALUES}"  # where the values table goes
_TOKENS = re.compile(
    r"""<[^<>"{}|^`\\\s]*>|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|\#[^\n]*|[{}]|[^<"'#{}]+|[<"']"""
)
_AGGREGATE = re.compile(r"\b(COUNT|SUM|MIN|MAX|AVG|SAMPLE|GROUP_CONCAT)\s*\(", re.IGNORECASE)
_SELECT = re.compile(r"\bSELECT(\s+(DISTINCT|REDUCED))?\b", re.IGNORECASE)
_GROUP_BY = re.compile(r"\bGROUP\s+BY\b", re.IGNORECASE)
_MODIFIER = re.compile(r"\b(HAVING|ORDER\s+BY)\b", re.IGNORECASE)
_REFUSED_TAIL = re.compile(r"\b(LIMIT|OFFSET|VALUES)\b", re.IGNORECASE)
_WHERE = re.compile(r"\bWHERE\s*$", re.IGNORECASE)
# what ends the group's leading triple patterns
_NOT_TRIPLES = re.compile(r"\b(OPTIONAL|BIND|MINUS|VALUES|SERVICE|GRAPH|UNION|FILTER)\b", re.I)


def _code(query: str) -> list[str]:
    """The query's tokens with comments dropped (braces and IRIs kept apart)."""
    return [t for t in _TOKENS.findall(query) if not t.startswith("#")]


def per_graph_query(query: str) -> str | None:
    """`query` rewritten to run over every named graph (see the module), with `{VALUES}` marking
    where the values table goes; None when it cannot be without changing its meaning."""
    assert_read_only(query)
    tokens = _code(query)
    text = "".join(tokens)
    if len(_SELECT.findall(text)) != 1 or f"?{GRAPH_VAR}" in text:
        return None
    first, last = _outer_group(tokens)
    if first < 0 or last < 0:
        return None
    head, tail = "".join(tokens[:first]), "".join(tokens[last + 1 :])
    body = _values_after_triples(tokens[first + 1 : last])
    if not _WHERE.search(head) or _REFUSED_TAIL.search(tail):
        return None
    select = _SELECT.search(head)
    if select is None:
        return None
    grouped = _GROUP_BY.search(tail)
    if _AGGREGATE.search(head) and not grouped:
        return None  # one group per query: a body with no solutions would lose its row
    g = f"?{GRAPH_VAR}"
    head = head[: select.end()] + f" {g}" + head[select.end() :]
    if grouped:
        end = _MODIFIER.search(tail, grouped.end())
        cut = end.start() if end else len(tail)
        tail = tail[:cut].rstrip() + f" {g}\n" + tail[cut:]
    return f"{head}{{ GRAPH {g} {{ {body} }} }}{tail}"


def _outer_group(tokens: list[str]) -> tuple[int, int]:
    """The token indexes of the first `{` and of the `}` that closes it (-1 when unbalanced)."""
    first, depth = -1, 0
    for i, token in enumerate(tokens):
        if token == "{":
            first = i if first < 0 else first
            depth += 1
        elif token == "}":
            depth -= 1
            if depth == 0:
                return first, i
            if depth < 0:
                break
    return first, -1


def _values_after_triples(tokens: list[str]) -> str:
    """The group's text with the VALUES marker after its leading triple patterns: joined there
    the solutions are the same as with the values first (a join is a join; every BIND, OPTIONAL
    and FILTER still comes after), and Oxigraph matches the patterns once, not once a row."""
    for i, token in enumerate(tokens):
        if token == "{":
            return "".join(tokens[:i]) + f" {VALUES} " + "".join(tokens[i:])
        if token[0] not in "<\"'" and (m := _NOT_TRIPLES.search(token)):
            before = "".join(tokens[:i]) + token[: m.start()]
            return before + f" {VALUES} " + token[m.start() :] + "".join(tokens[i + 1 :])
    return "".join(tokens) + f" {VALUES} "


class GraphStore:
    """One pyoxigraph store holding many bodies, each in its own named graph."""

    def __init__(self) -> None:
        self._store = ox.Store()

    def add_ntriples(self, graph: str, data: bytes) -> None:
        self.view(graph).add_ntriples(data)

    def view(self, graph: str) -> OxigraphStore:
        """One graph as a store of its own (its queries see that graph alone)."""
        return OxigraphStore(shared=self._store, graph=graph)

    def select_per_graph(self, rewritten: str, rows: Sequence[Mapping[str, Any]]) -> list[Row]:
        """Run a query from `per_graph_query` with the values table `rows` (each with the same
        keys, one of them `graph`); each solution row carries its graph's IRI as GRAPH_VAR."""
        table = [
            {GRAPH_VAR: IRI(r["graph"]), **{k: v for k, v in r.items() if k != "graph"}}
            for r in rows
        ]
        values = values_clause(table, lambda v: str(ox_term(v)))
        text = rewritten.replace(VALUES, values, 1)
        assert_read_only(text)
        return solution_rows(self._store.query(text))
