"""Loading facts: the examples load, and every bad input gives one clear error."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from repo_paths import ROOT

from kb_service.facts import Facts, FactsError, Problem, load_facts
from kb_service.facts.schema import KYZ
from kb_service.kb.registry import current_kb

EXAMPLES = sorted((ROOT / "examples").glob("*.json")) + [ROOT / "examples" / "ministry.xlsx"]
BAD = ROOT / "tests" / "data" / "bad-facts"
EXPECTED = json.loads((BAD / "expected.json").read_text(encoding="utf-8"))
AS_OF = dt.date(2025, 6, 30)


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_examples_load(path: Path) -> None:
    facts = load_facts(path, AS_OF, kb=current_kb())
    assert isinstance(facts, Facts)
    assert facts.body_iri.endswith(f"/{facts.body_id}/{facts.body_id}")
    assert facts.unit_ids and facts.unit_ids[0] == "ca"
    assert len(facts.graph()) == len(facts.ntriples.splitlines())


def test_facts_fields() -> None:
    facts = load_facts(ROOT / "examples" / "ministry-compliant.json", AS_OF, kb=current_kb())
    assert (facts.body_id, facts.body_type) == ("min-economy", "state-body")
    assert facts.unit_ids == ("ca", "du1", "tu1")
    assert facts.body_name.startswith("Кыргыз Республикасынын")
    assert facts.source.endswith("ministry-compliant.json")


def test_not_recorded_differs_from_none() -> None:
    facts = load_facts(ROOT / "examples" / "local-self-government.json", AS_OF, kb=current_kb())
    g = facts.graph()
    import rdflib

    body, rec = rdflib.URIRef(facts.body_iri), rdflib.URIRef(KYZ + "recorded")
    recorded = {str(o).removeprefix(KYZ) for o in g.objects(body, rec)}
    assert "Dismissal" in recorded  # "dismissals": [] = none
    assert not list(g.subjects(rdflib.URIRef(KYZ + "dismissedOn"), None))
    assert "EvaluationAppeal" not in recorded  # key absent = not recorded


def test_bad_corpus_is_complete() -> None:
    files = {p.name for p in BAD.iterdir() if p.name != "expected.json"}
    assert files == set(EXPECTED)
    assert len(EXPECTED) >= 22


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bad_input_gives_clear_error(name: str) -> None:
    want = EXPECTED[name]
    with pytest.raises(FactsError) as info:
        load_facts(BAD / name, AS_OF, kb=current_kb())
    err = info.value
    assert err.problems and all(isinstance(p, Problem) for p in err.problems)
    hit = [p for p in err.problems if want["location"] in p.location and want["message"] in str(p)]
    assert hit, str(err)
    assert "Traceback" not in str(err)
    for line in str(err).splitlines():
        assert line.startswith(str(BAD / name) + ": ")


def test_problem_format() -> None:
    p = Problem("f.json", "-3 is below 0", "$.units[0].staff_actual", "staff_actual", ">= 0")
    assert str(p) == "f.json: $.units[0].staff_actual: staff_actual: -3 is below 0 (expected >= 0)"
    err = FactsError([p, p])
    assert str(err).count("\n") == 1


def test_all_problems_are_collected(tmp_path: Path) -> None:
    data = json.loads((ROOT / "examples" / "district-administration.json").read_text())
    data["units"][0]["staff_actual"] = -1
    data["trainings"][0]["date"] = "2024-13-01"
    data["citizen_appeals"][0]["outcome"] = "ignored"
    path = tmp_path / "many.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(FactsError) as info:
        load_facts(path, AS_OF, kb=current_kb())
    assert len(info.value.problems) == 3


def test_unsupported_suffix(tmp_path: Path) -> None:
    path = tmp_path / "facts.csv"
    path.write_text("x")
    with pytest.raises(FactsError, match="unsupported file type"):
        load_facts(path, AS_OF, kb=current_kb())


def test_turtle_input_round_trip(tmp_path: Path) -> None:
    facts = load_facts(ROOT / "examples" / "ministry-violations.json", AS_OF, kb=current_kb())
    path = tmp_path / "facts.ttl"
    path.write_text(facts.graph().serialize(format="turtle"), encoding="utf-8")
    again = load_facts(path, AS_OF, kb=current_kb())
    assert (again.body_id, again.body_type, again.unit_ids) == (
        "min-transport",
        "state-body",
        ("ca", "du1", "tu1"),
    )
    assert again.graph().isomorphic(facts.graph())


def test_turtle_shacl_problems(tmp_path: Path) -> None:
    facts = load_facts(ROOT / "examples" / "district-administration.json", AS_OF, kb=current_kb())
    # a training with no date and a servant pointing at a unit that does not exist
    base = facts.body_iri.rsplit("/", 1)[0]
    extra = (
        f'<{base}/training/t01> <http://purl.org/dc/terms/date> "2024-01-01"^^'
        "<http://www.w3.org/2001/XMLSchema#date> .\n"
        f"<{base}/servant/s01> <{KYZ}unit> <{base}/unit/zz> .\n"
    )
    path = tmp_path / "bad.ttl"
    path.write_text(facts.ntriples + extra, encoding="utf-8")
    with pytest.raises(FactsError) as info:
        load_facts(path, AS_OF, kb=current_kb())
    text = str(info.value)
    assert "/training/t01>: date" in text and "one date" in text
    assert "/servant/s01>: unit" in text


def test_docs_example_loads(tmp_path: Path) -> None:
    text = (ROOT / "docs" / "facts-format.md").read_text(encoding="utf-8")
    block = text.split("## A complete small example", 1)[1].split("```json", 1)[1].split("```")[0]
    path = tmp_path / "example.json"
    path.write_text(block, encoding="utf-8")
    facts = load_facts(path, AS_OF, kb=current_kb())
    assert facts.body_type == "local-self-government" and facts.unit_ids == ("ca",)
