"""The renderers' words in ky (default), ru and en, read from the knowledge base.

The words themselves live in rules/labels.ttl (kyz:Label, read through queries/kb/labels.rq);
nothing is worded here. The lead may pass further label tables; these fill the rest, so a
renderer never prints a raw key. Keys:

- the keys of rules/labels.ttl (report_title, body, as_of, law_section, ...);
- ``status_<status>`` for each status in findings_model.STATUSES (also in rules/labels.ttl);
- ``body_type_<id>``, ``unit_<id>``, ``act_type_<id>``: passed in from the knowledge base
  (explain.kb_labels);
- ``section_<n>`` (optional, from the lead) for section titles in the report.
"""

from collections.abc import Mapping

LANGS = ("ky", "ru", "en")
DEFAULT_LANG = "ky"


def default_labels(lang: str = DEFAULT_LANG) -> dict[str, str]:
    """The KB's label table for `lang`; unknown languages get Kyrgyz."""
    from kb_service.kb.catalog import shared_catalog  # the KB is loaded once per process

    lang = lang if lang in LANGS else DEFAULT_LANG
    return {
        key: words.get(lang) or words[DEFAULT_LANG]
        for key, words in shared_catalog().labels.items()
    }


def merged_labels(lang: str, given: Mapping[str, str] | None) -> dict[str, str]:
    """Defaults for `lang` overridden by the non-empty words the caller passed."""
    out = default_labels(lang)
    out.update({k: v for k, v in (given or {}).items() if v})
    return out
