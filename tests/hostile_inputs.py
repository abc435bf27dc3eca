"""Large and bomb inputs, made at test time (never stored): each writes one file and returns what
the error must say. Used by tests/facts/test_hostile_inputs.py; run it as a script to keep the
files:

    python tests/hostile_inputs.py OUTDIR
"""

from __future__ import annotations

import json
import re
import sys
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from repo_paths import kb_copy

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "district-administration.json"
WORKBOOK = ROOT / "examples" / "ministry.xlsx"
MiB = 1024 * 1024
DEFLATED = zipfile.ZIP_DEFLATED


@dataclass(frozen=True)
class Case:
    name: str
    fragments: tuple[str, ...]  # every one must appear in the error output


def _example() -> dict:
    return json.loads(EXAMPLE.read_text(encoding="utf-8"))


def _dump(path: Path, data: object) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def name_of_ten_mib(out: Path) -> Case:
    data = _example()
    data["name"] = "Ала-Бука " * (10 * MiB // 9)
    _dump(out / "name-of-ten-mib.json", data)
    return Case("name-of-ten-mib.json", ("$.name", "the limit"))


def file_over_the_limit(out: Path) -> Case:
    text = json.dumps(_example(), ensure_ascii=False)
    (out / "file-over-the-limit.json").write_text(text + " " * (33 * MiB), encoding="utf-8")
    return Case("file-over-the-limit.json", ("file", "the facts file size limit"))


def sixty_thousand_servants(out: Path) -> Case:
    data = _example()
    servant = data["servants"][0]
    data["servants"] = [{**servant, "id": f"s{i:05d}"} for i in range(60_000)]
    _dump(out / "sixty-thousand-servants.json", data)
    return Case("sixty-thousand-servants.json", ("$.servants", "60,000 records"))


def nested_100k(out: Path) -> Case:
    (out / "nested-100k.json").write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    return Case("nested-100k.json", ("JSON nested",))


def turtle_million_triples(out: Path) -> Case:
    objects = ", ".join(str(i) for i in range(1_100_000))
    subject = "<https://w3id.org/kyzmat-kb/facts/x/x>"
    text = f"{subject} <https://w3id.org/kyzmat-kb/ontology#p> {objects} ."
    (out / "million-triples.ttl").write_text(text, encoding="utf-8")
    return Case("million-triples.ttl", ("more than 1,000,000 triples",))


def _rewrite_part(source: Path, target: Path, part: str, edit: Callable[[bytes], bytes]) -> None:
    """Copy a workbook, replacing one zip part by edit(part)."""
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(target, "w", DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info)
            dst.writestr(info, edit(data) if info.filename == part else data)


def _first_sheet_part() -> str:
    with zipfile.ZipFile(WORKBOOK) as z:
        return sorted(n for n in z.namelist() if re.match(r"xl/worksheets/sheet\d+\.xml", n))[0]


def xlsx_far_corner(out: Path) -> Case:
    """A sheet that declares A1:XFD1048576 and holds one cell in that corner."""

    def edit(xml: bytes) -> bytes:
        xml = re.sub(rb'<dimension ref="[^"]*"/>', b'<dimension ref="A1:XFD1048576"/>', xml)
        cell = b'<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>'
        return xml.replace(b"</sheetData>", cell + b"</sheetData>")

    _rewrite_part(WORKBOOK, out / "far-corner.xlsx", _first_sheet_part(), edit)
    return Case("far-corner.xlsx", ("rows of records", "the sheet size limit"))


def xlsx_huge_cell(out: Path) -> Case:
    """About 1 MB on disk, 200 MB unpacked: one inline string cell."""
    target = out / "huge-cell.xlsx"
    part = _first_sheet_part()
    with zipfile.ZipFile(WORKBOOK) as src, zipfile.ZipFile(target, "w", DEFLATED) as dst:
        for info in src.infolist():
            if info.filename != part:
                dst.writestr(info, src.read(info))
                continue
            head, tail = src.read(info).split(b"</sheetData>")
            with dst.open(part, "w", force_zip64=True) as stream:
                stream.write(head + b'<row r="9999"><c r="A9999" t="inlineStr"><is><t>')
                for _ in range(200):
                    stream.write(b"A" * MiB)
                stream.write(b"</t></is></c></row></sheetData>" + tail)
    return Case("huge-cell.xlsx", ("unpacks to more than the limit",))


def xlsx_billion_laughs(out: Path) -> Case:
    def edit(xml: bytes) -> bytes:
        entities = b'<!ENTITY lol0 "lol">' + b"".join(
            b'<!ENTITY lol%d "%s">' % (i, b"&lol%d;" % (i - 1) * 10) for i in range(1, 10)
        )
        cell = b'<row r="9999"><c r="A9999" t="inlineStr"><is><t>&lol9;</t></is></c></row>'
        xml = xml.replace(b"</sheetData>", cell + b"</sheetData>")
        body = xml.split(b"?>", 1)[-1]  # after the XML declaration, if any
        return b'<?xml version="1.0"?><!DOCTYPE worksheet [' + entities + b"]>" + body

    _rewrite_part(WORKBOOK, out / "billion-laughs.xlsx", _first_sheet_part(), edit)
    return Case("billion-laughs.xlsx", ("declares a DTD",))


def xlsx_formula_without_value(out: Path) -> Case:
    from openpyxl import load_workbook

    wb = load_workbook(WORKBOOK)
    ws = wb["11 Кайрылуулар"]
    ws["C2"] = "=B2+14"  # answered_on: a formula Excel never computed
    wb.save(out / "formula-without-value.xlsx")
    return Case("formula-without-value.xlsx", ("cell C2", "has no saved value"))


def xlsx_body_key_twice(out: Path) -> Case:
    from openpyxl import load_workbook

    wb = load_workbook(WORKBOOK)
    ws = wb["0 Орган"]
    ws.append(["name", "", "another name"])
    wb.save(out / "body-key-twice.xlsx")
    return Case("body-key-twice.xlsx", ("the key is given twice",))


FACTS_CASES = (
    name_of_ten_mib,
    file_over_the_limit,
    sixty_thousand_servants,
    nested_100k,
    turtle_million_triples,
    xlsx_far_corner,
    xlsx_huge_cell,
    xlsx_billion_laughs,
    xlsx_formula_without_value,
    xlsx_body_key_twice,
)

RULE_HEAD = (
    "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
    "@prefix dct: <http://purl.org/dc/terms/> .\n"
    "@prefix kyz: <https://w3id.org/kyzmat-kb/ontology#> .\n"
    "@prefix x: <https://w3id.org/kyzmat-kb/id/test/> .\n"
)


def rules_too_big(out: Path) -> Case:
    lines = (f'x:r{i} rdfs:label "r{i}"@en .\n' for i in range(300_000))
    (out / "too-big.ttl").write_text(RULE_HEAD + "".join(lines), encoding="utf-8")
    return Case("too-big.ttl", ("the rule file limit",))


def rules_deep_chain(out: Path) -> Case:
    lines = (f"x:c{i} rdfs:subClassOf x:c{i + 1} .\n" for i in range(5_000))
    (out / "deep-chain.ttl").write_text(RULE_HEAD + "".join(lines), encoding="utf-8")
    return Case("deep-chain.ttl", ("a chain of 5,000", "at most 64 levels"))


def rules_shared_identifier(out: Path) -> Case:
    lines = (
        f'x:s{i} a kyz:Source ; rdfs:label "s{i}"@en ; dct:identifier "shared" .\n'
        for i in range(1_000)
    )
    (out / "shared-identifier.ttl").write_text(RULE_HEAD + "".join(lines), encoding="utf-8")
    return Case("shared-identifier.ttl", ("1000 resources", "dct:identifier"))


RULE_CASES = (rules_too_big, rules_deep_chain, rules_shared_identifier)


def kb_copy_with_query(out: Path, name: str, text: str) -> Path:
    """A copy of the KB whose queries/ holds one more file."""
    root = out / "kb"
    kb_copy(root)
    (root / "queries" / "hygiene" / name).write_text(text, encoding="utf-8")
    return root


if __name__ == "__main__":
    target = Path(sys.argv[1])
    target.mkdir(parents=True, exist_ok=True)
    for make in FACTS_CASES + RULE_CASES:
        print(make(target))
