"""The pages' side of log-in: who is signed in (the session cookie of kb_service/api/auth.py),
what their role lets them do, and the CSRF token every form carries and every post is checked
against."""

from __future__ import annotations

from fastapi import HTTPException, Request

from kb_service.api import auth
from kb_service.models.service import User

# a page's own need beyond the roles of auth.ALLOWED: re-evaluating a stale assessment is the
# inspector's work, and the legal editor's once their change made it stale
REEVALUATE = ("inspector", "legal-editor", "admin")


class LoginRequired(Exception):
    """No one is signed in: the page sends the browser to the log-in page."""


def user_of(request: Request) -> User | None:
    """The user of the session cookie (None: no one signed in, or the session ended)."""
    if hasattr(request.state, "web_user"):
        known: User | None = request.state.web_user
        return known
    token = request.cookies.get(auth.SESSION_COOKIE)
    svc = getattr(request.app.state, "service", None)
    user = svc.storage.session_user(token) if token and svc is not None else None
    request.state.web_user = user
    return user


def roles_of(user: User | None) -> set[str]:
    """The needs (auth.ALLOWED keys, and "reevaluate") the user meets."""
    if user is None:
        return set()
    needs = {need for need, roles in auth.ALLOWED.items() if user.role in roles}
    return needs | ({"reevaluate"} if user.role in REEVALUATE else set())


def csrf_token(request: Request) -> str:
    return auth.csrf_token(request)


def require(request: Request, need: str) -> User:
    """The signed-in user if they meet `need`; 403 otherwise, the log-in page when no one is."""
    user = user_of(request)
    if user is None:
        raise LoginRequired(request.url.path)
    if need not in roles_of(user):
        raise HTTPException(status_code=403, detail=f"this needs the role {need}")
    return user


async def posted(request: Request, need: str) -> tuple[User, dict[str, str]]:
    """A form post by a user meeting `need`, its CSRF token checked: the user and the fields
    (files are read by the caller from request.form())."""
    user = require(request, need)
    await auth.check_csrf(request)
    form = await request.form()
    return user, {k: v for k, v in form.items() if isinstance(v, str)}
