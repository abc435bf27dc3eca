"""Every knowledge-base page has a JSON twin under /api that gives the same content: the twin and
the page call the same use case (kb_service.app.kb_browse)."""

from __future__ import annotations

import pytest

# (page, its JSON twin, a fragment both must carry)
TWINS = [
    ("/kb?as_of=2026-06-01&lang=en", "/api/kb/overview?as_of=2026-06-01&lang=en", "law-125-2021"),
    ("/kb/sections/5?lang=ru", "/api/kb/sections/5?lang=ru", "5.3"),
    ("/kb/requirements/5.3?lang=en", "/api/kb/requirements/5.3?lang=en", "training"),
    ("/kb/documents/5?lang=en", "/api/kb/documents/5?lang=en", "gov-res-706-2016"),
    ("/kb/search?q=окутуу&lang=ky", "/api/kb/search?q=окутуу&lang=ky", "5.3"),
]


@pytest.mark.parametrize(("page", "twin", "fragment"), TWINS)
def test_a_page_and_its_json_twin_say_the_same(api, page, twin, fragment):
    html = api.get(page)
    data = api.get(twin)
    assert html.status_code == 200 and data.status_code == 200, (html.text[:200], data.text[:200])
    assert data.headers["content-type"].startswith("application/json")
    assert fragment in data.text and fragment in html.text


def test_search_tolerates_plain_letters_for_kyrgyz_ones(api):
    exact = api.get("/api/kb/search", params={"q": "мөөнөттүк", "lang": "ky"}).json()
    plain = api.get("/api/kb/search", params={"q": "МООНОТТУК", "lang": "ky"}).json()
    assert exact and exact == plain


def test_unknown_ids_are_clear_errors(api):
    assert api.get("/api/kb/sections/99").status_code in (400, 404, 422)
    assert api.get("/api/kb/requirements/99.9").status_code in (400, 404, 422)


def test_the_stale_list_twin(api):
    answer = api.get("/api/stale")
    assert answer.status_code == 200 and isinstance(answer.json(), list)
