"""The answer to "which law applies" as plain data: what the law lookup gives and renderers print.

`acts` are act views (kb_service.law.lookup.act_view): id, type, number, date, titles and
names in every language, articles, issuer, verification of each fact, sources, status,
in force on the date, successors, and the requirements each is cited for.
"""

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class LawLookup:
    as_of: str  # ISO date the validity is given for
    lang: str
    heading: str  # "Section 1 · district administration · as of 2024-01-01"
    acts: tuple[dict[str, Any], ...]
    verification_words: dict[str, str] = field(default_factory=dict)  # status code -> word
    successor_notes: dict[str, str] = field(default_factory=dict)  # act id -> "; replaced by …"
    none_reason: str = ""  # why nothing applies (a section that is not evaluated)
    kb_revision: str = ""
    labels: dict[str, str] = field(default_factory=dict, compare=False)

    def to_json(self) -> list[dict[str, Any]]:
        return list(self.acts)
