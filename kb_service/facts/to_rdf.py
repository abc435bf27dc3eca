"""Fast JSON -> N-Triples: plain Python, no JSON-LD processing, for evaluation at scale.

Input is a facts dict that passed check_structure(). The output is the same graph a JSON-LD
processor gives with ontology/facts-context.jsonld (a test checks this on every example).
"""

from __future__ import annotations

from typing import Any

from kb_service.core.namespaces import ID_NS as ID_BASE
from kb_service.core.namespaces import KYZ_NS as KYZ
from kb_service.core.namespaces import RDF_TYPE
from kb_service.core.namespaces import XSD_NS as XSD
from kb_service.facts.codes import CODES
from kb_service.facts.schema import (
    BODY_FIELDS,
    BY_KEY,
    COLLECTIONS,
    PERIOD_KEYS,
    Field,
    body_iri,
    expand,
    record_iri,
)

Locations = dict[str, tuple[str | None, int | None]]  # node IRI -> (collection key, index)


def _p(curie: str) -> str:
    return f"<{expand(curie)}>"


def _lit(text: str) -> str:
    esc = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    return f'"{esc}"'


def _object(body_id: str, f: Field, value: Any) -> str:
    k = f.kind
    if k == "str":
        return _lit(value)
    if k in ("int", "doc", "section"):
        return f'"{value}"^^<{XSD}integer>'
    if k == "bool":
        return f'"{"true" if value else "false"}"^^<{XSD}boolean>'
    if k == "date":
        return f'"{value}"^^<{XSD}date>'
    if k == "code":
        return f"<{KYZ}{CODES[f.arg][value]}>"
    if k == "kb":
        return f"<{ID_BASE}{f.arg}/{value}>"
    if k == "ref":
        return f"<{record_iri(body_id, BY_KEY[f.arg], value)}>"
    raise ValueError(f"unknown field kind {k}")


def to_ntriples(data: dict[str, Any], locations: Locations | None = None) -> str:
    """N-Triples of one body's facts; fills `locations` (node IRI -> where it came from)."""
    body_id = data["id"]
    b = f"<{body_iri(body_id)}>"
    out = [f"{b} <{RDF_TYPE}> <{KYZ}Body> ."]
    period = data.get("period") or {}
    for f in BODY_FIELDS:
        value = period.get(f.key) if f.key in PERIOD_KEYS else data.get(f.key)
        if value is not None:
            out.append(f"{b} {_p(f.prop)} {_object(body_id, f, value)} .")
    if locations is not None:
        locations[body_iri(body_id)] = (None, None)
    recorded = _p("kyz:recorded")
    body_link = _p("kyz:body")
    for c in COLLECTIONS:
        records = data.get(c.key)
        if records is None:
            continue  # absent = not recorded: no kyz:recorded statement
        out.append(f"{b} {recorded} <{KYZ}{c.cls}> .")
        cls = f"<{KYZ}{c.cls}>"
        for index, rec in enumerate(records):
            iri = record_iri(body_id, c, rec["id"])
            s = f"<{iri}>"
            if locations is not None:
                locations[iri] = (c.key, index)
            out.append(f"{s} <{RDF_TYPE}> {cls} .")
            out.append(f"{s} {body_link} {b} .")
            for f in c.fields:
                value = rec.get(f.key)
                if value is not None:
                    out.append(f"{s} {_p(f.prop)} {_object(body_id, f, value)} .")
    return "\n".join(out) + "\n"
