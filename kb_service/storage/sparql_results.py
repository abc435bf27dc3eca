"""Answers of the embedded store to /sparql, with the result-size limit applied while reading.

SELECT and ASK answer as SPARQL 1.1 Query Results JSON; CONSTRUCT and DESCRIBE as N-Triples or
Turtle (by Accept). A SELECT or CONSTRUCT of more than `limit` rows or triples is refused
(ResultTooLarge), not cut short silently.
"""

from __future__ import annotations

import json
from typing import Any

import pyoxigraph as ox

from kb_service.storage.backend import RawResult

SPARQL_JSON = "application/sparql-results+json"


class ResultTooLarge(Exception):
    """The answer has more rows than the endpoint hands out."""


def _json_term(term: Any) -> dict[str, str]:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
            out["datatype"] = term.datatype.value
        return out
    return {"type": "literal", "value": str(term)}


def too_large(limit: int) -> ResultTooLarge:
    return ResultTooLarge(
        f"the answer has more than {limit:,} results; narrow the query or add LIMIT"
    )


def embedded_answer(result: Any, accept: str, limit: int) -> RawResult | None:
    """The answer; None when it has more than `limit` results (the caller raises: pyoxigraph's
    results must not outlive their thread in a traceback)."""
    if isinstance(result, ox.QueryBoolean):
        body = {"head": {}, "boolean": bool(result)}
        return RawResult(json.dumps(body).encode("utf-8"), SPARQL_JSON)
    if isinstance(result, ox.QuerySolutions):
        names = [v.value for v in result.variables]
        rows: list[dict[str, dict[str, str]]] = []
        for solution in result:
            if len(rows) >= limit:
                return None
            rows.append({n: _json_term(solution[n]) for n in names if solution[n] is not None})
        body = {"head": {"vars": names}, "results": {"bindings": rows}}
        return RawResult(json.dumps(body, ensure_ascii=False).encode("utf-8"), SPARQL_JSON)
    triples: list[ox.Triple] = []
    for triple in result:
        if len(triples) >= limit:
            return None
        triples.append(triple)
    turtle = "turtle" in accept
    fmt = ox.RdfFormat.TURTLE if turtle else ox.RdfFormat.N_TRIPLES
    data = ox.serialize(triples, format=fmt) or b""
    return RawResult(data, "text/turtle" if turtle else "application/n-triples")
