"""Read a facts JSON (or JSON-LD) file into a plain dict, reporting syntax errors by line."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from kb_service.facts.errors import FactsError, FactsProblem


def read_json(path: Path) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise FactsError([FactsProblem(str(path), "file", "", f"cannot read: {exc}")]) from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        where = f"line {exc.lineno} column {exc.colno}"
        raise FactsError(
            [FactsProblem(str(path), where, "", f"malformed JSON: {exc.msg}", "valid JSON")]
        ) from None
