"""The memo regenerated from the KB reproduces the seed, item by item; the municipal variant
applies every footnote substitution and nothing else."""

from __future__ import annotations

import re

import pytest
from memo_text import normalise, seed_items

from kb_service.law.memo import build_memo
from kb_service.law.municipal import municipaliser
from kb_service.render import render_memo


@pytest.fixture(scope="module")
def state_md(catalog) -> str:
    return normalise(render_memo(build_memo(catalog, "state", "ky"), "md").decode())


@pytest.fixture(scope="module")
def municipal_md(catalog) -> str:
    return normalise(render_memo(build_memo(catalog, "municipal", "ky"), "md").decode())


def test_every_seed_item_is_reproduced_in_order(seed_text, state_md):
    items = seed_items(seed_text)
    assert len(items) > 90, "the seed parser found too few items"
    position = 0
    for item in items:
        found = state_md.find(item, position)
        assert found >= 0, f"not reproduced verbatim (or out of order): {item!r}"
        position = found + len(item)


def test_counts_match_the_seed(catalog):
    memo = build_memo(catalog, "state", "ky")
    assert len(memo.sections) == 13
    assert len(memo.documents) == 27
    assert [f.marker for f in memo.footnotes] == ["*", "**", "***", "****", "*****"]
    bullets = sum(len(s.items) for s in memo.sections)
    assert bullets == 40  # 39 bullets + section 1's two sub-items, minus none
    assert memo.sections[12].not_evaluated and memo.sections[12].note


def test_seed_typos_are_kept(state_md):
    assert "Тартиктик комиссияны" in state_md  # the seed's typo for Тартиптик
    assert "мыйзамдардын сакталышына" in state_md


EXPECTED_MUNICIPAL = [
    "Кыргыз Республикасынын муниципалдык кызмат жөнүндө мыйзамдарынын сакталышына",
    "Жергиликтүү өз алдынча башкаруу органы жөнүндө жалпы маалымат",
    "жергиликтүү өз алдынча башкаруу органынын борбордук аппаратынын",
    "жергиликтүү өз алдынча башкаруу органындагы бош кызмат",
    "Жергиликтүү өз алдынча башкаруу органында кызматчылар",
    "Жергиликтүү өз алдынча башкаруу органынын штаттык ырааттамасы",
    "административдик муниципалдык бош кызмат орундарын",
    "административдик муниципалдык кызмат орундарынын топторуна",
    "муниципалдык кызматчылардын өздүк көктөмөлөрү жана эмгек китепчелери",
    "Муниципалдык кызматчыларды өнүктүрүү",
    "Муниципалдык кызмат орундарына квалификациялык талаптар",
    "Кыргыз Республикасынын муниципалдык кызмат жөнүндө мыйзамдарына ылайык",
]
PROTECTED = [
    "Кыргыз Республикасынын Мамлекеттик кадр кызматына",
    "«Мамлекеттик жарандык кызмат жана муниципалдык кызмат жөнүндө» Мыйзамы",
    "Мамлекеттик тапшырык боюнча окутуу",
    "мамлекетке материалдык зыян",
    "Мамлекеттик жарандык кызматчылардын жана муниципалдык кызматчылардын Этика кодекси",
    "Мамлекеттик жарандык кызматтан жана муниципалдык кызматтан",
    "Мамлекеттик салык кызматына",
]


@pytest.mark.parametrize("phrase", EXPECTED_MUNICIPAL)
def test_municipal_wording(municipal_md, phrase):
    assert phrase in municipal_md


@pytest.mark.parametrize("phrase", PROTECTED)
def test_protected_phrases_unchanged(municipal_md, phrase):
    assert phrase in municipal_md


def test_no_blind_replacement_case_endings(municipal_md):
    assert "башкаруу органдын" not in municipal_md
    assert "башкаруу органда " not in municipal_md
    assert not re.search(r"(?i)мамлекеттик (орган(?! жөнүндө жобо)|кызматчы)", municipal_md)


def _without(text: str, phrases) -> str:
    for phrase in sorted(phrases, key=len, reverse=True):
        text = re.sub(re.escape(phrase), "", text, flags=re.IGNORECASE)
    return text


@pytest.mark.parametrize("lang", ["ky", "ru", "en"])
def test_each_substitution_rule_applied(catalog, lang):
    state = render_memo(build_memo(catalog, "state", lang), "md").decode()
    municipal = render_memo(build_memo(catalog, "municipal", lang), "md").decode()
    state, municipal = normalise(state), normalise(municipal)
    rest = _without(municipal, catalog.protected.get(lang, ()))
    checked = 0
    for rule in catalog.substitutions:
        for state_form, municipal_form in rule.forms.get(lang, ()):
            if not re.search(re.escape(state_form), _without(state, catalog.protected[lang]), re.I):
                continue  # this word form does not occur in this language's memo
            checked += 1
            pattern = rf"(?<!\w){re.escape(state_form)}" + ("" if rule.keep_suffix else r"(?!\w)")
            assert not re.search(pattern, rest, re.I), f"rule {rule.order}: {state_form!r} left"
            assert municipal_form.lower() in municipal.lower(), (
                f"rule {rule.order}: no {municipal_form!r}"
            )
    assert checked >= 5


def test_municipaliser_keeps_suffixes_and_case(catalog):
    apply = municipaliser(catalog, "ky").apply
    assert apply("Мамлекеттик кызматчылардын") == "Муниципалдык кызматчылардын"
    assert apply("мамлекеттик органга") == "жергиликтүү өз алдынча башкаруу органына"
    assert apply("мамлекеттик органдан") == "жергиликтүү өз алдынча башкаруу органынан"
    assert apply("мамлекеттик органдарга") == "мамлекеттик органдарга"  # plural: no rule, untouched


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_translations_are_marked(catalog, lang):
    memo = build_memo(catalog, "state", lang)
    assert memo.is_translation and memo.translation_notice
    md = render_memo(memo, "md").decode()
    assert memo.translation_notice.split(";")[0] in md
    assert len(memo.sections) == 13 and all(s.title for s in memo.sections)
    assert all(item.text for s in memo.sections for item in s.items)
    assert all(d.text for d in memo.documents)
