"""The national summary of a batch: counts by status per section and per body type, the bodies
ranked by violations, the body x section heat map, and the files that could not be evaluated."""

from __future__ import annotations

from collections import Counter, defaultdict

from kb_service.evaluation.assess import Assessed
from kb_service.kb.knowledge_base import KnowledgeBase
from kb_service.models.findings import STATUSES, Evaluation
from kb_service.models.national import BodyLine, FailedInput, NationalSummary, worst


def _line(evaluation: Evaluation, source: str, report: str) -> BodyLine:
    counts = Counter(f.status for f in evaluation.findings)
    by_section: dict[int, list[str]] = defaultdict(list)
    for f in evaluation.findings:
        by_section[f.section].append(f.status)
    sections = {s: w for s, statuses in sorted(by_section.items()) if (w := worst(statuses))}
    return BodyLine(
        source=source,
        report=report,
        id=str(evaluation.body.get("id", "")),
        name=str(evaluation.body.get("name", "")),
        body_type=str(evaluation.body.get("body_type", "")),
        counts={s: counts.get(s, 0) for s in STATUSES},
        violations=counts.get("non_compliant", 0),
        sections=sections,
        section_violations={s: v.count("non_compliant") for s, v in sorted(by_section.items())},
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
    cat = kb.catalog
    lines: list[BodyLine] = []
    failed: list[FailedInput] = []
    titles: dict[int, str] = {}
    by_section: dict[int, Counter[str]] = defaultdict(Counter)
    by_type: dict[str, Counter[str]] = defaultdict(Counter)
    for r in results:
        if r.evaluation is None:
            failed.append(FailedInput(r.source, tuple(str(p) for p in r.problems)))
            continue
        ev = r.evaluation
        titles = titles or {int(k): v for k, v in ev.summary.get("section_titles", {}).items()}
        for f in ev.findings:
            by_section[f.section][f.status] += 1
            by_type[str(ev.body.get("body_type", ""))][f.status] += 1
        lines.append(_line(ev, r.source, reports.get(r.source, "")))
    lines.sort(key=lambda b: (-b.violations, b.id, b.source))
    sections = tuple(sorted(cat.sections))
    return NationalSummary(
        as_of=as_of,
        lang=lang,
        kb_revision=kb.revision,
        inputs=len(results),
        sections=sections,
        section_titles=titles,
        body_type_labels={i: cat.label(b.iri, lang) for i, b in sorted(cat.body_types.items())},
        by_section={s: {k: by_section[s].get(k, 0) for k in STATUSES} for s in sections},
        by_body_type={t: {k: c.get(k, 0) for k in STATUSES} for t, c in sorted(by_type.items())},
        bodies_by_type=dict(sorted(Counter(b.body_type for b in lines).items())),
        bodies=tuple(lines),
        failed=tuple(failed),
        labels=cat.label_table(lang),
    )
