"""What every channel does with a user's text before Rasa sees it: clean it, cap it, rate-limit it.

A crisis message is never held back by the rate limit. The notes the channel sends itself are in the client's
language when it says one (``lang``: the website widget's ``metadata``), else in the message's own language when
that is clearly English or Spanish, else in English.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import List, Optional

from bot import settings
from bot.channels.rate_limit import SenderAndAddressLimits
from bot.channels.replies import (
    CRISIS_FALLBACK_TEXT,
    CRISIS_FALLBACK_TEXT_ES,
    MAX_MESSAGE_CHARS,
    empty_message_text,
    no_reply_text,
    rate_limited_text,
    truncated_note,
)


@dataclass
class Inbound:
    """The outcome for one message: the text to process (or None) and replies the channel sends itself."""

    text: Optional[str]
    notes: List[str] = field(default_factory=list)
    rate_limited: bool = False


def clean_text(message: str) -> str:
    """Drop control characters (keeping line breaks) and surrounding space."""
    return "".join(ch for ch in message if ch.isprintable() or ch in "\n\t").strip()


def is_crisis(text: str) -> bool:
    """Say whether the deterministic safety net sees a crisis in ``text``."""
    from bot.safety.net import get_safety_net

    try:
        return get_safety_net().detect(text) is not None
    except Exception:  # noqa: BLE001 - if the check itself fails, treat the message as urgent
        return True


def failure_reply(text: str, lang: Optional[str] = None) -> str:
    """Return what to send when the conversation produced no reply: emergency guidance for a crisis.

    The crisis guidance is in the language of the crisis words; anything else in ``lang`` (the client's).
    """
    from bot.safety.net import get_safety_net

    try:
        match = get_safety_net().detect(text)
    except Exception:  # noqa: BLE001 - the generic reply below also carries 911 and 988
        match = None
    if match is None:
        return no_reply_text(lang or message_language(text))
    texts = CRISIS_FALLBACK_TEXT_ES if match.lang == "es" else CRISIS_FALLBACK_TEXT
    return texts.get(match.intent, no_reply_text(match.lang))


def message_language(text: str) -> Optional[str]:
    """The message's language, when it is clearly English or Spanish: the language of a reply to a client that
    did not say its own (Telegram, Slack; the widget sends ``metadata.language``).

    The channel cannot read the conversation's ``language`` slot (the conversation is what failed, or has not
    run), so a short or mixed message gets English.
    """
    from bot.nlu.language_detection import detect_language, requested_language

    try:
        return requested_language(text) or detect_language(text)
    except Exception:  # noqa: BLE001 - the English reply carries the same numbers
        return None


class InboundGate:
    """Cleans, caps and rate-limits messages for one channel instance."""

    def __init__(self, limits: Optional[SenderAndAddressLimits] = None, max_chars: int = MAX_MESSAGE_CHARS):
        self.limits = limits or SenderAndAddressLimits(settings.rate_limit_per_sender(), settings.rate_limit_per_ip())
        self.max_chars = max_chars

    def prepare(self, message: str, lang: Optional[str] = None) -> Inbound:
        """Clean and cap ``message``: the text to process and the notes to send the user (in ``lang``)."""
        text = clean_text(message)
        if not text:
            return Inbound(None, [empty_message_text(lang)])
        if len(text) > self.max_chars:
            kept = text[: self.max_chars]
            return Inbound(kept, [truncated_note(self.max_chars, lang or message_language(kept))])
        return Inbound(text)

    def admit(self, message: str, sender: str, address: Optional[str] = None, lang: Optional[str] = None) -> Inbound:
        """Like ``prepare``, and hold the message back when the sender or address is over its rate limit."""
        prepared = self.prepare(message, lang)
        if prepared.text is None:
            return prepared
        if not self.limits.allow(sender, address) and not is_crisis(prepared.text):
            return Inbound(None, [rate_limited_text(lang or message_language(prepared.text))], rate_limited=True)
        return prepared
