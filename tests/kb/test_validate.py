"""`kb validate`: the shipped KB conforms; each broken rule file fails with a clear message."""

from __future__ import annotations

import re

import pytest
from repo_paths import DATA, kb_copy

from kb_service.cli.main import main
from kb_service.kb.validation import validate_kb

BROKEN = sorted((DATA / "broken-rules").glob("*.ttl"))


def test_shipped_kb_conforms():
    assert validate_kb() == []


def test_cli_validate_ok(capsys):
    assert main(["validate"]) == 0
    assert "valid" in capsys.readouterr().out


def test_broken_corpus_is_complete():
    assert len(BROKEN) >= 10


@pytest.mark.parametrize("path", BROKEN, ids=lambda p: p.stem)
def test_broken_rule_file_fails_clearly(path, capsys):
    expected = re.findall(r"^# expect: (.+)$", path.read_text(encoding="utf-8"), re.M)
    assert expected, f"{path.name} has no '# expect:' line"
    code = main(["validate", str(path)])
    err = capsys.readouterr().err
    assert code == 1
    assert "Traceback" not in err
    assert path.name in err, err
    for fragment in expected:
        assert fragment in err, f"{fragment!r} missing from:\n{err}"


def test_broken_file_is_named_with_line(tmp_path, capsys):
    bad = tmp_path / "bad.ttl"
    bad.write_text(
        "@prefix kyz: <https://w3id.org/kyzmat-kb/ontology#> .\n\nkyz:a kyz:b .\nkyz:c kyz:d",
        "utf-8",
    )
    assert main(["validate", str(bad)]) == 1
    err = capsys.readouterr().err
    assert f"{bad}: line" in err


def test_broken_query_file(tmp_path, capsys):

    root = tmp_path / "kb"
    kb_copy(root)
    (root / "queries" / "kb" / "broken.rq").write_text("# title: x\nSELECT ?x WHERE { ?x ", "utf-8")
    assert main(["validate", "--root", str(root)]) == 1
    err = capsys.readouterr().err
    assert "broken.rq" in err and "SPARQL syntax error" in err
    assert "banner" in err


def test_a_kb_without_its_stale_after_policy_is_named(tmp_path, capsys):
    from service_helpers import kb_copy

    root = kb_copy(tmp_path / "kb")
    (root / "rules" / "health.ttl").unlink()
    assert main(["validate", "--root", str(root)]) == 1
    err = capsys.readouterr().err
    assert "rules/health.ttl" in err and "no stale-after policy" in err
    assert "missing-health-policy.rq" in err
