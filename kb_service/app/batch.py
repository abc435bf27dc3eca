"""The national use cases: generate a synthetic country, evaluate many bodies in one run.

`evaluate_batch` takes facts files and folders of them, evaluates every body (in `jobs` worker
processes, each rendering its own report; by default set-based, many bodies in one store), and
writes OUT/reports/<file>.<format>, then OUT/summary.json and OUT/summary.html. A bad file is
listed in the summary with its problems; the others are evaluated all the same.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from kb_service.core.output_file import write_file
from kb_service.core.problems import UsageError
from kb_service.evaluation.assess import Assessed, Progress, assess_each
from kb_service.evaluation.national import national_summary
from kb_service.facts import FACTS_SUFFIXES
from kb_service.facts.synthetic import SyntheticBody, bodies_folder, write_country
from kb_service.kb.knowledge_base import KnowledgeBase
from kb_service.models.national import NationalSummary
from kb_service.render.national import render_national
from kb_service.render.report import render_report

MAX_FILES = 5_000  # facts files in one batch (every body of the country is about 600)
REPORTS_DIR = "reports"
SUMMARY = "summary"  # summary.json, summary.html


@dataclass(frozen=True)
class Batch:
    summary: NationalSummary
    results: tuple[Assessed, ...]
    written: tuple[Path, ...]  # every file written, reports first


def generate(
    out: Path, count: int, *, seed: int, share: float, as_of: dt.date, kb: KnowledgeBase
) -> list[SyntheticBody]:
    """Write `count` synthetic bodies (OUT/bodies/*.json) and their manifest (OUT/manifest.json)."""
    return write_country(out, count, seed=seed, share=share, as_of=as_of, kb=kb)


def facts_inputs(given: Sequence[Path]) -> list[Path]:
    """The files named, and the facts files (by suffix, hidden ones aside) directly in each folder
    named, sorted; a folder `kb generate` wrote stands for its bodies. A name that is neither, or
    more than MAX_FILES in all, is a UsageError."""
    out: list[Path] = []
    for path in given:
        if path.is_dir():
            path = bodies_folder(path)  # a generated country's manifest is not a body's facts
            found = []
            for p in path.iterdir():  # counted while listing: a huge folder is not read whole
                if (
                    p.is_file()
                    and not p.name.startswith(".")
                    and p.suffix.lower() in FACTS_SUFFIXES
                ):
                    found.append(p)
                    _within_limit(len(out) + len(found), path)
            if not found:
                raise UsageError(f"{path}: no facts files ({', '.join(FACTS_SUFFIXES)}) in it")
            out += sorted(found)
        elif path.exists():
            out.append(path)
            _within_limit(len(out), path)
        else:
            raise UsageError(f"{path}: no such file or folder")
    return out


def _within_limit(count: int, where: Path) -> None:
    if count > MAX_FILES:
        raise UsageError(
            f"{where}: more than {MAX_FILES:,} facts files; at most that many in one batch"
        )


def output_folder(out: Path | str | None) -> Path:
    """The batch's output folder, made if its parent exists."""
    if out is None or not str(out):
        raise UsageError("a batch writes one report per body and a summary: give -o OUTDIR")
    folder = Path(out)
    if folder.exists() and not folder.is_dir():
        raise UsageError(f"{folder}: is not a folder; expected a folder for the reports")
    if not folder.parent.is_dir():
        raise UsageError(f"{folder}: the folder {folder.parent} does not exist")
    (folder / REPORTS_DIR).mkdir(parents=True, exist_ok=True)
    return folder


def _report_names(inputs: list[Path], fmt: str) -> dict[str, str]:
    """Input -> reports/<stem>.<fmt>, numbered where two inputs share a stem."""
    names: dict[str, str] = {}
    taken: set[str] = set()
    for path in inputs:
        stem, n = path.stem, 1
        while f"{stem}.{fmt}" in taken:
            n += 1
            stem = f"{path.stem}-{n}"
        taken.add(f"{stem}.{fmt}")
        names[str(path)] = f"{REPORTS_DIR}/{stem}.{fmt}"
    return names


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def evaluate_batch(
    inputs: Sequence[Path],
    out: Path,
    as_of: dt.date,
    lang: str,
    fmt: str,
    *,
    kb: KnowledgeBase,
    jobs: int | None = None,
    progress: Progress | None = None,
    set_based: bool = True,
) -> Batch:
    files = facts_inputs(inputs)
    folder = output_folder(out)
    render = functools.partial(render_report, fmt=fmt)
    results = assess_each(
        files, as_of, lang, kb=kb, jobs=jobs or default_jobs(), then=render, progress=progress,
        set_based=set_based,
    )  # fmt: skip
    names = _report_names(files, fmt)
    written = []
    for r in results:
        if r.output is not None:
            written.append(write_file(r.output, folder / names[r.source], files))
    reports = {r.source: names[r.source] for r in results if r.output is not None}
    summary = national_summary(results, reports, as_of.isoformat(), lang, kb=kb)
    for summary_fmt in ("json", "html"):
        data = render_national(summary, summary_fmt)
        written.append(write_file(data, folder / f"{SUMMARY}.{summary_fmt}", files))
    return Batch(summary, tuple(results), tuple(written))
