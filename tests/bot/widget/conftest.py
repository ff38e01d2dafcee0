"""Fixtures of the widget's browser tests: the demo page in front of a bot (real or scripted); Chromium is
``browser`` in tests/conftest.py."""

from __future__ import annotations

from typing import Iterator

import pytest

from bot.tools.processes import Server, wait_http
from tests.bot.widget.browser import chromium, serve_widget, stop_widget
from tests.servers import VENV_BIN, content_db, free_port


@pytest.fixture(scope="package")
def browser():
    """Chromium for this package's browser tests (tests/bot/widget/browser.py)."""
    with chromium() as b:
        yield b


@pytest.fixture(scope="package")
def fake_bot(tmp_path_factory, content_bundle) -> Iterator[dict]:
    """The scripted bot (tests/bot/widget/fake_bot.py) on a free port, allowing two widget origins.

    Yields {"url", "site_ports"}: a demo page must be served on one of ``site_ports`` for CORS to let it in.
    """
    work = tmp_path_factory.mktemp("fake-bot")
    port, site_ports = free_port(), [free_port(), free_port()]
    server = Server(
        [str(VENV_BIN / "python"), "-m", "tests.bot.widget.fake_bot", "--port", str(port),
         "--cors", *[f"http://127.0.0.1:{p}" for p in site_ports]],
        work / "fake_bot.log",
        {"DATABASE_URL": content_db(work, content_bundle)},
    )
    wait_http(f"http://127.0.0.1:{port}/", server.proc)
    yield {"url": f"http://127.0.0.1:{port}", "site_ports": site_ports}
    server.stop()


@pytest.fixture(scope="package")
def fake_site(fake_bot) -> Iterator[str]:
    """The demo page, on an origin the fake bot allows, with widget.js carrying the real resource table's numbers."""
    port = fake_bot["site_ports"][0]
    server = serve_widget(port, fake_bot["url"])
    yield f"http://127.0.0.1:{port}"
    stop_widget(server)
