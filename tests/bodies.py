"""A minimal facts dict for tests: one state body, its central apparatus, no dismissals."""

from __future__ import annotations

import copy
from typing import Any

_BODY: dict[str, Any] = {
    "id": "test-body",
    "name": "Сыноо органы",
    "body_type": "state-body",
    "period": {"from": "2024-01-01", "to": "2024-12-31"},
    "units": [{"id": "ca", "kind": "central-apparatus"}],
    "dismissals": [],
}


def minimal_body(**overrides: Any) -> dict[str, Any]:
    body = copy.deepcopy(_BODY)
    body.update(overrides)
    return body
