"""What a finding says when the legal basis of its rule, or of a value it used, has lapsed on the
as-of date (kb_service.law.basis): the rule is still applied as recorded, and legal staff are told
that nobody has re-pointed it yet."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from kb_service.law.basis import Lapse, lapse_on
from kb_service.law.lookup import act_name

if TYPE_CHECKING:
    from kb_service.evaluation.evaluate import Outcome
    from kb_service.evaluation.explain import Explainer


def _names(ex: Explainer, ids: tuple[str, ...]) -> str:
    return ", ".join(act_name(ex.cat, ex.cat.acts[a], ex.lang) for a in ids)


def _sentence(ex: Explainer, lapse: Lapse, subject: str) -> str:
    date = lapse.since.isoformat() if lapse.since else "?"
    if lapse.since_status == "inferred":
        date = ex.cat.label_table(ex.lang)["date_inferred"].format(date=date)
    asof = ex.as_of.isoformat()
    unknown = (
        ex.msg("basis-unknown-part", acts=_names(ex, lapse.unknown), asof=asof)
        if lapse.unknown
        else ""
    )
    return ex.msg(
        "basis-lapsed", subject=subject, acts=_names(ex, lapse.ended), date=date, unknown=unknown,
        asof=asof,
    )  # fmt: skip


def _record(lapse: Lapse, subject: str) -> dict[str, Any]:
    return {
        "subject": subject,
        "ended": list(lapse.ended),
        "since": lapse.since.isoformat() if lapse.since else None,
        "since_status": lapse.since_status,
        "unknown": list(lapse.unknown),
    }


def lapse_notes(
    ex: Explainer, outcome: Outcome, body_type: str
) -> tuple[list[str], tuple[dict[str, Any], ...]]:
    """The sentences for the finding's text, and the same as data for its JSON."""
    notes, records = [], []
    rule = lapse_on(ex.cat, outcome.requirement.citations_for(body_type), ex.as_of)
    if rule is not None:
        notes.append(_sentence(ex, rule, ex.msg("lapse-subject-rule")))
        records.append(_record(rule, "rule"))
    for pid, version in outcome.parameters:
        refs = [r for c in version.citations for r in ex.citation_refs(c)]
        lapse = lapse_on(ex.cat, refs, ex.as_of)
        if lapse is None:
            continue
        param = ex.cc.parameters[pid]
        value = ex.parameter_value(version)
        subject = ex.msg("lapse-subject-parameter", parameter=ex.kb_label(param.iri), value=value)
        notes.append(_sentence(ex, lapse, subject))
        records.append(_record(lapse, f"parameter:{pid}"))
    return notes, tuple(records)
