"""National data in the store: a batch of evaluated bodies loaded as their latest assessments in
one transaction (each body's record and version with its own audit entry), and the latest
assessment of every body read back for the national summary, in two queries."""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from kb_service.kb.knowledge_base import KnowledgeBase
from kb_service.kb.store import IRI
from kb_service.models.findings import Evaluation
from kb_service.models.national import StoredLatest
from kb_service.models.service import AssessmentVersion, Body
from kb_service.storage.accounts import AccountStorage
from kb_service.storage.assessments import prepare_version, version_graph, version_write
from kb_service.storage.rdf import LATEST_GRAPH, PREFIX, Write, check_id
from kb_service.storage.store import body_write, now


@dataclass(frozen=True)
class BulkItem:
    """One evaluated body of a batch: who it is, its validated facts and their evaluation."""

    body_id: str
    name: str
    body_type: str
    facts: Any
    evaluation: Evaluation


_LATEST = (
    PREFIX
    + """SELECT ?body ?aid ?n ?asof ?rev WHERE {
  GRAPH ?l { ?b svc:latest ?v }
  GRAPH ?g { ?v svc:body ?body ; svc:assessment ?aid ; svc:version ?n ; svc:asOf ?asof ;
                svc:kbRevision ?rev }
}"""
)
_LATEST_FINDINGS = (
    PREFIX
    + """SELECT ?v ?f ?section ?status WHERE {
  GRAPH ?l { ?b svc:latest ?v }
  GRAPH ?g { ?f svc:findingOf ?v ; svc:section ?section ; svc:status ?status }
}"""
)


class NationalStorage(AccountStorage):
    def latest_assessments(self) -> list[StoredLatest]:
        """Every body's latest assessment version (the one its latest pointer names), by body."""
        where = {"l": IRI(LATEST_GRAPH)}
        findings: dict[str, list[tuple[int, str]]] = defaultdict(list)
        for r in self.backend.select(_LATEST_FINDINGS, where):
            findings[str(r["v"])].append((int(r["section"]), str(r["status"])))
        out = []
        for r in self.backend.select(_LATEST, where):
            aid, n = str(r["aid"]), int(r["n"])
            subject = f"{version_graph(aid, n)}#version"
            out.append(
                StoredLatest(
                    str(r["body"]),
                    aid,
                    n,
                    str(r["asof"]),
                    str(r["rev"]),
                    tuple(sorted(findings.get(subject, ()))),
                )  # fmt: skip
            )
        return sorted(out, key=lambda s: s.body_id)

    def import_assessments(
        self, items: Sequence[BulkItem], who: str, *, kb: KnowledgeBase, reason: str = "imported"
    ) -> tuple[list[AssessmentVersion], list[tuple[str, str]]]:
        """Store each item as its body's latest assessment: the body registered when new (its
        name updated when changed), then a new version of its latest assessment, or a new
        assessment. One request for all, with an audit entry per record written. A body
        registered with another body type is not written: (body id, why) in the second list."""
        stored: list[AssessmentVersion] = []
        refused: list[tuple[str, str]] = []
        with self._lock:
            bodies = {b.id: b for b in self.bodies()}
            latest = {s.body_id: s for s in self.latest_assessments()}
            write, entries = Write(), []
            seen: set[str] = set()
            for item in items:
                check_id(item.body_id, "body id")
                old = bodies.get(item.body_id)
                if item.body_id in seen:
                    refused.append((item.body_id, "the batch holds this body twice"))
                    continue
                seen.add(item.body_id)
                if old is not None and old.body_type != item.body_type:
                    why = f"registered as {old.body_type!r}, the facts are of {item.body_type!r}"
                    refused.append((item.body_id, why))
                    continue
                if old is None or old.name != item.name:
                    body = Body(
                        item.body_id, item.name, item.body_type,
                        old.created if old else now(), old.created_by if old else who,
                        old.notes if old else "",
                    )  # fmt: skip
                    action = "body.update" if old else "body.create"
                    entries.append((action, body.id, body_write(write, body)))
                    bodies[body.id] = body
                last = latest.get(item.body_id)
                aid = last.assessment if last else uuid.uuid4().hex[:16]
                version = last.version + 1 if last else 1
                prepared = prepare_version(item.evaluation, item.facts)
                record, data = version_write(
                    write, item.body_id, prepared, who, kb=kb, aid=aid, version=version,
                    reason=reason,
                )  # fmt: skip
                entries.append(("assessment.version", f"{aid}/v{version}", data))
                stored.append(record)
            if entries:
                self.commit_many(write, who, entries)
        return stored, refused
