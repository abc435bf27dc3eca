"""Bodies: register one, its assessments' history, a new assessment, evidence files, and the
comparison of two of its assessments (kb_service.storage and kb_service.app.assessments)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse, Response

from kb_service.api.state import service
from kb_service.api.web.errors import WebRoute
from kb_service.api.web.forms import Asked
from kb_service.api.web.pages import kb_of, lang_of, page, secure
from kb_service.api.web.session import posted, require
from kb_service.app import assessments as cases
from kb_service.app import kb_browse
from kb_service.core.problems import ProblemsError
from kb_service.facts.schema import body_base
from kb_service.facts.template import blank_facts

router = APIRouter(include_in_schema=False, route_class=WebRoute)


def _see(url: str) -> Response:
    return secure(RedirectResponse(url, status_code=303))


@router.get("/bodies", response_class=HTMLResponse)
def bodies(request: Request) -> HTMLResponse:
    require(request, "viewer")
    found = sorted(service(request).storage.bodies(), key=lambda b: b.name)
    types = kb_browse.body_types(kb_of(request), lang_of(request))
    return page(request, "bodies.html.j2", bodies=found, body_types=types, problems=[])


@router.post("/bodies", response_model=None)
async def register(request: Request) -> Response:
    user, form = await posted(request, "inspector")
    asked = Asked(form)
    kb = kb_of(request)
    body_id, name = asked.text("id", 64), asked.text("name", 500)
    body_type = asked.choice("body_type", tuple(kb.catalog.body_types))
    for key, value in (("id", body_id), ("name", name), ("body_type", body_type)):
        if not value:
            asked.missing(key)
    if asked.problems:
        raise ProblemsError(asked.problems)
    assert body_type is not None
    svc = service(request)
    svc.storage.create_body(body_id, name, body_type, user.name, asked.text("notes"))
    return _see(f"/bodies/{body_id}")


def _history(request: Request, body_id: str) -> list[Any]:
    storage = service(request).storage
    latest = storage.assessments(body_id)
    return [storage.versions(a.id) for a in sorted(latest, key=lambda a: a.evaluated_at)]


@router.get("/bodies/{body_id}", response_class=HTMLResponse)
def body(request: Request, body_id: str) -> HTMLResponse:
    require(request, "viewer")
    storage = service(request).storage
    found = storage.body(body_id)
    kb = kb_of(request)
    units = list(kb.catalog.body_types[found.body_type].unit_kinds)
    docs = kb_browse.document_lines(kb.catalog, sorted(kb.catalog.documents), lang_of(request))
    return page(
        request, "body.html.j2", body=found, history=_history(request, body_id),
        evidence=storage.evidence_of(body_id), units=units, documents=docs,
        today=dt.date.today(), problems=[],
    )  # fmt: skip


@router.post("/bodies/{body_id}/assessments", response_model=None)
async def new_assessment(request: Request, body_id: str) -> Response:
    user, form = await posted(request, "inspector")
    svc, kb = service(request), kb_of(request)
    found = svc.storage.body(body_id)
    asked = Asked(form)
    as_of = asked.date("as_of")
    dates = {k: asked.date(k) for k in ("from", "to", "monitoring_date")}
    for key, value in {"as_of": as_of, **dates}.items():
        if value is None:
            asked.missing(key)
    if asked.problems or as_of is None:
        raise ProblemsError(asked.problems)
    data = blank_facts(found.body_type, kb=kb, placeholders=False)
    data["@context"][1]["@base"] = body_base(found.id)
    data.update(id=found.id, name=found.name)
    data["period"] = {"from": str(dates["from"]), "to": str(dates["to"])}
    data["monitoring_date"] = str(dates["monitoring_date"])
    facts = cases.facts_from_json(data, as_of, kb=kb)
    lang = lang_of(request)
    version = cases.store_assessment(svc.storage, found.id, facts, as_of, lang, user.name, kb=kb)
    return _see(f"/assessments/{version.id}/form?section=1")


@router.post("/bodies/{body_id}/evidence", response_model=None)
async def attach(request: Request, body_id: str) -> Response:
    user, form = await posted(request, "inspector")
    asked = Asked(form)
    upload = (await request.form()).get("file")
    content = await upload.read() if upload is not None and not isinstance(upload, str) else b""
    name = upload.filename or "" if upload is not None and not isinstance(upload, str) else ""
    storage = service(request).storage
    unit = asked.text("unit", 64) or None
    storage.add_evidence(body_id, unit, asked.number("document"), name, content, user.name)
    return _see(f"/bodies/{body_id}#evidence")


@router.get("/evidence/{evidence_id}", response_model=None)
def evidence_file(request: Request, evidence_id: str) -> Response:
    require(request, "viewer")
    record, path = service(request).storage.evidence(evidence_id)
    response = FileResponse(path, media_type=record.media_type, filename=record.filename)
    return secure(response)


def _version_ref(storage: Any, text: str) -> Any:
    aid, _, number = text.partition(":")
    return storage.version(aid, int(number) if number.isdigit() else None)


@router.get("/bodies/{body_id}/compare", response_class=HTMLResponse)
def compare(request: Request, body_id: str) -> HTMLResponse:
    require(request, "viewer")
    storage = service(request).storage
    asked = Asked(request.query_params, "query")
    first, second = asked.text("a", 80), asked.text("b", 80)
    if not first or not second:
        asked.missing("a" if not first else "b")
        raise ProblemsError(asked.problems)
    before, after = _version_ref(storage, first), _version_ref(storage, second)
    result = cases.compare(before, after)
    return page(
        request, "compare.html.j2", body=storage.body(body_id), result=result,
        before=before, after=after, problems=[],
    )  # fmt: skip
