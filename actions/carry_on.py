"""Action: after the safety check, "no, everyone is safe" carries on with what the person had asked."""

from __future__ import annotations

from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.answer_topic import answer_topic
from bot.content.store import ContentUnavailable, get_store


def held_intent(tracker: Tracker) -> Optional[str]:
    """Return what the model understood in the message that led to the safety check, if anything."""
    for event in reversed(tracker.events):
        if event.get("event") != "user":
            continue
        parse = event.get("parse_data") or {}
        if (parse.get("intent") or {}).get("name") == "check_danger":
            return (parse.get("crisis_guard") or {}).get("held_intent")
    return None


class ActionCarryOn(Action):
    """Answers the held-back question when it was a topic; otherwise asks what they would like to know."""

    def name(self) -> Text:
        """Return the action's name in the domain."""
        return "action_carry_on"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        """Dispatch the answer to the earlier question, or an invitation to ask."""
        topic = held_intent(tracker)
        try:
            answerable = bool(topic) and get_store().answer(topic, "self") is not None
        except ContentUnavailable:
            answerable = bool(topic)  # answer_topic tells the user the store is down
        if answerable:
            dispatcher.utter_message(text="Thank you for letting me know. Here's what I can tell you:")
            return answer_topic(dispatcher, tracker, topic)
        dispatcher.utter_message(response="utter_what_topic")
        return []
