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
    two = f'"2"^^<{XSD_INTEGER}>'
    # graph a also holds a record claiming body B: not B's (B is in graph b), so never counted
    store.add_ntriples("urn:g:a", b"<urn:s1> <urn:body> <urn:A> .\n<urn:x> <urn:body> <urn:B> .\n")
    store.add_ntriples(
        "urn:g:b", f"<urn:s2> <urn:body> <urn:B> .\n<urn:s2> <urn:q> {two} .\n".encode()
    )
    query = (
        "SELECT ?s (COUNT(?o) AS ?n) WHERE { ?s <urn:body> ?body . "
        "OPTIONAL { ?s <urn:q> ?o FILTER(?o >= ?k) } } GROUP BY ?s"
    )
    rewritten = per_graph_query(query)
    assert rewritten is not None
    bodies = {"urn:g:a": "urn:A", "urn:g:b": "urn:B"}

    def found(k):
        rows = store.select_per_graph(rewritten, {"k": k}, [], bodies)
        return sorted((graph, r["s"], r["n"]) for graph, r in rows)

    # the FILTER inside OPTIONAL sees the value bound; each graph gives its own body's rows
    assert found(2) == [("urn:g:a", "urn:s1", 0), ("urn:g:b", "urn:s2", 1)]
    assert found(3) == [("urn:g:a", "urn:s1", 0), ("urn:g:b", "urn:s2", 0)]
    only_b = store.select_per_graph(rewritten, {"k": 2}, [], {"urn:g:b": "urn:B"})
    assert [(g, r["s"]) for g, r in only_b] == [("urn:g:b", "urn:s2")]


@pytest.mark.parametrize(
    "query",
    [
        # one group: a graph without solutions still has its row
        "SELECT (COUNT(?s) AS ?n) WHERE { ?s <urn:body> ?body }",
        "SELECT ?s WHERE { ?s <urn:body> ?body } LIMIT 3",
        "SELECT ?s WHERE { ?s <urn:body> ?body { SELECT ?s WHERE { ?s ?p ?o } } }",
        "SELECT ?s WHERE { ?s <urn:body> ?body } VALUES ?s { <urn:a> }",
        "SELECT ?batchGraph WHERE { ?batchGraph ?p ?o ; <urn:body> ?body }",
        "SELECT * WHERE { ?s <urn:body> ?body }",
        "SELECT ?s WHERE { OPTIONAL { ?s <urn:body> ?body } }",  # ?body not bound by the group
        "SELECT ?body WHERE { ?s <urn:body> ?body }",
    ],
)
def test_queries_that_cannot_run_over_all_graphs_are_refused(query):
    assert per_graph_query(query) is None
