"""RDF namespaces shared by every layer."""

from rdflib import Namespace
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

KYZ = Namespace("https://w3id.org/kyzmat-kb/ontology#")
ID = Namespace("https://w3id.org/kyzmat-kb/id/")
ELI = Namespace("http://data.europa.eu/eli/ontology#")
EARL = Namespace("http://www.w3.org/ns/earl#")
SH = Namespace("http://www.w3.org/ns/shacl#")

__all__ = ["DCTERMS", "EARL", "ELI", "ID", "KYZ", "OWL", "PROV", "RDF", "RDFS", "SH", "SKOS", "XSD"]
