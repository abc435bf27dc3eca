"""Generate ontology/facts-context.jsonld and ontology/shapes/facts.shapes.ttl from the schema.

Run `python -m kb_service.facts.generate` after changing schema.py; a test keeps both current.
"""

from __future__ import annotations

import json
from typing import Any

from kb_service.core import paths
from kb_service.core.namespaces import ID_NS as ID_BASE
from kb_service.facts.codes import CODES
from kb_service.facts.schema import (
    BODY_FIELDS,
    BY_KEY,
    COLLECTIONS,
    PERIOD_KEYS,
    PREFIXES,
    Collection,
    Field,
)

CONTEXT_PATH = paths.ONTOLOGY_DIR / "facts-context.jsonld"
SHAPES_PATH = paths.SHAPES_DIR / "facts.shapes.ttl"


def _term(f: Field) -> dict[str, Any]:
    t: dict[str, Any] = {"@id": f.prop}
    if f.kind == "date":
        t["@type"] = "xsd:date"
    elif f.kind == "code":
        t["@type"] = "@vocab"
        t["@context"] = {code: f"kyz:{local}" for code, local in CODES[f.arg].items()}
    elif f.kind == "kb":
        t["@type"] = "@vocab"
        t["@context"] = {"@vocab": f"{ID_BASE}{f.arg}/"}
    elif f.kind == "ref":
        # Inside a collection the base is {body}/{segment}/, so "../" reaches the body's base.
        t["@type"] = "@id"
        t["@context"] = {"@base": f"../{BY_KEY[f.arg].segment}/"}
    return t


def build_context() -> dict[str, Any]:
    ctx: dict[str, Any] = {"@version": 1.1, **PREFIXES, "id": "@id", "type": "@type"}
    ctx["Body"] = "kyz:Body"
    ctx.update({c.cls: f"kyz:{c.cls}" for c in COLLECTIONS})
    ctx["period"] = "@nest"
    for f in BODY_FIELDS:
        ctx[f.key] = _term(f) | ({"@nest": "period"} if f.key in PERIOD_KEYS else {})
    ctx["recorded"] = {
        "@id": "kyz:recorded",
        "@type": "@vocab",
        "@context": {c.key: f"kyz:{c.cls}" for c in COLLECTIONS},
    }
    for c in COLLECTIONS:
        scoped: dict[str, Any] = {"@base": f"{c.segment}/"}
        scoped.update({f.key: _term(f) for f in c.fields})
        ctx[c.key] = {"@reverse": "kyz:body", "@context": scoped}
    return {"@context": ctx}


def context_text() -> str:
    # One term per line keeps the file short and diffable.
    terms = build_context()["@context"]
    lines = [f"    {json.dumps(k)}: {json.dumps(v, ensure_ascii=False)}" for k, v in terms.items()]
    return '{\n  "@context": {\n' + ",\n".join(lines) + "\n  }\n}\n"


_DATATYPE = {
    "str": "xsd:string",
    "int": "xsd:integer",
    "bool": "xsd:boolean",
    "date": "xsd:date",
    "doc": "xsd:integer",
    "section": "xsd:integer",
}


def _property_shape(c: Collection | None, f: Field) -> list[str]:
    lines = [f"sh:path {f.prop}", f'sh:name "{f.key}"', "sh:maxCount 1"]
    if f.required:
        lines.append("sh:minCount 1")
    if f.kind in _DATATYPE:
        lines.append(f"sh:datatype {_DATATYPE[f.kind]}")
    if f.kind == "code":
        values = " ".join(f"kyz:{v}" for v in CODES[f.arg].values())
        lines.append(f"sh:in ( {values} )")
    elif f.kind == "kb":
        lines += ["sh:nodeKind sh:IRI", f'sh:pattern "^{ID_BASE}{f.arg}/"']
    elif f.kind == "ref":
        lines.append(f"sh:class kyz:{BY_KEY[f.arg].cls}")
    minimum = 1 if f.kind == "doc" else f.minimum
    if minimum is not None:
        lines.append(f"sh:minInclusive {minimum}")
    if f.maximum is not None:
        lines.append(f"sh:maxInclusive {f.maximum}")
    if c is not None:
        for earlier, later in c.before:
            if f.key == earlier:
                lines.append(f"sh:lessThanOrEquals {c_prop(c, later)}")
    lines.append(f'sh:message "{f.key}: {_message(f)}"')
    return lines


def c_prop(c: Collection, key: str) -> str:
    return next(f.prop for f in c.fields if f.key == key)


def _message(f: Field) -> str:
    if f.kind == "code":
        return "one value of " + ", ".join(CODES[f.arg])
    if f.kind == "ref":
        return f"the id of a record in '{f.arg}'"
    if f.kind == "kb":
        return f"a known {f.arg} id"
    return {
        "str": "one text",
        "int": "one whole number",
        "bool": "true or false",
        "date": "one date (YYYY-MM-DD)",
        "doc": "one evidence-document number",
        "section": "one memo section number",
    }[f.kind] + (", required" if f.required else "")


def _node_shape(name: str, cls: str, props: list[list[str]]) -> str:
    out = [f"fsh:{name} a sh:NodeShape ;", f"    sh:targetClass kyz:{cls} ;"]
    for i, p in enumerate(props):
        end = " ." if i == len(props) - 1 else " ;"
        out.append(f"    sh:property [ {' ; '.join(p)} ]{end}")
    return "\n".join(out)


def shapes_text() -> str:
    head = [
        "# SHACL shapes of the facts graph. GENERATED from kb_service/facts/schema.py by",
        "# `python -m kb_service.facts.generate`; edit the schema, not this file.",
        "# Membership in the KB (known body type, unit kinds of the body type, document numbers)",
        "# and dates after the as-of date are checked in Python, which reads rules/.",
        "@prefix sh:   <http://www.w3.org/ns/shacl#> .",
        *(f"@prefix {p}: <{iri}> ." for p, iri in PREFIXES.items()),
        "@prefix fsh:  <https://w3id.org/kyzmat-kb/shapes/facts#> .",
        "",
        "",
    ]
    body_props = [_property_shape(None, f) for f in BODY_FIELDS]
    body_props.append(
        [
            "sh:path kyz:recorded",
            "sh:nodeKind sh:IRI",
            'sh:message "recorded: the class of a record kind"',
        ]
    )
    shapes = [_node_shape("BodyShape", "Body", body_props)]
    back = [
        "sh:path kyz:body",
        "sh:minCount 1",
        "sh:maxCount 1",
        "sh:class kyz:Body",
        'sh:message "every record belongs to exactly one body"',
    ]
    for c in COLLECTIONS:
        props = [back] + [_property_shape(c, f) for f in c.fields]
        shapes.append(_node_shape(f"{c.cls}Shape", c.cls, props))
    return "\n".join(head) + "\n\n".join(shapes) + "\n"


def main() -> None:
    CONTEXT_PATH.write_text(context_text(), encoding="utf-8")
    SHAPES_PATH.write_text(shapes_text(), encoding="utf-8")
    print(f"wrote {CONTEXT_PATH} and {SHAPES_PATH}")


if __name__ == "__main__":
    main()
