"""One call from facts to worded findings: evaluate (evaluate.py), then explain (explain.py).

The entry point for the CLI, a future API and batch runs; bodies are independent, so
`assess_each` (and `assess_many`, which stops at the first bad file) spreads them over
processes.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import multiprocessing
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kb_service.core.problems import FactsError, KBError, Problem, UsageError
from kb_service.evaluation.evaluate import evaluate_body, open_store
from kb_service.evaluation.explain import explain
from kb_service.evaluation.set_evaluate import evaluate_bodies, open_graph_store
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
    return _finished(path, facts, evaluation, then, with_facts)


def _finished(
    path: Path, facts: Facts, evaluation: Evaluation, then: Then | None, with_facts: bool
) -> Assessed:
    data = facts.data if with_facts else None
    if then is None:
        return Assessed(str(path), evaluation, facts=data)
    # the renderer has used the label table: the findings travel back without it
    return Assessed(
        str(path), dataclasses.replace(evaluation, labels={}), output=then(evaluation), facts=data
    )


def _assessed_together(
    paths: list[Path], as_of: dt.date, lang: str, kb: KnowledgeBase, then: Then | None,
    with_facts: bool = False,
) -> list[Assessed]:  # fmt: skip
    """What `_assessed` gives for each path, the valid bodies evaluated together, set-based
    (set_evaluate.py: one store, each check one query over all of them)."""
    loaded: list[Facts | Assessed] = []
    for path in paths:
        try:
            facts = load_facts(path, as_of, kb=kb)
        except FactsError as err:
            loaded.append(Assessed(str(path), problems=tuple(err.problems)))
            continue
        # the JSON form is not needed unless asked for: fewer live objects while the chunk waits
        loaded.append(facts if with_facts else dataclasses.replace(facts, data=None))
    good = [f for f in loaded if isinstance(f, Facts)]
    judged = iter(evaluate_bodies(open_graph_store(kb, good), good, as_of, kb=kb) if good else [])
    out = []
    for path, item in zip(paths, loaded, strict=True):
        if isinstance(item, Facts):
            ctx, outcomes = next(judged)
            evaluation = explain(ctx, outcomes, lang, as_of, str(item.source), kb=kb)
            item = _finished(path, item, evaluation, then, with_facts)
        out.append(item)
    return out


_Work = tuple[list[Path], dt.date, str, str, Path, str, Then | None, bool, bool]


def _worker_kb(engine: str, root: Path, revision: str) -> KnowledgeBase:
    # a worker process loads the KB once, through its own registry; it must be the same revision
    # (hashing the KB's files again for every body would cost more than some bodies' checks)
    try:
        kb = REGISTRY.get(revision, root, engine)
    except UsageError:
        kb = current_kb(engine, root)
    if kb.revision != revision:
        problem = Problem(str(root), f"the KB changed during the run ({revision} -> {kb.revision})")
        raise KBError([problem])
    return kb


def _some(args: _Work) -> list[Assessed]:
    paths, as_of, lang, engine, root, revision, then, with_facts, together = args
    kb = _worker_kb(engine, root, revision)
    if together:
        return _assessed_together(paths, as_of, lang, kb, then, with_facts)
    return [_assessed(p, as_of, lang, kb, then, with_facts) for p in paths]


SET_CHUNK = 25  # bodies evaluated together (set-based) in one store


def assess_each(
    paths: Iterable[Path],
    as_of: dt.date,
    lang: str = "ky",
    *,
    kb: KnowledgeBase,
    jobs: int = 1,
    then: Then | None = None,
    progress: Progress | None = None,
    set_based: bool = False,
) -> list[Assessed]:
    """Every input assessed, in order; a bad file is an Assessed with its problems and does not
    stop the others (a broken KB does: KBError). `then` must be picklable when jobs > 1."""
    items = [Path(p) for p in paths]
    results: list[Assessed] = []
    found = iter_assessed(items, as_of, lang, kb=kb, jobs=jobs, then=then, set_based=set_based)
    for result in found:
        results.append(result)
        if progress:
            progress(len(results), len(items))
    return results


def iter_assessed(
    items: list[Path], as_of: dt.date, lang: str, *, kb: KnowledgeBase, jobs: int = 1,
    then: Then | None = None, with_facts: bool = False, set_based: bool = False,
    spawned: bool = False,
) -> Iterator[Assessed]:  # fmt: skip
    """Each input assessed, in order, as soon as it is (see assess_each); `with_facts` also
    returns each body's validated facts; `set_based` evaluates chunks of bodies together (same
    findings, fewer queries; Oxigraph only); `spawned`: always in `jobs` fresh worker
    processes, never in this one (a threaded server: its own threads keep the CPU, and a fork
    would copy their locks)."""
    together = set_based and kb.engine == "oxigraph"
    if not spawned and not together and (jobs <= 1 or len(items) <= 1):
        yield from (_assessed(p, as_of, lang, kb, then, with_facts) for p in items)
        return
    per_job = len(items) // (max(jobs, 1) * (2 if together else 8))
    size = max(1, min(SET_CHUNK if together else 8, per_job))
    chunks = [items[i : i + size] for i in range(0, len(items), size)]
    if jobs <= 1 and not spawned:
        for c in chunks:
            yield from _assessed_together(c, as_of, lang, kb, then, with_facts)
        return
    work = [
        (c, as_of, lang, kb.engine, kb.root, kb.revision, then, with_facts, together)
        for c in chunks
    ]
    context = multiprocessing.get_context("spawn") if spawned else None
    with ProcessPoolExecutor(max_workers=max(jobs, 1), mp_context=context) as pool:
        for done in pool.map(_some, work):
            yield from done


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
