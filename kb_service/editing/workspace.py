"""The rule files of one KB root as an edit sees them: their text (as edited so far), a graph of
the KB for looking things up, and the checks of user input (ids, texts, closest ids).

Look-ups walk the rdflib graph in Python: no user text ever goes into a query.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Iterable
from pathlib import Path

import rdflib

from kb_service.core.namespaces import ID_NS, KYZ, RDF, RDFS
from kb_service.core.problems import UsageError
from kb_service.editing.turtle_text import Node, ensure_prefixes, statement_nodes
from kb_service.kb.loading import kb_files, parse_all

# the prefixes edits write, as the rule files declare them
PREFIXES = {
    "kyz": "https://w3id.org/kyzmat-kb/ontology#",
    "act": ID_NS + "act/",
    "prv": ID_NS + "provision/",
    "chg": ID_NS + "change/",
    "cit": ID_NS + "citation/",
    "req": ID_NS + "requirement/",
    "sec": ID_NS + "section/",
    "param": ID_NS + "parameter/",
    "src": ID_NS + "source/",
    "iss": ID_NS + "issuer/",
    "edit": ID_NS + "edit/",
    "eli": "http://data.europa.eu/eli/ontology#",
    "dct": "http://purl.org/dc/terms/",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "prov": "http://www.w3.org/ns/prov#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}
KINDS = {  # what the CLI calls it -> the IRI folder under id/
    "act": "act",
    "provision": "provision",
    "change": "change",
    "citation": "citation",
    "requirement": "requirement",
    "section": "section",
    "parameter": "parameter",
    "source": "source",
    "issuer": "issuer",
}
MAX_TEXT = 2000  # characters of one text given on the command line
_ID = re.compile(r"[a-z0-9][a-z0-9.-]{0,99}")
_CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f]")  # a newline is allowed in texts, nothing else


def check_id(kind: str, value: str) -> str:
    if not _ID.fullmatch(value) or ".." in value or value.endswith("."):
        raise UsageError(
            f"{kind} id {value!r} is not an id (expected lower-case letters, digits, '-' and '.', "
            "at most 100 characters, e.g. cabinet-res-413-2023)"
        )
    return value


def check_text(what: str, value: str, *, one_line: bool = False) -> str:
    if not value.strip():
        raise UsageError(f"{what}: empty text")
    if len(value) > MAX_TEXT:
        raise UsageError(f"{what}: {len(value):,} characters (expected at most {MAX_TEXT:,})")
    if _CONTROL.search(value) or (one_line and "\n" in value):
        raise UsageError(f"{what}: a control character in the text (expected plain text)")
    return value


def check_date(what: str, value: str) -> dt.date:
    try:
        if re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value):
            return dt.date.fromisoformat(value)
    except ValueError:
        pass
    raise UsageError(f"{what}: {value!r} is not a date (expected YYYY-MM-DD)")


def unknown(kind: str, given: str, ids: Iterable[str]) -> UsageError:
    """An unknown id, with the closest ids (as `kb impact` names them)."""
    known = sorted(set(ids))
    close = difflib.get_close_matches(given, known, n=3, cutoff=0.6)
    close += [i for i in known if given and given.lower() in i and i not in close]
    hint = f"did you mean {', '.join(close[:5])}?" if close else f"{len(known)} known"
    return UsageError(f"unknown {kind} {given!r}: {hint}")


class Workspace:
    """Rule files of `root`, edited in memory until the change set is checked and written."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.edited: dict[str, str] = {}
        self._graph: rdflib.Graph | None = None

    @property
    def graph(self) -> rdflib.Graph:
        """The KB as it stands on disk (ontology and rules), for look-ups."""
        if self._graph is None:
            self._graph = parse_all(kb_files(self.root))
        return self._graph

    def text(self, rel: str) -> str:
        if rel in self.edited:
            return self.edited[rel]
        path = self.root / rel
        return path.read_text(encoding="utf-8") if path.exists() else ""

    def put(self, rel: str, text: str, prefixes: Iterable[str] = ()) -> None:
        self.edited[rel] = ensure_prefixes(text, {p: PREFIXES[p] for p in prefixes})

    def node(self, rel: str, curie: str) -> Node:
        """The first statement about `curie` in the file (its main block)."""
        nodes = statement_nodes(self.text(rel), curie)
        if not nodes:
            raise UsageError(f"{rel}: no statement about {curie} to edit (edit it by hand)")
        return nodes[0]

    def iri(self, kind: str, local: str) -> rdflib.URIRef:
        return rdflib.URIRef(f"{ID_NS}{KINDS[kind]}/{local}")

    def ids(self, kind: str, cls: rdflib.URIRef | None = None) -> list[str]:
        """Local ids of the KB's resources of a kind (of class `cls`, when given)."""
        base = f"{ID_NS}{KINDS[kind]}/"
        subjects = self.instances(cls) if cls is not None else set(self.graph.subjects())
        return sorted({str(s)[len(base) :] for s in subjects if str(s).startswith(base)})

    def instances(self, cls: rdflib.URIRef) -> set[rdflib.term.Node]:
        """The resources typed `cls` or one of its subclasses (rdfs:subClassOf, any depth)."""
        classes = set(self.graph.transitive_subjects(RDFS.subClassOf, cls))
        return {s for c in classes for s in self.graph.subjects(RDF.type, c)}

    def existing(self, kind: str, local: str, cls: rdflib.URIRef | None = None) -> str:
        """`local` if the KB has such a resource, else a UsageError naming the closest ids."""
        check_id(kind, local)
        iri = self.iri(kind, local)
        if iri in self.instances(cls) if cls is not None else (iri, None, None) in self.graph:
            return local
        raise unknown(kind, local, self.ids(kind, cls))

    def new(self, kind: str, local: str) -> str:
        check_id(kind, local)
        if (self.iri(kind, local), None, None) in self.graph:
            raise UsageError(f"{kind} {local!r} exists already; choose another id")
        return local

    def code(self, cls: rdflib.URIRef, value: str, what: str) -> rdflib.URIRef:
        """The individual of class `cls` whose kyz:code is `value`."""
        found = {
            str(c): s
            for s in self.graph.subjects(RDF.type, cls)
            for c in self.graph.objects(s, KYZ.code)
        }
        if value in found:
            return rdflib.URIRef(str(found[value]))
        raise UsageError(f"{what} {value!r}: expected one of {', '.join(sorted(found))}")


def curie(iri: rdflib.term.Node) -> str:
    text = str(iri)
    for prefix, base in sorted(PREFIXES.items(), key=lambda p: -len(p[1])):
        if text.startswith(base) and re.fullmatch(r"[A-Za-z0-9_.-]+", text[len(base) :]):
            return f"{prefix}:{text[len(base) :]}"
    return f"<{text}>"
