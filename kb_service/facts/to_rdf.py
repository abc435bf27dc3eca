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
from kb_service.kb.shacl_precheck import Key, KeyTriple

Locations = dict[str, tuple[str | None, int | None]]  # node IRI -> (collection key, index)
_STRING, _INTEGER, _BOOLEAN, _DATE = (XSD + t for t in ("string", "integer", "boolean", "date"))


def _iri(iri: str) -> Key:
    return ("iri", iri, "", "")


def _literal(text: str, datatype: str) -> Key:
    return ("literal", text, datatype, "")


def _object(body_id: str, f: Field, value: Any) -> Key:
    k = f.kind
    if k == "str":
        return _literal(value, _STRING)
    if k in ("int", "doc", "section"):
        return _literal(f"{value}", _INTEGER)
    if k == "bool":
        return _literal("true" if value else "false", _BOOLEAN)
    if k == "date":
        return _literal(f"{value}", _DATE)
    if k == "code":
        return _iri(KYZ + CODES[f.arg][value])
    if k == "kb":
        return _iri(f"{ID_BASE}{f.arg}/{value}")
    if k == "ref":
        return _iri(record_iri(body_id, BY_KEY[f.arg], value))
    raise ValueError(f"unknown field kind {k}")


def _term(key: Key) -> str:
    """A key as N-Triples writes it (plain strings without their datatype)."""
    kind, value, datatype, _ = key
    if kind == "iri":
        return f"<{value}>"
    esc = value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    return f'"{esc}"' if datatype == _STRING else f'"{esc}"^^<{datatype}>'


def facts_triples(data: dict[str, Any], locations: Locations | None = None) -> list[KeyTriple]:
    """The triples of one body's facts; fills `locations` (node IRI -> where it came from)."""
    body_id = data["id"]
    b = _iri(body_iri(body_id))
    out: list[KeyTriple] = [(b, RDF_TYPE, _iri(KYZ + "Body"))]
    period = data.get("period") or {}
    for f in BODY_FIELDS:
        value = period.get(f.key) if f.key in PERIOD_KEYS else data.get(f.key)
        if value is not None:
            out.append((b, expand(f.prop), _object(body_id, f, value)))
    if locations is not None:
        locations[b[1]] = (None, None)
    recorded, body_link = expand("kyz:recorded"), expand("kyz:body")
    for c in COLLECTIONS:
        records = data.get(c.key)
        if records is None:
            continue  # absent = not recorded: no kyz:recorded statement
        cls = _iri(KYZ + c.cls)
        out.append((b, recorded, cls))
        props = [(f, expand(f.prop)) for f in c.fields]
        for index, rec in enumerate(records):
            iri = record_iri(body_id, c, rec["id"])
            s = _iri(iri)
            if locations is not None:
                locations[iri] = (c.key, index)
            out.append((s, RDF_TYPE, cls))
            out.append((s, body_link, b))
            for f, prop in props:
                value = rec.get(f.key)
                if value is not None:
                    out.append((s, prop, _object(body_id, f, value)))
    return out


def ntriples_text(triples: list[KeyTriple]) -> str:
    return "".join(f"{_term(s)} <{p}> {_term(o)} .\n" for s, p, o in triples)


def to_ntriples(data: dict[str, Any], locations: Locations | None = None) -> str:
    """N-Triples of one body's facts; fills `locations` (node IRI -> where it came from)."""
    return ntriples_text(facts_triples(data, locations))
