"""The check kinds: one registry in Python, the same list in the KB's shapes, every kind used in
rules/ known, and an unknown kind refused by kb validate."""

from __future__ import annotations

import rdflib
from repo_paths import ROOT  # noqa: E402

from kb_service.cli.main import main
from kb_service.core.namespaces import KYZ, SH
from kb_service.evaluation.check_kinds import KINDS, RULE_KINDS, kind_of
from kb_service.kb.registry import current_kb


def _shape_kinds() -> set[str]:
    g = rdflib.Graph().parse(ROOT / "ontology" / "shapes" / "kb.shapes.ttl")
    for node in g.subjects(SH.path, KYZ.checkKind):
        values = g.value(node, SH["in"])
        if values is not None:
            return {str(v) for v in rdflib.collection.Collection(g, values)}
    raise AssertionError("no sh:in list for kyz:checkKind in kb.shapes.ttl")


def test_shape_lists_the_kinds_rules_may_name():
    assert _shape_kinds() == set(RULE_KINDS)


def test_every_check_of_the_kb_has_a_known_kind():
    kinds = {c.kind for c in current_kb().checks.checks.values()}
    assert kinds <= set(RULE_KINDS) and kinds == set(RULE_KINDS)  # each kind is in use


def test_kind_behaviour():
    assert kind_of("document-presence").documents and kind_of("document-presence").judged
    assert not kind_of("informational").judged
    assert kind_of("informational").no_units_status() == "informational"
    assert kind_of("per-record").no_units_status() == "insufficient_evidence"
    assert {k.wording for k in KINDS.values()} >= {"records", "flag", "presence", "documents"}


def test_kb_validate_refuses_an_unknown_kind(tmp_path, capsys):
    bad = tmp_path / "unknown-kind.ttl"
    bad.write_text(
        "@prefix kyz: <https://w3id.org/kyzmat-kb/ontology#> .\n"
        "@prefix dct: <http://purl.org/dc/terms/> .\n"
        '<https://w3id.org/kyzmat-kb/id/check/x> a kyz:Check ; dct:identifier "x" ;\n'
        '    kyz:checkKind "majority-vote" .\n',
        encoding="utf-8",
    )
    assert main(["validate", str(bad)]) == 1
    err = capsys.readouterr().err
    assert "unknown-kind.ttl" in err and "kyz:checkKind the evaluator knows" in err
