"""/openapi.json describes the KB, law, checklist, impact, citations and diff answers with their
fields (typed response models), not as generic objects."""

from __future__ import annotations

from typing import Any

import pytest

from kb_service.api.app import create_app
from kb_service.api.settings import Settings


@pytest.fixture(scope="module")
def schema(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    # the schema is built without starting the service: no store is opened
    return create_app(Settings(data_dir=tmp_path_factory.mktemp("data"))).openapi()


def _answer(schema: dict[str, Any], path: str) -> dict[str, Any]:
    """The JSON schema of a GET's 200 answer, references followed (a list: its items)."""
    content = schema["paths"][path]["get"]["responses"]["200"]["content"]
    found = content["application/json"]["schema"]
    if found.get("type") == "array":
        found = found["items"]
    return _resolve(schema, found)


def _resolve(schema: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        node = schema["components"]["schemas"][node["$ref"].rsplit("/", 1)[1]]
    return node


@pytest.mark.parametrize(
    ("path", "fields"),
    [
        ("/api/kb", {"revision", "stored_revisions"}),
        ("/api/kb/sections", {"number", "iri", "evaluated"}),
        ("/api/kb/requirements", {"id", "section", "level", "citations", "unit_kinds"}),
        ("/api/kb/documents", {"number", "sections", "requirements"}),
        ("/api/kb/body-types", {"id", "regime", "unit_kinds"}),
        ("/api/kb/acts", {"id", "number", "date", "status", "replaced_by", "facts"}),
        ("/api/kb/acts/{act_id}", {"act", "in_force", "relations"}),
        ("/api/law", {"as_of", "heading", "acts", "kb_revision"}),
        ("/api/checklist", {"regime", "title", "sections", "documents"}),
        ("/api/impact/{act_id}", {"act", "citations", "checks", "relations", "assessments"}),
        ("/api/citations", {"as_of", "groups"}),
        ("/api/diff", {"before", "after", "changes", "flips"}),
    ],
)
def test_answer_schema_names_the_fields(schema, path, fields):
    answer = _answer(schema, path)
    assert fields <= set(answer.get("properties", {})), (path, sorted(answer.get("properties", {})))


def test_nested_models_are_described(schema):
    act = _answer(schema, "/api/kb/acts/{act_id}")
    relation = _resolve(schema, act["properties"]["relations"]["items"])
    assert {"relation", "act", "effective"} <= set(relation["properties"])
    impact = _answer(schema, "/api/impact/{act_id}")
    relying = _resolve(schema, impact["properties"]["assessments"]["items"])
    assert set(relying["properties"]) == {"id", "version", "body_id", "stale"}


def test_file_formats_are_listed(schema):
    content = schema["paths"]["/api/checklist"]["get"]["responses"]["200"]["content"]
    assert {"application/json", "application/pdf"} <= set(content)
