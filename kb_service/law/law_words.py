"""The words of the legal-staff outputs (`kb impact`, `kb citations`) in one language.

All from the KB: rules/labels.ttl (the label table), and the ontology's labels of its coded terms,
added under prefixed keys: ``verification_<code>``, ``regime_<code>``, ``time_unit_<code>`` (the
word after a number: "3 years"), ``body_type_<id>``.
"""

from __future__ import annotations

from kb_service.core.namespaces import RDFS_LABEL
from kb_service.kb.catalog import Catalog

_CODED = (  # key prefix, class of the coded terms, property of their word
    ("verification", "VerificationStatus", RDFS_LABEL),
    ("regime", "ServiceRegime", RDFS_LABEL),
    ("time_unit", "TimeUnit", "countLabel"),
)


def law_words(catalog: Catalog, lang: str) -> dict[str, str]:
    words = catalog.label_table(lang)
    for prefix, cls, prop in _CODED:
        for (coded_cls, code), iri in sorted(catalog.coded.items()):
            if coded_cls == cls:
                words[f"{prefix}_{code}"] = catalog.text(iri, prop, lang) or code
    for bt_id, bt in catalog.body_types.items():
        words[f"body_type_{bt_id}"] = catalog.label(bt.iri, lang) or bt_id
    return words
