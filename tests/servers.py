"""Start and stop a real Rasa server and action server on free loopback ports, for end-to-end tests."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from pathlib import Path
from typing import Dict, List, Optional

from bot.tools.processes import Server, free_port, wait_http  # noqa: F401 - re-exported for the tests

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = ROOT / ".venv" / "bin"
MODEL = ROOT / "models" / "bot.tar.gz"


def trained_model() -> Path:
    """Return the trained model for the end-to-end tests, or fail them with what to run."""
    import pytest

    if not MODEL.exists():
        pytest.fail("models/bot.tar.gz is missing: run `make train` first")
    return MODEL


# As scripts/run.sh sets them: bodies over 1 MB get 413 before any of our code runs.
RASA_ENV = {"SANIC_REQUEST_MAX_SIZE": "1000000", "PYTHONWARNINGS": "ignore"}


def content_db(workdir: Path, bundle) -> str:
    """Load ``bundle`` into a fresh SQLite content store under ``workdir``; return its URL."""
    from bot.content.loader import load
    from bot.content.db import create_db_engine

    url = f"sqlite:///{workdir / 'content.db'}"
    engine = create_db_engine(url)
    load(engine, bundle)
    engine.dispose()
    return url


def start_actions(port: int, log: Path, database_url: str) -> Server:
    """Start the rasa_sdk action server and wait for its health check."""
    server = Server(
        [str(VENV_BIN / "rasa"), "run", "actions", "--actions", "actions", "-p", str(port)],
        log,
        {"DATABASE_URL": database_url},
    )
    wait_http(f"http://127.0.0.1:{port}/health", server.proc)
    return server


def start_rasa(
    port: int, actions_port: int, workdir: Path, model: Path, env: Optional[Dict[str, str]] = None, cors: str = "",
    extra_args: Optional[List[str]] = None,
) -> Server:
    """Start the Rasa server with our channels (credentials.yml), pointed at the action server port."""
    endpoints = workdir / "endpoints.yml"
    endpoints.write_text(
        f'action_endpoint:\n  url: "http://127.0.0.1:{actions_port}/webhook"\n'
        "tracker_store:\n  type: bot.rasa_ext.tracker_store.PrivacySQLTrackerStore\n"
        f'  dialect: "sqlite"\n  db: "{workdir / "tracker.db"}"\n'
    )
    server = Server(
        [
            str(VENV_BIN / "rasa"), "run", "-m", str(model), "--endpoints", str(endpoints),
            "--credentials", str(ROOT / "credentials.yml"), "-p", str(port), "-i", "127.0.0.1",
        ] + (["--cors", cors] if cors else []) + (extra_args or []),
        workdir / "rasa.log",
        {**RASA_ENV, **(env or {})},
    )
    wait_http(f"http://127.0.0.1:{port}/", server.proc)
    return server


def send(port: int, sender: str, text: str, timeout: float = 30.0) -> List[Dict]:
    """Post one message to the REST channel and return the bot's replies."""
    body = json.dumps({"sender": sender, "message": text}).encode()
    req = urllib.request.Request(
        f"http://127.0.0.1:{port}/webhooks/rest/webhook", data=body, headers={"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(req, timeout=timeout) as resp:
        return json.loads(resp.read())


def texts(replies: List[Dict]) -> str:
    """All reply texts joined, for assertions."""
    return "\n".join(r.get("text", "") for r in replies)


def post_raw(port: int, body: bytes, timeout: float = 30.0):
    """Post a raw body to the REST channel; return (status, parsed JSON)."""
    req = urllib.request.Request(
        f"http://127.0.0.1:{port}/webhooks/rest/webhook", data=body, headers={"Content-Type": "application/json"}
    )
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            return resp.status, json.loads(resp.read())
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read())
