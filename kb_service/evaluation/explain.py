"""Wording findings: each evaluation outcome becomes a Finding that says what was checked, which
facts decided it and which law requires it, in the chosen language. All words come from rules/
(checks.ttl, messages.ttl) and the ontology's labels; none are written here.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

from kb_service.core.namespaces import ID_NS, RDFS_NS
from kb_service.evaluation.check_kinds import kind_of
from kb_service.evaluation.citation_views import citation_view, citation_views
from kb_service.evaluation.evaluate import BodyContext, Item, Outcome
from kb_service.evaluation.explain_parts import period_parts, refs_of_citation
from kb_service.evaluation.lapse_notes import lapse_notes
from kb_service.kb.catalog import CitationRef
from kb_service.kb.check_catalog import CheckCatalog
from kb_service.kb.knowledge_base import KnowledgeBase
from kb_service.law.lookup import type_label
from kb_service.law.municipal import Municipaliser, municipaliser
from kb_service.law.working_days import working_calendar
from kb_service.models.findings import STATUSES, CitationView, Evaluation, Finding

MAX_ITEMS = 25  # listed by id in an explanation; the rest are counted


class _Blank(dict[str, Any]):
    def __missing__(self, key: str) -> str:
        return "—"


def _shown(value: Any, yes_no: tuple[str, str]) -> Any:
    if isinstance(value, bool):
        return yes_no[0] if value else yes_no[1]
    return value.isoformat() if isinstance(value, dt.date) else value


def _fill(template: str, values: dict[str, Any], yes_no: tuple[str, str] = ("+", "-")) -> str:
    shown = {k: _shown(v, yes_no) for k, v in values.items()}
    shown = {
        k: ("—" if v is None else (str(v).rsplit("/", 1)[-1] if str(v).startswith("http") else v))
        for k, v in shown.items()
    }
    return template.format_map(_Blank(shown))


def _municipal(kb: KnowledgeBase, lang: str) -> Municipaliser:
    return municipaliser(kb.catalog, lang)


class Explainer:
    def __init__(self, kb: KnowledgeBase, lang: str, as_of: dt.date, regime: str = "state") -> None:
        self.kb, self.cc, self.cat, self.lang, self.as_of = kb, kb.checks, kb.catalog, lang, as_of
        # a municipal body reads its requirements in the municipal wording (memo footnotes)
        self.wording = kb.derived(_municipal, lang).apply if regime == "municipal" else str
        # a citation's view depends on the KB, the date, the language and the regime only
        self._cited: dict[tuple[Any, ...], tuple[CitationView, str]] = kb.derived(
            citation_views, lang, as_of, regime
        )

    # Every KB text passes through the regime's wording before values are filled in; act titles
    # and names (protected names) and the facts' own words are values, so they stay as they are.
    def msg(self, key: str, **values: Any) -> str:
        return _fill(self.wording(self.cc.message(key, self.lang)), values)

    def check_text(self, outcome: Outcome, prop: str) -> str:
        return self.wording(self.cc.check_text(outcome.check, prop, self.lang))

    def label(self, iri: str) -> str:
        return self.wording(
            self.cat.text(iri, RDFS_NS + "label", self.lang) or iri.rsplit("#", 1)[-1]
        )

    def kb_label(self, iri: str) -> str:
        """The best label of a KB resource (document, unit kind, parameter ...) in the regime."""
        return self.wording(self.cat.label(iri, self.lang))

    # ---- the words of one outcome ----
    def _moved_text(self, item: Item) -> str:
        """The days off and working weekend days that moved a working-day due date."""
        cal, parts = working_calendar(self.kb), []
        if off := item.values.get("offDays"):
            days = [
                " ".join(filter(None, (d.isoformat(), cal.holiday_name(d, self.lang)))) for d in off
            ]
            parts.append(self.msg("days-off", days=", ".join(days)))
        if working := item.values.get("workingWeekendDays"):
            parts.append(
                self.msg("working-weekend", days=", ".join(d.isoformat() for d in working))
            )
        return "; ".join(parts)

    def _items_text(self, outcome: Outcome, items: list[Item]) -> str:
        detail = self.check_text(outcome, "detailText")
        shown = []
        for item in items[:MAX_ITEMS]:
            words = "; ".join(
                filter(None, (_fill(detail, item.values) if detail else "", self._moved_text(item)))
            )
            shown.append(f"{item.id} ({words})" if words else item.id)
        more = f" … (+{len(items) - MAX_ITEMS})" if len(items) > MAX_ITEMS else ""
        return ", ".join(shown) + more

    def _document_text(self, outcome: Outcome) -> str:
        def line(item: Item) -> str:
            number = item.values.get("docNumber")
            doc = self.cat.documents.get(int(number)) if number is not None else None
            status = item.values.get("status")
            word = self.label(status) if status else self.msg("unit-not-recorded")
            return self.msg(
                "doc-item",
                doc=number,
                title=self.kb_label(doc.iri) if doc else "",
                status=word,
            )

        failed = [i for i in outcome.items if i.ok is False]
        unknown = [i for i in outcome.items if i.ok is None]
        if failed:
            return self.msg("doc-fail", items="; ".join(line(i) for i in failed))
        if unknown:
            return self.msg("doc-unknown", items="; ".join(line(i) for i in unknown))
        return self.msg("doc-pass", items="; ".join(line(i) for i in outcome.items))

    def _judged_text(self, outcome: Outcome) -> str:
        words = {**outcome.words, **self._parameter_words(outcome)}
        noun = _fill(self.check_text(outcome, "noun"), words)
        texts = {
            k: _fill(self.check_text(outcome, p), words)
            for k, p in (("pass", "passText"), ("fail", "failText"), ("unknownText", "unknownText"))
        }
        items = outcome.items
        failed = [i for i in items if i.ok is False]
        unknown = [i for i in items if i.ok is None]
        base = {"noun": noun, "total": len(items), **texts}
        if kind_of(outcome.check.kind).wording == "flag":
            key = "flag-fail" if failed else "flag-unknown" if unknown else "flag-pass"
            detail = self.check_text(outcome, "detailText")
            extra = f" ({_fill(detail, items[0].values)})" if detail and items else ""
            return self.msg(key, **base) + extra
        if kind_of(outcome.check.kind).wording == "presence" and not failed and not unknown:
            return self.msg("flag-pass", **base)  # "order on the appeals commission: exists"
        sentences = []
        if failed:
            items_text = self._items_text(outcome, failed)
            sentences.append(self.msg("fail", failed=len(failed), items=items_text, **base))
        if unknown:
            items_text = self._items_text(outcome, unknown)
            sentences.append(self.msg("unknown", unknown=len(unknown), items=items_text, **base))
        if any(self.cc.parameters[pid].role == "due" for pid, _ in outcome.parameters):
            sentences.append(self._deadlines_met(outcome, bool(sentences), base))
        return ". ".join(s for s in sentences if s) or self.msg("pass", **base)

    def _deadlines_met(self, outcome: Outcome, others: bool, base: dict[str, Any]) -> str:
        """The records that met a deadline, each with the due date used, so the boundary can be
        checked; beside failed or open ones ("1 of 2 ...") or alone ("all 2 checked ...")."""
        met = [i for i in outcome.items if i.ok is True]
        if not met:
            return ""
        items = self._items_text(outcome, met)
        if others:
            return self.msg("pass-some", passed=len(met), items=items, **base)
        return self.msg("pass-items", items=items, **base)

    def _parameter_words(self, outcome: Outcome) -> dict[str, str]:
        words = {}
        for _pid, version in outcome.parameters:
            unit = (
                self.cat.text(self.cat.code_iri("TimeUnit", version.unit), "countLabel", self.lang)
                or version.unit
            )
            words["deadline"] = f"{version.amount} {unit}"
        return words

    def explanation(self, outcome: Outcome, body_type: str) -> str:
        reason = outcome.reason
        if reason == "adhoc":
            basis = self.msg("adhoc-basis-" + outcome.words["basis"], **outcome.words)
            return self.msg("adhoc", **outcome.words).rstrip(". ") + ". " + basis
        if reason == "not-evaluated":
            why = self.cat.text(outcome.requirement.iri, "notEvaluatedReason", self.lang) or ""
            why = self.wording(why)
            return self.msg("not-evaluated", reason=why)
        if reason == "not-applicable":
            units = ", ".join(
                self.kb_label(KYZ_ID_UNIT + k) for k in outcome.requirement.unit_kinds
            )
            bt = self.kb_label(self.cat.body_types[body_type].iri)
            return self.msg("not-applicable-units", body_type=bt, units=units)
        if reason == "no-units":
            kinds = outcome.requirement.unit_kinds or self.cat.body_types[body_type].unit_kinds
            units = ", ".join(self.kb_label(KYZ_ID_UNIT + k) for k in kinds)
            return self.msg("no-units", units=units)
        if reason == "not-recorded":
            return self.msg(
                "not-recorded", records=", ".join(self.label(c) for c in outcome.missing)
            )
        if reason == "no-parameter":
            param = self.cc.parameters[outcome.words["parameter"]]
            return self.msg("no-parameter", parameter=self.kb_label(param.iri), date=self.as_of)
        if kind_of(outcome.check.kind).wording == "informational":
            template = self.check_text(outcome, "infoText")
            if not outcome.items:
                noun = _strip_markers(self.kb_label(outcome.requirement.iri))
                return self.msg("none", noun=noun.rstrip(";:.,"))
            yes_no = (self.msg("yes"), self.msg("no"))
            rows = [{"item": i.id, **i.values} for i in outcome.items]
            return "; ".join(_fill(template, row, yes_no) for row in rows)
        if reason == "none":
            noun = _fill(self.check_text(outcome, "noun"), outcome.words)
            if outcome.status == "non_compliant":  # something required is missing altogether
                return self.msg("flag-fail", noun=noun, fail=self.check_text(outcome, "failText"))
            if outcome.check.period_only:  # records outside the period were not looked at
                return self.msg("none-in-period", noun=noun, **outcome.words)
            return self.msg("none", noun=noun)
        if kind_of(outcome.check.kind).wording == "documents":
            return self._document_text(outcome)
        return self._judged_text(outcome)

    def parameter_value(self, version: Any) -> str:
        """ "3 years": a parameter version's amount and unit in the report's language."""
        iri = self.cat.code_iri("TimeUnit", version.unit)
        return f"{version.amount} {self.cat.text(iri, 'countLabel', self.lang) or version.unit}"

    def parameter_notes(self, outcome: Outcome) -> list[str]:
        notes = []
        for pid, version in outcome.parameters:
            param = self.cc.parameters[pid]
            status = self.label(self.cat.code_iri("VerificationStatus", version.status))
            value, label = self.parameter_value(version), self.kb_label(param.iri)
            notes.append(self.msg("parameter", parameter=label, value=value, status=status))
        return notes

    # ---- law and evidence ----
    def citations(
        self, outcome: Outcome, body_type: str
    ) -> tuple[tuple[CitationView, ...], list[str]]:
        views, warnings = [], []
        refs = outcome.requirement.citations_for(body_type, self.as_of)
        for _pid, version in outcome.parameters:
            refs += tuple(
                r for c in version.citations for r in self.citation_refs(c) if r not in refs
            )
        basis = outcome.words.get("basis", "requirement")
        for ref in refs:
            key = (ref, basis)
            if key not in self._cited:
                self._cited[key] = citation_view(self, ref, basis)
            view, note = self._cited[key]
            views.append(view)
            if note:
                warnings.append(note)
        return tuple(views), warnings

    def citation_refs(self, citation_iri: str) -> tuple[CitationRef, ...]:
        return refs_of_citation(self.cc, citation_iri)

    def evidence(self, outcome: Outcome) -> tuple[dict[str, Any], ...]:
        if outcome.reason == "adhoc" and "documents" in outcome.words:
            return ({"number": None, "title": outcome.words["documents"], "link": "adhoc"},)
        rid, docs = outcome.requirement.id, []
        for number, doc in sorted(self.cat.documents.items()):
            link = doc.requirements.get(rid)
            if link:
                title = self.kb_label(doc.iri)
                docs.append({"number": number, "title": title, "link": link})
        return tuple(sorted(docs, key=lambda d: (d["link"] != "explicit", d["number"])))

    def finding(self, outcome: Outcome, ctx: BodyContext) -> Finding:
        text = self.explanation(outcome, ctx.body_type)
        citations, _warnings = self.citations(outcome, ctx.body_type)
        views, notes = period_parts(self, outcome)  # parts of the period under other values
        lapses, lapsed = lapse_notes(self, outcome, ctx.body_type)
        parts = [text, *notes, *self.parameter_notes(outcome), *lapses]
        parts += self.disagreement_notes(outcome)
        # (dead-act warnings sit on the citations)
        parts = [p.rstrip(". ") + "." for p in parts if p]
        deciding = tuple(i.id for i in outcome.items if i.ok is False) or tuple(
            i.id for i in outcome.items if i.ok is None
        )
        return Finding(
            requirement=outcome.requirement.id,
            section=outcome.requirement.section,
            unit=outcome.unit.id if outcome.unit else None,
            status=outcome.status,
            explanation=" ".join(parts),
            requirement_text=outcome.words.get("question")
            or _strip_markers(self.kb_label(outcome.requirement.iri)),
            check=outcome.check.id,
            citations=citations,
            evidence_documents=self.evidence(outcome),
            deciding_facts=deciding,
            kb_revision=self.cat.revision,
            disagreements=tuple(
                d.as_dict(self.cat.code_of(d.status)) for d in outcome.disagreements
            ),
            parameter_parts=views,
            basis_lapsed=lapsed,
        )

    def disagreement_notes(self, outcome: Outcome) -> list[str]:
        """Say when two facts disagree (a document recorded absent, its order recorded)."""
        notes = []
        for d in outcome.disagreements:
            refs = ", ".join(d.referenced_by)
            refs = self.msg("referenced-by", records=refs) if refs else ""
            status = self.label(d.status)
            notes.append(
                self.msg("facts-disagree", doc=d.document, seen=d.seen, status=status,
                         order=d.order, refs=refs)
            )  # fmt: skip
        return notes


KYZ_ID_UNIT = ID_NS + "unit-kind/"


def _strip_markers(text: str) -> str:
    return text.replace("*", "").strip()


def summarise(
    findings: list[Finding], cc: CheckCatalog, lang: str, wording: Any = str
) -> dict[str, Any]:
    by_section: dict[int, Counter[str]] = {}
    for f in findings:
        by_section.setdefault(f.section, Counter())[f.status] += 1
    totals = Counter(f.status for f in findings)
    return {
        "total": {s: totals.get(s, 0) for s in STATUSES},
        "by_section": {
            str(n): {s: c.get(s, 0) for s in STATUSES} for n, c in sorted(by_section.items())
        },
        "section_titles": {
            str(n): wording(_strip_markers(cc.catalog.label(s.iri, lang))).rstrip(":.")
            for n, s in sorted(cc.catalog.sections.items())
        },
    }


def explain(
    ctx: BodyContext,
    outcomes: list[Outcome],
    lang: str,
    as_of: dt.date,
    source: str,
    *,
    kb: KnowledgeBase,
) -> Evaluation:
    cc = kb.checks
    ex = Explainer(kb, lang, as_of, cc.catalog.body_types[ctx.body_type].regime)
    findings = [ex.finding(o, ctx) for o in outcomes]
    summary = summarise(findings, cc, lang, ex.wording)
    summary["facts_source"] = source
    summary["unit_labels"] = {u.id: u.name or u.id for u in ctx.units.values()}
    bt = cc.catalog.body_types[ctx.body_type]
    body = {
        "id": ctx.id,
        "name": ctx.name,
        "body_type": ctx.body_type,
        "iri": ctx.iri,
        "body_type_label": cc.catalog.label(bt.iri, lang),
        "regime": bt.regime,
        "period": {"from": ctx.period[0].isoformat(), "to": ctx.period[1].isoformat()},
    }
    labels = {**cc.catalog.label_table(lang), **kb_labels(cc, lang)}
    revision = cc.catalog.revision
    return Evaluation(body, as_of.isoformat(), lang, revision, tuple(findings), summary, labels)


def kb_labels(cc: CheckCatalog, lang: str) -> dict[str, str]:
    """Words the report takes from the KB: body types, unit kinds and act types."""
    cat = cc.catalog
    labels = {f"body_type_{i}": cat.label(b.iri, lang) for i, b in cat.body_types.items()}
    for kind in cat.unit_kinds:
        labels[f"unit_{kind}"] = cat.label(KYZ_ID_UNIT + kind, lang)
    for act in cat.acts.values():
        labels[f"act_type_{act.type_id}"] = type_label(cat, act.type_id, lang)
    return labels
