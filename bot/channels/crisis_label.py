"""Labels crisis replies in the REST channel's output, so a client can show them as what they are.

The website widget shows the crisis reply as a card with call buttons. It must not guess a crisis from
the reply's wording, which changes with each content review and with the language. Rasa records which
domain response produced each message (``utter_action``, set for responses uttered by the policy and
for ``dispatcher.utter_message(response=...)`` in actions), and the crisis responses have fixed names.
So the REST channel adds a ``custom`` payload to exactly those messages:

    {"recipient_id": "...", "text": "This may be an overdose. Call 911 now. ...",
     "custom": {"kind": "crisis", "crisis": "overdose", "language": "en"}}

``crisis`` is one of ``bot.safety.net.KINDS`` (overdose, suicide, medical) or ``danger`` when the person
confirmed danger without saying which (after the safety check, or still not safe at the check-in).
``language`` is the language the reply is written in (``en`` / ``es``, known from the domain's variants), so the
widget labels the card's call buttons in the card's language even when the person wrote in the other one.
The channel's own emergency reply, sent when the conversation could not run, carries the same label.
Only the REST channel adds it: Slack and Telegram show text.
"""

from __future__ import annotations

from typing import Any, Dict, Optional, Text

from rasa.core.channels.channel import CollectingOutputChannel

from bot.channels.replies import CRISIS_FALLBACK_TEXT, CRISIS_FALLBACK_TEXT_ES
from bot.flows.lines import crisis_reply
from bot.safety.net import KINDS

UNSPECIFIED = "danger"
# Domain response -> the crisis it answers.
CRISIS_RESPONSES: Dict[str, str] = {
    **{f"utter_crisis_{kind}": kind for kind in KINDS},
    "utter_crisis_danger": UNSPECIFIED,
    "utter_crisis_not_safe": UNSPECIFIED,
}
# The channel's own emergency replies (bot/channels/replies.py) -> the crisis they answer.
FALLBACK_KINDS: Dict[str, str] = {
    text: intent[len("crisis_") :]
    for table in (CRISIS_FALLBACK_TEXT, CRISIS_FALLBACK_TEXT_ES)
    for intent, text in table.items()
}
# Every crisis text, the domain's responses and so the channel's own -> the language it is written in.
CRISIS_LANGUAGES: Dict[str, str] = {
    crisis_reply(response[len("utter_") :], lang): lang for response in CRISIS_RESPONSES for lang in ("en", "es")
}


def crisis_label(kind: str, text: str = "") -> Dict[str, str]:
    """Return the ``custom`` payload that marks a crisis reply of ``kind`` (with its language when ``text`` is known)."""
    label = {"kind": "crisis", "crisis": kind}
    if text in CRISIS_LANGUAGES:
        label["language"] = CRISIS_LANGUAGES[text]
    return label


def label_fallback(reply: Dict[str, Any]) -> Dict[str, Any]:
    """Return the channel's own reply with the crisis label when it is one of the emergency replies."""
    text = reply.get("text") or ""
    kind = FALLBACK_KINDS.get(text)
    return {**reply, "custom": crisis_label(kind, text)} if kind else reply


class CrisisLabellingOutput(CollectingOutputChannel):
    """Rasa's collecting output channel, with crisis responses labelled and kept whole.

    Other texts are split at blank lines as Rasa does; a crisis reply stays one message, so the client
    shows it as one card.
    """

    async def send_response(self, recipient_id: Text, message: Dict[Text, Any]) -> None:
        """Collect one bot message, labelling it if it came from a crisis response."""
        kind: Optional[str] = CRISIS_RESPONSES.get(message.get("utter_action") or "")
        if kind is None or not message.get("text"):
            await super().send_response(recipient_id, message)
            return
        await self._persist_message(
            self._message(recipient_id, text=message["text"], buttons=message.get("buttons") or None,
                          custom=crisis_label(kind, message["text"]))
        )
