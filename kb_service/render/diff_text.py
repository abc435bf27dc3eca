"""`kb diff` as text: what changed in the rules, grouped as a lawyer reads them, then the
findings of the example bodies that flip."""

from __future__ import annotations

from kb_service.models.rules_diff import RulesDiff

HEADINGS = (
    ("act", "Acts"),
    ("change", "Changes of acts"),
    ("citation", "Citations (legal bases)"),
    ("requirement", "Requirements"),
    ("parameter", "Parameters"),
)


def diff_as_text(diff: RulesDiff) -> str:
    lines = [f"Rules: {diff.before} -> {diff.after}", ""]
    if not diff.changes:
        lines += ["No change in the rules.", ""]
    for kind, heading in HEADINGS:
        items = [c for c in diff.changes if c.kind == kind]
        if not items:
            continue
        lines.append(heading)
        for c in items:
            if c.change == "changed":
                lines.append(f"   {c.id}: {c.field} changed")
                lines.append(f"      before: {c.before or '(none)'}")
                lines.append(f"      after:  {c.after or '(none)'}")
            elif c.change == "added":
                lines.append(f"   {c.id}: added ({c.after})")
            else:
                lines.append(f"   {c.id}: removed")
        lines.append("")
    lines.append(f"Findings of the example bodies that flip, as of {diff.as_of}")
    if not diff.flips:
        lines.append("   none")
    for f in diff.flips:
        unit = f" (unit {f.unit})" if f.unit else ""
        lines.append(
            f"   {f.example}: {f.requirement} {f.check}{unit}: "
            f"{f.before or '(no finding)'} -> {f.after or '(no finding)'}"
        )
    return "\n".join(lines) + "\n"
