"""One edit from start to end: build it on the files in memory, record who/when/why, check the
whole KB with it, then write it (or, for a dry run, show it)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from kb_service.core.problems import KBError
from kb_service.editing.changeset import Edit, apply, problems_of, would_be
from kb_service.editing.provenance import Why, record
from kb_service.editing.workspace import Workspace


class EditRejected(KBError):
    """The KB would not be valid with the edit: nothing was written."""


Build = Callable[[Workspace], list[str]]  # edits the workspace, returns the nodes written


def prepare(root: Path, operation: str, build: Build, why: Why, acts: list[str]) -> Edit:
    """The edit's files, PROV record included, checked with the whole KB (EditRejected lists
    the problems; nothing is written)."""
    ws = Workspace(root)
    generated = build(ws)
    eid = record(ws, operation, why, generated)
    edit = Edit(root, operation, eid, dict(ws.edited), generated, acts)
    problems = problems_of(edit)
    if problems:
        raise EditRejected(problems)
    return edit


def save(edit: Edit) -> None:
    apply(edit)


__all__ = ["Build", "EditRejected", "Why", "prepare", "save", "would_be"]
