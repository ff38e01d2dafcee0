"""Validation of the "helping a loved one" form."""

from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa_sdk import FormValidationAction, Tracker
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from bot.flows.audience import loved_one_word, relation_in_message
from bot.flows.phrases import say

MAX_PERSON_WORDS = 4
MAX_NOTICED_CHARS = 500


def person_from_message(tracker: Tracker, value: Any) -> tuple:
    """Return (relation, word) for the person named in the latest message ("my son" -> ("child", "son"))."""
    msg = tracker.latest_message
    relation, word = relation_in_message(msg.get("text") or "", msg.get("entities") or [])
    if relation is not None:
        return relation, word
    word = loved_one_word(str(value)) if isinstance(value, str) else None
    if word and len(word.split()) <= MAX_PERSON_WORDS:
        return None, word
    return None, None


class ValidateLovedOneForm(FormValidationAction):
    """Checks each answer of loved_one_form and ends it early when the person is in danger."""

    def name(self) -> Text:
        """Return the action's name in the domain."""
        return "validate_loved_one_form"

    async def required_slots(
        self, domain_slots: List[Text], dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[Text]:
        """Stop asking questions once the user says the person is in danger: safety comes first."""
        if tracker.get_slot("lo_in_danger") is True:
            return ["lo_person", "lo_in_danger"]
        return domain_slots

    def validate_lo_person(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Dict[Text, Any]:
        """Accept a relation from the lexicon or a short answer; keep the user's own word."""
        relation, word = person_from_message(tracker, value)
        if relation == "self":
            dispatcher.utter_message(text=say(tracker.get_slot("language"), "lo_person_is_self"))
            return {"lo_person": None}
        if not word:
            dispatcher.utter_message(text=say(tracker.get_slot("language"), "lo_person_reask"))
            return {"lo_person": None}
        return {"lo_person": word, "loved_one": word, "relation": relation or "friend"}

    def validate_lo_noticed(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Dict[Text, Any]:
        """Keep a bounded note of what the user noticed."""
        text = str(value or "").strip()
        if not text:
            return {"lo_noticed": None}
        return {"lo_noticed": text[:MAX_NOTICED_CHARS]}

    def validate_lo_in_danger(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Dict[Text, Any]:
        """Accept yes or no."""
        return {"lo_in_danger": value if isinstance(value, bool) else None}

    def validate_lo_talked(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Dict[Text, Any]:
        """Accept yes or no."""
        return {"lo_talked": value if isinstance(value, bool) else None}


