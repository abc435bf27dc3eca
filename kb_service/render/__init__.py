"""Rendering layer: plain dataclasses in, bytes out (HTML, PDF, Turtle, Markdown, DOCX).

No FastAPI and no RDF store here: callers pass findings_model / memo_model objects.
"""

from kb_service.render.memo import MEMO_FORMATS, render_memo
from kb_service.render.report import REPORT_FORMATS, render_report

__all__ = ["MEMO_FORMATS", "REPORT_FORMATS", "render_memo", "render_report"]
