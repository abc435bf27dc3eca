"""The service's stored records as plain data: bodies, assessment versions with their decision
records, evidence files, users, audit entries, and the comparison of two assessments.

kb_service.storage writes and reads them; the API serves them as JSON (dates and times are ISO
strings, hashes lowercase hex SHA-256).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

ROLES = ("viewer", "inspector", "legal-editor", "admin")


@dataclass(frozen=True)
class Body:
    id: str
    name: str
    body_type: str
    created: str  # ISO date-time (UTC)
    created_by: str
    notes: str = ""


@dataclass(frozen=True)
class DecisionRecord:
    """Why a finding is what it is, enough to reproduce it."""

    kb_revision: str
    facts_sha256: str
    check: str  # check id
    query: str  # the check's query file, relative to the KB root
    query_sha256: str  # of the query text that ran
    as_of: str  # ISO date
    evaluated_at: str  # ISO date-time (UTC)
    evaluated_by: str


@dataclass(frozen=True)
class StoredFinding:
    id: str  # "<assessment>-v<version>-f<n>": stable within one version
    requirement: str
    section: int
    unit: str | None
    status: str
    explanation: str
    acts: tuple[str, ...]  # the act ids the finding cites
    decision: DecisionRecord


@dataclass(frozen=True)
class AssessmentVersion:
    """One version of one assessment: a new version is made by every change (re-evaluation,
    new facts), never an overwrite."""

    id: str  # the assessment's id (all its versions share it)
    version: int
    body_id: str
    as_of: str
    lang: str
    kb_revision: str
    facts_sha256: str
    evaluated_at: str
    evaluated_by: str
    summary: dict[str, Any]
    findings: tuple[StoredFinding, ...]
    reason: str = "evaluated"  # evaluated | re-evaluated | new-facts
    stale: str | None = None  # why it may no longer hold (a KB change touching its acts)


@dataclass(frozen=True)
class EvidenceFile:
    id: str
    body_id: str
    unit: str | None
    document: int | None  # the evidence document's number (rules/documents.ttl)
    filename: str
    media_type: str
    size: int
    sha256: str
    uploaded_at: str
    uploaded_by: str


@dataclass(frozen=True)
class User:
    name: str
    role: str
    created: str
    active: bool = True


@dataclass(frozen=True)
class AuditEntry:
    seq: int
    at: str  # ISO date-time (UTC)
    who: str
    action: str  # e.g. "body.create", "assessment.version", "user.add"
    target: str  # the id written
    payload_sha256: str  # of what was written
    prev: str  # the hash of the entry before ("" for the first)
    hash: str


@dataclass(frozen=True)
class AuditCheck:
    ok: bool
    entries: int
    problems: tuple[str, ...] = ()


@dataclass(frozen=True)
class FindingChange:
    """One finding that differs between two assessments of a body."""

    requirement: str
    unit: str | None
    before: str | None  # status; None: no such finding before
    after: str | None
    direction: str  # improved | worse | changed
    # facts: the facts differ and the KB revision is the same; kb: the KB revision differs and
    # the facts are the same; both: both differ
    cause: str


@dataclass(frozen=True)
class Comparison:
    body_id: str
    before: str  # "<assessment id> v<version>"
    after: str
    same_facts: bool
    same_kb: bool
    improved: tuple[FindingChange, ...] = ()
    worse: tuple[FindingChange, ...] = ()
    changed: tuple[FindingChange, ...] = ()
    unchanged: int = 0
    notes: tuple[str, ...] = field(default_factory=tuple)
