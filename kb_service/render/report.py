"""The findings report an inspector prints and signs: HTML, PDF (same HTML) or Turtle."""

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from kb_service.models.findings import STATUSES, CitationView, Evaluation, Finding
from kb_service.render.common import STATUS_COLOURS, fmt_date, html_to_pdf, jinja_env
from kb_service.render.json_out import model_json
from kb_service.render.labels import merged_labels

REPORT_FORMATS = ("json", "html", "pdf", "ttl")


@dataclass
class Segment:
    status: str
    count: int
    x: float  # in a 0..100 viewBox
    width: float
    colour: str


@dataclass
class RequirementGroup:
    """Findings of one requirement (usually one per unit) shown under one heading."""

    requirement: str
    requirement_text: str
    findings: list[Finding]
    # Set when every finding cites / asks for the same things, so they print once.
    shared_citations: tuple[CitationView, ...] | None = None
    shared_documents: tuple[dict[str, Any], ...] | None = None

    @property
    def informational(self) -> bool:
        return all(f.status == "informational" for f in self.findings)

    @property
    def small(self) -> bool:
        # Short groups are kept on one page; long ones may break between unit rows.
        return len(self.findings) <= 3 and sum(len(f.explanation) for f in self.findings) < 600


@dataclass
class StaleAct:
    """A cited act not in force on the as-of date, listed once in the warning box."""

    key: int  # the number its citations point to ("⚠ 1")
    citation: CitationView
    cited_by: int  # how many findings cite it


@dataclass
class SectionView:
    number: int
    title: str
    counts: dict[str, int]
    total: int
    segments: list[Segment]
    findings: list[Finding] = field(default_factory=list)
    groups: list[RequirementGroup] = field(default_factory=list)


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


def _doc_key(docs: tuple[dict[str, Any], ...]) -> tuple[tuple[object, object], ...]:
    # "link" (explicit/inferred) is provenance, not content: ignore it when comparing.
    return tuple((d.get("number"), d.get("title")) for d in docs)


def group_by_requirement(findings: list[Finding]) -> list[RequirementGroup]:
    """Findings grouped by requirement, in order of first appearance."""
    by_req: dict[str, list[Finding]] = {}
    for f in findings:
        by_req.setdefault(f.requirement, []).append(f)
    out: list[RequirementGroup] = []
    for req, fs in by_req.items():
        first = fs[0]
        same_cites = all(f.citations == first.citations for f in fs)
        same_docs = all(
            _doc_key(f.evidence_documents) == _doc_key(first.evidence_documents) for f in fs
        )
        out.append(
            RequirementGroup(
                requirement=req,
                requirement_text=next((f.requirement_text for f in fs if f.requirement_text), ""),
                findings=fs,
                shared_citations=first.citations if same_cites else None,
                shared_documents=first.evidence_documents if same_docs else None,
            )
        )
    return out


def stale_acts(evaluation: Evaluation) -> list[StaleAct]:
    """Each cited act that is not in force on the as-of date, once, in citing order."""
    found: dict[str, StaleAct] = {}
    for f in evaluation.findings:
        for c in {c.id: c for c in f.citations if c.in_force is False}.values():
            if c.id in found:
                found[c.id].cited_by += 1
            else:
                found[c.id] = StaleAct(len(found) + 1, c, 1)
    return list(found.values())


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
                groups=group_by_requirement(grouped[n]),
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


def shorten(text: str, limit: int) -> str:
    """Cut at a word boundary with an ellipsis; short texts are returned as they are."""
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0].rstrip(" ,;:(«")
    return cut + "…"


def _names_type(title: str, act_type: str) -> bool:
    # Kyrgyz inflects the type inside titles ("буйрук" -> "буйругу"), so compare
    # 5-letter stems of its longer words rather than the whole phrase.
    low = title.lower()
    stems = [w[:5] for w in act_type.lower().split() if len(w) >= 4]
    return act_type.lower() in low or (bool(stems) and all(st in low for st in stems))


def citation_line(c: CitationView, labels: Mapping[str, str], limit: int = 90) -> str:
    """'Title, type, № N, DD.MM.YYYY, Article X' with whatever is known."""
    act_type = _lookup(labels, "act_type_", c.type)
    title = shorten(c.title, limit)
    # Titles often name the type already ("... жөнүндө Мыйзам"); don't say it twice.
    parts = [title, "" if _names_type(c.title, act_type) else act_type]
    # Nor the number, when the title reads "... № 473 токтому".
    # a number or date no source states outright is marked, never shown as established
    unsure = {k for k, v in c.verification.items() if v in ("inferred", "unknown")}
    mark = f" ({labels['inferred_mark']})"
    if c.number and not re.search(rf"(№|No\.)\s*{re.escape(c.number)}\b", c.title):
        parts.append(f"{labels['number']} {c.number}" + (mark if "number" in unsure else ""))
    if c.date:
        parts.append(fmt_date(c.date) + (mark if "date" in unsure else ""))
    if c.article:
        parts.append(f"{labels['article']} {c.article}")
    return ", ".join(p for p in parts if p)


def in_force_word(c: CitationView, labels: Mapping[str, str]) -> str:
    return {True: labels["yes"], False: labels["no"], None: labels["unknown"]}[c.in_force]


def strip_warning(note: str, labels: Mapping[str, str]) -> str:
    # Notes arrive as "Көңүл буруңуз: ..."; inside the warning box the prefix is noise.
    prefix = labels["warning"] + ":"
    return note[len(prefix) :].strip() if note.lower().startswith(prefix.lower()) else note


def render_report_html(
    evaluation: Evaluation,
    labels: Mapping[str, str] | None = None,
    *,
    generated_at: str | None = None,
) -> str:
    as_of = fmt_date(evaluation.as_of)  # labels such as "not in force on {date}" name the date
    lab = {
        k: v.replace("{date}", as_of) for k, v in merged_labels(evaluation.labels, labels).items()
    }
    sections = build_sections(evaluation, lab)
    totals = _totals(sections)
    stale = stale_acts(evaluation)
    body: dict[str, Any] = evaluation.body
    # Unit names may come from the caller; the fallback table only knows generic ids.
    unit_names: Mapping[str, str] = evaluation.summary.get("unit_labels") or {}
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
            stale=stale,
            stale_key={a.citation.id: a.key for a in stale},
            unit_label=lambda u: (
                (unit_names.get(u) or _lookup(lab, "unit_", u)) if u else lab["whole_body"]
            ),
            citation_line=lambda c: citation_line(c, lab),
            in_force_word=lambda c: in_force_word(c, lab),
            strip_warning=lambda note: strip_warning(note, lab),
            shorten=shorten,
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
    if fmt == "json":
        return model_json(evaluation)
    if fmt == "ttl":
        from kb_service.render.report_ttl import render_report_ttl

        return render_report_ttl(
            evaluation, generated_at=generated_at, facts_source=facts_source
        ).encode("utf-8")
    if fmt not in REPORT_FORMATS:
        raise ValueError(f"unknown report format {fmt!r}; expected one of {REPORT_FORMATS}")
    html = render_report_html(evaluation, labels, generated_at=generated_at)
    return html.encode("utf-8") if fmt == "html" else html_to_pdf(html)
