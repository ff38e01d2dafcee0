"""The "helping a loved one" form: validation of each answer, the plan, and the danger path."""

from __future__ import annotations

from rasa_sdk.events import FollowupAction, SlotSet

from actions.loved_one_form import ValidateLovedOneForm
from actions.loved_one_plan import ActionLovedOnePlan
from bot.flows.loved_one_plan import build_plan

DOMAIN_SLOTS = ["lo_person", "lo_in_danger", "lo_noticed", "lo_talked"]


def test_person_from_the_lexicon_keeps_the_users_word(dispatcher, tracker_for):
    tracker = tracker_for(None, "my stepdaughter", entities=[{"entity": "relation", "value": "child", "start": 3, "end": 15}])
    result = ValidateLovedOneForm().validate_lo_person("child", dispatcher, tracker, {})
    assert result == {"lo_person": "stepdaughter", "loved_one": "stepdaughter", "relation": "child"}


def test_short_free_answer_is_accepted(dispatcher, tracker_for):
    result = ValidateLovedOneForm().validate_lo_person("a neighbour kid", dispatcher, tracker_for(None, "a neighbour kid"), {})
    assert result["lo_person"] == "neighbour kid"


def test_long_rambling_answer_is_asked_again(dispatcher, tracker_for):
    text = "well it is complicated because there are a few people"
    result = ValidateLovedOneForm().validate_lo_person(text, dispatcher, tracker_for(None, text), {})
    assert result == {"lo_person": None}
    assert "a word or two" in dispatcher.messages[0]["text"]


def test_asking_for_oneself_is_redirected(dispatcher, tracker_for):
    tracker = tracker_for(None, "myself", entities=[{"entity": "relation", "value": "self", "start": 0, "end": 6}])
    assert ValidateLovedOneForm().validate_lo_person("self", dispatcher, tracker, {}) == {"lo_person": None}
    assert "where do I start" in dispatcher.messages[0]["text"]


def test_noticed_is_bounded(dispatcher, tracker_for):
    result = ValidateLovedOneForm().validate_lo_noticed("x" * 5000, dispatcher, tracker_for(None, "x"), {})
    assert len(result["lo_noticed"]) == 500


async def test_danger_ends_the_questions_early(dispatcher, tracker_for):
    tracker = tracker_for("affirm", "yes", slots={"lo_person": "son", "lo_in_danger": True})
    assert await ValidateLovedOneForm().required_slots(DOMAIN_SLOTS, dispatcher, tracker, {}) == ["lo_person", "lo_in_danger"]
    tracker = tracker_for("deny", "no", slots={"lo_person": "son", "lo_in_danger": False})
    assert await ValidateLovedOneForm().required_slots(DOMAIN_SLOTS, dispatcher, tracker, {}) == DOMAIN_SLOTS


async def test_plan_is_personal_sourced_and_resets_the_form(store, dispatcher, tracker_for):
    slots = {"lo_person": "son", "lo_in_danger": False, "lo_noticed": "sleeps all day", "lo_talked": False}
    events = await ActionLovedOnePlan().run(dispatcher, tracker_for("deny", "not yet", slots=slots), {})
    text = dispatcher.messages[0]["text"]
    assert text.startswith("Here is a short plan for helping your son.")
    assert "not a clinical assessment" in text
    for needle in ("Talking:", "Boundaries:", "Naloxone:", "Your own support:", "1-800-662-4357", "Sources:"):
        assert needle in text
    assert "your son's life" in text  # "your loved one" personalised
    assert SlotSet("lo_person", None) in events and SlotSet("lo_talked", None) in events


def test_plan_acknowledges_a_talk_that_already_happened(store):
    assert "Keep talking: you've already raised it, which takes courage. Choose a calm" in build_plan(store, "wife", talked=True)
    assert "Keep talking" not in build_plan(store, "wife", talked=False)


async def test_in_danger_gets_crisis_guidance_and_the_check_in(store, dispatcher, tracker_for):
    slots = {"lo_person": "daughter", "lo_in_danger": True}
    events = await ActionLovedOnePlan().run(dispatcher, tracker_for("affirm", "yes", slots=slots), {})
    assert dispatcher.messages[0]["response"] == "utter_crisis_danger"
    assert FollowupAction("utter_ask_safe") in events


async def test_level_of_care_action_sends_suggestions_and_resets(dispatcher, tracker_for):
    from actions.level_of_care import ActionLevelOfCare

    slots = {"loc_withdrawal": True, "loc_medical": False, "loc_mental": True, "loc_home": True,
             "loc_history": False, "loc_duties": True}
    events = await ActionLevelOfCare().run(dispatcher, tracker_for("deny", "no", slots=slots), {})
    msg = dispatcher.messages[0]
    assert "Medically managed withdrawal" in msg["text"] and "Partial hospitalization" in msg["text"]
    assert {"title": "Finding treatment", "payload": "/ask_find_treatment"} in msg["buttons"]
    assert SlotSet("loc_withdrawal", None) in events
