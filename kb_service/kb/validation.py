"""`kb validate`: the ontology, the rules and the queries, checked before anyone relies on them.

1. every Turtle file parses (file and line on error);
2. SHACL shapes of ontology/shapes/kb.shapes.ttl hold (file, subject and constraint on error);
3. hygiene queries of queries/hygiene/ return no row (each row names a problem);
4. every query file parses and has a `# title:` and `# banner:` header.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

import rdflib
from rdflib.query import ResultRow

from kb_service.core import paths
from kb_service.core.namespaces import ID_NS, KYZ_NS
from kb_service.core.problems import KBError, Problem
from kb_service.kb.derive import derived_triples
from kb_service.kb.loading import kb_files, parse_turtle
from kb_service.kb.queries import parse_header, query_files
from kb_service.kb.shacl import shacl_results
from kb_service.kb.sparql_guard import assert_read_only, query_problems

MAX_RULE_FILE_BYTES = 8 * 1024 * 1024
MAX_QUERY_BYTES = 256 * 1024
MAX_KB_TRIPLES = 200_000  # today's KB is about 5,000
MAX_HIERARCHY_DEPTH = 64
Node = rdflib.term.Node
# the file that first states a subject, or a (subject, property) pair
Owner = dict[Node | tuple[Node, Node], str]


def _short(node: rdflib.term.Node) -> str:
    text = str(node)
    for base in (ID_NS, KYZ_NS):
        if text.startswith(base):
            return text[len(base) :]
    return text if not isinstance(node, rdflib.BNode) else "(blank node)"


def _parse(
    files: Iterable[Path],
) -> tuple[rdflib.Graph, Owner, list[Problem]]:
    graph = rdflib.Graph()
    owner: Owner = {}
    problems: list[Problem] = []
    for path in files:
        try:
            part = parse_turtle(path)
        except KBError as err:
            problems.extend(err.problems)
            continue
        for subject, predicate, obj in part:
            owner.setdefault(subject, str(path))
            owner.setdefault((subject, predicate), str(path))
            if isinstance(obj, rdflib.Literal) and obj.ill_typed:
                problems.append(_ill_typed(path, subject, predicate, obj))
        graph += part
    return graph, owner, problems


def _ill_typed(path: Path, subject: Any, predicate: Any, obj: rdflib.Literal) -> Problem:
    kind = str(obj.datatype).rsplit("#", 1)[-1]
    return Problem(
        str(path),
        f"{str(obj)!r} is not a valid xsd:{kind}",
        location=f"subject {_short(subject)}, property {_short(predicate)}",
        expected="an xsd:date such as 2016-05-30" if kind == "date" else f"an xsd:{kind}",
    )


def _shacl(data: rdflib.Graph, owner: Owner, shapes_file: Path) -> list[Problem]:
    problems = []
    for result in shacl_results(data, parse_turtle(shapes_file), advanced=True):
        subject = _owner_subject(data, result.focus)
        path = result.path
        where = f"subject {_short(subject)}" + (f", property {_short(path)}" if path else "")
        problems.append(
            Problem(
                file=owner.get(subject, "(knowledge base)"),
                message=f"{result.message or 'constraint violated'} [{result.component}]",
                location=where,
            )
        )
    return sorted(problems, key=str)


def _owner_subject(graph: rdflib.Graph, node: rdflib.term.Node) -> rdflib.term.Node:
    """A blank node's problem is reported on the named resource that holds it."""
    seen = set()
    while isinstance(node, rdflib.BNode) and node not in seen:
        seen.add(node)
        parent = next(graph.subjects(None, node), None)
        if parent is None:
            break
        node = parent
    return node


def _hygiene(data: rdflib.Graph, owner: Owner) -> list[Problem]:
    """Each row of a hygiene query is a problem; its ?subject names the file to blame.

    The queries are the tool's own (never those of a --root folder being checked): a query is
    only run when we wrote it.
    """
    problems = []
    for path in query_files(paths.QUERIES_DIR, "hygiene"):
        text = path.read_text(encoding="utf-8")
        banner = parse_header(text).get("banner", path.stem)
        assert_read_only(text)
        for row in data.query(text):
            if not isinstance(row, ResultRow):
                raise TypeError(f"{path.name}: a hygiene query is a SELECT")
            subject = row[0]
            others = ", ".join(_short(v) for v in tuple(row)[1:] if v is not None)
            blamed = owner.get((subject, row[1])) or owner.get(subject, str(path))
            problems.append(
                Problem(
                    file=blamed,
                    message=f"{others}: {banner} [{path.name}]",
                    location=f"subject {_short(subject)}",
                )
            )
    return sorted(problems, key=str)


def _queries(root: Path) -> list[Problem]:
    """Every query file of the KB parses, has its header, and reads only its own store.

    Parsed, never run: a foreign query's SERVICE clause would otherwise make a request.
    """
    problems = []
    for path in sorted((root / "queries").glob("**/*.rq")):
        size = path.stat().st_size
        if size > MAX_QUERY_BYTES:
            problems.append(Problem(str(path), f"{size:,} bytes", expected="a smaller query"))
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        header = parse_header(text)
        for key in ("title", "banner"):
            if key not in header:
                problems.append(Problem(str(path), f"missing '# {key}:' header line"))
        for reason in query_problems(text):
            problems.append(
                Problem(str(path), reason, expected="a SPARQL 1.1 SELECT, ASK or CONSTRUCT")
            )
    return problems


def _oversized(files: Iterable[Path]) -> list[Problem]:
    problems = []
    for path in files:
        size = path.stat().st_size if path.is_file() else 0
        if size > MAX_RULE_FILE_BYTES:
            problems.append(
                Problem(
                    str(path),
                    f"the file is {size:,} bytes",
                    expected=f"at most {MAX_RULE_FILE_BYTES:,} bytes (the rule file limit)",
                )
            )
    return problems


def _deepest_chain(graph: rdflib.Graph, prop: rdflib.URIRef) -> tuple[int, Any]:
    """Length of the longest chain of `prop` links (cycles cut), and where it starts."""
    up: dict[Node, list[Node]] = {}
    parent: Node | None
    for child, parent in graph.subject_objects(prop):
        up.setdefault(child, []).append(parent)
    depth: dict[Node, int] = {}
    for start in up:
        stack, on_path = [(start, iter(up.get(start, ())))], {start}
        while stack:
            node, parents = stack[-1]
            parent = next(parents, None)
            if parent is None:
                stack.pop()
                on_path.discard(node)
                depth[node] = max((depth.get(p, 0) + 1 for p in up.get(node, ())), default=0)
            elif parent not in depth and parent not in on_path:
                on_path.add(parent)
                stack.append((parent, iter(up.get(parent, ()))))
    if not depth:
        return 0, None
    top = max(depth, key=lambda n: depth[n])
    return depth[top], top


def _bounded(graph: rdflib.Graph, owner: Owner) -> list[Problem]:
    """Limits that keep SHACL and reasoning linear: the KB's size and its hierarchies' depth."""
    if len(graph) > MAX_KB_TRIPLES:
        return [
            Problem(
                "(knowledge base)",
                f"{len(graph):,} triples",
                expected=f"at most {MAX_KB_TRIPLES:,} (the knowledge base size limit)",
            )
        ]
    problems = []
    for prop in (rdflib.RDFS.subClassOf, rdflib.RDFS.subPropertyOf):
        length, start = _deepest_chain(graph, prop)
        if length > MAX_HIERARCHY_DEPTH:
            problems.append(
                Problem(
                    owner.get(start, "(knowledge base)"),
                    f"a chain of {length:,} {_short(prop)} links",
                    location=f"subject {_short(start)}",
                    expected=f"at most {MAX_HIERARCHY_DEPTH} levels",
                )
            )
    return problems


def validate_kb(root: Path | None = None, extra: Iterable[Path] = ()) -> list[Problem]:
    """All problems of the KB under `root` (plus `extra` rule files); empty when it is sound.

    The KB's own shapes and queries are parsed; the SHACL shapes and hygiene queries that are
    run are always this tool's own.
    """
    base = root or paths.ROOT
    # files given on the command line come first, so problems are blamed on them
    files = [Path(p) for p in extra] + kb_files(base)
    shapes = sorted((base / "ontology" / "shapes").glob("*.ttl"))
    problems = _oversized(files + shapes)
    if problems:
        return problems
    kb_graph, owner, problems = _parse(files)
    problems += _parse(shapes)[2]
    if problems:
        return problems  # SHACL on half a KB would only add noise
    problems = _bounded(kb_graph, owner)
    if problems:
        return problems
    kb_graph += derived_triples(kb_graph, base / "queries")
    problems += _shacl(kb_graph, owner, paths.SHAPES_DIR / "kb.shapes.ttl")
    problems += _hygiene(kb_graph, owner)
    problems += _queries(base)
    return problems
