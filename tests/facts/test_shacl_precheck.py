"""The SHACL pre-check never accepts what pySHACL rejects: on the examples, on generated bodies,
on every graph of the bad-input corpus, and on a mutation of each constraint the facts shapes use.
(It may reject more: then pySHACL runs and its results are the problems, as before.)"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from repo_paths import ROOT

from kb_service.core.namespaces import DCT_NS, KYZ_NS, RDF_TYPE, XSD_NS
from kb_service.facts import load_facts
from kb_service.facts.shacl import check_shacl, facts_precheck, shacl_problems
from kb_service.facts.synthetic.country import generate_bodies
from kb_service.facts.to_rdf import facts_triples, to_ntriples
from kb_service.facts.validate import json_locator
from kb_service.kb.rdf_io import ntriples_triples, parse_triples, to_rdflib
from kb_service.kb.registry import current_kb
from kb_service.kb.shacl_precheck import compile_shapes, conforms, statement_keys

AS_OF = dt.date(2025, 6, 30)
BAD = ROOT / "tests" / "data" / "bad-facts"
EXAMPLES = sorted((ROOT / "examples").glob("*.json"))
Triples = list[ox.Triple]


def _pyshacl_rejects(triples: Triples) -> bool:
    return bool(check_shacl(to_rdflib(triples), "f", json_locator, kb=current_kb()))


def _precheck_accepts(triples: Triples) -> bool:
    rules = facts_precheck(current_kb())
    assert rules is not None
    return conforms(statement_keys(triples), rules)


def test_the_facts_shapes_compile() -> None:
    rules = facts_precheck(current_kb())
    assert rules is not None  # else every file goes to pySHACL: correct, but slow
    assert len(rules) == 20 and sum(len(r.properties) for r in rules) == 129


def test_statements_outside_the_subset_leave_everything_to_pyshacl() -> None:
    # a fresh parse: pySHACL adds to the shared shapes graph of the handle when it runs
    path = current_kb().path("ontology", "shapes", "facts.shapes.ttl")
    shapes = rdflib.Graph().parse(path, format="turtle")
    assert compile_shapes(shapes) is not None
    shape = rdflib.URIRef("https://w3id.org/kyzmat-kb/shapes/facts#BodyShape")
    shapes.add(
        (shape, rdflib.URIRef("http://www.w3.org/ns/shacl#deactivated"), rdflib.Literal(True))
    )
    assert compile_shapes(shapes) is None


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_examples_conform_both_ways(path: Path) -> None:
    triples = ntriples_triples(load_facts(path, AS_OF, kb=current_kb()).ntriples)
    assert _precheck_accepts(triples) and not _pyshacl_rejects(triples)


def test_generated_bodies_conform_both_ways() -> None:
    kb = current_kb()
    for body in generate_bodies(5, seed=7, share=0.5, as_of=AS_OF, kb=kb):
        triples = ntriples_triples(to_ntriples(body.data))
        assert _precheck_accepts(triples) and not _pyshacl_rejects(triples)


def _corpus_graphs() -> list[tuple[str, Triples]]:
    """Every graph the bad-input corpus yields, whatever the structure check says of it."""
    out = []
    for path in sorted(BAD.iterdir()):
        try:
            if path.suffix == ".ttl":
                out.append((path.name, parse_triples(path.read_bytes(), path.name, 10**6)))
            elif path.suffix == ".json" and path.name != "expected.json":
                data = json.loads(path.read_text(encoding="utf-8"))
                out.append((path.name, ntriples_triples(to_ntriples(data))))
        except Exception:  # noqa: BLE001 - no graph to validate: refused before SHACL
            continue
    return out


def test_corpus_rejected_by_pyshacl_is_rejected_by_the_precheck() -> None:
    graphs = _corpus_graphs()
    assert len(graphs) >= 20
    rejected = [name for name, triples in graphs if _pyshacl_rejects(triples)]
    assert len(rejected) >= 8  # the corpus does reach SHACL (dates, refs, counts, order of dates)
    assert [name for name, t in graphs if _pyshacl_rejects(t) and _precheck_accepts(t)] == []


def _base() -> Triples:
    facts = load_facts(ROOT / "examples" / "ministry-compliant.json", AS_OF, kb=current_kb())
    return ntriples_triples(facts.ntriples)


def _iri(local: str) -> ox.NamedNode:
    return ox.NamedNode(KYZ_NS + local)


def _set(
    prop: str, value: ox.Literal | ox.NamedNode, cls: str | None = None
) -> Callable[[Triples], Triples]:
    """Replace the value of `prop` on the first node (of `cls`) that has it."""

    def mutate(triples: Triples) -> Triples:
        typed = {
            t.subject
            for t in triples
            if t.predicate.value == RDF_TYPE and t.object.value == KYZ_NS + (cls or "")
        }
        i = next(
            i
            for i, t in enumerate(triples)
            if t.predicate.value == prop and (cls is None or t.subject in typed)
        )
        t = triples[i]
        return [*triples[:i], ox.Triple(t.subject, t.predicate, value), *triples[i + 1 :]]

    return mutate


def _drop(prop: str) -> Callable[[Triples], Triples]:
    def mutate(triples: Triples) -> Triples:
        i = next(i for i, t in enumerate(triples) if t.predicate.value == prop)
        return [*triples[:i], *triples[i + 1 :]]

    return mutate


def _add_second(prop: str, value: ox.Literal) -> Callable[[Triples], Triples]:
    def mutate(triples: Triples) -> Triples:
        t = next(t for t in triples if t.predicate.value == prop)
        return [*triples, ox.Triple(t.subject, t.predicate, value)]

    return mutate


def _d(text: str, datatype: str = "date") -> ox.Literal:
    return ox.Literal(text, datatype=ox.NamedNode(XSD_NS + datatype))


MUTATIONS: dict[str, Callable[[Triples], Triples]] = {
    "minCount: no body name": _drop(DCT_NS + "title"),
    "maxCount: a second body name": _add_second(DCT_NS + "title", ox.Literal("second")),
    "datatype: impossible date": _set(KYZ_NS + "periodFrom", _d("2015-02-30")),
    "datatype: date as text": _set(KYZ_NS + "periodFrom", ox.Literal("2015-02-01")),
    "datatype: text with a language": _set(DCT_NS + "title", ox.Literal("x", language="en")),
    "datatype: integer 1.5": _set(KYZ_NS + "staffActual", _d("1.5", "integer")),
    "datatype: boolean maybe": _set(KYZ_NS + "hasPersonalFile", _d("maybe", "boolean")),
    "class: unit with no type": _set(KYZ_NS + "unit", ox.NamedNode("https://example.org/nowhere")),
    "class: unit as a literal": _set(KYZ_NS + "unit", ox.Literal("ca")),
    "in: unknown training kind": _set(KYZ_NS + "trainingKind", _iri("TrainingForever")),
    "nodeKind: body type as a literal": _set(KYZ_NS + "bodyType", ox.Literal("state-body")),
    "pattern: body type elsewhere": _set(
        KYZ_NS + "bodyType", ox.NamedNode("https://example.org/body-type/x")
    ),
    "minInclusive: negative staff": _set(KYZ_NS + "staffActual", _d("-1", "integer")),
    "maxInclusive: year 2200": _set(KYZ_NS + "year", _d("2200", "integer")),
    "lessThanOrEquals: filled before opened": _set(
        KYZ_NS + "openedOn", _d("2099-01-01"), "Vacancy"
    ),
}


@pytest.mark.parametrize("name", MUTATIONS)
def test_each_constraint_broken_is_rejected_by_both(name: str) -> None:
    triples = MUTATIONS[name](_base())
    assert _pyshacl_rejects(triples), "the mutation must break the shapes"
    assert not _precheck_accepts(triples)


def test_problems_are_pyshacls_when_the_precheck_rejects() -> None:
    triples = MUTATIONS["in: unknown training kind"](_base())
    kb = current_kb()
    got = shacl_problems(
        statement_keys(triples), lambda: to_rdflib(triples), "f", json_locator, kb=kb
    )
    assert got and got == check_shacl(to_rdflib(triples), "f", json_locator, kb=kb)


def _written_and_read_back() -> list[tuple[str, dict]]:
    kb = current_kb()
    out = [(p.name, json.loads(p.read_text(encoding="utf-8"))) for p in EXAMPLES]
    out += [(b.file, b.data) for b in generate_bodies(5, seed=7, share=0.5, as_of=AS_OF, kb=kb)]
    for path in sorted(BAD.glob("*.json")):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            ntriples_triples(to_ntriples(data))
        except Exception:  # noqa: BLE001 - no graph: refused before SHACL (structure check)
            continue
        out.append((path.name, data))
    return out


def test_the_keys_written_are_the_statements_parsed_back() -> None:
    # the pre-check reads the keys facts_triples writes instead of parsing the N-Triples again:
    # they must be the very statements the parser reads from those N-Triples
    cases = _written_and_read_back()
    assert len(cases) > 15
    for name, data in cases:
        keys = facts_triples(data)
        assert keys == statement_keys(ntriples_triples(to_ntriples(data))), name
