"""The facts graph: fast N-Triples == JSON-LD with the shipped context; vocabulary complete."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from rdflib.compare import graph_diff, to_isomorphic
from rdflib.namespace import OWL, RDF, RDFS
from repo_paths import ROOT

from kb_service.facts import load_facts
from kb_service.facts.codes import CODE_CLASSES, CODES
from kb_service.facts.generate import CONTEXT_PATH, SHAPES_PATH, context_text, shapes_text
from kb_service.facts.schema import BODY_FIELDS, COLLECTIONS, CONTEXT_URL, KYZ, expand
from kb_service.facts.to_rdf import to_ntriples
from kb_service.kb.registry import current_kb

EXAMPLES = sorted((ROOT / "examples").glob("*.json"))
AS_OF = dt.date(2025, 6, 30)


def jsonld_graph(path: Path) -> rdflib.Graph:
    """Parse a facts file as JSON-LD, serving the context URL from the shipped file."""
    doc = json.loads(path.read_text(encoding="utf-8"))
    shipped = json.loads(CONTEXT_PATH.read_text(encoding="utf-8"))["@context"]
    assert doc["@context"][0] == CONTEXT_URL
    doc["@context"] = [shipped, *doc["@context"][1:]]
    return rdflib.Graph().parse(data=json.dumps(doc), format="json-ld")


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_fast_path_equals_jsonld(path: Path) -> None:
    fast = rdflib.Graph().parse(data=to_ntriples(json.loads(path.read_text())), format="nt")
    slow = jsonld_graph(path)
    if not to_isomorphic(fast) == to_isomorphic(slow):
        _, only_fast, only_slow = graph_diff(to_isomorphic(fast), to_isomorphic(slow))
        pytest.fail(f"fast only: {sorted(only_fast)[:5]}\njson-ld only: {sorted(only_slow)[:5]}")
    assert len(fast) > 300


def test_generated_files_are_current() -> None:
    assert CONTEXT_PATH.read_text(encoding="utf-8") == context_text()
    assert SHAPES_PATH.read_text(encoding="utf-8") == shapes_text()


def test_vocabulary_has_labels_in_three_languages() -> None:
    g = rdflib.Graph().parse(ROOT / "ontology" / "facts.ttl", format="turtle")
    terms = {KYZ + "Body", KYZ + "body", KYZ + "recorded"}
    terms |= {KYZ + c.cls for c in COLLECTIONS} | {KYZ + c for c in CODE_CLASSES.values()}
    terms |= {expand(f.prop) for f in BODY_FIELDS} | {
        KYZ + v for m in CODES.values() for v in m.values()
    }
    terms |= {expand(f.prop) for c in COLLECTIONS for f in c.fields}
    for term in sorted(terms):
        langs = {o.language for o in g.objects(rdflib.URIRef(term), RDFS.label)}
        assert {"ky", "ru", "en"} <= langs, term
    for c in COLLECTIONS:
        assert (rdflib.URIRef(KYZ + c.cls), RDF.type, OWL.Class) in g


def test_record_iris_and_types() -> None:
    facts = load_facts(ROOT / "examples" / "ministry-compliant.json", AS_OF, kb=current_kb())
    g = facts.graph()
    s01 = rdflib.URIRef("https://w3id.org/kyzmat-kb/facts/min-economy/servant/s01")
    assert (s01, RDF.type, rdflib.URIRef(KYZ + "Servant")) in g
    assert (s01, rdflib.URIRef(KYZ + "body"), rdflib.URIRef(facts.body_iri)) in g
    unit = g.value(s01, rdflib.URIRef(KYZ + "unit"))
    assert g.value(unit, rdflib.URIRef(KYZ + "unitKind")) == rdflib.URIRef(
        "https://w3id.org/kyzmat-kb/id/unit-kind/central-apparatus"
    )
    t = rdflib.URIRef("https://w3id.org/kyzmat-kb/facts/min-economy/training/t01")
    assert g.value(t, rdflib.URIRef(KYZ + "trainingKind")) == rdflib.URIRef(
        KYZ + "TrainingMediumTerm"
    )
    date = g.value(t, rdflib.URIRef("http://purl.org/dc/terms/date"))
    assert isinstance(date.toPython(), dt.date)


def test_ntriples_load_into_oxigraph() -> None:
    facts = load_facts(ROOT / "examples" / "ministry-violations.json", AS_OF, kb=current_kb())
    store = ox.Store()
    store.load(facts.ntriples.encode(), ox.RdfFormat.N_TRIPLES)
    q = f"""SELECT ?s WHERE {{ ?s a <{KYZ}Servant> ; <{KYZ}hasPersonalFile> false }}"""
    ids = sorted(str(r["s"].value).rsplit("/", 1)[-1] for r in store.query(q))
    assert ids == ["s04", "s07"]


def test_violations_example_has_one_per_section() -> None:
    g = load_facts(ROOT / "examples" / "ministry-violations.json", AS_OF, kb=current_kb()).graph()
    k = rdflib.Namespace(KYZ)
    assert (None, k.documentStatus, k.DocAbsent) in g  # 1
    assert (None, k.filledBy, k.FilledByOther) in g  # 2
    assert (None, k.hasPersonalFile, rdflib.Literal(False)) in g  # 3
    assert len(list(g.subjects(RDF.type, k.SemiannualReport))) == 1  # 5
    assert (None, k.basisPresent, rdflib.Literal(False)) in g  # 7
    assert (None, k.ethicsCodePresent, rdflib.Literal(False)) in g  # 8
    assert (None, k.compensated, rdflib.Literal(False)) in g  # 10
    assert (None, k.trustPhone, rdflib.Literal(False)) in g  # 11
    assert (None, k.safeForPersonalFiles, rdflib.Literal(False)) in g  # 12
