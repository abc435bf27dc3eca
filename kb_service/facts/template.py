"""Blank facts files for one body type (JSON or Excel), and filling a workbook from JSON."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from kb_service.core.output_file import check_target, write_file
from kb_service.core.problems import FactsError, Problem
from kb_service.facts.schema import COLLECTIONS, CONTEXT_URL, body_base
from kb_service.kb.knowledge_base import KnowledgeBase
from kb_service.kb.vocabulary import FactsVocabulary, facts_vocabulary

UNIT_IDS = {"central-apparatus": "ca", "departmental-units": "du1", "territorial-units": "tu1"}


def _body_type(vocab: FactsVocabulary, body_type: str) -> None:
    if body_type not in vocab.body_types:
        raise FactsError(
            [
                Problem(
                    "template",
                    f"unknown body type {body_type!r}",
                    "--body-type",
                    "body_type",
                    "one of: " + ", ".join(vocab.body_types),
                )
            ]
        )


def blank_facts(body_type: str, *, kb: KnowledgeBase, placeholders: bool = True) -> dict[str, Any]:
    """A facts dict with the body type's units and a row per evidence document and unit
    (documents of the sections that are evaluated only)."""
    vocab = facts_vocabulary(kb)
    _body_type(vocab, body_type)
    kinds = vocab.body_types[body_type].unit_kinds
    units = [
        {
            "id": UNIT_IDS.get(k, k),
            "type": "Unit",
            "kind": k,
            "name": None,
            "staff_approved": None,
            "staff_actual": None,
        }
        for k in kinds
    ]
    docs = [
        {
            "id": f"d{d.number:02d}-{u['id']}",
            "type": "DocumentSeen",
            "document": d.number,
            "unit": u["id"],
            "status": None,
            "number": None,
            "date": None,
            "note": None,
        }
        for u in units
        for d in vocab.evaluated_documents()
    ]
    data: dict[str, Any] = {
        "@context": [CONTEXT_URL, {"@base": body_base("BODY-ID")}],
        "id": "BODY-ID",
        "type": "Body",
        "name": None,
        "body_type": body_type,
        "period": {"from": None, "to": None},
        "monitoring_date": None,
        "donor_trained_database": None,
        "units": units,
        "documents": docs,
    }
    for c in COLLECTIONS if placeholders else ():
        if c.key in ("units", "documents"):
            continue
        data[c.key] = [{"id": None, "type": c.cls, **{f.key: None for f in c.fields}}]
    return data


def write_template(
    body_type: str, fmt: str, out: Path, *, kb: KnowledgeBase, force: bool = False
) -> None:
    """A blank facts file; an existing `out` is replaced only with `force` (kb template --force)."""
    check_target(out, force=force)  # before loading anything
    write_file(template_bytes(body_type, fmt, kb=kb), out, force=force)


def template_bytes(body_type: str, fmt: str, *, kb: KnowledgeBase) -> bytes:
    _body_type(facts_vocabulary(kb), body_type)
    if fmt == "json":
        text = json.dumps(blank_facts(body_type, kb=kb), ensure_ascii=False, indent=2)
        return (text + "\n").encode("utf-8")
    if fmt == "xlsx":
        from kb_service.facts.workbook import workbook_bytes

        return workbook_bytes(blank_facts(body_type, kb=kb, placeholders=False), kb=kb)
    raise FactsError(
        [Problem("template", f"unknown format {fmt!r}", "--format", "format", "json or xlsx")]
    )


__all__ = ["blank_facts", "template_bytes", "write_template"]
