"""One call from facts to worded findings: evaluate (evaluate.py), then explain (explain.py).

The entry point for the CLI, a future API and batch runs; bodies are independent, so
`assess_many` spreads them over processes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from kb_service.evaluation.evaluate import evaluate_body, open_store
from kb_service.evaluation.explain import explain
from kb_service.facts import Facts, load_facts
from kb_service.kb.check_catalog import shared_check_catalog
from kb_service.kb.loading import shared_kb
from kb_service.models.findings import Evaluation


def assess(facts: Facts, as_of: dt.date, lang: str = "ky", engine: str = "oxigraph") -> Evaluation:
    kb = shared_kb(engine)
    cc = shared_check_catalog("oxigraph")  # the catalog is engine-neutral
    store = open_store(kb, facts, engine)
    ctx, outcomes = evaluate_body(store, facts, cc, as_of)
    return explain(ctx, outcomes, cc, lang, as_of, str(facts.source))


def assess_file(
    path: Path, as_of: dt.date, lang: str = "ky", engine: str = "oxigraph"
) -> Evaluation:
    """Validates the facts first (FactsError on any problem), then assesses them."""
    return assess(load_facts(path, as_of), as_of, lang, engine)


def _one(args: tuple[Path, dt.date, str, str]) -> Evaluation:
    return assess_file(*args)


def assess_many(
    paths: Iterable[Path], as_of: dt.date, lang: str = "ky", engine: str = "oxigraph", jobs: int = 1
) -> list[Evaluation]:
    work = [(Path(p), as_of, lang, engine) for p in paths]
    if jobs <= 1:
        return [_one(w) for w in work]
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        return list(pool.map(_one, work, chunksize=max(1, len(work) // (jobs * 4))))
