"""`kb citations --as-of D`: the citations in trouble on a date, on the shipped KB."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re

import pytest
from languages import html_text, kyrgyz_in

from kb_service.cli.main import main
from kb_service.core.languages import LANGS
from kb_service.kb.registry import current_kb
from kb_service.law.citation_health import citation_health
from kb_service.models.citation_health import FACTS, PROBLEM_KINDS
from kb_service.render.citations import citations_as_html, citations_as_text

TODAY = dt.date(2026, 12, 2)
MEMO_DATE = dt.date(2017, 10, 17)
# what rules/changes.ttl records (docs/legal-research-2026.md): cited act -> (kind, successors, end)
CHANGES = {
    "law-75-2016": ("replaced", ("law-125-2021",), "2021-10-27"),
    "gov-regulations-341-2013": ("replaced", ("cabinet-res-233-2021",), "2021-11-02"),
    "gov-res-472-2007": ("repealed", ("cabinet-res-413-2023",), "2023-08-14"),
    "gov-res-714-2013": ("repealed", ("cabinet-res-252-2022",), "2022-05-16"),
    "gov-res-131-2017": ("repealed", ("cabinet-res-474-2022",), "2022-08-01"),
    "gov-res-706-2016": ("partly-repealed", ("cabinet-res-189-2022", "cabinet-res-316-2022"), None),
    "gov-res-674-2016": ("partly-repealed", ("cabinet-res-356-2021",), None),
    "decree-308-2016": ("amended", ("decree-163-2026",), None),
}


def _health(as_of: dt.date = TODAY, lang: str = "en"):
    return citation_health(as_of, lang, kb=current_kb())


def _by_act(health, kind: str) -> dict[str, set[tuple]]:
    group = next((g for g in health.groups if g.kind == kind), None)
    found: dict[str, set[tuple]] = {}
    for p in group.problems if group else ():
        found.setdefault(p.act.id, set()).add((tuple(s.id for s in p.successors), p.since))
    return found


@pytest.mark.parametrize("act_id", sorted(CHANGES))
def test_today_shows_each_recorded_change_with_its_successor(act_id):
    kind, successors, end = CHANGES[act_id]
    assert _by_act(_health(), kind)[act_id] == {(successors, end)}


def test_law_75_replaced_by_125_on_every_citing_section_from_an_inferred_date():
    group = next(g for g in _health().groups if g.kind == "replaced")
    law_75 = [p for p in group.problems if p.act.id == "law-75-2016"]
    assert [p.section for p in law_75] == [2, 3, 4, 5, 6, 7, 8, 9, 10, 12]
    assert {p.since_status for p in law_75} == {"inferred"}
    s5 = next(p for p in law_75 if p.section == 5)
    assert "training-interval" in s5.parameters and "5.3" in s5.requirements


def test_acts_of_unknown_standing_include_the_rest_of_706():
    unknown = _by_act(_health(), "in-force-unknown")
    assert {"gov-res-706-2016", "ethics-code", "mkk-order-92-2017"} <= set(unknown)
    assert "gov-res-131-2017" not in unknown  # ended 2022-08-01 (verified)
    assert "law-67-2007" not in unknown and "decree-308-2016" not in unknown  # verified in force


def test_facts_the_citations_rest_on():
    health = _health()
    facts = {(g.kind, p.citation): p.facts for g in health.groups for p in g.problems if p.facts}
    assert facts[("fact-unknown", "s8-ethics-code")] == ("number", "date")
    assert facts[("fact-inferred", "s11-gov-regulations-341-2013")] == (
        "number",
        "date",
        "citation",
    )
    assert facts[("fact-inferred", "s1-district-administration")] == ("end-date", "body-type")
    assert facts[("fact-unverified", "s9-gov-res-131-2017")] == ("number", "date")
    assert ("fact-unverified", "s2-law-75-2016") not in facts  # verified number and date
    assert all(set(f) <= set(FACTS) for f in facts.values())


def test_at_the_memo_date_nothing_had_ended():
    health = _health(MEMO_DATE)
    kinds = {g.kind for g in health.groups}
    assert not kinds & {"replaced", "repealed", "ended", "partly-repealed", "amended"}
    assert "in-force-unknown" not in kinds  # the memo shows every cited act in force then
    before = _health(dt.date(2016, 1, 1))
    assert "law-75-2016" in _by_act(before, "not-yet-in-force")


def test_groups_come_in_kind_order_and_problems_in_the_memo_order():
    health = _health()
    kinds = [g.kind for g in health.groups]
    assert kinds == [k for k in PROBLEM_KINDS if k in kinds]
    for group in health.groups:
        keys = [(p.section or 0) for p in group.problems]
        assert keys == sorted(keys)
    assert _health() == health  # stable from run to run


def test_freshness_follows_the_last_verified_dates_and_the_policy():
    today = _health()
    assert today.last_verified_recorded is True
    assert (today.stale_before, today.stale_after_months) == ("2025-12-02", 12)
    assert "fact-stale" not in {g.kind for g in today.groups}  # all read on 2026-12-02
    assert today.undated_facts > 0  # facts from before the research record no date
    text = citations_as_text(today)
    assert today.labels["health_stale_policy"].format(date="2025-12-02", n=12) in text
    later = _health(dt.date(2028, 1, 1))  # more than 12 months after the research
    stale = {p.citation: p for g in later.groups if g.kind == "fact-stale" for p in g.problems}
    assert "end-date" in stale["s9-gov-res-131-2017"].facts
    assert stale["s9-gov-res-131-2017"].since == "2026-12-02"  # last verified on


def test_a_value_whose_only_basis_ended_is_listed_for_legal_staff():
    group = next(g for g in _health().groups if g.kind == "basis-lapsed")
    [problem] = group.problems
    assert (problem.citation, problem.act.id) == ("s5-law-75-2016", "law-75-2016")
    assert "training-interval" in problem.parameters and problem.requirements == ()
    assert (problem.since, problem.since_status) == ("2021-10-27", "inferred")
    before = _health(dt.date(2021, 10, 26))
    assert "basis-lapsed" not in {g.kind for g in before.groups}


def test_an_ended_citation_says_what_continues_it():
    group = next(g for g in _health().groups if g.kind == "repealed")
    by_citation = {p.citation: p for p in group.problems}
    res_714 = by_citation["s10-gov-res-714-2013"]
    assert res_714.repointed_to is not None and res_714.repointed_to.id == "cabinet-res-252-2022"
    assert (res_714.repointed_since, res_714.repointed_status) == ("2022-05-16", "inferred")
    assert by_citation["s9-gov-res-131-2017"].repointed_to is None  # nothing continues 131


def test_json_shape(capsys):
    assert main(["citations", "--as-of", "2026-12-02", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data) == {
        "as_of", "lang", "citations_checked", "groups", "last_verified_recorded", "kb_revision",
        "stale_before", "stale_after_months", "undated_facts",
    }  # fmt: skip
    assert data["citations_checked"] == len(current_kb().citations)
    problem = data["groups"][0]["problems"][0]
    fields = {f.name for f in dataclasses.fields(_health().groups[0].problems[0])}
    assert set(problem) == fields and data["groups"][0]["kind"] == "basis-lapsed"


@pytest.mark.parametrize("lang", LANGS)
def test_every_word_is_in_the_kb_in_every_language(catalog, lang):
    keys = {"health_kind_" + k.replace("-", "_") for k in PROBLEM_KINDS}
    keys |= {"fact_" + f.replace("-", "_") for f in FACTS}
    assert [k for k in sorted(keys) if lang not in catalog.labels.get(k, {})] == []
    for as_of in (TODAY, MEMO_DATE, dt.date(2016, 1, 1)):
        health = _health(as_of, lang)
        text, html = citations_as_text(health), html_text(citations_as_html(health))
        assert not re.search(r"\{\w+\}", text + html)
        if lang != "ky":
            assert kyrgyz_in(text, catalog, lang) == [] and kyrgyz_in(html, catalog, lang) == []


def test_html_fetches_nothing_and_shows_the_groups():
    health = _health()
    page = citations_as_html(health)
    assert "Content-Security-Policy" in page and "default-src 'none'" in page
    assert "http://" not in page and "https://" not in page
    assert health.labels["health_kind_replaced"] in page
    assert "law No. 125 of 2021-10-27" in page


def test_cli_exit_codes_and_output_file(capsys, tmp_path):
    assert main(["citations", "--as-of", "2026-12-02", "--lang", "ru"]) == 0
    assert "заменён актом: закон от 2021-10-27 № 125" in capsys.readouterr().out
    out = tmp_path / "citations.html"
    assert main(["citations", "--format", "html", "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert main(["citations", "--format", "html", "-o", str(tmp_path)]) == 2  # a folder
    with pytest.raises(SystemExit) as stop:
        main(["citations", "--as-of", "2026-13-01"])
    assert stop.value.code == 2
