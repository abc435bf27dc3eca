"""The knowledge-base browser: sections, requirements, acts, documents, and the search."""

from __future__ import annotations

import datetime as dt

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from kb_service.api.web.errors import WebRoute
from kb_service.api.web.forms import Asked
from kb_service.api.web.pages import kb_of, lang_of, page
from kb_service.app import kb_browse

router = APIRouter(include_in_schema=False, route_class=WebRoute)


def _as_of(request: Request) -> tuple[dt.date, Asked]:
    asked = Asked(request.query_params, "query")
    day = asked.date("as_of", dt.date.today()) or dt.date.today()
    return day, asked


@router.get("/kb", response_class=HTMLResponse)
def kb_index(request: Request) -> HTMLResponse:
    day, asked = _as_of(request)
    view = kb_browse.overview(day, lang_of(request), kb=kb_of(request))
    return page(request, "kb_index.html.j2", view=view, as_of=day, problems=asked.problems)


@router.get("/kb/sections/{number}", response_class=HTMLResponse)
def kb_section(request: Request, number: int) -> HTMLResponse:
    day, asked = _as_of(request)
    view = kb_browse.section(number, day, lang_of(request), kb=kb_of(request))
    return page(request, "kb_section.html.j2", view=view, as_of=day, problems=asked.problems)


@router.get("/kb/requirements/{req_id}", response_class=HTMLResponse)
def kb_requirement(request: Request, req_id: str) -> HTMLResponse:
    day, asked = _as_of(request)
    view = kb_browse.requirement(req_id, day, lang_of(request), kb=kb_of(request))
    return page(request, "kb_requirement.html.j2", view=view, as_of=day, problems=asked.problems)


@router.get("/kb/acts/{act_id}", response_class=HTMLResponse)
def kb_act(request: Request, act_id: str) -> HTMLResponse:
    day, asked = _as_of(request)
    view = kb_browse.act(act_id, day, lang_of(request), kb=kb_of(request))
    return page(request, "kb_act.html.j2", view=view, as_of=day, problems=asked.problems)


@router.get("/kb/documents/{number}", response_class=HTMLResponse)
def kb_document(request: Request, number: int) -> HTMLResponse:
    day, asked = _as_of(request)
    view = kb_browse.document(number, day, lang_of(request), kb=kb_of(request))
    return page(request, "kb_document.html.j2", view=view, as_of=day, problems=asked.problems)


@router.get("/kb/search", response_class=HTMLResponse)
def kb_search(request: Request) -> HTMLResponse:
    asked = Asked(request.query_params, "query")
    query = asked.text("q", kb_browse.MAX_QUERY)
    hits = kb_browse.search(query, lang_of(request), kb=kb_of(request)) if query else []
    return page(request, "kb_search.html.j2", query=query, hits=hits, problems=asked.problems)
