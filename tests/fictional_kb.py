"""A test-only copy of the KB in which a FICTIONAL Cabinet resolution (No. 999 of 2023-06-20, no
such act exists) changes rule parameters from 2023-07-01: the training interval from 3 years to
2, the donor-forwarding deadline from 5 working days to 10, and restates the half-yearly donor
report. Test data only: never in the shipped rules.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from repo_paths import kb_copy

CHANGE = dt.date(2023, 7, 1)
FICTIONAL_ACT = "cabinet-res-999-2023"

_ACT = """
# FICTIONAL: test data only, no such act exists.
src:fictional-test a kyz:Source ;
    rdfs:label "FICTIONAL resolution for tests (no such act exists)"@en .

act:cabinet-res-999-2023 a kyz:CabinetResolution ;
    dct:identifier "cabinet-res-999-2023" ;
    kyz:issuer iss:cabinet ;
    kyz:fact [ a kyz:FactNote ; kyz:about kyz:issuer ; kyz:verification kyz:Verified ;
        prov:wasDerivedFrom src:fictional-test ] ;
    eli:id_local "999" ;
    kyz:fact [ a kyz:FactNote ; kyz:about eli:id_local ; kyz:verification kyz:Verified ;
        prov:wasDerivedFrom src:fictional-test ] ;
    eli:date_document "2023-06-20"^^xsd:date ;
    kyz:fact [ a kyz:FactNote ; kyz:about eli:date_document ; kyz:verification kyz:Verified ;
        prov:wasDerivedFrom src:fictional-test ] ;
    kyz:citationTranslation "FICTIONAL resolution No. 999"@ru, "FICTIONAL resolution No. 999"@en ;
    kyz:validityStatus kyz:InForce ;
    skos:editorialNote "FICTIONAL: test data only."@en ;
    prov:wasDerivedFrom src:fictional-test .
"""

_CITATION = """
cit:s5-cabinet-res-999-2023 a kyz:Citation ;
    kyz:section sec:5 ;
    kyz:order 9 ;
    kyz:citesAct act:cabinet-res-999-2023 ;
    kyz:verification kyz:Verified ;
    prov:wasDerivedFrom src:fictional-test .
"""

_VERSION = """
param:{param} kyz:version [ a kyz:ParameterVersion ;
    kyz:amount {amount} ; kyz:timeUnit kyz:{unit} ; kyz:validFrom "{change}"^^xsd:date ;
    kyz:hasLegalBasis cit:s5-cabinet-res-999-2023 ;
    kyz:verification kyz:Verified ; prov:wasDerivedFrom src:fictional-test ;
    rdfs:comment "FICTIONAL value, test data only."@en ] .
"""

# (parameter, the old version's amount and unit as parameters.ttl writes them, the new value)
CHANGES = (
    ("training-interval", "kyz:amount 3 ; kyz:timeUnit kyz:CalendarYear ;", (2, "CalendarYear")),
    (
        "donor-forwarding-deadline",
        "kyz:amount 5 ; kyz:timeUnit kyz:WorkingDay ;",
        (10, "WorkingDay"),
    ),
    (
        "donor-report-period",
        "kyz:amount 6 ; kyz:timeUnit kyz:CalendarMonth ;",
        (6, "CalendarMonth"),
    ),
)


def fictional_root(root: Path, *, gap: bool = False) -> Path:
    """Copy ontology/, rules/ and queries/ to `root` and record the fictional change there;
    with `gap`, the old values end on the change date and no new value is recorded."""
    kb_copy(root)
    rules = root / "rules"
    params = (rules / "parameters.ttl").read_text(encoding="utf-8")
    until = f'kyz:validUntil "{CHANGE.isoformat()}"^^xsd:date ;'
    for param, old, (amount, unit) in CHANGES:
        assert params.count(old) == 1, old
        params = params.replace(old, f"{old} {until}")
        if not gap:
            params += _VERSION.format(param=param, amount=amount, unit=unit, change=CHANGE)
    (rules / "parameters.ttl").write_text(params, encoding="utf-8")
    if not gap:
        with (rules / "acts.ttl").open("a", encoding="utf-8") as out:
            out.write(_ACT)
        with (rules / "citations.ttl").open("a", encoding="utf-8") as out:
            out.write(_CITATION)
    return root
