"""Wording the parts of a monitoring period judged under different values of a rule parameter:
each part with its dates, the value then in force and the acts that value rests on. Words come
from rules/messages.ttl (parameter-parts, parameter-part, parameter-part-cutoff,
parameter-part-periods, parameter-part-none).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kb_service.kb.catalog import CitationRef
from kb_service.kb.check_catalog import CheckCatalog, ParameterVersion
from kb_service.law.lookup import act_name
from kb_service.law.parameter_parts import ParameterPart
from kb_service.models.findings import ParameterPartView

if TYPE_CHECKING:
    from kb_service.evaluation.evaluate import Outcome
    from kb_service.evaluation.explain import Explainer


def value_text(ex: Explainer, version: ParameterVersion) -> str:
    """ "3 years", "5 working days" in the report language."""
    unit = ex.cat.text(ex.cat.code_iri("TimeUnit", version.unit), "countLabel", ex.lang)
    return f"{version.amount} {unit or version.unit}"


def _basis(ex: Explainer, version: ParameterVersion) -> tuple[tuple[str, ...], str]:
    acts = tuple(dict.fromkeys(act for _citation, act in version.bases))
    names = [act_name(ex.cat, ex.cat.acts[a], ex.lang) for a in acts if a in ex.cat.acts]
    return acts, "; ".join(names)


def _view(ex: Explainer, part: ParameterPart) -> ParameterPartView:
    seg, param = part.segment, ex.cc.parameters[part.parameter]
    label = ex.kb_label(param.iri)
    dates = {"from": seg.start, "to": seg.end}
    if seg.version is None:
        text = ex.msg("parameter-part-none", **dates)
        return ParameterPartView(
            param.id, label, seg.start.isoformat(), seg.end.isoformat(),
            None, None, None, None, (), "", text=text,
        )  # fmt: skip
    acts, basis = _basis(ex, seg.version)
    value = value_text(ex, seg.version)
    words = {**dates, "value": value, "basis": basis}
    if part.cutoff is not None:
        words |= {"reference": part.reference, "cutoff": part.cutoff}
        text = ex.msg("parameter-part-cutoff", **words)
    elif part.rows:
        text = ex.msg("parameter-part-periods", periods=", ".join(part.rows), **words)
    else:
        text = ex.msg("parameter-part", **words)
    return ParameterPartView(
        parameter=param.id,
        label=label,
        date_from=seg.start.isoformat(),
        date_to=seg.end.isoformat(),
        value=value,
        amount=seg.version.amount,
        unit=seg.version.unit,
        verification=seg.version.status,
        citations=acts,
        basis=basis,
        reference_date=part.reference.isoformat() if part.reference else None,
        cutoff=part.cutoff.isoformat() if part.cutoff else None,
        periods=part.rows,
        text=text,
    )


def refs_of_citation(cc: CheckCatalog, citation_iri: str) -> tuple[CitationRef, ...]:
    """What a parameter value's citation cites: as a requirement cites it, else (only the value
    rests on it) the act it names."""
    ref = cc.catalog.citation_refs.get(citation_iri)
    if ref is not None:
        return (ref,)
    for param in cc.parameters.values():
        for version in param.versions:
            for citation, act in version.bases:
                if citation == citation_iri and act in cc.catalog.acts:
                    return (CitationRef(citation, act, None, None),)
    return ()


def period_parts(
    ex: Explainer, outcome: Outcome
) -> tuple[tuple[ParameterPartView, ...], list[str]]:
    """The parts of the period the outcome was judged in, one view each (none when one value
    held throughout), and one sentence per parameter that changed, naming each part."""
    views = tuple(_view(ex, p) for p in outcome.parts)
    notes = []
    for pid in dict.fromkeys(v.parameter for v in views):
        mine = [v for v in views if v.parameter == pid]
        parts = "; ".join(v.text for v in mine)
        label = mine[0].label[:1].upper() + mine[0].label[1:]  # it opens the sentence
        notes.append(ex.msg("parameter-parts", parameter=label, parts=parts))
    return views, notes
