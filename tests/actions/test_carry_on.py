"""action_carry_on: after "no, everyone is safe", the bot answers what the person had asked."""

from __future__ import annotations

from actions.carry_on import ActionCarryOn


def _check(held):
    guard = {"decision": "check", "held_intent": held}
    return {"event": "user", "text": "...", "parse_data": {"intent": {"name": "check_danger"}, "crisis_guard": guard}}


async def test_the_held_topic_is_answered(store, dispatcher, tracker_for):
    events = await ActionCarryOn().run(dispatcher, tracker_for("deny", "no", events=[_check("ask_withdrawal_symptoms")]), {})
    assert "Thank you for letting me know" in dispatcher.messages[0]["text"]
    assert "withdrawal" in dispatcher.messages[1]["text"].lower()
    assert {"event": "slot", "name": "last_topic", "value": "ask_withdrawal_symptoms", "timestamp": None} in events


async def test_without_a_topic_it_asks_what_they_want_to_know(store, dispatcher, tracker_for):
    await ActionCarryOn().run(dispatcher, tracker_for("deny", "no", events=[_check("out_of_scope")]), {})
    assert dispatcher.messages[0]["response"] == "utter_what_topic"
