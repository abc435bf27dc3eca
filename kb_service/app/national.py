"""National data in the service: a batch of bodies loaded into the store as their latest
assessments, and the national summary of what the store holds.

The inputs are facts files: a folder of them, a `kb generate` folder (its bodies/), a
`kb evaluate DIR -o OUT` folder (its summary.json names the facts files; they are validated and
evaluated again, never taken on trust from the reports), or a zip of facts files. Every file is
validated and evaluated as `kb evaluate FILE` does; a bad one is reported and the others go on.
The evaluated bodies are written CHUNK at a time, each chunk one transaction holding every
body's record, version, decision records and audit entries.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import threading
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path
from typing import Any

from kb_service.app.batch import MAX_FILES, SUMMARY, facts_inputs
from kb_service.core.problems import UsageError
from kb_service.evaluation.assess import iter_assessed
from kb_service.evaluation.national import Judged, summarise
from kb_service.facts import FACTS_SUFFIXES
from kb_service.facts.limits import DEFAULT as LIMITS
from kb_service.kb.knowledge_base import KnowledgeBase
from kb_service.models.national import FailedInput, NationalSummary
from kb_service.storage import BulkItem, Storage

CHUNK = 25  # bodies per transaction
MAX_ARCHIVE_BYTES = 1024 * 1024 * 1024  # a zip's members together, as unpacked (counted)


@dataclass
class ImportRun:
    """What an import has done so far (the API's job shows it while it runs)."""

    total: int = 0
    done: int = 0  # files validated and evaluated (stored or failed)
    stored: list[dict[str, Any]] = field(default_factory=list)  # body, assessment, version
    failed: list[FailedInput] = field(default_factory=list)
    state: str = "running"  # running | done | failed
    error: str = ""
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)

    def to_json(self) -> dict[str, Any]:
        with self.lock:
            return {
                "state": self.state,
                "total": self.total,
                "done": self.done,
                "stored": len(self.stored),
                "failed": [{"source": f.source, "problems": list(f.problems)} for f in self.failed],
                "bodies": list(self.stored),
                "error": self.error,
            }


def batch_inputs(folder: Path) -> tuple[list[Path], dt.date | None]:
    """The facts files of a folder, and the as-of date its batch summary gives (if any)."""
    summary = folder / f"{SUMMARY}.json"
    if summary.is_file():
        data = json.loads(summary.read_text(encoding="utf-8"))
        sources = [b["source"] for b in data.get("ranking", [])]
        sources += [f["source"] for f in data.get("failed", [])]
        missing = [s for s in sources if not Path(s).is_file()]
        if missing:
            raise UsageError(
                f"{summary}: the facts files it names are gone ({missing[0]} and "
                f"{len(missing) - 1} more); the reports alone carry no facts to store"
            )
        return sorted(Path(s) for s in sources), dt.date.fromisoformat(data["as_of"])
    return facts_inputs([folder]), None  # a `kb generate` folder: its bodies


def unpack_zip(source: Path | bytes, folder: Path) -> dict[Path, str]:
    """The facts files of a zip written into `folder` under safe names: path -> member name.
    Other members are skipped; sizes are counted while reading, never taken from the zip."""
    try:
        archive = zipfile.ZipFile(BytesIO(source) if isinstance(source, bytes) else source)
    except zipfile.BadZipFile as err:
        raise UsageError(f"the upload is not a zip file ({err})") from err
    out: dict[Path, str] = {}
    total = 0
    with archive:
        for info in archive.infolist():
            name = info.filename
            base = Path(name).name
            if (
                info.is_dir()
                or base.startswith(".")
                or Path(base).suffix.lower() not in (FACTS_SUFFIXES)
            ):
                continue
            if len(out) >= MAX_FILES:
                raise UsageError(f"the zip holds more than {MAX_FILES:,} facts files")
            safe = f"{len(out):05d}-" + (re.sub(r"[^\w.-]", "_", base)[-100:] or "facts")
            target = folder / safe
            size = 0
            with archive.open(info) as member, target.open("wb") as sink:
                while block := member.read(1 << 20):
                    size += len(block)
                    total += len(block)
                    if size > LIMITS.file_bytes or total > MAX_ARCHIVE_BYTES:
                        raise UsageError(
                            f"{name[:200]}: the zip unpacks to more than "
                            f"{min(LIMITS.file_bytes, MAX_ARCHIVE_BYTES):,} bytes"
                        )
                    sink.write(block)
            out[target] = name[:300]
    if not out:
        raise UsageError(f"the zip holds no facts files ({', '.join(FACTS_SUFFIXES)})")
    return out


def load_national(
    storage: Storage, files: Sequence[Path], as_of: dt.date, lang: str, who: str, *,
    kb: KnowledgeBase, jobs: int = 1, run: ImportRun | None = None,
    names: dict[Path, str] | None = None, progress: Callable[[int, int], None] | None = None,
    chunk: int = CHUNK, spawned: bool = False,
) -> ImportRun:  # fmt: skip
    """Validate, evaluate and store every file as its body's latest assessment (see the module
    notes); `names`: how to call a file in the report (a zip member's name). The bodies are
    evaluated set-based, as `kb evaluate DIR` does, in `jobs` worker processes (`spawned`: in
    fresh ones even for one job, as the service asks: its own process keeps serving)."""
    run = run or ImportRun()
    items = [Path(f) for f in files]
    if len(items) > MAX_FILES:
        raise UsageError(f"{len(items):,} facts files: at most {MAX_FILES:,} in one import")
    with run.lock:
        run.total = len(items)
    shown = {str(p): (names or {}).get(p, str(p)) for p in items}
    pending: list[tuple[str, BulkItem]] = []

    def flush() -> None:
        stored, refused = storage.import_assessments([b for _, b in pending], who, kb=kb)
        source = {b.body_id: s for s, b in pending}
        with run.lock:
            run.stored += [{"body": v.body_id, "assessment": v.id, "version": v.version,
                            "source": source[v.body_id]} for v in stored]  # fmt: skip
            run.failed += [FailedInput(source[b], (f"body {b}: {why}",)) for b, why in refused]
        pending.clear()

    found = iter_assessed(
        items, as_of, lang, kb=kb, jobs=jobs, with_facts=True, set_based=True, spawned=spawned
    )
    for result in found:
        name = shown.get(result.source, result.source)
        ev = result.evaluation
        if ev is None:
            problems = tuple(str(p).replace(result.source, name) for p in result.problems)
            with run.lock:
                run.failed.append(FailedInput(name, problems))
        else:
            body = ev.body
            item = BulkItem(str(body["id"]), str(body.get("name", "")),
                            str(body["body_type"]), result.facts, ev)  # fmt: skip
            pending.append((name, item))
        with run.lock:
            run.done += 1
        if len(pending) >= chunk:
            flush()
        if progress:
            progress(run.done, run.total)
    if pending:
        flush()
    with run.lock:
        run.state = "done"
    return run


def stored_national(storage: Storage, lang: str, *, kb: KnowledgeBase) -> NationalSummary:
    """The national summary of every body's latest stored assessment; each line links to the
    body's page (`report`) and names its assessment version (`source`)."""
    bodies = {b.id: b for b in storage.bodies()}
    judged = []
    as_of: set[str] = set()
    for s in storage.latest_assessments():
        b = bodies.get(s.body_id)
        if b is None:
            continue
        as_of.add(s.as_of)
        body = {"id": b.id, "name": b.name, "body_type": b.body_type}
        source = f"{s.assessment}/v{s.version}"
        judged.append(Judged(source, f"/bodies/{b.id}", body, s.findings))
    return summarise(judged, [], ", ".join(sorted(as_of)), lang, kb=kb)
