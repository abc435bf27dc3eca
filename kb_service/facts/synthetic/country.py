"""A synthetic country: N bodies, a planned share of violations in every judged check, and the
manifest of what evaluation must find.

The plan is drawn first: for each judged check, `share` of the bodies it applies to (at least one
when share > 0) get a violation planted. Each body is then built clean and broken as planned.
Everything is drawn from random sources named by (seed, what is drawn), so the same arguments
give the same bytes.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from dataclasses import dataclass, field
from typing import Any

from kb_service.facts.schema import COLLECTIONS, CONTEXT_URL, body_base
from kb_service.facts.synthetic.body import Record, start_body
from kb_service.facts.synthetic.law_dates import LawDates, law_dates
from kb_service.facts.synthetic.plant import RECIPES, NoTarget, Target
from kb_service.facts.synthetic.profiles import Profile, profile_sequence
from kb_service.facts.synthetic.records import clean_body, finish
from kb_service.kb.check_catalog import Check
from kb_service.kb.knowledge_base import KnowledgeBase
from kb_service.kb.vocabulary import facts_vocabulary

MANIFEST_FORMAT = "kyzmat-synthetic/1"


@dataclass(frozen=True)
class SyntheticBody:
    index: int
    profile: str
    data: Record  # the facts, as JSON
    expected: dict[str, str]  # check id -> the status every finding of it has at worst
    planted: dict[str, list[str]] = field(default_factory=dict)  # check -> records changed

    @property
    def file(self) -> str:
        return f"{self.data['id']}.json"


def applicable_kinds(kb: KnowledgeBase, check: Check, body_type: str) -> tuple[str, ...]:
    """The unit kinds of the body type that the check's requirement looks at."""
    req = kb.catalog.requirements[check.requirement]
    kinds = kb.catalog.body_types[body_type].unit_kinds
    return tuple(k for k in kinds if not req.unit_kinds or k in req.unit_kinds)


def applies(kb: KnowledgeBase, check: Check, body_type: str) -> bool:
    req = kb.catalog.requirements[check.requirement]
    return req.evaluated and (not req.unit_kinds or bool(applicable_kinds(kb, check, body_type)))


def _plan(
    kb: KnowledgeBase, profiles: list[Profile], seed: int, share: float
) -> dict[int, list[str]]:
    """Body index -> the checks to break in it."""
    plan: dict[int, list[str]] = {i: [] for i in range(len(profiles))}
    if share <= 0:
        return plan
    for check_id in sorted(RECIPES):
        check = kb.checks.checks[check_id]
        fits = [i for i, p in enumerate(profiles) if applies(kb, check, p.body_type)]
        if not fits:
            continue
        rng = random.Random(f"kyzmat-synthetic:{seed}:plan:{check_id}")
        for i in rng.sample(fits, max(1, min(len(fits), round(share * len(fits))))):
            plan[i].append(check_id)
    return plan


def _documents_of(kb: KnowledgeBase, check: Check) -> tuple[int, ...]:
    return tuple(
        n
        for n, doc in sorted(kb.catalog.documents.items())
        if doc.requirements.get(check.requirement) == "explicit"
    )


def expected_status(
    kb: KnowledgeBase, check: Check, body_type: str, broken: set[str], law: LawDates
) -> str:
    """What the check's findings come to for this body, at worst. A check with a recipe is
    judged (a test holds RECIPES to the judged checks of evaluation.check_kinds)."""
    if not applies(kb, check, body_type):
        return "not_applicable"
    if check.id not in RECIPES:
        return "informational"
    if law.lacking(check.id):
        return "insufficient_evidence"
    return "non_compliant" if check.id in broken else "compliant"


def _body(
    kb: KnowledgeBase, index: int, profile: Profile, ordinal: int, seed: int, law: LawDates,
    planned: list[str],
) -> SyntheticBody:  # fmt: skip
    vocab = facts_vocabulary(kb)
    bt = vocab.body_types[profile.body_type]
    rng = random.Random(f"kyzmat-synthetic:{seed}:body:{index}")
    b, data = start_body(rng, index + 1, profile, ordinal, bt.regime, law)
    docs = [d.number for d in vocab.evaluated_documents()]
    data = clean_body(b, data, bt.unit_kinds, docs)
    kinds = {u["id"]: u["kind"] for u in data["units"]}
    planted: dict[str, list[str]] = {}
    for check_id in planned:
        check = kb.checks.checks[check_id]
        units = applicable_kinds(kb, check, profile.body_type)
        target = Target(tuple(u for u, k in kinds.items() if k in units), _documents_of(kb, check))
        try:
            changed = RECIPES[check_id].plant(b, data, target)
        except NoTarget:
            changed = []
        if changed:
            planted[check_id] = changed
    broken = set(planted) | {c for p in planted for c in RECIPES[p].breaks}
    data = finish(data, tuple(c.key for c in COLLECTIONS))
    data = {"@context": [CONTEXT_URL, {"@base": body_base(data["id"])}]} | data
    expected = {
        c.id: expected_status(kb, c, profile.body_type, broken, law)
        for c in sorted(kb.checks.checks.values(), key=lambda c: c.id)
    }
    return SyntheticBody(index + 1, profile.key, data, expected, planted)


def generate_bodies(
    count: int, *, seed: int, share: float, as_of: dt.date, kb: KnowledgeBase
) -> list[SyntheticBody]:
    profiles = profile_sequence(count, seed, set(facts_vocabulary(kb).body_types))
    plan = _plan(kb, profiles, seed, share)
    law = law_dates(kb, as_of)
    seen: dict[str, int] = {}
    bodies = []
    for i, profile in enumerate(profiles):
        ordinal = seen.get(profile.key, 0)
        seen[profile.key] = ordinal + 1
        bodies.append(_body(kb, i, profile, ordinal, seed, law, plan[i]))
    return bodies


def body_bytes(body: SyntheticBody) -> bytes:
    return (json.dumps(body.data, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def manifest(
    bodies: list[SyntheticBody], *, seed: int, share: float, as_of: dt.date, kb: KnowledgeBase
) -> dict[str, Any]:
    """What evaluation must find, per body and check: evaluate with --as-of as_of."""
    return {
        "format": MANIFEST_FORMAT,
        "seed": seed,
        "violations": share,
        "as_of": as_of.isoformat(),
        "kb_revision": kb.revision,
        "bodies": [
            {
                "file": b.file,
                "id": b.data["id"],
                "profile": b.profile,
                "body_type": b.data["body_type"],
                "servants": len(b.data["servants"]),
                "records": sum(len(b.data[k]) for k in b.data["recorded"]),
                "expected": b.expected,
                "planted": b.planted,
            }
            for b in bodies
        ],
    }


def manifest_bytes(data: dict[str, Any]) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8")
