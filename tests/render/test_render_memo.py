"""Checklist memo rendering: Markdown layout and round trip, HTML, DOCX read-back, PDF text."""

import io
import re

import pytest
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from render_pdf_text import pdf_text

from kb_service.kb.registry import current_kb
from kb_service.models.memo import Memo, MemoDocument, MemoFootnote, MemoItem, MemoSection
from kb_service.render import render_memo
from kb_service.render.memo import md_escape

TITLE = (
    "Мамлекеттик жарандык кызмат чөйрөсүндөгү\n"
    "Кыргыз Республикасынын мыйзамдардын сакталышына\n"
    "мониторинг жүргүзүү боюнча\n"
    "эскертме*"
)
BASIS_2 = (
    "(Кыргыз Республикасынын «Мамлекеттик жарандык кызмат жана муниципалдык кызмат жөнүндө» "
    "Мыйзамы, КР Өкмөтүнүн 2016-жылдын 29-декабрындагы № 706 токтому)"
)
NOTE_13 = (
    "(функция Кыргыз Республикасынын Өкмөтүнө караштуу Мамлекеттик салык кызматына "
    "өткөрүлүп берилди)"
)


def _memo(lang: str = "ky", translation: bool = False) -> Memo:
    sections = (
        MemoSection(
            number=1,
            title="Мамлекеттик орган жөнүндө жалпы маалымат**",
            items=(
                MemoItem("жалпы штаттык саны, анын ичинде:", 0, "1.1"),
                MemoItem("мамлекеттик органдын борбордук аппаратынын;", 1, "1.1.a"),
                MemoItem("ведомстволук жана аймактык өкүлчүлүктөрүнүн;", 1, "1.1.b"),
            ),
            legal_basis="(КР Өкмөтүнүн 2011-жылдын 22-августундагы № 473 (маморгандар) токтому)",
        ),
        MemoSection(
            number=2,
            title="Бош кызмат ордун ээлөөгө конкурстук тандоонун абалы:",
            items=(
                MemoItem("конкурстук комиссиялардын чечимдеринин протоколдору***;", 0, "2.1"),
                MemoItem("бош кызмат орундарынын болушу;", 0, "2.2"),
                MemoItem("канча кайрылууга оң жооп берилди;", 1, "2.2.a"),
                MemoItem("3 жылда бир жолудан кем эмес окутуу (мындан ары - МКК) <маалымат>;"),
            ),
            legal_basis=BASIS_2,
        ),
        MemoSection(
            number=13,
            title="Кызматчыларга таандык кирешелерди декларациялоонун абалы.",
            items=(),
            legal_basis="",
            note=NOTE_13,
            not_evaluated=True,
        ),
    )
    return Memo(
        labels=current_kb().catalog.label_table(lang),  # the KB's words, as build_memo gives them
        regime="state",
        lang=lang,
        title=TITLE,
        sections=sections,
        notes_heading="Эскертүү:",
        footnotes=(
            MemoFootnote("*", "Кыргыз Республикасынын муниципалдык кызмат жөнүндө мыйзамдары"),
            MemoFootnote("**", "Жергиликтүү өз алдынча башкаруу органы"),
            MemoFootnote("***", "Административдик муниципалдык кызмат орундары"),
        ),
        documents_heading="Документтерди көрсөтүү",
        documents=(
            MemoDocument(1, "Мамлекеттик органдын иш Регламенти"),
            MemoDocument(2, "Иш номенклатурасы"),
            MemoDocument(
                25, "Мамлекеттик кызматчылардын кирешелерин декларациялоо жөнүндө маалымат"
            ),
        ),
        is_translation=translation,
        translation_notice="Неофициальный перевод проекта; официальный текст — на кыргызском."
        if translation
        else "",
        kb_revision="abc1234",
    )


def _plain(md: str) -> str:
    """What the lead's round trip does: drop emphasis and escapes, collapse whitespace."""
    # Escaped characters are literal text: park them before emphasis is dropped.
    text = re.sub(r"\\(.)", lambda m: f"\x00{ord(m.group(1))}\x00", md)
    text = text.replace("*", "")
    text = re.sub(r"\x00(\d+)\x00", lambda m: chr(int(m.group(1))), text)
    return " ".join(text.split())


def test_md_layout() -> None:
    md = render_memo(_memo(), "md").decode("utf-8")
    lines = md.splitlines()
    assert lines[0] == "**Мамлекеттик жарандык кызмат чөйрөсүндөгү  "
    assert "эскертме\\***" in md
    assert "**1. Мамлекеттик орган жөнүндө жалпы маалымат\\*\\***" in lines
    assert "- жалпы штаттык саны, анын ичинде:" in lines
    assert "  - мамлекеттик органдын борбордук аппаратынын;" in lines
    assert "- конкурстук комиссиялардын чечимдеринин протоколдору\\*\\*\\*;" in lines
    # Legal basis after the bullets, as its own paragraph.
    assert md.index("- бош кызмат орундарынын болушу;") < md.index(BASIS_2)
    assert f"\n\n{BASIS_2}\n\n" in md
    assert f"**13. Кызматчыларга таандык кирешелерди декларациялоонун абалы.**\n\n{NOTE_13}" in md
    assert "- \\* Кыргыз Республикасынын муниципалдык кызмат жөнүндө мыйзамдары" in lines
    assert "- \\*\\*\\* Административдик муниципалдык кызмат орундары" in lines
    assert md.index("Эскертүү:") < md.index("**Документтерди көрсөтүү**")
    assert "1. Мамлекеттик органдын иш Регламенти" in lines
    assert "25. Мамлекеттик кызматчылардын кирешелерин декларациялоо жөнүндө маалымат" in lines
    assert "Неофициальный" not in md


def test_md_round_trip_is_verbatim() -> None:
    memo = _memo()
    plain = _plain(render_memo(memo, "md").decode("utf-8"))
    texts = [" ".join(memo.title.split())]
    for sec in memo.sections:
        texts += [f"{sec.number}. {sec.title}", sec.legal_basis, sec.note]
        texts += [item.text for item in sec.items]
    texts += [f"{fn.marker} {fn.text}" for fn in memo.footnotes]
    texts += [f"{d.number}. {d.text}" for d in memo.documents]
    for text in filter(None, texts):
        assert " ".join(text.split()) in plain, text


def test_md_translation_notice_and_escaping() -> None:
    md = render_memo(_memo("ru", translation=True), "md").decode("utf-8")
    assert md.splitlines()[5] == (
        "*Неофициальный перевод проекта; официальный текст — на кыргызском.*"
    )
    assert md_escape("a_b `c` \\ d*") == "a\\_b \\`c\\` \\\\ d\\*"
    assert md_escape("- dash") == "\\- dash"
    assert md_escape("12. item") == "12\\. item"
    assert md_escape("мындан ары - МКК") == "мындан ары - МКК"


def test_html_structure() -> None:
    html = render_memo(_memo(), "html").decode("utf-8")
    assert '<html lang="ky">' in html
    assert "мониторинг жүргүзүү боюнча<br>эскертме*</h1>" in html
    assert "<h2>1. Мамлекеттик орган жөнүндө жалпы маалымат**</h2>" in html
    assert '<li class="sub">мамлекеттик органдын борбордук аппаратынын;</li>' in html
    assert "&lt;маалымат&gt;" in html  # text is escaped, not injected
    assert '<p class="basis">' in html and "«Мамлекеттик жарандык кызмат" in html
    assert "Автоматтык түрдө бааланбайт" in html  # section 13 is not evaluated
    assert '<li value="25">' in html
    assert "<script" not in html.lower()
    ru = render_memo(_memo("ru", translation=True), "html").decode("utf-8")
    assert '<html lang="ru">' in ru and '<p class="notice">Неофициальный перевод' in ru


def test_docx_read_back() -> None:
    memo = _memo()
    doc = Document(io.BytesIO(render_memo(memo, "docx")))
    paras = doc.paragraphs
    texts = [p.text for p in paras]
    title = paras[0]
    assert title.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert all(r.bold for r in title.runs)
    assert " ".join(title.text.split()) == " ".join(TITLE.split())
    for sec in memo.sections:
        heading = f"{sec.number}. {sec.title}"
        assert heading in texts
        assert paras[texts.index(heading)].runs[0].bold
    for d in memo.documents:
        assert f"{d.number}.\t{d.text}" in texts
    basis = paras[texts.index(BASIS_2)]
    assert basis.runs[0].italic
    sub = paras[texts.index("мамлекеттик органдын борбордук аппаратынын;")]
    assert sub.style.name == "List Bullet 2"
    assert paras[texts.index("бош кызмат орундарынын болушу;")].style.name == "List Bullet"
    assert "***\tАдминистративдик муниципалдык кызмат орундары" in texts
    assert doc.styles["Normal"].font.name == "Times New Roman"
    assert round(doc.sections[0].page_width.cm, 1) == 21.0


def test_pdf_has_kyrgyz_letters() -> None:
    text = pdf_text(render_memo(_memo(), "pdf"))
    for letter in ("ң", "ө", "ү"):
        assert letter in text
    flat = " ".join(text.split())
    assert "Мамлекеттик орган жөнүндө жалпы маалымат" in flat
    assert "Документтерди көрсөтүү" in flat


def test_unknown_format() -> None:
    with pytest.raises(ValueError):
        render_memo(_memo(), "odt")
