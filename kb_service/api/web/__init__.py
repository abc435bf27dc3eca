"""The server-rendered pages of the service (Jinja2; ky, ru, en), plugged into the FastAPI app by
`include_web(app)`. Each page calls the same use case as its JSON twin under /api/."""

from __future__ import annotations

from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

from kb_service.api.web import assessments, bodies, browse, law, legal, login, national
from kb_service.api.web.errors import WebRoute
from kb_service.api.web.pages import STATIC, page

home = APIRouter(include_in_schema=False, route_class=WebRoute)


@home.get("/", response_class=HTMLResponse)
def index(request: Request) -> HTMLResponse:
    return page(request, "home.html.j2")


def include_web(app: FastAPI) -> None:
    """Add the pages and their style sheet to the service."""
    app.mount("/static", StaticFiles(directory=str(STATIC)), name="static")
    for router in (home, login.router, browse.router, law.router, bodies.router,
                   assessments.router, legal.router, national.router):  # fmt: skip
        app.include_router(router)
