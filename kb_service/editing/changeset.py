"""One edit's files: shown as a diff, validated with the whole KB before anything is written,
written all at once, and undone to the byte.

Validation copies the KB (ontology/, rules/, queries/) to a temporary folder, puts the would-be
files there and runs `kb validate` on it (kb.validation.validate_kb); the problems name the
files as they are under the root. The undo journal (<root>/.kb-edits/journal.json) keeps, per
edit, each file's bytes before it and a digest of what the edit wrote; it is written in the same
step as the files.
"""

from __future__ import annotations

import base64
import contextlib
import difflib
import hashlib
import json
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kb_service.core.output_file import write_files
from kb_service.core.problems import KBError, Problem, UsageError
from kb_service.kb.validation import validate_kb

JOURNAL = Path(".kb-edits") / "journal.json"
MAX_JOURNAL = 200  # edits kept for undo
KB_PARTS = ("ontology", "rules", "queries")


@dataclass
class Edit:
    """An edit ready to check: the operation, the new text of each file it changes (relative to
    the root), the nodes it writes and the acts whose impact it has."""

    root: Path
    operation: str
    edit_id: str
    files: dict[str, str]
    generated: list[str] = field(default_factory=list)
    acts: list[str] = field(default_factory=list)

    def before(self, rel: str) -> str:
        path = self.root / rel
        return path.read_text(encoding="utf-8") if path.exists() else ""


def unified_diff(edit: Edit) -> str:
    out: list[str] = []
    for rel in sorted(edit.files):
        out += difflib.unified_diff(
            edit.before(rel).splitlines(keepends=True),
            edit.files[rel].splitlines(keepends=True),
            fromfile=f"a/{rel}",
            tofile=f"b/{rel}",
        )
    return "".join(line if line.endswith("\n") else line + "\n" for line in out)


@contextlib.contextmanager
def would_be(edit: Edit) -> Iterator[Path]:
    """A temporary copy of the KB (ontology/, rules/, queries/) with the edit's files in place."""
    with tempfile.TemporaryDirectory(prefix="kb-edit-") as tmp:
        copy = Path(tmp)
        for part in KB_PARTS:
            if (edit.root / part).is_dir():
                shutil.copytree(edit.root / part, copy / part)
        for rel, text in edit.files.items():
            (copy / rel).parent.mkdir(parents=True, exist_ok=True)
            (copy / rel).write_text(text, encoding="utf-8")
        yield copy


def problems_of(edit: Edit) -> list[Problem]:
    """The KB's problems with the edit's files in place (nothing under the root is touched)."""
    with would_be(edit) as copy:
        try:
            found = validate_kb(root=copy)
        except KBError as err:
            found = err.problems
        return [_relative(p, copy) for p in found]


def _relative(problem: Problem, copy: Path) -> Problem:
    prefix = str(copy) + "/"
    file = problem.file[len(prefix) :] if problem.file.startswith(prefix) else problem.file
    return Problem(file, problem.message, problem.location, problem.field, problem.expected)


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _journal(root: Path) -> list[dict[str, Any]]:
    path = root / JOURNAL
    if not path.exists():
        return []
    entries = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(entries, list):
        raise UsageError(f"{path}: not an edit journal")
    return entries


def _journal_bytes(entries: list[dict[str, Any]]) -> bytes:
    return (json.dumps(entries[-MAX_JOURNAL:], ensure_ascii=False, indent=1) + "\n").encode()


def apply(edit: Edit) -> None:
    """Write the edit's files and its undo entry in one step."""
    changes: dict[Path, bytes | None] = {}
    entry: dict[str, Any] = {"id": edit.edit_id, "operation": edit.operation, "files": {}}
    for rel, text in sorted(edit.files.items()):
        path = edit.root / rel
        data = text.encode("utf-8")
        before = path.read_bytes() if path.exists() else None
        entry["files"][rel] = {
            "before": None if before is None else base64.b64encode(before).decode("ascii"),
            "after": _digest(data),
        }
        changes[path] = data
    (edit.root / JOURNAL).parent.mkdir(exist_ok=True)
    changes[edit.root / JOURNAL] = _journal_bytes([*_journal(edit.root), entry])
    write_files(changes)


def undo(root: Path) -> tuple[str, str, list[str]]:
    """Put back the files of the last edit, byte for byte: (edit id, operation, files).

    Refused when a file changed since the edit (the later change would be lost)."""
    entries = _journal(root)
    if not entries:
        raise UsageError(f"no edit to undo under {root} (the journal {JOURNAL} is empty)")
    last = entries[-1]
    changes: dict[Path, bytes | None] = {}
    for rel, state in last["files"].items():
        path = root / rel
        now = path.read_bytes() if path.exists() else b""
        if _digest(now) != state["after"]:
            raise UsageError(
                f"{rel} changed since edit {last['id']}: undo would lose that change "
                "(restore it with git, or undo by hand)"
            )
        before = state["before"]
        changes[path] = None if before is None else base64.b64decode(before)
    changes[root / JOURNAL] = _journal_bytes(entries[:-1])
    write_files(changes)
    return str(last["id"]), str(last["operation"]), sorted(last["files"])
