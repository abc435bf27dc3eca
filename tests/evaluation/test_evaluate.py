"""`kb evaluate`: report formats, the examples, as-of behaviour across a repeal, bad input."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
import rdflib
from repo_paths import ROOT

from kb_service.cli.main import main
from kb_service.evaluation.assess import assess, assess_file
from kb_service.facts import load_facts
from kb_service.kb.registry import current_kb

EXAMPLES = ROOT / "examples"
BAD = ROOT / "tests" / "data" / "bad-facts"
AS_OF = "2025-06-30"
FINDING_KEYS = {
    "requirement",
    "section",
    "unit",
    "status",
    "explanation",
    "citations",
    "evidence_documents",
}
CITATION_KEYS = {"id", "number", "date", "title", "article", "in_force"}


def _evaluate_json(capsys, path: Path, *extra: str) -> dict:
    assert main(["evaluate", str(path), "--as-of", AS_OF, "--format", "json", *extra]) == 0
    return json.loads(capsys.readouterr().out)


def test_json_shape(capsys):
    data = _evaluate_json(capsys, EXAMPLES / "ministry-violations.json", "--lang", "en")
    assert {"body", "as_of", "kb_revision", "summary", "findings"} <= set(data)
    assert data["as_of"] == AS_OF and len(data["kb_revision"]) == 12
    for finding in data["findings"]:
        assert FINDING_KEYS <= set(finding)
        assert finding["kb_revision"] == data["kb_revision"]
        assert isinstance(finding["section"], int)
        for citation in finding["citations"]:
            assert CITATION_KEYS <= set(citation)
    assert sum(data["summary"]["total"].values()) == len(data["findings"])


def test_compliant_ministry_has_no_violation():
    evaluation = assess_file(
        EXAMPLES / "ministry-compliant.json", dt.date.fromisoformat(AS_OF), kb=current_kb()
    )
    assert {f.status for f in evaluation.findings} <= {
        "compliant",
        "informational",
        "not_applicable",
    }


def test_violations_in_every_judged_section():
    evaluation = assess_file(
        EXAMPLES / "ministry-violations.json", dt.date.fromisoformat(AS_OF), kb=current_kb()
    )
    sections = {f.section for f in evaluation.findings if f.status == "non_compliant"}
    assert sections == set(range(2, 13))  # section 1 is information only; 13 is not evaluated


def test_explanation_names_the_deciding_facts():
    evaluation = assess_file(
        EXAMPLES / "ministry-violations.json", dt.date.fromisoformat(AS_OF), "en", kb=current_kb()
    )
    training = next(f for f in evaluation.findings if f.check == "training-recency")
    assert training.status == "non_compliant"
    assert "have no training since 2022-06-30" in training.explanation
    for servant in training.deciding_facts:
        assert servant in training.explanation


def test_workbook_and_json_give_the_same_findings():
    as_of = dt.date.fromisoformat(AS_OF)
    from_json = assess_file(EXAMPLES / "ministry-compliant.json", as_of, kb=current_kb())
    from_xlsx = assess_file(EXAMPLES / "ministry.xlsx", as_of, kb=current_kb())
    key = lambda e: [(f.check, f.unit, f.status) for f in e.findings]  # noqa: E731
    assert key(from_json) == key(from_xlsx)


def test_district_administration_and_municipal_body():
    as_of = dt.date.fromisoformat(AS_OF)
    district = assess_file(EXAMPLES / "district-administration.json", as_of, "en", kb=current_kb())
    staff_units = next(f for f in district.findings if f.requirement == "1.1.2")
    assert staff_units.status == "not_applicable"
    # on the as-of date 472 has been repealed and the citation re-pointed to its successor 413
    assert [
        c.id for c in next(f for f in district.findings if f.requirement == "1.1").citations
    ] == ["cabinet-res-413-2023"]
    lsg = assess_file(EXAMPLES / "local-self-government.json", as_of, kb=current_kb())
    assert lsg.body["regime"] == "municipal"
    first = next(f for f in lsg.findings if f.requirement == "1.1")
    assert [c.id for c in first.citations] == ["gov-res-451-2011"]
    text = next(f for f in lsg.findings if f.requirement == "3.3").requirement_text
    assert text.startswith("муниципалдык кызматчылардын")
    assert lsg.summary["section_titles"]["8"].startswith(
        "Жергиликтүү өз алдынча башкаруу органында"
    )


def test_section_13_is_not_evaluated():
    evaluation = assess_file(
        EXAMPLES / "ministry-compliant.json", dt.date.fromisoformat(AS_OF), "en", kb=current_kb()
    )
    (finding,) = [f for f in evaluation.findings if f.section == 13]
    assert finding.status == "not_applicable" and "Tax Service" in finding.explanation


def _dismissal_facts(tmp_path: Path) -> Path:
    unit = {"id": "ca", "kind": "central-apparatus", "staff_approved": 1, "staff_actual": 1}
    dismissal = {
        "id": "dm",
        "unit": "ca",
        "dismissed_on": "2021-05-20",
        "notified_on": "2021-05-27",
    }
    facts = {
        "id": "b",
        "name": "Body",
        "body_type": "state-body",
        "period": {"from": "2021-01-01", "to": "2021-12-31"},
        "units": [unit],
        "dismissals": [dismissal],
    }
    path = tmp_path / "facts.json"
    path.write_text(json.dumps(facts), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "as_of, in_force", [(dt.date(2022, 5, 15), True), (dt.date(2022, 5, 16), False)]
)
def test_as_of_across_the_repeal_of_714(tmp_path, as_of, in_force):
    evaluation = assess(
        load_facts(_dismissal_facts(tmp_path), as_of, kb=current_kb()), as_of, "en", kb=current_kb()
    )
    finding = next(f for f in evaluation.findings if f.check == "dismissal-notifications")
    assert finding.status == "compliant"  # still evaluated after the repeal
    cited = {c.id: c for c in finding.citations}
    if in_force:  # the day before 714 ended
        assert cited["gov-res-714-2013"].in_force is True and not cited["gov-res-714-2013"].note
        assert "cabinet-res-252-2022" not in cited
    else:  # from that day the section's citation rests on 252, which repealed 714
        assert "gov-res-714-2013" not in cited and "cabinet-res-252-2022" in cited


def test_html_pdf_ttl(tmp_path):
    src = EXAMPLES / "ministry-violations.json"
    for fmt in ("html", "pdf", "ttl"):
        out = tmp_path / f"report.{fmt}"
        assert main(["evaluate", str(src), "--as-of", AS_OF, "--format", fmt, "-o", str(out)]) == 0
        assert out.stat().st_size > 1000
    assert "Кыргыз Республикасынын Транспорт" in (tmp_path / "report.html").read_text("utf-8")
    assert (tmp_path / "report.pdf").read_bytes().startswith(b"%PDF")
    graph = rdflib.Graph().parse(tmp_path / "report.ttl")
    earl = rdflib.Namespace("http://www.w3.org/ns/earl#")
    outcomes = list(graph.objects(None, earl.outcome))
    assert earl.failed in outcomes and earl.passed in outcomes and earl.inapplicable in outcomes


def test_pdf_needs_an_output_file(capsys):
    assert main(["evaluate", str(EXAMPLES / "ministry-compliant.json"), "--format", "pdf"]) == 2
    assert "-o FILE" in capsys.readouterr().err


BAD_FILES = sorted(p for p in BAD.iterdir() if p.suffix in (".json", ".ttl", ".xlsx"))


@pytest.mark.parametrize("path", BAD_FILES, ids=lambda p: p.name)
def test_bad_facts_nothing_evaluated(path, tmp_path, capsys):
    out = tmp_path / "report.json"
    code = main(["evaluate", str(path), "--as-of", AS_OF, "-o", str(out)])
    err = capsys.readouterr().err
    assert code == 1
    assert "Traceback" not in err and path.name in err and "nothing was evaluated" in err
    assert not out.exists() and not list(tmp_path.iterdir())


def test_missing_file_is_a_clear_error(capsys):
    assert main(["evaluate", "no-such-file.json"]) == 2
    assert "no such file" in capsys.readouterr().err


def test_unknown_body_type_template(tmp_path, capsys):
    assert (
        main(
            [
                "template",
                "--body-type",
                "ministry",
                "--format",
                "json",
                "-o",
                str(tmp_path / "t.json"),
            ]
        )
        == 1
    )
    assert "unknown body type 'ministry'" in capsys.readouterr().err


@pytest.mark.parametrize("fmt", ["json", "xlsx"])
def test_template_for_each_format(tmp_path, fmt):
    out = tmp_path / f"blank.{fmt}"
    assert (
        main(
            ["template", "--body-type", "district-administration", "--format", fmt, "-o", str(out)]
        )
        == 0
    )
    assert out.stat().st_size > 100


def test_engines_agree():
    facts = load_facts(
        EXAMPLES / "ministry-violations.json", dt.date.fromisoformat(AS_OF), kb=current_kb()
    )
    as_of = dt.date.fromisoformat(AS_OF)
    ox = assess(facts, as_of, kb=current_kb("oxigraph"))
    rd = assess(facts, as_of, kb=current_kb("rdflib"))
    key = lambda e: sorted((f.check, f.unit or "", f.status, f.deciding_facts) for f in e.findings)  # noqa: E731
    assert key(ox) == key(rd)


def test_adhoc_question_of_the_working_commission():
    """Memo footnote *****: the commission's own question, judged by it, reported in its section."""
    evaluation = assess_file(
        EXAMPLES / "ministry-violations.json", dt.date.fromisoformat(AS_OF), "en", kb=current_kb()
    )
    (adhoc,) = [f for f in evaluation.findings if f.check == "adhoc"]
    assert adhoc.requirement == "7.x-q1" and adhoc.section == 7 and adhoc.unit == "ca"
    assert adhoc.status == "non_compliant" and {c.basis for c in adhoc.citations} == {"section"}
    assert "footnote *****" in adhoc.explanation and adhoc.requirement_text.startswith("Тартиптик")
    sections = [f.section for f in evaluation.findings]
    assert sections == sorted(sections)
