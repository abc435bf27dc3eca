"""Shared fixtures: the shipped KB, loaded once per test session."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from kb_service.kb.registry import current_kb

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT.parent / "shared" / "seeds" / "000_a806a5ab0afb6e8d.txt"
os.environ.setdefault("KYZMAT_KB_CACHE", str(ROOT / ".cache"))


@pytest.fixture(scope="session")
def catalog():

    return current_kb().catalog


@pytest.fixture(scope="session")
def seed_text() -> str:
    if not SEED.exists():
        pytest.fail(f"the memo seed is missing: {SEED} (shared/ must sit beside the project)")
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    """Headless Chromium for one test module (which calls chromium.require_chromium first)."""
    from chromium import require_chromium, start_chromium

    require_chromium()
    driver = start_chromium(tmp_path_factory.mktemp("chromium-profile"))
    yield driver
    driver.quit()
