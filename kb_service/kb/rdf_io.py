"""RDF in and out, for the KB's files and for facts: Oxigraph parses (strict IRIs, linear time,
nothing fetched, one translator of syntax errors), and the consumers that need rdflib (owlrl,
pySHACL, the Turtle checks) get a graph built term by term, never by re-parsing text.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable

import pyoxigraph as ox
import rdflib

from kb_service.core.namespaces import XSD_STRING
from kb_service.core.problems import FactsError, Problem, ProblemsError

_WHERE = re.compile(r"line (\d+)(?: column (\d+)| between columns (\d+))?")
# the terms of the triples parse_triples returns: it refuses RDF 1.2 triple terms
Term = ox.NamedNode | ox.BlankNode | ox.Literal
Statement = ox.Triple | ox.Quad  # a triple as parsed, or the quad the parser gave (no graph)
_PLAIN = "IRIs, blank nodes and literals as subjects and objects"


def syntax_problem(file: str, exc: SyntaxError, kind: str) -> Problem:
    """One line for a parse error: the line (and column) and the parser's reason."""
    text = " ".join(str(exc).replace("\n", "\\n").replace("\r", "\\r").split())
    m = _WHERE.search(text)
    where = "file"
    if m:
        column = m.group(2) or m.group(3)
        where = f"line {m.group(1)}" + (f" column {column}" if column else "")
    reason = text.split(": ", 1)[-1][:200]
    return Problem(file, f"malformed {kind}: {reason}", where, "", f"valid {kind}")


def parse_triples(
    data: bytes, file: str, max_triples: int, error: type[ProblemsError] = FactsError
) -> list[ox.Triple]:
    """Turtle (or N-Triples) to triples; refused past `max_triples` before reading further.

    Problems are raised as `error` (FactsError for a facts file, KBError for the KB's own)."""
    triples: list[ox.Triple] = []
    try:
        for quad in ox.parse(data, format=ox.RdfFormat.TURTLE):
            if len(triples) >= max_triples:
                raise error(
                    [
                        Problem(
                            file,
                            f"more than {max_triples:,} triples",
                            "file",
                            "",
                            f"at most {max_triples:,} (the Turtle facts limit)",
                        )
                    ]
                )
            if isinstance(quad.subject, ox.Triple) or isinstance(quad.object, ox.Triple):
                raise error([Problem(file, "an RDF 1.2 triple term", "file", "", _PLAIN)])
            triples.append(ox.Triple(quad.subject, quad.predicate, quad.object))
    except SyntaxError as exc:
        raise error([syntax_problem(file, exc, "Turtle")]) from None
    return triples


def plain(term: Term | ox.Triple) -> Term:
    """A subject or object of parse_triples' triples (or of N-Triples we wrote), as the plain
    term it is there."""
    if isinstance(term, ox.Triple):
        raise TypeError("an RDF 1.2 triple term, which parse_triples refuses")
    return term


def term_text(term: Term | ox.Triple) -> str:
    """The IRI, blank node id or lexical form of a subject or object of parse_triples' triples."""
    return plain(term).value


def _term(term: Term) -> rdflib.term.Identifier:
    if isinstance(term, ox.NamedNode):
        return rdflib.URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return rdflib.BNode(term.value)
    if term.language:
        return rdflib.Literal(term.value, lang=term.language)
    datatype = term.datatype.value
    # rdflib's own parsers give plain strings no datatype; keep its view of the same graph
    return rdflib.Literal(term.value, datatype=None if datatype == XSD_STRING else datatype)


def to_rdflib(triples: Iterable[Statement]) -> rdflib.Graph:
    graph = rdflib.Graph()
    graph.addN(
        (_term(plain(t.subject)), _term(t.predicate), _term(plain(t.object)), graph)
        for t in triples
    )
    return graph


def ntriples_triples(text: str) -> list[Statement]:
    """The statements of N-Triples we wrote ourselves, as the parser gives them (quads in the
    default graph: making each a Triple would cost a third more)."""
    return list(ox.parse(text.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES))


def graph_from_ntriples(text: str) -> rdflib.Graph:
    """The rdflib graph of N-Triples we wrote ourselves (linear in its size)."""
    return to_rdflib(ntriples_triples(text))


def to_ntriples(triples: Iterable[ox.Triple]) -> str:
    out = io.BytesIO()
    ox.serialize(list(triples), out, format=ox.RdfFormat.N_TRIPLES)
    return out.getvalue().decode("utf-8")
