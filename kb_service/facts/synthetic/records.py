"""The smaller record kinds of a synthetic body (sections 5 to 12) and the whole clean body.

Clean means every judged check finds records to judge and judges them compliant; plant.py then
breaks the checks a plan names.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from kb_service.facts.synthetic.body import Builder, Record, iso
from kb_service.facts.synthetic.profiles import APPEAL_TOPICS, DONORS

DISMISSAL_GROUNDS = ("тартиптик жаза", "аттестациядан өткөн жок", "сыноо мөөнөтүнүн жыйынтыгы")


def yearly(b: Builder, prefix: str, key: str, years: list[int]) -> list[Record]:
    """One record per year, each done within the year's first quarter (never after as-of)."""
    out = []
    for year in years:
        on = b.day(dt.date(year, 1, 10), dt.date(year, 3, 31))
        out.append({"id": f"{prefix}{year}", "year": year, key: iso(on)})
    return out


def semiannual(b: Builder, halves: list[tuple[int, int]]) -> list[Record]:
    out = []
    for year, half in halves:
        ended = dt.date(year, 6, 30) if half == 1 else dt.date(year, 12, 31)
        rec: Record = {"id": f"sr{year}-{half}", "year": year, "half": half}
        out.append(rec | {"sent_on": iso(b.after(ended, 1, 12))})
    return out


def donor_invitations(b: Builder, servants: int) -> list[Record]:
    out = []
    for i in range(max(1, min(12, servants // 25 + b.rng.randint(0, 3)))):
        received = b.day(b.p_from, b.p_to)
        due = b.law.donor_due(received) or received
        rec: Record = {"id": f"di{i + 1:03d}", "donor": b.rng.choice(DONORS)}
        out.append(rec | {"received_on": iso(received), "forwarded_on": iso(b.day(received, due))})
    return out


def per_unit(b: Builder, units: list[Record]) -> dict[str, list[Record]]:
    """Ethics, reception and the personnel service: one record per unit, all in order."""
    ethics, reception, hr = [], [], []
    for unit in units:
        u = unit["id"]
        on = b.day(b.p_from, dt.date(b.p_from.year, 2, 28))
        ethics.append(
            {
                "id": f"eth-{u}",
                "unit": u,
                "commission_order": b.order("ethics_commission", u, on),
                "code_present": True,
                "work_plan_present": True,
                "sessions": b.rng.randint(1, 6),
                "measures": b.rng.randint(0, 3),
            }
        )
        reception.append(
            {
                "id": f"rc-{u}",
                "unit": u,
                "trust_phone": True,
                "public_reception": True,
                "reception_schedule": True,
                "e_register": True,
            }
        )
        hr.append({"id": f"hr-{u}", "unit": u, "safe": True, "archive": True})
    return {"ethics": ethics, "reception": reception, "hr_service": hr}


def evaluation_appeals(b: Builder, units: list[Record], servants: list[Record]) -> list[Record]:
    out = []
    for i in range(b.rng.randint(1, max(1, min(6, len(servants) // 40)))):
        filed = b.day(b.p_from, b.p_to)
        rec: Record = {"id": f"ea{i + 1:03d}", "unit": b.rng.choice(units)["id"]}
        rec |= {"servant": b.rng.choice(servants)["id"], "filed_on": iso(filed)}
        rec |= {"decided_on": iso(b.after(filed, 5, 30))}
        rec |= {"outcome": b.rng.choice(("changed", "upheld")), "materials_present": True}
        out.append(rec)
    return out


def dismissals(b: Builder, units: list[Record], servants: list[Record]) -> list[Record]:
    out = []
    for i in range(b.rng.randint(1, max(1, len(servants) // 30))):
        on = b.day(b.p_from, b.p_to)
        rec: Record = {"id": f"dm{i + 1:03d}", "unit": b.rng.choice(units)["id"]}
        rec |= {"servant": b.rng.choice(servants)["id"], "ground": b.rng.choice(DISMISSAL_GROUNDS)}
        out.append(rec | {"dismissed_on": iso(on), "notified_on": iso(b.after(on, 0, 10))})
    return out


def damage_cases(b: Builder, units: list[Record]) -> list[Record]:
    out = []
    for i in range(b.rng.choice((0, 0, 1, 2))):
        found = b.day(b.p_from, b.p_to)
        rec: Record = {"id": f"dc{i + 1:03d}", "unit": b.rng.choice(units)["id"]}
        rec |= {"found_on": iso(found), "amount": b.rng.randint(5, 400) * 1000}
        paid = b.rng.random() < 0.6
        rec["compensated"] = paid
        if paid:
            rec["compensated_on"] = iso(b.after(found, 10, 120))
        out.append(rec)
    return out


def citizen_appeals(b: Builder, units: list[Record], servants: int) -> list[Record]:
    """Appeals answered on time by every reading of the KB's deadline."""
    rng, out = b.rng, []
    many = servants * rng.uniform(0.8, 2.5) if b.profile.key == "ayil-okmotu" else servants * 0.4
    for i in range(max(3, round(many))):
        received = b.day(b.p_from, b.p_to)
        due = b.law.appeal_due(received)
        answered = b.day(received + dt.timedelta(days=1), due[0] if due else received)
        rec: Record = {"id": f"ca{i + 1:05d}", "unit": rng.choice(units)["id"]}
        rec |= {"received_on": iso(received), "answered_on": iso(answered)}
        outcome = rng.choices(("positive", "redirected", "on_merits"), (0.45, 0.15, 0.4))[0]
        out.append(rec | {"outcome": outcome, "topic": rng.choice(APPEAL_TOPICS)})
    return out


def body_orders(b: Builder, units: list[Record], servants: list[Record]) -> None:
    """Commission and staff-schedule orders of the body; awards and penalties with their basis."""
    ca = units[0]["id"]
    start, end = b.p_from, dt.date(b.p_from.year, 3, 31)
    for kind in (
        "evaluation_commission",
        "appeal_commission",
        "competition_commission",
        "disciplinary_commission",
        "staff_schedule",
    ):
        b.order(kind, ca, b.day(start, end))
    for kind, share, basis in (
        ("award", 0.06, "жетекчинин сунушу"),
        ("penalty", 0.02, "кызматтык иликтөөнүн корутундусу"),
    ):
        for _ in range(max(1, round(len(servants) * share * b.rng.uniform(0.5, 1.5)))):
            s = b.rng.choice(servants)
            extra: dict[str, Any] = {"servant": s["id"], "basis": basis, "basis_present": True}
            b.order(kind, s["unit"], b.day(b.p_from, b.p_to), **extra)


def clean_body(b: Builder, data: Record, unit_kinds: tuple[str, ...], docs: list[int]) -> Record:
    """The whole body, every record kind recorded and in order."""
    law = b.law
    units = b.units(unit_kinds)
    servants = b.servants(units)
    for i, s in enumerate(servants):
        s["id"] = f"s{i + 1:05d}"
    year = b.p_from.year
    years = sorted({year - 1, *(law.programme_years or (year,))})
    halves = sorted({(year - 1, 1), (year - 1, 2), *(law.report_halves or ())})
    data |= {
        "units": units,
        "documents": b.documents(units, docs),
        "vacancies": b.vacancies(units, len(servants)),
        "servants": servants,
        "reserve": b.reserve(units, servants),
        "trainings": b.trainings(servants),
        "needs_reports": yearly(b, "nr", "sent_on", [year - 1, year]),
        "programmes": yearly(b, "pr", "approved_on", years),
        "donor_invitations": donor_invitations(b, len(servants)),
        "semiannual_reports": semiannual(b, halves),
        **per_unit(b, units),
        "evaluation_appeals": evaluation_appeals(b, units, servants),
        "dismissals": dismissals(b, units, servants),
        "damage_cases": damage_cases(b, units),
        "citizen_appeals": citizen_appeals(b, units, len(servants)),
    }
    body_orders(b, units, servants)
    data["orders"] = b.orders
    return data


def finish(data: Record, order: tuple[str, ...]) -> Record:
    """Staff numbers from the servants on file, record kinds in the format's order, `recorded`."""
    for unit in data["units"]:
        actual = sum(s["unit"] == unit["id"] for s in data["servants"])
        unit["staff_actual"] = actual
        unit.setdefault("staff_approved", actual + (actual // 10) + (1 if actual % 3 == 0 else 0))
        unit["staff_approved"] = max(unit["staff_approved"], actual)
    top = ("id", "type", "name", "body_type", "period", "monitoring_date", "donor_trained_database")
    head: Record = {k: data[k] for k in top if k in data}
    kinds = [k for k in order if k in data]
    return head | {"recorded": kinds} | {k: data[k] for k in kinds}
