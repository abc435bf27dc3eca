"""The API suite runs on both stores: embedded (pyoxigraph on disk) and an Oxigraph server
started here (`oxigraph serve`, loopback), as `--endpoint`."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from service_helpers import add_users, kb_copy, oxigraph_server

from kb_service.api.app import create_app
from kb_service.api.settings import Settings


class Api:
    def __init__(self, client: TestClient, headers: dict[str, dict[str, str]], root: Path):
        self.client, self.headers, self.root = client, headers, root

    def as_(self, role: str) -> dict[str, str]:
        return self.headers[role]

    def get(self, url: str, role: str = "viewer", **kw: Any) -> Any:
        return self.client.get(url, headers=self.headers[role], **kw)

    def post(self, url: str, role: str = "inspector", **kw: Any) -> Any:
        return self.client.post(url, headers=self.headers[role], **kw)

    @property
    def storage(self) -> Any:
        return self.client.app.state.service.storage  # type: ignore[attr-defined]


@pytest.fixture(scope="module", params=["embedded", "endpoint"])
def api(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Api]:
    base = tmp_path_factory.mktemp(f"service-{request.param}")
    root = kb_copy(base / "kb")
    data = base / "data"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("KB_EDIT_NOW", "2026-06-01T09:00:00+00:00")
        if request.param == "endpoint":
            with oxigraph_server(base / "oxigraph") as url:
                headers = add_users(data, url)
                settings = Settings(
                    data_dir=data, endpoint=url, kb_root=root, sparql_max_bytes=300_000
                )
                with TestClient(create_app(settings)) as client:
                    yield Api(client, headers, root)
        else:
            headers = add_users(data, None)
            settings = Settings(data_dir=data, kb_root=root, sparql_max_results=2000)
            with TestClient(create_app(settings)) as client:
                yield Api(client, headers, root)
