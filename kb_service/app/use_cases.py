"""The use cases behind `kb validate | memo | checklist | law | evaluate | template`."""

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
from kb_service.law.lookup import look_up_law
from kb_service.law.memo import build_memo
from kb_service.models.findings import Evaluation
from kb_service.models.memo import Memo
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
