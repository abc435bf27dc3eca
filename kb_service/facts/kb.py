"""What the facts format needs from the knowledge base (rules/*.ttl), read with rdflib.

Body types, their unit kinds and the evidence documents are never listed in Python.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import rdflib

from kb_service import paths
from kb_service.namespaces import DCTERMS, KYZ, RDF


@dataclass(frozen=True)
class BodyType:
    id: str
    iri: str
    regime: str  # local name: StateCivilService | MunicipalService
    unit_kinds: tuple[str, ...]  # unit-kind ids, in a stable order


@dataclass(frozen=True)
class DocumentType:
    number: int
    iri: str
    sections: tuple[int, ...]


@dataclass(frozen=True)
class KB:
    body_types: dict[str, BodyType]
    unit_kinds: tuple[str, ...]
    documents: dict[int, DocumentType]


UNIT_KIND_ORDER = ("central-apparatus", "departmental-units", "territorial-units")


def _unit_order(kind: str) -> tuple[int, str]:
    # Memo order first (central, departmental, territorial), unknown kinds after, by name.
    return (UNIT_KIND_ORDER.index(kind) if kind in UNIT_KIND_ORDER else 99, kind)


def load_kb(rules_dir: Path | None = None) -> KB:
    return _load(rules_dir or paths.RULES_DIR)


@lru_cache(maxsize=4)
def _load(rules_dir: Path) -> KB:
    g = rdflib.Graph()
    for name in ("body-types.ttl", "documents.ttl", "memo.ttl"):
        if (rules_dir / name).exists():
            g.parse(rules_dir / name, format="turtle")
    ident = {s: str(o) for s, o in g.subject_objects(DCTERMS.identifier)}
    kinds = sorted(
        (ident[u] for u in g.subjects(RDF.type, KYZ.UnitKind) if u in ident), key=_unit_order
    )
    bts: dict[str, BodyType] = {}
    for bt in g.subjects(RDF.type, KYZ.BodyType):
        if bt not in ident:
            continue
        regime = g.value(bt, KYZ.regime)
        uk = sorted(
            (ident[u] for u in g.objects(bt, KYZ.hasUnitKind) if u in ident), key=_unit_order
        )
        bts[ident[bt]] = BodyType(ident[bt], str(bt), str(regime).rsplit("#", 1)[-1], tuple(uk))
    docs: dict[int, DocumentType] = {}
    for d in g.subjects(RDF.type, KYZ.EvidenceDocumentType):
        num = g.value(d, KYZ.number)
        if num is None:
            continue
        secs = {g.value(s, KYZ.number) for s in g.objects(d, KYZ.servesSection)}
        for link in g.subjects(KYZ.document, d):  # the lead's evidence links
            secs.add(g.value(g.value(link, KYZ.section), KYZ.number))
        nums = tuple(sorted(int(n) for n in secs if n is not None))
        docs[int(num)] = DocumentType(int(num), str(d), nums)
    return KB(dict(sorted(bts.items())), tuple(kinds), dict(sorted(docs.items())))
