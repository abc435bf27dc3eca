"""Use cases: what the CLI (and later the API) asks the tool to do, one function each.

Each takes the knowledge-base handle (kb_service.kb.registry.current_kb()) and plain values,
and returns an output model (models/) or bytes in a renderer format. The callers parse their
input and present the result; nothing else.
"""

from kb_service.app.batch import default_jobs, evaluate_batch, generate
from kb_service.app.use_cases import (
    checklist,
    citations,
    citations_bytes,
    evaluate_file,
    evaluate_files,
    impact,
    law_lookup,
    memo,
    report_bytes,
    template,
    validate,
)

__all__ = [
    "checklist",
    "default_jobs",
    "evaluate_batch",
    "generate",
    "citations",
    "citations_bytes",
    "evaluate_file",
    "evaluate_files",
    "impact",
    "law_lookup",
    "memo",
    "report_bytes",
    "template",
    "validate",
]
