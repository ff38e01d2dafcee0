"""What every widget browser test does: serve the demo page, open it in Chromium, ask and wait for the whole reply."""

from __future__ import annotations

import shutil
import threading
from contextlib import contextmanager
from http.server import ThreadingHTTPServer
from pathlib import Path
from typing import Dict, Iterator, Optional

import pytest

from bot.settings import CONTENT_DIR
from bot.widget.server import make_server

CHROMIUM = "/usr/bin/chromium"
# Flags for a closed network: without them Chromium keeps trying to reach Google's services.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"]
DESKTOP = {"width": 1100, "height": 800}
PHONE = {"width": 390, "height": 844}


def serve_widget(port: int, bot_url: str, content_dir: Path = CONTENT_DIR) -> ThreadingHTTPServer:
    """Start the demo page and widget server on ``port`` (http://127.0.0.1:port) in a thread; return it."""
    server = make_server("127.0.0.1", port, bot_url, content_dir)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def stop_widget(server: ThreadingHTTPServer) -> None:
    """Stop a server started by ``serve_widget``."""
    server.shutdown()
    server.server_close()


@contextmanager
def open_page(browser, origin: str, viewport: Dict[str, int] = DESKTOP, is_mobile: bool = False,
              locale: Optional[str] = None, html_lang: Optional[str] = "en") -> Iterator:
    """Yield a fresh tab (fresh session storage) on the demo page with the widget's welcome shown.

    ``locale`` is the browser's language (navigator.languages); ``html_lang`` the language the page declares
    (``<html lang>``: the demo page's "en" unless given, None for none; the widget server's ``/?lang=``).
    The demo page's CSP would block inline script on its own; it is bypassed so the tests prove that the
    widget itself keeps markup inert, as it must on host sites without a CSP. Any JavaScript error fails.
    """
    context = browser.new_context(viewport=viewport, is_mobile=is_mobile, bypass_csp=True,
                                  **({"locale": locale} if locale else {}))
    pg = context.new_page()
    errors = []
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    pg.goto(origin + "/" + ("" if html_lang == "en" else f"?lang={html_lang or ''}"))
    pg.wait_for_selector(".osb-log .osb-bot")
    yield pg
    context.close()
    assert errors == [], f"JavaScript errors on the page: {errors}"


def ask(pg, text: str, expect: str, timeout: float = 30_000) -> None:
    """Type ``text``, press Enter, and wait until the whole reply has arrived and the bot's part shows ``expect``.

    Waiting for the bot's messages (not the log's text, which already holds the question) and for the widget
    to stop being busy is the state the tests mean: every reply of this turn is on screen.
    """
    bots = pg.locator(".osb-bot").count()
    pg.fill("#osb-input", text)
    pg.press("#osb-input", "Enter")
    pg.wait_for_function(
        """([n, t]) => {
            const log = document.querySelector('.osb-log');
            const replies = [...document.querySelectorAll('.osb-bot')];
            return replies.length > n && log.getAttribute('aria-busy') !== 'true'
                && replies.slice(n).some(r => r.innerText.includes(t));
        }""",
        arg=[bots, expect],
        timeout=timeout,
    )


@contextmanager
def chromium() -> Iterator:
    """Debian's Chromium driven by Playwright (no browser download), for a package's browser tests.

    Each package opens and closes its own (a ``browser`` fixture of package or module scope): Playwright's sync
    API keeps an event loop running while the browser is open, which tests that call ``asyncio.run`` cannot share.
    """
    if not Path(CHROMIUM).exists() or shutil.which("chromium") is None:
        pytest.fail("Chromium is missing: run `make setup` (it installs Debian's chromium package)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()
