"""The JSON API's answer types, so that /openapi.json describes them: the KB's own typed
models (kb/catalog, models/), and the few answers that put several of them together.

Routes that answer with one of the models give it as `response_model` with `EXCLUDE` (the
renderers' label tables are not part of the JSON), and return the model itself.
"""

from __future__ import annotations

from dataclasses import dataclass

from kb_service.kb.catalog import Act
from kb_service.models.impact import ActRelation, Impact

EXCLUDE = {"labels"}  # the renderers' UI words, kept out of every JSON answer


@dataclass(frozen=True)
class KbInfo:
    revision: str  # the KB revision served
    stored_revisions: tuple[str, ...]  # every revision the store holds


@dataclass(frozen=True)
class ActAnswer:
    """One act (as `kb law --format json` prints it), whether it is in force on the date, and
    its links to other acts."""

    act: Act
    in_force: bool | None  # None: no source settles it
    relations: tuple[ActRelation, ...]


@dataclass(frozen=True)
class RelyingAssessment:
    """A stored assessment whose findings relied on the act (latest version)."""

    id: str
    version: int
    body_id: str
    stale: str | None  # why it was marked stale, if it was


@dataclass(frozen=True)
class ImpactAnswer(Impact):
    """The impact report, with the stored assessments relying on the act."""

    assessments: tuple[RelyingAssessment, ...] = ()
