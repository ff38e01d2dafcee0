"""Rasa component: mask phone numbers, e-mails and street addresses before the message is understood."""

from __future__ import annotations

from typing import List

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.nlu.stateless import StatelessComponent
from bot.privacy.redaction import redact


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.MESSAGE_TOKENIZER], is_trainable=False)
class PIIMasker(StatelessComponent):
    """Replaces personal details with [phone] / [email] / [address] so they neither sway the intent nor get stored."""

    def process(self, messages: List[Message]) -> List[Message]:
        """Mask personal details in each message's text."""
        for message in messages:
            text = message.get(TEXT)
            if isinstance(text, str):
                masked = redact(text)
                if masked != text:
                    message.set(TEXT, masked)
        return messages

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        """Mask training examples the same way, so training and serving see the same text."""
        self.process(training_data.training_examples)
        return training_data
