"""One call from facts to worded findings: evaluate (evaluate.py), then explain (explain.py).

The entry point for the CLI, a future API and batch runs; bodies are independent, so
`assess_many` spreads them over processes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from kb_service.core.problems import KBError, Problem
from kb_service.evaluation.evaluate import evaluate_body, open_store
from kb_service.evaluation.explain import explain
from kb_service.facts import Facts, load_facts
from kb_service.kb.knowledge_base import KnowledgeBase
from kb_service.kb.registry import current_kb
from kb_service.models.findings import Evaluation


def assess(facts: Facts, as_of: dt.date, lang: str = "ky", *, kb: KnowledgeBase) -> Evaluation:
    store = open_store(kb, facts)
    ctx, outcomes = evaluate_body(store, facts, as_of, kb=kb)
    return explain(ctx, outcomes, lang, as_of, str(facts.source), kb=kb)


def assess_file(path: Path, as_of: dt.date, lang: str = "ky", *, kb: KnowledgeBase) -> Evaluation:
    """Validates the facts first (FactsError on any problem), then assesses them."""
    return assess(load_facts(path, as_of, kb=kb), as_of, lang, kb=kb)


def _one(args: tuple[Path, dt.date, str, str, Path, str]) -> Evaluation:
    path, as_of, lang, engine, root, revision = args
    # a worker process loads the KB once, through its own registry; it must be the same revision
    kb = current_kb(engine, root)
    if kb.revision != revision:
        problem = Problem(str(root), f"the KB changed during the run ({revision} -> {kb.revision})")
        raise KBError([problem])
    return assess_file(path, as_of, lang, kb=kb)


def assess_many(
    paths: Iterable[Path], as_of: dt.date, lang: str = "ky", *, kb: KnowledgeBase, jobs: int = 1
) -> list[Evaluation]:
    if jobs <= 1:
        return [assess_file(Path(p), as_of, lang, kb=kb) for p in paths]
    work = [(Path(p), as_of, lang, kb.engine, kb.root, kb.revision) for p in paths]
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        return list(pool.map(_one, work, chunksize=max(1, len(work) // (jobs * 4))))
