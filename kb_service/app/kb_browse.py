"""The knowledge base as the service's pages and their JSON twins show it: sections,
requirements, acts (in force on a date, their changes and successors), documents and the links
between them, and a search over their texts in Kyrgyz, Russian and English.

Every text comes from the KB (the memo's wording in Kyrgyz, the project's translations in ru
and en); the views are plain JSON-ready dicts.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from kb_service.core.languages import LANGS
from kb_service.core.problems import UsageError
from kb_service.core.text_fold import matches, terms
from kb_service.kb.catalog import Catalog
from kb_service.kb.knowledge_base import KnowledgeBase
from kb_service.law.changes import Change, changes_of
from kb_service.law.impact import impact_of
from kb_service.law.lookup import act_head, act_view, applicable_law
from kb_service.law.validity import validity_on

MAX_QUERY = 200  # characters of a search
MAX_HITS = 100


def text_of(catalog: Catalog, iri: str, lang: str) -> str:
    """The memo's Kyrgyz text of a section, requirement or document, else its translation."""
    if lang == "ky":
        return catalog.text(iri, "text", "ky") or ""
    return catalog.text(iri, "translation", lang) or catalog.text(iri, "text", "ky") or ""


def _act_line(catalog: Catalog, act_id: str, as_of: dt.date, lang: str) -> dict[str, Any]:
    act = catalog.acts[act_id]
    head = dataclasses.asdict(act_head(catalog, act))
    title = head["title"].get(lang) or head["name"][lang]
    return {**head, "shown": title, "in_force": validity_on(act, as_of).in_force}


def overview(as_of: dt.date, lang: str, *, kb: KnowledgeBase) -> dict[str, Any]:
    """Every section, act, document and body type, with the acts' standing on `as_of`."""
    cat = kb.catalog
    return {
        "as_of": as_of.isoformat(),
        "sections": [
            {
                "number": n,
                "title": text_of(cat, s.iri, lang),
                "evaluated": s.evaluated,
                "requirements": len(cat.requirements_in(n)),
            }
            for n, s in sorted(cat.sections.items())
        ],
        "acts": sorted(
            (_act_line(cat, a, as_of, lang) for a in cat.acts),
            key=lambda a: (a["date"] or "", a["id"]),
        ),
        "documents": document_lines(cat, sorted(cat.documents), lang),
        "body_types": body_types(kb, lang),
    }


def body_types(kb: KnowledgeBase, lang: str) -> list[dict[str, str]]:
    cat = kb.catalog
    return [
        {"id": b.id, "label": cat.label(b.iri, lang) or b.id, "regime": b.regime}
        for b in sorted(cat.body_types.values(), key=lambda b: b.id)
    ]


def document_lines(cat: Catalog, numbers: list[int], lang: str) -> list[dict[str, Any]]:
    return [{"number": n, "text": text_of(cat, cat.documents[n].iri, lang)} for n in numbers]


def _requirement_line(cat: Catalog, req_id: str, lang: str) -> dict[str, Any]:
    r = cat.requirements[req_id]
    return {
        "id": r.id,
        "section": r.section,
        "level": r.level,
        "text": text_of(cat, r.iri, lang),
        "evaluated": r.evaluated,
    }


def section(number: int, as_of: dt.date, lang: str, *, kb: KnowledgeBase) -> dict[str, Any]:
    """One section: its requirements, the documents it asks for and the acts behind it."""
    cat = kb.catalog
    if number not in cat.sections:
        raise UsageError(f"unknown section {number}: expected 1..{max(cat.sections)}")
    s = cat.sections[number]
    basis_prop = "legalBasisText" if lang == "ky" else "legalBasisTranslation"
    docs = sorted(n for n, d in cat.documents.items() if number in d.sections)
    return {
        "number": number,
        "title": text_of(cat, s.iri, lang),
        "evaluated": s.evaluated,
        "legal_basis": cat.text(s.iri, basis_prop, lang) or "",
        "requirements": [_requirement_line(cat, r.id, lang) for r in cat.requirements_in(number)],
        "documents": document_lines(cat, docs, lang),
        "acts": applicable_law(cat, as_of, section=number),
    }


def requirement(req_id: str, as_of: dt.date, lang: str, *, kb: KnowledgeBase) -> dict[str, Any]:
    """One requirement: its text, section, parent, documents and the acts it rests on."""
    cat = kb.catalog
    if req_id not in cat.requirements:
        raise UsageError(f"unknown requirement {req_id!r}")
    r = cat.requirements[req_id]
    docs = sorted(n for n, d in cat.documents.items() if req_id in d.requirements)
    children = [x.id for x in cat.requirements.values() if x.parent == req_id]
    return {
        **_requirement_line(cat, req_id, lang),
        "parent": r.parent,
        "children": [_requirement_line(cat, c, lang) for c in sorted(children)],
        "section_title": text_of(cat, cat.sections[r.section].iri, lang),
        "unit_kinds": list(r.unit_kinds),
        "documents": document_lines(cat, docs, lang),
        "acts": applicable_law(cat, as_of, requirement=req_id),
        "body_type_citations": sorted({c.body_type for c in r.citations if c.body_type}),
    }


def act(act_id: str, as_of: dt.date, lang: str, *, kb: KnowledgeBase) -> dict[str, Any]:
    """One act on `as_of`: its standing, provisions cited, changes and successors (the links of
    rules/changes.ttl), and the requirements and sections resting on it."""
    cat = kb.catalog
    if act_id not in cat.acts:
        raise UsageError(f"unknown act {act_id!r}")
    refs = [c for r in cat.requirements.values() for c in r.citations if c.act == act_id]
    impact = impact_of(act_id, as_of, lang, kb=kb)
    return {
        "view": act_view(cat, cat.acts[act_id], as_of, refs),
        "relations": [dataclasses.asdict(r) for r in impact.relations],
        "changes": [_change_line(cat, c, act_id, lang) for c in changes_of(act_id, kb=kb)],
        "sections": [dataclasses.asdict(s) for s in impact.sections],
        "requirements": sorted({q for c in impact.citations for q in c.requirements}),
        "parameters": [dataclasses.asdict(p) for p in impact.parameters],
    }


def _change_line(cat: Catalog, change: Change, act_id: str, lang: str) -> dict[str, Any]:
    """One recorded change, seen from `act_id`: the other act, the provisions, the date."""
    other = change.changing if change.changed == act_id else change.changed
    return {
        "id": change.id,
        "kind": change.kind,
        "made_here": change.changing == act_id,  # this act made the change
        "other": act_head(cat, cat.acts[other]).name[lang],
        "other_id": other,
        "provisions": [cat.label(p, lang) for p in change.provisions],
        "by_item": cat.label(change.changing_provision, lang) if change.changing_provision else "",
        "effective": change.effective.isoformat() if change.effective else None,
        "effective_status": change.effective_status,
    }


def document(number: int, as_of: dt.date, lang: str, *, kb: KnowledgeBase) -> dict[str, Any]:
    """One evidence document: the sections and requirements that ask for it, and their acts."""
    cat = kb.catalog
    if number not in cat.documents:
        raise UsageError(f"unknown document {number}: expected 1..{max(cat.documents)}")
    d = cat.documents[number]
    return {
        "number": number,
        "text": text_of(cat, d.iri, lang),
        "sections": [
            {"number": n, "title": text_of(cat, cat.sections[n].iri, lang), "basis": b}
            for n, b in sorted(d.sections.items())
        ],
        "requirements": [_requirement_line(cat, r, lang) for r in sorted(d.requirements)],
        "acts": applicable_law(cat, as_of, document=number),
    }


def search(query: str, lang: str, *, kb: KnowledgeBase) -> list[dict[str, Any]]:
    """Sections, requirements, documents and acts whose text in any language (Kyrgyz, Russian,
    English) holds every word of `query`, ignoring case and ң ө ү typed as н о у; shown in
    `lang`."""
    if len(query) > MAX_QUERY:
        raise UsageError(f"a search is at most {MAX_QUERY} characters")
    wanted = terms(query)
    if not wanted:
        return []
    cat = kb.catalog
    hits: list[dict[str, Any]] = []

    def texts(iri: str) -> list[str]:
        return [text_of(cat, iri, lg) for lg in LANGS]

    for n, s in sorted(cat.sections.items()):
        if any(matches(wanted, t) for t in [str(n), *texts(s.iri)]):
            hits.append({"kind": "section", "key": str(n), "text": text_of(cat, s.iri, lang)})
    for r in sorted(cat.requirements.values(), key=lambda r: (r.section, r.order)):
        if any(matches(wanted, t) for t in [r.id, *texts(r.iri)]):
            hits.append({"kind": "requirement", "key": r.id, "text": text_of(cat, r.iri, lang)})
    for n, d in sorted(cat.documents.items()):
        if any(matches(wanted, t) for t in texts(d.iri)):
            hits.append({"kind": "document", "key": str(n), "text": text_of(cat, d.iri, lang)})
    for a in sorted(cat.acts):
        head = act_head(cat, cat.acts[a])
        names = [a, head.number or "", *head.name.values(), *(t or "" for t in head.title.values())]
        if any(matches(wanted, t) for t in names):
            hits.append({"kind": "act", "key": a, "text": head.title.get(lang) or head.name[lang]})
    return hits[:MAX_HITS]
