"""kb diff between a git revision and a KB folder: the rules' changes in a lawyer's terms and
the findings that flip."""

from __future__ import annotations

import datetime as dt

from repo_paths import ROOT, kb_copy

from kb_service.editing.rules_diff import compare, rule_facts, rules_diff


def test_a_folder_against_itself_shows_no_change():
    facts = rule_facts(ROOT)
    assert compare(facts, facts) == []
    assert facts["parameter"]["training-interval"]["versions"].startswith("3 years")


def test_a_changed_parameter_and_the_findings_it_flips(tmp_path):
    kb_copy(tmp_path)
    params = tmp_path / "rules" / "parameters.ttl"
    text = params.read_text("utf-8")
    params.write_text(
        text.replace(
            "kyz:amount 3 ; kyz:timeUnit kyz:CalendarYear",
            "kyz:amount 1 ; kyz:timeUnit kyz:CalendarYear",
        ),
        "utf-8",
    )
    example = ROOT / "examples" / "ministry-compliant.json"
    found = rules_diff("HEAD", str(tmp_path), dt.date(2026, 12, 31), [example])
    (change,) = found.changes
    assert (change.kind, change.id, change.field) == ("parameter", "training-interval", "versions")
    assert change.before.startswith("3 years") and change.after.startswith("1 years")
    assert [(f.requirement, f.before, f.after) for f in found.flips] == [
        ("5.3", "compliant", "non_compliant")
    ]
