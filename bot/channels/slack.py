"""Slack connector: Rasa's, plus signature checks that answer 401, de-duplicated retries and charset-tolerant JSON.

Configured from the environment only: ``SLACK_BOT_TOKEN`` and ``SLACK_SIGNING_SECRET`` turn it on
(``SLACK_API_URL`` points it at another API base, for tests). Without them the webhook answers 404.
"""

from __future__ import annotations

import asyncio
import json
import logging
from typing import Any, Awaitable, Callable, Dict, Optional, Set, Text

from rasa.core.channels.channel import InputChannel, UserMessage
from rasa.core.channels.slack import SlackBot, SlackInput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse
from slack_sdk.web.async_client import AsyncWebClient

from bot import settings
from bot.channels.dedupe import SeenDeliveries
from bot.channels.inbound import InboundGate
from bot.channels.pipeline import RequestProblem, guard, json_object, run_turn

logger = logging.getLogger(__name__)
DEFAULT_API_URL = "https://slack.com/api/"


def media_type(request: Request) -> str:
    """Return the request's media type without parameters: "application/json; charset=utf-8" -> "application/json"."""
    return (request.headers.get("content-type") or "").split(";", 1)[0].strip().lower()


def slack_escape(text: str) -> str:
    """Escape the three characters Slack's mrkdwn treats as markup, so text is shown as written."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class SlackOutput(SlackBot):
    """Rasa's Slack output with a configurable API base; it counts what it posts."""

    def __init__(self, token: Text, channel: Optional[Text], thread_id: Optional[Text], api_url: str) -> None:
        super().__init__(token, channel, thread_id)
        self.client = AsyncWebClient(token, base_url=api_url)
        self.sent = 0

    async def _post_message(self, channel: Text, **kwargs: Any) -> None:
        # as_user is a legacy argument that new Slack apps reject.
        kwargs.pop("as_user", None)
        self.sent += 1
        await super()._post_message(channel, **kwargs)

    async def send_text_message(self, recipient_id: Text, text: Text, **kwargs: Any) -> None:
        """Send text, escaped so that "<" or "&" in it is not read as Slack markup."""
        await super().send_text_message(recipient_id, slack_escape(text), **kwargs)


class SlackChannel(SlackInput):
    """The Slack Events API webhook at /webhooks/slack/webhook."""

    @classmethod
    def name(cls) -> Text:
        """Keep Rasa's URL: /webhooks/slack/webhook."""
        return "slack"

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> InputChannel:
        """Read the token and signing secret from the environment; credentials.yml holds no secrets."""
        secrets = settings.slack_secrets()
        return cls(slack_token=secrets.token, slack_signing_secret=secrets.secret, api_url=secrets.api_url or DEFAULT_API_URL)

    def __init__(self, slack_token: Text, slack_signing_secret: Text, api_url: str = DEFAULT_API_URL) -> None:
        self.enabled = bool(slack_token and slack_signing_secret)
        self.api_url = api_url
        self.gate = InboundGate()
        self.seen = SeenDeliveries("slack", settings.shared_redis_url())
        self._tasks: Set[asyncio.Task] = set()
        super().__init__(slack_token, slack_signing_secret=slack_signing_secret)

    def _validate_credentials(self) -> None:
        """A missing secret switches the channel off (404) instead of stopping the whole server."""
        if not self.enabled:
            logger.info("Slack channel off: set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET to turn it on")

    def get_output_channel(self, channel: Optional[Text] = None, thread_id: Optional[Text] = None) -> SlackOutput:
        """Return an output channel that posts to ``channel`` (or the configured one)."""
        return SlackOutput(self.slack_token, channel or self.slack_channel, thread_id, self.api_url)

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        """Return the health and webhook routes."""
        bp = Blueprint("verified_slack_webhook", __name__)

        @bp.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok" if self.enabled else "off"})

        @bp.route("/webhook", methods=["POST"])
        async def webhook(request: Request) -> HTTPResponse:
            refused = guard(self.enabled, lambda: self.is_request_from_slack_authentic(request), "Slack", "Slack signature")
            if refused is not None:
                return refused
            kind = media_type(request)
            if kind == "application/json":
                return await self._handle_event(request, on_new_message)
            if kind == "application/x-www-form-urlencoded":
                return await self._handle_interaction(request, on_new_message)
            return response.json({"error": "Unsupported content type."}, status=415)

        return bp

    async def _handle_event(self, request: Request, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> HTTPResponse:
        try:
            payload = json_object(request.body)
        except RequestProblem as exc:
            return response.json({"error": str(exc)}, status=400)
        if payload.get("type") == "url_verification":
            return response.json({"challenge": str(payload.get("challenge", ""))})
        event = payload.get("event")
        if not isinstance(event, dict):
            return response.text("ignored")
        event_id = payload.get("event_id")
        if isinstance(event_id, str) and not await self.seen.first_time(event_id):
            logger.info("Ignoring Slack's retry of an event already handled")
            return response.text("duplicate", headers={"X-Slack-No-Retry": "1"})
        text = event.get("text")
        if not self._is_user_message(payload) or event.get("subtype") or not isinstance(text, str):
            return response.text("ignored")
        if not (self._is_direct_message(payload) or self._is_app_mention(payload)):
            return response.text("ignored")
        users = [u for u in (payload.get("authorizations") or [{}])[:1] if isinstance(u, dict)]
        bot_ids = [u.get("user_id") for u in users if u.get("user_id")]
        text = self._sanitize_user_message(text, bot_ids)
        sender = str(event.get("user") or "")
        channel, thread = event.get("channel"), (event.get("thread_ts") or event.get("ts"))
        if not sender or not isinstance(channel, str):
            return response.text("ignored")
        self._process_later(on_new_message, text, sender, channel, thread)
        return response.text("")

    async def _handle_interaction(
        self, request: Request, on_new_message: Callable[[UserMessage], Awaitable[Any]]
    ) -> HTTPResponse:
        try:
            payload = json.loads(request.form.get("payload", ""))
            action = payload["actions"][0]
            sender, channel = payload["user"]["id"], payload["channel"]["id"]
        except (ValueError, TypeError, KeyError, IndexError):
            return response.json({"error": "Unreadable interaction payload."}, status=400)
        value = self._get_interactive_response(action) if isinstance(action, dict) and "type" in action else None
        if not isinstance(value, str):
            return response.text("ignored")
        message = payload.get("message") or {}
        self._process_later(on_new_message, value, str(sender), str(channel), message.get("thread_ts") or message.get("ts"))
        return response.text("")

    def _process_later(
        self,
        on_new_message: Callable[[UserMessage], Awaitable[Any]],
        text: str,
        sender: str,
        channel: str,
        thread: Optional[str],
    ) -> None:
        # Slack wants an answer within 3 seconds, so the bot replies through the API afterwards.
        task = asyncio.create_task(self._process(on_new_message, text, sender, channel, thread))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _process(
        self,
        on_new_message: Callable[[UserMessage], Awaitable[Any]],
        text: str,
        sender: str,
        channel: str,
        thread: Optional[str],
    ) -> None:
        out = self.get_output_channel(channel, thread if self.use_threads else None)
        ours = 0

        async def send(reply: str) -> None:
            nonlocal ours
            ours += 1
            await out.send_text_message(channel, reply)

        try:
            await run_turn(self.gate, on_new_message, text=text, sender=sender, out=out, send_text=send,
                           replied=lambda: out.sent > ours, input_channel=self.name(),
                           metadata={"out_channel": channel, "thread_id": thread})
        except Exception:  # noqa: BLE001 - Slack itself is unreachable; nothing more we can do
            logger.exception("Could not reach Slack to answer a message")
