"""A national batch (kb evaluate DIR --jobs 2): on a generated set the findings equal those of
each body evaluated one by one, the manifest's expected statuses are what evaluation finds, a
bad file is reported with its problems while the rest are evaluated, and the summary's counts
are the sums of the bodies' findings."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from collections import Counter

import pytest

from kb_service.app import report_bytes
from kb_service.cli.main import main
from kb_service.evaluation.assess import assess_file
from kb_service.facts.synthetic import BODIES_DIR, MANIFEST
from kb_service.kb.registry import current_kb
from kb_service.models.findings import STATUSES
from kb_service.models.national import worst

AS_OF = "2025-06-30"
BAD = {"id": "broken body", "name": "Бузук орган", "body_type": "no-such-type"}


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    """12 generated bodies and one bad file, evaluated as a batch with 2 jobs."""
    root = tmp_path_factory.mktemp("national")
    assert main(["generate", "--bodies", "12", "--seed", "11", "--violations", "0.3",
                 "--as-of", AS_OF, "-o", str(root / "gen")]) == 0  # fmt: skip
    bodies = root / "gen" / BODIES_DIR
    (bodies / "zz-bad.json").write_text(json.dumps(BAD, ensure_ascii=False), encoding="utf-8")
    out = root / "out"
    code = main(["evaluate", str(bodies), "--as-of", AS_OF, "--lang", "en", "--jobs", "2",
                 "-o", str(out)])  # fmt: skip
    manifest = json.loads((root / "gen" / MANIFEST).read_text(encoding="utf-8"))
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    return {"root": root, "bodies": bodies, "out": out, "code": code, "manifest": manifest,
            "summary": summary}  # fmt: skip


def _report(batch, entry):
    path = batch["out"] / "reports" / entry["file"]
    return json.loads(path.read_text(encoding="utf-8"))


def test_batch_findings_equal_one_by_one(batch):
    kb = current_kb()
    for entry in batch["manifest"]["bodies"]:
        alone = assess_file(
            batch["bodies"] / entry["file"], dt.date.fromisoformat(AS_OF), "en", kb=kb
        )
        one = json.loads(report_bytes(alone, "json"))  # what `kb evaluate FILE` writes
        report = _report(batch, entry)
        assert report["findings"] == one["findings"], entry["file"]
        assert report == one


def test_manifest_expectations_hold(batch):
    cc = current_kb().checks
    seen = Counter()
    for entry in batch["manifest"]["bodies"]:
        statuses: dict[str, list[str]] = {}
        for f in _report(batch, entry)["findings"]:
            statuses.setdefault(f["check"], []).append(f["status"])
        got = {c: worst(s) for c, s in statuses.items() if c in entry["expected"]}
        assert got == entry["expected"], entry["file"]
        for check, records in entry["planted"].items():
            # a presence check's planted violation took the records away; a check of periods
            # names the year or half-year, not the record
            roles = {cc.parameters[p].role for p in cc.checks[check].parameters}
            if cc.checks[check].kind == "presence" or "periods" in roles:
                continue
            # the planted records decide the finding
            deciding = {d for f in _report(batch, entry)["findings"] if f["check"] == check
                        for d in f["deciding_facts"]}  # fmt: skip
            assert set(records) & deciding, (entry["file"], check)
        seen.update(entry["expected"].values())
    assert seen["non_compliant"] >= 12 and seen["compliant"] > seen["non_compliant"]


def test_bad_file_is_reported_and_the_rest_evaluated(batch, capsys):
    assert batch["code"] == 1  # a file could not be evaluated
    summary = batch["summary"]
    assert summary["inputs"] == 13 and summary["evaluated"] == 12
    [failed] = summary["failed"]
    assert failed["source"].endswith("zz-bad.json")
    assert any("body_type" in p and "zz-bad.json" in p for p in failed["problems"])
    # the same lines as `kb evaluate FILE` prints for that file
    capsys.readouterr()
    assert main(["evaluate", failed["source"], "--as-of", AS_OF]) == 1
    assert capsys.readouterr().err.splitlines()[: len(failed["problems"])] == failed["problems"]
    assert not (batch["out"] / "reports" / "zz-bad.json").exists()


def test_summary_counts(batch):
    summary = batch["summary"]
    reports = {e["id"]: _report(batch, e) for e in batch["manifest"]["bodies"]}
    by_section: dict[str, Counter] = {}
    by_type: dict[str, Counter] = {}
    for r in reports.values():
        for f in r["findings"]:
            by_section.setdefault(str(f["section"]), Counter())[f["status"]] += 1
            by_type.setdefault(r["body"]["body_type"], Counter())[f["status"]] += 1
    for section, counts in summary["by_section"].items():
        assert counts == {s: by_section.get(section, Counter())[s] for s in STATUSES}
    assert summary["by_body_type"] == {t: {s: c[s] for s in STATUSES} for t, c in by_type.items()}
    ranking = summary["ranking"]
    violations = [b["violations"] for b in ranking]
    assert violations == sorted(violations, reverse=True)
    for line in ranking:
        assert line["violations"] == sum(
            f["status"] == "non_compliant" for f in reports[line["id"]]["findings"]
        )
    heat = summary["heatmap"]
    assert heat["rows"] == [b["id"] for b in ranking]
    first = reports[heat["rows"][0]]
    for column, cell in zip(heat["columns"], heat["cells"][0], strict=True):
        statuses = [f["status"] for f in first["findings"] if f["section"] == column]
        assert cell["status"] == worst(statuses)
        assert cell["violations"] == statuses.count("non_compliant")


def test_html_summary_holds_the_heat_map_and_links(batch):
    html = (batch["out"] / "summary.html").read_text(encoding="utf-8")
    assert "<svg" in html and "Content-Security-Policy" in html
    assert html.count("<rect") == 12 * len(batch["summary"]["heatmap"]["columns"])
    for entry in batch["manifest"]["bodies"]:
        assert f'href="reports/{entry["file"]}"' in html
    assert "zz-bad.json" in html


def test_a_batch_needs_an_output_folder(batch, capsys, tmp_path):
    assert main(["evaluate", str(batch["bodies"]), "--as-of", AS_OF]) == 2
    assert "-o OUTDIR" in capsys.readouterr().err
    empty = tmp_path / "empty"
    empty.mkdir()
    assert main(["evaluate", str(empty), "-o", str(tmp_path / "o")]) == 2
    assert "no facts files" in capsys.readouterr().err


def test_the_folder_kb_generate_wrote_stands_for_its_bodies(batch, tmp_path):
    out = tmp_path / "out"
    code = main(["evaluate", str(batch["root"] / "gen"), "--as-of", AS_OF, "--lang", "en",
                 "--jobs", "1", "-o", str(out)])  # fmt: skip
    assert code == batch["code"]  # the same bodies, the bad one among them
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary == batch["summary"]
    assert not (out / "reports" / MANIFEST).exists()


def test_files_and_folders_mixed_with_one_job(batch, tmp_path):
    first = sorted(batch["bodies"].glob("*.json"))[0]
    copy = tmp_path / "copy"
    copy.mkdir()
    shutil.copy(first, copy / "again.json")
    out = tmp_path / "out"
    assert main(["evaluate", str(first), str(copy), "--as-of", AS_OF, "--jobs", "1",
                 "-o", str(out), "--format", "html"]) == 0  # fmt: skip
    assert sorted(p.name for p in (out / "reports").iterdir()) == sorted(
        [f"{first.stem}.html", "again.html"]
    )
