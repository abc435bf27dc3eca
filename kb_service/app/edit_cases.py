"""The use cases behind `kb act ...`, `kb rule ...` and `kb diff`: each edit is built and
checked with the whole KB, then written, or for a dry run shown with its impact."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from kb_service.core import paths
from kb_service.editing import act_edits, rule_edits
from kb_service.editing.changeset import undo, unified_diff
from kb_service.editing.provenance import Why, edit_time
from kb_service.editing.rules_diff import rules_diff as diff_rules
from kb_service.editing.service import Build, prepare, save, would_be
from kb_service.kb.loading import load_kb
from kb_service.law.impact import impact_of
from kb_service.models.impact import Impact
from kb_service.models.rules_diff import RulesDiff
from kb_service.render.diff_text import diff_as_text
from kb_service.render.json_out import model_json


@dataclass
class EditOutcome:
    """What an edit did (or, dry run, would do): its id, files, diff and the impact of the acts
    it involves on the KB with the edit in place."""

    edit_id: str
    operation: str
    files: list[str]
    diff: str
    written: bool
    impacts: list[Impact] = field(default_factory=list)


def run_edit(
    operation: str, build: Build, why: Why, *, root: Path | None = None, acts: Sequence[str] = (),
    dry_run: bool = False, as_of: dt.date | None = None, lang: str = "en",
) -> EditOutcome:  # fmt: skip
    """Build, check (EditRejected: nothing written), then write the edit, or show it."""
    base = (root or paths.ROOT).resolve()
    edit = prepare(base, operation, build, why, list(acts))
    outcome = EditOutcome(
        edit.edit_id, operation, sorted(edit.files), unified_diff(edit), not dry_run
    )
    if dry_run:
        day = as_of or edit_time().date()
        with would_be(edit) as copy:
            kb = load_kb("oxigraph", copy)
            known = kb.catalog.acts
            outcome.impacts = [
                impact_of(a, day, lang, kb=kb) for a in dict.fromkeys(acts) if a in known
            ]
        return outcome
    save(edit)
    return outcome


def undo_last(root: Path | None = None) -> tuple[str, str, list[str]]:
    """Put the files of the last edit back as they were: (edit id, operation, files)."""
    return undo((root or paths.ROOT).resolve())


def today() -> dt.date:
    return edit_time().date()


# the edits, as the CLI calls them (editing.act_edits / editing.rule_edits build them)
CHANGE_KINDS = tuple(act_edits.KINDS)
NewAct = act_edits.NewAct
Change = act_edits.Change
Basis = rule_edits.Basis
add_act = act_edits.add_act
change_act = act_edits.change_act
repoint = rule_edits.repoint
new_value = rule_edits.new_value
requirement_text = rule_edits.requirement_text
adhoc = rule_edits.adhoc


def rules_diff(
    rev1: str, rev2: str, as_of: dt.date, examples: Sequence[Path] | None = None
) -> RulesDiff:
    """What changed in the rules between two KBs (git revisions or folders), and which findings
    of the example bodies (examples/*.json unless given) flip, evaluated as of `as_of`."""
    return diff_rules(rev1, rev2, as_of, examples)


def diff_bytes(diff: RulesDiff, fmt: str) -> bytes:
    if fmt == "json":
        return model_json(diff)
    return diff_as_text(diff).encode("utf-8")
