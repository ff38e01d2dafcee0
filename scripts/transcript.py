"""Print what a person would see: send messages to a real Rasa server and action server, one conversation each.

For content reviewers and closing notes: it starts both servers on free ports with the trained model
(``models/bot.tar.gz``) and a fresh SQLite content store loaded from ``data/content/``, sends each message as
a new conversation (or, with ``--one``, all in one conversation), prints the replies, and stops the servers.

    .venv/bin/python scripts/transcript.py "what are fentanyl test strips" "my son died of an overdose last month"
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.servers import content_db, free_port, send, start_actions, start_rasa  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("messages", nargs="+")
    parser.add_argument("--one", action="store_true", help="send every message in the same conversation")
    args = parser.parse_args()

    from bot.content.loader import validate

    model = ROOT / "models" / "bot.tar.gz"
    if not model.exists():
        print("models/bot.tar.gz is missing: run `make train` first", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        actions_port, rasa_port = free_port(), free_port()
        actions = start_actions(actions_port, work / "actions.log", content_db(work, validate()))
        rasa = start_rasa(rasa_port, actions_port, work, model)
        try:
            sender = f"transcript-{uuid.uuid4().hex[:8]}"
            for text in args.messages:
                if not args.one:
                    sender = f"transcript-{uuid.uuid4().hex[:8]}"
                print(f"> {text}")
                for reply in send(rasa_port, sender, text):
                    body = reply.get("text", "")
                    buttons = " | ".join(b.get("title", "") for b in reply.get("buttons", []))
                    print("  " + body.replace("\n", "\n  ") + (f"\n  [buttons: {buttons}]" if buttons else ""))
                print()
        finally:
            rasa.stop()
            actions.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
