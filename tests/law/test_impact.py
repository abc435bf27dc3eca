"""`kb impact ACT-ID`: what a change to one act touches, read from the KB's links."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
from pathlib import Path

import pytest
from languages import kyrgyz_in
from repo_paths import ROOT, kb_copy

from kb_service.cli.main import main
from kb_service.core.languages import LANGS
from kb_service.core.problems import UsageError
from kb_service.kb.registry import current_kb
from kb_service.law.impact import impact_of
from kb_service.render.impact_text import impact_as_text

TODAY = dt.date(2026, 12, 2)
LAW_75 = "law-75-2016"
LAW_75_SECTIONS = [2, 3, 4, 5, 6, 7, 8, 9, 10, 12]  # the memo's legal-basis paragraphs naming it
RENDERERS = ("render/impact_text.py", "render/legal_words.py", "render/citations.py")


def _impact(act_id: str = LAW_75, lang: str = "en", **kw):
    return impact_of(act_id, TODAY, lang, kb=current_kb(), **kw)


def _citing(catalog, act_id: str) -> set[str]:
    """The requirements citing the act, straight from the catalog (not through impact)."""
    return {
        r.id for r in catalog.requirements.values() if any(c.act == act_id for c in r.citations)
    }


def test_law_75_lists_the_requirements_and_sections_that_cite_it(catalog):
    impact = _impact()
    assert [c.section for c in impact.citations] == LAW_75_SECTIONS
    listed = {r for c in impact.citations for r in c.requirements}
    assert listed == _citing(catalog, LAW_75) and {"2.1", "5.3", "12.2"} <= listed
    assert not any(r.startswith(("1.", "11.", "13.")) for r in listed)
    assert [s.number for s in impact.sections] == LAW_75_SECTIONS
    assert all(c.body_types == () and c.articles == () for c in impact.citations)


def test_law_75_sets_the_training_interval_and_its_check_uses_it():
    impact = _impact()
    interval = next(p for p in impact.parameters if p.id == "training-interval")
    assert (interval.amount, interval.unit, interval.citations) == (3, "years", ("s5-law-75-2016",))
    recency = next(c for c in impact.checks if c.id == "training-recency")
    assert recency.requirement == "5.3" and recency.cites_act
    assert recency.parameters == ("training-interval",)
    assert {p.id for p in impact.parameters} == {
        "training-interval", "donor-forwarding-deadline", "donor-report-period",
        "training-programme-period",
    }  # fmt: skip


def test_checks_are_those_of_citing_requirements_or_affected_parameters(catalog):
    cc = current_kb().checks
    impact = _impact()
    citing = _citing(catalog, LAW_75)
    expected = {c.id for c in cc.checks.values() if c.requirement in citing}
    assert {c.id for c in impact.checks} == expected
    assert [c.id for c in impact.checks] == sorted(expected)


def test_memo_paragraphs_are_the_sections_legal_basis_naming_the_act(catalog):
    impact = _impact(lang="ky")
    memo_name = catalog.text(catalog.acts[LAW_75].iri, "memoCitation", "ky")
    assert memo_name and all(memo_name in s.legal_basis for s in impact.sections)
    english = _impact(lang="en")
    assert all(
        "state civil service and municipal service" in s.legal_basis for s in english.sections
    )


def test_law_75_was_replaced_by_law_125_from_an_inferred_date():
    [relation] = _impact().relations
    assert (relation.relation, relation.act.id) == ("replaced-by", "law-125-2021")
    assert (relation.effective, relation.effective_status, relation.on_date) == (
        "2021-10-27", "inferred", True,
    )  # fmt: skip
    [back] = _impact("law-125-2021").relations
    assert (back.relation, back.act.id, back.effective) == ("replaces", LAW_75, "2021-10-27")
    # the sections' citations were re-pointed to it from Law 75's end (inferred)
    cited = _impact("law-125-2021").citations
    assert {c.section for c in cited} == {2, 3, 4, 5, 6, 7, 8, 9, 10, 12}
    assert {c.verification for c in cited} == {"inferred"}
    assert all(not c.parameters for c in cited)  # no value rests on Law 125 yet


def test_relations_of_partial_repeal_and_amendment_and_the_date():
    partly = {(r.relation, r.act.id) for r in _impact("gov-res-706-2016").relations}
    assert partly == {
        ("partly-repealed-by", "cabinet-res-189-2022"),
        ("partly-repealed-by", "cabinet-res-316-2022"),
    }
    [amended] = _impact("decree-308-2016").relations
    assert (amended.relation, amended.act.id, amended.effective) == (
        "amended-by", "decree-163-2026", None,
    )  # fmt: skip
    early = impact_of("decree-308-2016", dt.date(2025, 1, 1), "en", kb=current_kb())
    assert early.relations[0].on_date is False  # decree 163 is of 13 May 2026


def test_a_body_type_restricted_citation_affects_that_body_type_only():
    impact = _impact("gov-res-472-2007")
    [citation] = impact.citations
    assert citation.body_types == ("district-administration",)
    assert [b.id for b in impact.body_types] == ["district-administration"]
    assert impact.regimes == ("state",)
    assert {b.regime for b in _impact().body_types} == {"state", "municipal"}
    assert _impact().regimes == ("municipal", "state")


def test_a_provision_where_the_kb_records_no_article_lists_every_citation_and_says_so():
    impact = _impact(provision="12")
    assert impact.articles_recorded == () and impact.provision == "12"
    assert len(impact.citations) == len(LAW_75_SECTIONS)
    assert {c.article_match for c in impact.citations} == {"not-recorded"}
    text = impact_as_text(impact)
    words = impact.labels
    assert words["impact_no_articles"] in text
    assert words["impact_provision_open"].format(article="12") in text


@pytest.fixture(scope="module")
def article_root(tmp_path_factory) -> Path:
    """A copy of the KB in which one citation records an article (test data, not a legal fact)."""
    root = tmp_path_factory.mktemp("kb-article")
    kb_copy(root)
    path = root / "rules" / "citations.ttl"
    text = path.read_text(encoding="utf-8")
    block = "cit:s5-law-75-2016 a kyz:Citation ;\n"
    assert block in text
    provision = "<https://w3id.org/kyzmat-kb/id/provision/law-75-2016.art-99>"
    path.write_text(text.replace(block, f"{block}    kyz:citesProvision {provision} ;\n"), "utf-8")
    with (root / "rules" / "provisions.ttl").open("a", encoding="utf-8") as out:
        out.write(
            f'\n{provision} a kyz:Provision ; dct:identifier "law-75-2016.art-99" ;\n'
            '    eli:is_part_of act:law-75-2016 ; eli:number "99" ;\n'
            '    skos:prefLabel "99-берене"@ky ;\n'
            '    kyz:labelTranslation "статья 99"@ru, "article 99"@en ;\n'
            "    kyz:verification kyz:Inferred ; prov:wasDerivedFrom src:memo .\n"
        )
    return root


def test_a_provision_narrows_to_its_article_and_to_citations_without_one(article_root):
    kb = current_kb(root=article_root)
    exact = impact_of(LAW_75, TODAY, "en", kb=kb, provision="99")
    assert exact.articles_recorded == ("99",)
    matches = {c.id: c.article_match for c in exact.citations}
    assert matches["s5-law-75-2016"] == "recorded" and len(matches) == len(LAW_75_SECTIONS)
    other = impact_of(LAW_75, TODAY, "en", kb=kb, provision="7")
    assert "s5-law-75-2016" not in {c.id for c in other.citations}
    assert "training-interval" not in {p.id for p in other.parameters}  # it rests on s5 only
    assert exact.labels["impact_no_articles"] not in impact_as_text(exact)


def test_an_unknown_act_names_the_closest_ids():
    with pytest.raises(UsageError, match="did you mean law-75-2016"):
        _impact("law-75")
    with pytest.raises(UsageError, match="expected one of .*law-125-2021"):
        _impact("nothing-like-it")


def test_json_shape(capsys):
    assert main(["impact", LAW_75, "--as-of", "2026-12-02", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data) == {
        "act", "as_of", "lang", "in_force", "provision", "articles_recorded", "citations",
        "sections", "parameters", "checks", "body_types", "regimes", "relations", "kb_revision",
    }  # fmt: skip
    assert data["act"]["id"] == LAW_75 and data["in_force"] is False
    assert set(data["citations"][0]) == {f.name for f in dataclasses.fields(_impact().citations[0])}
    assert data["relations"][0]["act"]["id"] == "law-125-2021"


def _label_keys() -> set[str]:
    keys: set[str] = set()
    for module in RENDERERS:
        source = (ROOT / "kb_service" / module).read_text(encoding="utf-8")
        keys |= set(re.findall(r"""words\[["'](\w+)["']\]""", source))
    keys |= {f"relation_{r}" for r in ("replaced_by", "repealed_by", "partly_repealed_by")}
    keys |= {f"relation_{r}" for r in ("amended_by", "replaces", "repeals", "partly_repeals")}
    keys |= {"relation_amends", "fact_number", "fact_date", "fact_end_date", "fact_citation"}
    return keys | {"fact_body_type"}


@pytest.mark.parametrize("lang", LANGS)
def test_every_word_is_in_the_kb_in_every_language(catalog, lang):
    missing = [k for k in sorted(_label_keys()) if lang not in catalog.labels.get(k, {})]
    assert missing == []
    for act_id in (LAW_75, "gov-res-472-2007", "cabinet-res-413-2023", "ethics-code"):
        text = impact_as_text(_impact(act_id, lang, provision="3"))
        assert not re.search(r"\{\w+\}", text), text  # every placeholder filled
        if lang != "ky":
            assert kyrgyz_in(text, catalog, lang) == []


def test_renderers_hold_no_kyrgyz_or_russian():
    for module in (*RENDERERS, "law/impact.py", "law/citation_health.py", "cli/law_commands.py"):
        source = (ROOT / "kb_service" / module).read_text(encoding="utf-8")
        assert not re.search("[а-яА-ЯёЁңөүҢӨҮ]", source), module


def test_cli_exit_codes(capsys):
    assert main(["impact", LAW_75, "--lang", "ru"]) == 0
    assert "закон от 2016-05-30 № 75" in capsys.readouterr().out
    assert main(["impact", "law-75"]) == 2
    err = capsys.readouterr().err
    assert "kb impact: unknown act 'law-75': did you mean law-75-2016?" in err
    assert "Traceback" not in err
    assert main(["impact", LAW_75, "--provision", " "]) == 2
    with pytest.raises(SystemExit) as stop:
        main(["impact", LAW_75, "--as-of", "02.12.2026"])
    assert stop.value.code == 2
