"""The inbound gate every channel shares: cleaning, length cap, rate limits that never block a crisis."""

from __future__ import annotations

import asyncio

from bot.channels.dedupe import SeenDeliveries
from bot.channels.inbound import InboundGate
from bot.channels.rate_limit import RateLimiter, SenderAndAddressLimits
from bot.channels.replies import EMPTY_MESSAGE_TEXT, RATE_LIMITED_TEXT


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def gate(per_sender: int = 3, per_ip: int = 100, clock=None) -> InboundGate:
    return InboundGate(SenderAndAddressLimits(per_sender, per_ip, clock=clock or FakeClock()))


def test_limit_allows_up_to_the_limit_per_minute_then_recovers():
    clock = FakeClock()
    limiter = RateLimiter(3, clock=clock)
    assert [limiter.allow("a") for _ in range(4)] == [True, True, True, False]
    assert limiter.allow("b")  # another sender is not affected
    clock.now += 61
    assert limiter.allow("a")


def test_zero_turns_the_limit_off():
    limiter = RateLimiter(0)
    assert all(limiter.allow("a") for _ in range(1000))


def test_over_the_limit_gets_a_polite_reply_with_emergency_numbers():
    g = gate(per_sender=2)
    assert g.admit("hi", "u").text == "hi"
    assert g.admit("what is detox", "u").text == "what is detox"
    held = g.admit("and methadone?", "u")
    assert held.text is None and held.rate_limited and held.notes == [RATE_LIMITED_TEXT]
    assert "911" in RATE_LIMITED_TEXT and "988" in RATE_LIMITED_TEXT


def test_a_crisis_message_is_never_held_back_by_the_limit():
    g = gate(per_sender=1)
    g.admit("hi", "u")
    assert g.admit("ok", "u").rate_limited
    crisis = g.admit("my friend overdosed and is not breathing", "u")
    assert crisis.text == "my friend overdosed and is not breathing" and not crisis.rate_limited


def test_address_limit_covers_many_senders_from_one_address():
    g = gate(per_sender=100, per_ip=3)
    results = [g.admit("hello", f"sender-{i}", "10.0.0.1").rate_limited for i in range(4)]
    assert results == [False, False, False, True]
    assert not g.admit("hello", "sender-x", "10.0.0.2").rate_limited


def test_empty_and_control_only_messages_get_a_prompt_and_do_not_count():
    g = gate(per_sender=1)
    for raw in ["", "   ", "\x00\x07\x1b"]:
        assert g.admit(raw, "u").notes == [EMPTY_MESSAGE_TEXT]
    assert g.admit("hi", "u").text == "hi"  # the empty ones did not use up the allowance


def test_long_message_is_cut_with_a_note():
    g = gate()
    admitted = g.admit("a" * 5000, "u")
    assert len(admitted.text) == 2000 and "first 2000 characters" in admitted.notes[0]


def test_deliveries_are_recognised_once_locally_and_in_redis():
    import uuid

    local = SeenDeliveries("test")
    assert asyncio.run(local.first_time("e1")) is True
    assert asyncio.run(local.first_time("e1")) is False
    key = f"e-{uuid.uuid4()}"

    async def twice():
        shared_a = SeenDeliveries("test", "redis://127.0.0.1:6379/0")
        shared_b = SeenDeliveries("test", "redis://127.0.0.1:6379/0")  # another replica
        return await shared_a.first_time(key), await shared_b.first_time(key)

    assert asyncio.run(twice()) == (True, False)


def test_deliveries_fall_back_to_memory_when_redis_is_unreachable():
    seen = SeenDeliveries("test", "redis://127.0.0.1:1/0")
    assert asyncio.run(seen.first_time("x")) is True
    assert asyncio.run(seen.first_time("x")) is False


def test_the_channels_own_replies_follow_a_spanish_message():
    from bot.channels.inbound import failure_reply

    gate = InboundGate(max_chars=40)
    note = gate.prepare("hola, quiero saber como funciona la metadona para mi hijo por favor").notes[0]
    assert note.startswith("Su mensaje era largo, así que leí los primeros 40 caracteres")
    reply = failure_reply("quiero saber como funciona la metadona para mi hijo")
    assert reply.startswith("Lo siento") and "1-800-662-4357" in reply and "911" in reply and "988" in reply
    assert failure_reply("how does methadone work for my son").startswith("Sorry")


def test_the_gates_notes_in_spanish_for_a_spanish_client():
    from bot.channels.replies import empty_message_text, rate_limited_text

    g = gate(per_sender=1)
    assert g.admit(" ", "u", lang="es").notes == [empty_message_text("es")]
    g.admit("hola", "u", lang="es")
    held = g.admit("y la metadona?", "u", lang="es")
    assert held.rate_limited and held.notes == [rate_limited_text("es")]
    assert held.notes[0].startswith("Está mandando mensajes") and "911" in held.notes[0] and "988" in held.notes[0]
