"""The recorded changes of acts (rules/changes.ttl) as plain data: what changed an act, or what
an act changed, how, by which item, removing which provisions, and from when."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kb_service.kb.catalog import kb_rows

if TYPE_CHECKING:
    from kb_service.kb.knowledge_base import KnowledgeBase


@dataclass(frozen=True)
class Change:
    id: str
    kind: str  # replacement | repeal | partial-repeal | amendment
    changing: str  # act id
    changed: str  # act id
    provisions: tuple[str, ...]  # IRIs of the provisions removed or amended, where a source says
    changing_provision: str | None  # IRI of the item of the changing act that makes it
    effective: dt.date | None
    effective_status: str  # how the date is known; "unknown" when no note says


def _changes(kb: KnowledgeBase) -> tuple[Change, ...]:
    rows_by_id: dict[str, list[dict[str, object]]] = {}
    for row in kb_rows(kb, "changes"):
        rows_by_id.setdefault(str(row["id"]), []).append(row)
    out = []
    for change_id, rows in rows_by_id.items():
        first = rows[0]
        effective = first.get("effective")
        out.append(
            Change(
                id=change_id,
                kind=str(first["kind"]),
                changing=str(first["changing"]),
                changed=str(first["changed"]),
                provisions=tuple(sorted({str(r["provision"]) for r in rows if "provision" in r})),
                changing_provision=str(first["changingProvision"])
                if "changingProvision" in first
                else None,
                effective=effective if isinstance(effective, dt.date) else None,
                effective_status=str(first.get("effectiveStatus") or "unknown"),
            )
        )
    return tuple(out)


def changes_of(act_id: str, *, kb: KnowledgeBase) -> tuple[Change, ...]:
    """The changes made to `act_id` and by it, in date order (undated last)."""
    mine = [c for c in kb.derived(_changes) if act_id in (c.changing, c.changed)]
    return tuple(sorted(mine, key=lambda c: (c.effective or dt.date.max, c.id)))
