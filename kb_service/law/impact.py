"""What a change to one act touches: `kb impact ACT-ID`.

Everything follows the KB's links, nothing is matched by text: the citations naming the act
(kyz:citesAct), the requirements resting on them (kyz:hasLegalBasis), the parameter versions
resting on them (kyz:hasLegalBasis of a kyz:ParameterVersion), the checks of those requirements
and the checks using those parameters (kyz:forRequirement, kyz:usesParameter), the memo sections
whose legal-basis paragraph the citations come from (kyz:section), the body types the citing
requirements apply to, and the acts linked to it by replacement, repeal or amendment.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Iterable

from kb_service.core.languages import LANGS
from kb_service.core.problems import UsageError
from kb_service.kb.catalog import Act, Catalog
from kb_service.kb.check_catalog import CheckCatalog
from kb_service.kb.citation_catalog import Citation
from kb_service.kb.knowledge_base import KnowledgeBase
from kb_service.law.act_links import act_relations
from kb_service.law.law_words import law_words
from kb_service.law.lookup import act_head
from kb_service.law.validity import validity_on
from kb_service.models.impact import (
    AffectedBodyType,
    Impact,
    ImpactCheck,
    ImpactCitation,
    ImpactParameter,
    ImpactSection,
)


def find_act(catalog: Catalog, act_id: str) -> Act:
    """The act with this id (as `kb law --format json` prints it), or a UsageError naming the
    ids closest to it."""
    if act_id in catalog.acts:
        return catalog.acts[act_id]
    ids = sorted(catalog.acts)
    close = difflib.get_close_matches(act_id, ids, n=3, cutoff=0.6)
    close += [i for i in ids if act_id and act_id.lower() in i and i not in close]
    hint = f"did you mean {', '.join(close[:5])}?" if close else f"expected one of {', '.join(ids)}"
    raise UsageError(f"unknown act {act_id!r}: {hint} (`kb law --format json` prints the ids)")


def citation_key(citation: Citation) -> tuple[int, int, str]:
    """The memo's order: section, then the citation's place in the section's paragraph."""
    return (citation.section or 0, citation.order, citation.id)


def _narrowed(citations: Iterable[Citation], provision: str | None) -> list[Citation]:
    """With a provision, the citations of that article and those that record no article (any of
    them may rest on it); a citation recording another article is left out."""
    kept = [c for c in citations if provision is None or not c.articles or provision in c.articles]
    return sorted(kept, key=citation_key)


def _match(citation: Citation, provision: str | None) -> str | None:
    if provision is None:
        return None
    return "recorded" if provision in citation.articles else "not-recorded"


def _citation(citation: Citation, provision: str | None) -> ImpactCitation:
    return ImpactCitation(
        id=citation.id,
        section=citation.section,
        articles=citation.articles,
        article_match=_match(citation, provision),
        body_types=citation.body_types,
        verification=citation.status,
        requirements=citation.requirements,
        parameters=citation.parameters,
    )


def _sections(catalog: Catalog, citations: list[Citation], lang: str) -> list[ImpactSection]:
    numbers = sorted({c.section for c in citations if c.section is not None})
    basis = "legalBasisText" if lang == "ky" else "legalBasisTranslation"
    out = []
    for number in numbers:
        iri = catalog.sections[number].iri
        reqs = [r for c in citations if c.section == number for r in c.requirements]
        out.append(
            ImpactSection(
                number=number,
                title=catalog.label(iri, lang),
                legal_basis=catalog.text(iri, basis, lang) or "",
                requirements=tuple(dict.fromkeys(reqs)),
            )
        )
    return out


def _parameters(
    cc: CheckCatalog, citations: list[Citation], as_of: dt.date, lang: str
) -> list[ImpactParameter]:
    cited = {c.iri: c.id for c in citations}
    out = []
    for pid, parameter in sorted(cc.parameters.items()):
        for version in parameter.versions:
            hits = tuple(cited[i] for i in version.citations if i in cited)
            if not hits:
                continue
            out.append(
                ImpactParameter(
                    id=pid,
                    label=cc.catalog.label(parameter.iri, lang),
                    amount=version.amount,
                    unit=version.unit,
                    valid_from=version.valid_from.isoformat() if version.valid_from else None,
                    valid_until=version.valid_until.isoformat() if version.valid_until else None,
                    in_force=version.in_force(as_of),
                    verification=version.status,
                    citations=hits,
                )
            )
    return out


def _checks(cc: CheckCatalog, requirements: set[str], parameters: set[str]) -> list[ImpactCheck]:
    out = []
    for check_id, check in sorted(cc.checks.items()):
        used = tuple(p for p in check.parameters if p in parameters)
        if check.requirement in requirements or used:
            cites = check.requirement in requirements
            out.append(ImpactCheck(check_id, check.requirement, check.kind, cites, used))
    return out


def _body_types(catalog: Catalog, citations: list[Citation], lang: str) -> list[AffectedBodyType]:
    out = []
    for bt_id, bt in sorted(catalog.body_types.items()):
        reqs = []
        for c in citations:
            if c.body_types and bt_id not in c.body_types:
                continue
            for req_id in c.requirements:
                kinds = catalog.requirements[req_id].unit_kinds
                if not kinds or set(kinds) & set(bt.unit_kinds):
                    reqs.append(req_id)
        if reqs:
            label = catalog.label(bt.iri, lang) or bt_id
            out.append(AffectedBodyType(bt_id, label, bt.regime, tuple(dict.fromkeys(reqs))))
    return out


def impact_of(
    act_id: str, as_of: dt.date, lang: str, *, kb: KnowledgeBase, provision: str | None = None
) -> Impact:
    """Everything in the KB that rests on the act (on `provision` of it, if given)."""
    if lang not in LANGS:
        raise UsageError(f"unknown language {lang!r}: expected one of {', '.join(LANGS)}")
    catalog, cc = kb.catalog, kb.checks
    act = find_act(catalog, act_id)
    provision = provision.strip() if provision is not None else None
    if provision == "":
        raise UsageError("--provision needs an article, e.g. --provision 12")
    own = [c for c in kb.citations.values() if c.act == act.id]
    cites = _narrowed(own, provision)
    params = _parameters(cc, cites, as_of, lang)
    requirements = {r for c in cites for r in c.requirements}
    body_types = _body_types(catalog, cites, lang)
    return Impact(
        act=act_head(catalog, act),
        as_of=as_of.isoformat(),
        lang=lang,
        in_force=validity_on(act, as_of).in_force,
        provision=provision,
        articles_recorded=tuple(sorted({a for c in own for a in c.articles})),
        citations=tuple(_citation(c, provision) for c in cites),
        sections=tuple(_sections(catalog, cites, lang)),
        parameters=tuple(params),
        checks=tuple(_checks(cc, requirements, {p.id for p in params})),
        body_types=tuple(body_types),
        regimes=tuple(sorted({b.regime for b in body_types})),
        relations=tuple(act_relations(catalog, act, as_of)),
        kb_revision=kb.revision,
        labels=law_words(catalog, lang),
    )
