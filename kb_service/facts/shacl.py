"""SHACL validation of a facts graph, with results turned into FactsProblems."""

from __future__ import annotations

from functools import lru_cache

import pyshacl
import rdflib
from rdflib.namespace import SH

from kb_service.core import paths
from kb_service.facts.errors import FactsProblem
from kb_service.facts.schema import BODY_FIELDS, COLLECTIONS, expand
from kb_service.facts.to_rdf import Locations
from kb_service.facts.validate import Locator

# property IRI -> JSON key, per collection (None = the body)
_KEYS: dict[str | None, dict[str, str]] = {
    None: {expand(f.prop): f.key for f in BODY_FIELDS},
    **{c.key: {expand(f.prop): f.key for f in c.fields} for c in COLLECTIONS},
}


@lru_cache(maxsize=1)
def _shapes() -> rdflib.Graph:
    return rdflib.Graph().parse(paths.SHAPES_DIR / "facts.shapes.ttl", format="turtle")


def _where(node: str, locations: Locations | None) -> tuple[str | None, int | None, bool]:
    if locations and node in locations:
        coll, index = locations[node]
        return coll, index, True
    for c in COLLECTIONS:  # Turtle input: infer the kind from the IRI shape
        if f"/{c.segment}/" in node:
            return c.key, None, False
    return None, None, False


def check_shacl(
    graph: rdflib.Graph, file: str, locate: Locator, locations: Locations | None = None
) -> list[FactsProblem]:
    conforms, report, _ = pyshacl.validate(
        graph, shacl_graph=_shapes(), inference="none", advanced=False, allow_warnings=True
    )
    if conforms:
        return []
    problems: list[FactsProblem] = []
    for result in report.subjects(SH.resultSeverity, SH.Violation):
        node = str(report.value(result, SH.focusNode))
        path = report.value(result, SH.resultPath)
        message = str(report.value(result, SH.resultMessage) or "violates the facts shapes")
        value = report.value(result, SH.value)
        coll, index, known = _where(node, locations)
        key = _KEYS.get(coll, {}).get(str(path)) if path is not None else None
        if known:
            location, field = locate(coll, index, key)
        else:
            location, field = f"<{node}>", key or (str(path) if path is not None else "")
        text = message.split(": ", 1)[-1] if ": " in message else message
        got = f"got {value}" if value is not None else "missing or wrong"
        problems.append(FactsProblem(file, location, field, got, text))
    return sorted(problems, key=lambda p: (p.location, p.field))
