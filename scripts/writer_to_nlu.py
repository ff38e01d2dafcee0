"""Turn a training writer's file (the blind-batch format of tests/blind/BRIEF.md) into Rasa NLU data.

Training writers are separate helper sessions given only the taxonomy and a style brief, like the blind
writers, so their messages look like users rather than like the team. Their files come in the brief's
``messages: [{text, intent, hard_negative?, lang?}]`` format; this script writes ``data/nlu/writer-<name>.yml``
grouped by intent, and drops any message that already stands in a dev or blind set or in other training
data (the leak check of ``make eval`` would fail on it, and a duplicate teaches nothing).

    .venv/bin/python scripts/writer_to_nlu.py staging/writer-youth.yml youth "a school counsellor ..."
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.tools import evaluation  # noqa: E402


def _test_texts() -> set:
    texts = [e.text for e in evaluation.load_nlu_examples(ROOT / "tests" / "nlu_test.yml")]
    texts += [e.text for e in evaluation.load_crisis_set(ROOT / "tests" / "crisis_test.yml")]
    for path in evaluation.all_blind_batches(ROOT / "tests" / "blind"):
        texts += [e.text for e in evaluation.load_blind_batch(path)]
    return {evaluation._normal(t) for t in texts}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path)
    parser.add_argument("name", help="the writer's short name: data/nlu/writer-<name>.yml")
    parser.add_argument("persona", help="one line: who the writer pretended to be")
    args = parser.parse_args()

    out = ROOT / "data" / "nlu" / f"writer-{args.name}.yml"
    taken = _test_texts()
    from rasa.shared.nlu.training_data.loading import load_data

    for path in sorted((ROOT / "data").rglob("*.yml")):
        if path != out and "nlu:" in path.read_text(encoding="utf-8"):
            taken |= {evaluation._normal(m.get("text")) for m in load_data(str(path)).intent_examples}

    by_intent: dict = defaultdict(list)
    dropped = 0
    for message in yaml.safe_load(args.source.read_text(encoding="utf-8"))["messages"]:
        text = " ".join(str(message["text"]).split())
        key = evaluation._normal(text)
        if not key or key in taken:
            dropped += 1
            continue
        taken.add(key)
        by_intent[str(message["intent"])].append(text)

    header = (
        f"# Training examples from a separate writer (persona: {args.persona}).\n"
        "# Written from the taxonomy and a brief only (see tests/blind/README.md); hard negatives are filed under their real intent.\n"
    )
    body = {"version": "3.1", "nlu": [{"intent": i, "examples": "".join(f"- {t}\n" for t in ts)} for i, ts in sorted(by_intent.items())]}

    class _Literal(str):
        pass

    yaml.add_representer(_Literal, lambda d, s: d.represent_scalar("tag:yaml.org,2002:str", s, style="|"))
    for block in body["nlu"]:
        block["examples"] = _Literal(block["examples"])
    out.write_text(header + yaml.dump(body, sort_keys=False, allow_unicode=True, width=10_000), encoding="utf-8")
    kept = sum(len(v) for v in by_intent.values())
    print(f"{out.relative_to(ROOT)}: {kept} examples in {len(by_intent)} intents ({dropped} dropped: duplicates or test messages)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
