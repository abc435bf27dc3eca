"""The pages' side of log-in: who is signed in, what their role lets them do, the CSRF token
every form carries. Sessions, passwords and tokens themselves are kb_service/api/auth.py's."""

from __future__ import annotations

from typing import Any

from fastapi import HTTPException, Request

from kb_service.models.service import User

# what each role may do on the pages (the JSON API checks the same roles)
ACTIONS: dict[str, frozenset[str]] = {
    "viewer": frozenset({"read"}),
    "inspector": frozenset({"read", "inspect", "reevaluate"}),
    "legal-editor": frozenset({"read", "edit-rules", "reevaluate"}),
    "admin": frozenset({"read", "inspect", "reevaluate", "edit-rules", "admin"}),
}


def user_of(request: Request) -> User | None:
    user = getattr(request.state, "user", None)
    return user if isinstance(user, User) else None


def roles_of(user: User | None) -> set[str]:
    """The actions (CAN keys) the user may take."""
    if user is None:
        return set()
    return set(ACTIONS.get(user.role, frozenset()))


def csrf_token(request: Request) -> str:
    token = getattr(request.state, "csrf", "")
    return token if isinstance(token, str) else ""


class LoginRequired(Exception):
    """No one is signed in: the page sends the browser to the log-in page."""


def require(request: Request, action: str) -> User:
    """The signed-in user if they may take `action`; 403 otherwise, log-in when no one is."""
    user = user_of(request)
    if user is None:
        raise LoginRequired(request.url.path)
    if action not in roles_of(user):
        raise HTTPException(status_code=403, detail="forbidden")
    return user


def check_csrf(request: Request, form: Any) -> None:
    """A form post without the session's token is refused."""
    sent = form.get("csrf") if form is not None else None
    if not sent or sent != csrf_token(request):
        raise HTTPException(status_code=403, detail="csrf")
