"""Problems found in a facts file: one clear message each, collected, never a traceback."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class FactsProblem:
    file: str
    location: str  # "$.servants[3].date", "sheet 'Servants' row 7", "line 12" or a record IRI
    field: str  # JSON key (or RDF property) concerned; "" when the whole location is wrong
    message: str
    expected: str = ""

    def __str__(self) -> str:
        where = f"{self.location}: {self.field}" if self.field else self.location
        tail = f" (expected {self.expected})" if self.expected else ""
        return f"{self.file}: {where}: {self.message}{tail}"


class FactsError(Exception):
    """The facts file cannot be evaluated; .problems lists every problem found."""

    def __init__(self, problems: list[FactsProblem]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

    def __str__(self) -> str:
        return "\n".join(str(p) for p in self.problems)
