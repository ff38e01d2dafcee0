"""Telegram: updates with the secret token are answered through the Bot API, others get 401."""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request

import pytest

from bot.channels.telegram import split_for_telegram
from tests.bot.channels.conftest import TELEGRAM_SECRET


def post(port: int, update: dict | bytes, secret: str | None = TELEGRAM_SECRET):
    """POST an update to the Telegram webhook; return (status, body)."""
    body = update if isinstance(update, bytes) else json.dumps(update).encode()
    headers = {"Content-Type": "application/json"}
    if secret is not None:
        headers["X-Telegram-Bot-Api-Secret-Token"] = secret
    req = urllib.request.Request(f"http://127.0.0.1:{port}/webhooks/telegram/webhook", data=body, headers=headers)
    try:
        with urllib.request.urlopen(req, timeout=30) as resp:
            return resp.status, resp.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode()


def message(update_id: int, chat: int, text: str) -> dict:
    """A text message update."""
    return {"update_id": update_id, "message": {"message_id": update_id, "date": 0, "text": text,
                                                  "chat": {"id": chat, "type": "private"}, "from": {"id": chat, "is_bot": False, "first_name": "A"}}}


def sent(calls):
    """The sendMessage calls, in order."""
    return [c["fields"] for c in calls if c["method"] == "sendMessage"]


def test_long_text_is_split_at_line_breaks_under_the_limit():
    text = ("line of text\n" * 600).strip()
    pieces = split_for_telegram(text, limit=4096)
    assert len(pieces) == 2 and all(len(p) <= 4096 for p in pieces)
    assert "\n".join(pieces) == text


@pytest.mark.model
def test_question_is_answered_with_an_inline_keyboard(channel_stack):
    api = channel_stack["api"]
    api.clear()
    assert post(channel_stack["port"], message(1001, 77, "what is suboxone"))[0] == 200
    calls = api.wait_for(lambda c: any("reply_markup" in m for m in sent(c)))
    reply = next(m for m in sent(calls) if "reply_markup" in m)
    assert reply["chat_id"] == "77"
    assert "Buprenorphine" in " ".join(m["text"] for m in sent(calls))
    keyboard = json.loads(reply["reply_markup"])["inline_keyboard"]
    assert ["Tell me more"] in [[b["text"] for b in row] for row in keyboard]
    assert all(len(row) == 1 for row in keyboard)  # one button per row


@pytest.mark.model
def test_button_press_is_processed_and_acknowledged(channel_stack):
    api = channel_stack["api"]
    api.clear()
    update = {"update_id": 1002, "callback_query": {"id": "cb1", "data": "/ask_naloxone", "chat_instance": "x",
                                                    "from": {"id": 78, "is_bot": False, "first_name": "A"},
                                                    "message": {"message_id": 5, "date": 0, "chat": {"id": 78, "type": "private"}}}}
    assert post(channel_stack["port"], update)[0] == 200
    calls = api.wait_for(lambda c: any("Naloxone" in m.get("text", "") for m in sent(c)))
    assert any(c["method"] == "answerCallbackQuery" for c in calls)


@pytest.mark.model
def test_crisis_message_gets_911_and_naloxone(channel_stack):
    api = channel_stack["api"]
    api.clear()
    assert post(channel_stack["port"], message(1003, 79, "my brother overdosed and is turning blue"))[0] == 200
    text = " ".join(m["text"] for m in sent(api.wait_for(lambda c: len(sent(c)) >= 2)))
    assert "911" in text and "naloxone" in text.lower()


@pytest.mark.model
def test_wrong_or_missing_secret_gets_401_and_nothing_is_sent(channel_stack):
    api = channel_stack["api"]
    api.clear()
    assert post(channel_stack["port"], message(1004, 80, "hi"), secret="nope")[0] == 401
    assert post(channel_stack["port"], message(1005, 80, "hi"), secret=None)[0] == 401
    time.sleep(1)
    assert api.calls == []


@pytest.mark.model
def test_repeated_update_is_answered_once_and_stickers_get_a_text_only_note(channel_stack):
    api = channel_stack["api"]
    api.clear()
    update = message(1006, 81, "what is methadone")
    assert post(channel_stack["port"], update)[0] == 200
    assert post(channel_stack["port"], update)[0] == 200
    time.sleep(1)
    assert len([m for m in sent(api.calls) if "Methadone" in m["text"]]) == 1
    api.clear()
    sticker = {"update_id": 1007, "message": {"message_id": 9, "date": 0, "chat": {"id": 82, "type": "private"},
                                              "sticker": {"file_id": "x"}}}
    assert post(channel_stack["port"], sticker)[0] == 200
    assert "only read text" in sent(api.wait_for(lambda c: len(sent(c)) >= 1))[0]["text"]


@pytest.mark.model
def test_broken_json_gets_400(channel_stack):
    assert post(channel_stack["port"], b"{oops")[0] == 400


@pytest.mark.model
def test_a_spanish_question_and_a_spanish_crisis_are_answered_in_spanish(channel_stack):
    api = channel_stack["api"]
    api.clear()
    assert post(channel_stack["port"], message(1101, 91, "que es la metadona y como funciona"))[0] == 200
    calls = api.wait_for(lambda c: any("reply_markup" in m for m in sent(c)))
    reply = next(m for m in sent(calls) if "reply_markup" in m)
    assert "Fuentes:" in reply["text"] and "Sources:" not in reply["text"]
    keyboard = json.loads(reply["reply_markup"])["inline_keyboard"]
    assert ["Quiero saber más"] in [[b["text"] for b in row] for row in keyboard]
    api.clear()
    assert post(channel_stack["port"], message(1102, 92, "mi hermano no respira y tiene los labios morados"))[0] == 200
    text = " ".join(m["text"] for m in sent(api.wait_for(lambda c: len(sent(c)) >= 2)))
    assert "911" in text and "naloxona" in text.lower() and "naloxone" not in text.lower()
