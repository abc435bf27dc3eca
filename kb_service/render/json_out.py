"""JSON, the renderer format every output model has: the model's own fields, UTF-8, indented.

Labels (the renderers' word tables) are words for printing, not data, and stay out.
"""

from __future__ import annotations

import dataclasses
import json
from typing import Any


def model_json(model: Any) -> bytes:
    if hasattr(model, "to_json"):
        data = model.to_json()
    elif dataclasses.is_dataclass(model) and not isinstance(model, type):
        data = {k: v for k, v in dataclasses.asdict(model).items() if k != "labels"}
    else:
        data = model
    return (json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n").encode("utf-8")
