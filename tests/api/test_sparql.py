"""/sparql on both stores: read-only, no SERVICE, limits, clear errors, private graphs hidden."""

from __future__ import annotations

import pytest

PRIVATE = "https://w3id.org/kyzmat-kb/store/private/"


def _q(api, query: str, **kw):
    return api.get("/sparql", params={"query": query}, **kw)


def test_a_select_answers_over_kb_and_assessments(api):
    r = _q(
        api,
        "SELECT (COUNT(*) AS ?n) WHERE { ?s a <https://w3id.org/kyzmat-kb/ontology#Requirement> }",
    )
    assert r.status_code == 200, r.text
    assert int(r.json()["results"]["bindings"][0]["n"]["value"]) >= 41


@pytest.mark.parametrize(
    "query",
    [
        "INSERT DATA { <urn:a> <urn:b> <urn:c> }",
        "DELETE WHERE { ?s ?p ?o }",
        "DROP ALL",
        "SELECT * WHERE { SERVICE <http://127.0.0.1:1/sparql> { ?s ?p ?o } }",
        "SELECT * FROM <urn:kyzmat:private> WHERE { ?s ?p ?o }",
    ],
)
def test_updates_service_and_from_are_refused(api, query):
    assert _q(api, query).status_code == 403
    post = api.client.post("/sparql", data={"query": query}, headers=api.as_("viewer"))
    assert post.status_code == 403


def test_update_parameter_and_update_media_type_refused(api):
    h = api.as_("admin")
    r = api.client.post("/sparql", data={"update": "DROP ALL"}, headers=h)
    assert r.status_code == 403 and "read-only" in r.text
    r = api.client.post(
        "/sparql", content=b"DROP ALL", headers={**h, "Content-Type": "application/sparql-update"}
    )
    assert r.status_code == 403
    assert api.client.get("/healthz").json()["status"] == "ok"
    assert len(api.get("/api/kb/sections").json()) == 13  # nothing dropped


def test_private_graphs_are_invisible(api):
    api.post("/api/bodies", json={"id": "sparql-b", "name": "S", "body_type": "state-body"})
    graphs = _q(api, "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }").json()
    names = [b["g"]["value"] for b in graphs["results"]["bindings"]]
    assert any("/body/sparql-b" in g for g in names)
    assert not any(g.startswith(PRIVATE) for g in names)
    for prop in ("passwordHash", "hash", "who", "seq"):
        r = _q(
            api,
            f"SELECT * WHERE {{ {{ ?s <https://w3id.org/kyzmat-kb/service#{prop}> ?o }} "
            f"UNION {{ GRAPH ?g {{ ?s <https://w3id.org/kyzmat-kb/service#{prop}> ?o }} }} }}",
        )
        assert r.json()["results"]["bindings"] == [], prop
    r = _q(api, f"ASK {{ GRAPH <{PRIVATE}users> {{ ?s ?p ?o }} }}")
    assert r.json()["boolean"] is False


def test_bad_query_and_limits(api):
    r = _q(api, "SELECT WHERE {")
    assert r.status_code == 400 and r.json()["detail"]
    big = _q(api, "SELECT * WHERE { ?s ?p ?o }")
    assert big.status_code in (400, 413) and "larger" in big.text or "more than" in big.text
    assert api.client.get("/sparql", params={"query": "ASK {}"}).status_code == 401
