"""Findings as Turtle: one EARL assertion per finding, with PROV provenance.

Outcome mapping (findings_model.STATUSES -> EARL):
compliant -> earl:passed, non_compliant -> earl:failed,
insufficient_evidence -> earl:cantTell, not_applicable -> earl:inapplicable,
informational -> earl:untested (an informational item is reported, never judged, so
calling it "passed" would overstate it).

The graph is built in memory and serialised; nothing is read from a store.
"""

import uuid
from datetime import UTC, datetime
from urllib.parse import quote

from rdflib import BNode, Graph, Literal, URIRef

from kb_service import __version__
from kb_service.core.namespaces import DCTERMS, EARL, ID, KYZ, PROJECT_NS, PROV, RDF, RDFS, XSD
from kb_service.models.findings import Evaluation

KB_REVISION = PROJECT_NS + "kb-revision/"
SOFTWARE = URIRef(PROJECT_NS + "software")

OUTCOMES: dict[str, URIRef] = {
    "compliant": EARL.passed,
    "non_compliant": EARL.failed,
    "insufficient_evidence": EARL.cantTell,
    "not_applicable": EARL.inapplicable,
    "informational": EARL.untested,
}


def _iri_part(text: str) -> str:
    # Ids like "5.3" or "gov-res-706-2016" pass unchanged; anything odd is %-encoded.
    return quote(str(text), safe="-._~")


def _subject(evaluation: Evaluation) -> URIRef:
    body = evaluation.body
    if body.get("iri"):
        return URIRef(str(body["iri"]))
    return URIRef(f"urn:kyzmat-kb:body:{_iri_part(body.get('id') or body.get('name', ''))}")


def _facts_entity(source: str) -> URIRef:
    if source.startswith(("http://", "https://", "urn:")):
        return URIRef(source)
    return URIRef(f"urn:kyzmat-kb:facts:{_iri_part(source)}")


def _time_literal(generated_at: str | None) -> Literal:
    stamp = generated_at or datetime.now(UTC).replace(microsecond=0).isoformat()
    return Literal(stamp, datatype=XSD.dateTime)


def build_graph(
    evaluation: Evaluation,
    *,
    generated_at: str | None = None,
    facts_source: str | None = None,
) -> Graph:
    g = Graph()
    for prefix, ns in (("earl", EARL), ("prov", PROV), ("dct", DCTERMS), ("kyz", KYZ)):
        g.bind(prefix, ns)
    lang = evaluation.lang or "ky"
    subject = _subject(evaluation)
    body_id = str(evaluation.body.get("id", ""))
    seed = f"{subject}|{evaluation.as_of}|{evaluation.kb_revision}|{generated_at or ''}"
    run = uuid.uuid5(uuid.NAMESPACE_URL, seed)
    activity = URIRef(f"urn:uuid:{run}")

    g.add((subject, RDF.type, EARL.TestSubject))
    if evaluation.body.get("name"):
        g.add((subject, DCTERMS.title, Literal(evaluation.body["name"], lang=lang)))
    if body_id:
        g.add((subject, DCTERMS.identifier, Literal(body_id)))

    g.add((SOFTWARE, RDF.type, EARL.Software))
    g.add((SOFTWARE, RDF.type, PROV.SoftwareAgent))
    g.add((SOFTWARE, DCTERMS.title, Literal("kyzmat-kb")))
    g.add((SOFTWARE, DCTERMS.hasVersion, Literal(__version__)))

    g.add((activity, RDF.type, PROV.Activity))
    g.add(
        (
            activity,
            RDFS.label,
            Literal(f"evaluation of {body_id or subject} as of {evaluation.as_of}"),
        )
    )
    g.add((activity, PROV.endedAtTime, _time_literal(generated_at)))
    g.add((activity, PROV.wasAssociatedWith, SOFTWARE))
    g.add((activity, KYZ.asOf, Literal(evaluation.as_of, datatype=XSD.date)))
    if evaluation.kb_revision:
        rev = URIRef(KB_REVISION + _iri_part(evaluation.kb_revision))
        g.add((rev, RDF.type, PROV.Entity))
        g.add((rev, RDFS.label, Literal(evaluation.kb_revision)))
        g.add((activity, PROV.used, rev))
    source = facts_source or evaluation.summary.get("facts_source")
    if source:
        facts = _facts_entity(str(source))
        g.add((facts, RDF.type, PROV.Entity))
        g.add((facts, RDFS.label, Literal(str(source))))
        g.add((activity, PROV.used, facts))

    for i, f in enumerate(evaluation.findings):
        if f.status not in OUTCOMES:
            raise ValueError(f"finding {f.requirement}: unknown status {f.status!r}")
        assertion = URIRef(f"urn:uuid:{uuid.uuid5(run, f'{i}|{f.requirement}|{f.unit}')}")
        result = BNode()
        g.add((assertion, RDF.type, EARL.Assertion))
        g.add((assertion, EARL.subject, subject))
        g.add((assertion, EARL.test, ID[f"requirement/{_iri_part(f.requirement)}"]))
        g.add((assertion, EARL.assertedBy, SOFTWARE))
        g.add((assertion, EARL.mode, EARL.automatic))
        g.add((assertion, EARL.result, result))
        g.add((assertion, PROV.wasGeneratedBy, activity))
        g.add((assertion, KYZ.asOf, Literal(evaluation.as_of, datatype=XSD.date)))
        if f.unit and "iri" in evaluation.body:
            # a unit of the facts: its IRI sits beside the body's (see docs/facts-format.md)
            base = str(evaluation.body["iri"]).rsplit("/", 1)[0]
            g.add((assertion, KYZ.unit, URIRef(f"{base}/unit/{_iri_part(f.unit)}")))
        for doc in f.evidence_documents:
            g.add((assertion, KYZ.evidenceDocument, ID[f"document/{doc['number']}"]))
        g.add((assertion, KYZ.check, ID[f"check/{_iri_part(f.check)}"]))
        for c in f.citations:
            g.add((assertion, KYZ.cites, ID[f"act/{_iri_part(c.id)}"]))
        g.add((result, RDF.type, EARL.TestResult))
        g.add((result, EARL.outcome, OUTCOMES[f.status]))
        if f.explanation:
            g.add((result, DCTERMS.description, Literal(f.explanation, lang=lang)))
    return g


def render_report_ttl(
    evaluation: Evaluation,
    *,
    generated_at: str | None = None,
    facts_source: str | None = None,
) -> str:
    graph = build_graph(evaluation, generated_at=generated_at, facts_source=facts_source)
    return graph.serialize(format="turtle")
