"""The third crisis detector: a small classifier that tells crisis messages (by kind) from everything else.

The intent model spreads its probability over 60 intents and learns crisis from a few hundred examples among
thousands; the lexicon net only knows the phrasings someone wrote down. This classifier is trained on every
crisis example against every other example (the hard negatives among them), so it learns what danger
sounds like in general. It scores the whole message and each clause, and keeps the highest score: a
crisis in one sentence of a long message is still a crisis.

Pure scikit-learn, so that the evaluation and the tests can train and use it without Rasa.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, List, Optional, Tuple

from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import FeatureUnion, Pipeline

from bot.safety.net import KINDS, clauses, normalize

NONE = "none"
# Shorter messages and clauses are left to the lexicon and the intent model: a linear model over one or two
# words fires on "no" (common in Spanish crisis messages: "no respira") and such short answers are not its job.
MIN_WORDS = 4


@dataclass(frozen=True)
class CrisisScore:
    """The classifier's view of a message: probability that it is a crisis, and the most likely kind."""

    probability: float
    kind: Optional[str]


class CrisisClassifier:
    """Crisis (overdose / suicide / medical) versus not, from word and character n-grams."""

    def __init__(self, c: float = 4.0):
        self._pipeline = Pipeline(
            [
                (
                    "features",
                    FeatureUnion(
                        [
                            ("words", TfidfVectorizer(ngram_range=(1, 2), min_df=1, sublinear_tf=True)),
                            ("chars", TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), min_df=2, sublinear_tf=True)),
                        ]
                    ),
                ),
                # No class re-weighting: "balanced" weights made every crisis class count ~12 times a calm
                # message and fired on "no" and "he's breathing fine now" (measured on the dev set).
                ("model", LogisticRegression(C=c, max_iter=2000)),
            ]
        )
        self._fitted = False

    @staticmethod
    def label_of(intent: str) -> str:
        """Map an intent to the classifier's label: the crisis kind, or ``none``."""
        return intent[len("crisis_") :] if intent.startswith("crisis_") and intent[len("crisis_") :] in KINDS else NONE

    def fit(self, examples: Iterable[Tuple[str, str]]) -> "CrisisClassifier":
        """Train on (text, intent) pairs; crisis intents are the positives."""
        pairs = []
        for text, intent in examples:
            if not text:
                continue
            label = self.label_of(intent)
            pairs.append((normalize(text), label))
            if label == NONE:
                # Scoring keeps the highest score over the message and its clauses, so every clause of a calm
                # message must look calm too ("...nothing happened, just want to be ready. how many should i
                # keep" scored as suicide on its last clause alone). A crisis message's clauses are not added:
                # some of them are calm.
                parts = clauses(text)
                if len(parts) > 1:
                    pairs += [(normalize(c), NONE) for c in parts if len(c.split()) >= MIN_WORDS]
        labels = {label for _, label in pairs}
        if NONE not in labels or len(labels) < 2:
            raise ValueError("the crisis classifier needs crisis examples and other examples to train")
        self._pipeline.fit([t for t, _ in pairs], [label for _, label in pairs])
        self._fitted = True
        return self

    @property
    def fitted(self) -> bool:
        """True once trained."""
        return self._fitted

    def score(self, text: str) -> CrisisScore:
        """Return the highest crisis probability over the whole message and each of its clauses."""
        if not self._fitted or not isinstance(text, str) or len(text.split()) < MIN_WORDS:
            return CrisisScore(0.0, None)
        pieces = [text] + [c for c in clauses(text) if len(c.split()) >= MIN_WORDS]
        probs = self._pipeline.predict_proba([normalize(p) for p in pieces])
        classes: List[str] = list(self._pipeline.classes_)
        none_at = classes.index(NONE)
        best = CrisisScore(0.0, None)
        for row in probs:
            p_crisis = 1.0 - float(row[none_at])
            if p_crisis > best.probability:
                kinds = [(float(row[i]), c) for i, c in enumerate(classes) if c != NONE]
                best = CrisisScore(p_crisis, max(kinds)[1])
        return best
