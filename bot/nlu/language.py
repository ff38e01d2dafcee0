"""Rasa component: the ``language`` entity (``en`` / ``es``) for messages clearly written in one language.

The ``language`` slot is filled from it, and the crisis replies and check-ins have Spanish variants on that
slot. Short or mixed messages add nothing, so the conversation keeps the language it had; a message that asks for
a language ("español", "english please") sets it whatever its length.

The website widget's language (decision, issue "the widget follows and offers the language"): the widget shows
its own texts in English or Spanish and sends its language with every message, as the REST channel's
``metadata: {"language": "es"}``. Rasa 3.6 hands a message's metadata to the NLU components as the Message's
``"metadata"`` (``rasa/graph_components/converters/nlu_message_converter.py``), so it is read here, in the one
place that already decides a message's language, with no tracker lookup and no new slot:

1. a message that asks for a language sets it ("español");
2. a message clearly in one language sets that language: the person's own words win over the page they are on
   (as on every other channel);
3. otherwise (too short or mixed: "sí", "ok", "naloxona?") the widget's language sets it. So a conversation
   that has no language yet takes the widget's, and a short reply is answered in the language the widget
   shows rather than the one an earlier message happened to be in.

The widget's switch sends ``/switch_language{"language": "es"}``: Rasa's RegexMessageHandler turns that into the
``switch_language`` intent with the language entity from the message itself (these steps add nothing it keeps),
the slot is set and ``utter_language_switched`` answers in the new language. Metadata that is not a mapping, or a
language other than en/es, is ignored: it comes from the browser.
"""

from __future__ import annotations

from typing import Any, List, Optional

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.extractors.extractor import EntityExtractorMixin
from rasa.shared.nlu.constants import ENTITIES, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.nlu.language_detection import detect_language, requested_language
from bot.nlu.stateless import StatelessComponent

LANGUAGES = ("en", "es")
# Where Rasa puts the channel's metadata on an NLU Message (NLUMessageConverter).
METADATA = "metadata"


def client_language(metadata: Any) -> Optional[str]:
    """Return "en" or "es" from a channel's metadata ``{"language": "es"}`` (the widget's), else None."""
    if not isinstance(metadata, dict):
        return None
    value = metadata.get("language")
    return value if isinstance(value, str) and value in LANGUAGES else None


def message_language(text: Any, metadata: Any = None) -> Optional[str]:
    """Return the language a message sets: asked for, else clearly written in, else the client's; or None."""
    return requested_language(text) or detect_language(text) or client_language(metadata)


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR], is_trainable=False)
class LanguageDetector(StatelessComponent, EntityExtractorMixin):
    """Adds ``{"entity": "language", "value": "en" | "es"}`` when the language is clear (``message_language``)."""

    def process(self, messages: List[Message]) -> List[Message]:
        """Add the language entity to each message whose language is clear."""
        for message in messages:
            lang = message_language(message.get(TEXT), message.get(METADATA))
            if lang:
                entity = {"entity": "language", "value": lang, "confidence_entity": 1.0, "extractor": self.__class__.__name__}
                message.set(ENTITIES, message.get(ENTITIES, []) + [entity], add_to_output=True)
        return messages
