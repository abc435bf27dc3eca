"""The national page: the summary of every body's latest stored assessment (counts per section
and body type, the heat map, the ranking with links to each body's page); its JSON twin is
GET /api/national."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from kb_service.api.state import service
from kb_service.api.web.errors import WebRoute
from kb_service.api.web.pages import kb_of, lang_of, page
from kb_service.api.web.session import require
from kb_service.app.national import stored_national
from kb_service.render.common import STATUS_COLOURS
from kb_service.render.national import heatmap_svg

router = APIRouter(include_in_schema=False, route_class=WebRoute)


@router.get("/national", response_class=HTMLResponse)
def national(request: Request) -> HTMLResponse:
    require(request, "viewer")
    summary = stored_national(service(request).storage, lang_of(request), kb=kb_of(request))
    w = summary.labels
    return page(
        request, "national.html.j2", s=summary, w=w,
        title=w["national_title"].format(date=summary.as_of or "—"),
        intro=w["national_bodies"].format(n=len(summary.bodies), m=summary.inputs),
        statuses=list(STATUS_COLOURS),
        others=[st for st in STATUS_COLOURS if st != "non_compliant"],
        colours=STATUS_COLOURS, heatmap=heatmap_svg(summary), report_text=w["ui_body_page"],
    )  # fmt: skip
