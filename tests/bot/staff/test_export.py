"""The review loop's output: labelled messages as an NLU file Rasa reads, and a conversation as a test story."""

from __future__ import annotations

import subprocess
from typing import Dict

import pytest
from rasa.shared.core.events import ActionExecuted, UserUttered
from rasa.shared.core.training_data.story_reader.yaml_story_reader import YAMLStoryReader
from rasa.shared.nlu.training_data.formats.rasa_yaml import RasaYAMLReader

from bot.cli import main
from bot.staff.labels import NOT_FOR_US, save_label
from bot.staff.usage import conversation_events, summarise
from tests.bot.staff.conversations import NONSENSE, ODD, PERIOD, WEATHER
from tests.servers import ROOT, VENV_BIN

REDACTED_PHONE = "can someone call me back at [phone] about my brother"


def _queue_ids(filled) -> Dict[str, int]:
    return {item.text: item.event_id for item in summarise(filled.engine, PERIOD, 0.25).queue}


def _first_user_event(filled, role: str) -> int:
    return next(i for i, e in conversation_events(filled.engine, filled.ids[role]) if e["event"] == "user")


def _intents(path) -> Dict[str, set]:
    data = RasaYAMLReader().read(str(path))
    out: Dict[str, set] = {}
    for example in data.intent_examples:
        out.setdefault(example.get("intent"), set()).add(example.get("text"))
    return out


def test_export_writes_the_labelled_messages_as_nlu_yaml_grouped_by_intent(filled_sqlite, tmp_path, capsys):
    ids = _queue_ids(filled_sqlite)
    save_label(filled_sqlite.engine, ids[NONSENSE], "ask_cost")
    save_label(filled_sqlite.engine, ids[WEATHER], NOT_FOR_US)
    save_label(filled_sqlite.engine, ids[REDACTED_PHONE], "request_human")
    save_label(filled_sqlite.engine, _first_user_event(filled_sqlite, "topic"), "greet")  # "hiya": already in the training data
    out = tmp_path / "reviewed.yml"

    assert main(["review", "export", "--out", str(out), "--tracker-url", filled_sqlite.url]) == 0
    assert "Added 2 labelled example(s)" in capsys.readouterr().out
    assert _intents(out) == {"ask_cost": {NONSENSE}, "request_human": {REDACTED_PHONE}}
    assert "617-555-0100" not in out.read_text()

    # Labelled later: added to the same file; the earlier examples stay and none is repeated.
    save_label(filled_sqlite.engine, ids[ODD], "affirm")
    assert main(["review", "export", "--out", str(out), "--tracker-url", filled_sqlite.url]) == 0
    assert _intents(out) == {"ask_cost": {NONSENSE}, "request_human": {REDACTED_PHONE}, "affirm": {ODD}}
    text = out.read_text()
    assert text.count(NONSENSE) == 1 and text.index("- intent: affirm") < text.index("- intent: ask_cost")


def test_the_same_text_labelled_twice_is_exported_once_with_the_later_label(filled_sqlite, tmp_path):
    old = _first_user_event(filled_sqlite, "old")  # "what is methadone", but it is in the training data
    ids = _queue_ids(filled_sqlite)
    older_nonsense = next(i for i, e in conversation_events(filled_sqlite.engine, filled_sqlite.ids["old"])
                          if e["event"] == "user" and e["text"] == NONSENSE)
    save_label(filled_sqlite.engine, older_nonsense, "ask_cost", now=1.0)
    save_label(filled_sqlite.engine, ids[NONSENSE], "ask_kratom", now=2.0)
    save_label(filled_sqlite.engine, old, "ask_methadone", now=3.0)
    out = tmp_path / "reviewed.yml"
    assert main(["review", "export", "--out", str(out), "--tracker-url", filled_sqlite.url]) == 0
    assert _intents(out) == {"ask_kratom": {NONSENSE}}


def test_nothing_labelled_writes_a_valid_empty_file(tmp_path):
    out = tmp_path / "reviewed.yml"
    assert main(["review", "export", "--out", str(out), "--tracker-url", f"sqlite:///{tmp_path / 'none.db'}"]) == 0
    assert _intents(out) == {}


def test_a_conversation_exports_as_a_test_story_rasa_reads(filled_sqlite, domain, capsys):
    ids = _queue_ids(filled_sqlite)
    save_label(filled_sqlite.engine, ids[NONSENSE], "ask_cost")
    assert main(["review", "story", filled_sqlite.ids["missed"], "--tracker-url", filled_sqlite.url]) == 0
    story = capsys.readouterr().out
    assert filled_sqlite.ids["missed"] not in story  # the story is named by a hash, not the sender id
    steps = YAMLStoryReader(domain).read_from_string(story)[0].events
    users = [(e.text, e.intent_name) for e in steps if isinstance(e, UserUttered)]
    actions = [e.action_name for e in steps if isinstance(e, ActionExecuted)]
    assert users == [(NONSENSE, "ask_cost"), (WEATHER, "out_of_scope")]  # the staff label replaces nlu_fallback
    assert actions == ["utter_ask_rephrase", "utter_out_of_scope"]

    assert main(["review", "story", filled_sqlite.ids["plan"], "--tracker-url", filled_sqlite.url]) == 0
    plan = YAMLStoryReader(domain).read_from_string(capsys.readouterr().out)[0].events
    names = [getattr(e, "action_name", None) or type(e).__name__ for e in plan]
    assert names[:3] == ["UserUttered", "loved_one_form", "ActiveLoop"]
    assert "action_loved_one_plan" in names
    assert main(["review", "story", "nobody-at-all", "--tracker-url", filled_sqlite.url]) == 1


@pytest.mark.model
def test_the_export_passes_rasa_data_validate(filled_sqlite, tmp_path):
    """The slow validator (about a minute): the repository's data plus the export, warnings failing."""
    ids = _queue_ids(filled_sqlite)
    save_label(filled_sqlite.engine, ids[NONSENSE], "ask_cost")
    save_label(filled_sqlite.engine, ids[REDACTED_PHONE], "request_human")
    out = tmp_path / "reviewed.yml"
    assert main(["review", "export", "--out", str(out), "--tracker-url", filled_sqlite.url]) == 0
    result = subprocess.run(
        [str(VENV_BIN / "rasa"), "data", "validate", "--fail-on-warnings", "--data", str(ROOT / "data"), str(out),
         "--domain", str(ROOT / "domain.yml"), "--config", str(ROOT / "config.yml")],
        cwd=ROOT, capture_output=True, text=True, timeout=600,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
