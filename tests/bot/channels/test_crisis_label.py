"""Crisis replies reach REST clients labelled, whole, and only they do: the widget's crisis card depends on it.

The replies are rendered as the Rasa server renders them: the real domain, Rasa's response action and NLG,
and the message Rasa hands the output channel (``BotUttered.message()``).
"""

from __future__ import annotations

import pytest
from rasa.core.actions.action import ActionBotResponse
from rasa.core.nlg import TemplatedNaturalLanguageGenerator
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import SlotSet
from rasa.shared.core.trackers import DialogueStateTracker

from bot.channels.crisis_label import CrisisLabellingOutput
from bot.channels.replies import CRISIS_FALLBACK_TEXT, NO_REPLY_TEXT
from bot.channels.rest import SafeRestInput
from bot.settings import PROJECT_ROOT

DOMAIN = Domain.load(str(PROJECT_ROOT / "domain.yml"))


async def replies_for(response: str, language: str = "en"):
    """What the REST channel returns for one domain response."""
    tracker = DialogueStateTracker("u", DOMAIN.slots)
    tracker.update(SlotSet("language", language))
    output = CrisisLabellingOutput()
    nlg = TemplatedNaturalLanguageGenerator(DOMAIN.responses)
    for event in await ActionBotResponse(response).run(output, nlg, tracker, DOMAIN):
        await output.send_response("u", event.message())
    return output.messages


@pytest.mark.parametrize("response, kind", [
    ("utter_crisis_overdose", "overdose"), ("utter_crisis_suicide", "suicide"), ("utter_crisis_medical", "medical"),
    ("utter_crisis_danger", "danger"), ("utter_crisis_not_safe", "danger"),
])
@pytest.mark.parametrize("language", ["en", "es"])
async def test_each_crisis_response_arrives_as_one_labelled_message(response, kind, language):
    messages = await replies_for(response, language)
    assert len(messages) == 1
    assert messages[0]["custom"] == {"kind": "crisis", "crisis": kind, "language": language}
    assert messages[0]["text"] == DOMAIN.responses[response][0 if language == "es" else -1]["text"]


@pytest.mark.parametrize("response", ["utter_ask_breathing", "utter_check_danger", "utter_default", "utter_glad_safe"])
async def test_other_responses_are_not_labelled(response):
    messages = await replies_for(response)
    assert messages and all("custom" not in m for m in messages)


async def test_the_channels_own_emergency_reply_is_labelled_and_its_generic_reply_is_not():
    async def conversation_down(message):
        raise RuntimeError("tracker store unreachable")

    crisis = await SafeRestInput().answer(conversation_down, "u", "my friend is not breathing")
    assert crisis[-1]["text"] == CRISIS_FALLBACK_TEXT["crisis_overdose"]
    assert crisis[-1]["custom"] == {"kind": "crisis", "crisis": "overdose", "language": "en"}
    spanish = await SafeRestInput().answer(conversation_down, "u", "mi amigo no respira")
    assert spanish[-1]["custom"] == {"kind": "crisis", "crisis": "overdose", "language": "es"}
    calm = await SafeRestInput().answer(conversation_down, "u", "what is methadone")
    assert calm[-1]["text"] == NO_REPLY_TEXT and "custom" not in calm[-1]
