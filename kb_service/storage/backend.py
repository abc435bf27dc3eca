"""The two stores the service runs on: an embedded pyoxigraph store on disk, or any SPARQL 1.1
Protocol store (query and update URLs).

Both offer the same four operations: SELECT with bound values (kb.store.bind_values: values are
serialised by pyoxigraph's own term classes, never formatted from user text), one UPDATE
request (all-or-nothing on both: the only way writes are made, so a write and its audit entry
go together), the list of named graphs, and a raw query for /sparql restricted to a dataset.

An UPDATE is made in two steps so that writers can share the slow part: `apply` (under the
storage's write lock: the writes stay serialized) and then `sync`, outside that lock, which
returns once the write is on disk. The embedded store flushes once for every write applied
before the flush started (a group commit): a write is acknowledged only after a flush that
covers it, as before, but concurrent writers no longer each wait for a flush of their own.
"""

from __future__ import annotations

import json
import threading
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import pyoxigraph as ox

from kb_service.kb.store import Row, bind_values, from_ox_term, ox_term, py_value


class StoreLocked(Exception):
    """The store's folder is held by another process (the running service)."""


class StoreUnavailable(Exception):
    """The SPARQL endpoint cannot be reached or refused a request."""


@dataclass(frozen=True)
class RawResult:
    """A /sparql answer: its body and media type."""

    body: bytes
    media_type: str


class Backend(Protocol):
    kind: str

    def select(self, query: str, bindings: Mapping[str, Any] | None = None) -> list[Row]: ...
    def update(self, text: str) -> None: ...
    def apply(self, text: str) -> int: ...
    def sync(self, ticket: int) -> None: ...
    def graphs(self) -> list[str]: ...
    def raw_query(
        self, query: str, default: list[str], named: list[str], accept: str, limit: int
    ) -> RawResult: ...
    def close(self) -> None: ...


def _term_text(value: Any) -> str:
    return str(ox_term(value))


class EmbeddedBackend:
    """pyoxigraph on disk (RocksDB): one writer; a second opener gets StoreLocked."""

    kind = "embedded"

    def __init__(self, path: Path) -> None:
        path.mkdir(parents=True, exist_ok=True)
        try:
            self._store = ox.Store(str(path))
        except OSError as err:
            if "lock" in str(err).lower():
                raise StoreLocked(str(path)) from err
            raise
        self._applied = 0  # writes applied (their tickets), and the last one flushed
        self._flushed = 0
        self._counter = threading.Lock()
        self._flushing = threading.Lock()

    def select(self, query: str, bindings: Mapping[str, Any] | None = None) -> list[Row]:
        text = bind_values(query, bindings or {}, _term_text)
        result = self._store.query(text)
        if not isinstance(result, ox.QuerySolutions):
            raise ValueError("select() runs SELECT queries only")
        names = [v.value for v in result.variables]
        return [{n: from_ox_term(s[n]) for n in names if s[n] is not None} for s in result]

    def update(self, text: str) -> None:
        self.sync(self.apply(text))

    def apply(self, text: str) -> int:
        """Run one UPDATE (all or nothing; its callers serialize them); its ticket for sync."""
        self._store.update(text)
        with self._counter:
            self._applied += 1
            return self._applied

    def sync(self, ticket: int) -> None:
        """Return once the write of `ticket` is flushed to disk; one flush covers every write
        applied before it started."""
        with self._flushing:
            if self._flushed >= ticket:
                return
            with self._counter:
                covered = self._applied
            self._store.flush()
            self._flushed = covered

    def graphs(self) -> list[str]:
        return [g.value for g in self._store.named_graphs() if isinstance(g, ox.NamedNode)]

    def raw_query(
        self, query: str, default: list[str], named: list[str], accept: str, limit: int
    ) -> RawResult:
        from kb_service.storage.sparql_results import embedded_answer, too_large

        graphs: list[ox.NamedNode | ox.BlankNode] = [ox.NamedNode(g) for g in named]
        union: list[ox.NamedNode | ox.BlankNode | ox.DefaultGraph] = [
            ox.NamedNode(g) for g in default
        ]
        result = self._store.query(query, default_graph=union, named_graphs=graphs)
        answer = embedded_answer(result, accept, limit)
        del result  # in this thread: pyoxigraph's results may not be dropped in another
        if answer is None:
            raise too_large(limit)
        return answer

    def close(self) -> None:
        self._store.flush()
        del self._store


class EndpointBackend:
    """A SPARQL 1.1 Protocol store: `url` is its query endpoint, `update_url` its update one
    (for the Oxigraph server, http://127.0.0.1:PORT/query and .../update)."""

    kind = "endpoint"

    def __init__(self, url: str, update_url: str | None = None, timeout: float = 30.0) -> None:
        if not url.startswith(("http://", "https://")):
            raise ValueError(f"--endpoint {url!r}: expected an http:// or https:// URL")
        self.url = url
        self.update_url = update_url or _update_url(url)
        self.timeout = timeout

    def _post(
        self, url: str, form: list[tuple[str, str]], accept: str, limit: int = 0
    ) -> tuple[bytes, str]:
        data = urllib.parse.urlencode(form).encode("utf-8")
        request = urllib.request.Request(url, data=data, method="POST")
        request.add_header("Content-Type", "application/x-www-form-urlencoded")
        request.add_header("Accept", accept)
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as answer:  # noqa: S310
                body = answer.read(limit + 1) if limit else answer.read()
                if limit and len(body) > limit:
                    raise StoreUnavailable(f"the answer is larger than {limit:,} bytes")
                return body, answer.headers.get("Content-Type", "")
        except urllib.error.HTTPError as err:
            detail = err.read(2000).decode("utf-8", "replace").strip()
            raise StoreUnavailable(f"the store refused the request ({err.code}): {detail}") from err
        except (urllib.error.URLError, TimeoutError, ConnectionError) as err:
            raise StoreUnavailable(f"the store at {url} cannot be reached: {err}") from err

    def select(self, query: str, bindings: Mapping[str, Any] | None = None) -> list[Row]:
        text = bind_values(query, bindings or {}, _term_text)
        body, _ = self._post(self.url, [("query", text)], "application/sparql-results+json")
        answer = json.loads(body)
        return [
            {name: _from_json(term) for name, term in row.items()}
            for row in answer["results"]["bindings"]
        ]

    def update(self, text: str) -> None:
        self._post(self.update_url, [("update", text)], "*/*")

    def apply(self, text: str) -> int:
        self.update(text)  # the store answers once the update is done
        return 0

    def sync(self, ticket: int) -> None:
        return None

    def graphs(self) -> list[str]:
        rows = self.select("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
        return [str(r["g"]) for r in rows if "g" in r]

    def raw_query(
        self, query: str, default: list[str], named: list[str], accept: str, limit: int
    ) -> RawResult:
        form = [("query", query)]
        form += [("default-graph-uri", g) for g in default]
        form += [("named-graph-uri", g) for g in named]
        body, media = self._post(self.url, form, accept, limit)
        return RawResult(body, media or "application/octet-stream")

    def close(self) -> None:
        return None


def _update_url(url: str) -> str:
    """The Oxigraph server's convention: .../query -> .../update."""
    if url.rstrip("/").endswith("/query"):
        return url.rstrip("/")[: -len("query")] + "update"
    raise ValueError(f"--endpoint {url!r}: give the update URL too (URL ending in /query expected)")


def _from_json(term: Mapping[str, str]) -> Any:
    kind, value = term.get("type"), term.get("value", "")
    if kind == "uri":
        return value
    if kind == "bnode":
        return "_:" + value
    return py_value(term.get("datatype", ""), value, term.get("xml:lang"))
