"""The fence around our Rasa extensions: a Rasa other than 3.6 stops the bot, and the patch is in place."""

from __future__ import annotations

import pytest

import bot.rasa_ext as rasa_ext
from bot.rasa_ext import UnsupportedRasaVersion, require_supported_rasa


def test_the_pinned_rasa_line_is_accepted():
    require_supported_rasa("3.6.21")
    require_supported_rasa()  # the Rasa installed here


@pytest.mark.parametrize("version", ["3.7.0", "4.0.1", "3.5.17"])
def test_another_rasa_release_fails_loudly_and_says_what_to_recheck(version):
    with pytest.raises(UnsupportedRasaVersion, match=f"found Rasa {version}.*_validate_action_result"):
        require_supported_rasa(version)


def test_importing_the_package_puts_the_cached_validator_in_place_and_it_still_rejects_bad_responses():
    from rasa.core.actions.action import RemoteAction

    rasa_ext.install()  # idempotent: a second call changes nothing
    assert RemoteAction._validate_action_result.__module__ == "bot.rasa_ext.action_validation"
    action = RemoteAction("action_x", None)
    assert action._validate_action_result({"events": [], "responses": []}) is True
    with pytest.raises(Exception):
        action._validate_action_result({"events": "not a list", "responses": []})
