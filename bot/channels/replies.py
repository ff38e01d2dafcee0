"""Replies a channel sends itself, when the conversation could not produce one."""

from __future__ import annotations

MAX_MESSAGE_CHARS = 2000

NO_REPLY_TEXT = (
    "Sorry, I'm having trouble answering right now. Please try again in a minute.\n"
    "To talk with a person any time: SAMHSA's National Helpline, 1-800-662-4357 (free, confidential, 24/7).\n"
    "If someone is in danger, call 911. For thoughts of suicide, call or text 988."
)
EMPTY_MESSAGE_TEXT = (
    "It looks like your message was empty. Type a question, or \"menu\" to see the topics. "
    "If someone is in danger, call 911."
)
TRUNCATED_NOTE = (
    "Your message was long, so I read the first {limit} characters. "
    "If I missed something important, please send it in a shorter message."
)
RATE_LIMITED_TEXT = (
    "You're sending messages faster than I can answer them well. Please wait a minute, then send your question again.\n"
    "If someone is in danger, call 911 now. For thoughts of suicide, call or text 988."
)
UNSUPPORTED_MESSAGE_TEXT = (
    "I can only read text messages. Please type your question.\n"
    "If someone is in danger, call 911. For thoughts of suicide, call or text 988."
)
