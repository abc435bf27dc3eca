"""The national picture of a batch of bodies as plain data: what `kb evaluate DIR` summarises,
renderers draw (JSON, HTML with an SVG heat map) and the API will serve."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

# worst first: the status a heat-map cell shows when a section has findings of several statuses
SEVERITY = (
    "non_compliant",
    "insufficient_evidence",
    "compliant",
    "informational",
    "not_applicable",
)


def worst(statuses: list[str] | tuple[str, ...]) -> str | None:
    return min(statuses, key=SEVERITY.index) if statuses else None


@dataclass(frozen=True)
class BodyLine:
    """One evaluated body: a row of the ranking and of the heat map."""

    source: str  # the facts file
    report: str  # its report, relative to the summary's folder
    id: str
    name: str
    body_type: str
    counts: dict[str, int]  # status -> findings
    violations: int  # non-compliant findings
    sections: dict[int, str]  # section -> its worst status
    section_violations: dict[int, int]  # section -> non-compliant findings


@dataclass(frozen=True)
class FailedInput:
    """A file that could not be evaluated, with the same problem lines `kb evaluate FILE` prints."""

    source: str
    problems: tuple[str, ...]


@dataclass(frozen=True)
class NationalSummary:
    as_of: str
    lang: str
    kb_revision: str
    inputs: int  # files given
    sections: tuple[int, ...]
    section_titles: dict[int, str]
    body_type_labels: dict[str, str]
    # status -> findings, per section and per body type, over every evaluated body
    by_section: dict[int, dict[str, int]]
    by_body_type: dict[str, dict[str, int]]
    bodies_by_type: dict[str, int]
    bodies: tuple[BodyLine, ...]  # ranked: most violations first, then by id
    failed: tuple[FailedInput, ...] = ()
    labels: dict[str, str] = field(default_factory=dict, compare=False, repr=False)

    def heatmap(self) -> dict[str, Any]:
        """Body x section: each cell the worst status and the number of violations."""
        return {
            "rows": [b.id for b in self.bodies],
            "columns": list(self.sections),
            "cells": [
                [
                    {"status": b.sections.get(s), "violations": b.section_violations.get(s, 0)}
                    for s in self.sections
                ]
                for b in self.bodies
            ],
        }

    def to_json(self) -> dict[str, Any]:
        return {
            "as_of": self.as_of,
            "lang": self.lang,
            "kb_revision": self.kb_revision,
            "inputs": self.inputs,
            "evaluated": len(self.bodies),
            "failed": [asdict(f) for f in self.failed],
            "section_titles": {str(k): v for k, v in self.section_titles.items()},
            "by_section": {str(k): v for k, v in self.by_section.items()},
            "by_body_type": self.by_body_type,
            "bodies_by_type": self.bodies_by_type,
            "ranking": [
                {k: v for k, v in asdict(b).items() if k not in ("sections", "section_violations")}
                for b in self.bodies
            ],
            "heatmap": self.heatmap(),
        }


@dataclass(frozen=True)
class StoredLatest:
    """A body's latest stored assessment version, reduced to what the national summary counts."""

    body_id: str
    assessment: str
    version: int
    as_of: str
    kb_revision: str
    findings: tuple[tuple[int, str], ...]  # (section, status) of each finding
