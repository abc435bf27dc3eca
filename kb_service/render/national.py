"""The national summary as JSON or as one HTML page: counts per section and per body type, the
ranking with links to each body's report, and the body x section heat map as inline SVG.

The page fetches nothing (the safe head); every text from the facts is escaped."""

from __future__ import annotations

from markupsafe import Markup, escape

from kb_service.models.national import NationalSummary
from kb_service.render.common import STATUS_COLOURS, jinja_env
from kb_service.render.json_out import model_json

NATIONAL_FORMATS = ("json", "html")
CELL, GAP, LEFT, TOP = 16, 2, 150, 22  # heat-map geometry, px


def heatmap_svg(summary: NationalSummary) -> Markup:
    """One row per body, one column per section; a cell's colour is its worst status and its
    number the section's violations."""
    cols = summary.sections
    width = LEFT + len(cols) * (CELL + GAP)
    height = TOP + len(summary.bodies) * (CELL + GAP)
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" font-family="DejaVu Sans, sans-serif" '
        'font-size="9">'
    ]
    for j, section in enumerate(cols):
        x = LEFT + j * (CELL + GAP) + CELL / 2
        out.append(f'<text x="{x}" y="{TOP - 8}" text-anchor="middle">{section}</text>')
    for i, body in enumerate(summary.bodies):
        y = TOP + i * (CELL + GAP)
        out.append(
            f'<a href="{escape(body.report)}"><text x="{LEFT - 6}" y="{y + CELL - 4}" '
            f'text-anchor="end">{escape(body.id)}</text></a>'
        )
        for j, section in enumerate(cols):
            status = body.sections.get(section)
            colour = STATUS_COLOURS.get(status or "", "#ffffff")
            x = LEFT + j * (CELL + GAP)
            word = escape(summary.labels.get(f"status_{status}", status or ""))
            n = body.section_violations.get(section, 0)
            out.append(
                f'<rect x="{x}" y="{y}" width="{CELL}" height="{CELL}" fill="{colour}" '
                f'stroke="#ccc"><title>{escape(body.id)} · {section}: {word} ({n})</title></rect>'
            )
            if n:
                out.append(
                    f'<text x="{x + CELL / 2}" y="{y + CELL - 4}" text-anchor="middle" '
                    f'fill="#fff">{n}</text>'
                )
    out.append("</svg>")
    return Markup("".join(out))


def national_html(summary: NationalSummary) -> str:
    words = summary.labels
    return (
        jinja_env()
        .get_template("national.html.j2")
        .render(
            s=summary,
            w=words,
            title=words["national_title"].format(date=summary.as_of),
            intro=words["national_bodies"].format(n=len(summary.bodies), m=summary.inputs),
            statuses=list(STATUS_COLOURS),
            others=[st for st in STATUS_COLOURS if st != "non_compliant"],  # beside the violations
            colours=STATUS_COLOURS,
            heatmap=heatmap_svg(summary),
        )
    )


def render_national(summary: NationalSummary, fmt: str) -> bytes:
    if fmt == "json":
        return model_json(summary)
    if fmt == "html":
        return national_html(summary).encode("utf-8")
    raise ValueError(f"unknown summary format {fmt!r}: expected one of {NATIONAL_FORMATS}")
