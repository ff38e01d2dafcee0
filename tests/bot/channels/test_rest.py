"""The REST channel: malformed requests get a clean 400, every message gets an answer."""

from __future__ import annotations

import pytest

from bot.channels.replies import EMPTY_MESSAGE_TEXT, MAX_MESSAGE_CHARS, NO_REPLY_TEXT
from bot.channels.inbound import clean_text
from bot.channels.rest import RequestProblem, SafeRestInput, parse_payload


@pytest.mark.parametrize(
    "body",
    [b"{not json", b"\xff\xfe\x00", b"[1, 2]", b'"hi"', b'{"message": "hi"}', b'{"sender": "", "message": "hi"}',
     b'{"sender": "u", "message": 42}', b'{"sender": "u", "message": ["a"]}', b'{"sender": 7, "message": "hi"}'],
)
def test_malformed_bodies_are_refused_with_a_reason(body):
    with pytest.raises(RequestProblem) as exc:
        parse_payload(body)
    assert str(exc.value)


def test_valid_body_is_parsed():
    assert parse_payload(b'{"sender": "u1", "message": "hi", "metadata": {"a": 1}}') == {
        "sender": "u1", "message": "hi", "metadata": {"a": 1}
    }


def test_control_characters_are_dropped():
    assert clean_text("\x00he\x07llo\n\x1b ") == "hello"


async def _fake_bot(replies):
    async def on_new_message(message):
        for r in replies:
            await message.output_channel.send_text_message(message.sender_id, r)
        on_new_message.seen.append(message.text)

    on_new_message.seen = []
    return on_new_message


async def test_empty_message_gets_a_friendly_answer_without_processing():
    bot = await _fake_bot(["should not run"])
    replies = await SafeRestInput().answer(bot, "u", " \n\t ")
    assert replies == [{"recipient_id": "u", "text": EMPTY_MESSAGE_TEXT}]
    assert bot.seen == []


async def test_no_reply_from_the_bot_becomes_the_fallback_reply():
    bot = await _fake_bot([])
    replies = await SafeRestInput().answer(bot, "u", "what is detox")
    assert replies[-1]["text"] == NO_REPLY_TEXT
    assert "1-800-662-4357" in NO_REPLY_TEXT and "911" in NO_REPLY_TEXT and "988" in NO_REPLY_TEXT


async def test_a_crash_inside_the_bot_becomes_the_fallback_reply():
    async def broken(message):
        raise RuntimeError("boom")

    replies = await SafeRestInput().answer(broken, "u", "hello")
    assert [r["text"] for r in replies] == [NO_REPLY_TEXT]


async def test_huge_message_is_answered_and_the_user_is_told():
    bot = await _fake_bot(["ok"])
    replies = await SafeRestInput().answer(bot, "u", "a" * (MAX_MESSAGE_CHARS * 50))
    assert len(bot.seen[0]) == MAX_MESSAGE_CHARS
    assert "first 2000 characters" in replies[0]["text"] and replies[1]["text"] == "ok"
