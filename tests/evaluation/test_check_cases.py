"""Every check's example facts, passing and failing, run as data (tests/cases/README.md)."""

from __future__ import annotations

import copy
import datetime as dt
import json
from pathlib import Path

import pytest
from repo_paths import CASES_DIR

from kb_service.evaluation.assess import assess
from kb_service.facts import load_facts
from kb_service.kb.check_catalog import Check, CheckCatalog
from kb_service.kb.registry import current_kb

BASE = json.loads((CASES_DIR / "base.json").read_text(encoding="utf-8"))
# An exception names a judged check, the status it has no case of, and why (tests/cases/README.md).
EXCEPTIONS = json.loads((CASES_DIR / "exceptions.json").read_text(encoding="utf-8"))
JUDGED_NEEDS = frozenset({"compliant", "non_compliant"})  # exactly these, nothing stands in
FAILING = {"non_compliant", "insufficient_evidence", "not_applicable"}


def _collect() -> list[tuple[str, int, dict]]:
    cases = []
    for path in sorted((CASES_DIR / "checks").glob("*.json")):
        for i, case in enumerate(json.loads(path.read_text(encoding="utf-8"))):
            cases.append((path.stem, i, case))
    return cases


CASES = _collect()


def _judged(check: Check, cc: CheckCatalog) -> bool:
    """Judged: not informational, and its requirement is evaluated (section 13 is not)."""
    return check.kind != "informational" and cc.catalog.requirements[check.requirement].evaluated


def _expects() -> dict[str, set[str]]:
    by_check: dict[str, set[str]] = {}
    for check, _, case in CASES:
        by_check.setdefault(check, set()).add(case["expect"])
    return by_check


def missing_statuses(judged: bool, expects: set[str], excepted: set[str]) -> set[str]:
    """The statuses a check's cases must show and do not: a judged check one `compliant` and one
    `non_compliant` case (insufficient_evidence or not_applicable is no failing case), an
    informational one an `informational` case and one of another status."""
    if judged:
        return set(JUDGED_NEEDS - expects - excepted)
    missing = {"informational"} - expects
    return missing | ({"another status"} if expects <= {"informational"} else set())


def test_every_check_has_cases():
    by_check = _expects()
    assert set(by_check) == set(current_kb().checks.checks), (
        "a check without cases, or cases for an unknown check"
    )


def test_every_judged_check_has_a_compliant_and_a_non_compliant_case():
    cc, by_check = current_kb().checks, _expects()
    missing = {
        check.id: sorted(missing)
        for check in cc.checks.values()
        if (
            missing := missing_statuses(
                _judged(check, cc),
                by_check.get(check.id, set()),
                set(EXCEPTIONS.get(check.id, {}).get("missing", ())),
            )
        )
    }
    assert not missing, f"cases missing (check: statuses): {missing}"


def test_the_guard_does_not_take_other_statuses_for_non_compliant():
    assert missing_statuses(True, {"compliant", "insufficient_evidence"}, set()) == {
        "non_compliant"
    }
    assert missing_statuses(True, {"non_compliant", "not_applicable"}, set()) == {"compliant"}
    assert missing_statuses(True, {"compliant", "non_compliant"}, set()) == set()
    assert missing_statuses(True, {"compliant"}, {"non_compliant"}) == set()
    assert missing_statuses(False, {"informational", "insufficient_evidence"}, set()) == set()
    assert missing_statuses(False, {"informational"}, set()) == {"another status"}


def test_every_exception_is_justified_and_still_needed():
    cc, by_check = current_kb().checks, _expects()
    for check_id, exception in EXCEPTIONS.items():
        check = cc.checks.get(check_id)
        assert check is not None and _judged(check, cc), f"{check_id}: not a judged check"
        missing = set(exception.get("missing", ()))
        assert missing and missing <= JUDGED_NEEDS, f"{check_id}: 'missing' must name statuses"
        assert len(exception.get("why", "").split()) >= 8, f"{check_id}: say why, in a sentence"
        stale = missing & by_check.get(check_id, set())
        assert not stale, f"{check_id}: has a case of {sorted(stale)}; drop the exception"


def _facts_file(case: dict, tmp_path: Path) -> Path:
    data = copy.deepcopy(BASE)
    data.update(copy.deepcopy(case.get("facts", {})))
    for key in case.get("remove", []):
        data.pop(key, None)
    if "body_type" in case:
        data["body_type"] = case["body_type"]
    path = tmp_path / "facts.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.mark.parametrize("check, index, case", CASES, ids=[f"{c}-{i}" for c, i, _ in CASES])
def test_case(check: str, index: int, case: dict, tmp_path: Path):
    as_of = dt.date.fromisoformat(case.get("as_of", "2025-06-30"))
    evaluation = assess(
        load_facts(_facts_file(case, tmp_path), as_of, kb=current_kb()),
        as_of,
        lang="en",
        kb=current_kb(),
    )
    found = [f for f in evaluation.findings if f.check == check]
    if "unit" in case:
        found = [f for f in found if f.unit == case["unit"]]
    assert found, f"no finding of {check}"
    for finding in found:
        assert finding.status == case["expect"], f"{case['name']}: {finding.explanation}"
        assert finding.citations or finding.status == "not_applicable"
        assert finding.explanation
    if "deciding" in case:
        assert sorted(found[0].deciding_facts) == sorted(case["deciding"])
        for record in case["deciding"]:
            assert record in found[0].explanation
    if "contains" in case:
        assert any(case["contains"] in f.explanation for f in found), [f.explanation for f in found]


def test_base_is_compliant():
    as_of = dt.date(2025, 6, 30)
    evaluation = assess(
        load_facts(CASES_DIR / "base.json", as_of, kb=current_kb()), as_of, kb=current_kb()
    )
    statuses = {f.status for f in evaluation.findings}
    assert statuses <= {"compliant", "informational", "not_applicable"}


def test_failing_cases_give_the_same_findings_on_both_engines(tmp_path: Path):
    """The cheap guard: each check's SPARQL means the same on Oxigraph and on rdflib (on the first
    failing case of each check: rdflib takes about 1.5 s a body, so not on every case)."""
    first_failing = {}
    for check, index, case in CASES:
        if case["expect"] in FAILING:
            first_failing.setdefault(check, (index, case))
    for check, (index, case) in sorted(first_failing.items()):
        as_of = dt.date.fromisoformat(case.get("as_of", "2025-06-30"))
        facts = load_facts(_facts_file(case, tmp_path), as_of, kb=current_kb())
        results = [
            sorted(
                (f.check, f.unit or "", f.status, f.deciding_facts)
                for f in assess(facts, as_of, kb=current_kb(e)).findings
            )
            for e in ("oxigraph", "rdflib")
        ]
        assert results[0] == results[1], f"{check}-{index}: engines disagree"
