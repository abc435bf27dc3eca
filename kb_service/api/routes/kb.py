"""The knowledge base, the law lookup, the checklist, impact and citations (read-only)."""

from __future__ import annotations

import dataclasses
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Query, Response

from kb_service import app
from kb_service.api.auth import Viewer
from kb_service.api.common import MEDIA, AsOf, Lang, as_of_date, download
from kb_service.api.responses import EXCLUDE, ActAnswer, ImpactAnswer, KbInfo, RelyingAssessment
from kb_service.api.state import Service, service
from kb_service.kb.catalog import Act, BodyType, DocumentType, Requirement, Section
from kb_service.law.impact import find_act
from kb_service.models.citation_health import CitationHealth
from kb_service.models.law import LawLookup
from kb_service.models.memo import Memo

router = APIRouter(prefix="/api", tags=["knowledge base"])
# the file formats of the checklist and citation-health answers, besides their JSON
FILES: dict[int | str, dict[str, Any]] = {
    200: {"content": {MEDIA[f]: {} for f in ("html", "pdf", "docx", "md", "text")}}
}
Svc = Annotated[Service, Depends(service)]


@router.get("/kb", response_model=KbInfo)
def kb_info(user: Viewer, svc: Svc) -> KbInfo:
    """The KB revision served, and the revisions the store holds."""
    kb = svc.kb()
    return KbInfo(kb.revision, tuple(svc.storage.kb_revisions()))


@router.get("/kb/sections", response_model=list[Section])
def sections(user: Viewer, svc: Svc) -> list[Section]:
    return [s for _, s in sorted(svc.kb().catalog.sections.items())]


@router.get("/kb/requirements", response_model=list[Requirement])
def requirements(user: Viewer, svc: Svc, section: int | None = None) -> list[Requirement]:
    found = svc.kb().catalog.requirements.values()
    return [r for r in found if section is None or r.section == section]


@router.get("/kb/documents", response_model=list[DocumentType])
def documents(user: Viewer, svc: Svc) -> list[DocumentType]:
    return [d for _, d in sorted(svc.kb().catalog.documents.items())]


@router.get("/kb/body-types", response_model=list[BodyType])
def body_types(user: Viewer, svc: Svc) -> list[BodyType]:
    return list(svc.kb().catalog.body_types.values())


@router.get("/kb/acts", response_model=list[Act])
def acts(user: Viewer, svc: Svc) -> list[Act]:
    """Every act: number, date, validity (status), and what replaced, repealed or amended it."""
    return [a for _, a in sorted(svc.kb().catalog.acts.items())]


@router.get("/kb/acts/{act_id}", response_model=ActAnswer)
def act(
    act_id: str, user: Viewer, svc: Svc,
    as_of: str | None = AsOf, lang: str = Lang,
) -> ActAnswer:  # fmt: skip
    """One act, with its status on the date and its links (the impact report's head)."""
    kb = svc.kb()
    found = find_act(kb.catalog, act_id)
    impact = app.impact(act_id, as_of_date(as_of), lang, kb=kb)
    return ActAnswer(found, impact.in_force, impact.relations)


@router.get("/law", response_model=LawLookup, response_model_exclude=EXCLUDE)
def law(
    user: Viewer, svc: Svc, as_of: str | None = AsOf, lang: str = Lang,
    section: int | None = None, requirement: str | None = Query(None, max_length=40),
    document: int | None = None, body_type: str | None = Query(None, max_length=80),
) -> Any:  # fmt: skip
    """Which acts apply to a section, requirement or document, for a body type, on a date."""
    return app.law_lookup(
        as_of_date(as_of), lang, kb=svc.kb(), section=section, requirement=requirement,
        document=document, body_type=body_type,
    )  # fmt: skip


@router.get("/checklist", response_model=Memo, response_model_exclude=EXCLUDE,
            responses=FILES)  # fmt: skip
def checklist(
    user: Viewer, svc: Svc, body_type: str = Query(max_length=80), as_of: str | None = AsOf,
    lang: str = Lang, format: Literal["json", "html", "pdf", "docx", "md"] = "json",
) -> Any:  # fmt: skip
    """One body type's checklist memo on a date, as JSON or a file (PDF, DOCX, HTML, md)."""
    from kb_service.render import render_memo

    kb = svc.kb()
    if body_type not in kb.catalog.body_types:
        raise HTTPException(404, f"no body type {body_type!r}")
    memo = app.checklist(body_type, as_of_date(as_of), lang, kb=kb)
    if format == "json":
        return memo
    data = render_memo(memo, format)
    return download(data if isinstance(data, bytes) else data.encode(), format, body_type)


@router.get("/impact/{act_id}", response_model=ImpactAnswer, response_model_exclude=EXCLUDE)
def impact(
    act_id: str, user: Viewer, svc: Svc, as_of: str | None = AsOf, lang: str = Lang,
    provision: str | None = Query(None, max_length=40),
) -> Any:  # fmt: skip
    """What a change to an act touches, and the stored assessments relying on it."""
    kb = svc.kb()
    found = app.impact(act_id, as_of_date(as_of), lang, kb=kb, provision=provision)
    checks = {c.id for c in found.checks}
    relying = svc.storage.relying_on([act_id], checks)
    assessments = tuple(RelyingAssessment(v.id, v.version, v.body_id, v.stale) for v in relying)
    fields = {f.name: getattr(found, f.name) for f in dataclasses.fields(found)}
    return ImpactAnswer(**fields, assessments=assessments)


@router.get("/citations", response_model=CitationHealth, response_model_exclude=EXCLUDE,
            responses=FILES)  # fmt: skip
def citations(
    user: Viewer, svc: Svc, as_of: str | None = AsOf, lang: str = Lang,
    format: Literal["json", "html", "text"] = "json",
) -> Response | Any:  # fmt: skip
    """Citation health on a date."""
    health = app.citations(as_of_date(as_of), lang, kb=svc.kb())
    if format == "json":
        return health
    return download(app.citations_bytes(health, format), format, "citations")
