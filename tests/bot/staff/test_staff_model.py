"""The staff page after real conversations with the trained bot: the figures are what the people did."""

from __future__ import annotations

import datetime as dt
import subprocess

import pytest

from bot.cli import main
from bot.content.db import create_db_engine
from bot.staff.routes import StaffSite
from bot.staff.usage import Period, summarise
from tests.servers import content_db, free_port, MODEL, ROOT, send, start_actions, start_rasa, texts, trained_model, VENV_BIN

pytestmark = pytest.mark.model
TOKEN = "staff-model-test-token-123456"
NONSENSE = "zorp blick quandle frim"


@pytest.fixture(scope="module")
def talked(tmp_path_factory, content_bundle):
    """The trained bot (Rasa + actions, SQLite tracker store) after four people used it; its tracker store's URL."""
    trained_model()
    work = tmp_path_factory.mktemp("staff-model")
    ports = {"rasa": free_port(), "actions": free_port()}
    actions = start_actions(ports["actions"], work / "actions.log", content_db(work, content_bundle))
    rasa = start_rasa(ports["rasa"], ports["actions"], work, MODEL)
    try:
        port = ports["rasa"]
        assert "Methadone" in texts(send(port, "asker", "what is methadone"))
        send(port, "asker", "what is naloxone")
        send(port, "asker", "how long does withdrawal last")
        assert "911" in texts(send(port, "helper", "my boyfriend overdosed and hes not breathing"))
        send(port, "helper", "yes he is breathing now")  # the answer to the check-in
        send(port, "lost", NONSENSE)
        send(port, "lost", "call me on 617-555-0100 " + NONSENSE)
        send(port, "planner", "help me make a plan for my son")
    finally:
        rasa.stop()
        actions.stop()
    return f"sqlite:///{work / 'tracker.db'}", work


def test_the_page_shows_what_the_people_did(talked):
    engine = create_db_engine(talked[0])
    today = dt.datetime.now(dt.timezone.utc).date()
    u = summarise(engine, Period(today - dt.timedelta(days=1), today))
    assert sum(u.messages.values()) == 8 and u.total_conversations == 4
    assert {"ask_methadone", "ask_naloxone"} <= set(u.topics)
    assert sum(u.crisis["overdose"].values()) == 1
    assert u.check_in_asked["overdose"] == 1 and u.check_in_answered["overdose"] == 1
    assert u.flows_started["loved_one_form"] == 1
    assert u.channels == {"rest": 8}
    queued = [q.text for q in u.queue]
    assert NONSENSE in queued and f"call me on [phone] {NONSENSE}" in queued
    assert all("617-555-0100" not in text for text in queued)

    site = StaffSite(TOKEN, engine)
    page = site.handle("GET", "/staff", {"Authorization": f"Bearer {TOKEN}"}).body.decode()
    assert "<strong>&lt; 5</strong> conversations, <strong>8</strong> messages" in page
    assert page.count('<img class="chart"') == 7 and NONSENSE in page
    engine.dispose()


def test_their_conversations_exported_as_test_stories_pass_rasa_test_core(talked):
    url, work = talked
    stories = work / "stories"
    stories.mkdir()
    for sender in ("asker", "helper", "lost", "planner"):
        assert main(["review", "story", sender, "--tracker-url", url, "--out", str(stories / f"{sender}.yml")]) == 0
    result = subprocess.run(
        [str(VENV_BIN / "rasa"), "test", "core", "-m", str(MODEL), "--stories", str(stories), "--out", str(work / "core"),
         "--fail-on-prediction-errors"], cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "Correct:" in result.stdout + result.stderr
