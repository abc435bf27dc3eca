"""Plain-text answer to "which law applies", for inspectors at a terminal or in a printout.

Every word comes from the KB (rules/labels.ttl keys law_*, in_force, date, article,
yes/no/unknown; the successor wording of rules/messages.ttl), carried by the LawLookup.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from kb_service.law.lookup import repointed_note, view_title
from kb_service.models.law import LawLookup


def _flag(value: bool | None, labels: dict[str, str]) -> str:
    return {True: labels["yes"], False: labels["no"], None: labels["unknown"]}[value]


def _act_lines(index: int, act: dict[str, Any], law: LawLookup) -> list[str]:
    labels, lang = law.labels, law.lang
    status: Callable[[str], str] = lambda code: law.verification_words.get(code, code)  # noqa: E731
    ver = act["verification"]
    lines = [
        f"{index}. {view_title(act, lang)}",
        f"   {act['name'][lang]}",
        f"   {labels['law_verification']}: {labels['number']} — {status(ver['number'])};"
        f" {labels['date']} — {status(ver['date'])}",
        f"   {labels['in_force'].format(date=law.as_of)}: {_flag(act['in_force'], labels)}",
    ]
    if act.get("entry_into_force") is None and act.get("entry_into_force_status") == "unknown":
        if act.get("date"):
            lines.append("   " + labels["law_entry_unknown"].format(date=act["date"]))
    if note := law.successor_notes.get(act["id"]):
        lines.append("   ! " + note.removeprefix(";").strip())
    for other in act.get("partly_repealed_by") or []:
        lines.append("   " + labels["law_partly"].format(act=other["name"][lang]))
    for earlier in act.get("repointed_from") or []:
        lines.append("   " + repointed_note(earlier, lang, labels))
    if act.get("articles"):
        lines.append(f"   {labels['article']}: {', '.join(act['articles'])}")
    else:
        lines.append("   " + labels["law_article_unknown"])
    lines.append(f"   {labels['law_cited_for']}: {', '.join(act['cited_for'])}")
    return lines


def law_as_text(law: LawLookup) -> str:
    out = [law.heading, ""]
    if not law.acts:
        out.append(f"{law.labels['law_none']} {law.none_reason}".strip())
    for i, act in enumerate(law.acts, 1):
        out.extend(_act_lines(i, act, law))
    return "\n".join(out) + "\n"
