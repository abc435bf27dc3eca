"""Set-based batch evaluation (evaluation/set_evaluate.py) against one body at a time: on 40
generated bodies with planted violations, the examples (JSON, Excel and the same facts as
Turtle), one body twice under two file names and a bad file, every report and the summary are
byte for byte those of `kb evaluate --per-body`; and the query rewriting keeps each body's
solutions to its own graph or refuses a query it cannot rewrite."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from kb_service.app.batch import evaluate_batch
from kb_service.cli.main import main
from kb_service.core.namespaces import XSD_INTEGER
from kb_service.facts import load_facts
from kb_service.facts.synthetic import BODIES_DIR
from kb_service.kb.graph_store import GraphStore, per_graph_query
from kb_service.kb.registry import current_kb

AS_OF = dt.date(2025, 6, 30)
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.fixture(scope="module")
def inputs(tmp_path_factory):
    root = tmp_path_factory.mktemp("setbased")
    assert main(["generate", "--bodies", "40", "--seed", "23", "--violations", "0.35",
                 "--as-of", AS_OF.isoformat(), "-o", str(root / "gen")]) == 0  # fmt: skip
    folder = root / "gen" / BODIES_DIR
    for example in sorted(EXAMPLES.iterdir()):
        if example.suffix in (".json", ".xlsx"):
            shutil.copy(example, folder / f"example-{example.name}")
    first = sorted(folder.glob("*.json"))[0]
    shutil.copy(first, folder / "zz-same-body-again.json")  # the same body id in two files
    facts = load_facts(EXAMPLES / "ministry-violations.json", AS_OF, kb=current_kb())
    (folder / "example-as-turtle.ttl").write_text(facts.ntriples, encoding="utf-8")
    (folder / "zz-bad.json").write_text('{"id": "x", "body_type": "no-such-type"}', "utf-8")
    return root, folder


def _files(out: Path) -> dict[str, bytes]:
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("jobs", [1, 2])
def test_set_based_reports_are_byte_identical_to_per_body(inputs, jobs):
    root, folder = inputs
    kb = current_kb()
    runs = {}
    for set_based in (True, False):
        out = root / f"out-{jobs}-{set_based}"
        evaluate_batch([folder], out, AS_OF, "en", "json", kb=kb, jobs=jobs, set_based=set_based)
        runs[set_based] = _files(out)
    # 47 reports (the bad file has none) and the summary in JSON and HTML
    assert len(runs[True]) == 49 and "reports/example-as-turtle.json" in runs[True]
    assert runs[True].keys() == runs[False].keys()
    differ = [name for name in runs[True] if runs[True][name] != runs[False][name]]
    assert differ == []
    assert (
        b"non_compliant" in runs[True]["summary.json"]
        and b"zz-bad.json" in runs[True]["summary.json"]
    )


def test_rewritten_query_keeps_each_graph_apart():
    store = GraphStore()
    store.add_ntriples("urn:g:a", b"<urn:a> <urn:p> <urn:x> .\n")
    store.add_ntriples(
        "urn:g:b",
        b'<urn:b> <urn:p> <urn:x> .\n<urn:b> <urn:q> "2"^^<' + XSD_INTEGER.encode() + b"> .\n",
    )
    query = (
        "SELECT ?s (COUNT(?o) AS ?n) ?k WHERE { ?s <urn:p> ?x . "
        "OPTIONAL { ?s <urn:q> ?o FILTER(?o >= ?k) } } GROUP BY ?s ?k"
    )
    rewritten = per_graph_query(query)
    assert rewritten is not None
    rows = store.select_per_graph(
        rewritten, [{"graph": "urn:g:a", "k": 1}, {"graph": "urn:g:b", "k": 3}]
    )
    found = sorted((r["batchGraph"], r["s"], r["n"], r["k"]) for r in rows)
    # each row of the table meets its own graph only; the FILTER inside OPTIONAL sees ?k
    assert found == [("urn:g:a", "urn:a", 0, 1), ("urn:g:b", "urn:b", 0, 3)]
    rows = store.select_per_graph(rewritten, [{"graph": "urn:g:b", "k": 2}])
    assert [(r["s"], r["n"]) for r in rows] == [("urn:b", 1)]


@pytest.mark.parametrize(
    "query",
    [
        "SELECT (COUNT(?s) AS ?n) WHERE { ?s ?p ?o }",  # one group: an empty graph keeps a row
        "SELECT ?s WHERE { ?s ?p ?o } LIMIT 3",
        "SELECT ?s WHERE { { SELECT ?s WHERE { ?s ?p ?o } } }",
        "SELECT ?s WHERE { ?s ?p ?o } VALUES ?s { <urn:a> }",
        "SELECT ?batchGraph WHERE { ?batchGraph ?p ?o }",
    ],
)
def test_queries_that_cannot_run_over_all_graphs_are_refused(query):
    assert per_graph_query(query) is None
