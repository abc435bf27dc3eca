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
from repo_paths import ROOT

from kb_service.evaluation.assess import assess
from kb_service.facts import FactsError, load_facts, write_template
from kb_service.facts.schema import COLLECTIONS
from kb_service.facts.xlsx_layout import BODY_SHEET
from kb_service.kb.registry import current_kb
from kb_service.kb.vocabulary import facts_vocabulary

AS_OF = dt.date(2025, 6, 30)
EXAMPLE_DIR = ROOT / "examples"
EXAMPLES = sorted(p.name for p in EXAMPLE_DIR.iterdir())
BODY_TYPES = sorted(facts_vocabulary(current_kb()).body_types)
FILLED = {"name": "Сыноо органы", "monitoring_date": "2025-02-10"}
PERIOD = {"from": "2024-01-01", "to": "2024-12-31"}
UNJUDGED = {"insufficient_evidence", "not_applicable", "informational"}


def _json_template(body_type: str, tmp_path: Path, **changes) -> Path:
    out = tmp_path / "t.json"
    write_template(body_type, "json", out, kb=current_kb())
    data = {**json.loads(out.read_text(encoding="utf-8")), **FILLED, "period": PERIOD, **changes}
    out.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return out


def _xlsx_template(body_type: str, tmp_path: Path) -> Path:
    out = tmp_path / "t.xlsx"
    write_template(body_type, "xlsx", out, kb=current_kb())
    wb = load_workbook(out)
    values = {**FILLED, "period.from": PERIOD["from"], "period.to": PERIOD["to"]}
    for row in wb[BODY_SHEET].iter_rows(min_row=2):
        if row[0].value in values:
            row[2].value = values[row[0].value]
    wb.save(out)
    return out


def _untouched_means_not_recorded(path: Path) -> None:
    facts = load_facts(path, AS_OF, kb=current_kb())
    for lang in ("ky", "ru", "en"):
        evaluation = assess(facts, AS_OF, lang, kb=current_kb())
        assert {f.status for f in evaluation.findings} <= UNJUDGED
        cc = current_kb().checks
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
    return {
        f.check: f.status
        for f in assess(
            load_facts(path, AS_OF, kb=current_kb()), AS_OF, "en", kb=current_kb()
        ).findings
    }


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
        load_facts(path, AS_OF, kb=current_kb())
    where = {p.location for p in err.value.problems}
    assert "$.trainings[1].date" in where and not any("[0]" in w for w in where)


def test_a_slot_with_a_value_but_no_status_is_an_error_not_a_placeholder(tmp_path):
    data = _template_data(tmp_path)
    data["documents"][0]["number"] = "12-к"
    path = tmp_path / "f.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(FactsError) as err:
        load_facts(path, AS_OF, kb=current_kb())
    assert [p.location for p in err.value.problems] == ["$.documents[0].status"]


# ---- every example entered into its own template, bit by bit ----

LANGS = ("ky", "ru", "en")
BODY_KEYS = ("id", "@context", "name", "period", "monitoring_date")


def _entry_steps() -> list[list[str]]:
    """Record kinds grouped by memo section, in an order an inspector can enter them: a kind
    referred to (units, servants, orders) before the kinds that refer to it."""
    refs = {c.key: {f.arg for f in c.fields if f.kind == "ref"} - {c.key} for c in COLLECTIONS}

    def depth(key: str) -> int:
        return 1 + max((depth(r) for r in refs[key]), default=-1)

    ordered = sorted(COLLECTIONS, key=lambda c: depth(c.key))
    steps: list[list[str]] = []
    for c, previous in zip(ordered, [None, *ordered], strict=False):
        if previous is not None and previous.section == c.section:
            steps[-1].append(c.key)
        else:
            steps.append([c.key])
    return steps


def _enter(template: dict, example: dict, kinds: list[str]) -> None:
    """Enter the example's records of `kinds`: document slots filled in, other records added
    beside the placeholder, a kind the example records as none made `[]`."""
    for key in (k for k in kinds if k in example):
        records = example[key]
        if key == "documents":
            slots = {(d["document"], d["unit"]): d for d in template["documents"]}
            for record in records:
                slot = slots.get((record["document"], record["unit"]))
                if slot is None:
                    template["documents"].append(record)
                else:
                    slot.update(record)
        elif key == "units" or not records:
            template[key] = records
        else:
            template[key] = template[key] + records


def _same_findings(filled: Path, example: Path) -> None:
    """The filled-in template and the example give the same findings in every language."""
    facts, own = (
        load_facts(filled, AS_OF, kb=current_kb()),
        load_facts(example, AS_OF, kb=current_kb()),
    )
    for lang in LANGS:
        found, expected = (
            assess(facts, AS_OF, lang, kb=current_kb()).findings,
            assess(own, AS_OF, lang, kb=current_kb()).findings,
        )
        assert [(f.requirement, f.unit, f.status, f.explanation) for f in found] == [
            (f.requirement, f.unit, f.status, f.explanation) for f in expected
        ]


def _untouched_kinds_not_recorded(evaluation, entered: set[str]) -> None:
    """A finding of a check that needs a kind not entered yet is not judged."""
    cc, classes = current_kb().checks, {c.cls: c.key for c in COLLECTIONS}
    for f in evaluation.findings:
        needs = cc.checks[f.check].needs if f.check in cc.checks else ()
        if any(classes[n.rsplit("#", 1)[-1]] not in entered for n in needs):
            assert f.status in UNJUDGED, (entered, f)


@pytest.mark.parametrize("example", [p for p in EXAMPLES if p.endswith(".json")])
def test_an_example_entered_bit_by_bit_into_its_json_template(example, tmp_path):
    """Each step validates and evaluates, kinds not entered yet not recorded; entered
    completely, the template gives the example's own findings in every language."""
    data = json.loads((EXAMPLE_DIR / example).read_text(encoding="utf-8"))
    path = tmp_path / "t.json"
    write_template(data["body_type"], "json", path, kb=current_kb())
    template = json.loads(path.read_text(encoding="utf-8"))
    template.update({k: data[k] for k in BODY_KEYS if k in data})
    entered: set[str] = set()
    for n, kinds in enumerate([[], *_entry_steps()]):
        _enter(template, data, kinds)
        entered |= set(kinds)
        path.write_text(json.dumps(template, ensure_ascii=False), encoding="utf-8")
        _untouched_kinds_not_recorded(
            assess(load_facts(path, AS_OF, kb=current_kb()), AS_OF, LANGS[n % 3], kb=current_kb()),
            entered,
        )
    template["donor_trained_database"] = data.get("donor_trained_database")  # the body's yes/no
    path.write_text(json.dumps(template, ensure_ascii=False), encoding="utf-8")
    _same_findings(path, EXAMPLE_DIR / example)


def _copy_rows(source, target) -> None:
    """Every cell of `source` (a sheet of the example workbook) into `target`, past row 1."""
    for row in range(2, max(source.max_row, target.max_row) + 1):
        for col in range(1, max(source.max_column, target.max_column) + 1):
            target.cell(row, col).value = source.cell(row, col).value


def _copy_body_rows(source, target, keys: set[str]) -> None:
    values = {r[0].value: r[2].value for r in source.iter_rows(min_row=2)}
    for row in target.iter_rows(min_row=2):
        if row[0].value in keys:
            row[2].value = values.get(row[0].value)


def test_the_example_workbook_entered_bit_by_bit_into_its_template(tmp_path):
    """The same for the example workbook, sheet by sheet (a sheet's `none.` row with it)."""
    example = load_workbook(EXAMPLE_DIR / "ministry.xlsx")
    path = tmp_path / "t.xlsx"
    write_template("state-body", "xlsx", path, kb=current_kb())
    template, sheets = load_workbook(path), {c.key: c.sheet for c in COLLECTIONS}
    body = {"id", "name", "period.from", "period.to", "monitoring_date"}
    entered: set[str] = set()
    for n, kinds in enumerate([[], *_entry_steps()]):
        for key in kinds:
            _copy_rows(example[sheets[key]], template[sheets[key]])
        body |= {"none." + k for k in kinds}
        _copy_body_rows(example[BODY_SHEET], template[BODY_SHEET], body)
        entered |= set(kinds)
        template.save(path)
        _untouched_kinds_not_recorded(
            assess(load_facts(path, AS_OF, kb=current_kb()), AS_OF, LANGS[n % 3], kb=current_kb()),
            entered,
        )
    _copy_body_rows(example[BODY_SHEET], template[BODY_SHEET], {"donor_trained_database"})
    template.save(path)
    _same_findings(path, EXAMPLE_DIR / "ministry.xlsx")
