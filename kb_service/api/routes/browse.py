"""JSON twins of the knowledge-base pages (/kb/...) and the stale-assessment list (/legal/stale):
the same use cases (kb_service.app.kb_browse, the stored assessment versions) as the pages."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query

from kb_service.api.auth import Viewer
from kb_service.api.common import AsOf, Lang, as_of_date, plain
from kb_service.api.state import Service, service
from kb_service.app import kb_browse

router = APIRouter(prefix="/api", tags=["knowledge base"])
Svc = Annotated[Service, Depends(service)]


@router.get("/kb/overview")
def overview(user: Viewer, svc: Svc, as_of: str | None = AsOf, lang: str = Lang) -> Any:
    """Twin of /kb: sections, documents and acts with their standing on the date."""
    return plain(kb_browse.overview(as_of_date(as_of), lang, kb=svc.kb()))


@router.get("/kb/sections/{number}")
def section(number: int, user: Viewer, svc: Svc, as_of: str | None = AsOf, lang: str = Lang) -> Any:
    """Twin of /kb/sections/N: the section, its requirements, documents and acts."""
    return plain(kb_browse.section(number, as_of_date(as_of), lang, kb=svc.kb()))


@router.get("/kb/requirements/{req_id}")
def requirement(
    req_id: str, user: Viewer, svc: Svc, as_of: str | None = AsOf, lang: str = Lang
) -> Any:
    """Twin of /kb/requirements/ID: the requirement, its check, documents and acts."""
    return plain(kb_browse.requirement(req_id, as_of_date(as_of), lang, kb=svc.kb()))


@router.get("/kb/documents/{number}")
def document(
    number: int, user: Viewer, svc: Svc, as_of: str | None = AsOf, lang: str = Lang
) -> Any:
    """Twin of /kb/documents/N: the document, the sections and requirements asking for it."""
    return plain(kb_browse.document(number, as_of_date(as_of), lang, kb=svc.kb()))


@router.get("/kb/search")
def search(
    user: Viewer,
    svc: Svc,
    q: Annotated[str, Query(max_length=kb_browse.MAX_QUERY)] = "",
    lang: str = Lang,
) -> Any:
    """Twin of /kb/search: hits in any language, tolerant of case and of ң ө ү typed as н о у."""
    return plain(kb_browse.search(q, lang, kb=svc.kb()))


@router.get("/stale")
def stale(user: Viewer, svc: Svc) -> list[dict[str, Any]]:
    """Twin of /legal/stale: the stored assessment versions marked stale by a rule edit."""
    found = [v for v in svc.storage.assessments() if v.stale]
    return [{"id": v.id, "version": v.version, "body_id": v.body_id} for v in found]
