"""The citation-health report (`kb citations`) as text or HTML; JSON is render.json_out.

Both formats print the same lines, put together here from the words the CitationHealth model
carries (rules/labels.ttl health_*, fact_*, relation_*, law_*). The HTML page goes through the
package's Jinja environment with the safe head (it fetches nothing).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from kb_service.models.citation_health import CitationHealth, CitationProblem
from kb_service.render.common import jinja_env
from kb_service.render.legal_words import act_label, joined, only_for, relation, status_mark

CITATION_FORMATS = ("text", "html", "json")
# the relation each kind's successors stand in to the cited act
_SUCCESSOR = {
    "replaced": "replaced-by",
    "repealed": "repealed-by",
    "partly-repealed": "partly-repealed-by",
    "amended": "amended-by",
}


@dataclass(frozen=True)
class Entry:
    head: str
    details: tuple[str, ...]


@dataclass(frozen=True)
class Group:
    heading: str
    entries: tuple[Entry, ...]


def _entry(p: CitationProblem, lang: str, words: Mapping[str, str]) -> Entry:
    where = [words["law_section"].format(n=p.section)] if p.section is not None else []
    head = " · ".join([*where, p.citation, act_label(p.act, lang)])
    details = [f"{words['law_cited_for']}: {joined(p.requirements)}"] if p.requirements else []
    if p.parameters:
        details.append(f"{words['health_parameters']}: {joined(p.parameters)}")
    if p.body_types:
        details.append(only_for(p.body_types, words))
    if p.since:
        key = {"not-yet-in-force": "health_starts_on", "fact-stale": "health_last_verified"}.get(
            p.kind, "health_ended_on"
        )
        details.append(words[key].format(date=p.since) + status_mark(p.since_status, words))
    details += [relation(_SUCCESSOR[p.kind], s, lang, words) for s in p.successors]
    if p.repointed_to is not None:
        continued = words["health_repointed"].format(
            date=p.repointed_since, act=p.repointed_to.name[lang]
        )
        details.append(continued + status_mark(p.repointed_status, words))
    if p.facts:
        facts = joined(words["fact_" + f.replace("-", "_")] for f in p.facts)
        details.append(words["health_facts"].format(facts=facts))
    return Entry(head, tuple(details))


def _view(health: CitationHealth) -> tuple[list[str], list[Group]]:
    words = health.labels
    count = sum(len(g.problems) for g in health.groups)
    intro = [words["health_checked"].format(n=health.citations_checked, m=count)]
    if not health.last_verified_recorded:
        intro.append(words["health_stale_not_recorded"])
    else:
        date, months = health.stale_before, health.stale_after_months
        intro.append(words["health_stale_policy"].format(date=date, n=months))
    if health.undated_facts:
        intro.append(words["health_undated"].format(n=health.undated_facts))
    if not health.groups:
        intro.append(words["health_none"])
    groups = [
        Group(
            f"{words['health_kind_' + g.kind.replace('-', '_')]} ({len(g.problems)})",
            tuple(_entry(p, health.lang, words) for p in g.problems),
        )
        for g in health.groups
    ]
    return intro, groups


def citations_as_text(health: CitationHealth) -> str:
    intro, groups = _view(health)
    out = [health.labels["health_title"].format(date=health.as_of), *intro]
    for group in groups:
        out += ["", group.heading]
        for entry in group.entries:
            out += ["  " + entry.head, *("     " + d for d in entry.details)]
    return "\n".join(out) + "\n"


def citations_as_html(health: CitationHealth) -> str:
    intro, groups = _view(health)
    template = jinja_env().get_template("citations.html.j2")
    return template.render(
        lang=health.lang,
        title=health.labels["health_title"].format(date=health.as_of),
        intro=intro,
        groups=groups,
        revision=f"{health.labels['kb_revision']}: {health.kb_revision}",
    )


def render_citations(health: CitationHealth, fmt: str) -> bytes:
    """The report in one of CITATION_FORMATS."""
    from kb_service.render.json_out import model_json

    if fmt == "json":
        return model_json(health)
    if fmt == "html":
        return citations_as_html(health).encode("utf-8")
    if fmt == "text":
        return citations_as_text(health).encode("utf-8")
    raise ValueError(f"unknown citations format {fmt!r}: expected one of {CITATION_FORMATS}")
