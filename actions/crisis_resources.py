"""Action: follow the static crisis message with the detailed resources from the content store."""

from __future__ import annotations

import logging
from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from bot.content_store import ContentUnavailable, get_store
from bot.reply_format import essential_resources_text, resources_text

logger = logging.getLogger(__name__)


def crisis_kind(tracker: Tracker) -> str:
    """Return the crisis kind (overdose, suicide, medical) of the latest crisis message."""
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            name = ((event.get("parse_data") or {}).get("intent") or {}).get("name") or ""
            if name.startswith("crisis_"):
                return name[len("crisis_") :]
    return "overdose"


class ActionCrisisResources(Action):
    """Lists the crisis lines that fit the situation (always ending with the SAMHSA helpline)."""

    def name(self) -> Text:
        """Return the action's name in the domain."""
        return "action_crisis_resources"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        """Dispatch the resource list for this crisis kind."""
        kind = crisis_kind(tracker)
        try:
            store = get_store()
            resources = store.resources(kind)
            general = [r for r in store.resources("general") if r not in resources]
        except ContentUnavailable:
            logger.warning("Content store unavailable during a %s crisis; sending built-in resources", kind)
            dispatcher.utter_message(text=essential_resources_text(kind))
            return []
        if not resources:
            dispatcher.utter_message(text=essential_resources_text(kind))
            return []
        dispatcher.utter_message(text=resources_text(resources + general))
        return []
