"""JSON, the renderer format every output model has: the model's own fields, UTF-8, indented.

Labels (the renderers' word tables) are words for printing, not data, and stay out.
orjson writes the same bytes `json.dumps(..., ensure_ascii=False, indent=2, default=str)` did
(tests/render/test_json_out.py holds it), about 40 times faster on a report; it serialises
dataclasses itself, so nested ones are not copied into dicts first.
"""

from __future__ import annotations

import dataclasses
from typing import Any

import orjson

_OPTIONS = (
    orjson.OPT_INDENT_2
    | orjson.OPT_APPEND_NEWLINE
    | orjson.OPT_NON_STR_KEYS  # json.dumps wrote int keys as strings too
    | orjson.OPT_PASSTHROUGH_DATETIME  # dates as str() gives them (default below), as before
)


def json_data(model: Any) -> Any:
    """What of a model is written: its JSON view, or its fields but labels."""
    if hasattr(model, "json_view"):
        return model.json_view()
    if hasattr(model, "to_json"):
        return model.to_json()
    if dataclasses.is_dataclass(model) and not isinstance(model, type):
        fields = dataclasses.fields(model)
        return {f.name: getattr(model, f.name) for f in fields if f.name != "labels"}
    return model


def model_json(model: Any) -> bytes:
    return orjson.dumps(json_data(model), default=str, option=_OPTIONS)
