"""Log-in, sessions, API tokens, roles and CSRF.

- A session is a random token in an HttpOnly, SameSite=Lax cookie (`kb_session`); the store
  keeps only its SHA-256. Scripts send `Authorization: Bearer <token>` (POST /api/tokens).
- CSRF: a random `kb_csrf` cookie (SameSite=Strict) set on the first answer; every state-changing
  request authenticated by the session cookie must repeat it, as the form field `csrf` (HTML
  forms: `csrf_token(request)` gives the value to put in the form) or the `X-CSRF-Token`
  header. Bearer requests carry no cookie and need none.
- Roles: viewer reads; inspector writes bodies, assessments and evidence; legal-editor edits
  the rules; admin does everything, users included.
"""

from __future__ import annotations

import hmac
import secrets
from collections.abc import Awaitable, Callable
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Request, Response
from pydantic import BaseModel, Field

from kb_service.api.state import Service, service
from kb_service.models.service import User

SESSION_COOKIE = "kb_session"
CSRF_COOKIE = "kb_csrf"
CSRF_FIELD = "csrf"
CSRF_HEADER = "X-CSRF-Token"
SAFE = ("GET", "HEAD", "OPTIONS")
# who may do what: the roles allowed for each need
ALLOWED = {
    "viewer": ("viewer", "inspector", "legal-editor", "admin"),
    "inspector": ("inspector", "admin"),
    "legal-editor": ("legal-editor", "admin"),
    "admin": ("admin",),
}


def csrf_token(request: Request) -> str:
    """The CSRF token of this browser (put it in every form as the field `csrf`)."""
    token: str = getattr(request.state, "csrf", "") or request.cookies.get(CSRF_COOKIE, "")
    if not token:
        token = secrets.token_urlsafe(32)
    request.state.csrf = token
    return token


async def csrf_middleware(
    request: Request, call_next: Callable[[Request], Awaitable[Response]]
) -> Response:
    """Give every browser a CSRF cookie."""
    token = csrf_token(request)
    response = await call_next(request)
    if request.cookies.get(CSRF_COOKIE) != token:
        secure = request.app.state.service.settings.secure_cookies
        response.set_cookie(CSRF_COOKIE, token, httponly=True, samesite="strict", secure=secure)
    return response


async def _posted_csrf(request: Request) -> str:
    header = request.headers.get(CSRF_HEADER)
    if header:
        return header
    kind = request.headers.get("content-type", "")
    if kind.startswith(("application/x-www-form-urlencoded", "multipart/form-data")):
        value = (await request.form()).get(CSRF_FIELD)
        return value if isinstance(value, str) else ""
    return ""


async def check_csrf(request: Request) -> None:
    """Refuse (403) a state-changing request whose CSRF token does not match its cookie."""
    if request.method in SAFE:
        return
    cookie = request.cookies.get(CSRF_COOKIE, "")
    posted = await _posted_csrf(request)
    if not cookie or not hmac.compare_digest(cookie, posted):
        raise HTTPException(403, "the form's CSRF token is missing or wrong: reload the page")


async def optional_user(request: Request, svc: Annotated[Service, Depends(service)]) -> User | None:
    """The user of the request (Bearer token, or session cookie with CSRF on writes)."""
    header = request.headers.get("authorization", "")
    if header.lower().startswith("bearer "):
        user = svc.storage.token_user(header[7:].strip())
        if user is None:
            raise HTTPException(401, "the API token is unknown or its user is inactive")
        return user
    session = request.cookies.get(SESSION_COOKIE)
    if not session:
        return None
    user = svc.storage.session_user(session)
    if user is not None:
        await check_csrf(request)
    return user


async def current_user(user: Annotated[User | None, Depends(optional_user)]) -> User:
    if user is None:
        raise HTTPException(401, "log in first (POST /api/login) or send an API token")
    return user


def require(role: str) -> Callable[..., Awaitable[User]]:
    """A dependency: the user, if their role allows `role`'s work; 403 otherwise."""

    async def dependency(user: Annotated[User, Depends(current_user)]) -> User:
        if user.role not in ALLOWED[role]:
            raise HTTPException(403, f"this needs the role {role} (you are {user.role})")
        return user

    return dependency


Viewer = Annotated[User, Depends(require("viewer"))]
Inspector = Annotated[User, Depends(require("inspector"))]
LegalEditor = Annotated[User, Depends(require("legal-editor"))]
Admin = Annotated[User, Depends(require("admin"))]


def start_session(response: Response, svc: Service, user: User) -> str:
    """Open a session for `user` and set its cookie on `response`."""
    token = svc.storage.open_session(user.name)
    response.set_cookie(
        SESSION_COOKIE, token, httponly=True, samesite="lax",
        secure=svc.settings.secure_cookies, max_age=12 * 3600,
    )  # fmt: skip
    return token


def end_session(request: Request, response: Response, svc: Service) -> None:
    token = request.cookies.get(SESSION_COOKIE)
    if token:
        svc.storage.close_session(token)
    response.delete_cookie(SESSION_COOKIE)


router = APIRouter(prefix="/api", tags=["auth"])


class Login(BaseModel):
    username: str = Field(max_length=80)
    password: str = Field(max_length=1024)


class LoggedIn(BaseModel):
    user: str
    role: str
    csrf: str  # send it as X-CSRF-Token with every write made with the session cookie


class TokenRequest(BaseModel):
    label: str = Field(default="script", max_length=200)


class NewToken(BaseModel):
    token: str  # shown once: the store keeps only its hash


@router.post("/login", response_model=LoggedIn)
def login(
    body: Login, request: Request, response: Response, svc: Annotated[Service, Depends(service)]
) -> LoggedIn:
    user = svc.storage.check_password(body.username, body.password)
    if user is None:
        raise HTTPException(401, "wrong user name or password")
    start_session(response, svc, user)
    return LoggedIn(user=user.name, role=user.role, csrf=csrf_token(request))


@router.post("/logout", status_code=204, dependencies=[Depends(check_csrf)])
def logout(request: Request, svc: Annotated[Service, Depends(service)]) -> Response:
    response = Response(status_code=204)
    end_session(request, response, svc)
    return response


@router.get("/me", response_model=User)
def me(user: Viewer) -> User:
    return user


@router.post("/tokens", response_model=NewToken)
def new_token(
    body: TokenRequest, user: Viewer, svc: Annotated[Service, Depends(service)]
) -> NewToken:
    return NewToken(token=svc.storage.create_token(user.name, body.label, user.name))
