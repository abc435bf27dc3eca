"""Places in the repository, for test modules in any folder under tests/ (pyproject.toml puts
tests/ on the import path, so `from repo_paths import ROOT` works from each of them)."""

from __future__ import annotations

import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TESTS = ROOT / "tests"
DATA = TESTS / "data"
CASES_DIR = TESTS / "cases"


def kb_copy(folder: Path) -> Path:
    """A copy of the shipped KB (ontology/, rules/, queries/) in `folder`, for a test to change."""
    for part in ("ontology", "rules", "queries"):
        shutil.copytree(ROOT / part, folder / part)
    return folder
