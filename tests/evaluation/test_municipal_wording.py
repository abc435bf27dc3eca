"""A municipal body's findings speak the municipal regime (memo footnotes *-****, applied through
rules/municipal.ttl) everywhere: explanations, requirement texts, documents, section titles, in
ky, ru and en, in JSON, HTML and PDF; every example is also read as a municipal body. In either
regime an explanation quotes a document as its own document list does. Act titles are protected
names and stay as they are.
"""

from __future__ import annotations

import copy
import datetime as dt
import re

import pytest
from languages import html_text, json_strings, state_wording_in
from outputs import EXAMPLES, MUNICIPAL, act_texts, as_municipal, evaluation, report
from render_pdf_text import pdf_text
from test_check_cases import BASE, CASES

from kb_service.evaluation.assess import assess
from kb_service.evaluation.explain import kb_labels
from kb_service.facts import FactsError, facts_from_dict
from kb_service.kb.registry import current_kb
from kb_service.render import render_report

LANGS = ("ky", "ru", "en")


def _without_citations(ev) -> str:
    data = ev.to_json()
    for finding in data["findings"]:
        finding.pop("citations")
    return json_strings(data)


@pytest.mark.parametrize("lang", LANGS)
def test_municipal_findings_hold_no_state_wording(catalog, lang):
    ev = evaluation(MUNICIPAL, lang)
    assert state_wording_in(_without_citations(ev), catalog, lang) == []
    html = html_text(report(MUNICIPAL, lang, "html").decode("utf-8"))
    assert state_wording_in(html, catalog, lang, act_texts(ev)) == []
    assert (
        state_wording_in(pdf_text(report(MUNICIPAL, lang, "pdf")), catalog, lang, act_texts(ev))
        == []
    )


@pytest.mark.parametrize("lang", LANGS)
def test_the_document_explanations_quote_municipal_titles(catalog, lang):
    finding = next(f for f in evaluation(MUNICIPAL, lang).findings if f.requirement == "2.3")
    listed = next(d["title"] for d in finding.evidence_documents if d["number"] == 3)
    assert f"«{listed}»" in finding.explanation  # the same title as its own document list


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.name)
def test_every_example_read_as_a_municipal_body_speaks_its_regime(catalog, example, lang):
    ev = as_municipal(example, lang)
    assert state_wording_in(_without_citations(ev), catalog, lang) == []
    html = html_text(render_report(ev, "html", kb_labels(current_kb().checks, lang)).decode())
    assert state_wording_in(html, catalog, lang, act_texts(ev)) == []


QUOTED_DOCUMENT = re.compile(r"(?:№|No\. )(\d+) «")


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.name)
def test_explanations_quote_the_documents_as_their_own_list_does(example, lang):
    """In either regime, a document an explanation quotes carries the title its finding lists."""
    quoted = 0
    for ev in (evaluation(example, lang), as_municipal(example, lang)):
        for finding in ev.findings:
            listed = {d["number"]: d["title"] for d in finding.evidence_documents}
            for match in QUOTED_DOCUMENT.finditer(finding.explanation):
                title = listed[int(match.group(1))]
                assert finding.explanation[match.end() :].startswith(f"{title}»"), finding
                quoted += 1
    assert quoted


def _municipal_cases():
    for n, (check, index, case) in enumerate(CASES):
        data = copy.deepcopy(BASE)
        data.update(copy.deepcopy(case.get("facts", {})))
        for key in case.get("remove", []):
            data.pop(key, None)
        data["body_type"] = "local-self-government"
        yield f"{check}-{index}", data, case.get("as_of", "2025-06-30"), LANGS[n % 3]


def test_every_check_case_speaks_the_municipal_regime(catalog):
    """Every check's passing and failing example, run as a local self-government body (one
    language per case, all three in turn): each path of the explanations is covered."""
    bad, run = {}, 0
    for name, data, as_of, lang in _municipal_cases():
        day = dt.date.fromisoformat(as_of)
        try:
            facts = facts_from_dict(data, f"{name}.json", day, kb=current_kb())
        except FactsError:  # e.g. departmental units, which this body type does not have
            continue
        run += 1
        found = state_wording_in(
            _without_citations(assess(facts, day, lang, kb=current_kb())), catalog, lang
        )
        if found:
            bad[(name, lang)] = found
    assert run > 80 and bad == {}


@pytest.mark.parametrize("lang", LANGS)
def test_act_titles_are_not_municipalised(catalog, lang):
    for finding in evaluation(MUNICIPAL, lang).findings:
        for c in finding.citations:
            assert c.title == (catalog.label(catalog.acts[c.id].iri, lang) or c.title)
    law_75 = catalog.label(catalog.acts["law-75-2016"].iri, "ky")
    assert "Мамлекеттик жарандык кызмат" in law_75
