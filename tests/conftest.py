"""Shared fixtures: the shipped KB, loaded once per test session."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from repo_paths import ROOT

from kb_service.kb.registry import current_kb

SEED = ROOT / "docs" / "memo" / "000_a806a5ab0afb6e8d.txt"  # verbatim copy: docs/memo/README.md
os.environ.setdefault("KYZMAT_KB_CACHE", str(ROOT / ".cache"))


@pytest.fixture(scope="session")
def catalog():

    return current_kb().catalog


@pytest.fixture(scope="session")
def seed_path() -> Path:
    """The memo seed kept in the repository, the source of truth of the memo round trip."""
    if not SEED.exists():
        pytest.fail(f"the memo seed is missing: {SEED} (see docs/memo/README.md)")
    return SEED


@pytest.fixture(scope="session")
def seed_text(seed_path) -> str:
    return seed_path.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    """Headless Chromium for one test module (which calls chromium.require_chromium first)."""
    from chromium import require_chromium, start_chromium

    require_chromium()
    driver = start_chromium(tmp_path_factory.mktemp("chromium-profile"))
    yield driver
    driver.quit()
