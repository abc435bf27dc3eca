"""How fresh the facts behind the citations are, and which rules lost their legal basis on a
date: the parts of `kb citations` that look beyond one citation's own act.

- Stale: a fact whose source was last read (kyz:lastVerified) before the policy's cut-off
  (rules/health.ttl: so many months before the date asked).
- Undated: a verified or inferred fact that records no last-verified date at all.
- Lapsed: a requirement, or a value it uses, whose legal basis on the date is no longer in force
  with nothing recorded in its place (kb_service.law.basis).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kb_service.core.problems import KBError, Problem
from kb_service.kb.catalog import Act, CitationRef, FactNote
from kb_service.kb.citation_catalog import Citation
from kb_service.law.basis import lapse_on
from kb_service.law.deadlines import minus_months

if TYPE_CHECKING:
    from kb_service.kb.knowledge_base import KnowledgeBase

DATED_STATUSES = ("verified", "inferred")  # facts read in, or reasoned from, a source
POLICY = 'a kyz:HealthPolicy "stale-after" with kyz:amount and kyz:timeUnit'


@dataclass(frozen=True)
class Freshness:
    cutoff: dt.date  # facts last verified before this day are stale
    months: int  # the policy's age limit


def freshness(kb: KnowledgeBase, as_of: dt.date) -> Freshness:
    """The stale cut-off on `as_of`, from the KB's policy (rules/health.ttl; `kb validate` names
    a KB without one: queries/hygiene/missing-health-policy.rq)."""
    rows = kb.select(kb.query("kb", "health-policy").text)
    policy = next((r for r in rows if r["id"] == "stale-after"), None)
    if policy is None:
        where = str(kb.path("rules", "health.ttl"))
        raise KBError([Problem(where, "no stale-after policy", "stale-after", "", POLICY)])
    months = int(policy["amount"]) * (12 if policy["unit"] == "years" else 1)
    return Freshness(minus_months(as_of, months), months)


def act_notes(act: Act) -> dict[str, FactNote]:
    """The act's facts a citation rests on, by the names citation health uses (FACTS)."""
    props = {"number": "id_local", "date": "date_document", "end-date": "date_no_longer_in_force"}
    return {fact: act.facts[prop] for fact, prop in props.items() if prop in act.facts}


def citation_notes(citation: Citation, act: Act) -> dict[str, FactNote]:
    notes = act_notes(act)
    if "forBodyType" in citation.facts:
        notes["body-type"] = citation.facts["forBodyType"]
    return notes


def stale_facts(
    notes: dict[str, FactNote], fresh: Freshness
) -> tuple[tuple[str, ...], dt.date | None]:
    """The facts last verified before the cut-off, and the oldest of their dates."""
    old = {
        fact: note.last_verified
        for fact, note in notes.items()
        if note.last_verified is not None and note.last_verified < fresh.cutoff
    }
    return tuple(old), min(old.values(), default=None)


def undated_count(acts: list[Act]) -> int:
    """How many verified or inferred facts of these acts record no last-verified date."""
    return sum(
        1 for act in acts for n in act_notes(act).values()
        if n.status in DATED_STATUSES and n.last_verified is None
    )  # fmt: skip


def repointed_to(kb: KnowledgeBase) -> dict[str, CitationRef]:
    """Citation IRI -> the citation that continues it after a change of the law."""
    return {
        ref.repointed_from: ref
        for req in kb.catalog.requirements.values()
        for ref in req.citations
        if ref.repointed_from
    }


def lapsed_bases(kb: KnowledgeBase, as_of: dt.date) -> dict[str, tuple[set[str], set[str]]]:
    """Citation IRI -> (requirement ids, parameter ids) whose basis lapsed on `as_of` through it."""
    by_iri = kb.catalog.citation_refs
    bases: list[tuple[list[CitationRef], str | None, str | None]] = [
        (list(req.citations_for(body_type)), req.id, None)
        for req in kb.catalog.requirements.values()
        for body_type in kb.catalog.body_types
    ]
    for pid, param in kb.checks.parameters.items():
        version = param.version_on(as_of)
        if version is not None:
            bases.append(([by_iri[c] for c in version.citations if c in by_iri], None, pid))
    found: dict[str, tuple[set[str], set[str]]] = {}
    for refs, requirement, parameter in bases:
        lapse = lapse_on(kb.catalog, refs, as_of)
        if lapse is None:
            continue
        for ref in (r for r in refs if r.act in lapse.ended):
            reqs, params = found.setdefault(ref.iri, (set(), set()))
            reqs.update([requirement] if requirement else [])
            params.update([parameter] if parameter else [])
    return found
