"""Facts that disagree with each other, found so the findings can say so rather than pass silently.

Generalised from the ethics case (document 19 "order on the ethics commission" recorded absent
while the ethics record's commission_order names an existing order): an evidence document that is
an internal order of one kind (rules/documents.ttl kyz:isOrderOfKind), recorded absent or not
shown in a unit, while an order of that kind is recorded for the unit or the whole body.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from kb_service.kb.check_catalog import CheckCatalog
from kb_service.kb.knowledge_base import KnowledgeBase
from kb_service.kb.store import IRI, Store


@dataclass(frozen=True)
class Disagreement:
    document: int  # evidence document number
    seen: str  # id of the document record (DocumentSeen)
    unit: str  # unit IRI
    status: str  # status IRI (kyz:DocAbsent, kyz:DocNotShown)
    order: str  # id of the order record of the document's kind
    referenced_by: tuple[str, ...]  # ids of the records that name the order

    def as_dict(self, status_code: str) -> dict[str, object]:
        return {
            "document": self.document,
            "document_record": self.seen,
            "status": status_code,
            "order": self.order,
            "referenced_by": list(self.referenced_by),
        }


def _id(iri: str) -> str:
    return str(iri).rsplit("/", 1)[-1]


def find_disagreements(store: Store, body_iri: str, kb: KnowledgeBase) -> list[Disagreement]:
    rows = [
        {"docNumber": n, "kind": IRI(d.order_kind)}
        for n, d in sorted(kb.catalog.documents.items())
        if d.order_kind
    ]
    if not rows:
        return []
    found: dict[tuple[str, str], dict[str, Any]] = {}
    query = kb.query("eval", "disagreements").text
    for row in store.select(query, {"body": IRI(body_iri)}, rows):
        key = (_id(row["seen"]), _id(row["order"]))
        entry = found.setdefault(key, {**row, "refs": []})
        if "record" in row and _id(row["record"]) not in entry["refs"]:
            entry["refs"].append(_id(row["record"]))
    return [
        Disagreement(e["docNumber"], seen, e["unit"], e["status"], order, tuple(sorted(e["refs"])))
        for (seen, order), e in sorted(found.items())
    ]


def for_outcome(
    found: list[Disagreement], cc: CheckCatalog, requirement: str, unit: Any
) -> tuple[Disagreement, ...]:
    """The disagreements bearing on one finding: its requirement's documents, in its unit
    (`unit` has an .iri, or is None for a finding on the whole body)."""
    docs = {n for n, d in cc.catalog.documents.items() if requirement in d.requirements}
    return tuple(d for d in found if d.document in docs and (unit is None or unit.iri == d.unit))
