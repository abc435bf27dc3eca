"""Plain-text answer to "which law applies", for inspectors at a terminal or in a printout."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from kb_service.law import view_title
from kb_service.render.labels import default_labels

_WORDS = {
    "ky": {
        "section": "{n}-бөлүм",
        "requirement": "{n}-талап",
        "document": "№ {n} документ",
        "as_of": "{d} күнүнө карата",
        "acts": "Колдонулуучу актылар",
        "none": "Укуктук негиз көрсөтүлгөн эмес.",
        "replaced": "алмаштырылды",
        "repealed": "күчүн жоготту",
        "partly": "жарым-жартылай күчүн жоготту",
        "verification": "текшерүү",
        "cited_for": "талаптар",
        "from": "баштап",
    },
    "ru": {
        "section": "раздел {n}",
        "requirement": "требование {n}",
        "document": "документ № {n}",
        "as_of": "на {d}",
        "acts": "Применимые акты",
        "none": "Правовое основание не указано.",
        "replaced": "заменён",
        "repealed": "отменён",
        "partly": "частично отменён",
        "verification": "проверка",
        "cited_for": "требования",
        "from": "с",
    },
    "en": {
        "section": "section {n}",
        "requirement": "requirement {n}",
        "document": "document No. {n}",
        "as_of": "as of {d}",
        "acts": "Applicable acts",
        "none": "No legal basis cited.",
        "replaced": "replaced by",
        "repealed": "repealed by",
        "partly": "partly repealed by",
        "verification": "verification",
        "cited_for": "requirements",
        "from": "from",
    },
}


def _flag(value: bool | None, labels: dict[str, str]) -> str:
    return {True: labels["yes"], False: labels["no"], None: labels["unknown"]}[value]


def _act_lines(
    index: int, act: dict[str, Any], lang: str, as_of: str, status: Callable[[str], str]
) -> list[str]:
    labels, words = default_labels(lang), _WORDS[lang]
    title = view_title(act, lang)
    ver = act["verification"]
    lines = [
        f"{index}. {title}",
        f"   {act['name'][lang]}",
        f"   {words['verification']}: № — {status(ver['number'])};"
        f" {labels['date']} — {status(ver['date'])}",
        f"   {labels['in_force']} ({as_of}): {_flag(act['in_force'], labels)}",
    ]
    for key in ("replaced_by", "repealed_by"):
        other = act.get(key)
        if other:
            word = words["replaced" if key == "replaced_by" else "repealed"]
            since = act.get("no_longer_in_force_from")
            tail = f" ({words['from']} {since})" if since else ""
            lines.append(f"   ! {word}: {other['name'][lang]}{tail}")
    for other in act.get("partly_repealed_by") or []:
        lines.append(f"   ! {words['partly']}: {other['name'][lang]}")
    if act.get("articles"):
        lines.append(f"   {labels['article']}: {', '.join(act['articles'])}")
    lines.append(f"   {words['cited_for']}: {', '.join(act['cited_for'])}")
    return lines


def law_as_text(
    acts: list[dict[str, Any]],
    lang: str,
    as_of: str,
    heading: str,
    status: Callable[[str], str],
    reason: str = "",
) -> str:
    words = _WORDS[lang]
    out = [heading, ""]
    if not acts:
        out.append(f"{words['none']} {reason}".strip())
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
    words = _WORDS[lang]
    scope = (("section", section), ("requirement", requirement), ("document", document))
    parts = [words[key].format(n=value) for key, value in scope if value is not None]
    parts += [body_type] if body_type else []
    return " · ".join([*parts, words["as_of"].format(d=as_of.isoformat())])
