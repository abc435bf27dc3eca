"""The knowledge-base browser's use cases: the search normaliser and search, and the views."""

from __future__ import annotations

import datetime as dt

import pytest

from kb_service.app import kb_browse
from kb_service.core.problems import UsageError
from kb_service.core.text_fold import fold, matches, terms
from kb_service.kb.registry import current_kb


def test_fold_ignores_case_space_and_kyrgyz_letters_typed_as_russian():
    assert fold("  ӨКҮЛЧҮЛҮК\tМЕНЕН ") == fold("окулчулук менен") == "окулчулук менен"
    assert fold("Ң") == "н"
    assert fold("Ёлка") == "елка"
    assert fold("e\u0301") == fold("\u00e9")  # composed and decomposed alike


def test_every_term_must_match():
    assert matches(terms("кадр резерв"), "Кадрлар РЕЗЕРВИ")
    assert not matches(terms("кадр пенсия"), "Кадрлар резерви")
    assert not matches(terms("   "), "anything")


@pytest.fixture(scope="module")
def kb():
    return current_kb()


def test_search_finds_kyrgyz_typed_without_kyrgyz_letters(kb):
    exact = kb_browse.search("өкүлчүлүк", "ky", kb=kb)
    typed = kb_browse.search("ОКУЛЧУЛУК", "ky", kb=kb)
    assert exact and exact == typed
    assert any(h["kind"] == "requirement" and h["key"] == "4.1" for h in exact)


def test_search_finds_russian_and_shows_the_page_language(kb):
    hits = kb_browse.search("КАДРОВЫМ резервом", "ky", kb=kb)
    assert any(h["kind"] == "section" and h["key"] == "4" for h in hits)
    section_4 = next(h for h in hits if h["kind"] == "section" and h["key"] == "4")
    assert "кадрлар резерви" in section_4["text"]  # found in Russian, shown in Kyrgyz


def test_search_finds_acts_by_number(kb):
    hits = kb_browse.search("75", "en", kb=kb)
    assert any(h["kind"] == "act" and h["key"] == "law-75-2016" for h in hits)


def test_search_limits_the_query(kb):
    with pytest.raises(UsageError):
        kb_browse.search("x" * (kb_browse.MAX_QUERY + 1), "ky", kb=kb)
    assert kb_browse.search("", "ky", kb=kb) == []


def test_act_view_gives_standing_changes_and_successor(kb):
    view = kb_browse.act("law-75-2016", dt.date(2025, 1, 1), "en", kb=kb)
    assert view["view"]["in_force"] is False
    assert view["view"]["replaced_by"]["id"] == "law-125-2021"
    assert [r["relation"] for r in view["relations"]] == ["replaced-by"]
    assert view["sections"] and view["requirements"]


def test_section_view_links_requirements_documents_and_acts(kb):
    view = kb_browse.section(1, dt.date(2020, 1, 1), "ru", kb=kb)
    assert [r["id"] for r in view["requirements"]][:1] == ["1.1"]
    assert view["documents"] and view["acts"]
    with pytest.raises(UsageError):
        kb_browse.section(99, dt.date(2020, 1, 1), "ru", kb=kb)
