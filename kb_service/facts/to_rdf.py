"""Fast JSON -> triples and N-Triples: plain Python, no JSON-LD processing, for evaluation at scale.

Input is a facts dict that passed check_structure(). `facts_triples` gives the triples as the
SHACL pre-check's plain keys (the very statements a parser reads back from the N-Triples: a test
holds it), `ntriples_text` writes them for the store. The graph is the one a JSON-LD processor
gives with ontology/facts-context.jsonld (a test checks this on every example).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
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
    body_base,
    body_iri,
    expand,
)
from kb_service.kb.shacl_precheck import Key, KeyTriple

Locations = dict[str, tuple[str | None, int | None]]  # node IRI -> (collection key, index)
_STRING, _INTEGER, _BOOLEAN, _DATE = (XSD + t for t in ("string", "integer", "boolean", "date"))


Convert = Callable[[str, Any], Key]  # (the body's IRI base, the JSON value) -> the object


def _iri(iri: str) -> Key:
    return ("iri", iri, "", "")


def _converter(f: Field) -> Convert:
    """How one field's value becomes its object, decided once per field."""
    k, arg = f.kind, f.arg
    if k == "str":
        return lambda _, v: ("literal", v, _STRING, "")
    if k in ("int", "doc", "section"):
        return lambda _, v: ("literal", f"{v}", _INTEGER, "")
    if k == "bool":
        return lambda _, v: ("literal", "true" if v else "false", _BOOLEAN, "")
    if k == "date":
        return lambda _, v: ("literal", f"{v}", _DATE, "")
    if k == "code":
        codes = {code: KYZ + local for code, local in CODES[arg].items()}
        return lambda _, v: ("iri", codes[v], "", "")
    if k == "kb":
        return lambda _, v: ("iri", f"{ID_BASE}{arg}/{v}", "", "")
    if k == "ref":
        segment = BY_KEY[arg].segment
        return lambda base, v: ("iri", f"{base}{segment}/{v}", "", "")
    raise ValueError(f"unknown field kind {k}")


def _plan(fields: Iterable[Field]) -> list[tuple[str, str, Convert]]:
    return [(f.key, expand(f.prop), _converter(f)) for f in fields]


_BODY_PLAN = _plan(BODY_FIELDS)
_COLLECTION_PLANS = [(c, _iri(KYZ + c.cls), _plan(c.fields)) for c in COLLECTIONS]
_RECORDED, _BODY_LINK = expand("kyz:recorded"), expand("kyz:body")


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
    base = body_base(body_id)
    b = _iri(body_iri(body_id))
    out: list[KeyTriple] = [(b, RDF_TYPE, _iri(KYZ + "Body"))]
    period = data.get("period") or {}
    for key, prop, convert in _BODY_PLAN:
        value = period.get(key) if key in PERIOD_KEYS else data.get(key)
        if value is not None:
            out.append((b, prop, convert(base, value)))
    if locations is not None:
        locations[b[1]] = (None, None)
    add = out.append
    for c, cls, plan in _COLLECTION_PLANS:
        records = data.get(c.key)
        if records is None:
            continue  # absent = not recorded: no kyz:recorded statement
        add((b, _RECORDED, cls))
        prefix = f"{base}{c.segment}/"
        for index, rec in enumerate(records):
            iri = prefix + rec["id"]  # schema.record_iri
            s = _iri(iri)
            if locations is not None:
                locations[iri] = (c.key, index)
            add((s, RDF_TYPE, cls))
            add((s, _BODY_LINK, b))
            for key, prop, convert in plan:
                value = rec.get(key)
                if value is not None:
                    add((s, prop, convert(base, value)))
    return out


def ntriples_text(triples: list[KeyTriple]) -> str:
    written: dict[Key, str] = {}  # a record's IRI is the subject of all its statements

    def term(key: Key) -> str:
        text = written.get(key)
        if text is None:
            text = _term(key)
            if key[0] == "iri":
                written[key] = text
        return text

    return "".join(f"{term(s)} <{p}> {term(o)} .\n" for s, p, o in triples)


def to_ntriples(data: dict[str, Any], locations: Locations | None = None) -> str:
    """N-Triples of one body's facts; fills `locations` (node IRI -> where it came from)."""
    return ntriples_text(facts_triples(data, locations))
