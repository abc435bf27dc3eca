"""The blank template can be filled in bit by bit: with only the body's name, the period and the
monitoring date filled in it validates and evaluates, every untouched part meaning "not recorded";
records are added next to the placeholders, `[]` says "none", problems name the file's own places.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from openpyxl import load_workbook

from kb_service.assess import assess
from kb_service.check_catalog import shared_check_catalog
from kb_service.facts import FactsError, load_facts, write_template
from kb_service.facts.kb import load_kb
from kb_service.facts.xlsx_layout import BODY_SHEET

AS_OF = dt.date(2025, 6, 30)
BODY_TYPES = sorted(load_kb().body_types)
FILLED = {"name": "Сыноо органы", "monitoring_date": "2025-02-10"}
PERIOD = {"from": "2024-01-01", "to": "2024-12-31"}
UNJUDGED = {"insufficient_evidence", "not_applicable", "informational"}


def _json_template(body_type: str, tmp_path: Path, **changes) -> Path:
    out = tmp_path / "t.json"
    write_template(body_type, "json", out)
    data = {**json.loads(out.read_text(encoding="utf-8")), **FILLED, "period": PERIOD, **changes}
    out.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return out


def _xlsx_template(body_type: str, tmp_path: Path) -> Path:
    out = tmp_path / "t.xlsx"
    write_template(body_type, "xlsx", out)
    wb = load_workbook(out)
    values = {**FILLED, "period.from": PERIOD["from"], "period.to": PERIOD["to"]}
    for row in wb[BODY_SHEET].iter_rows(min_row=2):
        if row[0].value in values:
            row[2].value = values[row[0].value]
    wb.save(out)
    return out


def _untouched_means_not_recorded(path: Path) -> None:
    facts = load_facts(path, AS_OF)
    for lang in ("ky", "ru", "en"):
        evaluation = assess(facts, AS_OF, lang)
        assert {f.status for f in evaluation.findings} <= UNJUDGED
        cc = shared_check_catalog()
        said = cc.message("not-recorded", lang).split("{")[0]
        judged = [f for f in evaluation.findings if f.status == "insufficient_evidence"]
        for f in judged:  # "not recorded in the facts: ...", or a flag's own "is not recorded"
            flag = cc.check_text(cc.checks[f.check], "unknownText", lang) if f.check else ""
            assert f.explanation.startswith(said) or (flag and flag in f.explanation), f
        assert judged


@pytest.mark.parametrize("body_type", BODY_TYPES)
def test_a_json_template_with_only_the_body_filled_in_evaluates(body_type, tmp_path):
    _untouched_means_not_recorded(_json_template(body_type, tmp_path))


@pytest.mark.parametrize("body_type", BODY_TYPES)
def test_a_workbook_template_with_only_the_body_filled_in_evaluates(body_type, tmp_path):
    _untouched_means_not_recorded(_xlsx_template(body_type, tmp_path))


def _template_data(tmp_path: Path) -> dict:
    path = _json_template("local-self-government", tmp_path)
    return json.loads(path.read_text(encoding="utf-8"))


def _check(tmp_path: Path, data: dict) -> dict[str, str]:
    path = tmp_path / "f.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return {f.check: f.status for f in assess(load_facts(path, AS_OF), AS_OF, "en").findings}


def test_records_added_beside_a_placeholder_and_none_as_an_empty_list(tmp_path):
    data = _template_data(tmp_path)
    data["servants"].append({"id": "s1", "unit": "ca", "meets_qualification": True})
    data["vacancies"] = []  # recorded: there are none
    slot = next(d for d in data["documents"] if d["document"] == 3)
    slot["status"] = "present"
    statuses = _check(tmp_path, data)
    assert statuses["qualification"] == "compliant"
    assert statuses["competition-protocols"] == "compliant"  # none to check
    assert statuses["staff-schedule-documents"] == "compliant"
    assert statuses["reserve-inclusion-orders"] == "insufficient_evidence"  # placeholder only


def test_problems_are_named_at_their_place_in_the_file(tmp_path):
    data = _template_data(tmp_path)
    data["trainings"].append({"id": "t1", "servant": "s9", "date": "2024-13-01"})
    path = tmp_path / "f.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(FactsError) as err:
        load_facts(path, AS_OF)
    where = {p.location for p in err.value.problems}
    assert "$.trainings[1].date" in where and not any("[0]" in w for w in where)


def test_a_slot_with_a_value_but_no_status_is_an_error_not_a_placeholder(tmp_path):
    data = _template_data(tmp_path)
    data["documents"][0]["number"] = "12-к"
    path = tmp_path / "f.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(FactsError) as err:
        load_facts(path, AS_OF)
    assert [p.location for p in err.value.problems] == ["$.documents[0].status"]
