"""The checklist memo as a Word document with the look of a Kyrgyz government paper."""

import io
import re

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.styles.style import ParagraphStyle
from docx.text.paragraph import Paragraph

from kb_service.models.memo import Memo
from kb_service.render.labels import merged_labels

FONT = "Times New Roman"  # the usual face of official papers; has full Cyrillic incl. ң ө ү
SIZE = Pt(12)
_LANG_TAGS = {"ky": "ky-KG", "ru": "ru-RU", "en": "en-GB"}
CORE_PROPERTY_LIMIT = 255
# Characters XML 1.0 cannot hold; lxml refuses them, so they are shown as U+FFFD instead.
_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(text: str) -> str:
    """Text a .docx can hold: characters XML forbids become U+FFFD, the rest is verbatim."""
    return _NOT_XML.sub("\ufffd", text)


def _property(text: str) -> str:
    # A core property holds at most 255 characters (python-docx refuses more).
    text = xml_text(" ".join(text.split()))
    return text if len(text) <= CORE_PROPERTY_LIMIT else text[: CORE_PROPERTY_LIMIT - 1] + "…"


def _set_font(style: ParagraphStyle, lang: str) -> None:
    style.font.name = FONT
    style.font.size = SIZE
    rpr = style.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.append(fonts)
    # Word picks the face per script; set all so Cyrillic never falls back to Calibri.
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), FONT)
    lang_el = OxmlElement("w:lang")
    lang_el.set(qn("w:val"), _LANG_TAGS.get(lang, "ky-KG"))
    rpr.append(lang_el)


def _setup(doc: DocxDocument, lang: str) -> None:
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.left_margin, section.right_margin = Cm(3.0), Cm(1.5)
    section.top_margin, section.bottom_margin = Cm(2.0), Cm(2.0)
    for name in ("Normal", "List Bullet", "List Bullet 2"):
        style = doc.styles[name]
        _set_font(style, lang)
        style.paragraph_format.space_after = Pt(2)
        style.paragraph_format.line_spacing = 1.1
    doc.styles["Normal"].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    _page_number_footer(doc)


def _page_number_footer(doc: DocxDocument) -> None:
    para = doc.sections[0].footer.paragraphs[0]
    para.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    para._p.append(field)


def _para(
    doc: DocxDocument,
    text: str,
    *,
    bold: bool = False,
    italic: bool = False,
    style: str | None = None,
    align: WD_ALIGN_PARAGRAPH | None = None,
    space_before: float = 0,
) -> Paragraph:
    para = doc.add_paragraph(style=style)
    run = para.add_run(xml_text(text))
    run.bold, run.italic = bold, italic
    if align is not None:
        para.alignment = align
    if space_before:
        para.paragraph_format.space_before = Pt(space_before)
    return para


def _hanging(para: Paragraph, indent_cm: float) -> None:
    para.paragraph_format.left_indent = Cm(indent_cm)
    para.paragraph_format.first_line_indent = Cm(-indent_cm)


def render_memo_docx(memo: Memo) -> bytes:
    lab = merged_labels(memo.labels, None)
    doc = Document()
    _setup(doc, memo.lang)
    doc.core_properties.title = _property(memo.title)
    doc.core_properties.language = _LANG_TAGS.get(memo.lang, "ky-KG")
    if memo.kb_revision:
        doc.core_properties.comments = _property(f"{lab['kb_revision']}: {memo.kb_revision}")

    title = doc.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.space_after = Pt(12)
    lines = [line.strip() for line in memo.title.strip().splitlines() if line.strip()]
    for i, line in enumerate(lines):
        run = title.add_run(xml_text(line))
        run.bold = True
        if i < len(lines) - 1:
            run.add_break()
    if memo.is_translation and memo.translation_notice:
        _para(doc, memo.translation_notice, italic=True, align=WD_ALIGN_PARAGRAPH.CENTER)

    for sec in memo.sections:
        heading = _para(doc, f"{sec.number}. {sec.title}", bold=True, space_before=8)
        heading.paragraph_format.keep_with_next = True
        if sec.not_evaluated:
            note = _para(doc, lab["not_evaluated"], italic=True)
            note.runs[0].font.size = Pt(9)
        for item in sec.items:
            style = "List Bullet 2" if item.level > 0 else "List Bullet"
            _para(doc, " ".join(item.text.split()), style=style)
        if sec.legal_basis.strip():
            _para(doc, sec.legal_basis.strip(), italic=True)
        if sec.note.strip():
            _para(doc, sec.note.strip())

    if memo.footnotes:
        _para(doc, memo.notes_heading or lab["notes"], bold=True, space_before=12)
        for fn in memo.footnotes:
            para = doc.add_paragraph()
            para.add_run(xml_text(fn.marker)).bold = True
            para.add_run(xml_text(f"\t{fn.text}"))
            para.paragraph_format.tab_stops.add_tab_stop(Cm(1.5))
            _hanging(para, 1.5)
            for run in para.runs:
                run.font.size = Pt(11)

    if memo.documents:
        heading = _para(doc, memo.documents_heading or lab["documents"], bold=True, space_before=12)
        heading.paragraph_format.keep_with_next = True
        for d in memo.documents:
            # Numbers are written, not auto-numbered, so they always equal the memo's own.
            para = _para(doc, f"{d.number}.\t{d.text}")
            para.paragraph_format.tab_stops.add_tab_stop(Cm(1.0))
            _hanging(para, 1.0)

    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()
