"""Action: end the "helping a loved one" form with crisis guidance or a personalised plan."""

from __future__ import annotations

import logging
from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from bot.content.store import ContentUnavailable, get_store
from bot.flows.loved_one_plan import build_plan, plan_buttons
from bot.flows.reply_format import store_down_text

logger = logging.getLogger(__name__)
FORM_SLOTS = ("lo_person", "lo_in_danger", "lo_noticed", "lo_talked")


class ActionLovedOnePlan(Action):
    """Sends the plan (or, if the person is in danger, the crisis guidance) and clears the form's answers."""

    def name(self) -> Text:
        """Return the action's name in the domain."""
        return "action_loved_one_plan"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        """Dispatch the plan and reset the form so it can be run again."""
        reset = [SlotSet(slot, None) for slot in FORM_SLOTS]
        if tracker.get_slot("lo_in_danger") is True:
            dispatcher.utter_message(response="utter_crisis_danger")
            return reset + [FollowupAction("utter_ask_safe")]
        language = tracker.get_slot("language")
        try:
            plan = build_plan(get_store(), tracker.get_slot("lo_person"), tracker.get_slot("lo_talked"), language)
        except ContentUnavailable:
            logger.warning("Content store unavailable while building a plan")
            dispatcher.utter_message(text=store_down_text(language))
            return reset
        dispatcher.utter_message(text=plan, buttons=plan_buttons(language))
        return reset
