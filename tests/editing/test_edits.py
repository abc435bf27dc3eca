"""kb act / kb rule: each edit on a copy of the KB (what it writes, read back as RDF), its SHACL
rejection (nothing written), the dry run (nothing written), hostile text (escaped, never
breaking out of its literal), and undo giving every file back byte for byte."""

from __future__ import annotations

from pathlib import Path

import pytest
import rdflib
from repo_paths import kb_copy

from kb_service.cli.main import main
from kb_service.core.namespaces import ELI, KYZ, PROV, RDFS

ID = "https://w3id.org/kyzmat-kb/id/"
WHO = ["--by", "A. Officer", "--why", "test edit"]
HOSTILE = 'He said "stop" \\ then\nnew line"@en . act:evil a kyz:Law . #'


def _snapshot(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and ".kb-edits" not in p.parts
    }


def _graph(root: Path, name: str) -> rdflib.Graph:
    return rdflib.Graph().parse(root / "rules" / name, format="turtle")


@pytest.fixture
def kb(tmp_path, monkeypatch):
    kb_copy(tmp_path)
    monkeypatch.setenv("KB_EDIT_NOW", "2026-06-01T09:00:00+00:00")
    return tmp_path


def kb_run(root: Path, *args: str) -> int:
    return main([*args, *WHO, "--root", str(root)])


def _add_act(root: Path, *extra: str) -> int:
    return kb_run(
        root, "act", "add", "cabinet-res-9999-2026", "--type", "cabinet-resolution", "--issuer",
        "cabinet", "--number", "9999", "--date", "2026-05-20", "--source", "fictional-test",
        "--source-label", "FICTIONAL test source", "--validity", "in-force", *extra,
    )  # fmt: skip


def test_every_edit_then_undo_gives_the_files_back_byte_for_byte(kb, capsys):
    before = _snapshot(kb)
    assert _add_act(kb, "--title-en", HOSTILE) == 0
    assert (
        kb_run(
            kb,
            "act",
            "change",
            "gov-res-706-2016",
            "--kind",
            "repeal",
            "--by-act",
            "cabinet-res-9999-2026",
            "--from",
            "2026-07-01",
            "--date-status",
            "inferred",
            "--source",
            "fictional-test",
            "--cause",
            "cabinet-res-9999-2026",
        )
        == 0
    )  # noqa: E501
    assert kb_run(kb, "rule", "repoint", "s5-gov-res-706-2016", "--to", "cabinet-res-9999-2026",
                  "--from", "2026-07-01", "--source", "fictional-test") == 0  # fmt: skip
    assert kb_run(kb, "rule", "parameter", "training-interval", "--amount", "2", "--unit", "years",
                  "--from", "2026-07-01", "--basis", "s5-cabinet-res-9999-2026",
                  "--source", "fictional-test") == 0  # fmt: skip
    assert kb_run(kb, "rule", "text", "5.3", "--lang", "en", "--text", HOSTILE) == 0
    assert (
        kb_run(
            kb,
            "rule",
            "adhoc",
            "q1",
            "--section",
            "5",
            "--text-ky",
            "Кошумча суроо",
            "--monitoring",
            "ministry, June 2026",
            "--source",
            "fictional-test",
        )
        == 0
    )  # noqa: E501

    acts = _graph(kb, "acts.ttl")
    new, old = (
        rdflib.URIRef(ID + "act/cabinet-res-9999-2026"),
        rdflib.URIRef(ID + "act/gov-res-706-2016"),
    )
    assert str(acts.value(new, KYZ.titleTranslation)) == HOSTILE  # escaped, read back as given
    assert (rdflib.URIRef(ID + "act/evil"), None, None) not in acts
    assert acts.value(old, KYZ.validityStatus) == KYZ.Repealed
    assert str(acts.value(old, ELI.date_no_longer_in_force)) == "2026-07-01"
    change = rdflib.URIRef(ID + "change/cabinet-res-9999-2026--gov-res-706-2016")
    assert _graph(kb, "changes.ttl").value(change, KYZ.changeKind) == KYZ.Repeal
    cits = _graph(kb, "citations.ttl")
    new_cit = rdflib.URIRef(ID + "citation/s5-cabinet-res-9999-2026")
    assert (
        str(cits.value(rdflib.URIRef(ID + "citation/s5-gov-res-706-2016"), KYZ.validUntil))
        == "2026-07-01"
    )
    assert str(cits.value(new_cit, KYZ.validFrom)) == "2026-07-01"
    reqs = _graph(kb, "requirements.ttl")
    req53 = rdflib.URIRef(ID + "requirement/5.3")
    assert (req53, KYZ.hasLegalBasis, new_cit) in reqs
    assert {str(t) for t in reqs.objects(req53, KYZ.translation) if t.language == "en"} == {HOSTILE}
    assert (rdflib.URIRef(ID + "requirement/5.x-q1"), KYZ.forMonitoring, None) in reqs
    params = _graph(kb, "parameters.ttl")
    versions = list(params.objects(rdflib.URIRef(ID + "parameter/training-interval"), KYZ.version))
    amounts = sorted((int(params.value(v, KYZ.amount)), str(params.value(v, KYZ.validFrom) or ""),
                      str(params.value(v, KYZ.validUntil) or "")) for v in versions)  # fmt: skip
    assert amounts == [(2, "2026-07-01", ""), (3, "", "2026-07-01")]
    edits = _graph(kb, "edits.ttl")
    assert len(set(edits.subjects(KYZ.operation, None))) == 6
    assert {str(o) for o in edits.objects(None, RDFS.comment)} == {"test edit"}
    assert (None, PROV.generated, change) in edits
    assert main(["validate", "--root", str(kb)]) == 0
    capsys.readouterr()
    for _ in range(6):
        assert main(["rule", "undo", "--root", str(kb)]) == 0
    assert _snapshot(kb) == before
    assert main(["rule", "undo", "--root", str(kb)]) == 2  # nothing left to undo


def test_a_rejected_edit_writes_nothing(kb, capsys):
    before = _snapshot(kb)
    code = kb_run(kb, "act", "change", "law-75-2016", "--kind", "replacement", "--by-act",
                  "cabinet-res-413-2023", "--from", "2023-01-01", "--source", "memo")  # fmt: skip
    err = capsys.readouterr().err
    assert code == 1
    assert "an act is replaced by one act at most" in err and "rules/acts.ttl" in err
    assert "nothing was written" in err
    assert _snapshot(kb) == before


def test_a_dry_run_shows_the_diff_and_the_impact_and_writes_nothing(kb, capsys):
    before = _snapshot(kb)
    code = kb_run(kb, "rule", "parameter", "training-interval", "--amount", "2", "--unit",
                  "years", "--from", "2026-07-01", "--basis", "s5-law-75-2016", "--source", "memo",
                  "--cause", "law-75-2016", "--dry-run", "--lang", "en")  # fmt: skip
    out = capsys.readouterr().out
    assert code == 0
    assert '+        kyz:validUntil "2026-07-01"^^xsd:date ;' in out
    assert "+++ b/rules/edits.ttl" in out
    assert "Impact of a change to law No. 75" in out and "nothing written" in out
    assert _snapshot(kb) == before


PARAM = "rule parameter training-interval --from 2026-07-01 --basis s5-law-75-2016 --source memo"
CHANGE = "act change law-75-2016 --kind repeal --by-act law-125-2021 --source memo"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ("rule text 5.33 --lang en --text x".split(), "did you mean"),
        (["rule", "text", "5.3", "--lang", "en", "--text", "a\x07b"], "control character"),
        (["rule", "text", "5.3", "--lang", "en", "--text", "x" * 2001], "at most 2,000"),
        (
            ["act", "change", "law-75-2016\n", *CHANGE.split()[3:], "--from", "2021-10-27"],
            "not an id",
        ),
        (CHANGE.split(), "--from DATE"),
        (
            "rule repoint s5-law-75-2016 --to law-125 --from 2021-10-27 --source memo".split(),
            "did you mean law-125-2021",
        ),
        ([*PARAM.split(), "--amount", "0", "--unit", "years"], "whole number"),
        ([*PARAM.split(), "--amount", "2", "--unit", "decades"], "expected one of"),
    ],
)
def test_bad_input_is_refused_with_a_clear_error(kb, capsys, args, message):
    before = _snapshot(kb)
    assert kb_run(kb, *args) == 2
    assert message in capsys.readouterr().err
    assert _snapshot(kb) == before


def test_a_date_is_yyyy_mm_dd_only(kb, capsys):
    with pytest.raises(SystemExit) as exit_:
        kb_run(
            kb,
            "rule",
            "repoint",
            "s5-law-75-2016",
            "--to",
            "law-125-2021",
            "--from",
            "20211027",
            "--source",
            "memo",
        )
    assert exit_.value.code == 2
    assert "expected YYYY-MM-DD" in capsys.readouterr().err


def test_undo_refuses_when_a_file_changed_since(kb, capsys):
    assert _add_act(kb) == 0
    acts = kb / "rules" / "acts.ttl"
    acts.write_text(acts.read_text("utf-8") + "# a later hand edit\n", "utf-8")
    assert main(["rule", "undo", "--root", str(kb)]) == 2
    assert "changed since edit" in capsys.readouterr().err
    assert acts.read_text("utf-8").endswith("# a later hand edit\n")
