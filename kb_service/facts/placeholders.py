"""Untouched parts of a blank template mean "not recorded" (docs/facts-format.md, "Filling in the
template bit by bit").

`kb template` writes one placeholder record per record kind (every field null) and one slot per
evidence document and unit (its `id`, `document` and `unit` filled in, the rest null). A
placeholder or slot left as written is dropped before validation; a list left with nothing but
placeholders is dropped too, so the kind counts as not recorded. `[]` still means "there are none".
Records keep their place in the file: problems are reported at the index the user sees.
"""

from __future__ import annotations

import copy
from typing import Any

from kb_service.facts.schema import COLLECTIONS

# the keys the template fills in itself, which do not make a record "touched"
PREFILLED = {"documents": frozenset({"id", "type", "document", "unit"})}
TYPE_ONLY = frozenset({"type"})

IndexMap = dict[tuple[str, int], int]  # (record kind, index after dropping) -> index in the file


def is_placeholder(key: str, record: Any) -> bool:
    """A record as the template wrote it: nothing but the template's own keys has a value."""
    if not isinstance(record, dict):
        return False
    prefilled = PREFILLED.get(key, TYPE_ONLY)
    return all(v is None for k, v in record.items() if k not in prefilled)


def drop_placeholders(data: Any) -> tuple[Any, IndexMap]:
    """`data` without untouched placeholders (the input is not changed), and where each kept
    record sits in the file."""
    if not isinstance(data, dict):
        return data, {}
    # a shallow copy of the same type keeps what the reader noted on it (its duplicate keys)
    out, places = copy.copy(data), {}
    for c in COLLECTIONS:
        records = out.get(c.key)
        if not isinstance(records, list) or not records:
            continue  # absent, malformed (validation reports it) or [] ("none")
        kept = [(i, r) for i, r in enumerate(records) if not is_placeholder(c.key, r)]
        if not kept:
            del out[c.key]  # nothing but placeholders: not recorded
            continue
        out[c.key] = [r for _, r in kept]
        places.update({(c.key, new): old for new, (old, _) in enumerate(kept)})
    return out, places
