"""Action: give the deeper answer to the topic answered last."""

from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from bot.flows.audience import audience_for
from bot.content.store import ContentUnavailable, get_store
from bot.flows.reply_format import answer_buttons, answer_text, store_down_text


class ActionTellMeMore(Action):
    """Sends the "tell me more" depth of the last topic, or asks what to tell more about."""

    def name(self) -> Text:
        """Return the action's name in the domain."""
        return "action_tell_me_more"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        """Dispatch the detailed answer of the last topic."""
        topic = tracker.get_slot("last_topic")
        if not topic:
            dispatcher.utter_message(text="Happy to - what would you like to know more about?")
            dispatcher.utter_message(response="utter_capabilities")
            return []
        try:
            answer = get_store().answer(topic, audience_for(tracker.get_slot("relation")), tracker.get_slot("language"))
        except ContentUnavailable:
            dispatcher.utter_message(text=store_down_text(tracker.get_slot("language")))
            return []
        if answer is None:
            dispatcher.utter_message(response="utter_ask_rephrase")
            return []
        loved_one = tracker.get_slot("loved_one") if answer.audience == "family" else None
        dispatcher.utter_message(
            text=answer_text(answer, loved_one, deep=True), buttons=answer_buttons(answer, include_more=False)
        )
        return []
