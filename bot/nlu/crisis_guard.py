"""Rasa component: the crisis safety layer, run last in the NLU pipeline so that nothing can undo it.

It trains and holds the crisis classifier (``bot/safety/classifier.py``), runs the lexicon net
(``bot/safety/net.py``) and lets ``bot/safety/decision.py`` combine them with the intent the model predicted:

- a crisis -> intent ``crisis_<kind>`` with confidence 1 (the static crisis reply follows by rule);
- unsure -> intent ``check_danger``: the bot asks directly, with 911 and 988 in the same message;
- crisis words ruled out by the net (idiom, negation, past event) -> the model's best non-crisis intent.

A crisis found by the Spanish lexicon sets the ``language`` entity to ``es`` so that the reply is Spanish.
"""

from __future__ import annotations

import logging
from typing import Any, Dict, List, Optional, Text

import joblib
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_NAME_KEY, INTENT_RANKING_KEY, PREDICTED_CONFIDENCE_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.safety.net import get_safety_net
from bot.safety.classifier import CrisisClassifier
from bot.safety.decision import CHECK_INTENT, Decision, Thresholds, decide

logger = logging.getLogger(__name__)
MODEL_FILE = "crisis_classifier.joblib"


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=True)
class CrisisGuard(GraphComponent):
    """Sets crisis_* / check_danger when the safety layer says so (see the module docstring)."""

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        """Thresholds of the crisis classifier; chosen on the dev set and recorded in config.yml."""
        defaults = Thresholds()
        return {
            "crisis_threshold": defaults.crisis,
            "ask_threshold": defaults.ask,
            "veto_ceiling": defaults.veto_ceiling,
            "model_threshold": defaults.model,
            "agree_threshold": defaults.agree,
        }

    def __init__(
        self,
        config: Optional[Dict[Text, Any]] = None,
        model_storage: Optional[ModelStorage] = None,
        resource: Optional[Resource] = None,
        classifier: Optional[CrisisClassifier] = None,
    ) -> None:
        config = {**self.get_default_config(), **(config or {})}
        self._thresholds = Thresholds(
            config["crisis_threshold"],
            config["ask_threshold"],
            config["veto_ceiling"],
            config["model_threshold"],
            config["agree_threshold"],
        )
        self._model_storage = model_storage
        self._resource = resource
        self._classifier = classifier or CrisisClassifier()

    @classmethod
    def create(
        cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource, execution_context: ExecutionContext
    ) -> "CrisisGuard":
        """Create an untrained guard; the lexicon net is built now so that the first message is not slowed down."""
        get_safety_net()
        return cls(config, model_storage, resource)

    @classmethod
    def load(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> "CrisisGuard":
        """Load the trained classifier; without one (a model trained before it existed) the net and model still work."""
        get_safety_net()
        try:
            with model_storage.read_from(resource) as directory:
                classifier = joblib.load(directory / MODEL_FILE)
        except (ValueError, FileNotFoundError):
            logger.warning("No trained crisis classifier in this model; using the lexicon net and the intent model only")
            classifier = None
        return cls(config, model_storage, resource, classifier)

    def train(self, training_data: TrainingData) -> Resource:
        """Train the crisis classifier on every intent example (crisis intents against all others)."""
        examples = [(m.get(TEXT), m.get(INTENT)) for m in training_data.intent_examples]
        self._classifier = CrisisClassifier().fit(examples)
        with self._model_storage.write_to(self._resource) as directory:
            joblib.dump(self._classifier, directory / MODEL_FILE)
        return self._resource

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        """Leave training data unchanged."""
        return training_data

    def process(self, messages: List[Message]) -> List[Message]:
        """Apply the safety decision to each message."""
        net = get_safety_net()
        for message in messages:
            text = message.get(TEXT)
            if not isinstance(text, str):
                continue
            model_intent = str((message.get(INTENT) or {}).get(INTENT_NAME_KEY) or "")
            model_confidence = float((message.get(INTENT) or {}).get(PREDICTED_CONFIDENCE_KEY) or 0.0)
            score = self._classifier.score(text) if self._classifier.fitted else None
            analysis = net.analyse(text)
            decision = decide(analysis, model_intent, score, net.has_risk_word(text), self._thresholds, model_confidence)
            if decision.action == "crisis":
                self._set_intent(message, f"crisis_{decision.kind}", model_intent, decision)
                if decision.lang == "es":
                    self._set_language(message, "es")
            elif decision.action == "check":
                self._set_intent(message, CHECK_INTENT, model_intent, decision)
            elif decision.action == "overrule":
                self._overrule_model_crisis(message)
            # What each detector said (no text): for the evaluation, threshold tuning and the staff's review.
            held = model_intent if model_intent and not model_intent.startswith("crisis_") and model_intent != CHECK_INTENT else None
            message.set(
                "crisis_guard",
                {
                    "decision": decision.action,
                    "kind": decision.kind,
                    "source": decision.source,
                    "model_intent": model_intent,
                    "model_confidence": round(model_confidence, 4),
                    "held_intent": held,
                    "classifier_score": round(score.probability, 4) if score else None,
                    "classifier_kind": score.kind if score else None,
                },
                add_to_output=True,
            )
        return messages

    @staticmethod
    def _set_intent(message: Message, name: str, previous: str, decision: Decision) -> None:
        if previous != name:
            # Log the kind and the detector only: message text stays out of the logs.
            logger.info("Safety layer set intent %s (model said %s, source %s)", name, previous, decision.source)
        intent = {INTENT_NAME_KEY: name, PREDICTED_CONFIDENCE_KEY: 1.0}
        ranking = [intent] + [r for r in (message.get(INTENT_RANKING_KEY) or []) if r.get(INTENT_NAME_KEY) != name]
        message.set(INTENT, intent, add_to_output=True)
        message.set(INTENT_RANKING_KEY, ranking, add_to_output=True)

    @staticmethod
    def _set_language(message: Message, lang: str) -> None:
        entities = [e for e in (message.get(ENTITIES) or []) if e.get("entity") != "language"]
        entities.append({"entity": "language", "value": lang, "extractor": CrisisGuard.__name__})
        message.set(ENTITIES, entities, add_to_output=True)

    @staticmethod
    def _overrule_model_crisis(message: Message) -> None:
        intent = message.get(INTENT) or {}
        ranking = [r for r in (message.get(INTENT_RANKING_KEY) or []) if not str(r.get(INTENT_NAME_KEY)).startswith("crisis_")]
        best = ranking[0] if ranking else {INTENT_NAME_KEY: "nlu_fallback", PREDICTED_CONFIDENCE_KEY: 1.0}
        logger.info("Safety net ruled out crisis words; model's %s replaced by %s", intent.get(INTENT_NAME_KEY), best.get(INTENT_NAME_KEY))
        message.set(INTENT, best, add_to_output=True)
        message.set(INTENT_RANKING_KEY, ranking, add_to_output=True)
