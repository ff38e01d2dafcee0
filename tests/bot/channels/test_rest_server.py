"""The REST channel on a running server: rate limit, body size limit, crisis always answered."""

from __future__ import annotations

import urllib.error
import urllib.request

import pytest

from bot.channels.replies import RATE_LIMITED_TEXT
from tests.bot.channels.conftest import RATE_LIMIT
from tests.servers import post_raw, send, texts

pytestmark = pytest.mark.model


def test_sender_over_the_rate_limit_is_asked_to_wait_but_a_crisis_is_answered(channel_stack):
    port = channel_stack["port"]
    statuses = [post_raw(port, b'{"sender": "flood", "message": "hi"}')[0] for _ in range(RATE_LIMIT)]
    assert statuses == [200] * RATE_LIMIT
    status, body = post_raw(port, b'{"sender": "flood", "message": "what is detox"}')
    assert status == 429 and body[0]["text"] == RATE_LIMITED_TEXT
    crisis = texts(send(port, "flood", "i took too many pills and want to die"))
    assert "988" in crisis or "911" in crisis
    assert "Medical detox" in texts(send(port, "someone-else", "what is detox"))  # others are unaffected


def test_body_over_one_megabyte_gets_413(channel_stack):
    req = urllib.request.Request(
        f"http://127.0.0.1:{channel_stack['port']}/webhooks/rest/webhook", data=b"x" * 2_000_000,
        headers={"Content-Type": "application/json"},
    )
    with pytest.raises(urllib.error.HTTPError) as exc:
        urllib.request.urlopen(req, timeout=30)
    assert exc.value.code == 413
