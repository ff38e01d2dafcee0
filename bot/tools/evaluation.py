"""Evaluation of a trained model on the dev sets and on the newest blind batch.

Two kinds of test data, kept apart on purpose (see tests/blind/README.md):

- **dev**: ``tests/nlu_test.yml``, ``tests/crisis_test.yml`` and every blind batch marked ``folded_into_dev``.
  We tune against these, so their figures say little about new users; the floors of ``make test`` apply.
- **blind**: the newest batch in ``tests/blind/`` not folded yet, written by someone who never saw the
  training data and evaluated once before any tuning. Its figures are printed beside the dev figures,
  without floors; after its misses are looked at, it is marked ``folded_into_dev`` and a new one is written.

A message counts as *answered with 911/988* when it got the crisis reply or the safety check
(``check_danger``, which asks directly and carries 911 and 988). A *false alarm* is the crisis reply to a
message that is not a crisis; the safety check on a calm message is counted apart ("asked").
"""

from __future__ import annotations

import asyncio
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Dict, Iterable, List, Optional, Sequence, Tuple

import yaml

from bot.safety.net import KINDS as CRISIS_KINDS
from bot.safety.decision import CHECK_INTENT

BLIND_DIR = Path("tests/blind")


@dataclass(frozen=True)
class Example:
    """One test message: its text, the intent it should get (None when only its crisis status is known)."""

    text: str
    intent: Optional[str]
    crisis: Optional[str]  # overdose / suicide / medical, or None for a calm message
    hard_negative: bool = False
    lang: str = "en"


@dataclass
class EvalSet:
    """A named list of examples."""

    name: str
    examples: List[Example] = field(default_factory=list)


@dataclass
class Figures:
    """What one evaluation set measured."""

    n: int
    n_intent: int
    accuracy: float
    macro_f1: float
    recall_kind: Dict[str, float]  # the crisis reply of the right kind
    recall_any: Dict[str, float]  # any crisis reply
    recall_911: Dict[str, float]  # the crisis reply or the safety check (911/988 in the reply)
    crisis_counts: Dict[str, int]
    false_alarm_rate: float
    asked_rate: float
    n_calm: int
    hard_negative_false_alarms: int
    n_hard_negative: int
    intent_errors: List[Tuple[str, str, str]]
    missed: List[Tuple[str, str, str]]
    false_alarms: List[Tuple[str, str]]
    asked: List[str]


# --- loading -------------------------------------------------------------------------------------------


def _crisis_of(intent: Optional[str]) -> Optional[str]:
    return intent[len("crisis_") :] if intent and intent.startswith("crisis_") else None


def load_nlu_examples(path: Path) -> List[Example]:
    """Return the examples of a Rasa NLU YAML file."""
    from rasa.shared.nlu.training_data.loading import load_data

    data = load_data(str(path))
    return [Example(m.get("text"), m.get("intent"), _crisis_of(m.get("intent"))) for m in data.intent_examples]


def load_crisis_set(path: Path) -> List[Example]:
    """Return the crisis test set: messages per crisis kind plus calm ``non_crisis`` ones (no intent label)."""
    doc = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    out = [Example(str(t), f"crisis_{k}", k) for k in CRISIS_KINDS for t in doc.get(k, [])]
    out += [Example(str(t), None, None, hard_negative=True) for t in doc.get("non_crisis", [])]
    return out


def load_blind_batch(path: Path) -> List[Example]:
    """Return the messages of one blind batch (format in tests/blind/BRIEF.md)."""
    doc = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    out = []
    for m in doc.get("messages", []):
        intent = str(m["intent"])
        out.append(Example(str(m["text"]), intent, _crisis_of(intent), bool(m.get("hard_negative")), str(m.get("lang", "en"))))
    return out


def blind_batches(directory: Path = BLIND_DIR) -> List[Path]:
    """Return the blind batch files, oldest first (``batch-01.yml``, ``batch-02.yml``...)."""
    return sorted(Path(directory).glob("batch-*.yml"))


def all_blind_batches(directory: Path = BLIND_DIR) -> List[Path]:
    """Every blind batch, English (``tests/blind/``) and Spanish (``tests/blind/es/``): for the leak checks."""
    return blind_batches(directory) + blind_batches(Path(directory) / "es")


def spanish_sets(blind_dir: Path = BLIND_DIR) -> Tuple[Optional[EvalSet], Optional[EvalSet]]:
    """Return the Spanish dev set (folded Spanish batches) and the newest Spanish batch not yet folded."""
    dev, blind = EvalSet("dev es", []), None
    for path in blind_batches(Path(blind_dir) / "es"):
        if is_folded(path):
            dev.examples += load_blind_batch(path)
        else:
            blind = EvalSet(f"blind es {path.stem}", load_blind_batch(path))
    return (dev if dev.examples else None), blind


def is_folded(path: Path) -> bool:
    """True when a batch was evaluated once, its misses looked at, and it became part of the dev set."""
    return bool((yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}).get("folded_into_dev"))


def dev_and_blind(nlu_test: Path, crisis_test: Optional[Path], blind_dir: Path = BLIND_DIR) -> Tuple[EvalSet, Optional[EvalSet]]:
    """Return the dev set (the team's sets and the folded blind batches) and the newest batch not yet folded."""
    dev = EvalSet("dev", load_nlu_examples(nlu_test))
    if crisis_test is not None:
        dev.examples += load_crisis_set(crisis_test)
    blind = None
    for path in blind_batches(blind_dir):
        if is_folded(path):
            dev.examples += load_blind_batch(path)
        else:
            blind = EvalSet(f"blind {path.stem}", load_blind_batch(path))
    return dev, blind


# --- measuring -----------------------------------------------------------------------------------------


def measure(examples: Sequence[Example], predict: Callable[[str], str], lang: str = "en") -> Figures:
    """Run ``predict(text) -> intent`` over ``examples`` and compute the figures.

    Intent accuracy counts the messages in ``lang`` (the English sets hold a few Spanish messages, which count
    for the crisis figures; the Spanish sets are scored with ``lang="es"``). A crisis message answered with the
    crisis reply of the right kind counts as right.
    """
    from sklearn.metrics import f1_score

    preds = [predict(e.text) or "" for e in examples]
    scored = [(e, p) for e, p in zip(examples, preds) if e.intent and e.lang == lang]
    gold = [e.intent for e, _ in scored]
    got = [p for _, p in scored]
    labels = sorted(set(gold))
    per = f1_score(gold, got, labels=labels, average=None, zero_division=0) if gold else []
    accuracy = sum(g == p for g, p in zip(gold, got)) / max(1, len(gold))
    errors = [(e.text, e.intent, p) for e, p in scored if e.intent != p]

    recall_kind, recall_any, recall_911, counts, missed = {}, {}, {}, {}, []
    for kind in CRISIS_KINDS:
        pairs = [(e, p) for e, p in zip(examples, preds) if e.crisis == kind]
        n = len(pairs)
        counts[kind] = n
        recall_kind[kind] = sum(p == f"crisis_{kind}" for _, p in pairs) / max(1, n)
        recall_any[kind] = sum(p.startswith("crisis_") for _, p in pairs) / max(1, n)
        recall_911[kind] = sum(p.startswith("crisis_") or p == CHECK_INTENT for _, p in pairs) / max(1, n)
        missed += [(e.text, kind, p) for e, p in pairs if not p.startswith("crisis_")]
    calm = [(e, p) for e, p in zip(examples, preds) if e.crisis is None]
    false_alarms = [(e.text, p) for e, p in calm if p.startswith("crisis_")]
    asked = [e.text for e, p in calm if p == CHECK_INTENT]
    hard = [(e, p) for e, p in calm if e.hard_negative]
    return Figures(
        n=len(examples),
        n_intent=len(scored),
        accuracy=accuracy,
        macro_f1=float(sum(per) / len(per)) if len(per) else 0.0,
        recall_kind=recall_kind,
        recall_any=recall_any,
        recall_911=recall_911,
        crisis_counts=counts,
        false_alarm_rate=len(false_alarms) / max(1, len(calm)),
        asked_rate=len(asked) / max(1, len(calm)),
        n_calm=len(calm),
        hard_negative_false_alarms=sum(p.startswith("crisis_") for _, p in hard),
        n_hard_negative=len(hard),
        intent_errors=errors,
        missed=missed,
        false_alarms=false_alarms,
        asked=asked,
    )


def _normal(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).lower()
    return re.sub(r"[^\w]+", " ", text).strip()


def leaked(test_texts: Iterable[str], training_texts: Iterable[str]) -> List[str]:
    """Return the test messages that also stand in the training data (ignoring case and punctuation)."""
    train = {_normal(t) for t in training_texts}
    return sorted({t for t in test_texts if _normal(t) in train})


def training_texts(data_dir: Path = Path("data")) -> List[str]:
    """Return every NLU training message under ``data_dir``."""
    from rasa.shared.nlu.training_data.loading import load_data

    texts: List[str] = []
    for path in sorted(Path(data_dir).rglob("*.yml")):
        if "nlu:" in path.read_text(encoding="utf-8"):
            texts += [m.get("text") for m in load_data(str(path)).intent_examples]
    return texts


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

    def parse(self, text: str) -> Dict:
        """Return the full parse result (intent, entities, what each crisis detector said)."""
        return self._loop.run_until_complete(self._agent.parse_message(text))

    def intent(self, text: str) -> str:
        """Return the intent the full pipeline (model + safety layer) assigns to ``text``."""
        return (self.parse(text).get("intent") or {}).get("name") or ""


def sweep(model: Path, nlu_test: Path, crisis_test: Optional[Path], blind_dir: Path = BLIND_DIR) -> int:
    """Print dev recall, false alarms and safety checks for a grid of thresholds (to choose them for config.yml).

    Only the dev set is used: the newest blind batch stays unseen until it is evaluated once.
    """
    import itertools

    from bot.safety.net import get_safety_net
    from bot.safety.classifier import CrisisScore
    from bot.safety.decision import Thresholds, decide

    dev, _ = dev_and_blind(nlu_test, crisis_test, blind_dir)
    parser = ModelParser(model)
    net = get_safety_net()
    rows = []
    for e in dev.examples:
        guard = parser.parse(e.text).get("crisis_guard") or {}
        score = CrisisScore(float(guard.get("classifier_score") or 0.0), guard.get("classifier_kind"))
        model_intent, confidence = str(guard.get("model_intent") or ""), float(guard.get("model_confidence") or 0.0)
        rows.append((e, model_intent, confidence, score, net.analyse(e.text), net.has_risk_word(e.text)))
    print(f"{'crisis':>7} {'ask':>5} {'model':>6} {'agree':>6} | {'recall':>7} {'911/988':>8} {'false alarms':>13} {'asked':>7}")
    grid = itertools.product((0.6, 0.7, 0.8, 0.9), (0.4, 0.5, 0.6), (0.3, 0.5, 0.7), (0.0, 0.2, 0.4))
    for crisis, ask, model_min, agree in grid:
        if ask >= crisis:
            continue
        t = Thresholds(crisis, ask, Thresholds().veto_ceiling, model_min, agree)
        hits = reached = fa = asked = calm = n = 0
        for e, model_intent, confidence, score, analysis, risk in rows:
            d = decide(analysis, model_intent, score, risk, t, confidence)
            if e.crisis:
                n += 1
                hits += d.action == "crisis"
                reached += d.action in ("crisis", "check")
            else:
                calm += 1
                fa += d.action == "crisis"
                asked += d.action == "check"
        print(
            f"{crisis:7.2f} {ask:5.2f} {model_min:6.2f} {agree:6.2f} | "
            f"{hits / n:7.1%} {reached / n:8.1%} {fa / calm:13.1%} {asked / calm:7.1%}"
        )
    return 0


# --- printing ------------------------------------------------------------------------------------------


def _pct(x: float) -> str:
    return f"{x * 100:5.1f}%"


def figure_rows(figs: Figures) -> List[Tuple[str, str]]:
    """Return (label, value) rows for the side-by-side table."""
    rows = [
        ("messages (intent-scored)", f"{figs.n} ({figs.n_intent})"),
        ("intent accuracy", f"{figs.accuracy:.3f}"),
        ("intent macro-F1", f"{figs.macro_f1:.3f}"),
    ]
    for kind in CRISIS_KINDS:
        n = figs.crisis_counts[kind]
        rows.append((f"{kind}: crisis reply (right kind)", f"{_pct(figs.recall_any[kind])} ({_pct(figs.recall_kind[kind]).strip()}) n={n}"))
        rows.append((f"{kind}: 911/988 (reply or check)", f"{_pct(figs.recall_911[kind])}"))
    rows.append(("false alarms (crisis reply)", f"{_pct(figs.false_alarm_rate)} of {figs.n_calm}"))
    rows.append(("  of them on hard negatives", f"{figs.hard_negative_false_alarms} of {figs.n_hard_negative}"))
    rows.append(("asked the safety check", f"{_pct(figs.asked_rate)} of {figs.n_calm}"))
    return rows


def print_side_by_side(sets: Sequence[Tuple[str, Figures]]) -> None:
    """Print the figures of several sets in columns."""
    width = 34
    print(" " * width + "".join(f"{name:>30}" for name, _ in sets))
    columns = [figure_rows(f) for _, f in sets]
    for i, (label, _) in enumerate(columns[0]):
        print(f"{label:<{width}}" + "".join(f"{col[i][1]:>30}" for col in columns))


def print_details(name: str, figs: Figures, limit: int = 400) -> None:
    """Print what went wrong, message by message."""
    for text, kind, pred in figs.missed[:limit]:
        print(f"  [{name}] missed {kind}: {text!r} -> {pred}")
    for text, pred in figs.false_alarms[:limit]:
        print(f"  [{name}] false alarm: {text!r} -> {pred}")
    for text in figs.asked[:limit]:
        print(f"  [{name}] asked the safety check: {text!r}")
    for text, gold, pred in figs.intent_errors[:limit]:
        print(f"  [{name}] intent: {text!r}: expected {gold}, got {pred}")


def run(
    model: Path,
    nlu_test: Path,
    crisis_test: Optional[Path],
    floor: float,
    recall_floor: float,
    fp_ceiling: float,
    blind_dir: Path = BLIND_DIR,
    details: str = "dev",
) -> int:
    """Evaluate, print dev and newest-blind figures side by side, and return 0 when the dev floors are met."""
    from bot.safety.net import get_safety_net

    dev, blind = dev_and_blind(nlu_test, crisis_test, blind_dir)
    dev_es, blind_es = spanish_sets(blind_dir)
    spanish = [s for s in (dev_es, blind_es) if s is not None]
    ok = True
    tested = [e.text for s in [dev, blind, *spanish] if s is not None for e in s.examples]
    leaks = leaked(tested, training_texts())
    if leaks:
        print(f"FAIL: {len(leaks)} test message(s) also in the training data, e.g. {leaks[:3]}")
        ok = False
    parser = ModelParser(model)
    net = get_safety_net()
    sets = [(dev.name, measure(dev.examples, parser.intent))]
    if blind is not None:
        sets.append((blind.name, measure(blind.examples, parser.intent)))
    sets.append(("dev, lexicon net alone", measure(dev.examples, lambda t: (m.intent if (m := net.detect(t)) else ""))))
    print_side_by_side(sets)
    spanish_sets_figs = [(s.name, measure(s.examples, parser.intent, lang="es")) for s in spanish]
    if spanish_sets_figs:
        # Spanish in its own table: intent figures over Spanish messages.
        print()
        print_side_by_side(spanish_sets_figs)
    for name, figs in sets[:-1] + spanish_sets_figs:
        if details == "all" or (details == "dev" and name in ("dev", "dev es")):
            print_details(name, figs)
    figs = sets[0][1]
    if figs.accuracy < floor or figs.macro_f1 < floor:
        print(f"FAIL: dev intent accuracy/macro-F1 below {floor:.2f}")
        ok = False
    # Recall counts a crisis message as caught when the reply carried 911/988: the crisis reply, or the
    # safety check that asks directly with 911 and 988 in it (the strict figure is printed above).
    if min(figs.recall_911.values()) < recall_floor:
        print(f"FAIL: dev crisis recall (911/988 in the reply) below {recall_floor * 100:.0f}%")
        ok = False
    if figs.false_alarm_rate > fp_ceiling:
        print(f"FAIL: dev false alarms above {fp_ceiling * 100:.1f}%")
        ok = False
    for name, figs in spanish_sets_figs:
        if name != "dev es":
            continue
        # The Spanish dev set is held to the same floors as the English one: accuracy, false alarms, crisis recall.
        if figs.accuracy < floor or figs.macro_f1 < floor:
            print(f"FAIL: Spanish dev intent accuracy/macro-F1 below {floor:.2f}")
            ok = False
        if figs.false_alarm_rate > fp_ceiling:
            print(f"FAIL: Spanish dev false alarms above {fp_ceiling * 100:.1f}%")
            ok = False
        if min(figs.recall_911.values()) < recall_floor:
            print(f"FAIL: Spanish dev crisis recall (911/988 in the reply) below {recall_floor * 100:.0f}%")
            ok = False
    print("PASS: all dev floors met" if ok else "FAILED")
    return 0 if ok else 1

