"""The tool's own sentences: Kyrgyz word order and verbs for acts, Russian and English polish,
and the report's words kept in rules/labels.ttl rather than in Python.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from bodies import minimal_body
from repo_paths import ROOT

from kb_service.cli.main import main
from kb_service.core.languages import LANGS
from kb_service.evaluation.assess import assess
from kb_service.facts import facts_from_dict
from kb_service.kb.registry import current_kb
from kb_service.law.checklist import build_checklist

BODY = minimal_body()
AS_OF = dt.date(2025, 6, 30)
CLUMSY = ("мураскер", "мураскор", "Абалы боюнча датада", "күчүн жоготкон акт:", "(баштап ")


def _kyrgyz_outputs(capsys) -> str:
    evaluation = assess(
        facts_from_dict(BODY, "b.json", AS_OF, kb=current_kb()), AS_OF, "ky", kb=current_kb()
    )
    assert main(["law", "--as-of", AS_OF.isoformat()]) == 0
    law = capsys.readouterr().out
    checklist = build_checklist(current_kb().checks, "state-body", AS_OF, "ky")
    basis = " ".join(s.legal_basis for s in checklist.sections)
    notes = " ".join(c.note for f in evaluation.findings for c in f.citations)
    return " ".join([law, basis, notes, *current_kb().catalog.label_table("ky").values()])


def test_kyrgyz_says_since_when_in_the_right_order(capsys):
    assert main(["law", "--section", "11", "--as-of", AS_OF.isoformat()]) == 0
    out = capsys.readouterr().out
    # 341 ended on 2021-11-02: the section now cites 233 from that day in its place
    assert "2021-11-02 күнүнөн баштап 2013-06-10 № 341 Регламент ордуна" in out
    assert "(баштап " not in out


def test_kyrgyz_says_the_act_lost_force_by_the_other(capsys):
    evaluation = assess(
        facts_from_dict(BODY, "b.json", AS_OF, kb=current_kb()), AS_OF, "ky", kb=current_kb()
    )
    notes = {c.note for f in evaluation.findings for c in f.citations if c.id == "gov-res-131-2017"}
    assert notes == {
        "Көңүл буруңуз: 2017-03-01 № 131 Өкмөттүн токтому 2025-06-30 күнүнө карата күчүндө эмес;"
        " 2022-08-29 № 474 Министрлер Кабинетинин токтому менен күчүн жоготкон"
        " (2022-08-01 күнүнөн баштап)"
    }
    assert main(["law", "--section", "9", "--as-of", AS_OF.isoformat()]) == 0
    out = capsys.readouterr().out
    repealed = "! 2022-08-29 № 474 Министрлер Кабинетинин токтому менен күчүн жоготкон"
    assert repealed + " (2022-08-01 күнүнөн баштап)" in out


def test_no_clumsy_kyrgyz_remains(capsys):
    text = _kyrgyz_outputs(capsys)
    assert [w for w in CLUMSY if w in text] == []


def test_report_words_are_data_not_python():
    for module in ("render/labels.py", "render/law_text.py", "law/memo.py", "law/act_status.py"):
        source = (ROOT / "kb_service" / module).read_text(encoding="utf-8")
        assert not re.search("[а-яА-ЯёЁңөүҢӨҮ]", source), module


@pytest.mark.parametrize("lang", LANGS)
def test_every_label_has_every_language(catalog, lang):
    assert catalog.labels and all(lang in words for words in catalog.labels.values())


def test_russian_orders_vacant_before_administrative(catalog):
    text = catalog.label(catalog.requirements["2.1"].iri, "ru")
    assert "вакантных административных государственных должностей" in text


def test_english_says_hotline_and_qualifications_profile(catalog):
    english = " ".join(t.get("en", "") for t in catalog.texts.values())
    for calque in ("trust phone", "qualitative composition"):
        assert calque not in english.lower()
    assert "hotline" in catalog.label(catalog.requirements["11.1"].iri, "en")


def test_document_21_title_carries_no_editors_note(catalog):
    doc = catalog.documents[21].iri
    for lang in ("ru", "en"):
        title = catalog.label(doc, lang)
        assert "Тартиктик" not in title and "typo" not in title
    note = catalog.text(doc, "http://www.w3.org/2004/02/skos/core#editorialNote", "en")
    assert "Тартиктик" in note
    assert catalog.label(doc, "ky") == "Тартиктик комиссияны түзүү жөнүндө буйрук"  # verbatim


def test_english_kb_law_writes_no_for_the_number_sign(capsys):
    assert main(["law", "--lang", "en", "--as-of", AS_OF.isoformat()]) == 0
    out = capsys.readouterr().out
    assert "verification: No. — " in out and "№" not in out
