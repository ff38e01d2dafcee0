"""Action: end the level-of-care questions with the levels worth discussing and why."""

from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from bot.flows.level_of_care import QUESTIONS, plan_text, suggest


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
        topics = list(dict.fromkeys(s.topic for s in suggest(answers)))
        buttons = [{"title": "About " + t.replace("ask_", "").replace("_", " "), "payload": f"/{t}"} for t in topics[:3]]
        buttons.append({"title": "Finding treatment", "payload": "/ask_find_treatment"})
        dispatcher.utter_message(text=plan_text(answers), buttons=buttons)
        return [SlotSet(slot, None) for slot in QUESTIONS]
