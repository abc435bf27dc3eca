"""Checks of single values of a facts file (one field of one record), in Python.

Each check says what it got and what was expected, and never echoes a huge input back: values
in messages are cut (limits.shown). Hostile values (lists where a code is expected, lone
surrogates, control characters, 5,000-digit numbers) are refused here, before anything else
sees them.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any

from kb_service.core.problems import Problem
from kb_service.facts.codes import CODES
from kb_service.facts.limits import Limits, shown
from kb_service.facts.schema import ID_RE, PERIOD_KEYS, Field
from kb_service.kb.vocabulary import FactsVocabulary

# (collection key or None for the body, record index or None, field key or None) -> location
Locator = Callable[[str | None, int | None, str | None], tuple[str, str]]
Where = tuple[str | None, int | None, str | None]  # Locator's arguments for one value
DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}")
# control characters other than tab and newline, and lone surrogates (not encodable as UTF-8)
_BAD_CHARS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
SINGLE_LINE = frozenset({"name"})  # shown in headings and page footers
ID_EXPECTED = "letters, digits, '.', '_' or '-' (max 64)"


def json_locator(coll: str | None, index: int | None, field: str | None) -> tuple[str, str]:
    path = "$"
    if coll is not None:
        path += f".{coll}" + (f"[{index}]" if index is not None else "")
    if field in PERIOD_KEYS and coll is None:
        path += ".period"
    if field:
        path += f".{field}"
    return path, field or ""


def text_problem(text: str, single_line: bool, limits: Limits) -> tuple[str, str] | None:
    """(what is wrong, what was expected) for a text no field may hold, else None."""
    if len(text) > limits.text_chars:
        return f"text of {len(text):,} characters", f"at most {limits.text_chars:,} (the limit)"
    if (bad := _BAD_CHARS.search(text)) or (single_line and "\n" in text):
        char = bad.group(0) if bad else "\n"
        return f"holds the character U+{ord(char):04X}", "printable text on one line"
    return None


def int_bounds(f: Field | None, limits: Limits) -> tuple[int, int]:
    """The range a whole-number field accepts: its own, else a count's, else 64 bits."""
    low = f.minimum if f and f.minimum is not None else -limits.integer_max
    if f and f.maximum is not None:
        return low, f.maximum
    return low, limits.count_max if f and f.minimum == 0 else limits.integer_max


def one_of(values: Any) -> str:
    return "one of: " + ", ".join(str(v) for v in values)


def is_id(value: Any) -> bool:
    return isinstance(value, str) and ID_RE.fullmatch(value) is not None


class ValueChecker:
    """Collects problems of one file; `add` places them with the file's locator."""

    def __init__(
        self, file: str, as_of: dt.date, vocab: FactsVocabulary, locate: Locator, limits: Limits
    ):
        self.file, self.as_of, self.vocab = file, as_of, vocab
        self.locate, self.limits = locate, limits
        self.problems: list[Problem] = []

    def add(
        self,
        coll: str | None,
        index: int | None,
        field: str | None,
        message: str,
        expected: str = "",
    ) -> None:
        location, name = self.locate(coll, index, field)
        self.problems.append(Problem(self.file, message, location, name, expected))

    def value(self, coll: str | None, index: int | None, f: Field, v: Any) -> Any:
        """Check one value; return its date for dates, None when it is wrong."""
        where = (coll, index, f.key)
        check = getattr(self, f"_{f.kind}")
        return check(where, f, v)

    def _str(self, where: Where, f: Field, v: Any) -> None:
        if not isinstance(v, str):
            return self.add(*where, f"not a text: {shown(v)}", "a string")
        if wrong := text_problem(v, f.key in SINGLE_LINE, self.limits):
            return self.add(*where, *wrong)
        if f.required and not v.strip():
            return self.add(*where, "required value is blank", "a non-empty text")
        return None

    def _int(self, where: Where, f: Field, v: Any) -> None:
        if isinstance(v, bool) or not isinstance(v, int):
            return self.add(*where, f"not a whole number: {shown(v)}", "an integer")
        low, high = int_bounds(f, self.limits)
        if v < low:
            return self.add(*where, f"{shown(v)} is below {low}", f">= {low}")
        if v > high:
            return self.add(*where, f"{shown(v)} is above {high:,}", f"<= {high:,}")
        return None

    def _doc(self, where: Where, f: Field, v: Any) -> None:
        if isinstance(v, bool) or not isinstance(v, int):
            return self.add(*where, f"not a whole number: {shown(v)}", "an integer")
        if v not in self.vocab.documents:
            nums = list(self.vocab.documents)
            return self.add(*where, f"unknown evidence document {shown(v)}", _range(nums))
        return None

    def _section(self, where: Where, f: Field, v: Any) -> None:
        if isinstance(v, bool) or not isinstance(v, int):
            return self.add(*where, f"not a whole number: {shown(v)}", "an integer")
        if v not in self.vocab.evaluated_sections:
            expected = one_of(self.vocab.evaluated_sections)
            return self.add(*where, f"{shown(v)} is not a memo section that is evaluated", expected)
        return None

    def _bool(self, where: Where, f: Field, v: Any) -> None:
        if not isinstance(v, bool):
            return self.add(*where, f"not true/false: {shown(v)}", "true or false")
        return None

    def _code(self, where: Where, f: Field, v: Any) -> None:
        if not isinstance(v, str) or v not in CODES[f.arg]:
            return self.add(*where, f"unknown value {shown(v)}", one_of(CODES[f.arg]))
        return None

    def _kb(self, where: Where, f: Field, v: Any) -> None:
        by_arg = {"body-type": self.vocab.body_types, "act": self.vocab.acts}
        known = by_arg.get(f.arg, self.vocab.unit_kinds)
        if not isinstance(v, str) or v not in known:
            return self.add(*where, f"unknown {f.arg} {shown(v)}", one_of(known))
        return None

    def _ref(self, where: Where, f: Field, v: Any) -> None:
        if not is_id(v):
            return self.add(*where, f"not an id: {shown(v)}", f"the id of a record in {f.arg}")
        return None

    def _date(self, where: Where, f: Field, v: Any) -> dt.date | None:
        if not isinstance(v, str) or not DATE_RE.fullmatch(v):
            self.add(*where, f"not a date: {shown(v)}", "YYYY-MM-DD")
            return None
        try:
            d = dt.date.fromisoformat(v)
        except ValueError as exc:
            self.add(*where, f"impossible date {v} ({exc})", "a real calendar date")
            return None
        if d < self.limits.earliest_date:
            self.add(*where, f"{v} is too early", f">= {self.limits.earliest_date}")
            return None
        if not f.future_ok and d > self.as_of:
            self.add(*where, f"{v} is after the as-of date {self.as_of}", f"<= {self.as_of}")
        return d

    def identifier(self, coll: str | None, index: int | None, value: Any, what: str) -> bool:
        if is_id(value):
            return True
        self.add(coll, index, "id", f"missing or bad {what} {shown(value)}", ID_EXPECTED)
        return False

    def duplicate_keys(self, coll: str | None, index: int | None, obj: Any) -> None:
        for key in getattr(obj, "duplicate_keys", ()):
            self.add(coll, index, key, "the key is given twice", "each key once per object")


def _range(numbers: list[int]) -> str:
    return f"{min(numbers)}..{max(numbers)}" if numbers else "a number from rules/documents.ttl"
