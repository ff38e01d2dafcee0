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


async def test_the_channels_own_replies_follow_the_clients_language():
    """The Spanish widget says so in its metadata; the channel's own notes are then Spanish too."""
    from bot.channels.replies import empty_message_text, no_reply_text

    EMPTY_MESSAGE_TEXT_ES, NO_REPLY_TEXT_ES = empty_message_text("es"), no_reply_text("es")

    spanish = {"language": "es"}
    replies = await SafeRestInput().answer(await _fake_bot(["x"]), "u", " ", spanish)
    assert replies == [{"recipient_id": "u", "text": EMPTY_MESSAGE_TEXT_ES}]
    replies = await SafeRestInput().answer(await _fake_bot([]), "u", "ok", spanish)
    assert [r["text"] for r in replies] == [NO_REPLY_TEXT_ES]
    assert "1-800-662-4357" in NO_REPLY_TEXT_ES and "911" in NO_REPLY_TEXT_ES and "988" in NO_REPLY_TEXT_ES
    replies = await SafeRestInput().answer(await _fake_bot(["ok"]), "u", "a" * (MAX_MESSAGE_CHARS + 1), spanish)
    assert replies[0]["text"].startswith("Su mensaje era largo") and "2000" in replies[0]["text"]
    # No language, or one we do not speak: English, as before.
    for metadata in (None, {"language": "fr"}):
        replies = await SafeRestInput().answer(await _fake_bot([]), "u", "ok", metadata)
        assert [r["text"] for r in replies] == [NO_REPLY_TEXT]


async def test_a_crisis_keeps_the_language_of_its_words_whatever_the_client_says():
    from bot.channels.replies import CRISIS_FALLBACK_TEXT

    replies = await SafeRestInput().answer(await _fake_bot([]), "u", "my friend is not breathing", {"language": "es"})
    assert replies[-1]["text"] == CRISIS_FALLBACK_TEXT["crisis_overdose"]
