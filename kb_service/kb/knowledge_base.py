"""The knowledge-base handle: one loaded KB revision and everything derived from it.

Whatever needs the KB takes a handle as an argument. What is derived from the KB (catalogs,
facts vocabulary, shapes, calendar, labels, query texts) is built once per handle and kept on
it, so two revisions loaded side by side never share a cache.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from kb_service.kb.queries import QueryFile, query_files, read_query
from kb_service.kb.store import Store

if TYPE_CHECKING:
    from kb_service.kb.catalog import Catalog
    from kb_service.kb.check_catalog import CheckCatalog
    from kb_service.kb.citation_catalog import Citation

T = TypeVar("T")


@dataclass(eq=False)  # identity: one loaded KB
class KnowledgeBase:
    """A KB revision loaded from `root` into `store` (materialised, read-only for callers)."""

    revision: str
    store: Store
    root: Path
    engine: str = "oxigraph"
    _derived: dict[Hashable, Any] = field(default_factory=dict, repr=False)
    _lock: threading.RLock = field(default_factory=threading.RLock, repr=False)

    def select(self, query: str, **bindings: Any) -> list[dict[str, Any]]:
        return self.store.select(query, bindings)

    def derived(self, build: Callable[..., T], *args: Hashable) -> T:
        """`build(self, *args)`, computed once for this handle."""
        key = (build, args)
        with self._lock:
            if key not in self._derived:
                self._derived[key] = build(self, *args)
            return self._derived[key]  # type: ignore[no-any-return]

    def path(self, *parts: str) -> Path:
        """A file of this KB's root (ontology/..., rules/..., queries/...)."""
        return self.root.joinpath(*parts)

    def query(self, kind: str, name: str) -> QueryFile:
        """A SPARQL file of this KB: queries/<kind>/<name>.rq."""
        return self.derived(_read_query, kind, name)

    def query_files(self, kind: str) -> list[Path]:
        return query_files(self.path("queries"), kind)

    @property
    def catalog(self) -> Catalog:
        from kb_service.kb.catalog import build_catalog

        return self.derived(build_catalog)

    @property
    def checks(self) -> CheckCatalog:
        from kb_service.kb.check_catalog import build_check_catalog

        return self.derived(build_check_catalog)

    @property
    def citations(self) -> dict[str, Citation]:
        """Citation IRI -> what cites it and what it rests on (kb.citation_catalog)."""
        from kb_service.kb.citation_catalog import build_citation_catalog

        return self.derived(build_citation_catalog)


def _read_query(kb: KnowledgeBase, kind: str, name: str) -> QueryFile:
    return read_query(kb.path("queries"), kind, name)
