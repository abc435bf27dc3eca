"""Evaluating across a change of a rule parameter, on a test-only KB copy in which a FICTIONAL
resolution (tests/fictional_kb.py) changes the training interval from 3 years to 2, the donor
deadline from 5 working days to 10, and restates the half-yearly report, from 2023-07-01."""

from __future__ import annotations

import datetime as dt

import pytest
from bodies import minimal_body
from fictional_kb import CHANGE, FICTIONAL_ACT, fictional_root

from kb_service.evaluation.assess import assess
from kb_service.facts import facts_from_dict
from kb_service.kb.knowledge_base import KnowledgeBase
from kb_service.kb.registry import current_kb
from kb_service.models.findings import Finding

D = dt.date
SERVANTS = [
    {"id": "s1", "unit": "ca", "appointed_on": "2010-01-01"},  # trained 2021-03-01
    {"id": "s2", "unit": "ca", "appointed_on": "2010-01-01"},  # trained 2020-03-01
    {"id": "s3", "unit": "ca", "appointed_on": "2010-01-01"},  # trained 2022-05-01
    {"id": "s4", "unit": "ca", "appointed_on": "2010-01-01"},  # 2019-01-01, then 2023-09-01
]
TRAININGS = [
    {"id": f"t{n}", "servant": s, "date": d, "kind": "short", "funding": "state"}
    for n, (s, d) in enumerate(
        [("s1", "2021-03-01"), ("s2", "2020-03-01"), ("s3", "2022-05-01"),
         ("s4", "2019-01-01"), ("s4", "2023-09-01")]
    )
]  # fmt: skip


@pytest.fixture(scope="module")
def kb(tmp_path_factory) -> KnowledgeBase:
    return current_kb(root=fictional_root(tmp_path_factory.mktemp("kb-fictional")))


@pytest.fixture(scope="module")
def gap_kb(tmp_path_factory) -> KnowledgeBase:
    return current_kb(root=fictional_root(tmp_path_factory.mktemp("kb-gap"), gap=True))


def _body(year_from: int, year_to: int, **records) -> dict:
    period = {"from": f"{year_from}-01-01", "to": f"{year_to}-12-31"}
    return minimal_body(period=period, servants=SERVANTS, trainings=TRAININGS, **records)


def _finding(kb: KnowledgeBase, body: dict, as_of: D, check: str, lang: str = "en") -> Finding:
    body["trainings"] = [t for t in body["trainings"] if D.fromisoformat(t["date"]) <= as_of]
    facts = facts_from_dict(body, "fictional.json", as_of, kb=kb)
    return next(f for f in assess(facts, as_of, lang, kb=kb).findings if f.check == check)


def _failed(f: Finding) -> set[str]:
    return set(f.deciding_facts) if f.status == "non_compliant" else set()


def test_before_the_change_three_years_apply(kb):
    f = _finding(kb, _body(2022, 2022), D(2023, 1, 31), "training-recency")
    assert _failed(f) == {"s4"}  # cut-off 2020-01-31: s4's last training is of 2019
    assert f.parameter_parts == () and "2020-01-31" in f.explanation
    assert "3 years" in f.explanation and FICTIONAL_ACT not in {c.id for c in f.citations}


def test_after_the_change_two_years_apply(kb):
    f = _finding(kb, _body(2024, 2024), D(2025, 1, 31), "training-recency")
    assert _failed(f) == {"s1", "s2", "s3"}  # cut-off 2023-01-31: only s4 (2023-09) passes
    assert f.parameter_parts == () and "2 years" in f.explanation
    assert FICTIONAL_ACT in {c.id for c in f.citations}  # the value's own legal basis


def test_across_the_change_each_part_is_judged_with_its_value(kb):
    f = _finding(kb, _body(2023, 2023), D(2024, 1, 31), "training-recency")
    # part 1 (to 2023-06-30, 3 years): cut-off 2020-06-30, s2 and s4 (2019) fail;
    # part 2 (from 2023-07-01, 2 years): cut-off 2021-12-31, s1 and s2 fail; s4 trained since
    assert f.status == "non_compliant" and _failed(f) == {"s1", "s2", "s4"}
    first, second = f.parameter_parts
    assert (first.date_from, first.date_to, first.amount) == ("2023-01-01", "2023-06-30", 3)
    assert (second.date_from, second.date_to, second.amount) == ("2023-07-01", "2023-12-31", 2)
    assert (first.reference_date, first.cutoff) == ("2023-06-30", "2020-06-30")
    assert (second.reference_date, second.cutoff) == ("2023-12-31", "2021-12-31")
    assert "law-75-2016" in first.citations and second.citations == (FICTIONAL_ACT,)
    for part in (first, second):
        assert part.text in f.explanation and part.basis in part.text
    assert "No. 999 of 2023-06-20" in second.basis


@pytest.mark.parametrize("lang", ["ky", "ru", "en"])
def test_the_parts_are_named_in_every_language(kb, lang):
    f = _finding(kb, _body(2023, 2023), D(2024, 1, 31), "training-recency", lang)
    intro = kb.checks.message("parameter-parts", lang).split("{")[1].split("}")[1][:12]
    assert intro.strip() and intro.strip() in f.explanation
    assert all(p.text in f.explanation and p.date_to in p.text for p in f.parameter_parts)


def test_a_part_with_no_value_is_not_judged(gap_kb):
    body = _body(2023, 2023)
    body["trainings"] = [t for t in TRAININGS if t["servant"] != "s2"] + [
        {
            "id": "t9",
            "servant": "s2",
            "date": "2022-01-01",
            "kind": "short",
            "funding": "state",
        }
    ]
    body["trainings"] = [t for t in body["trainings"] if t["servant"] != "s4"]
    body["servants"] = [s for s in SERVANTS if s["id"] != "s4"]
    f = _finding(gap_kb, body, D(2024, 1, 31), "training-recency")
    assert f.status == "insufficient_evidence"  # all pass to 2023-06-30, nothing can be said after
    none = f.parameter_parts[1]
    assert none.value is None and (none.date_from, none.date_to) == ("2023-07-01", "2023-12-31")
    assert none.text in f.explanation
    after = _finding(gap_kb, _body(2024, 2024), D(2025, 1, 31), "training-recency")
    assert after.status == "insufficient_evidence" and "No value of" in after.explanation


def test_each_invitation_is_due_under_the_value_on_its_receipt_date(kb):
    invitations = [  # 7 working days each: late under 5, on time under 10
        {"id": "di-june", "received_on": "2023-06-01", "forwarded_on": "2023-06-12"},
        {"id": "di-aug", "received_on": "2023-08-01", "forwarded_on": "2023-08-10"},
    ]
    f = _finding(
        kb, _body(2023, 2023, donor_invitations=invitations), D(2024, 1, 31), "donor-forwarding"
    )
    assert f.status == "non_compliant" and f.deciding_facts == ("di-june",)
    assert [p.amount for p in f.parameter_parts] == [5, 10]
    assert all(p.text in f.explanation for p in f.parameter_parts)


def test_each_half_year_is_judged_under_the_rule_at_its_end(kb):
    reports = [{"id": "h1", "year": 2023, "half": 1, "sent_on": "2023-07-05"}]
    f = _finding(
        kb, _body(2023, 2023, semiannual_reports=reports), D(2024, 1, 31), "semiannual-reports"
    )
    assert f.status == "non_compliant" and f.deciding_facts == ("2023-H2",)
    assert [p.periods for p in f.parameter_parts] == [("2023-H1",), ("2023-H2",)]
    assert f.parameter_parts[1].citations == (FICTIONAL_ACT,)


def test_no_change_in_the_period_leaves_the_shipped_findings_without_parts():
    kb = current_kb()
    facts = facts_from_dict(_body(2023, 2023), "shipped.json", D(2024, 1, 31), kb=kb)
    assert all(f.parameter_parts == () for f in assess(facts, D(2024, 1, 31), "en", kb=kb).findings)
    assert CHANGE.year == 2023
