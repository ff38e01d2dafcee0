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
# When the conversation itself failed (tracker store, lock store or model unreachable) but the safety
# net sees a crisis, the channel sends this instead of NO_REPLY_TEXT.
CRISIS_FALLBACK_TEXT = {
    "crisis_overdose": (
        "This may be an overdose. Call 911 now.\n"
        "If you have naloxone (Narcan), give it now: one spray in a nostril; another after 2-3 minutes if there's no response.\n"
        "Stay with them until help arrives. Poison Control: 1-800-222-1222 (24/7)."
    ),
    "crisis_suicide": (
        "I'm really glad you told me. Please call or text 988 (Suicide & Crisis Lifeline) now: free, confidential, 24/7.\n"
        "If you're in immediate danger, call 911. You can also text HOME to 741741."
    ),
    "crisis_medical": (
        "This could be a medical emergency. Call 911 now.\n"
        "For questions about a substance or medicine, Poison Control: 1-800-222-1222 (24/7)."
    ),
}
CRISIS_FALLBACK_TEXT_ES = {
    "crisis_overdose": (
        "Esto puede ser una sobredosis. Llame al 911 ahora.\n"
        "Si tiene naloxona (Narcan), úsela ya: un rociado en una fosa nasal; otra dosis si no reacciona en 2 o 3 minutos.\n"
        "Quédese con la persona hasta que llegue la ayuda. En español: 988 (oprima 2) o SAMHSA, 1-800-662-4357."
    ),
    "crisis_suicide": (
        "Me alegra que me lo haya dicho. Si ya tomó pastillas o se hizo daño, llame al 911 ahora.\n"
        "Llame al 988 y oprima 2 para español, o envíe AYUDA por texto al 988: gratis y a toda hora.\n"
        "Línea Nacional de Ayuda de SAMHSA, en español: 1-800-662-4357."
    ),
    "crisis_medical": (
        "Esto podría ser una emergencia médica. Llame al 911 ahora.\n"
        "Centro de Toxicología (Poison Control): 1-800-222-1222, a toda hora. En español: 988 (oprima 2)."
    ),
}
