"""How acts are linked to each other in rules/acts.ttl: replaced, repealed, partly repealed or
amended by another act, and the same links seen from the newer act."""

from __future__ import annotations

import datetime as dt

from kb_service.kb.catalog import Act, Catalog
from kb_service.law.lookup import act_head
from kb_service.models.impact import ActRelation

# a link from the older act, and its name seen from the newer one
REVERSE = {
    "replaced-by": "replaces",
    "repealed-by": "repeals",
    "partly-repealed-by": "partly-repeals",
    "amended-by": "amends",
}
ENDING = ("replaced-by", "repealed-by")  # the links that end the older act


def links_of(act: Act) -> list[tuple[str, str]]:
    """(relation, newer act id) for each act that replaced, repealed or amended `act`."""
    links = [("replaced-by", act.replaced_by), ("repealed-by", act.repealed_by)]
    links += [("partly-repealed-by", other) for other in act.partly_repealed_by]
    links += [("amended-by", other) for other in act.changed_by]
    return [(relation, other) for relation, other in links if other]


def _relation(
    catalog: Catalog, relation: str, older: Act, newer: Act, shown: Act, as_of: dt.date
) -> ActRelation:
    ending = relation in ENDING or relation in (REVERSE[r] for r in ENDING)
    effective = older.until if ending else None
    return ActRelation(
        relation=relation,
        act=act_head(catalog, shown),
        effective=effective.isoformat() if effective else None,
        effective_status=older.verification("date_no_longer_in_force") if effective else "unknown",
        on_date=newer.date is not None and newer.date <= as_of,
    )


def act_relations(catalog: Catalog, act: Act, as_of: dt.date) -> list[ActRelation]:
    """The acts that changed `act`, then the acts `act` changed, each in date order."""
    forward = [
        _relation(catalog, rel, act, catalog.acts[other], catalog.acts[other], as_of)
        for rel, other in links_of(act)
        if other in catalog.acts
    ]
    backward = [
        _relation(catalog, REVERSE[rel], older, act, older, as_of)
        for older in catalog.acts.values()
        for rel, other in links_of(older)
        if other == act.id
    ]
    return sorted(forward, key=_by_date) + sorted(backward, key=_by_date)


def _by_date(relation: ActRelation) -> tuple[str, str, str]:
    return (relation.act.date or "", relation.act.id, relation.relation)
