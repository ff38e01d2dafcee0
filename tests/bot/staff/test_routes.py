"""/staff on the real widget server: off without STAFF_TOKEN, refused without the token, signed in by a form that
sets a strict cookie, labels only with the cookie and the CSRF token, and never readable from another origin."""

from __future__ import annotations

import http.client
import re
import threading
from typing import Dict, Iterator, Optional, Tuple
from urllib.parse import urlencode

import pytest

from bot.staff.labels import labels_by_event
from bot.staff.routes import StaffSite, site_from_settings
from bot.widget.server import make_server
from tests.bot.staff.conversations import DAY1, PERIOD
from tests.servers import free_port

TOKEN = "correct-horse-battery-staple-42"
QUERY = f"?from={PERIOD.first.isoformat()}&to={PERIOD.last.isoformat()}"


class Site:
    """The widget server on a free port, with or without the staff page."""

    def __init__(self, staff: Optional[StaffSite]) -> None:
        self.port = free_port()
        self.server = make_server("127.0.0.1", self.port, "http://127.0.0.1:1", staff=staff)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def request(self, method: str, path: str, body: Optional[Dict[str, str]] = None,
                headers: Optional[Dict[str, str]] = None) -> Tuple[int, http.client.HTTPMessage, str]:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        data = urlencode(body).encode() if body is not None else None
        hdrs = {"Content-Type": "application/x-www-form-urlencoded"} if data is not None else {}
        conn.request(method, path, body=data, headers={**hdrs, **(headers or {})})
        resp = conn.getresponse()
        text = resp.read().decode("utf-8", "replace")
        conn.close()
        return resp.status, resp.headers, text

    def sign_in(self) -> str:
        status, headers, _ = self.request("POST", "/staff/login", {"token": TOKEN})
        assert status == 303
        return headers["Set-Cookie"].split(";", 1)[0]

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


CHOICES = ["ask_cost", "ask_methadone", "greet"]


@pytest.fixture(scope="module")
def site(shared_sqlite) -> Iterator[Site]:
    """The staff page over a store the tests only read."""
    s = Site(StaffSite(TOKEN, shared_sqlite.engine, threshold=0.25, choices=CHOICES))
    yield s
    s.close()


@pytest.fixture
def labelling_site(filled_sqlite) -> Iterator[Site]:
    """The staff page over a fresh store, for a test that labels."""
    s = Site(StaffSite(TOKEN, filled_sqlite.engine, threshold=0.25, choices=CHOICES))
    s.filled = filled_sqlite
    yield s
    s.close()


def test_without_staff_token_there_is_no_staff_page(monkeypatch):
    monkeypatch.delenv("STAFF_TOKEN", raising=False)
    assert site_from_settings() is None
    s = Site(None)
    try:
        for method, path in (("GET", "/staff"), ("GET", "/staff/export.yml"), ("POST", "/staff/login")):
            status, _, _ = s.request(method, path, {"token": TOKEN} if method == "POST" else None)
            assert status == 404, path
        assert s.request("GET", "/widget.js")[0] == 200  # the widget itself is unchanged
    finally:
        s.close()


def test_a_short_token_is_refused_at_start(tmp_path):
    from bot.content.db import create_db_engine

    with pytest.raises(ValueError, match="at least 16"):
        StaffSite("short", create_db_engine(f"sqlite:///{tmp_path / 'x.db'}"), threshold=0.25, choices=[])


def test_without_the_token_every_staff_address_answers_401_with_the_sign_in_form(site):
    for path in ("/staff", "/staff/" + QUERY, "/staff/export.yml", "/staff/story/1.yml"):
        status, _, body = site.request("GET", path)
        assert status == 401, path
        assert 'action="/staff/login"' in body and "conversations" not in body
    assert site.request("GET", "/staff", headers={"Authorization": "Bearer not-the-token-at-all"})[0] == 401
    assert site.request("GET", "/staff", headers={"Cookie": "osb_staff=1700000000.forged"})[0] == 401
    status, _, body = site.request("POST", "/staff/login", {"token": "wrong-token-wrong-token"})
    assert status == 401 and "That token is not right." in body


def test_signing_in_sets_a_strict_cookie_and_shows_the_page(site):
    status, headers, _ = site.request("POST", "/staff/login", {"token": TOKEN})
    assert status == 303 and headers["Location"] == "/staff"
    cookie = headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie and "Path=/staff" in cookie
    assert TOKEN not in cookie  # a keyed hash, not the token
    status, _, body = site.request("GET", "/staff" + QUERY, headers={"Cookie": cookie.split(";", 1)[0]})
    assert status == 200
    assert body.count('<img class="chart" src="data:image/svg+xml;base64,') == 7
    assert "can someone call me back at [phone] about my brother" in body and "617-555-0100" not in body
    assert "Review queue" in body and 'name="csrf"' in body


def test_a_bearer_token_reads_the_page(site):
    status, _, body = site.request("GET", "/staff" + QUERY, headers={"Authorization": f"Bearer {TOKEN}"})
    assert status == 200 and "Crisis replies per day" in body


def test_counts_under_five_are_shown_as_less_than_five_in_tables(site):
    _, _, body = site.request("GET", "/staff" + QUERY, headers={"Authorization": f"Bearer {TOKEN}"})
    topics = body[body.index('id="topics"'):body.index('id="missed"')]
    assert re.search(r"<th scope=\"row\">ask_naloxone</th><td>6</td>", topics)
    assert re.search(r"<th scope=\"row\">ask_methadone</th><td>&lt; 5</td>", topics)
    volume = body[body.index('id="volume"'):body.index('id="topics"')]
    assert f'<th scope="row">{DAY1.isoformat()}</th><td>&lt; 5</td><td>5</td>' in volume  # 2 conversations, 5 messages


def test_labelling_needs_the_cookie_and_the_csrf_token(labelling_site):
    site = labelling_site
    cookie = site.sign_in()
    _, _, body = site.request("GET", "/staff" + QUERY, headers={"Cookie": cookie})
    csrf = re.search(r'name="csrf" value="([0-9a-f]+)"', body).group(1)
    event = int(re.search(r'name="event" value="(\d+)"', body).group(1))
    form = {"event": str(event), "intent": "greet", "from": PERIOD.first.isoformat(), "to": PERIOD.last.isoformat()}

    assert site.request("POST", "/staff/label", {**form, "csrf": csrf})[0] == 401  # no cookie
    assert site.request("POST", "/staff/label", {**form, "csrf": csrf},
                        headers={"Authorization": f"Bearer {TOKEN}"})[0] == 401  # a bearer token cannot post
    assert site.request("POST", "/staff/label", {**form, "csrf": "0" * 64}, headers={"Cookie": cookie})[0] == 403
    assert site.request("POST", "/staff/label", {**form, "csrf": csrf},
                        headers={"Cookie": cookie, "Origin": "http://evil.example"})[0] == 403
    assert site.request("POST", "/staff/label", {**form, "intent": "no_such_intent", "csrf": csrf},
                        headers={"Cookie": cookie})[0] == 400
    assert labels_by_event(site.filled.engine, [event]) == {}

    status, headers, _ = site.request("POST", "/staff/label", {**form, "csrf": csrf}, headers={"Cookie": cookie})
    assert status == 303 and headers["Location"].endswith(f"#m{event}")
    assert labels_by_event(site.filled.engine, [event]) == {event: "greet"}
    _, _, body = site.request("GET", "/staff" + QUERY, headers={"Cookie": cookie})
    assert "labelled greet" in body and "1 labelled" in body


def test_no_other_origin_can_read_or_frame_the_staff_page(site):
    status, headers, _ = site.request("GET", "/staff" + QUERY, headers={
        "Authorization": f"Bearer {TOKEN}", "Origin": "http://127.0.0.1:8080"})
    assert status == 200
    assert not [h for h in headers if h.lower().startswith("access-control-")]
    csp = headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in csp and "script-src" not in csp and "default-src 'none'" in csp
    assert headers["X-Frame-Options"] == "DENY" and headers["Cache-Control"] == "no-store"
    assert site.request("OPTIONS", "/staff", headers={"Origin": "http://127.0.0.1:8080",
                                                      "Access-Control-Request-Method": "POST"})[0] >= 400


def test_signing_out_clears_the_cookie(site):
    cookie = site.sign_in()
    _, _, body = site.request("GET", "/staff" + QUERY, headers={"Cookie": cookie})
    csrf = re.search(r'name="csrf" value="([0-9a-f]+)"', body).group(1)
    status, headers, _ = site.request("POST", "/staff/logout", {"csrf": csrf}, headers={"Cookie": cookie})
    assert status == 303 and "Max-Age=0" in headers["Set-Cookie"]


def test_the_session_expires_after_twelve_hours(shared_sqlite):
    now = [1_700_000_000.0]
    s = Site(StaffSite(TOKEN, shared_sqlite.engine, threshold=0.25, choices=[], clock=lambda: now[0]))
    try:
        cookie = s.sign_in()
        assert s.request("GET", "/staff/export.yml", headers={"Cookie": cookie})[0] == 200
        now[0] += 12 * 3600 + 1
        assert s.request("GET", "/staff/export.yml", headers={"Cookie": cookie})[0] == 401
    finally:
        s.close()


def test_a_queued_message_links_its_conversation_as_a_test_story(site):
    auth = {"Authorization": f"Bearer {TOKEN}"}
    _, _, body = site.request("GET", "/staff" + QUERY, headers=auth)
    link = re.search(r'href="(/staff/story/\d+\.yml)"', body).group(1)
    status, headers, story = site.request("GET", link, headers=auth)
    assert status == 200 and headers["Content-Disposition"].startswith("attachment")
    assert "stories:" in story and "- action: " in story
    assert site.request("GET", "/staff/story/999999.yml", headers=auth)[0] == 404


def test_a_period_that_makes_no_sense_falls_back_to_the_last_30_days():
    from bot.staff.routes import _period
    from bot.staff.usage import Period

    now = 1_741_000_000.0  # 2025-03-03 UTC
    last_30 = Period.last_days(30, PERIOD.first)
    assert _period({"from": ["yesterday"], "to": ["2020-13-45"]}, now) == last_30
    assert _period({"from": ["2025-03-09"], "to": ["2025-03-03"]}, now) == last_30  # backwards
    assert _period({"from": ["2020-01-01"], "to": ["2025-03-03"]}, now) == last_30  # over a year
    assert _period({"from": ["2025-03-03"], "to": ["2025-03-09"]}, now) == PERIOD
