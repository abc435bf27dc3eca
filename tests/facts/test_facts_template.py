"""Templates per body type, and the Excel round trip."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from openpyxl import load_workbook
from repo_paths import ROOT

from kb_service.facts import FactsError, load_facts, write_template
from kb_service.facts.schema import COLLECTIONS
from kb_service.facts.workbook import write_workbook
from kb_service.facts.xlsx_layout import BODY_SHEET, LISTS_SHEET, README_SHEET, xlsx_layout
from kb_service.kb.registry import current_kb
from kb_service.kb.vocabulary import facts_vocabulary

EXAMPLES = sorted((ROOT / "examples").glob("*.json"))
AS_OF = dt.date(2025, 6, 30)
BODY_TYPES = sorted(facts_vocabulary(current_kb()).body_types)


@pytest.mark.parametrize("body_type", BODY_TYPES)
def test_json_template(body_type: str, tmp_path: Path) -> None:
    out = tmp_path / "t.json"
    write_template(body_type, "json", out, kb=current_kb())
    data = json.loads(out.read_text(encoding="utf-8"))
    kinds = {u["kind"] for u in data["units"]}
    assert kinds == set(facts_vocabulary(current_kb()).body_types[body_type].unit_kinds)
    numbers = {d["document"] for d in data["documents"]}
    assert 25 not in numbers and len(numbers) == 26  # section 13 is not evaluated
    assert set(data) >= {c.key for c in COLLECTIONS}
    with pytest.raises(FactsError):  # a blank template is not evidence of anything
        load_facts(out, AS_OF, kb=current_kb())


@pytest.mark.parametrize("body_type", BODY_TYPES)
def test_xlsx_template(body_type: str, tmp_path: Path) -> None:
    out = tmp_path / "t.xlsx"
    write_template(body_type, "xlsx", out, kb=current_kb())
    wb = load_workbook(out)
    assert wb.sheetnames[:2] == [README_SHEET, BODY_SHEET]
    assert wb.sheetnames[-1] == LISTS_SHEET and wb[LISTS_SHEET].sheet_state == "hidden"
    for c in COLLECTIONS:
        ws = wb[c.sheet]
        assert [cell.value for cell in ws[1]] == xlsx_layout(current_kb()).headers(c)
    assert "13" not in " ".join(wb.sheetnames)
    units = wb["1 Бөлүмчөлөр"]
    assert units.max_row - 1 == len(facts_vocabulary(current_kb()).body_types[body_type].unit_kinds)
    trainings = wb["5 Окутуулар"]
    assert len(trainings.data_validations.dataValidation) == 2  # kind and funding
    assert trainings["C2"].number_format == "yyyy-mm-dd"
    assert any(" / " in str(c.value) for c in wb[README_SHEET]["A"])


def test_unknown_body_type(tmp_path: Path) -> None:
    with pytest.raises(FactsError, match="one of: district-administration"):
        write_template("ministry", "json", tmp_path / "x.json", kb=current_kb())
    with pytest.raises(FactsError, match="json or xlsx"):
        write_template("state-body", "csv", tmp_path / "x.csv", kb=current_kb())


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_xlsx_round_trip(path: Path, tmp_path: Path) -> None:
    original = load_facts(path, AS_OF, kb=current_kb())
    out = tmp_path / "filled.xlsx"
    write_workbook(json.loads(path.read_text(encoding="utf-8")), out, kb=current_kb())
    again = load_facts(out, AS_OF, kb=current_kb())
    assert again.graph().isomorphic(original.graph())


def test_shipped_workbook_matches_json() -> None:
    xlsx = load_facts(ROOT / "examples" / "ministry.xlsx", AS_OF, kb=current_kb())
    js = load_facts(ROOT / "examples" / "ministry-compliant.json", AS_OF, kb=current_kb())
    assert xlsx.graph().isomorphic(js.graph())


def test_xlsx_none_versus_rows(tmp_path: Path) -> None:
    data = json.loads((ROOT / "examples" / "local-self-government.json").read_text())
    out = tmp_path / "lsg.xlsx"
    write_workbook(data, out, kb=current_kb())
    wb = load_workbook(out)
    ws = wb[BODY_SHEET]
    row = next(r for r in ws.iter_rows(min_row=2) if r[0].value == "none.dismissals")
    assert row[2].value == "ооба / да"
    row[2].value = "ооба / да"
    other = next(r for r in ws.iter_rows(min_row=2) if r[0].value == "none.servants")
    other[2].value = "ооба / да"  # says none, but the sheet has servants
    wb.save(out)
    with pytest.raises(FactsError, match="says 'none' but sheet '3 Кызматчылар' has rows"):
        load_facts(out, AS_OF, kb=current_kb())
