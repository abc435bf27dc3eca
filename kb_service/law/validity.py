"""Is an act in force on a date? Three-valued: True, False, or None when no source settles it.

The rule, from the data of rules/acts.ttl:
- before its entry into force (or, when that is not stated, its own date): not in force;
- on or after eli:date_no_longer_in_force: not in force;
- between a known start and a known end: in force;
- with no known end: in force if its status is verified "in force", or up to the latest
  kyz:knownInForceOn date; after that, unknown;
- with no known start (no date at all): in force on a kyz:knownInForceOn date, else unknown.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from kb_service.kb.catalog import Act


@dataclass(frozen=True)
class Validity:
    in_force: bool | None
    reason: str  # a code: not-yet, ended, interval, status-in-force, known-on, unknown, no-date
    successor: str | None = None  # replacing or repealing act, when the act has ended


def validity_on(act: Act, as_of: dt.date) -> Validity:
    start = act.entry_into_force or act.date
    successor = act.replaced_by or act.repealed_by
    if start is not None and as_of < start:
        return Validity(False, "not-yet")
    if act.until is not None:
        if as_of >= act.until:
            return Validity(False, "ended", successor)
        return Validity(True if start else None, "interval" if start else "no-date")
    if start is None:  # with no start, only the dates a source shows it in force are known
        known = act.known_in_force is not None and as_of == act.known_in_force
        return Validity(True if known else None, "known-on" if known else "no-date")
    if act.status == "in-force":
        return Validity(True, "status-in-force")
    if act.known_in_force is not None and as_of <= act.known_in_force:
        return Validity(True, "known-on")
    return Validity(None, "unknown", successor)
