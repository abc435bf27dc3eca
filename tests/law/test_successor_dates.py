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

# resolution 131 ended on 2022-08-01 under resolution 474, which is dated 2022-08-29
BEFORE, AFTER = dt.date(2022, 8, 15), dt.date(2022, 9, 1)
BODY = minimal_body(period={"from": "2021-01-01", "to": "2021-12-31"})


def _assess(as_of: dt.date):
    return assess(
        facts_from_dict(BODY, "early.json", as_of, kb=current_kb()), as_of, "en", kb=current_kb()
    )


def _citations_of(evaluation, act_id: str):
    return [c for f in evaluation.findings for c in f.citations if c.id == act_id]


def test_findings_name_no_successor_before_it_existed():
    before = _citations_of(_assess(BEFORE), "gov-res-131-2017")
    assert before and all(c.in_force is False for c in before)
    assert all(c.successor is None and "474" not in c.note for c in before)
    after = _citations_of(_assess(AFTER), "gov-res-131-2017")
    assert after and all(c.successor == "cabinet-res-474-2022" for c in after)


def test_report_names_no_successor_before_it_existed():
    evaluation = _assess(BEFORE)
    html = render_report(evaluation, "html", kb_labels(current_kb().checks, "en")).decode()
    assert "No. 474" not in html


def test_kb_law_names_no_successor_before_it_existed(capsys):
    args = ["law", "--section", "9", "--lang", "en", "--as-of", BEFORE.isoformat()]
    assert main([*args, "--format", "json"]) == 0
    acts = {a["id"]: a for a in json.loads(capsys.readouterr().out)}
    assert acts["gov-res-131-2017"]["repealed_by"] is None
    assert main(args) == 0
    assert "474" not in capsys.readouterr().out
    assert main(["law", "--section", "9", "--lang", "en", "--as-of", AFTER.isoformat()]) == 0
    repealed = "repealed by Cabinet of Ministers resolution No. 474 of 2022-08-29"
    assert repealed in capsys.readouterr().out


def test_partial_repeals_appear_on_their_own_date(capsys):
    assert main(["law", "--section", "2", "--as-of", "2022-05-01", "--format", "json"]) == 0
    act = next(a for a in json.loads(capsys.readouterr().out) if a["id"] == "gov-res-706-2016")
    assert [p["id"] for p in act["partly_repealed_by"]] == ["cabinet-res-189-2022"]  # not 316 yet


def test_checklist_names_no_successor_before_it_existed():
    checklist = build_checklist(current_kb().checks, "state-body", BEFORE, "en")
    section_9 = next(s for s in checklist.sections if s.number == 9)
    assert "131" in section_9.legal_basis and "474" not in section_9.legal_basis
