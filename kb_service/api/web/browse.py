"""The knowledge-base browser: sections, requirements, acts, documents, and the search."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from kb_service.api.web.errors import WebRoute
from kb_service.api.web.forms import Asked
from kb_service.api.web.pages import kb_of, lang_of, page
from kb_service.app import kb_browse
from kb_service.kb.knowledge_base import KnowledgeBase

router = APIRouter(include_in_schema=False, route_class=WebRoute)
ViewOf = Callable[[dt.date, str, KnowledgeBase], Any]  # (as of, language, KB) -> the page's view


def _as_of(request: Request) -> tuple[dt.date, Asked]:
    asked = Asked(request.query_params, "query")
    day = asked.date("as_of", dt.date.today()) or dt.date.today()
    return day, asked


def _kb_page(request: Request, template: str, view_of: ViewOf) -> HTMLResponse:
    """A KB page on the date asked (today by default), in the request's language."""
    day, asked = _as_of(request)
    view = view_of(day, lang_of(request), kb_of(request))
    return page(request, template, view=view, as_of=day, problems=asked.problems)


@router.get("/kb", response_class=HTMLResponse)
def kb_index(request: Request) -> HTMLResponse:
    return _kb_page(
        request, "kb_index.html.j2", lambda d, lang, kb: kb_browse.overview(d, lang, kb=kb)
    )


@router.get("/kb/sections/{number}", response_class=HTMLResponse)
def kb_section(request: Request, number: int) -> HTMLResponse:
    return _kb_page(
        request, "kb_section.html.j2", lambda d, lang, kb: kb_browse.section(number, d, lang, kb=kb)
    )


@router.get("/kb/requirements/{req_id}", response_class=HTMLResponse)
def kb_requirement(request: Request, req_id: str) -> HTMLResponse:
    return _kb_page(
        request,
        "kb_requirement.html.j2",
        lambda d, lang, kb: kb_browse.requirement(req_id, d, lang, kb=kb),
    )


@router.get("/kb/acts/{act_id}", response_class=HTMLResponse)
def kb_act(request: Request, act_id: str) -> HTMLResponse:
    return _kb_page(
        request, "kb_act.html.j2", lambda d, lang, kb: kb_browse.act(act_id, d, lang, kb=kb)
    )


@router.get("/kb/documents/{number}", response_class=HTMLResponse)
def kb_document(request: Request, number: int) -> HTMLResponse:
    return _kb_page(
        request,
        "kb_document.html.j2",
        lambda d, lang, kb: kb_browse.document(number, d, lang, kb=kb),
    )


@router.get("/kb/search", response_class=HTMLResponse)
def kb_search(request: Request) -> HTMLResponse:
    asked = Asked(request.query_params, "query")
    query = asked.text("q", kb_browse.MAX_QUERY)
    hits = kb_browse.search(query, lang_of(request), kb=kb_of(request)) if query else []
    return page(request, "kb_search.html.j2", query=query, hits=hits, problems=asked.problems)
