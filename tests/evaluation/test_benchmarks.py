"""Smoke test of benchmarks/: the synthetic bodies load, and the engine comparison runs and
finds both engines agreeing. Speed is measured by the benchmark, never asserted here."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

import pytest
from repo_paths import ROOT

BENCH = ROOT / "benchmarks"
sys.path.insert(0, str(BENCH))  # the benchmark scripts import their siblings by name

import evaluate_engines  # noqa: E402
import facts_scaling  # noqa: E402
import synthetic  # noqa: E402

from kb_service.facts import load_facts  # noqa: E402
from kb_service.kb.registry import current_kb  # noqa: E402

AS_OF = dt.date(2025, 6, 30)


@pytest.fixture(scope="module")
def bodies(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    return synthetic.write_bodies(3, tmp_path_factory.mktemp("synthetic"), AS_OF)


def test_synthetic_bodies_pass_validation(bodies: list[Path]) -> None:
    for path in bodies:
        facts = load_facts(path, AS_OF, kb=current_kb())  # structure and SHACL; raises FactsError
        assert facts.body_id == path.stem
        data = json.loads(path.read_text(encoding="utf-8"))
        assert 60 <= len(data["servants"]) <= 80
        assert data["recorded"] and all(data[k] is not None for k in data["recorded"])


def test_generator_is_deterministic(bodies: list[Path]) -> None:
    assert synthetic.body(1, AS_OF) == json.loads(bodies[0].read_text(encoding="utf-8"))
    assert synthetic.body(1, AS_OF) != synthetic.body(2, AS_OF)


def test_both_engines_give_identical_findings(bodies: list[Path]) -> None:
    ox, rd, diff = evaluate_engines.compare_engines(bodies[:2], AS_OF, rdflib_bodies=1, passes=1)
    assert diff == []
    body = bodies[0].stem
    assert ox.findings[body] == rd.findings[body]
    assert len(ox.load_s) == 2 and len(rd.load_s) == 1


def test_benchmark_main_runs_with_tiny_sizes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["--bodies", "2", "--rdflib-bodies", "1", "--passes", "1"]
    argv += ["--reason-bodies", "0", "--parallel-bodies", "0", "--facts-dir", str(tmp_path)]
    assert evaluate_engines.main(argv) == 0
    out = capsys.readouterr().out
    assert out.startswith("# rerun: ")
    assert "engines agree" in out


def test_scaled_bodies_are_valid_facts(tmp_path: Path) -> None:
    data = json.loads(facts_scaling.SOURCE.read_text(encoding="utf-8"))
    path = tmp_path / "x3.json"
    path.write_text(json.dumps(facts_scaling.scaled(data, 3), ensure_ascii=False), "utf-8")
    facts = load_facts(path, AS_OF, kb=current_kb())
    single = load_facts(facts_scaling.SOURCE, AS_OF, kb=current_kb())
    assert facts.ntriples.count("\n") > 2 * single.ntriples.count("\n")


def test_scaling_benchmark_prints_its_table(capsys: pytest.CaptureFixture[str]) -> None:
    assert facts_scaling.main(["--sizes", "1", "2"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# rerun: ")
    assert "| 1x |" in out and "| 2x |" in out
