"""Deterministic synthetic facts (docs/facts-format.md) for benchmarks: N bodies, one JSON each.

    python benchmarks/synthetic.py --bodies 100 --out DIR [--as-of 2025-06-30] [--seed 7]

Each body gets about 70 servants and every record kind, with a realistic share of violations
(trainings older than 3 years, late donor forwarding, late or unanswered appeals, missing
documents ...). Body i depends only on (seed, i, as_of), so 10 bodies are a prefix of 100.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sys
from pathlib import Path
from typing import Any

from synthetic_records import GROUPS, POSITIONS, UNIT_NAMES, Records, iso, pick

from kb_service.facts.schema import COLLECTIONS, CONTEXT_URL, body_base
from kb_service.kb.registry import current_kb
from kb_service.kb.vocabulary import facts_vocabulary

AS_OF = dt.date(2025, 6, 30)
MANIFEST = "synthetic.json"


class _Body(Records):
    """Builds one body's facts: the main record kinds and the whole document."""

    def build(self, kinds: tuple[str, ...], documents: list[int]) -> dict[str, Any]:
        rng = self.rng
        units = [UNIT_NAMES[k] + (k,) for k in kinds]
        unit_ids = [u[0] for u in units]
        servants = self.servants(unit_ids)
        per_unit = {u: sum(s["unit"] == u for s in servants) for u in unit_ids}
        data: dict[str, Any] = {
            "@context": [CONTEXT_URL, {"@base": body_base(self.id)}],
            "id": self.id,
            "type": "Body",
            "name": f"Синтетикалык орган №{self.id[4:]} ({self.body_type})",
            "body_type": self.body_type,
            "period": {"from": iso(self.p_from), "to": iso(self.p_to)},
            "monitoring_date": iso(self.date(self.as_of - dt.timedelta(days=60), self.as_of)),
            "donor_trained_database": rng.random() < 0.7,
            "units": [
                {
                    "id": uid,
                    "kind": kind,
                    "name": name,
                    "staff_approved": per_unit[uid] + rng.randint(0, 4),
                    "staff_actual": per_unit[uid],
                }
                for uid, name, kind in units
            ],
            "documents": self.documents(unit_ids, documents),
            "vacancies": self.vacancies(unit_ids),
            "servants": servants,
            "reserve": self.reserve(unit_ids, servants),
            "trainings": self.trainings(servants),
            "needs_reports": self.yearly("nr", "sent_on", 0.8, dt.date(self.year, 12, 31)),
            "programmes": self.yearly("pr", "approved_on", 0.85, dt.date(self.year, 3, 1)),
            "donor_invitations": self.donor_invitations(),
            "semiannual_reports": self.semiannual_reports(),
            "ethics": self.ethics(unit_ids),
            "evaluation_appeals": self.evaluation_appeals(unit_ids, servants),
            "dismissals": self.dismissals(unit_ids, servants),
            "damage_cases": self.damage_cases(unit_ids),
            "citizen_appeals": self.citizen_appeals(unit_ids),
            "reception": [self.reception(u) for u in unit_ids],
            "hr_service": [self.hr(u) for u in unit_ids],
        }
        self.commission_orders(unit_ids)
        data["orders"] = self.orders
        data["recorded"] = [c.key for c in COLLECTIONS if c.key in data]
        return data

    def documents(self, unit_ids: list[str], numbers: list[int]) -> list[dict[str, Any]]:
        docs = []
        for u in unit_ids:
            for n in numbers:
                status = pick(self.rng, (("present", 0.86), ("absent", 0.07), ("not_shown", 0.07)))
                rec: dict[str, Any] = {"id": f"d{n:02d}-{u}", "document": n, "unit": u}
                rec["status"] = status
                if status == "present":
                    rec["number"] = f"{n}-{u.upper()}"
                    rec["date"] = iso(self.date(dt.date(self.year - 3, 1, 1), self.p_to))
                docs.append(rec)
        return docs

    def servants(self, unit_ids: list[str]) -> list[dict[str, Any]]:
        rng, out = self.rng, []
        # the central apparatus holds the largest share of a state body's staff
        weights = [3, 2, 2][: len(unit_ids)]
        for i in range(rng.randint(62, 78)):
            appointed = self.date(dt.date(2005, 1, 1), self.as_of - dt.timedelta(days=30))
            rec: dict[str, Any] = {
                "id": f"s{i + 1:03d}",
                "unit": rng.choices(unit_ids, weights)[0],
                "position": rng.choice(POSITIONS),
                "position_group": pick(rng, GROUPS),
                "appointed_on": iso(appointed),
                "meets_qualification": not self.lapse(0.05),
                "personal_file": not self.lapse(0.03),
                "work_book": rng.random() < 0.98,
            }
            if rng.random() < 0.85:
                rec["class_rank"] = f"{rng.randint(1, 3)}-класстагы мамлекеттик кеңешчи"
                rec["class_rank_date"] = iso(self.date(appointed, self.as_of))
            out.append(rec)
        return out

    def trainings(self, servants: list[dict[str, Any]]) -> list[dict[str, Any]]:
        rng, out = self.rng, []
        for s in servants:
            appointed = dt.date.fromisoformat(s["appointed_on"])
            stale = self.lapse(0.15)  # only trained more than 3 years ago
            lo = appointed if stale else max(appointed, self.as_of - dt.timedelta(days=3 * 365))
            hi = self.as_of - dt.timedelta(days=4 * 365) if stale else self.as_of
            if lo > hi:
                continue
            count = 1 if stale else (0 if self.lapse(0.1) else rng.choice((1, 1, 2, 2, 3)))
            for _ in range(count):
                on = self.date(lo, hi)
                kind = pick(rng, (("short", 0.6), ("medium", 0.3), ("long", 0.1)))
                rec: dict[str, Any] = {
                    "id": f"t{len(out) + 1:04d}",
                    "servant": s["id"],
                    "date": iso(on),
                    "kind": kind,
                    "funding": pick(rng, (("state", 0.6), ("donor", 0.3), ("other", 0.1))),
                    "topic": rng.choice(("Этика", "Электрондук башкаруу", "Мыйзам")),
                }
                if not self.lapse(0.1 if kind == "short" else 0.2):
                    rec["order"] = self.referral(s["unit"], on)
                out.append(rec)
        return out

    def vacancies(self, unit_ids: list[str]) -> list[dict[str, Any]]:
        rng, out = self.rng, []
        for i in range(rng.randint(3, 8)):
            opened = self.date(self.p_from, self.p_to)
            rec: dict[str, Any] = {
                "id": f"v{i + 1:02d}",
                "unit": rng.choice(unit_ids),
                "position": rng.choice(POSITIONS),
                "position_group": pick(rng, GROUPS[1:]),
                "opened_on": iso(opened),
            }
            filled = self.later(opened, 20, 120) if rng.random() < 0.75 else None
            if filled:
                by = pick(rng, (("competition", 0.7), ("internal_reserve", 0.2), ("other", 0.1)))
                rec |= {"filled_on": iso(filled), "filled_by": by}
                if by == "competition" and rng.random() < 0.9:
                    rec |= {"protocol": f"П-{i + 1}", "protocol_date": iso(filled)}
            out.append(rec)
        return out

    def reserve(self, unit_ids: list[str], servants: list[dict[str, Any]]) -> list[dict[str, Any]]:
        rng, out = self.rng, []
        for i in range(rng.randint(3, 10)):
            unit = rng.choice(unit_ids)
            included = self.date(dt.date(self.year - 2, 1, 1), self.p_to)
            rec: dict[str, Any] = {"id": f"r{i + 1:02d}", "unit": unit}
            if rng.random() < 0.6:
                rec["servant"] = rng.choice(servants)["id"]
            else:
                rec["person"] = f"p-{i + 100}"
            rec |= {"position_group": pick(rng, GROUPS[1:]), "included_on": iso(included)}
            if rng.random() < 0.85:
                rec["inclusion_order"] = self.order("reserve_inclusion", unit, included)
            removed = self.later(included, 90, 500) if rng.random() < 0.3 else None
            if removed:
                rec["removed_on"] = iso(removed)
                if rng.random() < 0.8:
                    rec["removal_order"] = self.order("reserve_removal", unit, removed)
            out.append(rec)
        return out


def body(index: int, as_of: dt.date = AS_OF, seed: int = 7) -> dict[str, Any]:
    """The facts of synthetic body `index`, the same for the same (index, as_of, seed)."""
    kb = facts_vocabulary(current_kb())
    rng = random.Random(f"kyzmat-synthetic-{seed}-{index}-{as_of.isoformat()}")
    b = _Body(rng, index, as_of)
    return b.build(kb.body_types[b.body_type].unit_kinds, sorted(kb.documents))


def write_bodies(n: int, out: Path, as_of: dt.date = AS_OF, seed: int = 7) -> list[Path]:
    """Write syn-0001.json ... and a manifest (synthetic.json) that lets benchmarks reuse them."""
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(1, n + 1):
        path = out / f"syn-{i:04d}.json"
        path.write_text(json.dumps(body(i, as_of, seed), ensure_ascii=False), encoding="utf-8")
        paths.append(path)
    manifest = {"as_of": as_of.isoformat(), "seed": seed, "bodies": n}
    (out / MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
    return paths


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--bodies", type=int, default=100)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--as-of", type=dt.date.fromisoformat, default=AS_OF)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args(argv)
    paths = write_bodies(args.bodies, args.out, args.as_of, args.seed)
    print(f"wrote {len(paths)} bodies to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
