"""Legal staff's pages (role legal-editor): record an act or edition, amend / repeal / replace,
re-point a citation, change a parameter from a date, edit a requirement's text, undo; the
impact report with the stored assessments that relied on the act, citation health, and diff.

Each edit runs through the same route functions as the JSON API (kb_service/api/routes/edit.py,
which call the kb_service.app.edit_cases use cases of `kb act` / `kb rule` and mark stale the
stored assessments the change touches)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, Response
from pydantic import BaseModel, ValidationError

from kb_service.api.routes import edit
from kb_service.api.state import service
from kb_service.api.web.errors import WebRoute
from kb_service.api.web.forms import Asked
from kb_service.api.web.pages import kb_of, lang_of, page
from kb_service.api.web.session import posted, require
from kb_service.app import edit_cases, use_cases
from kb_service.core.problems import Problem, ProblemsError

router = APIRouter(include_in_schema=False, route_class=WebRoute)
LISTS = ("provisions", "basis")  # fields given as comma-separated lists
# operation -> (request model, route function of the JSON API)
OPERATIONS: dict[str, tuple[type[BaseModel], Callable[..., dict[str, Any]]]] = {
    "act-add": (edit.ActAdd, edit.act_add),
    "act-change": (edit.ActChange, edit.act_change),
    "repoint": (edit.Repoint, edit.repoint),
    "parameter": (edit.Parameter, edit.parameter),
    "text": (edit.Text, edit.text),
}


def _choices(request: Request) -> dict[str, Any]:
    kb = kb_of(request)
    cat = kb.catalog
    return {
        "acts": sorted(cat.acts),
        "parameters": sorted(kb.checks.parameters),
        "citations": sorted(c.rsplit("/", 1)[-1] for c in kb.citations),
        "requirements": sorted(cat.requirements),
        "kinds": edit_cases.CHANGE_KINDS,
        "act_types": sorted(cat.act_types),
        "units": ("years", "months", "calendar-days", "working-days"),
        "today": dt.date.today(),
    }


@router.get("/legal", response_class=HTMLResponse)
def legal(request: Request) -> HTMLResponse:
    require(request, "legal-editor")
    return page(request, "legal.html.j2", problems=[], outcome=None, **_choices(request))


def _request(operation: str, fields: dict[str, str]) -> BaseModel:
    model = OPERATIONS[operation][0]
    values: dict[str, Any] = {k: v.strip() for k, v in fields.items() if k != "csrf" and v.strip()}
    for key in LISTS:
        if key in values:
            values[key] = [p.strip() for p in values[key].split(",") if p.strip()]
    titles = {lg: values.pop(f"title_{lg}") for lg in ("ky", "ru", "en") if f"title_{lg}" in values}
    if titles:
        values["titles"] = titles
    values["dry_run"] = fields.get("dry_run") == "yes"
    try:
        return model(**values)
    except ValidationError as err:
        raise ProblemsError(
            [Problem("form", e["msg"], ".".join(str(x) for x in e["loc"]), str(e["loc"][-1]))
             for e in err.errors()]
        ) from err  # fmt: skip


def _rejected(err: HTTPException) -> list[Problem]:
    detail = err.detail
    if isinstance(detail, dict) and isinstance(detail.get("problems"), list):
        return [Problem(**p) for p in detail["problems"]]
    return [Problem("edit", str(detail))]


@router.post("/legal/{operation}", response_model=None)
async def run(request: Request, operation: str) -> Response:
    user, fields = await posted(request, "legal-editor")
    if operation not in OPERATIONS:
        raise HTTPException(404)
    req = _request(operation, fields)
    try:
        outcome = OPERATIONS[operation][1](req, user, service(request))
    except HTTPException as err:
        if err.status_code != 422:
            raise
        return page(request, "legal.html.j2", 400, problems=_rejected(err), outcome=None,
                    **_choices(request))  # fmt: skip
    storage = service(request).storage
    outcome["stale_versions"] = [storage.latest(s["id"]) for s in outcome.get("stale", [])]
    return page(request, "legal.html.j2", problems=[], outcome=outcome, **_choices(request))


@router.post("/legal-undo", response_model=None)
async def undo(request: Request) -> Response:
    user, _ = await posted(request, "legal-editor")
    outcome = edit.undo(user, service(request))
    return page(request, "legal.html.j2", problems=[], outcome=outcome, **_choices(request))


def _day(asked: Asked) -> dt.date:
    return asked.date("as_of", dt.date.today()) or dt.date.today()


@router.get("/legal/impact", response_class=HTMLResponse)
def impact(request: Request) -> HTMLResponse:
    require(request, "legal-editor")
    kb = kb_of(request)
    asked = Asked(request.query_params, "query")
    act = asked.choice("act", tuple(kb.catalog.acts))
    day = _day(asked)
    result, stored = None, []
    if act and not asked.problems:
        result = use_cases.impact(act, day, lang_of(request), kb=kb)
        checks = [c.id for c in result.checks]
        stored = service(request).storage.relying_on([act], checks)
    return page(
        request, "legal_impact.html.j2", result=result, stored=stored, act=act, as_of=day,
        problems=asked.problems, **_choices(request),
    )  # fmt: skip


@router.get("/legal/stale", response_class=HTMLResponse)
def stale(request: Request) -> HTMLResponse:
    require(request, "legal-editor")
    found = [v for v in service(request).storage.assessments() if v.stale]
    return page(request, "legal_stale.html.j2", stored=found, problems=[])


@router.get("/legal/citations", response_class=HTMLResponse)
def citations(request: Request) -> HTMLResponse:
    require(request, "legal-editor")
    asked = Asked(request.query_params, "query")
    health = use_cases.citations(_day(asked), lang_of(request), kb=kb_of(request))
    text = use_cases.citations_bytes(health, "text").decode("utf-8")
    return page(request, "legal_text.html.j2", heading="ui_legal_citations", text=text,
                as_of=_day(asked), problems=asked.problems, form="citations")  # fmt: skip


@router.get("/legal/diff", response_class=HTMLResponse)
def diff(request: Request) -> HTMLResponse:
    require(request, "legal-editor")
    asked = Asked(request.query_params, "query")
    rev1, rev2 = asked.text("rev1", 200), asked.text("rev2", 200)
    text = ""
    if rev1 and rev2 and not asked.problems:
        result = edit_cases.rules_diff(rev1, rev2, _day(asked))
        text = edit_cases.diff_bytes(result, "text").decode("utf-8")
    return page(request, "legal_text.html.j2", heading="ui_legal_diff", text=text,
                as_of=_day(asked), problems=asked.problems, form="diff")  # fmt: skip
