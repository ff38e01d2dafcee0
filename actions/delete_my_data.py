"""Action: confirm that this conversation is being deleted (the tracker store erases it when the turn is saved)."""

from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import AllSlotsReset
from rasa_sdk.executor import CollectingDispatcher


class ActionDeleteMyData(Action):
    """Tells the user what is deleted and clears everything remembered in this conversation."""

    def name(self) -> Text:
        """Return the action's name in the domain (bot/rasa_ext/tracker_store.py watches for it)."""
        return "action_delete_my_data"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        """Say what is deleted and forget every slot."""
        n_messages = sum(1 for e in tracker.events if e.get("event") == "user")
        remembered = [s for s in ("loved_one", "relation", "medication", "substance", "last_topic") if tracker.get_slot(s)]
        details = " and what I remembered (such as who you were asking about)" if remembered else ""
        dispatcher.utter_message(
            text=f"Done. I've deleted this conversation: your {n_messages} message(s), my replies{details}. "
            "Nothing else about you is kept here. You can start again any time."
        )
        return [AllSlotsReset()]
