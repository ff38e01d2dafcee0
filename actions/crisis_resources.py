"""Action: follow the static crisis message with the detailed resources from the content store."""

from __future__ import annotations

import logging
from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from bot.content.store import ContentUnavailable, get_store
from bot.flows.reply_format import essential_resources_text, resources_text

logger = logging.getLogger(__name__)


def crisis_kinds(tracker: Tracker) -> List[str]:
    """Return the crisis kinds to list lines for: the latest crisis message's kind, or, when the person
    confirmed danger after the safety check (kind unknown), overdose and suicide."""
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            name = ((event.get("parse_data") or {}).get("intent") or {}).get("name") or ""
            if name.startswith("crisis_"):
                return [name[len("crisis_") :]]
            if name == "check_danger":
                break
    return ["overdose", "suicide"]


class ActionCrisisResources(Action):
    """Lists the crisis lines that fit the situation (always ending with the SAMHSA helpline)."""

    def name(self) -> Text:
        """Return the action's name in the domain."""
        return "action_crisis_resources"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        """Dispatch the resource list for this crisis kind."""
        language = tracker.get_slot("language")
        kinds = crisis_kinds(tracker)
        try:
            store = get_store()
            resources = [r for kind in kinds for r in store.resources(kind)]
            resources = [r for i, r in enumerate(resources) if r not in resources[:i]]
            general = [r for r in store.resources("general") if r not in resources]
        except ContentUnavailable:
            logger.warning("Content store unavailable during a %s crisis; sending built-in resources", kinds[0])
            dispatcher.utter_message(text=essential_resources_text(kinds[0], language))
            return []
        if not resources:
            dispatcher.utter_message(text=essential_resources_text(kinds[0], language))
            return []
        dispatcher.utter_message(text=resources_text(resources + general, language))
        return []
