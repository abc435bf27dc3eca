"""SHACL validation through pySHACL, its report read into plain results: the one translator of a
SHACL report, used for the KB's own shapes (kb validate) and for facts files."""

from __future__ import annotations

from dataclasses import dataclass

import rdflib

from kb_service.core.namespaces import SH


@dataclass(frozen=True)
class ShaclResult:
    focus: rdflib.term.Node
    path: rdflib.term.Node | None
    message: str
    value: rdflib.term.Node | None
    component: str  # local name of the constraint component, e.g. "MinCountConstraintComponent"


def shacl_results(
    data: rdflib.Graph,
    shapes: rdflib.Graph,
    *,
    advanced: bool = False,
    violations_only: bool = False,
) -> list[ShaclResult]:
    """The results of validating `data` (no inference); [] when it conforms."""
    # imported here: pySHACL (and rdflib's SPARQL parser under it) is a tenth of a second at
    # start-up, and a facts file the pre-check proves conforming never needs it
    from pyshacl import validate as shacl_validate

    conforms, report, _ = shacl_validate(
        data, shacl_graph=shapes, inference="none", advanced=advanced, allow_warnings=True
    )
    if conforms:
        return []
    results = []
    for result in report.subjects(rdflib.RDF.type, SH.ValidationResult):
        if violations_only and report.value(result, SH.resultSeverity) != SH.Violation:
            continue
        component = str(report.value(result, SH.sourceConstraintComponent) or "")
        results.append(
            ShaclResult(
                focus=report.value(result, SH.focusNode),
                path=report.value(result, SH.resultPath),
                message=str(report.value(result, SH.resultMessage) or ""),
                value=report.value(result, SH.value),
                component=component.rsplit("#", 1)[-1],
            )
        )
    return results
