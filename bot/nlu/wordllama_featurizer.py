"""Rasa component (measured, not in the pipeline): dense features from WordLlama's 256-dimension token embeddings.

WordLlama ships its weights inside its wheel, but its runtime needs numpy 2 and pydantic 2, which Rasa 3.6
cannot take. So this featurizer reads the two files directly - the safetensors embedding table and the
tokenizer JSON - with `safetensors` (a Rasa dependency) and `tokenizers`, and mean-pools the token vectors
like WordLlama does. ``scripts/compare_models.sh`` fetches the wheel and uses this component in the
DIET + dense configuration of the model comparison (results in config.yml).
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any, Dict, List, Text

import numpy as np
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.constants import TOKENS_NAMES
from rasa.nlu.featurizers.dense_featurizer.dense_featurizer import DenseFeaturizer
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot import settings

WEIGHTS = "weights/l2_supercat_256.safetensors"
TOKENIZER = "tokenizers/l2_supercat_tokenizer_config.json"


@functools.lru_cache(maxsize=2)
def _load(directory: str):
    from safetensors.numpy import load_file
    from tokenizers import Tokenizer

    table = load_file(str(Path(directory) / WEIGHTS))["embedding.weight"].astype(np.float32)
    return table, Tokenizer.from_file(str(Path(directory) / TOKENIZER))


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER, is_trainable=False)
class WordLlamaFeaturizer(DenseFeaturizer, GraphComponent):
    """Token and sentence features: the mean of each word's (and the message's) sub-word embeddings."""

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        """The unpacked wordllama package directory (``scripts/compare_models.sh`` puts it in var/)."""
        return {**DenseFeaturizer.get_default_config(), "package_dir": str(settings.PROJECT_ROOT / "var" / "wordllama")}

    @classmethod
    def create(
        cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource, execution_context: ExecutionContext
    ) -> "WordLlamaFeaturizer":
        """Create the featurizer and load the embedding table."""
        _load(config["package_dir"])
        return cls(execution_context.node_name, config)

    @staticmethod
    def required_packages() -> List[Text]:
        """Python packages this featurizer reads the files with."""
        return ["safetensors", "tokenizers"]

    def _vectors(self, text: str) -> np.ndarray:
        table, tokenizer = _load(self._config["package_dir"])
        ids = tokenizer.encode(text, add_special_tokens=False).ids
        return table[ids] if ids else np.zeros((1, table.shape[1]), dtype=np.float32)

    def _featurize(self, message: Message) -> None:
        tokens = message.get(TOKENS_NAMES[TEXT]) or []
        text = message.get(TEXT)
        if not tokens or not isinstance(text, str):
            return
        sequence = np.stack([self._vectors(t.text).mean(axis=0) for t in tokens])
        sentence = self._vectors(text).mean(axis=0, keepdims=True)
        self.add_features_to_message(sequence=sequence, sentence=sentence, attribute=TEXT, message=message)

    def process(self, messages: List[Message]) -> List[Message]:
        """Add the features to each message."""
        for message in messages:
            self._featurize(message)
        return messages

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        """Add the features to every training example."""
        self.process(training_data.training_examples)
        return training_data

    @classmethod
    def validate_config(cls, config: Dict[Text, Any]) -> None:
        """Nothing to validate beyond the directory, which is checked when the table loads."""


