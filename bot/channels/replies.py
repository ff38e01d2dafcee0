"""Replies a channel sends itself, when the conversation could not produce one.

Their numbers come from the resource table and their crisis texts from the domain (``bot/flows/lines.py``).
"""

from __future__ import annotations

from bot.safety.net import KINDS, MAX_CHARS
from bot.flows.lines import crisis_reply, get_lines

# The longest message a channel passes on (the safety net reads the same first characters: bot/safety/net.py).
MAX_MESSAGE_CHARS = MAX_CHARS

_LINES = get_lines()
NO_REPLY_TEXT = (
    "Sorry, I'm having trouble answering right now. Please try again in a minute.\n"
    f"To talk with a person any time: SAMHSA's National Helpline, {_LINES.helpline.phone} (free, confidential, 24/7).\n"
    + _LINES.safety_sentence()
)
EMPTY_MESSAGE_TEXT = (
    "It looks like your message was empty. Type a question, or \"menu\" to see the topics. "
    f"If someone is in danger, call {_LINES.emergency.phone}."
)
TRUNCATED_NOTE = (
    "Your message was long, so I read the first {limit} characters. "
    "If I missed something important, please send it in a shorter message."
)
RATE_LIMITED_TEXT = (
    "You're sending messages faster than I can answer them well. Please wait a minute, then send your question again.\n"
    f"If someone is in danger, call {_LINES.emergency.phone} now. For thoughts of suicide, call or text {_LINES.lifeline.phone}."
)
UNSUPPORTED_MESSAGE_TEXT = "I can only read text messages. Please type your question.\n" + _LINES.safety_sentence()
# When the conversation itself failed (tracker store, lock store or model unreachable) but the safety
# net sees a crisis, the channel sends the domain's own static crisis reply instead of NO_REPLY_TEXT.
CRISIS_FALLBACK_TEXT = {f"crisis_{kind}": crisis_reply(f"crisis_{kind}") for kind in KINDS}
CRISIS_FALLBACK_TEXT_ES = {f"crisis_{kind}": crisis_reply(f"crisis_{kind}", "es") for kind in KINDS}
