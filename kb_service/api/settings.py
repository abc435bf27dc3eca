"""What `kb serve` is started with."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Settings:
    data_dir: Path = Path("kb-data")  # the store, evidence files (README: the default folder)
    endpoint: str | None = None  # a SPARQL 1.1 Protocol query URL instead of the embedded store
    update_endpoint: str | None = None  # its update URL (derived from .../query when not given)
    kb_root: Path | None = None  # the KB's folder (the project's own by default)
    sparql_timeout_s: float = 10.0  # /sparql: time limit of one query
    sparql_max_results: int = 10_000  # /sparql: rows or triples of one answer
    sparql_max_bytes: int = 16 * 1024 * 1024  # /sparql on an endpoint store: bytes of one answer
    max_upload_bytes: int = 32 * 1024 * 1024  # a facts file or an evidence file, as received
    secure_cookies: bool = False  # set the Secure flag (behind HTTPS)
    # evaluation worker processes (validation, evaluation, reports); 0: one per core (at most
    # 4); -1: none, evaluate in the service's own process
    eval_workers: int = 0
