"""Plain-text impact report (`kb impact`): what a change to one act touches.

Every word comes from the KB, carried by the Impact model's labels (rules/labels.ttl impact_*,
relation_*, law_*; the ontology's words for verification statuses, regimes and time units).
"""

from __future__ import annotations

from collections.abc import Mapping

from kb_service.models.impact import (
    ActRelation,
    Impact,
    ImpactCheck,
    ImpactCitation,
    ImpactParameter,
)
from kb_service.render.legal_words import (
    act_label,
    flag,
    joined,
    only_for,
    relation,
    since,
    status_mark,
)

INDENT = "   "


def _head(impact: Impact) -> list[str]:
    words, lang = impact.labels, impact.lang
    title = words["impact_title"].format(act=act_label(impact.act, lang))
    lines = [f"{title} · {words['law_as_of'].format(d=impact.as_of)}"]
    if impact.provision is not None:
        lines.append(words["impact_provision"].format(article=impact.provision))
    in_force = words["in_force"].format(date=impact.as_of)
    lines.append(f"{in_force}: {flag(impact.in_force, words)}")
    if not impact.articles_recorded:
        note = words["impact_no_articles"]
        if impact.provision is not None:
            note += " " + words["impact_provision_open"].format(article=impact.provision)
        lines.append(note)
    return lines


def _citation(c: ImpactCitation, words: Mapping[str, str]) -> list[str]:
    head = [words["law_section"].format(n=c.section)] if c.section is not None else []
    head.append(c.id + status_mark(c.verification, words))
    if c.articles:
        head.append(f"{words['article']}: {joined(c.articles)}")
    elif c.article_match is not None:
        head.append(words["impact_article_not_recorded"])
    if c.body_types:
        head.append(only_for(c.body_types, words))
    lines = [" · ".join(head), f"{INDENT}{words['law_cited_for']}: {joined(c.requirements)}"]
    if c.parameters:
        lines.append(f"{INDENT}{words['health_parameters']}: {joined(c.parameters)}")
    return lines


def _parameter(p: ImpactParameter, as_of: str, words: Mapping[str, str]) -> list[str]:
    unit = words.get(f"time_unit_{p.unit}", p.unit)
    value = f"{p.id} — {p.label}: {p.amount} {unit}{status_mark(p.verification, words)}"
    until = words["law_until"].format(date=p.valid_until) if p.valid_until else ""
    bounds = " ".join(x for x in (since(p.valid_from, None, words), until) if x)
    in_force = f"{words['in_force'].format(date=as_of)}: {flag(p.in_force, words)}"
    cited = f"{words['health_citation']}: {joined(p.citations)}"
    return [value + (f" {bounds}" if bounds else ""), f"{INDENT}{in_force}; {cited}"]


def _check(c: ImpactCheck, words: Mapping[str, str]) -> list[str]:
    why = [words["impact_via_requirement"].format(n=c.requirement)] if c.cites_act else []
    why += [words["impact_via_parameter"].format(p=p) for p in c.parameters]
    return [f"{c.id} ({c.requirement}): {'; '.join(why)}"]


def _relation(r: ActRelation, impact: Impact) -> list[str]:
    words = impact.labels
    text = relation(r.relation, r.act, impact.lang, words)
    if r.effective:
        text += " " + since(r.effective, r.effective_status, words)
    if not r.on_date:
        text += " " + words["relation_not_yet"].format(date=impact.as_of)
    return [text]


def _block(title: str, items: list[list[str]], words: Mapping[str, str]) -> list[str]:
    lines = ["", title]
    if not items:
        return [*lines, INDENT + words["none_recorded"]]
    for item in items:
        lines += [INDENT + item[0], *(INDENT + line for line in item[1:])]
    return lines


def impact_as_text(impact: Impact) -> str:
    words = impact.labels
    memo = [
        [f"{words['law_section'].format(n=s.number)}: {s.title}", INDENT + s.legal_basis]
        for s in impact.sections
    ]
    bodies = [
        [f"{b.label} ({words['regime_' + b.regime]}): {joined(b.requirements)}"]
        for b in impact.body_types
    ]
    regimes = [[words["regime_" + r]] for r in impact.regimes]
    out = _head(impact)
    out += _block(words["impact_citations"], [_citation(c, words) for c in impact.citations], words)
    params = [_parameter(p, impact.as_of, words) for p in impact.parameters]
    out += _block(words["impact_parameters"], params, words)
    out += _block(words["impact_checks"], [_check(c, words) for c in impact.checks], words)
    out += _block(words["impact_memo"], memo, words)
    out += _block(words["impact_body_types"], bodies, words)
    out += _block(words["impact_regimes"], regimes, words)
    relations = [_relation(r, impact) for r in impact.relations]
    out += _block(words["impact_relations"], relations, words)
    return "\n".join(out) + "\n"
