"""The legal basis of a finding, resolved for the as-of date: a citation's view depends only on
the KB, the date, the language, the regime and why it is cited, so one built view serves every
finding of every body that cites it (the cache is the KB handle's: `citation_views`)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from kb_service.kb.catalog import CitationRef
from kb_service.kb.knowledge_base import KnowledgeBase
from kb_service.law.act_status import successor, successor_phrase
from kb_service.law.lookup import act_name, act_view, view_title
from kb_service.models.findings import CitationView

if TYPE_CHECKING:
    from kb_service.evaluation.explain import Explainer


def citation_views(
    kb: KnowledgeBase, lang: str, as_of: dt.date, regime: str
) -> dict[tuple[Any, ...], tuple[CitationView, str]]:
    """The views built so far, by (citation, basis), for one language, date and regime."""
    return {}


def citation_view(ex: Explainer, ref: CitationRef, basis: str) -> tuple[CitationView, str]:
    """One legal basis of a finding as the report shows it, and its dead-law warning (or "")."""
    act = ex.cat.acts[ref.act]
    view = act_view(ex.cat, act, ex.as_of, [ref])
    found = successor(view)
    successor_id = found[1]["id"] if found else None
    note = ""
    if view["in_force"] is False and act.date and ex.as_of >= act.date:
        note = ex.msg(
            "dead-law",
            act=act_name(ex.cat, act, ex.lang),
            date=ex.as_of,
            successor=successor_phrase(view, ex.lang, ex.msg),
        )
    title = view_title(view, ex.lang)
    verification = {
        "number": view["verification"]["number"],
        "date": view["verification"]["date"],
    }
    cited = CitationView(
        act.id,
        act.type_id,
        act.number,
        view["date"],
        title,
        ref.article,
        view["in_force"],
        note,
        successor_id,
        verification,
        basis,
    )
    return cited, note
