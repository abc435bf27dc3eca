"""Read a filled facts workbook back into the JSON form, checking the sheet layout first."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from kb_service.core.problems import FactsError, Problem
from kb_service.facts import xlsx_layout as L
from kb_service.facts.limits import DEFAULT, Limits
from kb_service.facts.schema import BY_KEY, COLLECTIONS, Field
from kb_service.facts.validate import Locator
from kb_service.facts.xlsx_guard import inspect_workbook


def _norm(v: Any) -> str:
    return " ".join(str(v).split()) if v is not None else ""


def _value(f: Field | None, v: Any, layout: L.XlsxLayout) -> Any:
    """Cell -> JSON value; anything unexpected is passed on for the validator to report."""
    if v is None or (isinstance(v, str) and not v.strip()):
        return None
    if isinstance(v, str):
        v = v.strip()
    kind = f.kind if f is not None else "str"
    if kind == "date":
        if isinstance(v, dt.datetime):
            return v.date().isoformat()
        return v.isoformat() if isinstance(v, dt.date) else str(v)
    if kind in ("int", "doc", "section"):
        if isinstance(v, float) and v.is_integer():
            return int(v)
        if isinstance(v, str) and v.lstrip("-").isdigit():
            return int(v)
        return v
    if kind == "bool":
        if isinstance(v, bool):
            return v
        return L.BOOL_WORDS.get(_norm(v).lower(), v)
    if kind == "code":
        by_label = {_norm(lab): code for code, lab in layout.code_labels(f.arg).items()}  # type: ignore[union-attr]
        return by_label.get(_norm(v), v)
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    return str(v) if isinstance(v, int | float) else v


def _sheet_rows(ws: Any, name: str, file: str, limits: Limits) -> list[tuple[Any, ...]]:
    """All rows of a sheet, refused past the row or column limit (never padded to a declared
    dimension: a sheet may claim A1:XFD1048576 for one cell)."""
    ws.reset_dimensions()
    rows = []
    for index, row in enumerate(ws.iter_rows(values_only=True), start=1):
        if index > limits.sheet_rows:
            raise FactsError(
                [
                    Problem(
                        file,
                        f"more than {limits.sheet_rows - 1:,} rows of records",
                        f"sheet '{name[:40]}'",
                        "",
                        f"at most {limits.sheet_rows - 1:,} (the sheet size limit)",
                    )
                ]
            )
        if len(row) > limits.sheet_columns:
            where = f"sheet '{name[:40]}' row {index}"
            raise FactsError(
                [
                    Problem(
                        file,
                        f"a cell in column {get_column_letter(len(row))}",
                        where,
                        "",
                        f"at most {limits.sheet_columns} columns",
                    )
                ]
            )
        rows.append(tuple(row))
    return rows


def _formula_cells(path: Path, file: str, limits: Limits) -> dict[tuple[str, int, int], str]:
    """(sheet, row, column) of every formula cell, to tell 'empty' from 'formula not computed'."""
    wb = load_workbook(path, data_only=False, read_only=True)
    found = {}
    try:
        for name in wb.sheetnames:
            for r, row in enumerate(_sheet_rows(wb[name], name, file, limits), start=1):
                for c, value in enumerate(row, start=1):
                    if isinstance(value, str) and value.startswith("="):
                        found[(name, r, c)] = value
    finally:
        wb.close()
    return found


# an element named f (a cell's formula), with or without a namespace prefix (any other match
# only costs the formula pass)
_FORMULA_TAG = re.compile(rb"[<:]f[\s/>]")


def _may_hold_formulas(wb: Any) -> bool:
    """Whether a sheet of the (read-only) workbook may hold a formula cell: its XML has an
    element named f, or is not plainly readable as bytes (an encoding that is not ASCII-based).
    Without one, the formula pass of openpyxl reads every cell as the data pass does (a cell is
    a formula only by its f element), so it would find nothing: it is skipped."""
    archive = getattr(wb, "_archive", None)
    for name in wb.sheetnames:
        part = getattr(wb[name], "_worksheet_path", None)
        if archive is None or not isinstance(part, str):
            return True
        xml = archive.read(part)
        start = xml.removeprefix(b"\xef\xbb\xbf").lstrip()
        if b"\x00" in xml or not start.startswith(b"<") or _FORMULA_TAG.search(xml):
            return True
    return False


def _load_rows(path: Path, file: str, limits: Limits) -> dict[str, list[tuple[Any, ...]]]:
    inspect_workbook(path, limits)
    try:
        wb = load_workbook(path, data_only=True, read_only=True)
        try:
            # the formula pass first, as its errors came first when it always ran
            formulas = _formula_cells(path, file, limits) if _may_hold_formulas(wb) else {}
            rows = {name: _sheet_rows(wb[name], name, file, limits) for name in wb.sheetnames}
        finally:
            wb.close()
    except FactsError:
        raise
    except Exception as exc:  # openpyxl and the XML parser raise many types for damaged files
        reason = " ".join(str(exc).split())[:160] or type(exc).__name__
        raise FactsError(
            [Problem(file, f"not a readable .xlsx: {reason}", "file", "", "a saved workbook")]
        ) from None
    problems = [
        Problem(
            file,
            f"the formula {formula[:60]!r} has no saved value",
            f"sheet '{name[:40]}' cell {get_column_letter(c)}{r}",
            "",
            "a value: open the workbook in Excel and save it, or type the value in",
        )
        for (name, r, c), formula in sorted(formulas.items())
        if _cell(rows[name], r, c) is None
    ]
    if problems:
        raise FactsError(problems)
    return rows


def _cell(rows: list[tuple[Any, ...]], r: int, c: int) -> Any:
    row = rows[r - 1] if r <= len(rows) else ()
    return row[c - 1] if c <= len(row) else None


def read_xlsx(
    path: Path, layout: L.XlsxLayout, limits: Limits = DEFAULT
) -> tuple[dict[str, Any], Locator]:
    file = str(path)
    size = path.stat().st_size
    if size > limits.file_bytes:
        raise FactsError(
            [Problem(file, f"the file is {size:,} bytes", "file", "", "a smaller workbook")]
        )
    rows = _load_rows(path, file, limits)
    problems: list[Problem] = []
    for name in [L.BODY_SHEET, *(c.sheet for c in COLLECTIONS)]:
        if name not in rows:
            problems.append(
                Problem(file, "sheet missing", f"sheet '{name}'", "", "the sheets of `kb template`")
            )
    want_by_sheet = {
        L.BODY_SHEET: list(L.BODY_HEADERS),
        **{c.sheet: layout.headers(c) for c in COLLECTIONS},
    }
    for name, want in want_by_sheet.items():
        if name not in rows:
            continue
        got = [_norm(v) for v in (rows[name][0] if rows[name] else ())]
        for col, expected in enumerate(want):
            seen = got[col] if col < len(got) else ""
            if seen != _norm(expected):
                where = f"sheet '{name}' column {get_column_letter(col + 1)}"
                msg = f"header {seen!r} is wrong" if seen else "header missing"
                problems.append(Problem(file, msg, where, "", repr(expected)))
    if problems:
        raise FactsError(problems)
    return _read(rows, file, layout)


def _read(
    rows: dict[str, list[tuple[Any, ...]]], file: str, layout: L.XlsxLayout
) -> tuple[dict[str, Any], Locator]:
    data: dict[str, Any] = {}
    where: dict[tuple[str | None, int | None], int] = {}  # (collection, index) -> row
    body_row: dict[str, int] = {}
    none: set[str] = set()
    period: dict[str, Any] = {}
    problems: list[Problem] = []
    for r, row in enumerate(rows[L.BODY_SHEET][1:], start=2):
        key = _norm(row[0]) if row else ""
        value = row[2] if len(row) > 2 else None
        if key and key.removeprefix("period.") in body_row:
            first = body_row[key.removeprefix("period.")]
            problems.append(
                Problem(
                    file,
                    f"the key is given twice (rows {first} and {r})",
                    f"sheet '{L.BODY_SHEET}' row {r}",
                    key[:60],
                    "each key on one row",
                )
            )
            continue
        body_row[key.removeprefix("period.")] = r
        if key.startswith(L.NONE_PREFIX):
            if _value(Field("", "", "bool"), value, layout) is True:
                none.add(key.removeprefix(L.NONE_PREFIX))
        elif key.startswith("period."):
            period[key[7:]] = _value(L.body_field(key), value, layout)
        elif key:
            v = _value(L.body_field(key), value, layout)
            if v is not None:
                data[key] = v
    data["period"] = period
    for c in COLLECTIONS:
        records: list[dict[str, Any]] = []
        for r, row in enumerate(rows[c.sheet][1:], start=2):
            if row.count(None) == len(row) or all(  # most rows of a template are empty
                v is None or (isinstance(v, str) and not v.strip()) for v in row
            ):
                continue
            cells = list(row) + [None] * (len(c.fields) + 1 - len(row))
            rec = {"id": _value(None, cells[0], layout)}
            for f, v in zip(c.fields, cells[1:], strict=False):
                if (val := _value(f, v, layout)) is not None:
                    rec[f.key] = val
            where[(c.key, len(records))] = r
            records.append(rec)
        if records and c.key in none:
            problems.append(
                Problem(
                    file,
                    f"says 'none' but sheet '{c.sheet}' has rows",
                    f"sheet '{L.BODY_SHEET}'",
                    L.NONE_PREFIX + c.key,
                    "one of the two",
                )
            )
        if records or c.key in none:
            data[c.key] = records
    if problems:
        raise FactsError(problems)

    def locate(coll: str | None, index: int | None, field: str | None) -> tuple[str, str]:
        if coll is None:
            row = body_row.get(field or "", 1)
            f = L.body_field(field or "")
            return f"sheet '{L.BODY_SHEET}' row {row}", layout.header(f) if f else (field or "")
        c = BY_KEY[coll]
        at = where.get((coll, index))
        loc = f"sheet '{c.sheet}'" + (f" row {at}" if at else "")
        f = next((x for x in c.fields if x.key == field), None)
        shown = layout.header(f) if f else (layout.id_header() if field == "id" else field or "")
        return loc, shown

    return data, locate
