"""Read facts written directly in Turtle; checks the graph against the KB and the as-of date."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import rdflib
from rdflib.namespace import RDF, XSD

from kb_service.facts.errors import FactsError, FactsProblem
from kb_service.facts.kb import KB
from kb_service.facts.schema import (
    BODY_FIELDS,
    COLLECTIONS,
    FACTS_BASE,
    ID_BASE,
    KYZ,
    expand,
)

_PAST_DATES = {
    expand(f.prop)
    for fields in [BODY_FIELDS, *(c.fields for c in COLLECTIONS)]
    for f in fields
    if f.kind == "date" and not f.future_ok
}
_K = rdflib.Namespace(KYZ)
# every property a facts graph may use: a misspelt one would silently read as "not recorded"
_KNOWN_PROPERTIES = {
    expand(f.prop) for fields in [BODY_FIELDS, *(c.fields for c in COLLECTIONS)] for f in fields
} | {str(RDF.type), KYZ + "body", KYZ + "recorded", KYZ + "code"}


def parse_turtle(path: Path) -> rdflib.Graph:
    g = rdflib.Graph()
    try:
        g.parse(path, format="turtle")
    except Exception as exc:  # rdflib raises several types for bad syntax
        text = str(exc)
        m = re.search(r"line (\d+)", text)
        where = f"line {m.group(1)}" if m else "file"
        bad = re.search(r"Bad syntax \(([^)]*)\)", text)
        msg = bad.group(1) if bad else " ".join(text.split())[:200]
        raise FactsError(
            [FactsProblem(str(path), where, "", f"malformed Turtle: {msg}", "valid Turtle")]
        ) from None
    return g


def body_of(g: rdflib.Graph, file: str) -> tuple[str, str]:
    """(body IRI, body id) of the single kyz:Body in the graph."""
    bodies = list(g.subjects(RDF.type, _K.Body))
    if len(bodies) != 1:
        raise FactsError(
            [
                FactsProblem(
                    file, "graph", "rdf:type", f"{len(bodies)} kyz:Body nodes found", "exactly one"
                )
            ]
        )
    iri = str(bodies[0])
    m = re.fullmatch(re.escape(FACTS_BASE) + r"([A-Za-z0-9][A-Za-z0-9._-]*)/\1", iri)
    if not m:
        raise FactsError(
            [
                FactsProblem(
                    file,
                    f"<{iri}>",
                    "",
                    "body IRI has the wrong form",
                    f"{FACTS_BASE}{{id}}/{{id}}",
                )
            ]
        )
    return iri, m.group(1)


def check_graph(g: rdflib.Graph, file: str, as_of: dt.date, kb: KB) -> list[FactsProblem]:
    out: list[FactsProblem] = []

    def add(node: object, field: str, message: str, expected: str = "") -> None:
        out.append(FactsProblem(file, f"<{node}>", field, message, expected))

    for s, p, o in g:
        if str(p) not in _KNOWN_PROPERTIES:
            add(s, str(p), f"unknown property <{p}>", "a property of docs/facts-format.md")
            continue
        if isinstance(o, rdflib.Literal) and o.datatype == XSD.date:
            if o.ill_typed or not isinstance(o.value, dt.date):
                add(s, str(p), f"impossible date {o}", "a real calendar date YYYY-MM-DD")
            elif str(p) in _PAST_DATES and o.value > as_of:
                add(s, str(p), f"{o} is after the as-of date {as_of}", f"<= {as_of}")
    for s, o in g.subject_objects(_K.bodyType):
        bt_id = str(o).removeprefix(f"{ID_BASE}body-type/")
        if bt_id not in kb.body_types:
            add(
                s,
                "body_type",
                f"unknown body type {bt_id!r}",
                "one of: " + ", ".join(kb.body_types),
            )
            continue
        allowed = kb.body_types[bt_id].unit_kinds
        for u, k in g.subject_objects(_K.unitKind):
            kind = str(k).removeprefix(f"{ID_BASE}unit-kind/")
            if kind not in allowed:
                add(
                    u,
                    "kind",
                    f"a {bt_id} has no unit kind {kind!r}",
                    "one of: " + ", ".join(allowed),
                )
    for s, a in g.subject_objects(_K.commissionAct):
        act_id = str(a).removeprefix(f"{ID_BASE}act/")
        if act_id not in kb.acts:
            add(s, "act", f"unknown act {act_id!r}", "an act id of rules/acts.ttl")
    for s, n in g.subject_objects(_K.documentTypeNumber):
        if isinstance(n, rdflib.Literal) and n.value not in kb.documents:
            add(
                s,
                "document",
                f"unknown evidence document {n}",
                f"1..{max(kb.documents, default=0)}",
            )
    return out
