"""The service: `create_app(settings)`, the FastAPI application `kb serve` runs.

It opens the store (embedded on disk in settings.data_dir, or the SPARQL endpoint), loads the
KB's current revision into it, and serves the JSON API under /api/, /sparql, /healthz and
/openapi.json; the web pages (kb_service.api.web, when present) plug in through include_web.
"""

from __future__ import annotations

import importlib
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.responses import JSONResponse

from kb_service.api import auth, sparql
from kb_service.api.routes import assessments, browse, edit, kb, national, users
from kb_service.api.settings import Settings
from kb_service.api.state import Service
from kb_service.app.evaluation_pool import EvaluationPool
from kb_service.core.problems import ProblemsError, UsageError
from kb_service.kb.sparql_guard import UnsafeQuery
from kb_service.storage import NotFound, StoreUnavailable, open_storage


def _problems(status: int, err: ProblemsError) -> JSONResponse:
    lines = [str(p) for p in err.problems]
    return JSONResponse(
        {"detail": "\n".join(lines[:50]), "problems": jsonable_encoder(err.problems[:50]),
         "count": len(err.problems)},
        status_code=status,
    )  # fmt: skip


# the errors a request can meet, and the HTTP status each answers with (most specific first)
_STATUS: tuple[tuple[type[Exception], int], ...] = (
    (NotFound, 404),
    (UsageError, 400),
    (UnsafeQuery, 403),
    (StoreUnavailable, 503),
)


def _answer(status: int) -> Callable[[Request, Exception], Awaitable[JSONResponse]]:
    async def handler(request: Request, err: Exception) -> JSONResponse:
        if isinstance(err, ProblemsError):
            return _problems(status, err)
        return JSONResponse({"detail": str(err)}, status_code=status)

    return handler


def _handlers(app: FastAPI) -> None:
    app.add_exception_handler(ProblemsError, _answer(422))  # facts, KB, evidence problems
    for kind, status in _STATUS:
        app.add_exception_handler(kind, _answer(status))


def include_web(app: FastAPI) -> None:
    """The HTML pages (kb_service.api.web), when that package provides include_web."""
    try:
        web = importlib.import_module("kb_service.api.web")
    except ModuleNotFoundError:
        return
    plug = getattr(web, "include_web", None)
    if callable(plug):
        plug(app)


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        storage = open_storage(settings.data_dir, settings.endpoint, settings.update_endpoint)
        workers = settings.eval_workers
        pool = EvaluationPool(settings.kb_root, workers) if workers >= 0 else None
        service = Service(settings, storage, pool)
        try:
            service.kb()  # the KB's revision loaded into the store before the first request
            if pool is not None:
                pool.start()  # and into every worker
            app.state.service = service
            app.state.ready = True
            yield
        finally:
            app.state.ready = False
            if pool is not None:
                pool.close()
            storage.close()

    app = FastAPI(
        title="kyzmat-kb service",
        summary="Compliance monitoring of the Kyrgyz law on state and municipal service",
        version="0.1.0",
        lifespan=lifespan,
    )
    app.state.ready = False
    app.middleware("http")(auth.csrf_middleware)
    _handlers(app)

    @app.get("/healthz", tags=["service"])
    def healthz(request: Request) -> Any:
        """200 when the store is open and the KB loaded."""
        if not getattr(request.app.state, "ready", False):
            return JSONResponse({"status": "starting"}, status_code=503)
        service: Service = request.app.state.service
        return {
            "status": "ok",
            "store": service.storage.backend.kind,
            "kb_revision": service.storage.kb_revision(),
        }

    for router in (auth.router, browse.router, kb.router, assessments.router, edit.router,
                   national.router, users.router):  # fmt: skip
        app.include_router(router)
    app.include_router(sparql.router)
    include_web(app)
    return app
