"""The staff page's figures and review queue, added up from real tracker stores (SQLite and PostgreSQL) holding
conversations saved turn by turn the way the Rasa server saves them."""

from __future__ import annotations

import re

import yaml

from bot.staff import usage
from bot.staff.usage import CHECK_INS, CRISIS_REPLIES, FLOWS, TOPIC_ACTION, summarise
from tests.bot.staff.conversations import DAY1, DAY2, DAY3, NONSENSE, ODD, PERIOD, WEATHER
from tests.conftest import ROOT


def test_the_figures_and_the_queue_are_what_happened_in_the_period(filled):
    u = summarise(filled.engine, PERIOD)
    assert u.conversations == {DAY1: 2, DAY2: 3, DAY3: 9}
    assert u.messages == {DAY1: 5, DAY2: 5, DAY3: 12}
    assert u.total_conversations == 14  # the conversation before the period is not counted
    assert u.topics == {"ask_methadone": 1, "ask_naloxone": 6}
    assert u.missed == {DAY2: 2, DAY3: 2}  # not understood, out of scope, the phone message, Rasa's fallback
    assert u.crisis["overdose"] == {DAY1: 1} and u.crisis["suicide"] == {DAY2: 1} and u.crisis["medical"] == {DAY3: 1}
    assert u.check_in_asked == {"overdose": 1, "suicide": 1, "medical": 1}
    assert u.check_in_answered == {"overdose": 1, "medical": 1}  # nobody wrote back after the suicide check-in
    assert u.flows_started == {"loved_one_form": 1, "find_treatment_form": 1}  # resuming a form is not a new start
    assert u.flows_finished == {"loved_one_form": 1}
    assert u.channels == {"rest": 19, "telegram": 1, "slack": 2}

    # The review queue: what was not understood, newest first, redacted as stored.
    queue = u.queue
    assert [(q.text, q.reason) for q in queue] == [
        (ODD, "no next step"),
        ("can someone call me back at [phone] about my brother", "not understood"),
        (WEATHER, "out of scope"),
        (NONSENSE, "not understood"),
    ]
    nonsense = queue[-1]
    assert (nonsense.intent, nonsense.confidence) == ("ask_cost", 0.18)  # what the model guessed, under nlu_fallback
    assert queue[0].at.date() == DAY3 and nonsense.at.date() == DAY2
    assert all(q.label is None for q in queue)


def test_a_period_with_nothing_in_it_is_empty(shared_sqlite):
    empty = summarise(shared_sqlite.engine, usage.Period(DAY1.replace(year=2020), DAY1.replace(year=2020)))
    assert (empty.messages, empty.queue, empty.total_conversations) == ({}, [], 0)


def test_a_store_without_conversations_yet_reads_as_empty(tmp_path):
    from bot.content.db import create_db_engine

    engine = create_db_engine(f"sqlite:///{tmp_path / 'new.db'}")
    assert summarise(engine, PERIOD, 0.25).total_conversations == 0
    engine.dispose()


def test_the_names_it_recognises_are_the_ones_the_bot_uses():
    """Renaming a crisis reply, check-in or form in the domain or rules breaks the page's figures: this fails first."""
    domain = yaml.safe_load((ROOT / "domain.yml").read_text())
    rules = "\n".join(p.read_text() for p in (ROOT / "data").glob("rules*.yml"))
    responses, actions, forms = set(domain["responses"]), set(domain["actions"]), set(domain["forms"])
    for reply in CRISIS_REPLIES:
        assert reply in responses and f"action: {reply}" in rules, reply
    for check_in in CHECK_INS:
        assert check_in in responses and f"action: {check_in}" in rules, check_in
    assert TOPIC_ACTION in actions
    assert set(FLOWS) == forms
    for form, done in FLOWS.items():
        assert done in actions
        assert re.search(rf"active_loop: {form}\n  steps:\n  - action: {form}\n  - active_loop: null\n.*?- action: {done}",
                         rules, re.S), form


def test_low_confidence_is_the_fallback_threshold_of_config_yml():
    config = yaml.safe_load((ROOT / "config.yml").read_text())
    threshold = next(c["threshold"] for c in config["pipeline"] if c["name"] == "FallbackClassifier")
    assert usage.fallback_threshold() == threshold


def test_a_safety_check_is_queued_with_what_the_model_guessed(tmp_path, domain):
    import asyncio

    from bot.content.db import create_db_engine
    from bot.rasa_ext.tracker_store import PrivacySQLTrackerStore
    from tests.bot.staff.conversations import Conversation

    store = PrivacySQLTrackerStore(domain=domain, dialect="sqlite", db=str(tmp_path / "t.db"))
    talk = Conversation(store, domain, "unsure", DAY1)
    asyncio.run(talk.turn("i have a rope", "check_danger", 1.0, steps=["utter_check_danger"],
                          ranking=[("check_danger", 1.0), ("nlu_fallback", 0.25), ("report_grief", 0.2)]))
    engine = create_db_engine(f"sqlite:///{tmp_path / 't.db'}")
    [item] = summarise(engine, PERIOD, 0.25).queue
    assert (item.text, item.reason, item.intent, item.confidence) == ("i have a rope", "safety check asked", "report_grief", 0.2)
    engine.dispose()
