"""Findings of one evaluation as plain data: what explaining produces and renderers consume."""

from dataclasses import dataclass, field
from typing import Any

from kb_service.core.plain import plain

STATUSES = (
    "compliant",
    "non_compliant",
    "insufficient_evidence",
    "not_applicable",
    "informational",
)


@dataclass(frozen=True)
class CitationView:
    """One legal basis of a finding, resolved for the as-of date."""

    id: str  # act id, e.g. "gov-res-706-2016"
    type: str  # act type id, e.g. "government-resolution"
    number: str | None
    date: str | None  # ISO date or None when unknown
    title: str  # in the report language
    article: str | None
    in_force: bool | None  # on the as-of date; None = unknown
    note: str = ""  # e.g. "repealed by ... of 2022-05-16; successor: ..."
    successor: str | None = None  # id of replacing/repealing act, when known
    verification: dict[str, str] = field(default_factory=dict)  # {"number": "inferred", ...}
    # why it is cited: the requirement's legal basis, the act the working commission names for
    # its own question, or (the commission named none) the legal basis of the question's section
    basis: str = "requirement"  # requirement | commission | section


@dataclass(frozen=True)
class ParameterPartView:
    """One part of the monitoring period over which one value of a rule parameter was in force
    (shown only when the value changed within the period), as the finding judged it."""

    parameter: str  # parameter id, e.g. "training-interval"
    label: str  # the parameter's name in the report language
    date_from: str  # ISO date, the part's first day
    date_to: str  # ISO date, the part's last day
    value: str | None  # "3 years" in the report language; None: no value in force
    amount: int | None
    unit: str | None  # years | months | working-days ...
    verification: str | None  # of the value: verified, stated-by-memo ...
    citations: tuple[str, ...]  # ids of the acts the value rests on
    basis: str  # those acts named in the report language
    reference_date: str | None = None  # a cut-off: the date the part was judged on
    cutoff: str | None = None  # a cut-off: the date it gave
    periods: tuple[str, ...] = ()  # period rows judged under it: "2023", "2023-H2"
    text: str = ""  # the sentence naming the part in the explanation


@dataclass(frozen=True)
class Finding:
    requirement: str  # requirement id, e.g. "5.3"
    section: int
    unit: str | None  # unit id or None for the whole body
    status: str  # one of STATUSES
    explanation: str
    requirement_text: str = ""
    check: str = ""  # check id (query file stem)
    citations: tuple[CitationView, ...] = ()
    evidence_documents: tuple[dict[str, Any], ...] = ()  # {"number": 5, "title": "..."}
    deciding_facts: tuple[str, ...] = ()  # ids of the records that decided it
    kb_revision: str = ""  # the knowledge-base revision the finding came from
    # facts that disagree about it: {"document", "document_record", "status", "order", ...}
    disagreements: tuple[dict[str, Any], ...] = ()
    # the parts of the period judged under different values of a parameter (none: one value)
    parameter_parts: tuple[ParameterPartView, ...] = ()
    # the rule's legal basis, or a value's, no longer in force on the as-of date with nothing
    # recorded in its place: {"subject": "rule" | "parameter:<id>", "ended", "since", ...}
    basis_lapsed: tuple[dict[str, Any], ...] = ()


@dataclass(frozen=True)
class Evaluation:
    body: dict[str, Any]  # {"id", "name", "body_type"}
    as_of: str
    lang: str
    kb_revision: str
    findings: tuple[Finding, ...]
    summary: dict[str, Any] = field(default_factory=dict)
    # the report's words in `lang` (the KB's label table and its body-type, unit and act-type
    # names); what renderers print, not part of the findings
    labels: dict[str, str] = field(default_factory=dict, compare=False, repr=False)

    def json_view(self) -> dict[str, Any]:
        """The report's JSON, findings left as dataclasses (for a serialiser that reads them)."""
        return {
            "body": self.body,
            "as_of": self.as_of,
            "kb_revision": self.kb_revision,
            "summary": self.summary,
            "findings": self.findings,
        }

    def to_json(self) -> dict[str, Any]:
        return {**self.json_view(), "findings": [plain(f) for f in self.findings]}
