"""The service's persistent store: the KB of each revision, bodies, assessment versions with
their decision records, evidence, and (storage/accounts.py) users, sessions and tokens.

Every write goes through `commit`: the data and its audit entry in one UPDATE request, under
the process's write lock (the store has one writer: this service); it returns once the write
is on disk.
"""

from __future__ import annotations

import datetime as dt
import json
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from kb_service.core.problems import UsageError
from kb_service.kb.knowledge_base import KnowledgeBase
from kb_service.kb.loading import kb_files, materialised_ntriples
from kb_service.kb.store import IRI
from kb_service.models.service import AuditCheck, AuditEntry, Body
from kb_service.storage import audit
from kb_service.storage.backend import Backend
from kb_service.storage.rdf import (
    META_GRAPH,
    PREFIX,
    Write,
    check_id,
    kb_graph,
    record_iri,
    svc,
    to_json,
)


class NotFound(UsageError):
    """A record the request names does not exist."""


def now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="microseconds")


_RECORDS = PREFIX + "SELECT ?s ?json WHERE { GRAPH ?g { ?s a ?kind ; svc:json ?json } }"
_RECORDS_ANY = PREFIX + "SELECT ?s ?json WHERE { GRAPH ?any { ?s a ?kind ; svc:json ?json } }"
_BY = PREFIX + "SELECT ?s ?json WHERE { GRAPH ?any { ?s a ?kind ; svc:json ?json ; ?p ?v } }"


def body_write(write: Write, body: Body) -> str:
    """Put the body's record (replacing the one before) into `write`; the JSON stored."""
    graph = record_iri("body", body.id)
    subject = graph + "#body"
    write.delete_subject(graph, subject)
    data = to_json(body)
    write.record(graph, "Body", subject, body.id, data, bodyType=body.body_type)
    return data


class BaseStorage:
    """Writing with audit, reading records, the KB graphs."""

    def __init__(self, backend: Backend, data_dir: Path) -> None:
        self.backend = backend
        self.data_dir = data_dir
        self._lock = threading.RLock()

    # --- writes ---------------------------------------------------------------------------
    def commit(self, write: Write, who: str, action: str, target: str, payload: str) -> AuditEntry:
        """The write and its audit entry, in one request: both are stored or neither."""
        return self.commit_many(write, who, [(action, target, payload)])[0]

    def commit_many(
        self, write: Write, who: str, items: Sequence[tuple[str, str, str]]
    ) -> list[AuditEntry]:
        """The write and one audit entry per (action, target, payload), in one request (a bulk
        load: many records, each with its entry, all stored or none)."""
        with self._lock:
            made = audit.add_entries(write, audit.head(self.backend), now(), who, items)
            ticket = self.backend.apply(write.text())
        self.backend.sync(ticket)  # on disk before it is acknowledged (flushes shared)
        return made

    def audit_log(self) -> list[AuditEntry]:
        return audit.entries(self.backend)

    def verify_audit(self) -> AuditCheck:
        with self._lock:
            return audit.verify(audit.entries(self.backend), audit.head(self.backend))

    # --- reads ----------------------------------------------------------------------------
    def records(self, kind: str, graph: str | None = None) -> list[dict[str, Any]]:
        return [json.loads(text) for text in self.record_texts(kind, graph)]

    def record_texts(self, kind: str, graph: str | None = None) -> list[str]:
        """The JSON texts of the records of `kind` (in `graph`), by subject."""
        if graph:
            rows = self.backend.select(_RECORDS, {"g": IRI(graph), "kind": IRI(svc(kind))})
        else:
            rows = self.backend.select(_RECORDS_ANY, {"kind": IRI(svc(kind))})
        return [str(r["json"]) for r in sorted(rows, key=lambda r: str(r["s"]))]

    def records_by(self, kind: str, prop: str, value: Any) -> list[dict[str, Any]]:
        return [record for _, record in self.subjects_by(kind, prop, value)]

    def subjects_by(self, kind: str, prop: str, value: Any) -> list[tuple[str, dict[str, Any]]]:
        """The records of `kind` whose `prop` is `value`, each with its subject IRI."""
        rows = self.backend.select(_BY, {"kind": IRI(svc(kind)), "p": IRI(svc(prop)), "v": value})
        return [
            (str(r["s"]), json.loads(r["json"])) for r in sorted(rows, key=lambda r: str(r["s"]))
        ]

    def record(self, kind: str, rid: str) -> dict[str, Any] | None:
        found = self.records_by(kind, "id", rid)
        return found[0] if found else None

    def existing(self, kind: str, rid: str, what: str) -> dict[str, Any]:
        """The record, or NotFound naming it ("no body 'x'")."""
        found = self.record(kind, rid)
        if found is None:
            raise NotFound(f"no {what} {rid!r}")
        return found

    # --- the knowledge base ---------------------------------------------------------------
    def kb_revision(self) -> str | None:
        rows = self.backend.select(
            PREFIX + "SELECT ?rev WHERE { GRAPH ?g { ?m svc:currentKb ?rev } }",
            {"g": IRI(META_GRAPH), "m": IRI(META_GRAPH)},
        )
        return str(rows[0]["rev"]) if rows else None

    def kb_revisions(self) -> list[str]:
        rows = self.backend.select(
            PREFIX + "SELECT ?rev WHERE { GRAPH ?g { ?k svc:kbRevision ?rev } }",
            {"g": IRI(META_GRAPH)},
        )
        return sorted(str(r["rev"]) for r in rows)

    def ensure_kb(self, kb: KnowledgeBase, who: str = "service") -> bool:
        """Load the KB's revision into its own graph unless it is there; make it current.
        True when something was written."""
        with self._lock:
            if self.kb_revision() == kb.revision:
                return False
            write = Write()
            if kb.revision not in self.kb_revisions():
                files = kb_files(kb.root)
                data = materialised_ntriples(kb.revision, files, kb.root / "queries")
                write.insert_ntriples(kb_graph(kb.revision), data.decode("utf-8"))
                write.insert(META_GRAPH, (kb_graph(kb.revision), svc("kbRevision"), kb.revision))
            write.delete_triple(META_GRAPH, META_GRAPH, svc("currentKb"))
            write.insert(META_GRAPH, (META_GRAPH, svc("currentKb"), kb.revision))
            self.commit(write, who, "kb.load", kb.revision, kb.revision)
            return True

    # --- bodies ---------------------------------------------------------------------------
    def create_body(
        self, body_id: str, name: str, body_type: str, who: str, notes: str = ""
    ) -> Body:
        check_id(body_id, "body id")
        with self._lock:
            if self.record("Body", body_id):
                raise UsageError(f"body {body_id!r} exists already")
            body = Body(body_id, name, body_type, now(), who, notes)
            self._put_body(body, who, "body.create")
            return body

    def _put_body(self, body: Body, who: str, action: str) -> None:
        write = Write()
        self.commit(write, who, action, body.id, body_write(write, body))

    def body(self, body_id: str) -> Body:
        return Body(**self.existing("Body", body_id, "body"))

    def bodies(self) -> list[Body]:
        return [Body(**r) for r in self.records("Body")]

    def update_body(self, body_id: str, who: str, name: str | None, notes: str | None) -> Body:
        with self._lock:
            old = self.body(body_id)
            body = Body(
                old.id, name if name is not None else old.name, old.body_type, old.created,
                old.created_by, notes if notes is not None else old.notes,
            )  # fmt: skip
            self._put_body(body, who, "body.update")
            return body
