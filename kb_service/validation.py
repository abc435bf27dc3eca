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

import pyoxigraph as ox
import rdflib
from pyshacl import validate as shacl_validate

from kb_service import paths
from kb_service.errors import KBError, Problem
from kb_service.loading import kb_files, parse_turtle
from kb_service.queries import parse_header, query_files

SH = rdflib.Namespace("http://www.w3.org/ns/shacl#")


def _short(node: rdflib.term.Node) -> str:
    text = str(node)
    for base in ("https://w3id.org/kyzmat-kb/id/", "https://w3id.org/kyzmat-kb/ontology#"):
        if text.startswith(base):
            return text[len(base) :]
    return text if not isinstance(node, rdflib.BNode) else "(blank node)"


def _parse(
    files: Iterable[Path],
) -> tuple[rdflib.Graph, dict[rdflib.term.Node, str], list[Problem]]:
    graph = rdflib.Graph()
    owner: dict[rdflib.term.Node, str] = {}
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


def _shacl(data: rdflib.Graph, owner: dict, shapes_file: Path) -> list[Problem]:
    shapes = parse_turtle(shapes_file)
    conforms, report, _ = shacl_validate(data, shacl_graph=shapes, inference="none", advanced=True)
    if conforms:
        return []
    problems = []
    for result in report.subjects(rdflib.RDF.type, SH.ValidationResult):
        focus = report.value(result, SH.focusNode)
        path = report.value(result, SH.resultPath)
        message = report.value(result, SH.resultMessage) or "constraint violated"
        component = report.value(result, SH.sourceConstraintComponent)
        subject = _owner_subject(data, focus)
        where = f"subject {_short(subject)}" + (f", property {_short(path)}" if path else "")
        problems.append(
            Problem(
                file=owner.get(subject, "(knowledge base)"),
                message=f"{message} [{_short(component).rsplit('#', 1)[-1]}]",
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


def _hygiene(data: rdflib.Graph, owner: dict, root: Path) -> list[Problem]:
    """Each row of a hygiene query is a problem; its ?subject names the file to blame."""
    problems = []
    for path in query_files("hygiene", root / "queries"):
        text = path.read_text(encoding="utf-8")
        banner = parse_header(text).get("banner", path.stem)
        for row in data.query(text):
            subject = row[0]
            others = ", ".join(_short(v) for v in row[1:] if v is not None)
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
    problems = []
    empty = ox.Store()
    for path in sorted((root / "queries").glob("**/*.rq")):
        text = path.read_text(encoding="utf-8")
        header = parse_header(text)
        for key in ("title", "banner"):
            if key not in header:
                problems.append(Problem(str(path), f"missing '# {key}:' header line"))
        try:
            empty.query(text)
        except SyntaxError as exc:
            problems.append(
                Problem(str(path), f"SPARQL syntax error: {exc}", expected="SPARQL 1.1")
            )
    return problems


def validate_kb(root: Path | None = None, extra: Iterable[Path] = ()) -> list[Problem]:
    """All problems of the KB under `root` (plus `extra` rule files); empty when it is sound."""
    base = root or paths.ROOT
    # files given on the command line come first, so problems are blamed on them
    files = [Path(p) for p in extra] + kb_files(base)
    shapes = sorted((base / "ontology" / "shapes").glob("*.ttl"))
    graph, owner, problems = _parse(files + shapes)
    if problems:
        return problems  # SHACL on half a KB would only add noise
    kb_graph, _, _ = _parse(files)
    problems += _shacl(kb_graph, owner, base / "ontology" / "shapes" / "kb.shapes.ttl")
    problems += _hygiene(kb_graph, owner, base)
    problems += _queries(base)
    return problems
