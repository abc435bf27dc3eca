"""The knowledge base, the law lookup, the checklist, impact and citations (read-only)."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Query, Response

from kb_service import app
from kb_service.api.auth import Viewer
from kb_service.api.common import AsOf, Lang, as_of_date, download, plain
from kb_service.api.state import Service, service
from kb_service.law.impact import find_act

router = APIRouter(prefix="/api", tags=["knowledge base"])
Svc = Annotated[Service, Depends(service)]


@router.get("/kb")
def kb_info(user: Viewer, svc: Svc) -> dict[str, Any]:
    """The KB revision served, and the revisions the store holds."""
    kb = svc.kb()
    return {"revision": kb.revision, "stored_revisions": svc.storage.kb_revisions()}


@router.get("/kb/sections")
def sections(user: Viewer, svc: Svc) -> list[Any]:
    return [plain(s) for _, s in sorted(svc.kb().catalog.sections.items())]


@router.get("/kb/requirements")
def requirements(user: Viewer, svc: Svc, section: int | None = None) -> list[Any]:
    found = svc.kb().catalog.requirements.values()
    return [plain(r) for r in found if section is None or r.section == section]


@router.get("/kb/documents")
def documents(user: Viewer, svc: Svc) -> list[Any]:
    return [plain(d) for _, d in sorted(svc.kb().catalog.documents.items())]


@router.get("/kb/body-types")
def body_types(user: Viewer, svc: Svc) -> list[Any]:
    return [plain(b) for b in svc.kb().catalog.body_types.values()]


@router.get("/kb/acts")
def acts(user: Viewer, svc: Svc) -> list[Any]:
    """Every act: number, date, validity (status), and what replaced, repealed or amended it."""
    return [plain(a) for _, a in sorted(svc.kb().catalog.acts.items())]


@router.get("/kb/acts/{act_id}")
def act(
    act_id: str, user: Viewer, svc: Svc,
    as_of: str | None = AsOf, lang: str = Lang,
) -> dict[str, Any]:  # fmt: skip
    """One act, with its status on the date and its links (the impact report's head)."""
    kb = svc.kb()
    found = find_act(kb.catalog, act_id)
    impact = app.impact(act_id, as_of_date(as_of), lang, kb=kb)
    return {
        "act": plain(found), "in_force": impact.in_force,
        "relations": [plain(r) for r in impact.relations],
    }  # fmt: skip


@router.get("/law")
def law(
    user: Viewer, svc: Svc, as_of: str | None = AsOf, lang: str = Lang,
    section: int | None = None, requirement: str | None = Query(None, max_length=40),
    document: int | None = None, body_type: str | None = Query(None, max_length=80),
) -> Any:  # fmt: skip
    """Which acts apply to a section, requirement or document, for a body type, on a date."""
    found = app.law_lookup(
        as_of_date(as_of), lang, kb=svc.kb(), section=section, requirement=requirement,
        document=document, body_type=body_type,
    )  # fmt: skip
    return plain(found)


@router.get("/checklist", response_model=None)
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
        return plain(memo)
    data = render_memo(memo, format)
    return download(data if isinstance(data, bytes) else data.encode(), format, body_type)


@router.get("/impact/{act_id}")
def impact(
    act_id: str, user: Viewer, svc: Svc, as_of: str | None = AsOf, lang: str = Lang,
    provision: str | None = Query(None, max_length=40),
) -> Any:  # fmt: skip
    """What a change to an act touches, and the stored assessments relying on it."""
    kb = svc.kb()
    found = app.impact(act_id, as_of_date(as_of), lang, kb=kb, provision=provision)
    checks = {c.id for c in found.checks}
    relying = svc.storage.relying_on([act_id], checks)
    return {
        **plain(found),
        "assessments": [
            {"id": v.id, "version": v.version, "body_id": v.body_id, "stale": v.stale}
            for v in relying
        ],
    }


@router.get("/citations", response_model=None)
def citations(
    user: Viewer, svc: Svc, as_of: str | None = AsOf, lang: str = Lang,
    format: Literal["json", "html", "text"] = "json",
) -> Response | Any:  # fmt: skip
    """Citation health on a date."""
    health = app.citations(as_of_date(as_of), lang, kb=svc.kb())
    if format == "json":
        return plain(health)
    return download(app.citations_bytes(health, format), format, "citations")
