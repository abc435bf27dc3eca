"""`/sparql`: a read-only SPARQL 1.1 Protocol endpoint over the KB and the stored assessments.

- Updates are refused, whether sent as `update=` or written into `query=`; so are SERVICE,
  FROM and LOAD (kb.sparql_guard): the endpoint never fetches from elsewhere, and a query
  cannot choose its own dataset.
- The dataset is restricted to the public graphs: the current KB revision, bodies, assessment
  versions, evidence metadata, stale marks. The private graphs (users, password hashes,
  sessions, tokens, audit) are in neither the default graph nor the named graphs (on an
  endpoint store: default-graph-uri / named-graph-uri).
- A time limit (the answer is given up after it; on an endpoint store the request times out)
  and a result-size limit apply; a bad query gets a 400 with the parser's message.
"""

from __future__ import annotations

import asyncio
import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Request, Response

from kb_service.api.auth import Viewer
from kb_service.api.state import Service, service
from kb_service.core.namespaces import STORE_NS
from kb_service.kb.sparql_guard import UnsafeQuery, assert_read_only
from kb_service.storage import StoreUnavailable
from kb_service.storage.backend import RawResult
from kb_service.storage.rdf import PRIVATE, kb_graph
from kb_service.storage.sparql_results import ResultTooLarge

router = APIRouter(tags=["sparql"])
MAX_QUERY = 20_000
_POOL = ThreadPoolExecutor(max_workers=2, thread_name_prefix="sparql")
_SLOTS = threading.BoundedSemaphore(2)  # a query past its time limit keeps its slot till it ends


def public_graphs(svc: Service) -> list[str]:
    """The graphs /sparql shows: the current KB, and the service's public records."""
    current = kb_graph(svc.kb().revision)
    kb_prefix = STORE_NS + "kb/"
    found = [
        g
        for g in svc.storage.backend.graphs()
        if g.startswith(STORE_NS) and not g.startswith(PRIVATE) and not g.startswith(kb_prefix)
    ]
    return [current, *sorted(found)]


def _run(svc: Service, query: str, accept: str) -> RawResult:
    try:
        graphs = public_graphs(svc)
        limit = svc.settings.sparql_max_results
        if svc.storage.backend.kind == "endpoint":
            limit = svc.settings.sparql_max_bytes
        return svc.storage.backend.raw_query(query, graphs, graphs, accept, limit)
    finally:
        _SLOTS.release()


async def _answer(svc: Service, query: str | None, update: str | None, accept: str) -> Response:
    if update is not None:
        raise HTTPException(403, "this endpoint is read-only: updates are refused")
    if not query:
        raise HTTPException(400, "give a SPARQL query as query=")
    if len(query) > MAX_QUERY:
        raise HTTPException(413, f"the query is longer than {MAX_QUERY:,} characters")
    try:
        assert_read_only(query)
    except UnsafeQuery as err:
        raise HTTPException(403, str(err)) from err
    if not _SLOTS.acquire(blocking=False):
        raise HTTPException(503, "the SPARQL endpoint is busy with other queries; try later")
    future = _POOL.submit(_run, svc, query, accept)
    try:
        result = await asyncio.wait_for(
            asyncio.wrap_future(future), timeout=svc.settings.sparql_timeout_s
        )
    except TimeoutError as err:
        limit = svc.settings.sparql_timeout_s
        raise HTTPException(503, f"the query ran longer than {limit:g} s and was given up") from err
    except SyntaxError as err:
        raise HTTPException(
            400, f"SPARQL syntax error: {' '.join(str(err).split())[:300]}"
        ) from err
    except ResultTooLarge as err:
        raise HTTPException(413, str(err)) from err
    except StoreUnavailable as err:
        raise HTTPException(400, str(err)) from err
    except (OSError, ValueError) as err:
        raise HTTPException(400, f"the query cannot be run: {str(err)[:300]}") from err
    return Response(result.body, media_type=result.media_type)


@router.get("/sparql")
async def sparql_get(
    request: Request, user: Viewer, svc: Annotated[Service, Depends(service)]
) -> Response:
    """SPARQL 1.1 Protocol query via GET (?query=...)."""
    params = request.query_params
    return await _answer(svc, params.get("query"), params.get("update"), _accept(request))


@router.post("/sparql")
async def sparql_post(
    request: Request, user: Viewer, svc: Annotated[Service, Depends(service)]
) -> Response:
    """SPARQL 1.1 Protocol query via POST (form query=, or application/sparql-query)."""
    kind = request.headers.get("content-type", "")
    if kind.startswith("application/sparql-update"):
        raise HTTPException(403, "this endpoint is read-only: updates are refused")
    if kind.startswith("application/sparql-query"):
        body = await request.body()
        if len(body) > MAX_QUERY * 4:
            raise HTTPException(413, f"the query is longer than {MAX_QUERY:,} characters")
        return await _answer(svc, body.decode("utf-8", "replace"), None, _accept(request))
    form = await request.form()
    query, update = form.get("query"), form.get("update")
    return await _answer(
        svc,
        query if isinstance(query, str) else None,
        update if isinstance(update, str) else None,
        _accept(request),
    )


def _accept(request: Request) -> str:
    accept = request.headers.get("accept", "")
    return (
        accept
        if "turtle" in accept or "n-triples" in accept
        else ("application/sparql-results+json, application/n-triples;q=0.9")
    )
