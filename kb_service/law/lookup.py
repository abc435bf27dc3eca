"""Which law applies: the acts behind a section, requirement or document, on a date."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import TYPE_CHECKING, Any

from kb_service.core.languages import LANGS
from kb_service.core.namespaces import RDFS_LABEL, SKOS_NS
from kb_service.core.problems import UsageError
from kb_service.kb.catalog import Act, Catalog, CitationRef, Requirement
from kb_service.law.act_status import successor_phrase
from kb_service.law.validity import validity_on
from kb_service.models.impact import ActHead
from kb_service.models.law import LawLookup

if TYPE_CHECKING:
    from kb_service.kb.knowledge_base import KnowledgeBase


def type_label(catalog: Catalog, type_id: str, lang: str) -> str:
    return catalog.text(catalog.act_types[type_id], RDFS_LABEL, lang) or type_id


def act_name(catalog: Catalog, act: Act, lang: str) -> str:
    """A short name to print: "Law No. 75 of 2016-05-30", in the chosen language."""
    kind = type_label(catalog, act.type_id, lang)
    if act.number is None and act.date is None:  # e.g. the Ethics Code: the memo gives neither
        return kind
    number = act.number or "?"
    date = act.date.isoformat() if act.date else "?"
    if lang == "ky":
        return f"{date} № {number} {kind}"
    if lang == "ru":
        return f"{kind} от {date} № {number}"
    return f"{kind} No. {number} of {date}"


def act_titles(catalog: Catalog, act: Act) -> dict[str, str | None]:
    return {lang: (catalog.label(act.iri, lang) or None) for lang in LANGS}


def view_title(view: dict[str, Any], lang: str) -> str:
    """The title of an act view in `lang`, else its short name in `lang`: never another language."""
    title: str = view["title"].get(lang) or view["name"][lang]
    return title


def _issuer(catalog: Catalog, act: Act) -> dict[str, str | None] | None:
    if not act.issuer:
        return None
    return {lang: catalog.label(act.issuer, lang) or None for lang in LANGS}


def verification_label(catalog: Catalog, code: str, lang: str) -> str:
    iri = catalog.code_iri("VerificationStatus", code)
    return catalog.text(iri, RDFS_LABEL, lang) or code


def shown_successor(catalog: Catalog, act_id: str | None, as_of: dt.date) -> str | None:
    """The id of an act that replaced or repealed another, only on or after its own date."""
    other = catalog.acts.get(act_id) if act_id else None
    if other is None or other.date is None or other.date > as_of:
        return None
    return other.id


def _successor(catalog: Catalog, act_id: str | None, as_of: dt.date) -> dict[str, Any] | None:
    shown = shown_successor(catalog, act_id, as_of)
    if shown is None:
        return None
    return _act_head(catalog, catalog.acts[shown])


def act_head(catalog: Catalog, act: Act) -> ActHead:
    """What names an act: id, type, number, date, titles and short names in every language."""
    return ActHead(
        id=act.id,
        type=act.type_id,
        number=act.number,
        date=act.date.isoformat() if act.date else None,
        title=act_titles(catalog, act),
        name={lang: act_name(catalog, act, lang) for lang in LANGS},
    )


def _repointed(catalog: Catalog, refs: list[CitationRef]) -> list[dict[str, Any]]:
    """The earlier acts the citations of `refs` continue, and from when (a re-pointed citation)."""
    by_iri = catalog.citation_refs
    out: list[dict[str, Any]] = []
    for ref in refs:
        earlier = by_iri.get(ref.repointed_from or "")
        if earlier is not None and all(o["act"]["id"] != earlier.act for o in out):
            head = _act_head(catalog, catalog.acts[earlier.act])
            since = ref.valid_from.isoformat() if ref.valid_from else None
            out.append({"act": head, "since": since, "since_status": ref.valid_from_status})
    return out


def repointed_note(earlier: dict[str, Any], lang: str, labels: dict[str, str]) -> str:
    """ "cited from <date> in place of <act>", the date marked when it is inferred."""
    mark = labels["date_inferred_mark"] if earlier.get("since_status") == "inferred" else ""
    name = earlier["act"]["name"][lang]
    return labels["law_repointed"].format(date=earlier["since"] or "?", act=name, mark=mark)


def _act_head(catalog: Catalog, act: Act) -> dict[str, Any]:
    return dataclasses.asdict(act_head(catalog, act))


def act_view(catalog: Catalog, act: Act, as_of: dt.date, refs: list[CitationRef]) -> dict[str, Any]:
    validity = validity_on(act, as_of)
    return {
        **_act_head(catalog, act),
        "articles": sorted({r.article for r in refs if r.article}),
        "type_label": {lang: type_label(catalog, act.type_id, lang) for lang in LANGS},
        "issuer": _issuer(catalog, act),
        "verification": {
            "number": act.verification("id_local"),
            "date": act.verification("date_document"),
            "issuer": act.verification("issuer"),
        },
        "sources": sorted({s for note in act.facts.values() for s in note.sources}),
        "status": act.status,
        "in_force": validity.in_force,
        "in_force_basis": validity.reason,
        "no_longer_in_force_from": act.until.isoformat() if act.until else None,
        "no_longer_in_force_from_status": act.verification("date_no_longer_in_force"),
        "entry_into_force": act.entry_into_force.isoformat() if act.entry_into_force else None,
        "entry_into_force_status": act.verification("first_date_entry_in_force"),
        "repointed_from": _repointed(catalog, refs),
        "replaced_by": _successor(catalog, act.replaced_by, as_of),
        "repealed_by": _successor(catalog, act.repealed_by, as_of),
        "partly_repealed_by": [
            s for a in act.partly_repealed_by if (s := _successor(catalog, a, as_of))
        ],
        "note": catalog.text(act.iri, SKOS_NS + "editorialNote", "en"),
    }


def _requirements(
    catalog: Catalog, section: int | None, requirement: str | None, document: int | None
) -> list[Requirement]:
    if requirement is not None:
        if requirement not in catalog.requirements:
            known = ", ".join(sorted(catalog.requirements, key=_req_key))
            raise UsageError(f"unknown requirement {requirement!r}: expected one of {known}")
        return [catalog.requirements[requirement]]
    if document is not None:
        if document not in catalog.documents:
            raise UsageError(f"unknown document {document}: expected 1..{max(catalog.documents)}")
        ids = catalog.documents[document].requirements
        return sorted((catalog.requirements[i] for i in ids), key=lambda r: _req_key(r.id))
    if section is not None:
        if section not in catalog.sections:
            raise UsageError(f"unknown section {section}: expected 1..{max(catalog.sections)}")
        return catalog.requirements_in(section)
    return sorted(catalog.requirements.values(), key=lambda r: _req_key(r.id))


def _req_key(req_id: str) -> tuple[int, ...]:
    return tuple(int(p) if p.isdigit() else 0 for p in req_id.split("."))


def check_body_type(catalog: Catalog, body_type: str | None) -> None:
    if body_type is not None and body_type not in catalog.body_types:
        known = ", ".join(sorted(catalog.body_types))
        raise UsageError(f"unknown body type {body_type!r}: expected one of {known}")


def applicable_law(
    catalog: Catalog,
    as_of: dt.date,
    *,
    section: int | None = None,
    requirement: str | None = None,
    document: int | None = None,
    body_type: str | None = None,
) -> list[dict[str, Any]]:
    """The acts that apply, each once, in citation order, with validity on `as_of`."""
    check_body_type(catalog, body_type)
    refs: dict[str, list[CitationRef]] = {}
    cited_for: dict[str, list[str]] = {}
    for req in _requirements(catalog, section, requirement, document):
        for ref in req.citations_for(body_type, as_of):
            refs.setdefault(ref.act, []).append(ref)
            if req.id not in cited_for.setdefault(ref.act, []):
                cited_for[ref.act].append(req.id)
    views = []
    for act_id, act_refs in refs.items():
        view = act_view(catalog, catalog.acts[act_id], as_of, act_refs)
        view["cited_for"] = cited_for[act_id]
        views.append(view)
    return views


def _heading(labels: dict[str, str], scope: dict[str, Any], body_type: str, as_of: dt.date) -> str:
    parts = [
        labels[f"law_{key}"].format(n=value) for key, value in scope.items() if value is not None
    ]
    parts += [body_type] if body_type else []
    return " · ".join([*parts, labels["law_as_of"].format(d=as_of.isoformat())])


def look_up_law(
    as_of: dt.date,
    lang: str,
    *,
    kb: KnowledgeBase,
    section: int | None = None,
    requirement: str | None = None,
    document: int | None = None,
    body_type: str | None = None,
) -> LawLookup:
    """Which law applies, with everything needed to print the answer in `lang`."""
    catalog, cc = kb.catalog, kb.checks
    acts = applicable_law(
        catalog, as_of, section=section, requirement=requirement, document=document,
        body_type=body_type,
    )  # fmt: skip
    labels = catalog.label_table(lang)
    scope = {"section": section, "requirement": requirement, "document": document}
    bt_label = catalog.label(catalog.body_types[body_type].iri, lang) if body_type else ""
    words = lambda key, **values: cc.message(key, lang).format(**values)  # noqa: E731
    codes = {v for a in acts for v in a["verification"].values()}
    reasons = [
        catalog.text(r.iri, "notEvaluatedReason", lang) or ""
        for r in (catalog.requirements_in(section) if section in catalog.sections else [])
        if not r.evaluated
    ]
    return LawLookup(
        as_of=as_of.isoformat(),
        lang=lang,
        heading=_heading(labels, scope, bt_label, as_of),
        acts=tuple(acts),
        verification_words={c: verification_label(catalog, c, lang) for c in sorted(codes)},
        successor_notes={a["id"]: successor_phrase(a, lang, words) for a in acts},
        none_reason=" ".join(reasons),
        kb_revision=kb.revision,
        labels=labels,
    )
