"""A successor (replacing or repealing act) is named only on or after its own date: in findings
(JSON and the report's warning box), `kb law` (text and JSON) and `kb checklist`.
"""

from __future__ import annotations

import datetime as dt
import json

from bodies import minimal_body

from kb_service.cli.main import main
from kb_service.evaluation.assess import assess
from kb_service.evaluation.explain import kb_labels
from kb_service.facts import facts_from_dict
from kb_service.kb.registry import current_kb
from kb_service.law.checklist import build_checklist
from kb_service.render import render_report

BEFORE, AFTER = dt.date(2021, 6, 1), dt.date(2022, 6, 1)  # resolution 252 is of 2022-05-16
BODY = minimal_body(period={"from": "2020-01-01", "to": "2020-12-31"})


def _assess(as_of: dt.date):
    return assess(
        facts_from_dict(BODY, "early.json", as_of, kb=current_kb()), as_of, "en", kb=current_kb()
    )


def _citations_of(evaluation, act_id: str):
    return [c for f in evaluation.findings for c in f.citations if c.id == act_id]


def test_findings_name_no_successor_before_it_existed():
    before = _citations_of(_assess(BEFORE), "gov-res-714-2013")
    assert before and all(c.successor is None and "252" not in c.note for c in before)
    after = _citations_of(_assess(AFTER), "gov-res-714-2013")
    assert after and all(c.successor == "cabinet-res-252-2022" for c in after)


def test_report_names_no_successor_before_it_existed():
    evaluation = _assess(BEFORE)
    html = render_report(evaluation, "html", kb_labels(current_kb().checks, "en")).decode()
    assert "No. 252" not in html


def test_kb_law_names_no_successor_before_it_existed(capsys):
    args = ["law", "--section", "10", "--lang", "en", "--as-of", BEFORE.isoformat()]
    assert main([*args, "--format", "json"]) == 0
    acts = {a["id"]: a for a in json.loads(capsys.readouterr().out)}
    assert acts["gov-res-714-2013"]["repealed_by"] is None
    assert main(args) == 0
    assert "252" not in capsys.readouterr().out
    assert main(["law", "--section", "10", "--lang", "en", "--as-of", AFTER.isoformat()]) == 0
    assert "repealed by" in capsys.readouterr().out


def test_partial_repeals_appear_on_their_own_date(capsys):
    assert main(["law", "--section", "2", "--as-of", "2022-05-01", "--format", "json"]) == 0
    act = next(a for a in json.loads(capsys.readouterr().out) if a["id"] == "gov-res-706-2016")
    assert [p["id"] for p in act["partly_repealed_by"]] == ["cabinet-res-189-2022"]  # not 316 yet


def test_checklist_names_no_successor_before_it_existed():
    checklist = build_checklist(current_kb().checks, "state-body", BEFORE, "en")
    section_10 = next(s for s in checklist.sections if s.number == 10)
    assert "714" in section_10.legal_basis and "252" not in section_10.legal_basis
