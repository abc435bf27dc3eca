"""Who edited the rules, when and why: a kyz:RuleEdit (a prov:Activity) in rules/edits.ttl."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass

from kb_service.core.problems import UsageError
from kb_service.editing.turtle_text import append_block, datetime_literal, literal
from kb_service.editing.workspace import Workspace, check_text

EDITS = "rules/edits.ttl"
_HEADER = """\
# Edits of the rules by legal staff (kb act ..., kb rule ...): who, when, why, the act that
# caused each, and what it wrote. Written by the tool; `kb rule undo` takes the last one back.
"""


@dataclass(frozen=True)
class Why:
    """What every edit must say: who makes it and why, and the act that caused it, if any."""

    by: str
    why: str
    cause: str | None = None  # an act id


def edit_time() -> dt.datetime:
    """Now, in UTC (KB_EDIT_NOW, an ISO date-time, fixes it for tests and the guide)."""
    fixed = os.environ.get("KB_EDIT_NOW")
    if fixed:
        try:
            return dt.datetime.fromisoformat(fixed).astimezone(dt.UTC)
        except ValueError:
            raise UsageError(f"KB_EDIT_NOW={fixed!r}: expected an ISO date-time") from None
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


def edit_id(ws: Workspace, when: dt.datetime) -> str:
    stamp = when.strftime("%Y%m%dT%H%M%SZ")
    n = 1 + sum(1 for line in ws.text(EDITS).splitlines() if line.startswith(f"edit:{stamp}-"))
    return f"{stamp}-{n}"


def record(ws: Workspace, operation: str, why: Why, generated: list[str]) -> str:
    """Append the edit's PROV record to rules/edits.ttl; its id."""
    check_text("--by", why.by, one_line=True)
    check_text("--why", why.why)
    if why.cause is not None:
        ws.existing("act", why.cause)
    when = edit_time()
    eid = edit_id(ws, when)
    lines = [
        f"edit:{eid} a prov:Activity, kyz:RuleEdit ;",
        f"    kyz:operation {literal(operation)} ;",
        f"    prov:wasAssociatedWith [ a prov:Person ; rdfs:label {literal(why.by)} ] ;",
        f"    prov:endedAtTime {datetime_literal(when)} ;",
        f"    rdfs:comment {literal(why.why, 'en')}",
    ]
    if why.cause:
        lines[-1] += " ;"
        lines.append(f"    kyz:causedBy act:{why.cause}")
    if generated:
        lines[-1] += " ;"
        lines.append(f"    prov:generated {', '.join(generated)}")
    text = ws.text(EDITS) or _HEADER
    prefixes = {"kyz", "act", "edit", "prov", "rdfs", "xsd"} | {g.split(":")[0] for g in generated}
    ws.put(EDITS, append_block(text, "\n".join(lines) + " ."), sorted(prefixes))
    return eid
