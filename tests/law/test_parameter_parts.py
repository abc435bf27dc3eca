"""A parameter over time (law/parameter_parts.py): the parts of a period under each version in
force, and what each kind of check gets for them. Unit tests with made-up values; the law's own
values live in rules/."""

from __future__ import annotations

import datetime as dt

import pytest

from kb_service.kb.check_catalog import Parameter, ParameterVersion
from kb_service.law.parameter_parts import ParameterSegment, parameter_segments, plan_parameter
from kb_service.law.working_days import WorkingCalendar

D = dt.date
CHANGE = D(2023, 7, 1)


def version(amount: int, unit: str, since: D | None = None, until: D | None = None):
    return ParameterVersion(amount, unit, since, until, "inferred", (), ())


def parameter(role: str, *versions: ParameterVersion) -> Parameter:
    return Parameter("p", "https://example.org/p", role, versions)


OLD, NEW = version(3, "years", until=CHANGE), version(2, "years", since=CHANGE)


@pytest.fixture(scope="module")
def cal() -> WorkingCalendar:
    return WorkingCalendar.from_rules()


def test_one_version_throughout_is_one_part():
    p = parameter("cutoff", version(3, "years"))
    (only,) = parameter_segments(p, D(2023, 1, 1), D(2023, 12, 31))
    assert only == ParameterSegment(D(2023, 1, 1), D(2023, 12, 31), p.versions[0])


def test_a_change_splits_the_period_on_its_date():
    p = parameter("cutoff", OLD, NEW)
    assert parameter_segments(p, D(2023, 1, 1), D(2023, 12, 31)) == [
        ParameterSegment(D(2023, 1, 1), D(2023, 6, 30), OLD),
        ParameterSegment(CHANGE, D(2023, 12, 31), NEW),
    ]
    # a change on the first day or after the last is no change within the period
    assert [s.version for s in parameter_segments(p, CHANGE, D(2023, 12, 31))] == [NEW]
    assert [s.version for s in parameter_segments(p, D(2023, 1, 1), D(2023, 6, 30))] == [OLD]


def test_gaps_are_parts_with_no_version():
    early = version(1, "years", since=D(2020, 1, 1), until=D(2021, 1, 1))
    late = version(1, "years", since=D(2022, 1, 1))
    parts = parameter_segments(parameter("periods", early, late), D(2019, 7, 1), D(2022, 6, 30))
    assert [(s.start, s.end, s.version) for s in parts] == [
        (D(2019, 7, 1), D(2019, 12, 31), None),
        (D(2020, 1, 1), D(2020, 12, 31), early),
        (D(2021, 1, 1), D(2021, 12, 31), None),
        (D(2022, 1, 1), D(2022, 6, 30), late),
    ]
    assert parameter_segments(parameter("periods", early), D(2020, 2, 1), D(2020, 1, 1)) == []


def test_a_cutoff_without_a_change_is_judged_as_of_the_as_of_date(cal):
    plan = plan_parameter(
        parameter("cutoff", OLD, NEW), D(2024, 1, 31), (D(2022, 1, 1), D(2022, 12, 31)), [], cal
    )
    (run,) = plan.runs
    assert run.as_of == D(2024, 1, 31) and plan.parts == ()
    assert run.bindings.values == {"cutoff": D(2022, 1, 31)}  # the value on the as-of date: 2 years
    assert plan.used == (NEW,)


def test_a_cutoff_across_a_change_is_judged_once_per_part(cal):
    period = (D(2023, 1, 1), D(2023, 12, 31))
    plan = plan_parameter(parameter("cutoff", OLD, NEW), D(2024, 1, 31), period, [], cal)
    assert [(r.as_of, r.bindings.values["cutoff"]) for r in plan.runs] == [
        (D(2023, 6, 30), D(2020, 6, 30)),  # the part's end less 3 years
        (D(2023, 12, 31), D(2021, 12, 31)),  # the period's end less 2 years
    ]
    assert [(p.reference, p.cutoff) for p in plan.parts] == [
        (D(2023, 6, 30), D(2020, 6, 30)),
        (D(2023, 12, 31), D(2021, 12, 31)),
    ]
    assert plan.used == (OLD, NEW) and not plan.partial


def test_a_cutoff_part_with_no_value_is_not_judged(cal):
    period = (D(2023, 1, 1), D(2023, 12, 31))
    plan = plan_parameter(parameter("cutoff", OLD), D(2024, 1, 31), period, [], cal)
    assert [r.as_of for r in plan.runs] == [D(2023, 6, 30)] and plan.partial
    assert plan.parts[1].segment.version is None and plan.parts[1].cutoff is None
    nothing = plan_parameter(
        parameter("cutoff", OLD), D(2024, 1, 31), (CHANGE, D(2023, 12, 31)), [], cal
    )
    assert nothing.lacking  # no value at all: the whole check needs a legal value


def test_each_receipt_is_due_under_the_value_on_its_receipt_date(cal):
    p = parameter(
        "due", version(5, "calendar-days", until=CHANGE), version(10, "calendar-days", since=CHANGE)
    )
    receipts = [D(2023, 6, 1), D(2023, 8, 1)]
    plan = plan_parameter(p, D(2024, 1, 31), (D(2023, 1, 1), D(2023, 12, 31)), receipts, cal)
    rows = [row for run in plan.runs for row in run.bindings.rows]
    assert {r["received"]: r["due"] for r in rows} == {
        D(2023, 6, 1): D(2023, 6, 6),
        D(2023, 8, 1): D(2023, 8, 11),
    }
    assert len(plan.parts) == 2 and not plan.partial


def test_a_receipt_with_no_value_gets_no_due_date(cal):
    p = parameter("due", version(5, "calendar-days", since=CHANGE))
    plan = plan_parameter(
        p, D(2024, 1, 31), (D(2023, 1, 1), D(2023, 12, 31)), [D(2023, 6, 1), D(2023, 8, 1)], cal
    )
    rows = [row for run in plan.runs for row in run.bindings.rows]
    assert {D(2023, 6, 1): None, D(2023, 8, 1): D(2023, 8, 6)} == {
        r["received"]: r.get("due") for r in rows
    }
    assert plan.partial


def test_period_rows_follow_a_change_of_the_period_rule(cal):
    halves, years = (
        version(6, "months", until=D(2024, 1, 1)),
        version(1, "years", since=D(2024, 1, 1)),
    )
    plan = plan_parameter(
        parameter("periods", halves, years),
        D(2025, 12, 31),
        (D(2023, 1, 1), D(2025, 12, 31)),
        [],
        cal,
    )
    assert [p.rows for p in plan.parts] == [("2023-H1", "2023-H2"), ("2024", "2025")]
    assert [r.bindings.rows for r in plan.runs][0] == [
        {"year": 2023, "half": 1},
        {"year": 2023, "half": 2},
    ]


def test_a_period_row_is_judged_under_the_value_at_its_end(cal):
    old, new = (
        version(6, "months", until=D(2023, 10, 1)),
        version(6, "months", since=D(2023, 10, 1)),
    )
    plan = plan_parameter(
        parameter("periods", old, new), D(2024, 12, 31), (D(2023, 1, 1), D(2024, 6, 30)), [], cal
    )
    assert [p.rows for p in plan.parts] == [("2023-H1",), ("2023-H2", "2024-H1")]
