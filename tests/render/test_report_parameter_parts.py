"""The parts of a period judged under different parameter values in the JSON, HTML and PDF
reports, on the test-only KB copy with a FICTIONAL change (tests/fictional_kb.py)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json

import pytest
from bodies import minimal_body
from fictional_kb import fictional_root
from render_pdf_text import pdf_text

from kb_service.evaluation.assess import assess
from kb_service.facts import facts_from_dict
from kb_service.kb.registry import current_kb
from kb_service.models.findings import Evaluation, ParameterPartView
from kb_service.render.report import render_report

AS_OF = dt.date(2024, 1, 31)
BODY = minimal_body(
    period={"from": "2023-01-01", "to": "2023-12-31"},
    servants=[{"id": "s1", "unit": "ca", "appointed_on": "2010-01-01"}],
    trainings=[
        {"id": "t1", "servant": "s1", "date": "2021-03-01", "kind": "short", "funding": "state"}
    ],
)


@pytest.fixture(scope="module")
def evaluation(tmp_path_factory) -> Evaluation:
    kb = current_kb(root=fictional_root(tmp_path_factory.mktemp("kb-fictional")))
    return assess(facts_from_dict(BODY, "body.json", AS_OF, kb=kb), AS_OF, "en", kb=kb)


def _recency(data: dict) -> dict:
    return next(f for f in data["findings"] if f["check"] == "training-recency")


def test_json_carries_each_part_with_its_fields(evaluation):
    finding = _recency(json.loads(render_report(evaluation, "json")))
    fields = {f.name for f in dataclasses.fields(ParameterPartView)}
    parts = finding["parameter_parts"]
    assert [set(p) for p in parts] == [fields, fields]
    assert [(p["date_from"], p["date_to"], p["amount"]) for p in parts] == [
        ("2023-01-01", "2023-06-30", 3),
        ("2023-07-01", "2023-12-31", 2),
    ]
    assert finding["status"] == "non_compliant"  # 2021-03-01 is before the cut-off 2021-12-31


@pytest.mark.parametrize("fmt", ["html", "pdf"])
def test_html_and_pdf_show_the_parts(evaluation, fmt):
    data = render_report(evaluation, fmt, generated_at="2024-01-31T00:00:00")
    text = data.decode("utf-8") if fmt == "html" else " ".join(pdf_text(data).split())
    assert evaluation.labels["parameter_parts"] in text
    for cell in (
        "2023-01-01 – 2023-06-30",
        "2023-07-01 – 2023-12-31",
        "2021-12-31 (as of 2023-12-31)",
    ):
        assert cell in text
    assert "No. 999 of" in text  # the fictional value's legal basis
