"""Kyrgyz working-day calendar: the `holidays` package (KG) plus overrides from rules/.

A day is a working day when it is a weekday and not a public holiday, or a weekend day
the package lists as a transferred working day (its ``weekend_workdays``: the Saturdays
swapped with days off, 2006-2025). Overrides from rules/calendar.ttl win over both.

The package's WORKDAY category is *not* used to decide working days: for KG it holds the
holidays that stay working days since 2025 (23 Feb, 7 Apr, 7-8 Nov), which are already
working weekdays; they are only exposed by name via `working_observance_name`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

import holidays
from holidays.constants import PUBLIC, WORKDAY
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS
from rdflib.term import Identifier, Node

from kb_service.core.namespaces import DCTERMS, KYZ, TIME_NS, XSD
from kb_service.core.paths import RULES_DIR
from kb_service.core.problems import KBError, Problem

if TYPE_CHECKING:
    from kb_service.kb.knowledge_base import KnowledgeBase

COUNTRY = "KG"
# Report languages -> the package's language codes for KG.
LANGUAGES = {"ky": "ky", "ru": "ru_KG", "en": "en_US"}
VERIFICATION = {"Verified", "StatedByMemo", "Inferred", "Unknown"}
DAY_KINDS: dict[Node, bool] = {KYZ.WorkingDay: True, KYZ.NonWorkingDay: False}
WEEKDAYS: dict[Node, int] = {
    URIRef(TIME_NS + n): i
    for i, n in enumerate(
        ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
    )
}
SAT_SUN = frozenset({5, 6})
EXPECTED = (
    "expected Turtle with kyz:CalendarOverride entries, each with one kyz:date (xsd:date), "
    "one kyz:dayKind (kyz:WorkingDay or kyz:NonWorkingDay), an rdfs:comment@ky, "
    "a dct:source and one kyz:verification (kyz:Verified, kyz:StatedByMemo, kyz:Inferred, "
    "kyz:Unknown)"
)


class CalendarError(KBError):
    """A calendar rules file is missing or malformed: one KB problem, "FILE: what is wrong"."""

    def __init__(self, message: str) -> None:
        file, _, rest = message.partition(": ")
        super().__init__([Problem(file, rest or message)])


@dataclass(frozen=True)
class Override:
    """One date whose status an act sets, overriding the package."""

    day: date
    working: bool
    comment: dict[str, str]  # lang -> text; "ky" always present
    sources: tuple[str, ...]
    verification: str  # local name: "Verified", "StatedByMemo", "Inferred", "Unknown"
    iri: str = ""
    origin: str = ""  # file it came from, for error messages


@dataclass(frozen=True)
class _Year:
    days_off: frozenset[date]  # package public holidays (incl. observed / substituted)
    weekend_workdays: frozenset[date]
    estimated: bool  # package marks some dates of the year as estimates (Aits)


class WorkingCalendar:
    def __init__(self, overrides: Iterable[Override] = (), weekend: Iterable[int] = SAT_SUN):
        self._overrides: dict[date, Override] = {}
        for o in overrides:
            if o.day in self._overrides:
                prev = self._overrides[o.day]
                raise CalendarError(
                    f"{o.origin or o.iri}: {o.day} is overridden twice "
                    f"({prev.iri or prev.origin} and {o.iri or o.origin}); expected one entry"
                )
            self._overrides[o.day] = o
        self._weekend = frozenset(weekend)
        self._years: dict[int, _Year] = {}
        self._names: dict[tuple[int, str, str], dict[date, str]] = {}
        # add_working_days and moved_days, asked again and again with the same dates
        self._added: dict[tuple[date, int], date] = {}
        self._moved: dict[tuple[date, date], tuple[tuple[date, ...], tuple[date, ...]]] = {}

    # --- loading -------------------------------------------------------------------

    @classmethod
    def from_rules(cls, paths: Iterable[Path] | None = None) -> WorkingCalendar:
        """Build from rules/calendar.ttl (or the given Turtle files)."""
        files = [RULES_DIR / "calendar.ttl"] if paths is None else [Path(p) for p in paths]
        overrides: list[Override] = []
        weekends: list[frozenset[int]] = []
        for path in files:
            graph = _parse(path)
            overrides.extend(_overrides(graph, path))
            weekends.extend(_weekends(graph, path))
        if len(set(weekends)) > 1:
            raise CalendarError(f"{', '.join(map(str, files))}: conflicting kyz:WorkingWeek")
        return cls(overrides, weekends[0] if weekends else SAT_SUN)

    # --- queries -------------------------------------------------------------------

    @property
    def overrides(self) -> dict[date, Override]:
        return dict(self._overrides)

    def override(self, d: date) -> Override | None:
        return self._overrides.get(d)

    def is_weekend(self, d: date) -> bool:
        return d.weekday() in self._weekend

    def is_working_day(self, d: date) -> bool:
        if (o := self._overrides.get(d)) is not None:
            return o.working
        y = self._year(d.year)
        if self.is_weekend(d):
            return d in y.weekend_workdays
        return d not in y.days_off

    def add_working_days(self, start: date, n: int) -> date:
        """The n-th working day after `start` (not counted); n == 0 returns `start`."""
        if n < 0:
            raise ValueError(f"n must be >= 0, got {n}")
        if (found := self._added.get((start, n))) is not None:
            return found
        d, left = start, n
        while left:
            d += timedelta(days=1)
            left -= self.is_working_day(d)
        self._added[(start, n)] = d
        return d

    def moved_days(self, start: date, end: date) -> tuple[tuple[date, ...], tuple[date, ...]]:
        """The weekdays in (start, end] that are days off (holidays, days moved off) and the
        weekend days in it that are working days: what moved a working-day due date."""
        if (found := self._moved.get((start, end))) is not None:
            return found
        days = [start + timedelta(days=i) for i in range(1, (end - start).days + 1)]
        off = tuple(d for d in days if not self.is_weekend(d) and not self.is_working_day(d))
        working = tuple(d for d in days if self.is_weekend(d) and self.is_working_day(d))
        self._moved[(start, end)] = off, working
        return off, working

    def subtract_working_days(self, end: date, n: int) -> date:
        """The n-th working day before `end` (not counted); n == 0 returns `end`."""
        if n < 0:
            raise ValueError(f"n must be >= 0, got {n}")
        d = end
        while n:
            d -= timedelta(days=1)
            n -= self.is_working_day(d)
        return d

    def working_days_between(self, start: date, end: date) -> int:
        """Working days in (start, end]; negative when end < start."""
        if end < start:
            return -self.working_days_between(end, start)
        days = (end - start).days
        return sum(self.is_working_day(start + timedelta(days=i)) for i in range(1, days + 1))

    def holiday_name(self, d: date, lang: str = "ky") -> str | None:
        """Name of the day off on `d` (override comment or package name), else None."""
        code = _language(lang)
        if (o := self._overrides.get(d)) is not None:
            short = next(k for k, v in LANGUAGES.items() if v == code)
            return None if o.working else o.comment.get(short, o.comment["ky"])
        return self._names_of(d.year, code, PUBLIC).get(d)

    def working_observance_name(self, d: date, lang: str = "ky") -> str | None:
        """Name of a holiday that is a working day (package WORKDAY category, 2025 on)."""
        return self._names_of(d.year, _language(lang), WORKDAY).get(d)

    def coverage_note(self, year: int) -> str | None:
        """Why dates in `year` may be incomplete or estimated; None when fully covered."""
        start, end = _package_years()
        if not start <= year <= end:
            return (
                f"The holidays package has no KG data for {year}: only weekends and "
                "rules/ overrides are non-working."
            )
        notes = []
        first_swap, last_swap = _swap_years()
        if year < first_swap:
            notes.append(
                f"The package has no resolutions moving days off before {first_swap}; "
                f"swaps in {year} are missing unless entered in rules/."
            )
        if self._year(year).estimated:
            notes.append(
                f"Orozo Ait / Kurman Ait dates for {year} are the package's estimates, "
                "not announced dates."
            )
        if year > last_swap:
            count = sum(d.year == year for d in self._overrides)
            notes.append(
                f"The package has no one-off Cabinet changes for {year}; only the "
                f"{count} override(s) in rules/ apply. Check for new resolutions."
            )
        return " ".join(notes) or None

    # --- package data --------------------------------------------------------------

    def _year(self, year: int) -> _Year:
        if (y := self._years.get(year)) is None:
            y = self._years[year] = _package_year(year)
        return y

    def _names_of(self, year: int, code: str, category: str) -> dict[date, str]:
        key = (year, code, category)
        if key not in self._names:
            self._names[key] = _names(year, code, category)
        return self._names[key]


def _language(lang: str) -> str:
    if lang in LANGUAGES:
        return LANGUAGES[lang]
    if lang in LANGUAGES.values():
        return lang
    raise ValueError(f"unsupported language {lang!r}; expected one of {sorted(LANGUAGES)}")


def _package_year(year: int) -> _Year:
    # Neighbouring years too: a year's resolution can make a Saturday of the previous
    # year a working day (e.g. 2008's table moves 29 Dec 2007).
    h = holidays.country_holidays(
        COUNTRY, years=(year - 1, year, year + 1), categories=(PUBLIC,), language="en_US"
    )
    return _Year(
        days_off=frozenset(d for d in h if d.year == year),
        weekend_workdays=frozenset(d for d in h.weekend_workdays if d.year == year),
        # The package labels estimated Islamic dates "(estimated)" in en_US.
        estimated=any("(estimated)" in n for d, n in h.items() if d.year == year),
    )


def _names(year: int, code: str, category: str) -> dict[date, str]:
    h = holidays.country_holidays(COUNTRY, years=year, categories=(category,), language=code)
    return dict(h.items())


def _package_years() -> tuple[int, int]:
    cls = holidays.country_holidays(COUNTRY).__class__
    return cls.start_year, cls.end_year


def _swap_years() -> tuple[int, int]:
    """First and last year of the package's table of substituted days off."""
    try:
        from holidays.countries.kyrgyzstan import KyrgyzstanStaticHolidays

        years = KyrgyzstanStaticHolidays.special_public_holidays.keys()
        return min(years), max(years)
    except (ImportError, AttributeError, ValueError):  # package layout changed
        return 2006, 2025  # as read in holidays 0.109


# --- Turtle parsing ------------------------------------------------------------------


def _parse(path: Path) -> Graph:
    if not path.is_file():
        raise CalendarError(f"{path}: file not found; {EXPECTED}")
    try:
        return Graph().parse(path, format="turtle")
    except Exception as exc:  # rdflib raises several unrelated types for bad syntax
        raise CalendarError(f"{path}: not valid Turtle ({exc}); {EXPECTED}") from exc


def _overrides(graph: Graph, path: Path) -> list[Override]:
    # every subject of a Turtle graph is an Identifier (an IRI or a blank node), ordered by rdflib
    typed = {s for s in graph.subjects(RDF.type, KYZ.CalendarOverride) if isinstance(s, Identifier)}
    # Catch entries whose rdf:type was mistyped or forgotten.
    for s in set(graph.subjects(KYZ.date, None)) | set(graph.subjects(KYZ.dayKind, None)):
        if s not in typed:
            raise CalendarError(
                f"{path}: {s} has kyz:date/dayKind but is not a kyz:CalendarOverride"
            )
    return [_override(graph, s, path) for s in sorted(typed)]


def _override(graph: Graph, s: Identifier, path: Path) -> Override:
    def fail(what: str) -> CalendarError:
        return CalendarError(f"{path}: {s}: {what}; {EXPECTED}")

    dates = list(graph.objects(s, KYZ.date))
    if len(dates) != 1 or not isinstance(dates[0], Literal) or dates[0].datatype != XSD.date:
        raise fail(f"kyz:date must be exactly one xsd:date literal, got {dates}")
    day = dates[0].toPython()
    if not isinstance(day, date):
        raise fail(f"kyz:date {dates[0]!r} is not a valid date")
    kinds = list(graph.objects(s, KYZ.dayKind))
    if len(kinds) != 1 or kinds[0] not in DAY_KINDS:
        raise fail(f"kyz:dayKind must be kyz:WorkingDay or kyz:NonWorkingDay, got {kinds}")
    statuses = [
        str(v).removeprefix(str(KYZ)) if isinstance(v, URIRef) else repr(v)
        for v in graph.objects(s, KYZ.verification)
    ]
    if len(statuses) != 1 or statuses[0] not in VERIFICATION:
        raise fail(f"kyz:verification must be one of {sorted(VERIFICATION)}, got {statuses}")
    sources = tuple(sorted(str(v) for v in graph.objects(s, DCTERMS.source)))
    if not sources:
        raise fail("dct:source is missing")
    comment = {
        v.language: str(v)
        for p in (RDFS.comment, KYZ.translation)
        for v in graph.objects(s, p)
        if isinstance(v, Literal) and v.language
    }
    if "ky" not in comment:
        raise fail("rdfs:comment in Kyrgyz (@ky) is missing")
    return Override(
        day=day,
        working=DAY_KINDS[kinds[0]],
        comment=comment,
        sources=sources,
        verification=statuses[0],
        iri=str(s),
        origin=str(path),
    )


def _weekends(graph: Graph, path: Path) -> list[frozenset[int]]:
    out = []
    for week in graph.subjects(RDF.type, KYZ.WorkingWeek):
        days = list(graph.objects(week, KYZ.weekendDay))
        if not days or any(d not in WEEKDAYS for d in days):
            raise CalendarError(
                f"{path}: {week}: kyz:weekendDay must name time:Monday..time:Sunday, got {days}"
            )
        out.append(frozenset(WEEKDAYS[d] for d in days))
    return out


def _build(kb: KnowledgeBase) -> WorkingCalendar:
    return WorkingCalendar.from_rules([kb.path("rules", "calendar.ttl")])


def working_calendar(kb: KnowledgeBase) -> WorkingCalendar:
    """The working-day calendar of this KB (its rules/calendar.ttl), built once per handle."""
    return kb.derived(_build)
