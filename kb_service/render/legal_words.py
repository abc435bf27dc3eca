"""Phrases shared by the legal-staff outputs (`kb impact`, `kb citations`), put together from
the words the model carries (kb_service.law.law_words); nothing is worded here."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from kb_service.models.impact import ActHead

SHOWN_AS_IS = ("verified", "stated-by-memo")  # other statuses are printed after the fact


def act_label(act: ActHead, lang: str) -> str:
    """The act's short name, and its title where it has one in `lang`."""
    name = act.name[lang]
    title = act.title.get(lang)
    return f"{name} — {title}" if title and title != name else name


def flag(value: bool | None, words: Mapping[str, str]) -> str:
    return {True: words["yes"], False: words["no"], None: words["unknown"]}[value]


def status_mark(status: str | None, words: Mapping[str, str]) -> str:
    """ " [inferred]" after a fact that is not verified or stated by the memo; else ""."""
    if status is None or status in SHOWN_AS_IS:
        return ""
    return f" [{words.get('verification_' + status, status)}]"


def since(date: str | None, status: str | None, words: Mapping[str, str]) -> str:
    """ "(from 2021-10-27) [inferred]", or "" when the date is not recorded."""
    if date is None:
        return ""
    return words["law_since"].format(date=date) + status_mark(status, words)


def only_for(body_types: Iterable[str], words: Mapping[str, str]) -> str:
    names = [words.get(f"body_type_{b}", b) for b in body_types]
    return words["impact_only_for"].format(body_types=", ".join(names)) if names else ""


def relation(kind: str, act: ActHead, lang: str, words: Mapping[str, str]) -> str:
    """ "replaced by <act>" and the like (kind: a relation code, e.g. "partly-repealed-by")."""
    key = "relation_" + kind.replace("-", "_")
    return words[key].format(act=act.name[lang])


def joined(values: Iterable[str]) -> str:
    return ", ".join(values)
