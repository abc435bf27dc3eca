"""Hostile and careless input through the real command line: every case is refused with its
message, exit 1, no output file, in bounded time and memory, and nothing is fetched.

The large and bomb inputs are made at test time by tests/hostile_inputs.py; the small ones are the
bad-input corpus (tests/data/bad-facts/, tests/data/broken-rules/).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import resource
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import hostile_inputs
import pytest
from hostile_payloads import RecordingServer
from repo_paths import ROOT

from kb_service.kb.registry import current_kb

BAD = ROOT / "tests" / "data" / "bad-facts"
EXPECTED = json.loads((BAD / "expected.json").read_text(encoding="utf-8"))
MEMORY_CAP = 3 * 1024**3  # a bomb that got through would hit this and fail the test
TIME_CAP = 120


def _cap_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))


def kb(*args: str | Path) -> subprocess.CompletedProcess[str]:
    """`kb ARGS` in a fresh process with a memory cap and a time limit."""
    return subprocess.run(
        [sys.executable, "-m", "kb_service.cli.main", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=TIME_CAP,
        preexec_fn=_cap_memory,
        cwd=ROOT,
        env={**os.environ, "KB_DEBUG": ""},
    )


def assert_refused(result: subprocess.CompletedProcess[str], *fragments: str) -> None:
    err = result.stderr
    assert result.returncode == 1, err
    assert "internal error" not in err and "Traceback" not in err, err
    for fragment in fragments:
        assert fragment in err, f"{fragment!r} missing from:\n{err[:2000]}"
    assert len(err.splitlines()) <= 60, f"{len(err.splitlines())} lines of errors"


@pytest.mark.parametrize("make", hostile_inputs.FACTS_CASES, ids=lambda m: m.__name__)
def test_hostile_facts_are_refused(make, tmp_path: Path) -> None:
    case = make(tmp_path)
    out = tmp_path / "report.json"
    result = kb("evaluate", tmp_path / case.name, "--as-of", "2025-06-30", "-o", out)
    assert_refused(result, case.name, *case.fragments)
    assert not out.exists()


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bad_corpus_through_the_cli(name: str, tmp_path: Path) -> None:
    from kb_service.cli.main import main

    out = tmp_path / "report.json"
    code = main(["evaluate", str(BAD / name), "--as-of", "2025-06-30", "-o", str(out)])
    assert code == 1
    assert not out.exists()


@pytest.mark.parametrize("make", hostile_inputs.RULE_CASES, ids=lambda m: m.__name__)
def test_hostile_rule_files_are_refused(make, tmp_path: Path) -> None:
    case = make(tmp_path)
    assert_refused(kb("validate", tmp_path / case.name), case.name, *case.fragments)


def test_bom_is_accepted(tmp_path: Path) -> None:
    from kb_service.facts import load_facts

    source = ROOT / "examples" / "district-administration.json"
    with_bom = tmp_path / "notepad.json"
    with_bom.write_bytes(b"\xef\xbb\xbf" + source.read_bytes())
    facts = load_facts(with_bom, dt.date(2025, 6, 30), kb=current_kb())
    assert facts.body_id == "ala-buka-rma"


@pytest.fixture()
def listener() -> Iterator[RecordingServer]:
    with RecordingServer() as server:
        yield server


@pytest.mark.parametrize(
    "clause",
    ["SERVICE <{url}> {{ ?s ?p ?o }}", "GRAPH ?g {{ ?s ?p ?o }} SERVICE SILENT <{url}> {{ }}"],
)
def test_validate_never_runs_a_foreign_query(clause: str, listener, tmp_path: Path) -> None:
    url = listener.base + "/"
    text = f"# title: x\n# banner: x\nSELECT ?subject WHERE {{ {clause.format(url=url)} }}\n"
    root = hostile_inputs.kb_copy_with_query(tmp_path, "fetch.rq", text)
    result = kb("validate", "--root", root)
    assert_refused(result, "fetch.rq", "uses SERVICE")
    assert listener.take() == []


def test_validate_refuses_from_clauses(listener, tmp_path: Path) -> None:
    url = listener.base + "/"
    text = f"# title: x\n# banner: x\nSELECT ?s FROM <{url}g> WHERE {{ ?s ?p ?o }}\n"
    root = hostile_inputs.kb_copy_with_query(tmp_path, "from.rq", text)
    assert_refused(kb("validate", "--root", root), "from.rq", "uses FROM")
    assert listener.take() == []


def test_the_store_refuses_a_service_query() -> None:
    from kb_service.kb.sparql_guard import UnsafeQuery
    from kb_service.kb.store import new_store

    for engine in ("oxigraph", "rdflib"):
        with pytest.raises(UnsafeQuery):
            new_store(engine).select("SELECT * WHERE { SERVICE <http://127.0.0.1:9/> {} }")
