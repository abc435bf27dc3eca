"""Many bodies in one Oxigraph store, each in its own named graph, for batch evaluation.

Each graph holds one body's facts and the small KB fragment the evaluation queries read, so a
query over one graph sees exactly what it sees in that body's own store. Two ways to query:

- `view(graph)`: a Store whose queries run over that graph alone (as its default graph);
- `select_per_graph(query, values, rows, bodies)`: one query over many graphs at once, for
  bodies that share the values bound (all but ?body: as-of date, cut-offs, period...). The
  query's WHERE group is evaluated inside `GRAPH ?g { ... }`, the values first in it as
  `Store.select` places them; ?body is left to the group's own triple patterns, ?g and ?body
  are projected (and added to GROUP BY), and a solution is kept only when its ?body is the
  body its graph holds. What is left, graph by graph, is what the query gives on that body's
  own store with ?body bound too: ?body is bound by the leading triple patterns before any
  BIND, OPTIONAL or FILTER looks at it, and the graph's other solutions are dropped whole
  (their groups too, ?body being a grouping key).
  (One VALUES table with a row per body would do the same in one query, but Oxigraph joins a
  many-row table with the patterns at a cost of rows x solutions: quadratic in the bodies.)

Queries whose meaning could change (a sub-query, aggregates without GROUP BY, LIMIT/OFFSET, a
trailing VALUES, SELECT *, ?body projected or not in the group's leading triple patterns) are
refused: `per_graph_query` returns None and the caller runs them graph by graph.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

import pyoxigraph as ox

from kb_service.kb.sparql_guard import assert_read_only
from kb_service.kb.store import OxigraphStore, Row, ox_term, solution_rows, values_clause

GRAPH_VAR = "batchGraph"  # the variable naming each solution's graph
BODY_VAR = "body"  # the variable the checks bind to the body
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
_STAR = re.compile(r"\bSELECT\s+(DISTINCT\s+|REDUCED\s+)?\*", re.IGNORECASE)
# what ends the group's leading triple patterns
_NOT_TRIPLES = re.compile(r"\b(OPTIONAL|BIND|MINUS|VALUES|SERVICE|GRAPH|UNION|FILTER)\b", re.I)


def _code(query: str) -> list[str]:
    """The query's tokens with comments dropped (braces and IRIs kept apart)."""
    return [t for t in _TOKENS.findall(query) if not t.startswith("#")]


def per_graph_query(query: str) -> str | None:
    """`query` rewritten to run over named graphs (see the module), with `{VALUES}` marking
    where the values go; None when it cannot be without changing its meaning."""
    assert_read_only(query)
    tokens = _code(query)
    text = "".join(tokens)
    if len(_SELECT.findall(text)) != 1 or f"?{GRAPH_VAR}" in text or _STAR.search(text):
        return None
    first, last = _outer_group(tokens)
    if first < 0 or last < 0:
        return None
    head, tail = "".join(tokens[:first]), "".join(tokens[last + 1 :])
    if not re.search(rf"\?{BODY_VAR}\b", _leading_triples(tokens[first + 1 : last])):
        return None  # ?body not bound by the group's own triple patterns: no graph to tell by
    if not _WHERE.search(head) or _REFUSED_TAIL.search(tail):
        return None
    select = _SELECT.search(head)
    if select is None or re.search(rf"\?{BODY_VAR}\b", head):
        return None
    grouped = _GROUP_BY.search(tail)
    if _AGGREGATE.search(head) and not grouped:
        return None  # one group per query: a body with no solutions would lose its row
    g = f"?{GRAPH_VAR} ?{BODY_VAR}"
    head = head[: select.end()] + f" {g}" + head[select.end() :]
    if grouped:
        end = _MODIFIER.search(tail, grouped.end())
        cut = end.start() if end else len(tail)
        tail = tail[:cut].rstrip() + f" {g}\n" + tail[cut:]
    body = "".join(tokens[first + 1 : last])
    return f"{head}{{ GRAPH ?{GRAPH_VAR} {{ {VALUES} {body} }} }}{tail}"


def query_variables(query: str) -> set[str]:
    """The variables a query names (outside comments, strings and IRIs)."""
    names: set[str] = set()
    for token in _code(query):
        if token[0] not in "<\"'":
            names.update(re.findall(r"[?$]([A-Za-z_][A-Za-z0-9_]*)", token))
    return names


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


def _leading_triples(tokens: list[str]) -> str:
    """The group's text up to its first nested group, BIND, OPTIONAL, FILTER, ..."""
    out = []
    for token in tokens:
        if token == "{":
            break
        if token[0] not in "<\"'" and (m := _NOT_TRIPLES.search(token)):
            out.append(token[: m.start()])
            break
        out.append(token)
    return "".join(out)


class GraphStore:
    """One pyoxigraph store holding many bodies, each in its own named graph."""

    def __init__(self) -> None:
        self._store = ox.Store()

    def add_ntriples(self, graph: str, data: bytes) -> None:
        # load, not bulk_load: into a store of many graphs it is the faster of the two here
        self._store.load(data, format=ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(graph))

    def view(self, graph: str) -> OxigraphStore:
        """One graph as a store of its own (its queries see that graph alone)."""
        return OxigraphStore(shared=self._store, graph=graph)

    def select_per_graph(
        self,
        rewritten: str,
        values: Mapping[str, Any],
        rows: Sequence[Mapping[str, Any]],
        bodies: Mapping[str, str],
    ) -> list[tuple[str, Row]]:
        """Run a query from `per_graph_query` over the graphs of `bodies` (graph -> the IRI of
        the body it holds) with the same `values` and table `rows` for all (as Store.select
        binds them; not ?body): each solution with its graph, when it is that graph's body's."""
        assert_read_only(rewritten)  # checked before values are bound: they are data, not syntax
        tables: list[Sequence[Mapping[str, Any]]] = [[values]] if values else []
        tables += [rows] if rows else []
        blocks = "".join(values_clause(t, lambda v: str(ox_term(v))) for t in tables)
        text = rewritten.replace(VALUES, blocks, 1)
        graphs: list[ox.NamedNode | ox.BlankNode] = [ox.NamedNode(g) for g in bodies]
        found = []
        for row in solution_rows(self._store.query(text, named_graphs=graphs)):
            graph, body = row.pop(GRAPH_VAR), row.pop(BODY_VAR, None)
            if body is not None and bodies.get(graph) == body:
                found.append((graph, row))
        return found
