"""Hostile text for the fetch tests: payloads that try to make a renderer or a browser fetch,
a local HTTP server that records every connection, and a guarded subprocess for PDF output.

Run as a script (by the tests only) it renders PDFs under a memory ceiling and reports its peak
memory: `python hostile_payloads.py LIMIT_BYTES pdfs PORT WORKDIR`, or `... LIMIT_BYTES kb ARGS`.
"""

from __future__ import annotations

import http.server
import json
import resource
import subprocess
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

from kb_service.kb.registry import current_kb
from kb_service.models.findings import CitationView, Evaluation, Finding
from kb_service.models.memo import Memo, MemoDocument, MemoFootnote, MemoItem, MemoSection

MARK = "Орган"  # every payload starts with it, so a test can find the text on the page
ADDRESS_SPACE = 2 << 30  # the ceiling: an unbounded read (/dev/zero) fails instead of swapping
PEAK_LIMIT_MB = 600  # what a report of a few pages needs is well under this
# Ends of a CSS string: the three CSS newlines, CRLF, and look-alikes that must be escaped too.
BREAKS = {"lf": "\n", "cr": "\r", "ff": "\f", "crlf": "\r\n", "ls": "\u2028", "nel": "\x85"}


def _breakout(sep: str, css: str) -> str:
    # Ends the string and both blocks around it, then opens a block for the template's tail.
    return f"{MARK}{sep};}} }} {css} @page {{ @top-left {{ x: y"


def payloads(base: str, png: Path) -> dict[str, str]:
    """Hostile texts by id; `base` is the recording server, `png` a local image file."""
    out = {
        f"css-{name}": _breakout(sep, f"body {{ background-image: url({base}/css-{name}) }}")
        for name, sep in BREAKS.items()
    }
    out |= {
        "quote": f'{MARK}"; }} }} body {{ background: url({base}/quote) }} x {{ a: "',
        "backslash": f'{MARK}\\"; }} }} body {{ background: url({base}/backslash) }} x {{ a: "',
        "style-link": f'{MARK}</style><link rel="stylesheet" href="{base}/link"><style>',
        "img": f'{MARK}<img src="{base}/img"><svg><image href="{base}/svg-image"/></svg>',
        "import": _breakout("\n", f"@import url({base}/import);"),
        "font-face": _breakout(
            "\n",
            f"@font-face {{ font-family: evil; src: url({base}/font) }} "
            "body { font-family: evil }",
        ),
        "dev-zero": _breakout(
            "\f",
            "@font-face { font-family: zero; src: url(file:///dev/zero) } "
            "html, body, p, td { font-family: zero !important }",
        ),
        "passwd": _breakout("\r", "body { background-image: url(file:///etc/passwd) }"),
        "local-image": _breakout("\n", f"html {{ background-image: url({png.as_uri()}) }}"),
        "attachment": f'{MARK}<link rel="attachment" href="file:///etc/passwd"><a rel="attachment"'
        f' href="{base}/attach">x</a>',
    }
    return out


def raw_document(base: str, png: Path) -> str:
    """A page that asks for every kind of resource itself: only the fetcher stands in the way."""
    big = "data:image/png;base64," + "A" * (300 * 1024)
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8">
<link rel="stylesheet" href="{base}/link"><style>
@import url({base}/import);
@font-face {{ font-family: evil; src: url({base}/font) }}
@font-face {{ font-family: zero; src: url(file:///dev/zero) }}
body {{ background-image: url(file:///etc/passwd); font-family: evil, zero, sans-serif }}
h1 {{ background-image: url({base}/background) }} p {{ background-image: url({png.as_uri()}) }}
</style></head><body><h1>{MARK}</h1><p>{MARK}</p>
<img src="{base}/img"><img src="file:///etc/passwd"><img src="{png.as_uri()}"><img src="{big}">
<object data="{base}/object"></object><embed src="{base}/embed">
<svg><image href="{base}/svg-image" width="10" height="10"/></svg>
<link rel="attachment" href="file:///etc/passwd"><a rel="attachment" href="{base}/attach">a</a>
</body></html>"""


def hostile_evaluation(text: str) -> Evaluation:
    """A small evaluation in which every free-text field, and the page label, holds `text`."""
    cite = CitationView("act-x", "law", text, "2016-04-30", text, text, False, note=text)
    finding = Finding(
        requirement="2.1",
        section=2,
        unit="u1",
        status="non_compliant",
        explanation=text,
        requirement_text=text,
        citations=(cite,),
        evidence_documents=({"number": 13, "title": text},),
        deciding_facts=(text,),
        kb_revision=text,
    )
    adhoc = Finding("7.adhoc", 7, None, "informational", text, text, "adhoc")
    return Evaluation(
        body={"id": "hostile", "name": text, "body_type": "state-body", "body_type_label": text},
        as_of="2025-06-30",
        lang="ky",
        kb_revision=text,
        findings=(finding, adhoc),
        summary={"section_titles": {2: text, 7: text}, "unit_labels": {"u1": text}},
        labels=current_kb().catalog.label_table("ky"),
    )


def hostile_labels(text: str) -> dict[str, str]:
    return {"page": text, "unit_u1": text, "act_type_law": text}


def hostile_memo(text: str) -> Memo:
    """A memo in which every text, the revision and the labels hold `text`."""
    section = MemoSection(1, text, (MemoItem(text), MemoItem(text, 1)), text, note=text)
    return Memo(
        regime="state",
        lang="ky",
        title=text,
        sections=(section,),
        notes_heading=text,
        footnotes=(MemoFootnote(text, text),),
        documents_heading=text,
        documents=(MemoDocument(1, text),),
        is_translation=True,
        translation_notice=text,
        kb_revision=text,
        labels={"kb_revision": text, "notes": text, "documents": text},
    )


class RecordingServer(http.server.ThreadingHTTPServer):
    """An HTTP server on 127.0.0.1 that records every connection made to it, HTTP or not."""

    def __init__(self) -> None:
        self.connections: list[tuple[str, int]] = []
        self.requests: list[str] = []
        server = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
                server.requests.append(f"{self.command} {self.path}")
                self.send_response(404)
                self.end_headers()

            do_POST = do_HEAD = do_OPTIONS = do_GET  # noqa: N815

            def log_message(self, *args: object) -> None:
                pass

        super().__init__(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.server_address[1]}"

    def verify_request(self, request, client_address) -> bool:  # type: ignore[no-untyped-def]
        self.connections.append(client_address)
        return True

    def __enter__(self) -> RecordingServer:
        threading.Thread(target=self.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.shutdown()
        self.server_close()

    def take(self) -> list[object]:
        """Everything recorded since the last call."""
        seen: list[object] = [*self.connections, *self.requests]
        self.connections.clear()
        self.requests.clear()
        return seen


@dataclass
class Guarded:
    returncode: int
    peak_mb: float
    stderr: str


def run_guarded(args: list[str], timeout: float = 300) -> Guarded:
    """Run this file as a script under the memory ceiling; a hang ends in TimeoutExpired."""
    done = subprocess.run(
        [sys.executable, __file__, str(ADDRESS_SPACE), *args],
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    last = done.stderr.strip().splitlines()[-1] if done.stderr.strip() else "{}"
    peak = json.loads(last).get("peak_kb", 0) / 1024 if last.startswith("{") else float("inf")
    return Guarded(done.returncode, peak, done.stderr)


def _render_pdfs(port: str, work: Path) -> int:
    from kb_service.render import render_memo, render_report
    from kb_service.render.common import html_to_pdf

    base, png = f"http://127.0.0.1:{port}", work / "secret.png"
    (work / "raw-document.pdf").write_bytes(html_to_pdf(raw_document(base, png)))
    for key, text in payloads(base, png).items():
        ev, labels = hostile_evaluation(text), hostile_labels(text)
        (work / f"report-{key}.pdf").write_bytes(render_report(ev, "pdf", labels))
        (work / f"memo-{key}.pdf").write_bytes(render_memo(hostile_memo(text), "pdf"))
    return 0


def _main(argv: list[str]) -> int:
    limit = int(argv[0])
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    try:
        if argv[1] == "pdfs":
            return _render_pdfs(argv[2], Path(argv[3]))
        from kb_service.cli.main import main

        return main(argv[2:])
    finally:
        print(json.dumps({"peak_kb": _peak_kb()}), file=sys.stderr)


def _peak_kb() -> int:
    """This process image's peak resident size. ru_maxrss survives execve on Linux, so a child of a
    large test worker would report the worker's peak; VmHWM belongs to this image alone."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


if __name__ == "__main__":
    sys.exit(_main(sys.argv[1:]))
