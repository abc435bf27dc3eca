"""docs/legal-staff.md runs: every `kb` command of its console blocks is run, in order, on a
temporary copy of the KB, and each output line the guide shows is in the command's output (a
line `[exit N]` is the exit status expected). The FICTIONAL resolution exists only in that copy."""

from __future__ import annotations

import json
import re
import shlex
import shutil

import pytest
from repo_paths import ROOT, kb_copy

from kb_service.cli.main import main

GUIDE = ROOT / "docs" / "legal-staff.md"


def _steps(text: str) -> list[tuple[str, list[str]]]:
    steps: list[tuple[str, list[str]]] = []
    for block in re.findall(r"```console\n(.*?)```", text, re.S):
        for line in block.splitlines():
            if line.startswith("$ "):
                steps.append((line[2:], []))
            elif line.strip() and steps:
                steps[-1][1].append(line.strip())
    return steps


def test_the_guide_runs(tmp_path, monkeypatch, capsys):
    kb_copy(tmp_path / "kb")
    shutil.copytree(tmp_path / "kb", tmp_path / "kb-before")
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    spanning = json.loads((ROOT / "examples" / "ministry-compliant.json").read_text("utf-8"))
    spanning["period"] = {"from": "2026-01-01", "to": "2026-12-31"}
    (tmp_path / "examples" / "ministry-2026.json").write_text(json.dumps(spanning), "utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("KB_EDIT_NOW", "2026-06-01T09:00:00+00:00")
    steps = _steps(GUIDE.read_text(encoding="utf-8"))
    assert len(steps) >= 10, "the guide's worked example lost its commands"
    for command, shown in steps:
        argv = shlex.split(command)
        assert argv[0] == "kb", command
        code = main(argv[1:])
        out = capsys.readouterr()
        seen = out.out + out.err
        expected_exit = next((int(s[6:-1]) for s in shown if s.startswith("[exit ")), 0)
        assert code == expected_exit, f"{command}\n{seen}"
        for line in shown:
            if not line.startswith("[exit "):
                assert line in seen, f"{command}\nexpected: {line}\ngot:\n{seen}"
    # the fictional act never reaches the shipped rules
    assert "9999" not in (ROOT / "rules" / "acts.ttl").read_text(encoding="utf-8")
    assert not (ROOT / "rules" / "edits.ttl").exists() or "9999" not in (
        ROOT / "rules" / "edits.ttl"
    ).read_text(encoding="utf-8")


@pytest.mark.parametrize("marker", ["FICTIONAL"])
def test_the_guide_marks_the_resolution_fictional(marker):
    text = GUIDE.read_text(encoding="utf-8")
    assert text.count(marker) >= 5
