import pytest


@pytest.fixture(scope="session")
def server(tmp_path_factory):
    """(url) of one `kb serve` shared by the browser tests, stopped at the end."""
    from chromium import require_chromium

    require_chromium()
    import kb_server

    proc, url = kb_server.start(tmp_path_factory.mktemp("service"))
    yield url
    kb_server.stop(proc)
