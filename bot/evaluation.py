"""Evaluation of a trained model: intent accuracy / macro-F1 and crisis recall / false positives."""

from __future__ import annotations

import asyncio
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, List, Optional, Sequence, Tuple

import yaml

CRISIS_KINDS = ("overdose", "suicide", "medical")


@dataclass
class NluReport:
    """Intent classification figures on a held-out set."""

    n: int
    accuracy: float
    macro_f1: float
    per_intent_f1: Dict[str, float]
    errors: List[Tuple[str, str, str]]  # (text, expected, predicted)


@dataclass
class CrisisReport:
    """Crisis detection figures: recall per kind and the false-positive rate."""

    recall_any: Dict[str, float]  # crisis reply of any kind
    recall_kind: Dict[str, float]  # crisis reply of the right kind
    counts: Dict[str, int]
    false_positive_rate: float
    n_negative: int
    missed: List[Tuple[str, str, str]]
    false_positives: List[Tuple[str, str]]


def load_nlu_examples(path: Path) -> List[Tuple[str, str]]:
    """Return (text, intent) pairs from a Rasa NLU YAML file."""
    from rasa.shared.nlu.training_data.loading import load_data

    data = load_data(str(path))
    return [(m.get("text"), m.get("intent")) for m in data.intent_examples]


def load_crisis_set(path: Path) -> Dict[str, List[str]]:
    """Return the crisis test set: lists of messages per kind plus ``non_crisis``."""
    doc = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    return {k: [str(x) for x in doc.get(k, [])] for k in (*CRISIS_KINDS, "non_crisis")}


def nlu_report(examples: Sequence[Tuple[str, str]], predicted: Sequence[str]) -> NluReport:
    """Compute accuracy and macro-F1 over the intents of the test set."""
    from sklearn.metrics import f1_score

    gold = [intent for _, intent in examples]
    labels = sorted(set(gold))
    per = f1_score(gold, predicted, labels=labels, average=None, zero_division=0)
    accuracy = sum(g == p for g, p in zip(gold, predicted)) / len(gold)
    errors = [(t, g, p) for (t, g), p in zip(examples, predicted) if g != p]
    return NluReport(len(gold), accuracy, float(per.mean()), dict(zip(labels, map(float, per))), errors)


def crisis_report(crisis_set: Dict[str, List[str]], predict, extra_negatives: Sequence[str] = ()) -> CrisisReport:
    """Compute crisis recall per kind and the false-positive rate with ``predict(text) -> intent``."""
    recall_any, recall_kind, counts, missed = {}, {}, {}, []
    for kind in CRISIS_KINDS:
        texts = crisis_set[kind]
        preds = [predict(t) or "" for t in texts]
        counts[kind] = len(texts)
        recall_any[kind] = sum(p.startswith("crisis_") for p in preds) / max(1, len(texts))
        recall_kind[kind] = sum(p == f"crisis_{kind}" for p in preds) / max(1, len(texts))
        missed += [(t, kind, p) for t, p in zip(texts, preds) if p != f"crisis_{kind}"]
    negatives = list(crisis_set["non_crisis"]) + list(extra_negatives)
    fps = [(t, p) for t in negatives if (p := predict(t) or "").startswith("crisis_")]
    return CrisisReport(recall_any, recall_kind, counts, len(fps) / max(1, len(negatives)), len(negatives), missed, fps)


class ModelParser:
    """Parses texts with a trained Rasa model (NLU only, no action server needed)."""

    def __init__(self, model_path: Path):
        import logging

        from rasa.core.agent import Agent
        from rasa.utils.log_utils import configure_structlog

        # Rasa's debug log repeats every message text; evaluation output should carry figures only.
        configure_structlog(logging.WARNING)
        logging.getLogger("rasa").setLevel(logging.WARNING)

        self._loop = asyncio.new_event_loop()
        self._agent = Agent.load(str(model_path))

    def intent(self, text: str) -> str:
        """Return the intent the full pipeline (model + safety net) assigns to ``text``."""
        result = self._loop.run_until_complete(self._agent.parse_message(text))
        return (result.get("intent") or {}).get("name") or ""


def print_nlu(report: NluReport, floor: float) -> None:
    """Print the NLU figures."""
    print(f"NLU test set: {report.n} messages, {len(report.per_intent_f1)} intents")
    print(f"  intent accuracy: {report.accuracy:.3f}")
    print(f"  macro-F1:        {report.macro_f1:.3f}   (floor {floor:.2f})")
    weak = sorted((f, i) for i, f in report.per_intent_f1.items() if f < 1.0)
    if weak:
        print("  intents below F1 1.0: " + ", ".join(f"{i} {f:.2f}" for f, i in weak))
    for text, gold, pred in report.errors:
        print(f"  miss: {text!r}: expected {gold}, got {pred}")


def print_crisis(title: str, report: CrisisReport) -> None:
    """Print the crisis figures."""
    print(title)
    for kind in CRISIS_KINDS:
        print(
            f"  {kind:<9} recall {report.recall_kind[kind] * 100:5.1f}% right kind, "
            f"{report.recall_any[kind] * 100:5.1f}% any crisis reply  (n={report.counts[kind]})"
        )
    print(f"  false positives: {report.false_positive_rate * 100:.1f}% of {report.n_negative} non-crisis messages")


def run(model: Path, nlu_test: Path, crisis_test: Optional[Path], floor: float, recall_floor: float, fp_ceiling: float) -> int:
    """Evaluate, print figures and return 0 when every floor is met, else 1."""
    from bot.crisis import get_detector

    parser = ModelParser(model)
    examples = load_nlu_examples(nlu_test)
    ok = True
    report = nlu_report(examples, [parser.intent(t) for t, _ in examples])
    print_nlu(report, floor)
    if report.accuracy < floor or report.macro_f1 < floor:
        print(f"FAIL: intent accuracy/macro-F1 below {floor:.2f}")
        ok = False
    if crisis_test is not None:
        crisis_set = load_crisis_set(crisis_test)
        # The held-out NLU set's crisis messages count too: every held-out crisis message must be caught.
        for text, intent in examples:
            if intent.startswith("crisis_"):
                crisis_set[intent[len("crisis_") :]].append(text)
        negatives = [t for t, i in examples if not i.startswith("crisis_")]
        full = crisis_report(crisis_set, parser.intent, negatives)
        detector = get_detector()
        net = crisis_report(crisis_set, lambda t: (m.intent if (m := detector.detect(t)) else ""), negatives)
        print_crisis("Crisis test set, full pipeline (model + safety net):", full)
        print_crisis("Crisis test set, safety net alone (no model):", net)
        for text, kind, pred in full.missed:
            print(f"  missed {kind}: {text!r} -> {pred}")
        for text, pred in full.false_positives:
            print(f"  false positive: {text!r} -> {pred}")
        if min(full.recall_kind.values()) < recall_floor:
            print(f"FAIL: crisis recall below {recall_floor * 100:.0f}%")
            ok = False
        if full.false_positive_rate > fp_ceiling:
            print(f"FAIL: crisis false positives above {fp_ceiling * 100:.0f}%")
            ok = False
    print("PASS: all floors met" if ok else "FAILED")
    return 0 if ok else 1
