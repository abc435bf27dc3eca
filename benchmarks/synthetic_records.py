"""Record builders shared by the synthetic bodies: dates, orders and the smaller record kinds
(sections 5 to 12). Every date is clamped to the as-of date, so load_facts accepts the output."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

# Mostly ministries and agencies; some district administrations and municipalities.
BODY_TYPES = (
    ("state-body", 0.7),
    ("district-administration", 0.15),
    ("local-self-government", 0.15),
)
UNIT_NAMES = {
    "central-apparatus": ("ca", "Борбордук аппарат"),
    "departmental-units": ("du1", "Ведомстволук бөлүмдөр"),
    "territorial-units": ("tu1", "Аймактык бөлүмдөр"),
}
GROUPS = (("highest", 0.05), ("main", 0.3), ("senior", 0.35), ("junior", 0.3))
POSITIONS = ("башкы адис", "жетектөөчү адис", "адис", "бөлүм башчысы", "сектор башчысы")
TOPICS = ("жер маселеси", "социалдык жардам", "кызматка кабыл алуу", "салык", "билим берүү")
DONORS = ("GIZ", "ПРООН", "USAID", "ЕБ", "JICA")


def pick(rng: random.Random, weighted: tuple[tuple[str, float], ...]) -> str:
    return rng.choices([k for k, _ in weighted], [w for _, w in weighted])[0]


def day(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    return start + dt.timedelta(days=rng.randint(0, max(0, (end - start).days)))


def iso(d: dt.date) -> str:
    return d.isoformat()


class Records:
    """Per-body state (random source, period, orders so far) and the smaller record kinds."""

    def __init__(self, rng: random.Random, index: int, as_of: dt.date) -> None:
        self.rng, self.as_of = rng, as_of
        self.year = as_of.year - 1  # the monitored period: the previous calendar year
        self.p_from, self.p_to = dt.date(self.year, 1, 1), dt.date(self.year, 12, 31)
        self.body_type = pick(rng, BODY_TYPES)
        self.id = f"syn-{index:04d}"
        self.orders: list[dict[str, Any]] = []
        self.batches: dict[tuple[str, int, int], str] = {}  # (unit, year, month) -> order id
        # careful bodies (about 40%) lapse a tenth as often, so per-record checks still
        # come out compliant for some bodies despite 70 servants each
        self.slack = 0.1 if rng.random() < 0.4 else 1.0

    def lapse(self, p: float) -> bool:
        return self.rng.random() < p * self.slack

    def referral(self, unit: str, on: dt.date) -> str:
        """One training-referral order per unit and month, as HR services usually issue them."""
        key = (unit, on.year, on.month)
        if key not in self.batches:
            self.batches[key] = self.order("training_referral", unit, on.replace(day=1))
        return self.batches[key]

    def date(self, start: dt.date, end: dt.date) -> dt.date:
        return day(self.rng, min(start, self.as_of), min(end, self.as_of))

    def later(self, start: dt.date, lo: int, hi: int) -> dt.date | None:
        """A date lo..hi days after start, or None when it would fall after the as-of date."""
        d = start + dt.timedelta(days=self.rng.randint(lo, hi))
        return d if d <= self.as_of else None

    def order(self, kind: str, unit: str | None, on: dt.date, **extra: Any) -> str:
        oid = f"o{len(self.orders) + 1:03d}"
        rec = {"id": oid, "kind": kind, "number": f"{len(self.orders) + 1}-к", "date": iso(on)}
        if unit:
            rec["unit"] = unit
        self.orders.append(rec | extra)
        return oid

    def yearly(self, prefix: str, date_key: str, share: float, by: dt.date) -> list[dict]:
        """Last year's record (done) and the period year's (done with probability `share`):
        inspectors often note the earlier year too, so checks must pick the right year."""
        out: list[dict[str, Any]] = []
        for year, p in ((self.year - 1, 1.0), (self.year, share)):
            rec: dict[str, Any] = {"id": f"{prefix}{year}", "year": year}
            if self.rng.random() < p:
                rec[date_key] = iso(self.date(dt.date(year, 1, 1), by.replace(year=year)))
            out.append(rec)
        return out

    def hr(self, unit: str) -> dict[str, Any]:
        rng = self.rng
        return {
            "id": f"hr-{unit}",
            "unit": unit,
            "safe": rng.random() < 0.85,
            "archive": rng.random() < 0.8,
        }

    def donor_invitations(self) -> list[dict[str, Any]]:
        rng, out = self.rng, []
        for i in range(rng.randint(2, 5)):
            received = self.date(self.p_from, self.p_to)
            rec: dict[str, Any] = {"id": f"di{i + 1:02d}", "donor": rng.choice(DONORS)}
            rec["received_on"] = iso(received)
            # most forwarded within days; some late (weeks), a few never on record
            late = self.lapse(0.3)
            fwd = self.later(received, 0, 3) if not late else None
            fwd = self.later(received, 10, 30) if late and rng.random() < 0.7 else fwd
            if fwd:
                rec["forwarded_on"] = iso(fwd)
            out.append(rec)
        return out

    def semiannual_reports(self) -> list[dict[str, Any]]:
        out = []
        for half, due in ((1, dt.date(self.year, 7, 10)), (2, dt.date(self.year + 1, 1, 10))):
            if self.rng.random() < 0.1:
                continue  # a missing report
            rec: dict[str, Any] = {"id": f"sr{self.year}-{half}", "year": self.year, "half": half}
            sent = self.later(due, -8, 12)
            if sent:
                rec["sent_on"] = iso(sent)
            out.append(rec)
        return out

    def ethics(self, unit_ids: list[str]) -> list[dict[str, Any]]:
        rng, out = self.rng, []
        for u in unit_ids:
            rec: dict[str, Any] = {"id": f"eth-{u}", "unit": u}
            if rng.random() < 0.85:
                on = self.date(self.p_from, dt.date(self.year, 2, 28))
                rec["commission_order"] = self.order("ethics_commission", u, on)
            rec |= {
                "code_present": rng.random() < 0.9,
                "work_plan_present": rng.random() < 0.8,
                "sessions": rng.randint(0, 6),
                "measures": rng.randint(0, 3),
            }
            out.append(rec)
        return out

    def evaluation_appeals(self, unit_ids: list[str], servants: list[dict]) -> list[dict]:
        rng, out = self.rng, []
        for i in range(rng.randint(0, 2)):
            filed = self.date(self.p_from, self.p_to)
            rec: dict[str, Any] = {"id": f"ea{i + 1:02d}", "unit": rng.choice(unit_ids)}
            rec |= {"servant": rng.choice(servants)["id"], "filed_on": iso(filed)}
            decided = self.later(filed, 5, 40) if rng.random() < 0.8 else None
            if decided:
                rec |= {"decided_on": iso(decided), "outcome": rng.choice(("changed", "upheld"))}
            rec["materials_present"] = rng.random() < 0.8
            out.append(rec)
        return out

    def dismissals(self, unit_ids: list[str], servants: list[dict]) -> list[dict]:
        rng, out = self.rng, []
        for i in range(rng.randint(0, 3)):
            on = self.date(self.p_from, self.p_to)
            rec: dict[str, Any] = {"id": f"dm{i + 1:02d}", "unit": rng.choice(unit_ids)}
            rec |= {"servant": rng.choice(servants)["id"], "ground": "өз каалоосу"}
            rec["dismissed_on"] = iso(on)
            notified = self.later(on, 0, 20) if rng.random() < 0.8 else None
            if notified:
                rec["notified_on"] = iso(notified)
            out.append(rec)
        return out

    def damage_cases(self, unit_ids: list[str]) -> list[dict[str, Any]]:
        rng, out = self.rng, []
        for i in range(rng.choice((0, 0, 1))):
            found = self.date(self.p_from, self.p_to)
            rec: dict[str, Any] = {"id": f"dc{i + 1:02d}", "unit": rng.choice(unit_ids)}
            rec |= {"found_on": iso(found), "amount": rng.randint(5, 90) * 1000}
            paid = self.later(found, 10, 120) if rng.random() < 0.5 else None
            rec["compensated"] = paid is not None
            if paid:
                rec["compensated_on"] = iso(paid)
            out.append(rec)
        return out

    def citizen_appeals(self, unit_ids: list[str]) -> list[dict[str, Any]]:
        rng, out = self.rng, []
        for i in range(rng.randint(10, 30)):
            received = self.date(self.p_from, self.p_to)
            rec: dict[str, Any] = {"id": f"ca{i + 1:03d}", "unit": rng.choice(unit_ids)}
            rec |= {"received_on": iso(received), "topic": rng.choice(TOPICS)}
            # mostly on time; some late (between the calendar and working-day readings, or
            # clearly late); a few never answered
            roll = rng.random() if self.lapse(0.25) else 0.0
            answered = self.later(received, 2, 12) if roll < 0.01 else None
            answered = self.later(received, 15, 19) if 0.01 <= roll < 0.4 else answered
            answered = self.later(received, 25, 60) if 0.4 <= roll < 0.8 else answered
            if answered:
                outcome = rng.choice(("positive", "redirected", "on_merits"))
                rec |= {"answered_on": iso(answered), "outcome": outcome}
            out.append(rec)
        return out

    def reception(self, unit: str) -> dict[str, Any]:
        shares = {"trust_phone": 0.85, "public_reception": 0.9, "reception_schedule": 0.9}
        shares["e_register"] = 0.7
        return {"id": f"rc-{unit}", "unit": unit} | {
            k: self.rng.random() < p for k, p in shares.items()
        }

    def commission_orders(self, unit_ids: list[str]) -> None:
        rng = self.rng
        start, end = self.p_from, dt.date(self.year, 3, 31)
        for kind in ("evaluation_commission", "appeal_commission", "competition_commission"):
            if rng.random() < 0.9:
                self.order(kind, unit_ids[0], self.date(start, end))
        self.order("staff_schedule", unit_ids[0], self.date(start, end))
        for kind, basis_share in (("award", 0.9), ("penalty", 0.7)):
            for _ in range(rng.randint(0, 3)):
                on = self.date(self.p_from, self.p_to)
                present = rng.random() < basis_share
                self.order(kind, rng.choice(unit_ids), on, basis="сунуш", basis_present=present)
