"""Plain-text answer to "which law applies", for inspectors at a terminal or in a printout.

Every word comes from rules/labels.ttl (keys law_*, in_force, date, article, yes/no/unknown).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from kb_service.law.lookup import view_title
from kb_service.render.labels import default_labels


def _flag(value: bool | None, labels: dict[str, str]) -> str:
    return {True: labels["yes"], False: labels["no"], None: labels["unknown"]}[value]


def _act_lines(
    index: int, act: dict[str, Any], lang: str, as_of: str, status: Callable[[str], str]
) -> list[str]:
    labels = default_labels(lang)
    ver = act["verification"]
    lines = [
        f"{index}. {view_title(act, lang)}",
        f"   {act['name'][lang]}",
        f"   {labels['law_verification']}: {labels['number']} — {status(ver['number'])};"
        f" {labels['date']} — {status(ver['date'])}",
        f"   {labels['in_force'].format(date=as_of)}: {_flag(act['in_force'], labels)}",
    ]
    since = act.get("no_longer_in_force_from")
    tail = " " + labels["law_since"].format(date=since) if since else ""
    for key, word in (("replaced_by", "law_replaced"), ("repealed_by", "law_repealed")):
        if act.get(key):
            lines.append("   " + labels[word].format(act=act[key]["name"][lang], since=tail))
    for other in act.get("partly_repealed_by") or []:
        lines.append("   " + labels["law_partly"].format(act=other["name"][lang]))
    if act.get("articles"):
        lines.append(f"   {labels['article']}: {', '.join(act['articles'])}")
    lines.append(f"   {labels['law_cited_for']}: {', '.join(act['cited_for'])}")
    return lines


def law_as_text(
    acts: list[dict[str, Any]],
    lang: str,
    as_of: str,
    heading: str,
    status: Callable[[str], str],
    reason: str = "",
) -> str:
    out = [heading, ""]
    if not acts:
        out.append(f"{default_labels(lang)['law_none']} {reason}".strip())
    for i, act in enumerate(acts, 1):
        out.extend(_act_lines(i, act, lang, as_of, status))
    return "\n".join(out) + "\n"


def law_heading(
    lang: str,
    section: int | None,
    requirement: str | None,
    document: int | None,
    body_type: str,
    as_of: Any,
) -> str:
    labels = default_labels(lang)
    scope = (("section", section), ("requirement", requirement), ("document", document))
    parts = [labels[f"law_{key}"].format(n=value) for key, value in scope if value is not None]
    parts += [body_type] if body_type else []
    return " · ".join([*parts, labels["law_as_of"].format(d=as_of.isoformat())])
