"""Assessment versions: each evaluation of a body's facts is stored as a new version in its own
named graph, with the facts, the findings (each with an id and a decision record) and the whole
evaluation for its reports. Nothing is overwritten: a change is a new version; a stale mark (a
KB change touching the acts or checks a version relied on) is kept beside it.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from kb_service.facts.to_rdf import to_ntriples
from kb_service.kb.knowledge_base import KnowledgeBase
from kb_service.kb.store import IRI
from kb_service.models.findings import CitationView, Evaluation, Finding, ParameterPartView
from kb_service.models.service import AssessmentVersion, DecisionRecord, StoredFinding
from kb_service.storage.rdf import (
    ID_PATTERN,
    LATEST_GRAPH,
    PREFIX,
    STATUS_GRAPH,
    Write,
    check_id,
    record_iri,
    sha256,
    svc,
    to_json,
)
from kb_service.storage.store import BaseStorage, NotFound, now


def version_graph(aid: str, version: int) -> str:
    return record_iri("assessment", aid, f"v{version}")


def _findings(
    aid: str, version: int, evaluation: Evaluation, facts_hash: str, at: str, who: str,
    kb: KnowledgeBase,
) -> tuple[StoredFinding, ...]:  # fmt: skip
    out = []
    queries: dict[str, tuple[str, str]] = {}  # check -> its query's path and SHA-256
    for n, f in enumerate(evaluation.findings, start=1):
        if f.check not in queries:
            check = kb.checks.checks.get(f.check)
            query = kb.query("checks", check.query) if check else None
            queries[f.check] = (
                (str(query.path.relative_to(kb.root)), sha256(query.text)) if query else ("", "")
            )
        query_path, query_sha256 = queries[f.check]
        decision = DecisionRecord(
            kb_revision=evaluation.kb_revision,
            facts_sha256=facts_hash,
            check=f.check,
            query=query_path,
            query_sha256=query_sha256,
            as_of=evaluation.as_of,
            evaluated_at=at,
            evaluated_by=who,
        )
        acts = tuple(dict.fromkeys(c.id for c in f.citations))
        out.append(
            StoredFinding(
                f"{aid}-v{version}-f{n}",
                f.requirement,
                f.section,
                f.unit,
                f.status,
                f.explanation,
                acts,
                decision,
            )  # fmt: skip
        )
    return tuple(out)


def evaluation_to_json(evaluation: Evaluation) -> dict[str, Any]:
    return {**evaluation.to_json(), "lang": evaluation.lang, "labels": evaluation.labels}


@dataclass(frozen=True)
class PreparedVersion:
    """An evaluation with the texts its stored version is made of, built before the store is
    touched (in an evaluation worker): the facts' canonical JSON and RDF, the evaluation's
    JSON."""

    evaluation: Evaluation
    facts: Any
    facts_json: str
    facts_ntriples: str | None
    evaluation_json: str

    @property
    def facts_sha256(self) -> str:
        return sha256(self.facts_json)


def prepare_version(evaluation: Evaluation, facts: Any) -> PreparedVersion:
    rdf = to_ntriples(facts) if isinstance(facts, dict) and "id" in facts else None
    return PreparedVersion(
        evaluation, facts, to_json(facts), rdf, to_json(evaluation_to_json(evaluation))
    )


def _part_view(data: dict[str, Any]) -> ParameterPartView:
    fields: dict[str, Any] = {k: tuple(v) if isinstance(v, list) else v for k, v in data.items()}
    return ParameterPartView(**fields)


def evaluation_from_json(data: dict[str, Any]) -> Evaluation:
    """The stored evaluation back as the model the renderers take."""
    findings = []
    for f in data["findings"]:
        f = dict(f)
        f["citations"] = tuple(CitationView(**c) for c in f.get("citations", ()))
        f["parameter_parts"] = tuple(_part_view(p) for p in f.get("parameter_parts", ()))
        for key in ("evidence_documents", "deciding_facts", "disagreements", "basis_lapsed"):
            f[key] = tuple(f.get(key, ()))
        findings.append(Finding(**f))
    return Evaluation(
        data["body"], data["as_of"], data["lang"], data["kb_revision"], tuple(findings),
        data.get("summary", {}), data.get("labels", {}),
    )  # fmt: skip


def _version(data: dict[str, Any], stale: str | None) -> AssessmentVersion:
    findings = tuple(
        StoredFinding(
            **{**f, "acts": tuple(f["acts"]), "decision": DecisionRecord(**f["decision"])}
        )
        for f in data["findings"]
    )
    return AssessmentVersion(**{**data, "findings": findings, "stale": stale})


def body_subject(body_id: str) -> str:
    return record_iri("body", body_id) + "#body"


def point_latest(write: Write, body_id: str, version_subject: str | None) -> None:
    """The body's latest assessment (`<store/latest>`: body svc:latest version): moved, or
    removed when `version_subject` is None."""
    write.delete_triple(LATEST_GRAPH, body_subject(body_id), svc("latest"))
    if version_subject:
        write.insert(LATEST_GRAPH, (body_subject(body_id), svc("latest"), IRI(version_subject)))


def version_write(
    write: Write, body_id: str, prepared: PreparedVersion, who: str, *,
    kb: KnowledgeBase, aid: str, version: int, reason: str,
) -> tuple[AssessmentVersion, str]:  # fmt: skip
    """Put one assessment version into `write`: its record, the facts (as JSON and as the RDF
    evaluation reads, so /sparql can query them), the evaluation, each finding's triples, and
    the body's latest pointer. The record and the JSON its audit entry hashes."""
    evaluation = prepared.evaluation
    at, facts_hash = now(), prepared.facts_sha256
    found = _findings(aid, version, evaluation, facts_hash, at, who, kb)
    record = AssessmentVersion(
        aid, version, body_id, evaluation.as_of, evaluation.lang, evaluation.kb_revision,
        facts_hash, at, who, dict(evaluation.summary), found, reason,
    )  # fmt: skip
    graph = version_graph(aid, version)
    data = to_json(record)
    write.record(
        graph, "AssessmentVersion", graph + "#version", f"{aid}/v{version}", data,
        body=body_id, assessment=aid, version=version, kbRevision=record.kb_revision,
        factsSha256=facts_hash, asOf=record.as_of,
    )  # fmt: skip
    write.record(graph, "Facts", graph + "#facts", f"{aid}/v{version}", prepared.facts_json)
    if prepared.facts_ntriples is not None:
        write.insert_ntriples(graph, prepared.facts_ntriples)
    write.record(
        graph, "EvaluationData", graph + "#evaluation", f"{aid}/v{version}",
        prepared.evaluation_json,
    )  # fmt: skip
    for f in found:
        s = record_iri("finding", f.id)
        write.insert(
            graph,
            (s, svc("findingOf"), IRI(graph + "#version")),
            (s, svc("requirement"), f.requirement),
            (s, svc("status"), f.status),
            (s, svc("check"), f.decision.check),
            (s, svc("section"), f.section),
            *((s, svc("cites"), a) for a in f.acts),
        )
    point_latest(write, body_id, graph + "#version")
    return record, data


def _latest_query(by_body: bool) -> str:
    """The record of each assessment's latest version (no version of it above), of one body."""
    body = " ; svc:body ?body" if by_body else ""
    return (
        PREFIX
        + f"""SELECT ?s ?json WHERE {{
  GRAPH ?g {{
    ?s a svc:AssessmentVersion ; svc:assessment ?a ; svc:version ?v ; svc:json ?json{body}
  }}
  FILTER NOT EXISTS {{
    GRAPH ?h {{ ?later a svc:AssessmentVersion ; svc:assessment ?a ; svc:version ?w }}
    FILTER(?w > ?v)
  }}
}}"""
    )


_LATEST, _LATEST_BY_BODY = _latest_query(False), _latest_query(True)
_LAST_VERSION = (
    PREFIX
    + "SELECT (MAX(?n) AS ?v) WHERE { GRAPH ?g { ?s a svc:AssessmentVersion ; svc:assessment ?a ;"
    " svc:version ?n } }"
)
_STALE = PREFIX + "SELECT ?v ?why WHERE { GRAPH ?g { ?v svc:stale ?why } }"  # ?v bound: one


class AssessmentStorage(BaseStorage):
    def add_version(
        self, body_id: str, prepared: PreparedVersion, who: str, *, kb: KnowledgeBase,
        assessment_id: str | None = None, reason: str = "evaluated",
    ) -> AssessmentVersion:  # fmt: skip
        """Store an evaluation of the body's facts: a new assessment, or the next version of
        `assessment_id`; it becomes the body's latest assessment."""
        self.body(body_id)
        with self._lock:
            aid = assessment_id or uuid.uuid4().hex[:16]
            check_id(aid, "assessment id")
            version = self._last_number(aid) + 1 if assessment_id else 1
            write = Write()
            record, data = version_write(
                write, body_id, prepared, who, kb=kb, aid=aid, version=version, reason=reason
            )
            self.commit(write, who, "assessment.version", f"{aid}/v{version}", data)
            return record

    def versions(self, aid: str) -> list[AssessmentVersion]:
        rows = self.records_by("AssessmentVersion", "assessment", aid)
        if not rows:
            raise NotFound(f"no assessment {aid!r}")
        stale = self._stale()
        found = [_version(r, stale.get(version_graph(aid, r["version"]))) for r in rows]
        return sorted(found, key=lambda v: v.version)

    def latest(self, aid: str) -> AssessmentVersion:
        """The assessment's latest version; only its record is read, however long the history."""
        return self.version(aid, self._last_number(aid))

    def _last_number(self, aid: str) -> int:
        rows = self.backend.select(_LAST_VERSION, {"a": aid})
        if not rows or "v" not in rows[0]:
            raise NotFound(f"no assessment {aid!r}")
        return int(rows[0]["v"])

    def version(self, aid: str, version: int | None = None) -> AssessmentVersion:
        """One version (the latest if None), its record alone read."""
        if version is None:
            return self.latest(aid)
        if not ID_PATTERN.fullmatch(aid):  # no stored id looks so; nor goes it into an IRI
            raise NotFound(f"no assessment {aid!r}")
        texts = self.record_texts("AssessmentVersion", version_graph(aid, version))
        if not texts:
            self._last_number(aid)  # "no assessment" if it has no version at all
            raise NotFound(f"assessment {aid!r} has no version {version}")
        return self._one(json.loads(texts[0]))

    def _one(self, data: dict[str, Any]) -> AssessmentVersion:
        subject = version_graph(data["id"], data["version"]) + "#version"
        rows = self.backend.select(_STALE, {"g": IRI(STATUS_GRAPH), "v": IRI(subject)})
        return _version(data, str(rows[0]["why"]) if rows else None)

    def assessments(self, body_id: str | None = None) -> list[AssessmentVersion]:
        """The latest version of each assessment (of one body), oldest first; only the latest
        versions' records are read, however long the history."""
        bound = {"body": body_id} if body_id else {}
        rows = self.backend.select(_LATEST_BY_BODY if body_id else _LATEST, bound)
        latest: dict[str, dict[str, Any]] = {}
        for r in sorted(rows, key=lambda r: str(r["s"])):
            found = json.loads(r["json"])
            if found["id"] not in latest or found["version"] > latest[found["id"]]["version"]:
                latest[found["id"]] = found
        stale = self._stale()
        found = [
            _version(r, stale.get(version_graph(r["id"], r["version"]))) for r in latest.values()
        ]
        return sorted(found, key=lambda v: (v.evaluated_at, v.id))

    def stored_facts(self, aid: str, version: int) -> Any:
        return self._part("Facts", aid, version)

    def stored_evaluation(self, aid: str, version: int) -> Evaluation:
        return evaluation_from_json(json.loads(self.stored_evaluation_json(aid, version)))

    def stored_evaluation_json(self, aid: str, version: int) -> str:
        return self._part_text("EvaluationData", aid, version)

    def _part(self, kind: str, aid: str, version: int) -> Any:
        return json.loads(self._part_text(kind, aid, version))

    def _part_text(self, kind: str, aid: str, version: int) -> str:
        found = self.record_texts(kind, version_graph(aid, version))
        if not found:
            raise NotFound(f"assessment {aid!r} has no version {version}")
        return found[0]

    def delete_assessment(self, aid: str, who: str) -> None:
        with self._lock:
            versions = self.versions(aid)
            write = Write()
            for v in versions:
                write.drop(version_graph(aid, v.version))
                write.delete_subject(STATUS_GRAPH, version_graph(aid, v.version) + "#version")
            body_id = versions[-1].body_id
            others = [a for a in self.assessments(body_id) if a.id != aid]
            last = version_graph(others[-1].id, others[-1].version) + "#version" if others else None
            point_latest(write, body_id, last)
            self.commit(write, who, "assessment.delete", aid, aid)

    # --- stale marks ----------------------------------------------------------------------
    def _stale(self) -> dict[str, str]:
        rows = self.backend.select(_STALE, {"g": IRI(STATUS_GRAPH)})
        return {str(r["v"]).removesuffix("#version"): str(r["why"]) for r in rows}

    def relying_on(self, acts: Iterable[str], checks: Iterable[str]) -> list[AssessmentVersion]:
        """The latest versions whose findings cite one of `acts` or ran one of `checks`."""
        acts, checks = set(acts), set(checks)
        return [
            v
            for v in self.assessments()
            if any(acts.intersection(f.acts) or f.decision.check in checks for f in v.findings)
        ]

    def mark_stale(
        self, versions: Iterable[AssessmentVersion], reason: str, who: str
    ) -> list[AssessmentVersion]:
        marked = [v for v in versions if v.stale is None]
        if not marked:
            return []
        write = Write()
        for v in marked:
            write.insert(
                STATUS_GRAPH, (version_graph(v.id, v.version) + "#version", svc("stale"), reason)
            )
        targets = ",".join(f"{v.id}/v{v.version}" for v in marked)
        self.commit(write, who, "assessment.stale", targets, json.dumps([targets, reason]))
        return marked
