"""The use cases behind `kb validate | memo | checklist | law | impact | citations | evaluate |
template`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from pathlib import Path

from kb_service.core.problems import Problem
from kb_service.evaluation.assess import assess_file, assess_many
from kb_service.facts.template import write_template
from kb_service.kb.knowledge_base import KnowledgeBase
from kb_service.kb.validation import validate_kb
from kb_service.law.checklist import build_checklist
from kb_service.law.citation_health import citation_health
from kb_service.law.impact import impact_of
from kb_service.law.lookup import look_up_law
from kb_service.law.memo import build_memo
from kb_service.models.citation_health import CitationHealth
from kb_service.models.findings import Evaluation
from kb_service.models.impact import Impact
from kb_service.models.memo import Memo
from kb_service.render.citations import render_citations
from kb_service.render.report import render_report


def validate(root: Path | None = None, extra: Iterable[Path] = ()) -> list[Problem]:
    """Every problem of the KB under `root` (the project's own by default); [] when sound."""
    return validate_kb(root=root, extra=extra)


def memo(regime: str, lang: str, *, kb: KnowledgeBase) -> Memo:
    """The checklist memo for a regime ("state" | "municipal") in a language."""
    return build_memo(kb.catalog, regime, lang)


def checklist(body_type: str, as_of: dt.date, lang: str, *, kb: KnowledgeBase) -> Memo:
    """One body type's memo on a date: its requirements, documents and the law in force."""
    return build_checklist(kb.checks, body_type, as_of, lang)


# which law applies to a section, requirement or document (or all), on a date
law_lookup = look_up_law


def impact(
    act_id: str, as_of: dt.date, lang: str, *, kb: KnowledgeBase, provision: str | None = None
) -> Impact:
    """What a change to an act (or to one article of it) touches: the requirements, sections,
    parameters, checks, memo paragraphs, body types and regimes resting on it, and the acts
    linked to it by replacement, repeal or amendment. An unknown id is a UsageError naming the
    closest ids."""
    return impact_of(act_id, as_of, lang, kb=kb, provision=provision)


def citations(as_of: dt.date, lang: str, *, kb: KnowledgeBase) -> CitationHealth:
    """Every citation that on `as_of` names an act no longer (or not yet, or not surely) in force,
    or rests on an unknown, inferred or unverified fact, grouped by kind."""
    return citation_health(as_of, lang, kb=kb)


def citations_bytes(health: CitationHealth, fmt: str) -> bytes:
    """The citation-health report: "text", "html" or "json"."""
    return render_citations(health, fmt)


def evaluate_file(path: Path, as_of: dt.date, lang: str, *, kb: KnowledgeBase) -> Evaluation:
    """Validate one facts file (FactsError listing every problem), then evaluate and explain."""
    return assess_file(path, as_of, lang, kb=kb)


def evaluate_files(
    paths: Sequence[Path], as_of: dt.date, lang: str, *, kb: KnowledgeBase, jobs: int = 1
) -> list[Evaluation]:
    return assess_many(paths, as_of, lang, kb=kb, jobs=jobs)


def report_bytes(evaluation: Evaluation, fmt: str) -> bytes:
    """A findings report: "json", "html", "pdf" or "ttl"."""
    return render_report(evaluation, fmt)


def template(
    body_type: str, fmt: str, out: Path, *, kb: KnowledgeBase, force: bool = False
) -> None:
    """Write a blank facts file (JSON or Excel) for a body type; never over a file unless
    `force`."""
    write_template(body_type, fmt, out, kb=kb, force=force)
