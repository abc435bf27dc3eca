"""What counts as Kyrgyz in a Russian or English text, and as state wording in a municipal one.

Kyrgyz is recognised by its own letters (ң ө ү), by Kyrgyz-only words written in letters Russian
shares, and by the Kyrgyz forms of the KB's abbreviations (rules/abbreviations.ttl) where the
language has its own form. Quoted names (what the facts file says in the inspector's words: the
body, its units, topics, questions) are taken out first: they are not the tool's text.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from html import unescape
from pathlib import Path
from typing import Any

from kb_service.kb.catalog import Catalog

KYZ = "https://w3id.org/kyzmat-kb/ontology#"
KYRGYZ_LETTERS = re.compile("[ңөүҢӨҮ]")
# Kyrgyz words spelt with letters Russian also has (stems; word-initial)
KYRGYZ_WORDS = re.compile(
    r"(?<!\w)(жана|токтом\w*|мыйзам\w*|буйру[кг]\w*|жарлы[кг]\w*|жылдын|боюнча|кызмат\w*"
    r"|маалымат\w*|мындан|ичинен|барлар|жок|ооба|эмес|карата|МКК\w*|РМА|маморган\w*)(?!\w)",
    re.IGNORECASE,
)


def _abbreviations(catalog: Catalog, lang: str) -> list[str]:
    """Kyrgyz abbreviation forms that `lang` writes differently (МКК -> ГКС / SPS)."""
    prop = KYZ + "abbreviation"
    forms = []
    for (_iri, p), values in catalog.texts.items():
        if p == prop and values.get("ky") and values.get("ky") != values.get(lang):
            forms.append(values["ky"])
    return forms


def kyrgyz_in(
    text: str, catalog: Catalog, lang: str, names: Iterable[str] = (), by_word: bool = False
) -> list[str]:
    """The Kyrgyz found in `text` (a Russian or English output), with a little context.

    `names` are taken out first, whole (or word by word with `by_word`, for PDF text where a
    name may wrap across lines); only names that are Kyrgyz themselves are taken out.
    """
    text = " ".join(text.split())
    quoted = {" ".join(n.split()) for n in names if n and _patterns(catalog, lang, n)}
    if by_word:
        words = {w for n in quoted for w in re.findall(r"[\w-]+", n)}
        return _patterns(catalog, lang, re.sub(r"[\w-]+", lambda m: _drop(m, words), text))
    for name in sorted(quoted, key=len, reverse=True):
        text = text.replace(name, " ")
    return _patterns(catalog, lang, text)


def _drop(match: re.Match[str], words: set[str]) -> str:
    return " " if match.group(0) in words else match.group(0)


def _patterns(catalog: Catalog, lang: str, text: str) -> list[str]:
    found = []
    patterns = [KYRGYZ_LETTERS, KYRGYZ_WORDS]
    patterns += [re.compile(rf"(?<!\w){re.escape(a)}") for a in _abbreviations(catalog, lang)]
    for pattern in patterns:
        for m in pattern.finditer(text):
            found.append(text[max(0, m.start() - 40) : m.end() + 40])
    return found


def facts_strings(data: Any) -> Iterator[str]:
    """Every text the facts file holds (the inspector's own words and names)."""
    if isinstance(data, dict):
        for value in data.values():
            yield from facts_strings(value)
    elif isinstance(data, list):
        for value in data:
            yield from facts_strings(value)
    elif isinstance(data, str):
        yield data


def facts_data(path: Path) -> dict[str, Any]:
    if path.suffix == ".xlsx":
        from kb_service.facts.xlsx_layout import xlsx_layout
        from kb_service.facts.xlsx_reader import read_xlsx
        from kb_service.kb.registry import current_kb

        return read_xlsx(path, xlsx_layout(current_kb()))[0]
    return json.loads(path.read_text(encoding="utf-8"))


def html_text(html: str) -> str:
    """The visible text of a rendered page (no <style>, no tags)."""
    html = re.sub(r"<style.*?</style>", " ", html, flags=re.DOTALL)
    return unescape(re.sub(r"<[^>]+>", " ", html))


def json_strings(data: Any) -> str:
    return " | ".join(facts_strings(data))


def state_wording_in(
    text: str, catalog: Catalog, lang: str, quoted: Iterable[str] = ()
) -> list[str]:
    """State-regime wording in a municipal body's `text`: whatever the municipal substitutions
    (rules/municipal.ttl) would still change. `quoted` (act titles, names) are taken out first."""
    from kb_service.law.municipal import municipaliser

    text = " ".join(text.split())
    for name in sorted({" ".join(q.split()) for q in quoted if q}, key=len, reverse=True):
        text = text.replace(name, " ")
    wording = municipaliser(catalog, lang)
    found = []
    for sentence in re.split(r"(?<=[.;:])\s+", text):
        if wording.apply(sentence) != sentence:
            found.append(sentence[:160])
    return found
