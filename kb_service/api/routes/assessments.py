"""Bodies, assessments (evaluate, store, versions, re-evaluate, compare, reports), evidence."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, File, Form, HTTPException, Response, UploadFile
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from kb_service.api.auth import Inspector, Viewer
from kb_service.api.common import as_of_date, download
from kb_service.api.state import Service, service
from kb_service.app import assessments as cases
from kb_service.app.evaluation_pool import Refused
from kb_service.models import service as m

router = APIRouter(prefix="/api", tags=["bodies and assessments"])
Svc = Annotated[Service, Depends(service)]
NAME = Field(min_length=1, max_length=300)


class NewBody(BaseModel):
    id: str = Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,79}$")
    name: str = NAME
    body_type: str = Field(max_length=80)
    notes: str = Field(default="", max_length=2000)


class BodyChange(BaseModel):
    name: str | None = Field(default=None, min_length=1, max_length=300)
    notes: str | None = Field(default=None, max_length=2000)


class FactsRequest(BaseModel):
    facts: dict[str, Any]
    as_of: str = Field(max_length=10)
    lang: str = Field(default="ky", pattern="^(ky|ru|en)$")


@router.get("/bodies", response_model=list[m.Body])
def bodies(user: Viewer, svc: Svc) -> list[m.Body]:
    return svc.storage.bodies()


@router.post("/bodies", response_model=m.Body, status_code=201)
def create_body(body: NewBody, user: Inspector, svc: Svc) -> m.Body:
    if body.body_type not in svc.kb().catalog.body_types:
        raise HTTPException(422, f"body_type {body.body_type!r} is not a body type of the KB")
    return svc.storage.create_body(body.id, body.name, body.body_type, user.name, body.notes)


@router.get("/bodies/{body_id}", response_model=m.Body)
def get_body(body_id: str, user: Viewer, svc: Svc) -> m.Body:
    return svc.storage.body(body_id)


@router.patch("/bodies/{body_id}", response_model=m.Body)
def update_body(body_id: str, change: BodyChange, user: Inspector, svc: Svc) -> m.Body:
    return svc.storage.update_body(body_id, user.name, change.name, change.notes)


@router.delete("/bodies/{body_id}", status_code=204)
def delete_body(body_id: str, user: Inspector, svc: Svc) -> Response:
    svc.storage.delete_body(body_id, user.name)
    return Response(status_code=204)


@router.get("/bodies/{body_id}/assessments", response_model=list[m.AssessmentVersion])
def history(body_id: str, user: Viewer, svc: Svc) -> list[m.AssessmentVersion]:
    """The body's assessments (latest version of each), oldest first."""
    svc.storage.body(body_id)
    return svc.storage.assessments(body_id)


@router.post("/bodies/{body_id}/assessments", response_model=m.AssessmentVersion, status_code=201)
async def assess_json(
    body_id: str, req: FactsRequest, user: Inspector, svc: Svc
) -> m.AssessmentVersion:
    """Evaluate facts given as JSON and store the assessment (a bad file: 422, nothing stored)."""
    done = await svc.evaluated(("data", req.facts, "facts.json"), as_of_date(req.as_of), req.lang)
    return await svc.store(body_id, done, user.name, None, "evaluated")


async def _read(upload: UploadFile, limit: int) -> bytes:
    data = await upload.read(limit + 1)
    if len(data) > limit:
        raise HTTPException(413, f"the upload is larger than {limit:,} bytes")
    return data


@router.post(
    "/bodies/{body_id}/assessments/upload", response_model=m.AssessmentVersion, status_code=201
)
async def assess_upload(
    body_id: str, user: Inspector, svc: Svc, file: Annotated[UploadFile, File()],
    as_of: Annotated[str, Form(max_length=10)],
    lang: Annotated[str, Form(pattern="^(ky|ru|en)$")] = "ky",
    assessment_id: Annotated[str | None, Form(max_length=80)] = None,
) -> m.AssessmentVersion:  # fmt: skip
    """Evaluate an uploaded facts file (.xlsx, .json, .ttl) and store the assessment; with
    `assessment_id`, as its next version. A bad file: 422 with one line per problem."""
    content = await _read(file, svc.settings.max_upload_bytes)
    done = await svc.evaluated(("upload", file.filename or "", content), as_of_date(as_of), lang)
    reason = "new-facts" if assessment_id else "evaluated"
    return await svc.store(body_id, done, user.name, assessment_id, reason)


@router.post("/evaluate")
async def evaluate(req: FactsRequest, user: Viewer, svc: Svc) -> Any:
    """Evaluate facts without storing anything: the findings report as JSON."""
    done = await svc.evaluated(("data", req.facts, "facts.json"), as_of_date(req.as_of), req.lang)
    if isinstance(done, Refused):
        raise done.error()
    return await run_in_threadpool(done.prepared.evaluation.to_json)


@router.get("/assessments", response_model=list[m.AssessmentVersion])
def all_assessments(user: Viewer, svc: Svc) -> list[m.AssessmentVersion]:
    return svc.storage.assessments()


@router.get("/assessments/{aid}", response_model=m.AssessmentVersion)
def get_assessment(aid: str, user: Viewer, svc: Svc, version: int | None = None) -> Any:
    return svc.storage.version(aid, version)


@router.get("/assessments/{aid}/versions", response_model=list[m.AssessmentVersion])
def versions(aid: str, user: Viewer, svc: Svc) -> list[m.AssessmentVersion]:
    return svc.storage.versions(aid)


@router.get("/assessments/{aid}/facts")
def stored_facts(aid: str, user: Viewer, svc: Svc, version: int | None = None) -> Any:
    v = svc.storage.version(aid, version)
    return svc.storage.stored_facts(aid, v.version)


@router.delete("/assessments/{aid}", status_code=204)
def delete_assessment(aid: str, user: Inspector, svc: Svc) -> Response:
    svc.storage.delete_assessment(aid, user.name)
    return Response(status_code=204)


class Reevaluated(BaseModel):
    version: m.AssessmentVersion
    changes: m.Comparison


@router.post("/assessments/{aid}/reevaluate", response_model=Reevaluated)
async def reevaluate(aid: str, user: Inspector, svc: Svc) -> Reevaluated:
    """Evaluate the latest facts again on the current KB: a new version, and what changed."""
    new, changes = await svc.reevaluate(aid, user.name)
    return Reevaluated(version=new, changes=changes)


@router.get("/assessments/{aid}/report", response_model=None)
async def report(
    aid: str, user: Viewer, svc: Svc, version: int | None = None,
    format: Literal["json", "html", "pdf"] = "json",
) -> Response:  # fmt: skip
    """The stored findings report (as it was evaluated) as JSON, HTML or PDF."""
    stored = await run_in_threadpool(cases.report_json, svc.storage, aid, version)
    return download(await svc.rendered(stored, format), format, f"report-{aid}")


@router.get("/compare", response_model=m.Comparison)
def compare(
    user: Viewer, svc: Svc, a: str, b: str, a_version: int | None = None,
    b_version: int | None = None,
) -> m.Comparison:  # fmt: skip
    """Two assessments (or versions) of one body: what improved, what got worse, and whether
    each change came from the facts or from the KB revision."""
    before, after = svc.storage.version(a, a_version), svc.storage.version(b, b_version)
    if before.body_id != after.body_id:
        raise HTTPException(422, "the two assessments are of different bodies")
    return cases.compare(before, after)


@router.post("/bodies/{body_id}/evidence", response_model=m.EvidenceFile, status_code=201)
async def add_evidence(
    body_id: str, user: Inspector, svc: Svc, file: Annotated[UploadFile, File()],
    unit: Annotated[str | None, Form(max_length=80)] = None,
    document: Annotated[int | None, Form(ge=1, le=1000)] = None,
) -> m.EvidenceFile:  # fmt: skip
    """Attach a file (PDF, PNG, JPEG, TIFF, DOCX, XLSX; size-limited, content checked)."""
    if document is not None and document not in svc.kb().catalog.documents:
        raise HTTPException(422, f"document {document}: no such evidence document in the KB")
    content = await _read(file, svc.settings.max_upload_bytes)
    return svc.storage.add_evidence(
        body_id, unit, document, file.filename or "", content, user.name
    )


@router.get("/bodies/{body_id}/evidence", response_model=list[m.EvidenceFile])
def evidence_list(body_id: str, user: Viewer, svc: Svc) -> list[m.EvidenceFile]:
    svc.storage.body(body_id)
    return svc.storage.evidence_of(body_id)


@router.get("/evidence/{evidence_id}", response_model=None)
def evidence_file(evidence_id: str, user: Viewer, svc: Svc) -> Response:
    record, path = svc.storage.evidence(evidence_id)
    headers = {
        "Content-Disposition": f'attachment; filename="{record.sha256[:16]}{_suffix(record)}"',
        "X-Content-SHA256": record.sha256,
        "X-Content-Type-Options": "nosniff",
    }
    return Response(path.read_bytes(), media_type=record.media_type, headers=headers)


def _suffix(record: m.EvidenceFile) -> str:
    name = record.filename.rsplit(".", 1)
    return "." + name[1].lower() if len(name) == 2 else ""
