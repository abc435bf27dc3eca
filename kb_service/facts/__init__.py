"""Facts intake: what an inspector records about one monitored body.

    facts = load_facts(path, as_of, kb=kb)     # .json, .jsonld, .ttl, .xlsx by suffix
    write_template(body_type, "json" | "xlsx", out, kb=kb)

`kb` is the knowledge-base handle (kb_service.kb.registry.current_kb()): body types, unit
kinds, documents, labels and shapes are its.

Validation (structure in Python, then SHACL) runs before anything is evaluated and reports
every problem at once as a FactsError.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import rdflib

from kb_service.core.problems import FactsError, Problem
from kb_service.facts.schema import body_iri
from kb_service.facts.template import write_template
from kb_service.facts.validate import Locator, check_structure, json_locator
from kb_service.kb.knowledge_base import KnowledgeBase
from kb_service.kb.rdf_io import graph_from_ntriples
from kb_service.kb.vocabulary import facts_vocabulary

__all__ = ["FACTS_SUFFIXES", "Facts", "FactsError", "Problem", "load_facts", "write_template"]

FACTS_SUFFIXES = (".json", ".jsonld", ".ttl", ".nt", ".xlsx")  # what load_facts reads


@dataclass(frozen=True)
class Facts:
    body_id: str
    body_name: str
    body_type: str  # body-type id, e.g. "state-body"
    body_iri: str
    ntriples: str  # the whole facts graph, for pyoxigraph
    source: str  # file path
    unit_ids: tuple[str, ...]
    data: dict[str, Any] | None = field(default=None, compare=False, repr=False)  # JSON form

    def graph(self) -> rdflib.Graph:
        return graph_from_ntriples(self.ntriples)


def load_facts(path: Path, as_of: dt.date, *, kb: KnowledgeBase, shacl: bool = True) -> Facts:
    """Read and validate one facts file; raise FactsError listing every problem."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in (".json", ".jsonld"):
        from kb_service.facts.json_reader import read_json

        return facts_from_dict(read_json(path), str(path), as_of, json_locator, kb=kb, shacl=shacl)
    if suffix == ".xlsx":
        from kb_service.facts.xlsx_layout import xlsx_layout
        from kb_service.facts.xlsx_reader import read_xlsx

        data, locate = read_xlsx(path, xlsx_layout(kb))
        return facts_from_dict(data, str(path), as_of, locate, kb=kb, shacl=shacl)
    if suffix in (".ttl", ".nt"):
        return _from_turtle(path, as_of, kb=kb, shacl=shacl)
    raise FactsError(
        [
            Problem(
                str(path),
                f"unsupported file type {suffix!r}",
                "file",
                "",
                ".json, .jsonld, .ttl or .xlsx",
            )
        ]
    )


def facts_from_dict(
    data: Any,
    source: str,
    as_of: dt.date,
    locate: Locator = json_locator,
    *,
    kb: KnowledgeBase,
    shacl: bool = True,
) -> Facts:
    from kb_service.facts.placeholders import drop_placeholders
    from kb_service.facts.to_rdf import facts_triples, ntriples_text

    data, places = drop_placeholders(data)  # an untouched template part is "not recorded"
    locate = _in_file(locate, places)
    problems = check_structure(data, source, as_of, facts_vocabulary(kb), locate)
    if problems:
        raise FactsError(problems)
    locations: dict[str, tuple[str | None, int | None]] = {}
    triples = facts_triples(data, locations)
    nt = ntriples_text(triples)
    if shacl:
        from kb_service.facts.shacl import shacl_problems

        graph = functools.partial(graph_from_ntriples, nt)
        problems = shacl_problems(triples, graph, source, locate, locations, kb=kb)
        if problems:
            raise FactsError(problems)
    units = tuple(u["id"] for u in data.get("units") or ())
    return Facts(
        data["id"], data["name"], data["body_type"], body_iri(data["id"]), nt, source, units, data
    )


def _in_file(locate: Locator, places: dict[tuple[str, int], int]) -> Locator:
    """A locator that names records by their place in the file, placeholders counted."""
    if not places:
        return locate
    return lambda coll, index, field: locate(
        coll, places.get((coll, index), index) if coll and index is not None else index, field
    )


def _from_turtle(path: Path, as_of: dt.date, *, kb: KnowledgeBase, shacl: bool) -> Facts:
    from kb_service.facts.turtle_reader import check_graph, facts_fields, parse_turtle

    facts = parse_turtle(path)
    problems = check_graph(facts, str(path), as_of, facts_vocabulary(kb))
    if shacl and not problems:  # SHACL over a graph already known to be wrong only adds noise
        from kb_service.facts.shacl import shacl_problems
        from kb_service.kb.rdf_io import to_rdflib
        from kb_service.kb.shacl_precheck import statement_keys

        graph = functools.partial(to_rdflib, facts.triples)
        keys = statement_keys(facts.triples)
        problems = shacl_problems(keys, graph, str(path), json_locator, kb=kb)
    if problems:
        raise FactsError(problems)
    name, body_type, units = facts_fields(facts)
    return Facts(facts.body_id, name, body_type, facts.body_iri, facts.ntriples, str(path), units)
