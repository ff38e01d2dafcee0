"""Remove from data/nlu/ every training example that also stands in a dev or blind test set.

A blind writer sometimes writes, by chance, a sentence a training writer also wrote ("am i talking to a real
person"). The first evaluation counts it as it was; afterwards the training copy goes, so that the leak check
of ``make eval`` holds and the test message keeps measuring something.

    .venv/bin/python scripts/drop_leaks.py
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.tools import evaluation  # noqa: E402
from scripts.writer_to_nlu import _test_texts  # noqa: E402

EXAMPLE = re.compile(r"^(\s*- )(.*)$")


def _without_empty_blocks(text: str) -> str:
    """Drop an intent block whose every example was removed (Rasa warns on an intent with no examples)."""
    return re.sub(r"^- intent: \S+\n  examples: \|\n(?=- intent:|\Z)", "", text, flags=re.M)


def main() -> int:
    taken = _test_texts()
    total = 0
    for path in sorted((ROOT / "data" / "nlu").glob("*.yml")):
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        kept = []
        in_examples = False
        for line in lines:
            if line.strip().startswith("examples:"):
                in_examples = True
            elif not line.startswith(" "):
                in_examples = False
            m = EXAMPLE.match(line.rstrip("\n"))
            if in_examples and m and line.startswith("    ") and evaluation._normal(m.group(2)) in taken:
                total += 1
                print(f"{path.relative_to(ROOT)}: dropped {m.group(2)!r}")
                continue
            kept.append(line)
        path.write_text(_without_empty_blocks("".join(kept)), encoding="utf-8")
    print(f"{total} training example(s) dropped")
    return 0


if __name__ == "__main__":
    sys.exit(main())
