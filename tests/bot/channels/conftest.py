"""A real Rasa server with Slack and Telegram turned on, talking to a fake platform API on loopback."""

from __future__ import annotations

import pytest

from tests.fake_platform_api import FakePlatformAPI
from tests.servers import content_db, free_port, MODEL, start_actions, start_rasa, trained_model

SLACK_SECRET = "test-signing-secret"
TELEGRAM_SECRET = "test-telegram-secret"
RATE_LIMIT = 6  # messages per minute per conversation, low so the test reaches it quickly
TELEGRAM_TOKEN = "123456789:AAF-test-token-not-real_0123456789ab"


@pytest.fixture(scope="package")
def platform_api():
    """The fake Slack/Telegram API; calls are cleared before each test that uses ``channel_stack``."""
    api = FakePlatformAPI()
    url = api.start()
    yield api, url
    api.stop()


@pytest.fixture(scope="package")
def channel_stack(tmp_path_factory, content_bundle, platform_api):
    """Rasa + action server with both connectors configured from the environment."""
    trained_model()
    api, url = platform_api
    work = tmp_path_factory.mktemp("channels")
    db_url = content_db(work, content_bundle)
    ports = {"rasa": free_port(), "actions": free_port()}
    env = {
        "SLACK_BOT_TOKEN": "xoxb-test", "SLACK_SIGNING_SECRET": SLACK_SECRET, "SLACK_API_URL": url + "/slack/",
        "RATE_LIMIT_PER_SENDER": str(RATE_LIMIT),
        "TELEGRAM_TOKEN": TELEGRAM_TOKEN, "TELEGRAM_SECRET_TOKEN": TELEGRAM_SECRET, "TELEGRAM_API_URL": url + "/telegram",
    }
    actions = start_actions(ports["actions"], work / "actions.log", db_url)
    rasa = start_rasa(ports["rasa"], ports["actions"], work, MODEL, env=env)
    yield {"port": ports["rasa"], "api": api, "work": work}
    rasa.stop()
    actions.stop()
