"""The deterministic safety net: slang, typos, third person, indirect language; not questions or idioms."""

from __future__ import annotations

import pytest

from bot.crisis import get_detector, normalize


@pytest.fixture(scope="module")
def detector():
    return get_detector()


@pytest.mark.parametrize(
    "text,kind",
    [
        ("he's not breathing", "overdose"),
        ("my friend OD'd", "overdose"),
        ("she od’d in the car", "overdose"),
        ("nodding out and won't wake up", "overdose"),
        ("his lips are turning blue", "overdose"),
        ("my son isnt breathin", "overdose"),  # typo
        ("he is not breating", "overdose"),  # typo, one edit away
        ("OVERDOSE HAPPENING RIGHT NOW", "overdose"),
        ("i want to help my friend, he is not breathing", "overdose"),
        ("everyone would be better off without me", "suicide"),
        ("I have a plan", "suicide"),
        ("im gonna end it", "suicide"),
        ("i'm going to take all my pills tonight and not wake up", "suicide"),
        ("my daughter is suicidal", "suicide"),
        ("my friend is having a seizure", "medical"),
        ("i can't keep any water down for 2 days", "medical"),
        ("he collapsed and is having a seizure", "medical"),
        ("my arm is swollen and hot and i have a fever", "medical"),
    ],
)
def test_crisis_is_detected(detector, text, kind):
    match = detector.detect(text)
    assert match is not None, text
    assert match.kind == kind
    assert match.intent == f"crisis_{kind}"


@pytest.mark.parametrize(
    "text",
    [
        "what are the signs of an overdose?",
        "how do i know if someone is overdosing",
        "I'm dying to know how methadone works",
        "can withdrawal cause seizures?",
        "my brother overdosed last year",
        "i overdosed years ago and now i'm in recovery",
        "i have a plan to quit next week",
        "collapsed veins from injecting",
        "this craving is killing me",
        "what is naloxone",
    ],
)
def test_topic_questions_and_figures_of_speech_do_not_fire(detector, text):
    assert detector.detect(text) is None, text


def test_negation_is_not_a_crisis_and_is_recorded(detector):
    analysis = detector.analyse("I'm not suicidal, just tired")
    assert analysis.matches == ()
    assert ("suicide", "negation") in analysis.vetoed
    assert analysis.ruled_out()


def test_past_event_is_ruled_out(detector):
    analysis = detector.analyse("my son overdosed two years ago")
    assert analysis.matches == () and analysis.ruled_out()


def test_urgency_beats_a_question_marker(detector):
    assert detector.detect("what do i do if hes not breathing right now").kind == "overdose"


@pytest.mark.parametrize("text", ["", "   ", "\x00\x01\x02", "🙂" * 50, "a" * 100_000, "<script>alert(1)</script>", None, 42])
def test_odd_input_never_crashes(detector, text):
    assert detector.detect(text) is None


def test_crisis_at_the_start_of_a_huge_message_is_still_found(detector):
    assert detector.detect("he's not breathing " + "x " * 50_000).kind == "overdose"


def test_normalize_spells_out_slang_and_drops_apostrophes():
    assert normalize("He OD'd, won’t wake") == "he overdosed, wont wake"
    assert normalize("helppp") == "help"
