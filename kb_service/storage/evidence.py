"""Evidence files (a scanned order, a protocol) attached to a document type of a unit of a body.

The content is checked (size, and that its bytes are of the type its name says), then written
content-addressed under <data>/evidence/<sha256> (temporary file, fsync, rename) BEFORE its
metadata is committed: a crash between the two leaves an unreferenced file, never a record
without its file.
"""

from __future__ import annotations

import os
import re
import uuid
from pathlib import Path

from kb_service.core.problems import Problem, ProblemsError
from kb_service.models.service import EvidenceFile
from kb_service.storage.assessments import AssessmentStorage, point_latest
from kb_service.storage.rdf import EVIDENCE_GRAPH, Write, record_iri, sha256, to_json
from kb_service.storage.store import NotFound, now

MAX_EVIDENCE_BYTES = 20 * 1024 * 1024
# suffix -> (media type, how its content starts)
EVIDENCE_TYPES: dict[str, tuple[str, tuple[bytes, ...]]] = {
    ".pdf": ("application/pdf", (b"%PDF-",)),
    ".png": ("image/png", (b"\x89PNG\r\n\x1a\n",)),
    ".jpg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".jpeg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".tif": ("image/tiff", (b"II*\x00", b"MM\x00*")),
    ".tiff": ("image/tiff", (b"II*\x00", b"MM\x00*")),
    ".docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        (b"PK\x03\x04",),
    ),
    ".xlsx": (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        (b"PK\x03\x04",),
    ),
}


class EvidenceRejected(ProblemsError):
    """An evidence file that cannot be stored."""


def evidence_type(filename: str, content: bytes) -> str:
    """The media type of an acceptable file; EvidenceRejected saying why otherwise."""
    suffix = Path(filename).suffix.lower()

    def refuse(message: str, expected: str) -> EvidenceRejected:
        return EvidenceRejected([Problem(filename, message, "file", "", expected)])

    if not filename or len(filename) > 200 or any(c in filename for c in "/\\\x00"):
        raise refuse("not an acceptable file name", "a plain file name up to 200 characters")
    if suffix not in EVIDENCE_TYPES:
        raise refuse(f"type {suffix or '(none)'!r} is not accepted", ", ".join(EVIDENCE_TYPES))
    if not content:
        raise refuse("the file is empty", "the scanned document")
    if len(content) > MAX_EVIDENCE_BYTES:
        raise refuse(
            f"the file has {len(content):,} bytes", f"at most {MAX_EVIDENCE_BYTES:,} bytes"
        )
    media, magic = EVIDENCE_TYPES[suffix]
    if not content.startswith(magic):
        raise refuse(f"the content is not a {suffix} file", f"a real {suffix} file")
    return media


def _store_file(folder: Path, digest: str, content: bytes) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / digest
    if target.exists() and target.stat().st_size == len(content):
        return target
    tmp = folder / f".{digest}.{os.getpid()}.{uuid.uuid4().hex[:8]}.tmp"
    with open(tmp, "xb") as out:
        out.write(content)
        out.flush()
        os.fsync(out.fileno())
    os.replace(tmp, target)
    dir_fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)
    return target


_DIGEST = re.compile(r"[0-9a-f]{64}")  # an evidence file's name: its SHA-256


class EvidenceStorage(AssessmentStorage):
    @property
    def evidence_dir(self) -> Path:
        return self.data_dir / "evidence"

    def add_evidence(
        self, body_id: str, unit: str | None, document: int | None, filename: str,
        content: bytes, who: str,
    ) -> EvidenceFile:  # fmt: skip
        self.body(body_id)
        media = evidence_type(filename, content)
        digest = sha256(content)
        record = EvidenceFile(
            uuid.uuid4().hex[:16], body_id, unit, document, filename, media, len(content),
            digest, now(), who,
        )  # fmt: skip
        data = to_json(record)
        write = Write()
        write.record(
            EVIDENCE_GRAPH, "EvidenceFile", record_iri("evidence", record.id), record.id, data,
            body=body_id, sha256=digest, size=len(content), mediaType=media,
        )  # fmt: skip
        with self._lock:  # a deletion cannot remove the file between its write and its record
            _store_file(self.evidence_dir, digest, content)
            self.commit(write, who, "evidence.add", record.id, data)
        return record

    def evidence(self, evidence_id: str) -> tuple[EvidenceFile, Path]:
        record = EvidenceFile(**self.existing("EvidenceFile", evidence_id, "evidence file"))
        path = self.evidence_dir / record.sha256
        if not path.is_file() or sha256(path.read_bytes()) != record.sha256:
            raise NotFound(f"evidence file {evidence_id!r}: its content is missing or altered")
        return record, path

    def evidence_of(self, body_id: str) -> list[EvidenceFile]:
        return [EvidenceFile(**r) for r in self.records_by("EvidenceFile", "body", body_id)]

    def delete_body(self, body_id: str, who: str) -> None:
        """The body, its assessments and its evidence records, then the evidence files no other
        record names (content-addressed: another body's record may share one)."""
        with self._lock:
            self.body(body_id)
            write = Write().drop(record_iri("body", body_id))
            for v in self.assessments(body_id):
                for old in self.versions(v.id):
                    write.drop(record_iri("assessment", v.id, f"v{old.version}"))
            files = set()
            for e in self.evidence_of(body_id):
                write.delete_subject(EVIDENCE_GRAPH, record_iri("evidence", e.id))
                files.add(e.sha256)
            point_latest(write, body_id, None)
            self.commit(write, who, "body.delete", body_id, body_id)
            self._remove_unnamed(files)

    def _remove_unnamed(self, digests: set[str]) -> None:
        """The files of `digests` that no evidence record names any more. Run after the records'
        removal is committed: a crash in between leaves a file behind, never a record without
        its file."""
        for digest in sorted(d for d in digests if _DIGEST.fullmatch(d)):  # a name, not a path
            if not self.records_by("EvidenceFile", "sha256", digest):
                (self.evidence_dir / digest).unlink(missing_ok=True)
