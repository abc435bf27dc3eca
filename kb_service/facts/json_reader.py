"""Read a facts JSON (or JSON-LD) file into plain Python values, refusing what JSON allows but a
facts file must not hold: duplicate keys, NaN, numbers too long to be counts, deep nesting.

Problems are reported by line where the parser knows it; duplicate keys are reported at their
JSON path by the structural check (the object remembers them).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from kb_service.core.problems import FactsError, Problem
from kb_service.facts.limits import DEFAULT, Limits

BOM = b"\xef\xbb\xbf"  # Windows Notepad writes one; it is not content
MAX_DIGITS = 20  # longer than any 64-bit integer


class JsonObject(dict[str, Any]):
    """A JSON object that remembers the keys it was given more than once."""

    duplicate_keys: tuple[str, ...] = ()


def _object(pairs: list[tuple[str, Any]]) -> JsonObject:
    obj = JsonObject(pairs)
    if len(obj) != len(pairs):
        seen: set[str] = set()
        duplicates = []
        for key, _ in pairs:
            if key in seen:
                duplicates.append(key)
            seen.add(key)
        obj.duplicate_keys = tuple(duplicates)
    return obj


class _Refused(ValueError):
    """A value JSON accepts but facts do not; carries the message."""


def _integer(text: str) -> int:
    if len(text.lstrip("-")) > MAX_DIGITS:
        raise _Refused(f"a number of {len(text.lstrip('-'))} digits", "a whole number of 64 bits")
    return int(text)


def _constant(name: str) -> float:
    raise _Refused(f"{name} is not a number a facts file can hold", "a number or null")


def _depth(value: Any) -> int:
    """Nesting depth of arrays and objects, without recursion."""
    if not isinstance(value, dict | list):
        return 0
    deepest, todo = 0, [(value, 1)]
    while todo:
        item, level = todo.pop()
        children = item.values() if isinstance(item, dict) else item
        for child in children:
            if isinstance(child, dict | list):
                deepest = max(deepest, level)
                todo.append((child, level + 1))
    return deepest + 1


def read_bytes(path: Path, limits: Limits = DEFAULT) -> bytes:
    """The file's bytes, refused before reading when it is larger than the limit."""
    file = str(path)
    try:
        size = path.stat().st_size
        if not path.is_file():
            raise FactsError([Problem(file, "not a regular file", "file", "")])
        if size > limits.file_bytes:
            raise FactsError(
                [
                    Problem(
                        file,
                        f"the file is {size:,} bytes",
                        "file",
                        "",
                        f"at most {limits.file_bytes:,} bytes (the facts file size limit)",
                    )
                ]
            )
        data = path.read_bytes()
    except OSError as exc:
        raise FactsError([Problem(file, f"cannot read: {exc}", "file", "")]) from None
    return data[len(BOM) :] if data.startswith(BOM) else data


def decode_utf8(data: bytes, file: str) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise FactsError(
            [Problem(file, f"byte {exc.start:,} is not UTF-8", f"line {line}", "", "UTF-8")]
        ) from None


def read_json(path: Path, limits: Limits = DEFAULT) -> Any:
    file = str(path)
    text = decode_utf8(read_bytes(path, limits), file)
    try:
        data = json.loads(
            text, object_pairs_hook=_object, parse_int=_integer, parse_constant=_constant
        )
        if (depth := _depth(data)) > limits.json_depth:
            raise _Refused(f"JSON nested {depth} levels deep", f"at most {limits.json_depth}")
        return data
    except json.JSONDecodeError as exc:
        where = f"line {exc.lineno} column {exc.colno}"
        problem = Problem(file, f"malformed JSON: {exc.msg}", where, "", "valid JSON")
    except _Refused as exc:
        problem = Problem(file, exc.args[0], "file", "", exc.args[1])
    except RecursionError:
        problem = Problem(
            file, "JSON nested too deeply", "file", "", f"at most {limits.json_depth} levels"
        )
    raise FactsError([problem])
