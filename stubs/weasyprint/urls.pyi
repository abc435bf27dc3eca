# The part of weasyprint.urls that kb_service/render/fetch.py uses (WeasyPrint 70).

from collections.abc import Iterable
from urllib.request import OpenerDirector

class URLFetcherResponse:
    def __init__(
        self,
        url: str,
        body: str | bytes | None = None,
        headers: dict[str, str] | None = None,
        status: int = 200,
    ) -> None: ...

class URLFetcher(OpenerDirector):
    def __init__(
        self,
        timeout: float = 10,
        *,
        allowed_protocols: Iterable[str] | None = None,
        allow_redirects: bool = True,
        fail_on_errors: bool = False,
    ) -> None: ...
    def fetch(self, url: str, headers: dict[str, str] | None = None) -> URLFetcherResponse: ...
