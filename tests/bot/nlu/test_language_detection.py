"""Language of a message (lingua): clear English or Spanish sets it; short or mixed messages do not."""

from __future__ import annotations

import pytest

from bot.nlu.language_detection import detect_language, requested_language


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


@pytest.mark.parametrize(
    "text,lang",
    [("Español", "es"), ("en español por favor", "es"), ("hablas español?", "es"), ("no hablo inglés", "es"),
     ("English please", "en"), ("in english", "en"), ("Inglés", "en")],
)
def test_asking_for_a_language_sets_it_even_in_one_word(text, lang):
    assert requested_language(text) == lang


@pytest.mark.parametrize("text", ["no entiendo el inglés de mi hijo", "my english teacher uses", "si", "", None])
def test_a_language_named_inside_a_sentence_is_not_a_request(text):
    assert requested_language(text) is None
