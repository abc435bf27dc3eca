"""Text folded for searching: case, the Kyrgyz letters ң ө ү typed as н о у, ё as е, and runs of
space do not matter. Used by the knowledge-base search (app/kb_search.py)."""

from __future__ import annotations

import re
import unicodedata

# a keyboard without the Kyrgyz layout gives the nearest Russian letter
_LETTERS = str.maketrans({"ң": "н", "ө": "о", "ү": "у", "ё": "е"})
_SPACE = re.compile(r"\s+")


def fold(text: str) -> str:
    """The form two texts are compared in: NFC, case-folded, ң ө ү ё as н о у е, one space."""
    folded = unicodedata.normalize("NFC", text).casefold().translate(_LETTERS)
    return _SPACE.sub(" ", folded).strip()


def terms(query: str) -> list[str]:
    """The folded words of a query, each of which a match must contain."""
    return [t for t in fold(query).split(" ") if t]


def matches(query_terms: list[str], text: str) -> bool:
    """Every term occurs in the folded text (no terms: no match)."""
    folded = fold(text)
    return bool(query_terms) and all(t in folded for t in query_terms)
