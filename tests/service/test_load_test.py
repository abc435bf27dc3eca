"""Smoke test of benchmarks/load_test.py: two inspectors for a few seconds against a `kb serve`
it starts itself; every acknowledged assessment is found again, also after a restart, and the
audit chain verifies. Latency is measured by the script, never asserted here."""

from __future__ import annotations

import json
import sys

from repo_paths import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))

import load_test  # noqa: E402


def test_load_test_runs_and_loses_nothing(tmp_path):
    out = tmp_path / "load.json"
    code = load_test.main(["--clients", "2", "--duration", "4", "--think", "0.3", "--ramp", "0.2",
                           "--json", str(out)])  # fmt: skip
    result = json.loads(out.read_text(encoding="utf-8"))
    assert code == 0, result["errors"]
    assert result["operations"]["login"]["requests"] == 2
    assert result["acknowledged"] >= 2
    assert [c["when"] for c in result["checks"]] == ["the run", "a restart"]
    assert all(c["audit_ok"] and not c["lost"] and not c["unaudited"] for c in result["checks"])
