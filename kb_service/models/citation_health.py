"""Which citations need legal staff's attention on a date, as plain data (`kb citations`).

Built by kb_service.law.citation_health. A problem is one citation (the local name of its IRI)
with one kind of trouble; problems come grouped by kind, in the order of PROBLEM_KINDS, and
within a group in the memo's order (section, then the citation's order).
"""

from dataclasses import dataclass, field

from kb_service.models.impact import ActHead

# what can be wrong with a citation on a date: the cited act's standing, then the facts it rests on
PROBLEM_KINDS = (
    "basis-lapsed",  # a rule or value rests on it alone, and it has ended: legal staff must act
    "replaced",  # the act ended and the KB names what replaced it
    "repealed",  # the act ended and the KB names what repealed it
    "ended",  # the act ended; the KB names no successor
    "partly-repealed",
    "amended",
    "not-yet-in-force",
    "in-force-unknown",  # no source settles whether the act is in force on the date
    "fact-unknown",  # a fact the citation rests on is not known
    "fact-inferred",  # ... was inferred, not read in a source
    "fact-unverified",  # ... only the memo states (not checked against a source)
    "fact-stale",  # ... was last verified longer ago than the policy allows (rules/health.ttl)
)
FACTS = ("number", "date", "end-date", "citation", "body-type")  # the facts a citation rests on


@dataclass(frozen=True)
class CitationProblem:
    kind: str  # one of PROBLEM_KINDS
    citation: str
    section: int | None
    requirements: tuple[str, ...]
    parameters: tuple[str, ...]  # parameters whose values rest on the citation
    body_types: tuple[str, ...]  # (): cited for every body type
    act: ActHead
    facts: tuple[str, ...] = ()  # fact kinds: which facts (FACTS)
    since: str | None = None  # ended kinds: the end date; not-yet-in-force: the start
    since_status: str | None = None  # verification of `since`
    successors: tuple[ActHead, ...] = ()  # the replacing, repealing or amending acts
    repointed_to: ActHead | None = None  # the act a later citation continues it with
    repointed_since: str | None = None  # from when (ISO date), and how that is known
    repointed_status: str | None = None


@dataclass(frozen=True)
class ProblemGroup:
    kind: str
    problems: tuple[CitationProblem, ...]


@dataclass(frozen=True)
class CitationHealth:
    as_of: str
    lang: str
    citations_checked: int
    groups: tuple[ProblemGroup, ...]  # only the kinds that occur, in PROBLEM_KINDS order
    # whether the KB records when each fact was last verified: without it no fact can be
    # called stale, and the report says so rather than guess
    last_verified_recorded: bool = False
    stale_before: str | None = None  # facts last verified before this ISO date are stale
    stale_after_months: int | None = None  # the policy behind it (rules/health.ttl)
    undated_facts: int = 0  # verified or inferred facts of the cited acts with no such date
    kb_revision: str = ""
    labels: dict[str, str] = field(default_factory=dict, compare=False)
