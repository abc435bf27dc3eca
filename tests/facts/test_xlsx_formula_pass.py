"""The workbook reader's formula pass (openpyxl with data_only=False, to tell a formula Excel
never computed from an empty cell) runs only when a sheet may hold a formula; the result is the
same as with the pass always run: the same facts, the same problems."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from repo_paths import ROOT

from kb_service.core.problems import FactsError
from kb_service.facts import xlsx_reader
from kb_service.facts.xlsx_layout import xlsx_layout
from kb_service.kb.registry import current_kb

WORKBOOK = ROOT / "examples" / "ministry.xlsx"
BAD = sorted((ROOT / "tests" / "data" / "bad-facts").glob("*.xlsx"))


def _read(path: Path) -> tuple[str, Any]:
    """What read_xlsx makes of a file: its facts, or its problem lines."""
    try:
        data, _ = xlsx_reader.read_xlsx(path, xlsx_layout(current_kb()))
    except FactsError as err:
        return "problems", [str(p) for p in err.problems]
    return "facts", data


def _may_hold(path: Path) -> bool:
    wb = load_workbook(path, read_only=True, data_only=True)
    try:
        return xlsx_reader._may_hold_formulas(wb)
    finally:
        wb.close()


def _with_formula(out: Path, value: bool) -> Path:
    """The example workbook with a formula in an answer date (its saved value too, or not)."""
    wb = load_workbook(WORKBOOK)
    wb["11 Кайрылуулар"]["C2"] = "=B2+14"
    path = out / f"formula-{value}.xlsx"
    wb.save(path)
    if value:  # what Excel saves: the formula and the value it computed
        _edit_sheets(path, lambda xml: xml.replace(b"<f>B2+14</f><v></v>", b"<f>B2+14</f><v>1</v>"))
    return path


def _edit_sheets(path: Path, edit: Any) -> None:
    with zipfile.ZipFile(path) as src:
        parts = [(info, src.read(info)) for info in src.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for info, data in parts:
            is_sheet = re.match(r"xl/worksheets/sheet\d+\.xml", info.filename)
            dst.writestr(info, edit(data) if is_sheet else data)


@pytest.mark.parametrize("path", [WORKBOOK, *BAD], ids=lambda p: p.name)
def test_without_formulas_the_pass_is_skipped_and_nothing_changes(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert not _may_hold(path)
    skipped = _read(path)
    monkeypatch.setattr(xlsx_reader, "_may_hold_formulas", lambda wb: True)
    assert skipped == _read(path)


@pytest.mark.parametrize("value", [False, True])
def test_a_formula_is_found_and_read_as_before(
    value: bool, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _with_formula(tmp_path, value)
    assert _may_hold(path)
    found = _read(path)
    if value:
        assert found[0] == "facts"
    else:
        assert found[0] == "problems" and "has no saved value" in found[1][0]
    monkeypatch.setattr(xlsx_reader, "_may_hold_formulas", lambda wb: True)
    assert found == _read(path)


def test_a_prefixed_formula_element_or_an_unknown_encoding_counts(tmp_path: Path) -> None:
    """`<x:f>` is a formula too, and a sheet in UTF-16 cannot be searched as bytes."""
    path = _with_formula(tmp_path, False)
    main = b'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    prefixed = main.replace(b"xmlns=", b"xmlns:x=")

    def prefix(xml: bytes) -> bytes:
        if b"<f>" not in xml:
            return xml
        xml = xml.replace(main, main + b" " + prefixed)
        return xml.replace(b"<f>", b"<x:f>").replace(b"</f>", b"</x:f>")

    _edit_sheets(path, prefix)
    assert _may_hold(path)
    assert "has no saved value" in _read(path)[1][0]

    plain = tmp_path / "utf16.xlsx"
    plain.write_bytes(WORKBOOK.read_bytes())
    _edit_sheets(plain, lambda xml: xml.decode("utf-8").encode("utf-16"))
    assert _may_hold(plain)
