"""Reading what a page was asked: dates, numbers and choices from the query or a form, with
limits, each refusal a Problem the page shows beside the field."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from kb_service.core.problems import Problem

MAX_FIELD = 2000  # characters of one form field


class Asked:
    """The values of one request, and the problems met reading them."""

    def __init__(self, values: Mapping[str, str], source: str = "form") -> None:
        self.values = values
        self.source = source
        self.problems: list[Problem] = []

    def _bad(self, key: str, message: str, expected: str) -> None:
        self.problems.append(Problem(self.source, message, key, key, expected))

    def missing(self, key: str) -> None:
        """A value the request needs was not given."""
        self._bad(key, "missing", "a value")

    def text(self, key: str, limit: int = MAX_FIELD) -> str:
        value = (self.values.get(key) or "").strip()
        if len(value) > limit:
            self._bad(key, f"longer than {limit} characters", f"at most {limit} characters")
            return ""
        if any(not ch.isprintable() for ch in value):
            self._bad(key, "control characters", "plain text")
            return ""
        return value

    def date(self, key: str, default: dt.date | None = None) -> dt.date | None:
        value = self.text(key, 10)
        if not value:
            return default
        try:
            return dt.date.fromisoformat(value) if len(value) == 10 else None
        except ValueError:
            pass
        self._bad(key, f"not a date: {value!r}", "YYYY-MM-DD")
        return default

    def number(self, key: str) -> int | None:
        value = self.text(key, 6)
        if not value:
            return None
        if value.isdigit():
            return int(value)
        self._bad(key, f"not a number: {value!r}", "a whole number")
        return None

    def choice(self, key: str, allowed: list[str] | tuple[str, ...]) -> str | None:
        value = self.text(key, 200)
        if not value:
            return None
        if value in allowed:
            return value
        self._bad(key, f"unknown value {value!r}", "one of the listed values")
        return None
