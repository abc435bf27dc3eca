"""Loading the knowledge base: Turtle files -> validated graph -> materialised Oxigraph store.

Reasoning (owlrl, RDFS closure for the class and property hierarchies) runs once per KB
revision and is cached as N-Triples, so it stays off the evaluation path.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import rdflib

from kb_service.core import paths
from kb_service.core.problems import KBError, Problem
from kb_service.kb.store import Store, new_store


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


def parse_turtle(path: Path, graph: rdflib.Graph | None = None) -> rdflib.Graph:
    """Parse one Turtle file; a syntax error becomes a Problem naming the file and line."""
    graph = graph if graph is not None else rdflib.Graph()
    try:
        graph.parse(path, format="turtle")
    except FileNotFoundError:
        raise KBError([Problem(str(path), "file not found")]) from None
    except Exception as exc:  # rdflib raises several syntax error types
        raise KBError([_syntax_problem(path, exc)]) from None
    return graph


def _syntax_problem(path: Path, exc: Exception) -> Problem:
    text = str(exc)
    line = re.search(r"line (\d+)", text)
    reason = re.search(r"Bad syntax \((.*?)\) at", text, re.S)
    first = text.strip().splitlines()[0] if text.strip() else type(exc).__name__
    if reason:  # rdflib's first line is only "at line N of <>:"; the reason follows
        first = " ".join(reason.group(1).split())
    return Problem(
        str(path),
        f"Turtle syntax error: {first[:200]}",
        location=f"line {line.group(1)}" if line else "",
        expected="valid Turtle 1.1",
    )


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


MATERIALISE_VERSION = 3  # bump when materialise() changes: names the cache files


def materialise(graph: rdflib.Graph) -> rdflib.Graph:
    """RDFS closure (owlrl) of the KB alone: act types, sub-properties, label properties."""
    import owlrl

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


def materialised_ntriples(rev: str, files: list[Path]) -> bytes:
    """The materialised KB as N-Triples, from the cache when this revision was seen before."""
    cached = _cache_dir() / f"kb-{rev}-m{MATERIALISE_VERSION}.nt"
    if cached.exists():
        return cached.read_bytes()
    data = materialise(parse_all(files)).serialize(format="nt", encoding="utf-8")
    tmp = cached.with_suffix(f".{os.getpid()}.tmp")
    tmp.write_bytes(data)
    tmp.replace(cached)  # atomic: a concurrent reader never sees half a file
    return data


@dataclass(eq=False)  # identity: one loaded KB, usable as a cache key
class KnowledgeBase:
    """The loaded KB: its revision and a store holding the materialised graph."""

    revision: str
    store: Store
    root: Path = field(default_factory=lambda: paths.ROOT)

    def select(self, query: str, **bindings: Any) -> list[dict[str, Any]]:
        return self.store.select(query, bindings)


def load_kb(engine: str = "oxigraph", root: Path | None = None) -> KnowledgeBase:
    base = root or paths.ROOT
    rev = revision(base)
    store = new_store(engine)
    store.add_ntriples(materialised_ntriples(rev, kb_files(base)))
    return KnowledgeBase(revision=rev, store=store, root=base)


@lru_cache(maxsize=4)
def shared_kb(engine: str = "oxigraph") -> KnowledgeBase:
    """One KB per process for read-only callers (CLI commands, the service)."""
    return load_kb(engine)
