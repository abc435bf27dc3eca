"""Is an act in force on a date (law/validity.py): true, false or unknown, on and around each
boundary date, with made-up acts for each rule and every act of the KB held to the same rules."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from kb_service.kb.catalog import Act
from kb_service.law.validity import Validity, validity_on

D = dt.date
DAY = dt.timedelta(days=1)


BLANK = Act("a", "http://example.org/a", "resolution", *[None] * 5, "unknown", None, None, None)


def act(**fields) -> Act:
    """An act with only the given dates, status and successors."""
    return replace(BLANK, **fields)


START, END = D(2020, 3, 10), D(2023, 8, 14)


# --- the start: its own date, or its entry into force when stated ---------------------------


def test_not_in_force_before_its_date_in_force_on_it():
    a = act(date=START, until=END)
    assert validity_on(a, START - DAY) == Validity(False, "not-yet")
    assert validity_on(a, START) == Validity(True, "interval")


def test_the_entry_into_force_wins_over_the_date():
    a = act(date=START, entry_into_force=START + 10 * DAY, until=END)
    assert validity_on(a, START) == Validity(False, "not-yet")
    assert validity_on(a, START + 9 * DAY).in_force is False
    assert validity_on(a, START + 10 * DAY) == Validity(True, "interval")


def test_before_its_start_no_successor_is_named():
    a = act(date=START, until=END, replaced_by="b")
    assert validity_on(a, START - DAY).successor is None


# --- the end: eli:date_no_longer_in_force is the first day it no longer holds ---------------


def test_in_force_the_day_before_its_end_not_on_it():
    a = act(date=START, until=END, repealed_by="b")
    assert validity_on(a, END - DAY) == Validity(True, "interval")
    assert validity_on(a, END) == Validity(False, "ended", "b")
    assert validity_on(a, END + 3650 * DAY) == Validity(False, "ended", "b")


def test_replaced_and_repealed_name_their_successor():
    assert validity_on(act(date=START, until=END, replaced_by="r"), END).successor == "r"
    assert validity_on(act(date=START, until=END, repealed_by="p"), END).successor == "p"
    both = act(date=START, until=END, replaced_by="r", repealed_by="p")
    assert validity_on(both, END).successor == "r"  # the replacing act first


def test_an_end_without_a_successor():
    assert validity_on(act(date=START, until=END), END) == Validity(False, "ended")


def test_a_status_does_not_outlive_the_end():
    a = act(date=START, until=END, status="in-force")
    assert validity_on(a, END) == Validity(False, "ended")


# --- no known end ---------------------------------------------------------------------------


def test_a_verified_in_force_status_holds_on_any_later_date():
    a = act(date=START, status="in-force")
    assert validity_on(a, START) == Validity(True, "status-in-force")
    assert validity_on(a, D(2099, 12, 31)) == Validity(True, "status-in-force")


def test_known_in_force_up_to_the_last_date_a_source_shows_then_unknown():
    known = D(2017, 10, 17)
    a = act(date=D(2011, 8, 22), known_in_force=known)
    assert validity_on(a, known - DAY) == Validity(True, "known-on")
    assert validity_on(a, known) == Validity(True, "known-on")
    assert validity_on(a, known + DAY) == Validity(None, "unknown")


def test_with_no_end_and_no_source_it_is_unknown_from_its_start():
    a = act(date=START)
    assert validity_on(a, START - DAY).in_force is False
    assert validity_on(a, START) == Validity(None, "unknown")


def test_unknown_after_the_known_date_still_names_a_successor_on_record():
    a = act(date=START, known_in_force=START, replaced_by="b")
    assert validity_on(a, START + DAY) == Validity(None, "unknown", "b")


# --- unknown dates ----------------------------------------------------------------------


def test_no_date_at_all_is_known_only_on_a_date_a_source_shows():
    known = D(2017, 10, 17)
    a = act(known_in_force=known)
    assert validity_on(a, known) == Validity(True, "known-on")
    assert validity_on(a, known - DAY) == Validity(None, "no-date")
    assert validity_on(a, known + DAY) == Validity(None, "no-date")
    assert validity_on(act(), known) == Validity(None, "no-date")


def test_no_start_but_an_end():
    a = act(until=END, repealed_by="b")
    assert validity_on(a, END - DAY) == Validity(None, "no-date")
    assert validity_on(a, END) == Validity(False, "ended", "b")


def test_neither_status_nor_a_known_date_reaches_before_the_start():
    a = act(date=START, status="in-force", known_in_force=START + DAY)
    assert validity_on(a, START - DAY) == Validity(False, "not-yet")


# --- every act of the KB ---------------------------------------------------------------------


def _acts(catalog, keep) -> list[Act]:
    acts = [a for a in catalog.acts.values() if keep(a)]
    assert acts, "no act of the KB to test this rule on"
    return acts


def test_every_act_with_a_date_is_not_in_force_the_day_before(catalog):
    for a in _acts(catalog, lambda a: a.entry_into_force or a.date):
        start = a.entry_into_force or a.date
        assert validity_on(a, start - DAY) == Validity(False, "not-yet"), a.id
        assert validity_on(a, start).in_force is not False, a.id


def test_every_ended_act_on_its_boundary_names_an_act_of_the_kb(catalog):
    for a in _acts(catalog, lambda a: a.until):
        assert validity_on(a, a.until - DAY).in_force is True, a.id
        ended = validity_on(a, a.until)
        assert ended.in_force is False and ended.reason == "ended", a.id
        assert ended.successor == (a.replaced_by or a.repealed_by), a.id
        assert ended.successor in catalog.acts, a.id


def test_every_act_known_in_force_on_a_date_is_in_force_then(catalog):
    for a in _acts(catalog, lambda a: a.known_in_force and not a.until):
        assert validity_on(a, a.known_in_force).in_force is True, a.id
        later = validity_on(a, a.known_in_force + DAY)
        expected = True if a.status == "in-force" and (a.entry_into_force or a.date) else None
        assert later.in_force is expected, a.id


@pytest.mark.parametrize("status", ["in-force", "unknown", "partly-repealed"])
def test_acts_without_an_end_never_read_as_ended(catalog, status):
    for a in [a for a in catalog.acts.values() if a.status == status and not a.until]:
        assert validity_on(a, D(2099, 1, 1)).in_force is not False, a.id
