"""Validation of the "finding treatment in my state" form: the state must be a US state, DC or territory."""

from __future__ import annotations

import logging
from typing import Any, Dict, Text

from rasa_sdk import FormValidationAction, Tracker
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from bot.content.store import ContentUnavailable, get_store
from bot.flows.treatment_finder import reask_text
from bot.flows.us_states import resolve_state

logger = logging.getLogger(__name__)
UNKNOWN_STATE = "unknown"  # the store could not be read: the final action answers without a state


class ValidateFindTreatmentForm(FormValidationAction):
    """Accepts names, abbreviations and misspellings; re-asks clearly otherwise."""

    def name(self) -> Text:
        """Return the action's name in the domain."""
        return "validate_find_treatment_form"

    def validate_ft_state(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Dict[Text, Any]:
        """Store the state's two-letter code, or re-ask."""
        text = value if isinstance(value, str) else ""
        try:
            state = resolve_state(text, get_store().states())
        except ContentUnavailable:
            logger.warning("Content store unavailable while checking a state")
            return {"ft_state": UNKNOWN_STATE}
        if state is None:
            dispatcher.utter_message(text=reask_text(text, tracker.get_slot("language")))
            return {"ft_state": None}
        return {"ft_state": state.code}
