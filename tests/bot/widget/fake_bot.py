"""A stand-in for the trained bot, so the widget's browser tests need no model and never wait on one.

Everything the widget receives is produced by the real code: the REST channel (``SafeRestInput``, with
its crisis label, its gate and Rasa's CORS set-up as ``rasa run --cors`` does it), the domain's responses
rendered by Rasa's own response action, and the real actions answering from a real content store. Only
the choice of what to say - the trained model's job - is scripted below, one entry per test message,
in the order the dialogue rules give (``data/rules_generated.yml``).

The language is chosen as the trained bot chooses it: a scripted message has its own; the widget's switch
(``/switch_language{"language": "es"}``) is answered with ``utter_language_switched`` in the language it asks
for; any other message gets ``utter_default`` in the language the real rule gives it
(``bot.nlu.language.message_language``: its own words, else the widget's ``metadata``), else English.

    python -m tests.bot.widget.fake_bot --port 5123 --cors http://127.0.0.1:8123   # DATABASE_URL: the content store
"""

from __future__ import annotations

import argparse
import json
import re
from typing import Any, Dict, List, Optional, Tuple

from rasa.core.actions.action import ActionBotResponse
from rasa.core.channels.channel import UserMessage, register
from rasa.core.nlg import TemplatedNaturalLanguageGenerator
from rasa.server import add_root_route, configure_cors
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import SlotSet
from rasa.shared.core.trackers import DialogueStateTracker
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher
from sanic import Sanic

from actions.answer_topic import ActionAnswerTopic
from actions.crisis_resources import ActionCrisisResources
from bot.channels.rest import SafeRestInput
from bot.nlu.language import client_language, message_language
from bot.settings import PROJECT_ROOT

OVERDOSE = "my friend is not breathing"
SUICIDE = "i want to end my life"
OVERDOSE_ES = "mi amigo no respira"
QUESTION = "what is narcan"
QUESTION_ES = "¿Qué es la naloxona?"
DOWN_PREFIX = "[down] "  # the conversation fails: the channel must answer on its own
# message -> (intent the model would predict, language slot, actions the rules run)
SCRIPT: Dict[str, Tuple[str, str, List[str]]] = {
    OVERDOSE: ("crisis_overdose", "en", ["utter_crisis_overdose", "action_crisis_resources", "utter_ask_breathing"]),
    SUICIDE: ("crisis_suicide", "en", ["utter_crisis_suicide", "action_crisis_resources", "utter_ask_safe"]),
    OVERDOSE_ES: ("crisis_overdose", "es", ["utter_crisis_overdose", "action_crisis_resources", "utter_ask_breathing"]),
    QUESTION: ("ask_naloxone", "en", ["action_answer_topic"]),
    QUESTION_ES.lower(): ("ask_naloxone", "es", ["action_answer_topic"]),
}
UNSCRIPTED = ("nlu_fallback", "en", ["utter_default"])
SWITCH = re.compile(r"^/switch_language(\{.*\})$")


def choose(text: str, metadata: Optional[Dict[str, Any]]) -> Tuple[str, str, List[str]]:
    """Return (intent, language slot, actions) for a message, as the trained bot would choose them."""
    switch = SWITCH.match(text.strip())
    if switch:
        return "switch_language", client_language(json.loads(switch.group(1))) or "en", ["utter_language_switched"]
    if text.strip().lower() in SCRIPT:
        return SCRIPT[text.strip().lower()]
    intent, _, actions = UNSCRIPTED
    return intent, message_language(text, metadata) or "en", actions
CUSTOM_ACTIONS = {a.name(): a for a in (ActionAnswerTopic(), ActionCrisisResources())}


class ScriptedAgent:
    """Plays the Rasa agent's part for ``register``: runs the scripted actions for each message."""

    def __init__(self) -> None:
        self.domain = Domain.load(str(PROJECT_ROOT / "domain.yml"))
        self.nlg = TemplatedNaturalLanguageGenerator(self.domain.responses)

    async def handle_message(self, message: UserMessage) -> None:
        """Send the replies the trained bot would send, through the channel's output as Rasa does."""
        if message.text.startswith(DOWN_PREFIX):
            raise RuntimeError("conversation unavailable (simulated)")
        intent, language, actions = choose(message.text, message.metadata)
        tracker = DialogueStateTracker(message.sender_id, self.domain.slots)
        tracker.update(SlotSet("language", language))  # the only slot the responses' conditions read
        for name in actions:
            if name in CUSTOM_ACTIONS:
                await self._run_custom(name, intent, language, message)
                continue
            for event in await ActionBotResponse(name).run(message.output_channel, self.nlg, tracker, self.domain):
                await message.output_channel.send_response(message.sender_id, event.message())

    async def _run_custom(self, name: str, intent: str, language: str, message: UserMessage) -> None:
        """Run one of our actions as the action server would, and send what it dispatched."""
        latest = {"text": message.text, "intent": {"name": intent, "confidence": 1.0}, "entities": []}
        sdk_tracker = Tracker.from_dict({
            "sender_id": message.sender_id, "slots": {"language": language}, "latest_message": latest,
            "events": [{"event": "user", "text": message.text, "parse_data": latest}], "paused": False,
            "followup_action": None, "active_loop": {}, "latest_action_name": "action_listen",
        })
        dispatcher = CollectingDispatcher()
        await CUSTOM_ACTIONS[name].run(dispatcher, sdk_tracker, {})
        for sent in dispatcher.messages:
            reply: Dict[str, Any] = {k: v for k, v in sent.items() if v and k in ("text", "buttons")}
            await message.output_channel.send_response(message.sender_id, reply)


def build_app(cors: List[str]) -> Sanic:
    """Return a Sanic app with the real REST channel on the usual URL, answering through ScriptedAgent."""
    app = Sanic("fake_bot", configure_logging=False)
    add_root_route(app)
    configure_cors(app, cors)
    app.ctx.agent = ScriptedAgent()
    register([SafeRestInput()], app, route="/webhooks/")
    return app


def main() -> None:
    """Serve the fake bot until stopped."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--cors", nargs="*", default=[])
    args = parser.parse_args()
    build_app(args.cors).run(host="127.0.0.1", port=args.port, workers=1, access_log=False)


if __name__ == "__main__":
    main()
