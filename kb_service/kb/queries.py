"""SPARQL files of queries/: read by name, with their `# title:` / `# banner:` header."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class QueryFile:
    name: str
    path: Path
    text: str
    header: dict[str, str]

    @property
    def banner(self) -> str:
        return self.header.get("banner", "")


def parse_header(text: str) -> dict[str, str]:
    """`# key: value` lines at the top of a query file."""
    header: dict[str, str] = {}
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        key, sep, value = line[1:].partition(":")
        if sep:
            header[key.strip()] = value.strip()
    return header


def read_query(queries_dir: Path, kind: str, name: str) -> QueryFile:
    path = queries_dir / kind / f"{name}.rq"
    text = path.read_text(encoding="utf-8")
    return QueryFile(name=name, path=path, text=text, header=parse_header(text))


def query_files(queries_dir: Path, kind: str) -> list[Path]:
    return sorted((queries_dir / kind).glob("*.rq"))
