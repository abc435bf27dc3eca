"""`kb rule repoint | parameter | text | adhoc`: the edits of requirements, citations and
parameters, each written in place in the file that holds the statement."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from kb_service.core.namespaces import KYZ, RDF
from kb_service.core.problems import UsageError
from kb_service.editing.act_edits import fact_note, status_term
from kb_service.editing.turtle_text import (
    Node,
    TextEdit,
    append_block,
    date_literal,
    date_value,
    literal,
    statement_nodes,
)
from kb_service.editing.workspace import Workspace, check_id, check_text, curie

CITATIONS = "rules/citations.ttl"
REQUIREMENTS = "rules/requirements.ttl"
PARAMETERS = "rules/parameters.ttl"
MAX_AMOUNT = 100_000


@dataclass(frozen=True)
class Basis:
    """Where a new fact comes from: its source and verification status."""

    source: str
    verification: str = "verified"


def _node_with(ws: Workspace, rel: str, subject: str, predicate: str) -> Node:
    nodes = statement_nodes(ws.text(rel), subject)
    found = next((n for n in nodes if n.get(predicate)), nodes[0] if nodes else None)
    if found is None:
        raise UsageError(f"{rel}: no statement about {subject} to edit (edit it by hand)")
    return found


def _one_date(node: Node, predicate: str) -> dt.date | None:
    texts = node.texts(predicate)
    return date_value(texts[0]) if texts else None


def repoint(
    ws: Workspace, citation: str, to: str, start: dt.date, basis: Basis, day: dt.date,
    provision: str | None = None, new_id: str | None = None,
) -> list[str]:  # fmt: skip
    """Close the citation on `start` and continue it by a new one citing `to` from `start`,
    attached to the requirements and the parameter versions in force from then that rest on it."""
    ws.existing("citation", citation, KYZ.Citation)
    ws.existing("act", to, KYZ.LegalAct)
    ws.existing("source", basis.source, KYZ.Source)
    if provision:
        ws.existing("provision", provision, KYZ.Provision)
    old_iri = ws.iri("citation", citation)
    old_act = str(next(ws.graph.objects(old_iri, KYZ.citesAct), "")).rsplit("/", 1)[-1]
    if old_act == to and not provision:
        raise UsageError(
            f"citation {citation!r} already cites {to}: give another act or --provision"
        )
    default = (
        citation[: -len(old_act)] + to
        if old_act and citation.endswith(old_act)
        else f"{citation}--{to}"
    )
    nid = ws.new("citation", check_id("citation", new_id or default))
    text = ws.text(CITATIONS)
    old = _node_with(ws, CITATIONS, f"cit:{citation}", "kyz:citesAct")
    since, until = _one_date(old, "kyz:validFrom"), _one_date(old, "kyz:validUntil")
    if until is not None and until <= start:
        raise UsageError(
            f"citation {citation!r} already ends on {until}: nothing to re-point from {start}"
        )
    if since is not None and since >= start:
        raise UsageError(
            f"citation {citation!r} starts on {since}: re-point from a later date than that"
        )
    edit = TextEdit(text)
    edit.set_objects(old, "kyz:validUntil", date_literal(start))
    edit.add_statement(old, fact_note("kyz:validUntil", basis.verification, basis.source, day))
    rows = [f"cit:{nid} a kyz:Citation ;"]
    for prop in ("kyz:section", "kyz:order"):
        rows += [f"{prop} {t} ;" for t in old.texts(prop)]
    rows.append(f"kyz:citesAct act:{to} ;")
    if provision:
        rows.append(f"kyz:citesProvision prv:{provision} ;")
    rows += [f"kyz:forBodyType {t} ;" for t in old.texts("kyz:forBodyType")]
    rows.append(f"kyz:validFrom {date_literal(start)} ;")
    rows.append(fact_note("kyz:validFrom", basis.verification, basis.source, day) + " ;")
    rows.append(f"kyz:repointedFrom cit:{citation} ;")
    rows.append(f"kyz:verification {status_term(basis.verification)} ;")
    rows.append(f"prov:wasDerivedFrom src:{basis.source} .")
    block = rows[0] + "\n" + "\n".join("    " + r for r in rows[1:])
    ws.put(
        CITATIONS,
        append_block(edit.result(), block),
        ("cit", "act", "prv", "kyz", "prov", "xsd", "src"),
    )
    _attach(ws, citation, nid, start)
    return [f"cit:{nid}"]


def _attach(ws: Workspace, old: str, new: str, start: dt.date) -> None:
    """cit:new beside cit:old in each requirement's basis, and in each parameter version's that
    is in force on or after `start`."""
    reqs = sorted(
        curie(r)
        for r in ws.graph.subjects(KYZ.hasLegalBasis, ws.iri("citation", old))
        if (r, RDF.type, KYZ.Requirement) in ws.graph
    )
    if reqs:
        edit = TextEdit(ws.text(REQUIREMENTS))
        for req in reqs:
            edit.add_object(
                _node_with(ws, REQUIREMENTS, req, "kyz:hasLegalBasis"),
                "kyz:hasLegalBasis",
                f"cit:{new}",
            )
        ws.put(REQUIREMENTS, edit.result(), ("cit",))
    text = ws.text(PARAMETERS)
    edit, touched = TextEdit(text), False
    for param in sorted(curie(p) for p in ws.graph.subjects(RDF.type, KYZ.Parameter)):
        for node in statement_nodes(text, param):
            for version in _versions(node):
                until = _one_date(version, "kyz:validUntil")
                if f"cit:{old}" in version.texts("kyz:hasLegalBasis") and (
                    until is None or until > start
                ):
                    edit.add_object(version, "kyz:hasLegalBasis", f"cit:{new}")
                    touched = True
    if touched:
        ws.put(PARAMETERS, edit.result(), ("cit",))


def _versions(node: Node) -> list[Node]:
    st = node.get("kyz:version")
    children = [node.child(obj) for obj in (st.objects if st else [])]
    return [c for c in children if c is not None]


def new_value(
    ws: Workspace, param: str, amount: int, unit: str, start: dt.date, citations: list[str],
    basis: Basis, day: dt.date, comment: str | None = None,
) -> list[str]:  # fmt: skip
    """Close the version in force on `start` (kyz:validUntil) and add one from `start`."""
    ws.existing("parameter", param, KYZ.Parameter)
    if not 0 < amount <= MAX_AMOUNT:
        raise UsageError(f"--amount {amount}: expected a whole number from 1 to {MAX_AMOUNT:,}")
    unit_term = curie(ws.code(KYZ.TimeUnit, unit, "--unit"))
    if not citations:
        raise UsageError("--basis: name at least one citation the new value rests on")
    for c in citations:
        ws.existing("citation", c, KYZ.Citation)
    ws.existing("source", basis.source, KYZ.Source)
    text = ws.text(PARAMETERS)
    node = _node_with(ws, PARAMETERS, f"param:{param}", "kyz:version")
    edit = TextEdit(text)
    for version in _versions(node):
        since, until = _one_date(version, "kyz:validFrom"), _one_date(version, "kyz:validUntil")
        if since is not None and since >= start:
            raise UsageError(
                f"parameter {param!r}: a version already applies from {since}, on or after {start} "
                "(versions must not overlap: undo or edit that version first)"
            )
        if until is not None and until > start:
            raise UsageError(
                f"parameter {param!r}: the version in force on {start} ends on {until} "
                "(a new open-ended version would overlap the next one)"
            )
        if until is None:
            edit.add_statement(version, f"kyz:validUntil {date_literal(start)}")
            edit.add_statement(
                version, fact_note("kyz:validUntil", basis.verification, basis.source, day)
            )
            for note in _notes_about(version, "kyz:validUntil"):
                edit.remove_object(note, "kyz:about", "kyz:validUntil")
    indent = " " * 8
    rows = [
        f"kyz:amount {amount} ; kyz:timeUnit {unit_term} ;",
        f"kyz:validFrom {date_literal(start)} ;",
        fact_note("kyz:validFrom", basis.verification, basis.source, day) + " ;",
        "kyz:hasLegalBasis " + ", ".join(f"cit:{c}" for c in citations) + " ;",
        f"kyz:verification {status_term(basis.verification)} ;",
    ]
    if comment:
        rows.append(f"rdfs:comment {literal(check_text('--comment', comment), 'en')} ;")
    rows.append(f"prov:wasDerivedFrom src:{basis.source} ]")
    version_text = "[ a kyz:ParameterVersion ;\n" + "\n".join(indent + r for r in rows)
    edit.add_object(node, "kyz:version", version_text, sep=",\n    ")
    ws.put(PARAMETERS, edit.result(), ("cit", "src", "kyz", "prov", "xsd", "rdfs"))
    return [f"param:{param}"]


def _notes_about(version: Node, prop: str) -> list[Node]:
    """The fact notes of a version whose kyz:about lists `prop` among other properties (a note
    about it alone is left: the new note stands beside it)."""
    st = version.get("kyz:fact")
    notes = [version.child(o) for o in (st.objects if st else [])]
    return [
        n
        for n in notes
        if n is not None and prop in n.texts("kyz:about") and len(n.texts("kyz:about")) > 1
    ]


def requirement_text(ws: Workspace, requirement: str, lang: str, text: str) -> list[str]:
    """A requirement's wording in one language: kyz:text@ky, kyz:translation@ru/@en."""
    ws.existing("requirement", requirement, KYZ.Requirement)
    if lang not in ("ky", "ru", "en"):
        raise UsageError(f"--lang {lang!r}: expected ky, ru or en")
    check_text("--text", text)
    subject = curie(ws.iri("requirement", requirement))
    node = _node_with(ws, REQUIREMENTS, subject, "kyz:text")
    edit = TextEdit(ws.text(REQUIREMENTS))
    if lang == "ky":
        edit.set_objects(node, "kyz:text", literal(text, "ky"))
    else:
        st = node.get("kyz:translation")
        spans = [
            (a, b)
            for a, b in (st.objects if st else [])
            if node.toks[b - 1].text.endswith(f"@{lang}")
        ]
        if spans:
            a, b = spans[0]
            edit.replace(node.toks[a].start, node.toks[b - 1].end, literal(text, lang))
        else:
            edit.add_object(node, "kyz:translation", literal(text, lang))
    ws.put(REQUIREMENTS, edit.result())
    return [subject]


def adhoc(
    ws: Workspace, slug: str, section: int, texts: dict[str, str], monitoring: str,
    basis: Basis, citations: list[str],
) -> list[str]:  # fmt: skip
    """An ad-hoc requirement of the working commission for one monitoring (memo footnote *****):
    req:<section>.x-<slug>, the id evaluation gives the facts' ad-hoc item <slug> of that section,
    whose recorded judgement decides it."""
    check_id("ad-hoc item", slug)
    if (ws.iri("section", str(section)), RDF.type, KYZ.Section) not in ws.graph:
        raise UsageError(f"--section {section}: the memo has no such section")
    rid = ws.new("requirement", f"{section}.x-{slug}")
    if "ky" not in texts:
        raise UsageError("--text-ky: an ad-hoc requirement needs its Kyrgyz wording")
    for c in citations:
        ws.existing("citation", c, KYZ.Citation)
    ws.existing("source", basis.source, KYZ.Source)
    rows = [
        f"req:{rid} a kyz:AdHocRequirement ;",
        f"dct:identifier {literal(rid)} ;",
        f"kyz:inSection sec:{section} ;",
    ]
    rows.append(f"kyz:text {literal(check_text('--text-ky', texts['ky']), 'ky')} ;")
    tr = [literal(check_text(f"--text-{lg}", texts[lg]), lg) for lg in ("ru", "en") if lg in texts]
    if tr:
        rows.append(f"kyz:translation {', '.join(tr)} ;")
    rows.append(
        f"kyz:forMonitoring {literal(check_text('--monitoring', monitoring, one_line=True))} ;"
    )
    rows.append("kyz:evaluationMode kyz:NotEvaluated ;")
    reason = (
        "The working commission's own question (memo footnote *****): its judgement is recorded "
        f"in the facts, as the ad-hoc item {slug!s} of section {section}."
    )
    rows.append(f"kyz:notEvaluatedReason {literal(reason, 'en')} ;")
    if citations:
        rows.append("kyz:hasLegalBasis " + ", ".join(f"cit:{c}" for c in citations) + " ;")
    else:
        rows.append("kyz:legalBasisStatus kyz:NoneCited ;")
    rows.append(f"prov:wasDerivedFrom src:{basis.source} .")
    block = rows[0] + "\n" + "\n".join("    " + r for r in rows[1:])
    ws.put(
        REQUIREMENTS,
        append_block(ws.text(REQUIREMENTS), block),
        ("req", "sec", "cit", "src", "kyz", "dct", "prov"),
    )
    return [f"req:{rid}"]
