"""The law over time on the shipped KB: each real change recorded in rules/changes.ttl, seen the
day before it and the day it takes effect; the ELI links derived from the change records; the
re-pointed citations; and a rule whose basis lapsed still evaluated, saying so."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
from bodies import minimal_body
from repo_paths import ROOT

from kb_service.cli.main import main
from kb_service.evaluation.assess import assess, assess_file
from kb_service.facts import facts_from_dict
from kb_service.kb.registry import current_kb
from kb_service.law.act_status import successor_phrase
from kb_service.law.lookup import applicable_law, look_up_law
from kb_service.render.law_text import law_as_text

D = dt.date
DAY = dt.timedelta(days=1)
# (section, body type, act before, act from the change, the date the change takes effect)
RE_POINTED = [
    (5, None, "law-75-2016", "law-125-2021", D(2021, 10, 27)),
    (1, "district-administration", "gov-res-472-2007", "cabinet-res-413-2023", D(2023, 8, 14)),
    (10, None, "gov-res-714-2013", "cabinet-res-252-2022", D(2022, 5, 16)),
    (11, None, "gov-regulations-341-2013", "cabinet-res-233-2021", D(2021, 11, 2)),
]


def _acts(section: int, body_type: str | None, on: dt.date) -> dict[str, dict]:
    views = applicable_law(current_kb().catalog, on, section=section, body_type=body_type)
    return {v["id"]: v for v in views}


@pytest.mark.parametrize(("section", "body_type", "old", "new", "day"), RE_POINTED)
def test_a_re_pointed_section_cites_the_old_act_before_and_the_new_from_the_change(
    section, body_type, old, new, day
):
    before, after = _acts(section, body_type, day - DAY), _acts(section, body_type, day)
    assert old in before and new not in before
    assert before[old]["in_force"] is True
    assert new in after and old not in after
    assert [r["act"]["id"] for r in after[new]["repointed_from"]] == [old]
    assert after[new]["repointed_from"][0] == {
        "act": after[new]["repointed_from"][0]["act"],
        "since": day.isoformat(),
        "since_status": "verified" if old.startswith("gov-regulations-341") else "inferred",
    }


def test_131_ends_on_1_august_2022_and_its_repealing_act_is_named_from_its_own_date():
    kb = current_kb()
    on = {d: _acts(9, None, d)["gov-res-131-2017"] for d in (D(2022, 7, 31), D(2022, 8, 1))}
    assert on[D(2022, 7, 31)]["in_force"] is True
    ended = on[D(2022, 8, 1)]
    assert ended["in_force"] is False and ended["no_longer_in_force_from_status"] == "verified"
    assert ended["repealed_by"] is None  # 474 is dated 29 Aug 2022: not named before that day
    later = _acts(9, None, D(2022, 8, 29))["gov-res-131-2017"]
    assert later["repealed_by"]["id"] == "cabinet-res-474-2022"
    words = lambda key, **v: kb.checks.message(key, "en").format(**v)  # noqa: E731
    assert successor_phrase(later, "en", words) == (
        "; repealed by Cabinet of Ministers resolution No. 474 of 2022-08-29 (from 2022-08-01)"
    )


def test_an_end_date_taken_from_a_signing_date_is_printed_as_inferred():
    kb = current_kb()
    law_75 = _acts(5, None, D(2021, 10, 26))["law-75-2016"]
    assert law_75["no_longer_in_force_from_status"] == "inferred"
    for lang, mark in (("en", "the date is inferred"), ("ru", "дата выведена")):
        words = lambda key, _l=lang, **v: kb.checks.message(key, _l).format(**v)  # noqa: E731
        view = _acts(5, None, D(2026, 6, 1)).get("law-75-2016") or {
            **law_75,
            "replaced_by": {"name": {lang: "Law 125"}},
        }
        assert mark in successor_phrase(view, lang, words)
    text = law_as_text(look_up_law(D(2026, 6, 1), "en", kb=kb, section=5))
    assert "cited from 2021-10-27 in place of law No. 75 of 2016-05-30 (date inferred)" in text
    assert "article: not known" in text


@pytest.mark.parametrize(
    ("act", "day", "in_force"),
    [
        ("gov-res-706-2016", D(2022, 6, 14), True),  # known in force that day
        ("gov-res-706-2016", D(2026, 1, 1), None),  # partly repealed; the rest unknown
        ("decree-308-2016", D(2026, 5, 13), True),  # amended by 163 that day
        ("cabinet-res-233-2021", D(2026, 1, 1), True),
        ("law-125-2021", D(2021, 10, 26), False),  # not yet
    ],
)
def test_standing_on_a_date(act, day, in_force):
    from kb_service.law.validity import validity_on

    assert validity_on(current_kb().catalog.acts[act], day).in_force is in_force


def _holds(query: str) -> bool:
    return bool(current_kb().select(query))


@pytest.mark.parametrize(
    "pattern",
    [
        "act:cabinet-res-252-2022 eli:repeals act:gov-res-714-2013",
        "act:gov-res-714-2013 kyz:repealedBy act:cabinet-res-252-2022",
        "act:gov-res-714-2013 eli:repealed_by act:cabinet-res-252-2022",
        "act:law-75-2016 kyz:replacedBy act:law-125-2021",
        "act:decree-163-2026 eli:amends act:decree-308-2016",
        "act:decree-308-2016 eli:amended_by act:decree-163-2026",
        "act:decree-308-2016 eli:changed_by act:decree-163-2026",
        "act:gov-res-706-2016 kyz:partlyRepealedBy act:cabinet-res-189-2022",
        "act:cabinet-res-189-2022 eli:repeals prv:gov-res-706-2016.app-2",
        "prv:gov-res-706-2016.item-1-para-3 eli:repealed_by act:cabinet-res-189-2022",
        "act:gov-res-706-2016 eli:has_part prv:gov-res-706-2016.item-1",
        "prv:gov-res-706-2016.item-1 eli:has_part prv:gov-res-706-2016.item-1-para-7",
        "act:gov-res-706-2016 eli:in_force eli:InForce-partiallyInForce",
        "act:gov-res-131-2017 eli:in_force eli:InForce-notInForce",
        "act:law-125-2021 eli:in_force eli:InForce-inForce",
        "act:cabinet-res-189-2022 eli:based_on prv:law-125-2021.art-7",
        "act:cabinet-res-189-2022 a eli:LegalResource",
        "prv:law-125-2021.art-7 a eli:LegalResourceSubdivision",
    ],
)
def test_eli_links_are_derived_from_the_change_records(pattern):
    prefixes = (
        "PREFIX kyz: <https://w3id.org/kyzmat-kb/ontology#>\n"
        "PREFIX eli: <http://data.europa.eu/eli/ontology#>\n"
        "PREFIX act: <https://w3id.org/kyzmat-kb/id/act/>\n"
        "PREFIX prv: <https://w3id.org/kyzmat-kb/id/provision/>\n"
    )
    assert _holds(prefixes + f"SELECT * WHERE {{ {pattern} }} LIMIT 1"), pattern


def test_eli_links_are_not_written_by_hand():
    text = (ROOT / "rules" / "acts.ttl").read_text(encoding="utf-8")
    for prop in ("kyz:replacedBy", "kyz:repealedBy", "kyz:partlyRepealedBy", "eli:changed_by"):
        assert not re.search(rf"^\s+{prop} ", text, re.M), prop


def _finding(as_of: str, requirement: str) -> dict:
    report = assess_file(
        ROOT / "examples" / "ministry-violations.json", D.fromisoformat(as_of), "en",
        kb=current_kb(),
    )  # fmt: skip
    return next(f for f in report.to_json()["findings"] if f["requirement"] == requirement)


def test_a_value_whose_basis_lapsed_is_still_applied_and_the_finding_says_so():
    finding = _finding("2026-06-30", "5.3")
    assert finding["status"] == "non_compliant"  # still evaluated
    assert list(finding["basis_lapsed"]) == [
        {
            "subject": "parameter:training-interval",
            "ended": ["law-75-2016"],
            "since": "2021-10-27",
            "since_status": "inferred",
            "unknown": ["gov-res-706-2016"],
        }
    ]
    text = finding["explanation"]
    assert "legal basis of the value “training interval” (3 years) has lapsed" in text
    assert "no longer in force from 2021-10-27 (date inferred)" in text
    assert "legal staff have not yet re-pointed it" in text


def test_before_the_change_the_basis_is_in_force_and_nothing_is_said():
    body = minimal_body(
        period={"from": "2019-01-01", "to": "2019-12-31"},
        servants=[{"id": "s1", "unit": "ca", "appointed_on": "2015-03-01"}],
        trainings=[
            {"id": "t1", "servant": "s1", "date": "2018-05-10", "kind": "short", "funding": "state"}
        ],
    )
    as_of = D(2020, 6, 30)
    kb = current_kb()
    report = assess(facts_from_dict(body, "body.json", as_of, kb=kb), as_of, "en", kb=kb)
    finding = next(f for f in report.to_json()["findings"] if f["requirement"] == "5.3")
    assert finding["status"] == "compliant"
    assert list(finding["basis_lapsed"]) == []
    assert "lapsed" not in finding["explanation"]
    assert [c["id"] for c in finding["citations"]] == ["law-75-2016", "gov-res-706-2016"]


def test_kb_law_json_carries_entry_into_force_and_re_pointing(capsys):
    args = ["law", "--section", "10", "--as-of", "2026-06-01", "--format", "json"]
    assert main(args) == 0
    acts = {a["id"]: a for a in json.loads(capsys.readouterr().out)}
    res_252 = acts["cabinet-res-252-2022"]
    assert res_252["entry_into_force"] is None and res_252["entry_into_force_status"] == "unknown"
    assert res_252["repointed_from"][0]["act"]["id"] == "gov-res-714-2013"
    assert "gov-res-714-2013" not in acts
