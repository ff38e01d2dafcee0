"""Replies a channel sends itself, when the conversation could not produce one.

Their numbers come from the resource table and their crisis texts from the domain (``bot/flows/lines.py``).
"""

from __future__ import annotations

from typing import Optional

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
# The same in Spanish, for a client that says its language is Spanish (the website widget's metadata,
# bot/nlu/language.py): the widget's visitor then never reads these notes in another language than the rest.
_SAFETY_ES = (f"Si alguien está en peligro, llame al {_LINES.emergency.phone}. Si tiene pensamientos de suicidio, "
              f"llame al {_LINES.lifeline.phone} y oprima 2, o envíe AYUDA al {_LINES.lifeline.text_number}.")
NO_REPLY_TEXT_ES = (
    "Perdón, ahora tengo problemas para responder. Por favor, inténtelo otra vez en un minuto.\n"
    f"Para hablar con una persona a cualquier hora: Línea Nacional de Ayuda de SAMHSA, {_LINES.helpline.phone} "
    "(gratis, confidencial, 24/7, en español).\n" + _SAFETY_ES
)
EMPTY_MESSAGE_TEXT_ES = (
    "Parece que su mensaje llegó vacío. Escriba una pregunta, o \"menú\" para ver los temas. "
    f"Si alguien está en peligro, llame al {_LINES.emergency.phone}."
)
TRUNCATED_NOTE_ES = (
    "Su mensaje era largo, así que leí los primeros {limit} caracteres. "
    "Si me faltó algo importante, por favor envíelo en un mensaje más corto."
)
RATE_LIMITED_TEXT_ES = (
    "Está enviando mensajes más rápido de lo que puedo responderlos bien. Espere un minuto y vuelva a enviar su "
    "pregunta.\n" + _SAFETY_ES
)
# The notes above by language ("en" unless a client says "es").
NOTES = {
    "en": {"no_reply": NO_REPLY_TEXT, "empty": EMPTY_MESSAGE_TEXT, "truncated": TRUNCATED_NOTE,
           "rate_limited": RATE_LIMITED_TEXT},
    "es": {"no_reply": NO_REPLY_TEXT_ES, "empty": EMPTY_MESSAGE_TEXT_ES, "truncated": TRUNCATED_NOTE_ES,
           "rate_limited": RATE_LIMITED_TEXT_ES},
}


def note(name: str, lang: Optional[str] = None) -> str:
    """Return the channel's note ``name`` in ``lang`` ("es"), else in English."""
    return NOTES.get(lang or "en", NOTES["en"])[name]


UNSUPPORTED_MESSAGE_TEXT = "I can only read text messages. Please type your question.\n" + _LINES.safety_sentence()
# When the conversation itself failed (tracker store, lock store or model unreachable) but the safety
# net sees a crisis, the channel sends the domain's own static crisis reply instead of NO_REPLY_TEXT.
CRISIS_FALLBACK_TEXT = {f"crisis_{kind}": crisis_reply(f"crisis_{kind}") for kind in KINDS}
CRISIS_FALLBACK_TEXT_ES = {f"crisis_{kind}": crisis_reply(f"crisis_{kind}", "es") for kind in KINDS}
