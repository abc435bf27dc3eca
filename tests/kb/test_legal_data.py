"""The legal data itself (rules/acts.ttl, citations, body types) against its sources: identifiers on
the right act, every "verified" fact backed by a real source, inferred readings marked inferred,
type labels that say what the act is, titles that are titles.
"""

from __future__ import annotations

import re

import pytest
import rdflib
from repo_paths import ROOT

from kb_service.law.lookup import type_label

ELI = "http://data.europa.eu/eli/ontology#"
KYZ = rdflib.Namespace("https://w3id.org/kyzmat-kb/ontology#")
ACT = rdflib.Namespace("https://w3id.org/kyzmat-kb/id/act/")
SRC = rdflib.Namespace("https://w3id.org/kyzmat-kb/id/source/")
CIT = rdflib.Namespace("https://w3id.org/kyzmat-kb/id/citation/")
BT = rdflib.Namespace("https://w3id.org/kyzmat-kb/id/body-type/")
PREFIXES = {"kyz": KYZ, "prov": rdflib.Namespace("http://www.w3.org/ns/prov#")}
ISSUER_WORDS = {  # words in a type label that name an issuer, by issuer id
    "government": ("өкмөт", "правительств", "government"),
    "cabinet": ("кабинет", "cabinet"),
}


@pytest.fixture(scope="module")
def graph() -> rdflib.Graph:
    g = rdflib.Graph()
    for path in sorted((ROOT / "rules").glob("*.ttl")) + sorted((ROOT / "ontology").glob("*.ttl")):
        g.parse(path)
    return g


def _notes(graph: rdflib.Graph, subject, about) -> list[tuple[str, tuple[str, ...]]]:
    """(verification local name, source IRIs) of each fact note of `subject` about `about`."""
    rows = graph.query(
        "SELECT ?note ?status ?src WHERE { ?s kyz:fact ?note . ?note kyz:about ?about ;"
        " kyz:verification ?status . OPTIONAL { ?note prov:wasDerivedFrom ?src } }",
        initNs=PREFIXES,
        initBindings={"s": subject, "about": about},
    )
    notes: dict = {}
    for note, status, src in rows:
        notes.setdefault(note, (str(status).rsplit("#", 1)[-1], set()))[1].add(str(src))
    return sorted((status, tuple(sorted(srcs))) for status, srcs in notes.values())


def test_cis_140802_is_resolution_252_not_714(graph):
    holders = set(graph.subjects(KYZ.identifier, rdflib.Literal("cis:140802")))
    assert holders == {ACT["cabinet-res-252-2022"], SRC["cis-140802"]}


def test_no_fact_is_verified_by_the_reference_file_alone(graph):
    """A 'verified' fact names the source it was verified in, not only the project's notes."""
    rows = graph.query(
        "SELECT ?s ?about ?src WHERE { ?s kyz:fact ?n . ?n kyz:about ?about ;"
        " kyz:verification kyz:Verified ; prov:wasDerivedFrom ?src }",
        initNs=PREFIXES,
    )
    sources: dict = {}
    for s, about, src in rows:
        sources.setdefault((s, about), set()).add(src)
    only_reference = [k for k, v in sources.items() if v == {SRC["legal-acts-md"]}]
    assert only_reference == []


def test_decree_163_rests_on_the_stored_copy_of_cis_175463(graph):
    decree = ACT["decree-163-2026"]
    for prop in ("id_local", "date_document"):
        about = rdflib.URIRef("http://data.europa.eu/eli/ontology#" + prop)
        assert _notes(graph, decree, about) == [("Verified", (str(SRC["cis-175463"]),))]
    # the copy shows no heading naming the issuer: read from its text, so inferred
    assert _notes(graph, decree, KYZ.issuer) == [("Inferred", (str(SRC["cis-175463"]),))]
    address = "https://cis-legislation.com/document.fwx?rgn=175463"
    assert (SRC["cis-175463"], rdflib.DCTERMS.source, rdflib.URIRef(address)) in graph
    # being amended on 13 May 2026 shows decree 308 in force that day: an inference
    notes = _notes(graph, ACT["decree-308-2016"], KYZ.knownInForceOn)
    assert ("Inferred", (str(SRC["cis-175463"]),)) in notes
    assert all(status != "Verified" for status, _ in notes)


def test_the_link_to_resolution_341_is_an_inference(graph):
    citation = CIT["s11-gov-regulations-341-2013"]
    assert graph.value(citation, KYZ.verification) == KYZ.Inferred


def test_section_1_body_type_restrictions_are_inferred(graph):
    restricted = list(graph.subjects(KYZ.forBodyType, None))
    assert len(restricted) == 6  # the memo's five glosses, and 472's citation re-pointed to 413
    for citation in restricted:
        assert [s for s, _ in _notes(graph, citation, KYZ.forBodyType)] == ["Inferred"], citation


def test_ttp_ktp_cannot_be_identified_from_the_memo(graph):
    notes = _notes(graph, BT["ttp-ktp"], rdflib.SKOS.prefLabel)
    assert [s for s, _ in notes] == ["Unknown"]


def test_no_type_label_names_another_issuer(catalog):
    for act in catalog.acts.values():
        issuer = (act.issuer or "").rsplit("/", 1)[-1]
        for lang in ("ky", "ru", "en"):
            label = type_label(catalog, act.type_id, lang).lower()
            for named, words in ISSUER_WORDS.items():
                if any(w in label for w in words):
                    assert issuer == named, (act.id, lang, label)


def test_the_cabinet_rules_of_procedure_are_typed_as_rules_of_procedure(catalog):
    act = catalog.acts["cabinet-res-233-2021"]
    assert act.type_id == "rules-of-procedure" and act.issuer.endswith("/cabinet")
    assert type_label(catalog, act.type_id, "en") == "rules of procedure"


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_every_act_has_a_title_in_russian_and_english(catalog, lang):
    assert [a for a in catalog.acts.values() if not catalog.label(a.iri, lang)] == []
    # each is an official title (eli:title) or marked as a translation (kyz:translation and its
    # sub-properties: titleTranslation, citationTranslation)
    official, translated = ELI + "title", str(KYZ.translation)
    unmarked = [
        a.id
        for a in catalog.acts.values()
        if not any(catalog.texts.get((a.iri, p), {}).get(lang) for p in (official, translated))
    ]
    assert unmarked == []


def test_titles_are_titles_not_descriptions(catalog):
    """A title (official or translated) never carries the act's own type-and-number, as a
    description ("Government resolution No. 631 on ...") does; only translated citations may."""
    citation = "https://w3id.org/kyzmat-kb/ontology#citationTranslation"
    for act in catalog.acts.values():
        for lang in ("ru", "en"):
            if catalog.text(act.iri, citation, lang) or act.number is None:
                continue
            title = catalog.label(act.iri, lang)
            assert not re.search(rf"(№|No\.)\s*{act.number}\b", title), (act.id, title)


def test_resolution_631_of_2014_covers_municipal_servants_too(catalog):
    act = catalog.acts["gov-res-631-2014"]
    assert "municipal servants" in catalog.label(act.iri, "en")
    assert "муниципальных служащих" in catalog.label(act.iri, "ru")
