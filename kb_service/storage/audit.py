"""The audit log: every write carries its entry in the same UPDATE request, and each entry the
hash of the one before, so an entry altered, removed or inserted afterwards breaks the chain.

An entry's hash is SHA-256 over its canonical JSON (seq, at, who, action, target, payload hash,
previous hash). The head (`<store/private/audit/head>`: the last seq and hash) moves in the
same request; `verify` recomputes the whole chain.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from kb_service.kb.store import IRI
from kb_service.models.service import AuditCheck, AuditEntry
from kb_service.storage.backend import Backend
from kb_service.storage.rdf import AUDIT_GRAPH, PREFIX, Write, record_iri, sha256, svc

HEAD = record_iri("private", "audit", "head")


def entry_hash(
    seq: int, at: str, who: str, action: str, target: str, payload: str, prev: str
) -> str:
    fields = [seq, at, who, action, target, payload, prev]
    return sha256(json.dumps(fields, ensure_ascii=False, separators=(",", ":")))


def head(backend: Backend) -> tuple[int, str]:
    rows = backend.select(
        PREFIX + "SELECT ?seq ?hash WHERE { GRAPH ?g { ?h svc:seq ?seq ; svc:hash ?hash } }",
        {"h": IRI(HEAD), "g": IRI(AUDIT_GRAPH)},
    )
    if not rows:
        return 0, ""
    last = max(rows, key=lambda r: int(r["seq"]))
    return int(last["seq"]), str(last["hash"])


def add_entries(
    write: Write, last: tuple[int, str], at: str, who: str, items: Sequence[tuple[str, str, str]]
) -> list[AuditEntry]:
    """Put one entry per (action, target, payload), chained, and the moved head into `write`."""
    seq, prev = last
    made = []
    for action, target, payload in items:
        seq += 1
        payload_hash = sha256(payload)
        digest = entry_hash(seq, at, who, action, target, payload_hash, prev)
        made.append(AuditEntry(seq, at, who, action, target, payload_hash, prev, digest))
        subject = record_iri("private", "audit", f"{seq:012d}")
        write.insert(
            AUDIT_GRAPH,
            (subject, svc("seq"), seq),
            (subject, svc("at"), at),
            (subject, svc("who"), who),
            (subject, svc("action"), action),
            (subject, svc("target"), target),
            (subject, svc("payload"), payload_hash),
            (subject, svc("prev"), prev),
            (subject, svc("hash"), digest),
        )
        prev = digest
    write.delete_subject(AUDIT_GRAPH, HEAD)
    write.insert(AUDIT_GRAPH, (HEAD, svc("seq"), seq), (HEAD, svc("hash"), prev))
    return made


_ENTRIES = (
    PREFIX
    + """SELECT ?seq ?at ?who ?action ?target ?payload ?prev ?hash WHERE {
  GRAPH ?g { ?e svc:seq ?seq ; svc:at ?at ; svc:who ?who ; svc:action ?action ;
    svc:target ?target ; svc:payload ?payload ; svc:prev ?prev ; svc:hash ?hash }
  FILTER(?e != ?head)
}"""
)


def entries(backend: Backend) -> list[AuditEntry]:
    rows = backend.select(_ENTRIES, {"g": IRI(AUDIT_GRAPH), "head": IRI(HEAD)})
    found = [
        AuditEntry(
            int(r["seq"]),
            str(r["at"]),
            str(r["who"]),
            str(r["action"]),
            str(r["target"]),
            str(r["payload"]),
            str(r.get("prev", "")),
            str(r["hash"]),
        )  # fmt: skip
        for r in rows
    ]
    return sorted(found, key=lambda e: (e.seq, e.hash))


def verify(found: Sequence[AuditEntry], last: tuple[int, str]) -> AuditCheck:
    """Recompute every entry's hash and link; the head must name the last entry."""
    problems = []
    prev = ""
    for number, entry in enumerate(found, start=1):
        if entry.seq != number:
            problems.append(
                f"entry {entry.seq}: expected entry {number} here (one missing or added)"
            )
        digest = entry_hash(
            entry.seq, entry.at, entry.who, entry.action, entry.target, entry.payload_sha256,
            entry.prev,
        )  # fmt: skip
        if digest != entry.hash:
            problems.append(f"entry {entry.seq}: its content does not match its hash (altered)")
        if entry.prev != prev:
            problems.append(f"entry {entry.seq}: it does not carry the hash of the entry before")
        prev = entry.hash
    if last != ((found[-1].seq, found[-1].hash) if found else (0, "")):
        problems.append("the log's head does not name its last entry (entries removed or added)")
    return AuditCheck(not problems, len(found), tuple(problems))
