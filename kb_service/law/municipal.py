"""The municipal wording of the memo, generated from the substitution rules of rules/municipal.ttl.

Protected phrases are masked first, then rules run in their order. Kyrgyz case forms come from
the data (stem + case suffix pairs); `keep_suffix` rules match a stem inside a longer word and
leave the ending as it was. The first letter's case is kept.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import partial

from kb_service.kb.catalog import Catalog, Substitution

_MASK = "\ue000{}\ue001"


def _pattern(form: str, keep_suffix: bool) -> re.Pattern[str]:
    head, rest = form[0], re.escape(form[1:])
    first = f"[{re.escape(head.lower())}{re.escape(head.upper())}]"
    tail = "" if keep_suffix else r"(?!\w)"
    return re.compile(rf"(?<!\w){first}{rest}{tail}")


def _same_case(replacement: str, match: re.Match[str]) -> str:
    """`replacement` with the case of the first letter of the text `match` found."""
    source = match.group(0)
    if source[:1].isupper():
        return replacement[:1].upper() + replacement[1:]
    return replacement[:1].lower() + replacement[1:]


class Municipaliser:
    """Applies the municipal substitutions of one language to texts."""

    def __init__(self, rules: Sequence[Substitution], protected: Sequence[str], lang: str) -> None:
        self.lang = lang
        self.protected = [
            re.compile(re.escape(p), re.IGNORECASE)
            for p in sorted(protected, key=len, reverse=True)
        ]
        self.done: dict[str, str] = {}  # texts already worded (KB texts: a bounded set)
        self.steps: list[tuple[re.Pattern[str], str]] = []
        for rule in rules:
            for state, municipal in rule.forms.get(lang, ()):
                self.steps.append((_pattern(state, rule.keep_suffix), municipal))

    def apply(self, text: str) -> str:
        done = self.done.get(text)
        if done is None:
            done = self._apply(text)
            if len(self.done) < 50_000:
                self.done[text] = done
        return done

    def _apply(self, text: str) -> str:
        masked: list[str] = []

        def mask(match: re.Match[str]) -> str:
            masked.append(match.group(0))
            return _MASK.format(len(masked) - 1)

        for phrase in self.protected:
            text = phrase.sub(mask, text)
        for pattern, municipal in self.steps:
            text = pattern.sub(partial(_same_case, municipal), text)
        return re.sub("\ue000(\\d+)\ue001", lambda m: masked[int(m.group(1))], text)


def municipaliser(catalog: Catalog, lang: str) -> Municipaliser:
    return Municipaliser(catalog.substitutions, catalog.protected.get(lang, ()), lang)
