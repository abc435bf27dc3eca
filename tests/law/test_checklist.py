"""`kb checklist`: the memo for one body type on a date, with the law in force."""

from __future__ import annotations

import datetime as dt

import pytest

from kb_service.cli.main import main
from kb_service.core.problems import UsageError
from kb_service.kb.registry import current_kb
from kb_service.law.checklist import build_checklist


@pytest.mark.parametrize(
    "body_type", ["state-body", "district-administration", "local-self-government", "ttp-ktp",
                  "oblast-representative-office"],
)  # fmt: skip
def test_every_body_type(body_type):
    checklist = build_checklist(current_kb().checks, body_type, dt.date(2017, 10, 17), "en")
    section_1 = checklist.sections[0]
    assert "in force on 2017-10-17" in section_1.legal_basis
    ids = [i.requirement_id for i in section_1.items]
    assert ("1.1.2" in ids) == (body_type == "state-body")  # only state bodies have such units


def test_repealed_act_names_the_repealing_act():
    checklist = build_checklist(
        current_kb().checks, "district-administration", dt.date(2024, 1, 1), "en"
    )
    basis = checklist.sections[0].legal_basis
    # 472 was repealed by 413, and the section's citation re-pointed to 413 from 472's end
    assert "Cabinet of Ministers resolution No. 413 of 2023-08-14" in basis
    assert "cited from 2023-08-14 in place of Government resolution No. 472 of 2007-10-18" in basis
    assert "(date inferred)" in basis
    before = (
        build_checklist(current_kb().checks, "district-administration", dt.date(2023, 8, 13), "en")
        .sections[0]
        .legal_basis
    )
    assert "No. 472 of 2007-10-18" in before and "413" not in before


def test_a_repealed_act_not_re_pointed_names_the_repealing_act():
    checklist = build_checklist(current_kb().checks, "state-body", dt.date(2024, 1, 1), "en")
    basis = checklist.sections[8].legal_basis
    assert "No. 131 of 2017-03-01" in basis and "not in force on 2024-01-01" in basis
    repealed = "repealed by Cabinet of Ministers resolution No. 474 of 2022-08-29 (from 2022-08-01)"
    assert repealed in basis


def test_municipal_body_reads_municipal_wording():
    checklist = build_checklist(current_kb().checks, "local-self-government", dt.date(2025, 6, 30))
    assert checklist.regime == "municipal"
    texts = " ".join(i.text for s in checklist.sections for i in s.items)
    assert "муниципалдык кызматчылардын өздүк көктөмөлөрү" in texts
    assert "(№ 10, № 11)" in texts  # documents to request after the requirement


def test_unknown_body_type():
    with pytest.raises(UsageError):
        build_checklist(current_kb().checks, "ministry", dt.date(2025, 1, 1))


def test_cli_docx(tmp_path, capsys):
    out = tmp_path / "checklist.docx"
    args = [
        "--body-type",
        "state-body",
        "--as-of",
        "2025-06-30",
        "--format",
        "docx",
        "-o",
        str(out),
    ]
    assert main(["checklist", *args]) == 0
    assert out.stat().st_size > 5000
    assert main(["checklist", "--body-type", "nope"]) == 2
    assert "unknown body type 'nope'" in capsys.readouterr().err
