"""The observation form, generated from the facts format (kb_service.facts.schema) and the
knowledge base, section by section: only the record kinds and evidence documents of the body
type, labelled with the facts vocabulary's words (ontology/facts.ttl) in the page's language.
Posted fields are read back into the facts JSON, which the facts validator then checks."""

from __future__ import annotations

import copy
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from kb_service.core.namespaces import KYZ_NS as KYZ
from kb_service.facts.codes import CODES
from kb_service.facts.schema import COLLECTIONS, Collection, Field, expand
from kb_service.facts.xlsx_layout import xlsx_layout
from kb_service.kb.knowledge_base import KnowledgeBase
from kb_service.kb.vocabulary import facts_vocabulary

BLANK_ROWS = 3  # empty rows offered under the records of a kind
MAX_ROWS = 500  # rows of one kind read from one post
REFERENCED = {"units", "servants", "orders"}  # kinds other kinds name by id


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    kind: str  # text | number | date | select
    options: tuple[tuple[str, str], ...] = ()  # (value, label) of a select
    required: bool = False


@dataclass(frozen=True)
class Table:
    key: str  # the collection's JSON key
    label: str
    columns: tuple[Column, ...]
    rows: tuple[dict[str, str], ...]  # the records as the form shows them (strings)
    given: bool  # recorded (possibly none)
    none: bool  # recorded as none


def _label(labels: Mapping[str, Mapping[str, str]], iri: str, lang: str) -> str:
    words = labels.get(iri, {})
    return words.get(lang) or words.get("ky") or iri.rsplit("#", 1)[-1]


def _options(f: Field, facts: Mapping[str, Any], lang: str, kb: KnowledgeBase) -> list[Any]:
    vocab = facts_vocabulary(kb)
    if f.kind == "code":
        return code_options(f.arg, lang, kb)
    if f.kind == "bool":
        return [("true", kb.catalog.label_table(lang)["yes"]),
                ("false", kb.catalog.label_table(lang)["no"])]  # fmt: skip
    if f.kind == "ref":
        return [(r["id"], r["id"]) for r in facts.get(f.arg) or () if r.get("id")]
    if f.kind == "kb" and f.arg == "unit-kind":
        bt = vocab.body_types.get(facts.get("body_type", ""))
        kinds = bt.unit_kinds if bt else vocab.unit_kinds
        return [(k, kb.catalog.label(KYZ + k, lang) or k) for k in kinds]
    if f.kind == "kb" and f.arg == "act":
        return [(a, a) for a in vocab.acts]
    return []


def code_options(codes: str, lang: str, kb: KnowledgeBase) -> list[tuple[str, str]]:
    labels = xlsx_layout(kb).labels
    return [(c, _label(labels, KYZ + local, lang)) for c, local in CODES[codes].items()]


def _column(f: Field, facts: Mapping[str, Any], lang: str, kb: KnowledgeBase) -> Column:
    label = _label(xlsx_layout(kb).labels, expand(f.prop), lang)
    if f.kind in ("code", "bool", "ref", "kb"):
        return Column(f.key, label, "select", tuple(_options(f, facts, lang, kb)), f.required)
    kind = {"int": "number", "doc": "number", "section": "number", "date": "date"}
    return Column(f.key, label, kind.get(f.kind, "text"), (), f.required)


def shown(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def collections_of(section: int) -> list[Collection]:
    """The record kinds asked in a section (units in section 1; documents have their own table)."""
    return [c for c in COLLECTIONS if c.section == section]


def tables(section: int, facts: Mapping[str, Any], lang: str, kb: KnowledgeBase) -> list[Table]:
    labels = xlsx_layout(kb).labels
    out = []
    for c in collections_of(section):
        records = facts.get(c.key)
        cols = [Column("id", _label(labels, expand("dct:identifier"), lang), "text", (), True)]
        cols += [_column(f, facts, lang, kb) for f in c.fields]
        rows = [{k.key: shown(r.get(k.key)) for k in cols} for r in records or ()]
        rows += [{k.key: "" for k in cols} for _ in range(BLANK_ROWS)]
        label = _label(labels, KYZ + c.cls, lang)
        given = records is not None
        out.append(Table(c.key, label, tuple(cols), tuple(rows), given, given and not records))
    return out


def document_slots(section: int, facts: Mapping[str, Any], kb: KnowledgeBase) -> list[int]:
    """Indexes in facts["documents"] of the evidence documents the section asks for."""
    docs = kb.catalog.documents
    return [
        i
        for i, d in enumerate(facts.get("documents") or ())
        if section in getattr(docs.get(d.get("document")), "sections", {})
    ]


def complete(section: int, facts: Mapping[str, Any], kb: KnowledgeBase) -> bool:
    """Every kind of the section is recorded (or recorded as none) and every evidence document
    it asks for has a status in every unit."""
    kinds = all(facts.get(c.key) is not None for c in collections_of(section))
    docs = facts.get("documents") or []
    return kinds and all(docs[i].get("status") for i in document_slots(section, facts, kb))


def _value(f: Field | None, text: str) -> Any:
    if f is not None and f.kind == "bool":
        return {"true": True, "false": False}.get(text, text)
    if f is not None and f.kind in ("int", "doc", "section"):
        return int(text) if text.lstrip("-").isdigit() and len(text) < 20 else text
    return text


def _records(c: Collection, form: Mapping[str, str]) -> list[dict[str, Any]]:
    fields = {f.key: f for f in c.fields}
    out = []
    for n in range(MAX_ROWS):
        keys = ["id", *fields]
        if f"{c.key}.{n}.id" not in form:
            break
        values = {k: (form.get(f"{c.key}.{n}.{k}") or "").strip() for k in keys}
        if not any(values.values()):
            continue  # an empty row
        record: dict[str, Any] = {"type": c.cls}
        for k, text in values.items():
            if text:
                record[k] = _value(fields.get(k), text)
        out.append(record)
    return out


def merged(
    section: int, facts: Mapping[str, Any], form: Mapping[str, str], kb: KnowledgeBase
) -> dict[str, Any]:
    """The facts with the section's kinds and document slots as posted."""
    data = copy.deepcopy(dict(facts))
    for c in collections_of(section):
        records = _records(c, form)
        if records or form.get(f"{c.key}.none") == "yes":
            data[c.key] = records
        else:
            data.pop(c.key, None)  # nothing entered: not recorded
    docs = data.get("documents") or []
    for i in document_slots(section, data, kb):
        for key in ("status", "number", "date", "note"):
            text = (form.get(f"documents.{i}.{key}") or "").strip()
            docs[i][key] = text or None
    data["recorded"] = [c.key for c in COLLECTIONS if data.get(c.key) is not None]
    return data


def merged_upload(facts: Mapping[str, Any], upload: Mapping[str, Any]) -> dict[str, Any]:
    """The facts with every kind the upload records taken from it (the rest kept); a document
    slot the upload leaves without a status keeps the one entered in the form."""
    data = copy.deepcopy(dict(facts))
    kept = {(d.get("document"), d.get("unit")): d for d in data.get("documents") or ()}
    for c in COLLECTIONS:
        if upload.get(c.key) is not None:
            data[c.key] = copy.deepcopy(upload[c.key])
    for i, slot in enumerate(data.get("documents") or ()):
        old = kept.get((slot.get("document"), slot.get("unit")))
        if old is not None and old.get("status") and not slot.get("status"):
            data["documents"][i] = old
    for key in ("period", "monitoring_date", "donor_trained_database"):
        if upload.get(key) is not None:
            data[key] = copy.deepcopy(upload[key])
    data["recorded"] = [c.key for c in COLLECTIONS if data.get(c.key) is not None]
    return data
