"""Evaluations and rendered reports of the examples, computed once per test session."""

from __future__ import annotations

import datetime as dt
from functools import cache
from pathlib import Path

from languages import facts_data, facts_strings

from kb_service.evaluation.assess import assess, assess_file
from kb_service.evaluation.explain import kb_labels
from kb_service.facts import facts_from_dict
from kb_service.kb.registry import current_kb
from kb_service.models.findings import Evaluation
from kb_service.render import render_report

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*.json")) + [ROOT / "examples" / "ministry.xlsx"]
MUNICIPAL = ROOT / "examples" / "local-self-government.json"
AS_OF = dt.date(2025, 6, 30)


@cache
def evaluation(example: Path, lang: str) -> Evaluation:
    return assess_file(example, AS_OF, lang, kb=current_kb())


@cache
def as_municipal(example: Path, lang: str) -> Evaluation:
    """The example read as a local self-government body (every unit its central apparatus):
    every record of every example goes through the municipal wording."""
    data = facts_data(example)
    data["body_type"] = "local-self-government"
    for unit in data["units"]:
        unit["kind"] = "central-apparatus"
    return assess(
        facts_from_dict(data, example.name, AS_OF, kb=current_kb()), AS_OF, lang, kb=current_kb()
    )


@cache
def names(example: Path) -> tuple[str, ...]:
    return tuple(facts_strings(facts_data(example)))


@cache
def report(example: Path, lang: str, fmt: str) -> bytes:
    cc = current_kb().checks
    return render_report(evaluation(example, lang), fmt, kb_labels(cc, lang))


def act_texts(ev: Evaluation) -> set[str]:
    """How the report quotes the acts a finding cites: protected names, never municipalised."""
    from kb_service.render.labels import merged_labels
    from kb_service.render.report import citation_line

    labels = merged_labels(ev.labels, kb_labels(current_kb().checks, ev.lang))
    cites = [c for f in ev.findings for c in f.citations]
    return (
        {c.title for c in cites}
        | {c.note for c in cites}
        | {citation_line(c, labels) for c in cites}
    )
