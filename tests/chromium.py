"""Debian's headless Chromium driven by Selenium, for the tests that open pages in a browser.
CI installs chromium and chromium-driver (Makefile: system-deps)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

CHROMIUM, DRIVER = shutil.which("chromium"), shutil.which("chromedriver")


def require_chromium() -> None:
    """Skip the calling test module without a browser; CI must have one."""
    if CHROMIUM and DRIVER:
        return
    if os.environ.get("CI"):
        raise RuntimeError("CI needs Debian's chromium and chromium-driver (make system-deps)")
    pytest.skip(
        "chromium / chromedriver not installed: `make system-deps` as root", allow_module_level=True
    )


def start_chromium(profile: Path):  # -> selenium.webdriver.Chrome
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    # without the background-networking flags Chromium keeps dialling out on this closed network
    flags = "--headless=new --no-sandbox --disable-gpu --disable-quic --no-first-run"
    flags += " --disable-background-networking --disable-component-update --disable-sync"
    for flag in [*flags.split(), "--window-size=1200,1600", f"--user-data-dir={profile}"]:
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    return webdriver.Chrome(service=Service(DRIVER), options=options)
