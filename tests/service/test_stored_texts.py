"""The texts a stored version is made of (the version record's JSON, the evaluation's JSON, the
UPDATE request) are what `dataclasses.asdict` and the plain serialisation made of them: the
faster `plain` converts value for value."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections import OrderedDict, namedtuple
from dataclasses import dataclass, field
from typing import Any

import pytest
from repo_paths import ROOT

from kb_service.core.plain import plain
from kb_service.evaluation.assess import assess
from kb_service.facts import load_facts
from kb_service.kb.registry import current_kb
from kb_service.kb.store import IRI, ox_term
from kb_service.storage import assessments as stored
from kb_service.storage.rdf import Write, to_json

AS_OF = dt.date(2025, 6, 30)
Pair = namedtuple("Pair", "a b")


@dataclass
class Inner:
    items: tuple[Any, ...]
    named: Pair


@dataclass
class Outer:
    name: str
    inner: Inner
    nested: list[Inner] = field(default_factory=list)
    table: dict[Any, Any] = field(default_factory=dict)
    extra: Any = None


def test_plain_is_asdict() -> None:
    inner = Inner((1, 2.5, None, True, ("x", [3])), Pair([1], {"k": (2,)}))
    value = Outer(
        "n", inner, [inner, inner], {"a": inner, 3: [inner]},
        {"o": OrderedDict(b=[inner]), "s": {1, 2}},
    )  # fmt: skip
    got, want = plain(value), dataclasses.asdict(value)
    assert got == want
    assert repr(got) == repr(want)  # the same types throughout (tuples stay tuples)
    assert got["extra"]["s"] is not value.extra["s"]  # leaves copied, as asdict copies them


@pytest.mark.parametrize("name", ["ministry-violations.json", "ministry.xlsx"])
def test_a_stored_version_is_made_of_the_same_texts(name: str) -> None:
    kb = current_kb()
    facts = load_facts(ROOT / "examples" / name, AS_OF, kb=kb)
    evaluation = assess(facts, AS_OF, "ru", kb=kb)
    old_json = {**evaluation.to_json(), "lang": evaluation.lang, "labels": evaluation.labels}
    old_json["findings"] = [dataclasses.asdict(f) for f in evaluation.findings]
    assert stored.evaluation_to_json(evaluation) == old_json
    prepared = stored.prepare_version(evaluation, facts.data)
    assert prepared.evaluation_json == json.dumps(
        old_json, sort_keys=True, ensure_ascii=False, separators=(",", ":")
    )
    write = Write()
    record, data = stored.version_write(
        write, "b1", prepared, "me", kb=kb, aid="a1", version=1, reason="evaluated"
    )
    assert data == json.dumps(
        dataclasses.asdict(record), sort_keys=True, ensure_ascii=False, separators=(",", ":")
    )
    for finding in record.findings:  # each finding's decision names its check's query
        check = kb.checks.checks.get(finding.decision.check)
        query = kb.query("checks", check.query) if check else None
        assert finding.decision.query == (str(query.path.relative_to(kb.root)) if query else "")
        assert finding.decision.query_sha256 == (stored.sha256(query.text) if query else "")
    term = lambda value: str(ox_term(value))  # noqa: E731
    ops = list(write.ops)
    for graph, triples in write.inserts.items():
        body = " .\n".join(f"{term(IRI(s))} {term(IRI(p))} {term(o)}" for s, p, o in triples)
        ops.append(f"INSERT DATA {{ GRAPH {term(IRI(graph))} {{\n{body} .\n}} }}")
    assert write.text() == " ;\n".join(ops)
    assert to_json(record) == data
