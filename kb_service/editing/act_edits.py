"""`kb act add` and `kb act change`: record an act (or edition), and a change of an act.

A new act is appended to rules/acts.ttl with a kyz:FactNote on each fact (status and source;
a fact not given gets a note saying it is unknown). A change is appended to rules/changes.ttl
as a kyz:LegalChange, and the changed act's status and end date (with its note) are edited in
place in rules/acts.ttl where the change ends it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from kb_service.core.namespaces import KYZ, OWL, RDF
from kb_service.core.problems import UsageError
from kb_service.editing.turtle_text import TextEdit, append_block, date_literal, literal
from kb_service.editing.workspace import Workspace, check_id, check_text, unknown

ACTS = "rules/acts.ttl"
CHANGES = "rules/changes.ttl"
VERIFICATION = {
    "verified": "kyz:Verified",
    "inferred": "kyz:Inferred",
    "unknown": "kyz:Unknown",
    "stated-by-memo": "kyz:StatedByMemo",
}
VALIDITY = {"in-force": "kyz:InForce", "unknown": "kyz:StatusUnknown"}
# kind -> (the change's kind, the changed act's status; None: its status stays)
KINDS = {
    "replacement": ("kyz:Replacement", "kyz:Replaced"),
    "repeal": ("kyz:Repeal", "kyz:Repealed"),
    "partial-repeal": ("kyz:PartialRepeal", "kyz:PartlyRepealed"),
    "amendment": ("kyz:Amendment", None),
}
ENDS = ("replacement", "repeal")
FACTS = ("issuer", "number", "date", "entry-into-force", "title")


def status_term(code: str) -> str:
    if code not in VERIFICATION:
        raise UsageError(f"verification {code!r}: expected one of {', '.join(VERIFICATION)}")
    return VERIFICATION[code]


def fact_note(about: str, status: str, source: str, day: dt.date, comment: str = "") -> str:
    extra = f" ;\n        rdfs:comment {literal(comment, 'en')}" if comment else ""
    return (
        f"kyz:fact [ a kyz:FactNote ; kyz:about {about} ; kyz:verification {status_term(status)} ;"
        f" prov:wasDerivedFrom src:{source} ; kyz:lastVerified {date_literal(day)}{extra} ]"
    )


def source_block(ws: Workspace, source: str, label: str | None) -> str | None:
    """The source's id; a new source's block (with its label) when the KB lacks it."""
    check_id("source", source)
    exists = (ws.iri("source", source), RDF.type, KYZ.Source) in ws.graph
    if exists and label:
        raise UsageError(f"source {source!r} exists already: leave out --source-label")
    if exists:
        return None
    if not label:
        err = unknown("source", source, ws.ids("source", KYZ.Source))
        raise UsageError(f"{err} (a new source needs --source-label)")
    check_text("--source-label", label, one_line=True)
    return f"src:{source} a kyz:Source ;\n    rdfs:label {literal(label, 'en')} ."


@dataclass
class NewAct:
    act_id: str
    type_id: str
    issuer: str
    source: str
    number: str | None = None
    date: dt.date | None = None
    in_force_from: dt.date | None = None
    titles: dict[str, str] = field(default_factory=dict)  # lang -> title
    verification: str = "verified"
    statuses: dict[str, str] = field(default_factory=dict)  # fact -> verification code
    validity: str = "unknown"
    source_label: str | None = None
    note: str | None = None


def _act_class(ws: Workspace, type_id: str) -> str:
    types = {
        str(t): c
        for c in ws.graph.subjects(RDF.type, OWL.Class)
        for t in ws.graph.objects(c, KYZ.typeId)
    }
    if type_id not in types:
        raise UsageError(f"act type {type_id!r}: expected one of {', '.join(sorted(types))}")
    return "kyz:" + str(types[type_id]).rsplit("#", 1)[-1]


def add_act(ws: Workspace, act: NewAct, day: dt.date) -> list[str]:
    """Append the act to rules/acts.ttl; the nodes written."""
    ws.new("act", act.act_id)
    ws.existing("issuer", act.issuer, KYZ.Issuer)
    if act.validity not in VALIDITY:
        raise UsageError(f"--validity {act.validity!r}: expected one of {', '.join(VALIDITY)}")
    for fact in act.statuses:
        if fact not in FACTS:
            raise UsageError(f"--fact-status {fact}=...: expected a fact among {', '.join(FACTS)}")

    def st(fact: str) -> str:
        return act.statuses.get(fact, act.verification)

    src, rows = act.source, [f"act:{act.act_id} a {_act_class(ws, act.type_id)} ;"]
    rows.append(f"dct:identifier {literal(act.act_id)} ;")
    rows += [
        f"kyz:issuer iss:{act.issuer} ;",
        fact_note("kyz:issuer", st("issuer"), src, day) + " ;",
    ]
    if act.number is not None:
        rows.append(f"eli:id_local {literal(check_text('--number', act.number, one_line=True))} ;")
        rows.append(fact_note("eli:id_local", st("number"), src, day) + " ;")
    else:
        rows.append(fact_note("eli:id_local", "unknown", src, day) + " ;")
    if act.date is not None:
        rows.append(f"eli:date_document {date_literal(act.date)} ;")
        rows.append(fact_note("eli:date_document", st("date"), src, day) + " ;")
    else:
        rows.append(fact_note("eli:date_document", "unknown", src, day) + " ;")
    if act.in_force_from is not None:
        rows.append(f"eli:first_date_entry_in_force {date_literal(act.in_force_from)} ;")
        rows.append(
            fact_note("eli:first_date_entry_in_force", st("entry-into-force"), src, day) + " ;"
        )
    else:
        rows.append(fact_note("eli:first_date_entry_in_force", "unknown", src, day) + " ;")
    official = st("title") == "verified"
    for lang in ("ky", "ru", "en"):
        if lang in act.titles:
            prop = "eli:title" if official and lang != "en" else "kyz:titleTranslation"
            rows.append(
                f"{prop} {literal(check_text('--title-' + lang, act.titles[lang]), lang)} ;"
            )
            rows.append(fact_note(prop, st("title"), src, day) + " ;")
    rows.append(f"kyz:validityStatus {VALIDITY[act.validity]} ;")
    if act.note:
        rows.append(f"skos:editorialNote {literal(check_text('--note', act.note), 'en')} ;")
    rows.append(f"prov:wasDerivedFrom src:{src} .")
    text = ws.text(ACTS)
    new_source = source_block(ws, src, act.source_label)
    if new_source:
        text = append_block(text, new_source)
    block = rows[0] + "\n" + "\n".join("    " + r for r in rows[1:])
    ws.put(
        ACTS, append_block(text, block), ("act", "iss", "src", "kyz", "eli", "dct", "prov", "xsd")
    )
    return [f"act:{act.act_id}"] + ([f"src:{src}"] if new_source else [])


@dataclass
class Change:
    old: str
    kind: str
    by: str
    source: str
    effective: dt.date | None  # None: from an unknown date
    provisions: list[str] = field(default_factory=list)
    changing_provision: str | None = None
    verification: str = "verified"
    date_status: str = "verified"  # how the date is known ("inferred": a signing date)
    comment: str | None = None


def change_act(ws: Workspace, ch: Change, day: dt.date) -> list[str]:
    """Append the kyz:LegalChange; end the old act where the change ends it."""
    if ch.kind not in KINDS:
        raise UsageError(f"--kind {ch.kind!r}: expected one of {', '.join(KINDS)}")
    ws.existing("act", ch.old, KYZ.LegalAct)
    ws.existing("act", ch.by, KYZ.LegalAct)
    if ch.old == ch.by:
        raise UsageError("an act cannot change itself: --by names the same act")
    ws.existing("source", ch.source, KYZ.Source)
    for p in [*ch.provisions, *([ch.changing_provision] if ch.changing_provision else [])]:
        ws.existing("provision", p, KYZ.Provision)
    cid = f"{ch.by}--{ch.old}"
    ws.new("change", cid)
    kind, status = KINDS[ch.kind]
    rows = [f"chg:{cid} a kyz:LegalChange ;", f"dct:identifier {literal(cid)} ;"]
    rows += [f"kyz:changeKind {kind} ;", f"kyz:changingAct act:{ch.by} ;"]
    if ch.changing_provision:
        rows.append(f"kyz:changingProvision prv:{ch.changing_provision} ;")
    rows.append(f"kyz:changedAct act:{ch.old} ;")
    if ch.provisions:
        rows.append("kyz:changedProvision " + ", ".join(f"prv:{p}" for p in ch.provisions) + " ;")
    if ch.effective is not None:
        rows.append(f"kyz:effectiveFrom {date_literal(ch.effective)} ;")
        rows.append(fact_note("kyz:effectiveFrom", ch.date_status, ch.source, day) + " ;")
    else:
        rows.append(fact_note("kyz:effectiveFrom", "unknown", ch.source, day) + " ;")
    rows.append(f"kyz:verification {status_term(ch.verification)} ;")
    if ch.comment:
        rows.append(f"rdfs:comment {literal(check_text('--comment', ch.comment), 'en')} ;")
    rows += [f"prov:wasDerivedFrom src:{ch.source} ;", f"kyz:lastVerified {date_literal(day)} ."]
    block = rows[0] + "\n" + "\n".join("    " + r for r in rows[1:])
    ws.put(
        CHANGES,
        append_block(ws.text(CHANGES), block),
        ("chg", "act", "prv", "kyz", "dct", "prov", "xsd", "src"),
    )
    if status is not None:
        _end_act(ws, ch, status, day)
    return [f"chg:{cid}"]


def _end_act(ws: Workspace, ch: Change, status: str, day: dt.date) -> None:
    """The changed act's status, and for a replacement or repeal its end date with its note."""
    text = ws.text(ACTS)
    node = ws.node(ACTS, f"act:{ch.old}")
    current = (node.texts("kyz:validityStatus") or [""])[0]
    if ch.kind == "partial-repeal" and current in ("kyz:Replaced", "kyz:Repealed"):
        return  # already ended as a whole
    edit = TextEdit(text)
    ends = ch.kind in ENDS
    if ends and ch.effective is None:
        status = "kyz:StatusUnknown"  # ended, but from when no source says
    edit.set_objects(node, "kyz:validityStatus", status)
    if ends and ch.effective is not None:
        edit.set_objects(node, "eli:date_no_longer_in_force", date_literal(ch.effective))
    if ends:
        for st in node.statements():  # the old end's note goes with the old end
            for obj in st.objects:
                child = node.child(obj) if st.predicate == "kyz:fact" else None
                about = child.texts("kyz:about") if child is not None else []
                if len(st.objects) == 1 and "eli:date_no_longer_in_force" in about:
                    start, end = node.toks[st.pred].start, node.toks[obj[1] - 1].end
                    edit.replace(start, end, _end_note(ch, day))
                    break
            else:
                continue
            break
        else:
            edit.add_statement(node, _end_note(ch, day))
    ws.put(ACTS, edit.result())


def _end_note(ch: Change, day: dt.date) -> str:
    status = ch.date_status if ch.effective is not None else "unknown"
    return fact_note("eli:date_no_longer_in_force", status, ch.source, day)
