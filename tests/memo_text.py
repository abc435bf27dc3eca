"""Reading the seed memo and generated Markdown the same way, for round-trip comparisons."""

from __future__ import annotations

import re

STAR = "\u2605"  # stands for a literal asterisk (a footnote marker) while bold markers are removed


def normalise(text: str) -> str:
    """Footnote asterisks kept, Markdown emphasis and escapes dropped, whitespace collapsed."""
    text = text.replace("\\*", STAR)
    text = text.replace("**", "").replace("*", "").replace("\\", "")
    return re.sub(r"\s+", " ", text).strip()


def seed_items(seed: str) -> list[str]:
    """Each non-empty line of the seed, without heading or list markers: the items to find."""
    items = []
    for line in seed.splitlines():
        line = re.sub(r"^\s*(#+\s*)?(-\s+)?", "", line)
        item = normalise(line)
        if item:
            items.append(item)
    return items
