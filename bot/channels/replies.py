"""Replies a channel sends itself, when the conversation could not produce one.

Their numbers come from the resource table and their crisis texts from the domain (``bot/flows/lines.py``).
"""

from __future__ import annotations

from typing import Optional

from bot.safety.net import KINDS, MAX_CHARS
from bot.flows.lines import crisis_reply, get_lines
from bot.flows.phrases import say

# The longest message a channel passes on (the safety net reads the same first characters: bot/safety/net.py).
MAX_MESSAGE_CHARS = MAX_CHARS

_LINES = get_lines()


def no_reply_text(language: Optional[str] = None) -> str:
    """The reply when the conversation produced none: try again, a person to talk to, and the emergency lines."""
    return "\n".join((say(language, "no_reply"), _LINES.helpline_sentence(language), _LINES.safety_sentence(language)))


def empty_message_text(language: Optional[str] = None) -> str:
    """The reply to an empty message."""
    return say(language, "empty_message", emergency=_LINES.emergency.phone)


def truncated_note(limit: int, language: Optional[str] = None) -> str:
    """The note sent with the first ``limit`` characters of a long message."""
    return say(language, "truncated", limit=limit)


def rate_limited_text(language: Optional[str] = None) -> str:
    """The reply to a message held back by the rate limit (a crisis message never is)."""
    return say(language, "rate_limited") + "\n" + _LINES.safety_sentence(language)


def unsupported_message_text(language: Optional[str] = None) -> str:
    """The reply to a sticker, photo or voice note."""
    return say(language, "unsupported") + "\n" + _LINES.safety_sentence(language)


# The English texts, for callers that cannot know the language (an empty message, a sticker).
NO_REPLY_TEXT = no_reply_text()
EMPTY_MESSAGE_TEXT = empty_message_text()
RATE_LIMITED_TEXT = rate_limited_text()
UNSUPPORTED_MESSAGE_TEXT = unsupported_message_text()
# When the conversation itself failed (tracker store, lock store or model unreachable) but the safety
# net sees a crisis, the channel sends the domain's own static crisis reply instead of NO_REPLY_TEXT.
CRISIS_FALLBACK_TEXT = {f"crisis_{kind}": crisis_reply(f"crisis_{kind}") for kind in KINDS}
CRISIS_FALLBACK_TEXT_ES = {f"crisis_{kind}": crisis_reply(f"crisis_{kind}", "es") for kind in KINDS}
