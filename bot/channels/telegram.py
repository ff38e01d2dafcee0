"""Telegram connector: Rasa's, plus secret-token checks that answer 401, no API call at start-up,
de-duplicated updates and buttons as an inline keyboard.

Configured from the environment only: ``TELEGRAM_TOKEN`` and ``TELEGRAM_SECRET_TOKEN`` turn it on
(``TELEGRAM_API_URL`` points it at another API base, for tests). Without them the webhook answers 404.
The webhook is registered once, by hand (see docs/channels.md), never at start-up.
"""

from __future__ import annotations

import hmac
import logging
from typing import Any, Awaitable, Callable, Dict, List, Optional, Text

from aiogram.bot.api import TelegramAPIServer
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup
from rasa.core.channels.channel import InputChannel, UserMessage
from rasa.core.channels.telegram import TelegramInput, TelegramOutput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot import settings
from bot.channels.dedupe import SeenDeliveries
from bot.channels.inbound import InboundGate
from bot.channels.pipeline import RequestProblem, guard, json_object, run_turn
from bot.channels.replies import UNSUPPORTED_MESSAGE_TEXT

logger = logging.getLogger(__name__)
DEFAULT_API_URL = "https://api.telegram.org"
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
MAX_TELEGRAM_CHARS = 4096
MAX_CALLBACK_BYTES = 64


def split_for_telegram(text: str, limit: int = MAX_TELEGRAM_CHARS) -> List[str]:
    """Split ``text`` into pieces Telegram accepts, at line breaks where possible."""
    pieces, rest = [], text
    while len(rest) > limit:
        cut = rest.rfind("\n", 0, limit)
        cut = cut if cut > 0 else limit
        pieces.append(rest[:cut])
        rest = rest[cut:].lstrip("\n")
    return pieces + [rest] if rest else pieces


class TelegramReplies(TelegramOutput):
    """Rasa's Telegram output with a configurable API base; buttons become a one-per-row inline keyboard."""

    def __init__(self, access_token: Text, api_url: str = DEFAULT_API_URL) -> None:
        super(TelegramOutput, self).__init__(access_token, server=TelegramAPIServer.from_base(api_url))
        self.sent = 0

    async def send_text_message(self, recipient_id: Text, text: Text, **kwargs: Any) -> None:
        """Send the text as one message (split only where Telegram's length limit forces it)."""
        for piece in split_for_telegram(text.strip()):
            self.sent += 1
            await self.send_message(recipient_id, piece)

    async def send_text_with_buttons(
        self, recipient_id: Text, text: Text, buttons: List[Dict[Text, Any]], **kwargs: Any
    ) -> None:
        """Send the text with an inline keyboard: one button per row reads well on a phone."""
        markup = InlineKeyboardMarkup()
        for button in buttons:
            title = str(button.get("title", ""))
            payload = str(button.get("payload") or title)
            if len(payload.encode("utf-8")) > MAX_CALLBACK_BYTES:  # Telegram's limit on callback data
                payload = title[:MAX_CALLBACK_BYTES]
            markup.row(InlineKeyboardButton(title, callback_data=payload))
        pieces = split_for_telegram(text.strip()) or [" "]
        for piece in pieces[:-1]:
            self.sent += 1
            await self.send_message(recipient_id, piece)
        self.sent += 1
        await self.send_message(recipient_id, pieces[-1], reply_markup=markup)


class TelegramChannel(TelegramInput):
    """The Telegram webhook at /webhooks/telegram/webhook."""

    @classmethod
    def name(cls) -> Text:
        """Keep Rasa's URL: /webhooks/telegram/webhook."""
        return "telegram"

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> InputChannel:
        """Read the token and secret from the environment; credentials.yml holds no secrets."""
        secrets = settings.telegram_secrets()
        return cls(secrets.token, secrets.secret, secrets.api_url or DEFAULT_API_URL)

    def __init__(self, access_token: Text, secret_token: Text, api_url: str = DEFAULT_API_URL) -> None:
        super().__init__(access_token, verify=None, webhook_url=None, debug_mode=False)
        self.secret_token = secret_token
        self.api_url = api_url
        self.enabled = bool(access_token and secret_token)
        self.gate = InboundGate()
        self.seen = SeenDeliveries("telegram", settings.shared_redis_url())
        if not self.enabled:
            logger.info("Telegram channel off: set TELEGRAM_TOKEN and TELEGRAM_SECRET_TOKEN to turn it on")

    def get_output_channel(self) -> TelegramReplies:
        """Return the output channel; unlike Rasa's, this makes no call to Telegram."""
        return TelegramReplies(self.access_token, self.api_url)

    def is_authentic(self, request: Request) -> bool:
        """Say whether the request carries the secret token Telegram was given with setWebhook."""
        given = request.headers.get(SECRET_HEADER, "")
        return bool(self.secret_token) and hmac.compare_digest(given.encode("utf-8"), self.secret_token.encode("utf-8"))

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        """Return the health and webhook routes."""
        bp = Blueprint("verified_telegram_webhook", __name__)

        @bp.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok" if self.enabled else "off"})

        @bp.route("/webhook", methods=["POST"])
        async def webhook(request: Request) -> HTTPResponse:
            refused = guard(self.enabled, lambda: self.is_authentic(request), "Telegram", "secret token")
            if refused is not None:
                return refused
            try:
                update = json_object(request.body)
            except RequestProblem as exc:
                return response.json({"error": str(exc)}, status=400)
            update_id = update.get("update_id")
            if update_id is not None and not await self.seen.first_time(str(update_id)):
                return response.json({"status": "duplicate"})
            await self._handle_update(update, on_new_message)
            # Always 200 once authenticated: any other status makes Telegram resend the update.
            return response.json({"status": "ok"})

        return bp

    async def _handle_update(self, update: Dict[str, Any], on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> None:
        out = self.get_output_channel()
        try:
            chat_id, text = await self._read_update(update, out)
            if chat_id is None:
                return
            if text is None:
                await out.send_text_message(chat_id, UNSUPPORTED_MESSAGE_TEXT)
                return
            ours = 0

            async def send(reply: str) -> None:
                nonlocal ours
                ours += 1
                await out.send_text_message(chat_id, reply)

            await run_turn(self.gate, on_new_message, text=text, sender=chat_id, out=out, send_text=send,
                           replied=lambda: out.sent > ours, input_channel=self.name())
        except Exception:  # noqa: BLE001 - one bad update must not take the webhook down
            logger.exception("Handling a Telegram update failed")
        finally:
            session = out._session  # aiogram opens its HTTP session lazily; close it if it was opened
            if session is not None and not session.closed:
                await session.close()

    async def _read_update(self, update: Dict[str, Any], out: TelegramReplies) -> "tuple[Optional[str], Optional[str]]":
        """Return (chat id, text) of a message or button press; text None for content we cannot read."""
        query = update.get("callback_query")
        if isinstance(query, dict):
            chat = ((query.get("message") or {}).get("chat") or {}).get("id")
            if query.get("id"):
                try:
                    await out.answer_callback_query(str(query["id"]))  # stops the button's spinner
                except Exception:  # noqa: BLE001 - cosmetic; the answer itself matters more
                    logger.warning("answerCallbackQuery failed")
            data = query.get("data")
            return (str(chat) if chat is not None else None), (data if isinstance(data, str) else None)
        message = update.get("message")
        if not isinstance(message, dict):
            return None, None  # edits, channel posts, membership changes: nothing to answer
        chat = (message.get("chat") or {}).get("id")
        if chat is None:
            return None, None
        text = message.get("text")
        if not isinstance(text, str):
            return str(chat), None
        if text.strip().split("@")[0] == "/start":
            text = "/greet"  # Telegram's "Start" button: answer with the welcome
        return str(chat), text
