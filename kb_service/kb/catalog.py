"""The knowledge base read into plain Python objects (once per KB revision).

Everything here comes from SPARQL files in queries/kb/ run against the loaded KB; nothing
about sections, acts or documents is written in Python.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from kb_service.core.languages import DEFAULT_LANG, LANGS
from kb_service.core.namespaces import ELI_NS as ELI
from kb_service.core.namespaces import KYZ_NS as KYZ
from kb_service.core.namespaces import RDFS_NS as RDFS
from kb_service.core.namespaces import SKOS_NS as SKOS
from kb_service.kb.store import Row

if TYPE_CHECKING:
    from kb_service.kb.knowledge_base import KnowledgeBase


@dataclass(frozen=True)
class FactNote:
    status: str  # stated-by-memo | verified | inferred | unknown
    sources: tuple[str, ...]
    last_verified: dt.date | None = None  # the day its source was last read, when recorded


@dataclass(frozen=True)
class Act:
    id: str
    iri: str
    type_id: str
    issuer: str | None
    number: str | None
    date: dt.date | None
    entry_into_force: dt.date | None
    until: dt.date | None
    status: str
    known_in_force: dt.date | None
    replaced_by: str | None
    repealed_by: str | None
    partly_repealed_by: tuple[str, ...] = ()
    changed_by: tuple[str, ...] = ()
    facts: dict[str, FactNote] = field(default_factory=dict)

    def verification(self, prop: str) -> str:
        note = self.facts.get(prop)
        return note.status if note else "unknown"


@dataclass(frozen=True)
class CitationRef:
    iri: str
    act: str  # act id
    article: str | None  # the provision's number, only where a source gives it
    body_type: str | None  # None: applies to every body type
    valid_from: dt.date | None = None  # the citation's own validity (re-pointed citations)
    valid_until: dt.date | None = None
    repointed_from: str | None = None  # IRI of the citation this one continues
    valid_from_status: str = "unknown"  # how the start of its validity is known

    def applies_on(self, on: dt.date | None) -> bool:
        """Whether the requirement rests on this citation on `on` (None: on any date)."""
        if on is None:
            return True
        return (self.valid_from is None or on >= self.valid_from) and (
            self.valid_until is None or on < self.valid_until
        )


@dataclass(frozen=True)
class Requirement:
    id: str
    iri: str
    section: int
    order: int
    level: int
    parent: str | None
    evaluated: bool
    render_as_bullet: bool
    unit_kinds: tuple[str, ...]
    none_cited: bool
    adhoc: bool
    citations: tuple[CitationRef, ...]

    def citations_for(
        self, body_type: str | None, on: dt.date | None = None
    ) -> tuple[CitationRef, ...]:
        """The citations for a body type (None: every one) that apply on a date (None: any)."""
        return tuple(
            c
            for c in self.citations
            if (body_type is None or c.body_type in (None, body_type)) and c.applies_on(on)
        )


@dataclass(frozen=True)
class Section:
    number: int
    iri: str
    evaluated: bool


@dataclass(frozen=True)
class DocumentType:
    number: int
    iri: str
    sections: dict[int, str]  # section -> explicit | inferred
    requirements: dict[str, str]  # requirement id -> explicit | inferred
    order_kind: str | None = None  # IRI of the kind of internal order the document is, if one


@dataclass(frozen=True)
class BodyType:
    id: str
    iri: str
    regime: str  # state | municipal
    unit_kinds: tuple[str, ...]


@dataclass(frozen=True)
class Substitution:
    order: int
    status: str
    keep_suffix: bool
    forms: dict[str, tuple[tuple[str, str], ...]]  # lang -> (state form, municipal form)


@dataclass
class Catalog:
    revision: str
    sections: dict[int, Section]
    requirements: dict[str, Requirement]
    acts: dict[str, Act]
    documents: dict[int, DocumentType]
    body_types: dict[str, BodyType]
    footnotes: tuple[tuple[str, str], ...]  # (marker, iri)
    memo_iri: str
    substitutions: tuple[Substitution, ...]
    protected: dict[str, tuple[str, ...]]  # lang -> phrases
    texts: dict[tuple[str, str], dict[str, str]]
    coded: dict[tuple[str, str], str] = field(default_factory=dict)  # (class, code) -> IRI
    act_types: dict[str, str] = field(default_factory=dict)  # act type id -> class IRI
    labels: dict[str, dict[str, str]] = field(default_factory=dict)  # key -> lang -> word
    unit_kinds: tuple[str, ...] = ()  # every unit kind of a body type, in the memo's order

    @cached_property
    def citation_refs(self) -> dict[str, CitationRef]:
        """Citation IRI -> the citation, as the requirements cite it (built once per catalog)."""
        return {r.iri: r for req in self.requirements.values() for r in req.citations}

    def code_iri(self, cls: str, code: str) -> str:
        """The individual of kyz:`cls` whose kyz:code is `code` (e.g. TimeUnit, "working-days")."""
        return self.coded[(cls, code)]

    def code_of(self, iri: str) -> str:
        return next(code for (_, code), value in self.coded.items() if value == iri)

    def text(self, iri: str, prop: str, lang: str) -> str | None:
        """A text of `iri` under property `prop` (local name in kyz:, or a full IRI)."""
        full = prop if ":" in prop else KYZ + prop
        return self.texts.get((iri, full), {}).get(lang)

    def label_table(self, lang: str) -> dict[str, str]:
        """The renderers' words (rules/labels.ttl) in `lang`; Kyrgyz where one is missing."""
        lang = lang if lang in LANGS else DEFAULT_LANG
        return {k: words.get(lang) or words[DEFAULT_LANG] for k, words in self.labels.items()}

    def label(self, iri: str, lang: str) -> str:
        """Best label: verbatim Kyrgyz, else an official title, else a translation."""
        order = [KYZ + "text", ELI + "title", KYZ + "memoCitation", SKOS + "prefLabel"]
        if lang != "ky":
            order = [ELI + "title", KYZ + "translation", KYZ + "titleTranslation"]
            order += [KYZ + "citationTranslation", KYZ + "labelTranslation", RDFS + "label"]
        for prop in order:
            value = self.texts.get((iri, prop), {}).get(lang)
            if value:
                return value
        return ""

    def requirements_in(self, section: int) -> list[Requirement]:
        reqs = [r for r in self.requirements.values() if r.section == section]
        return sorted(reqs, key=lambda r: r.order)


def kb_rows(kb: KnowledgeBase, name: str) -> list[Row]:
    """Rows of queries/kb/<name>.rq on the KB."""
    return kb.select(kb.query("kb", name).text)


def rows_by(kb: KnowledgeBase, name: str, key: str) -> dict[str, list[Row]]:
    """The rows of one query grouped by a column (one resource, several rows of its values)."""
    grouped: dict[str, list[Row]] = defaultdict(list)
    for row in kb_rows(kb, name):
        grouped[row[key]].append(row)
    return dict(grouped)


def keyed_texts(kb: KnowledgeBase, name: str) -> dict[str, dict[str, str]]:
    """key -> lang -> text, from a query returning ?key and a language-tagged ?template."""
    out: dict[str, dict[str, str]] = defaultdict(dict)
    for row in kb_rows(kb, name):
        out[row["key"]][row["template"].lang] = str(row["template"])
    return dict(out)


def _texts(kb: KnowledgeBase) -> dict[tuple[str, str], dict[str, str]]:
    texts: dict[tuple[str, str], dict[str, str]] = defaultdict(dict)
    for row in kb_rows(kb, "texts"):
        value = row["text"]
        texts[(row["s"], row["p"])][value.lang] = str(value)
    return dict(texts)


def fact_notes(kb: KnowledgeBase) -> dict[str, dict[str, FactNote]]:
    """subject IRI -> fact (local name of the property) -> its verification status and sources."""
    notes: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    status: dict[tuple[str, str], str] = {}
    checked: dict[tuple[str, str], dt.date] = {}
    for row in kb_rows(kb, "fact-notes"):
        prop = row["about"].rsplit("#", 1)[-1]
        status[(row["subject"], prop)] = row["status"]
        if (day := row.get("lastVerified")) is not None:
            key = (row["subject"], prop)
            checked[key] = max(day, checked.get(key, day))
        src = row.get("sourceId") or row.get("source", "").rsplit("/", 1)[-1]
        if src and src not in notes[row["subject"]][prop]:
            notes[row["subject"]][prop].append(src)
    result: dict[str, dict[str, FactNote]] = defaultdict(dict)
    for (subject, prop), st in status.items():
        result[subject][prop] = FactNote(
            st, tuple(notes[subject][prop]), checked.get((subject, prop))
        )
    return result


def _acts(kb: KnowledgeBase) -> dict[str, Act]:
    rows_by_id = rows_by(kb, "acts", "id")
    relations: dict[tuple[str, str], list[str]] = defaultdict(list)
    for row in kb_rows(kb, "act-relations"):
        relations[(row["id"], row["relation"])].append(row["other"])
    notes = fact_notes(kb)
    acts = {}
    for act_id, rows in rows_by_id.items():
        first = rows[0]
        known = [r["knownInForce"] for r in rows if "knownInForce" in r]
        acts[act_id] = Act(
            id=act_id,
            iri=first["act"],
            type_id=first["typeId"],
            issuer=first.get("issuer"),
            number=first.get("number"),
            date=first.get("date"),
            entry_into_force=first.get("from"),
            until=first.get("until"),
            status=first.get("status", "unknown"),
            known_in_force=max(known) if known else None,
            replaced_by=first.get("replacedBy"),
            repealed_by=first.get("repealedBy"),
            partly_repealed_by=tuple(sorted(relations[(act_id, "partly-repealed-by")])),
            changed_by=tuple(sorted(relations[(act_id, "changed-by")])),
            facts=notes.get(first["act"], {}),
        )
    return acts


def _requirements(kb: KnowledgeBase) -> dict[str, Requirement]:
    cites: dict[str, list[CitationRef]] = defaultdict(list)
    for row in kb_rows(kb, "citations"):
        act_id = row["act"].rsplit("/", 1)[-1]
        ref = CitationRef(
            row["citation"], act_id, row.get("article"), row.get("bodyType"),
            row.get("from"), row.get("until"), row.get("repointedFrom"),
            row.get("fromStatus") or "unknown",
        )  # fmt: skip
        if ref not in cites[row["req"]]:
            cites[row["req"]].append(ref)
    grouped = rows_by(kb, "requirements", "id")
    reqs = {}
    for req_id, rows in grouped.items():
        r = rows[0]
        reqs[req_id] = Requirement(
            id=req_id,
            iri=r["req"],
            section=r["number"],
            order=r.get("order", 0),
            level=r.get("level", 0),
            parent=r["parent"].rsplit("/", 1)[-1] if r.get("parent") else None,
            evaluated=r.get("mode") != KYZ + "NotEvaluated",
            render_as_bullet=r.get("bullet", True),
            unit_kinds=tuple(sorted({x["unit"] for x in rows if "unit" in x})),
            none_cited=r.get("basisStatus") == KYZ + "NoneCited",
            adhoc=bool(r.get("adhoc")),
            citations=tuple(cites[r["req"]]),
        )
    return reqs


def _documents(kb: KnowledgeBase) -> dict[int, DocumentType]:
    docs: dict[int, DocumentType] = {}
    for row in kb_rows(kb, "documents"):
        n = row["number"]
        doc = docs.setdefault(n, DocumentType(n, row["doc"], {}, {}, row.get("orderKind")))
        if "section" in row:
            doc.sections[row["section"]] = row["basis"]
        if "requirement" in row:
            doc.requirements[row["requirement"]] = row["basis"]
    return docs


def _unit_kinds(kb: KnowledgeBase) -> tuple[str, ...]:
    pairs = {(r["unitOrder"], r["unit"]) for r in kb_rows(kb, "body-types") if "unit" in r}
    return tuple(u for _, u in sorted(pairs))


def _body_types(kb: KnowledgeBase) -> dict[str, BodyType]:
    units: dict[str, set[tuple[int, str]]] = defaultdict(set)
    first: dict[str, Row] = {}
    for row in kb_rows(kb, "body-types"):
        first.setdefault(row["id"], row)
        if "unit" in row:
            units[row["id"]].add((row["unitOrder"], row["unit"]))
    return {  # unit kinds in the memo's order (kyz:order of each kind)
        i: BodyType(i, r["bodyType"], r["regime"], tuple(u for _, u in sorted(units[i])))
        for i, r in first.items()
    }


def _substitutions(
    kb: KnowledgeBase,
) -> tuple[tuple[Substitution, ...], dict[str, tuple[str, ...]]]:
    forms: dict[str, dict[str, list[tuple[str, str]]]] = defaultdict(lambda: defaultdict(list))
    meta: dict[str, Row] = {}
    protected: dict[str, list[str]] = defaultdict(list)
    for row in kb_rows(kb, "substitutions"):
        if "protected" in row:
            protected[row["protected"].lang].append(str(row["protected"]))
            continue
        meta.setdefault(row["rule"], row)
        state, muni = row["stateForm"], row["municipalForm"]
        pair = (str(state) + row.get("stateSuffix", ""), str(muni) + row.get("municipalSuffix", ""))
        if pair not in forms[row["rule"]][state.lang]:
            forms[row["rule"]][state.lang].append(pair)
    subs = []
    for rule, row in meta.items():
        by_lang = {
            lang: tuple(sorted(p, key=lambda x: -len(x[0]))) for lang, p in forms[rule].items()
        }
        subs.append(Substitution(row["order"], row["status"], bool(row.get("keep")), by_lang))
    subs.sort(key=lambda s: s.order)
    return tuple(subs), {lang: tuple(p) for lang, p in protected.items()}


def _codes(kb: KnowledgeBase) -> tuple[dict[tuple[str, str], str], dict[str, str]]:
    coded, act_types = {}, {}
    for row in kb_rows(kb, "codes"):
        if "typeId" in row:
            act_types[row["typeId"]] = row["value"]
        else:
            coded[(row["class"].rsplit("#", 1)[-1], row["code"])] = row["value"]
    return coded, act_types


def build_catalog(kb: KnowledgeBase) -> Catalog:
    memo_rows = kb_rows(kb, "memo")
    coded, act_types = _codes(kb)
    subs, protected = _substitutions(kb)
    return Catalog(
        revision=kb.revision,
        sections={
            r["number"]: Section(r["number"], r["section"], r.get("mode") != KYZ + "NotEvaluated")
            for r in kb_rows(kb, "sections")
        },
        requirements=_requirements(kb),
        acts=_acts(kb),
        documents=_documents(kb),
        body_types=_body_types(kb),
        footnotes=tuple((r["marker"], r["footnote"]) for r in memo_rows if "footnote" in r),
        memo_iri=memo_rows[0]["memo"],
        substitutions=subs,
        protected=protected,
        texts=_texts(kb),
        coded=coded,
        act_types=act_types,
        labels=keyed_texts(kb, "labels"),
        unit_kinds=_unit_kinds(kb),
    )
