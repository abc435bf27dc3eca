"""Which facts each check reads, derived from its SPARQL (queries/checks/*.rq) and the facts
schema, so docs/facts-format.md can be held to it."""

from __future__ import annotations

import re

from kb_service.facts.schema import BODY_FIELDS, COLLECTIONS, Field

_TERM = re.compile(r"\b(kyz|dct):(\w+)")


def _terms(text: str) -> set[str]:
    body = "\n".join(line for line in text.splitlines() if not line.startswith(("#", "PREFIX")))
    return {f"{p}:{n}" for p, n in _TERM.findall(body)}


def facts_read(query_text: str) -> set[str]:
    """'collection.field' keys (and body-level keys) the query reads."""
    terms = _terms(query_text)
    used = [c for c in COLLECTIONS if f"kyz:{c.cls}" in terms]
    keys = {f"{c.key}.{f.key}" for c in used for f in c.fields if f.prop in terms}
    by_key = {c.key: c for c in COLLECTIONS}
    for c in used:  # one step along the references the query follows (servant -> its unit)
        for f in c.fields:
            if f.kind == "ref" and f.prop in terms and f.arg != "units":
                target = by_key[f.arg]
                refs = _followed(query_text, f, target.fields)
                keys |= {f"{target.key}.{g}" for g in refs}
    keys |= {f.key for f in BODY_FIELDS if f.prop in terms}
    return keys


def _followed(text: str, ref: Field, fields: tuple[Field, ...]) -> set[str]:
    """Fields of the referenced record the query reads through `ref` (path or a joined variable)."""
    out = set()
    for g in fields:
        if re.search(rf"{re.escape(ref.prop)}/{re.escape(g.prop)}\b", text):
            out.add(g.key)
        m = re.search(rf"{re.escape(ref.prop)}\s+\?(\w+)", text)
        if m and re.search(rf"\?{m.group(1)}\s+{re.escape(g.prop)}\b", text):
            out.add(g.key)
    return out
