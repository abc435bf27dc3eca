"""One assessment: the observation form section by section (findings shown once a section's
facts are complete), uploading the workbook or JSON, evaluating, the findings report with
filters, and its downloads (kb_service.app.assessments, kb_service.render.report)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from kb_service.api.state import service
from kb_service.api.web import facts_form
from kb_service.api.web.errors import WebRoute
from kb_service.api.web.forms import Asked
from kb_service.api.web.pages import download, kb_of, lang_of, page, secure
from kb_service.api.web.session import posted, require
from kb_service.app import assessments as cases
from kb_service.app import kb_browse
from kb_service.app.evaluation_pool import Refused
from kb_service.core.problems import FactsError, Problem
from kb_service.facts.limits import DEFAULT as LIMITS
from kb_service.models.findings import STATUSES
from kb_service.render.report import render_report

router = APIRouter(include_in_schema=False, route_class=WebRoute)
FILES = {"html": "text/html; charset=utf-8", "pdf": "application/pdf", "json": "application/json"}


def _see(url: str) -> Response:
    return secure(RedirectResponse(url, status_code=303))


def _sections(request: Request) -> list[dict[str, Any]]:
    view = kb_browse.overview(dt.date.today(), lang_of(request), kb=kb_of(request))
    return [s for s in view["sections"] if s["evaluated"]]


def _form_page(
    request: Request, aid: str, section: int, facts: dict[str, Any],
    problems: list[Problem], status: int = 200,
) -> HTMLResponse:  # fmt: skip
    storage, kb, lang = service(request).storage, kb_of(request), lang_of(request)
    latest = storage.latest(aid)
    done = facts_form.complete(section, facts, kb)
    findings = []
    if done and not problems:
        evaluation = storage.stored_evaluation(aid, latest.version)
        findings = [f for f in evaluation.findings if f.section == section]
    slots = facts_form.document_slots(section, facts, kb)
    docs = facts.get("documents") or []
    doc_titles = {
        d["number"]: d["text"]
        for d in kb_browse.document_lines(kb.catalog, sorted(kb.catalog.documents), lang)
    }
    return page(
        request, "assessment_form.html.j2", status, assessment=latest, section=section,
        sections=_sections(request), tables=facts_form.tables(section, facts, lang, kb),
        slots=[(i, docs[i]) for i in slots], doc_titles=doc_titles,
        doc_statuses=facts_form.code_options("doc_status", lang, kb), complete=done,
        findings=findings, problems=problems, body=storage.body(latest.body_id),
    )  # fmt: skip


def _section(request: Request) -> int:
    asked = Asked(request.query_params, "query")
    number = asked.number("section") or 1
    evaluated = [s["number"] for s in _sections(request)]
    return number if number in evaluated else evaluated[0]


@router.get("/assessments/{aid}/form", response_class=HTMLResponse)
def form(request: Request, aid: str) -> HTMLResponse:
    require(request, "inspector")
    storage = service(request).storage
    latest = storage.latest(aid)
    facts = storage.stored_facts(aid, latest.version)
    return _form_page(request, aid, _section(request), facts, [])


async def _store(request: Request, aid: str, data: dict[str, Any], who: str, reason: str) -> None:
    """The facts evaluated by a worker and stored as the assessment's next version."""
    svc = service(request)
    latest = await run_in_threadpool(svc.storage.latest, aid)
    as_of = dt.date.fromisoformat(latest.as_of)
    done = await svc.evaluated(("data", data, "facts.json"), as_of, latest.lang)
    await svc.store(latest.body_id, done, who, aid, reason)


@router.post("/assessments/{aid}/form", response_model=None)
async def save_section(request: Request, aid: str) -> Response:
    user, fields = await posted(request, "inspector")
    storage, kb = service(request).storage, kb_of(request)
    section = _section(request)
    old = storage.stored_facts(aid, storage.latest(aid).version)
    data = facts_form.merged(section, old, fields, kb)
    try:
        await _store(request, aid, data, user.name, "new-facts")
    except FactsError as exc:  # shown in the form, with what was typed; nothing stored
        return _form_page(request, aid, section, data, list(exc.problems), 400)
    return _see(f"/assessments/{aid}/form?section={section}#findings")


@router.post("/assessments/{aid}/upload", response_model=None)
async def upload(request: Request, aid: str) -> Response:
    user, _ = await posted(request, "inspector")
    svc = service(request)
    storage = svc.storage
    latest = storage.latest(aid)
    sent = (await request.form()).get("file")
    if sent is None or isinstance(sent, str):
        raise FactsError([Problem("upload", "no file was sent", "file", "", "a .xlsx or .json")])
    content = await sent.read(LIMITS.file_bytes + 1)
    as_of = dt.date.fromisoformat(latest.as_of)
    done = await svc.evaluated(("upload", sent.filename or "", content), as_of, latest.lang)
    if isinstance(done, Refused):
        raise done.error()
    old = storage.stored_facts(aid, latest.version)
    data = facts_form.merged_upload(old, done.prepared.facts or {})
    try:
        await _store(request, aid, data, user.name, "new-facts")
    except FactsError as exc:
        return _form_page(request, aid, 1, data, list(exc.problems), 400)
    return _see(f"/assessments/{aid}")


@router.post("/assessments/{aid}/evaluate", response_model=None)
async def evaluate(request: Request, aid: str) -> Response:
    user, _ = await posted(request, "reevaluate")
    new, _change = await service(request).reevaluate(aid, user.name)
    before = new.version - 1
    return _see(f"/assessments/{aid}?changed_from={before}")


@router.get("/assessments/{aid}", response_class=HTMLResponse)
def report(request: Request, aid: str) -> HTMLResponse:
    require(request, "viewer")
    storage = service(request).storage
    asked = Asked(request.query_params, "query")
    versions = storage.versions(aid)
    number = asked.number("version") or versions[-1].version
    chosen = storage.version(aid, number)
    evaluation = storage.stored_evaluation(aid, chosen.version)
    section = asked.number("section")
    status = asked.choice("status", STATUSES)
    findings = [
        f
        for f in evaluation.findings
        if (section is None or f.section == section) and (status is None or f.status == status)
    ]
    change = None
    since = asked.number("changed_from")
    if since and any(v.version == since for v in versions):
        change = cases.compare(storage.version(aid, since), chosen)
    return page(
        request, "assessment.html.j2", assessment=chosen, versions=versions,
        body=storage.body(chosen.body_id), findings=findings, statuses=STATUSES,
        sections=_sections(request), section=section, status=status, change=change,
        problems=asked.problems,
    )  # fmt: skip


@router.get("/assessments/{aid}/file", response_model=None)
def report_file(request: Request, aid: str) -> Response:
    require(request, "viewer")
    asked = Asked(request.query_params, "query")
    fmt = asked.choice("format", tuple(FILES)) or "pdf"
    evaluation = cases.report_evaluation(service(request).storage, aid, asked.number("version"))
    return download(render_report(evaluation, fmt), FILES[fmt], f"assessment-{aid}.{fmt}")
