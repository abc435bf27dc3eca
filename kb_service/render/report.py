"""The findings report an inspector prints and signs: HTML, PDF (same HTML) or Turtle."""

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from kb_service.findings_model import STATUSES, CitationView, Evaluation, Finding
from kb_service.render.common import STATUS_COLOURS, fmt_date, html_to_pdf, jinja_env
from kb_service.render.labels import merged_labels

REPORT_FORMATS = ("html", "pdf", "ttl")


@dataclass
class Segment:
    status: str
    count: int
    x: float  # in a 0..100 viewBox
    width: float
    colour: str


@dataclass
class SectionView:
    number: int
    title: str
    counts: dict[str, int]
    total: int
    segments: list[Segment]
    findings: list[Finding] = field(default_factory=list)


def _segments(counts: Mapping[str, int]) -> list[Segment]:
    total = sum(counts.values())
    out: list[Segment] = []
    x = 0.0
    for status in STATUSES:
        n = counts.get(status, 0)
        if not n or not total:
            continue
        width = 100.0 * n / total
        out.append(Segment(status, n, round(x, 3), round(width, 3), STATUS_COLOURS[status]))
        x += width
    return out


def _section_title(n: int, evaluation: Evaluation, labels: Mapping[str, str]) -> str:
    # Titles may come in the summary (from the lead's explainer) or as section_<n> labels.
    titles = evaluation.summary.get("section_titles") or {}
    return str(titles.get(n) or titles.get(str(n)) or labels.get(f"section_{n}", ""))


def build_sections(evaluation: Evaluation, labels: Mapping[str, str]) -> list[SectionView]:
    """Findings grouped by section (ascending), each with its counts and bar segments."""
    grouped: dict[int, list[Finding]] = {}
    for f in evaluation.findings:
        grouped.setdefault(f.section, []).append(f)
    out: list[SectionView] = []
    for n in sorted(grouped):
        counts = dict.fromkeys(STATUSES, 0)
        for f in grouped[n]:
            counts[f.status] = counts.get(f.status, 0) + 1
        out.append(
            SectionView(
                number=n,
                title=_section_title(n, evaluation, labels),
                counts=counts,
                total=len(grouped[n]),
                segments=_segments(counts),
                findings=grouped[n],
            )
        )
    return out


def _totals(sections: list[SectionView]) -> dict[str, int]:
    totals = dict.fromkeys(STATUSES, 0)
    for sec in sections:
        for s, n in sec.counts.items():
            totals[s] = totals.get(s, 0) + n
    return totals


def _lookup(labels: Mapping[str, str], prefix: str, key: str | None) -> str:
    if not key:
        return ""
    return labels.get(prefix + key) or key.replace("-", " ")


def citation_line(c: CitationView, labels: Mapping[str, str]) -> str:
    """'Title, type, № N, DD.MM.YYYY, Article X' with whatever is known."""
    act_type = _lookup(labels, "act_type_", c.type)
    # Titles often name the type already ("... жөнүндө Мыйзам"); don't say it twice.
    parts = [c.title, "" if act_type.lower() in c.title.lower() else act_type]
    if c.number:
        parts.append(f"{labels['number']} {c.number}")
    if c.date:
        parts.append(fmt_date(c.date))
    if c.article:
        parts.append(f"{labels['article']} {c.article}")
    return ", ".join(p for p in parts if p)


def in_force_word(c: CitationView, labels: Mapping[str, str]) -> str:
    return {True: labels["yes"], False: labels["no"], None: labels["unknown"]}[c.in_force]


def render_report_html(
    evaluation: Evaluation,
    labels: Mapping[str, str] | None = None,
    *,
    generated_at: str | None = None,
) -> str:
    lab = merged_labels(evaluation.lang, labels)
    sections = build_sections(evaluation, lab)
    totals = _totals(sections)
    body: dict[str, Any] = evaluation.body
    body_type = body.get("body_type_label") or _lookup(lab, "body_type_", body.get("body_type"))
    return (
        jinja_env()
        .get_template("report.html.j2")
        .render(
            ev=evaluation,
            lab=lab,
            lang=evaluation.lang or "ky",
            body_name=body.get("name") or body.get("id", ""),
            body_type=body_type,
            generated=fmt_date(generated_at or datetime.now(UTC).date().isoformat()),
            sections=sections,
            totals=totals,
            total=sum(totals.values()),
            total_segments=_segments(totals),
            statuses=STATUSES,
            colours=STATUS_COLOURS,
            unit_label=lambda u: _lookup(lab, "unit_", u) if u else lab["whole_body"],
            citation_line=lambda c: citation_line(c, lab),
            in_force_word=lambda c: in_force_word(c, lab),
        )
    )


def render_report(
    evaluation: Evaluation,
    fmt: str,
    labels: Mapping[str, str] | None = None,
    *,
    generated_at: str | None = None,
    facts_source: str | None = None,
) -> bytes:
    """Render an evaluation as "html", "pdf" or "ttl" (EARL + PROV Turtle).

    `generated_at` (ISO date-time) pins the report's timestamp, e.g. for reproducible
    output; `facts_source` names the facts the evaluation used (Turtle only; falls back
    to evaluation.summary["facts_source"]).
    """
    if fmt == "ttl":
        from kb_service.render.report_ttl import render_report_ttl

        return render_report_ttl(
            evaluation, generated_at=generated_at, facts_source=facts_source
        ).encode("utf-8")
    if fmt not in REPORT_FORMATS:
        raise ValueError(f"unknown report format {fmt!r}; expected one of {REPORT_FORMATS}")
    html = render_report_html(evaluation, labels, generated_at=generated_at)
    return html.encode("utf-8") if fmt == "html" else html_to_pdf(html)
