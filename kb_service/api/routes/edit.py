"""Legal staff's edits of the rules (the use cases of `kb act` / `kb rule`), and `kb diff`.

A written edit changes the KB's revision: the new revision is loaded into the store, and the
stored assessments whose findings relied on the acts or parameters it touches are marked stale
(re-evaluate them with POST /api/assessments/{id}/reevaluate).
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Query
from pydantic import BaseModel, Field

from kb_service.api.auth import LegalEditor, Viewer
from kb_service.api.common import AsOf, as_of_date, plain
from kb_service.api.state import Service, service
from kb_service.app import assessments as cases
from kb_service.app import edit_cases as ec
from kb_service.editing.provenance import Why
from kb_service.editing.service import Build, EditRejected
from kb_service.models.rules_diff import RulesDiff
from kb_service.models.service import User

router = APIRouter(prefix="/api", tags=["editing"])
REVISION = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.~^-]{0,99}")
Svc = Annotated[Service, Depends(service)]
TEXT = Field(default=None, max_length=2000)
ID = Field(max_length=120)


class EditBase(BaseModel):
    why: str = Field(min_length=1, max_length=2000)
    cause: str | None = Field(default=None, max_length=120)
    dry_run: bool = False
    lang: Literal["ky", "ru", "en"] = "en"


class Sourced(EditBase):
    source: str = ID
    verification: str = Field(default="verified", max_length=40)


class ActAdd(Sourced):
    act_id: str = ID
    type: str = ID
    issuer: str = ID
    number: str | None = Field(default=None, max_length=80)
    date: dt.date | None = None
    in_force_from: dt.date | None = None
    titles: dict[str, str] = Field(default_factory=dict, max_length=3)
    validity: str = Field(default="unknown", max_length=40)
    note: str | None = TEXT


class ActChange(Sourced):
    old: str = ID
    kind: str = Field(max_length=40)
    by_act: str = ID
    effective: dt.date | None = None  # None: from a date no source states
    provisions: list[str] = Field(default_factory=list, max_length=50)
    changing_provision: str | None = Field(default=None, max_length=120)
    date_status: str = Field(default="verified", max_length=40)
    comment: str | None = TEXT


class Repoint(Sourced):
    citation: str = ID
    to: str = ID
    effective: dt.date
    provision: str | None = Field(default=None, max_length=120)
    new_id: str | None = Field(default=None, max_length=120)


class Parameter(Sourced):
    parameter: str = ID
    amount: int = Field(ge=1, le=1_000_000)
    unit: str = Field(max_length=40)
    effective: dt.date
    basis: list[str] = Field(min_length=1, max_length=20)
    comment: str | None = TEXT


class Text(EditBase):
    requirement: str = ID
    text_lang: Literal["ky", "ru", "en"]
    text: str = Field(min_length=1, max_length=4000)


def _run(
    svc: Service, user: User, req: EditBase, operation: str, build: Build, acts: list[str],
    as_of: dt.date | None = None, parameters: tuple[str, ...] = (),
) -> dict[str, Any]:  # fmt: skip
    root = svc.kb().root
    why = Why(user.name, req.why, req.cause)
    try:
        out = ec.run_edit(
            operation, build, why, root=root, acts=acts, dry_run=req.dry_run, as_of=as_of,
            lang=req.lang,
        )  # fmt: skip
    except EditRejected as err:
        raise HTTPException(422, {"problems": [plain(p) for p in err.problems]}) from err
    answer: dict[str, Any] = {**plain(out), "stale": []}
    if out.written:
        kb = svc.kb()  # the new revision, loaded into the store
        changed = [*acts, *([req.cause] if req.cause else [])]
        reason = f"edit {out.edit_id} ({operation}) by {user.name}: KB revision {kb.revision}"
        stale = cases.mark_stale_after_edit(
            svc.storage, acts=changed, parameters=parameters, reason=reason, who=user.name, kb=kb
        )
        answer["kb_revision"] = kb.revision
        answer["stale"] = [{"id": v.id, "version": v.version, "body_id": v.body_id} for v in stale]
    return answer


@router.post("/edit/act-add")
def act_add(req: ActAdd, user: LegalEditor, svc: Svc) -> dict[str, Any]:
    """Record a new act or edition."""
    act = ec.NewAct(
        req.act_id, req.type, req.issuer, req.source, req.number, req.date, req.in_force_from,
        req.titles, req.verification, {}, req.validity, None, req.note,
    )  # fmt: skip
    return _run(svc, user, req, "act-add", lambda ws: ec.add_act(ws, act, ec.today()), [req.act_id])


@router.post("/edit/act-change")
def act_change(req: ActChange, user: LegalEditor, svc: Svc) -> dict[str, Any]:
    """An act amended, repealed (wholly or partly) or replaced by another, from a date."""
    ch = ec.Change(
        req.old, req.kind, req.by_act, req.source, req.effective, req.provisions,
        req.changing_provision, req.verification, req.date_status, req.comment,
    )  # fmt: skip
    build: Build = lambda ws: ec.change_act(ws, ch, ec.today())  # noqa: E731
    return _run(svc, user, req, f"act-{req.kind}", build, [req.old, req.by_act], req.effective)


@router.post("/edit/repoint")
def repoint(req: Repoint, user: LegalEditor, svc: Svc) -> dict[str, Any]:
    """Re-point a citation to another act from a date."""
    basis = ec.Basis(req.source, req.verification)

    def build(ws: Any) -> list[str]:
        return ec.repoint(
            ws, req.citation, req.to, req.effective, basis, ec.today(), req.provision, req.new_id
        )

    return _run(svc, user, req, "rule-repoint", build, [req.to], req.effective)


@router.post("/edit/parameter")
def parameter(req: Parameter, user: LegalEditor, svc: Svc) -> dict[str, Any]:
    """A parameter's new value from a date."""
    basis = ec.Basis(req.source, req.verification)

    def build(ws: Any) -> list[str]:
        return ec.new_value(
            ws, req.parameter, req.amount, req.unit, req.effective, req.basis, basis,
            ec.today(), req.comment,
        )  # fmt: skip

    acts = [req.cause] if req.cause else []
    return _run(svc, user, req, "rule-parameter", build, acts, req.effective, (req.parameter,))


@router.post("/edit/text")
def text(req: Text, user: LegalEditor, svc: Svc) -> dict[str, Any]:
    """A requirement's wording in one language."""
    build: Build = lambda ws: ec.requirement_text(ws, req.requirement, req.text_lang, req.text)  # noqa: E731
    return _run(svc, user, req, "rule-text", build, [])


@router.post("/edit/undo")
def undo(user: LegalEditor, svc: Svc) -> dict[str, Any]:
    """Put the files of the last edit back, byte for byte."""
    eid, operation, files = ec.undo_last(svc.kb().root)
    return {
        "edit_id": eid,
        "operation": operation,
        "files": files,
        "kb_revision": svc.kb().revision,
    }


@router.get("/diff", response_model=RulesDiff)
def diff(
    user: Viewer, rev1: str = Query(max_length=200), rev2: str = Query(max_length=200),
    as_of: str | None = AsOf,
) -> RulesDiff:  # fmt: skip
    """What changed in the rules between two git revisions, and which example findings flip.
    Only git revisions: never a folder of the server."""
    for rev in (rev1, rev2):
        if not REVISION.fullmatch(rev) or ".." in rev or Path(rev).exists():
            raise HTTPException(422, f"{rev[:40]!r}: expected a git revision (a commit or tag)")
    return ec.rules_diff(rev1, rev2, as_of_date(as_of))
