"""Evaluation off the service's request path: a pool of worker processes that validate facts,
evaluate them and render reports, so the service's own process only reads and writes the store.

Each worker loads the KB once through the registry (`current_kb(root=...)`, again only when the
KB's revision changes) and never opens the store: it is given facts (JSON data or an upload's
bytes) or a stored evaluation's JSON, and returns plain values. A worker's FactsError or
KBError comes back as `Refused` (an exception carrying a problem list does not survive
pickling) and is raised again in the service as the same error with the same problems.
"""

from __future__ import annotations

import concurrent.futures as cf
import datetime as dt
import json
import multiprocessing
import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kb_service.core import paths
from kb_service.core.problems import FactsError, KBError, Problem, ProblemsError
from kb_service.evaluation.assess import assess
from kb_service.facts import facts_from_dict
from kb_service.kb.knowledge_base import KnowledgeBase
from kb_service.kb.registry import current_kb
from kb_service.render.report import render_report
from kb_service.storage.assessments import PreparedVersion, evaluation_from_json, prepare_version


@dataclass(frozen=True)
class Evaluated:
    """Validated and evaluated facts, ready to be stored: the body type and source they declare
    (checked against the registered body by the service) and the version's texts."""

    body_type: str
    source: str
    prepared: PreparedVersion


@dataclass(frozen=True)
class Refused:
    """The worker's FactsError or KBError, as its problems."""

    kind: str  # "facts" | "kb"
    problems: tuple[Problem, ...]

    def error(self) -> ProblemsError:
        return (KBError if self.kind == "kb" else FactsError)(list(self.problems))


WARM_AS_OF = dt.date(2025, 6, 30)
# what a worker is asked to evaluate: ("data", facts, source name) or ("upload", name, bytes)
Source = tuple[str, Any, Any]


def evaluate_source(
    source: Source, as_of: dt.date, lang: str, root: Path | None,
    kb: KnowledgeBase | None = None,
) -> Evaluated | Refused:  # fmt: skip
    """Validate and evaluate in a worker (or in the caller's process, on `kb`: the same code)."""
    from kb_service.app import assessments as cases

    kb = kb or current_kb(root=root)
    try:
        kind, first, second = source
        if kind == "upload":
            facts = cases.facts_from_upload(first, second, as_of, kb=kb)
        else:
            facts = facts_from_dict(first, second, as_of, kb=kb)
        evaluation = assess(facts, as_of, lang, kb=kb)
    except ProblemsError as err:
        return Refused("kb" if isinstance(err, KBError) else "facts", tuple(err.problems))
    prepared = prepare_version(evaluation, facts.data)
    return Evaluated(facts.body_type, facts.source, prepared)


def render_stored(evaluation_json: str, fmt: str) -> bytes:
    """A stored evaluation's report in `fmt` (json, html, pdf)."""
    return render_report(evaluation_from_json(json.loads(evaluation_json)), fmt)


WARM_UP = paths.ROOT / "examples" / "ministry-compliant.json"


def _start(root: Path | None) -> None:
    """A worker's start: the KB loaded, and one example evaluated so that the KB's derived data
    (shapes, queries, citation views) is built before the first request, not during it."""
    current_kb(root=root)
    if WARM_UP.is_file():
        data = json.loads(WARM_UP.read_text(encoding="utf-8"))
        evaluate_source(("data", data, WARM_UP.name), WARM_AS_OF, "ky", root)


def default_workers() -> int:
    return max(1, min(4, os.cpu_count() or 1))


def _up(seconds: float) -> int:
    """A task that holds its worker a moment, so that each of `workers` such tasks starts (and
    waits for) a worker of its own."""
    time.sleep(seconds)
    return os.getpid()


class EvaluationPool:
    """Worker processes (spawned: the service's threads and open store are not forked): `workers`
    for validation and evaluation, and one for reports, so that rendering a stored report never
    waits behind a workbook being evaluated."""

    def __init__(self, root: Path | None, workers: int = 0) -> None:
        self.root = root
        self.workers = workers or default_workers()
        spawn = multiprocessing.get_context("spawn")
        self._evaluate = cf.ProcessPoolExecutor(
            self.workers, mp_context=spawn, initializer=_start, initargs=(root,)
        )
        self._render = cf.ProcessPoolExecutor(1, mp_context=spawn)

    def start(self) -> None:
        """Every worker started, its KB loaded and warmed (before the service says it is ready)."""
        ups = [self._evaluate.submit(_up, 0.5) for _ in range(self.workers)]
        ups.append(self._render.submit(_up, 0.0))
        for up in ups:
            up.result()

    def evaluate(self, source: Source, as_of: dt.date, lang: str) -> cf.Future[Any]:
        """A future of Evaluated | Refused."""
        return self._evaluate.submit(evaluate_source, source, as_of, lang, self.root)

    def render(self, evaluation_json: str, fmt: str) -> cf.Future[bytes]:
        return self._render.submit(render_stored, evaluation_json, fmt)

    def close(self) -> None:
        for pool in (self._evaluate, self._render):
            pool.shutdown(wait=True, cancel_futures=True)
