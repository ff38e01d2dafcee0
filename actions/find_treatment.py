"""Action: end the "finding treatment in my state" form with where to look in that state."""

from __future__ import annotations

import logging
from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from bot.content.store import ContentUnavailable, get_store
from bot.flows.phrases import say
from bot.flows.reply_format import store_down_text
from bot.flows.treatment_finder import answer_buttons, treatment_text

logger = logging.getLogger(__name__)


class ActionFindTreatment(Action):
    """Sends FindTreatment.gov, the helpline, naloxone access and the state's own resource; clears the form."""

    def name(self) -> Text:
        """Return the action's name in the domain."""
        return "action_find_treatment"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        """Dispatch the answer for the chosen state."""
        code = tracker.get_slot("ft_state")
        language = tracker.get_slot("language")
        try:
            store = get_store()
            state = next((s for s in store.states() if s.code == code), None)
            if state is None:
                raise ContentUnavailable(f"no state {code!r} in the store")
            text = treatment_text(store, state, language)
        except ContentUnavailable:
            logger.warning("Content store unavailable while answering a state search")
            dispatcher.utter_message(text=store_down_text(language) + "\n" + say(language, "ft_store_down"))
            return [SlotSet("ft_state", None)]
        dispatcher.utter_message(text=text, buttons=answer_buttons(language))
        return [SlotSet("ft_state", None)]
