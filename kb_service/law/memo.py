"""The checklist memo built from the knowledge base, for a regime and a language.

The state Kyrgyz memo is the seed's own wording; the municipal memo applies the footnotes'
substitutions (kb_service.law.municipal). Russian and English are project translations.
"""

from __future__ import annotations

from kb_service.core.languages import LANGS
from kb_service.core.problems import UsageError
from kb_service.kb.catalog import Catalog
from kb_service.law.municipal import municipaliser
from kb_service.models.memo import Memo, MemoDocument, MemoFootnote, MemoItem, MemoSection

REGIMES = ("state", "municipal")


def _text(catalog: Catalog, iri: str, prop: str, lang: str) -> str:
    """Kyrgyz from `prop`; other languages from the matching translation property."""
    if lang == "ky":
        return catalog.text(iri, prop, "ky") or ""
    translated = {"text": "translation"}.get(prop, prop + "Translation")
    return catalog.text(iri, translated, lang) or ""


def build_memo(catalog: Catalog, regime: str = "state", lang: str = "ky") -> Memo:
    if regime not in REGIMES:
        raise UsageError(f"unknown regime {regime!r}: expected one of {', '.join(REGIMES)}")
    if lang not in LANGS:
        raise UsageError(f"unknown language {lang!r}: expected one of {', '.join(LANGS)}")
    adapt = municipaliser(catalog, lang).apply if regime == "municipal" else (lambda t: t)
    memo_iri = catalog.memo_iri
    sections = []
    for number, section in sorted(catalog.sections.items()):
        items = tuple(
            MemoItem(adapt(_text(catalog, r.iri, "text", lang)), r.level, r.id)
            for r in catalog.requirements_in(number)
            if r.render_as_bullet and not r.adhoc
        )
        sections.append(
            MemoSection(
                number=number,
                title=adapt(_text(catalog, section.iri, "text", lang)),
                items=items,
                legal_basis=_text(catalog, section.iri, "legalBasisText", lang)
                if lang == "ky"
                else catalog.text(section.iri, "legalBasisTranslation", lang) or "",
                note=_text(catalog, section.iri, "note", lang),
                not_evaluated=not section.evaluated,
            )
        )
    footnotes = tuple(
        MemoFootnote(marker, _text(catalog, iri, "text", lang)) for marker, iri in catalog.footnotes
    )
    documents = tuple(
        MemoDocument(n, adapt(_text(catalog, doc.iri, "text", lang)))
        for n, doc in sorted(catalog.documents.items())
    )
    return Memo(
        regime=regime,
        lang=lang,
        title=adapt(_text(catalog, memo_iri, "text", lang)),
        sections=tuple(sections),
        notes_heading=_text(catalog, memo_iri, "notesHeading", lang),
        footnotes=footnotes,
        documents_heading=_text(catalog, memo_iri, "documentsHeading", lang),
        documents=documents,
        is_translation=lang != "ky",
        translation_notice=catalog.label_table(lang)["translation_notice"] if lang != "ky" else "",
        kb_revision=catalog.revision,
        labels=catalog.label_table(lang),
    )
