"""Places in the repository, for test modules in any folder under tests/ (pyproject.toml puts
tests/ on the import path, so `from repo_paths import ROOT` works from each of them)."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TESTS = ROOT / "tests"
DATA = TESTS / "data"
CASES_DIR = TESTS / "cases"
