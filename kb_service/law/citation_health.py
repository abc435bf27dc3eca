"""Which citations need legal staff's attention on a date: `kb citations --as-of D`.

A citation is in trouble on D when the act it names is then replaced, repealed, partly repealed,
amended, not yet in force or of unknown standing (law.validity, the act links of rules/acts.ttl),
or when it rests on a fact that is unknown, inferred, or stated only by the memo and not checked
against a source: the act's number, date and end date (their kyz:FactNote), which act the memo
means (the citation's own kyz:verification) and the body type it is restricted to. That the memo
cites an act, or restricts it to a body type, is the memo's own statement and needs no other
source; the act's number and date do.

Freshness, lapsed bases and re-pointed citations come from kb_service.law.freshness: a fact
last verified longer ago than rules/health.ttl allows is stale; a citation through which a rule
or value lost its only basis is "basis-lapsed"; an ended citation that a later one continues says
with which act and from when.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from kb_service.core.languages import LANGS
from kb_service.core.problems import UsageError
from kb_service.kb.catalog import Act, Catalog, CitationRef
from kb_service.kb.citation_catalog import Citation
from kb_service.kb.knowledge_base import KnowledgeBase
from kb_service.law.freshness import (
    Freshness,
    citation_notes,
    freshness,
    lapsed_bases,
    repointed_to,
    stale_facts,
    undated_count,
)
from kb_service.law.impact import citation_key
from kb_service.law.law_words import law_words
from kb_service.law.lookup import act_head, shown_successor
from kb_service.law.validity import validity_on
from kb_service.models.citation_health import (
    FACTS,
    PROBLEM_KINDS,
    CitationHealth,
    CitationProblem,
    ProblemGroup,
)
from kb_service.models.impact import ActHead

_FACT_KIND = {"unknown": "fact-unknown", "inferred": "fact-inferred"}
_ACT_FACT_KIND = {**_FACT_KIND, "stated-by-memo": "fact-unverified"}
_ACT_FACTS = {"number": "id_local", "date": "date_document", "end-date": "date_no_longer_in_force"}


@dataclass(frozen=True)
class _Trouble:
    """What is wrong, before it is tied to a citation."""

    kind: str
    facts: tuple[str, ...] = ()
    since: str | None = None
    since_status: str | None = None
    successors: tuple[ActHead, ...] = ()
    # basis-lapsed: only the requirements and parameters that lost their basis (None: all)
    requirements: tuple[str, ...] | None = None
    parameters: tuple[str, ...] | None = None


def _problem(citation: Citation, act: ActHead, trouble: _Trouble) -> CitationProblem:
    return CitationProblem(
        kind=trouble.kind,
        citation=citation.id,
        section=citation.section,
        requirements=citation.requirements
        if trouble.requirements is None
        else trouble.requirements,
        parameters=citation.parameters if trouble.parameters is None else trouble.parameters,
        body_types=citation.body_types,
        act=act,
        facts=trouble.facts,
        since=trouble.since,
        since_status=trouble.since_status,
        successors=trouble.successors,
    )


def _shown(catalog: Catalog, ids: Iterable[str | None], as_of: dt.date) -> tuple[ActHead, ...]:
    found = (shown_successor(catalog, i, as_of) for i in ids)
    return tuple(act_head(catalog, catalog.acts[i]) for i in found if i)


def _ended(catalog: Catalog, act: Act, as_of: dt.date) -> _Trouble:
    kind = "replaced" if act.replaced_by else "repealed" if act.repealed_by else "ended"
    return _Trouble(
        kind=kind,
        since=act.until.isoformat() if act.until else None,
        since_status=act.verification("date_no_longer_in_force"),
        successors=_shown(catalog, [act.replaced_by or act.repealed_by], as_of),
    )


def _not_yet(act: Act) -> _Trouble:
    start = act.entry_into_force or act.date
    fact = "first_date_entry_in_force" if act.entry_into_force else "date_document"
    since = start.isoformat() if start else None
    return _Trouble("not-yet-in-force", since=since, since_status=act.verification(fact))


def _standing(catalog: Catalog, act: Act, as_of: dt.date) -> Iterator[_Trouble]:
    """The act's standing on the date: what is wrong with it, if anything."""
    validity = validity_on(act, as_of)
    if validity.reason == "not-yet":
        yield _not_yet(act)
    elif validity.reason == "ended":
        yield _ended(catalog, act, as_of)
    elif validity.in_force is None:
        yield _Trouble("in-force-unknown")
    for kind, ids in (("partly-repealed", act.partly_repealed_by), ("amended", act.changed_by)):
        if shown := _shown(catalog, ids, as_of):
            yield _Trouble(kind, successors=shown)


def _fact_statuses(citation: Citation, act: Act) -> dict[str, tuple[str, dict[str, str]]]:
    """fact -> (its verification status, the status -> kind table it is judged by)."""
    statuses = {
        fact: (act.verification(prop), _ACT_FACT_KIND)
        for fact, prop in _ACT_FACTS.items()
        if fact != "end-date" or act.until is not None
    }
    statuses["citation"] = (citation.status, _FACT_KIND)
    if citation.body_types:
        note = citation.facts.get("forBodyType")
        statuses["body-type"] = (note.status if note else citation.status, _FACT_KIND)
    return statuses


def _facts(citation: Citation, act: Act) -> Iterator[_Trouble]:
    by_kind: dict[str, list[str]] = {}
    for fact, (status, table) in _fact_statuses(citation, act).items():
        if status in table:
            by_kind.setdefault(table[status], []).append(fact)
    for kind, facts in by_kind.items():
        yield _Trouble(kind, facts=tuple(f for f in FACTS if f in facts))


@dataclass(frozen=True)
class _Context:
    """What the whole KB says on the date, which single citations are judged against."""

    fresh: Freshness
    lapsed: dict[str, tuple[set[str], set[str]]]
    repointed: dict[str, CitationRef]


def _lapsed(citation: Citation, act: Act, ctx: _Context) -> Iterator[_Trouble]:
    if citation.iri in ctx.lapsed:
        reqs, params = ctx.lapsed[citation.iri]
        since = act.until.isoformat() if act.until else None
        status = act.verification("date_no_longer_in_force")
        yield _Trouble("basis-lapsed", since=since, since_status=status,
                       requirements=tuple(r for r in citation.requirements if r in reqs),
                       parameters=tuple(sorted(params)))  # fmt: skip


def _stale(citation: Citation, act: Act, ctx: _Context) -> Iterator[_Trouble]:
    facts, oldest = stale_facts(citation_notes(citation, act), ctx.fresh)
    if facts:
        yield _Trouble("fact-stale", facts=tuple(f for f in FACTS if f in facts),
                       since=oldest.isoformat() if oldest else None)  # fmt: skip


def _with_repointing(
    catalog: Catalog, problem: CitationProblem, ref: CitationRef | None, as_of: dt.date
) -> CitationProblem:
    ending = problem.kind in ("replaced", "repealed", "ended", "basis-lapsed")
    if ref is None or not ending or (ref.valid_from is not None and ref.valid_from > as_of):
        return problem
    return dataclasses.replace(
        problem,
        repointed_to=act_head(catalog, catalog.acts[ref.act]),
        repointed_since=ref.valid_from.isoformat() if ref.valid_from else None,
        repointed_status=ref.valid_from_status,
    )


def _problems_of(
    catalog: Catalog, citation: Citation, as_of: dt.date, ctx: _Context
) -> list[CitationProblem]:
    act = catalog.acts[citation.act]
    head = act_head(catalog, act)
    found = [
        *_lapsed(citation, act, ctx),
        *_standing(catalog, act, as_of),
        *_facts(citation, act),
        *_stale(citation, act, ctx),
    ]
    ref = ctx.repointed.get(citation.iri)
    return [_with_repointing(catalog, _problem(citation, head, t), ref, as_of) for t in found]


def citation_health(as_of: dt.date, lang: str, *, kb: KnowledgeBase) -> CitationHealth:
    """Every citation in trouble on `as_of`, grouped by kind of trouble, in the memo's order."""
    if lang not in LANGS:
        raise UsageError(f"unknown language {lang!r}: expected one of {', '.join(LANGS)}")
    citations = sorted(
        (c for c in kb.citations.values() if c.requirements or c.parameters), key=citation_key
    )
    ctx = _Context(freshness(kb, as_of), lapsed_bases(kb, as_of), repointed_to(kb))
    problems = [p for c in citations for p in _problems_of(kb.catalog, c, as_of, ctx)]
    cited_acts = list({c.act: kb.catalog.acts[c.act] for c in citations}.values())
    notes = [n for a in cited_acts for n in a.facts.values()]
    groups = tuple(
        ProblemGroup(kind, tuple(p for p in problems if p.kind == kind))
        for kind in PROBLEM_KINDS
        if any(p.kind == kind for p in problems)
    )
    return CitationHealth(
        as_of=as_of.isoformat(),
        lang=lang,
        citations_checked=len(citations),
        groups=groups,
        last_verified_recorded=any(n.last_verified for n in notes),
        stale_before=ctx.fresh.cutoff.isoformat(),
        stale_after_months=ctx.fresh.months,
        undated_facts=undated_count(cited_acts),
        kb_revision=kb.revision,
        labels=law_words(kb.catalog, lang),
    )
