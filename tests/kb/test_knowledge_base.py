"""The knowledge-base handle and its registry: two KB roots side by side in one process, each
answering from its own files; revisions replaced, kept and released; no cache outside them."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from repo_paths import ROOT, kb_copy

from kb_service.core.problems import UsageError
from kb_service.evaluation.assess import assess_file
from kb_service.kb.registry import Registry, current_kb

EXAMPLE = ROOT / "examples" / "ministry-violations.json"
AS_OF = dt.date(2025, 6, 30)


def _set_training_interval(root: Path, years: int) -> None:
    """One changed parameter: the training interval of rules/parameters.ttl (3 years shipped)."""
    path = root / "rules" / "parameters.ttl"
    text = path.read_text(encoding="utf-8")
    block = text.index('dct:identifier "training-interval"')
    amount = re.compile(r"kyz:amount \d+")
    match = amount.search(text, block)
    assert match, "the training interval has no kyz:amount"
    path.write_text(text[: match.start()] + f"kyz:amount {years}" + text[match.end() :], "utf-8")


def _recency(kb) -> tuple[str, str]:
    finding = next(
        f
        for f in assess_file(EXAMPLE, AS_OF, "en", kb=kb).findings
        if f.check == "training-recency"
    )
    return finding.status, finding.explanation


@pytest.fixture(scope="module")
def edited_root(tmp_path_factory) -> Path:
    root = kb_copy(tmp_path_factory.mktemp("kb-copy"))
    _set_training_interval(root, 5)
    return root


def test_two_roots_side_by_side_give_their_own_answers(edited_root):
    shipped, edited = current_kb(), current_kb(root=edited_root)
    assert shipped is not edited and shipped.revision != edited.revision
    assert shipped.checks.parameters["training-interval"].versions[0].amount == 3
    assert edited.checks.parameters["training-interval"].versions[0].amount == 5
    status, text = _recency(shipped)
    assert status == "non_compliant" and "since 2022-06-30" in text and "= 3 years" in text
    status, text = _recency(edited)  # s06 trained 2021-04-12: within five years
    assert status == "compliant" and "since 2020-06-30" in text and "= 5 years" in text
    assert _recency(shipped)[0] == "non_compliant"  # the first is untouched by the second


def test_derived_data_is_built_once_per_handle(edited_root):
    kb = current_kb(root=edited_root)
    assert kb.catalog is kb.catalog and kb.checks is kb.checks
    assert kb.query("checks", "training-recency") is kb.query("checks", "training-recency")
    assert current_kb(root=edited_root) is kb  # files unchanged: the same handle


def test_registry_replaces_a_changed_revision_and_keeps_one_on_request(tmp_path):
    root = kb_copy(tmp_path)
    registry = Registry()
    first = registry.current(root)
    registry.keep(first)
    _set_training_interval(root, 4)
    second = registry.current(root)
    assert second.revision != first.revision
    assert registry.get(first.revision, root) is first  # kept for a comparison
    registry.release(first)
    with pytest.raises(UsageError, match="not loaded"):
        registry.get(first.revision, root)
    assert registry.get(second.revision, root) is second
    _set_training_interval(root, 6)
    third = registry.current(root)
    assert [kb.revision for kb in registry.loaded()] == [third.revision]  # not kept: dropped


def test_no_module_level_cache_outside_the_registry():
    caches = re.compile(r"@(functools\.)?(lru_cache|cache)\b|^_\w*CACHE\w* *[:=]", re.M)
    found = [
        str(p.relative_to(ROOT))
        for p in (ROOT / "kb_service").rglob("*.py")
        if caches.search(p.read_text(encoding="utf-8"))
    ]
    assert found == []


def test_sections_not_evaluated_come_from_the_kb(catalog):
    """An ad-hoc question may sit only in a section the KB evaluates (13 is not, by the KB)."""
    import json

    from kb_service.core.problems import FactsError
    from kb_service.facts import facts_from_dict
    from kb_service.kb.vocabulary import facts_vocabulary

    kb = current_kb()
    not_evaluated = {n for n, s in catalog.sections.items() if not s.evaluated}
    assert not_evaluated == {13}
    assert set(facts_vocabulary(kb).evaluated_sections) == set(catalog.sections) - not_evaluated
    data = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    data["adhoc"] = [{"id": "q1", "section": 13, "question": "?", "status": "compliant"}]
    with pytest.raises(FactsError) as info:
        facts_from_dict(data, "x.json", AS_OF, kb=kb)
    (problem,) = info.value.problems
    assert problem.location == "$.adhoc[0].section" and "not a memo section that is evaluated" in (
        problem.message
    )
    assert "12" in problem.expected and "13" not in problem.expected
