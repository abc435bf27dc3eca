"""Renderers fetch nothing: hostile text in every free-text field of a report or memo makes neither
WeasyPrint nor a browser opening the saved HTML connect anywhere, embed a local file, or run away
with memory. A local HTTP server records every connection; the PDFs are made in a subprocess under
a memory ceiling (tests/hostile_payloads.py)."""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
import tinycss2
from docx import Document
from hostile_payloads import (
    MARK,
    PEAK_LIMIT_MB,
    Guarded,
    RecordingServer,
    hostile_evaluation,
    hostile_labels,
    hostile_memo,
    payloads,
    run_guarded,
)
from PIL import Image
from repo_paths import ROOT

from kb_service.cli.main import main
from kb_service.core.paths import TEMPLATES_DIR
from kb_service.render import render_memo, render_report
from kb_service.render.common import css_str
from kb_service.render.fetch import DATA_URL_LIMIT, FetchRefused, LocalOnlyFetcher

POPPLER = all(shutil.which(t) for t in ("pdftotext", "pdfimages", "pdfdetach"))
PASSWD = Path("/etc/passwd").read_text(encoding="utf-8").splitlines()[0]
STYLE = re.compile(r"<style>(.*?)</style>", re.S)


@pytest.fixture(scope="module")
def server():
    with RecordingServer() as srv:
        yield srv


@pytest.fixture(scope="module")
def work(server, tmp_path_factory) -> Path:
    """The hostile cases rendered as HTML, one report and one memo per payload."""
    work = tmp_path_factory.mktemp("hostile")
    Image.new("RGB", (8, 8), "red").save(work / "secret.png")
    for key, text in payloads(server.base, work / "secret.png").items():
        report = render_report(hostile_evaluation(text), "html", hostile_labels(text))
        (work / f"report-{key}.html").write_bytes(report)
        (work / f"memo-{key}.html").write_bytes(render_memo(hostile_memo(text), "html"))
    return work


@pytest.fixture(scope="module")
def guard(work: Path, server) -> Guarded:
    """The same cases as PDF, made in a subprocess under a memory ceiling and a timeout."""
    return run_guarded(["pdfs", server.base.rsplit(":", 1)[1], str(work)])


@pytest.fixture(scope="module")
def cli_run(work: Path, server) -> tuple[Path, Guarded]:
    """`kb evaluate` of an example whose name, unit names and ad-hoc question are hostile."""
    texts = payloads(server.base, work / "secret.png")
    facts = json.loads((ROOT / "examples" / "ministry-violations.json").read_text("utf-8"))
    facts["name"] = texts["style-link"] + texts["img"]
    for unit in facts["units"]:
        unit["name"] = texts["quote"]
    facts["adhoc"][0] |= {"question": texts["backslash"], "note": texts["attachment"]}
    facts["adhoc"][0]["documents"] = texts["img"]
    cli = work / "cli"
    cli.mkdir()
    (cli / "facts.json").write_text(json.dumps(facts, ensure_ascii=False), encoding="utf-8")
    args = ["evaluate", str(cli / "facts.json"), "--as-of", "2025-06-30", "-o"]
    assert main([*args, str(cli / "report.html"), "--format", "html"]) == 0
    return cli, run_guarded(["kb", *args, str(cli / "report.pdf"), "--format", "pdf"])


def test_kb_evaluate_of_hostile_facts_fetches_nothing(cli_run: tuple[Path, Guarded], server):
    cli, guard = cli_run
    assert guard.returncode == 0 and guard.peak_mb < PEAK_LIMIT_MB, guard
    assert server.take() == []
    assert (cli / "report.pdf").read_bytes().startswith(b"%PDF-")
    html = (cli / "report.html").read_text(encoding="utf-8")
    assert "&lt;img src=" in html and "<img" not in html and "<link" not in html


def _cases(work: Path, suffix: str) -> list[Path]:
    """A report and a memo per payload, and for PDF also the raw document (hostile_payloads.py)."""
    found = sorted(work.glob(f"*{suffix}"))
    expected = 2 * len(payloads("http://x", work / "x.png")) + (suffix == ".pdf")
    assert len(found) == expected, found
    return found


@pytest.mark.parametrize(
    "text",
    [*payloads("http://127.0.0.1:9", Path("/tmp/x.png")).values(), "a\\b\"c'd<e>f&g\x00\x1f\x7f"],
)
def test_css_str_is_one_string_holding_the_text(text: str) -> None:
    quoted = str(css_str(text))
    tokens = tinycss2.parse_component_value_list(quoted)
    assert [t.type for t in tokens] == ["string"]
    # CSS reads NUL as U+FFFD; every other character comes back as it was
    assert tokens[0].value == text.replace("\x00", "\ufffd")
    assert not re.search(r"[\x00-\x1f\x7f\x85\u2028\u2029<>&]", quoted)


def _shape(nodes: list) -> list:
    """A style sheet's tokens with the text of its strings left out."""
    out: list = []
    for node in nodes:
        if node.type in ("whitespace", "comment"):
            continue
        if node.type == "function":
            out.append(("function", node.lower_name, _shape(node.arguments)))
        elif getattr(node, "content", None) is not None:
            out.append((node.type, _shape(node.content)))
        else:
            out.append("STRING" if node.type == "string" else node.serialize())
    return out


def _strings(nodes: list) -> list[str]:
    found: list[str] = []
    for node in nodes:
        if node.type == "string":
            found.append(node.value)
        for sub in (getattr(node, "content", None), getattr(node, "arguments", None)):
            found.extend(_strings(sub or []))
    return found


def _style(html: bytes) -> list:
    (css,) = STYLE.findall(html.decode("utf-8"))
    return tinycss2.parse_component_value_list(css)


@pytest.mark.parametrize("key", sorted(payloads("http://x", Path("/x.png"))))
def test_hostile_text_changes_only_the_strings_of_the_style_sheet(key: str) -> None:
    """The body name never enters the CSS; labels do, only as whole CSS strings."""
    text = payloads("http://127.0.0.1:9", Path("/tmp/x.png"))[key]
    for render in (
        lambda t: render_report(hostile_evaluation(t), "html", hostile_labels(t)),
        lambda t: render_memo(hostile_memo(t), "html"),
    ):
        hostile, plain = _style(render(text)), _style(render("BENIGN"))
        assert _shape(hostile) == _shape(plain)
        assert _strings(hostile) == [s.replace("BENIGN", text) for s in _strings(plain)]


def test_saved_html_carries_a_content_security_policy(work: Path) -> None:
    for page in _cases(work, ".html"):
        head = page.read_text(encoding="utf-8").split("<title>", 1)[0]
        assert "Content-Security-Policy" in head and "default-src 'none'" in head, page.name


def test_pdfs_fetch_nothing_and_stay_within_memory(guard: Guarded, work: Path, server) -> None:
    assert guard.returncode == 0, guard.stderr[-3000:]
    assert guard.peak_mb < PEAK_LIMIT_MB, guard
    assert server.take() == []
    assert _cases(work, ".pdf")


@pytest.mark.skipif(not POPPLER, reason="needs poppler-utils (pdftotext, pdfimages, pdfdetach)")
def test_pdfs_embed_no_local_file(guard: Guarded, work: Path) -> None:
    for pdf in _cases(work, ".pdf"):
        text = _tool("pdftotext", pdf, "-")
        assert MARK in text and PASSWD not in text, pdf.name
        assert len(_tool("pdfimages", "-list", pdf).splitlines()) == 2, pdf.name  # header only
        assert "0 embedded files" in _tool("pdfdetach", "-list", pdf), pdf.name


def _tool(*args: object) -> str:
    return subprocess.run([str(a) for a in args], capture_output=True, check=True, text=True).stdout


def test_docx_holds_hostile_text_as_text() -> None:
    text = payloads("http://127.0.0.1:9", Path("/tmp/x.png"))["css-ff"]
    text += '{ INCLUDEPICTURE "http://127.0.0.1:9/pic" } \x00\x0b\x1b'
    data = render_memo(hostile_memo(text), "docx")
    # the legal-basis paragraph: verbatim, with what XML cannot hold shown as U+FFFD
    shown = re.sub(r"[\x00\x0b\x0c\x1b]", "\ufffd", text)
    assert shown in [p.text for p in Document(io.BytesIO(data)).paragraphs]
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        for name in package.namelist():
            part = package.read(name).decode("utf-8", "replace")
            assert 'TargetMode="External"' not in part, name
            assert not name.endswith(".rels") or "127.0.0.1" not in part, name
            assert "instrText" not in part and "fldChar" not in part, name
            assert set(re.findall(r'w:instr="([^"]*)"', part)) <= {"PAGE"}, name


def test_fetcher_refuses_everything_outside_the_templates(server, tmp_path: Path) -> None:
    server.take()  # only what this test asks for counts
    fetcher = LocalOnlyFetcher()
    outside = tmp_path / "x.css"
    outside.write_text("body {}")
    escape = (TEMPLATES_DIR / ".." / ".." / "pyproject.toml").as_uri()
    refused = [
        f"{server.base}/direct",
        server.base.replace("http", "https") + "/tls",
        "ftp://127.0.0.1/x",
        "file:///etc/passwd",
        "file:///dev/zero",
        "file:///proc/self/environ",
        outside.as_uri(),
        escape,
        f"file://{server.base[7:]}/etc/passwd",
        "data:text/plain," + "a" * DATA_URL_LIMIT,
    ]
    for url in refused:
        with pytest.raises(FetchRefused):
            fetcher.fetch(url)
    assert server.take() == []
    css = TEMPLATES_DIR / "_print.css"
    assert fetcher.fetch(css.as_uri()).read() == css.read_bytes()
    assert fetcher.fetch("data:text/plain,ok").read() == b"ok"


def _visit(browser, page: Path) -> list[str]:
    browser.get(page.as_uri())
    # two frames: styles applied and every resource the page asks for requested
    script = (
        "const done = arguments[arguments.length - 1]; requestAnimationFrame(() => "
        "requestAnimationFrame(() => done(performance.getEntriesByType('resource')"
        ".map(e => e.name))));"
    )
    return browser.execute_async_script(script)


def test_chromium_fetches_nothing_and_still_renders(browser, work: Path, server) -> None:
    from selenium.webdriver.common.by import By

    server.take()  # the PDF phase is judged by its own test

    for page in _cases(work, ".html"):
        assert _visit(browser, page) == [], page.name
        assert server.take() == [], page.name
        assert MARK in browser.find_element(By.TAG_NAME, "body").text, page.name
        centred = "return getComputedStyle(document.querySelector('h1')).textAlign"
        assert browser.execute_script(centred) == "center", page.name  # inline style allowed
        if page.name.startswith("report-"):
            assert browser.find_element(By.CSS_SELECTOR, "svg rect").is_displayed()
        errors = [e for e in browser.get_log("browser") if e["level"] == "SEVERE"]
        assert not errors, (page.name, errors)
