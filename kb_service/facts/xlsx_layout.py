"""The Excel layout shared by the template writer and the reader: sheets, headers, code labels.

Headers and drop-down entries are "ky / ru" labels read from ontology/facts.ttl.
"""

from __future__ import annotations

from functools import lru_cache

import rdflib
from rdflib.namespace import RDFS

from kb_service.core import paths
from kb_service.facts.codes import CODES
from kb_service.facts.schema import BODY_FIELDS, COLLECTIONS, KYZ, Collection, Field, expand

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


@lru_cache(maxsize=1)
def _labels() -> dict[str, dict[str, str]]:
    g = rdflib.Graph().parse(paths.ONTOLOGY_DIR / "facts.ttl", format="turtle")
    out: dict[str, dict[str, str]] = {}
    for s, o in g.subject_objects(RDFS.label):
        if isinstance(o, rdflib.Literal) and o.language:
            out.setdefault(str(s), {})[o.language] = str(o)
    return out


def label(iri: str) -> str:
    lab = _labels().get(iri, {})
    return f"{lab.get('ky', iri)} / {lab.get('ru', iri)}"


def header(f: Field) -> str:
    return label(expand(f.prop))


def id_header() -> str:
    return label(expand("dct:identifier"))


def headers(c: Collection) -> list[str]:
    return [id_header(), *(header(f) for f in c.fields)]


def code_labels(codes: str) -> dict[str, str]:
    """code -> drop-down entry."""
    return {code: label(KYZ + local) for code, local in CODES[codes].items()}


def body_rows() -> list[tuple[str, str]]:
    """(key, label) rows of the body sheet; period fields are keyed "period.from"/"period.to"."""
    rows = [("id", id_header())]
    for f in BODY_FIELDS:
        key = f"period.{f.key}" if f.key in ("from", "to") else f.key
        rows.append((key, header(f)))
    for c in COLLECTIONS:
        rows.append((NONE_PREFIX + c.key, f"{c.sheet}: жазуулар жок / записей нет"))
    return rows


def body_field(key: str) -> Field | None:
    bare = key.removeprefix("period.")
    return next((f for f in BODY_FIELDS if f.key == bare), None)
