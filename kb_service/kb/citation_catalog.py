"""The citations of rules/citations.ttl as one object each: what cites them and what they rest on.

A citation (kyz:Citation) links requirements, and the parameter versions of rules/parameters.ttl,
to one act, optionally to an article and to a body type. Built once per KB handle from the
catalog, the check catalog and queries/kb/citation-notes.rq.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from kb_service.kb.catalog import FactNote, Requirement, fact_notes, rows_by

if TYPE_CHECKING:
    from kb_service.kb.knowledge_base import KnowledgeBase


@dataclass(frozen=True)
class Citation:
    id: str  # the citation IRI's local name, e.g. "s5-law-75-2016"
    iri: str
    act: str  # act id
    section: int | None
    order: int
    articles: tuple[str, ...]  # (): the KB records no article
    body_types: tuple[str, ...]  # (): cited for every body type
    status: str  # the citation's own verification: is it this act the memo means?
    requirements: tuple[str, ...]  # ids of the requirements citing it, in the memo's order
    parameters: tuple[str, ...] = ()  # ids of the parameters whose versions rest on it
    facts: dict[str, FactNote] = field(default_factory=dict)  # e.g. forBodyType -> inferred


def _citing(kb: KnowledgeBase) -> dict[str, list[Requirement]]:
    citing: dict[str, list[Requirement]] = defaultdict(list)
    for req in kb.catalog.requirements.values():
        for ref in req.citations:
            if req not in citing[ref.iri]:
                citing[ref.iri].append(req)
    return citing


def _parameters_by_citation(kb: KnowledgeBase) -> dict[str, list[str]]:
    found: dict[str, list[str]] = defaultdict(list)
    for pid, parameter in sorted(kb.checks.parameters.items()):
        for version in parameter.versions:
            for iri in version.citations:
                if pid not in found[iri]:
                    found[iri].append(pid)
    return found


def build_citation_catalog(kb: KnowledgeBase) -> dict[str, Citation]:
    """Citation IRI -> Citation, for every kyz:Citation of the KB."""
    facts = fact_notes(kb)
    citing = _citing(kb)
    params = _parameters_by_citation(kb)
    out: dict[str, Citation] = {}
    for iri, rows in rows_by(kb, "citation-notes", "citation").items():
        first = rows[0]
        reqs = sorted(citing.get(iri, ()), key=lambda r: (r.section, r.order))
        out[iri] = Citation(
            id=iri.rsplit("/", 1)[-1],
            iri=iri,
            act=first["act"],
            section=first.get("section"),
            order=first.get("order", 0),
            articles=_values(rows, "article"),
            body_types=_values(rows, "bodyType"),
            status=first.get("status", "unknown"),
            requirements=tuple(r.id for r in reqs),
            parameters=tuple(params.get(iri, ())),
            facts=facts.get(iri, {}),
        )
    return out


def _values(rows: list[dict[str, Any]], key: str) -> tuple[str, ...]:
    return tuple(sorted({str(r[key]) for r in rows if key in r}))
