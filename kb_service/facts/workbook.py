"""The Excel form of a facts file: a workbook with one sheet per memo section, drop-down lists and
date formats, as the reader (xlsx_reader.py) expects it. openpyxl is imported only here, so
commands that never write a workbook do not pay for it."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from kb_service.core.output_file import write_file
from kb_service.facts import xlsx_layout as L
from kb_service.facts.codes import CODES
from kb_service.facts.schema import COLLECTIONS, Field
from kb_service.facts.xlsx_layout import xlsx_layout
from kb_service.kb.knowledge_base import KnowledgeBase
from kb_service.kb.vocabulary import FactsVocabulary, facts_vocabulary

MAX_ROWS = 500  # rows given drop-downs and date formats
README = [
    "Мониторинг фактылары: бир органдын маалыматтары / Факты мониторинга: сведения об одном органе",
    "",
    "ky: Ар бир барак эскертменин бир бөлүмүнө туура келет. Биринчи саптагы аталыштарды "
    "өзгөртпөңүз. Ар бир жазуунун өзүнүн коду (ID) болот, мисалы s01.",
    "ru: Каждый лист соответствует разделу памятки. Не меняйте заголовки в первой строке. "
    "У каждой записи свой код (ID), например s01.",
    "ky: Бош барак = маалымат катталган жок. Жазуулар чындап жок болсо, '0 Орган' барагында "
    "тиешелүү сапка 'ооба / да' тандаңыз.",
    "ru: Пустой лист = сведения не записаны. Если записей действительно нет, выберите "
    "'ооба / да' в соответствующей строке листа '0 Орган'.",
    "ky: Күндөр ЖЖЖЖ-АА-КК форматында; тизмеден маанилерди тандаңыз.",
    "ru: Даты в формате ГГГГ-ММ-ДД; значения выбирайте из выпадающих списков.",
    "ky: 'Бөлүмчө', 'Кызматчы', 'буйрук' мамычаларына тиешелүү барактагы кодду жазыңыз.",
    "ru: В столбцы 'подразделение', 'служащий', 'приказ' вписывайте код записи с другого листа.",
    "ky: 13-бөлүм (декларациялоо) бааланбайт; ал үчүн барак жок.",
    "ru: Раздел 13 (декларирование) не оценивается; листа для него нет.",
]


def _cell_value(f: Field | None, v: Any, layout: L.XlsxLayout) -> Any:
    if v is None or f is None:
        return v
    if f.kind == "date":
        return dt.date.fromisoformat(v) if isinstance(v, str) else v
    if f.kind == "bool":
        return L.YES if v else L.NO
    if f.kind == "code":
        return layout.code_labels(f.arg).get(v, v)
    return v


def _lists_sheet(wb: Workbook, vocab: FactsVocabulary, layout: L.XlsxLayout) -> dict[str, str]:
    """Hidden sheet with one column per list; returns list name -> range formula."""
    ws = wb.create_sheet(L.LISTS_SHEET)
    lists: dict[str, list[str]] = {n: list(layout.code_labels(n).values()) for n in CODES}
    lists["bool"] = [L.YES, L.NO]
    lists["unit-kind"] = list(vocab.unit_kinds)
    lists["body-type"] = list(vocab.body_types)
    lists["act"] = list(vocab.acts)
    lists["doc"] = [str(n) for n in vocab.documents]
    refs: dict[str, str] = {}
    for col, (name, values) in enumerate(lists.items(), start=1):
        letter = get_column_letter(col)
        ws.cell(1, col, name)
        for row, v in enumerate(values, start=2):
            ws.cell(row, col, int(v) if name == "doc" else v)
        refs[name] = f"'{L.LISTS_SHEET}'!${letter}$2:${letter}${len(values) + 1}"
    ws.sheet_state = "hidden"
    return refs


def _validate(ws: Worksheet, refs: dict[str, str], f: Field | None, cells: str) -> None:
    name = None if f is None else (f.arg if f.kind in ("code", "kb") else f.kind)
    if name in refs:
        dv = DataValidation(type="list", formula1=f"={refs[name]}", allow_blank=True)
        dv.error = "Тизмеден тандаңыз / Выберите из списка"
        ws.add_data_validation(dv)
        dv.add(cells)


def _style_header(ws: Worksheet, ncols: int) -> None:
    for col in range(1, ncols + 1):
        cell = ws.cell(1, col)
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDEBF7")
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        ws.column_dimensions[get_column_letter(col)].width = 22
    ws.freeze_panes = "A2"


def write_workbook(data: dict[str, Any], out: Path, *, kb: KnowledgeBase) -> None:
    """Write facts (a dict in the JSON form) as the Excel workbook the reader expects."""
    write_file(workbook_bytes(data, kb=kb), out)


def workbook_bytes(data: dict[str, Any], *, kb: KnowledgeBase) -> bytes:
    layout = xlsx_layout(kb)
    wb = Workbook()
    readme = wb.active
    if not isinstance(readme, Worksheet):
        raise TypeError("a new workbook starts with one worksheet")
    readme.title = L.README_SHEET
    for row, text in enumerate(README, start=1):
        readme.cell(row, 1, text).alignment = Alignment(wrap_text=True)
    readme.column_dimensions["A"].width = 120
    refs = _lists_sheet(wb, facts_vocabulary(kb), layout)
    ws = wb.create_sheet(L.BODY_SHEET, 1)
    ws.append(list(L.BODY_HEADERS))
    for row, (key, lab) in enumerate(layout.body_rows(), start=2):
        f = L.body_field(key)
        if key.startswith(L.NONE_PREFIX):
            coll = key.removeprefix(L.NONE_PREFIX)
            value = L.YES if data.get(coll) == [] else None
            _validate(ws, refs, Field("", "", "bool"), f"C{row}")
        elif key.startswith("period."):
            value = _cell_value(f, (data.get("period") or {}).get(key[7:]), layout)
        else:
            value = _cell_value(f, data.get(key), layout)
        ws.append([key, lab, value])
        if f is not None:
            _validate(ws, refs, f, f"C{row}")
            if f.kind == "date":
                ws.cell(row, 3).number_format = "yyyy-mm-dd"
    _style_header(ws, 3)
    ws.column_dimensions["B"].width = 50
    for c in COLLECTIONS:
        ws = wb.create_sheet(c.sheet)
        ws.append(layout.headers(c))
        for rec in data.get(c.key) or []:
            ws.append([rec.get("id"), *(_cell_value(f, rec.get(f.key), layout) for f in c.fields)])
        for col, f in enumerate(c.fields, start=2):
            letter = get_column_letter(col)
            _validate(ws, refs, f, f"{letter}2:{letter}{MAX_ROWS}")
            if f.kind == "date":
                for row in range(2, MAX_ROWS + 1):
                    ws.cell(row, col).number_format = "yyyy-mm-dd"
        _style_header(ws, len(c.fields) + 1)
    wb.move_sheet(L.LISTS_SHEET, offset=len(wb.sheetnames))
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


__all__ = ["workbook_bytes", "write_workbook"]
