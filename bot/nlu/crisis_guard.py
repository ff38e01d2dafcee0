"""Rasa component: the deterministic crisis safety net, run after intent classification."""

from __future__ import annotations

import logging
from typing import Any, List

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import INTENT, INTENT_NAME_KEY, INTENT_RANKING_KEY, PREDICTED_CONFIDENCE_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.crisis import get_detector
from bot.nlu.stateless import StatelessComponent

logger = logging.getLogger(__name__)


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class CrisisGuard(StatelessComponent):
    """Overrides the predicted intent with crisis_overdose / crisis_suicide / crisis_medical when the lexicon fires.

    When the lexicon does not fire, a crisis the model guessed stands, with one exception: the lexicon saw the
    crisis words and ruled them out explicitly (a figure of speech such as "dying to know", a negation such as
    "I'm not suicidal", or an event long past such as "overdosed last year"). Then the model's best non-crisis
    intent is used instead.
    """

    @classmethod
    def create(cls, *args: Any, **kwargs: Any) -> "CrisisGuard":
        """Create the component and build the detector now, so the first message is not slowed down."""
        get_detector()
        return cls()

    def process(self, messages: List[Message]) -> List[Message]:
        """Set the crisis intent on messages where the safety net fires."""
        detector = get_detector()
        for message in messages:
            text = message.get(TEXT)
            if not isinstance(text, str):
                continue
            analysis = detector.analyse(text)
            if not analysis.matches:
                if analysis.ruled_out():
                    self._overrule_model_crisis(message)
                continue
            match = analysis.matches[0]
            previous = (message.get(INTENT) or {}).get(INTENT_NAME_KEY)
            if previous != match.intent:
                # Log the kind only: message text stays out of the logs.
                logger.info("Safety net set intent %s (model said %s)", match.intent, previous)
            intent = {INTENT_NAME_KEY: match.intent, PREDICTED_CONFIDENCE_KEY: 1.0}
            ranking = [intent] + [
                r for r in (message.get(INTENT_RANKING_KEY) or []) if r.get(INTENT_NAME_KEY) != match.intent
            ]
            message.set(INTENT, intent, add_to_output=True)
            message.set(INTENT_RANKING_KEY, ranking, add_to_output=True)
            message.set("crisis_guard", {"kind": match.kind, "trigger": match.trigger}, add_to_output=True)
        return messages

    @staticmethod
    def _overrule_model_crisis(message: Message) -> None:
        intent = message.get(INTENT) or {}
        if not str(intent.get(INTENT_NAME_KEY, "")).startswith("crisis_"):
            return
        ranking = [r for r in (message.get(INTENT_RANKING_KEY) or []) if not str(r.get(INTENT_NAME_KEY)).startswith("crisis_")]
        best = ranking[0] if ranking else {INTENT_NAME_KEY: "nlu_fallback", PREDICTED_CONFIDENCE_KEY: 1.0}
        logger.info("Safety net ruled out crisis words; model's %s replaced by %s", intent.get(INTENT_NAME_KEY), best.get(INTENT_NAME_KEY))
        message.set(INTENT, best, add_to_output=True)
        message.set(INTENT_RANKING_KEY, ranking, add_to_output=True)
