"""Errors that reach users as clear messages (file, place, what was expected), never tracebacks.

One problem type for every input: the knowledge base (ontology, rules, queries, calendar), a
facts file, a request.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One problem in one input: where it is and what was expected."""

    file: str
    message: str
    # a line, a subject IRI, a JSON path ("$.servants[3]"), a sheet row ("sheet 'X' row 7")
    location: str = ""
    field: str = ""  # the JSON key or RDF property concerned; "" when the whole place is wrong
    expected: str = ""

    def __str__(self) -> str:
        where = ": ".join(p for p in (self.file, self.location, self.field) if p)
        tail = f" (expected {self.expected})" if self.expected else ""
        return f"{where}: {self.message}{tail}"


class ProblemsError(Exception):
    """An input cannot be used; .problems lists every problem found in it."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

    def __str__(self) -> str:
        return "\n".join(str(p) for p in self.problems)


class KBError(ProblemsError):
    """The knowledge base (ontology, rules, queries or calendar) cannot be used as it stands."""


class FactsError(ProblemsError):
    """The facts file cannot be evaluated."""


class UsageError(Exception):
    """A user's request names something that does not exist or is malformed."""
