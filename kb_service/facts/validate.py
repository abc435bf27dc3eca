"""Structural checks of a facts dict, in Python, before any RDF is built.

Every problem is collected; nothing raises. Locations are produced by a Locator so the same
checks report "$.trainings[3].date" for JSON and "sheet '5 Окутуулар' row 7" for Excel.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from kb_service.core.problems import Problem
from kb_service.facts.limits import DEFAULT, Limits, shown
from kb_service.facts.schema import (
    BODY_FIELDS,
    BY_KEY,
    COLLECTIONS,
    CONTEXT_URL,
    PERIOD_KEYS,
    TOP_KEYS,
    Collection,
    body_base,
)
from kb_service.facts.value_checks import (
    Locator,
    ValueChecker,
    is_id,
    json_locator,
    one_of,
)
from kb_service.kb.vocabulary import FactsVocabulary

__all__ = ["Locator", "check_structure", "json_locator"]


def _record(ck: ValueChecker, c: Collection, index: int, rec: Any, seen: set[str]) -> None:
    if not isinstance(rec, dict):
        return ck.add(c.key, index, None, "a record must be a JSON object")
    ck.duplicate_keys(c.key, index, rec)
    allowed = {"id", "type", *(f.key for f in c.fields)}
    for key in rec:
        if key not in allowed:
            ck.add(c.key, index, shown(key, 40), "unknown field", one_of(sorted(allowed)))
    rid = rec.get("id")
    if ck.identifier(c.key, index, rid, "id"):
        if rid in seen:
            ck.add(c.key, index, "id", f"duplicate id {rid!r} in {c.key}", "unique ids")
        seen.add(str(rid))
    if rec.get("type") not in (None, c.cls):
        ck.add(c.key, index, "type", f"wrong type {shown(rec['type'])}", c.cls)
    dates: dict[str, dt.date | None] = {}
    for f in c.fields:
        v = rec.get(f.key)
        if v is None:
            if f.required:
                ck.add(c.key, index, f.key, "required value missing")
            continue
        dates[f.key] = ck.value(c.key, index, f, v)
    for earlier, later in c.before:
        a, b = dates.get(earlier), dates.get(later)
        if a is not None and b is not None and b < a:
            ck.add(c.key, index, later, f"{later} {b} is before {earlier} {a}", f">= {earlier}")
    return None


def check_structure(
    data: Any,
    file: str,
    as_of: dt.date,
    vocab: FactsVocabulary,
    locate: Locator = json_locator,
    limits: Limits = DEFAULT,
) -> list[Problem]:
    ck = ValueChecker(file, as_of, vocab, locate, limits)
    if not isinstance(data, dict):
        ck.add(None, None, None, "the top level must be a JSON object")
        return ck.problems
    ck.duplicate_keys(None, None, data)
    for key in data:
        if key not in TOP_KEYS:
            ck.add(None, None, shown(key, 40), "unknown top-level field", one_of(sorted(TOP_KEYS)))
    body_id = data.get("id")
    if not ck.identifier(None, None, body_id, "body id"):
        body_id = None
    if "@context" in data and body_id:
        want = [CONTEXT_URL, {"@base": body_base(body_id)}]
        if data["@context"] != want:
            ck.add(None, None, "@context", "does not match the body id", str(want))
    if data.get("type") not in (None, "Body"):
        ck.add(None, None, "type", f"wrong type {shown(data['type'])}", "Body")
    _check_body_fields(ck, data)
    ids: dict[str, set[str]] = {}
    for c in COLLECTIONS:
        records = data.get(c.key)
        ids[c.key] = set()
        if records is None:
            continue
        if not isinstance(records, list):
            ck.add(c.key, None, None, "must be a list (use [] for 'none')")
            continue
        if len(records) > limits.records_per_kind:
            ck.add(
                c.key,
                None,
                None,
                f"{len(records):,} records",
                f"at most {limits.records_per_kind:,} per kind (the records limit)",
            )
            continue
        for index, rec in enumerate(records):
            _record(ck, c, index, rec, ids[c.key])
    _check_recorded(ck, data)
    _check_refs(ck, data, ids)
    _check_kb(ck, data)
    return ck.problems


def _check_body_fields(ck: ValueChecker, data: dict[str, Any]) -> None:
    period = data.get("period")
    if not isinstance(period, dict):
        ck.add(None, None, "period", "missing or not an object", '{"from": ..., "to": ...}')
        period = {}
    ck.duplicate_keys(None, None, period)
    for key in period:
        if key not in PERIOD_KEYS:
            ck.add(None, None, shown(key, 40), "unknown field of the period", one_of(PERIOD_KEYS))
    dates: dict[str, dt.date | None] = {}
    for f in BODY_FIELDS:
        v = period.get(f.key) if f.key in PERIOD_KEYS else data.get(f.key)
        if v is None:
            if f.required:
                ck.add(None, None, f.key, "required value missing")
            continue
        dates[f.key] = ck.value(None, None, f, v)
    start, end = dates.get("from"), dates.get("to")
    if start and end and end < start:
        ck.add(None, None, "to", f"period ends ({end}) before it starts ({start})", ">= from")
    elif start and end and (end - start).days > ck.limits.period_years * 366:
        days, years = (end - start).days, ck.limits.period_years
        ck.add(None, None, "to", f"a period of {days:,} days", f"at most {years} years")


def _check_recorded(ck: ValueChecker, data: dict[str, Any]) -> None:
    rec = data.get("recorded")
    if rec is None:
        return
    present = {c.key for c in COLLECTIONS if c.key in data}
    if not isinstance(rec, list) or not all(isinstance(r, str) for r in rec):
        ck.add(None, None, "recorded", "must be a list of record-kind keys", one_of(BY_KEY))
        return
    if set(rec) != present:
        ck.add(
            None,
            None,
            "recorded",
            "does not list exactly the record kinds present",
            str(sorted(present)),
        )


def _records(data: dict[str, Any], c: Collection) -> list[tuple[int, dict[str, Any]]]:
    recs = data.get(c.key)
    if not isinstance(recs, list):
        return []
    return [(i, r) for i, r in enumerate(recs) if isinstance(r, dict)]


def _check_refs(ck: ValueChecker, data: dict[str, Any], ids: dict[str, set[str]]) -> None:
    for c in COLLECTIONS:
        refs = [f for f in c.fields if f.kind == "ref"]
        for index, rec in _records(data, c):
            for f in refs:
                v = rec.get(f.key)
                if is_id(v) and v not in ids[f.arg]:
                    known = sorted(ids[f.arg])[:20]
                    ck.add(
                        c.key,
                        index,
                        f.key,
                        f"unknown {f.arg} id {v!r}",
                        one_of(known) if known else f"a record in {f.arg} (none recorded)",
                    )


def _check_kb(ck: ValueChecker, data: dict[str, Any]) -> None:
    body_type = data.get("body_type")
    bt = ck.vocab.body_types.get(body_type) if isinstance(body_type, str) else None
    if bt is None:
        return
    for index, rec in _records(data, BY_KEY["units"]):
        kind = rec.get("kind")
        if isinstance(kind, str) and kind in ck.vocab.unit_kinds and kind not in bt.unit_kinds:
            ck.add("units", index, "kind", f"a {bt.id} has no {kind}", one_of(bt.unit_kinds))
    pairs: set[tuple[Any, Any]] = set()
    for index, rec in _records(data, BY_KEY["documents"]):
        pair = (rec.get("document"), rec.get("unit"))
        if not all(isinstance(v, int | str) for v in pair):
            continue  # a bad value: reported by its own field
        if pair in pairs:
            ck.add(
                "documents",
                index,
                "document",
                f"document {pair[0]} for unit {pair[1]!r} recorded twice",
                "one row each",
            )
        pairs.add(pair)
