"""The checklist for one body type on a date: the memo in the body's regime, each requirement with
the documents to request, and each section's legal basis as the acts that apply to that body type,
with whether they are in force on the date (and their successors when not).
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from kb_service.kb.check_catalog import CheckCatalog
from kb_service.law.act_status import successor_phrase
from kb_service.law.lookup import applicable_law, check_body_type, repointed_note, view_title
from kb_service.law.memo import build_memo
from kb_service.models.memo import Memo, MemoItem


def _fill(cc: CheckCatalog, key: str, lang: str, **values: str) -> str:
    return cc.message(key, lang).format(**values)


def legal_basis_on(
    cc: CheckCatalog, section: int, body_type: str, as_of: dt.date, lang: str
) -> str:
    lines = []
    labels = cc.catalog.label_table(lang)
    for act in applicable_law(cc.catalog, as_of, section=section, body_type=body_type):
        title = view_title(act, lang)
        name = title if title == act["name"][lang] else f"{title} ({act['name'][lang]})"
        name += "".join(
            f", {repointed_note(earlier, lang, labels)}" for earlier in act["repointed_from"]
        )
        date = as_of.isoformat()
        if act["in_force"] is True:
            lines.append(_fill(cc, "act-in-force", lang, act=name, date=date))
        elif act["in_force"] is None:
            lines.append(_fill(cc, "act-unknown", lang, act=name, date=date))
        else:
            words = lambda key, **values: _fill(cc, key, lang, **values)  # noqa: E731
            successor = successor_phrase(act, lang, words)
            lines.append(
                _fill(cc, "act-not-in-force", lang, act=name, date=date, successor=successor)
            )
    return "; ".join(lines)


def _documents(cc: CheckCatalog, requirement_id: str) -> str:
    numbers = [
        n for n, d in sorted(cc.catalog.documents.items()) if requirement_id in d.requirements
    ]
    return f" (№ {', № '.join(str(n) for n in numbers)})" if numbers else ""


def build_checklist(cc: CheckCatalog, body_type: str, as_of: dt.date, lang: str = "ky") -> Memo:
    check_body_type(cc.catalog, body_type)
    bt = cc.catalog.body_types[body_type]
    memo = build_memo(cc.catalog, bt.regime, lang)
    units = set(bt.unit_kinds)
    sections = []
    for section in memo.sections:
        items = tuple(
            MemoItem(
                item.text + _documents(cc, item.requirement_id), item.level, item.requirement_id
            )
            for item in section.items
            if not cc.catalog.requirements[item.requirement_id].unit_kinds
            or units & set(cc.catalog.requirements[item.requirement_id].unit_kinds)
        )
        basis = legal_basis_on(cc, section.number, body_type, as_of, lang) or section.legal_basis
        sections.append(dataclasses.replace(section, items=items, legal_basis=basis))
    title = _fill(
        cc, "checklist-title", lang, title=memo.title, body_type=cc.catalog.label(bt.iri, lang),
        date=as_of.isoformat(),
    )  # fmt: skip
    return dataclasses.replace(memo, title=title, sections=tuple(sections))
