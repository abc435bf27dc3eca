"""Shared pieces of the renderers: the Jinja environment, PDF output, date formatting."""

import re
from datetime import date

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from kb_service.core.paths import TEMPLATES_DIR

# Fixed colours so the badge, the bars and the legend always agree.
STATUS_COLOURS: dict[str, str] = {
    "compliant": "#2e7d32",
    "non_compliant": "#b71c1c",
    "insufficient_evidence": "#c77700",
    "not_applicable": "#8a8a8a",
    "informational": "#1f4e8c",
}

_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_CSS_UNSAFE = frozenset("\\\"'<>&")


def _css_char(ch: str) -> str:
    # Quotes, backslash and the HTML-significant <>& could end the string or the <style>;
    # control, separator and format characters (newline, CR, FF, U+2028 ...) could end it
    # as a bad string. A hex escape always ends in one space, which CSS consumes.
    if ch.isprintable() and ch not in _CSS_UNSAFE:
        return ch
    return f"\\{ord(ch):x} "


def css_str(value: object) -> Markup:
    """A quoted CSS string that no text can end or alter (for @page margin boxes).

    Every character that is not plainly printable is written as a CSS hex escape; HTML
    escaping would corrupt the string, so the result is Markup.
    """
    return Markup('"' + "".join(_css_char(ch) for ch in str(value)) + '"')


def _environment() -> Environment:
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


def jinja_env() -> Environment:
    return JINJA


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

    from kb_service.render.fetch import LocalOnlyFetcher

    fetcher = LocalOnlyFetcher()
    return HTML(string=html, base_url=str(TEMPLATES_DIR), url_fetcher=fetcher).write_pdf()


JINJA = _environment()  # the package's own templates: built once, on import
