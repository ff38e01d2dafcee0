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
from bot.channels.inbound import Inbound, InboundGate
from bot.channels.pipeline import RequestProblem, json_object, run_turn
from bot.nlu.language import client_language

logger = logging.getLogger(__name__)
MAX_SENDER_CHARS = 200


def parse_payload(body: bytes) -> Dict[str, Any]:
    """Return {"sender", "message", "metadata"} from a REST body, or raise RequestProblem."""
    try:
        payload = json_object(body)
    except RequestProblem:
        raise RequestProblem("The body must be a JSON object: {\"sender\": \"...\", \"message\": \"...\"}.") from None
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
            admitted = self.gate.admit(payload["message"], payload["sender"], client_address(request),
                                       client_language(payload["metadata"]))
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
        """Process one message and return the replies, adding our own when there are none (bot/channels/pipeline.py)."""
        collector = CrisisLabellingOutput()  # crisis replies carry {"kind": "crisis", ...} for the widget
        ours: List[str] = []

        async def keep(text: str) -> None:
            ours.append(text)

        turn = await run_turn(
            self.gate, on_new_message, text=message, sender=sender, out=collector, send_text=keep,
            replied=lambda: bool(collector.messages), input_channel=self.name(), metadata=metadata,
            admitted=admitted or self.gate.prepare(message, client_language(metadata)),
        )
        notes, fallback = ours[: len(turn.admitted.notes)], ours[len(turn.admitted.notes) :]
        if turn.store_failed:
            # The conversation could not be read or saved: the answer out of context is not shown.
            return _as_replies(sender, notes + fallback)
        return _as_replies(sender, notes) + list(collector.messages) + [label_fallback(r) for r in _as_replies(sender, fallback)]
