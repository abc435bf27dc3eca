"""The JSON renderer (orjson) writes the very bytes `json.dumps` wrote before it, for every
model the renderers have: reports of every example in every language, the memo and checklist,
which law applies, citation health, and values json.dumps and orjson could tell apart."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from typing import Any

import pytest
from outputs import AS_OF, EXAMPLES, evaluation

from kb_service.app import use_cases
from kb_service.core.languages import LANGS
from kb_service.kb.registry import current_kb
from kb_service.law.lookup import look_up_law
from kb_service.render.json_out import model_json


def _plain(model: Any) -> Any:
    """The model as the json module renderer read it (before orjson)."""
    if hasattr(model, "to_json"):
        return model.to_json()
    if dataclasses.is_dataclass(model) and not isinstance(model, type):
        return {k: v for k, v in dataclasses.asdict(model).items() if k != "labels"}
    return model


def _json_dumps(model: Any) -> bytes:
    text = json.dumps(_plain(model), ensure_ascii=False, indent=2, default=str)
    return (text + "\n").encode("utf-8")


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.name)
def test_report_bytes_unchanged(example, lang):
    ev = evaluation(example, lang)
    assert model_json(ev) == _json_dumps(ev)


@pytest.mark.parametrize("lang", LANGS)
def test_kb_models_bytes_unchanged(lang):
    kb = current_kb()
    models = [
        use_cases.memo("state", lang, kb=kb),
        use_cases.checklist("local-self-government", AS_OF, lang, kb=kb),
        use_cases.citations(AS_OF, lang, kb=kb),
        look_up_law(AS_OF, lang, kb=kb),
    ]
    for model in models:
        assert model_json(model) == _json_dumps(model)


@dataclasses.dataclass(frozen=True)
class _Model:
    name: str
    labels: dict[str, str]
    values: dict[Any, Any]


def test_edge_values_as_json_dumps_wrote_them():
    model = _Model(
        'ң ө ү "quoted" \\ \n\t\x01 \u2028',
        {"hidden": "words"},
        {
            1: "int key",
            "date": dt.date(2025, 6, 30),
            "when": dt.datetime(2025, 6, 30, 12, 5, 1, 7),
            "nested": ({"a": [1, 2.5, None, True]}, []),
            "empty": {},
        },
    )
    out = model_json(model)
    assert out == _json_dumps(model)
    assert b"hidden" not in out and b"2025-06-30 12:05:01.000007" in out
