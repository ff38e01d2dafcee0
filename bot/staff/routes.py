"""The staff page's requests: who may see it, and what each /staff address does.

- Off unless ``STAFF_TOKEN`` is set (``bot/settings.py``): every /staff address is then 404, as if it did not exist.
- Otherwise the token is required (401 and the sign-in form without it). It arrives once through the sign-in form,
  which sets a session cookie (HttpOnly, SameSite=Strict, path /staff, 12 hours) holding a keyed hash of the
  token and the time - never the token itself - or with every request as ``Authorization: Bearer <token>`` (for
  scripts; reading only). Tokens are compared with ``hmac.compare_digest``.
- A POST (label, sign out) needs the cookie and the page's CSRF token (a keyed hash of the cookie), and is refused
  if its Origin header names another site.
- No CORS header is ever sent, so no other origin - the widget's included - can read a /staff response, and
  ``frame-ancestors 'none'`` keeps the page out of frames. The page runs no script: its CSP forbids all.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import re
import time
from dataclasses import dataclass, field
from http import HTTPStatus
from http.cookies import SimpleCookie
from pathlib import Path
from typing import Callable, Dict, List, Mapping, Optional
from urllib.parse import parse_qs, urlsplit

from sqlalchemy.engine import Engine

from bot.staff import export, labels, page, usage

PREFIX = "/staff"
COOKIE = "osb_staff"
SESSION_SECONDS = 12 * 3600
MIN_TOKEN_LENGTH = 16
DEFAULT_DAYS = 30
MAX_DAYS = 366
MAX_BODY = 16_384
CSS = Path(__file__).parent / "static" / "staff.css"
HTML = "text/html; charset=utf-8"
YAML = "application/yaml; charset=utf-8"
_STORY = re.compile(r"^/staff/story/(\d{1,18})\.yml$")


def is_staff_path(path: str) -> bool:
    """True for the addresses this module answers (everything under /staff)."""
    return path == PREFIX or path.startswith(PREFIX + "/")


def security_headers() -> Dict[str, str]:
    """Headers of every /staff response: no script, no framing, no caching, nothing read cross-origin."""
    return {
        "Content-Security-Policy": (
            "default-src 'none'; img-src data:; style-src 'self'; form-action 'self'; "
            "frame-ancestors 'none'; base-uri 'none'"
        ),
        "X-Frame-Options": "DENY",
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "same-origin",  # (no-referrer would make Chromium send "Origin: null" with the forms)
        "Cache-Control": "no-store",
        "Cross-Origin-Resource-Policy": "same-origin",
        "Cross-Origin-Opener-Policy": "same-origin",
    }


@dataclass
class Response:
    """What the widget server sends back."""

    status: HTTPStatus
    body: bytes = b""
    content_type: str = "text/plain; charset=utf-8"
    headers: Dict[str, str] = field(default_factory=dict)


def _mac(token: str, message: str) -> str:
    return hmac.new(token.encode("utf-8"), message.encode("utf-8"), hashlib.sha256).hexdigest()


class StaffSite:
    """The staff page over one tracker store."""

    def __init__(self, token: str, engine: Engine, threshold: Optional[float] = None,
                 choices: Optional[List[str]] = None, clock: Callable[[], float] = time.time) -> None:
        if len(token) < MIN_TOKEN_LENGTH:
            raise ValueError(f"STAFF_TOKEN must be at least {MIN_TOKEN_LENGTH} characters long")
        self._token = token
        self.engine = engine
        self.threshold = usage.fallback_threshold() if threshold is None else threshold
        self.choices = choices if choices is not None else export.label_choices()
        self.clock = clock

    # --- who is asking -------------------------------------------------------------------------------------
    def _session_value(self) -> str:
        issued = str(int(self.clock()))
        return f"{issued}.{_mac(self._token, 'session:' + issued)}"

    def _valid_session(self, value: Optional[str]) -> bool:
        if not value or "." not in value:
            return False
        issued, mac = value.split(".", 1)
        if not issued.isdigit() or not hmac.compare_digest(mac.encode(), _mac(self._token, "session:" + issued).encode()):
            return False
        return 0 <= self.clock() - int(issued) <= SESSION_SECONDS

    def csrf_for(self, session: str) -> str:
        """The CSRF token that goes with a session cookie."""
        return _mac(self._token, "csrf:" + session)

    @staticmethod
    def _cookie(headers: Mapping[str, str]) -> Optional[str]:
        jar = SimpleCookie()
        try:
            jar.load(headers.get("Cookie") or "")
        except Exception:  # noqa: BLE001 - a malformed cookie header is the same as none
            return None
        return jar[COOKIE].value if COOKIE in jar else None

    def _bearer_ok(self, headers: Mapping[str, str]) -> bool:
        auth = headers.get("Authorization") or ""
        if not auth.startswith("Bearer "):
            return False
        return hmac.compare_digest(auth[7:].strip().encode("utf-8"), self._token.encode("utf-8"))

    # --- dispatch ------------------------------------------------------------------------------------------
    def handle(self, method: str, target: str, headers: Mapping[str, str], body: bytes = b"") -> Response:
        """Answer one request to a /staff address."""
        url = urlsplit(target)
        path, query = url.path, parse_qs(url.query)
        if method == "GET" and path == PREFIX + "/staff.css":
            return Response(HTTPStatus.OK, CSS.read_bytes(), "text/css; charset=utf-8")
        if method == "POST":
            if len(body) > MAX_BODY:
                return Response(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, b"Too large")
            if not self._same_origin(headers):
                return Response(HTTPStatus.FORBIDDEN, b"Forbidden")
            form = {k: v[0] for k, v in parse_qs(body.decode("utf-8", "replace")).items()}
            if path == PREFIX + "/login":
                return self._login(form)
            return self._post(path, headers, form)
        if method != "GET":
            return Response(HTTPStatus.METHOD_NOT_ALLOWED, b"Method not allowed", headers={"Allow": "GET, POST"})
        session = self._cookie(headers)
        if not (self._valid_session(session) or self._bearer_ok(headers)):
            return Response(HTTPStatus.UNAUTHORIZED, page.login_page(period=_period_query(query)).encode(), HTML)
        if path in (PREFIX, PREFIX + "/"):
            period = _period(query, self.clock())
            figures = usage.summarise(self.engine, period, self.threshold)
            csrf = self.csrf_for(session) if session and self._valid_session(session) else ""
            return Response(HTTPStatus.OK, page.staff_page(figures, self.choices, csrf).encode(), HTML)
        if path == PREFIX + "/export.yml":
            return self._export()
        story = _STORY.match(path)
        if story:
            return self._story(int(story.group(1)))
        return Response(HTTPStatus.NOT_FOUND, b"Not found")

    @staticmethod
    def _same_origin(headers: Mapping[str, str]) -> bool:
        """False for a POST a browser says came from another site (Sec-Fetch-Site, else Origin)."""
        fetch_site = headers.get("Sec-Fetch-Site")
        if fetch_site is not None:
            return fetch_site in ("same-origin", "none")
        origin = headers.get("Origin")
        if not origin or origin == "null":
            return True  # no browser word on it: the cookie and the CSRF token still decide
        return urlsplit(origin).netloc == (headers.get("Host") or "")

    def _login(self, form: Dict[str, str]) -> Response:
        given = form.get("token", "")
        period = _period_query(parse_qs(form.get("period", "")))
        if not hmac.compare_digest(given.encode("utf-8"), self._token.encode("utf-8")):
            return Response(HTTPStatus.UNAUTHORIZED, page.login_page("That token is not right.", period).encode(), HTML)
        cookie = f"{COOKIE}={self._session_value()}; Path={PREFIX}; HttpOnly; SameSite=Strict; Max-Age={SESSION_SECONDS}"
        location = f"{PREFIX}?{period}" if period else PREFIX
        return Response(HTTPStatus.SEE_OTHER, b"", headers={"Location": location, "Set-Cookie": cookie})

    def _post(self, path: str, headers: Mapping[str, str], form: Dict[str, str]) -> Response:
        session = self._cookie(headers)
        if not self._valid_session(session):
            return Response(HTTPStatus.UNAUTHORIZED, page.login_page().encode(), HTML)
        if not hmac.compare_digest(form.get("csrf", "").encode(), self.csrf_for(session or "").encode()):
            return Response(HTTPStatus.FORBIDDEN, b"The form has expired: reload the page and try again.")
        if path == PREFIX + "/logout":
            return Response(HTTPStatus.SEE_OTHER, b"", headers={
                "Location": PREFIX, "Set-Cookie": f"{COOKIE}=; Path={PREFIX}; HttpOnly; SameSite=Strict; Max-Age=0"})
        if path == PREFIX + "/label":
            intent, event = form.get("intent", ""), form.get("event", "")
            if not event.isdigit() or intent not in {labels.NOT_FOR_US, *self.choices}:
                return Response(HTTPStatus.BAD_REQUEST, b"Choose an intent from the list.")
            if not labels.save_label(self.engine, int(event), intent):
                return Response(HTTPStatus.NOT_FOUND, b"That message is no longer stored.")
            back = f"{PREFIX}?from={_date_or_empty(form.get('from'))}&to={_date_or_empty(form.get('to'))}#m{event}"
            return Response(HTTPStatus.SEE_OTHER, b"", headers={"Location": back})
        return Response(HTTPStatus.NOT_FOUND, b"Not found")

    def _export(self) -> Response:
        pending = export.new_examples([(m.text, intent) for m, intent, _ in usage.labelled_messages(self.engine)],
                                      allowed=self.choices)
        return Response(HTTPStatus.OK, export.render_nlu(pending).encode(), YAML,
                        {"Content-Disposition": 'attachment; filename="reviewed.yml"'})

    def _story(self, event_id: int) -> Response:
        message = usage.user_message(self.engine, event_id)
        if message is None:
            return Response(HTTPStatus.NOT_FOUND, b"That message is no longer stored.")
        events = usage.conversation_events(self.engine, message.sender_id)
        marks = labels.labels_by_event(self.engine, [i for i, _ in events])
        return Response(HTTPStatus.OK, export.render_story(message.sender_id, events, marks).encode(), YAML,
                        {"Content-Disposition": f'attachment; filename="story-{event_id}.yml"'})


def _period_query(query: Dict[str, List[str]]) -> str:
    """``from=...&to=...`` of a query, dates checked (so nothing else rides along through the sign-in)."""
    first, last = _date_or_empty(query.get("from", [""])[0]), _date_or_empty(query.get("to", [""])[0])
    return f"from={first}&to={last}" if first and last else ""


def _date_or_empty(value: Optional[str]) -> str:
    try:
        return dt.date.fromisoformat(value or "").isoformat()
    except ValueError:
        return ""


def _period(query: Dict[str, List[str]], now: float) -> usage.Period:
    """The period asked for (?from=YYYY-MM-DD&to=YYYY-MM-DD); the last 30 days when missing or not valid."""
    today = dt.datetime.fromtimestamp(now, dt.timezone.utc).date()
    try:
        last = dt.date.fromisoformat(query.get("to", [""])[0]) if query.get("to", [""])[0] else today
        first = dt.date.fromisoformat(query["from"][0]) if query.get("from", [""])[0] else last - dt.timedelta(days=DEFAULT_DAYS - 1)
    except ValueError:
        return usage.Period.last_days(DEFAULT_DAYS, today)
    if first > last or (last - first).days >= MAX_DAYS:
        return usage.Period.last_days(DEFAULT_DAYS, today)
    return usage.Period(first, last)


def site_from_settings() -> Optional[StaffSite]:
    """The staff page for the configured tracker store, or None when ``STAFF_TOKEN`` is not set."""
    from bot import settings
    from bot.content.db import create_db_engine

    token = settings.staff_token()
    if not token:
        return None
    return StaffSite(token, create_db_engine(settings.tracker_url()))
