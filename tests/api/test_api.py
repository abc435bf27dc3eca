"""The JSON API, on both stores (tests/api/conftest.py): KB reads, bodies, assessments,
reproducible findings, reports, bad uploads, evidence, roles, audit."""

from __future__ import annotations

import hashlib
import json

from repo_paths import ROOT

FACTS = json.loads((ROOT / "examples" / "ministry-violations.json").read_text(encoding="utf-8"))
AS_OF = "2025-06-30"


def _body(api, body_id: str) -> None:
    r = api.post("/api/bodies", json={"id": body_id, "name": "Ministry", "body_type": "state-body"})
    assert r.status_code == 201, r.text


def _assess(api, body_id: str) -> dict:
    r = api.post(
        f"/api/bodies/{body_id}/assessments", json={"facts": FACTS, "as_of": AS_OF, "lang": "en"}
    )
    assert r.status_code == 201, r.text
    return r.json()


def test_health_and_openapi(api):
    health = api.client.get("/healthz").json()
    assert health["status"] == "ok" and health["kb_revision"]
    paths = api.client.get("/openapi.json").json()["paths"]
    for path in ("/api/bodies", "/api/bodies/{body_id}/assessments/upload", "/sparql", "/api/law"):
        assert path in paths


def test_knowledge_base_reads(api):
    assert len(api.get("/api/kb/sections").json()) == 13
    acts = {a["id"]: a for a in api.get("/api/kb/acts").json()}
    assert "law-75-2016" in acts
    law = api.get(
        "/api/law",
        params={
            "section": 1,
            "body_type": "district-administration",
            "as_of": "2024-01-01",
            "lang": "en",
        },
    )
    assert law.status_code == 200 and "472" in law.text
    pdf = api.get("/api/checklist", params={"body_type": "state-body", "format": "pdf"})
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    docx = api.get("/api/checklist", params={"body_type": "state-body", "format": "docx"})
    assert docx.content.startswith(b"PK")
    assert api.get("/api/law", params={"as_of": "2024-13-01"}).status_code == 422


def test_assessment_is_stored_with_decision_records_and_reproduces(api):
    _body(api, "min-a")
    first = _assess(api, "min-a")
    assert first["version"] == 1 and first["findings"]
    ids = [f["id"] for f in first["findings"]]
    assert len(set(ids)) == len(ids)
    record = first["findings"][0]["decision"]
    assert record["kb_revision"] == first["kb_revision"] and len(record["facts_sha256"]) == 64
    assert record["query"].startswith("queries/checks/") and record["evaluated_by"] == "inspector"
    again = api.post(f"/api/assessments/{first['id']}/reevaluate").json()
    second = again["version"]
    assert second["version"] == 2 and second["kb_revision"] == first["kb_revision"]
    strip = lambda fs: [{k: v for k, v in f.items() if k not in ("id", "decision")} for f in fs]  # noqa: E731
    assert strip(second["findings"]) == strip(first["findings"])
    assert again["changes"]["improved"] == [] and again["changes"]["worse"] == []
    assert again["changes"]["same_facts"] and again["changes"]["same_kb"]
    versions = api.get(f"/api/assessments/{first['id']}/versions").json()
    assert [v["version"] for v in versions] == [1, 2]  # a change is a new version
    for v in versions:  # one version read alone is the same record as in the whole history
        got = api.get(f"/api/assessments/{first['id']}", params={"version": v["version"]})
        assert got.json() == v
    assert api.get(f"/api/assessments/{first['id']}").json() == versions[-1]
    assert api.get(f"/api/assessments/{first['id']}", params={"version": 3}).status_code == 404
    assert api.get("/api/assessments/no.such/versions").status_code == 404
    history = api.get("/api/bodies/min-a/assessments").json()
    assert [h["version"] for h in history] == [2]


def test_reports(api):
    _body(api, "min-r")
    aid = _assess(api, "min-r")["id"]
    pdf = api.get(f"/api/assessments/{aid}/report", params={"format": "pdf"})
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    html = api.get(f"/api/assessments/{aid}/report", params={"format": "html"})
    assert "default-src 'none'" in html.headers["content-security-policy"]
    data = api.get(f"/api/assessments/{aid}/report", params={"format": "json"}).json()
    assert data["as_of"] == AS_OF and data["findings"]


def test_bad_uploads_change_nothing(api):
    _body(api, "min-bad")
    before = len(api.storage.audit_log())
    bad = {**FACTS, "body_type": "no-such-type"}
    r = api.post("/api/bodies/min-bad/assessments", json={"facts": bad, "as_of": AS_OF})
    assert r.status_code == 422 and r.json()["problems"]
    r = api.post(
        "/api/bodies/min-bad/assessments/upload",
        data={"as_of": AS_OF},
        files={"file": ("body.xlsx", b"PK\x03\x04 not a workbook", "application/octet-stream")},
    )
    assert r.status_code == 422 and "body.xlsx" in r.json()["detail"]
    r = api.post(
        "/api/bodies/min-bad/assessments/upload",
        data={"as_of": AS_OF},
        files={"file": ("facts.json", b'{"id": "x", "id": "y"}', "application/json")},
    )
    assert r.status_code == 422 and "facts.json" in r.json()["detail"]
    r = api.post(
        "/api/bodies/min-bad/assessments/upload",
        data={"as_of": AS_OF},
        files={"file": ("facts.exe", b"MZ", "application/octet-stream")},
    )
    assert r.status_code == 422
    assert api.get("/api/bodies/min-bad/assessments").json() == []
    assert len(api.storage.audit_log()) == before


def test_excel_upload(api):
    _body(api, "xl")
    content = (ROOT / "examples" / "ministry.xlsx").read_bytes()
    r = api.post(
        "/api/bodies/xl/assessments/upload",
        data={"as_of": AS_OF, "lang": "ru"},
        files={"file": ("ministry.xlsx", content, "application/octet-stream")},
    )
    assert r.status_code == 201, r.text
    assert r.json()["lang"] == "ru" and r.json()["findings"]


def test_evidence(api):
    _body(api, "min-e")
    pdf = b"%PDF-1.4\n% a scanned order\n"
    r = api.post(
        "/api/bodies/min-e/evidence",
        data={"document": "1"},
        files={"file": ("order.pdf", pdf, "application/pdf")},
    )
    assert r.status_code == 201, r.text
    meta = r.json()
    assert meta["size"] == len(pdf) and meta["media_type"] == "application/pdf"
    got = api.get(f"/api/evidence/{meta['id']}")
    assert got.content == pdf and got.headers["x-content-sha256"] == meta["sha256"]
    fake = api.post(
        "/api/bodies/min-e/evidence", files={"file": ("order.pdf", b"<html>", "application/pdf")}
    )
    assert fake.status_code == 422 and "not a .pdf" in fake.text
    exe = api.post(
        "/api/bodies/min-e/evidence", files={"file": ("run.exe", b"MZ..", "application/pdf")}
    )
    assert exe.status_code == 422
    assert len(api.get("/api/bodies/min-e/evidence").json()) == 1


def test_deleting_a_body_removes_the_evidence_files_no_one_else_names(api):
    shared, own = b"%PDF-1.4\n% shared order\n", b"%PDF-1.4\n% its own order\n"
    for body_id, contents in (("ev-a", (shared, own)), ("ev-b", (shared,))):
        _body(api, body_id)
        for content in contents:
            r = api.post(
                f"/api/bodies/{body_id}/evidence",
                files={"file": ("order.pdf", content, "application/pdf")},
            )
            assert r.status_code == 201, r.text
    folder = api.storage.evidence_dir
    digest = {c: hashlib.sha256(c).hexdigest() for c in (shared, own)}
    assert all((folder / d).is_file() for d in digest.values())
    assert api.client.delete("/api/bodies/ev-a", headers=api.as_("inspector")).status_code == 204
    assert not (folder / digest[own]).exists()  # named by no record any more
    kept = api.get("/api/bodies/ev-b/evidence").json()
    assert (folder / digest[shared]).is_file() and len(kept) == 1  # ev-b's record still names it
    assert api.get(f"/api/evidence/{kept[0]['id']}").content == shared
    assert api.client.delete("/api/bodies/ev-b", headers=api.as_("inspector")).status_code == 204
    assert not (folder / digest[shared]).exists()


def test_roles_are_enforced(api):
    body = {"id": "nope", "name": "X", "body_type": "state-body"}
    assert api.client.post("/api/bodies", json=body).status_code == 401
    assert api.post("/api/bodies", role="viewer", json=body).status_code == 403
    edit = {"why": "test", "requirement": "5.3", "text_lang": "en", "text": "changed"}
    assert api.post("/api/edit/text", role="viewer", json=edit).status_code == 403
    assert api.post("/api/edit/text", role="inspector", json=edit).status_code == 403
    assert api.get("/api/users", role="inspector").status_code == 403
    assert api.get("/api/users", role="admin").status_code == 200
    assert api.get("/api/bodies/nope").status_code == 404


def test_session_login_and_csrf(api):
    c = api.client
    assert (
        c.post("/api/login", json={"username": "viewer", "password": "wrong password!"}).status_code
        == 401
    )
    r = c.post("/api/login", json={"username": "inspector", "password": "a long test password"})
    assert r.status_code == 200
    cookie = r.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie.replace("Lax", "lax")
    body = {"id": "by-cookie", "name": "X", "body_type": "state-body"}
    assert c.post("/api/bodies", json=body).status_code == 403  # no CSRF token
    ok = c.post("/api/bodies", json=body, headers={"X-CSRF-Token": r.json()["csrf"]})
    assert ok.status_code == 201
    assert c.post("/api/logout", headers={"X-CSRF-Token": r.json()["csrf"]}).status_code == 204
    c.cookies.clear()


def test_expired_sessions_are_purged_at_the_next_log_in(api, monkeypatch):
    import datetime as dt

    from kb_service.storage import accounts

    storage = api.storage
    monkeypatch.setattr(accounts, "SESSION_HOURS", -1)
    stale = storage.open_session("inspector")  # expired from the start
    assert storage.session_user(stale) is None
    assert any(s for s, _ in storage.subjects_by("Session", "user", "inspector"))
    monkeypatch.setattr(accounts, "SESSION_HOURS", 12)
    login = {"username": "inspector", "password": "a long test password"}
    assert api.client.post("/api/login", json=login).status_code == 200
    api.client.cookies.clear()
    now = dt.datetime.now(dt.UTC).isoformat()
    left = storage.subjects_by("Session", "user", "inspector")
    assert left and all(found["extra"] > now for _, found in left)  # only live sessions stay
    log = api.get("/api/audit", role="admin").json()
    purged = [e for e in log if e["action"] == "session.purge" and e["target"] == "inspector"]
    assert purged and api.get("/api/audit/verify", role="admin").json()["ok"]


def _set_who(api, seq: int, who: str) -> None:
    """Someone with access to the store rewrites who made an audit entry."""
    svc = "https://w3id.org/kyzmat-kb/service#"
    api.storage.backend.update(
        f"DELETE {{ GRAPH ?g {{ ?e <{svc}who> ?w }} }} "
        f"INSERT {{ GRAPH ?g {{ ?e <{svc}who> '{who}' }} }} "
        f"WHERE {{ GRAPH ?g {{ ?e <{svc}seq> {seq} ; <{svc}who> ?w }} }}"
    )


def test_audit_chain_verified_and_tampering_detected(api):
    _body(api, "min-audit")
    check = api.get("/api/audit/verify", role="admin").json()
    assert check["ok"] and check["entries"] > 3
    log = api.get("/api/audit", role="admin").json()
    entry = next(e for e in log if e["action"] == "body.create" and e["target"] == "min-audit")
    _set_who(api, entry["seq"], "mallory")
    check = api.get("/api/audit/verify", role="admin").json()
    assert not check["ok"] and any(f"entry {entry['seq']}:" in p for p in check["problems"])
    _set_who(api, entry["seq"], entry["who"])
    assert api.get("/api/audit/verify", role="admin").json()["ok"]


def test_parameter_edit_marks_assessments_stale_and_reevaluation_shows_changes(api):
    _body(api, "min-stale")
    first = _assess(api, "min-stale")
    edit = {
        "why": "test: the interval shortened", "parameter": "training-interval", "amount": 1,
        "unit": "years", "effective": "2024-01-01", "basis": ["s5-law-75-2016"], "source": "memo",
    }  # fmt: skip
    assert api.post("/api/edit/parameter", role="inspector", json=edit).status_code == 403
    r = api.post("/api/edit/parameter", role="legal-editor", json=edit)
    assert r.status_code == 200, r.text
    out = r.json()
    assert out["written"] and out["kb_revision"] != first["kb_revision"]
    assert first["id"] in [s["id"] for s in out["stale"]]
    assert api.get(f"/api/assessments/{first['id']}").json()["stale"]
    again = api.post(f"/api/assessments/{first['id']}/reevaluate").json()
    assert again["version"]["kb_revision"] == out["kb_revision"] and not again["version"]["stale"]
    one = api.get(f"/api/assessments/{first['id']}", params={"version": 1}).json()
    versions = api.get(f"/api/assessments/{first['id']}/versions").json()
    assert one["stale"] and one == versions[0] and not versions[1]["stale"]
    changes = again["changes"]
    assert changes["same_facts"] and not changes["same_kb"]
    assert all(c["cause"] == "kb" for c in changes["worse"] + changes["improved"])
    assert api.post("/api/edit/undo", role="legal-editor").status_code == 200


def test_diff_takes_git_revisions_only(api):
    assert api.get("/api/diff", params={"rev1": "/etc", "rev2": "HEAD"}).status_code == 422
    assert api.get("/api/diff", params={"rev1": "rules", "rev2": "HEAD"}).status_code == 422
