"""Checks, parameters and message templates of rules/ read into plain objects.

Kept apart from catalog.py (the memo's content) so each stays small; both read through
queries/kb/*.rq.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from kb_service.kb.catalog import Catalog, kb_rows, keyed_texts, rows_by
from kb_service.kb.store import Row

if TYPE_CHECKING:
    from kb_service.kb.knowledge_base import KnowledgeBase


@dataclass(frozen=True)
class ParameterVersion:
    amount: int
    unit: str  # years | months | calendar-days | working-days | days-unknown-kind
    valid_from: dt.date | None
    valid_until: dt.date | None
    status: str
    sources: tuple[str, ...]
    citations: tuple[str, ...]  # citation IRIs
    comment: str = ""
    bases: tuple[tuple[str, str], ...] = ()  # (citation IRI, id of the act it cites)

    def in_force(self, on: dt.date) -> bool:
        return (self.valid_from is None or on >= self.valid_from) and (
            self.valid_until is None or on < self.valid_until
        )


@dataclass(frozen=True)
class Parameter:
    id: str
    iri: str
    role: str  # cutoff | due | periods
    versions: tuple[ParameterVersion, ...]

    def version_on(self, on: dt.date) -> ParameterVersion | None:
        return next((v for v in self.versions if v.in_force(on)), None)


@dataclass(frozen=True)
class Check:
    id: str
    iri: str
    requirement: str
    query: str
    kind: (
        str  # informational | document-presence | per-record | presence | flag | count-consistency
    )
    scope: str  # unit | body
    needs: tuple[str, ...]  # class IRIs that must be recorded
    when_none: str | None
    parameters: tuple[str, ...]
    period_only: bool = False  # it looks only at records dated in the monitoring period


@dataclass
class CheckCatalog:
    catalog: Catalog
    checks: dict[str, Check]
    parameters: dict[str, Parameter]
    messages: dict[str, dict[str, str]]  # key -> lang -> template
    by_requirement: dict[str, list[Check]] = field(default_factory=dict)

    def message(self, key: str, lang: str) -> str:
        return self.messages[key][lang]

    def check_text(self, check: Check, prop: str, lang: str) -> str:
        return self.catalog.text(check.iri, prop, lang) or ""


def _checks(kb: KnowledgeBase) -> dict[str, Check]:
    checks = {}
    for check_id, group in rows_by(kb, "checks", "id").items():
        r = group[0]
        checks[check_id] = Check(
            id=check_id,
            iri=r["check"],
            requirement=r["requirement"],
            query=r["query"],
            kind=r["kind"],
            scope=r["scope"],
            needs=tuple(sorted({g["needs"] for g in group if "needs" in g})),
            when_none=r.get("none"),
            parameters=tuple(sorted({g["parameter"] for g in group if "parameter" in g})),
            # the query itself says so: it compares record dates with the period's bounds
            period_only="?periodFrom" in kb.query("checks", r["query"]).text,
        )
    return checks


def _bases(group: list[dict[str, Any]]) -> tuple[tuple[str, str], ...]:
    """Each citation of a version with the id of the act it cites, by citation IRI."""
    acts = {g["citation"]: str(g["citedAct"]).rsplit("/", 1)[-1] for g in group if "citedAct" in g}
    return tuple(sorted(acts.items()))


def _parameters(kb: KnowledgeBase) -> dict[str, Parameter]:
    versions: dict[str, dict[str, list[Row]]] = defaultdict(lambda: defaultdict(list))
    iris: dict[str, str] = {}
    roles: dict[str, str] = {}
    for row in kb_rows(kb, "parameters"):
        iris[row["id"]] = row["parameter"]
        roles[row["id"]] = row.get("role", "")
        if "version" in row:
            versions[row["id"]][row["version"]].append(row)
    params = {}
    for pid, iri in iris.items():
        built = []
        for group in versions[pid].values():
            r = group[0]
            built.append(
                ParameterVersion(
                    amount=r["amount"],
                    unit=r["unit"],
                    valid_from=r.get("from"),
                    valid_until=r.get("until"),
                    status=r["status"],
                    sources=tuple(sorted({g["source"] for g in group if "source" in g})),
                    citations=tuple(sorted({g["citation"] for g in group if "citation" in g})),
                    comment=str(r.get("comment", "")),
                    bases=_bases(group),
                )
            )
        built.sort(key=lambda v: v.valid_from or dt.date.min)
        params[pid] = Parameter(pid, iri, roles[pid], tuple(built))
    return params


def build_check_catalog(kb: KnowledgeBase) -> CheckCatalog:
    messages = keyed_texts(kb, "messages")
    checks = _checks(kb)
    by_req: dict[str, list[Check]] = defaultdict(list)
    for check in checks.values():
        by_req[check.requirement].append(check)
    return CheckCatalog(kb.catalog, checks, _parameters(kb), messages, dict(by_req))
