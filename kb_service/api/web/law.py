"""'Which law applies' and the checklist of a body type: the same use cases as `kb law` and
`kb checklist` (kb_service.app.use_cases)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from kb_service.api.web.errors import WebRoute
from kb_service.api.web.forms import Asked
from kb_service.api.web.pages import download, kb_of, lang_of, page
from kb_service.app import kb_browse, use_cases
from kb_service.core.problems import ProblemsError
from kb_service.render.memo import render_memo

router = APIRouter(include_in_schema=False, route_class=WebRoute)
FILES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "html": "text/html; charset=utf-8",
}


def _choices(request: Request) -> dict[str, Any]:
    kb = kb_of(request)
    cat, lang = kb.catalog, lang_of(request)
    view = kb_browse.overview(dt.date.today(), lang, kb=kb)
    reqs = sorted(cat.requirements.values(), key=lambda r: (r.section, r.order))
    return {
        "sections": view["sections"],
        "requirements": [(r.id, kb_browse.text_of(cat, r.iri, lang)) for r in reqs],
        "documents": view["documents"],
        "body_types": view["body_types"],
    }


@router.get("/law", response_class=HTMLResponse)
def law(request: Request) -> HTMLResponse:
    kb = kb_of(request)
    asked = Asked(request.query_params, "query")
    day = asked.date("as_of", dt.date.today()) or dt.date.today()
    body_type = asked.choice("body_type", tuple(kb.catalog.body_types))
    scope = asked.choice("scope", ("section", "requirement", "document")) or "section"
    section = asked.number("section") if scope == "section" else None
    requirement = asked.text("requirement", 20) or None if scope == "requirement" else None
    document = asked.number("document") if scope == "document" else None
    chosen = any(v is not None for v in (section, requirement, document))
    lookup = None
    if chosen and not asked.problems:
        lookup = use_cases.law_lookup(
            day, lang_of(request), kb=kb, section=section, requirement=requirement,
            document=document, body_type=body_type,
        )  # fmt: skip
    picked = {"scope": scope, "section": section, "requirement": requirement,
              "document": document, "body_type": body_type}  # fmt: skip
    return page(
        request, "law.html.j2", lookup=lookup, as_of=day, picked=picked,
        problems=asked.problems, **_choices(request),
    )  # fmt: skip


def _checklist_args(request: Request) -> tuple[str | None, dt.date, Asked]:
    asked = Asked(request.query_params, "query")
    day = asked.date("as_of", dt.date.today()) or dt.date.today()
    body_type = asked.choice("body_type", tuple(kb_of(request).catalog.body_types))
    return body_type, day, asked


@router.get("/checklist", response_class=HTMLResponse)
def checklist(request: Request) -> HTMLResponse:
    body_type, day, asked = _checklist_args(request)
    memo = None
    if body_type and not asked.problems:
        memo = use_cases.checklist(body_type, day, lang_of(request), kb=kb_of(request))
    return page(
        request, "checklist.html.j2", memo=memo, as_of=day, body_type=body_type,
        problems=asked.problems, **_choices(request),
    )  # fmt: skip


@router.get("/checklist/file")
def checklist_file(request: Request) -> Response:
    body_type, day, asked = _checklist_args(request)
    fmt = asked.choice("format", tuple(FILES)) or "pdf"
    if body_type is None:
        asked.missing("body_type")
    if body_type is None or asked.problems:
        raise ProblemsError(asked.problems)
    memo = use_cases.checklist(body_type, day, lang_of(request), kb=kb_of(request))
    name = f"checklist-{body_type}-{day.isoformat()}-{lang_of(request)}.{fmt}"
    return download(render_memo(memo, fmt), FILES[fmt], name)
