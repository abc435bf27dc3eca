"""Has a rule's legal basis lapsed on a date? A rule is still evaluated when it has; its finding
says so, and names the acts that ended and when.

A citation counts as ended on the date when its own validity closed before it (it was re-pointed,
or it rests on an act that ended) or its act is not in force then; the basis has lapsed when none
of its citations is in force on the date and at least one has ended.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from kb_service.kb.catalog import Catalog, CitationRef
from kb_service.law.validity import validity_on


@dataclass(frozen=True)
class Lapse:
    ended: tuple[str, ...]  # ids of the acts whose citations ended, in citation order
    since: dt.date | None  # the latest of their end dates
    since_status: str  # how that date is known: verified | inferred | unknown ...
    unknown: tuple[str, ...]  # ids of basis acts whose standing on the date is unknown


def _state(catalog: Catalog, ref: CitationRef, on: dt.date) -> tuple[bool | None, dt.date | None]:
    """(in force?, end date) of one citation on a date."""
    act = catalog.acts[ref.act]
    if ref.valid_until is not None and on >= ref.valid_until:
        return False, ref.valid_until
    validity = validity_on(act, on)
    return validity.in_force, act.until if validity.in_force is False else None


def lapse_on(catalog: Catalog, refs: Iterable[CitationRef], on: dt.date) -> Lapse | None:
    """The lapse of the basis `refs` on `on`, or None while some citation of it is in force
    (or none has ended). Citations that start after `on` are left out."""
    ended: dict[str, dt.date | None] = {}
    unknown: list[str] = []
    for ref in refs:
        if ref.valid_from is not None and on < ref.valid_from:
            continue
        in_force, until = _state(catalog, ref, on)
        if in_force is True:
            return None
        if in_force is None:
            unknown.append(ref.act)
        else:
            ended[ref.act] = until
    if not ended:
        return None
    dated = [(d, a) for a, d in ended.items() if d is not None]
    since, last = max(dated) if dated else (None, None)
    status = catalog.acts[last].verification("date_no_longer_in_force") if last else "unknown"
    return Lapse(
        tuple(ended), since, status, tuple(dict.fromkeys(a for a in unknown if a not in ended))
    )
