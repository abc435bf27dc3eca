"""`kb law`: which law applies, per body type and date, with validity and successors."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from kb_service.cli.main import main
from kb_service.core.problems import UsageError
from kb_service.law.lookup import act_view, applicable_law

# Section 1's legal basis per body type, as the memo states it: (act id, number, date).
SECTION_1 = {
    "state-body": ("gov-res-473-2011", "473", "2011-08-22"),
    "district-administration": ("gov-res-472-2007", "472", "2007-10-18"),
    "local-self-government": ("gov-res-451-2011", "451", "2011-08-05"),
    "ttp-ktp": ("gov-res-253-2017", "253", "2017-05-04"),
    "oblast-representative-office": ("pm-act-631-2012", "631", "2012-08-30"),
}
KEYS = {
    "id",
    "type",
    "number",
    "date",
    "title",
    "verification",
    "in_force",
    "replaced_by",
    "repealed_by",
}


def _law(capsys, *args: str) -> list[dict]:
    assert main(["law", "--format", "json", *args]) == 0
    return json.loads(capsys.readouterr().out)


def test_every_body_type_is_covered(catalog):
    assert set(SECTION_1) == set(catalog.body_types)


@pytest.mark.parametrize("body_type", sorted(SECTION_1))
def test_section_1_depends_on_body_type(capsys, body_type):
    acts = _law(capsys, "--section", "1", "--body-type", body_type, "--as-of", "2017-10-17")
    act_id, number, date = SECTION_1[body_type]
    assert [a["id"] for a in acts] == [act_id]
    act = acts[0]
    assert KEYS <= set(act)
    assert (act["number"], act["date"]) == (number, date)
    assert act["verification"]["number"] == "stated-by-memo"
    assert act["in_force"] is True  # cited by the memo, which postdates 2017-10-17
    later = _law(capsys, "--section", "1", "--body-type", body_type, "--as-of", "2024-01-01")[0]
    assert later["in_force"] is None  # no source settles it (472's successor 413 included)
    if body_type == "district-administration":  # 472 was repealed: its citation re-pointed
        assert later["id"] == "cabinet-res-413-2023"
        assert later["repointed_from"][0]["act"]["id"] == act_id
    assert act["title"]["ky"]


@pytest.mark.parametrize("body_type", sorted(SECTION_1))
def test_other_sections_same_for_every_body_type(capsys, body_type):
    acts = _law(capsys, "--section", "2", "--body-type", body_type, "--as-of", "2018-01-01")
    assert [a["id"] for a in acts] == ["law-75-2016", "gov-res-706-2016"]


def test_district_administration_2020_in_force(capsys):
    acts = _law(
        capsys, "--section", "1", "--body-type", "district-administration", "--as-of", "2020-01-01"
    )
    assert acts[0]["number"] == "472" and acts[0]["date"] == "2007-10-18"
    assert acts[0]["in_force"] is True


def test_district_administration_2024_cites_413_in_place_of_472(capsys, catalog):
    acts = _law(
        capsys, "--section", "1", "--body-type", "district-administration", "--as-of", "2024-01-01"
    )
    assert [a["id"] for a in acts] == ["cabinet-res-413-2023"]
    earlier = acts[0]["repointed_from"][0]
    assert earlier["act"]["number"] == "472" and earlier["since"] == "2023-08-14"
    assert earlier["since_status"] == "inferred"
    old = act_view(catalog, catalog.acts["gov-res-472-2007"], dt.date(2024, 1, 1), [])
    assert old["in_force"] is False
    assert old["repealed_by"]["number"] == "413" and old["repealed_by"]["date"] == "2023-08-14"


def test_text_answer_names_the_repeal(capsys):
    assert (
        main(
            [
                "law",
                "--section",
                "1",
                "--body-type",
                "district-administration",
                "--as-of",
                "2024-01-01",
                "--lang",
                "en",
            ]
        )
        == 0
    )
    out = capsys.readouterr().out
    assert "No. 413 of 2023-08-14" in out
    assert "cited from 2023-08-14 in place of Government resolution No. 472 of 2007-10-18" in out


def test_law_75_replaced_by_125(catalog):
    acts = applicable_law(catalog, dt.date(2022, 1, 1), section=3)
    assert [a["id"] for a in acts] == ["law-125-2021", "gov-res-706-2016", "gov-res-496-2011"]
    law = act_view(catalog, catalog.acts["law-75-2016"], dt.date(2022, 1, 1), [])
    assert law["in_force"] is False
    assert law["replaced_by"]["number"] == "125" and law["replaced_by"]["date"] == "2021-10-27"
    before = applicable_law(catalog, dt.date(2021, 10, 26), section=3)
    assert [a["id"] for a in before] == ["law-75-2016", "gov-res-706-2016", "gov-res-496-2011"]


def test_714_before_and_after_its_repeal(catalog):
    before = applicable_law(catalog, dt.date(2022, 5, 15), section=10)
    after = applicable_law(catalog, dt.date(2022, 5, 16), section=10)
    get = lambda acts, i: next(a for a in acts if a["id"] == i)  # noqa: E731
    assert get(before, "gov-res-714-2013")["in_force"] is True
    assert "gov-res-714-2013" not in {a["id"] for a in after}
    assert (
        get(after, "cabinet-res-252-2022")["repointed_from"][0]["act"]["id"] == "gov-res-714-2013"
    )
    old = act_view(catalog, catalog.acts["gov-res-714-2013"], dt.date(2022, 5, 16), [])
    assert old["in_force"] is False and old["repealed_by"]["number"] == "252"


def test_unknown_validity_is_null(catalog):
    acts = applicable_law(catalog, dt.date(2024, 1, 1), section=12)
    order = next(a for a in acts if a["id"] == "mkk-order-92-2017")
    assert order["in_force"] is None


def test_before_the_act_existed(catalog):
    acts = applicable_law(catalog, dt.date(2015, 1, 1), section=9)
    assert next(a for a in acts if a["id"] == "gov-res-131-2017")["in_force"] is False


def test_ethics_code_unknown_number_and_date(catalog):
    acts = applicable_law(catalog, dt.date(2018, 1, 1), section=8)
    code = next(a for a in acts if a["type"] == "code-of-ethics")
    assert code["number"] is None and code["date"] is None
    assert code["verification"] == {"number": "unknown", "date": "unknown", "issuer": "unknown"}
    assert code["in_force"] is None


def test_no_article_is_invented(catalog):
    acts = applicable_law(catalog, dt.date(2018, 1, 1))
    assert all(a["articles"] == [] for a in acts)


def test_section_13_cites_nothing(capsys):
    assert _law(capsys, "--section", "13") == []


def test_requirement_and_document_scopes(capsys):
    acts = _law(capsys, "--requirement", "5.3", "--as-of", "2018-01-01")
    assert [a["id"] for a in acts] == ["law-75-2016", "gov-res-706-2016"]
    acts = _law(capsys, "--document", "27", "--as-of", "2018-01-01")
    assert {a["id"] for a in acts} == {"law-75-2016", "gov-res-674-2016", "gov-res-714-2013"}


@pytest.mark.parametrize(
    "args, fragment",
    [
        (["--section", "14"], "unknown section 14"),
        (["--requirement", "5.9"], "unknown requirement '5.9'"),
        (["--document", "28"], "unknown document 28"),
        (["--body-type", "ministry"], "unknown body type 'ministry'"),
    ],
)
def test_bad_requests_are_clear(capsys, args, fragment):
    assert main(["law", *args]) == 2
    err = capsys.readouterr().err
    assert fragment in err and "expected" in err and "Traceback" not in err


def test_impossible_date_is_rejected(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["law", "--as-of", "2023-02-30"])
    assert exc.value.code == 2
    assert "expected YYYY-MM-DD" in capsys.readouterr().err


def test_usage_error_type(catalog):
    with pytest.raises(UsageError):
        applicable_law(catalog, dt.date(2020, 1, 1), body_type="nope")


def test_act_ids_are_the_projects_own(catalog):
    """External identifiers (cis:…, cbd:…) never stand in for an act id or a successor."""
    for act_id, act in catalog.acts.items():
        assert act.iri.endswith("/act/" + act_id)
        for other in (act.replaced_by, act.repealed_by, *act.partly_repealed_by, *act.changed_by):
            assert other is None or other in catalog.acts
