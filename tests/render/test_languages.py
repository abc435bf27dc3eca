"""Russian and English outputs hold no Kyrgyz outside quoted names: findings (JSON, HTML, PDF,
Turtle), `kb law` (text and JSON), `kb checklist` and `kb memo`, for every example and body type.
"""

from __future__ import annotations

import dataclasses
import json

import pytest
from languages import html_text, json_strings, kyrgyz_in
from outputs import AS_OF, EXAMPLES, evaluation, names, report
from render_pdf_text import pdf_text

from kb_service.cli.main import main
from kb_service.kb.registry import current_kb
from kb_service.law.checklist import legal_basis_on
from kb_service.models.law import LawLookup
from kb_service.render.law_text import law_as_text

FOREIGN = ("ru", "en")
BODY_TYPES = (
    "state-body",
    "district-administration",
    "local-self-government",
    "ttp-ktp",
    "oblast-representative-office",
)


def _cli(capsys, *argv: str) -> str:
    assert main(list(argv)) == 0
    return capsys.readouterr().out


@pytest.mark.parametrize("lang", FOREIGN)
@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.name)
def test_findings_json_html_and_turtle_hold_no_kyrgyz(catalog, example, lang):
    ev = evaluation(example, lang)
    assert kyrgyz_in(json_strings(ev.to_json()), catalog, lang, names(example)) == []
    html = html_text(report(example, lang, "html").decode("utf-8"))
    assert kyrgyz_in(html, catalog, lang, names(example)) == []
    turtle = report(example, lang, "ttl").decode("utf-8")
    assert kyrgyz_in(turtle, catalog, lang, names(example)) == []


@pytest.mark.parametrize("lang", FOREIGN)
@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.name)
def test_findings_pdf_holds_no_kyrgyz(catalog, example, lang):
    text = pdf_text(report(example, lang, "pdf"))
    assert kyrgyz_in(text, catalog, lang, names(example), by_word=True) == []


@pytest.mark.parametrize("lang", FOREIGN)
@pytest.mark.parametrize("as_of", ["2017-10-17", "2025-06-30"])
@pytest.mark.parametrize("body_type", BODY_TYPES)
@pytest.mark.parametrize("command", ["law", "checklist"])
def test_kb_law_and_checklist_hold_no_kyrgyz(capsys, catalog, command, body_type, as_of, lang):
    args = (command, "--body-type", body_type, "--as-of", as_of, "--lang", lang)
    assert kyrgyz_in(_cli(capsys, *args), catalog, lang) == []


@pytest.mark.parametrize("lang", FOREIGN)
@pytest.mark.parametrize("body_type", BODY_TYPES)
def test_kb_law_json_holds_no_kyrgyz_in_the_language(capsys, catalog, body_type, lang):
    shown = []  # the JSON holds every language; these are the fields in `lang`
    args = ("law", "--body-type", body_type, "--as-of", "2025-06-30", "--format", "json")
    for act in json.loads(_cli(capsys, *args)):
        for other in [act, act["replaced_by"], act["repealed_by"], *act["partly_repealed_by"]]:
            if other:
                shown += [other["title"][lang] or "", other["name"][lang]]
        shown += [act["type_label"][lang], (act["issuer"] or {}).get(lang) or "", act["note"]]
    assert kyrgyz_in(" | ".join(shown), catalog, lang) == []


@pytest.mark.parametrize("lang", FOREIGN)
@pytest.mark.parametrize("regime", ["state", "municipal"])
def test_kb_memo_holds_no_kyrgyz(capsys, catalog, regime, lang):
    text = _cli(capsys, "memo", "--regime", regime, "--lang", lang)
    assert kyrgyz_in(text, catalog, lang) == []


@pytest.mark.parametrize("lang", FOREIGN)
def test_kb_texts_in_russian_and_english_hold_no_kyrgyz(catalog, lang):
    """Every Russian and English text of the KB a user can be shown (comments for editors aside)."""
    comment = "http://www.w3.org/2000/01/rdf-schema#comment"
    bad = {
        (iri, prop): texts[lang]
        for (iri, prop), texts in catalog.texts.items()
        if prop != comment and lang in texts and kyrgyz_in(texts[lang], catalog, lang)
    }
    assert bad == {}


def test_english_and_russian_requirements_use_their_own_abbreviations(catalog):
    req = catalog.requirements["5.1"].iri
    assert "(hereinafter SPS)" in catalog.label(req, "en")
    assert "(далее — ГКС)" in catalog.label(req, "ru")
    assert "to the SPS" in catalog.label(catalog.requirements["5.5"].iri, "en")


def _act(title_ky: str) -> dict:
    name = {"ky": "2011-08-22 № 473 токтом", "ru": "постановление от 2011-08-22 № 473"}
    name["en"] = "Government resolution No. 473 of 2011-08-22"
    return {
        "title": {"ky": title_ky, "ru": None, "en": None},
        "name": name,
        "verification": {"number": "stated-by-memo", "date": "stated-by-memo"},
        "in_force": None,
        "cited_for": ["1.1"],
    }


@pytest.mark.parametrize("lang", FOREIGN)
def test_kb_law_heads_an_untitled_act_with_its_name_in_the_language(catalog, lang):
    act = {**_act("КР Өкмөтүнүн № 473 токтому"), "id": "gov-res-473-2011"}
    labels = current_kb().catalog.label_table(lang)
    text = law_as_text(LawLookup("2025-06-30", lang, "h", (act,), labels=labels))
    assert "Өкмөтүнүн" not in text and _act("")["name"][lang] in text


@pytest.mark.parametrize("lang", FOREIGN)
def test_checklist_names_an_untitled_act_in_the_language(lang):
    cc = current_kb().checks
    act = cc.catalog.acts["gov-res-473-2011"]
    texts = {
        key: ({k: v for k, v in value.items() if k == "ky"} if key[0] == act.iri else value)
        for key, value in cc.catalog.texts.items()
    }
    untitled = dataclasses.replace(cc, catalog=dataclasses.replace(cc.catalog, texts=texts))
    basis = legal_basis_on(untitled, 1, "state-body", AS_OF, lang)
    assert "473" in basis and "Өкмөтүнүн" not in basis
