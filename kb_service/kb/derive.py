"""Derived triples: the CONSTRUCT rules of queries/derive/, run on the KB graph before reasoning.

They keep one record of each fact: a change of an act is written once (rules/changes.ttl) and the
links ELI and the catalog read (eli:repeals, kyz:replacedBy, ...) follow from it.
"""

from __future__ import annotations

from pathlib import Path

import rdflib

from kb_service.kb.queries import query_files
from kb_service.kb.sparql_guard import assert_read_only


def derived_triples(graph: rdflib.Graph, queries_dir: Path) -> rdflib.Graph:
    """What the derive rules add to `graph` (one pass: no rule reads another's output)."""
    out = rdflib.Graph()
    for path in query_files(queries_dir, "derive"):
        text = path.read_text(encoding="utf-8")
        assert_read_only(text)
        for triple in graph.query(text):
            out.add(triple)  # type: ignore[arg-type]  # CONSTRUCT results are triples
    return out
