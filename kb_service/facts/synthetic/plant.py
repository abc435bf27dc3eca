"""Violations planted into a clean synthetic body: one recipe per judged check of rules/checks.ttl.

A recipe changes a few records so that its check (and only the checks it names in `breaks`)
becomes non-compliant, and returns the ids of the records it changed. It picks records of units
the check looks at, and takes every date it needs from the KB (law_dates.LawDates).
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass

from kb_service.facts.synthetic.body import Builder, Record, iso


@dataclass(frozen=True)
class Target:
    """What a recipe may touch: the units its check looks at, its evidence documents."""

    units: tuple[str, ...]  # unit ids of the kinds the check's requirement applies to
    documents: tuple[int, ...]  # evidence documents the check reads (document checks)


class NoTarget(Exception):
    """The body has no record the recipe could break (the plan skips it for this body)."""


Plant = Callable[[Builder, Record, Target], list[str]]


@dataclass(frozen=True)
class Recipe:
    plant: Plant
    breaks: tuple[str, ...] = ()  # other checks it makes non-compliant too


def _one(rng: random.Random, records: list[Record], where: Callable[[Record], bool]) -> Record:
    found = [r for r in records if where(r)]
    if not found:
        raise NoTarget("no record to plant a violation in")  # a clean body always has one
    return rng.choice(found)


def _in(t: Target) -> Callable[[Record], bool]:
    return lambda r: r.get("unit") in t.units


def _flag(kind: str, key: str) -> Plant:
    """A unit's yes/no fact set to no."""

    def plant(b: Builder, data: Record, t: Target) -> list[str]:
        rec = _one(b.rng, data[kind], _in(t))
        rec[key] = False
        return [rec["unit"]]

    return plant


def _drop(
    kind: str,
    key: str,
    where: Callable[[Record, Builder], bool] | None = None,
    by_unit: bool = False,
) -> Plant:
    """A record's field (an order, a date, a protocol) removed, as if never issued; what it
    names is the record, or its unit where the check judges units (`by_unit`)."""

    def plant(b: Builder, data: Record, t: Target) -> list[str]:
        def fits(r: Record) -> bool:
            return key in r and (where is None or where(r, b)) and _covered(r, data, t)

        rec = _one(b.rng, data[kind], fits)
        rec.pop(key)
        if key == "protocol":
            rec.pop("protocol_date", None)
        return [rec["unit"] if by_unit else rec["id"]]

    return plant


def _covered(rec: Record, data: Record, t: Target) -> bool:
    """The record belongs to a unit the check looks at (or to no unit: the whole body)."""
    unit = _unit_of(rec, data)
    return unit is None or unit in t.units


def _unit_of(rec: Record, data: Record) -> str | None:
    if "unit" in rec:
        return str(rec["unit"])
    servant = next((s for s in data["servants"] if s["id"] == rec.get("servant")), None)
    return str(servant["unit"]) if servant else None


def _false(kind: str, key: str, by_unit: bool = False) -> Plant:
    """A record's yes/no fact set to no; what it names is the record, or its unit."""

    def plant(b: Builder, data: Record, t: Target) -> list[str]:
        rec = _one(b.rng, data[kind], lambda r: key in r and _covered(r, data, t))
        rec[key] = False
        return [str(_unit_of(rec, data)) if by_unit else rec["id"]]

    return plant


def _documents(b: Builder, data: Record, t: Target) -> list[str]:
    """One of the check's evidence documents absent or not shown in one unit."""
    rec = _one(
        b.rng, data["documents"], lambda r: r["unit"] in t.units and r["document"] in t.documents
    )
    rec["status"] = b.rng.choice(("absent", "not_shown"))
    rec.pop("number", None)
    rec.pop("date", None)
    return [rec["id"]]


def _no_orders(kind: str) -> Plant:
    def plant(b: Builder, data: Record, t: Target) -> list[str]:
        gone = [o["id"] for o in data["orders"] if o["kind"] == kind]
        data["orders"][:] = [o for o in data["orders"] if o["kind"] != kind]  # the builder's list
        return gone

    return plant


def _in_period(rec: Record, b: Builder, kinds: tuple[str, ...]) -> bool:
    return rec["kind"] in kinds and b.p_from <= dt.date.fromisoformat(rec["date"]) <= b.p_to


def _stale_servant(b: Builder, data: Record, t: Target) -> list[str]:
    """A servant appointed long ago whose last training is before the KB's cut-off date."""
    cut = b.law.training_cutoff
    if cut is None:
        return []
    appointed = b.day(dt.date(cut.year - 8, 1, 1), cut - dt.timedelta(days=400))
    unit = b.rng.choice(t.units or tuple(u["id"] for u in data["units"]))
    s = b.servant(unit, appointed)
    s["id"] = f"s{len(data['servants']) + 1:05d}"
    data["servants"].append(s)
    on = b.day(appointed, cut - dt.timedelta(days=1))
    t_rec = b.training(s, on, "short") | {"id": f"t{len(data['trainings']) + 1:05d}"}
    data["trainings"].append(t_rec)  # its referral order joined the builder's (the body's) list
    return [s["id"]]


def _late_donor(b: Builder, data: Record, t: Target) -> list[str]:
    """An invitation forwarded after its working-day due date, or never forwarded."""

    def due(r: Record) -> dt.date | None:
        return b.law.donor_due(dt.date.fromisoformat(r["received_on"]))

    rec = _one(b.rng, data["donor_invitations"], lambda r: (due(r) or b.as_of) < b.as_of)
    last = due(rec) or b.as_of
    if b.rng.random() < 0.5:
        rec.pop("forwarded_on")
    else:
        rec["forwarded_on"] = iso(b.after(last, 1, 20))
    return [rec["id"]]


def _late_appeal(b: Builder, data: Record, t: Target) -> list[str]:
    """An appeal answered after the latest reading of its due date, or never answered."""

    def late_after(r: Record) -> dt.date:
        due = b.law.appeal_due(dt.date.fromisoformat(r["received_on"]))
        return due[1] if due else b.as_of

    rec = _one(b.rng, data["citizen_appeals"], lambda r: _in(t)(r) and late_after(r) < b.as_of)
    last = late_after(rec)
    if b.rng.random() < 0.3:
        rec.pop("answered_on")
        rec.pop("outcome")
    else:
        rec["answered_on"] = iso(b.after(last, 1, 30))
    return [rec["id"]]


def _period_of(rec: Record) -> object:
    """A yearly record's year, a half-yearly record's (year, half)."""
    return (rec["year"], rec["half"]) if "half" in rec else rec["year"]


def _missing_year(kind: str, key: str, years: Callable[[Builder], tuple[object, ...]]) -> Plant:
    """The record of one year (or half-year) the period needs, left without its date."""

    def plant(b: Builder, data: Record, t: Target) -> list[str]:
        wanted = years(b)
        rec = _one(b.rng, data[kind], lambda r: _period_of(r) in wanted)
        rec.pop(key)
        return [rec["id"]]

    return plant


def _body_flag(b: Builder, data: Record, t: Target) -> list[str]:
    data["donor_trained_database"] = False
    return [data["id"]]


RECIPES: dict[str, Recipe] = {
    "competition-protocols": Recipe(
        _drop("vacancies", "protocol", lambda r, b: r.get("filled_by") == "competition")
    ),
    "staff-schedule-documents": Recipe(_documents),
    "qualification": Recipe(_false("servants", "meets_qualification")),
    "qualification-documents": Recipe(_documents),
    "files-match-staff": Recipe(_false("servants", "personal_file", by_unit=True)),
    "reserve-inclusion-orders": Recipe(_drop("reserve", "inclusion_order")),
    "reserve-removal-orders": Recipe(_drop("reserve", "removal_order")),
    "long-training-orders": Recipe(
        _drop("trainings", "order", lambda r, b: _in_period(r, b, ("medium", "long"))),
        breaks=("training-orders",),
    ),
    "training-orders": Recipe(
        _drop("trainings", "order", lambda r, b: _in_period(r, b, ("short",)))
    ),
    "needs-reports-sent": Recipe(_drop("needs_reports", "sent_on")),
    "annual-programme": Recipe(
        _missing_year("programmes", "approved_on", lambda b: b.law.programme_years or ())
    ),
    "training-recency": Recipe(_stale_servant),
    "donor-forwarding": Recipe(_late_donor),
    "donor-database": Recipe(_body_flag),
    "semiannual-reports": Recipe(
        _missing_year("semiannual_reports", "sent_on", lambda b: b.law.report_halves or ())
    ),
    "class-rank-documents": Recipe(_documents),
    "order-basis": Recipe(_false("orders", "basis_present")),
    "ethics-commission": Recipe(_drop("ethics", "commission_order", by_unit=True)),
    "ethics-code": Recipe(_flag("ethics", "code_present")),
    "ethics-work-plan": Recipe(_flag("ethics", "work_plan_present")),
    "evaluation-commission": Recipe(_no_orders("evaluation_commission")),
    "appeal-commission": Recipe(_no_orders("appeal_commission")),
    "evaluation-appeal-materials": Recipe(_false("evaluation_appeals", "materials_present")),
    "dismissal-notifications": Recipe(_drop("dismissals", "notified_on")),
    "reception": Recipe(_flag("reception", "trust_phone")),
    "appeal-deadline": Recipe(_late_appeal),
    "e-register": Recipe(_flag("reception", "e_register")),
    "hr-safe": Recipe(_flag("hr_service", "safe")),
    "hr-archive": Recipe(_flag("hr_service", "archive")),
}
