"""One small interface over the RDF stores: load Turtle/N-Triples, run SELECT with bound values.

Oxigraph (embedded, in memory or on disk) is the default; rdflib serves as a reference engine.
Callers pass values as Python objects and never format them into SPARQL text: each value is
serialised by the engine's own term class (N-Triples escaping) into a VALUES block placed at the
start of the query's outer WHERE group, so FILTERs and aggregates see it. (pyoxigraph's own
`substitutions` only accepts projected variables, which rules out cut-off dates in FILTERs.)
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import pyoxigraph as ox
import rdflib
from rdflib.query import ResultRow
from rdflib.term import Identifier

from kb_service.core.namespaces import XSD_NS as XSD
from kb_service.kb.sparql_guard import assert_read_only


@dataclass(frozen=True)
class IRI:
    """A value to bind as an IRI (a plain str binds as a string literal)."""

    value: str


class LangString(str):
    """A string literal with its language tag."""

    lang: str | None

    def __new__(cls, value: str, lang: str | None) -> LangString:
        obj = super().__new__(cls, value)
        obj.lang = lang
        return obj


Row = dict[str, Any]
NOT_SELECT = "select() runs SELECT queries only"
_WHERE = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)


def bind_values(
    query: str, bindings: Mapping[str, Any], serialise: Any, rows: Sequence[Mapping[str, Any]] = ()
) -> str:
    """Insert `VALUES (?a ?b) { (t1 t2) }` after the first `WHERE {`, terms from `serialise`.

    `bindings` is one row of single values; `rows` adds a table (each row the same keys), joined
    with it, e.g. a due date for each receipt date.
    """
    tables = ([[dict(bindings)]] if bindings else []) + ([list(rows)] if rows else [])
    blocks = [values_clause(table, serialise) for table in tables]
    if not blocks:
        return query
    match = _WHERE.search(query)
    if match is None:
        raise ValueError("query has no WHERE group to bind values into")
    return query[: match.end()] + "".join(blocks) + query[match.end() :]


def values_clause(table: Sequence[Mapping[str, Any]], serialise: Any) -> str:
    """` VALUES (?a ?b) { (t1 t2) ... } ` for a table of rows with the same keys."""
    names = list(table[0])
    for name in names:
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
            raise ValueError(f"bad SPARQL variable name {name!r}")
    body = " ".join("(" + " ".join(serialise(r[n]) for n in names) + ")" for r in table)
    return f" VALUES ({' '.join('?' + n for n in names)}) {{ {body} }} "


class Store(Protocol):
    def add_turtle(self, data: bytes, base_iri: str | None = None) -> None: ...
    def add_ntriples(self, data: bytes) -> None: ...
    def select(
        self,
        query: str,
        bindings: Mapping[str, Any] | None = None,
        rows: Sequence[Mapping[str, Any]] = (),
    ) -> list[Row]: ...
    def __len__(self) -> int: ...


_FROM_LEXICAL: dict[str, Callable[[str], Any]] = {
    XSD + "date": dt.date.fromisoformat,
    XSD + "integer": int,
    XSD + "int": int,
    XSD + "nonNegativeInteger": int,
    XSD + "boolean": lambda lexical: lexical in ("true", "1"),
    XSD + "decimal": float,
}


def _py(datatype: str, lexical: str, lang: str | None) -> Any:
    if lang:
        return LangString(lexical, lang)
    convert = _FROM_LEXICAL.get(datatype)
    return lexical if convert is None else convert(lexical)


def _ox_term(value: Any) -> ox.NamedNode | ox.Literal:
    if isinstance(value, IRI):
        return ox.NamedNode(value.value)
    if isinstance(value, bool):
        return ox.Literal("true" if value else "false", datatype=ox.NamedNode(XSD + "boolean"))
    if isinstance(value, int):
        return ox.Literal(str(value), datatype=ox.NamedNode(XSD + "integer"))
    if isinstance(value, dt.date):
        return ox.Literal(value.isoformat(), datatype=ox.NamedNode(XSD + "date"))
    if isinstance(value, LangString) and value.lang:
        return ox.Literal(str(value), language=value.lang)
    return ox.Literal(str(value))


def _from_ox(term: Any) -> Any:
    kind = type(term)  # exact types: pyoxigraph's terms are final, and this is the hot path
    if kind is ox.NamedNode:
        return term.value
    if kind is ox.Literal:
        return _py(term.datatype.value, term.value, term.language)
    if kind is ox.BlankNode:
        return "_:" + term.value
    return None


def solution_rows(result: Any) -> list[Row]:
    """A SELECT's solutions as rows of Python values (unbound variables left out)."""
    if not isinstance(result, ox.QuerySolutions):
        raise ValueError(NOT_SELECT)
    names = [v.value for v in result.variables]
    # a solution unpacks to its values in the variables' order (None: unbound)
    rows = (zip(names, sol, strict=True) for sol in result)
    return [{n: _from_ox(v) for n, v in row if v is not None} for row in rows]


class OxigraphStore:
    """pyoxigraph store: in memory, or persistent when a directory is given; or one named graph
    of a `shared` store (kb/graph_store.py), whose queries then see that graph alone."""

    def __init__(
        self, path: Path | None = None, *, shared: ox.Store | None = None, graph: str | None = None
    ) -> None:
        self._store = shared if shared is not None else ox.Store(str(path)) if path else ox.Store()
        self._graph = ox.NamedNode(graph) if graph else None

    def add_turtle(self, data: bytes, base_iri: str | None = None) -> None:
        fmt = ox.RdfFormat.TURTLE
        self._store.bulk_load(data, format=fmt, base_iri=base_iri, to_graph=self._graph)

    def add_ntriples(self, data: bytes) -> None:
        self._store.bulk_load(data, format=ox.RdfFormat.N_TRIPLES, to_graph=self._graph)

    def select(
        self,
        query: str,
        bindings: Mapping[str, Any] | None = None,
        rows: Sequence[Mapping[str, Any]] = (),
    ) -> list[Row]:
        assert_read_only(query)  # checked before values are bound: they are data, not syntax
        text = bind_values(query, bindings or {}, lambda v: str(_ox_term(v)), rows)
        if self._graph is None:
            return solution_rows(self._store.query(text, use_default_graph_as_union=True))
        return solution_rows(self._store.query(text, default_graph=self._graph))

    def __len__(self) -> int:
        if self._graph is None:
            return len(self._store)
        return sum(1 for _ in self._store.quads_for_pattern(None, None, None, self._graph))


def _rdflib_term(value: Any) -> Identifier:
    if isinstance(value, IRI):
        return rdflib.URIRef(value.value)
    if isinstance(value, bool | int | dt.date):
        return rdflib.Literal(value)
    if isinstance(value, LangString) and value.lang:
        return rdflib.Literal(str(value), lang=value.lang)
    return rdflib.Literal(str(value))


class RdflibStore:
    """rdflib's in-memory engine: slower, kept as a reference and for cross-checks."""

    def __init__(self) -> None:
        self.graph = rdflib.Graph()

    def add_turtle(self, data: bytes, base_iri: str | None = None) -> None:
        self.graph.parse(data=data, format="turtle", publicID=base_iri)

    def add_ntriples(self, data: bytes) -> None:
        self.graph.parse(data=data, format="nt")

    def select(
        self,
        query: str,
        bindings: Mapping[str, Any] | None = None,
        rows: Sequence[Mapping[str, Any]] = (),
    ) -> list[Row]:
        assert_read_only(query)
        text = bind_values(query, bindings or {}, lambda v: _rdflib_term(v).n3(), rows)
        found: list[Row] = []
        for sol in self.graph.query(text):
            if not isinstance(sol, ResultRow):
                raise ValueError(NOT_SELECT)
            row: Row = {}
            for name, term in sol.asdict().items():
                if isinstance(term, rdflib.URIRef):
                    row[name] = str(term)
                elif isinstance(term, rdflib.Literal):
                    dtype = str(term.datatype) if term.datatype else ""
                    row[name] = _py(dtype, str(term), term.language)
                elif isinstance(term, rdflib.BNode):
                    row[name] = "_:" + str(term)
            found.append(row)
        return found

    def __len__(self) -> int:
        return len(self.graph)


def new_store(engine: str = "oxigraph", path: Path | None = None) -> Store:
    if engine == "oxigraph":
        return OxigraphStore(path)
    if engine == "rdflib":
        return RdflibStore()
    raise ValueError(f"unknown engine {engine!r}: expected 'oxigraph' or 'rdflib'")


# the term conversions, for the service's store (kb_service.storage) to bind and read values alike
ox_term = _ox_term
from_ox_term = _from_ox
py_value = _py
