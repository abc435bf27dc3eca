"""How the service's records sit in the store, and the one way writes are built.

A record is a subject `<store/KIND/ID>` with its type, id, a few properties to find it by, and
its whole JSON form (`svc:json`), in a named graph. Private graphs (users, password hashes,
sessions, tokens, audit) sit under `<store/private/>`, which /sparql never shows.

`Write` collects the operations of one write (deletes, then inserts) and gives the single
SPARQL UPDATE request that carries them: every term is serialised by pyoxigraph's term classes
(N-Triples escaping), no user text is formatted into SPARQL.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from typing import Any

from kb_service.core.namespaces import RDF_TYPE, SERVICE_NS, STORE_NS
from kb_service.core.plain import plain
from kb_service.core.problems import UsageError
from kb_service.kb.store import IRI, ox_term

PRIVATE = STORE_NS + "private/"
USERS_GRAPH = PRIVATE + "users"
SESSIONS_GRAPH = PRIVATE + "sessions"
TOKENS_GRAPH = PRIVATE + "tokens"
AUDIT_GRAPH = PRIVATE + "audit"
META_GRAPH = STORE_NS + "meta"
EVIDENCE_GRAPH = STORE_NS + "evidence"
STATUS_GRAPH = STORE_NS + "status"  # stale marks of assessment versions
LATEST_GRAPH = STORE_NS + "latest"  # each body's latest assessment version
PREFIX = f"PREFIX svc: <{SERVICE_NS}>\n"
ID_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,79}")


def svc(name: str) -> str:
    return SERVICE_NS + name


def record_iri(kind: str, *parts: str) -> str:
    return STORE_NS + kind + "/" + "/".join(parts)


def kb_graph(revision: str) -> str:
    return STORE_NS + "kb/" + revision


def check_id(value: str, what: str) -> str:
    if not isinstance(value, str) or not ID_PATTERN.fullmatch(value):
        raise UsageError(
            f"{what} {value!r}: expected 1 to 80 letters, digits, '_', '.' or '-' "
            "(starting with a letter or digit)"
        )
    return value


def to_json(value: Any) -> str:
    """The canonical JSON of a record (sorted keys): what is stored and hashed."""
    data = plain(value) if hasattr(value, "__dataclass_fields__") else value
    return json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def sha256(text: str | bytes) -> str:
    data = text.encode("utf-8") if isinstance(text, str) else text
    return hashlib.sha256(data).hexdigest()


def _term(value: Any) -> str:
    return str(ox_term(value))


Triple = tuple[str, str, Any]  # subject IRI, predicate IRI, object (IRI(...) or a value)


@dataclass
class Write:
    """One write: its operations, sent as one SPARQL UPDATE request (all or nothing)."""

    ops: list[str] = field(default_factory=list)  # run first: deletes, drops, raw inserts
    inserts: dict[str, list[Triple]] = field(default_factory=dict)

    def insert(self, graph: str, *triples: Triple) -> Write:
        self.inserts.setdefault(graph, []).extend(triples)
        return self

    def record(self, graph: str, kind: str, subject: str, rid: str, data: str, **props: Any) -> str:
        """A record's triples: type, id, JSON, and the properties it is found by."""
        self.insert(
            graph,
            (subject, RDF_TYPE, IRI(svc(kind))),
            (subject, svc("id"), rid),
            (subject, svc("json"), data),
        )
        for name, value in props.items():
            if value is not None:
                self.insert(graph, (subject, svc(name), value))
        return subject

    def delete_subject(self, graph: str, subject: str) -> Write:
        g, s = _term(IRI(graph)), _term(IRI(subject))
        self.ops.append(f"DELETE WHERE {{ GRAPH {g} {{ {s} ?p ?o }} }}")
        return self

    def delete_triple(self, graph: str, subject: str, predicate: str) -> Write:
        g, s, p = _term(IRI(graph)), _term(IRI(subject)), _term(IRI(predicate))
        self.ops.append(f"DELETE WHERE {{ GRAPH {g} {{ {s} {p} ?o }} }}")
        return self

    def drop(self, graph: str) -> Write:
        self.ops.append(f"DROP SILENT GRAPH {_term(IRI(graph))}")
        return self

    def insert_ntriples(self, graph: str, ntriples: str) -> Write:
        """Raw N-Triples (the KB's own, serialised by rdflib) into a graph."""
        self.ops.append(f"INSERT DATA {{ GRAPH {_term(IRI(graph))} {{\n{ntriples}\n}} }}")
        return self

    def text(self) -> str:
        ops = list(self.ops)
        iris: dict[str, str] = {}  # an IRI's term, serialised once (subjects, predicates repeat)

        def iri(value: str) -> str:
            found = iris.get(value)
            if found is None:
                found = iris[value] = _term(IRI(value))
            return found

        for graph, triples in self.inserts.items():
            body = " .\n".join(f"{iri(s)} {iri(p)} {_term(o)}" for s, p, o in triples)
            ops.append(f"INSERT DATA {{ GRAPH {_term(IRI(graph))} {{\n{body} .\n}} }}")
        return " ;\n".join(ops)
