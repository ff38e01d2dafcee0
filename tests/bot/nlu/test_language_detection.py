"""Language of a message (lingua): clear English or Spanish sets it; short or mixed messages do not."""

from __future__ import annotations

import pytest

from bot.nlu.language_detection import detect_language


@pytest.mark.parametrize(
    "text,lang",
    [
        ("mi hermano no respira, que hago", "es"),
        ("ya no quiero vivir", "es"),
        ("necesito ayuda con la abstinencia de heroina", "es"),
        ("what is suboxone and how does it work", "en"),
        ("my son has been using fentanyl for a year", "en"),
    ],
)
def test_clear_messages_get_their_language(text, lang):
    assert detect_language(text) == lang


@pytest.mark.parametrize("text", ["si", "ok", "", None, "🙂🙂"])
def test_short_or_empty_messages_leave_the_language_alone(text):
    assert detect_language(text) is None
