"""SHACL validation of a facts graph, with results turned into FactsProblems.

`shacl_problems` first tries the fast pre-check (kb/shacl_precheck.py) on the triples' keys; only
a graph it cannot prove conforming is turned into an rdflib graph and validated by pySHACL, whose
results are the problems. So the problems are pySHACL's, and a conforming file costs a few ms."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

import rdflib

from kb_service.core.problems import Problem
from kb_service.facts.schema import BODY_FIELDS, COLLECTIONS, expand
from kb_service.facts.to_rdf import Locations
from kb_service.facts.validate import Locator
from kb_service.kb.shacl import shacl_results
from kb_service.kb.shacl_precheck import KeyTriple, NodeRule, compile_shapes, conforms

if TYPE_CHECKING:
    from kb_service.kb.knowledge_base import KnowledgeBase

# property IRI -> JSON key, per collection (None = the body)
_KEYS: dict[str | None, dict[str, str]] = {
    None: {expand(f.prop): f.key for f in BODY_FIELDS},
    **{c.key: {expand(f.prop): f.key for f in c.fields} for c in COLLECTIONS},
}


def _parse_shapes(kb: KnowledgeBase) -> rdflib.Graph:
    return rdflib.Graph().parse(kb.path("ontology", "shapes", "facts.shapes.ttl"), format="turtle")


def facts_shapes(kb: KnowledgeBase) -> rdflib.Graph:
    """The facts shapes of this KB, parsed once per handle."""
    return kb.derived(_parse_shapes)


def _precheck_rules(kb: KnowledgeBase) -> tuple[NodeRule, ...] | None:
    return compile_shapes(_parse_shapes(kb))  # its own parse: pySHACL adds to the shared graph


def facts_precheck(kb: KnowledgeBase) -> tuple[NodeRule, ...] | None:
    """The facts shapes as pre-check rules (None: outside its subset, pySHACL for every file)."""
    return kb.derived(_precheck_rules)


def shacl_problems(
    triples: Sequence[KeyTriple],
    graph: Callable[[], rdflib.Graph],
    file: str,
    locate: Locator,
    locations: Locations | None = None,
    *,
    kb: KnowledgeBase,
) -> list[Problem]:
    """check_shacl's problems on `graph()` (the same triples as an rdflib graph), with pySHACL
    run only when the pre-check cannot prove the triples conform."""
    rules = facts_precheck(kb)
    if rules is not None and conforms(triples, rules):
        return []
    return check_shacl(graph(), file, locate, locations, kb=kb)


def _where(node: str, locations: Locations | None) -> tuple[str | None, int | None, bool]:
    if locations and node in locations:
        coll, index = locations[node]
        return coll, index, True
    for c in COLLECTIONS:  # Turtle input: infer the kind from the IRI shape
        if f"/{c.segment}/" in node:
            return c.key, None, False
    return None, None, False


def check_shacl(
    graph: rdflib.Graph,
    file: str,
    locate: Locator,
    locations: Locations | None = None,
    *,
    kb: KnowledgeBase,
) -> list[Problem]:
    problems: list[Problem] = []
    for result in shacl_results(graph, facts_shapes(kb), violations_only=True):
        node, path, value = str(result.focus), result.path, result.value
        message = result.message or "violates the facts shapes"
        coll, index, known = _where(node, locations)
        key = _KEYS.get(coll, {}).get(str(path)) if path is not None else None
        if known:
            location, field = locate(coll, index, key)
        else:
            location, field = f"<{node}>", key or (str(path) if path is not None else "")
        text = message.split(": ", 1)[-1] if ": " in message else message
        got = f"got {value}" if value is not None else "missing or wrong"
        problems.append(Problem(file, got, location, field, text))
    return sorted(problems, key=lambda p: (p.location, p.field))
