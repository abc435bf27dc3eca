"""The only way WeasyPrint may read a resource: bundled template files and small data: URLs.

Every other URL (http, https, ftp, file outside kb_service/render/templates, devices, system fonts
asked for by an @font-face rule) is refused, so hostile text that reaches the CSS or HTML can
neither dial out nor embed a local file in the PDF. The templates use installed fonts by family
name (fontconfig), which never goes through a fetcher.
"""

from __future__ import annotations

import mimetypes
import os
import stat
from pathlib import Path
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

from weasyprint.urls import URLFetcher, URLFetcherResponse

from kb_service.core.paths import TEMPLATES_DIR

DATA_URL_LIMIT = 256 * 1024  # characters of a data: URL (an inline image or font at most)
FILE_LIMIT = 2 * 1024 * 1024  # bytes of one bundled template file


class FetchRefused(ValueError):
    """A URL the renderer will not read."""


def _template_file(url: str) -> Path:
    """The bundled file a file: URL names, or FetchRefused."""
    parts = urlsplit(url)
    if parts.netloc not in ("", "localhost"):
        raise FetchRefused(f"{url}: a file on another host")
    path = Path(os.path.realpath(url2pathname(unquote(parts.path))))
    if not path.is_relative_to(os.path.realpath(TEMPLATES_DIR)):
        raise FetchRefused(f"{url}: outside the bundled templates")
    info = path.stat()
    if not stat.S_ISREG(info.st_mode) or info.st_size > FILE_LIMIT:
        raise FetchRefused(f"{url}: not a regular file under {FILE_LIMIT} bytes")
    return path


class LocalOnlyFetcher(URLFetcher):
    """A WeasyPrint fetcher that serves the bundled templates and small data: URLs only."""

    def __init__(self) -> None:
        # no redirects, errors are warnings (a refused resource is left out, the PDF is made)
        super().__init__(timeout=1, allowed_protocols=("data", "file"), allow_redirects=False)

    def fetch(self, url: str, headers: dict[str, str] | None = None) -> URLFetcherResponse:
        scheme = url.split(":", 1)[0].lower()
        if scheme == "data":
            if len(url) > DATA_URL_LIMIT:
                raise FetchRefused(f"a data: URL of {len(url)} characters (limit {DATA_URL_LIMIT})")
            return super().fetch(url, headers)
        if scheme != "file":
            raise FetchRefused(f"{url[:200]}: renderers fetch nothing from outside the project")
        path = _template_file(url)
        mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        with path.open("rb") as fh:
            body = fh.read(FILE_LIMIT + 1)
        if len(body) > FILE_LIMIT:  # grew after the check
            raise FetchRefused(f"{url}: larger than {FILE_LIMIT} bytes")
        return URLFetcherResponse(path.as_uri(), body, {"Content-Type": mime})
