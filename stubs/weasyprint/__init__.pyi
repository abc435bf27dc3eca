# The part of WeasyPrint's API that kb_service uses: WeasyPrint ships no type information.
# Checked against WeasyPrint 70 (weasyprint/__init__.py).

from weasyprint.urls import URLFetcher

class HTML:
    def __init__(
        self,
        *,
        string: str | None = None,
        base_url: str | None = None,
        url_fetcher: URLFetcher | None = None,
    ) -> None: ...
    def write_pdf(self, target: None = None) -> bytes: ...
