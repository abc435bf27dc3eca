"""The national summary of a batch: counts by status per section and per body type, the bodies
ranked by violations, the body x section heat map, and the files that could not be evaluated.

`summarise` takes each body's findings reduced to (section, status), so a batch just evaluated
(`national_summary`) and the latest assessments stored by the service sum the same way."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from kb_service.evaluation.assess import Assessed
from kb_service.evaluation.explain import summarise as summarise_findings
from kb_service.kb.knowledge_base import KnowledgeBase
from kb_service.models.findings import STATUSES
from kb_service.models.national import BodyLine, FailedInput, NationalSummary, worst


@dataclass(frozen=True)
class Judged:
    """One body of the summary: where it came from, where its report is, its findings."""

    source: str
    report: str
    body: Mapping[str, Any]  # id, name, body_type
    findings: Sequence[tuple[int, str]]  # (section, status) of each finding


def _line(j: Judged) -> BodyLine:
    counts = Counter(status for _, status in j.findings)
    by_section: dict[int, list[str]] = defaultdict(list)
    for section, status in j.findings:
        by_section[section].append(status)
    sections = {s: w for s, statuses in sorted(by_section.items()) if (w := worst(statuses))}
    return BodyLine(
        source=j.source,
        report=j.report,
        id=str(j.body.get("id", "")),
        name=str(j.body.get("name", "")),
        body_type=str(j.body.get("body_type", "")),
        counts={s: counts.get(s, 0) for s in STATUSES},
        violations=counts.get("non_compliant", 0),
        sections=sections,
        section_violations={s: v.count("non_compliant") for s, v in sorted(by_section.items())},
    )


def summarise(
    judged: Sequence[Judged],
    failed: Sequence[FailedInput],
    as_of: str,
    lang: str,
    *,
    kb: KnowledgeBase,
    section_titles: Mapping[int, str] | None = None,
) -> NationalSummary:
    """The summary of the bodies judged; `failed` are listed, not counted."""
    cat = kb.catalog
    by_section: dict[int, Counter[str]] = defaultdict(Counter)
    by_type: dict[str, Counter[str]] = defaultdict(Counter)
    lines = []
    for j in judged:
        for section, status in j.findings:
            by_section[section][status] += 1
            by_type[str(j.body.get("body_type", ""))][status] += 1
        lines.append(_line(j))
    lines.sort(key=lambda b: (-b.violations, b.id, b.source))
    sections = tuple(sorted(cat.sections))
    if section_titles is None:
        titles = summarise_findings([], kb.checks, lang)["section_titles"]
        section_titles = {int(k): v for k, v in titles.items()}
    return NationalSummary(
        as_of=as_of,
        lang=lang,
        kb_revision=kb.revision,
        inputs=len(judged) + len(failed),
        sections=sections,
        section_titles=dict(section_titles),
        body_type_labels={i: cat.label(b.iri, lang) for i, b in sorted(cat.body_types.items())},
        by_section={s: {k: by_section[s].get(k, 0) for k in STATUSES} for s in sections},
        by_body_type={t: {k: c.get(k, 0) for k in STATUSES} for t, c in sorted(by_type.items())},
        bodies_by_type=dict(sorted(Counter(b.body_type for b in lines).items())),
        bodies=tuple(lines),
        failed=tuple(failed),
        labels=cat.label_table(lang),
    )


def national_summary(
    results: list[Assessed],
    reports: dict[str, str],
    as_of: str,
    lang: str,
    *,
    kb: KnowledgeBase,
) -> NationalSummary:
    """`reports`: source -> the report file written for it (relative to the summary)."""
    judged: list[Judged] = []
    failed: list[FailedInput] = []
    titles: dict[int, str] = {}
    for r in results:
        if r.evaluation is None:
            failed.append(FailedInput(r.source, tuple(str(p) for p in r.problems)))
            continue
        ev = r.evaluation
        titles = titles or {int(k): v for k, v in ev.summary.get("section_titles", {}).items()}
        findings = [(f.section, f.status) for f in ev.findings]
        judged.append(Judged(r.source, reports.get(r.source, ""), ev.body, findings))
    # the order of the inputs is kept for `inputs`; failures are not counted in the sums
    return summarise(judged, failed, as_of, lang, kb=kb, section_titles=titles or None)
