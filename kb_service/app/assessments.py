"""The service's use cases on stored assessments: evaluate an upload or JSON facts (validated
before anything is stored), store it as an assessment version, re-evaluate, compare two
assessments of a body, and mark stale the assessments a KB change touches."""

from __future__ import annotations

import datetime as dt
import re
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from kb_service.app.evaluation_pool import Evaluated, Refused, Source, evaluate_source
from kb_service.core.problems import FactsError, Problem, UsageError
from kb_service.evaluation.assess import assess
from kb_service.facts import Facts, facts_from_dict, load_facts
from kb_service.facts.limits import DEFAULT as LIMITS
from kb_service.kb.knowledge_base import KnowledgeBase
from kb_service.law.impact import impact_of
from kb_service.models.findings import Evaluation
from kb_service.models.service import AssessmentVersion, Comparison, FindingChange
from kb_service.storage import Storage
from kb_service.storage.assessments import prepare_version

UPLOAD_SUFFIXES = (".json", ".jsonld", ".xlsx", ".ttl")
# how good a status is, for "improved" and "worse"
RANK = {"non_compliant": 0, "insufficient_evidence": 1, "informational": 2, "compliant": 2}


def facts_from_upload(filename: str, content: bytes, as_of: dt.date, *, kb: KnowledgeBase) -> Facts:
    """Validate an uploaded facts file (FactsError with the CLI's problem lines, named after
    the upload); nothing is stored."""
    name = re.sub(r"[^\w.-]", "_", Path(filename or "facts").name)[:100] or "facts"
    suffix = Path(name).suffix.lower()
    if suffix not in UPLOAD_SUFFIXES:
        expected = ", ".join(UPLOAD_SUFFIXES)
        raise FactsError([Problem(name, f"unsupported file type {suffix!r}", "file", "", expected)])
    if len(content) > LIMITS.file_bytes:
        raise FactsError(
            [Problem(name, f"the file has {len(content):,} bytes", "file", "",
                     f"at most {LIMITS.file_bytes:,} bytes")]
        )  # fmt: skip
    with tempfile.TemporaryDirectory(prefix="kb-upload-") as tmp:
        path = Path(tmp) / name
        path.write_bytes(content)
        facts = load_facts(path, as_of, kb=kb)
    return facts


def facts_from_json(data: Any, as_of: dt.date, *, kb: KnowledgeBase) -> Facts:
    return facts_from_dict(data, "facts.json", as_of, kb=kb)


def _check_body(storage: Storage, body_id: str, body_type: str, source: str) -> None:
    body = storage.body(body_id)
    if body_type != body.body_type:
        raise FactsError(
            [Problem(source, f"the facts are of body type {body_type!r}", "$",
                     "body_type", f"{body.body_type!r}, the body's type")]
        )  # fmt: skip


def store_assessment(
    storage: Storage, body_id: str, facts: Facts, as_of: dt.date, lang: str, who: str, *,
    kb: KnowledgeBase, assessment_id: str | None = None, reason: str = "evaluated",
) -> AssessmentVersion:  # fmt: skip
    """Evaluate validated facts of a registered body and store the result as a new version."""
    _check_body(storage, body_id, facts.body_type, facts.source)
    prepared = prepare_version(assess(facts, as_of, lang, kb=kb), facts.data)
    return storage.add_version(
        body_id, prepared, who, kb=kb, assessment_id=assessment_id, reason=reason
    )


def store_evaluated(
    storage: Storage, body_id: str, done: Evaluated | Refused, who: str, *, kb: KnowledgeBase,
    assessment_id: str | None = None, reason: str = "evaluated",
) -> AssessmentVersion:  # fmt: skip
    """Store what an evaluation worker made of a body's facts as a new version (its problems
    raised as they were found)."""
    if isinstance(done, Refused):
        raise done.error()
    _check_body(storage, body_id, done.body_type, done.source)
    if done.prepared.evaluation.kb_revision != kb.revision:
        raise UsageError(
            f"the knowledge base changed during the evaluation (revision {kb.revision} now, "
            f"{done.prepared.evaluation.kb_revision} evaluated): send the request again"
        )
    return storage.add_version(
        body_id, done.prepared, who, kb=kb, assessment_id=assessment_id, reason=reason
    )


def reevaluation_source(storage: Storage, assessment_id: str) -> tuple[AssessmentVersion, Source]:
    """The latest version of an assessment and its facts, as an evaluation worker takes them."""
    old = storage.latest(assessment_id)
    data = storage.stored_facts(assessment_id, old.version)
    return old, ("data", data, f"{assessment_id}/v{old.version}")


def reevaluated(
    storage: Storage, old: AssessmentVersion, done: Evaluated | Refused, who: str, *,
    kb: KnowledgeBase,
) -> tuple[AssessmentVersion, Comparison]:  # fmt: skip
    """Store the re-evaluation of `old`'s facts as its next version; and what changed."""
    new = store_evaluated(
        storage, old.body_id, done, who, kb=kb, assessment_id=old.id, reason="re-evaluated"
    )
    return new, compare(old, new)


def reevaluate(
    storage: Storage, assessment_id: str, who: str, *, kb: KnowledgeBase
) -> tuple[AssessmentVersion, Comparison]:
    """Evaluate the latest version's facts again on `kb` (its as-of date and language): a new
    version, and what changed."""
    old, source = reevaluation_source(storage, assessment_id)
    done = evaluate_source(source, dt.date.fromisoformat(old.as_of), old.lang, kb.root, kb=kb)
    return reevaluated(storage, old, done, who, kb=kb)


def report_evaluation(storage: Storage, assessment_id: str, version: int | None) -> Evaluation:
    v = storage.version(assessment_id, version)
    return storage.stored_evaluation(assessment_id, v.version)


def report_json(storage: Storage, assessment_id: str, version: int | None) -> str:
    """The stored evaluation of a version (the latest by default), as its JSON text."""
    number = version if version is not None else storage.latest(assessment_id).version
    return storage.stored_evaluation_json(assessment_id, number)


def _key(f: Any) -> tuple[str, str]:
    return (f.requirement, f.unit or "")


def compare(before: AssessmentVersion, after: AssessmentVersion) -> Comparison:
    """What improved and what got worse from `before` to `after`, and why: the facts, the KB
    revision (law and rules), or both."""
    same_facts = before.facts_sha256 == after.facts_sha256
    same_kb = before.kb_revision == after.kb_revision
    if same_facts and same_kb:
        cause = "as-of" if before.as_of != after.as_of else "none"
    else:
        cause = "both" if not (same_facts or same_kb) else ("kb" if same_facts else "facts")
    old = {_key(f): f.status for f in before.findings}
    new = {_key(f): f.status for f in after.findings}
    improved: list[FindingChange] = []
    worse: list[FindingChange] = []
    changed: list[FindingChange] = []
    unchanged = 0
    for key in sorted(set(old) | set(new)):
        a, b = old.get(key), new.get(key)
        if a == b:
            unchanged += 1
            continue
        ra, rb = RANK.get(a or "", -1), RANK.get(b or "", -1)
        direction = "improved" if rb > ra >= 0 else "worse" if 0 <= rb < ra else "changed"
        change = FindingChange(key[0], key[1] or None, a, b, direction, cause)
        {"improved": improved, "worse": worse, "changed": changed}[direction].append(change)
    return Comparison(
        after.body_id, f"{before.id} v{before.version}", f"{after.id} v{after.version}",
        same_facts, same_kb, tuple(improved), tuple(worse), tuple(changed), unchanged,
    )  # fmt: skip


def mark_stale_after_edit(
    storage: Storage, *, acts: Iterable[str], parameters: Iterable[str], reason: str, who: str,
    kb: KnowledgeBase,
) -> list[AssessmentVersion]:  # fmt: skip
    """Mark stale the stored assessments whose findings relied on a changed act (its
    citations, or the checks using parameters resting on it) or on a changed parameter."""
    acts = [a for a in acts if a in kb.catalog.acts]
    checks: set[str] = set()
    for act in acts:
        checks.update(c.id for c in impact_of(act, dt.date.today(), "en", kb=kb).checks)
    params = set(parameters)
    checks.update(c.id for c in kb.checks.checks.values() if params.intersection(c.parameters))
    return storage.mark_stale(storage.relying_on(acts, checks), reason, who)
