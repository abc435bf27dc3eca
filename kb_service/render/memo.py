"""The checklist memo (эскертме) as Markdown, HTML, DOCX or PDF.

Text is printed verbatim: the Markdown only escapes characters Markdown would eat,
so a round trip (strip emphasis/escapes, collapse whitespace) gives the seed's words back.
"""

import re

from kb_service.models.memo import Memo
from kb_service.render.common import html_to_pdf, jinja_env
from kb_service.render.json_out import model_json
from kb_service.render.labels import merged_labels

MEMO_FORMATS = ("md", "html", "docx", "pdf", "json")

# Inline characters that start emphasis/code or escape; `*` is the footnote marker.
_MD_INLINE = re.compile(r"([\\*_`])")
# A line start that Markdown would read as a heading, quote, list or rule.
_MD_BLOCK_START = re.compile(r"^(\s*)([#>+-]|\d+[.)])")


def md_escape(text: str) -> str:
    """Escape Markdown-special characters; the words themselves are untouched."""
    out = _MD_INLINE.sub(r"\\\1", text)
    lines = []
    for line in out.split("\n"):
        m = _MD_BLOCK_START.match(line)
        if m:
            head = m.group(2)
            escaped = f"{head[:-1]}\\{head[-1]}" if head[0].isdigit() else f"\\{head}"
            line = m.group(1) + escaped + line[m.end() :]
        lines.append(line)
    return "\n".join(lines)


def _one_line(text: str) -> str:
    # A list item or heading must stay on one line; whitespace is not content.
    return " ".join(text.split())


def _paragraph(text: str) -> str:
    return md_escape("\n".join(line.strip() for line in text.strip().splitlines()))


def render_memo_md(memo: Memo) -> str:
    out: list[str] = []
    title_lines = [md_escape(line.strip()) for line in memo.title.strip().splitlines()]
    # Hard line breaks ("  \n") keep the seed's multi-line bold title.
    out.append("**" + "  \n".join(line for line in title_lines if line) + "**")
    if memo.is_translation and memo.translation_notice:
        out.append(f"*{md_escape(_one_line(memo.translation_notice))}*")
    for sec in memo.sections:
        out.append(f"**{sec.number}. {md_escape(_one_line(sec.title))}**")
        bullets = []
        for item in sec.items:
            indent = "  " * max(item.level, 0)
            bullets.append(f"{indent}- {md_escape(_one_line(item.text))}")
        if bullets:
            out.append("\n".join(bullets))
        if sec.legal_basis.strip():
            out.append(_paragraph(sec.legal_basis))
        if sec.note.strip():
            out.append(_paragraph(sec.note))
    if memo.footnotes:
        if memo.notes_heading.strip():
            out.append(_paragraph(memo.notes_heading))
        out.append(
            "\n".join(
                f"- {md_escape(fn.marker)} {md_escape(_one_line(fn.text))}" for fn in memo.footnotes
            )
        )
    if memo.documents:
        if memo.documents_heading.strip():
            out.append(f"**{md_escape(_one_line(memo.documents_heading))}**")
        out.append("\n".join(f"{d.number}. {md_escape(_one_line(d.text))}" for d in memo.documents))
    return "\n\n".join(out) + "\n"


def render_memo_html(memo: Memo) -> str:
    lab = merged_labels(memo.labels, None)
    title_lines = [line.strip() for line in memo.title.strip().splitlines() if line.strip()]
    return (
        jinja_env()
        .get_template("memo.html.j2")
        .render(memo=memo, lab=lab, lang=memo.lang or "ky", title_lines=title_lines)
    )


def render_memo(memo: Memo, fmt: str) -> bytes:
    """Render the memo (or a checklist) as "md", "html", "docx", "pdf" or "json"."""
    if fmt == "json":
        return model_json(memo)
    if fmt == "md":
        return render_memo_md(memo).encode("utf-8")
    if fmt == "html":
        return render_memo_html(memo).encode("utf-8")
    if fmt == "pdf":
        return html_to_pdf(render_memo_html(memo))
    if fmt == "docx":
        from kb_service.render.memo_docx import render_memo_docx

        return render_memo_docx(memo)
    raise ValueError(f"unknown memo format {fmt!r}; expected one of {MEMO_FORMATS}")
