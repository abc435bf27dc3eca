"""Loading the knowledge base: Turtle files -> validated graph -> materialised Oxigraph store.

Reasoning (owlrl, RDFS closure for the class and property hierarchies) runs once per KB
revision and is cached as N-Triples, so it stays off the evaluation path.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import rdflib

from kb_service.core import paths
from kb_service.core.problems import KBError, Problem
from kb_service.kb.derive import derived_triples
from kb_service.kb.knowledge_base import KnowledgeBase
from kb_service.kb.rdf_io import parse_triples, to_rdflib
from kb_service.kb.store import new_store


def kb_files(root: Path | None = None) -> list[Path]:
    """The Turtle files that make up the KB: ontology/*.ttl and rules/*.ttl (shapes apart)."""
    base = root or paths.ROOT
    return sorted((base / "ontology").glob("*.ttl")) + sorted((base / "rules").glob("*.ttl"))


def revision(root: Path | None = None) -> str:
    """Content hash of ontology, shapes, rules and queries: names the KB a finding came from."""
    base = root or paths.ROOT
    digest = hashlib.sha256()
    patterns = ("ontology/**/*.ttl", "ontology/*.jsonld", "rules/**/*.ttl", "queries/**/*.rq")
    files = sorted({p for pat in patterns for p in base.glob(pat)})
    for path in files:
        digest.update(str(path.relative_to(base)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


MAX_TURTLE_TRIPLES = 1_000_000  # per file; kb validate sets its own, smaller, limits


def parse_turtle(path: Path, graph: rdflib.Graph | None = None) -> rdflib.Graph:
    """Parse one Turtle file; a syntax error becomes a Problem naming the file, line and column."""
    graph = graph if graph is not None else rdflib.Graph()
    try:
        data = path.read_bytes()
    except (FileNotFoundError, IsADirectoryError):
        raise KBError([Problem(str(path), "file not found", expected="a Turtle file")]) from None
    for triple in to_rdflib(parse_triples(data, str(path), MAX_TURTLE_TRIPLES, KBError)):
        graph.add(triple)
    return graph


def parse_all(files: Iterable[Path]) -> rdflib.Graph:
    """Parse every file, collecting one problem per broken file before failing."""
    graph = rdflib.Graph()
    problems: list[Problem] = []
    for path in files:
        try:
            parse_turtle(path, graph)
        except KBError as err:
            problems.extend(err.problems)
    if problems:
        raise KBError(problems)
    return graph


MATERIALISE_VERSION = 4  # bump when materialise() changes: names the cache files


def materialise(graph: rdflib.Graph, queries_dir: Path | None = None) -> rdflib.Graph:
    """The derive rules' triples, then the RDFS closure (owlrl) of the KB alone: act types,
    sub-properties, label properties."""
    import owlrl

    graph = graph + derived_triples(graph, queries_dir or paths.QUERIES_DIR)
    closed = rdflib.Graph()
    for triple in graph:
        closed.add(triple)
    owlrl.DeductiveClosure(
        owlrl.RDFS_Semantics, axiomatic_triples=False, datatype_axioms=False
    ).expand(closed)
    result = rdflib.Graph()
    for s, p, o in closed:
        if _keep_inferred(graph, closed, s, p, o):
            result.add((s, p, o))
    return result


def _keep_inferred(asserted: rdflib.Graph, closed: rdflib.Graph, s: Any, p: Any, o: Any) -> bool:
    """Keep what the checks need; drop RDFS noise and owlrl's literal artefacts.

    owlrl proxies literals through Python values (0 == False, "no" == "no"@en), so it can invent
    literals: an inferred literal is kept only when the same term is asserted for the subject
    under a sub-property of `p` (e.g. kyz:text -> skos:prefLabel).
    """
    if isinstance(s, rdflib.Literal) or o == rdflib.RDFS.Resource:
        return False
    if (s, p, o) in asserted or not isinstance(o, rdflib.Literal):
        return True
    return any(
        isinstance(o2, rdflib.Literal)
        and o2.language == o.language
        and o2.datatype == o.datatype
        and (q, rdflib.RDFS.subPropertyOf, p) in closed
        for _, q, o2 in asserted.triples((s, None, o))
    )


def _cache_dir() -> Path:
    base = os.environ.get("KYZMAT_KB_CACHE") or Path.home() / ".cache" / "kyzmat-kb"
    path = Path(base)
    path.mkdir(parents=True, exist_ok=True)
    return path


def materialised_ntriples(rev: str, files: list[Path], queries_dir: Path | None = None) -> bytes:
    """The materialised KB as N-Triples, from the cache when this revision was seen before."""
    cached = _cache_dir() / f"kb-{rev}-m{MATERIALISE_VERSION}.nt"
    if cached.exists():
        return cached.read_bytes()
    data = materialise(parse_all(files), queries_dir).serialize(format="nt", encoding="utf-8")
    tmp = cached.with_suffix(f".{os.getpid()}.tmp")
    tmp.write_bytes(data)
    tmp.replace(cached)  # atomic: a concurrent reader never sees half a file
    return data


def load_kb(engine: str = "oxigraph", root: Path | None = None) -> KnowledgeBase:
    """Load the KB under `root` (the project's own by default) into a new store.

    Callers that serve many requests take their handle from the registry (kb/registry.py),
    which loads each revision once.
    """
    base = (root or paths.ROOT).resolve()
    rev = revision(base)
    store = new_store(engine)
    store.add_ntriples(materialised_ntriples(rev, kb_files(base), base / "queries"))
    return KnowledgeBase(revision=rev, store=store, root=base, engine=engine)
