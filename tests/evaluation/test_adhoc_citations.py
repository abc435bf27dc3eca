"""An ad-hoc question of the working commission cites what the commission relies on: the act it
names when it records the question, or else the legal basis of the question's section, marked so.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest
from bodies import minimal_body
from repo_paths import ROOT

from kb_service.evaluation.assess import assess
from kb_service.facts import FactsError, facts_from_dict
from kb_service.kb.registry import current_kb

AS_OF = dt.date(2025, 6, 30)
QUESTION = {
    "id": "q1",
    "section": 7,
    "question": "Тартиптик комиссия 2024-жылы чогулганбы?",
    "status": "non_compliant",
    "note": "2024-жылы бир да отурум өткөрүлгөн эмес",
}


def _finding(lang: str = "en", **extra):
    facts = facts_from_dict(
        minimal_body(adhoc=[{**QUESTION, **extra}]), "q.json", AS_OF, kb=current_kb()
    )
    return next(
        f for f in assess(facts, AS_OF, lang, kb=current_kb()).findings if f.requirement == "7.x-q1"
    )


@pytest.mark.parametrize("lang", ["ky", "ru", "en"])
def test_without_an_act_it_cites_its_sections_legal_basis_marked_as_such(lang):
    finding = _finding(lang)
    assert finding.status == "non_compliant"
    # on 2025-06-30 the section rests on Law 125 (re-pointed from Law 75) and resolution 706
    assert [c.id for c in finding.citations] == ["law-125-2021", "gov-res-706-2016"]
    assert {c.basis for c in finding.citations} == {"section"}
    marked = {"ky": "7-бөлүмдүн укуктук негизи", "ru": "правовое основание раздела 7"}
    marked["en"] = "the legal basis of section 7"
    assert marked[lang] in finding.explanation


def test_it_cites_the_act_the_commission_names():
    finding = _finding(act="gov-res-706-2016")
    assert [(c.id, c.basis) for c in finding.citations] == [("gov-res-706-2016", "commission")]
    assert "the act the commission names" in finding.explanation


def test_an_unknown_act_is_a_clear_error():
    with pytest.raises(FactsError) as err:
        facts_from_dict(
            minimal_body(adhoc=[{**QUESTION, "act": "gov-res-1-1999"}]),
            "q.json",
            AS_OF,
            kb=current_kb(),
        )
    (problem,) = err.value.problems
    assert "$.adhoc[0].act" in str(problem) and "gov-res-1-1999" in str(problem)


def test_the_example_question_is_cited(capsys):
    from kb_service.cli.main import main

    path = ROOT / "examples" / "ministry-violations.json"
    assert main(["evaluate", str(path), "--as-of", "2025-06-30", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    finding = next(f for f in data["findings"] if f["requirement"] == "7.x-q1")
    assert finding["citations"] and all(c["basis"] == "section" for c in finding["citations"])


def test_an_unknown_act_in_turtle_is_a_clear_error(tmp_path):
    from kb_service.facts import load_facts

    good = facts_from_dict(
        minimal_body(adhoc=[{**QUESTION, "act": "gov-res-706-2016"}]), "q", AS_OF, kb=current_kb()
    )
    path = tmp_path / "q.ttl"
    path.write_text(good.ntriples.replace("/act/gov-res-706-2016>", "/act/gov-res-1-1999>"))
    with pytest.raises(FactsError) as err:
        load_facts(path, AS_OF, kb=current_kb())
    assert any("unknown act 'gov-res-1-1999'" in str(p) for p in err.value.problems)
