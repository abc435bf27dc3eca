"""The one wording of an act's standing on a date: which act replaced or repealed it.

Findings (the dead-law warning), the checklist (legal basis on a date) and `kb law` all say it
with these words (rules/messages.ttl: successor, repealed-by), so they never disagree.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Words = Callable[..., str]  # message key, **values -> text in the output's language


def successor(view: dict[str, Any]) -> tuple[str, dict[str, Any]] | None:
    """("successor" | "repealed-by", the other act's view) for an act view, when one is shown."""
    if view.get("replaced_by"):
        return "successor", view["replaced_by"]
    if view.get("repealed_by"):
        return "repealed-by", view["repealed_by"]
    return None


def since_phrase(view: dict[str, Any], words: Words) -> str:
    """ " (from <date>)", marked when the date is inferred, or "" when the act has no end date."""
    until = view.get("no_longer_in_force_from")
    if not until:
        return ""
    inferred = view.get("no_longer_in_force_from_status") == "inferred"
    return words("since-inferred" if inferred else "since", date=until)


def successor_phrase(view: dict[str, Any], lang: str, words: Words) -> str:
    """ "; replaced by <act> (from <date>)" / "; repealed by <act> ..." in `lang`, or "" when
    there is none; an inferred end date is said to be inferred."""
    found = successor(view)
    if found is None:
        return ""
    key, other = found
    return words(key, act=other["name"][lang], since=since_phrase(view, words))
