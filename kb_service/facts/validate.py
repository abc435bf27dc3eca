"""Structural checks of a facts dict, in Python, before any RDF is built.

Every problem is collected; nothing raises. Locations are produced by a Locator so the same
checks report "$.trainings[3].date" for JSON and "sheet '5 Окутуулар' row 7" for Excel.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any

from kb_service.facts.codes import CODES
from kb_service.facts.errors import FactsProblem
from kb_service.facts.kb import KB
from kb_service.facts.schema import (
    BODY_FIELDS,
    BY_KEY,
    COLLECTIONS,
    CONTEXT_URL,
    ID_RE,
    PERIOD_KEYS,
    TOP_KEYS,
    Collection,
    Field,
    body_base,
)

# (collection key or None for the body, record index or None, field key or None) -> location
Locator = Callable[[str | None, int | None, str | None], tuple[str, str]]
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def json_locator(coll: str | None, index: int | None, field: str | None) -> tuple[str, str]:
    path = "$"
    if coll is not None:
        path += f".{coll}" + (f"[{index}]" if index is not None else "")
    if field in PERIOD_KEYS and coll is None:
        path += ".period"
    if field:
        path += f".{field}"
    return path, field or ""


def _one_of(values: Any) -> str:
    return "one of: " + ", ".join(str(v) for v in values)


class _Checker:
    def __init__(self, file: str, as_of: dt.date, kb: KB, locate: Locator) -> None:
        self.file, self.as_of, self.kb, self.locate = file, as_of, kb, locate
        self.problems: list[FactsProblem] = []

    def add(
        self,
        coll: str | None,
        index: int | None,
        field: str | None,
        message: str,
        expected: str = "",
    ) -> None:
        location, shown = self.locate(coll, index, field)
        self.problems.append(FactsProblem(self.file, location, shown, message, expected))

    def value(self, coll: str | None, index: int | None, f: Field, v: Any) -> Any:
        """Check one value; return its date for dates, None when it is wrong."""
        where = (coll, index, f.key)
        if f.kind == "str":
            if not isinstance(v, str):
                return self.add(*where, f"not a text: {v!r}", "a string")
        elif f.kind in ("int", "doc"):
            if isinstance(v, bool) or not isinstance(v, int):
                return self.add(*where, f"not a whole number: {v!r}", "an integer")
            if f.kind == "doc" and v not in self.kb.documents:
                nums = list(self.kb.documents)
                rng = f"{min(nums)}..{max(nums)}" if nums else "a number from rules/documents.ttl"
                return self.add(*where, f"unknown evidence document {v}", rng)
            if f.minimum is not None and v < f.minimum:
                return self.add(*where, f"{v} is below {f.minimum}", f">= {f.minimum}")
            if f.maximum is not None and v > f.maximum:
                return self.add(*where, f"{v} is above {f.maximum}", f"<= {f.maximum}")
        elif f.kind == "bool":
            if not isinstance(v, bool):
                return self.add(*where, f"not true/false: {v!r}", "true or false")
        elif f.kind == "date":
            return self.date(coll, index, f, v)
        elif f.kind == "code":
            if v not in CODES[f.arg]:
                return self.add(*where, f"unknown value {v!r}", _one_of(CODES[f.arg]))
        elif f.kind == "kb":
            known = {"body-type": self.kb.body_types, "act": self.kb.acts}.get(
                f.arg, self.kb.unit_kinds
            )
            if v not in known:
                return self.add(*where, f"unknown {f.arg} {v!r}", _one_of(known))
        elif f.kind == "ref":
            if not isinstance(v, str):
                return self.add(*where, f"not an id: {v!r}", f"the id of a record in {f.arg}")
        return None

    def date(self, coll: str | None, index: int | None, f: Field, v: Any) -> dt.date | None:
        where = (coll, index, f.key)
        if not isinstance(v, str) or not DATE_RE.match(v):
            return self.add(*where, f"not a date: {v!r}", "YYYY-MM-DD")
        try:
            d = dt.date.fromisoformat(v)
        except ValueError as exc:
            return self.add(*where, f"impossible date {v} ({exc})", "a real calendar date")
        if not f.future_ok and d > self.as_of:
            self.add(*where, f"{v} is after the as-of date {self.as_of}", f"<= {self.as_of}")
        return d

    def record(self, c: Collection, index: int, rec: Any, seen: set[str]) -> None:
        if not isinstance(rec, dict):
            return self.add(c.key, index, None, "a record must be a JSON object")
        allowed = {"id", "type", *(f.key for f in c.fields)}
        for key in rec:
            if key not in allowed:
                self.add(c.key, index, key, "unknown field", _one_of(sorted(allowed)))
        rid = rec.get("id")
        if not isinstance(rid, str) or not ID_RE.match(rid):
            self.add(
                c.key,
                index,
                "id",
                f"missing or bad id {rid!r}",
                "letters, digits, '.', '_' or '-' (max 64)",
            )
        elif rid in seen:
            self.add(c.key, index, "id", f"duplicate id {rid!r} in {c.key}", "unique ids")
        else:
            seen.add(rid)
        if rec.get("type") not in (None, c.cls):
            self.add(c.key, index, "type", f"wrong type {rec['type']!r}", c.cls)
        dates: dict[str, dt.date | None] = {}
        for f in c.fields:
            v = rec.get(f.key)
            if v is None:
                if f.required:
                    self.add(c.key, index, f.key, "required value missing")
                continue
            dates[f.key] = self.value(c.key, index, f, v)
        for earlier, later in c.before:
            a, b = dates.get(earlier), dates.get(later)
            if a is not None and b is not None and b < a:
                self.add(
                    c.key, index, later, f"{later} {b} is before {earlier} {a}", f">= {earlier}"
                )
        return None


def check_structure(
    data: Any, file: str, as_of: dt.date, kb: KB, locate: Locator = json_locator
) -> list[FactsProblem]:
    ck = _Checker(file, as_of, kb, locate)
    if not isinstance(data, dict):
        ck.add(None, None, None, "the top level must be a JSON object")
        return ck.problems
    for key in data:
        if key not in TOP_KEYS:
            ck.add(None, None, key, "unknown top-level field", _one_of(sorted(TOP_KEYS)))
    body_id = data.get("id")
    if not isinstance(body_id, str) or not ID_RE.match(body_id):
        ck.add(
            None,
            None,
            "id",
            f"missing or bad body id {body_id!r}",
            "letters, digits, '.', '_' or '-' (max 64)",
        )
        body_id = None
    if "@context" in data and body_id:
        want = [CONTEXT_URL, {"@base": body_base(body_id)}]
        if data["@context"] != want:
            ck.add(None, None, "@context", "does not match the body id", str(want))
    if data.get("type") not in (None, "Body"):
        ck.add(None, None, "type", f"wrong type {data['type']!r}", "Body")
    period = data.get("period")
    if not isinstance(period, dict):
        ck.add(None, None, "period", "missing or not an object", '{"from": ..., "to": ...}')
        period = {}
    body_dates: dict[str, dt.date | None] = {}
    for f in BODY_FIELDS:
        v = period.get(f.key) if f.key in PERIOD_KEYS else data.get(f.key)
        if v is None:
            if f.required:
                ck.add(None, None, f.key, "required value missing")
            continue
        body_dates[f.key] = ck.value(None, None, f, v)
    if (a := body_dates.get("from")) and (b := body_dates.get("to")) and b < a:
        ck.add(None, None, "to", f"period ends ({b}) before it starts ({a})", ">= from")
    ids: dict[str, set[str]] = {}
    for c in COLLECTIONS:
        records = data.get(c.key)
        ids[c.key] = set()
        if records is None:
            continue
        if not isinstance(records, list):
            ck.add(c.key, None, None, "must be a list (use [] for 'none')")
            continue
        for index, rec in enumerate(records):
            ck.record(c, index, rec, ids[c.key])
    _check_recorded(ck, data)
    _check_refs(ck, data, ids)
    _check_kb(ck, data)
    return ck.problems


def _check_recorded(ck: _Checker, data: dict[str, Any]) -> None:
    rec = data.get("recorded")
    if rec is None:
        return
    present = {c.key for c in COLLECTIONS if c.key in data}
    if not isinstance(rec, list) or not all(isinstance(r, str) for r in rec):
        ck.add(None, None, "recorded", "must be a list of record-kind keys", _one_of(BY_KEY))
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


def _check_refs(ck: _Checker, data: dict[str, Any], ids: dict[str, set[str]]) -> None:
    for c in COLLECTIONS:
        refs = [f for f in c.fields if f.kind == "ref"]
        for index, rec in _records(data, c):
            for f in refs:
                v = rec.get(f.key)
                if isinstance(v, str) and v not in ids[f.arg]:
                    known = sorted(ids[f.arg])[:20]
                    ck.add(
                        c.key,
                        index,
                        f.key,
                        f"unknown {f.arg} id {v!r}",
                        _one_of(known) if known else f"a record in {f.arg} (none recorded)",
                    )


def _check_kb(ck: _Checker, data: dict[str, Any]) -> None:
    bt = ck.kb.body_types.get(data.get("body_type"))  # type: ignore[arg-type]
    if bt is None:
        return
    for index, rec in _records(data, BY_KEY["units"]):
        kind = rec.get("kind")
        if kind in ck.kb.unit_kinds and kind not in bt.unit_kinds:
            ck.add("units", index, "kind", f"a {bt.id} has no {kind}", _one_of(bt.unit_kinds))
    pairs: set[tuple[Any, Any]] = set()
    for index, rec in _records(data, BY_KEY["documents"]):
        pair = (rec.get("document"), rec.get("unit"))
        if pair in pairs:
            ck.add(
                "documents",
                index,
                "document",
                f"document {pair[0]} for unit {pair[1]!r} recorded twice",
                "one row each",
            )
        pairs.add(pair)
