"""National data in the service, on both stores: 20 generated bodies and a bad file uploaded as
a zip and loaded as the bodies' latest assessments; /api/national and the /national page agree
with the summary.json of `kb evaluate DIR` on the same files; the README's /sparql query on
untrained servants gives the bodies the facts say; `kb national load` refuses a held store."""

from __future__ import annotations

import datetime as dt
import io
import json
import time
import zipfile
from pathlib import Path

import pytest
from repo_paths import ROOT
from service_helpers import PASSWORD

from kb_service.cli.main import main
from kb_service.facts.synthetic import BODIES_DIR
from kb_service.kb.registry import current_kb
from kb_service.law.deadlines import cutoff

AS_OF = "2025-06-30"
BAD = {"id": "broken body", "name": "Бузук орган", "body_type": "no-such-type"}
QUERY = ROOT / "queries" / "national" / "untrained-servants.rq"
COMPARED = ("by_section", "by_body_type", "bodies_by_type", "heatmap", "evaluated")


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    """20 generated bodies (one made to lack most training) and a bad file, evaluated by
    `kb evaluate DIR -o OUT`."""
    root = tmp_path_factory.mktemp("national-batch")
    assert main(["generate", "--bodies", "20", "--seed", "5", "--violations", "0.2",
                 "--as-of", AS_OF, "-o", str(root / "gen")]) == 0  # fmt: skip
    bodies = root / "gen" / BODIES_DIR
    first = sorted(bodies.glob("*.json"))[0]
    data = json.loads(first.read_text(encoding="utf-8"))
    data["trainings"] = data["trainings"][: len(data["trainings"]) // 3]
    first.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    (bodies / "zz-bad.json").write_text(json.dumps(BAD, ensure_ascii=False), encoding="utf-8")
    out = root / "out"
    assert main(["evaluate", str(bodies), "--as-of", AS_OF, "--lang", "en", "--jobs", "2",
                 "-o", str(out)]) == 1  # fmt: skip
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    return {"bodies": bodies, "summary": summary}


def _zip(folder: Path) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for path in sorted(folder.glob("*.json")):
            archive.write(path, f"bodies/{path.name}")
    return buffer.getvalue()


def _import(api, files, role="inspector"):
    r = api.post("/api/national/import", role, files=files, data={"as_of": AS_OF, "lang": "en"})
    assert r.status_code == 202, r.text
    url = r.json()["status"]
    for _ in range(600):
        status = api.get(url).json()
        if status["state"] != "running":
            return status
        time.sleep(0.2)
    raise TimeoutError(url)


@pytest.fixture(scope="module")
def loaded(api, batch):
    status = _import(api, [("files", ("bodies.zip", _zip(batch["bodies"]), "application/zip"))])
    return status


def _ranking(summary):
    drop = ("source", "report")
    return [{k: v for k, v in line.items() if k not in drop} for line in summary["ranking"]]


def test_import_stores_every_good_body_and_reports_the_bad_one(api, loaded, batch):
    assert loaded["state"] == "done", loaded
    assert loaded["total"] == 21 and loaded["stored"] == 20
    [failed] = loaded["failed"]
    assert failed["source"] == "bodies/zz-bad.json"
    assert any("body_type" in p for p in failed["problems"])
    for entry in loaded["bodies"]:
        [latest] = api.get(f"/api/bodies/{entry['body']}/assessments").json()
        assert (latest["id"], latest["version"]) == (entry["assessment"], entry["version"])
        assert latest["findings"] and all(f["decision"]["facts_sha256"] for f in latest["findings"])
    audit = api.get("/api/audit", "admin").json()
    versions = [e for e in audit if e["action"] == "assessment.version"]
    assert len(versions) >= 20  # one entry per stored body, in the same transactions
    assert api.get("/api/audit/verify", "admin").json()["ok"] is True


def test_national_api_equals_the_batch_summary(api, loaded, batch):
    stored = api.get("/api/national", params={"lang": "en"}).json()
    expected = batch["summary"]
    for key in COMPARED:
        assert stored[key] == expected[key], key
    assert _ranking(stored) == _ranking(expected)
    assert all(line["report"] == f"/bodies/{line['id']}" for line in stored["ranking"])


def test_a_second_load_makes_new_versions_and_the_summary_counts_each_body_once(api, loaded, batch):
    two = sorted(batch["bodies"].glob("*.json"))[:2]
    files = [("files", (p.name, p.read_bytes(), "application/json")) for p in two]
    status = _import(api, files)
    assert status["stored"] == 2 and {b["version"] for b in status["bodies"]} == {2}
    stored = api.get("/api/national", params={"lang": "en"}).json()
    assert stored["evaluated"] == 20
    assert _ranking(stored) == _ranking(batch["summary"])


def test_import_needs_an_inspector(api):
    r = api.post("/api/national/import", "viewer", files=[("files", ("a.json", b"{}"))],
                 data={"as_of": AS_OF})  # fmt: skip
    assert r.status_code == 403


@pytest.mark.parametrize("lang", ["ky", "ru", "en"])
def test_national_page(api, loaded, batch, lang):
    c = api.client
    assert (
        c.post("/api/login", json={"username": "viewer", "password": PASSWORD}).status_code == 200
    )
    try:
        r = c.get("/national", params={"lang": lang})
    finally:
        c.cookies.clear()
    assert r.status_code == 200
    page = r.text
    assert f'<html lang="{lang}">' in page and "<svg" in page
    labels = current_kb().catalog.label_table(lang)
    assert labels["national_heatmap"] in page and labels["national_ranking"] in page
    for line in batch["summary"]["ranking"]:
        assert f'href="/bodies/{line["id"]}"' in page


def _expected_untrained(folder: Path) -> dict[str, tuple[int, int]]:
    """Per body: (servants, servants with no training from the cut-off to the as-of date)."""
    as_of = dt.date.fromisoformat(AS_OF)
    interval = current_kb().checks.parameters["training-interval"].version_on(as_of)
    assert interval is not None
    since = cutoff(interval, as_of)
    out = {}
    for path in sorted(folder.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        if "servants" not in data:
            continue
        trained = {t["servant"] for t in data.get("trainings", [])
                   if since <= dt.date.fromisoformat(t["date"]) <= as_of}  # fmt: skip
        servants = [s["id"] for s in data["servants"]]
        out[data["id"]] = (len(servants), sum(1 for s in servants if s not in trained))
    return out


def test_readme_sparql_query_on_untrained_servants(api, loaded, batch):
    headers = {**api.as_("viewer"), "Accept": "application/sparql-results+json"}
    r = api.client.post("/sparql", data={"query": QUERY.read_text(encoding="utf-8")},
                        headers=headers)  # fmt: skip
    assert r.status_code == 200, r.text
    rows = r.json()["results"]["bindings"]
    got = {row["body"]["value"]: (int(row["servants"]["value"]), int(row["untrained"]["value"]))
           for row in rows}  # fmt: skip
    expected = {b: c for b, c in _expected_untrained(batch["bodies"]).items() if c[1] * 10 > c[0]}
    assert expected, "the set was made to hold at least one such body"
    assert got == expected
    assert "```sparql\n" + QUERY.read_text(encoding="utf-8") in (ROOT / "README.md").read_text(
        encoding="utf-8"
    )


def test_cli_load_refuses_a_store_the_service_holds(api, capsys):
    if api.storage.backend.kind != "embedded":
        pytest.skip("an endpoint store has no lock to show")
    data = Path(api.client.app.state.service.settings.data_dir)  # type: ignore[attr-defined]
    code = main(["national", "load", str(ROOT / "examples" / "ministry-violations.json"),
                 "--data", str(data)])  # fmt: skip
    assert code == 2
    assert "--url" in capsys.readouterr().err
