"""One call from facts to worded findings: evaluate (evaluate.py), then explain (explain.py).

The entry point for the CLI, a future API and batch runs; bodies are independent, so
`assess_each` (and `assess_many`, which stops at the first bad file) spreads them over
processes.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kb_service.core.problems import FactsError, KBError, Problem, UsageError
from kb_service.evaluation.evaluate import evaluate_body, open_store
from kb_service.evaluation.explain import explain
from kb_service.facts import Facts, load_facts
from kb_service.kb.knowledge_base import KnowledgeBase
from kb_service.kb.registry import REGISTRY, current_kb
from kb_service.models.findings import Evaluation

Then = Callable[[Evaluation], bytes]  # run in the worker on each evaluation (e.g. a renderer)
Progress = Callable[[int, int], None]  # (bodies done, bodies in all)


@dataclass(frozen=True)
class Assessed:
    """What became of one input of a batch: its evaluation, or the problems that stopped it."""

    source: str
    evaluation: Evaluation | None = None  # without its label table when `then` rendered it
    problems: tuple[Problem, ...] = ()
    output: bytes | None = None  # what `then` made of the evaluation
    facts: Any = None  # the validated facts' data, when asked for (`with_facts`)


def assess(facts: Facts, as_of: dt.date, lang: str = "ky", *, kb: KnowledgeBase) -> Evaluation:
    store = open_store(kb, facts)
    ctx, outcomes = evaluate_body(store, facts, as_of, kb=kb)
    return explain(ctx, outcomes, lang, as_of, str(facts.source), kb=kb)


def assess_file(path: Path, as_of: dt.date, lang: str = "ky", *, kb: KnowledgeBase) -> Evaluation:
    """Validates the facts first (FactsError on any problem), then assesses them."""
    return assess(load_facts(path, as_of, kb=kb), as_of, lang, kb=kb)


def _assessed(
    path: Path, as_of: dt.date, lang: str, kb: KnowledgeBase, then: Then | None,
    with_facts: bool = False,
) -> Assessed:  # fmt: skip
    try:
        facts = load_facts(path, as_of, kb=kb)
        evaluation = assess(facts, as_of, lang, kb=kb)
    except FactsError as err:
        return Assessed(str(path), problems=tuple(err.problems))
    data = facts.data if with_facts else None
    if then is None:
        return Assessed(str(path), evaluation, facts=data)
    # the renderer has used the label table: the findings travel back without it
    return Assessed(
        str(path), dataclasses.replace(evaluation, labels={}), output=then(evaluation), facts=data
    )


_Work = tuple[Path, dt.date, str, str, Path, str, Then | None, bool]


def _one(args: _Work) -> Assessed:
    path, as_of, lang, engine, root, revision, then, with_facts = args
    # a worker process loads the KB once, through its own registry; it must be the same revision
    # (hashing the KB's files again for every body would cost more than some bodies' checks)
    try:
        kb = REGISTRY.get(revision, root, engine)
    except UsageError:
        kb = current_kb(engine, root)
    if kb.revision != revision:
        problem = Problem(str(root), f"the KB changed during the run ({revision} -> {kb.revision})")
        raise KBError([problem])
    return _assessed(path, as_of, lang, kb, then, with_facts)


def assess_each(
    paths: Iterable[Path],
    as_of: dt.date,
    lang: str = "ky",
    *,
    kb: KnowledgeBase,
    jobs: int = 1,
    then: Then | None = None,
    progress: Progress | None = None,
) -> list[Assessed]:
    """Every input assessed, in order; a bad file is an Assessed with its problems and does not
    stop the others (a broken KB does: KBError). `then` must be picklable when jobs > 1."""
    items = [Path(p) for p in paths]
    results: list[Assessed] = []
    for result in iter_assessed(items, as_of, lang, kb=kb, jobs=jobs, then=then):
        results.append(result)
        if progress:
            progress(len(results), len(items))
    return results


def iter_assessed(
    items: list[Path], as_of: dt.date, lang: str, *, kb: KnowledgeBase, jobs: int = 1,
    then: Then | None = None, with_facts: bool = False,
) -> Iterator[Assessed]:  # fmt: skip
    """Each input assessed, in order, as soon as it is (see assess_each); `with_facts` also
    returns each body's validated facts."""
    if jobs <= 1 or len(items) <= 1:
        yield from (_assessed(p, as_of, lang, kb, then, with_facts) for p in items)
        return
    work = [(p, as_of, lang, kb.engine, kb.root, kb.revision, then, with_facts) for p in items]
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        yield from pool.map(_one, work, chunksize=max(1, min(8, len(work) // (jobs * 8))))


def assess_many(
    paths: Iterable[Path], as_of: dt.date, lang: str = "ky", *, kb: KnowledgeBase, jobs: int = 1
) -> list[Evaluation]:
    """Every input's evaluation; FactsError for the first bad file."""
    if jobs <= 1:
        return [assess_file(Path(p), as_of, lang, kb=kb) for p in paths]
    evaluations = []
    for result in assess_each(paths, as_of, lang, kb=kb, jobs=jobs):
        if result.problems or result.evaluation is None:
            raise FactsError(list(result.problems))
        evaluations.append(result.evaluation)
    return evaluations
