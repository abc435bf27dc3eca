"""Which facts decide each check is documented (docs/facts-format.md, held to the queries), facts
that disagree are reported in the finding, and a check that looks only at the monitoring period
says so when the period holds nothing.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import re

import pytest
from bodies import minimal_body
from check_facts import facts_read
from outputs import AS_OF, EXAMPLES
from repo_paths import ROOT

from kb_service.evaluation.assess import assess
from kb_service.facts import facts_from_dict, load_facts
from kb_service.kb.registry import current_kb

DOCS = (ROOT / "docs" / "facts-format.md").read_text(encoding="utf-8")
MUNICIPAL = json.loads((ROOT / "examples" / "local-self-government.json").read_text("utf-8"))


def _doc_rows() -> dict[str, str]:
    return {
        m.group(1): m.group(0) for m in re.finditer(r"^\| [\d.]+ \| `([\w-]+)` \|.*$", DOCS, re.M)
    }


def test_the_docs_say_what_every_check_reads_and_when():
    cc, rows = current_kb().checks, _doc_rows()
    assert set(rows) == set(cc.checks)
    for check in cc.checks.values():
        listed = set(re.findall(r"`([\w.]+)`", rows[check.id].split("|")[3]))
        assert facts_read(current_kb().query("checks", check.query).text) <= listed, check.id
        periods = check.period_only or any(
            cc.parameters[p].role == "periods" for p in check.parameters
        )
        assert ("monitoring period only" in rows[check.id]) == periods, check.id


def _with_document(data: dict, number: int, status: str) -> dict:
    data = copy.deepcopy(data)
    for doc in data["documents"]:
        if doc["document"] == number:
            doc["status"] = status
    return data


@pytest.mark.parametrize("lang", ["ky", "ru", "en"])
def test_a_document_recorded_absent_while_its_order_is_recorded_is_reported(lang):
    data = _with_document(MUNICIPAL, 19, "absent")
    evaluation = assess(
        facts_from_dict(data, "x.json", AS_OF, kb=current_kb()), AS_OF, lang, kb=current_kb()
    )
    (finding,) = [f for f in evaluation.findings if f.disagreements]
    assert finding.requirement == "8.1" and finding.unit == "ca"
    assert finding.disagreements == (
        {"document": 19, "document_record": "d19-ca", "status": "absent", "order": "o-eth-ca",
         "referenced_by": ["eth-ca"]},
    )  # fmt: skip
    assert "d19-ca" in finding.explanation and "o-eth-ca" in finding.explanation


def test_any_document_that_is_an_order_is_checked_against_the_orders():
    body = minimal_body(
        documents=[{"id": "d12", "document": 12, "unit": "ca", "status": "not_shown"}],
        orders=[{"id": "o-cc", "kind": "competition_commission", "number": "3"}],  # whole body
    )
    findings = assess(
        facts_from_dict(body, "x.json", AS_OF, kb=current_kb()), AS_OF, "en", kb=current_kb()
    ).findings
    (finding,) = [f for f in findings if f.disagreements]
    assert finding.requirement == "2.1"
    assert "document No. 12 is recorded as «not shown» (d12)" in finding.explanation


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.name)
def test_consistent_examples_report_no_disagreement(example):
    evaluation = assess(load_facts(example, AS_OF, kb=current_kb()), AS_OF, "en", kb=current_kb())
    assert [f.requirement for f in evaluation.findings if f.disagreements] == []


def test_a_period_only_check_says_the_period_holds_nothing():
    body = minimal_body(
        servants=[{"id": "s1", "unit": "ca"}],
        trainings=[{"id": "t1", "servant": "s1", "date": "2023-05-10", "kind": "medium",
                    "funding": "state"}],
    )  # fmt: skip
    day = dt.date(2025, 6, 30)
    findings = assess(
        facts_from_dict(body, "x.json", day, kb=current_kb()), day, "en", kb=current_kb()
    ).findings
    finding = next(f for f in findings if f.check == "long-training-orders")
    assert "none recorded in the monitoring period (2024-01-01 – 2024-12-31)" in finding.explanation
