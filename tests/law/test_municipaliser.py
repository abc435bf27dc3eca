"""The municipal wording (law/municipal.py): substitutions applied in order, word boundaries and
case endings, protected phrases kept; made-up rules for the mechanics, then each language's own
rules of rules/municipal.ttl."""

from __future__ import annotations

import pytest

from kb_service.kb.catalog import Substitution
from kb_service.law.municipal import Municipaliser, municipaliser

LANGS = ("ky", "ru", "en")


def rule(order: int, *forms: tuple[str, str], keep_suffix: bool = False, lang: str = "en"):
    return Substitution(order, "inferred", keep_suffix, {lang: forms})


RULES = (
    rule(1, ("state body", "local self-government body")),
    rule(2, ("state servant", "municipal servant"), keep_suffix=True),
    rule(3, ("state", "municipal")),
)
PROTECTED = ("State Tax Service", "state service and municipal service")


def apply(text: str, rules=RULES, protected=PROTECTED, lang: str = "en") -> str:
    return Municipaliser(rules, protected, lang).apply(text)


# --- mechanics ---------------------------------------------------------------------------


def test_rules_run_in_their_order_the_longer_phrase_first():
    assert (
        apply("the state body and the state") == "the local self-government body and the municipal"
    )


def test_whole_words_only_unless_the_rule_keeps_the_suffix():
    assert apply("statement, interstate, states") == "statement, interstate, states"
    assert apply("state servants' files") == "municipal servants' files"


def test_the_first_letters_case_is_kept():
    assert apply("State body") == "Local self-government body"
    # only the first letter matches in either case: rule 1 misses "Body", rule 3 takes "state"
    assert apply("state Body") == "municipal Body"
    lowered = rule(1, ("Orderly", "tidy"))
    assert apply("Orderly orderly", rules=(lowered,)) == "Tidy tidy"


@pytest.mark.parametrize(
    "text",
    [
        "the State Tax Service",
        "the state tax service",  # matched in any case, kept as written
        "law on state service and municipal service",
    ],
)
def test_protected_phrases_are_kept_as_written(text):
    assert apply(text) == text


def test_around_a_protected_phrase_the_rules_still_apply():
    text = "A state body writes to the State Tax Service about the state"
    assert apply(text) == (
        "A local self-government body writes to the State Tax Service about the municipal"
    )


def test_a_rule_of_another_language_does_not_apply():
    ky_rules = (rule(1, ("мамлекеттик", "муниципалдык"), lang="ky"),)
    assert Municipaliser(ky_rules, (), "en").apply("мамлекеттик") == "мамлекеттик"
    assert Municipaliser(ky_rules, (), "ky").apply("мамлекеттик") == "муниципалдык"


def test_text_without_state_wording_is_unchanged():
    text = "Citizens' appeals: 3 of 4 answered (s01, s02)."
    assert apply(text) == text


# --- each language's own rules ----------------------------------------------------------------


def _forms(catalog, lang):
    forms = [(r, s, m) for r in catalog.substitutions for s, m in r.forms.get(lang, ())]
    assert forms, f"no substitution rule in {lang}"
    return forms


def _upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


@pytest.mark.parametrize("lang", LANGS)
def test_every_form_becomes_its_municipal_form(catalog, lang):
    m = municipaliser(catalog, lang)
    for rule_, state, municipal in _forms(catalog, lang):
        assert m.apply(state) == municipal, (rule_.order, state)
        assert m.apply(_upper_first(state)) == _upper_first(municipal), (rule_.order, state)
        assert m.apply(f"({state}.)") == f"({municipal}.)", (rule_.order, state)


@pytest.mark.parametrize("lang", LANGS)
def test_keep_suffix_rules_keep_the_ending(catalog, lang):
    m = municipaliser(catalog, lang)
    checked = 0
    for rule_, state, municipal in _forms(catalog, lang):
        if rule_.keep_suffix:
            assert m.apply(state + "XY") == municipal + "XY", (rule_.order, state)
            checked += 1
        else:  # a whole-word rule leaves a longer word to the other rules
            assert municipal + "xy" not in m.apply(state + "xy"), (rule_.order, state)
    assert checked, f"{lang}: no rule keeps its suffix"


@pytest.mark.parametrize("lang", LANGS)
def test_every_protected_phrase_is_kept_in_a_sentence(catalog, lang):
    m = municipaliser(catalog, lang)
    phrases = catalog.protected.get(lang, ())
    assert phrases, f"no protected phrase in {lang}"
    for phrase in phrases:
        for text in (phrase, f"«{phrase}», {phrase}.", f"({_upper_first(phrase)})"):
            assert m.apply(text) == text


@pytest.mark.parametrize("lang", LANGS)
def test_a_protected_phrase_and_a_rule_in_one_text(catalog, lang):
    m = municipaliser(catalog, lang)
    [(_, state, municipal), *_] = _forms(catalog, lang)
    phrase = max(catalog.protected[lang], key=len)
    assert m.apply(f"{state}; {phrase}; {state}") == f"{municipal}; {phrase}; {municipal}"
