"""Bad input at every entry point of a running bot (REST, Slack, Telegram): a clear reply or a clean 4xx,
never a 5xx, never silence; random payloads (hypothesis) lose no conversation. Secrets never reach the log."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
import uuid

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.channels.replies import EMPTY_MESSAGE_TEXT
from tests.bot.channels.conftest import SLACK_SECRET, TELEGRAM_SECRET, TELEGRAM_TOKEN
from tests.bot.channels.test_slack import dm_event, posted, sign
from tests.bot.channels.test_telegram import sent

pytestmark = pytest.mark.model

BAD_TEXTS = {
    "empty": "",
    "whitespace": " \n\t ",
    "control characters": "\x00\x07\x1b\x7f",
    "terminal escape": "\x1b[31mhelp\x1b[0m",
    "emoji only": "😢😢😢",
    "html/script": "<script>alert(1)</script><img src=x onerror=alert(2)>",
    "sql injection": "'; DROP TABLE events; --",
    "very long": "withdrawal " * 2000,
    "lone surrogates removed by the client": "caf\u00e9 \u200b\u2028 detox",
}


def http(port: int, path: str, body: bytes, headers: dict):
    """POST and return (status, body text); never raises for HTTP errors."""
    req = urllib.request.Request(f"http://127.0.0.1:{port}{path}", data=body, headers=headers)
    try:
        with urllib.request.urlopen(req, timeout=30) as resp:
            return resp.status, resp.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode("utf-8", "replace")


@pytest.mark.parametrize("kind", list(BAD_TEXTS))
def test_rest_answers_every_bad_text(channel_stack, kind):
    body = json.dumps({"sender": f"bad-{uuid.uuid4().hex[:8]}", "message": BAD_TEXTS[kind]}).encode()
    status, text = http(channel_stack["port"], "/webhooks/rest/webhook", body, {"Content-Type": "application/json"})
    replies = json.loads(text)
    assert status == 200 and replies and all(r["text"] for r in replies)
    if kind in ("empty", "whitespace", "control characters"):
        assert replies[0]["text"] == EMPTY_MESSAGE_TEXT
    if kind == "very long":
        assert "first 2000 characters" in replies[0]["text"]


@pytest.mark.parametrize(
    "body, content_type",
    [(b"\xff\xfe\xfa", "application/json"), (b'{"sender": "x", "message": 5}', "application/json"),
     (b'{"sender": "x", "message": ["a"]}', "application/json"), (b'{"message": "hi"}', "application/json"),
     (b"[]", "application/json"), (b"null", "application/json"), (b"sender=x&message=hi", "application/x-www-form-urlencoded")],
)
def test_rest_refuses_malformed_bodies_with_a_400_and_a_reason(channel_stack, body, content_type):
    status, text = http(channel_stack["port"], "/webhooks/rest/webhook", body, {"Content-Type": content_type})
    assert status == 400 and json.loads(text)["error"]


@pytest.mark.parametrize("kind", ["empty", "emoji only", "html/script", "sql injection", "very long"])
def test_slack_answers_every_bad_text(channel_stack, kind):
    api = channel_stack["api"]
    api.clear()
    body = dm_event(BAD_TEXTS[kind] or " ", f"UBAD{kind[:3]}", f"Ev-bad-{uuid.uuid4().hex}")
    status, _ = http(channel_stack["port"], "/webhooks/slack/webhook", body,
                     {"Content-Type": "application/json; charset=utf-8", **sign(body)})
    assert status == 200
    replies = posted(api.wait_for(lambda c: len(posted(c)) >= 1))
    assert all(m.get("text") for m in replies)
    assert "<script>" not in " ".join(m["text"] for m in replies)  # nothing the user typed comes back as markup


@pytest.mark.parametrize("kind", ["empty", "emoji only", "html/script", "sql injection", "very long"])
def test_telegram_answers_every_bad_text(channel_stack, kind):
    api = channel_stack["api"]
    api.clear()
    chat = 900 + list(BAD_TEXTS).index(kind)
    update = {"update_id": int(uuid.uuid4().int % 10**9), "message": {"message_id": 1, "date": 0, "text": BAD_TEXTS[kind],
                                                                        "chat": {"id": chat, "type": "private"}}}
    status, _ = http(channel_stack["port"], "/webhooks/telegram/webhook", json.dumps(update).encode(),
                     {"Content-Type": "application/json", "X-Telegram-Bot-Api-Secret-Token": TELEGRAM_SECRET})
    assert status == 200
    assert all(m["text"] for m in sent(api.wait_for(lambda c: len(sent(c)) >= 1)))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(st.one_of(st.binary(max_size=200), st.text(max_size=300).map(lambda t: t.encode("utf-8", "surrogatepass")),
                 st.dictionaries(st.sampled_from(["sender", "message", "metadata", "event", "update_id", "x"]),
                                 st.one_of(st.none(), st.integers(), st.text(max_size=50), st.lists(st.integers(), max_size=3)),
                                 max_size=5).map(lambda d: json.dumps(d).encode())))
def test_random_payloads_at_every_webhook_get_no_5xx(channel_stack, body):
    port = channel_stack["port"]
    for path, headers in [
        ("/webhooks/rest/webhook", {"Content-Type": "application/json"}),
        ("/webhooks/slack/webhook", {"Content-Type": "application/json", **sign(body)}),
        ("/webhooks/telegram/webhook", {"Content-Type": "application/json", "X-Telegram-Bot-Api-Secret-Token": TELEGRAM_SECRET}),
    ]:
        status, _ = http(port, path, body, headers)
        assert status < 500, f"{path} answered {status} to {body!r}"


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(st.text(max_size=200))
def test_random_messages_lose_no_conversation(channel_stack, text):
    import sqlite3

    sender = f"prop-{uuid.uuid4().hex[:10]}"
    body = json.dumps({"sender": sender, "message": text}).encode()
    status, replies = http(channel_stack["port"], "/webhooks/rest/webhook", body, {"Content-Type": "application/json"})
    assert status == 200 and json.loads(replies)
    follow = json.dumps({"sender": sender, "message": "what is naloxone"}).encode()
    status, replies = http(channel_stack["port"], "/webhooks/rest/webhook", follow, {"Content-Type": "application/json"})
    assert status == 200 and "Naloxone" in replies
    with sqlite3.connect(channel_stack["work"] / "tracker.db") as db:
        users = db.execute("select count(*) from events where sender_id = ? and type_name = 'user'", (sender,)).fetchone()[0]
    has_text = any(ch.isprintable() and not ch.isspace() for ch in text)
    assert users == (2 if has_text else 1)  # an empty message is answered by the channel and never stored


def test_no_secret_reaches_the_server_log(channel_stack):
    log = (channel_stack["work"] / "rasa.log").read_text(errors="replace")
    for secret in (SLACK_SECRET, TELEGRAM_SECRET, TELEGRAM_TOKEN, "xoxb-test"):
        assert secret not in log


def test_http_api_is_off(channel_stack):
    status, _ = http(channel_stack["port"], "/conversations/someone/messages", b'{"text": "hi", "sender": "user"}',
                     {"Content-Type": "application/json"})
    assert status == 404
