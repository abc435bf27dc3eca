"""One synthetic body that keeps the law: units, staff, documents, vacancies, reserve and
trainings (the larger record kinds). records.py adds the rest; plant.py then breaks what the
plan says. Every date lies on or before the as-of date, so the facts validate.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from kb_service.facts.synthetic.law_dates import LawDates
from kb_service.facts.synthetic.profiles import TRAINING_TOPICS, Profile, body_name, position

Record = dict[str, Any]
CENTRAL, DEPARTMENTAL, TERRITORIAL = "central-apparatus", "departmental-units", "territorial-units"
DEPARTMENTS = ("Экономика", "Укук", "Каржы", "Кадрлар", "Санариптештирүү", "Стратегия")
REGIONS = ("Чүй", "Ысык-Көл", "Нарын", "Талас", "Жалал-Абад", "Ош", "Баткен", "Бишкек")
EARLIEST_APPOINTMENT = dt.date(2000, 1, 1)
FILLED_BY = ("competition", "internal_reserve", "other")
# how many trainings a servant has had since the cut-off: appointed after it, or before it
RECENT_COUNTS, SETTLED_COUNTS = (0.3, 0.4, 0.2, 0.1), (0, 0.5, 0.35, 0.15)


def iso(d: dt.date) -> str:
    return d.isoformat()


class Builder:
    """Per-body state: the random source, the law's dates, the orders issued so far."""

    def __init__(
        self, rng: random.Random, body_id: str, profile: Profile, regime: str, law: LawDates
    ) -> None:
        self.rng, self.id, self.profile, self.regime, self.law = rng, body_id, profile, regime, law
        self.as_of = law.as_of
        self.rank = "муниципалдык" if regime == "municipal" else "мамлекеттик"  # class-rank words
        self.p_from, self.p_to = law.period
        self.orders: list[Record] = []
        self._numbered = 0  # orders issued, also those a planted violation took away
        self._referrals: dict[tuple[str, int, int], str] = {}

    # dates and orders

    def day(self, start: dt.date, end: dt.date) -> dt.date:
        start, end = min(start, self.as_of), min(end, self.as_of)
        return start + dt.timedelta(days=self.rng.randint(0, max(0, (end - start).days)))

    def after(self, start: dt.date, lo: int, hi: int, limit: dt.date | None = None) -> dt.date:
        """A day lo..hi days after start, never after `limit` (default: the as-of date)."""
        last = min(limit or self.as_of, self.as_of)
        return min(start + dt.timedelta(days=self.rng.randint(lo, hi)), max(start, last))

    def order(self, kind: str, unit: str | None, on: dt.date, **extra: Any) -> str:
        self._numbered += 1
        n = self._numbered
        rec: Record = {"id": f"o{n:05d}", "kind": kind, "number": f"{n}-к", "date": iso(on)}
        if unit:
            rec["unit"] = unit
        self.orders.append(rec | extra)
        return str(rec["id"])

    def referral(self, unit: str, on: dt.date) -> str:
        """One training-referral order per unit and month, as personnel services issue them."""
        key = (unit, on.year, on.month)
        if key not in self._referrals:
            self._referrals[key] = self.order("training_referral", unit, on.replace(day=1))
        return self._referrals[key]

    # units and staff

    def units(self, kinds: tuple[str, ...]) -> list[Record]:
        p, rng, out = self.profile, self.rng, []
        central = "Айыл өкмөтүнүн аппараты" if p.key == "ayil-okmotu" else "Борбордук аппарат"
        if CENTRAL in kinds:
            out.append({"id": "ca", "kind": CENTRAL, "name": central})
        if DEPARTMENTAL in kinds:
            for i in range(rng.randint(*p.departmental)):
                name = f"{DEPARTMENTS[i % len(DEPARTMENTS)]} департаменти"
                out.append({"id": f"du{i + 1}", "kind": DEPARTMENTAL, "name": name})
        if TERRITORIAL in kinds:
            for i in range(rng.randint(*p.territorial)):
                name = f"{REGIONS[i % len(REGIONS)]} аймактык башкармалыгы"
                out.append({"id": f"tu{i + 1}", "kind": TERRITORIAL, "name": name})
        return out

    def servants(self, units: list[Record]) -> list[Record]:
        rng, out = self.rng, []
        for unit in units:
            size = self.profile.servants if unit["kind"] == CENTRAL else self.profile.unit_servants
            for _ in range(rng.randint(*size)):
                out.append(self.servant(unit["id"]))
        return out

    def servant(self, unit: str, appointed: dt.date | None = None) -> Record:
        rng = self.rng
        if appointed is None:  # more recent appointments than old ones
            span = (self.as_of - dt.timedelta(days=30) - EARLIEST_APPOINTMENT).days
            appointed = EARLIEST_APPOINTMENT + dt.timedelta(days=int(span * rng.random() ** 0.6))
        group, title = position(rng)
        rec: Record = {
            "id": "",  # numbered by the caller
            "unit": unit,
            "position": title,
            "position_group": group,
            "appointed_on": iso(appointed),
            "meets_qualification": True,
            "personal_file": True,
            "work_book": True,
        }
        if rng.random() < 0.85:
            rec["class_rank"] = f"{rng.randint(1, 3)}-класстагы {self.rank} кеңешчи"
            rec["class_rank_date"] = iso(self.day(appointed, self.as_of))
        return rec

    # documents, vacancies, reserve

    def documents(self, units: list[Record], numbers: list[int]) -> list[Record]:
        out = []
        for unit in units:
            for n in numbers:
                on = self.day(dt.date(self.p_from.year - 3, 1, 1), self.p_to)
                out.append(
                    {
                        "id": f"d{n:02d}-{unit['id']}",
                        "document": n,
                        "unit": unit["id"],
                        "status": "present",
                        "number": f"{n}-{unit['id'].upper()}",
                        "date": iso(on),
                    }
                )
        return out

    def vacancies(self, units: list[Record], servants: int) -> list[Record]:
        rng, out = self.rng, []
        for i in range(max(2, round(servants * rng.uniform(0.03, 0.08)))):
            opened = self.day(self.p_from, self.p_to)
            group, title = position(rng)
            rec: Record = {"id": f"v{i + 1:04d}", "unit": rng.choice(units)["id"]}
            rec |= {"position": title, "position_group": group, "opened_on": iso(opened)}
            if i == 0 or rng.random() < 0.75:  # at least one filled by competition
                by = "competition" if i == 0 else rng.choices(FILLED_BY, (0.75, 0.2, 0.05))[0]
                filled = self.after(opened, 20, 90)
                rec |= {"filled_on": iso(filled), "filled_by": by}
                if by == "competition":
                    rec |= {"protocol": f"КК-{i + 1}", "protocol_date": iso(filled)}
            out.append(rec)
        return out

    def reserve(self, units: list[Record], servants: list[Record]) -> list[Record]:
        rng, out = self.rng, []
        for i in range(max(2, round(len(servants) * rng.uniform(0.03, 0.07)))):
            unit = rng.choice(units)["id"]
            included = self.day(dt.date(self.p_from.year - 2, 1, 1), self.p_to)
            rec: Record = {"id": f"r{i + 1:04d}", "unit": unit}
            if rng.random() < 0.6:
                rec["servant"] = rng.choice(servants)["id"]
            else:
                rec["person"] = f"p{i + 1:04d}"
            group, _ = position(rng)
            rec |= {"position_group": group, "included_on": iso(included)}
            rec["inclusion_order"] = self.order("reserve_inclusion", unit, included)
            if i == 0 or rng.random() < 0.25:  # at least one removal
                removed = self.after(included, 60, 400)
                rec["removed_on"] = iso(removed)
                rec["removal_order"] = self.order("reserve_removal", unit, removed)
            out.append(rec)
        return out

    # trainings

    def trainings(self, servants: list[Record]) -> list[Record]:
        """Every servant trained since the cut-off (or appointed after it), each training on a
        referral order; some also have older trainings. At least one short and one medium or
        long training fall in the monitored period."""
        rng, out = self.rng, []
        cut = self.law.training_cutoff or (self.as_of - dt.timedelta(days=365))
        for s in servants:
            appointed = dt.date.fromisoformat(s["appointed_on"])
            recent = appointed > cut
            count = rng.choices((0, 1, 2, 3), RECENT_COUNTS if recent else SETTLED_COUNTS)[0]
            dates = [self.day(max(appointed, cut), self.as_of) for _ in range(count)]
            if not recent and rng.random() < 0.3:
                dates.append(self.day(appointed, cut - dt.timedelta(days=1)))
            for on in sorted(dates):
                out.append(self.training(s, on))
        start, end = self.p_from.isoformat(), self.p_to.isoformat()
        in_period = [t for t in out if start <= t["date"] <= end]
        before = [s for s in servants if s["appointed_on"] < start] or servants
        for kinds in (("short",), ("medium", "long")):
            if not any(t["kind"] in kinds for t in in_period):
                t = self.training(rng.choice(before), self.day(self.p_from, self.p_to), kinds[0])
                out.append(t)
        return [t | {"id": f"t{i + 1:05d}"} for i, t in enumerate(out)]

    def training(self, servant: Record, on: dt.date, kind: str | None = None) -> Record:
        rng = self.rng
        kind = kind or rng.choices(("short", "medium", "long"), (0.65, 0.28, 0.07))[0]
        funding = rng.choices(("state", "donor", "other"), (0.6, 0.3, 0.1))[0]
        return {
            "id": "",
            "servant": servant["id"],
            "date": iso(on),
            "kind": kind,
            "funding": funding,
            "topic": rng.choice(TRAINING_TOPICS),
            "order": self.referral(servant["unit"], on),
        }


def start_body(
    rng: random.Random, index: int, profile: Profile, ordinal: int, regime: str, law: LawDates
) -> tuple[Builder, Record]:
    """The builder and the body's top-level fields."""
    body_id = f"{profile.key}-{index:04d}"
    b = Builder(rng, body_id, profile, regime, law)
    data: Record = {
        "id": body_id,
        "type": "Body",
        "name": body_name(profile, ordinal, rng),
        "body_type": profile.body_type,
        "period": {"from": iso(b.p_from), "to": iso(b.p_to)},
        "monitoring_date": iso(b.day(law.as_of - dt.timedelta(days=60), law.as_of)),
        "donor_trained_database": True,
    }
    return b, data
