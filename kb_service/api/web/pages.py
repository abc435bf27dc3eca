"""How every HTML page is made: the language (?lang= and a cookie), the words of rules/labels.ttl,
the Jinja environment of kb_service/api/templates/web, the security headers, the user and the
CSRF token a page's forms carry."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from fastapi import Request
from fastapi.responses import HTMLResponse, Response
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from kb_service.core.languages import DEFAULT_LANG, LANGS
from kb_service.kb.knowledge_base import KnowledgeBase
from kb_service.kb.registry import current_kb
from kb_service.render.common import fmt_date

API_DIR = Path(__file__).resolve().parent.parent
TEMPLATES = API_DIR / "templates" / "web"
STATIC = API_DIR / "static"
# the renderers' templates, for the parts a page shares with a saved report (the national summary)
RENDER_TEMPLATES = API_DIR.parent / "render" / "templates"
LANG_COOKIE = "lang"
# the pages load their own style sheet and nothing else; no script runs, no frame embeds them
CSP = (
    "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
    "base-uri 'none'; frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
}


def _environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader([str(TEMPLATES), str(RENDER_TEMPLATES)]),
        autoescape=select_autoescape(["html", "j2"]),
        undefined=StrictUndefined,  # a missing word fails loudly in tests
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["date"] = fmt_date
    return env


ENV = _environment()


def kb_of(request: Request) -> KnowledgeBase:
    """The knowledge base the service runs on (loaded into its store when its revision changed)."""
    svc = getattr(request.app.state, "service", None)
    if svc is not None:
        kb: KnowledgeBase = svc.kb()
        return kb
    return current_kb()


def lang_of(request: Request) -> str:
    """?lang= first, then the cookie, then Kyrgyz."""
    asked = request.query_params.get("lang") or request.cookies.get(LANG_COOKIE)
    return asked if asked in LANGS else DEFAULT_LANG


def words(request: Request) -> dict[str, str]:
    """The label table in the page's language."""
    return kb_of(request).catalog.label_table(lang_of(request))


def lang_links(request: Request) -> list[tuple[str, str]]:
    """(language, URL of this page in it) for the switch on every page."""
    params = [(k, v) for k, v in request.query_params.multi_items() if k != "lang"]
    out = []
    for lang in LANGS:
        query = urlencode([*params, ("lang", lang)])
        out.append((lang, f"{request.url.path}?{query}"))
    return out


def secure(response: Response) -> Response:
    for name, value in SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
    return response


def page(request: Request, template: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    """Render one page of templates/web with the words, the language switch and the user."""
    from kb_service.api.web import session
    from kb_service.law.law_words import law_words

    lang = lang_of(request)
    user = session.user_of(request)
    kb = kb_of(request)
    html = ENV.get_template(template).render(
        lab=law_words(kb.catalog, lang),  # the label table and the coded terms' words
        kb_revision=kb.revision,
        lang=lang,
        langs=lang_links(request),
        path=request.url.path,
        user=user,
        roles=session.roles_of(user),
        csrf=session.csrf_token(request),
        **context,
    )
    response = HTMLResponse(html, status_code=status_code)
    if request.query_params.get("lang") in LANGS:
        response.set_cookie(LANG_COOKIE, lang, max_age=365 * 86400, samesite="lax", httponly=True)
    secure(response)
    return response


def download(data: bytes, media_type: str, filename: str) -> Response:
    """A file to save (a report, a memo), never shown inline."""
    response = Response(data, media_type=media_type)
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return secure(response)
