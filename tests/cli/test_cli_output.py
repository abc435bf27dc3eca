"""Output files: every command refuses a target it must not write before doing any work, never
follows a link, never replaces its own input, and writes all-or-nothing keeping the file's mode.

No test here names a real device: fifos, sockets and links to devices are made in tmp_path, so a
wrong writer could only replace those."""

from __future__ import annotations

import errno
import os
import shutil
import socket
import stat
from pathlib import Path

import pytest
from openpyxl import load_workbook
from repo_paths import ROOT

from kb_service.cli.main import main
from kb_service.core import output_file

FACTS = ROOT / "examples" / "ministry-compliant.json"
WORKBOOK = ROOT / "examples" / "ministry.xlsx"
MEMO = ["memo", "--format", "md", "-o"]


def _snapshot(folder: Path) -> dict[str, tuple[int, bytes | str]]:
    """Every entry of a folder: its mode and its bytes (or a link's target)."""
    seen: dict[str, tuple[int, bytes | str]] = {}
    for path in sorted(folder.rglob("*")):
        info = path.lstat()
        if stat.S_ISLNK(info.st_mode):
            seen[str(path)] = (info.st_mode, os.readlink(path))
        else:
            seen[str(path)] = (info.st_mode, path.read_bytes() if path.is_file() else b"")
    return seen


def _refused(argv: list[str], capsys, *fragments: str) -> str:
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1, err
    for fragment in fragments:
        assert fragment in err, err
    return err


@pytest.fixture
def no_evaluation(monkeypatch):
    """Evaluating fails the test: a refused target must be refused before the work."""

    def forbidden(*args, **kwargs):
        raise AssertionError("the facts were evaluated before the output was checked")

    monkeypatch.setattr("kb_service.evaluation.assess.assess_file", forbidden)


def _fifo(tmp: Path) -> Path:
    os.mkfifo(tmp / "pipe")
    return tmp / "pipe"


def _socket(tmp: Path) -> Path:
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(tmp / "sock"))
    sock.close()
    return tmp / "sock"


def _folder(tmp: Path) -> Path:
    (tmp / "folder").mkdir()
    return tmp / "folder"


def _link_to_device(tmp: Path) -> Path:
    (tmp / "null").symlink_to("/dev/null")
    return tmp / "null"


@pytest.mark.parametrize(
    ("make", "fragment"),
    [
        (_fifo, "is a fifo; expected a regular file"),
        (_socket, "is a socket; expected a regular file"),
        (_folder, "is a directory; expected a regular file"),
        (_link_to_device, "is a symbolic link, which is not followed"),
    ],
    ids=["fifo", "socket", "directory", "link-to-dev-null"],
)
def test_a_target_that_is_not_a_regular_file_is_refused(make, fragment, tmp_path, capsys):
    target = make(tmp_path)
    before = _snapshot(tmp_path)
    _refused([*MEMO, str(target)], capsys, str(target), fragment)
    assert _snapshot(tmp_path) == before
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_a_link_to_a_file_elsewhere_is_refused_and_the_file_untouched(
    tmp_path, tmp_path_factory, capsys
):
    victim = tmp_path_factory.mktemp("elsewhere") / "precious.txt"
    victim.write_text("keep me")
    (tmp_path / "out.md").symlink_to(victim)
    before = _snapshot(tmp_path)
    _refused([*MEMO, str(tmp_path / "out.md")], capsys, "symbolic link")
    assert _snapshot(tmp_path) == before and victim.read_text() == "keep me"


@pytest.mark.parametrize(
    ("target", "fragment"),
    [
        ("/proc/version", "lies under /proc"),
        ("/proc/kb-test-output.md", "lies under /proc"),
        ("{tmp}/no-such-folder/out.md", "does not exist"),
        ("{tmp}/new/", "names a folder"),
    ],
)
def test_system_trees_and_missing_folders_are_refused(target, fragment, tmp_path, capsys):
    _refused([*MEMO, target.format(tmp=tmp_path)], capsys, fragment)
    assert not list(tmp_path.iterdir())


def test_an_empty_output_name_is_a_usage_error(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    _refused([*MEMO, ""], capsys, "an empty output file name")
    _refused(["template", "--body-type", "state-body", "-o", ""], capsys, "empty output file")
    assert not list(tmp_path.iterdir())


def test_a_planted_part_link_is_not_followed(tmp_path, tmp_path_factory):
    victim = tmp_path_factory.mktemp("elsewhere") / "victim.txt"
    victim.write_text("keep me")
    out = tmp_path / "memo.md"
    for planted in (out.with_name("memo.md.part"), tmp_path / ".memo.md.part"):
        planted.symlink_to(victim)
    assert main([*MEMO, str(out)]) == 0
    assert victim.read_text() == "keep me"
    assert out.read_text(encoding="utf-8").startswith("**")
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == [".memo.md.part", "memo.md", "memo.md.part"]  # the two links, still links
    assert all(p.is_symlink() for p in tmp_path.iterdir() if p.name != "memo.md")


def _input_copy(tmp: Path, source: Path) -> Path:
    shutil.copy(source, tmp / source.name)
    return tmp / source.name


@pytest.mark.parametrize("source", [FACTS, WORKBOOK], ids=["json", "xlsx"])
@pytest.mark.parametrize("fmt", ["pdf", "json"])
def test_the_input_file_is_never_the_output(source, fmt, tmp_path, capsys, no_evaluation):
    facts = _input_copy(tmp_path, source)
    os.link(facts, tmp_path / f"hard{facts.suffix}")
    before = _snapshot(tmp_path)
    for out in (facts, tmp_path / f"hard{facts.suffix}"):
        argv = ["evaluate", str(facts), "--format", fmt, "-o", str(out)]
        _refused(argv, capsys, str(out), f"is the input file {facts}")
    assert _snapshot(tmp_path) == before


def test_a_binary_format_without_output_is_refused_before_evaluating(capsys, no_evaluation):
    _refused(["evaluate", str(FACTS), "--format", "pdf"], capsys, "-o FILE")


def test_a_bad_target_is_refused_before_evaluating(tmp_path, capsys, no_evaluation):
    target = _fifo(tmp_path)
    _refused(["evaluate", str(FACTS), "--format", "pdf", "-o", str(target)], capsys, "fifo")


def test_an_existing_file_keeps_its_mode_and_a_new_one_gets_the_umask(tmp_path):
    kept = tmp_path / "private.md"
    kept.write_text("old")
    kept.chmod(0o600)
    old_mask = os.umask(0o027)
    try:
        assert main([*MEMO, str(kept)]) == 0
        assert main([*MEMO, str(tmp_path / "new.md")]) == 0
    finally:
        os.umask(old_mask)
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600 and kept.read_text("utf-8") != "old"
    assert stat.S_IMODE((tmp_path / "new.md").stat().st_mode) == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["new.md", "private.md"]


def test_template_refuses_to_overwrite_without_force(tmp_path, capsys):
    filled = _input_copy(tmp_path, WORKBOOK)
    filled.chmod(0o640)
    before = _snapshot(tmp_path)
    argv = ["template", "--body-type", "state-body", "-o", str(filled)]
    _refused(argv, capsys, str(filled), "already exists; give --force to overwrite it")
    assert _snapshot(tmp_path) == before
    assert main([*argv, "--force"]) == 0
    assert filled.read_bytes() != WORKBOOK.read_bytes() and "0 Орган" in load_workbook(filled)
    assert stat.S_IMODE(filled.stat().st_mode) == 0o640
    assert [p.name for p in tmp_path.iterdir()] == [filled.name]


@pytest.mark.parametrize("step", ["fsync", "replace"])
def test_a_failed_write_leaves_nothing_and_keeps_the_old_file(step, tmp_path, capsys, monkeypatch):
    old = tmp_path / "report.json"
    old.write_text("the old report")
    before = _snapshot(tmp_path)

    real = getattr(os, step)

    def disk_full(first, *rest):  # only for files in tmp_path: the KB cache may write too
        where = os.readlink(f"/proc/self/fd/{first}") if isinstance(first, int) else str(first)
        if where.startswith(str(tmp_path)):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real(first, *rest)

    monkeypatch.setattr(output_file.os, step, disk_full)
    argv = ["evaluate", str(FACTS), "--as-of", "2025-06-30", "-o", str(old)]
    _refused(argv, capsys, str(old), "cannot be written (No space left on device)")
    assert _snapshot(tmp_path) == before


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write any file")
def test_a_read_only_file_is_refused(tmp_path, capsys):
    locked = tmp_path / "locked.md"
    locked.write_text("keep")
    locked.chmod(0o444)
    _refused([*MEMO, str(locked)], capsys, "is read-only")
    assert locked.read_text() == "keep"


@pytest.mark.parametrize(
    "text", ["20250630", "2025-W26-1", "2025-6-30", "２０２５-06-30", "2023-02-30"]
)
@pytest.mark.parametrize("command", [["law"], ["checklist", "--body-type", "state-body"]])
def test_only_strict_iso_dates_are_accepted(command, text, capsys):
    with pytest.raises(SystemExit) as exc:
        main([*command, "--as-of", text])
    assert exc.value.code == 2
    assert f"{text!r} is not a date: expected YYYY-MM-DD" in capsys.readouterr().err


def test_evaluate_as_of_is_strict_too(capsys, no_evaluation):
    with pytest.raises(SystemExit) as exc:
        main(["evaluate", str(FACTS), "--as-of", "2025-W26-1"])
    assert exc.value.code == 2 and "expected YYYY-MM-DD" in capsys.readouterr().err
