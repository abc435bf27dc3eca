"""What the facts format needs from the knowledge base: body types, unit kinds, documents, acts,
the sections a finding can be recorded under.

A view of one KB's catalog (kb.catalog), built once per handle: `facts_vocabulary(kb)`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from kb_service.kb.catalog import BodyType, DocumentType

if TYPE_CHECKING:
    from kb_service.kb.knowledge_base import KnowledgeBase


@dataclass(frozen=True)
class FactsVocabulary:
    body_types: dict[str, BodyType]
    unit_kinds: tuple[str, ...]  # every unit kind, in the memo's order
    documents: dict[int, DocumentType]
    acts: tuple[str, ...] = ()  # act ids (an ad-hoc question may cite one)
    evaluated_sections: tuple[int, ...] = ()  # sections whose requirements are evaluated

    def evaluated_documents(self) -> list[DocumentType]:
        """Documents that serve an evaluated section (the rest are not asked for)."""
        wanted = set(self.evaluated_sections)
        return [d for d in self.documents.values() if wanted.intersection(d.sections)]


def _build(kb: KnowledgeBase) -> FactsVocabulary:
    cat = kb.catalog
    return FactsVocabulary(
        body_types=dict(sorted(cat.body_types.items())),
        unit_kinds=cat.unit_kinds,
        documents=dict(sorted(cat.documents.items())),
        acts=tuple(sorted(cat.acts)),
        evaluated_sections=tuple(sorted(n for n, s in cat.sections.items() if s.evaluated)),
    )


def facts_vocabulary(kb: KnowledgeBase) -> FactsVocabulary:
    return kb.derived(_build)
