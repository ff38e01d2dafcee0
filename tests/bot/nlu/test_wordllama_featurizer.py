"""The WordLlama featurizer of the model comparison reads an embedding table and a tokenizer file directly.

Tested on a tiny table and tokenizer made here (the real ones come from the wordllama wheel, which
scripts/compare_models.sh fetches): every token and the whole message get the mean of their pieces' vectors.
"""

from __future__ import annotations

import numpy as np
from rasa.nlu.tokenizers.whitespace_tokenizer import WhitespaceTokenizer
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.nlu import wordllama_featurizer as wf


def _package(tmp_path):
    from safetensors.numpy import save_file
    from tokenizers import Tokenizer
    from tokenizers.models import WordLevel
    from tokenizers.pre_tokenizers import Whitespace

    vocab = {"[UNK]": 0, "narcan": 1, "is": 2, "here": 3}
    tokenizer = Tokenizer(WordLevel(vocab, unk_token="[UNK]"))
    tokenizer.pre_tokenizer = Whitespace()
    (tmp_path / "weights").mkdir()
    (tmp_path / "tokenizers").mkdir()
    tokenizer.save(str(tmp_path / wf.TOKENIZER))
    table = np.arange(16, dtype=np.float32).reshape(4, 4)
    save_file({"embedding.weight": table}, str(tmp_path / wf.WEIGHTS))
    return table


def test_token_and_sentence_features_are_mean_pooled_embeddings(tmp_path):
    table = _package(tmp_path)
    config = {**wf.WordLlamaFeaturizer.get_default_config(), "package_dir": str(tmp_path)}
    featurizer = wf.WordLlamaFeaturizer("wordllama", config)
    message = Message(data={TEXT: "narcan is here"})
    WhitespaceTokenizer(WhitespaceTokenizer.get_default_config()).process([message])
    [message] = featurizer.process([message])
    sequence, sentence = message.get_dense_features(TEXT)
    assert np.allclose(sequence.features, table[[1, 2, 3]])
    assert np.allclose(sentence.features, table[[1, 2, 3]].mean(axis=0, keepdims=True))
