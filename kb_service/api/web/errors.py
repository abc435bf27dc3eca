"""What a page shows when a request cannot be served: the problems in the page's language
frame, a refusal, or the log-in page. The route class of every HTML router."""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any
from urllib.parse import quote

from fastapi import HTTPException, Request
from fastapi.responses import RedirectResponse, Response
from fastapi.routing import APIRoute

from kb_service.api.web.pages import page
from kb_service.api.web.session import LoginRequired
from kb_service.core.problems import Problem, ProblemsError, UsageError

Handler = Callable[[Request], Coroutine[Any, Any, Response]]


def problems_page(request: Request, problems: list[Problem], status: int = 400) -> Response:
    return page(request, "error.html.j2", status_code=status, problems=problems, refused=False)


def refused_page(request: Request, status: int) -> Response:
    return page(request, "error.html.j2", status_code=status, problems=[], refused=True)


class WebRoute(APIRoute):
    """A page route: use-case errors become a page listing the problems, not a traceback."""

    def get_route_handler(self) -> Handler:
        handler = super().get_route_handler()

        async def shown(request: Request) -> Response:
            try:
                return await handler(request)
            except LoginRequired:
                target = quote(request.url.path, safe="/")
                return RedirectResponse(f"/login?next={target}", status_code=303)
            except HTTPException as exc:
                if exc.status_code in (403, 404, 409, 413):
                    return refused_page(request, exc.status_code)
                raise
            except ProblemsError as exc:
                return problems_page(request, list(exc.problems))
            except UsageError as exc:
                return problems_page(request, [Problem("request", str(exc))])

        return shown
