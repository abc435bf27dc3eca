"""Read facts written directly in Turtle; checks the graph against the KB and the as-of date.

The checks run on Oxigraph's parsed triples, so a large or hostile file is refused in time
linear in its size; an rdflib graph is built only for SHACL, once the file is known to be sound.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from kb_service.core.namespaces import DCT_TITLE, RDF_TYPE, XSD_DATE, XSD_INTEGER, XSD_STRING
from kb_service.core.namespaces import FACTS_NS as FACTS_BASE
from kb_service.core.namespaces import ID_NS as ID_BASE
from kb_service.core.namespaces import KYZ_NS as KYZ
from kb_service.core.problems import FactsError, Problem
from kb_service.facts.json_reader import read_bytes
from kb_service.facts.limits import DEFAULT, Limits
from kb_service.facts.schema import BODY_FIELDS, COLLECTIONS, Field, expand
from kb_service.facts.value_checks import DATE_RE, int_bounds, text_problem
from kb_service.kb.rdf_io import Term, parse_triples, term_text, to_ntriples
from kb_service.kb.vocabulary import FactsVocabulary

_FIELDS = [f for fields in [BODY_FIELDS, *(c.fields for c in COLLECTIONS)] for f in fields]
_BY_PROP = {expand(f.prop): f for f in _FIELDS if f.kind in ("int", "section")}
_PAST_DATES = {expand(f.prop) for f in _FIELDS if f.kind == "date" and not f.future_ok}
# every property a facts graph may use: a misspelt one would silently read as "not recorded"
_KNOWN_PROPERTIES = {expand(f.prop) for f in _FIELDS} | {
    RDF_TYPE,
    KYZ + "body",
    KYZ + "recorded",
    KYZ + "code",
}
_BODY_IRI = re.compile(re.escape(FACTS_BASE) + r"([A-Za-z0-9][A-Za-z0-9._-]*)/\1")


@dataclass(frozen=True)
class TurtleFacts:
    triples: list[ox.Triple]
    ntriples: str
    body_iri: str
    body_id: str

    def objects(self, subject: str, prop: str) -> list[str]:
        return [
            term_text(t.object)
            for t in self.triples
            if term_text(t.subject) == subject and t.predicate.value == prop
        ]


def parse_turtle(path: Path, limits: Limits = DEFAULT) -> TurtleFacts:
    file = str(path)
    triples = parse_triples(read_bytes(path, limits), file, limits.turtle_triples)
    iri, body_id = body_of(triples, file)
    return TurtleFacts(triples, to_ntriples(triples), iri, body_id)


def _refuse(file: str, where: str, field: str, message: str, expected: str) -> FactsError:
    return FactsError([Problem(file, message, where, field, expected)])


def body_of(triples: list[ox.Triple], file: str) -> tuple[str, str]:
    """(body IRI, body id) of the single kyz:Body in the graph."""
    bodies = {
        term_text(t.subject)
        for t in triples
        if t.predicate.value == RDF_TYPE and term_text(t.object) == KYZ + "Body"
    }
    if len(bodies) != 1:
        raise _refuse(file, "graph", "rdf:type", f"{len(bodies)} kyz:Body nodes found", "one")
    iri = bodies.pop()
    m = _BODY_IRI.fullmatch(iri)
    if not m:
        expected = f"{FACTS_BASE}{{id}}/{{id}}"
        raise _refuse(file, f"<{iri[:120]}>", "", "body IRI has the wrong form", expected)
    return iri, m.group(1)


def _integer_problems(lexical: str, f: Field | None, limits: Limits) -> list[tuple[str, str]]:
    digits = lexical.lstrip("+-")
    if not digits.isdigit() or len(digits) > 20:
        return [(f"not a whole number of 64 bits: {lexical[:30]}", "an xsd:integer")]
    low, high = int_bounds(f, limits)
    value = int(lexical)
    if not low <= value <= high:
        return [(f"{value} is out of range", f"{low}..{high:,}")]
    return []


def _literal_problems(t: ox.Triple, as_of: dt.date, limits: Limits) -> list[tuple[str, str]]:
    lit = t.object
    if not isinstance(lit, ox.Literal):
        return []
    prop, kind = t.predicate.value, lit.datatype.value
    if kind == XSD_STRING or lit.language:
        wrong = text_problem(lit.value, prop == DCT_TITLE, limits)
        return [wrong] if wrong else []
    if kind == XSD_INTEGER:
        return _integer_problems(lit.value, _BY_PROP.get(prop), limits)
    if kind != XSD_DATE:
        return []
    try:
        if not DATE_RE.fullmatch(lit.value):
            raise ValueError(lit.value)
        day = dt.date.fromisoformat(lit.value)
    except ValueError:
        return [(f"impossible date {lit.value[:40]}", "a real calendar date YYYY-MM-DD")]
    if day < limits.earliest_date:
        return [(f"{day} is too early", f">= {limits.earliest_date}")]
    if prop in _PAST_DATES and day > as_of:
        return [(f"{day} is after the as-of date {as_of}", f"<= {as_of}")]
    return []


def check_graph(
    facts: TurtleFacts, file: str, as_of: dt.date, vocab: FactsVocabulary, limits: Limits = DEFAULT
) -> list[Problem]:
    out: list[Problem] = []

    def add(node: Term | ox.Triple, field: str, message: str, expected: str = "") -> None:
        out.append(Problem(file, message, f"<{term_text(node)[:120]}>", field, expected))

    by_prop: dict[str, list[ox.Triple]] = defaultdict(list)
    for t in facts.triples:
        prop = t.predicate.value
        if prop not in _KNOWN_PROPERTIES:
            add(t.subject, prop[:120], "unknown property", "a property of the facts format")
            continue
        by_prop[prop].append(t)
        for problem in _literal_problems(t, as_of, limits):
            add(t.subject, prop, *problem)
    _check_kb_links(by_prop, vocab, add)
    return out


Add = Callable[..., None]


def _check_kb_links(by_prop: dict[str, list[ox.Triple]], vocab: FactsVocabulary, add: Add) -> None:
    for t in by_prop[KYZ + "bodyType"]:
        bt_id = term_text(t.object).removeprefix(f"{ID_BASE}body-type/")
        if bt_id not in vocab.body_types:
            add(t.subject, "body_type", f"unknown body type {bt_id[:60]!r}", _one_of(vocab))
            continue
        allowed = vocab.body_types[bt_id].unit_kinds
        for u in by_prop[KYZ + "unitKind"]:
            kind = term_text(u.object).removeprefix(f"{ID_BASE}unit-kind/")
            if kind not in allowed:
                expected = "one of: " + ", ".join(allowed)
                add(u.subject, "kind", f"a {bt_id} has no unit kind {kind[:60]!r}", expected)
    for t in by_prop[KYZ + "documentTypeNumber"]:
        value = t.object.value if isinstance(t.object, ox.Literal) else ""
        if not (value.isdigit() and int(value) in vocab.documents):
            numbers = f"1..{max(vocab.documents, default=0)}"
            add(t.subject, "document", f"unknown evidence document {value[:20]}", numbers)
    for t in by_prop[KYZ + "commissionAct"]:
        act_id = term_text(t.object).removeprefix(f"{ID_BASE}act/")
        if act_id not in vocab.acts:
            expected = "an act id of rules/acts.ttl"
            add(t.subject, "act", f"unknown act {act_id[:60]!r}", expected)
    for t in by_prop[KYZ + "memoSection"]:
        value = t.object.value if isinstance(t.object, ox.Literal) else ""
        if not (value.isdigit() and int(value) in vocab.evaluated_sections):
            expected = "one of: " + ", ".join(map(str, vocab.evaluated_sections))
            add(
                t.subject,
                "section",
                f"not a section that is evaluated: {value[:20]}",
                expected,
            )


def _one_of(vocab: FactsVocabulary) -> str:
    return "one of: " + ", ".join(vocab.body_types)


def facts_fields(facts: TurtleFacts) -> tuple[str, str, tuple[str, ...]]:
    """The body's name, body-type id and unit ids."""
    body = facts.body_iri
    name = next(iter(facts.objects(body, DCT_TITLE)), "")
    body_type = next(iter(facts.objects(body, KYZ + "bodyType")), "")
    units = {
        term_text(t.subject)
        for t in facts.triples
        if t.predicate.value == RDF_TYPE and term_text(t.object) == KYZ + "Unit"
    }
    mine = {
        term_text(t.subject)
        for t in facts.triples
        if t.predicate.value == KYZ + "body" and term_text(t.object) == body
    }
    unit_ids = tuple(sorted(u.rsplit("/", 1)[-1] for u in units & mine))
    return name, body_type.removeprefix(f"{ID_BASE}body-type/"), unit_ids
