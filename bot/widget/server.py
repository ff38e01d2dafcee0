"""Serves the widget's files (widget.js, widget.css) and a demo page that embeds them.

The widget talks to the bot's REST channel on another origin, exactly as it would from a real website,
so the bot's CORS setting (``--cors``) decides which sites may use it. widget.js is served with the
emergency numbers from the resource table written in (``bot/widget/lines.py``), read once when the server
starts, so the widget can show them even when the bot is unreachable.

The demo page declares ``<html lang="en">``; ``/?lang=es`` serves it declaring another language (``/?lang=``:
none), to show - and test - how the widget chooses its language from the page, as on a Spanish website.

The staff page (/staff, ``bot/staff/``) is served here too when the server is given one (STAFF_TOKEN set);
its requests are handed to ``bot.staff.routes`` whole, with that page's own stricter headers.
"""

from __future__ import annotations

import logging
import re
from functools import partial
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Dict, Optional, Tuple
from urllib.parse import parse_qs

from bot import settings
from bot.staff.routes import MAX_BODY, StaffSite, is_staff_path
from bot.staff.routes import security_headers as staff_headers
from bot.widget.lines import WidgetLines, inject_lines, read_widget_lines

logger = logging.getLogger(__name__)
STATIC_DIR = Path(__file__).parent / "static"
FILES: Dict[str, Tuple[str, str]] = {
    "/": ("index.html", "text/html; charset=utf-8"),
    "/index.html": ("index.html", "text/html; charset=utf-8"),
    "/widget.js": ("widget.js", "text/javascript; charset=utf-8"),
    "/widget.css": ("widget.css", "text/css; charset=utf-8"),
}
DEMO_LANG = b'<html lang="en">'
LANGUAGE_TAG = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$")  # "es", "es-MX", "en-US" (BCP 47, roughly)


def render_file(name: str, bot_url: str, lines: WidgetLines, page_lang: Optional[str] = None) -> bytes:
    """Return a static file: the demo page pointed at ``bot_url``, widget.js carrying ``lines``.

    ``page_lang`` is the language the demo page declares: a language tag, "" for none, None for its own ("en").
    """
    data = (STATIC_DIR / name).read_bytes()
    if name == "widget.js":
        return inject_lines(data, lines)
    if name == "index.html":
        # The URL comes from our own command line, but escape it anyway: it lands in an attribute.
        from html import escape

        data = data.replace(b"__BOT_URL__", escape(bot_url, quote=True).encode("utf-8"))
        if page_lang == "":
            data = data.replace(DEMO_LANG, b"<html>", 1)
        elif page_lang is not None and LANGUAGE_TAG.match(page_lang):
            data = data.replace(DEMO_LANG, f'<html lang="{page_lang}">'.encode("ascii"), 1)
    return data


def security_headers(bot_url: str) -> Dict[str, str]:
    """Return headers that stop the demo page running any script but ours or talking to any host but the bot."""
    return {
        "Content-Security-Policy": (
            f"default-src 'self'; connect-src 'self' {bot_url}; style-src 'self' 'unsafe-inline'; "
            "img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'"
        ),
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "no-referrer",
        "Cache-Control": "no-cache",
    }


class WidgetHandler(BaseHTTPRequestHandler):
    """GET handler for the demo page and the widget's assets; GET and POST for the staff page when it is on."""

    server_version = "osb-widget"

    def __init__(self, *args, bot_url: str, lines: WidgetLines, staff: Optional[StaffSite] = None,
                 **kwargs) -> None:  # type: ignore[no-untyped-def]
        self.bot_url = bot_url
        self.lines = lines
        self.staff = staff
        super().__init__(*args, **kwargs)

    def do_GET(self) -> None:  # noqa: N802 - the name http.server dispatches to
        """Serve one of the known files, or 404."""
        path, _, query = self.path.partition("?")
        if is_staff_path(path):
            self._staff("GET", path)
            return
        if path == "/health":
            self._send(HTTPStatus.OK, b'{"status": "ok"}', "application/json")
            return
        if path not in FILES:
            self._send(HTTPStatus.NOT_FOUND, b"Not found", "text/plain; charset=utf-8")
            return
        name, content_type = FILES[path]
        page_lang = parse_qs(query, keep_blank_values=True).get("lang", [None])[-1]
        self._send(HTTPStatus.OK, render_file(name, self.bot_url, self.lines, page_lang), content_type)

    def do_POST(self) -> None:  # noqa: N802 - the name http.server dispatches to
        """Only the staff page takes POSTs (sign-in, labels)."""
        path = self.path.split("?", 1)[0]
        if is_staff_path(path):
            self._staff("POST", path)
            return
        self._send(HTTPStatus.NOT_FOUND, b"Not found", "text/plain; charset=utf-8")

    def _staff(self, method: str, path: str) -> None:
        """Hand a /staff request to the staff page; without one (no STAFF_TOKEN) the address does not exist."""
        if self.staff is None:
            self._send(HTTPStatus.NOT_FOUND, b"Not found", "text/plain; charset=utf-8")
            return
        body = b""
        if method == "POST":
            length = int(self.headers.get("Content-Length") or 0)
            if length > MAX_BODY:
                self._send(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, b"Too large", "text/plain; charset=utf-8", staff_headers())
                self.close_connection = True
                return
            body = self.rfile.read(length)
        try:
            answer = self.staff.handle(method, self.path, self.headers, body)
        except Exception:  # noqa: BLE001 - the store is down or broken: say so, log the details
            logger.exception("The staff page failed")
            self._send(HTTPStatus.SERVICE_UNAVAILABLE, b"The conversation store cannot be read right now.",
                       "text/plain; charset=utf-8", staff_headers())
            return
        self._send(answer.status, answer.body, answer.content_type, {**staff_headers(), **answer.headers})

    def _send(self, status: HTTPStatus, body: bytes, content_type: str, headers: Optional[Dict[str, str]] = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for key, value in (headers if headers is not None else security_headers(self.bot_url)).items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - signature of the base class
        """Log requests at DEBUG only: paths are not sensitive, but the console stays quiet."""
        logger.debug(format, *args)


def make_server(host: str, port: int, bot_url: str, content_dir: Path = settings.CONTENT_DIR,
                staff: Optional[StaffSite] = None) -> ThreadingHTTPServer:
    """Return a server for the demo page and the widget's files, and the staff page if given (call ``serve_forever`` on it).

    The emergency numbers are read from ``content_dir`` (default ``data/content``) now, so a broken or
    incomplete resource table stops the server here rather than serving a widget without them.
    """
    lines = read_widget_lines(content_dir)
    render_file("widget.js", bot_url, lines)  # fails now, not on the first visitor, if widget.js cannot take them
    return ThreadingHTTPServer((host, port), partial(WidgetHandler, bot_url=bot_url.rstrip("/"), lines=lines, staff=staff))


def write_files(out_dir: Path, content_dir: Path = settings.CONTENT_DIR) -> None:
    """Write widget.js (with the emergency numbers) and widget.css to ``out_dir``, for a site that hosts them itself."""
    lines = read_widget_lines(content_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    for name in ("widget.js", "widget.css"):
        (out_dir / name).write_bytes(render_file(name, "", lines))
