"""The Excel layout shared by the template writer and the reader: sheets, headers, code labels.

Headers and drop-down entries are "ky / ru" labels of the KB's facts vocabulary
(ontology/facts.ttl), read through the KB handle.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from kb_service.core.namespaces import KYZ_NS as KYZ
from kb_service.facts.codes import CODES
from kb_service.facts.schema import BODY_FIELDS, COLLECTIONS, Collection, Field, expand

if TYPE_CHECKING:
    from kb_service.kb.knowledge_base import KnowledgeBase

BODY_SHEET = "0 Орган"
README_SHEET = "Нускама"
LISTS_SHEET = "Тизмелер"
YES, NO = "ооба / да", "жок / нет"
BOOL_WORDS = {
    YES: True,
    NO: False,
    "ооба": True,
    "да": True,
    "yes": True,
    "true": True,
    "жок": False,
    "нет": False,
    "no": False,
    "false": False,
}
BODY_HEADERS = ("key", "Талаа / Поле", "Маани / Значение")
NONE_PREFIX = "none."  # body-sheet key: "yes" = the sheet is empty because there are none


@dataclass(frozen=True)
class XlsxLayout:
    """The headers and drop-down entries of one KB: "ky / ru" labels of its facts vocabulary."""

    labels: dict[str, dict[str, str]]  # term IRI -> lang -> label

    def label(self, iri: str) -> str:
        lab = self.labels.get(iri, {})
        return f"{lab.get('ky', iri)} / {lab.get('ru', iri)}"

    def header(self, f: Field) -> str:
        return self.label(expand(f.prop))

    def id_header(self) -> str:
        return self.label(expand("dct:identifier"))

    def headers(self, c: Collection) -> list[str]:
        return [self.id_header(), *(self.header(f) for f in c.fields)]

    def code_labels(self, codes: str) -> dict[str, str]:
        """code -> drop-down entry."""
        return {code: self.label(KYZ + local) for code, local in CODES[codes].items()}

    def body_rows(self) -> list[tuple[str, str]]:
        """(key, label) rows of the body sheet; period fields: "period.from", "period.to"."""
        rows = [("id", self.id_header())]
        for f in BODY_FIELDS:
            key = f"period.{f.key}" if f.key in ("from", "to") else f.key
            rows.append((key, self.header(f)))
        for c in COLLECTIONS:
            rows.append((NONE_PREFIX + c.key, f"{c.sheet}: жазуулар жок / записей нет"))
        return rows


def _build(kb: KnowledgeBase) -> XlsxLayout:
    labels: dict[str, dict[str, str]] = {}
    for row in kb.select(kb.query("kb", "term-labels").text):
        labels.setdefault(row["term"], {})[row["label"].lang] = str(row["label"])
    return XlsxLayout(labels)


def xlsx_layout(kb: KnowledgeBase) -> XlsxLayout:
    return kb.derived(_build)


def body_field(key: str) -> Field | None:
    bare = key.removeprefix("period.")
    return next((f for f in BODY_FIELDS if f.key == bare), None)
