"""The service's state, kept on the FastAPI app: settings, the store, the current KB, and the
evaluation workers (kb_service.app.evaluation_pool) that keep CPU-heavy work off the request
path: the service's process reads and writes the store, the workers validate, evaluate and
render."""

from __future__ import annotations

import asyncio
import datetime as dt
import threading
from dataclasses import dataclass, field

from fastapi import Request
from starlette.concurrency import run_in_threadpool

from kb_service.api.settings import Settings
from kb_service.app import assessments as cases
from kb_service.app.evaluation_pool import (
    Evaluated,
    EvaluationPool,
    Refused,
    Source,
    evaluate_source,
    render_stored,
)
from kb_service.kb.knowledge_base import KnowledgeBase
from kb_service.kb.registry import current_kb
from kb_service.models.service import AssessmentVersion, Comparison
from kb_service.storage import Storage


@dataclass
class Service:
    settings: Settings
    storage: Storage
    pool: EvaluationPool | None = None  # None: evaluated in this process (a thread)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def kb(self) -> KnowledgeBase:
        """The KB as its files stand now; loaded into the store when its revision changed."""
        kb = current_kb(root=self.settings.kb_root)
        with self._lock:
            self.storage.ensure_kb(kb)
        return kb

    async def evaluated(self, source: Source, as_of: dt.date, lang: str) -> Evaluated | Refused:
        """Facts validated and evaluated by a worker (the event loop stays free)."""
        if self.pool is None:
            kb = await run_in_threadpool(self.kb)
            return await run_in_threadpool(evaluate_source, source, as_of, lang, kb.root, kb)
        done: Evaluated | Refused = await asyncio.wrap_future(
            self.pool.evaluate(source, as_of, lang)
        )
        return done

    async def rendered(self, evaluation_json: str, fmt: str) -> bytes:
        if self.pool is None:
            return await run_in_threadpool(render_stored, evaluation_json, fmt)
        return await asyncio.wrap_future(self.pool.render(evaluation_json, fmt))

    async def store(
        self, body_id: str, done: Evaluated | Refused, who: str, assessment_id: str | None,
        reason: str,
    ) -> AssessmentVersion:  # fmt: skip
        """A worker's evaluation stored as a new version (one write with its audit entry)."""

        def write() -> AssessmentVersion:
            return cases.store_evaluated(
                self.storage, body_id, done, who, kb=self.kb(), assessment_id=assessment_id,
                reason=reason,
            )  # fmt: skip

        return await run_in_threadpool(write)

    async def reevaluate(self, aid: str, who: str) -> tuple[AssessmentVersion, Comparison]:
        """The latest version's facts evaluated again by a worker: a new version, the changes."""
        old, source = await run_in_threadpool(cases.reevaluation_source, self.storage, aid)
        done = await self.evaluated(source, dt.date.fromisoformat(old.as_of), old.lang)

        def write() -> tuple[AssessmentVersion, Comparison]:
            return cases.reevaluated(self.storage, old, done, who, kb=self.kb())

        return await run_in_threadpool(write)


def service(request: Request) -> Service:
    found: Service = request.app.state.service
    return found
