"""Rasa component: entities from the curated lexicon (substance, medication, relation)."""

from __future__ import annotations

from typing import List

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.extractors.extractor import EntityExtractorMixin
from rasa.shared.nlu.constants import ENTITIES, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.nlu.entity_lexicon import get_lexicon
from bot.nlu.stateless import StatelessComponent


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR], is_trainable=False)
class LexiconEntityExtractor(StatelessComponent, EntityExtractorMixin):
    """Adds lexicon entities with canonical values ("subs" -> buprenorphine, "my son" -> child)."""

    def process(self, messages: List[Message]) -> List[Message]:
        """Add lexicon entities to each message."""
        lexicon = get_lexicon()
        for message in messages:
            text = message.get(TEXT)
            if not isinstance(text, str):
                continue
            found = [
                {
                    "entity": e.entity,
                    "value": e.value,
                    "start": e.start,
                    "end": e.end,
                    "confidence_entity": 1.0,
                    "extractor": self.__class__.__name__,
                }
                for e in lexicon.extract(text)
            ]
            if found:
                message.set(ENTITIES, message.get(ENTITIES, []) + found, add_to_output=True)
        return messages
