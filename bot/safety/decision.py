"""How the three crisis detectors are combined into one decision for a message.

- the lexicon net (``bot/safety/net.py``): deterministic, reviewable, English and Spanish;
- the intent model: a ``crisis_*`` intent it predicted;
- the crisis classifier (``bot/safety/classifier.py``): crisis-vs-not, its threshold chosen on the dev set
  for recall (see ``config.yml``).

Any one of them is enough for the crisis reply: the net's match, the classifier's score at ``crisis`` or
more, or the model's crisis intent at confidence ``model`` or more with the classifier not disagreeing
(score ``agree`` or more; the intent model's one-vs-rest probabilities are over-confident on some calm
messages, measured on the dev set). The net may still rule crisis words out explicitly: an idiom or a writer
saying nobody is hurt is final; a negation or an event long past stands unless the classifier scores
``veto_ceiling`` or more; when the writer says nobody is in danger and only the statistical detectors see a
crisis, the bot asks instead of sounding the alarm. Between "sure" and "no sign", the bot asks directly
(the middle tier): a crisis intent the model is unsure of, a classifier score of ``ask`` or more, or a
message the model did not understand that holds a risk word.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from bot.safety.net import CrisisAnalysis
from bot.safety.classifier import CrisisScore

CHECK_INTENT = "check_danger"
NOT_UNDERSTOOD = frozenset({"out_of_scope", "nlu_fallback"})
FINAL_VETOES = ("exclusion", "all clear")


@dataclass(frozen=True)
class Thresholds:
    """Crisis reply at a classifier score of ``crisis``, or a model confidence of ``model`` with a classifier
    score of ``agree``; safety check at ``ask``; a classifier score of ``veto_ceiling`` beats a net veto."""

    crisis: float = 0.9
    ask: float = 0.6
    veto_ceiling: float = 0.99
    model: float = 0.3
    agree: float = 0.4


@dataclass(frozen=True)
class Decision:
    """What to do with a message: ``crisis`` (of ``kind``), ``check`` (ask), ``overrule`` (drop a model crisis) or ``none``."""

    action: str
    kind: Optional[str] = None
    source: str = ""
    lang: Optional[str] = None


def decide(
    analysis: CrisisAnalysis,
    model_intent: str,
    score: Optional[CrisisScore],
    risk_word: bool,
    thresholds: Thresholds,
    model_confidence: float = 1.0,
) -> Decision:
    """Combine the detectors' findings for one message (``score`` None: no trained classifier in this model)."""
    agreed = score is None or score.probability >= thresholds.agree
    score = score or CrisisScore(0.0, None)
    if analysis.matches:
        match = analysis.matches[0]
        return Decision("crisis", match.kind, "lexicon", match.lang)
    model_crisis = model_intent.startswith("crisis_")
    # An idiom or a writer saying outright that nobody is hurt is final; a negation or a past event can be
    # beaten by a classifier that is all but certain ("he overdosed last year and tonight i took everything").
    if analysis.ruled_out(FINAL_VETOES) or (analysis.ruled_out() and score.probability < thresholds.veto_ceiling):
        return Decision("overrule" if model_crisis else "none", source="lexicon veto")
    if analysis.all_clear and (model_crisis or score.probability >= thresholds.ask):
        # The writer says nobody is in danger and no crisis words were matched: ask, with 911/988 in the question.
        return Decision("check", source="all clear said")
    if model_crisis and model_confidence >= thresholds.model and agreed:
        return Decision("crisis", model_intent[len("crisis_") :], "model")
    if score.probability >= thresholds.crisis and score.kind:
        return Decision("crisis", score.kind, "classifier")
    if model_crisis:
        return Decision("check", source="model, unsure")
    if score.probability >= thresholds.ask:
        return Decision("check", source="classifier")
    if model_intent in NOT_UNDERSTOOD and risk_word:
        return Decision("check", source="risk word")
    return Decision("none")
