"""What the JSON routes share: dates, languages, downloads, dataclasses as JSON."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from fastapi import HTTPException, Query, Response
from fastapi.encoders import jsonable_encoder

from kb_service.core.languages import DEFAULT_LANG, LANGS

MEDIA = {
    "json": "application/json",
    "html": "text/html; charset=utf-8",
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "md": "text/markdown; charset=utf-8",
    "ttl": "text/turtle; charset=utf-8",
    "text": "text/plain; charset=utf-8",
}


def as_of_date(value: str | None) -> dt.date:
    if value is None:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(value) if len(value) == 10 else _bad_date(value)
    except ValueError:
        return _bad_date(value)


def _bad_date(value: str) -> dt.date:
    raise HTTPException(422, f"as_of {value[:40]!r}: expected a date YYYY-MM-DD")


AsOf = Query(default=None, description="the date (YYYY-MM-DD); today by default", max_length=10)
Lang = Query(default=DEFAULT_LANG, pattern="^(" + "|".join(LANGS) + ")$")


def plain(model: Any) -> Any:
    """A dataclass (or anything) as JSON data, without the renderers' label tables."""
    if dataclasses.is_dataclass(model) and not isinstance(model, type):
        data = {f.name: getattr(model, f.name) for f in dataclasses.fields(model)}
        data.pop("labels", None)
        return jsonable_encoder(data)
    return jsonable_encoder(model)


def download(data: bytes, fmt: str, name: str) -> Response:
    """A file answer; HTML, JSON and text shown inline, the others as attachments."""
    inline = fmt in ("html", "json", "text", "md")
    disposition = "inline" if inline else "attachment"
    headers = {"Content-Disposition": f'{disposition}; filename="{name}.{fmt}"'}
    if fmt == "html":
        headers["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'"
    return Response(data, media_type=MEDIA[fmt], headers=headers)
