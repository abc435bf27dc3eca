"""The HTML pages (findings report, memo) in a real headless browser: Debian's Chromium driven by
Selenium. CI installs chromium and chromium-driver (Makefile: system-deps)."""

from __future__ import annotations

from pathlib import Path

from chromium import require_chromium
from repo_paths import ROOT

from kb_service.cli.main import main

require_chromium()

from selenium.webdriver.common.by import By  # noqa: E402


def _open(browser, path: Path):
    browser.get(path.as_uri())
    return browser.find_element(By.TAG_NAME, "body")


def test_findings_report_in_chromium(browser, tmp_path):
    page = tmp_path / "report.html"
    args = ["--as-of", "2025-06-30", "--format", "html", "-o", str(page)]
    assert main(["evaluate", str(ROOT / "examples" / "ministry-violations.json"), *args]) == 0
    body = _open(browser, page)
    assert "Мониторингдин жыйынтыктары" in browser.title
    text = body.text
    assert "Кыргыз Республикасынын Транспорт" in text and "ү" in text and "ң" in text
    box = browser.find_element(By.CLASS_NAME, "stale-box")  # acts not in force: cannot be missed
    assert box.is_displayed() and "125" in box.text
    assert browser.find_elements(By.CSS_SELECTOR, "svg")  # the per-section chart
    width = browser.execute_script("return [document.body.scrollWidth, window.innerWidth]")
    assert width[0] <= width[1], "the report overflows horizontally"
    errors = [e for e in browser.get_log("browser") if e["level"] == "SEVERE"]
    assert not errors, errors
    shot = tmp_path / "report.png"
    assert browser.save_screenshot(str(shot)) and shot.stat().st_size > 10_000


def test_memo_in_chromium(browser, tmp_path):
    page = tmp_path / "memo.html"
    assert main(["memo", "--regime", "municipal", "--format", "html", "-o", str(page)]) == 0
    _open(browser, page)
    sections = browser.find_elements(By.CSS_SELECTOR, "section.memo-section")
    assert len(sections) == 13 and all(s.is_displayed() for s in sections)
    assert "Жергиликтүү өз алдынча башкаруу органы жөнүндө" in sections[0].text
