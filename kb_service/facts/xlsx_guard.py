"""A look inside a workbook before openpyxl opens it: a .xlsx is a zip of XML parts, so a small file
can unpack to gigabytes ("zip bomb") or define XML entities that expand without end ("billion
laughs"). Each part is decompressed once, as a stream with a cap, and refused on the first sign
of either. Nothing is kept: openpyxl reads the file afterwards, now known to be bounded.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from pathlib import Path

from kb_service.core.problems import FactsError, Problem
from kb_service.facts.limits import Limits

CHUNK = 1 << 20
# a DTD has no place in a workbook; refusing it outright also refuses every entity attack
_DTD = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)


def _refuse(file: str, where: str, message: str, expected: str) -> FactsError:
    return FactsError([Problem(file, message, where, "", expected)])


def inspect_workbook(path: Path, limits: Limits) -> None:
    """Raise FactsError unless every part of the workbook is small and free of DTDs."""
    file = str(path)
    try:
        with zipfile.ZipFile(path) as archive:
            parts = archive.infolist()
            if len(parts) > limits.workbook_parts:
                raise _refuse(
                    file,
                    "file",
                    f"the workbook holds {len(parts):,} parts",
                    f"at most {limits.workbook_parts}",
                )
            budget = limits.workbook_bytes
            for part in parts:
                budget -= _check_part(archive, part, file, budget, limits)
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, OSError) as exc:
        reason = " ".join(str(exc).split())[:160]
        raise _refuse(file, "file", f"not a readable .xlsx: {reason}", "a workbook") from None


def _check_part(
    archive: zipfile.ZipFile, part: zipfile.ZipInfo, file: str, budget: int, limits: Limits
) -> int:
    """Stream one part; return its size. The declared size is not trusted: bytes are counted."""
    where = f"part {part.filename[:80]}"
    too_big = _refuse(
        file,
        where,
        "the workbook unpacks to more than the limit",
        f"at most {limits.workbook_bytes:,} bytes uncompressed",
    )
    if part.file_size > budget:
        raise too_big
    size, tail = 0, b""
    with archive.open(part) as stream:
        while chunk := stream.read(CHUNK):
            size += len(chunk)
            if size > budget:
                raise too_big
            if _DTD.search(tail + chunk):
                raise _refuse(
                    file,
                    where,
                    "the XML declares a DTD or entities",
                    "a workbook without DTDs (save it again from Excel)",
                )
            tail = chunk[-16:]
    return size
