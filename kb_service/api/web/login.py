"""The log-in page and log-out: a session cookie from kb_service/api/auth.py."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from kb_service.api import auth
from kb_service.api.state import service
from kb_service.api.web.errors import WebRoute
from kb_service.api.web.forms import Asked
from kb_service.api.web.pages import page, secure

router = APIRouter(include_in_schema=False, route_class=WebRoute)


def _next(value: str) -> str:
    """Where to go after logging in: a path of this service only."""
    ok = value.startswith("/") and not value.startswith("//") and "\\" not in value
    return value if ok and len(value) <= 300 else "/"


@router.get("/login", response_class=HTMLResponse)
def login_page(request: Request) -> HTMLResponse:
    target = _next(request.query_params.get("next", "/"))
    return page(request, "login.html.j2", next=target, failed=False, username="")


@router.post("/login", response_model=None)
async def login(request: Request) -> Response:
    await auth.check_csrf(request)
    form = await request.form()
    asked = Asked({k: v for k, v in form.items() if isinstance(v, str)})
    name, password = asked.text("username", 80), asked.text("password", 1024)
    target = _next(asked.text("next", 300) or "/")
    svc = service(request)
    user = svc.storage.check_password(name, password) if name and password else None
    if user is None:
        return page(request, "login.html.j2", 401, next=target, failed=True, username=name)
    response = RedirectResponse(target, status_code=303)
    auth.start_session(response, svc, user)
    return secure(response)


@router.post("/logout", response_model=None)
async def logout(request: Request) -> Response:
    await auth.check_csrf(request)
    response = RedirectResponse("/", status_code=303)
    auth.end_session(request, response, service(request))
    return secure(response)
