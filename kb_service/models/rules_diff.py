"""What changed in the rules between two KBs, in a lawyer's terms, and which findings of the
example bodies flip: what `kb diff` gives and its renderers print."""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class RuleChange:
    """One thing that changed: a requirement's wording or basis, a citation's act or validity, a
    parameter's values and dates, an act's status, end or changes."""

    kind: str  # requirement | citation | parameter | act | change
    id: str
    change: str  # added | removed | changed
    field: str = ""  # what changed (text@en, valid_until, versions, status, ...); "" when whole
    before: str | None = None
    after: str | None = None


@dataclass(frozen=True)
class FindingFlip:
    """A finding of an example body whose status differs between the two KBs."""

    example: str  # the facts file's name
    requirement: str
    unit: str | None
    check: str
    before: str | None  # status, None when the finding does not exist in that KB
    after: str | None


@dataclass(frozen=True)
class RulesDiff:
    before: str  # the revision or folder given
    after: str
    as_of: str
    changes: tuple[RuleChange, ...] = ()
    flips: tuple[FindingFlip, ...] = field(default_factory=tuple)
