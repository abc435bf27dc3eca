"""Synthetic bodies in the real facts format, for national-scale runs and benchmarks.

    bodies = generate_bodies(600, seed=7, share=0.1, as_of=date(2025, 6, 30), kb=kb)
    write_country(out_dir, 600, seed=7, share=0.1, as_of=..., kb=kb)  # bodies/*.json, manifest.json

A realistic mix of body types (profiles.py), each body clean (body.py, records.py) and then
broken where the plan says (plant.py), with every legal period and deadline read from the KB
(law_dates.py). The manifest records, per body and check, the status evaluation must give.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from kb_service.core.output_file import write_file
from kb_service.core.problems import UsageError
from kb_service.facts.synthetic.country import (
    SyntheticBody,
    body_bytes,
    generate_bodies,
    manifest,
    manifest_bytes,
)
from kb_service.kb.knowledge_base import KnowledgeBase

__all__ = [
    "BODIES_DIR",
    "MANIFEST",
    "SyntheticBody",
    "bodies_folder",
    "generate_bodies",
    "write_country",
]

BODIES_DIR = "bodies"  # the facts files, one per body: `kb evaluate OUT/bodies`
MANIFEST = "manifest.json"  # beside them, so a folder of facts holds facts only
MAX_BODIES = 10_000


def bodies_folder(path: Path) -> Path:
    """The facts folder of `path`: its bodies if `write_country` wrote it, else `path` itself."""
    if (path / MANIFEST).is_file() and (path / BODIES_DIR).is_dir():
        return path / BODIES_DIR
    return path


def write_country(
    out: Path, count: int, *, seed: int, share: float, as_of: dt.date, kb: KnowledgeBase
) -> list[SyntheticBody]:
    """Write OUT/bodies/<id>.json for `count` bodies and OUT/manifest.json; OUT may exist (its
    files of the same names are replaced) but its parent must."""
    if not 1 <= count <= MAX_BODIES:
        raise UsageError(f"--bodies {count}: expected 1 to {MAX_BODIES:,}")
    if not 0.0 <= share <= 1.0:
        raise UsageError(f"--violations {share}: expected a share from 0 to 1")
    out = Path(out)
    if not out.parent.is_dir():
        raise UsageError(f"{out}: the folder {out.parent} does not exist")
    if out.exists() and not out.is_dir():
        raise UsageError(f"{out}: is not a folder; expected a folder to write the bodies into")
    bodies = generate_bodies(count, seed=seed, share=share, as_of=as_of, kb=kb)
    (out / BODIES_DIR).mkdir(parents=True, exist_ok=True)
    for body in bodies:
        write_file(body_bytes(body), out / BODIES_DIR / body.file)
    data = manifest(bodies, seed=seed, share=share, as_of=as_of, kb=kb)
    write_file(manifest_bytes(data), out / MANIFEST)
    return bodies
