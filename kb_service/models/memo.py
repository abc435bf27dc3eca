"""The checklist memo as plain data, ready for any renderer (md, html, docx, pdf).

Built by kb_service.law.memo from the knowledge base; renderers never touch RDF.
"""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class MemoItem:
    """One bullet (or sub-item) of a section; `level` 0 is a bullet, 1 a sub-item."""

    text: str
    level: int = 0
    requirement_id: str = ""


@dataclass(frozen=True)
class MemoSection:
    number: int
    title: str
    items: tuple[MemoItem, ...]
    legal_basis: str  # the legal-basis paragraph as the memo words it
    note: str = ""  # e.g. section 13: the function passed to the Tax Service
    not_evaluated: bool = False


@dataclass(frozen=True)
class MemoFootnote:
    marker: str
    text: str


@dataclass(frozen=True)
class MemoDocument:
    number: int
    text: str


@dataclass(frozen=True)
class Memo:
    regime: str  # "state" | "municipal"
    lang: str  # "ky" | "ru" | "en"
    title: str
    sections: tuple[MemoSection, ...]
    notes_heading: str
    footnotes: tuple[MemoFootnote, ...]
    documents_heading: str
    documents: tuple[MemoDocument, ...]
    is_translation: bool = False  # ru/en texts are the project's translations, not official
    translation_notice: str = ""
    kb_revision: str = ""
    labels: dict[str, str] = field(default_factory=dict)  # UI words: "Legal basis", ...
