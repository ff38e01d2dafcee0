"""Action: end the level-of-care questions with the levels worth discussing and why."""

from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from bot.flows.level_of_care import QUESTIONS, plan_buttons, plan_text


class ActionLevelOfCare(Action):
    """Sends the suggested levels of care with reasons, links the topics that explain them, and resets the form."""

    def name(self) -> Text:
        """Return the action's name in the domain."""
        return "action_level_of_care"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        """Dispatch the suggestions."""
        answers = {slot: tracker.get_slot(slot) for slot in QUESTIONS}
        language = tracker.get_slot("language")
        dispatcher.utter_message(text=plan_text(answers, language), buttons=plan_buttons(answers, language))
        return [SlotSet(slot, None) for slot in QUESTIONS]
