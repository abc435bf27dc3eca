"""Working-day calendar: package behaviour, rules/ overrides, loader errors."""

from datetime import date, timedelta
from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.namespace import OWL, RDF, RDFS
from repo_paths import DATA, kb_copy

from kb_service.core.namespaces import KYZ
from kb_service.core.paths import ONTOLOGY_DIR, RULES_DIR
from kb_service.law.working_days import VERIFICATION, CalendarError, WorkingCalendar

TEST_OVERRIDES = DATA / "calendar-overrides.ttl"
PREFIXES = """
@prefix kyz: <https://w3id.org/kyzmat-kb/ontology#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix dct: <http://purl.org/dc/terms/> .
"""


@pytest.fixture(scope="module")
def package() -> WorkingCalendar:
    """The holidays package alone, no overrides."""
    return WorkingCalendar()


@pytest.fixture(scope="module")
def rules() -> WorkingCalendar:
    return WorkingCalendar.from_rules()


def days(start: date, end: date) -> list[date]:
    return [start + timedelta(days=i) for i in range((end - start).days + 1)]


# --- New Year ------------------------------------------------------------------------


def test_new_year_2025_resolution(package: WorkingCalendar) -> None:
    # 2025: 1, 2 (swapped with Sat 11 Jan), 3, 6 (additional) and 7 Jan off.
    assert package.add_working_days(date(2024, 12, 27), 5) == date(2025, 1, 10)
    assert [package.is_working_day(d) for d in days(date(2025, 1, 1), date(2025, 1, 11))] == [
        False, False, False, False, False, False, False, True, True, True, True,
    ]  # fmt: skip
    assert package.add_working_days(date(2024, 12, 27), 6) == date(2025, 1, 11)


def test_new_year_2026_labour_code_and_resolution_835(
    package: WorkingCalendar, rules: WorkingCalendar
) -> None:
    # Labour Code 2025: 1-7 Jan non-working.
    assert not any(package.is_working_day(d) for d in days(date(2026, 1, 1), date(2026, 1, 7)))
    assert package.add_working_days(date(2025, 12, 29), 5) == date(2026, 1, 12)
    # Cabinet resolution 835 of 25 Dec 2025 adds 8-9 Jan for the state/municipal sector.
    assert not rules.is_working_day(date(2026, 1, 8))
    assert not rules.is_working_day(date(2026, 1, 9))
    assert rules.add_working_days(date(2025, 12, 29), 5) == date(2026, 1, 14)
    # The draft's compensating working Saturdays were dropped: they stay weekends.
    assert not rules.is_working_day(date(2026, 2, 7))
    assert not rules.is_working_day(date(2026, 4, 25))


# --- May holidays --------------------------------------------------------------------


def test_may_2026(rules: WorkingCalendar) -> None:
    assert not any(rules.is_working_day(d) for d in days(date(2026, 5, 1), date(2026, 5, 10)))
    assert rules.add_working_days(date(2026, 4, 30), 5) == date(2026, 5, 15)


def test_may_2023_pre_labour_code(package: WorkingCalendar) -> None:
    # 1, 5, 9 May holidays; 8 May a day off swapped with Saturday 13 May; Saturday
    # 29 Apr worked for the day off on 20 Mar.
    off = {date(2023, 5, d) for d in (1, 5, 6, 7, 8, 9)}
    for d in days(date(2023, 5, 1), date(2023, 5, 12)):
        assert package.is_working_day(d) is (d not in off), d
    assert package.is_working_day(date(2023, 5, 13))
    assert package.is_working_day(date(2023, 4, 29))
    assert package.add_working_days(date(2023, 4, 28), 5) == date(2023, 5, 10)


# --- Transfers and the 2025 Labour Code ----------------------------------------------


def test_transferred_working_saturday_2024(package: WorkingCalendar) -> None:
    assert date(2024, 1, 27).weekday() == 5
    assert package.is_working_day(date(2024, 1, 27))  # worked for 3 Jan
    assert not package.is_working_day(date(2024, 1, 3))
    assert not package.is_working_day(date(2024, 1, 20))  # an ordinary Saturday


def test_weekend_holiday_moved_before_2025_not_after(package: WorkingCalendar) -> None:
    # 7 Apr 2024 was a Sunday: its observed Monday was swapped to 22 Mar.
    assert not package.is_working_day(date(2024, 3, 22))
    assert package.is_working_day(date(2024, 4, 8))
    # 8 Mar 2025 fell on a Saturday: no longer moved to Monday.
    assert package.is_working_day(date(2025, 3, 10))


def test_working_holidays_since_2025(package: WorkingCalendar) -> None:
    assert not package.is_working_day(date(2024, 2, 23))
    assert package.is_working_day(date(2026, 2, 23))
    assert package.holiday_name(date(2026, 2, 23)) is None
    assert package.working_observance_name(date(2026, 2, 23), "ru") == "День защитника Отечества"
    assert package.is_working_day(date(2026, 11, 9))


# --- Overrides -----------------------------------------------------------------------


def test_overrides_win(package: WorkingCalendar) -> None:
    cal = WorkingCalendar.from_rules([TEST_OVERRIDES])
    assert set(cal.overrides) == {date(2024, 5, 6), date(2024, 5, 1), date(2024, 1, 27),
                                  date(2026, 5, 17)}  # fmt: skip
    for d in cal.overrides:
        assert cal.is_working_day(d) is not package.is_working_day(d), d
    assert cal.holiday_name(date(2024, 5, 6), "en") == "Test day off"
    assert cal.holiday_name(date(2024, 5, 1)) is None
    assert cal.override(date(2024, 1, 27)).verification == "Inferred"
    # 1 May is worked and 6 May taken off (2-3 May stay the package's swapped days off).
    assert cal.add_working_days(date(2024, 4, 30), 1) == date(2024, 5, 1)
    assert package.add_working_days(date(2024, 4, 30), 1) == date(2024, 5, 6)
    assert cal.add_working_days(date(2024, 5, 3), 1) == date(2024, 5, 7)


def test_rules_and_fixture_combine() -> None:
    cal = WorkingCalendar.from_rules([RULES_DIR / "calendar.ttl", TEST_OVERRIDES])
    assert len(cal.overrides) == 6


def test_rules_file_is_sourced(rules: WorkingCalendar) -> None:
    assert rules.overrides, "rules/calendar.ttl carries resolution 835"
    for o in rules.overrides.values():
        assert o.sources and o.verification in VERIFICATION
        assert {"ky", "ru", "en"} <= set(o.comment)
        assert o.day.year >= 2026  # earlier moves are the package's


# --- Loader errors -------------------------------------------------------------------


GOOD = """
<urn:x> a kyz:CalendarOverride ; kyz:date "2026-06-01"^^xsd:date ;
  kyz:dayKind kyz:NonWorkingDay ; rdfs:comment "x"@ky ; dct:source "s" ;
  kyz:verification kyz:Unknown .
"""


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("<urn:x> a kyz:CalendarOverride ;", "not valid Turtle"),
        (GOOD.replace('"2026-06-01"^^xsd:date', '"2026-06-01"'), "xsd:date"),
        (GOOD.replace("kyz:NonWorkingDay", "kyz:Holiday"), "kyz:dayKind"),
        (GOOD.replace("kyz:verification kyz:Unknown", "kyz:verification kyz:Sure"), "Verified"),
        (GOOD.replace('dct:source "s" ;', ""), "dct:source"),
        (GOOD.replace("kyz:verification kyz:Unknown", 'kyz:verification "Unknown"'), "Verified"),
        (GOOD.replace('"x"@ky', '"x"@en'), "@ky"),
        (GOOD.replace("a kyz:CalendarOverride ;", "a kyz:CalendarOveride ;"), "CalendarOverride"),
        (GOOD + GOOD.replace("urn:x", "urn:y"), "overridden twice"),
    ],
)
def test_broken_file_names_file(tmp_path: Path, body: str, expected: str) -> None:
    path = tmp_path / "broken-calendar.ttl"
    path.write_text(PREFIXES + body, encoding="utf-8")
    with pytest.raises(CalendarError) as err:
        WorkingCalendar.from_rules([path])
    assert "broken-calendar.ttl" in str(err.value)
    assert expected in str(err.value)


def test_good_fixture_parses(tmp_path: Path) -> None:
    path = tmp_path / "ok.ttl"
    path.write_text(PREFIXES + GOOD, encoding="utf-8")
    assert not WorkingCalendar.from_rules([path]).is_working_day(date(2026, 6, 1))


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(CalendarError, match="nowhere.ttl"):
        WorkingCalendar.from_rules([tmp_path / "nowhere.ttl"])


# --- Arithmetic ----------------------------------------------------------------------


@pytest.mark.parametrize("year", [2023, 2026])
def test_between_consistent_with_add(rules: WorkingCalendar, year: int) -> None:
    for start in days(date(year, 1, 1), date(year, 12, 31)):
        for n in range(0, 12):
            end = rules.add_working_days(start, n)
            assert rules.working_days_between(start, end) == n
            if n:
                assert rules.is_working_day(end)
                assert rules.working_days_between(start, end - timedelta(days=1)) == n - 1
                # Walking back lands on the last working day on or before start.
                back = rules.subtract_working_days(end, n)
                assert back <= start and rules.working_days_between(back, start) == 0


def test_edge_cases(rules: WorkingCalendar) -> None:
    assert rules.add_working_days(date(2026, 1, 1), 0) == date(2026, 1, 1)
    assert rules.subtract_working_days(date(2026, 5, 15), 5) == date(2026, 4, 30)
    assert rules.working_days_between(date(2026, 5, 15), date(2026, 4, 30)) == -5
    with pytest.raises(ValueError):
        rules.add_working_days(date(2026, 1, 1), -1)
    # Outside the package range only weekends count.
    assert rules.is_working_day(date(1990, 1, 1)) and not rules.is_working_day(date(1990, 1, 6))


# --- Names and coverage --------------------------------------------------------------


def test_holiday_names(rules: WorkingCalendar) -> None:
    d = date(2026, 5, 1)
    assert rules.holiday_name(d) == "Эмгек майрамы"
    assert rules.holiday_name(d, "ru") == "Праздник труда"
    assert rules.holiday_name(d, "en") == "Labor Day"
    assert "835" in rules.holiday_name(date(2026, 1, 8), "ru")
    assert rules.holiday_name(date(2026, 5, 12)) is None
    with pytest.raises(ValueError):
        rules.holiday_name(d, "de")


def test_coverage_note(rules: WorkingCalendar) -> None:
    assert rules.coverage_note(2024) is None
    assert "estimate" in rules.coverage_note(2027)
    assert "no KG data" in rules.coverage_note(1990)
    note_2026 = rules.coverage_note(2026)
    assert "estimate" not in note_2026 and "2 override(s)" in note_2026


def test_ontology_terms_labelled() -> None:
    g = Graph()
    for path in ONTOLOGY_DIR.glob("*.ttl"):
        g.parse(path, format="turtle")
    for term in (KYZ.CalendarOverride, KYZ.WeekendDay, KYZ.Verified, KYZ.date, KYZ.dayKind):
        langs = {lbl.language for lbl in g.objects(term, RDFS.label)}
        assert langs == {"ky", "ru", "en"}, term
    assert (KYZ.CalendarOverride, RDF.type, OWL.Class) in g


def test_a_broken_calendar_is_refused_by_validate_and_evaluate_cleanly(tmp_path: Path) -> None:
    """An override without a source: kb validate names it; kb evaluate stops with the same
    problem and exit 1, never an internal error."""
    import os
    import subprocess
    import sys

    from repo_paths import ROOT

    kb_copy(tmp_path)
    calendar = tmp_path / "rules" / "calendar.ttl"
    calendar.write_text(
        calendar.read_text(encoding="utf-8")
        + '\ncal:2099-01-02 a kyz:CalendarOverride ; kyz:date "2099-01-02"^^xsd:date ;\n'
        '    kyz:dayKind kyz:NonWorkingDay ; rdfs:comment "Сынак"@ky ;\n'
        "    kyz:verification kyz:Unknown .\n",
        encoding="utf-8",
    )
    env = {**os.environ, "KYZMAT_KB_ROOT": str(tmp_path)}
    kb = [sys.executable, "-m", "kb_service.cli.main"]
    checked = subprocess.run([*kb, "validate", "--root", str(tmp_path)], capture_output=True,
                             text=True, env=env, cwd=ROOT)  # fmt: skip
    assert checked.returncode == 1 and "dct:source" in checked.stderr, checked.stderr
    facts = str(ROOT / "examples" / "ministry-violations.json")
    run = subprocess.run([*kb, "evaluate", facts, "--as-of", "2025-06-30"], capture_output=True,
                         text=True, env=env, cwd=ROOT)  # fmt: skip
    assert run.returncode == 1, run.stderr
    assert "calendar.ttl" in run.stderr and "dct:source" in run.stderr
    assert "internal error" not in run.stderr and "Traceback" not in run.stderr
