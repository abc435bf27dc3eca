"""Errors that reach users as clear messages (file, place, what was expected), never tracebacks."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One problem in one input: where it is and what was expected."""

    file: str
    message: str
    location: str = ""  # a line, a subject IRI, a JSON path, a sheet row
    expected: str = ""

    def __str__(self) -> str:
        where = f"{self.file}: {self.location}" if self.location else self.file
        tail = f" (expected: {self.expected})" if self.expected else ""
        return f"{where}: {self.message}{tail}"


class KBError(Exception):
    """The knowledge base (ontology, rules or queries) cannot be used as it stands."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


class UsageError(Exception):
    """A user's request names something that does not exist or is malformed."""
