"""Action: answer the topic the user asked about from the content store."""

from __future__ import annotations

import logging
from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from bot.flows.audience import audience_for, relation_in_message
from bot.content.store import ContentUnavailable, get_store
from bot.flows.reply_format import answer_buttons, answer_text, store_down_text

logger = logging.getLogger(__name__)


def relation_from_tracker(tracker: Tracker) -> tuple:
    """Return (relation, loved-one word) from this message's entity or the remembered slots."""
    msg = tracker.latest_message
    relation, word = relation_in_message(msg.get("text") or "", msg.get("entities") or [])
    if relation is None:
        return tracker.get_slot("relation"), tracker.get_slot("loved_one")
    return relation, (word if relation != "self" else None)


class ActionAnswerTopic(Action):
    """Sends the curated answer for the latest intent, adapted to who it is about."""

    def name(self) -> Text:
        """Return the action's name in the domain."""
        return "action_answer_topic"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        """Dispatch the answer and remember the topic for "tell me more"."""
        topic: Optional[str] = (tracker.latest_message.get("intent") or {}).get("name")
        return answer_topic(dispatcher, tracker, topic)


def answer_topic(dispatcher: CollectingDispatcher, tracker: Tracker, topic: Optional[str]) -> List[Dict[Text, Any]]:
    """Send the curated answer for ``topic`` to the person asking, in the conversation's language (the ``language``
    slot); "please rephrase" when there is none."""
    relation, loved_one = relation_from_tracker(tracker)
    try:
        answer = get_store().answer(topic, audience_for(relation), tracker.get_slot("language")) if topic else None
    except ContentUnavailable:
        logger.warning("Content store unavailable while answering %s", topic)
        dispatcher.utter_message(text=store_down_text(tracker.get_slot("language")))
        return []
    if answer is None:
        dispatcher.utter_message(response="utter_ask_rephrase")
        return []
    if answer.audience == "self":
        loved_one = None
    dispatcher.utter_message(text=answer_text(answer, loved_one), buttons=answer_buttons(answer))
    return [SlotSet("last_topic", topic), SlotSet("loved_one", loved_one)]
