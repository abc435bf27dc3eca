"""The findings report as RDF: EARL assertions with PROV provenance."""

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib import namespace as ns
from test_render_report import EARL, GENERATED, KYZ, _evaluation

from kb_service.models.findings import Evaluation, Finding
from kb_service.render import render_report


def _graph() -> Graph:
    ttl = render_report(
        _evaluation(), "ttl", generated_at=GENERATED, facts_source="facts/sample.ttl"
    )
    g = Graph()
    g.parse(data=ttl.decode("utf-8"), format="turtle")
    return g


def test_turtle_earl_assertions_and_outcomes() -> None:
    g = _graph()
    assertions = list(g.subjects(ns.RDF.type, URIRef(EARL + "Assertion")))
    assert len(assertions) == 5
    outcomes: dict[str, str] = {}
    for a in assertions:
        test = str(g.value(a, URIRef(EARL + "test")))
        assert test.startswith("https://w3id.org/kyzmat-kb/id/requirement/")
        assert g.value(a, URIRef(EARL + "subject")) == URIRef("urn:kyzmat-kb:body:sample-body")
        result = g.value(a, URIRef(EARL + "result"))
        assert (result, ns.RDF.type, URIRef(EARL + "TestResult")) in g
        outcome = str(g.value(result, URIRef(EARL + "outcome")))
        outcomes[test.rsplit("/", 1)[1]] = outcome.removeprefix(EARL)
    assert outcomes == {
        "2.1": "passed",
        "2.2": "failed",
        "5.3": "cantTell",
        "13": "untested",
        "1.1": "inapplicable",
    }
    descriptions = set(g.objects(None, URIRef("http://purl.org/dc/terms/description")))
    assert Literal("Аймактык өкүлчүлүктөр жок.", lang="ky") in descriptions


def test_turtle_provenance_and_citations() -> None:
    g = _graph()
    activities = list(g.subjects(ns.RDF.type, ns.PROV.Activity))
    assert len(activities) == 1
    act = activities[0]
    used = set(g.objects(act, ns.PROV.used))
    assert URIRef("https://w3id.org/kyzmat-kb/kb-revision/abc1234") in used
    assert URIRef("urn:kyzmat-kb:facts:facts%2Fsample.ttl") in used
    assert g.value(act, URIRef(KYZ + "asOf")) == Literal("2024-03-01", datatype=ns.XSD.date)
    assert g.value(act, ns.PROV.endedAtTime) == Literal(GENERATED, datatype=ns.XSD.dateTime)
    assertions = set(g.subjects(ns.RDF.type, URIRef(EARL + "Assertion")))
    assert set(g.subjects(ns.PROV.wasGeneratedBy, act)) == assertions
    cited = set(g.objects(None, URIRef(KYZ + "cites")))
    assert cited == {
        URIRef("https://w3id.org/kyzmat-kb/id/act/law-civil-service-2016"),
        URIRef("https://w3id.org/kyzmat-kb/id/act/gov-res-706-2016"),
        URIRef("https://w3id.org/kyzmat-kb/id/act/order-92-2017"),
    }


def test_turtle_uses_body_iri_when_given() -> None:
    ev = _evaluation()
    ev = Evaluation(
        body={**ev.body, "iri": "https://w3id.org/kyzmat-kb/id/body/sample"},
        as_of=ev.as_of,
        lang=ev.lang,
        kb_revision=ev.kb_revision,
        findings=ev.findings[:1],
    )
    g = Graph().parse(data=render_report(ev, "ttl").decode("utf-8"), format="turtle")
    subjects = set(g.objects(None, URIRef(EARL + "subject")))
    assert subjects == {URIRef("https://w3id.org/kyzmat-kb/id/body/sample")}


def test_turtle_rejects_unknown_status() -> None:
    ev = _evaluation()
    bad = Finding(requirement="9.9", section=9, unit=None, status="maybe", explanation="")
    ev = Evaluation(body=ev.body, as_of=ev.as_of, lang="ky", kb_revision="r", findings=(bad,))
    with pytest.raises(ValueError, match="maybe"):
        render_report(ev, "ttl")
