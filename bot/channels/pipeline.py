"""The one path every channel takes: the verified-webhook guard, then admit -> process -> reply if silent.

A channel (REST, Slack, Telegram, the next one) is then three things of its own: a parser that finds the
sender and the text in the service's request, a verifier of the service's signature or secret, and a sender
of replies. Everything a person notices about a turn is decided here, once:

- a webhook that is off answers 404, a bad signature 401, a body that is not a JSON object 400, and a delivery
  already handled (a retry) is not processed twice;
- the text is cleaned, capped and rate-limited (``bot/channels/inbound.py``), and the notes that go with that
  ("your message was long...") are sent first;
- if processing fails, or the conversation could not be read or saved (``bot/turn_status.py``), or nothing was
  said at all, the person still gets an answer: emergency guidance when the safety net sees a crisis, else a
  "please try again" with the helpline, 911 and 988.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from typing import Any, Awaitable, Callable, Dict, Optional, Union

from rasa.core.channels.channel import OutputChannel, UserMessage
from sanic import response
from sanic.response import HTTPResponse

from bot.channels.inbound import Inbound, InboundGate, failure_reply, is_crisis
from bot.nlu.language import client_language
from bot.turn_status import begin_turn, store_failed_this_turn

logger = logging.getLogger(__name__)

OnNewMessage = Callable[[UserMessage], Awaitable[Any]]
SendText = Callable[[str], Awaitable[None]]


class RequestProblem(ValueError):
    """The request cannot be processed; the message says why (sent back with status 400)."""


def json_object(body: bytes) -> Dict[str, Any]:
    """Return the body as a JSON object, or raise RequestProblem."""
    try:
        payload = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise RequestProblem("The body must be JSON.") from None
    if not isinstance(payload, dict):
        raise RequestProblem("The body must be a JSON object.")
    return payload


def guard(enabled: bool, authentic: Callable[[], bool], service: str, secret: str) -> Optional[HTTPResponse]:
    """The verified-webhook guard: 404 while the channel is off, 401 on a bad signature, else None (go on)."""
    if not enabled:
        return response.json({"error": f"{service} is not configured on this server."}, status=404)
    if not authentic():
        return response.json({"error": f"Invalid {secret}."}, status=401)
    return None


@dataclass
class Turn:
    """How a turn ended: what the gate made of the text, and whether a reply of our own replaced the bot's."""

    admitted: Inbound
    fallback_sent: bool = False
    store_failed: bool = False


async def run_turn(
    gate: InboundGate,
    on_new_message: OnNewMessage,
    *,
    text: str,
    sender: str,
    out: OutputChannel,
    send_text: SendText,
    replied: Callable[[], bool],
    input_channel: str,
    address: Optional[str] = None,
    metadata: Optional[Dict[str, Any]] = None,
    admitted: Union[Inbound, None] = None,
) -> Turn:
    """Admit ``text``, send the gate's notes, let Rasa answer through ``out``, and reply ourselves if it was silent.

    ``replied`` says whether Rasa sent anything through ``out``; ``send_text`` sends one text of our own.
    Our own texts are in the client's language when its ``metadata`` names one (the website widget's).
    """
    lang = client_language(metadata)
    admitted = admitted or gate.admit(text, sender, address, lang)
    for note in admitted.notes:
        await send_text(note)
    turn = Turn(admitted)
    if admitted.text is None:
        return turn
    begin_turn()
    try:
        await on_new_message(UserMessage(admitted.text, out, sender, input_channel=input_channel, metadata=metadata))
    except Exception:  # noqa: BLE001 - whatever failed, the user still gets an answer below
        logger.exception("Processing a message failed (%s)", input_channel)
    if store_failed_this_turn() and not is_crisis(admitted.text):
        # The conversation could not be read or saved: an answer out of context would confuse.
        turn.store_failed = True
    if turn.store_failed or not replied():
        if not replied():
            logger.warning("No reply was produced for a message (%s); sending the fallback reply", input_channel)
        await send_text(failure_reply(admitted.text, lang))
        turn.fallback_sent = True
    return turn
