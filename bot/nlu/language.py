"""Rasa component: the ``language`` entity (``en`` / ``es``) for messages clearly written in one language.

The ``language`` slot is filled from it, and the crisis replies and check-ins have Spanish variants on that
slot. Short or mixed messages add nothing, so the conversation keeps the language it had; a message that asks for
a language ("español", "english please") sets it whatever its length.
"""

from __future__ import annotations

from typing import List

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.extractors.extractor import EntityExtractorMixin
from rasa.shared.nlu.constants import ENTITIES, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.nlu.language_detection import detect_language, requested_language
from bot.nlu.stateless import StatelessComponent


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR], is_trainable=False)
class LanguageDetector(StatelessComponent, EntityExtractorMixin):
    """Adds ``{"entity": "language", "value": "en" | "es"}`` when the language is clear."""

    def process(self, messages: List[Message]) -> List[Message]:
        """Add the language entity to each message whose language is clear."""
        for message in messages:
            lang = requested_language(message.get(TEXT)) or detect_language(message.get(TEXT))
            if lang:
                entity = {"entity": "language", "value": lang, "confidence_entity": 1.0, "extractor": self.__class__.__name__}
                message.set(ENTITIES, message.get(ENTITIES, []) + [entity], add_to_output=True)
        return messages
