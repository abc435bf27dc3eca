"""The web UI in real headless Debian Chromium (Selenium) against a real `kb serve`."""

from __future__ import annotations

import json
import re

import httpx
import pytest
from chromium import require_chromium
from repo_paths import ROOT
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select, WebDriverWait

from kb_service.facts.workbook import workbook_bytes
from kb_service.kb.registry import current_kb

require_chromium()
PASSWORD = "browser-test-password-1"
EXAMPLE = json.loads((ROOT / "examples" / "ministry-compliant.json").read_text(encoding="utf-8"))
STATE: dict[str, str] = {}


def log_in(browser, server, name):
    browser.delete_all_cookies()
    browser.get(server + "/login")
    browser.find_element(By.ID, "username").send_keys(name)
    browser.find_element(By.ID, "password").send_keys(PASSWORD)
    go(browser, browser.find_element(By.CSS_SELECTOR, "#login-form button"))
    assert name in browser.find_element(By.CSS_SELECTOR, ".who").text


def go(browser, element, keys=None):
    """Click (or type `keys` into) `element` and wait until the next page has loaded.

    A flag on the old page's window marks it: a new document has a new window
    without it. (Polling a node of the old page races the navigation: Chrome
    may answer "Node with given id does not belong to the document".)
    """
    browser.execute_script("window.kbOldPage = true")
    if keys is None:
        element.click()
    else:
        element.send_keys(keys)
    WebDriverWait(browser, 120, ignored_exceptions=(WebDriverException,)).until(
        lambda b: b.execute_script("return !window.kbOldPage && document.readyState === 'complete'")
    )


def set_value(browser, element, value):
    browser.execute_script("arguments[0].value = arguments[1]", element, value)


def fill(browser, name, value):
    el = browser.find_element(By.NAME, name)
    if el.tag_name == "select":
        Select(el).select_by_value(value)
    else:
        el.clear()
        el.send_keys(value)


def test_inspector_registers_fills_uploads_evaluates_and_downloads(browser, server, tmp_path):
    log_in(browser, server, "insp")
    browser.get(server + "/bodies")
    fill(browser, "id", "min-test")
    fill(browser, "name", "Экономика министрлиги")
    fill(browser, "body_type", "state-body")
    go(browser, browser.find_element(By.CSS_SELECTOR, "#register-body button"))
    assert browser.current_url.endswith("/bodies/min-test")
    form = browser.find_element(By.ID, "new-assessment")
    set_value(browser, form.find_element(By.NAME, "as_of"), "2025-06-30")
    set_value(browser, form.find_element(By.NAME, "from"), "2024-01-01")
    set_value(browser, form.find_element(By.NAME, "to"), "2024-12-31")
    set_value(browser, form.find_element(By.NAME, "monitoring_date"), "2025-03-17")
    go(browser, form.find_element(By.TAG_NAME, "button"))
    assert "/form?section=1" in browser.current_url
    aid = re.search(r"/assessments/([0-9a-f]+)/form", browser.current_url).group(1)
    STATE["aid"] = aid
    # section 1 in the form: the units with their staff numbers
    for i, unit in enumerate(EXAMPLE["units"]):
        for key in ("name", "staff_approved", "staff_actual"):
            fill(browser, f"units.{i}.{key}", str(unit[key]))
    go(browser, browser.find_element(By.ID, "save-section"))
    assert browser.find_elements(By.CSS_SELECTOR, "#findings .notice")
    assert browser.find_elements(By.CSS_SELECTOR, "#findings .badge")  # section 1's findings
    # section 12 in the form: the HR service of each unit and its documents
    browser.get(f"{server}/assessments/{aid}/form?section=12")
    for i, row in enumerate(EXAMPLE["hr_service"]):
        fill(browser, f"hr_service.{i}.id", row["id"])
        fill(browser, f"hr_service.{i}.unit", row["unit"])
        fill(browser, f"hr_service.{i}.safe", "true" if row["safe"] else "false")
        fill(browser, f"hr_service.{i}.archive", "true" if row["archive"] else "false")
    for status in browser.find_elements(By.CSS_SELECTOR, "select[name$='.status']"):
        Select(status).select_by_value("present")
    go(browser, browser.find_element(By.ID, "save-section"))
    assert browser.find_elements(By.CSS_SELECTOR, "#findings .notice")
    # the rest as the Excel workbook
    rest = {k: v for k, v in EXAMPLE.items() if k not in ("hr_service", "recorded")}
    book = tmp_path / "rest.xlsx"
    book.write_bytes(workbook_bytes(rest, kb=current_kb()))
    browser.find_element(By.ID, "facts-file").send_keys(str(book))
    go(browser, browser.find_element(By.CSS_SELECTOR, "#upload-form button"))
    assert browser.current_url.endswith(f"/assessments/{aid}")
    go(browser, browser.find_element(By.ID, "evaluate"))
    assert "changed_from=" in browser.current_url
    badges = browser.find_elements(By.CSS_SELECTOR, ".findings .badge")
    assert badges and not browser.find_elements(
        By.CSS_SELECTOR, ".findings .st-insufficient_evidence"
    )
    # the PDF, fetched with the browser's session
    href = browser.find_element(By.ID, "download-pdf").get_attribute("href")
    cookies = {c["name"]: c["value"] for c in browser.get_cookies()}
    answer = httpx.get(href, cookies=cookies, timeout=120)
    assert answer.status_code == 200 and answer.content.startswith(b"%PDF-")
    assert "attachment" in answer.headers["content-disposition"]


def test_legal_editor_changes_a_parameter_sees_the_stale_assessment_and_reevaluates(
    browser, server
):
    aid = STATE.get("aid")
    if aid is None:
        pytest.skip("needs the inspector's assessment")
    log_in(browser, server, "legal")
    browser.get(server + "/legal")
    form = browser.find_element(By.ID, "edit-parameter")
    Select(form.find_element(By.NAME, "parameter")).select_by_value("training-interval")
    form.find_element(By.NAME, "amount").send_keys("1")
    Select(form.find_element(By.NAME, "unit")).select_by_value("years")
    set_value(browser, form.find_element(By.NAME, "effective"), "2024-06-01")
    form.find_element(By.NAME, "basis").send_keys("s5-law-75-2016")
    form.find_element(By.NAME, "source").send_keys("cis-153263")
    form.find_element(By.NAME, "why").send_keys("browser test: training every year")
    go(browser, form.find_element(By.TAG_NAME, "button"))
    outcome = browser.find_element(By.ID, "outcome").text
    assert aid in outcome
    browser.get(server + "/legal/stale")
    row = browser.find_element(By.CSS_SELECTOR, "#stored tr.stale")
    assert aid in row.text
    go(browser, row.find_element(By.CSS_SELECTOR, "button.reevaluate"))
    assert f"/assessments/{aid}" in browser.current_url
    assert not browser.find_elements(By.ID, "stale")
    assert browser.find_element(By.ID, "changes").is_displayed()


def test_viewer_is_refused_an_edit(browser, server):
    log_in(browser, server, "view")
    browser.get(server + "/bodies")
    assert not browser.find_elements(By.ID, "register-body")
    browser.get(server + "/legal")
    assert browser.find_element(By.TAG_NAME, "h1").text  # the refusal page
    assert not browser.find_elements(By.ID, "edit-parameter")
    cookies = {c["name"]: c["value"] for c in browser.get_cookies()}
    answer = httpx.post(
        server + "/bodies", cookies=cookies, timeout=30,
        data={"csrf": cookies.get("kb_csrf", ""), "id": "x1", "name": "x",
              "body_type": "state-body"},
    )  # fmt: skip
    assert answer.status_code == 403
    assert "x1" not in httpx.get(server + "/bodies", cookies=cookies, timeout=30).text


PAGES = ["/", "/kb", "/kb/sections/5", "/kb/requirements/5.1", "/kb/acts/law-75-2016",
         "/kb/documents/3", "/kb/search?q=окутуу", "/law", "/checklist", "/login"]  # fmt: skip


@pytest.mark.parametrize("path", PAGES)
def test_language_switch_on_every_page(browser, server, path):
    browser.get(server + path)
    for lang, word in (("ru", "Русский"), ("en", "English"), ("ky", "Кыргызча")):
        go(browser, browser.find_element(By.CSS_SELECTOR, f".langs a[hreflang={lang}]"))
        assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == lang
        current = browser.find_element(By.CSS_SELECTOR, ".langs a[aria-current]")
        assert current.text == word
    assert browser.current_url.split("?")[0] == server + path.split("?")[0]


def test_keyboard_reaches_the_main_actions(browser, server):
    browser.delete_all_cookies()
    browser.get(server + "/")
    body = browser.find_element(By.TAG_NAME, "body")
    body.send_keys(Keys.TAB)
    first = browser.switch_to.active_element
    assert first.get_attribute("class") == "skip"
    reached = []
    for _ in range(12):
        browser.switch_to.active_element.send_keys(Keys.TAB)
        reached.append(browser.switch_to.active_element.get_attribute("href") or "")
    for target in ("/kb", "/law", "/checklist", "/login"):
        assert any(h.endswith(target) for h in reached), target
    # Enter on the law link opens the form; its fields are reachable by TAB
    link = next(
        e
        for e in browser.find_elements(By.CSS_SELECTOR, ".menu a")
        if e.get_attribute("href").endswith("/law")
    )
    go(browser, link, Keys.ENTER)
    assert browser.current_url.endswith("/law")
    outline = browser.execute_script(
        "var e = document.querySelector('#law-form button'); e.focus();"
        "return getComputedStyle(e).outlineStyle"
    )
    assert outline != "none"  # focus is visible
