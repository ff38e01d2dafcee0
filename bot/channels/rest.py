"""REST channel that always answers: clean 400s for malformed requests, a reply for every message."""

from __future__ import annotations

import logging
from typing import Any, Awaitable, Callable, Dict, List, Optional, Text

from rasa.core.channels.channel import UserMessage
from rasa.core.channels.rest import RestInput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.channels.crisis_label import CrisisLabellingOutput, label_fallback
from bot.channels.inbound import Inbound, InboundGate, failure_reply, is_crisis
from bot.turn_status import begin_turn, store_failed_this_turn

logger = logging.getLogger(__name__)
MAX_SENDER_CHARS = 200


class RequestProblem(ValueError):
    """A request the channel cannot process; its message is safe to show to the client."""


def parse_payload(body: bytes) -> Dict[str, Any]:
    """Return {"sender", "message", "metadata"} from a REST body, or raise RequestProblem."""
    import json

    try:
        payload = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise RequestProblem("The body must be JSON: {\"sender\": \"...\", \"message\": \"...\"}.")
    if not isinstance(payload, dict):
        raise RequestProblem("The body must be a JSON object with sender and message.")
    sender, message = payload.get("sender"), payload.get("message")
    if not isinstance(sender, str) or not sender.strip() or len(sender) > MAX_SENDER_CHARS:
        raise RequestProblem(f"'sender' must be a non-empty string of at most {MAX_SENDER_CHARS} characters.")
    if not isinstance(message, str):
        raise RequestProblem("'message' must be a string.")
    metadata = payload.get("metadata")
    return {"sender": sender, "message": message, "metadata": metadata if isinstance(metadata, dict) else None}


def client_address(request: Request) -> Optional[str]:
    """Return the client's address: the proxy-reported one when Sanic trusts a proxy, else the peer's."""
    return request.remote_addr or request.ip or None


def _as_replies(sender: str, texts: List[str]) -> List[Dict[str, Any]]:
    return [{"recipient_id": sender, "text": t} for t in texts]


class SafeRestInput(RestInput):
    """Rasa's REST channel, mounted at the same URL, that never answers a message with silence."""

    def __init__(self, gate: Optional[InboundGate] = None) -> None:
        import bot.rasa_ext  # noqa: F401 - installs our Rasa extensions also when another tracker store is configured
        self.gate = gate or InboundGate()

    @classmethod
    def name(cls) -> Text:
        """Keep the stock URL: /webhooks/rest/webhook."""
        return "rest"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        """Return the health and webhook routes."""
        bp = Blueprint("safe_rest_webhook", __name__)

        @bp.route("/", methods=["GET"])
        async def health(request: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @bp.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            try:
                payload = parse_payload(request.body or b"")
            except RequestProblem as exc:
                return response.json({"error": str(exc)}, status=400)
            admitted = self.gate.admit(payload["message"], payload["sender"], client_address(request))
            if admitted.rate_limited:
                return response.json(_as_replies(payload["sender"], admitted.notes), status=429)
            replies = await self.answer(
                on_new_message, payload["sender"], payload["message"], payload["metadata"], admitted=admitted
            )
            return response.json(replies)

        return bp

    async def answer(
        self,
        on_new_message: Callable[[UserMessage], Awaitable[Any]],
        sender: str,
        message: str,
        metadata: Optional[Dict[str, Any]] = None,
        admitted: Optional[Inbound] = None,
    ) -> List[Dict[str, Any]]:
        """Process one message and return the replies, adding our own when there are none."""
        admitted = admitted or self.gate.prepare(message)
        notes = _as_replies(sender, admitted.notes)
        if admitted.text is None:
            return notes
        text = admitted.text
        collector = CrisisLabellingOutput()  # crisis replies carry {"kind": "crisis", ...} for the widget
        begin_turn()
        try:
            await on_new_message(UserMessage(text, collector, sender, input_channel=self.name(), metadata=metadata))
        except Exception:  # noqa: BLE001 - whatever failed, the user still gets an answer
            logger.exception("Processing a message failed")
        if store_failed_this_turn() and not is_crisis(text):
            # The conversation could not be read or saved: an answer out of context would confuse.
            return notes + [{"recipient_id": sender, "text": failure_reply(text)}]
        replies = notes + list(collector.messages)
        if not collector.messages:
            logger.warning("No reply was produced for a message; sending the fallback reply")
            replies.append(label_fallback({"recipient_id": sender, "text": failure_reply(text)}))
        return replies
