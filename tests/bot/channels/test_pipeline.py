"""The one path every channel takes (bot/channels/pipeline.py): notes first, an answer always, a clean refusal."""

from __future__ import annotations

import json

import pytest
from rasa.core.channels.channel import CollectingOutputChannel

from bot.channels.inbound import InboundGate
from bot.channels.pipeline import RequestProblem, guard, json_object, run_turn
from bot.channels.rate_limit import SenderAndAddressLimits
from bot.channels.replies import CRISIS_FALLBACK_TEXT, NO_REPLY_TEXT
from bot.turn_status import mark_store_failed


def _gate():
    return InboundGate(SenderAndAddressLimits(0, 0), max_chars=50)


async def _turn(text, bot):
    out, ours = CollectingOutputChannel(), []

    async def send(reply):
        ours.append(reply)

    turn = await run_turn(_gate(), bot, text=text, sender="u", out=out, send_text=send,
                          replied=lambda: bool(out.messages), input_channel="test")
    return turn, [m["text"] for m in out.messages], ours


async def test_a_silent_conversation_still_answers_and_a_crisis_gets_emergency_guidance():
    async def silent(_message):
        return None

    _, _, ours = await _turn("what is methadone", silent)
    assert ours == [NO_REPLY_TEXT]
    _, _, ours = await _turn("he is not breathing", silent)
    assert ours == [CRISIS_FALLBACK_TEXT["crisis_overdose"]]


async def test_a_failing_conversation_answers_too():
    async def broken(_message):
        raise RuntimeError("model gone")

    turn, _, ours = await _turn("what is methadone", broken)
    assert turn.fallback_sent and ours == [NO_REPLY_TEXT]


async def test_a_conversation_that_could_not_be_saved_adds_please_try_again_but_a_crisis_answer_stands():
    async def unsaved(message):
        await message.output_channel.send_text_message("u", "an answer out of context")
        mark_store_failed()

    turn, bot, ours = await _turn("what is methadone", unsaved)
    assert turn.store_failed and ours == [NO_REPLY_TEXT]
    turn, bot, ours = await _turn("she overdosed and is not breathing", unsaved)
    assert not turn.store_failed and ours == [] and bot == ["an answer out of context"]


async def test_the_gates_notes_come_first_and_an_empty_message_is_not_processed():
    seen = []

    async def echo(message):
        seen.append(message.text)
        await message.output_channel.send_text_message("u", "ok")

    _, bot, ours = await _turn("withdrawal " * 20, echo)
    assert "first 50 characters" in ours[0] and bot == ["ok"] and len(seen[0]) == 50
    _, bot, ours = await _turn("   ", echo)
    assert len(seen) == 1 and bot == [] and "empty" in ours[0]


@pytest.mark.parametrize("body", [b"{nope", b"\xff", b"[1]", b'"x"'])
def test_a_body_that_is_not_a_json_object_is_refused(body):
    with pytest.raises(RequestProblem):
        json_object(body)


def test_the_guard_refuses_an_off_channel_with_404_and_a_bad_signature_with_401():
    off = guard(False, lambda: True, "Slack", "Slack signature")
    bad = guard(True, lambda: False, "Slack", "Slack signature")
    assert off.status == 404 and "not configured" in json.loads(off.body)["error"]
    assert bad.status == 401 and json.loads(bad.body)["error"] == "Invalid Slack signature."
    assert guard(True, lambda: True, "Slack", "Slack signature") is None
