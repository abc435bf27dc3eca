"""Shared pieces of the renderers: the Jinja environment, PDF output, date formatting."""

import re
from datetime import date
from functools import lru_cache

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from kb_service.paths import TEMPLATES_DIR

# Fixed colours so the badge, the bars and the legend always agree.
STATUS_COLOURS: dict[str, str] = {
    "compliant": "#2e7d32",
    "non_compliant": "#b71c1c",
    "insufficient_evidence": "#c77700",
    "not_applicable": "#8a8a8a",
    "informational": "#1f4e8c",
}

_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")


def css_str(value: object) -> Markup:
    """A quoted CSS string (for @page margin boxes); HTML escaping would corrupt it."""
    text = str(value).replace("\\", "\\\\").replace('"', '\\"').replace("<", "\\3c ")
    return Markup(f'"{text}"')


@lru_cache(maxsize=1)
def jinja_env() -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(TEMPLATES_DIR)),
        autoescape=select_autoescape(["html", "j2"]),
        undefined=StrictUndefined,  # a missing label or field fails loudly in tests
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["css_str"] = css_str
    env.filters["date"] = fmt_date
    return env


def fmt_date(value: str | date | None) -> str:
    """ISO date -> DD.MM.YYYY, the form used in Kyrgyz official documents."""
    if value is None:
        return ""
    text = value.isoformat() if isinstance(value, date) else str(value)
    m = _ISO_DATE.match(text)
    return f"{m.group(3)}.{m.group(2)}.{m.group(1)}" if m else text


def html_to_pdf(html: str) -> bytes:
    # Imported lazily: WeasyPrint is slow to load and only the PDF path needs it.
    from weasyprint import HTML

    return HTML(string=html, base_url=str(TEMPLATES_DIR)).write_pdf()
