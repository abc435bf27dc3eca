"""What the facts format needs from the knowledge base: body types, unit kinds, documents, acts.

Body types, their unit kinds and the evidence documents are never listed in Python.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kb_service.core import paths


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
    acts: tuple[str, ...] = ()  # act ids of rules/acts.ttl (an ad-hoc question may cite one)


UNIT_KIND_ORDER = ("central-apparatus", "departmental-units", "territorial-units")


def _unit_order(kind: str) -> tuple[int, str]:
    # Memo order first (central, departmental, territorial), unknown kinds after, by name.
    return (UNIT_KIND_ORDER.index(kind) if kind in UNIT_KIND_ORDER else 99, kind)


def load_kb(rules_dir: Path | None = None) -> KB:
    """The facts format's view of the KB, taken from the one catalog (kb_service.kb.catalog)."""
    from kb_service.kb.catalog import shared_catalog

    if rules_dir not in (None, paths.RULES_DIR):
        raise ValueError("the facts format reads the project's own rules/ only")
    cat = shared_catalog()
    regimes = {"state": "StateCivilService", "municipal": "MunicipalService"}
    body_types = {
        i: BodyType(i, b.iri, regimes[b.regime], tuple(sorted(b.unit_kinds, key=_unit_order)))
        for i, b in sorted(cat.body_types.items())
    }
    kinds = tuple(
        sorted({k for b in cat.body_types.values() for k in b.unit_kinds}, key=_unit_order)
    )
    documents = {
        n: DocumentType(n, d.iri, tuple(sorted(d.sections)))
        for n, d in sorted(cat.documents.items())
    }
    return KB(body_types, kinds, documents, tuple(sorted(cat.acts)))
