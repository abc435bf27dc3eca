"""RDF namespaces shared by every layer: the one place their IRIs are written.

`*_NS` are plain strings, for comparing with the values a store returns (an rdflib URIRef
never equals a plain str); the Namespace objects are for building rdflib terms.
"""

from rdflib import Namespace
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

KYZ_NS = "https://w3id.org/kyzmat-kb/ontology#"
ID_NS = "https://w3id.org/kyzmat-kb/id/"
FACTS_NS = "https://w3id.org/kyzmat-kb/facts/"
PROJECT_NS = "https://w3id.org/kyzmat-kb/"
# the service's store (kb_service.storage): its vocabulary, and its records and graphs
SERVICE_NS = "https://w3id.org/kyzmat-kb/service#"
STORE_NS = "https://w3id.org/kyzmat-kb/store/"
ELI_NS = "http://data.europa.eu/eli/ontology#"
EARL_NS = "http://www.w3.org/ns/earl#"
SH_NS = "http://www.w3.org/ns/shacl#"
TIME_NS = "http://www.w3.org/2006/time#"
RDF_NS = str(RDF)
RDFS_NS = str(RDFS)
SKOS_NS = str(SKOS)
XSD_NS = str(XSD)
DCT_NS = str(DCTERMS)

RDF_TYPE = RDF_NS + "type"
RDFS_LABEL = RDFS_NS + "label"
DCT_IDENTIFIER = DCT_NS + "identifier"
DCT_TITLE = DCT_NS + "title"
XSD_STRING = XSD_NS + "string"
XSD_DATE = XSD_NS + "date"
XSD_INTEGER = XSD_NS + "integer"

KYZ = Namespace(KYZ_NS)
ID = Namespace(ID_NS)
ELI = Namespace(ELI_NS)
EARL = Namespace(EARL_NS)
SH = Namespace(SH_NS)
TIME = Namespace(TIME_NS)

__all__ = [
    "DCTERMS", "EARL", "ELI", "ID", "KYZ", "OWL", "PROV",
    "RDF", "RDFS", "SH", "SKOS", "TIME", "XSD",
]  # fmt: skip
