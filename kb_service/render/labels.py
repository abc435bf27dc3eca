"""The renderers' words in ky (default), ru and en: the KB's label table, carried by the output.

The words live in rules/labels.ttl (kyz:Label, read through queries/kb/labels.rq) and reach a
renderer inside the model it renders (Evaluation.labels, Memo.labels, LawLookup.labels);
nothing is worded here. The caller may pass further labels; these override. Keys:

- the keys of rules/labels.ttl (report_title, body, as_of, law_section, ...);
- ``status_<status>`` for each status in models.findings.STATUSES (also in rules/labels.ttl);
- ``body_type_<id>``, ``unit_<id>``, ``act_type_<id>``: from the knowledge base
  (explain.kb_labels);
- ``section_<n>`` (optional) for section titles in the report.
"""

from collections.abc import Mapping


def merged_labels(base: Mapping[str, str], given: Mapping[str, str] | None) -> dict[str, str]:
    """The output's own words overridden by the non-empty words the caller passed."""
    out = dict(base)
    out.update({k: v for k, v in (given or {}).items() if v})
    return out
