"""What a change to one act touches, as plain data: what `kb impact` gives and renderers print.

Built by kb_service.law.impact from the knowledge base. Ids are the KB's own (dct:identifier of
acts, requirements, parameters, checks and body types; the local name of a citation's IRI),
dates are ISO strings, statuses are codes (verification: stated-by-memo | verified | inferred |
unknown). Texts shown to a reader (titles, labels, memo paragraphs) are in `lang`, except an
act's title and short name, given in every language as `kb law --format json` gives them.
"""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class ActHead:
    """What names an act: id, type, number, date, titles and short names in every language."""

    id: str
    type: str
    number: str | None
    date: str | None  # the signing date (eli:date_document)
    title: dict[str, str | None]
    name: dict[str, str]


@dataclass(frozen=True)
class ImpactCitation:
    """One citation of the act: the requirements resting on it and what else uses it."""

    id: str  # e.g. "s5-law-75-2016"
    section: int | None
    articles: tuple[str, ...]  # (): the KB records no article
    # with --provision: "recorded" (it cites that article) or "not-recorded" (no article is
    # recorded, so it may rest on it); None without --provision
    article_match: str | None
    body_types: tuple[str, ...]  # (): cited for every body type
    verification: str  # the citation's own: is it this act the memo means?
    requirements: tuple[str, ...]
    parameters: tuple[str, ...]


@dataclass(frozen=True)
class ImpactSection:
    """A memo section whose legal-basis paragraph names the act."""

    number: int
    title: str
    legal_basis: str  # the paragraph as the memo words it (a project translation in ru, en)
    requirements: tuple[str, ...]  # its requirements that cite the act


@dataclass(frozen=True)
class ImpactParameter:
    """A parameter version resting on a citation of the act."""

    id: str
    label: str
    amount: int
    unit: str  # years | months | calendar-days | working-days | days-unknown-kind
    valid_from: str | None
    valid_until: str | None
    in_force: bool  # this version applies on the as-of date
    verification: str
    citations: tuple[str, ...]  # the act's citations it rests on


@dataclass(frozen=True)
class ImpactCheck:
    id: str
    requirement: str
    kind: str
    cites_act: bool  # a check of a requirement that cites the act
    parameters: tuple[str, ...]  # the affected parameters it uses


@dataclass(frozen=True)
class AffectedBodyType:
    id: str
    label: str
    regime: str  # state | municipal
    requirements: tuple[str, ...]  # the citing requirements that apply to it


@dataclass(frozen=True)
class ActRelation:
    """Another act that replaced, repealed or amended this one, or that this one did so to."""

    # replaced-by | repealed-by | partly-repealed-by | amended-by
    # | replaces | repeals | partly-repeals | amends
    relation: str
    act: ActHead
    effective: str | None  # when the older act stopped being in force, where the KB records it
    effective_status: str  # verification of `effective` ("unknown" when not recorded)
    on_date: bool  # the newer act is dated on or before the as-of date


@dataclass(frozen=True)
class Impact:
    act: ActHead
    as_of: str
    lang: str
    in_force: bool | None  # the act itself on the as-of date; None: no source settles it
    provision: str | None  # the article asked for (--provision)
    articles_recorded: tuple[str, ...]  # every article of the act the KB's citations name
    citations: tuple[ImpactCitation, ...]
    sections: tuple[ImpactSection, ...]
    parameters: tuple[ImpactParameter, ...]
    checks: tuple[ImpactCheck, ...]
    body_types: tuple[AffectedBodyType, ...]
    regimes: tuple[str, ...]
    relations: tuple[ActRelation, ...]
    kb_revision: str = ""
    labels: dict[str, str] = field(default_factory=dict, compare=False)
