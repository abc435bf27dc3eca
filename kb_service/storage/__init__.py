"""The service's persistent store (see storage/store.py): `open_storage(data_dir, endpoint)`.

Embedded by default: a pyoxigraph store on disk in `<data>/store` (one writer: a second process
gets StoreLocked). With `endpoint`, any SPARQL 1.1 Protocol store (query URL; the update URL
is given or derived from .../query). Evidence files live under `<data>/evidence` either way.
"""

from __future__ import annotations

from pathlib import Path

from kb_service.storage.backend import (
    Backend,
    EmbeddedBackend,
    EndpointBackend,
    StoreLocked,
    StoreUnavailable,
)
from kb_service.storage.national import BulkItem, NationalStorage
from kb_service.storage.store import NotFound

DEFAULT_DATA = Path("kb-data")

__all__ = ["BulkItem", "NotFound", "Storage", "StoreLocked", "StoreUnavailable", "open_storage"]


class Storage(NationalStorage):
    """Bodies, assessments, evidence, users, sessions, tokens, audit: one store, one writer."""

    def close(self) -> None:
        self.backend.close()


def open_storage(
    data_dir: Path | None = None, endpoint: str | None = None, update_endpoint: str | None = None
) -> Storage:
    data = (data_dir or DEFAULT_DATA).resolve()
    data.mkdir(parents=True, exist_ok=True)
    backend: Backend
    if endpoint:
        backend = EndpointBackend(endpoint, update_endpoint)
    else:
        backend = EmbeddedBackend(data / "store")
    return Storage(backend, data)
