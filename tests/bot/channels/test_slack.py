"""Slack: signed events are answered through the Web API, unsigned ones get 401, retries are ignored."""

from __future__ import annotations

import hashlib
import hmac
import json
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest

from bot.channels.slack import slack_escape
from tests.bot.channels.conftest import SLACK_SECRET


def sign(body: bytes, secret: str = SLACK_SECRET, timestamp: int | None = None) -> dict:
    """Headers Slack would send with ``body``."""
    ts = str(int(time.time()) if timestamp is None else timestamp)
    digest = hmac.new(secret.encode(), f"v0:{ts}:".encode() + body, hashlib.sha256).hexdigest()
    return {"X-Slack-Request-Timestamp": ts, "X-Slack-Signature": f"v0={digest}"}


def post(port: int, body: bytes, headers: dict, content_type: str = "application/json; charset=utf-8"):
    """POST to the Slack webhook; return (status, body text)."""
    req = urllib.request.Request(
        f"http://127.0.0.1:{port}/webhooks/slack/webhook", data=body, headers={"Content-Type": content_type, **headers}
    )
    try:
        with urllib.request.urlopen(req, timeout=30) as resp:
            return resp.status, resp.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode()


def dm_event(text: str, user: str, event_id: str) -> bytes:
    """A direct message event as the Events API delivers it."""
    return json.dumps({
        "type": "event_callback", "event_id": event_id, "team_id": "T1",
        "authorizations": [{"user_id": "UBOT"}],
        "event": {"type": "message", "channel_type": "im", "channel": "D42", "user": user, "text": text, "ts": "1.1"},
    }).encode()


def posted(calls):
    """The chat.postMessage calls, in order."""
    return [c["fields"] for c in calls if c["method"] == "chat.postMessage"]


def test_mrkdwn_characters_are_escaped():
    assert slack_escape("<script>&") == "&lt;script&gt;&amp;"



@pytest.mark.model
def test_signed_question_is_answered_with_text_and_buttons(channel_stack):
    api = channel_stack["api"]
    api.clear()
    body = dm_event("what is narcan", "U1", "Ev1")
    status, _ = post(channel_stack["port"], body, sign(body))
    assert status == 200
    calls = api.wait_for(lambda c: any("blocks" in m for m in posted(c)))
    message = next(m for m in posted(calls) if "blocks" in m)
    assert message["channel"] == "D42"
    assert "Naloxone (Narcan) reverses an opioid overdose" in message["text"]
    titles = [e["text"]["text"] for e in message["blocks"][1]["elements"]]
    assert "Tell me more" in titles


@pytest.mark.model
def test_crisis_message_gets_911_and_988_numbers(channel_stack):
    api = channel_stack["api"]
    api.clear()
    body = dm_event("my son isnt breathing after using heroin", "U2", "Ev2")
    assert post(channel_stack["port"], body, sign(body))[0] == 200
    calls = api.wait_for(lambda c: "awake and breathing now?" in " ".join(m.get("text", "") for m in posted(c)))
    text = " ".join(m.get("text", "") for m in posted(calls))
    assert "911" in text and "naloxone" in text.lower()


@pytest.mark.model
def test_bad_or_missing_signature_gets_401_and_nothing_is_sent(channel_stack):
    api = channel_stack["api"]
    api.clear()
    body = dm_event("what is detox", "U3", "Ev3")
    assert post(channel_stack["port"], body, sign(body, secret="wrong"))[0] == 401
    assert post(channel_stack["port"], body, {})[0] == 401
    stale = sign(body, timestamp=int(time.time()) - 3600)  # a replayed old request
    assert post(channel_stack["port"], body, stale)[0] == 401
    time.sleep(2)
    assert posted(api.calls) == []


@pytest.mark.model
def test_a_retry_of_the_same_event_is_answered_once(channel_stack):
    api = channel_stack["api"]
    api.clear()
    body = dm_event("what is methadone", "U4", "Ev4")
    assert post(channel_stack["port"], body, sign(body))[0] == 200
    api.wait_for(lambda c: len(posted(c)) >= 1)
    status, _ = post(channel_stack["port"], body, {**sign(body), "X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_timeout"})
    assert status == 200
    time.sleep(3)
    answers = [m for m in posted(api.calls) if "Methadone" in m.get("text", "")]
    assert len(answers) == 1


@pytest.mark.model
def test_url_verification_and_button_click(channel_stack):
    port, api = channel_stack["port"], channel_stack["api"]
    body = json.dumps({"type": "url_verification", "challenge": "abc123"}).encode()
    status, text = post(port, body, sign(body))
    assert status == 200 and json.loads(text) == {"challenge": "abc123"}
    api.clear()
    payload = {"type": "block_actions", "user": {"id": "U5"}, "channel": {"id": "D5"},
               "actions": [{"type": "button", "value": "/ask_naloxone"}], "message": {"ts": "2.2"}}
    form = urllib.parse.urlencode({"payload": json.dumps(payload)}).encode()
    status, _ = post(port, form, sign(form), content_type="application/x-www-form-urlencoded")
    assert status == 200
    calls = api.wait_for(lambda c: any("Naloxone" in m.get("text", "") for m in posted(c)))
    assert any(m["channel"] == "D5" for m in posted(calls))


@pytest.mark.model
def test_broken_json_gets_400(channel_stack):
    body = b"{not json"
    assert post(channel_stack["port"], body, sign(body))[0] == 400


@pytest.mark.model
def test_a_spanish_message_is_answered_in_spanish_with_spanish_buttons(channel_stack):
    api = channel_stack["api"]
    api.clear()
    body = dm_event("que es el narcan y donde lo consigo", "U9", "Ev9")
    assert post(channel_stack["port"], body, sign(body))[0] == 200
    calls = api.wait_for(lambda c: any("blocks" in m for m in posted(c)))
    message = next(m for m in posted(calls) if "blocks" in m)
    assert "Fuentes:" in message["text"] and "Sources:" not in message["text"]
    titles = [e["text"]["text"] for e in message["blocks"][1]["elements"]]
    assert "Quiero saber más" in titles and "Tell me more" not in titles
    api.clear()
    body = dm_event("ya no quiero vivir, tengo todas las pastillas aqui", "U10", "Ev10")
    assert post(channel_stack["port"], body, sign(body))[0] == 200
    calls = api.wait_for(lambda c: "988" in " ".join(m.get("text", "") for m in posted(c)))
    text = " ".join(m.get("text", "") for m in posted(calls))
    assert "911" in text and "988" in text and "AYUDA" in text
