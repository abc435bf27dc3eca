"""Users and roles (admin), and the audit log."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends
from pydantic import BaseModel, Field

from kb_service.api.auth import Admin
from kb_service.api.state import Service, service
from kb_service.models import service as m

router = APIRouter(prefix="/api", tags=["users and audit"])
Svc = Annotated[Service, Depends(service)]
ROLE = Field(pattern="^(viewer|inspector|legal-editor|admin)$")


class NewUser(BaseModel):
    name: str = Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,79}$")
    role: str = ROLE
    password: str = Field(min_length=10, max_length=1024)


class UserChange(BaseModel):
    role: str | None = ROLE
    password: str | None = Field(default=None, min_length=10, max_length=1024)
    active: bool | None = None


@router.get("/users", response_model=list[m.User])
def users(user: Admin, svc: Svc) -> list[m.User]:
    return svc.storage.users()


@router.post("/users", response_model=m.User, status_code=201)
def add_user(new: NewUser, user: Admin, svc: Svc) -> m.User:
    return svc.storage.add_user(new.name, new.role, new.password, user.name)


@router.patch("/users/{name}", response_model=m.User)
def change_user(name: str, change: UserChange, user: Admin, svc: Svc) -> m.User:
    return svc.storage.update_user(name, user.name, change.role, change.password, change.active)


@router.get("/audit", response_model=list[m.AuditEntry])
def audit_log(user: Admin, svc: Svc, after: int = 0, limit: int = 500) -> list[m.AuditEntry]:
    return [e for e in svc.storage.audit_log() if e.seq > after][: max(1, min(limit, 5000))]


@router.get("/audit/verify", response_model=m.AuditCheck)
def verify(user: Admin, svc: Svc) -> m.AuditCheck:
    """Recompute the audit chain: every entry's hash and its link to the one before."""
    return svc.storage.verify_audit()
